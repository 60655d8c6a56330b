"""The well-being explorer's Python side, without a browser: rows, bands and questions."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess

import pytest

from paths import ROOT
from selfhelp_course import WellbeingExplorer, wellbeing_explorer
from selfhelp_course.course.ons4 import QUESTIONS, band_labels, ons4_band
from selfhelp_course.course.structure import ROOT_ENV
from selfhelp_course.site.front_end import SOURCE, widget_module

CSV = ROOT / "data" / "ons4_illustrative.csv"
ONS_ORDER = ["life_satisfaction", "worthwhile", "happiness", "anxiety"]
EXPLORER_JS = SOURCE / "widgets" / "explorer"


def csv_rows() -> list[dict]:
    with CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def widget() -> WellbeingExplorer:
    return wellbeing_explorer()


def test_rows_match_the_csv_score_for_score(widget):
    expected = csv_rows()
    assert len(widget.rows) == len(expected) == 48
    for row, record in zip(widget.rows, expected, strict=True):
        assert row["member"] == record["member"] and row["time"] == record["time"]
        for key in ONS_ORDER:
            assert row[key] == int(record[key]), (record["member"], record["time"], key)
            assert isinstance(row[key], int)
    assert {row["time"] for row in widget.rows} == {"before", "after"}
    assert len({row["member"] for row in widget.rows}) == 24


def test_every_band_comes_from_ons4_band(widget):
    for row in widget.rows:
        for key in ONS_ORDER:
            assert row[f"{key}_band"] == ons4_band(key, row[key])
    # Spot checks against the ONS thresholds, anxiety running the other way.
    assert ons4_band("happiness", 9) == "very high" and ons4_band("anxiety", 9) == "high"
    assert ons4_band("anxiety", 1) == "very low"


def test_four_questions_in_ons_order_with_their_bands_low_to_high(widget):
    assert [q["key"] for q in widget.questions] == ONS_ORDER
    for question in widget.questions:
        spec = QUESTIONS[question["key"]]
        assert question["label"] == spec.label and question["summary"] == spec.summary
        assert question["higher_is_better"] is spec.higher_is_better
        assert question["bands"] == band_labels(question["key"])
    assert [q["higher_is_better"] for q in widget.questions] == [True, True, True, False]
    assert widget.questions[3]["bands"] == ["very low", "low", "medium", "high"]


def test_nothing_offers_a_total_of_the_four_questions(widget):
    offered = [value for q in widget.questions for value in (q["key"], q["label"])]
    assert not [v for v in offered if re.search(r"total|sum|overall|combined|index", v, re.I)]
    keys = {key for row in widget.rows for key in row} - {"member", "time"}
    assert keys == {*ONS_ORDER, *(f"{key}_band" for key in ONS_ORDER)}


def test_words_come_from_the_yaml_and_say_illustrative(widget):
    assert widget.text["title"]
    assert "ILLUSTRATIVE" in widget.text["introduction"]
    assert len(widget.text["caveats"]) >= 2
    assert any("add" in caveat.lower() for caveat in widget.text["caveats"])
    assert widget.page == "notebooks/wellbeing-data"
    assert widget.view == {}


def test_works_from_the_notebook_folder_without_being_told_the_root(monkeypatch):
    monkeypatch.delenv(ROOT_ENV, raising=False)
    monkeypatch.chdir(ROOT / "notebooks")
    assert len(wellbeing_explorer().rows) == 48


def test_the_front_end_leaves_bands_to_python():
    # Band labels and thresholds live in ons4.py only; the state module reads "<question>_band".
    labels = {label for key in ONS_ORDER for label in band_labels(key)}
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted(EXPLORER_JS.glob("*.js"))}
    assert {"state.js", "geometry.js", "chart.js", "controls.js", "table.js", "view.js", "index.js"} <= set(
        sources
    )
    assert "_band" in sources["state.js"]
    for name, source in sources.items():
        for label in labels:
            assert f'"{label}"' not in source and f"'{label}'" not in source, (name, label)
        assert "innerHTML" not in source and "localStorage" not in source, name


def test_the_widget_carries_its_bundle(widget):
    assert widget._esm == widget_module("explorer")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to parse the module")
def test_the_bundle_is_valid_javascript(tmp_path, widget):
    module = tmp_path / "explorer.mjs"
    module.write_text(widget._esm, encoding="utf-8")
    result = subprocess.run(["node", "--check", str(module)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
