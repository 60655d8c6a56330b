"""Is the right answer predictable from where it sits or how long it is? (issue 18)

Pure measures over single-answer questions, each a list of options with ``text`` and
``correct``. Printed copies, the workbook, the slides and a page read with scripts off show a
bank's own order, so the bank itself must not give the answer away, shuffled or not.
``tests/test_bank_balance.py`` holds the course's banks to the limits below; the summative
assessment's bank can be measured the same way.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

# The limits issue 18 sets: no position holds the right answer in more than 40 % of the
# questions, the right answer is the longest in no more than 40 %, and no right answer is more
# than 1.5 times the median length of its question's wrong answers.
MAX_POSITION_SHARE = 0.40
MAX_LONGEST_SHARE = 0.40
MAX_LENGTH_RATIO = 1.5
# Choose-all-that-apply questions: the right options listed first, as a block, in no more than
# this share of them (issue 18 found it in 11 of 12).
MAX_RIGHT_FIRST_SHARE = 0.40


def option_length(text: str) -> int:
    """Characters as a reader sees them: runs of white space (YAML folding) count as one."""
    return len(" ".join(text.split()))


@dataclass(frozen=True)
class Balance:
    questions: int
    positions: dict[int, int]  # position of the right answer (0 = first) -> questions
    longest: int  # questions whose right answer is the longest option (ties count)
    ratios: dict[str, float]  # question id -> right answer's length / median wrong length

    @property
    def first_share(self) -> float:
        return self.positions.get(0, 0) / self.questions if self.questions else 0.0

    @property
    def top_position(self) -> tuple[int, float]:
        """The position that holds the right answer most often, and its share."""
        if not self.questions:
            return 0, 0.0
        position, count = max(self.positions.items(), key=lambda item: (item[1], -item[0]))
        return position, count / self.questions

    @property
    def longest_share(self) -> float:
        return self.longest / self.questions if self.questions else 0.0

    def too_long(self, limit: float = MAX_LENGTH_RATIO) -> dict[str, float]:
        return {qid: ratio for qid, ratio in self.ratios.items() if ratio > limit}

    def problems(self) -> list[str]:
        found = []
        position, share = self.top_position
        if share > MAX_POSITION_SHARE:
            found.append(
                f"the right answer is option {position + 1} in {share:.0%} of questions "
                f"(limit {MAX_POSITION_SHARE:.0%})"
            )
        if self.longest_share > MAX_LONGEST_SHARE:
            found.append(
                f"the right answer is the longest option in {self.longest_share:.0%} of "
                f"questions (limit {MAX_LONGEST_SHARE:.0%})"
            )
        for qid, ratio in sorted(self.too_long().items(), key=lambda item: -item[1]):
            found.append(
                f"{qid}: the right answer is {ratio:.2f} times the median length of the "
                f"wrong ones (limit {MAX_LENGTH_RATIO})"
            )
        return found

    def summary(self) -> str:
        spread = ", ".join(f"option {p + 1}: {n}" for p, n in sorted(self.positions.items()))
        worst = max(self.ratios.values(), default=0.0)
        return (
            f"{self.questions} single-answer questions; right answer first in "
            f"{self.first_share:.0%} ({spread}); longest option in {self.longest_share:.0%} "
            f"({self.longest}); right/median-wrong length ratio above {MAX_LENGTH_RATIO} in "
            f"{len(self.too_long())}, highest {worst:.2f}"
        )


def measure(questions: dict[str, dict]) -> Balance:
    """Balance over the single-answer questions of ``{id: question}`` (others are skipped)."""
    positions: Counter[int] = Counter()
    longest = 0
    ratios: dict[str, float] = {}
    for qid, question in questions.items():
        if question.get("kind", "single") != "single":
            continue
        options = question["options"]
        right = [i for i, option in enumerate(options) if option.get("correct")]
        if len(right) != 1:
            continue
        index = right[0]
        lengths = [option_length(option["text"]) for option in options]
        wrong = [length for i, length in enumerate(lengths) if i != index]
        positions[index] += 1
        longest += lengths[index] >= max(lengths)
        ratios[qid] = lengths[index] / statistics.median(wrong)
    return Balance(sum(positions.values()), dict(positions), longest, ratios)


def right_options_first(questions: dict[str, dict]) -> tuple[int, int]:
    """Of the multiple-answer questions with some wrong options, how many list every right option
    before every wrong one; and how many there are."""
    block = total = 0
    for question in questions.values():
        if question.get("kind") != "multiple":
            continue
        flags = [bool(option.get("correct")) for option in question["options"]]
        if all(flags):
            continue
        total += 1
        block += flags == sorted(flags, reverse=True)
    return block, total


# Commas, semicolons, colons and joining words: how many parts, or qualifications, an option has.
CLAUSE = re.compile(r"[,;:]| and | or | if | unless | where | while ")


def clauses(text: str) -> int:
    return len(CLAUSE.findall(" ".join(text.split())))


def most_qualified(questions: dict[str, dict]) -> tuple[int, int]:
    """Of the single-answer questions, in how many the right answer has strictly more clauses than
    every wrong one (a guesser's other tell: "do this, and that, if..."); and how many there are."""
    most = total = 0
    for question in questions.values():
        if question.get("kind", "single") != "single":
            continue
        right = [clauses(o["text"]) for o in question["options"] if o.get("correct")]
        wrong = [clauses(o["text"]) for o in question["options"] if not o.get("correct")]
        if len(right) != 1 or not wrong:
            continue
        total += 1
        most += right[0] > max(wrong)
    return most, total
