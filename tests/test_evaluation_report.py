"""The trainer's class report on the course evaluation (src/selfhelp_course/evaluation_report.py,
trainer/class-report.md): bad files listed and left out, small numbers hidden, paired medians
right, Moodle's export read without keeping anyone's identity, and the one-page report."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from pypdf import PdfReader

from paths import ROOT
from selfhelp_course import evaluation_report as er
from selfhelp_course.activities.evaluation import evaluation_manifest
from selfhelp_course.errors import ContentError

ILLUSTRATIVE = ROOT / "data" / "evaluation_illustrative"
RESPONSES = ILLUSTRATIVE / "responses"
MOODLE = ILLUSTRATIVE / "moodle-interactions-report.txt"
GENERATOR = ROOT / "scripts" / "make_illustrative_evaluations.py"
OUTCOMES = list(er.load_outcomes(ROOT))


def evaluation(response_id="a" * 16, *, before=None, after=None, **overrides) -> dict:
    """A valid file's content: every outcome rated `before`/`after` (a number, or a dict by id)."""

    def rating(value, outcome):
        return value.get(outcome) if isinstance(value, dict) else value

    record = {
        "format": er.FORMAT,
        "course": "Supporting Self-Help Groups",
        "course_version": "0.1.0",
        "response_id": response_id,
        "month": "2026-12",
        "role": "nurse",
        "nation": "wales",
        "confidence": {o: {"before": rating(before, o), "after": rating(after, o)} for o in OUTCOMES},
        "feedback": {"relevance": 4, "clarity": 4, "time": "about", "recommend": "yes"},
    }
    record.update(overrides)
    return record


def write(folder, name, content):
    folder.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content)
    (folder / name).write_text(text, encoding="utf-8")


def rid(n: int) -> str:
    return f"{n:016d}"


# ------------------------------------------------------------------------------ reading files
def test_malformed_duplicated_and_foreign_files_are_listed_with_the_reason_and_left_out(tmp_path):
    write(tmp_path, "good.json", evaluation(rid(1), before=2, after=4))
    write(tmp_path, "cut.json", json.dumps(evaluation(rid(2)))[:80])
    write(tmp_path, "other.json", {"title": "my notes"})
    write(tmp_path, "list.json", [1, 2, 3])
    write(tmp_path, "newer.json", evaluation(rid(3), format="selfhelp-course-evaluation/2"))
    write(tmp_path, "again.json", evaluation(rid(1), before=2, after=None))  # fewer answers
    write(tmp_path, "seven.json", evaluation(rid(4), before=7))
    write(tmp_path, "named.json", evaluation(rid(5), name="Ada"))  # identifying field: refused
    write(tmp_path, "notes.txt", "not json")
    (tmp_path / "latin1.json").write_bytes('{"x": "caf\xe9"}'.encode("latin-1"))
    (tmp_path / ".DS_Store").write_bytes(b"\0")

    frame, skipped = er.load_folder(tmp_path, root=ROOT)

    assert frame["response_id"].tolist() == [rid(1)]
    assert frame.loc[0, er.after(OUTCOMES[0])] == 4  # the copy with more answers is kept
    reasons = {s.name: s.reason for s in skipped}
    assert set(reasons) == {
        "cut.json",
        "other.json",
        "list.json",
        "newer.json",
        "again.json",
        "seven.json",
        "named.json",
        "notes.txt",
        "latin1.json",
    }
    assert reasons["cut.json"].startswith("malformed JSON (line 1")
    assert "foreign file" in reasons["other.json"] and '"format"' in reasons["other.json"]
    assert "foreign file" in reasons["list.json"]
    assert "cannot read" in reasons["newer.json"]
    assert "duplicate" in reasons["again.json"] and "good.json" in reasons["again.json"]
    assert re.search(
        r"schema at confidence/[a-z-]+/before: 7 is not one of .*and 7 more problems", reasons["seven.json"]
    )
    assert "'name' was unexpected" in reasons["named.json"]
    assert "not a .json file" in reasons["notes.txt"]
    assert "UTF-8" in reasons["latin1.json"]


def test_an_empty_folder_gives_an_empty_frame_with_every_column(tmp_path):
    frame, skipped = er.load_folder(tmp_path, root=ROOT)
    assert frame.empty and skipped == []
    assert er.before(OUTCOMES[-1]) in frame.columns and "recommend" in frame.columns


def test_the_illustrative_folder_reads_forty_and_lists_the_four_bad_files():
    frame, skipped = er.load_folder(RESPONSES, root=ROOT)
    assert len(frame) == 40 and frame["response_id"].is_unique
    reasons = " | ".join(s.reason for s in skipped)
    assert len(skipped) == 4
    for words in ("malformed JSON", "foreign file", "duplicate", "does not match the schema"):
        assert words in reasons
    # Two identical downloads: the browser's " (1)" copy is the one left out.
    assert next(s.name for s in skipped if "duplicate" in s.reason).endswith(" (1).json")


# ------------------------------------------------------------------------------ small numbers
def class_of(roles: dict[str, int]) -> pd.DataFrame:
    rows, n = [], 0
    for role, count in roles.items():
        for _ in range(count):
            n += 1
            rows.append(er._flatten(evaluation(rid(n), role=role, before=2, after=3), "file"))
    return er.responses_frame(rows, OUTCOMES)


def shown(table: pd.DataFrame) -> dict:
    return dict(zip(table.iloc[:, 0], table["Responses"], strict=True))


def test_a_group_of_four_is_hidden_and_a_group_of_five_is_shown():
    table = shown(er.count_by(class_of({"nurse": 4, "gp": 5, "social-worker": 9, "other": 3}), "role"))
    assert table == {"gp": "5", "nurse": er.HIDDEN, "other": er.HIDDEN, "social-worker": "9"}
    assert er.MIN_CELL == 5 and er.HIDDEN == "fewer than 5"


def test_one_hidden_group_hides_the_next_smallest_so_it_cannot_be_worked_out_from_the_total():
    table = shown(er.count_by(class_of({"nurse": 4, "gp": 5, "social-worker": 9}), "role"))
    assert table == {"gp": er.HIDDEN, "nurse": er.HIDDEN, "social-worker": "9"}


def test_complementary_suppression():
    counts = er.suppress(pd.Series({"a": 4, "b": 6, "c": 9}))
    assert counts["shown"].tolist() == [er.HIDDEN, er.HIDDEN, "9"]
    both_small = er.suppress(pd.Series({"a": 4, "b": 1, "c": 9}))
    assert both_small["shown"].tolist() == [er.HIDDEN, er.HIDDEN, "9"]
    none = er.suppress(pd.Series({"a": 5, "b": 6}))
    assert none["shown"].tolist() == ["5", "6"] and not none["suppressed"].any()


def test_a_class_of_four_shows_nothing_but_a_class_of_five_does():
    four, five = class_of({"nurse": 4}), class_of({"nurse": 5})
    small = er.summarise(four, [], er.Labels(outcomes={}))
    assert small.too_few and small.by_role.empty and small.confidence.empty
    assert er.free_text(four.assign(change="I will listen more.")) == []
    assert "nothing more is shown" in er.report_html(small)
    big = er.summarise(five, [], er.Labels(outcomes={}))
    assert not big.too_few and shown(big.by_role) == {"nurse": "5"}
    assert len(er.free_text(five.assign(change="I will listen more."))) == 5


def test_medians_over_four_pairs_are_hidden_and_over_five_are_shown():
    def summary(pairs):
        rows = [er._flatten(evaluation(rid(n), before=2, after=4), "file") for n in range(pairs)]
        rows += [er._flatten(evaluation(rid(100 + n), before=None, after=5), "file") for n in range(6)]
        return er.confidence_summary(er.responses_frame(rows, OUTCOMES)).iloc[0]

    four, five = summary(4), summary(5)
    assert four["Pairs"] == er.HIDDEN and four["Median change (pairs)"] == er.HIDDEN
    assert four["Higher after"] == er.HIDDEN
    assert four["Rated after"] == 10  # 4 + 6 learners rated after: that group is big enough
    assert five["Pairs"] == 5 and five["Median change (pairs)"] == "+2"


# ------------------------------------------------------------------------------ paired medians
def test_paired_medians_on_a_small_hand_made_class():
    # Seven learners on the first outcome. Learner 6 rated only before, learner 7 only after:
    # neither is a pair. Pairs (before, after): (1,3) (2,2) (2,5) (3,4) (4,3) -> changes
    # +2, 0, +3, +1, -1: median +1. Medians among the pairs: before 2, after 3. The medians of
    # everyone's ratings would differ (before 2.5 over six, after 3 over six): only pairs count.
    pairs = [(1, 3), (2, 2), (2, 5), (3, 4), (4, 3), (5, None), (None, 1)]
    rows = [
        er._flatten(evaluation(rid(n), before={OUTCOMES[0]: b}, after={OUTCOMES[0]: a}), "file")
        for n, (b, a) in enumerate(pairs)
    ]
    frame = er.responses_frame(rows, OUTCOMES)
    row = er.confidence_summary(frame).set_index("Outcome").loc[OUTCOMES[0]]
    assert row["Rated before"] == 6 and row["Rated after"] == 6 and row["Pairs"] == 5
    assert row["Median before (pairs)"] == "2" and row["Median after (pairs)"] == "3"
    assert row["Median change (pairs)"] == "+1"
    assert [row["Higher after"], row["Same"], row["Lower after"]] == [er.HIDDEN] * 3  # 3, 1, 1


def test_a_half_point_median_is_kept():
    pairs = [(1, 2), (1, 3), (2, 3), (2, 5), (3, 4), (3, 3)]  # changes 1,2,1,3,1,0 -> 1.0
    rows = [
        er._flatten(evaluation(rid(n), before={OUTCOMES[0]: b}, after={OUTCOMES[0]: a}), "file")
        for n, (b, a) in enumerate(pairs)
    ]
    row = er.confidence_summary(er.responses_frame(rows, OUTCOMES)).iloc[0]
    assert row["Median before (pairs)"] == "2" and row["Median after (pairs)"] == "3"
    assert row["Median change (pairs)"] == "+1"
    rows.pop()  # changes 1,2,1,3,1 -> 1; befores 1,1,2,2,3 -> 2; afters 2,3,3,5,4 -> 3
    rows.append(er._flatten(evaluation(rid(9), before={OUTCOMES[0]: 4}, after={OUTCOMES[0]: 5}), "file"))
    row = er.confidence_summary(er.responses_frame(rows, OUTCOMES)).iloc[0]
    assert row["Median before (pairs)"] == "2"  # 1,1,2,2,3,4 -> 2.0
    assert row["Median after (pairs)"] == "3.5"  # 2,3,3,4,5,5 -> 3.5


# ------------------------------------------------------------------------------ Moodle's export
IDENTIFYING = re.compile(r"Example|example\.org|@|December|AM|PM|\b\d{1,2} \w+ 2026")


def test_the_moodle_sample_is_read_in_moodles_column_layout():
    header = MOODLE.read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
    assert header[:6] == ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score"]
    assert header[7:9] == ["Question 0", "Response 0"]
    frame, skipped = er.load_moodle_export(MOODLE, root=ROOT)
    assert len(frame) == 11  # 12 learners, one never started; one learner's two attempts -> one
    assert set(frame["source"]) == {"moodle"} and set(frame["month"]) == {"2026-12"}
    assert [s.reason for s in skipped] == [
        "1 row with no evaluation answers (not started, or the evaluation skipped)"
    ]
    assert set(frame["time"].dropna()) <= set(er.TIME_VALUES)  # the letters became words
    assert set(frame["recommend"].dropna()) <= set(er.RECOMMEND_VALUES)


def test_identifying_columns_never_reach_the_frame():
    frame, _ = er.load_moodle_export(MOODLE, root=ROOT)
    assert set(frame.columns) == set(er.load_folder(RESPONSES, root=ROOT)[0].columns)
    text = frame.to_csv(index=False)
    assert not IDENTIFYING.search(text), IDENTIFYING.search(text)
    assert frame["response_id"].str.fullmatch(r"moodle-\d{4}").all()


def moodle_text(rows: list[list[str]], width: int) -> str:
    header = [
        "Name",
        "Email address",
        "ID number",
        "Attempt",
        "Started on",
        "Last accessed on",
        "Score",
        "Course",
    ]
    for n in range(width):
        header += [f"Question {n}", f"Response {n}"]
    return "\n".join("\t".join(row + [""] * (len(header) - len(row))) for row in [header, *rows]) + "\n"


def person(name, attempt, *pairs, last="Tuesday, 1 December 2026, 9:05 AM"):
    cells = [name, f"{name.lower()}@example.org", "ID-77", str(attempt), last, last, "80", "Done"]
    for question, response in pairs:
        cells += [question, response]
    return cells


def test_moodle_latest_attempt_and_latest_answer_win_and_letters_are_read(tmp_path):
    first = OUTCOMES[0]
    rows = [
        person("Ada", 1, (f"evaluation-after-{first}", "2"), ("evaluation-time", "l")),
        person(
            "Ada",
            2,
            (f"evaluation-after-{first}", "3"),
            (f"evaluation-after-{first}", "5"),
            ("evaluation-recommend", "m"),
            ("evaluation-time", "m"),
        ),
        person("Bo", 1, (f"evaluation-before-{first}", "9"), ("evaluation-clarity", "4")),
        person("Cy", 1, ("quiz-1", "a")),
    ]
    path = tmp_path / "export.txt"
    path.write_text(moodle_text(rows, 4), encoding="utf-8")
    frame, skipped = er.load_moodle_export(path, root=ROOT, course_version="0.1.0")
    ada = frame[frame[er.after(first)].notna()].iloc[0]
    assert ada[er.after(first)] == 5 and ada["recommend"] == "maybe" and ada["time"] == "more"
    assert len(frame) == 2 and set(frame["course_version"]) == {"0.1.0"}
    assert {s.reason.split(" ", 1)[1] for s in skipped} == {
        "row with no evaluation answers (not started, or the evaluation skipped)",
        "evaluation answer not understood (not a value the course sends), left out",
    }
    assert not IDENTIFYING.search(frame.to_csv(index=False))
    assert "ID-77" not in frame.to_csv(index=False)


def test_moodle_export_saved_as_comma_separated_csv_is_read_too(tmp_path):
    rows = [person(f"P{n}", 1, (f"evaluation-before-{OUTCOMES[1]}", "3")) for n in range(3)]
    path = tmp_path / "export.csv"
    table = [line.split("\t") for line in moodle_text(rows, 1).splitlines()]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # as a spreadsheet saves it
        csv.writer(handle).writerows(table)
    assert '"Tuesday, 1 December 2026, 9:05 AM"' in path.read_text(encoding="utf-8-sig")
    frame, _ = er.load_moodle_export(path, root=ROOT)
    assert frame[er.before(OUTCOMES[1])].tolist() == [3, 3, 3]


def test_moodle_export_with_questions_but_no_answers_says_what_to_check(tmp_path):
    path = tmp_path / "export.txt"
    rows = [person("Ada", 1, (f"evaluation-before-{OUTCOMES[0]}", "")), person("Bo", 1)]
    path.write_text(moodle_text(rows, 1), encoding="utf-8")
    with pytest.raises(er.MoodleExportError, match="holds none of the answers"):
        er.load_moodle_export(path, root=ROOT)


def test_moodle_export_without_question_ids_says_which_boxes_to_tick(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("Name\tAttempt\tResponse 0\nAda\t1\t3\n", encoding="utf-8")
    with pytest.raises(er.MoodleExportError, match="Summary of question"):
        er.load_moodle_export(path, root=ROOT)


# ------------------------------------------------------------------------------ labels
def test_labels_come_from_the_evaluation_yaml_when_it_is_there_and_values_otherwise(tmp_path):
    root = tmp_path / "course"
    (root / "data" / "activities").mkdir(parents=True)
    shutil.copy(ROOT / er.OUTCOMES_FILE, root / er.OUTCOMES_FILE)
    bare = er.load_labels(root)
    assert bare.word("confidence", 3) == "3" and bare.word("role", "gp") == "gp"
    assert bare.word("time", None) == er.NOT_ANSWERED
    assert bare.outcome(OUTCOMES[0]).startswith("Tell a self-help group apart")
    (root / er.LABELS_FILE).write_text(
        the_courses_labels(
            ("    words: Fairly confident\n", "    words: Fairly sure\n"),
            ("      words: GP\n", "      words: General practitioner\n"),
            ("      words: Less than the stated time\n", "      words: Less than I expected\n"),
        ),
        encoding="utf-8",
    )
    worded = er.load_labels(root)
    assert (
        worded.word("confidence", 3) == "Fairly sure" and worded.word("role", "gp") == "General practitioner"
    )
    assert worded.word("time", "less") == "Less than I expected"
    assert worded.word("role", "chaplain") == "chaplain"  # a value the file does not name: itself


def course_with_labels(folder, text: str):
    """A scratch course: the real outcomes, and ``text`` as data/activities/evaluation.yml."""
    (folder / "data" / "activities").mkdir(parents=True)
    shutil.copy(ROOT / er.OUTCOMES_FILE, folder / er.OUTCOMES_FILE)
    (folder / er.LABELS_FILE).write_text(text, encoding="utf-8")
    return folder


def the_courses_labels(*swaps: tuple[str, str]) -> str:
    """The course's own evaluation.yml with each (old, new) swapped once (old must be there)."""
    text = (ROOT / er.LABELS_FILE).read_text(encoding="utf-8")
    for old, new in swaps:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line_of(text: str, words: str) -> int:
    return text[: text.index(words)].count("\n") + 1


# Each of these was read leniently before (a fallback to the bare value, or a YAML error with no
# file): the report reads evaluation.yml with the same checked loader as the widget and the
# manifest, so each stops with the file and the line at fault, as every other course file does.
MALFORMED_LABELS = {
    "a role without words": (("    - id: gp\n      words: GP\n", "    - id: gp\n"), "- id: gp"),
    "a scale point the widget cannot store": (
        ("  - value: 3\n    words: Fairly confident\n", "  - value: 7\n    words: Fairly confident\n"),
        "value: 7",
    ),
    "words under another name, which the lenient reader took": (
        ("      words: Maybe\n", "      label: Maybe\n"),
        "label: Maybe",
    ),
    "a choice the widget does not store": (("- value: maybe\n", "- value: perhaps\n"), "value: perhaps"),
    # PyYAML reports where it gave up: the line after the open bracket.
    "not YAML": (("    - id: gp\n", "    - id: [gp\n"), "      words: GP"),
}


@pytest.mark.parametrize("case", MALFORMED_LABELS)
def test_a_malformed_evaluation_yaml_stops_the_report_with_file_and_line(tmp_path, case):
    swap, at = MALFORMED_LABELS[case]
    text = the_courses_labels(swap)
    root = course_with_labels(tmp_path, text)
    with pytest.raises(ContentError) as raised:
        er.load_labels(root)
    assert raised.value.path == str(root / er.LABELS_FILE)
    assert raised.value.line == line_of(text, at), str(raised.value)
    assert str(raised.value).startswith(f"{root / er.LABELS_FILE}:{raised.value.line}: ")


def test_a_malformed_outcomes_file_stops_the_report_with_file_and_line(tmp_path):
    # The outcomes' text names each confidence rating: read with the same checked loader as the
    # assessment and the manifest (the lenient read stopped with a bare KeyError: no file, no line).
    (tmp_path / "data" / "activities").mkdir(parents=True)
    (tmp_path / "data" / "schemas").mkdir()
    shutil.copy(ROOT / er.SCHEMA_FILE, tmp_path / er.SCHEMA_FILE)
    text = (ROOT / er.OUTCOMES_FILE).read_text(encoding="utf-8")
    assert text.count("  - id: recognise-groups\n") == 1
    broken = text.replace("  - id: recognise-groups\n", "  - ident: recognise-groups\n")
    (tmp_path / er.OUTCOMES_FILE).write_text(broken, encoding="utf-8")
    line = line_of(broken, "ident: recognise-groups")
    for read in (er.load_outcomes, er.load_labels, lambda root: er.load_folder(RESPONSES, root=root)):
        with pytest.raises(
            ContentError, match=rf"outcomes\.yml:{line}: outcomes\[0\]\.ident: is not a known field"
        ):
            read(tmp_path)


def test_a_partial_evaluation_yaml_is_not_read_as_labels(tmp_path):
    # The layout the lenient reader also took (a bare scale and roles at the top): not the
    # widget's file, so it is refused where it starts, not half-read.
    root = course_with_labels(
        tmp_path, "scale:\n  - {value: 3, words: Fairly confident}\nroles:\n  - {id: gp, words: GP}\n"
    )
    with pytest.raises(ContentError, match=r"evaluation\.yml:1: scale: is not a known field"):
        er.load_labels(root)


def test_labels_read_the_evaluation_widgets_yaml(tmp_path):
    root = course_with_labels(
        tmp_path,
        the_courses_labels(
            ("    words: Completely confident\n", "    words: Wholly confident\n"),
            ("      words: Very relevant\n", "      words: Very relevant indeed\n"),
            (
                "      words: Social prescribing link worker or community connector\n",
                "      words: Social prescribing link worker\n",
            ),
        ),
    )
    labels = er.load_labels(root)
    assert [
        labels.word("confidence", 1),
        labels.word("confidence", 5),
        labels.word("relevance", 4),
        labels.word("clarity", 2),
        labels.word("time", "more"),
        labels.word("recommend", "no"),
        labels.word("role", "link-worker"),
    ] == [
        "Not at all confident",
        "Wholly confident",
        "Very relevant indeed",
        "Slightly clear",
        "More than the stated time",
        "No",
        "Social prescribing link worker",
    ]
    # One source: every value's words are those the widget and the course manifest are given.
    manifest = evaluation_manifest(root)
    for scale, points in (
        ("confidence", manifest["scale"]),
        *((name, manifest[name]) for name in ("relevance", "clarity", "time", "recommend")),
        ("role", [{"value": role["id"], "words": role["words"]} for role in manifest["roles"]]),
    ):
        assert {point["value"]: labels.word(scale, point["value"]) for point in points} == {
            point["value"]: point["words"] for point in points
        }, scale


@pytest.mark.skipif(not (ROOT / er.LABELS_FILE).is_file(), reason="evaluation.yml not merged yet")
def test_the_courses_evaluation_yaml_gives_words_for_every_value():
    labels = er.load_labels(ROOT)
    for scale, values in {"confidence": er.SCALE, **er.FEEDBACK_VALUES}.items():
        for value in values:
            assert labels.word(scale, value) != str(value), (scale, value)


# ------------------------------------------------------------------------------ the report
@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    frame, skipped = er.load_folder(RESPONSES, root=ROOT)
    labels = er.load_labels(ROOT)
    report = er.summarise(frame, skipped, labels, illustrative=True)
    import matplotlib

    matplotlib.use("Agg")
    chart = er.confidence_chart(frame, labels, illustrative=True)
    html_path = er.write_html(report, out / "class-report.html", er.png_bytes(chart))
    pdf_path = er.write_pdf(report, out / "class-report.pdf", frame, labels)
    return html_path, pdf_path


def test_the_html_report_is_self_contained(written):
    text = written[0].read_text(encoding="utf-8")
    assert not re.search(r"(https?:)?//[\w.-]+\.\w", text), "the report must not request anything"
    assert not re.search(r"<(script|link|iframe)\b", text)
    assert re.findall(r"src='([^']{0,22})", text) == ["data:image/png;base64,"]
    assert "ILLUSTRATIVE" in text and er.HIDDEN in text and "40 anonymous responses" in text


def test_the_pdf_report_is_one_page(written):
    reader = PdfReader(written[1])
    assert len(reader.pages) == 1
    words = reader.pages[0].extract_text()
    assert "ILLUSTRATIVE" in words and "Who responded" in words


def test_learner_text_is_escaped_in_the_html():
    frame = class_of({"nurse": 5}).assign(role="<b>nurse</b>")
    report = er.summarise(frame, [], er.Labels(outcomes={}))
    text = er.report_html(report)
    assert "<b>nurse" not in text and "&lt;b&gt;nurse" in text


# ------------------------------------------------------------------------------ the generator
def test_rerunning_the_generator_reproduces_the_committed_files_byte_for_byte(tmp_path):
    subprocess.run(
        [sys.executable, str(GENERATOR), "--output", str(tmp_path)], check=True, capture_output=True
    )
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(ILLUSTRATIVE) for p in ILLUSTRATIVE.rglob("*") if p.is_file())
    assert made == committed and len(made) == 46
    assert all((tmp_path / p).read_bytes() == (ILLUSTRATIVE / p).read_bytes() for p in made)


def test_the_generator_check_notices_a_changed_file(tmp_path):
    copy_ = tmp_path / "copy"
    shutil.copytree(ILLUSTRATIVE, copy_)
    target = next((copy_ / "responses").glob("evaluation-*.json"))
    target.write_text(target.read_text(encoding="utf-8").replace('"nation"', '"Nation"'), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--output", str(copy_)], capture_output=True, text=True
    )
    assert result.returncode == 1 and target.name in result.stderr


def test_every_illustrative_response_is_valid_against_the_schema():
    import jsonschema

    validator = jsonschema.Draft202012Validator(er.load_schema(ROOT))
    valid = [p for p in RESPONSES.glob("*.json") if not list(validator.iter_errors(_load_or_none(p)))]
    assert len(valid) == 41  # 40 learners, and the duplicate (valid, but a second copy)


def _load_or_none(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return None
