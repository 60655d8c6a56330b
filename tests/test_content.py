"""Activity banks and reflection frameworks: loading, and precise errors for every kind of
mistake a trainer can make."""

from __future__ import annotations

import textwrap

import pytest

from paths import ROOT
from selfhelp_course.activities.banks import (
    CHECKS,
    FRAMEWORKS,
    FRAMEWORKS_FILE,
    PORTFOLIO_FIELDS,
    framework_feeds,
    load_config,
    parse,
)
from selfhelp_course.errors import ContentError

GOOD = """\
checks:
  - id: demo-one
    kind: single
    question: Which is run by its members?
    options:
      - id: self-help-group
        text: A self-help group
        correct: true
        feedback: Yes.
      - id: clinic
        text: A clinic
        feedback: No.
"""


def error_for(write, text: str) -> ContentError:
    path = write("bank.yml", textwrap.dedent(text))
    with pytest.raises(ContentError) as caught:
        CHECKS.load([path])
    return caught.value


def test_a_good_bank_loads_with_defaults_and_source(write):
    path = write("bank.yml", GOOD)
    checks = CHECKS.load([path])
    assert list(checks) == ["demo-one"]
    check = checks["demo-one"]
    assert [option["correct"] for option in check["options"]] == [True, False]
    assert [option["id"] for option in check["options"]] == ["self-help-group", "clinic"]
    assert check["order_before_v3"] is None
    assert check["source"] == (str(path), 2)


@pytest.mark.parametrize(
    ("broken", "line", "field", "words"),
    [
        (GOOD.replace("        feedback: No.\n", ""), 10, "checks[0].options[1].feedback", "is missing"),
        (GOOD.replace("kind: single", "kind: singel"), 3, "checks[0].kind", "not one of: single, multiple"),
        (
            GOOD.replace("correct: true", "correct: yes please"),
            8,
            "checks[0].options[0].correct",
            "true or false",
        ),
        # option ids: required, kebab-case, unique within the question
        (
            GOOD.replace("      - id: clinic\n        text:", "      - text:"),
            10,
            "checks[0].options[1].id",
            "is missing",
        ),
        (GOOD.replace("id: clinic", "id: A Clinic"), 10, "checks[0].options[1].id", "lower-case words"),
        (
            GOOD.replace("id: clinic", "id: self-help-group"),
            10,
            "checks[0].options[1].id",
            "'self-help-group' is used twice in this question (first on line 6)",
        ),
        # the order before option ids, for stored answers: each option once
        (
            GOOD.replace("    options:\n", "    order_before_v3: [clinic, self-help]\n    options:\n"),
            5,
            "checks[0].order_before_v3",
            "must list each of this question's option ids once",
        ),
        (
            GOOD.replace("    options:\n", "    order_before_v3: [clinic, clinic]\n    options:\n"),
            5,
            "checks[0].order_before_v3",
            "the options are self-help-group, clinic",
        ),
        (GOOD.replace("id: demo-one", "id: Demo One"), 2, "checks[0].id", "lower-case words"),
        (
            GOOD.replace("question: Which is run by its members?", "question:"),
            4,
            "checks[0].question",
            "must be text",
        ),
        (GOOD.replace("correct: true", "correct: false"), 2, "checks[0].options", "exactly one correct"),
        (
            GOOD.replace("    kind: single\n", "    kind: single\n    hint: x\n"),
            4,
            "checks[0].hint",
            "not a known field",
        ),
        (
            GOOD.replace("    kind: single\n", "    kind: single\n    kind: multiple\n"),
            4,
            "checks[0].kind",
            "appears twice (first on line 3)",
        ),
        (
            GOOD.replace("      - id: clinic\n        text: A clinic\n        feedback: No.\n", ""),
            6,
            "checks[0].options",
            "needs 2 to 6",
        ),
        ("checks: [\n", 2, "", "not valid YAML"),
        ("", 1, "", "is empty"),
        ("- just a list\n", 1, "", "must be a mapping"),
    ],
)
def test_each_mistake_names_file_line_and_field(write, broken, line, field, words):
    error = error_for(write, broken)
    assert error.line == line
    assert error.field == field
    assert words in str(error)
    assert str(error).startswith(f"{error.path}:{line}: ")


def test_duplicate_ids_across_files_name_both_places(write):
    first = write("a.yml", GOOD)
    second = write("b.yml", GOOD)
    with pytest.raises(ContentError) as caught:
        CHECKS.load([first, second])
    assert caught.value.path == str(second)
    assert f"already used at {first}:2" in str(caught.value)


def test_multiple_choice_needs_at_least_one_correct_answer(write):
    text = GOOD.replace("kind: single", "kind: multiple").replace("correct: true", "correct: false")
    assert "at least one correct" in str(error_for(write, text))


def test_text_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "bank.yml"
    path.write_bytes(b"checks: \xff\xfe\n")
    with pytest.raises(ContentError, match="not UTF-8"):
        CHECKS.load([path])


def test_every_bank_in_the_course_is_valid_and_ids_start_with_their_file_name():
    paths = CHECKS.paths(ROOT)
    assert paths, "the course has knowledge checks"
    checks = CHECKS.load(paths)
    for check_id, check in checks.items():
        stem = check["source"][0].rsplit("/", 1)[-1].removesuffix(".yml")
        assert check_id.startswith(stem + "-"), f"{check_id} should start with {stem}-"
        assert all(option["feedback"] for option in check["options"])


def test_options_keep_their_order_before_v3_for_stored_answers(write):
    path = write(
        "bank.yml",
        GOOD.replace("    options:\n", "    order_before_v3: [clinic, self-help-group]\n    options:\n"),
    )
    assert CHECKS.load([path])["demo-one"]["order_before_v3"] == ["clinic", "self-help-group"]


# --- Reflection frameworks: which portfolio fields each part fills ------------------------------

FRAMEWORK = """\
frameworks:
  - id: demo
    name: Demo
    source: Nobody (2024)
    parts:
      - id: what
        heading: What?
        prompt: What happened?
        feeds: [nmc.nature, hcpc.activity, swe.description, niscc.activity, gmc.activity]
      - id: rest
        heading: The rest
        prompt: Everything else.
        feeds: [nmc.learned, nmc.changed, nmc.code, hcpc.learned, hcpc.improved, hcpc.benefits,
                swe.learned, swe.impact, scw.contribution, sssc.learned, sssc.practice,
                niscc.development, gmc.learned, gmc.practice]
"""


def framework_error(write, text: str) -> ContentError:
    path = write("reflection-frameworks.yml", text)
    with pytest.raises(ContentError) as caught:
        FRAMEWORKS.check(parse(path), path, "")
    return caught.value


def test_a_part_may_name_the_portfolio_fields_it_feeds(write):
    path = write("reflection-frameworks.yml", FRAMEWORK)
    framework = FRAMEWORKS.check(parse(path), path, "")["frameworks"][0]
    assert framework_feeds(framework)["nmc.code"] == ["rest"]
    assert framework_feeds(framework)["nmc.nature"] == ["what"]


def test_an_unknown_feed_target_is_named_with_its_line(write):
    error = framework_error(write, FRAMEWORK.replace("feeds: [nmc.nature,", "feeds: [nmc.natur,"))
    assert (error.line, error.field) == (9, "frameworks[0].parts[0].feeds[0]")
    assert "'nmc.natur' is not one of: nmc.nature, nmc.learned" in error.message


def test_a_framework_that_leaves_a_portfolio_field_empty_is_refused(write):
    error = framework_error(write, FRAMEWORK.replace(" nmc.code,", ""))
    assert error.field == "frameworks[0].parts"
    assert "no part feeds nmc.code" in error.message


def test_every_course_framework_feeds_every_portfolio_field_and_asks_about_the_code():
    for framework in load_config(FRAMEWORKS_FILE, FRAMEWORKS, ROOT)["frameworks"]:
        feeds = framework_feeds(framework)
        assert all(feeds[target] for target in PORTFOLIO_FIELDS), framework["id"]
        code_parts = [p for p in framework["parts"] if "nmc.code" in p["feeds"]]
        assert any("Code" in p["heading"] for p in code_parts), framework["id"]
        benefit = [p for p in framework["parts"] if "hcpc.benefits" in p["feeds"]]
        assert any("benefit" in p["heading"].lower() for p in benefit), framework["id"]
        first = framework["parts"][0]["prompt"]
        assert "not worked with a group yet" in first or "have not worked with a group" in first


def test_a_multiple_choice_check_must_say_choose_all_that_apply(write):
    text = GOOD.replace("kind: single", "kind: multiple")
    error = error_for(write, text)
    assert (error.line, error.field) == (4, "checks[0].question")
    assert "Choose all that apply" in error.message
    path = write(
        "fixed.yml",
        text.replace(
            "Which is run by its members?", "Which are run by their members? Choose all that apply."
        ),
    )
    assert CHECKS.load([path])["demo-one"]["kind"] == "multiple"


def test_a_check_may_name_the_facts_it_turns_on(write):
    path = write(
        "facts.yml",
        GOOD.replace("    kind: single\n", "    kind: single\n    facts: [self-help-definition]\n"),
    )
    assert CHECKS.load([path])["demo-one"]["facts"] == ["self-help-definition"]
    error = error_for(
        write, GOOD.replace("    kind: single\n", "    kind: single\n    facts: [Not A Slug]\n")
    )
    assert error.field == "checks[0].facts[0]" and "lower-case words" in error.message
