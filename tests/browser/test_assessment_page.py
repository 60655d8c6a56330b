"""The end-of-course assessment on the built site, used as learners would: guessing bots that
must not pass, a learner who knows the answers, reload and a second tab, feedback with links."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from paths import ROOT, SITE
from selfhelp_course.activities.assessment import ASSESSMENT_ID, assessment_settings
from selfhelp_course.activities.banks import ASSESSMENTS

BANK = {q["id"]: q for q in ASSESSMENTS.find(ASSESSMENT_ID, ROOT)["questions"]}
SETTINGS = assessment_settings(ROOT)
KEY = f"selfhelp-course:assessment:{ASSESSMENT_ID}"
ATTEMPTS_PER_BOT = 8


@pytest.fixture
def url(site_url):
    return urljoin(site_url, "book/assessment.html")


def widget(page):
    return page.locator(f'.as[data-assessment-id="{ASSESSMENT_ID}"]')


def shown_questions(page):
    """[(question id, [option ids in shown order])] of the attempt on screen."""
    return page.evaluate("""() => [...document.querySelectorAll('fieldset.as-question')].map((f) =>
        [f.dataset.questionId, [...f.querySelectorAll('input[type=radio]')].map((i) => i.value)])""")


def stored(page):
    return json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(KEY)})") or "null")


def text_of(question_id, option_id):
    return next(o["text"] for o in BANK[question_id]["options"] if o["id"] == option_id)


def take_attempt(page, pick):
    """Start (or resume) an attempt, answer every question with pick(question id, shown option
    ids), submit, and return (right, total) of that attempt as stored."""
    box = widget(page)
    start = box.get_by_role("button", name="Start")
    if start.is_visible():
        start.click()
    expect(box.locator("fieldset.as-question")).to_have_count(SETTINGS["draw"])
    shown = shown_questions(page)
    for question_id, options in shown:
        choice = pick(question_id, options)
        box.locator(f'fieldset[data-question-id="{question_id}"] input[value="{choice}"]').check()
    box.get_by_role("button", name="Submit your answers").click()
    expect(box.locator(".as-result")).to_be_visible()
    entry = stored(page)
    submitted = [a for a in entry["attempts"].values() if a.get("submitted")]
    latest = max(submitted, key=lambda a: a["submitted"])
    return latest["right"], latest["total"], [q for q, _ in shown]


def first_shown(question_id, options):
    return options[0]


def longest(question_id, options):
    return max(options, key=lambda option_id: len(text_of(question_id, option_id)))


def shortest(question_id, options):
    return min(options, key=lambda option_id: len(text_of(question_id, option_id)))


def from_key(question_id, options):
    return next(o["id"] for o in BANK[question_id]["options"] if o["correct"])


@pytest.mark.parametrize("bot", [first_shown, longest, shortest], ids=["first-shown", "longest", "shortest"])
def test_a_guessing_bot_stays_near_chance_and_never_passes(watched, url, bot):
    page = watched.open(url)
    right = total = 0
    for _ in range(ATTEMPTS_PER_BOT):
        got, out_of, _ = take_attempt(page, bot)
        right, total = right + got, total + out_of
        assert got / out_of < SETTINGS["pass_mark"], f"the {bot.__name__} bot passed an attempt"
        widget(page).get_by_role("button", name="Start a new attempt").click()
    share = right / total
    print(
        f"{bot.__name__} bot on the assessment: {right} of {total} right ({share:.0%}) "
        f"over {ATTEMPTS_PER_BOT} attempts"
    )
    assert share < 0.45
    assert stored(page)["complete"] is False
    assert watched.errors == []


def test_a_learner_who_knows_the_answers_passes_and_the_portfolio_says_so(watched, url, site_url):
    page = watched.open(url)
    right, total, shown = take_attempt(page, from_key)
    assert (right, total) == (SETTINGS["draw"], SETTINGS["draw"])
    outcomes = {BANK[q]["outcome"] for q in shown}
    assert outcomes == {q["outcome"] for q in BANK.values()}, "every outcome is covered"
    box = widget(page)
    expect(box.locator(".as-result")).to_contain_text("You passed")
    expect(box.locator(".as-wrong")).to_have_count(0)
    entry = stored(page)
    assert entry["complete"] is True and entry["best"]["scaled"] == 1
    page.goto(urljoin(site_url, "book/portfolio.html"))
    expect(page.locator(".pf-statement")).to_contain_text(
        f"End-of-course assessment: best result {total} of {total} (100%)"
    )
    assert watched.errors == []


def test_nothing_is_marked_until_submitted_then_each_wrong_answer_links_to_its_page(watched, url):
    page = watched.open(url)
    box = widget(page)
    box.get_by_role("button", name="Start the assessment").click()
    shown = shown_questions(page)
    wrong = {
        q: next(
            o
            for o in options
            if not BANK[q]["options"][[x["id"] for x in BANK[q]["options"]].index(o)].get("correct")
        )
        for q, options in shown
    }
    for question_id, option_id in wrong.items():
        box.locator(f'fieldset[data-question-id="{question_id}"] input[value="{option_id}"]').check()
    expect(box.locator(".kc-note, .as-result")).to_have_count(0)
    box.get_by_role("button", name="Submit your answers").click()
    expect(box.locator(".as-result")).to_contain_text(f"0 of {SETTINGS['draw']} right")
    expect(box.locator(".as-result")).to_contain_text(f"pass mark is {round(SETTINGS['pass_mark'] * 100)}%")
    items = box.locator(".as-wrong")
    expect(items).to_have_count(SETTINGS["draw"])
    for index, (question_id, _) in enumerate(shown):
        item = items.nth(index)
        expect(item).to_contain_text(BANK[question_id]["feedback"])
        href = item.get_by_role("link").get_attribute("href")
        assert href == f"{BANK[question_id]['page'].split('/')[-1]}.html" or href.startswith("../")
        assert (SITE / "book" / href).resolve().is_file(), href
    # A new attempt is a fresh draw.
    box.get_by_role("button", name="Start a new attempt").click()
    expect(box.locator("fieldset.as-question")).to_have_count(SETTINGS["draw"])
    assert shown_questions(page) != shown
    assert watched.errors == []


def test_an_unfinished_attempt_survives_a_reload_and_shows_in_a_second_tab(two_tabs, url):
    a, b = two_tabs(url, ".as")
    widget(a).get_by_role("button", name="Start the assessment").click()
    shown = shown_questions(a)
    for question_id, options in shown[:3]:
        widget(a).locator(f'fieldset[data-question-id="{question_id}"] input[value="{options[1]}"]').check()
    a.wait_for_timeout(700)  # saved 400 ms after the last change
    expect(widget(b).locator("fieldset.as-question")).to_have_count(SETTINGS["draw"])
    assert shown_questions(b) == shown
    for question_id, options in shown[:3]:
        expect(
            widget(b).locator(f'fieldset[data-question-id="{question_id}"] input[value="{options[1]}"]')
        ).to_be_checked()
    a.reload()
    expect(widget(a).locator("fieldset.as-question")).to_have_count(SETTINGS["draw"])
    assert shown_questions(a) == shown
    for question_id, options in shown[:3]:
        expect(
            widget(a).locator(f'fieldset[data-question-id="{question_id}"] input[value="{options[1]}"]')
        ).to_be_checked()
    expect(widget(a).locator(".as-result")).to_have_count(0)
    expect(widget(a)).to_contain_text(f"3 of {SETTINGS['draw']} answered")


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


def test_an_attempt_and_its_review_are_accessible(watched, url, axe):
    page = watched.open(url)
    box = widget(page)
    box.get_by_role("button", name="Start the assessment").click()
    expect(box.locator("fieldset.as-question")).to_have_count(SETTINGS["draw"])
    assert serious(axe(page)) == []
    # Submitting with questions unanswered is refused, and says how many are left.
    box.get_by_role("button", name="Submit your answers").click()
    expect(box.locator(".course-status")).to_contain_text(f"{SETTINGS['draw']} are still unanswered")
    take_attempt(page, first_shown)
    assert serious(axe(page)) == []
    assert watched.errors == []


def test_the_assessment_works_opened_from_disk(watched):
    page = watched.open((SITE / "book" / "assessment.html").as_uri())
    right, total, _ = take_attempt(page, from_key)
    assert right == total
    page.reload()
    expect(widget(page).locator(".as-result")).to_contain_text("You passed")
    assert all(u.startswith(("file:", "blob:", "data:")) for u in watched.requests)
    assert watched.errors == []
