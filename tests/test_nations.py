"""data/nations.yml: four nations in order, every fact cited from references.bib, and a bad file
fails with its file, line and field."""

from __future__ import annotations

import re
import shutil

import pytest

from paths import ROOT
from selfhelp_course.course.nations import (
    NATION_IDS,
    carers_table,
    children_table,
    crisis_table,
    load_nations,
)
from selfhelp_course.errors import ContentError


def copy_course(tmp_path, nations: str):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "nations.yml").write_text(nations, encoding="utf-8")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path


def real() -> str:
    return (ROOT / "data" / "nations.yml").read_text(encoding="utf-8")


def test_the_real_file_lists_the_four_nations_with_crisis_child_and_carer_routes_each():
    data = load_nations(ROOT)
    assert [n["id"] for n in data["nations"]] == list(NATION_IDS)
    for nation in data["nations"]:
        assert nation["crisis"]
        for field in ("children", "carers"):
            assert nation[field]["route"] and nation[field]["basis"] and nation[field]["cite"]


def test_englands_carers_route_says_section_10_is_for_carers_of_adults():
    england = load_nations(ROOT)["nations"][0]["carers"]
    assert "carer of an adult" in england["route"] and "section 10 (carers of adults)" in england["basis"]
    assert "young carer" in england["route"] and "parent" in england["route"]


def test_tables_name_every_nation_and_cite_each_row():
    data = load_nations(ROOT)
    for table in (crisis_table(data), children_table(data), carers_table(data)):
        rows = list(table.splitlines()[2:])
        assert all("{cite:p}`" in row for row in rows)
        for nation in ("England", "Wales", "Scotland", "Northern Ireland"):
            assert f"| {nation} |" in table


def test_northern_ireland_is_never_sent_to_nhs_111():
    nation = load_nations(ROOT)["nations"][3]
    assert "no NHS 111" in nation["crisis"][0]["route"]
    assert not re.search(r"\bcall NHS 111\b", " ".join(r["route"] for r in nation["crisis"]), re.I)


def test_an_unknown_source_is_refused_with_its_line(tmp_path):
    text = real().replace("cite: [wales_111_press_2]", "cite: [no_such_source]")
    root = copy_course(tmp_path, text)
    line = text.splitlines().index(next(row for row in text.splitlines() if "no_such_source" in row)) + 1
    with pytest.raises(ContentError) as error:
        load_nations(root)
    assert error.value.line == line and "no_such_source" in str(error.value)
    assert str(error.value).startswith(str(root / "data" / "nations.yml"))


def test_nations_out_of_order_are_refused(tmp_path):
    text = real().replace("id: wales", "id: scotland-first", 1)
    with pytest.raises(ContentError, match=r"nations\[1\]\.id"):
        load_nations(copy_course(tmp_path, text))


def test_a_missing_child_route_is_refused(tmp_path):
    text = re.sub(r"(  - id: scotland\n(?:.*\n)*?)    children:\n(?:      .*\n)+", r"\1", real(), count=1)
    with pytest.raises(ContentError, match=r"children: is missing"):
        load_nations(copy_course(tmp_path, text))
