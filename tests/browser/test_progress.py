"""Learner progress on the built site: each page's box, "mark as read", and the progress page.

Used as a learner would: answer knowledge checks, sort, write reflections, then look at the
page's box and at "Your progress". Everything is in this browser's storage; nothing leaves it.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from paths import ROOT, SITE
from selfhelp_course.activities.banks import (
    CHECKS,
    FRAMEWORKS,
    FRAMEWORKS_FILE,
    REFLECTIONS,
    SORTING,
    load_config,
)
from selfhelp_course.course.cpd_time import cpd_time
from selfhelp_course.course.facts import KIND_BY_NAME, READ_KEY_PREFIX, STORAGE_PREFIX, storage_key
from selfhelp_course.course.manifest import manifest_script

PROGRESS = "book/progress"
MANIFEST_FILE = SITE / "_static" / "course-manifest.js"
CHECK_BANK = CHECKS.load(CHECKS.paths(ROOT))
SORT_BANK = SORTING.load(SORTING.paths(ROOT))
REFLECTION_BANK = REFLECTIONS.load(REFLECTIONS.paths(ROOT))
FRAMEWORK_BY_ID = {f["id"]: f for f in load_config(FRAMEWORKS_FILE, FRAMEWORKS, ROOT)["frameworks"]}


def built_manifest() -> dict:
    """The manifest the built site carries (the same file every page loads)."""
    text = MANIFEST_FILE.read_text(encoding="utf-8")
    return json.loads(text[len("window.COURSE_MANIFEST = ") :].rstrip().rstrip(";"))


MANIFEST = built_manifest() if MANIFEST_FILE.is_file() else {"pages": []}
PAGES = {page["docname"]: page for page in MANIFEST["pages"]}
TIMED = [
    page
    for page in MANIFEST["pages"]
    if page["activities"] or page["teaching_minutes"] + page["activity_minutes"]
]
TOTAL_MINUTES = sum(page["teaching_minutes"] + page["activity_minutes"] for page in TIMED)
TOTAL_ACTIVITIES = sum(len(page["activities"]) for page in TIMED)


def minutes(page: dict) -> int:
    return page["teaching_minutes"] + page["activity_minutes"]


def kinds(page: dict) -> set[str]:
    return {activity["kind"] for activity in page["activities"]}


# A page with only checks and reflections (all done in one test), and one with a sorting exercise.
FULL = next((p for p in MANIFEST["pages"] if p["activities"] and kinds(p) <= {"check", "reflection"}), None)
MIXED = next((p for p in MANIFEST["pages"] if {"check", "sorting", "reflection"} <= kinds(p)), None)
REFERENCE = next(
    (p for p in MANIFEST["pages"] if not p["activities"] and not minutes(p) and p["part"] == "Reference"),
    None,
)


@pytest.fixture(autouse=True)
def _pages_exist():
    if not MANIFEST_FILE.is_file():
        pytest.fail("the site is not built (no _static/course-manifest.js): run `make book` first")
    assert FULL and MIXED and REFERENCE and PROGRESS in PAGES


def url(base: str, docname: str) -> str:
    return urljoin(base, f"{docname}.html")


def box(page):
    return page.locator(".course-page-progress")


def summary(page):
    return box(page).locator("summary")


def item(page, activity):
    return box(page).locator(f'li[data-activity="{activity["kind"]}:{activity["id"]}"]')


def progress_widget(page):
    return page.locator('.prog[data-progress-id="course"]')


def row(page, docname):
    return progress_widget(page).locator(f'tr[data-page="{docname}"]')


def totals_text(done: int, total: int = TOTAL_MINUTES) -> str:
    return f"CPD minutes done: {done} of {total} ({cpd_time(done)})"


# ---------------------------------------------------------------- doing the activities
def answer_check(page, check_id: str):
    check = page.locator(f'fieldset.kc[data-check-id="{check_id}"]')
    for option in CHECK_BANK[check_id]["options"]:
        if option["correct"]:
            check.get_by_label(option["text"], exact=True).check()
    check.get_by_role("button", name="Check answer").click()
    expect(check.locator(".course-status")).to_contain_text("Correct")


def finish_sorting(page, exercise_id: str):
    sort = page.locator(f'.sort[data-sorting-id="{exercise_id}"]')
    for index, entry in enumerate(SORT_BANK[exercise_id]["items"]):
        sort.locator(f'fieldset.sort-item[data-item="{index}"]').get_by_label("Choose a kind").select_option(
            entry["answer"]
        )
    sort.get_by_role("button", name="Check my sorting").click()


def write_reflection(page, reflection_id: str):
    rf = page.locator(f'fieldset.rf[data-reflection-id="{reflection_id}"]')
    framework = FRAMEWORK_BY_ID[REFLECTION_BANK[reflection_id]["framework"]]
    for part in framework["parts"]:
        rf.get_by_label(part["heading"], exact=True).fill(f"My thoughts on {part['heading'].lower()}.")
    rf.locator("textarea").last.blur()


def do(page, activity):
    if activity["kind"] == "check":
        answer_check(page, activity["id"])
    elif activity["kind"] == "sorting":
        finish_sorting(page, activity["id"])
    elif activity["kind"] == "reflection":
        write_reflection(page, activity["id"])
    else:
        raise AssertionError(f"this test does not do {activity['kind']} activities")


def expect_count(page, done: int, total: int, attempted: int = 0):
    noun = "activity" if total == 1 else "activities"
    tried = f", {attempted} attempted" if attempted else ""
    expect(summary(page)).to_have_text(f"On this page: {done} of {total} {noun} completed{tried}")


def read_key(docname: str) -> str:
    return STORAGE_PREFIX + READ_KEY_PREFIX + docname


def stored(page, key: str):
    raw = page.evaluate(f"localStorage.getItem({json.dumps(key)})")
    return json.loads(raw) if raw else None


# ---------------------------------------------------------------- the page's box
def test_the_box_sits_under_the_title_and_lists_the_page_s_activities(watched, site_url):
    page = watched.open(url(site_url, MIXED["docname"]))
    expect(box(page)).to_have_count(1)
    assert page.evaluate(
        "document.querySelector('article.bd-article h1').nextElementSibling"
        ".classList.contains('course-page-progress')"
    )
    expect_count(page, 0, len(MIXED["activities"]))
    details = box(page).locator("details")
    expect(details).not_to_have_attribute("open", re.compile(".*"))
    # Keyboard: the summary is reachable and opens the list with Enter.
    summary(page).focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(box(page).locator("li")).to_have_count(len(MIXED["activities"]))
    for activity in MIXED["activities"]:
        expect(item(page, activity)).to_contain_text(activity["title"])
        expect(item(page, activity).locator(".cpp-state")).to_have_text("Not yet")
    expect(box(page)).to_contain_text("kept only in this browser, on this device")
    link = box(page).get_by_role("link", name="See your progress through the whole course")
    assert link.get_attribute("href") == f"../{PROGRESS}.html"
    assert watched.errors == []


def test_the_box_updates_as_activities_are_done_and_survives_a_reload(watched, site_url, axe):
    page = watched.open(url(site_url, MIXED["docname"]))
    total = len(MIXED["activities"])
    summary(page).click()
    picks = [
        next(a for a in MIXED["activities"] if a["kind"] == kind)
        for kind in ("check", "sorting", "reflection")
    ]
    for done, activity in enumerate(picks, start=1):
        do(page, activity)
        expect_count(page, done, total)
        expect(item(page, activity).locator(".cpp-state")).to_have_text("Completed")
        assert stored(page, storage_key(activity["kind"], activity["id"]))["complete"] is True
    # The list stayed open while it updated.
    expect(box(page).locator("details")).to_have_attribute("open", "")
    serious = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)
    page.reload()
    expect_count(page, len(picks), total)
    summary(page).click()
    for activity in picks:
        expect(item(page, activity).locator(".cpp-state")).to_have_text("Completed")
    assert watched.errors == []


def test_a_started_activity_shows_as_started(watched, site_url):
    page = watched.open(url(site_url, MIXED["docname"]))
    sorting = next(a for a in MIXED["activities"] if a["kind"] == "sorting")
    exercise = SORT_BANK[sorting["id"]]
    sort = page.locator(f'.sort[data-sorting-id="{sorting["id"]}"]')
    sort.locator('fieldset.sort-item[data-item="0"]').get_by_label("Choose a kind").select_option(
        exercise["items"][0]["answer"]
    )
    summary(page).click()
    expect(item(page, sorting).locator(".cpp-state")).to_have_text("Not yet")  # placed, never checked
    sort.get_by_role("button", name="Check my sorting").click()
    expect(item(page, sorting).locator(".cpp-state")).to_have_text("Attempted")
    expect_count(page, 0, len(MIXED["activities"]), attempted=1)
    assert stored(page, storage_key("sorting", sorting["id"]))["complete"] is False


def test_doing_every_activity_counts_the_page_and_the_progress_page_shows_it(watched, site_url):
    page = watched.open(url(site_url, FULL["docname"]))
    total = len(FULL["activities"])
    for done, activity in enumerate(FULL["activities"], start=1):
        do(page, activity)
        expect_count(page, done, total)
    expect(box(page).locator(".cpp-status")).to_have_text(
        f"All the activities on this page are completed. Its {minutes(FULL)} minutes count towards your CPD time."
    )
    # Something on a second page too: started, not finished.
    other = watched.open(url(site_url, MIXED["docname"]))
    answer_check(other, next(a for a in MIXED["activities"] if a["kind"] == "check")["id"])
    expect_count(other, 1, len(MIXED["activities"]))

    page = watched.open(url(site_url, PROGRESS))
    widget = progress_widget(page)
    expect(widget.locator(".prog-totals")).to_have_text(totals_text(minutes(FULL)))
    bar = widget.locator("progress")
    expect(bar).to_have_attribute("value", str(minutes(FULL)))
    expect(bar).to_have_attribute("max", str(TOTAL_MINUTES))
    expect(widget.locator(".prog-counts")).to_contain_text(
        f"Minutes left: {TOTAL_MINUTES - minutes(FULL)}. Activities completed: {total + 1} of {TOTAL_ACTIVITIES}; "
        f"attempted but not completed: 0. Pages finished: 1 of {len(TIMED)}."
    )
    expect(row(page, FULL["docname"]).locator(".prog-activities")).to_have_text(
        f"{total} of {total} completed"
    )
    expect(row(page, FULL["docname"]).locator(".prog-state")).to_have_text("Completed")
    expect(row(page, MIXED["docname"]).locator(".prog-activities")).to_have_text(
        f"1 of {len(MIXED['activities'])} completed"
    )
    expect(row(page, MIXED["docname"]).locator(".prog-state")).to_have_text("Attempted")
    page.reload()
    expect(progress_widget(page).locator(".prog-totals")).to_have_text(totals_text(minutes(FULL)))
    assert watched.errors == []


# ---------------------------------------------------------------- the progress page
def test_the_progress_page_lists_every_timed_page_by_part_with_working_links(watched, site_url, axe):
    page = watched.open(url(site_url, PROGRESS))
    widget = progress_widget(page)
    expect(widget.locator(".prog-totals")).to_have_text(totals_text(0))
    rows = widget.locator("tr.prog-page")
    expect(rows).to_have_count(len(TIMED))
    assert [r.get_attribute("data-page") for r in rows.all()] == [p["docname"] for p in TIMED]
    parts = [p["part"] for p in TIMED if p["part"]]
    headings = widget.locator("tr.prog-part-row th").all_inner_texts()
    assert headings == list(dict.fromkeys(parts))
    for timed in TIMED:
        cells = row(page, timed["docname"])
        expect(cells.locator("th a")).to_have_text(timed["title"])
        expect(cells.locator(".prog-minutes")).to_have_text(str(minutes(timed)))
        expect(cells.locator(".prog-state")).to_have_text("Not started")
    expect(
        widget.locator(f'tr[data-page="{PROGRESS}"], tr[data-page="{REFERENCE["docname"]}"]')
    ).to_have_count(0)
    serious = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)
    expect(box(page)).to_have_count(0)  # no minutes, no activities: no box on this page
    row(page, MIXED["docname"]).get_by_role("link").click()
    page.wait_for_load_state("load")
    assert page.url == url(site_url, MIXED["docname"])
    assert watched.errors == []


def test_the_progress_page_updates_when_another_tab_saves(watched, site_url):
    progress = watched.open(url(site_url, PROGRESS))
    widget = progress_widget(progress)
    counts = widget.locator(".prog-counts")
    expect(counts).to_contain_text(
        f"Activities completed: 0 of {TOTAL_ACTIVITIES}; attempted but not completed: 0."
    )
    other = watched.context.new_page()  # a second tab of the same browser
    other.goto(url(site_url, FULL["docname"]))
    for activity in FULL["activities"]:
        do(other, activity)
    # The first tab was not reloaded: the store's change notification brought the news.
    expect(counts).to_contain_text(f"Activities completed: {len(FULL['activities'])} of {TOTAL_ACTIVITIES};")
    expect(widget.locator(".prog-totals")).to_have_text(totals_text(minutes(FULL)))
    expect(row(progress, FULL["docname"]).locator(".prog-state")).to_have_text("Completed")
    expect(widget.locator(".prog-status")).to_contain_text("Progress updated")
    assert watched.errors == []


def test_the_progress_page_shows_an_attempt_then_its_completion_in_another_tab(watched, site_url):
    progress = watched.open(url(site_url, PROGRESS))
    widget = progress_widget(progress)
    mixed = row(progress, MIXED["docname"])
    expect(mixed.locator(".prog-state")).to_have_text("Not started")
    sorting = next(a for a in MIXED["activities"] if a["kind"] == "sorting")
    other = watched.context.new_page()
    other.goto(url(site_url, MIXED["docname"]))
    first = SORT_BANK[sorting["id"]]["items"][0]
    sort = other.locator(f'.sort[data-sorting-id="{sorting["id"]}"]')
    sort.locator('fieldset.sort-item[data-item="0"]').get_by_label("Choose a kind").select_option(
        first["answer"]
    )
    sort.get_by_role("button", name="Check my sorting").click()  # checked with most unplaced: an attempt
    expect(mixed.locator(".prog-state")).to_have_text("Attempted")
    expect(mixed.locator(".prog-activities")).to_have_text(
        f"0 of {len(MIXED['activities'])} completed, 1 attempted"
    )
    expect(widget.locator(".prog-counts")).to_contain_text(
        f"Activities completed: 0 of {TOTAL_ACTIVITIES}; attempted but not completed: 1."
    )
    sort.get_by_role("button", name="Try again").click()
    finish_sorting(other, sorting["id"])
    expect(mixed.locator(".prog-activities")).to_have_text(f"1 of {len(MIXED['activities'])} completed")
    expect(widget.locator(".prog-counts")).to_contain_text(
        f"Activities completed: 1 of {TOTAL_ACTIVITIES}; attempted but not completed: 0."
    )
    assert watched.errors == []


# ---------------------------------------------------------------- pages without activities
def with_manifest(context, manifest: dict):
    """Serve the site with a changed manifest (the course has no timed page without activities)."""
    body = manifest_script(manifest)
    context.route(
        re.compile(r"/_static/course-manifest\.js(\?.*)?$"),
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=body),
    )


def reading_page_manifest() -> tuple[dict, dict]:
    manifest = json.loads(json.dumps(MANIFEST))
    page = next(p for p in manifest["pages"] if p["docname"] == REFERENCE["docname"])
    page["teaching_minutes"] = 30
    return manifest, page


def test_a_page_without_activities_can_be_marked_as_read(watched, site_url):
    manifest, reading = reading_page_manifest()
    with_manifest(watched.context, manifest)
    page = watched.open(url(site_url, reading["docname"]))
    button = box(page).get_by_role("button", name="Mark this page as read")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(box(page)).to_contain_text("Not marked as read yet")
    assert page.evaluate(
        "document.querySelector('article.bd-article h1').nextElementSibling"
        ".classList.contains('course-page-progress')"
    )
    button.focus()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(box(page)).to_contain_text("Marked as read: this page's 30 minutes count towards your CPD time.")
    value = stored(page, read_key(reading["docname"]))
    assert value["v"] == 2 and value["complete"] is True and value["updated"]
    page.reload()
    button = box(page).get_by_role("button", name="Mark this page as read")
    expect(button).to_have_attribute("aria-pressed", "true")

    progress = watched.open(url(site_url, PROGRESS))
    expect(progress_widget(progress).locator(".prog-totals")).to_have_text(
        totals_text(30, TOTAL_MINUTES + 30)
    )
    expect(row(progress, reading["docname"]).locator(".prog-state")).to_have_text("Read")

    page = watched.open(url(site_url, reading["docname"]))
    box(page).get_by_role("button", name="Mark this page as read").click()
    expect(box(page).get_by_role("button", name="Mark this page as read")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert stored(page, read_key(reading["docname"]))["complete"] is False
    assert watched.errors == []


BLOCK_STORAGE = (
    "Object.defineProperty(window, 'localStorage', "
    "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
)


def theme_errors(new_profile, urls: list[str], manifest: dict | None = None) -> list[str]:
    """The errors the same pages log with storage blocked and the progress script left out.

    The theme's own scripts trip over blocked storage (not ours to fix here) and their errors
    carry no stack, so the course's code is judged by logging nothing more than this."""
    baseline = new_profile()
    baseline.context.add_init_script(BLOCK_STORAGE)
    if manifest is not None:
        with_manifest(baseline.context, manifest)
    baseline.context.route(
        re.compile(r"/_static/page-progress\.js(\?.*)?$"),
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )
    for address in urls:
        baseline.open(address)
    return baseline.errors


def test_marking_as_read_with_storage_blocked_says_so_and_still_toggles(watched, new_profile, site_url):
    manifest, reading = reading_page_manifest()
    with_manifest(watched.context, manifest)
    watched.context.add_init_script(BLOCK_STORAGE)
    page = watched.open(url(site_url, reading["docname"]))
    button = box(page).get_by_role("button", name="Mark this page as read")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(box(page).locator(".cpp-notice")).to_contain_text("not letting the course save")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    assert watched.errors == theme_errors(new_profile, [url(site_url, reading["docname"])], manifest)


def test_reference_pages_show_no_box(watched, site_url):
    page = watched.open(url(site_url, REFERENCE["docname"]))
    expect(page.locator("article.bd-article h1")).to_be_visible()
    expect(box(page)).to_have_count(0)
    assert watched.errors == []


def test_titles_with_markup_are_shown_as_text(watched, site_url):
    manifest = json.loads(json.dumps(MANIFEST))
    page_entry = next(p for p in manifest["pages"] if p["docname"] == MIXED["docname"])
    hostile = '<img src=x onerror="window.pwned=1">Sort </script> me'
    page_entry["activities"][0]["title"] = hostile
    page_entry["title"] = "<b>Bold</b> page"
    with_manifest(watched.context, manifest)
    page = watched.open(url(site_url, MIXED["docname"]))
    summary(page).click()
    expect(box(page).locator("li").first).to_contain_text(hostile)
    assert box(page).locator("img").count() == 0
    assert page.evaluate("window.pwned") is None
    progress = watched.open(url(site_url, PROGRESS))
    expect(row(progress, MIXED["docname"]).locator("th a")).to_have_text("<b>Bold</b> page")
    assert progress_widget(progress).locator("img, b").count() == 0
    assert progress.evaluate("window.pwned") is None


# ---------------------------------------------------------------- robustness
def set_aside_list(page):
    return progress_widget(page).locator(".prog-set-aside")


def test_corrupt_entries_count_as_not_started_break_nothing_and_are_listed(watched, site_url):
    page = watched.open(url(site_url, MIXED["docname"]))
    entries = {
        storage_key(a["kind"], a["id"]): bad
        for a, bad in zip(
            MIXED["activities"],
            ["{not json", "null", "[1,2]", "42", '"done"', '{"complete": true'] * 3,
            strict=False,
        )
    }
    entries[read_key(REFERENCE["docname"])] = "{{{"
    page.evaluate(
        "entries => Object.entries(entries).forEach(([k, v]) => localStorage.setItem(k, v))", entries
    )
    page.reload()
    expect_count(page, 0, len(MIXED["activities"]))
    expect(page.locator(".course-widget").first).to_be_visible()
    progress = watched.open(url(site_url, PROGRESS))
    expect(progress_widget(progress).locator(".prog-totals")).to_have_text(totals_text(0))
    expect(row(progress, MIXED["docname"]).locator(".prog-state")).to_have_text("Not started")
    # None is silently left out: every one is listed as set aside.
    items = set_aside_list(progress).locator("li")
    expect(items).to_have_count(len(entries))
    listed = {item.get_attribute("data-from") for item in items.all()}
    assert listed == {key[len(STORAGE_PREFIX) :] for key in entries}
    expect(set_aside_list(progress)).to_contain_text(f"{len(entries)} saved entries could not be read")
    assert watched.errors == []


def aside_keys(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter((k) => k.includes(":unreadable:")).map((k) => [k, localStorage.getItem(k)]))""")


def set_aside_when(key: str) -> str:
    moment = datetime.fromtimestamp(int(key.rsplit(":", 1)[1]) / 1000)
    return f"on {moment.day} {moment:%B %Y} at {moment:%H:%M}"


def test_an_entry_set_aside_is_listed_with_what_it_was_and_when(watched, site_url):
    """Issue 10: an entry that cannot be read is set aside, and the progress page says which
    activity it was and when, as it happens, instead of silently leaving it out."""
    progress = watched.open(url(site_url, PROGRESS))
    expect(set_aside_list(progress)).to_be_hidden()
    check, sorting = (
        next(a for a in MIXED["activities"] if a["kind"] == kind) for kind in ("check", "sorting")
    )
    progress.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [storage_key(check["kind"], check["id"]), "{broken"]
    )
    progress.reload()
    item = set_aside_list(progress).locator(f'li[data-from="{check["kind"]}:{check["id"]}"]')
    expect(item).to_be_visible()
    ((key, text),) = aside_keys(progress).items()
    assert text == "{broken", "the unreadable text is kept as it was"
    expect(item).to_have_text(
        f"{KIND_BY_NAME['check'].label} \u201c{check['title']}\u201d on the page \u201c{MIXED['title']}\u201d: "
        f"could not be read, so it was set aside {set_aside_when(key)}. "
        "It counts as not started; the unreadable copy is kept in this browser, untouched."
    )
    expect(set_aside_list(progress)).to_contain_text("1 saved entry could not be read")
    # Another tab breaks a second entry: listed here as it happens, without a reload.
    other = watched.context.new_page()
    other.goto(url(site_url, REFERENCE["docname"]))
    other.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [storage_key(sorting["kind"], sorting["id"]), "[]"]
    )
    second = set_aside_list(progress).locator(f'li[data-from="{sorting["kind"]}:{sorting["id"]}"]')
    expect(second).to_contain_text(f"{KIND_BY_NAME['sorting'].label} \u201c{sorting['title']}\u201d")
    expect(set_aside_list(progress)).to_contain_text("2 saved entries could not be read")
    assert len(aside_keys(progress)) == 2
    assert watched.errors == []


def test_with_storage_blocked_the_pages_still_work(watched, new_profile, site_url):
    watched.context.add_init_script(BLOCK_STORAGE)
    page = watched.open(url(site_url, MIXED["docname"]))
    expect_count(page, 0, len(MIXED["activities"]))
    summary(page).click()
    expect(box(page)).to_contain_text("not letting the course save")
    progress = watched.open(url(site_url, PROGRESS))
    expect(progress_widget(progress).locator(".prog-totals")).to_have_text(totals_text(0))
    expect(progress_widget(progress).locator("p.course-notice")).to_contain_text(
        "not letting the course save"
    )
    assert watched.errors == theme_errors(
        new_profile, [url(site_url, MIXED["docname"]), url(site_url, PROGRESS)]
    )


def test_progress_works_from_file(watched):
    page = watched.open((SITE / f"{FULL['docname']}.html").as_uri())
    expect_count(page, 0, len(FULL["activities"]))
    for activity in FULL["activities"]:
        do(page, activity)
    expect_count(page, len(FULL["activities"]), len(FULL["activities"]))
    progress = watched.open((SITE / f"{PROGRESS}.html").as_uri())
    widget = progress_widget(progress)
    expect(widget.locator(".prog-totals")).to_have_text(totals_text(minutes(FULL)))
    href = row(progress, FULL["docname"]).locator("th a").get_attribute("href")
    assert href == f"../{FULL['docname']}.html"
    row(progress, FULL["docname"]).locator("th a").click()
    progress.wait_for_load_state("load")
    assert progress.url == (SITE / f"{FULL['docname']}.html").as_uri()
    assert all(u.startswith(("file:", "blob:", "data:")) for u in watched.requests)
    assert watched.errors == []


def test_outside_the_site_it_uses_its_own_manifest_and_shows_titles_as_text(watched, site_url):
    """As in JupyterLab: no site manifest, no content root; the widget's trait is the manifest."""
    from selfhelp_course import progress_overview

    widget = progress_overview()
    page = watched.open(url(site_url, "search"))  # any page of the site's origin, for its storage
    page.evaluate(
        """([esm, css, manifest]) => {
        delete window.COURSE_MANIFEST;
        delete document.documentElement.dataset.content_root;
        document.body.replaceChildren();
        const style = document.createElement("style");
        style.textContent = css;
        document.head.append(style);
        const el = document.createElement("div");
        document.body.append(el);
        const model = {get: (name) => (name === "manifest" ? manifest : ""), on() {}, off() {},
                       set() {}, save_changes() {}};
        const url = URL.createObjectURL(new Blob([esm], {type: "text/javascript"}));
        return import(url).then((m) => m.default.render({model, el}));
    }""",
        [widget._esm, widget._css, widget.manifest],
    )
    lab = progress_widget(page)
    timed = [p for p in widget.manifest["pages"] if p["activities"] or minutes(p)]
    expect(lab.locator("tr.prog-page")).to_have_count(len(timed))
    expect(lab.locator("a")).to_have_count(0)
    expect(lab.locator("th.prog-title").first).to_have_text(timed[0]["title"])
    expect(lab.locator(".prog-totals")).to_have_text(totals_text(0, sum(minutes(p) for p in timed)))
    assert watched.errors == []


def test_the_progress_page_on_a_phone_is_accessible_and_fits(browser, site_url, axe):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(url(site_url, PROGRESS))
        widget = progress_widget(page)
        expect(widget.locator(".prog-totals")).to_have_text(totals_text(0))
        # Every row fits the screen: nothing to scroll sideways to.
        assert page.evaluate(
            "(() => { const s = document.querySelector('.prog-scroll');"
            " return s.scrollWidth <= s.clientWidth; })()"
        )
        serious = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
        assert serious == [], json.dumps(serious, indent=1)
    finally:
        context.close()


# ---------------------------------------------------------------- a shared computer (issue 19)
def course_keys(page, area: str = "localStorage") -> list[str]:
    return page.evaluate(
        f"() => Object.keys({area}).filter((k) => k.startsWith({json.dumps(STORAGE_PREFIX)}))"
    )


def shared_choice(page):
    return progress_widget(page).get_by_label(
        "Shared computer: keep my work only until this browser is closed"
    )


def turn_on_shared_computer(page, site_url: str):
    page.goto(url(site_url, PROGRESS), wait_until="load")
    choice = shared_choice(page)
    expect(choice).not_to_be_checked()
    expect(progress_widget(page).locator(".prog-shared")).to_contain_text("Download a backup first")
    with page.expect_navigation():
        choice.check()
    expect(shared_choice(page)).to_be_checked()
    expect(progress_widget(page).locator(".prog-where")).to_contain_text("only until it is closed")


def test_shared_computer_mode_leaves_nothing_in_local_storage_after_the_browser_closes(browser, site_url):
    context = browser.new_context()
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    turn_on_shared_computer(page, site_url)
    page.goto(url(site_url, FULL["docname"]), wait_until="load")
    check = next(a for a in FULL["activities"] if a["kind"] == "check")
    reflection = next(a for a in FULL["activities"] if a["kind"] == "reflection")
    do(page, check)
    do(page, reflection)
    expect(box(page)).to_contain_text("only until it is closed")
    page.goto(url(site_url, PROGRESS), wait_until="load")  # the session's work follows the learner
    expect(progress_widget(page).locator(".prog-counts")).to_contain_text("Activities completed: 2 of")
    assert len(course_keys(page, "sessionStorage")) >= 2
    assert course_keys(page) == []
    kept = context.storage_state()  # what a browser keeps once it closes (not sessionStorage)
    context.close()
    assert not [
        item
        for origin in kept["origins"]
        for item in origin["localStorage"]
        if item["name"].startswith(STORAGE_PREFIX)
    ], kept
    later = browser.new_context(storage_state=kept)  # the browser opened again
    again = later.new_page()
    again.goto(url(site_url, PROGRESS), wait_until="load")
    expect(progress_widget(again).locator(".prog-counts")).to_contain_text("Activities completed: 0 of")
    expect(shared_choice(again)).not_to_be_checked()
    later.close()
    assert errors == []


def test_finish_on_this_computer_deletes_everything_of_the_session(watched, site_url):
    page = watched.page
    turn_on_shared_computer(page, site_url)
    page.goto(url(site_url, FULL["docname"]), wait_until="load")
    do(page, next(a for a in FULL["activities"] if a["kind"] == "check"))
    page.goto(url(site_url, PROGRESS), wait_until="load")
    widget = progress_widget(page)
    expect(widget.locator(".prog-counts")).to_contain_text("Activities completed: 1 of")
    widget.get_by_role("button", name="Finish on this computer").click()
    expect(widget.locator(".prog-shared-confirm")).to_contain_text("Download a backup first")
    with page.expect_navigation():
        widget.get_by_role("button", name="Yes, delete it").click()
    expect(progress_widget(page).locator(".prog-counts")).to_contain_text("Activities completed: 0 of")
    assert course_keys(page, "sessionStorage") == []
    assert course_keys(page) == []
    expect(shared_choice(page)).not_to_be_checked()
    assert watched.errors == []


def test_turning_shared_computer_mode_on_takes_the_work_already_saved_along(watched, site_url):
    page = watched.open(url(site_url, FULL["docname"]))
    do(page, next(a for a in FULL["activities"] if a["kind"] == "check"))
    assert len(course_keys(page)) >= 1
    turn_on_shared_computer(page, site_url)
    expect(progress_widget(page).locator(".prog-counts")).to_contain_text("Activities completed: 1 of")
    # Only the store's clear-all generation (a number, no learner data) stays behind.
    assert course_keys(page) == [STORAGE_PREFIX + "meta"]
    with page.expect_navigation():
        shared_choice(page).uncheck()  # off again: the work moves back
    expect(progress_widget(page).locator(".prog-counts")).to_contain_text("Activities completed: 1 of")
    assert course_keys(page, "sessionStorage") == []
    assert watched.errors == []
