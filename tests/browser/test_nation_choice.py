"""The learner's nation, in the built site (issue 20): chosen once, wherever the crisis box or a
nation table is, and followed by every page and every tab; "All four nations" (not chosen) shows
every nation, as the page does without JavaScript and on paper."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from selfhelp_course.course.facts import LEARNER_KEY, STORAGE_PREFIX
from settle import open_settled

KEY = STORAGE_PREFIX + LEARNER_KEY
SAFETY, CARERS, WELLBEING = "book/safety", "case_studies/carers-group", "book/wellbeing"
NATIONS = ("everywhere", "england", "wales", "scotland", "northern-ireland")
# One route each nation's line gives (data/nations.yml), and the two for everywhere.
NUMBERS = {
    "england": "choose the mental health option",
    "wales": "NHS 111 Wales and press 2",
    "scotland": "0800 83 85 87",
    "northern-ireland": "0808 808 8000",
}
EVERYWHERE = ("999", "116 123")


def url(site_url: str, page: str) -> str:
    return urljoin(site_url, f"{page}.html")


def box(page):
    return page.locator(".distress-support")


def shown_places(container) -> list[str]:
    """Which places' lines a learner can see in a box or table (course-place-<id>)."""
    return container.evaluate("""(root) => [...root.querySelectorAll('[class*="course-place-"]')]
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => [...el.classList].find((c) => c.startsWith('course-place-')).slice(13))""")


def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    return json.loads(raw) if raw else {}


def control(container):
    """The "Show routes for" control of a box (inside it) or a table (just before it)."""
    return container.get_by_label("Show routes for")


def expect_box_shows(page, nation: str | None):
    wanted = list(NATIONS) if nation is None else ["everywhere", nation]
    expect(box(page).locator(".course-nation-select")).to_have_value(nation or "")
    assert [p for p in shown_places(box(page)) if p != "everywhere"] == [
        p for p in wanted if p != "everywhere"
    ]
    text = box(page).inner_text()
    for number in EVERYWHERE:
        assert number in text
    for other, number in NUMBERS.items():
        assert (number in text) == (nation is None or other == nation), (nation, number)


def test_nation_choice_filters_the_crisis_box_on_every_page(watched, site_url):
    page = watched.page
    watched.open(url(site_url, SAFETY))
    expect_box_shows(page, None)
    expect(box(page)).to_contain_text("Showing all four nations")
    control(box(page)).select_option("wales")
    expect_box_shows(page, "wales")
    assert stored(page)["nation"] == "wales"
    assert stored(page).get("seed") is None or len(stored(page)["seed"]) >= 12
    # Every nation control on the page follows (the two tables have their own).
    for select in page.locator(".course-nation-select").all():
        expect(select).to_have_value("wales")
    page.reload()
    expect_box_shows(page, "wales")
    # Another page: its box, and its table, show Wales and the routes for everywhere.
    watched.open(url(site_url, CARERS))
    expect_box_shows(page, "wales")
    expect(box(page)).to_contain_text("Showing Wales and the routes that apply in all four nations")
    table = page.locator("table.course-nations")
    assert shown_places(table) == ["wales"]
    watched.open(url(site_url, WELLBEING))  # the well-being page shows the box too (issue 20)
    expect_box_shows(page, "wales")
    # "All four nations" is not choosing: every nation again, here and on the next page.
    control(box(page)).select_option("")
    expect_box_shows(page, None)
    assert "nation" not in stored(page)
    watched.open(url(site_url, SAFETY))
    expect_box_shows(page, None)
    assert watched.errors == []


def test_a_choice_above_a_nation_table_applies_to_the_box_and_every_table(watched, site_url):
    page = watched.page
    watched.open(url(site_url, SAFETY))
    tables = page.locator("table.course-nations")
    assert tables.count() == 2  # crisis routes, and who a professional tells about a child
    before = page.locator(".course-nation-choice").nth(2)  # the children table's control
    before.get_by_label("Show routes for").select_option("northern-ireland")
    expect_box_shows(page, "northern-ireland")
    assert shown_places(tables.nth(0)) == ["everywhere", "everywhere", "northern-ireland"]
    assert shown_places(tables.nth(1)) == ["northern-ireland"]
    expect(tables.nth(1)).not_to_contain_text(
        "Working Together", use_inner_text=True
    )  # England's guidance is hidden


def test_the_regulators_table_on_the_portfolio_page_follows_the_nation(watched, site_url):
    """Issue 20: the regulators' CPD rules follow the nation too (the UK-wide regulators stay)."""
    page = watched.page
    watched.open(url(site_url, SAFETY))
    control(box(page)).select_option("scotland")
    watched.open(url(site_url, "book/portfolio"))
    table = page.locator("table.course-nations")
    expect(table).to_have_count(1)
    assert shown_places(table) == ["scotland", "everywhere", "everywhere"]
    expect(table).to_contain_text("SSSC", use_inner_text=True)
    expect(table).not_to_contain_text("Social Work England", use_inner_text=True)
    page.locator(".course-nation-select").select_option("")
    assert shown_places(table) == [
        "england",
        "wales",
        "scotland",
        "northern-ireland",
        "everywhere",
        "everywhere",
    ]
    assert watched.errors == []


def test_a_second_tab_follows_the_nation_choice(two_tabs, site_url):
    a, b = two_tabs(url(site_url, SAFETY), ".course-nation-select")
    control(box(a)).select_option("scotland")
    expect(box(b).locator(".course-nation-select")).to_have_value("scotland")
    expect_box_shows(b, "scotland")
    control(box(b)).select_option("")
    expect(box(a).locator(".course-nation-select")).to_have_value("")
    expect_box_shows(a, None)


def test_the_nation_control_works_from_the_keyboard_alone(watched, site_url):
    page = watched.page
    watched.open(url(site_url, CARERS))
    select = box(page).locator(".course-nation-select")
    for _ in range(80):  # Tab through the page until the box's control has focus
        page.keyboard.press("Tab")
        if select.evaluate("(el) => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the nation control in the crisis box")
    page.keyboard.press("ArrowDown")  # All four nations -> England
    expect_box_shows(page, "england")
    page.keyboard.press("ArrowDown")
    expect_box_shows(page, "wales")
    assert stored(page)["nation"] == "wales"
    expect(select).to_be_focused()  # the redraw leaves the learner where they were


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_nation_control_passes_axe_in_light_and_dark(browser, site_url, axe, scheme):
    context = browser.new_context(color_scheme=scheme)  # the site's mode is "auto": it follows
    try:
        page = open_settled(context.new_page(), url(site_url, SAFETY))
        control(box(page)).select_option("england")
        expect_box_shows(page, "england")
        violations = axe(page)
        ours = [
            v
            for v in violations
            if any("course-nation" in node or "distress-support" in node for node in v["nodes"])
        ]
        assert ours == [], ours
    finally:
        context.close()


def test_without_javascript_every_nation_shows_and_no_control(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        # Even with a choice stored: a page without JavaScript cannot read it, and shows all four.
        page.goto(url(site_url, SAFETY))
        assert shown_places(box(page)) == list(NATIONS[:1] * 2 + NATIONS[1:])
        assert page.locator(".course-nation-select").count() == 0
        for table in page.locator("table.course-nations").all():
            assert set(shown_places(table)) >= set(NATIONS[1:])
    finally:
        context.close()


def test_printed_pages_keep_every_nation_whatever_was_chosen(watched, site_url):
    page = watched.page
    watched.open(url(site_url, SAFETY))
    control(box(page)).select_option("scotland")
    expect_box_shows(page, "scotland")
    page.emulate_media(media="print")
    assert shown_places(box(page)) == list(NATIONS[:1] * 2 + NATIONS[1:])
    expect(page.locator(".course-nation-choice").first).to_be_hidden()
    page.emulate_media(media="screen")
    expect_box_shows(page, "scotland")


def test_with_storage_blocked_the_choice_works_on_this_page_and_says_it_is_not_kept(watched, site_url):
    watched.block_storage()
    page = watched.page
    watched.open(url(site_url, SAFETY))
    control(box(page)).select_option("wales")
    expect_box_shows(page, "wales")
    expect(box(page).locator(".course-nation-notice")).to_contain_text("applies on this page only")
    assert shown_places(page.locator("table.course-nations").nth(1)) == ["wales"]  # the whole page follows
    assert watched.errors == []
