"""The learner's nation choice, on the build side: every line of the crisis box and every row of a
nation table says which nation it is for (``course-place-<id>``), so the browser can show a
learner only theirs (js/site/nation-choice.js); the browser knows the same nations as
data/nations.yml; and the built pages keep all four nations in their HTML (no JavaScript, the
EPUB and print show every nation). The browser side is tests/browser/test_nation_choice.py."""

from __future__ import annotations

import re

import pytest
from docutils import nodes

from paths import ROOT, SCRATCH_PAGE, SITE
from selfhelp_course.course.facts import facts
from selfhelp_course.course.nations import (
    EVERYWHERE,
    NATION_IDS,
    carers_table,
    children_table,
    crisis_markdown,
    crisis_places,
    crisis_table,
    crisis_table_places,
    law_table_places,
    load_nations,
)
from selfhelp_course.site.nation_marks import NationMarkError, mark_box, mark_table, places_by_name

NATION_JS = ROOT / "src" / "selfhelp_course" / "js" / "lib" / "nation.js"


def test_the_browser_knows_the_nations_of_the_data_file_by_the_same_ids_and_names():
    # js/lib/nation.js takes NATIONS and EVERYWHERE from the generated facts (lib/facts.js), which
    # _facts.facts() reads from data/nations.yml: the pairs the browser gets, and no copy in JS.
    pairs = [(nation["id"], nation["name"]) for nation in facts(ROOT)["nations"]]
    data = load_nations(ROOT)
    assert pairs == [(nation["id"], nation["name"]) for nation in data["nations"]]
    assert [pair[0] for pair in pairs] == list(NATION_IDS)
    assert facts(ROOT)["everywhere"] == EVERYWHERE
    script = NATION_JS.read_text(encoding="utf-8")
    assert 'from "./facts.js"' in script and not re.search(r"\{ id: \"[a-z-]+\", name: \"", script)
    assert f'"{EVERYWHERE}"' not in script


def test_each_line_and_row_is_placed_in_the_nation_it_names():
    data = load_nations(ROOT)
    names = {nation["id"]: nation["name"] for nation in data["nations"]}
    lines = crisis_markdown(data).splitlines()
    places = crisis_places(data)
    assert len(lines) == len(places) and places.count(EVERYWHERE) == len(data["everywhere"]["crisis"])
    for line, place in zip(lines, places, strict=True):
        if place != EVERYWHERE:
            assert line.startswith(f"- **{names[place]}:**"), (place, line)
    for table, where in (
        (crisis_table(data), crisis_table_places(data)),
        (children_table(data), law_table_places(data)),
        (carers_table(data), law_table_places(data)),
    ):
        rows = table.splitlines()[2:]
        assert len(rows) == len(where)
        for row, place in zip(rows, where, strict=True):
            assert row.startswith(f"| {'All four nations' if place == EVERYWHERE else names[place]} |"), (
                place,
                row,
            )


def box_of(count: int) -> list[nodes.Node]:
    box = nodes.admonition()
    box += nodes.title("", "Help now")
    box += nodes.bullet_list(
        "", *[nodes.list_item("", nodes.paragraph("", f"line {n}")) for n in range(count)]
    )
    return [box]


def table_of(count: int) -> list[nodes.Node]:
    body = nodes.tbody(
        "", *[nodes.row("", nodes.entry("", nodes.paragraph("", f"row {n}"))) for n in range(count)]
    )
    return [nodes.container("", nodes.table("", nodes.tgroup("", nodes.thead("", nodes.row()), body)))]


def test_marks_go_on_the_box_and_its_lines_and_on_the_table_and_its_body_rows():
    [box] = mark_box(box_of(3), ["everywhere", "wales", "scotland"])
    assert "course-nations" in box["classes"]
    assert [item["classes"] for item in box.findall(nodes.list_item)] == [
        ["course-place-everywhere"],
        ["course-place-wales"],
        ["course-place-scotland"],
    ]
    [wrapper] = mark_table(table_of(2), ["england", "northern-ireland"])
    table = next(wrapper.findall(nodes.table))
    assert "course-nations" in table["classes"]
    assert [row["classes"] for row in table.findall(nodes.row)] == [
        [],
        ["course-place-england"],
        ["course-place-northern-ireland"],
    ]  # the heading row is not a nation's
    assert mark_box([], ["wales"]) == [] and mark_table([], ["wales"]) == []  # an error already reported


@pytest.mark.parametrize("make,mark", [(box_of, mark_box), (table_of, mark_table)], ids=["box", "table"])
def test_lines_and_places_that_do_not_match_fail_the_build(make, mark):
    with pytest.raises(NationMarkError, match="3 lines for 2 places"):
        mark(make(3), ["wales", "england"])


def built(page: str) -> str:
    path = SITE / f"{page}.html"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make book` first")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["book/safety", "book/wellbeing", "case_studies/carers-group"])
def test_the_built_pages_keep_every_nation_and_mark_each_line(page):
    html = built(page)
    for place in (EVERYWHERE, *NATION_IDS):
        assert f"course-place-{place}" in html, f"{page} has no line for {place}"
    assert re.search(r'<div class="(?=[^"]*\bdistress-support\b)(?=[^"]*\bcourse-nations\b)[^"]*"', html)
    for number in ("999", "116 123", "NHS 111 Wales and press 2", "NHS 24 on 111", "0808 808 8000"):
        assert number in html, f"{page} lost {number}"
    assert "course-nation-other" not in html  # nothing is hidden until a learner chooses, in a browser
    assert "nation-choice.js" in html


def named_table(*firsts: str) -> nodes.table:
    rows = [
        nodes.row("", nodes.entry("", nodes.paragraph("", first)), nodes.entry("", nodes.paragraph("", "x")))
        for first in firsts
    ]
    return nodes.table("", nodes.tgroup("", nodes.thead("", nodes.row()), nodes.tbody("", *rows)))


def test_a_pages_own_table_is_placed_by_the_nation_its_first_column_names():
    names = {nation["name"]: nation["id"] for nation in load_nations(ROOT)["nations"]}
    table = named_table("All four nations", "Northern Ireland", "Wales")
    assert places_by_name(table, names) == ["everywhere", "northern-ireland", "wales"]
    with pytest.raises(NationMarkError, match="a row starts 'Ulster'"):
        places_by_name(named_table("Wales", "Ulster"), names)


NATION_ROWS = """
```{nation-rows}
| Nation | Who regulates social workers |
|---|---|
| England | Social Work England |
| Scotland | the SSSC |
| All four nations | (a row for everywhere) |
```
"""


@pytest.mark.parametrize(
    "first,error",
    [("Scotland", None), ("Caledonia", "a row starts 'Caledonia'")],
    ids=["marked", "unknown-nation"],
)
def test_nation_rows_marks_a_table_written_on_a_page_and_refuses_an_unknown_nation(
    scratch_book, first, error
):
    page = SCRATCH_PAGE.format(code="1").replace(
        "# Page\n", "# Page\n" + NATION_ROWS.replace("| Scotland |", f"| {first} |"), 1
    )
    result = scratch_book("1", activities=True, files={"index.md": page})
    if error:
        assert result.returncode != 0 and error in result.stdout + result.stderr
        return
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (scratch_book.book / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<table class="[^"]*\bcourse-nations\b', html)
    assert re.findall(r'<tr class="course-place-([a-z-]+)', html) == ["england", "scotland", "everywhere"]


def test_only_pages_with_a_crisis_box_or_nation_table_load_the_nation_script():
    assert "nation-choice.js" in built("book/safety")
    assert "course-nations" not in built("book/commissioners")
    assert "nation-choice.js" not in built("book/commissioners")
