"""The sorting exercise on the built site, used as a learner would: offline, no kernel."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from paths import ROOT
from selfhelp_course.activities.banks import SORTING
from selfhelp_course.course.facts import META_KEY, STORAGE_PREFIX, storage_key
from selfhelp_course.course.structure import page_path, toc_docnames

EXERCISES = SORTING.load(SORTING.paths(ROOT))


def first_page_with_a_sorting_exercise():
    for name in toc_docnames(ROOT):
        for exercise_id in re.findall(r'sorting_exercise\("([^"]+)"\)', page_path(ROOT, name).read_text()):
            return name, EXERCISES[exercise_id]
    raise AssertionError("no page shows a sorting exercise")


PAGE, EXERCISE = first_page_with_a_sorting_exercise()
ITEMS = EXERCISE["items"]
TOTAL = len(ITEMS)
LABELS = {category["id"]: category["label"] for category in EXERCISE["categories"]}
KEY = storage_key("sorting", EXERCISE["id"])


def wrong_kind(index: int) -> str:
    return next(cid for cid in LABELS if cid != ITEMS[index]["answer"])


@pytest.fixture
def url(site_url):
    return urljoin(site_url, f"{PAGE}.html")


def widget(page):
    return page.locator(f'.sort[data-sorting-id="{EXERCISE["id"]}"]')


def row(page, index: int):
    return widget(page).locator(f'fieldset.sort-item[data-item="{index}"]')


def select(page, index: int):
    return row(page, index).get_by_label("Choose a kind")


def place(page, answers: dict[int, str]):
    for index, category in answers.items():
        select(page, index).select_option(category)


def saved(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))


def progress_state(page):
    """This exercise's line in the page's progress box (read through js/lib/progress.js)."""
    return page.locator(f'.course-page-progress [data-activity="sorting:{EXERCISE["id"]}"] .cpp-state')


WRONG = 3  # items placed wrong by some_wrong(); every other item right
RIGHT = TOTAL - WRONG


def some_wrong() -> dict[int, str]:
    return {i: (item["answer"] if i < RIGHT else wrong_kind(i)) for i, item in enumerate(ITEMS)}


def test_renders_every_description_and_kind_from_the_bank(watched, url):
    page = watched.open(url)
    sort = widget(page)
    expect(sort.locator(".course-title")).to_have_text(EXERCISE["title"])
    expect(sort.locator("fieldset.sort-item")).to_have_count(TOTAL)
    for index, item in enumerate(ITEMS):
        expect(row(page, index).locator("legend")).to_contain_text(item["text"])
        options = select(page, index).locator("option").all_inner_texts()
        assert options == ["Not chosen yet", *LABELS.values()]
    expect(sort.locator(".sort-note:visible")).to_have_count(0)
    assert watched.errors == []


def test_keyboard_alone_sorts_everything_and_checks(watched, url):
    page = watched.open(url)
    order = list(LABELS)
    select(page, 0).focus()
    for index, item in enumerate(ITEMS):
        expect(select(page, index)).to_be_focused()
        for _ in range(order.index(item["answer"]) + 1):  # the first option is "Not chosen yet"
            page.keyboard.press("ArrowDown")
        expect(select(page, index)).to_have_value(item["answer"])
        page.keyboard.press("Tab")
    check = widget(page).get_by_role("button", name="Check my sorting")
    expect(check).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget(page).locator(".course-status")).to_contain_text(f"{TOTAL} of {TOTAL} placed correctly")
    expect(widget(page).locator(".sort-note-right")).to_have_count(TOTAL)
    expect(widget(page).get_by_role("button", name="Try again")).to_be_hidden()
    assert watched.errors == []


def test_checking_gives_a_score_and_explains_every_placement(watched, url):
    page = watched.open(url)
    place(page, some_wrong())
    widget(page).get_by_role("button", name="Check my sorting").click()
    status = widget(page).locator(".course-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text(f"{RIGHT} of {TOTAL} placed correctly")
    for index, item in enumerate(ITEMS):
        note = row(page, index).locator(".sort-note")
        expect(note).to_be_visible()
        expect(note).to_contain_text(item["explanation"])
        if index < RIGHT:
            expect(note).to_contain_text(f"Right: {LABELS[item['answer']]}")
        else:
            expect(note).to_contain_text("Not quite")
            expect(note).to_contain_text(f"you chose {LABELS[wrong_kind(index)]}")
            expect(note).to_contain_text(f"the right kind is {LABELS[item['answer']]}")
        expect(select(page, index)).to_be_disabled()
    expect(widget(page)).not_to_contain_text(
        re.compile(r"(?<![A-Za-z])(null|undefined|NaN)(?![a-z])|\[object ")
    )


def test_checking_with_nothing_placed_asks_for_a_choice_first(watched, url):
    page = watched.open(url)
    widget(page).get_by_role("button", name="Check my sorting").click()
    expect(widget(page).locator(".course-status")).to_contain_text("at least one description first")
    expect(widget(page).locator(".sort-note:visible")).to_have_count(0)


def test_try_again_keeps_the_right_placements_and_clears_the_wrong(watched, url):
    page = watched.open(url)
    place(page, some_wrong())
    widget(page).get_by_role("button", name="Check my sorting").click()
    widget(page).get_by_role("button", name="Try again").click()
    expect(widget(page).locator(".sort-note:visible")).to_have_count(0)
    expect(widget(page).locator(".course-status")).to_contain_text(f"{RIGHT} correct placements are kept")
    for index, item in enumerate(ITEMS):
        expect(select(page, index)).to_be_enabled()
        expect(select(page, index)).to_have_value(item["answer"] if index < RIGHT else "")
    expect(select(page, RIGHT)).to_be_focused()
    assert saved(page)["checked"] is False and len(saved(page)["placements"]) == RIGHT
    place(page, {i: ITEMS[i]["answer"] for i in range(RIGHT, TOTAL)})
    widget(page).get_by_role("button", name="Check my sorting").click()
    expect(widget(page).locator(".course-status")).to_contain_text(f"{TOTAL} of {TOTAL} placed correctly")


def test_start_again_clears_every_placement(watched, url):
    page = watched.open(url)
    place(page, some_wrong())
    widget(page).get_by_role("button", name="Check my sorting").click()
    widget(page).get_by_role("button", name="Start again").click()
    for index in range(TOTAL):
        expect(select(page, index)).to_have_value("")
    expect(widget(page).get_by_role("button", name="Check my sorting")).to_be_visible()
    expect(select(page, 0)).to_be_focused()
    assert saved(page)["placements"] == {} and saved(page)["complete"] is False


def test_placements_part_way_through_survive_a_reload(watched, url):
    page = watched.open(url)
    place(page, {0: ITEMS[0]["answer"], 3: wrong_kind(3), 5: ITEMS[5]["answer"]})
    page.reload()
    expect(select(page, 0)).to_have_value(ITEMS[0]["answer"])
    expect(select(page, 3)).to_have_value(wrong_kind(3))
    expect(select(page, 5)).to_have_value(ITEMS[5]["answer"])
    expect(select(page, 1)).to_have_value("")
    expect(widget(page).get_by_role("button", name="Check my sorting")).to_be_visible()
    expect(widget(page).locator(".sort-note:visible")).to_have_count(0)
    record = saved(page)
    assert record["v"] == 2 and record["checked"] is False
    assert record["complete"] is False and record["attempted"] is False  # placed, never checked
    assert record["placements"] == {"0": ITEMS[0]["answer"], "3": wrong_kind(3), "5": ITEMS[5]["answer"]}
    assert record["page"] == PAGE
    expect(progress_state(page)).to_have_text("Not yet")


def test_a_checked_sorting_with_some_wrong_survives_a_reload_and_counts_only_as_attempted(watched, url):
    page = watched.open(url)
    place(page, some_wrong())
    widget(page).get_by_role("button", name="Check my sorting").click()
    expect(progress_state(page)).to_have_text("Attempted")
    page.reload()
    expect(widget(page).locator(".course-status")).to_contain_text(f"{RIGHT} of {TOTAL} placed correctly")
    expect(widget(page).locator(".sort-note-wrong")).to_have_count(WRONG)
    expect(widget(page).get_by_role("button", name="Try again")).to_be_visible()
    record = saved(page)
    assert record["checked"] is True and record["complete"] is False and record["attempted"] is True
    expect(progress_state(page)).to_have_text("Attempted")


def test_done_means_every_description_right_after_checking(watched, url):
    page = watched.open(url)
    place(page, {i: item["answer"] for i, item in enumerate(ITEMS) if i < TOTAL - 1})
    widget(page).get_by_role("button", name="Check my sorting").click()  # one left unplaced
    assert saved(page)["complete"] is False and saved(page)["attempted"] is True
    widget(page).get_by_role("button", name="Try again").click()
    assert saved(page)["complete"] is False and saved(page)["attempted"] is True  # still attempted
    place(page, {TOTAL - 1: ITEMS[TOTAL - 1]["answer"]})
    widget(page).get_by_role("button", name="Check my sorting").click()
    expect(widget(page).locator(".course-status")).to_contain_text(f"{TOTAL} of {TOTAL} placed correctly")
    record = saved(page)
    assert record["complete"] is True and record["attempted"] is True and record["tries"] == 2
    expect(progress_state(page)).to_have_text("Completed")
    page.reload()
    expect(progress_state(page)).to_have_text("Completed")


def test_an_entry_saved_under_the_old_rule_is_put_right_when_the_page_opens(watched, url):
    """Before, checking 2 of 10 right was stored as complete; the progress pages read it so."""
    page = watched.open(url)
    old = {
        "v": 1,
        "page": PAGE,
        "updated": "2026-11-01T10:00:00Z",
        "complete": True,
        "checked": True,
        "placements": {"0": ITEMS[0]["answer"], "1": ITEMS[1]["answer"], "2": wrong_kind(2)},
    }
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(old))})")
    page.reload()
    expect(widget(page).locator(".course-status")).to_contain_text(f"2 of {TOTAL} placed correctly")
    expect(progress_state(page)).to_have_text("Attempted")
    record = saved(page)
    assert record["complete"] is False and record["attempted"] is True and record["v"] == 2
    assert record["placements"] == old["placements"]


def test_focus_goes_to_the_score_after_checking(watched, url):
    page = watched.open(url)
    place(page, some_wrong())
    widget(page).get_by_role("button", name="Check my sorting").click()
    status = widget(page).locator(".course-status")
    expect(status).to_be_focused()
    expect(status).to_have_attribute("role", "status")  # and read out as it changes
    focused = page.evaluate("""() => ({tag: document.activeElement.tagName,
        text: document.activeElement.textContent, body: document.activeElement === document.body})""")
    assert not focused["body"] and focused["tag"] == "P"
    assert focused["text"].startswith(f"{RIGHT} of {TOTAL} placed correctly")


def test_the_buttons_that_move_the_learner_on_ignore_the_second_click_of_a_double_click(watched, url):
    """ "Try again" and "Check my sorting" take each other's place: a double click must act once.
    (Where the second click of a real double click lands depends on the layout, so each button
    is given one directly, as the browser sends it: a click whose detail is 2.)"""
    page = watched.open(url)
    place(page, some_wrong())
    second_click = "(button) => button.dispatchEvent(new MouseEvent('click', {bubbles: true, detail: 2}))"
    sort = widget(page)
    sort.get_by_role("button", name="Check my sorting").evaluate(second_click)
    expect(sort.locator(".sort-note:visible")).to_have_count(0)
    sort.get_by_role("button", name="Check my sorting").dblclick()
    expect(sort.locator(".sort-note-wrong")).to_have_count(WRONG)
    assert saved(page)["tries"] == 1
    sort.get_by_role("button", name="Try again").evaluate(second_click)
    sort.get_by_role("button", name="Start again").evaluate(second_click)
    expect(sort.locator(".sort-note-wrong")).to_have_count(WRONG)
    assert saved(page)["checked"] is True and len(saved(page)["placements"]) == TOTAL


def test_a_corrupt_saved_entry_is_set_aside_and_said_in_words(watched, url):
    page = watched.open(url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    page.reload()
    expect(widget(page).locator(".course-notice")).to_contain_text("could not be read")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':unreadable:'))")
    assert len(kept) == 1 and page.evaluate(f"localStorage.getItem('{kept[0]}')") == "{not json"
    place(page, {0: ITEMS[0]["answer"]})
    widget(page).get_by_role("button", name="Check my sorting").click()
    expect(widget(page).locator(".course-status")).to_contain_text(f"1 of {TOTAL} placed correctly")
    assert saved(page)["placements"] == {"0": ITEMS[0]["answer"]}


def test_saved_placements_that_do_not_fit_are_ignored(watched, url):
    page = watched.open(url)
    bad = {
        "v": 1,
        "placements": {"0": "no-such-kind", "99": ITEMS[0]["answer"], "x": "y", "1": ITEMS[1]["answer"]},
        "checked": "yes",
    }
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(bad))})")
    page.reload()
    expect(select(page, 0)).to_have_value("")
    expect(select(page, 1)).to_have_value(ITEMS[1]["answer"])
    expect(widget(page).get_by_role("button", name="Check my sorting")).to_be_visible()
    assert watched.errors == []


def test_with_storage_blocked_the_exercise_still_works_and_says_so(watched, url):
    watched.block_storage()
    page = watched.open(url)
    expect(widget(page).locator(".course-notice")).to_contain_text("not letting the course save")
    place(page, {i: item["answer"] for i, item in enumerate(ITEMS)})
    widget(page).get_by_role("button", name="Check my sorting").click()
    expect(widget(page).locator(".course-status")).to_contain_text(f"{TOTAL} of {TOTAL} placed correctly")


def test_markup_in_content_is_shown_as_text_never_run(watched, url):
    hostile = "<img src=x onerror=window.__pwned=1>"
    original = json.dumps(ITEMS[0]["text"])[1:-1]

    watched.serve_with_text_replaced(url, original, hostile)
    page = watched.open(url)
    expect(row(page, 0).locator("legend")).to_contain_text(hostile)
    assert page.evaluate("window.__pwned") is None
    assert widget(page).locator("img").count() == 0


def test_no_serious_accessibility_violation_once_checked(watched, url, axe):
    page = watched.open(url)
    place(page, some_wrong())
    widget(page).get_by_role("button", name="Check my sorting").click()
    expect(widget(page).locator(".sort-note-wrong")).to_have_count(WRONG)
    serious = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)


def clear_all_from(page):
    """What "Clear all data" does through the store (lib/store.js clearAll): every course key
    goes, and the generation goes up so that no stale tab can write its copy back."""
    page.evaluate(f"""() => {{
        const prefix = {json.dumps(STORAGE_PREFIX)}, metaKey = prefix + {json.dumps(META_KEY)};
        const meta = JSON.parse(localStorage.getItem(metaKey) || '{{"generation": 0}}');
        Object.keys(localStorage).filter(k => k.startsWith(prefix) && k !== metaKey).forEach(k => localStorage.removeItem(k));
        localStorage.setItem(metaKey, JSON.stringify({{generation: meta.generation + 1, reason: "cleared", at: new Date().toISOString()}}));
    }}""")


def test_placements_in_two_tabs_are_both_kept_and_each_tab_follows_the_other(two_tabs, url):
    """Each tab saves on top of what it has followed, never its own stale copy. (Changes made
    in both within the same few milliseconds are merged too: tests/js/entry.test.mjs; a browser
    cannot make that timing repeatable.)"""
    a, b = two_tabs(url, ".sort-select")
    place(a, {0: ITEMS[0]["answer"]})
    expect(select(b, 0)).to_have_value(ITEMS[0]["answer"])  # followed, no reload
    place(b, {1: wrong_kind(1)})
    expect(select(a, 1)).to_have_value(wrong_kind(1))
    place(a, {2: ITEMS[2]["answer"]})
    expect(select(b, 2)).to_have_value(ITEMS[2]["answer"])
    a.reload()
    expect(select(a, 0)).to_have_value(ITEMS[0]["answer"])
    expect(select(a, 1)).to_have_value(wrong_kind(1))
    expect(select(a, 2)).to_have_value(ITEMS[2]["answer"])
    widget(b).get_by_role("button", name="Check my sorting").click()
    expect(widget(a).locator(".sort-note-wrong")).to_have_count(1)  # the check is followed too
    expect(select(a, 0)).to_be_disabled()


def test_clear_all_in_another_tab_resets_the_exercise_and_says_so(two_tabs, url):
    a, b = two_tabs(url, ".sort-select")
    place(a, some_wrong())
    widget(a).get_by_role("button", name="Check my sorting").click()
    expect(widget(b).locator(".sort-note-wrong")).to_have_count(WRONG)
    clear_all_from(b)
    expect(widget(a).locator(".course-notice")).to_contain_text("deleted in another tab")
    for index in range(TOTAL):
        expect(select(a, index)).to_have_value("")
        expect(select(a, index)).to_be_enabled()
    # This tab's stale copy never comes back: a new placement is all that is stored.
    place(a, {4: ITEMS[4]["answer"]})
    a.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('\"4\"')")
    assert saved(a)["placements"] == {"4": ITEMS[4]["answer"]} and saved(a)["checked"] is False
