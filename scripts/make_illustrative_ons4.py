#!/usr/bin/env python3
"""Write data/ons4_illustrative.csv: MADE-UP ONS4 answers for a fictional self-help group.

ILLUSTRATIVE DATA ONLY. No real person, group or survey lies behind these numbers. They exist
so that the notebook "Reading well-being numbers carefully" (notebooks/wellbeing-data.md) has
something realistic-looking to read with care.

The story the numbers are built to tell is deliberately untidy:

* 24 fictional members (M01 to M24) answer the four ONS4 questions (each a whole number from
  0 to 10) when they join, and again six months later;
* each member has a steady "usual" level for each question, and each answer wobbles around it
  from day to day, so a bad day at the first answer tends to be followed by a more ordinary one
  (regression to the mean);
* on average the members drift a little towards feeling better, but some improve, some stay
  the same and some feel worse; for anxiety, a lower score is the better one.

The output is fully determined by SEED: running the script twice writes byte-identical files.
Only the Python standard library is used, and nothing is fetched from a network.

Usage:
    python scripts/make_illustrative_ons4.py            # (re)write the CSV
    python scripts/make_illustrative_ons4.py --check    # exit 1 if the committed CSV differs
    python scripts/make_illustrative_ons4.py --stdout   # print the CSV instead of writing it
"""

from __future__ import annotations

import argparse
import csv
import io
import pathlib
import random
import sys

SEED = 4096
N_MEMBERS = 24
TIMES = ("before", "after")
QUESTIONS = ("life_satisfaction", "worthwhile", "happiness", "anxiety")
COLUMNS = ("member", "time", *QUESTIONS)

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "data" / "ons4_illustrative.csv"

# Each member's usual level for each question: (mean, spread) across the fictional group.
# People who come to a self-help group are often going through a hard time, so the usual
# levels are set a little on the low side for the positive questions and a little high for
# anxiety.
USUAL_LEVEL = {
    "life_satisfaction": (5.6, 1.4),
    "worthwhile": (6.2, 1.3),
    "happiness": (5.6, 1.5),
    "anxiety": (5.2, 1.6),
}
# How much any one answer wobbles around the member's usual level.
DAY_TO_DAY_WOBBLE = 1.2
# Each member's underlying change over six months: small on average, varying from person to
# person (some get better, some get worse). Positive means "feeling better".
CHANGE_MEAN = 0.4
CHANGE_SPREAD = 0.9


def _clamp_score(value: float) -> int:
    """Round to a whole number and keep it within the 0-10 answer scale."""
    return max(0, min(10, round(value)))


def generate_rows(seed: int = SEED) -> list[dict[str, object]]:
    """The illustrative rows, in a fixed order: members in turn, 'before' then 'after'."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for number in range(1, N_MEMBERS + 1):
        member = f"M{number:02d}"
        # One underlying change per member, shared by the four questions (a person who is
        # doing better tends to do better across the board), plus a little per-question noise.
        member_change = rng.gauss(CHANGE_MEAN, CHANGE_SPREAD)
        before: dict[str, object] = {"member": member, "time": "before"}
        after: dict[str, object] = {"member": member, "time": "after"}
        for question in QUESTIONS:
            mean, spread = USUAL_LEVEL[question]
            usual = rng.gauss(mean, spread)
            change = member_change + rng.gauss(0.0, 0.4)
            if question == "anxiety":
                change = -change  # feeling better means a LOWER anxiety score
            before[question] = _clamp_score(usual + rng.gauss(0.0, DAY_TO_DAY_WOBBLE))
            after[question] = _clamp_score(usual + change + rng.gauss(0.0, DAY_TO_DAY_WOBBLE))
        rows.extend([before, after])
    return rows


def render_csv(rows: list[dict[str, object]]) -> str:
    """The CSV text, with Unix line endings so the file is identical on every platform."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--output",
        type=pathlib.Path,
        default=DEFAULT_OUTPUT,
        help="where to write the CSV (default: data/ons4_illustrative.csv)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the file differs from what would be generated",
    )
    mode.add_argument("--stdout", action="store_true", help="print the CSV instead of writing it")
    args = parser.parse_args(argv)

    text = render_csv(generate_rows())
    if args.stdout:
        sys.stdout.write(text)
        return 0
    if args.check:
        try:
            current = args.output.read_bytes().decode("utf-8")
        except FileNotFoundError:
            print(f"{args.output} is missing; run scripts/make_illustrative_ons4.py", file=sys.stderr)
            return 1
        if current != text:
            print(
                f"{args.output} differs from what scripts/make_illustrative_ons4.py generates; "
                "run the script to regenerate it",
                file=sys.stderr,
            )
            return 1
        print(f"{args.output} matches the generator")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(text.encode("utf-8"))
    print(f"wrote {args.output} ({len(text.splitlines()) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
