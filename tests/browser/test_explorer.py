"""The well-being explorer on the built site, used as a learner would: offline, no kernel.

Every number the explorer shows is checked against data/ons4_illustrative.csv, banded here with
selfhelp_course.course.ons4.ons4_band (the one definition of the ONS bands).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from contextlib import contextmanager
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import expect

from paths import ROOT
from selfhelp_course.course.facts import EXPLORER_ID, META_KEY, STORAGE_PREFIX, storage_key
from selfhelp_course.course.ons4 import QUESTION_KEYS, QUESTIONS, band_labels, change_direction, ons4_band

PAGE = "notebooks/wellbeing-data.html"
STORE_KEY = storage_key("explorer", EXPLORER_ID)
VIEWS = {
    "bands": "Bands before and after",
    "change": "Each member's change",
    "scores": "Scores before and after",
}
TEXT = yaml.safe_load((ROOT / "data" / "activities" / "wellbeing-explorer.yml").read_text(encoding="utf-8"))
SUMMARY_COUNT = re.compile(r"of (?:all |the )?(\d+) members?\b")


def answers() -> dict[str, dict[str, dict[str, int]]]:
    """{member: {"before": {question: score}, "after": {...}}} from the CSV."""
    found: dict[str, dict[str, dict[str, int]]] = {}
    with (ROOT / "data" / "ons4_illustrative.csv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            found.setdefault(record["member"], {})[record["time"]] = {
                key: int(record[key]) for key in QUESTION_KEYS
            }
    return found


ANSWERS = answers()


def members_starting_in(question: str, band: str | None) -> list[str]:
    return [
        m
        for m, times in ANSWERS.items()
        if band is None or ons4_band(question, times["before"][question]) == band
    ]


def band_counts(question: str, members: list[str]) -> list[list[str]]:
    rows = []
    for band in band_labels(question):
        before = sum(ons4_band(question, ANSWERS[m]["before"][question]) == band for m in members)
        after = sum(ons4_band(question, ANSWERS[m]["after"][question]) == band for m in members)
        change = after - before
        rows.append([band, str(before), str(after), f"+{change}" if change > 0 else str(change)])
    return rows


@pytest.fixture
def url(site_url):
    return urljoin(site_url, PAGE)


def explorer(page):
    return page.locator('.wbx[data-explorer-id="wellbeing"]')


def question_select(page):
    return explorer(page).get_by_label("Question (one at a time)")


def band_select(page):
    return explorer(page).get_by_label("Members who started in band")


def table_cells(page) -> list[list[str]]:
    return (
        explorer(page)
        .locator("table tbody tr")
        .evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")
    )


def snapshot(page) -> tuple[str, str]:
    """What the chart and the table show right now."""
    box = explorer(page)
    return box.locator(".wbx-chart svg").evaluate("svg => svg.outerHTML"), box.locator("table").inner_text()


def summary_count(page) -> int:
    text = explorer(page).locator(".wbx-summary").inner_text()
    match = SUMMARY_COUNT.search(text)
    assert match, text
    return int(match.group(1))


def open_explorer(watched, url):
    page = watched.open(url)
    expect(explorer(page).locator(".wbx-chart svg")).to_be_visible()
    return page


def test_renders_labelled_illustrative_with_caveats_visible(watched, url):
    page = open_explorer(watched, url)
    box = explorer(page)
    badge = box.locator(".wbx-badge")
    expect(badge).to_have_text("ILLUSTRATIVE DATA")
    expect(badge).to_be_visible()
    expect(box.locator(".wbx-introduction")).to_have_text(" ".join(TEXT["introduction"].split()))
    # The label comes before the controls and the chart.
    assert (
        box.locator(".wbx-illustrative").bounding_box()["y"] < box.locator("select").first.bounding_box()["y"]
    )
    items = box.locator(".wbx-caveats li")
    expect(items).to_have_count(len(TEXT["caveats"]))
    for index, caveat in enumerate(TEXT["caveats"]):
        expect(items.nth(index)).to_have_text(caveat)
        expect(items.nth(index)).to_be_visible()
    # The caveats sit under the chart.
    assert items.first.bounding_box()["y"] > box.locator(".wbx-chart svg").bounding_box()["y"]
    expect(box.locator("table caption")).to_contain_text("Illustrative data (made up)")
    assert watched.errors == []


def test_chart_is_an_image_with_a_summary_for_screen_readers(watched, url):
    page = open_explorer(watched, url)
    svg = explorer(page).locator(".wbx-chart svg")
    expect(svg).to_have_attribute("role", "img")
    label = svg.get_attribute("aria-label")
    assert label and "Illustrative" in label and QUESTIONS["life_satisfaction"].label in label
    assert svg.get_attribute("viewBox") and svg.get_attribute("width") == "100%"
    # The band counts read out in the label are the CSV's.
    for band, before, after, _ in band_counts("life_satisfaction", list(ANSWERS)):
        assert f"{band}: {before} before, {after} after" in label
    summary = explorer(page).locator(".wbx-summary")
    expect(summary).to_have_attribute("role", "status")
    expect(summary).to_have_attribute("aria-live", "polite")


def test_keyboard_alone_reaches_every_question_and_view_and_the_chart_changes(watched, url):
    page = open_explorer(watched, url)
    box = explorer(page)
    seen = {}
    question_select(page).focus()
    for q_index, key in enumerate(QUESTION_KEYS):
        if q_index:
            question_select(page).focus()
            page.keyboard.press("ArrowDown")
        expect(question_select(page)).to_have_value(key)
        expect(box.locator(".wbx-summary")).to_contain_text(QUESTIONS[key].label)
        # Tab to the view radios (focus lands on the checked one), then arrow through them.
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.value")
        order = list(VIEWS)
        while focused != "bands":
            page.keyboard.press("ArrowDown")
            focused = page.evaluate("document.activeElement.value")
        for v_index, view in enumerate(order):
            if v_index:
                page.keyboard.press("ArrowDown")
            expect(box.get_by_label(VIEWS[view], exact=True)).to_be_checked()
            expect(box.locator(".wbx-chart svg")).to_have_attribute(
                "aria-label", re.compile(re.escape(QUESTIONS[key].label))
            )
            seen[(key, view)] = snapshot(page)
    assert len(seen) == 12
    charts = {chart for chart, _ in seen.values()}
    tables = {table for _, table in seen.values()}
    assert len(charts) == 12 and len(tables) == 12, "every question and view draws its own chart and table"
    assert watched.errors == []


def test_band_tables_match_the_csv_for_every_question(watched, url):
    page = open_explorer(watched, url)
    box = explorer(page)
    box.get_by_label(VIEWS["bands"], exact=True).check()
    for key in QUESTION_KEYS:
        question_select(page).select_option(key)
        expect(box.locator("table caption")).to_contain_text(QUESTIONS[key].label)
        assert table_cells(page) == band_counts(key, list(ANSWERS)), key


def test_score_and_member_tables_match_the_csv(watched, url):
    page = open_explorer(watched, url)
    box = explorer(page)
    question_select(page).select_option("anxiety")
    box.get_by_label(VIEWS["scores"], exact=True).check()
    before = Counter(times["before"]["anxiety"] for times in ANSWERS.values())
    after = Counter(times["after"]["anxiety"] for times in ANSWERS.values())
    assert table_cells(page) == [[str(s), str(before[s]), str(after[s])] for s in range(11)]

    box.get_by_label(VIEWS["change"], exact=True).check()
    shown = {cells[0]: cells for cells in table_cells(page)}
    assert set(shown) == set(ANSWERS)
    for member, times in ANSWERS.items():
        b, a = times["before"]["anxiety"], times["after"]["anxiety"]
        assert shown[member][1:5] == [str(b), ons4_band("anxiety", b), str(a), ons4_band("anxiety", a)]
        assert int(shown[member][5]) == a - b
        # Anxiety is reversed: a fall is "better".
        assert shown[member][6] == change_direction("anxiety", b, a)
    scores_before = [int(cells[1]) for cells in table_cells(page)]
    assert scores_before == sorted(scores_before), "members are sorted by their score before"


def test_summary_sentence_counts_band_moves_from_the_csv(watched, url):
    page = open_explorer(watched, url)
    question_select(page).select_option("happiness")
    order = band_labels("happiness")
    moves = Counter()
    for times in ANSWERS.values():
        step = order.index(ons4_band("happiness", times["after"]["happiness"])) - order.index(
            ons4_band("happiness", times["before"]["happiness"])
        )
        moves["better" if step > 0 else "worse" if step < 0 else "same"] += 1
    expect(explorer(page).locator(".wbx-summary")).to_contain_text(
        f"of all 24 members, {moves['better']} moved to a better band, {moves['same']} stayed in the "
        f"same band and {moves['worse']} moved to a worse band"
    )


def test_nothing_offers_a_total_of_the_four_questions(watched, url):
    page = open_explorer(watched, url)
    box = explorer(page)
    options = question_select(page).locator("option").all_inner_texts()
    assert options == [QUESTIONS[key].label for key in QUESTION_KEYS]
    choices = box.locator("option, label, legend").all_inner_texts()
    for key in QUESTION_KEYS:
        question_select(page).select_option(key)
        choices += box.locator("option, label, legend").all_inner_texts()
    offending = [c for c in choices if re.search(r"total|\bsum|combined|overall|all four|added", c, re.I)]
    assert offending == []
    assert box.locator("input[type=checkbox], select[multiple]").count() == 0


def test_band_filter_changes_the_members_counted(watched, url):
    page = open_explorer(watched, url)
    box = explorer(page)
    expect(box.locator(".wbx-summary")).to_contain_text("of all 24 members")
    assert band_select(page).locator("option").all_inner_texts() == [
        "all members",
        *band_labels("life_satisfaction"),
    ]
    starting_low = members_starting_in("life_satisfaction", "low")
    assert 0 < len(starting_low) < 24
    band_select(page).select_option("low")
    expect(box.locator(".wbx-summary")).to_contain_text(f"the {len(starting_low)} member")
    assert summary_count(page) == len(starting_low)
    assert table_cells(page) == band_counts("life_satisfaction", starting_low)
    box.get_by_label(VIEWS["change"], exact=True).check()
    assert sorted(cells[0] for cells in table_cells(page)) == sorted(starting_low)
    assert {cells[2] for cells in table_cells(page)} == {"low"}
    # Anxiety has its own bands; changing question starts the filter afresh.
    question_select(page).select_option("anxiety")
    expect(band_select(page)).to_have_value("all")
    assert band_select(page).locator("option").all_inner_texts() == ["all members", *band_labels("anxiety")]
    expect(box.locator(".wbx-summary")).to_contain_text("of all 24 members")
    high = members_starting_in("anxiety", "high")
    band_select(page).select_option("high")
    expect(box.locator(".wbx-summary")).to_contain_text(f"the {len(high)} member")


def test_reload_restores_the_last_view(watched, url):
    page = open_explorer(watched, url)
    box = explorer(page)
    question_select(page).select_option("anxiety")
    box.get_by_label(VIEWS["change"], exact=True).check()
    band_select(page).select_option("high")
    expect(box.locator(".wbx-summary")).to_contain_text("started in the high band")
    _chart, table = snapshot(page)
    page.reload()
    box = explorer(page)
    expect(box.locator(".wbx-chart svg")).to_be_visible()
    expect(question_select(page)).to_have_value("anxiety")
    expect(box.get_by_label(VIEWS["change"], exact=True)).to_be_checked()
    expect(band_select(page)).to_have_value("high")
    expect(box.locator(".wbx-summary")).to_contain_text("started in the high band")
    assert snapshot(page)[1] == table
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))
    assert saved["v"] == 2 and saved["page"] == "notebooks/wellbeing-data"
    assert saved["question"] == "anxiety" and saved["view"] == "change" and saved["band"] == "high"
    assert saved["complete"] is False and saved["attempted"] is True and saved["updated"]


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem('{STORE_KEY}')")
    return json.loads(raw) if raw else None


def test_complete_once_all_four_questions_have_been_looked_at(watched, url):
    page = open_explorer(watched, url)
    box = explorer(page)
    expect(box.locator(".wbx-progress")).to_contain_text("1 of 4")
    assert stored(page) is None, "only looking at the first chart is not an attempt"
    for key in QUESTION_KEYS[1:3]:
        question_select(page).select_option(key)
    saved = stored(page)
    assert saved["complete"] is False and saved["attempted"] is True
    expect(box.locator(".wbx-progress")).to_contain_text("3 of 4")
    question_select(page).select_option("anxiety")
    saved = stored(page)
    assert saved["complete"] is True and saved["seen"] == dict.fromkeys(QUESTION_KEYS, True)
    expect(box.locator(".wbx-progress")).to_contain_text("all 4 questions")
    page.reload()
    expect(explorer(page).locator(".wbx-progress")).to_contain_text("all 4 questions")


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_serious_accessibility_violation_in_each_view(watched, url, axe, view):
    page = open_explorer(watched, url)
    box = explorer(page)
    box.get_by_label(VIEWS[view], exact=True).check()
    band_select(page).select_option("medium")
    expect(box.locator(".wbx-summary")).to_contain_text("medium band")
    serious = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)


@contextmanager
def phone(browser, url, width: int, height: int):
    """The explorer's page in a fresh browser with a phone-sized screen."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(url)
        expect(explorer(page).locator(".wbx-chart svg")).to_be_visible()
        yield page
    finally:
        context.close()


def test_fits_a_phone_screen_with_text_at_a_readable_size(browser, url):
    with phone(browser, url, 360, 740) as page:
        box = explorer(page)
        svg = box.locator(".wbx-chart svg")
        for view in VIEWS.values():
            box.get_by_label(view, exact=True).check()
            width = svg.bounding_box()["width"]
            assert width <= box.bounding_box()["width"]
            drawn = float(svg.get_attribute("viewBox").split()[2])
            assert width / drawn > 0.85, "the chart is drawn for the space it has, not shrunk"


def test_questions_looked_at_in_two_tabs_add_up_and_each_tab_keeps_its_chart(browser, url):
    """Two tabs of one browser: what one tab looks at counts in the other at once, while each
    keeps the question and view its learner chose."""
    context = browser.new_context()
    errors: list[str] = []
    try:
        a, b = context.new_page(), context.new_page()
        for tab in (a, b):
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.goto(url)
            expect(explorer(tab).locator(".wbx-chart svg")).to_be_visible()
        question_select(a).select_option("worthwhile")
        explorer(a).get_by_label(VIEWS["change"], exact=True).check()
        expect(explorer(b).locator(".wbx-progress")).to_contain_text("2 of 4")  # b: life_satisfaction + a's
        question_select(b).select_option("happiness")
        question_select(b).select_option("anxiety")
        expect(explorer(a).locator(".wbx-progress")).to_contain_text("all 4 questions")
        # Tab A still shows what its learner chose.
        expect(question_select(a)).to_have_value("worthwhile")
        expect(explorer(a).get_by_label(VIEWS["change"], exact=True)).to_be_checked()
        expect(explorer(a).locator("table caption")).to_contain_text(QUESTIONS["worthwhile"].label)
        saved = stored(a)
        assert saved["complete"] is True and saved["seen"] == dict.fromkeys(QUESTION_KEYS, True)
        a.reload()
        expect(explorer(a).locator(".wbx-progress")).to_contain_text("all 4 questions")
        # A reload shows the last choice made in any tab.
        expect(question_select(a)).to_have_value("anxiety")
        assert errors == []
    finally:
        context.close()


# What "Clear all data" does (js/lib/store.js clearAll): every course key removed, then the
# clear-all generation bumped, which every tab's store checks before it writes.
CLEAR_ALL = """([prefix, meta]) => {
    Object.keys(localStorage).filter((k) => k.startsWith(prefix) && k !== prefix + meta)
        .forEach((k) => localStorage.removeItem(k));
    const old = JSON.parse(localStorage.getItem(prefix + meta) || '{"generation": 0}');
    localStorage.setItem(prefix + meta, JSON.stringify({generation: old.generation + 1, reason: "cleared",
                                                       at: new Date().toISOString()}));
}"""


def test_clear_all_in_another_tab_starts_the_explorer_afresh_and_says_so(browser, url):
    context = browser.new_context()
    try:
        a, b = context.new_page(), context.new_page()
        a.goto(url)
        for key in QUESTION_KEYS:
            question_select(a).select_option(key)
        expect(explorer(a).locator(".wbx-progress")).to_contain_text("all 4 questions")
        b.goto(url)
        b.evaluate(CLEAR_ALL, [STORAGE_PREFIX, META_KEY])
        expect(explorer(a).locator(".course-notice")).to_contain_text("deleted in another tab")
        expect(question_select(a)).to_have_value(QUESTION_KEYS[0])
        expect(explorer(a).locator(".wbx-progress")).to_contain_text("1 of 4")
        assert stored(a) is None, "the stale tab wrote nothing back"
        question_select(a).select_option(QUESTION_KEYS[1])
        assert stored(a)["seen"] == {QUESTION_KEYS[0]: True, QUESTION_KEYS[1]: True}
    finally:
        context.close()


def test_a_corrupt_saved_view_is_set_aside_and_said_in_words(watched, url):
    page = open_explorer(watched, url)
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', '{{not json')")
    page.reload()
    box = explorer(page)
    expect(box.locator(".course-notice")).to_contain_text("could not be read")
    expect(question_select(page)).to_have_value("life_satisfaction")
    question_select(page).select_option("worthwhile")
    expect(box.locator(".wbx-summary")).to_contain_text("Worthwhile")


def test_with_storage_blocked_the_explorer_still_works_and_says_so(watched, url):
    watched.block_storage()
    page = open_explorer(watched, url)
    box = explorer(page)
    expect(box.locator(".course-notice")).to_contain_text("not letting the course save")
    question_select(page).select_option("happiness")
    expect(box.locator(".wbx-summary")).to_contain_text("Happiness")
    expect(box.locator("table caption")).to_contain_text("Happiness")


def test_markup_in_the_yaml_is_shown_as_text_never_run(watched, url):
    hostile = '<img src=x onerror="window.__pwned=1">'
    caveat = TEXT["caveats"][0]

    watched.serve_with_text_replaced(url, caveat, hostile)
    page = open_explorer(watched, url)
    expect(explorer(page).locator(".wbx-caveats li").first).to_have_text(hostile)
    assert page.evaluate("window.__pwned") is None
    assert explorer(page).locator("img").count() == 0


TEXT_OUTSIDE_CHART = """svg => {
    const box = svg.getBoundingClientRect();
    const holder = svg.parentElement.getBoundingClientRect();
    const outside = [];
    if (box.left < holder.left - 0.5 || box.right > holder.right + 0.5 || box.right > window.innerWidth) {
        outside.push({text: "the chart itself", box: [box.left, box.right, holder.left, holder.right]});
    }
    for (const node of svg.querySelectorAll("text")) {
        const r = node.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
            outside.push({text: node.textContent, box: [r.left - box.left, box.right - r.right, r.top - box.top, box.bottom - r.bottom]});
        }
    }
    return outside;
}"""


def chart_title(key: str, view: str) -> str:
    what = {
        "bands": "members in each band",
        "change": "each member's change",
        "scores": "scores before and after",
    }[view]
    return f"{QUESTIONS[key].label}: {what} ({'higher' if QUESTIONS[key].higher_is_better else 'lower'} is better)"


def test_every_title_and_label_is_inside_the_chart_on_a_375_px_phone(browser, url):
    """Issue 11: the chart titles were clipped at 375 px. Every text of every chart, titles first,
    lies inside the chart's box, and the chart inside its container and the screen."""
    with phone(browser, url, 375, 812) as page:
        box = explorer(page)
        svg = box.locator(".wbx-chart svg")
        checked = 0
        for key in QUESTION_KEYS:
            question_select(page).select_option(key)
            for view in VIEWS:
                box.get_by_label(VIEWS[view], exact=True).check()
                expect(svg).to_have_attribute("aria-label", re.compile(re.escape(QUESTIONS[key].label)))
                lines = svg.locator("text").first.locator("tspan").all_text_contents()
                assert " ".join(lines) == chart_title(key, view), "the whole title is drawn"
                assert svg.evaluate(TEXT_OUTSIDE_CHART) == [], (key, view)
                checked += 1
        assert checked == 12
