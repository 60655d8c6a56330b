"""Tests for selfhelp_course.course.ons4 (ONS4 bands) and the illustrative ONS4 data generator.

Run with:  cd /work/main && PYTHONPATH=src python -m pytest tests/test_ons4.py -q
"""

from __future__ import annotations

import csv
import math
import pathlib
import subprocess
import sys
from fractions import Fraction

import pytest

from selfhelp_course.course.ons4 import (
    ANXIETY_BANDS,
    POSITIVE_BANDS,
    QUESTION_KEYS,
    QUESTIONS,
    band_labels,
    change_direction,
    ons4_band,
    validate_score,
)

ROOT = pathlib.Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "make_illustrative_ons4.py"
ILLUSTRATIVE_CSV = ROOT / "data" / "ons4_illustrative.csv"

POSITIVE = ("life_satisfaction", "worthwhile", "happiness")

# The ONS thresholds, written out score by score so that every boundary is tested explicitly.
POSITIVE_EXPECTED = {
    0: "low",
    1: "low",
    2: "low",
    3: "low",
    4: "low",
    5: "medium",
    6: "medium",
    7: "high",
    8: "high",
    9: "very high",
    10: "very high",
}
ANXIETY_EXPECTED = {
    0: "very low",
    1: "very low",
    2: "low",
    3: "low",
    4: "medium",
    5: "medium",
    6: "high",
    7: "high",
    8: "high",
    9: "high",
    10: "high",
}


# --- the questions ---------------------------------------------------------------------------


def test_question_keys_in_ons_order():
    assert QUESTION_KEYS == ("life_satisfaction", "worthwhile", "happiness", "anxiety")


def test_only_anxiety_runs_the_other_way():
    assert {key for key, q in QUESTIONS.items() if not q.higher_is_better} == {"anxiety"}


@pytest.mark.parametrize("key", QUESTION_KEYS)
def test_each_question_has_label_and_summary(key):
    question = QUESTIONS[key]
    assert question.key == key
    assert question.label.strip()
    assert question.summary.strip()


# --- the bands: every score, every question --------------------------------------------------


@pytest.mark.parametrize("question", POSITIVE)
@pytest.mark.parametrize("score, expected", sorted(POSITIVE_EXPECTED.items()))
def test_positive_questions_every_score(question, score, expected):
    assert ons4_band(question, score) == expected


@pytest.mark.parametrize("score, expected", sorted(ANXIETY_EXPECTED.items()))
def test_anxiety_every_score(score, expected):
    assert ons4_band("anxiety", score) == expected


# The boundaries named in the ONS thresholds, as an explicit table (question, score, band).
BOUNDARIES = [
    ("life_satisfaction", 4, "low"),
    ("life_satisfaction", 5, "medium"),
    ("life_satisfaction", 6, "medium"),
    ("life_satisfaction", 7, "high"),
    ("life_satisfaction", 8, "high"),
    ("life_satisfaction", 9, "very high"),
    ("worthwhile", 4, "low"),
    ("worthwhile", 5, "medium"),
    ("worthwhile", 6, "medium"),
    ("worthwhile", 7, "high"),
    ("worthwhile", 8, "high"),
    ("worthwhile", 9, "very high"),
    ("happiness", 4, "low"),
    ("happiness", 5, "medium"),
    ("happiness", 6, "medium"),
    ("happiness", 7, "high"),
    ("happiness", 8, "high"),
    ("happiness", 9, "very high"),
    ("anxiety", 1, "very low"),
    ("anxiety", 2, "low"),
    ("anxiety", 3, "low"),
    ("anxiety", 4, "medium"),
    ("anxiety", 5, "medium"),
    ("anxiety", 6, "high"),
    # the ends of the scale
    ("happiness", 0, "low"),
    ("happiness", 10, "very high"),
    ("anxiety", 0, "very low"),
    ("anxiety", 10, "high"),
]


@pytest.mark.parametrize("question, score, expected", BOUNDARIES)
def test_boundaries(question, score, expected):
    assert ons4_band(question, score) == expected


def test_same_score_different_meaning_for_anxiety():
    # A 9 is "very high" happiness, which is good, but "high" anxiety, which is not.
    assert ons4_band("happiness", 9) == "very high"
    assert ons4_band("anxiety", 9) == "high"


@pytest.mark.parametrize(
    "question, labels",
    [
        ("life_satisfaction", ["low", "medium", "high", "very high"]),
        ("worthwhile", ["low", "medium", "high", "very high"]),
        ("happiness", ["low", "medium", "high", "very high"]),
        ("anxiety", ["very low", "low", "medium", "high"]),
    ],
)
def test_band_labels_in_score_order(question, labels):
    assert band_labels(question) == labels


@pytest.mark.parametrize("bands", [POSITIVE_BANDS, ANXIETY_BANDS])
def test_bands_cover_0_to_10_without_gaps_or_overlaps(bands):
    covered = [score for low, high, _ in bands for score in range(low, high + 1)]
    assert covered == list(range(11))


# --- accepted number types -------------------------------------------------------------------


@pytest.mark.parametrize(
    "score, expected",
    [
        (7, "high"),
        (7.0, "high"),  # pandas gives floats when a column has gaps
        (Fraction(14, 2), "high"),
    ],
)
def test_whole_numbers_of_other_types_accepted(score, expected):
    assert ons4_band("worthwhile", score) == expected


def test_numpy_integers_accepted():
    numpy = pytest.importorskip("numpy")
    assert ons4_band("anxiety", numpy.int64(3)) == "low"
    assert ons4_band("happiness", numpy.float64(9.0)) == "very high"


def test_validate_score_returns_plain_int():
    value = validate_score(8.0)
    assert value == 8 and type(value) is int


# --- invalid input ---------------------------------------------------------------------------


@pytest.mark.parametrize("question", QUESTION_KEYS)
@pytest.mark.parametrize("score", [-1, 11, 100, -0.5, 10.5, 4.5, 6.9999])
def test_out_of_range_or_fractional_scores_rejected(question, score):
    with pytest.raises(ValueError):
        ons4_band(question, score)


@pytest.mark.parametrize(
    "score",
    [None, "5", "", True, False, math.nan, math.inf, -math.inf, [5], complex(5, 0)],
)
def test_non_numeric_scores_rejected(score):
    with pytest.raises(ValueError):
        ons4_band("happiness", score)


@pytest.mark.parametrize(
    "question",
    [
        "",
        "Happiness",
        "HAPPINESS",
        "happy",
        "satisfaction",
        "life satisfaction",
        "wellbeing",
        "total",
        None,
        1,
        ("anxiety",),
    ],
)
def test_unknown_questions_rejected(question):
    with pytest.raises(ValueError):
        ons4_band(question, 5)


def test_unknown_question_checked_before_score():
    with pytest.raises(ValueError, match="unknown ONS4 question"):
        ons4_band("total", 99)


# --- direction of change ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, before, after, expected",
    [
        ("life_satisfaction", 4, 6, "better"),
        ("life_satisfaction", 6, 4, "worse"),
        ("worthwhile", 7, 7, "same"),
        ("happiness", 0, 10, "better"),
        ("anxiety", 7, 3, "better"),  # anxiety: lower is better
        ("anxiety", 3, 7, "worse"),
        ("anxiety", 5, 5, "same"),
    ],
)
def test_change_direction(question, before, after, expected):
    assert change_direction(question, before, after) == expected


@pytest.mark.parametrize("before, after", [(11, 5), (5, -1), (5, 5.5), ("5", 5)])
def test_change_direction_rejects_invalid_scores(before, after):
    with pytest.raises(ValueError):
        change_direction("happiness", before, after)


def test_change_direction_rejects_unknown_question():
    with pytest.raises(ValueError):
        change_direction("mood", 5, 6)


# --- the illustrative data and its generator -------------------------------------------------


def test_generator_check_passes_on_committed_csv():
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_generator_is_deterministic():
    runs = [
        subprocess.run(
            [sys.executable, str(GENERATOR), "--stdout"], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert runs[0] == ILLUSTRATIVE_CSV.read_text(encoding="utf-8")


def test_generator_check_fails_on_changed_csv(tmp_path):
    changed = tmp_path / "ons4.csv"
    changed.write_text(
        ILLUSTRATIVE_CSV.read_text(encoding="utf-8").replace("before", "pre", 1), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--output", str(changed)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1


def test_illustrative_csv_shape_and_every_answer_bands():
    with ILLUSTRATIVE_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["member", "time", *QUESTION_KEYS]
    assert len(rows) == 48
    assert {row["member"] for row in rows} == {f"M{n:02d}" for n in range(1, 25)}
    assert sorted(row["time"] for row in rows) == ["after"] * 24 + ["before"] * 24
    for row in rows:
        for key in QUESTION_KEYS:
            ons4_band(key, int(row[key]))  # raises if any answer is outside 0-10
