"""The knowledge check on the built site, used as a learner would: offline, no kernel."""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from selfhelp_course._content import CHECKS
from selfhelp_course._course_time import page_path, toc_docnames
from paths import ROOT

CHECKS = CHECKS.load(CHECKS.paths(ROOT))


def first_single_choice_page():
    for name in toc_docnames(ROOT):
        for check_id in re.findall(r'knowledge_check\("([^"]+)"\)', page_path(ROOT, name).read_text()):
            if CHECKS[check_id]["kind"] == "single":
                return name, CHECKS[check_id]
    raise AssertionError("no page shows a single-choice knowledge check")


PAGE, CHECK = first_single_choice_page()
RIGHT = next(o for o in CHECK["options"] if o["correct"])
WRONG = next(o for o in CHECK["options"] if not o["correct"])


@pytest.fixture
def url(site_url):
    return urljoin(site_url, f"{PAGE}.html")


def widget(page):
    return page.locator(f'fieldset.kc[data-check-id="{CHECK["id"]}"]')


def test_renders_the_question_and_options_from_the_bank(watched, url):
    page = watched.open(url)
    check = widget(page)
    expect(check.locator("legend")).to_have_text(CHECK["question"])
    for option in CHECK["options"]:
        expect(check.get_by_label(option["text"], exact=True)).to_be_visible()
    assert watched.errors == []


def test_wrong_answer_explains_only_that_choice_then_retry_then_right(watched, url):
    page = watched.open(url)
    check = widget(page)
    check.get_by_label(WRONG["text"], exact=True).check()
    check.get_by_role("button", name="Check answer").click()
    expect(check.locator(".course-status")).to_contain_text("Not quite")
    expect(check.locator(".kc-note:visible")).to_have_count(1)
    expect(check.locator(".kc-note:visible")).to_contain_text(WRONG["feedback"])
    check.get_by_role("button", name="Try again").click()
    expect(check.locator(".kc-note:visible")).to_have_count(0)
    check.get_by_label(RIGHT["text"], exact=True).check()
    check.get_by_role("button", name="Check answer").click()
    expect(check.locator(".course-status")).to_contain_text("Correct")
    expect(check.locator(".kc-note:visible")).to_have_count(len(CHECK["options"]))
    assert watched.errors == []


def test_the_answer_survives_a_reload(watched, url):
    page = watched.open(url)
    widget(page).get_by_label(RIGHT["text"], exact=True).check()
    widget(page).get_by_role("button", name="Check answer").click()
    page.reload()
    check = widget(page)
    expect(check.get_by_label(RIGHT["text"], exact=True)).to_be_checked()
    expect(check.locator(".course-status")).to_contain_text("Correct")
    saved = page.evaluate(f"localStorage.getItem('selfhelp-course:check:{CHECK['id']}')")
    assert json.loads(saved)["checked"] is True


def test_a_choice_not_yet_checked_also_survives_a_reload(watched, url):
    page = watched.open(url)
    widget(page).get_by_label(WRONG["text"], exact=True).check()
    page.reload()
    expect(widget(page).get_by_label(WRONG["text"], exact=True)).to_be_checked()
    expect(widget(page).get_by_role("button", name="Check answer")).to_be_visible()


def test_keyboard_alone_answers_the_question(watched, url):
    page = watched.open(url)
    check = widget(page)
    first = check.locator("input").first
    first.focus()
    index = next(i for i, o in enumerate(CHECK["options"]) if o["correct"])
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    if index == 0:
        page.keyboard.press("Space")
    expect(check.get_by_label(RIGHT["text"], exact=True)).to_be_checked()
    page.keyboard.press("Tab")
    expect(check.get_by_role("button", name="Check answer")).to_be_focused()
    page.keyboard.press("Enter")
    expect(check.locator(".course-status")).to_contain_text("Correct")


def test_a_corrupt_saved_answer_is_set_aside_and_said_in_words(watched, url):
    page = watched.open(url)
    page.evaluate(f"localStorage.setItem('selfhelp-course:check:{CHECK['id']}', '{{not json')")
    page.reload()
    check = widget(page)
    expect(check.locator(".course-notice")).to_contain_text("could not be read")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':unreadable:'))")
    assert len(kept) == 1 and page.evaluate(f"localStorage.getItem('{kept[0]}')") == "{not json"
    check.get_by_label(RIGHT["text"], exact=True).check()
    check.get_by_role("button", name="Check answer").click()
    expect(check.locator(".course-status")).to_contain_text("Correct")


def test_with_storage_blocked_the_check_still_works_and_says_so(watched, url):
    watched.block_storage()
    page = watched.open(url)
    check = widget(page)
    expect(check.locator(".course-notice")).to_contain_text("not letting the course save")
    check.get_by_label(RIGHT["text"], exact=True).check()
    check.get_by_role("button", name="Check answer").click()
    expect(check.locator(".course-status")).to_contain_text("Correct")


def test_markup_in_content_is_shown_as_text_never_run(watched, url):
    hostile = '<img src=x onerror="window.__pwned=1">'

    watched.serve_with_text_replaced(url, CHECK["question"], hostile)
    page = watched.open(url)
    expect(widget(page).locator("legend")).to_have_text(hostile)
    assert page.evaluate("window.__pwned") is None
    assert widget(page).locator("img").count() == 0
