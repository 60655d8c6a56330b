"""The course open in two tabs of one browser, as learners have it: nothing either tab saved is
lost, each tab follows the other, and text changed in both keeps both versions until the learner
chooses. Two pages in one browser context share storage exactly as two tabs do.
"""
from __future__ import annotations

import json
import time
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from selfhelp_course._content import FRAMEWORKS, FRAMEWORKS_FILE, REFLECTIONS, load_config
from selfhelp_course._facts import storage_key
from selfhelp_course._manifest import course_manifest
from paths import ROOT

MANIFEST = course_manifest(ROOT)
PAGE, REFLECTION_ID = next((page["docname"], activity["id"]) for page in MANIFEST["pages"]
                           for activity in page["activities"] if activity["kind"] == "reflection")
ITEM = REFLECTIONS.find(REFLECTION_ID, ROOT)
FRAMEWORK = next(f for f in load_config(FRAMEWORKS_FILE, FRAMEWORKS, ROOT)["frameworks"]
                 if f["id"] == ITEM["framework"])
FIRST, SECOND = FRAMEWORK["parts"][0], FRAMEWORK["parts"][1]
KEY = storage_key("reflection", REFLECTION_ID)


@pytest.fixture
def tabs(browser, site_url):
    """Two tabs of one browser on the same reflection page, with errors collected."""
    context = browser.new_context()
    errors: list[str] = []
    pages = []
    for _ in range(2):
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(urljoin(site_url, f"{PAGE}.html"))
        box(page, FIRST).wait_for()
        pages.append(page)
    yield pages[0], pages[1]
    assert errors == []
    context.close()


def widget(page):
    return page.locator(f'fieldset.rf[data-reflection-id="{REFLECTION_ID}"]')


def box(page, part):
    return widget(page).get_by_label(part["heading"], exact=True)


def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    return json.loads(raw) if raw else {}


def wait_saved(page, text: str):
    page.wait_for_function(f"(localStorage.getItem({json.dumps(KEY)}) || '').includes({json.dumps(text)})")


def test_parts_written_in_two_tabs_are_both_kept(tabs):
    """The issue's first reproduction: part 1 in tab A, part 2 in tab B, reload A."""
    a, b = tabs
    box(a, FIRST).fill("Part one, written in tab A.")
    wait_saved(a, "Part one")
    box(b, SECOND).fill("Part two, written in tab B.")
    wait_saved(b, "Part two")
    a.reload()
    expect(box(a, FIRST)).to_have_value("Part one, written in tab A.")
    expect(box(a, SECOND)).to_have_value("Part two, written in tab B.")
    assert stored(a)["texts"][FRAMEWORK["id"]] == {FIRST["id"]: "Part one, written in tab A.",
                                                  SECOND["id"]: "Part two, written in tab B."}


def test_a_tab_follows_what_the_other_tab_saves_without_a_reload(tabs):
    a, b = tabs
    box(a, FIRST).fill("Typed in A.")
    expect(box(b, FIRST)).to_have_value("Typed in A.")
    box(b, SECOND).fill("Then B.")
    expect(box(a, SECOND)).to_have_value("Then B.")


def test_the_same_part_changed_in_both_tabs_keeps_both_until_the_learner_chooses(tabs):
    a, b = tabs
    # Both type into the same part before either has saved. The tabs' clock stands still meanwhile:
    # otherwise, on a busy machine, tab B's save (400 ms after its last key) could come before
    # tab A is typed in, and A would then change B's version, knowingly, with no conflict.
    clock = a.context.clock
    clock.install()
    clock.pause_at(time.time() * 1000 + 1000)
    box(b, FIRST).fill("Version from tab B.")
    box(a, FIRST).fill("Version from tab A.")
    box(a, FIRST).press("Tab")  # leaving the box saves at once
    clock.run_for(1000)  # tab B's save, if hearing A's has not made it already
    clock.resume()
    for page in (a, b):
        panel = widget(page).locator(".course-conflict")
        expect(panel).to_be_visible()
        expect(panel).to_contain_text("Version from tab A.")
        expect(panel).to_contain_text("Version from tab B.")
    conflicts = stored(a)["conflicts"]
    kept = [text for entry in conflicts.values() for text in entry["versions"]] + [
        stored(a)["texts"][FRAMEWORK["id"]][FIRST["id"]]]
    assert sorted(kept) == ["Version from tab A.", "Version from tab B."]
    # The learner keeps tab B's version, choosing in tab A.
    panel = widget(a).locator(".course-conflict")
    choice = panel.locator(".course-conflict-version").filter(has_text="Version from tab B.")
    choice.get_by_role("button").click()
    expect(box(a, FIRST)).to_have_value("Version from tab B.")
    expect(box(b, FIRST)).to_have_value("Version from tab B.")
    for page in (a, b):
        expect(widget(page).locator(".course-conflict")).to_have_count(0)
    assert "conflicts" not in stored(a)
