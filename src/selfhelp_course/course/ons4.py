"""The ONS4 personal well-being questions and the ONS bands for their answers.

The Office for National Statistics (ONS) asks four personal well-being questions, each answered
on a whole-number scale from 0 to 10. The answers are reported one question at a time and are
never added together. The ONS groups answers into bands ("thresholds"):

* life satisfaction, worthwhile and happiness: 0-4 low, 5-6 medium, 7-8 high, 9-10 very high;
* anxiety, where a lower score is the better one: 0-1 very low, 2-3 low, 4-5 medium, 6-10 high.

The wording kept here is this course's plain-English summary of each question, not the official
survey wording; see the ONS personal well-being user guidance (Open Government Licence).

Everything in this module is pure: no files, no network, no randomness.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

__all__ = [
    "ANXIETY_BANDS",
    "MAX_SCORE",
    "MIN_SCORE",
    "POSITIVE_BANDS",
    "QUESTIONS",
    "QUESTION_KEYS",
    "Question",
    "band_labels",
    "change_direction",
    "ons4_band",
    "validate_question",
    "validate_score",
]

MIN_SCORE = 0
MAX_SCORE = 10


@dataclass(frozen=True)
class Question:
    """One ONS4 question."""

    key: str
    label: str
    summary: str
    higher_is_better: bool


QUESTIONS: dict[str, Question] = {
    "life_satisfaction": Question(
        key="life_satisfaction",
        label="Life satisfaction",
        summary="How satisfied the person is with their life these days, all things considered.",
        higher_is_better=True,
    ),
    "worthwhile": Question(
        key="worthwhile",
        label="Worthwhile",
        summary="How far the person feels that the things they do in their life are worth doing.",
        higher_is_better=True,
    ),
    "happiness": Question(
        key="happiness",
        label="Happiness yesterday",
        summary="How happy the person felt, overall, on the day before they answered.",
        higher_is_better=True,
    ),
    "anxiety": Question(
        key="anxiety",
        label="Anxiety yesterday",
        summary="How anxious the person felt, overall, on the day before they answered. "
        "Here a lower score is the better one.",
        higher_is_better=False,
    ),
}

#: The question keys in the order the ONS lists the questions.
QUESTION_KEYS: tuple[str, ...] = tuple(QUESTIONS)

# Each band is (lowest score, highest score, label), inclusive at both ends.
POSITIVE_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 4, "low"),
    (5, 6, "medium"),
    (7, 8, "high"),
    (9, 10, "very high"),
)
ANXIETY_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 1, "very low"),
    (2, 3, "low"),
    (4, 5, "medium"),
    (6, 10, "high"),
)


def validate_question(question: str) -> Question:
    """Return the :class:`Question` for a key, or raise ``ValueError`` for an unknown key."""
    if not isinstance(question, str) or question not in QUESTIONS:
        known = ", ".join(QUESTION_KEYS)
        raise ValueError(f"unknown ONS4 question {question!r}; expected one of: {known}")
    return QUESTIONS[question]


def validate_score(score: object) -> int:
    """Return a valid ONS4 answer as an ``int``, or raise ``ValueError``.

    A valid answer is a whole number from 0 to 10. Integers of any kind (including numpy
    integers) are accepted, and so are floats holding a whole number (such as 7.0, as pandas
    gives for a column with gaps). Booleans, strings, missing values (NaN), fractions and
    anything outside 0-10 are rejected.
    """
    if isinstance(score, bool) or not isinstance(score, numbers.Real):
        raise ValueError(f"an ONS4 answer must be a whole number from 0 to 10, not {score!r}")
    if isinstance(score, numbers.Integral):
        value = int(score)
    else:
        as_float = float(score)
        if math.isnan(as_float) or not as_float.is_integer():
            raise ValueError(f"an ONS4 answer must be a whole number from 0 to 10, not {score!r}")
        value = int(as_float)
    if not MIN_SCORE <= value <= MAX_SCORE:
        raise ValueError(f"an ONS4 answer must be from 0 to 10, not {score!r}")
    return value


def _bands_for(question: str) -> tuple[tuple[int, int, str], ...]:
    return POSITIVE_BANDS if validate_question(question).higher_is_better else ANXIETY_BANDS


def band_labels(question: str) -> list[str]:
    """The band labels for a question, from the lowest scores to the highest."""
    return [label for _, _, label in _bands_for(question)]


def ons4_band(question: str, score: object) -> str:
    """The ONS band for one answer to one ONS4 question.

    >>> ons4_band("happiness", 7)
    'high'
    >>> ons4_band("anxiety", 7)
    'high'
    >>> ons4_band("anxiety", 1)
    'very low'

    Raises ``ValueError`` for an unknown question or an answer that is not a whole number
    from 0 to 10.
    """
    bands = _bands_for(question)
    value = validate_score(score)
    for low, high, label in bands:
        if low <= value <= high:
            return label
    raise AssertionError("the bands cover every score from 0 to 10")  # pragma: no cover


def change_direction(question: str, before: object, after: object) -> str:
    """Whether a change from ``before`` to ``after`` is 'better', 'worse' or 'same'.

    For life satisfaction, worthwhile and happiness a higher score is better; for anxiety a
    lower score is better.

    >>> change_direction("happiness", 5, 7)
    'better'
    >>> change_direction("anxiety", 5, 7)
    'worse'
    """
    spec = validate_question(question)
    first, second = validate_score(before), validate_score(after)
    if first == second:
        return "same"
    rose = second > first
    return "better" if rose == spec.higher_is_better else "worse"
