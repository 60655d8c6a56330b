"""Activity banks: loading, and precise errors for every kind of mistake a trainer can make."""
from __future__ import annotations

import json
import shutil
import subprocess
import textwrap

import pytest

from selfhelp_course._content import (CHECKS, FEED_TARGETS, FRAMEWORKS, FRAMEWORKS_FILE, ContentError,
                                       load_config)
from selfhelp_course._bundle import write_facts
from paths import ROOT

GOOD = """\
checks:
  - id: demo-one
    kind: single
    question: Which is run by its members?
    options:
      - text: A self-help group
        correct: true
        feedback: Yes.
      - text: A clinic
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
    assert check["source"] == (str(path), 2)


@pytest.mark.parametrize(
    ("broken", "line", "field", "words"),
    [
        (GOOD.replace("        feedback: No.\n", ""), 9, "checks[0].options[1].feedback", "is missing"),
        (GOOD.replace("kind: single", "kind: singel"), 3, "checks[0].kind", "not one of: single, multiple"),
        (GOOD.replace("correct: true", "correct: yes please"), 7, "checks[0].options[0].correct", "true or false"),
        (GOOD.replace("id: demo-one", "id: Demo One"), 2, "checks[0].id", "lower-case words"),
        (GOOD.replace("question: Which is run by its members?", "question:"), 4, "checks[0].question", "must be text"),
        (GOOD.replace("correct: true", "correct: false"), 2, "checks[0].options", "exactly one correct"),
        (GOOD.replace("    kind: single\n", "    kind: single\n    hint: x\n"), 4, "checks[0].hint", "not a known field"),
        (GOOD.replace("    kind: single\n", "    kind: single\n    kind: multiple\n"), 4, "checks[0].kind", "appears twice (first on line 3)"),
        (GOOD.replace("      - text: A clinic\n        feedback: No.\n", ""), 6, "checks[0].options", "needs 2 to 6"),
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


FRAMEWORKS_TEXT = """\
frameworks:
  - id: demo
    name: A demo framework
    source: Nobody (2026)
    parts:
      - id: first
        heading: First
        prompt: What happened?
        feeds: [nmc.nature, hcpc.activity]
      - id: second
        heading: Second
        prompt: So what?
"""


def test_framework_parts_may_name_the_portfolio_fields_they_feed(tmp_path):
    (tmp_path / "frameworks.yml").write_text(FRAMEWORKS_TEXT, encoding="utf-8")
    parts = load_config("frameworks.yml", FRAMEWORKS, tmp_path)["frameworks"][0]["parts"]
    assert [part["feeds"] for part in parts] == [["nmc.nature", "hcpc.activity"], []]


@pytest.mark.parametrize(("broken", "line", "field", "words"), [
    ("feeds: [nmc.nature, hcpc.activity]", 9, "frameworks[0].parts[0].feeds[1]",
     "'hcpc.activty' is not one of: " + ", ".join(FEED_TARGETS)),
    ("feeds: []", 9, "frameworks[0].parts[0].feeds", "has 0 entries; it needs 1 to 1000"),
    ("feeds: nmc.nature", 9, "frameworks[0].parts[0].feeds", "must be a list, not 'nmc.nature'"),
])
def test_an_unknown_feed_target_names_file_line_and_field(tmp_path, broken, line, field, words):
    text = FRAMEWORKS_TEXT.replace("feeds: [nmc.nature, hcpc.activity]",
                                   broken.replace("hcpc.activity", "hcpc.activty"))
    path = tmp_path / "frameworks.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_config("frameworks.yml", FRAMEWORKS, tmp_path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), line, field)
    assert str(error) == f"{path}:{line}: {field}: {words}"


def test_the_course_frameworks_feed_the_portfolio():
    frameworks = {f["id"]: f for f in load_config(FRAMEWORKS_FILE, FRAMEWORKS, ROOT)["frameworks"]}
    fed = {target for f in frameworks.values() for part in f["parts"] for target in part["feeds"]}
    assert fed == set(FEED_TARGETS) - {"hcpc.benefits"}, "every field but one a learner writes is filled"
    assert [p["id"] for p in frameworks["gibbs"]["parts"] if not p["feeds"]] == ["feelings", "evaluation"]


def test_the_portfolio_knows_the_same_feed_targets(tmp_path):
    """The portfolio (js/widgets/portfolio/forms.js) fills exactly the fields the schema allows."""
    write_facts()
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: the front end's unit tests need Node.js 20+")
    forms = ROOT / "src" / "selfhelp_course" / "js" / "widgets" / "portfolio" / "forms.js"
    script = f"import({json.dumps(forms.as_uri())}).then((m) => console.log(JSON.stringify(m.FEED_TARGETS)))"
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    assert tuple(json.loads(done.stdout)) == FEED_TARGETS
