"""The knowledge-check banks do not give the answer away by position or length (issue 18).

Print, the workbook, the slides and a page read with scripts off show the bank's own order, so
a learner who picks the first option, or the longest, must do no better than chance there too.
Pure Python, no browser: run on the YAML banks as they are.
"""

from __future__ import annotations

from paths import ROOT
from selfhelp_course.activities.balance import (
    MAX_LENGTH_RATIO,
    MAX_LONGEST_SHARE,
    MAX_POSITION_SHARE,
    MAX_RIGHT_FIRST_SHARE,
    clauses,
    measure,
    most_qualified,
    option_length,
    right_options_first,
)
from selfhelp_course.activities.banks import CHECKS


def question(right: int, texts: list[str], kind: str = "single") -> dict:
    return {"kind": kind, "options": [{"text": t, "correct": i == right} for i, t in enumerate(texts)]}


def test_a_bank_with_the_answer_always_first_and_longest_is_refused_with_its_shares():
    bank = {
        f"q{i}": question(0, ["The careful, qualified right answer, with reasons", "No", "Never", "Maybe"])
        for i in range(5)
    }
    balance = measure(bank)
    assert (balance.questions, balance.first_share, balance.longest_share) == (5, 1.0, 1.0)
    problems = balance.problems()
    assert "option 1 in 100% of questions" in problems[0]
    assert "longest option in 100%" in problems[1]
    assert len(problems) == 2 + 5 and all("times the median length" in p for p in problems[2:])


def test_a_spread_bank_of_even_lengths_passes():
    texts = [
        "Ask the group first",
        "Tell the group what to do",
        "Wait for the next one",
        "Write to the chair",
    ]
    bank = {f"q{i}": question(i % 4, texts) for i in range(8)}
    balance = measure(bank)
    assert balance.problems() == []
    assert balance.first_share == 0.25
    assert balance.top_position == (0, 0.25)


def test_each_limit_is_applied_on_its_own():
    # 2 of 5 in one position (40 %) is allowed; 3 of 5 is not.
    even = ["aaaa", "bbbb", "cccc"]
    bank = {
        "a": question(0, even),
        "b": question(0, even),
        "c": question(1, even),
        "d": question(2, even),
        "e": question(1, even),
    }
    # every right answer ties for longest here: ties count as longest
    assert measure(bank).longest_share == 1.0
    assert measure({"a": question(0, ["x" * 10, "y" * 20, "z" * 30])}).longest_share == 0.0
    # one check whose right answer is 1.6 times its wrong answers' median is named
    ratio = measure({"long": question(1, ["x" * 10, "y" * 16, "z" * 10])})
    assert list(ratio.too_long()) == ["long"]
    assert measure({"ok": question(1, ["x" * 10, "y" * 15, "z" * 10])}).too_long() == {}
    # multiple-answer questions are not part of the single-answer measure
    assert measure({"m": question(0, even, kind="multiple")}).questions == 0


def test_lengths_are_counted_as_a_reader_sees_them():
    assert option_length("Tell her\n  you cannot   keep it") == len("Tell her you cannot keep it")


def test_the_course_banks_do_not_give_the_answer_away():
    balance = measure(CHECKS.load(CHECKS.paths(ROOT)))
    print(balance.summary())
    assert balance.questions >= 20
    problems = balance.problems()
    assert not problems, balance.summary() + "\n" + "\n".join(problems)
    assert balance.top_position[1] <= MAX_POSITION_SHARE
    assert balance.longest_share <= MAX_LONGEST_SHARE
    assert max(balance.ratios.values()) <= MAX_LENGTH_RATIO


def test_choose_all_that_apply_checks_do_not_list_the_right_options_first():
    assert right_options_first({"a": question(0, ["x", "y", "z"], kind="multiple")}) == (1, 1)
    spread = {
        "kind": "multiple",
        "options": [{"text": "x", "correct": False}, {"text": "y", "correct": True}],
    }
    assert right_options_first({"b": spread}) == (0, 1)
    first, total = right_options_first(CHECKS.load(CHECKS.paths(ROOT)))
    print(f"right options listed first in {first} of {total} choose-all-that-apply checks")
    assert total >= 5
    assert first / total <= MAX_RIGHT_FIRST_SHARE, (
        f"the right options come first in {first} of {total} choose-all-that-apply checks"
    )


def test_right_answers_are_not_the_most_qualified_option_in_most_checks():
    assert clauses("Ask first, then act; say why if asked and record it") == 4
    assert most_qualified({"q": question(0, ["Ask, then act, and record it", "Act", "Wait"])}) == (1, 1)
    most, total = most_qualified(CHECKS.load(CHECKS.paths(ROOT)))
    print(f"the right answer has the most clauses in {most} of {total} single-answer checks")
    assert most / total <= MAX_LONGEST_SHARE, f"the right answer is the most qualified in {most} of {total}"
