"""One descriptor per activity kind (_facts.ActivityKind): every name it states exists, and the
rest of the course reads it (docs/architecture.md, "Activity kinds")."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

import selfhelp_course
from paths import ROOT
from selfhelp_course.course.facts import ACTIVITY_KINDS, facts
from selfhelp_course.site.stylesheet import SAFELIST, SITE_CLASS_PREFIXES

PACKAGE = Path(selfhelp_course.__file__).parent
WIDGETS = PACKAGE / "js" / "widgets"
WIDGET_CSS = PACKAGE / "static" / "site" / "course-widgets.css"
#: Widgets that are not an activity kind: they show what the store holds (the calls
#: progress_overview() and portfolio()).
SITE_WIDGETS = {"progress", "portfolio"}
KINDS = [pytest.param(kind, id=kind.kind) for kind in ACTIVITY_KINDS]


@pytest.mark.parametrize("kind", KINDS)
def test_the_kinds_widget_folder_and_call_exist_and_agree(kind):
    assert (WIDGETS / kind.widget / "index.js").is_file(), f"js/widgets/{kind.widget}/index.js is missing"
    call = getattr(selfhelp_course, kind.call, None)
    assert callable(call), f"selfhelp_course.{kind.call} is missing"
    widget_class = typing.get_type_hints(call)["return"]
    assert widget_class.bundle == kind.widget  # its _esm is static/dist/widgets/<widget>.js


@pytest.mark.parametrize("kind", KINDS)
def test_the_kinds_bank_and_template_exist(kind):
    if kind.bank is not None:
        assert (ROOT / "data" / "activities" / kind.bank).is_dir()
    if kind.template is not None:
        assert (ROOT / kind.template).is_file(), f"{kind.template} is missing"
        assert kind.bank is not None, "a template shows authors a bank's format"


def test_every_widget_folder_is_a_kinds_or_a_site_widget():
    folders = {path.name for path in WIDGETS.iterdir() if (path / "index.js").is_file()}
    named = {kind.widget for kind in ACTIVITY_KINDS}
    assert len(named) == len(ACTIVITY_KINDS)
    assert folders == named | SITE_WIDGETS


def _classes_in_js(folder: Path) -> set[str]:
    """Class names written whole in a widget's scripts: `class: "a b-c"` and `"a-b"` literals."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.js")))
    words = set()
    for literal in re.findall(r'"([a-z][a-z0-9 -]*)"|`([a-z][a-z0-9 -]*)', text):
        for part in " ".join(literal).split():
            words.add(part)
    return words


@pytest.mark.parametrize("kind", KINDS)
def test_the_kinds_css_prefix_is_its_widgets(kind):
    assert re.fullmatch(r"[a-z]+", kind.css_prefix)
    classes = _classes_in_js(WIDGETS / kind.widget)
    own = {name for name in classes if name == kind.css_prefix or name.startswith(f"{kind.css_prefix}-")}
    assert own, f"js/widgets/{kind.widget}/ draws no class {kind.css_prefix} or {kind.css_prefix}-*"


def test_the_css_prefixes_are_unique():
    prefixes = [kind.css_prefix for kind in ACTIVITY_KINDS] + list(SITE_CLASS_PREFIXES)
    assert len(set(prefixes)) == len(prefixes)


def _css_classes(path: Path) -> set[str]:
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"url\([^)]*\)|\"[^\"]*\"|'[^']*'", "", text)
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", text))


def test_every_class_prefix_in_the_widgets_css_is_a_descriptors():
    known = {kind.css_prefix for kind in ACTIVITY_KINDS} | set(SITE_CLASS_PREFIXES)
    classes = _css_classes(WIDGET_CSS)
    assert classes, "no classes read from course-widgets.css"
    unknown = sorted({name for name in classes if name.split("-")[0] not in known})
    assert not unknown, f"course-widgets.css styles classes of no activity kind: {unknown}"


def test_the_safelist_keeps_every_kinds_classes_and_no_others():
    (greedy,) = SAFELIST["greedy"]
    pattern = re.compile(greedy)  # a JavaScript pattern, in the part both dialects share
    for prefix in [kind.css_prefix for kind in ACTIVITY_KINDS] + list(SITE_CLASS_PREFIXES):
        assert pattern.search(prefix) and pattern.search(f"{prefix}-anything"), prefix
    assert pattern.search("as-question")  # the assessment's, missing before the descriptor named it
    for other in ("table", "bd-sidebar", "ask", "kcx-note", "sorting"):
        assert not pattern.search(other), other


def test_the_front_end_gets_the_whole_descriptor():
    kinds = {kind["kind"]: kind for kind in facts(ROOT)["activityKinds"]}
    for kind in ACTIVITY_KINDS:
        assert kinds[kind.kind]["widget"] == kind.widget
        assert kinds[kind.kind]["css_prefix"] == kind.css_prefix
        assert kinds[kind.kind]["lms"] == kind.lms
    assert {kind.lms for kind in ACTIVITY_KINDS} <= {"", "interactions", "score", "likert"}
