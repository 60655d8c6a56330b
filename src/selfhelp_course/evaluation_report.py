"""The class report on the course evaluation (issue 23): read, check, count, protect, export.

A learner who chooses to share an anonymous evaluation downloads one small JSON file
(``data/schemas/evaluation-response.schema.json``, format ``selfhelp-course-evaluation/1``) and
hands it to their trainer; nothing is sent anywhere automatically. In a learning management
system the same ratings arrive as SCORM interactions, which Moodle's *Interactions report*
exports as a table. This module turns either into one pandas DataFrame, one row per learner,
and into the tables of the trainer's class report (``trainer/class-report.md``):

* :func:`load_folder` reads a folder of JSON files. Every file is checked against the schema;
  a file that is not JSON, fails the schema (the field is named), is not an evaluation at all
  (no or another ``format``) or repeats a response id already read is *listed with the reason
  and left out*, never a crash.
* :func:`load_moodle_export` reads Moodle's Interactions report download and keeps only the
  ``evaluation-*`` interactions: every identifying column (name, email and the other identity
  fields, dates finer than the month) is dropped as the file is read.
* :func:`count_by`, :func:`confidence_summary`, :func:`feedback_counts` and :func:`free_text`
  make the report's tables. **Small numbers are suppressed**: any count, group or median
  resting on fewer than :data:`MIN_CELL` responses is replaced by "fewer than 5", and a
  second cell is hidden when one hidden cell could be worked out from the total.
* :func:`write_html` and :func:`write_pdf` write the one-page report (a self-contained HTML
  file with its chart inline, and a one-page PDF drawn by matplotlib).

Moodle's column layout was checked against Moodle's own source, not a copy of an export:
``mod/scorm/report/interactions/classes/report.php`` (the columns: "Name", the site's identity
fields such as "Email address", "Attempt", "Started on", "Last accessed on", "Score", one
column per SCO, then for each interaction N from 0 "Question N" (the interaction's id),
"Response N", "Right answer N", "Result N", each only when its box is ticked; the text
download is tab-separated) and ``mod/scorm/report/interactions/lang/en/
scormreport_interactions.php`` (the header words), in https://github.com/moodle/moodle; the
report's design is described at https://docs.moodle.org/dev/SCORM_reporting_improvements.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import pandas as pd

from .activities.banks import EVALUATION_FILE, OUTCOMES, OUTCOMES_FILE, load_config
from .activities.evaluation import evaluation_manifest
from .course.structure import course_root

if TYPE_CHECKING:  # generated from data/schemas/manifest.schema.json (make schemas)
    from .course.shapes import EvaluationPoint

FORMAT = "selfhelp-course-evaluation/1"
SCHEMA_FILE = "data/schemas/evaluation-response.schema.json"
# Read with the checked loader the widget and the manifest use (activities/banks.py), so a
# malformed file stops with its file and line here too.
LABELS_FILE = EVALUATION_FILE

# The one threshold of the small-number protection: a count, group or median resting on fewer
# responses than this is not shown, so that no report can single anyone out.
MIN_CELL = 5
HIDDEN = f"fewer than {MIN_CELL}"
NOT_GIVEN = "not given"
NOT_ANSWERED = "not answered"

SCALE = (1, 2, 3, 4, 5)
TIME_VALUES = ("less", "about", "more")
RECOMMEND_VALUES = ("yes", "maybe", "no")
FEEDBACK_VALUES = {"relevance": SCALE, "clarity": SCALE, "time": TIME_VALUES, "recommend": RECOMMEND_VALUES}
FEEDBACK = tuple(FEEDBACK_VALUES)
# SCORM 1.2 may carry a likert answer as one character: both the words and the letters are read.
LETTERS = {
    "time": {"l": "less", "a": "about", "m": "more"},
    "recommend": {"y": "yes", "m": "maybe", "n": "no"},
}
BASE_COLUMNS = ("source", "response_id", "course", "course_version", "month", "role", "nation")


def before(outcome: str) -> str:
    """The DataFrame column of the confidence rating before the course for one outcome."""
    return f"before:{outcome}"


def after(outcome: str) -> str:
    return f"after:{outcome}"


@dataclass(frozen=True)
class Skipped:
    """A file (or part of one) left out of the report, and why, in plain words."""

    name: str
    reason: str


def skipped_table(skipped: Iterable[Skipped]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"File": s.name, "Why it was left out": s.reason} for s in skipped],
        columns=["File", "Why it was left out"],
    )


# ------------------------------------------------------------------------------ course data
def load_schema(root: Path | None = None) -> dict:
    return json.loads(((root or course_root()) / SCHEMA_FILE).read_text(encoding="utf-8"))


def load_outcomes(root: Path | None = None) -> dict[str, str]:
    """The learning outcomes, id -> text, in the course's order (data/activities/outcomes.yml,
    checked: a malformed file raises ContentError with its file and line)."""
    outcomes = load_config(OUTCOMES_FILE, OUTCOMES, root or course_root())["outcomes"]
    return {item["id"]: " ".join(str(item["text"]).split()) for item in outcomes}


@dataclass
class Labels:
    """Words for the values in the files: the course's own (data/activities/evaluation.yml) when
    that file is there, otherwise the values themselves ("1".."5", "less", a role's id)."""

    outcomes: dict[str, str]
    points: dict[str, dict] = field(default_factory=dict)  # scale name -> value -> words

    def word(self, scale: str, value) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return NOT_ANSWERED
        key = int(value) if scale in ("confidence", "relevance", "clarity") else value
        return str(self.points.get(scale, {}).get(key, key))

    def outcome(self, outcome_id: str) -> str:
        return self.outcomes.get(outcome_id, outcome_id)


def _points(items: list[EvaluationPoint]) -> dict[int | str, str]:
    """[{value, words}, ...] -> {value: words}, the words on one line."""
    return {item["value"]: " ".join(item["words"].split()) for item in items}


def load_labels(root: Path | None = None) -> Labels:
    """The words for each scale point and role, from data/activities/evaluation.yml if present.

    The file belongs to the learner's evaluation widget: it is read here as the widget and the
    course manifest read it (activities/evaluation.py: ``evaluation_manifest``, the checked
    loader), so the report names every value as the widget showed it, and a malformed file
    raises ContentError with its file and line. No file at all: each value stands for itself.
    """
    root = root or course_root()
    labels = Labels(outcomes=load_outcomes(root))
    if not (root / LABELS_FILE).is_file():
        return labels
    words = evaluation_manifest(root)
    labels.points = {
        "confidence": _points(words["scale"]),
        "relevance": _points(words["relevance"]),
        "clarity": _points(words["clarity"]),
        "time": _points(words["time"]),
        "recommend": _points(words["recommend"]),
        "role": _points([{"value": role["id"], "words": role["words"]} for role in words["roles"]]),
    }
    return labels


# ------------------------------------------------------------------------------ the JSON files
def _flatten(record: dict, source: str) -> dict:
    row: dict[str, Any] = {"source": source}
    for column in BASE_COLUMNS[1:]:
        row[column] = record.get(column)
    for name in FEEDBACK:
        row[name] = record["feedback"].get(name)
    row["change"] = record.get("change")
    for outcome, pair in record["confidence"].items():
        row[before(outcome)] = pair["before"]
        row[after(outcome)] = pair["after"]
    return row


def responses_frame(rows: list[dict], outcomes: Iterable[str] = ()) -> pd.DataFrame:
    """Rows (one per learner) as the report's DataFrame: fixed columns, then two per outcome
    (the course's outcomes in order, then any others the files name); ratings as Int64."""
    known = list(outcomes)
    extra = sorted(
        {column.split(":", 1)[1] for row in rows for column in row if column.startswith("before:")}
        - set(known)
    )
    rating_columns = [c for o in known + extra for c in (before(o), after(o))]
    columns = [*BASE_COLUMNS, *FEEDBACK, "change", *rating_columns]
    frame = pd.DataFrame(rows, columns=columns).astype(object)
    frame = frame.where(frame.notna(), None)
    for column in ("relevance", "clarity", *rating_columns):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame.reset_index(drop=True)


def _schema_problem(validator, data) -> str | None:
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    if not errors:
        return None
    error = jsonschema.exceptions.best_match(errors)
    where = "/".join(str(part) for part in error.absolute_path) or "(the top level)"
    message = error.message if len(error.message) <= 140 else error.message[:137] + "..."
    more = f" (and {len(errors) - 1} more problem{'s' * (len(errors) > 2)})" if len(errors) > 1 else ""
    return f"does not match the schema at {where}: {message}{more}"


def _answered(record: dict) -> int:
    ratings = [v for pair in record["confidence"].values() for v in pair.values()]
    return sum(v is not None for v in [*ratings, *record["feedback"].values()])


def load_folder(
    folder: Path | str, *, root: Path | None = None, outcomes: Iterable[str] | None = None
) -> tuple[pd.DataFrame, list[Skipped]]:
    """Every ``*.json`` evaluation in ``folder`` as one DataFrame, and the files left out.

    Read in file-name order. Left out, each with the reason: a file that is not UTF-8 text or
    not JSON, a JSON file that is not an evaluation (no ``format``, or another one), one that
    fails the schema (the first field at fault is named), and a second file with a response id
    already seen (the learner downloaded twice: the copy with more answers is kept, then the
    later month, then the shorter name, as a browser adds " (1)" to a second download, then the
    first by name). Other files are listed as not read; hidden files
    (a name starting with ".") are ignored. Nothing here raises for a bad file.
    """
    root = root or course_root()
    validator = jsonschema.Draft202012Validator(load_schema(root))
    outcome_ids = list(load_outcomes(root) if outcomes is None else outcomes)
    skipped: list[Skipped] = []
    valid: list[tuple[str, dict]] = []
    for path in sorted(Path(folder).iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        if path.is_dir() or path.suffix.lower() != ".json":
            skipped.append(
                Skipped(path.name, "not a .json file, so not read" + (" (a folder)" if path.is_dir() else ""))
            )
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            skipped.append(Skipped(path.name, "not UTF-8 text: not an evaluation file"))
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            skipped.append(
                Skipped(
                    path.name,
                    f"malformed JSON (line {error.lineno}, column "
                    f"{error.colno}: {error.msg}); was it cut short?",
                )
            )
            continue
        if not isinstance(data, dict) or "format" not in data:
            skipped.append(
                Skipped(
                    path.name, 'foreign file: JSON, but with no "format" field, so not a course evaluation'
                )
            )
            continue
        if data["format"] != FORMAT:
            shown = str(data["format"])[:60]
            version = (
                "a version this report cannot read"
                if shown.startswith(FORMAT.split("/")[0] + "/")
                else "another kind of file"
            )
            skipped.append(
                Skipped(path.name, f'foreign file: "format" is {shown!r}, {version} (expected {FORMAT!r})')
            )
            continue
        problem = _schema_problem(validator, data)
        if problem:
            skipped.append(Skipped(path.name, problem))
            continue
        valid.append((path.name, data))

    kept: dict[str, tuple[str, dict]] = {}
    for name, data in valid:
        first = kept.setdefault(data["response_id"], (name, data))
        if first[0] != name:
            rank = lambda item: (_answered(item[1]), item[1]["month"], -len(item[0]))  # noqa: E731
            kept[data["response_id"]] = max(first, (name, data), key=rank)
    for name, data in valid:
        keeper = kept[data["response_id"]][0]
        if keeper != name:
            skipped.append(
                Skipped(
                    name,
                    f"duplicate: the same response id as {keeper}, which is "
                    "kept (the same learner's download, twice)",
                )
            )
    rows = [_flatten(data, "file") for name, data in valid if kept[data["response_id"]][0] == name]
    return responses_frame(rows, outcome_ids), skipped


# ------------------------------------------------------------------------------ Moodle's export
class MoodleExportError(ValueError):
    """The file cannot be read as Moodle's Interactions report, with what to do about it."""


INTERACTION_COLUMN = re.compile(r"^(Question|Response|Right answer|Result) (\d+)$")
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
MONTH_IN_TEXT = re.compile(r"\b(" + "|".join(MONTHS) + r")\b\D{0,12}?(\d{4})\b", re.I)
ISO_MONTH = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])\b")


def month_of(text: str) -> str | None:
    """The year and month in one of Moodle's dates ("Monday, 7 December 2026, 6:45 PM" or an
    ISO date), or None: nothing finer than the month is ever kept."""
    iso = ISO_MONTH.search(text or "")
    if iso:
        return f"{iso.group(1)}-{iso.group(2)}"
    found = MONTH_IN_TEXT.search(text or "")
    return f"{found.group(2)}-{MONTHS[found.group(1).lower()]:02d}" if found else None


def _read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MoodleExportError(
            f"{Path(path).name} is not UTF-8 text: download the report again with 'Download in text format'"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise MoodleExportError(f"{Path(path).name} is empty")
    return [cell.strip() for cell in rows[0]], rows[1:]


def _answer(field_name: str, response: str):
    """One interaction's response as the JSON file would hold it, or raise ValueError."""
    value = response.strip()
    if field_name in ("time", "recommend"):
        value = value.lower()
        if value in FEEDBACK_VALUES[field_name]:
            return value
        if value in LETTERS[field_name]:
            return LETTERS[field_name][value]
        raise ValueError(value)
    if value in {str(point) for point in SCALE}:
        return int(value)
    raise ValueError(value)


def _field(interaction_id: str, outcomes: list[str]) -> str | None:
    """The DataFrame column an ``evaluation-*`` interaction id fills, or None for any other."""
    if not interaction_id.startswith("evaluation-"):
        return None
    rest = interaction_id[len("evaluation-") :]
    if rest in FEEDBACK:
        return rest
    for when in ("before", "after"):
        if rest.startswith(when + "-") and re.fullmatch(r"[a-z][a-z0-9-]*", rest[len(when) + 1 :]):
            return f"{when}:{rest[len(when) + 1 :]}"
    return None


def load_moodle_export(
    path: Path | str,
    *,
    course_version: str | None = None,
    root: Path | None = None,
    outcomes: Iterable[str] | None = None,
) -> tuple[pd.DataFrame, list[Skipped]]:
    """Moodle's SCORM Interactions report download (tab-separated text, or the same saved as
    CSV) as the DataFrame :func:`load_folder` makes, and what was left out.

    Only the ``evaluation-*`` interactions are read: "Question N" gives the interaction's id and
    "Response N" the answer ("1".."5"; for time and recommend the words or their first letters).
    Everything identifying is dropped as the file is read: the name, every identity field
    (email, ID number, ...), the attempt dates (only their month is kept) and the score. Each
    person's latest attempt with evaluation answers is kept; within one attempt a later
    interaction with the same id (a changed answer) wins. Role, nation and free text are never
    sent to an LMS, so they are empty; the course version is ``course_version`` if given.
    """
    path = Path(path)
    outcome_ids = list(load_outcomes(root) if outcomes is None else outcomes)
    header, rows = _read_table(path)
    numbers = sorted({int(m.group(2)) for m in map(INTERACTION_COLUMN.match, header) if m})
    index = {name: position for position, name in enumerate(header)}
    missing = [word for word in ("Question", "Response") if not any(f"{word} {n}" in index for n in numbers)]
    if missing:
        raise MoodleExportError(
            f"{path.name} has no {' or '.join(repr(w + ' N') for w in missing)} columns: in "
            "Moodle's Interactions report tick 'Summary of question' and 'Summary of responses' "
            "under the report's options, show the page again, then download it in text format"
        )
    fixed = set(index) - {name for name in index if INTERACTION_COLUMN.match(name)}
    person_columns = [
        index[name]
        for name in header
        if name in fixed and name not in ("Attempt", "Started on", "Last accessed on", "Score")
    ]
    skipped: list[Skipped] = []
    latest: dict[tuple, tuple[int, dict]] = {}
    unread = empty = asked = 0
    for row in rows:
        row = row + [""] * (len(header) - len(row))
        answers: dict[str, object] = {}
        for n in numbers:
            question = row[index[f"Question {n}"]].strip() if f"Question {n}" in index else ""
            column = _field(question, outcome_ids)
            if column is None or f"Response {n}" not in index:
                continue
            asked += 1
            response = row[index[f"Response {n}"]]
            if not response.strip():
                continue
            try:
                answers[column] = _answer("confidence" if ":" in column else column, response)
            except ValueError:
                unread += 1
        if not answers:
            empty += 1
            continue
        person = tuple(row[i] for i in person_columns)  # only to keep one row a person; dropped
        attempt_text = row[index["Attempt"]].strip() if "Attempt" in index else ""
        attempt = int(attempt_text) if attempt_text.isdigit() else 0
        dates = [row[index[name]] for name in ("Last accessed on", "Started on") if name in index]
        month = next((m for m in map(month_of, dates) if m), None)
        record = {
            "source": "moodle",
            "course": None,
            "course_version": course_version,
            "month": month,
            "role": None,
            "nation": None,
            "change": None,
            **answers,
        }
        if person not in latest or attempt >= latest[person][0]:
            latest[person] = (attempt, record)
    if asked and not latest and not unread:
        raise MoodleExportError(
            f"{path.name} names the evaluation's questions but holds none of the answers: check "
            "that 'Summary of responses' is ticked in the Interactions report's options. The "
            "report reads its Response columns from SCORM 1.2's element (student_response), so "
            "a SCORM 2004 package's answers may not show there: use the SCORM 1.2 package for "
            "classes whose evaluation you want to export (trainer/lms.md)"
        )
    if empty:
        skipped.append(
            Skipped(
                path.name,
                f"{empty} row{'s' * (empty != 1)} with no evaluation "
                "answers (not started, or the evaluation skipped)",
            )
        )
    if unread:
        skipped.append(
            Skipped(
                path.name,
                f"{unread} evaluation answer{'s' * (unread != 1)} not "
                "understood (not a value the course sends), left out",
            )
        )
    records = [record for _, record in latest.values()]
    # Numbered in an order that follows the answers, not the people (Moodle sorts by user id).
    records.sort(key=lambda r: json.dumps(dict(r.items()), sort_keys=True, default=str))
    for number, record in enumerate(records, start=1):
        record["response_id"] = f"moodle-{number:04d}"
    return responses_frame(records, outcome_ids), skipped


# ------------------------------------------------------------------------------ small numbers
def suppress(counts: pd.Series, min_cell: int = MIN_CELL) -> pd.DataFrame:
    """Counts per group with every count under ``min_cell`` hidden.

    Returns one row per group: ``count`` (Int64, missing where hidden), ``shown`` (the number,
    or "fewer than 5") and ``suppressed``. When exactly one count is hidden, the total minus the
    others would give it away, so the next smallest is hidden too.
    """
    counts = counts.astype(int)
    hidden = counts < min_cell
    if hidden.sum() == 1 and len(counts) > 1:
        hidden[counts[~hidden].idxmin()] = True
    shown = [HIDDEN if h else str(int(c)) for c, h in zip(counts, hidden, strict=True)]
    return pd.DataFrame(
        {
            "count": pd.array(
                [pd.NA if h else int(c) for c, h in zip(counts, hidden, strict=True)], dtype="Int64"
            ),
            "shown": shown,
            "suppressed": hidden.to_numpy(),
        },
        index=counts.index,
    )


def count_by(
    frame: pd.DataFrame, column: str, labels: Labels | None = None, order: Iterable | None = None
) -> pd.DataFrame:
    """Responses per value of ``column`` (role, nation, course_version), "not given" counted
    too; groups under MIN_CELL hidden. Columns: the group's words, Responses."""
    values = frame[column].map(lambda v: NOT_GIVEN if v is None or pd.isna(v) else v)
    counts = values.value_counts(sort=False)
    keys = [k for k in (order or []) if k in counts.index]
    keys += sorted(k for k in counts.index if k not in keys and k != NOT_GIVEN)
    keys += [NOT_GIVEN] if NOT_GIVEN in counts.index else []
    counts = counts.reindex(keys)
    table = suppress(counts)
    words = [k if k == NOT_GIVEN or labels is None else labels.word(column, k) for k in keys]
    return pd.DataFrame({column.replace("_", " ").capitalize(): words, "Responses": table["shown"].tolist()})


def median_or_hidden(values: pd.Series) -> float | None:
    values = values.dropna()
    return float(values.median()) if len(values) >= MIN_CELL else None


def outcome_ids_in(frame: pd.DataFrame) -> list[str]:
    return [c.split(":", 1)[1] for c in frame.columns if c.startswith("before:")]


def confidence_summary(frame: pd.DataFrame, labels: Labels | None = None) -> pd.DataFrame:
    """One row per outcome: how many rated before and after, the pairs (both ratings from one
    learner), the median before and after among the pairs and the median of each pair's change
    (after minus before), and how many pairs moved up, stayed or moved down. Every count under
    MIN_CELL, and every median over fewer than MIN_CELL pairs, is hidden."""
    rows = []
    for outcome in outcome_ids_in(frame):
        b, a = frame[before(outcome)], frame[after(outcome)]
        both = b.notna() & a.notna()
        change = (a[both] - b[both]).astype(int)
        n_pairs = int(both.sum())
        moved = suppress(
            pd.Series(
                {
                    "higher": int((change > 0).sum()),
                    "same": int((change == 0).sum()),
                    "lower": int((change < 0).sum()),
                }
            )
        )
        if n_pairs < MIN_CELL:
            moved["shown"] = HIDDEN
        medians = [median_or_hidden(b[both]), median_or_hidden(a[both]), median_or_hidden(change)]
        counts = [int(b.notna().sum()), int(a.notna().sum()), n_pairs]
        rows.append(
            {
                "Outcome": labels.outcome(outcome) if labels else outcome,
                "Rated before": counts[0] if counts[0] >= MIN_CELL else HIDDEN,
                "Rated after": counts[1] if counts[1] >= MIN_CELL else HIDDEN,
                "Pairs": n_pairs if n_pairs >= MIN_CELL else HIDDEN,
                "Median before (pairs)": _number(medians[0]),
                "Median after (pairs)": _number(medians[1]),
                "Median change (pairs)": _number(medians[2], signed=True),
                "Higher after": moved.loc["higher", "shown"],
                "Same": moved.loc["same", "shown"],
                "Lower after": moved.loc["lower", "shown"],
            }
        )
    return pd.DataFrame(rows)


def _number(value: float | None, signed: bool = False) -> str:
    if value is None:
        return HIDDEN
    text = f"{value:+.1f}" if signed and value != 0 else f"{value:.1f}"
    return text.replace(".0", "") if text.endswith(".0") else text


def rating_counts(frame: pd.DataFrame, column: str, values: Iterable) -> pd.DataFrame:
    """Counts of each value of one rating or choice (and "not answered"), small ones hidden."""
    data = frame[column]
    counts = pd.Series({value: int((data == value).fillna(False).sum()) for value in values}, dtype=int)
    counts[NOT_ANSWERED] = int(data.isna().sum())
    return suppress(counts)


def confidence_distribution(frame: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """For one outcome, how many chose each point of the scale before and after (hidden under
    MIN_CELL): rows 1..5 and "not answered", columns Before and After (text), and the numbers
    for charts (before_count, after_count: missing where hidden)."""
    b = rating_counts(frame, before(outcome), SCALE)
    a = rating_counts(frame, after(outcome), SCALE)
    return pd.DataFrame(
        {"Before": b["shown"], "After": a["shown"], "before_count": b["count"], "after_count": a["count"]}
    )


def feedback_counts(frame: pd.DataFrame, labels: Labels | None = None) -> pd.DataFrame:
    """Every feedback question's answers in one long table: Question, Answer, Responses."""
    rows = []
    for name, values in FEEDBACK_VALUES.items():
        table = rating_counts(frame, name, values)
        for value, shown in table["shown"].items():
            words = labels.word(name, value) if labels and value != NOT_ANSWERED else str(value)
            rows.append({"Question": name.capitalize(), "Answer": words, "Responses": shown})
    return pd.DataFrame(rows)


def free_text(frame: pd.DataFrame) -> list[str]:
    """What learners chose to share about what they will do differently, for reading (no
    automatic "sentiment"). Sorted, so the order does not follow the files; nothing is shown
    when the class has fewer than MIN_CELL responses."""
    if len(frame) < MIN_CELL:
        return []
    return sorted(
        " ".join(str(text).split()) for text in frame["change"] if isinstance(text, str) and text.strip()
    )


def months(frame: pd.DataFrame) -> str:
    known = sorted(m for m in frame["month"] if isinstance(m, str))
    if not known:
        return "month not known"
    return known[0] if known[0] == known[-1] else f"{known[0]} to {known[-1]}"


# ------------------------------------------------------------------------------ the one-page report
@dataclass
class ClassReport:
    """Everything the one-page report shows, already protected (made by :func:`summarise`)."""

    title: str
    illustrative: bool
    responses: int
    left_out: int
    period: str
    by_role: pd.DataFrame
    by_nation: pd.DataFrame
    by_version: pd.DataFrame
    confidence: pd.DataFrame
    feedback: pd.DataFrame
    free_text_count: int
    too_few: bool


def summarise(
    frame: pd.DataFrame,
    skipped: Iterable[Skipped],
    labels: Labels | None = None,
    *,
    title: str = "Course evaluation: class report",
    illustrative: bool = False,
) -> ClassReport:
    too_few = len(frame) < MIN_CELL
    empty = pd.DataFrame()
    return ClassReport(
        title=title,
        illustrative=illustrative,
        responses=len(frame),
        left_out=len(list(skipped)),
        period=months(frame),
        by_role=empty if too_few else count_by(frame, "role", labels),
        by_nation=empty
        if too_few
        else count_by(frame, "nation", None, ["england", "wales", "scotland", "northern-ireland"]),
        by_version=empty if too_few else count_by(frame, "course_version"),
        confidence=empty if too_few else confidence_summary(frame, labels),
        feedback=empty if too_few else feedback_counts(frame, labels),
        free_text_count=len(free_text(frame)),
        too_few=too_few,
    )


def confidence_chart(frame: pd.DataFrame, labels: Labels | None = None, *, illustrative=False):
    """Median confidence before and after, among the pairs, for each outcome (a dumbbell chart);
    outcomes with fewer than MIN_CELL pairs are left empty and say so. Returns the figure."""
    import matplotlib.pyplot as plt

    outcomes = outcome_ids_in(frame)
    fig, ax = plt.subplots(figsize=(9, 0.34 * len(outcomes) + 1.3))
    for y, outcome in enumerate(outcomes):
        b, a = frame[before(outcome)], frame[after(outcome)]
        both = b.notna() & a.notna()
        mb, ma = median_or_hidden(b[both]), median_or_hidden(a[both])
        if mb is None or ma is None:
            ax.text(3, y, f"hidden: {HIDDEN} pairs", va="center", ha="center", fontsize=9)
            continue
        ax.plot([mb, ma], [y, y], color="#999999", linewidth=2, zorder=1)
        ax.scatter(
            [mb],
            [y],
            marker="s",
            s=60,
            color="#E69F00",
            edgecolor="black",
            zorder=2,
            label="Before (median)" if y == 0 else None,
        )
        ax.scatter(
            [ma],
            [y],
            marker="o",
            s=70,
            color="#0072B2",
            edgecolor="black",
            zorder=3,
            label="After (median)" if y == 0 else None,
        )
    names = [(labels.outcome(o) if labels else o) for o in outcomes]
    ax.set_yticks(range(len(outcomes)), [_short(name) for name in names], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0.5, 5.5)
    ax.set_xticks(SCALE, [str(p) for p in SCALE])
    ax.set_xlabel("Confidence, 1 (lowest) to 5 (highest): median of the learners who rated both", fontsize=9)
    ax.grid(axis="x", color="#dddddd")
    ax.set_axisbelow(True)
    handles, names_ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, names_, loc="lower right", fontsize=8, frameon=True)
    ax.set_title(
        ("ILLUSTRATIVE DATA: " if illustrative else "") + "Confidence against each outcome, before and after",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


BEFORE_STYLE = {"color": "#E69F00", "hatch": "//", "edgecolor": "black", "linewidth": 0.6}
AFTER_STYLE = {"color": "#0072B2", "edgecolor": "black", "linewidth": 0.6}


def _hidden_marks(ax, positions, counts) -> None:
    for x, count in zip(positions, counts, strict=True):
        if pd.isna(count):
            ax.text(x, 0.3, "<5", ha="center", va="bottom", fontsize=7, rotation=90)


def distribution_chart(frame: pd.DataFrame, labels: Labels | None = None, *, illustrative=False):
    """For each outcome, how many chose each point of the scale before and after: paired bars,
    before hatched; a count under MIN_CELL is not drawn and is marked "<5"."""
    import matplotlib.pyplot as plt

    outcomes = outcome_ids_in(frame)
    columns = 2
    rows = (len(outcomes) + columns - 1) // columns
    fig, axes = plt.subplots(rows, columns, figsize=(10, 2.3 * rows + 0.6), sharey=True, squeeze=False)
    width = 0.4
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        table = confidence_distribution(frame, outcome).loc[list(SCALE)]
        b = table["before_count"].astype("float").fillna(0).tolist()
        a = table["after_count"].astype("float").fillna(0).tolist()
        left = [p - width / 2 for p in SCALE]
        right = [p + width / 2 for p in SCALE]
        ax.bar(left, b, width, label="Before the course", **BEFORE_STYLE)
        ax.bar(right, a, width, label="After the course", **AFTER_STYLE)
        _hidden_marks(ax, left, table["before_count"])
        _hidden_marks(ax, right, table["after_count"])
        name = labels.outcome(outcome) if labels else outcome
        ax.set_title(_short(name, 60), fontsize=9)
        ax.set_xticks(SCALE, [str(p) for p in SCALE], fontsize=8)
    for ax in list(axes.flat)[len(outcomes) :]:
        ax.axis("off")
    for ax in axes[:, 0]:
        ax.set_ylabel("Learners", fontsize=8)
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", fontsize=8, ncols=2)
    fig.suptitle(
        ("ILLUSTRATIVE DATA: " if illustrative else "")
        + "Confidence, 1 (lowest) to 5 (highest), before and after; <5 = hidden",
        fontsize=10,
        x=0.02,
        ha="left",
    )
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def feedback_chart(frame: pd.DataFrame, labels: Labels | None = None, *, illustrative=False):
    """One panel per feedback question: how many gave each answer (under MIN_CELL: "<5")."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(FEEDBACK), figsize=(10, 2.8), sharey=True)
    for ax, (name, values) in zip(axes, FEEDBACK_VALUES.items(), strict=True):
        table = rating_counts(frame, name, values).loc[list(values)]
        positions = list(range(len(values)))
        ax.bar(positions, table["count"].astype("float").fillna(0).tolist(), 0.6, **AFTER_STYLE)
        _hidden_marks(ax, positions, table["count"])
        words = [
            labels.word(name, v) if labels and name in ("time", "recommend") else str(v) for v in values
        ]  # relevance and clarity: the numbers (the table has the words)
        ax.set_xticks(
            positions,
            [_short(w, 14) for w in words],
            fontsize=8,
            rotation=30 if max(map(len, words)) > 6 else 0,
        )
        ax.set_title(name.capitalize(), fontsize=9)
    axes[0].set_ylabel("Learners", fontsize=8)
    fig.suptitle(
        ("ILLUSTRATIVE DATA: " if illustrative else "") + "Feedback; <5 = hidden",
        fontsize=10,
        x=0.02,
        ha="left",
    )
    fig.tight_layout()
    return fig


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    return buffer.getvalue()


def _table_html(table: pd.DataFrame, caption: str) -> str:
    if table.empty:
        return ""
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


STYLE = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;
font-size:11px;max-width:190mm;margin:8mm auto;color:#111}h1{font-size:17px;margin:0 0 4px}
.flag{background:#fff3cd;border:1px solid #b08800;padding:3px 6px;font-weight:bold}
table{border-collapse:collapse;margin:4px 8px 6px 0;font-size:10px}caption{text-align:left;
font-weight:bold;padding:2px 0}th,td{border:1px solid #bbb;padding:1px 4px;text-align:left}
.row{display:flex;flex-wrap:wrap;align-items:flex-start}img{max-width:100%}p{margin:3px 0}
@page{size:A4;margin:8mm}"""


def report_html(report: ClassReport, chart_png: bytes | None = None) -> str:
    """The one-page report as one self-contained HTML document: inline style, the chart as a
    data: URI, no script and no link to anything outside the file."""
    parts = [f"<h1>{html.escape(report.title)}</h1>"]
    if report.illustrative:
        parts.append(
            "<p class='flag'>ILLUSTRATIVE: made-up responses from the course's example "
            "class, not real learners.</p>"
        )
    parts.append(
        f"<p>{report.responses} anonymous responses ({html.escape(report.period)}); "
        f"{report.left_out} file{'s' * (report.left_out != 1)} or row groups left out "
        "(reasons listed in the class-report notebook). Counts and medians resting on "
        f"{HIDDEN} responses are hidden and say so.</p>"
    )
    if report.too_few:
        parts.append(
            f"<p><strong>Fewer than {MIN_CELL} responses: nothing more is shown, so "
            "that no one can be singled out.</strong></p>"
        )
    else:
        parts.append(
            "<div class='row'>"
            + _table_html(report.by_role, "By role")
            + _table_html(report.by_nation, "By nation")
            + _table_html(report.by_version, "By course version")
            + "</div>"
        )
        if chart_png:
            data = base64.b64encode(chart_png).decode("ascii")
            parts.append(
                f"<img src='data:image/png;base64,{data}' alt='Median confidence before "
                "and after the course for each learning outcome, among learners who "
                "rated both; the exact figures are in the table below.'>"
            )
        table = report.confidence.drop(columns=["Rated before", "Rated after"])
        parts.append(
            _table_html(
                table, "Confidence against each outcome (1 to 5), learners who rated both before and after"
            )
        )
        parts.append(_table_html(_feedback_wide(report.feedback), "Feedback"))
        parts.append(
            f"<p>{report.free_text_count} learners shared what they will do "
            "differently; their words are read in the notebook, not summarised here.</p>"
        )
    parts.append(
        f"<p>Small-number protection: any group under {MIN_CELL} is hidden. Made with "
        "the course's class-report notebook (trainer/class-report.md).</p>"
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>"
        f"{html.escape(report.title)}</title><style>{STYLE}</style></head><body>"
        + "\n".join(parts)
        + "</body></html>\n"
    )


def _feedback_wide(feedback: pd.DataFrame) -> pd.DataFrame:
    """The feedback table one question a row: "answer: count; answer: count"."""
    if feedback.empty:
        return feedback
    rows = [
        {
            "Question": question,
            "Answers (responses)": "; ".join(
                f"{a}: {r}" for a, r in zip(group["Answer"], group["Responses"], strict=True)
            ),
        }
        for question, group in feedback.groupby("Question", sort=False)
    ]
    return pd.DataFrame(rows)


def write_html(report: ClassReport, path: Path | str, chart_png: bytes | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report_html(report, chart_png), encoding="utf-8")
    return path


def write_pdf(
    report: ClassReport, path: Path | str, frame: pd.DataFrame | None = None, labels: Labels | None = None
) -> Path:
    """The one-page report as a one-page A4 PDF, drawn with matplotlib (no other tool)."""
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig = plt.figure(figsize=(8.27, 11.69))
    y = 0.97

    def line(text, size=8.5, weight="normal", color="black", gap=0.018):
        nonlocal y
        fig.text(0.05, y, text, fontsize=size, weight=weight, color=color, va="top", wrap=True)
        y -= gap

    def table(frame_: pd.DataFrame, title: str, height_per_row=0.017, font=6.5):
        nonlocal y
        if frame_.empty:
            return
        line(title, size=8, weight="bold", gap=0.014)
        height = height_per_row * (len(frame_) + 1)
        ax = fig.add_axes((0.05, y - height, 0.9, height))
        ax.axis("off")
        cells = [[_short(str(v), 60) for v in row] for row in frame_.itertuples(index=False)]
        drawn = ax.table(
            cellText=cells, colLabels=list(frame_.columns), loc="upper left", cellLoc="left", colLoc="left"
        )
        drawn.auto_set_font_size(False)
        drawn.set_fontsize(font)
        drawn.auto_set_column_width(list(range(len(frame_.columns))))
        y -= height + 0.012

    line(report.title, size=13, weight="bold", gap=0.026)
    if report.illustrative:
        line(
            "ILLUSTRATIVE: made-up responses from the course's example class, not real learners.",
            weight="bold",
            color="#8a5a00",
        )
    line(
        f"{report.responses} anonymous responses ({report.period}); {report.left_out} files or "
        f"row groups left out (reasons in the notebook). Anything resting on {HIDDEN} "
        "responses is hidden."
    )
    if report.too_few:
        line(f"Fewer than {MIN_CELL} responses: nothing more is shown.", weight="bold")
    else:
        counts = pd.concat(
            [
                t.set_axis(["Group", "Responses"], axis=1).assign(By=name)
                for name, t in (
                    ("Role", report.by_role),
                    ("Nation", report.by_nation),
                    ("Course version", report.by_version),
                )
            ],
            ignore_index=True,
        )
        table(counts[["By", "Group", "Responses"]], "Who responded")
        if frame is not None:
            chart = confidence_chart(frame, labels, illustrative=report.illustrative)
            image = plt.imread(io.BytesIO(png_bytes(chart)), format="png")
            plt.close(chart)
            height = 0.24
            ax = fig.add_axes((0.05, y - height, 0.9, height))
            ax.imshow(image)
            ax.axis("off")
            y -= height + 0.008
        confidence = report.confidence.drop(columns=["Rated before", "Rated after"]).copy()
        confidence["Outcome"] = [_short(o, 40) for o in confidence["Outcome"]]
        table(confidence, "Confidence (1 to 5), learners who rated both before and after")
        table(_feedback_wide(report.feedback), "Feedback")
        line(
            f"{report.free_text_count} learners shared what they will do differently (read in "
            "the notebook, not summarised here)."
        )
    line(
        f"Small-number protection: any group under {MIN_CELL} is hidden. Made with the course's "
        "class-report notebook (trainer/class-report.md).",
        size=7,
    )
    with PdfPages(path, metadata={"Title": report.title, "CreationDate": None}) as pdf:
        pdf.savefig(fig)
    plt.close(fig)
    return path
