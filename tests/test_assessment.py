"""The end-of-course assessment's bank, outcomes and settings: the real bank's balance (a learner
who guesses by position or length must not pass), its coverage of every learning outcome, and
precise errors for a trainer's mistakes."""

from __future__ import annotations

import shutil
import statistics
from collections import Counter

import pytest

from paths import ROOT
from selfhelp_course.activities.assessment import ASSESSMENT_ID, answer_key, assessment_settings
from selfhelp_course.activities.banks import (
    ASSESSMENTS,
    OUTCOMES,
    OUTCOMES_FILE,
    load_config,
    validate_all,
)
from selfhelp_course.errors import ContentError

BANK = ASSESSMENTS.find(ASSESSMENT_ID, ROOT)
QUESTIONS = BANK["questions"]
OUTCOME_IDS = [o["id"] for o in load_config(OUTCOMES_FILE, OUTCOMES, ROOT)["outcomes"]]


def balance(questions: list[dict]) -> dict:
    """Where the right answer sits and how long it is, over single-answer questions."""
    positions, longest, shortest, too_long = Counter(), 0, 0, []
    for question in questions:
        options = question["options"]
        right = next(i for i, o in enumerate(options) if o["correct"])
        positions[right] += 1
        lengths = [len(o["text"]) for o in options]
        wrong = [n for i, n in enumerate(lengths) if i != right]
        if lengths[right] == max(lengths):
            longest += 1
        if lengths[right] == min(lengths):
            shortest += 1
        if lengths[right] > 1.5 * statistics.median(wrong):
            too_long.append(question["id"])
    total = len(questions)
    return {
        "total": total,
        "position_share": max(positions.values()) / total,
        "positions": dict(sorted(positions.items())),
        "longest_share": longest / total,
        "shortest_share": shortest / total,
        "too_long": too_long,
    }


def test_the_real_bank_does_not_give_the_answer_away_by_position_or_length():
    measured = balance(QUESTIONS)
    message = (
        f"over {measured['total']} questions: right answer by position {measured['positions']} "
        f"(largest share {measured['position_share']:.0%}), right answer the longest in "
        f"{measured['longest_share']:.0%}, the shortest in {measured['shortest_share']:.0%}, "
        f"more than 1.5 x the median wrong length in "
        f"{measured['too_long']}"
    )
    print(message)
    assert measured["position_share"] <= 0.40, message
    assert measured["longest_share"] <= 0.40, message
    # Not in the rule, but a bank that overcorrects gives the answer away the other way.
    assert measured["shortest_share"] <= 0.40, message
    assert not measured["too_long"], message


def test_the_balance_measure_catches_a_bank_with_the_answer_first_and_longest():
    rigged = [
        {
            "id": f"q{i}",
            "options": [
                {"text": "the long and careful right answer", "correct": True},
                {"text": "wrong", "correct": False},
                {"text": "also wrong", "correct": False},
            ],
        }
        for i in range(10)
    ]
    measured = balance(rigged)
    assert measured["position_share"] == 1 and measured["longest_share"] == 1
    assert len(measured["too_long"]) == 10


def test_the_bank_has_thirty_questions_at_least_two_per_outcome_and_a_link_back_for_each():
    assert len(QUESTIONS) >= 30
    counts = Counter(q["outcome"] for q in QUESTIONS)
    assert set(counts) == set(OUTCOME_IDS)
    assert min(counts.values()) >= 2, counts
    for question in QUESTIONS:
        assert question["feedback"] and question["page"]
        assert sum(o["correct"] for o in question["options"]) == 1


def test_each_draw_can_cover_every_outcome_and_the_pass_mark_is_the_lms_one():
    settings = assessment_settings(ROOT)
    assert settings == {"draw": 15, "attempts": 0, "pass_mark": 0.8}
    assert len(OUTCOME_IDS) <= settings["draw"] <= len(QUESTIONS)


def test_the_answer_key_letters_each_question_in_the_banks_order_with_its_outcome():
    key = answer_key(ROOT)
    assert len(key) == len(QUESTIONS)
    first = key[0]
    right = next(i for i, o in enumerate(QUESTIONS[0]["options"]) if o["correct"])
    assert first["answer"] == "abcdef"[right] and first["outcome"] == QUESTIONS[0]["outcome"]


GOOD = """\
assessment:
  - id: demo
    title: Demo
    questions:
      - id: one
        outcome: recognise-groups
        page: book/welcome
        question: Which is run by its members?
        options:
          - id: self-help
            text: A self-help group
            correct: true
          - id: clinic
            text: A clinic
          - id: ward
            text: A ward
        feedback: Members run it.
"""


@pytest.mark.parametrize(
    ("broken", "line", "field", "words"),
    [
        (
            GOOD.replace("          - id: clinic\n", "          - text: x\n            id: clinic\n"),
            15,
            "assessment[0].questions[0].options[1].text",
            "appears twice",
        ),
        (
            GOOD.replace("- id: clinic", "- id: self-help"),
            13,
            "assessment[0].questions[0].options[1].id",
            "option id 'self-help' is used twice",
        ),
        (
            GOOD.replace("            correct: true\n", ""),
            10,
            "assessment[0].questions[0].options",
            "exactly one correct",
        ),
        (
            GOOD.replace("        feedback: Members run it.\n", ""),
            5,
            "assessment[0].questions[0].feedback",
            "is missing",
        ),
        (
            GOOD.replace("          - id: ward\n            text: A ward\n", ""),
            10,
            "assessment[0].questions[0].options",
            "needs 3 to 6",
        ),
        (
            GOOD.replace("      - id: clinic\n", "      - id: Clinic\n"),
            13,
            "assessment[0].questions[0].options[1].id",
            "lower-case words",
        ),
        (
            GOOD.replace("page: book/welcome", "page: welcome.md"),
            7,
            "assessment[0].questions[0].page",
            "page name",
        ),
    ],
)
def test_each_mistake_in_an_assessment_bank_names_file_line_and_field(write, broken, line, field, words):
    path = write("bank.yml", broken)
    with pytest.raises(ContentError) as caught:
        ASSESSMENTS.load([path])
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), line, field), str(error)
    assert words in error.message


@pytest.fixture
def course_copy(tmp_path):
    """A copy of what validate_all reads, for breaking it."""
    for name in ("_config.yml", "_toc.yml", "book", "case_studies", "notebooks", "trainer", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    return tmp_path


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_outcome_or_page_in_the_bank_is_named_with_its_line(course_copy):
    bank = course_copy / "data/activities/assessment/final.yml"
    _replace(bank, "outcome: recognise-groups", "outcome: recognise-grups")
    with pytest.raises(ContentError) as caught:
        validate_all(course_copy)
    # The line as the file has it (its first line names the editor's schema, and counts).
    line = next(
        n
        for n, text in enumerate(bank.read_text(encoding="utf-8").splitlines(), 1)
        if "recognise-grups" in text
    )
    assert caught.value.path == str(bank) and caught.value.line == line
    assert "'recognise-grups' is not an outcome" in caught.value.message
    _replace(bank, "outcome: recognise-grups", "outcome: recognise-groups")
    _replace(bank, "page: book/what-is-a-self-help-group", "page: book/what-is-a-group")
    with pytest.raises(ContentError) as caught:
        validate_all(course_copy)
    assert "'book/what-is-a-group' is not a page in _toc.yml" in caught.value.message


def test_an_outcome_with_fewer_than_two_questions_is_refused(course_copy):
    outcomes = course_copy / OUTCOMES_FILE
    _replace(
        outcomes,
        "  - id: reflect-and-record\n",
        "  - id: a-new-outcome\n    text: Something new.\n"
        "    pages: [book/welcome]\n  - id: reflect-and-record\n",
    )
    with pytest.raises(ContentError) as caught:
        validate_all(course_copy)
    assert "at least two questions" in caught.value.message and "a-new-outcome" in caught.value.message


@pytest.mark.parametrize(
    ("draw", "words"), [("5", "at least 8"), ("99", "only 32 questions"), ("lots", "whole number")]
)
def test_a_draw_that_cannot_cover_the_outcomes_or_exceeds_the_bank_is_refused(course_copy, draw, words):
    config = course_copy / "_config.yml"
    _replace(config, "  draw: 15", f"  draw: {draw}")
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if text.startswith("  draw:"))
    with pytest.raises(ContentError) as caught:
        assessment_settings(course_copy)
    assert (caught.value.line, caught.value.field) == (line, "assessment.draw")
    assert words in caught.value.message


def test_the_widget_carries_the_bank_outcomes_settings_and_a_link_for_every_taught_page():
    from selfhelp_course import assessment

    widget = assessment("final")
    data = widget.assessment
    assert widget.page == "book/assessment" and widget._esm
    assert len(data["questions"]) == len(QUESTIONS) and data["settings"]["draw"] == 15
    assert {o["id"] for o in data["outcomes"]} == set(OUTCOME_IDS)
    for question in data["questions"]:
        link = data["pages"][question["page"]]
        assert link["title"] and (ROOT / "book" / link["href"]).with_suffix(".md").resolve().is_file()
    with pytest.raises(KeyError):
        assessment("another")


def test_the_manifest_gives_the_bridge_the_option_order_but_never_the_answers():
    from selfhelp_course.course.manifest import course_manifest

    manifest = course_manifest(ROOT)
    [activity] = [a for page in manifest["pages"] for a in page["activities"] if a["kind"] == "assessment"]
    assert activity["options"] == {q["id"]: [o["id"] for o in q["options"]] for q in QUESTIONS}
    assert activity["attempts"] == 0 and activity["pass_mark"] == 0.8
    assert "correct" not in str(activity) and "feedback" not in str(activity)


def test_the_page_lists_every_outcome_and_the_trainer_key_has_every_question():
    from selfhelp_course.activities.assessment import answer_key_markdown, outcomes_markdown

    listed = outcomes_markdown(ROOT)
    texts = [o["text"] for o in load_config(OUTCOMES_FILE, OUTCOMES, ROOT)["outcomes"]]
    assert all(text in listed for text in texts)
    key = answer_key_markdown(ROOT)
    for number, question in enumerate(QUESTIONS, 1):
        right = "abcdef"[next(i for i, o in enumerate(question["options"]) if o["correct"])]
        assert question["question"] in key
        assert f"| {number} | {right} |" in key
    page = (ROOT / "book" / "assessment.md").read_text(encoding="utf-8")
    trainer_only = page[page.index("````{only} trainer") :]
    assert ":::{assessment-key}" in trainer_only[: trainer_only.index("\n````\n")]
