"""The widgets' Python side, without a browser: state, read-back, and module syntax."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from paths import ROOT
from selfhelp_course import KnowledgeCheck, knowledge_check
from selfhelp_course.activities.banks import CHECKS
from selfhelp_course.activities.widgets import CourseWidget
from selfhelp_course.site.front_end import widget_module

A_CHECK_ID = next(iter(CHECKS.load(CHECKS.paths(ROOT))))


def test_knowledge_check_carries_the_bank_item_and_its_page():
    widget = knowledge_check(A_CHECK_ID)
    assert isinstance(widget, KnowledgeCheck)
    assert [check["id"] for check in widget.checks] == [A_CHECK_ID]
    # what the page needs; no authoring fields (order_before_v3 only where a bank has it)
    assert set(widget.checks[0]) - {"order_before_v3"} == {"id", "kind", "question", "options"}
    assert all(set(option) == {"id", "text", "correct", "feedback"} for option in widget.checks[0]["options"])
    # The bundled module (js/widgets/knowledge-check), the store included.
    assert widget._esm == widget_module("knowledge-check")
    assert "as default}" in widget._esm and "course-learner-data-change" in widget._esm


def test_the_page_of_an_activity_is_its_bank_file_s_page():
    assert knowledge_check("welcome-where-saved").page == "book/welcome"
    assert knowledge_check("cancer-group-themes").page == "case_studies/cancer-group"


def test_several_checks_make_one_widget_with_a_score():
    ids = ["welcome-where-saved", "welcome-regulator-reflections"]
    widget = knowledge_check(*ids)
    assert [check["id"] for check in widget.checks] == ids
    assert widget.score == 0
    right = [o["id"] for o in widget.checks[0]["options"] if o["correct"]]
    widget.answers = {ids[0]: {"selected": right, "checked": True}}
    assert widget.correct(ids[0]) is True and widget.correct(ids[1]) is None
    assert widget.score == 1


def test_no_ids_is_a_clear_error():
    with pytest.raises(TypeError, match="at least one"):
        knowledge_check()


def test_unknown_check_names_where_it_looked():
    with pytest.raises(KeyError, match="data/activities/checks"):
        knowledge_check("no-such-check")


def test_correct_reads_back_what_the_learner_chose():
    widget = knowledge_check(A_CHECK_ID)
    options = widget.checks[0]["options"]
    right = [option["id"] for option in options if option["correct"]]  # answers name options by id
    wrong = [option["id"] for option in options if not option["correct"]][:1]
    assert widget.correct(A_CHECK_ID) is None
    widget.answers = {A_CHECK_ID: {"selected": right, "checked": True}}
    assert widget.correct(A_CHECK_ID) is True
    widget.answers = {A_CHECK_ID: {"selected": wrong, "checked": True}}
    assert widget.correct(A_CHECK_ID) is False


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to parse the modules")
@pytest.mark.parametrize("widget", CourseWidget.__subclasses__(), ids=lambda cls: cls.__name__)
def test_each_widget_module_is_valid_javascript(tmp_path, widget):
    module = tmp_path / "widget.mjs"
    module.write_text(widget_module(widget.bundle), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(module)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
