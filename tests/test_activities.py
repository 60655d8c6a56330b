"""Sorting exercises, branching scenarios and the course's knowledge checks: good files load;
each mistake is named precisely; no fact is tested more than twice.

Trainers edit these YAML files by hand, so an error must say which file, which line and which
field, in words they can act on.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from paths import ROOT
from selfhelp_course.activities.banks import CHECKS, SCENARIOS, SORTING
from selfhelp_course.errors import ContentError

ITEM = """\
      - text: Description {n}
        answer: {answer}
        explanation: Why description {n} is {answer}.
"""

GOOD_SORTING = """\
sorting:
  - id: demo-sort
    title: Sort the groups
    instructions: Choose a kind for each description.
    categories:
      - id: self-help-group
        label: Self-help group
      - id: service-user-group
        label: Service user group
    items:
""" + "".join(
    ITEM.format(n=n, answer="self-help-group" if n % 2 else "service-user-group") for n in range(1, 9)
)

GOOD_SCENARIO = """\
scenarios:
  - id: demo-scenario
    title: A group asks for help
    start: start
    steps:
      - id: start
        text: The organiser asks you for help.
        choices:
          - text: Ask what the group wants.
            next: asked
            stance: supports
            consequence: The organiser talks it over with the members.
          - text: Run the meetings yourself.
            next: taken
            stance: takes-over
            consequence: The members start to wait for you.
      - id: asked
        text: The group keeps going on its own terms.
        ending: supports
        debrief: Asking first kept the decisions with the members.
      - id: taken
        text: The group becomes your session.
        ending: takes-over
        debrief: Running it yourself moved the decisions away from the members.
"""


def line_of(text: str, marker: str, occurrence: int = 1) -> int:
    """The 1-based line number of the n-th line that starts with `marker`."""
    hits = [number for number, line in enumerate(text.splitlines(), 1) if line.startswith(marker)]
    return hits[occurrence - 1]


def error_for(write, bank, text: str) -> ContentError:
    path = write("bank.yml", text)
    with pytest.raises(ContentError) as caught:
        bank.load([path])
    error = caught.value
    assert error.path == str(path)
    return error


def assert_names(error: ContentError, line: int, field: str, words: str) -> None:
    assert (error.line, error.field) == (line, field), str(error)
    assert words in error.message
    assert str(error).startswith(f"{error.path}:{line}: {field}: ")


# ---------------------------------------------------------------- sorting exercises
def test_a_good_sorting_exercise_loads(write):
    path = write("bank.yml", GOOD_SORTING)
    exercises = SORTING.load([path])
    exercise = exercises["demo-sort"]
    assert [c["id"] for c in exercise["categories"]] == ["self-help-group", "service-user-group"]
    assert len(exercise["items"]) == 8
    assert exercise["items"][0] == {
        "text": "Description 1",
        "answer": "self-help-group",
        "explanation": "Why description 1 is self-help-group.",
    }
    assert exercise["source"] == (str(path), 2)


def test_an_answer_that_is_not_a_category_is_named_with_its_item(write):
    text = GOOD_SORTING.replace("answer: service-user-group", "answer: support-group", 1)
    error = error_for(write, SORTING, text)
    # The second item (index 1) is the first with the service user answer.
    assert_names(
        error,
        line_of(text, "      - text: Description 2"),
        "sorting[0].items[1].answer",
        "'support-group' is not one of the categories: self-help-group, service-user-group",
    )


def test_too_few_items_is_refused(write):
    text = GOOD_SORTING.split("      - text: Description 8")[0]
    error = error_for(write, SORTING, text)
    assert_names(
        error,
        line_of(text, "      - text: Description 1"),
        "sorting[0].items",
        "has 7 entries; it needs 8 to 16",
    )


def test_a_category_id_used_twice_is_refused(write):
    text = GOOD_SORTING.replace("id: service-user-group", "id: self-help-group")
    error = error_for(write, SORTING, text)
    assert_names(
        error,
        line_of(text, "    title:") - 1,
        "sorting[0].categories",
        "the category id 'self-help-group' is used twice",
    )


# ---------------------------------------------------------------- scenarios
def test_a_good_scenario_loads(write):
    path = write("bank.yml", GOOD_SCENARIO)
    scenario = SCENARIOS.load([path])["demo-scenario"]
    steps = {step["id"]: step for step in scenario["steps"]}
    assert scenario["start"] == "start"
    assert [c["next"] for c in steps["start"]["choices"]] == ["asked", "taken"]
    assert steps["start"]["ending"] is None and steps["start"]["debrief"] is None
    assert steps["asked"]["choices"] is None and steps["asked"]["ending"] == "supports"
    assert scenario["source"] == (str(path), 2)


def test_a_next_that_is_not_a_step_is_named(write):
    text = GOOD_SCENARIO.replace("next: taken", "next: takn")
    error = error_for(write, SCENARIOS, text)
    assert_names(
        error,
        line_of(text, "      - id: start"),
        "scenarios[0].steps[0].choices[1].next",
        "'takn' is not the id of a step",
    )


def test_a_start_that_is_not_a_step_is_named(write):
    text = GOOD_SCENARIO.replace("start: start", "start: beginning")
    error = error_for(write, SCENARIOS, text)
    assert_names(
        error, line_of(text, "    start:"), "scenarios[0].start", "'beginning' is not the id of a step"
    )


def test_an_unreachable_step_is_named(write):
    text = (
        GOOD_SCENARIO
        + """\
      - id: orphan
        text: Nobody can get here.
        ending: mixed
        debrief: An ending no choice leads to.
"""
    )
    error = error_for(write, SCENARIOS, text)
    assert_names(
        error,
        line_of(text, "      - id: orphan"),
        "scenarios[0].steps[3]",
        "step 'orphan' cannot be reached from the start",
    )


def test_choices_that_go_round_in_a_circle_are_refused(write):
    text = GOOD_SCENARIO.replace(
        """\
      - id: taken
        text: The group becomes your session.
        ending: takes-over
        debrief: Running it yourself moved the decisions away from the members.
""",
        """\
      - id: taken
        text: The members wait for you.
        choices:
          - text: Start again from the beginning.
            next: start
            stance: mixed
            consequence: Round we go.
          - text: Hand the group back.
            next: asked
            stance: supports
            consequence: The members take it back.
""",
    )
    error = error_for(write, SCENARIOS, text)
    assert_names(
        error,
        line_of(text, "  - id: demo-scenario"),
        "scenarios[0].steps",
        "the choices go round in a circle: start -> taken -> start",
    )


def test_a_step_with_both_choices_and_an_ending_is_refused(write):
    text = GOOD_SCENARIO.replace(
        """\
        text: The organiser asks you for help.
""",
        """\
        text: The organiser asks you for help.
        ending: mixed
        debrief: This should not be here.
""",
    )
    error = error_for(write, SCENARIOS, text)
    assert_names(
        error,
        line_of(text, "      - id: start"),
        "scenarios[0].steps[0]",
        "either choices (to go on) or an ending, not both or neither",
    )


def test_a_step_with_neither_choices_nor_an_ending_is_refused(write):
    text = GOOD_SCENARIO.replace(
        """\
        ending: supports
        debrief: Asking first kept the decisions with the members.
""",
        "",
    )
    error = error_for(write, SCENARIOS, text)
    assert_names(error, line_of(text, "      - id: asked"), "scenarios[0].steps[1]", "not both or neither")


def test_an_ending_without_a_debrief_is_named(write):
    text = GOOD_SCENARIO.replace("        debrief: Asking first kept the decisions with the members.\n", "")
    error = error_for(write, SCENARIOS, text)
    assert_names(
        error,
        line_of(text, "      - id: asked"),
        "scenarios[0].steps[1].debrief",
        "an ending needs a debrief",
    )


def test_a_stance_that_is_not_known_is_named(write):
    text = GOOD_SCENARIO.replace("stance: takes-over", "stance: took-over")
    error = error_for(write, SCENARIOS, text)
    assert_names(
        error,
        line_of(text, "            stance: took-over"),
        "scenarios[0].steps[0].choices[1].stance",
        "is not one of: supports, takes-over, mixed",
    )


# ---------------------------------------------------------------- the course's own files
def test_the_course_sorting_exercise_is_valid_and_balanced():
    exercises = SORTING.load(SORTING.paths(ROOT))
    exercise = exercises["what-is-a-self-help-group-sort"]
    assert len(exercise["items"]) == 13
    answers = [item["answer"] for item in exercise["items"]]
    assert set(answers) == {c["id"] for c in exercise["categories"]}, "every kind is used"


@pytest.mark.parametrize("case", ["paid peer facilitator", "online forum", "twelve-step"])
def test_the_sorting_exercise_has_cases_near_the_line_with_feedback_that_explains_it(case):
    exercise = SORTING.load(SORTING.paths(ROOT))["what-is-a-self-help-group-sort"]
    matches = [item for item in exercise["items"] if case in item["text"].lower()]
    assert len(matches) == 1, f"one description of a {case}"
    # The feedback names the deciding question, not just the answer.
    assert re.search(r"who (makes the decisions|decides|runs)", matches[0]["explanation"], re.I)


def test_no_fact_is_tested_more_than_twice_across_the_course():
    checks = CHECKS.load(CHECKS.paths(ROOT))
    undeclared = [check_id for check_id, check in checks.items() if not check["facts"]]
    assert not undeclared, f"say which facts these checks turn on (facts: [...]): {undeclared}"
    tested = Counter(fact for check in checks.values() for fact in check["facts"])
    over = {
        fact: [i for i, c in checks.items() if fact in c["facts"]]
        for fact, count in tested.items()
        if count > 2
    }
    assert not over, f"facts tested more than twice: {over}"


def test_every_multiple_choice_check_says_choose_all_that_apply():
    for check_id, check in CHECKS.load(CHECKS.paths(ROOT)).items():
        if check["kind"] == "multiple":
            assert "choose all that apply" in check["question"].lower(), check_id


@pytest.mark.parametrize(
    "scenario_id", ["practitioner-role-struggling-group", "commissioners-reporting-request"]
)
def test_the_course_scenarios_have_endings_of_different_kinds(scenario_id):
    scenario = SCENARIOS.load(SCENARIOS.paths(ROOT))[scenario_id]
    endings = {step["ending"] for step in scenario["steps"] if step["ending"]}
    assert {"supports", "takes-over"} <= endings and len(endings) >= 2
    assert sum(1 for step in scenario["steps"] if step["ending"]) >= 3
