"""The course's widgets: thin anywidget wrappers whose behaviour lives in static/*.js.

Because the behaviour is front-end code, the same widget works in JupyterLab (with a kernel)
and on the static site (rendered by the site's own small widget host, with no kernel).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import anywidget
import traitlets

from ._content import find_check

STATIC = Path(__file__).parent / "static"


@cache
def _module(name: str) -> str:
    """One ES module per widget: the shared core followed by the widget's own code."""
    return (STATIC / "core.js").read_text(encoding="utf-8") + "\n" + (STATIC / name).read_text(
        encoding="utf-8")


@cache
def _stylesheet() -> str:
    return (STATIC / "course.css").read_text(encoding="utf-8")


class KnowledgeCheck(anywidget.AnyWidget):
    """A single- or multiple-choice question with feedback for every option."""

    _esm = traitlets.Unicode(_module("knowledge_check.js")).tag(sync=True)
    _css = traitlets.Unicode(_stylesheet()).tag(sync=True)
    check = traitlets.Dict().tag(sync=True)
    #: Indices of the options the learner has chosen (read back live in JupyterLab).
    selected = traitlets.List(traitlets.Int()).tag(sync=True)
    #: Whether the learner has pressed "Check answer" for the current choice.
    checked = traitlets.Bool(False).tag(sync=True)

    @property
    def correct(self) -> bool | None:
        """True or False once checked, None before."""
        if not self.checked:
            return None
        right = [i for i, option in enumerate(self.check["options"]) if option["correct"]]
        return sorted(self.selected) == right


def knowledge_check(check_id: str) -> KnowledgeCheck:
    """The knowledge check ``check_id`` from ``data/activities/checks/*.yml``."""
    check = find_check(check_id)
    public = {key: check[key] for key in ("id", "kind", "question", "options")}
    return KnowledgeCheck(check=public)
