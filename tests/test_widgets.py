"""The widgets' Python side, without a browser: state, read-back, and module syntax."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from selfhelp_course import KnowledgeCheck, knowledge_check
from selfhelp_course._content import check_bank_paths, load_checks
from selfhelp_course._widgets import _module
from paths import ROOT

A_CHECK_ID = next(iter(load_checks(check_bank_paths(ROOT))))


def test_knowledge_check_carries_the_bank_item_without_its_source_location():
    widget = knowledge_check(A_CHECK_ID)
    assert isinstance(widget, KnowledgeCheck)
    assert widget.check["id"] == A_CHECK_ID
    assert set(widget.check) == {"id", "kind", "question", "options"}
    assert "export default" in widget._esm and "function openStore" in widget._esm


def test_unknown_check_names_where_it_looked():
    with pytest.raises(KeyError, match="data/activities/checks"):
        knowledge_check("no-such-check")


def test_correct_reads_back_what_the_learner_chose():
    widget = knowledge_check(A_CHECK_ID)
    right = [i for i, option in enumerate(widget.check["options"]) if option["correct"]]
    wrong = [i for i in range(len(widget.check["options"])) if i not in right][:1]
    assert widget.correct is None
    widget.selected, widget.checked = right, True
    assert widget.correct is True
    widget.selected = wrong
    assert widget.correct is False


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to parse the modules")
@pytest.mark.parametrize("name", ["knowledge_check.js"])
def test_each_widget_module_is_valid_javascript(tmp_path, name):
    module = tmp_path / "widget.mjs"
    module.write_text(_module(name), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(module)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
