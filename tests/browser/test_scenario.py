"""The branching scenarios on the built site, used as a learner would: offline, no kernel."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from paths import ROOT
from selfhelp_course.activities.banks import SCENARIOS
from selfhelp_course.course.structure import page_path, toc_docnames

BANK = SCENARIOS.load(SCENARIOS.paths(ROOT))
SHOWN = {
    scenario_id: name
    for name in toc_docnames(ROOT)
    for scenario_id in re.findall(r'\bscenario\("([^"]+)"\)', page_path(ROOT, name).read_text())
}
ENDING_WORDS = {
    "supports": "This path supported the group's autonomy",
    "takes-over": "This path took the group over",
    "mixed": "This path had mixed results",
}
NOTHING = re.compile(
    r"(?<![A-Za-z])(null|undefined|NaN)(?![a-z])|\[object "
)  # what a missing value looks like
ROUTE_WORDS = {
    "supports": "Supported the group's autonomy",
    "takes-over": "Took the group over",
    "mixed": "Mixed",
}


def route(scenario: dict, stance: str) -> list[tuple[dict, int]]:
    """A route from the start to an ending of kind `stance`, every choice on it of that stance."""
    steps = {step["id"]: step for step in scenario["steps"]}

    def walk(step_id):
        step = steps[step_id]
        if step["ending"]:
            return [] if step["ending"] == stance else None
        for index, choice in enumerate(step["choices"]):
            if choice["stance"] == stance and (rest := walk(choice["next"])) is not None:
                return [(step, index), *rest]
        return None

    found = walk(scenario["start"])
    assert found, f"{scenario['id']} has no all-{stance} route to a {stance} ending"
    return found


def ending_of(scenario: dict, path: list[tuple[dict, int]]) -> dict:
    steps = {step["id"]: step for step in scenario["steps"]}
    step, index = path[-1]
    return steps[step["choices"][index]["next"]]


SCENARIO = BANK["practitioner-role-struggling-group"]
PAGE = SHOWN[SCENARIO["id"]]
KEY = f"selfhelp-course:scenario:{SCENARIO['id']}"
START = next(step for step in SCENARIO["steps"] if step["id"] == SCENARIO["start"])
SUPPORTING = route(SCENARIO, "supports")
TAKING_OVER = route(SCENARIO, "takes-over")


@pytest.fixture
def url(site_url):
    return urljoin(site_url, f"{PAGE}.html")


def widget(page, scenario=SCENARIO):
    return page.locator(f'.scn[data-scenario-id="{scenario["id"]}"]')


def first_paragraph(text: str) -> str:
    return " ".join(text.split("\n\n")[0].split())


def choose(page, step, index, scenario=SCENARIO):
    scn = widget(page, scenario)
    expect(scn.locator(".scn-text")).to_contain_text(first_paragraph(step["text"]))
    scn.get_by_role("button", name=step["choices"][index]["text"], exact=True).click()
    expect(scn.locator(".scn-consequence").first).to_contain_text(
        first_paragraph(step["choices"][index]["consequence"])
    )
    expect(scn).not_to_contain_text(NOTHING)
    scn.get_by_role("button", name="Continue").click()


def follow(page, path, scenario=SCENARIO):
    for step, index in path:
        choose(page, step, index, scenario)


def saved(page, key=KEY) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{key}')"))


def progress_state(page, scenario=SCENARIO):
    """This scenario's line in the page's progress box (read through js/lib/progress.js)."""
    return page.locator(f'.course-page-progress [data-activity="scenario:{scenario["id"]}"] .cpp-state')


def record_second_click(page):
    """Note what the second click of a double click lands on (the page changes under it)."""
    page.evaluate("""document.addEventListener("click", (event) => {
        if (event.detail === 2) window.__secondClick = event.target.className;
    }, true)""")


def test_every_scenario_in_the_bank_is_shown_on_a_page():
    assert set(BANK) <= set(SHOWN), f"not on any page: {set(BANK) - set(SHOWN)}"


def test_renders_the_first_step_and_its_choices_from_the_bank(watched, url):
    page = watched.open(url)
    scn = widget(page)
    expect(scn.locator(".course-title")).to_have_text(SCENARIO["title"])
    expect(scn.locator(".scn-progress")).to_have_text("Decision 1")
    expect(scn.locator(".scn-text")).to_contain_text(first_paragraph(START["text"]))
    expect(scn.locator(".scn-choice")).to_have_count(len(START["choices"]))
    for choice in START["choices"]:
        expect(scn.get_by_role("button", name=choice["text"], exact=True)).to_be_visible()
    expect(scn.get_by_role("button", name="Back one step")).to_be_hidden()
    expect(scn.get_by_role("button", name="Start again")).to_be_hidden()
    assert watched.errors == []


@pytest.mark.parametrize("scenario_id", sorted(BANK))
def test_supporting_and_taking_over_routes_reach_different_endings_with_a_summary(
    watched, site_url, scenario_id
):
    scenario = BANK[scenario_id]
    page = watched.open(urljoin(site_url, f"{SHOWN[scenario_id]}.html"))
    endings = []
    for stance in ("supports", "takes-over"):
        path = route(scenario, stance)
        follow(page, path, scenario)
        ending = ending_of(scenario, path)
        scn = widget(page, scenario)
        expect(scn.locator(".scn-ending")).to_have_text(re.compile(ENDING_WORDS[stance]))
        expect(scn.locator(".scn-debrief")).to_contain_text(first_paragraph(ending["debrief"]))
        items = scn.locator(".scn-route > li")
        expect(items).to_have_count(len(path))
        for number, (step, index) in enumerate(path):
            choice = step["choices"][index]
            expect(items.nth(number)).to_contain_text(f"Decision {number + 1}: you chose")
            expect(items.nth(number)).to_contain_text(choice["text"])
            expect(items.nth(number).locator(".scn-stance")).to_contain_text(ROUTE_WORDS[stance])
        expect(scn.get_by_role("button", name="Back one step")).to_be_hidden()
        expect(scn).not_to_contain_text(NOTHING)
        record = saved(page, f"selfhelp-course:scenario:{scenario_id}")
        assert record["complete"] is True and record["attempted"] is True and record["v"] == 2
        assert record["path"] == [{"step": step["id"], "choice": index} for step, index in path]
        assert ending["id"] in record["endings"]  # any ending completes the scenario
        endings.append(ending["id"])
        scn.get_by_role("button", name="Start again").click()
    assert endings[0] != endings[1]
    assert watched.errors == []


def test_keyboard_alone_reaches_an_ending_and_focus_follows_the_story(watched, url):
    page = watched.open(url)
    scn = widget(page)
    scn.locator(".scn-text").focus()  # the learner has reached the activity
    for step, index in SUPPORTING:
        for _ in range(index + 1):
            page.keyboard.press("Tab")
        expect(scn.get_by_role("button", name=step["choices"][index]["text"], exact=True)).to_be_focused()
        page.keyboard.press("Enter")
        expect(scn.locator(".scn-outcome")).to_be_focused()
        expect(scn.locator(".course-status")).to_contain_text("here is what happened")
        page.keyboard.press("Tab")
        expect(scn.get_by_role("button", name="Continue")).to_be_focused()
        page.keyboard.press("Enter")
        expect(scn.locator(".scn-text")).to_be_focused()
    expect(scn.locator(".scn-ending")).to_contain_text(ENDING_WORDS["supports"])
    expect(scn.locator(".course-status")).to_contain_text("The end of this path")


def test_each_choice_shows_what_happened_and_its_stance(watched, url):
    page = watched.open(url)
    scn = widget(page)
    step, index = TAKING_OVER[0]
    scn.get_by_role("button", name=step["choices"][index]["text"], exact=True).click()
    expect(scn.locator(".scn-chose")).to_contain_text(step["choices"][index]["text"])
    expect(scn.locator(".scn-outcome .scn-stance")).to_have_text("This choice took the group over.")
    expect(scn.locator(".scn-choice")).to_have_count(0)
    expect(scn).not_to_contain_text(NOTHING)


def test_back_one_step_undoes_the_last_choice(watched, url):
    page = watched.open(url)
    scn = widget(page)
    first, second = SUPPORTING[0], SUPPORTING[1]
    # Back from reading a consequence: the same decision again.
    scn.get_by_role("button", name=first[0]["choices"][first[1]]["text"], exact=True).click()
    scn.get_by_role("button", name="Back one step").click()
    expect(scn.locator(".scn-progress")).to_have_text("Decision 1")
    expect(scn.locator(".scn-text")).to_be_focused()
    assert saved(page)["path"] == []
    # Back from the next decision: the previous decision, ready for a different choice.
    choose(page, *first)
    expect(scn.locator(".scn-progress")).to_have_text("Decision 2")
    expect(scn.locator(".scn-text")).to_contain_text(first_paragraph(second[0]["text"]))
    scn.get_by_role("button", name="Back one step").click()
    expect(scn.locator(".scn-progress")).to_have_text("Decision 1")
    expect(scn.locator(".course-status")).to_contain_text("Back one step")
    choose(page, *TAKING_OVER[0])
    assert saved(page)["path"] == [{"step": TAKING_OVER[0][0]["id"], "choice": TAKING_OVER[0][1]}]


def test_start_again_goes_back_to_the_first_decision(watched, url):
    page = watched.open(url)
    follow(page, TAKING_OVER)
    widget(page).get_by_role("button", name="Start again").click()
    expect(widget(page).locator(".scn-progress")).to_have_text("Decision 1")
    expect(widget(page).locator(".scn-route")).to_have_count(0)
    expect(widget(page).locator(".scn-text")).to_be_focused()
    record = saved(page)
    # The route starts again; the ending already reached stays reached (see widgets/scenario/state.js).
    assert record["path"] == [] and record["phase"] == "choices"
    assert record["complete"] is True and record["endings"] == {ending_of(SCENARIO, TAKING_OVER)["id"]: True}
    expect(progress_state(page)).to_have_text("Completed")


def test_a_reload_part_way_resumes_where_the_learner_was(watched, url):
    page = watched.open(url)
    choose(page, *SUPPORTING[0])
    page.reload()
    scn = widget(page)
    expect(scn.locator(".scn-progress")).to_have_text("Decision 2")
    expect(scn.locator(".scn-text")).to_contain_text(first_paragraph(SUPPORTING[1][0]["text"]))
    expect(scn.locator(".course-status")).to_contain_text("Carrying on where you left off")
    # Reading a consequence when the page reloads: the consequence is shown again.
    step, index = SUPPORTING[1]
    scn.get_by_role("button", name=step["choices"][index]["text"], exact=True).click()
    page.reload()
    expect(scn.locator(".scn-chose")).to_contain_text(step["choices"][index]["text"])
    expect(scn.get_by_role("button", name="Continue")).to_be_visible()
    record = saved(page)
    assert record["complete"] is False and record["page"] == PAGE and len(record["path"]) == 2
    assert record["attempted"] is True and record["phase"] == "consequence"


def test_a_finished_scenario_survives_a_reload(watched, url):
    page = watched.open(url)
    follow(page, SUPPORTING)
    page.reload()
    scn = widget(page)
    expect(scn.locator(".scn-ending")).to_contain_text(ENDING_WORDS["supports"])
    expect(scn.locator(".scn-route > li")).to_have_count(len(SUPPORTING))
    assert saved(page)["complete"] is True


def test_a_corrupt_saved_entry_is_set_aside_and_said_in_words(watched, url):
    page = watched.open(url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    page.reload()
    scn = widget(page)
    expect(scn.locator(".course-notice")).to_contain_text("could not be read")
    expect(scn.locator(".scn-progress")).to_have_text("Decision 1")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':unreadable:'))")
    assert len(kept) == 1
    follow(page, TAKING_OVER)
    expect(scn.locator(".scn-ending")).to_contain_text(ENDING_WORDS["takes-over"])


def test_a_saved_route_that_no_longer_fits_is_cut_where_it_stops_fitting(watched, url):
    page = watched.open(url)
    step, index = SUPPORTING[0]
    stale = {
        "v": 1,
        "path": [{"step": step["id"], "choice": index}, {"step": "a-step-since-removed", "choice": 0}],
        "phase": "choices",
    }
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(stale))})")
    page.reload()
    scn = widget(page)
    expect(scn.locator(".course-notice")).to_contain_text("no longer fits")
    expect(scn.locator(".scn-progress")).to_have_text("Decision 2")
    assert watched.errors == []


def test_with_storage_blocked_the_scenario_still_works_and_says_so(watched, url):
    watched.block_storage()
    page = watched.open(url)
    expect(widget(page).locator(".course-notice")).to_contain_text("not letting the course save")
    follow(page, SUPPORTING)
    expect(widget(page).locator(".scn-ending")).to_contain_text(ENDING_WORDS["supports"])


def test_markup_in_content_is_shown_as_text_never_run(watched, url):
    hostile = "<img src=x onerror=window.__pwned=1>"
    step, index = SUPPORTING[0]
    original = json.dumps(step["choices"][index]["text"])[1:-1]

    watched.serve_with_text_replaced(url, original, hostile)
    page = watched.open(url)
    scn = widget(page)
    expect(scn.get_by_role("button", name=hostile, exact=True)).to_be_visible()
    scn.get_by_role("button", name=hostile, exact=True).click()
    expect(scn.locator(".scn-chose")).to_contain_text(hostile)
    assert page.evaluate("window.__pwned") is None
    assert scn.locator("img").count() == 0


def test_no_serious_accessibility_violation_at_an_ending(watched, url, axe):
    page = watched.open(url)
    follow(page, TAKING_OVER)
    expect(widget(page).locator(".scn-route > li")).to_have_count(len(TAKING_OVER))
    serious = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)


def test_attempted_after_a_first_choice_and_completed_at_an_ending(watched, url):
    page = watched.open(url)
    expect(progress_state(page)).to_have_text("Not yet")
    step, index = SUPPORTING[0]
    widget(page).get_by_role("button", name=step["choices"][index]["text"], exact=True).click()
    expect(progress_state(page)).to_have_text("Attempted")
    assert saved(page)["attempted"] is True and saved(page)["complete"] is False
    widget(page).get_by_role("button", name="Continue").click()
    follow(page, SUPPORTING[1:-1])
    step, index = SUPPORTING[-1]
    choose_only = widget(page).get_by_role("button", name=step["choices"][index]["text"], exact=True)
    choose_only.click()
    # Reading the last consequence is not the end yet.
    expect(widget(page).locator(".scn-hint")).to_contain_text("Continue to see how this path ends")
    assert saved(page)["complete"] is False
    widget(page).get_by_role("button", name="Continue").click()
    expect(widget(page).locator(".scn-ending")).to_be_visible()
    expect(progress_state(page)).to_have_text("Completed")


def test_an_entry_saved_before_endings_were_recorded_is_put_right(watched, url):
    page = watched.open(url)
    old = {
        "v": 1,
        "page": PAGE,
        "updated": "2026-11-01T10:00:00Z",
        "complete": True,
        "phase": "choices",
        "path": [{"step": step["id"], "choice": index} for step, index in TAKING_OVER],
    }
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(old))})")
    page.reload()
    expect(widget(page).locator(".scn-ending")).to_contain_text(ENDING_WORDS["takes-over"])
    record = saved(page)
    assert record["v"] == 2 and record["complete"] is True and record["attempted"] is True
    assert record["endings"] == {ending_of(SCENARIO, TAKING_OVER)["id"]: True}


def test_a_double_click_on_continue_does_not_choose_at_the_next_decision(watched, url):
    """The issue: the second click of a double click on "Continue" landed on a choice of the
    decision that had just appeared, so the learner never saw that decision."""
    page = watched.open(url)
    scn = widget(page)
    step, index = SUPPORTING[0]
    scn.get_by_role("button", name=step["choices"][index]["text"], exact=True).click()
    record_second_click(page)
    scn.get_by_role("button", name="Continue").dblclick()
    expect(scn.locator(".scn-progress")).to_have_text("Decision 2")
    expect(scn.locator(".scn-choice")).to_have_count(len(SUPPORTING[1][0]["choices"]))
    assert page.evaluate("window.__secondClick") == "scn-choice"  # where it landed: so this test can fail
    # Not even the second press's focus: the learner is at the new decision's text.
    expect(scn.locator(".scn-text")).to_be_focused()
    record = saved(page)
    assert len(record["path"]) == 1 and record["phase"] == "choices"


def test_a_double_click_on_a_choice_chooses_once(watched, url):
    page = watched.open(url)
    scn = widget(page)
    choose(page, *SUPPORTING[0])
    step, index = SUPPORTING[1]
    scn.get_by_role("button", name=step["choices"][index]["text"], exact=True).dblclick()
    expect(scn.locator(".scn-chose")).to_contain_text(step["choices"][index]["text"])
    expect(scn.get_by_role("button", name="Continue")).to_be_visible()
    assert len(saved(page)["path"]) == 2 and saved(page)["phase"] == "consequence"


def test_a_second_tab_follows_the_route_as_it_is_taken(two_tabs, url):
    a, b = two_tabs(url, ".scn-text")
    step, index = SUPPORTING[0]
    widget(a).get_by_role("button", name=step["choices"][index]["text"], exact=True).click()
    expect(widget(b).locator(".scn-chose")).to_contain_text(step["choices"][index]["text"])
    widget(b).get_by_role("button", name="Continue").click()
    expect(widget(a).locator(".scn-progress")).to_have_text("Decision 2")
