"""The course evaluation: its words (data/activities/evaluation.yml) fail with file and line when
malformed, the manifest carries them as contracts.md says, and the file a learner downloads
(js/lib/evaluation.js) validates against data/schemas/evaluation-response.schema.json."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap

import jsonschema
import pytest

from paths import ROOT
from selfhelp_course.activities.banks import (
    EVALUATION,
    EVALUATION_FILE,
    OUTCOMES,
    OUTCOMES_FILE,
    load_config,
    parse,
)
from selfhelp_course.activities.evaluation import evaluation_manifest
from selfhelp_course.course.facts import KIND_BY_NAME
from selfhelp_course.errors import ContentError

SCHEMA = json.loads(
    (ROOT / "data" / "schemas" / "evaluation-response.schema.json").read_text(encoding="utf-8")
)
GOOD = (ROOT / EVALUATION_FILE).read_text(encoding="utf-8")


def error_for(write, text: str) -> ContentError:
    path = write("evaluation.yml", text)
    with pytest.raises(ContentError) as caught:
        EVALUATION.check(parse(path), path, "")
    return caught.value


def test_the_course_evaluation_file_loads():
    words = load_config(EVALUATION_FILE, EVALUATION, ROOT)
    assert [p["value"] for p in words["confidence"]] == [1, 2, 3, 4, 5]
    assert all(p["words"] for p in words["confidence"])
    assert [c["value"] for c in words["time"]["choices"]] == ["less", "about", "more"]
    assert [c["value"] for c in words["recommend"]["choices"]] == ["yes", "maybe", "no"]


def test_a_scale_point_out_of_order_names_its_line(write):
    bad = GOOD.replace(
        "  - value: 2\n    words: Slightly confident", "  - value: 4\n    words: Slightly confident", 1
    )
    assert bad != GOOD
    error = error_for(write, bad)
    line = bad.splitlines().index("  - value: 4") + 1
    assert error.line == line and error.field == "confidence[1].value", str(error)
    assert "1, 2, 3, 4, 5" in error.message


def test_a_missing_point_and_an_unknown_time_value_are_caught(write):
    bad = GOOD.replace("  - value: 5\n    words: Completely confident\n", "", 1)
    error = error_for(write, bad)
    assert error.field == "confidence" and "has 4 entries" in error.message
    assert error.line == bad.splitlines().index("confidence:") + 2  # the list starts on the next line
    bad = GOOD.replace("value: about", "value: roughly", 1)
    error = error_for(write, bad)
    assert error.field == "time.choices[1].value" and "roughly" in error.message
    assert error.line == bad.splitlines().index("    - value: roughly") + 1


def test_a_typo_a_duplicate_role_and_broken_yaml_are_caught_with_their_line(write):
    error = error_for(write, GOOD.replace("after_intro:", "afterintro:", 1))
    assert error.field == "afterintro" and "not a known field" in error.message and error.line
    bad = GOOD.replace("    - id: gp\n", "    - id: nurse\n", 1)
    error = error_for(write, bad)
    assert "role id 'nurse' is used twice" in error.message
    assert error.line == [i for i, line in enumerate(bad.splitlines(), 1) if line == "    - id: nurse"][1]
    error = error_for(write, GOOD.replace("title: Your", "title: [Your", 1))
    assert "is not valid YAML" in error.message and error.line
    assert f"{error.path}:{error.line}:" in str(error)


def test_the_manifest_carries_the_evaluation_as_contracts_md_says():
    manifest = evaluation_manifest(ROOT)
    assert list(manifest) == ["outcomes", "scale", "relevance", "clarity", "time", "recommend", "roles"]
    outcomes = load_config(OUTCOMES_FILE, OUTCOMES, ROOT)["outcomes"]
    assert manifest["outcomes"] == [{"id": o["id"], "text": o["text"]} for o in outcomes]
    assert all(
        set(p) == {"value", "words"}
        for key in ("scale", "relevance", "clarity", "time", "recommend")
        for p in manifest[key]
    )
    assert {"nurse", "gp", "doctor", "social-worker", "link-worker", "allied-health", "other"} <= {
        r["id"] for r in manifest["roles"]
    }


def test_the_evaluation_kind_is_private_and_never_counts():
    kind = KIND_BY_NAME["evaluation"]
    assert kind.private and not kind.counts


NODE_EXPORT = """
import { evaluationFile, evaluationText } from "./src/selfhelp_course/js/lib/evaluation.js";
const cases = JSON.parse(process.argv[1]);
process.stdout.write(JSON.stringify(cases.map(([entry, options]) => JSON.parse(evaluationText(evaluationFile(entry, options))))));
"""


def exported(cases):
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: the export runs in Node.js 20+")
    done = subprocess.run(
        [node, "--input-type=module", "-e", NODE_EXPORT, json.dumps(cases)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_downloaded_file_validates_against_the_schema():
    options = {
        "course": "Supporting Self-Help Groups",
        "version": "0.1.0",
        "nation": None,
        "month": "2026-12",
    }
    full = {
        "responseId": "0123456789abcdef",
        "before": {"use-evidence": 2},
        "after": {"use-evidence": 4, "act-on-safety": 5},
        "feedback": {"relevance": 4, "clarity": 3, "time": "more", "recommend": "maybe"},
        "role": "link-worker",
        "change": "Ask first <b>then</b> act.",
        "shareChange": True,
        "updated": "2026-12-07T10:11:12Z",
    }
    cases = [
        [full, {**options, "nation": "scotland"}],
        [{**full, "shareChange": False}, options],
        [{"responseId": "zzzzzzzzzzzzzzzz"}, options],  # everything skipped
        [
            {"responseId": "abcdefghijklmnop", "before": {"recognise-groups": 1}, "role": "Not A Role"},
            {**options, "nation": "atlantis"},
        ],
    ]
    files = exported(cases)
    for file in files:
        jsonschema.validate(file, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert files[0]["change"] == "Ask first <b>then</b> act."  # as written, never changed
    assert "change" not in files[1]
    assert files[2]["confidence"] == {} and set(files[2]["feedback"].values()) == {None}
    assert files[3]["role"] is None and files[3]["nation"] is None
    # A foreign key would fail the schema: the check above can fail.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {**files[1], "updated": "2026-12-07"}, SCHEMA, cls=jsonschema.Draft202012Validator
        )


def test_a_malformed_file_is_reported_by_validate_all(tmp_path):
    from selfhelp_course.activities.banks import validate_all

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    for folder in ("book", "case_studies", "notebooks", "trainer"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    path = tmp_path / EVALUATION_FILE
    path.write_text(textwrap.dedent(GOOD).replace("value: maybe", "value: perhaps"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"evaluation\.yml:\d+: recommend\.choices\[1\]\.value"):
        validate_all(tmp_path)


def test_the_widget_is_given_the_words_the_course_title_and_version_and_its_stage():
    from selfhelp_course import evaluation
    from selfhelp_course.formats.release import project_version

    after = evaluation(stage="after")
    assert after.page == "book/evaluation" and after.stage == "after" and after._esm
    assert after.evaluation["course"] == {
        "title": "Supporting Self-Help Groups",
        "version": project_version(ROOT),
    }
    assert after.evaluation["outcomes"] == evaluation_manifest(ROOT)["outcomes"]
    assert evaluation().stage == "before"
    with pytest.raises(ValueError, match="stage"):
        evaluation(stage="during")


def test_an_e_book_says_the_evaluation_is_on_the_website():
    from collections import Counter

    from selfhelp_course.activities.as_text import static_activity

    shown, answers = static_activity(
        {"_anywidget_id": "selfhelp_course.activities.widgets.Evaluation"}, Counter()
    )
    assert answers == [] and "On the website" in shown[0].astext() and "optional" in shown[0].astext()


def test_the_course_version_is_known_without_pyproject_as_on_a_class_hub(tmp_path):
    """A class hub copies the pages into each learner's home without pyproject.toml: the file
    still names the version, the installed package's, which is the source's."""
    from selfhelp_course.activities.evaluation import course_version
    from selfhelp_course.formats.release import project_version

    assert course_version(ROOT) == project_version(ROOT)
    assert course_version(tmp_path) == project_version(ROOT)
