#!/usr/bin/env python3
"""Write data/evaluation_illustrative/: a MADE-UP class of anonymous course evaluations.

ILLUSTRATIVE DATA ONLY. No real learner, class or organisation lies behind these files. They
exist so that the trainer's class-report notebook (trainer/class-report.md), its tests and the
example report have something realistic to read, including the awkward cases a real folder
brings:

* ``responses/``: 40 evaluation files in the course's format (data/schemas/
  evaluation-response.schema.json), as learners would hand them over, plus four that the report
  must list and leave out: one cut short (malformed JSON), one downloaded twice (a duplicate
  response id, with the browser's " (1)" in its name), one that fails the schema (a rating of
  7 on a five-point scale) and one foreign JSON file that is not an evaluation at all;
* ``moodle-interactions-report.txt``: the same kind of answers from 12 fictional learners as
  Moodle's SCORM Interactions report downloads them in text format (tab-separated; the columns
  as Moodle's source code writes them, see src/selfhelp_course/evaluation_report.py), with
  made-up names and example.org addresses that the report must drop on reading.

Some groups are deliberately small (three allied health professionals, two learners in
Northern Ireland), so that the report's small-number protection shows.

The output is fully determined by SEED: running the script twice writes byte-identical files.
Only the Python standard library is used, and nothing is fetched from a network.

Usage:
    python scripts/make_illustrative_evaluations.py           # (re)write the folder
    python scripts/make_illustrative_evaluations.py --check   # exit 1 if a committed file differs
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import pathlib
import random
import sys

SEED = 2312
ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "data" / "evaluation_illustrative"
FORMAT = "selfhelp-course-evaluation/1"
COURSE = "Supporting Self-Help Groups"

# The course's outcome ids (data/activities/outcomes.yml), read so that the files follow it.
OUTCOMES_FILE = ROOT / "data" / "activities" / "outcomes.yml"

# Who is in the fictional class: fixed numbers, shuffled onto the learners.
ROLES = {"nurse": 12, "social-worker": 9, "link-worker": 7, "gp": 6, "allied-health": 3, None: 3}
NATIONS = {"england": 22, "scotland": 8, "wales": 6, "northern-ireland": 2, None: 2}
VERSIONS = {"0.1.0": 33, "0.0.9": 7}
MONTHS = {"2026-11": 15, "2026-12": 25}
# How far each outcome's confidence sits from a learner's usual level before the course, and
# how much the course moves it (outcomes in the order of outcomes.yml; made up, so that the
# outcomes differ as they would in a real class).
OUTCOME_START = (0.5, -0.1, -0.7, 0.2, 0.8, 0.0, -0.9, -0.4)
OUTCOME_GAIN = (0.6, 1.0, 1.4, 0.9, 0.5, 1.1, 1.0, 1.3)
N_LEARNERS = 40

# What some fictional learners chose to share about what they will do differently: written
# for this file, plain and ordinary, never real quotations.
CHANGES = [
    "Keep a list of local groups in the team room and note when each was last checked.",
    "Ask people what they want from a group before suggesting one.",
    "Stop offering to chair the carers' group meetings and offer the room instead.",
    "Phone a group's contact before I mention it to a patient.",
    "Talk with the practice manager about a small fund for room hire.",
    "Mention peer support at reviews, and leave the choice to the person.",
    "Check how our team records who we signpost, and what we keep about them.",
    "Read a group's own description of itself before describing it to anyone.",
    "Share the safety page with the two new starters on our team.",
    "Offer help with a leaflet only if the group asks for it.",
    "Be clearer that a group is not a replacement for our service.",
    "Go to the community group's open afternoon and listen.",
]


def outcome_ids() -> list[str]:
    """The outcome ids, in order, read from outcomes.yml without a YAML library."""
    ids = []
    for line in OUTCOMES_FILE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- id:"):
            ids.append(stripped.split(":", 1)[1].strip())
    return ids


def spread(counts: dict, rng: random.Random) -> list:
    values = [value for value, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def response_id(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(16))


def clamp(value: float) -> int:
    return max(1, min(5, round(value)))


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def make_learner(rng: random.Random, outcomes: list[str], role, nation, version, month) -> dict:
    """One fictional learner's evaluation, in the schema's field order."""
    start = rng.gauss(2.4, 0.7)  # how confident this learner was to begin with
    gain = rng.gauss(0, 0.5)  # how much more (or less) than most the course moved them
    skipped_before = chance(rng, 0.08)  # went straight in without the first ratings
    skipped_after = chance(rng, 0.06)  # left before the last ones
    confidence = {}
    for number, outcome in enumerate(outcomes):
        shift = OUTCOME_START[number % len(OUTCOME_START)]
        first = clamp(start + shift + rng.gauss(0, 0.6))
        last = clamp(first + gain + OUTCOME_GAIN[number % len(OUTCOME_GAIN)] + rng.gauss(0, 0.6))
        confidence[outcome] = {
            "before": None if skipped_before or chance(rng, 0.03) else first,
            "after": None if skipped_after or chance(rng, 0.03) else last,
        }
    feedback = {
        "relevance": None if chance(rng, 0.05) else clamp(rng.gauss(4.2, 0.8)),
        "clarity": None if chance(rng, 0.05) else clamp(rng.gauss(4.0, 0.8)),
        "time": None if chance(rng, 0.05) else rng.choices(["less", "about", "more"], [2, 6, 3])[0],
        "recommend": None if chance(rng, 0.05) else rng.choices(["yes", "maybe", "no"], [12, 4, 1])[0],
    }
    return {
        "format": FORMAT,
        "course": COURSE,
        "course_version": version,
        "response_id": response_id(rng),
        "month": month,
        "role": role,
        "nation": nation,
        "confidence": confidence,
        "feedback": feedback,
    }


def dump(record) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def class_files(rng: random.Random, outcomes: list[str]) -> dict[str, str]:
    """responses/<name>.json -> text: the 40 learners, then the four files to leave out."""
    roles, nations = spread(ROLES, rng), spread(NATIONS, rng)
    versions, months = spread(VERSIONS, rng), spread(MONTHS, rng)
    changes = list(CHANGES)
    rng.shuffle(changes)
    sharers = set(rng.sample(range(N_LEARNERS), len(changes)))
    files, records = {}, []
    for n in range(N_LEARNERS):
        record = make_learner(rng, outcomes, roles[n], nations[n], versions[n], months[n])
        if n in sharers:
            record["change"] = changes.pop()
        records.append(record)
        files[f"evaluation-{record['response_id']}.json"] = dump(record)
    # The same learner's file handed over twice: the browser named the second download " (1)".
    twice = records[5]
    files[f"evaluation-{twice['response_id']} (1).json"] = dump(twice)
    # Cut short (a copy stopped half way).
    cut = dict(records[11], response_id=response_id(rng))
    text = dump(cut)
    files[f"evaluation-{cut['response_id']}.json"] = text[: len(text) // 2]
    # A rating of 7 on a five-point scale: fails the schema at confidence/<outcome>/after.
    wrong = json.loads(dump(records[17]))
    wrong["response_id"] = response_id(rng)
    wrong["confidence"][outcomes[2]]["after"] = 7
    files[f"evaluation-{wrong['response_id']}.json"] = dump(wrong)
    # A JSON file of another kind that ended up in the same shared folder.
    files["team-rota-export.json"] = dump({"team": "Example team", "weeks": [1, 2, 3]})
    return files


FIRST = ["Alex", "Sam", "Jo", "Chris", "Robin", "Jamie", "Morgan", "Kim", "Lee", "Pat", "Ash", "Drew"]
FICTIONAL_SURNAME = "Example"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def moodle_date(rng: random.Random, day: int) -> str:
    """A date as Moodle's userdate() writes it by default ("Monday, 7 December 2026, 6:45 PM")."""
    hour, minute = rng.randint(1, 12), rng.choice([5, 15, 25, 35, 45, 55])
    weekday = WEEKDAYS[datetime.date(2026, 12, day).weekday()]
    return f"{weekday}, {day} December 2026, {hour}:{minute:02d} {rng.choice(['AM', 'PM'])}"


def moodle_report(rng: random.Random, outcomes: list[str]) -> str:
    """Moodle's Interactions report, downloaded in text format (tab-separated), for 12 fictional
    learners with 'Summary of question' and 'Summary of responses' ticked."""
    rows = []
    for n, first in enumerate(FIRST):
        name = f"{first} {FICTIONAL_SURNAME}"
        email = f"{first.lower()}.{FICTIONAL_SURNAME.lower()}@example.org"
        if n == 11:  # enrolled, never started: Moodle writes "-" and leaves the rest empty
            rows.append({"fixed": [name, email, "-", "-", "-", "-", "Not attempted"], "pairs": []})
            continue
        record = make_learner(rng, outcomes, None, None, "0.1.0", "2026-12")
        pairs = [("cmi-check-what-is-a-group-q1", "b")]  # a knowledge check: not evaluation
        for outcome in outcomes:
            if record["confidence"][outcome]["before"] is not None:
                pairs.append((f"evaluation-before-{outcome}", str(record["confidence"][outcome]["before"])))
        for outcome in outcomes:
            if record["confidence"][outcome]["after"] is not None:
                pairs.append((f"evaluation-after-{outcome}", str(record["confidence"][outcome]["after"])))
        for name_, value in record["feedback"].items():
            if value is not None:
                # SCORM 1.2 learners (the odd rows here) send the first letter only.
                text = str(value)[0] if n % 2 and name_ in ("time", "recommend") else str(value)
                pairs.append((f"evaluation-{name_}", text))
        if n == 3:  # changed their mind: the later interaction with the same id wins
            pairs.append((f"evaluation-after-{outcomes[0]}", "5"))
        day = rng.randint(1, 27)
        started, last = moodle_date(rng, day), moodle_date(rng, day + 1)
        rows.append({"fixed": [name, email, "1", started, last, "", "Completed"], "pairs": pairs})
        if n == 6:  # a second attempt: the report keeps this person's latest one
            again = [(q, "4" if q.startswith("evaluation-after-") else r) for q, r in pairs]
            rows.append(
                {
                    "fixed": [
                        name,
                        email,
                        "2",
                        moodle_date(rng, day + 2),
                        moodle_date(rng, day + 3),
                        "",
                        "Completed",
                    ],
                    "pairs": again,
                }
            )
    width = max(len(row["pairs"]) for row in rows)
    header = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", COURSE]
    for i in range(width):
        header += [f"Question {i}", f"Response {i}"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        cells = list(row["fixed"])
        for question, response in row["pairs"]:
            cells += [question, response]
        cells += [""] * (len(header) - len(cells))
        writer.writerow(cells)
    return buffer.getvalue()


README = """# Illustrative course evaluations (MADE UP)

**Every file in this folder is illustrative: made up by `scripts/make_illustrative_evaluations.py`
with a fixed seed. No real learner, class or organisation lies behind them.** The names and
addresses in the Moodle file are invented (example.org addresses); the report drops them as it
reads the file.

They drive the trainer's class-report notebook (`trainer/class-report.md`), its tests
(`tests/test_evaluation_report.py`) and the example report.

| Path | What it is |
| --- | --- |
| `responses/*.json` | 40 anonymous evaluations as learners download them (format in `data/schemas/evaluation-response.schema.json`), plus four the report must list and leave out: one cut short, one handed over twice (`... (1).json`), one with a rating of 7, and one JSON file of another kind (`team-rota-export.json`) |
| `moodle-interactions-report.txt` | Moodle's SCORM Interactions report for 12 fictional learners, as "Download in text format" writes it (tab-separated), with "Summary of question" and "Summary of responses" ticked; odd rows use SCORM 1.2's one-letter answers for time and recommend |

Regenerate with `python scripts/make_illustrative_evaluations.py`; `--check` says whether the
committed files still match the script.
"""


def generate(seed: int = SEED) -> dict[str, str]:
    """Every file of the folder, relative path -> text."""
    rng = random.Random(seed)
    outcomes = outcome_ids()
    files = {f"responses/{name}": text for name, text in class_files(rng, outcomes).items()}
    files["moodle-interactions-report.txt"] = moodle_report(rng, outcomes)
    files["README.md"] = README
    return dict(sorted(files.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the folder differs from what would be generated",
    )
    args = parser.parse_args(argv)
    files = generate()
    if args.check:
        present = {str(p.relative_to(args.output)) for p in args.output.rglob("*") if p.is_file()}
        differ = sorted(
            name
            for name, text in files.items()
            if not (args.output / name).is_file() or (args.output / name).read_bytes() != text.encode("utf-8")
        )
        extra = sorted(present - set(files))
        if differ or extra:
            print(f"{args.output} differs from the generator: {differ + extra}", file=sys.stderr)
            return 1
        print(f"{args.output} matches the generator")
        return 0
    for name, text in files.items():
        path = args.output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    print(f"wrote {len(files)} files under {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
