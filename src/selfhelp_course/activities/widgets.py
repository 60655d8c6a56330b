"""The course's widgets: thin anywidget wrappers whose behaviour lives in the front end.

Because the behaviour is front-end code, the same widget works in JupyterLab (with a kernel)
and on the static site (rendered by the site's own small widget host, with no kernel). Each
widget syncs what the learner does back into traits, so Python can read it in JupyterLab.
"""

from __future__ import annotations

import csv
from pathlib import Path

import anywidget
import traitlets

from ..course import ons4
from ..course.facts import KIND_BY_NAME, PORTFOLIO_PAGE, PROGRESS_PAGE
from ..course.manifest import course_manifest
from ..course.structure import course_root, toc_docnames
from ..site.front_end import widget_module
from ..site.stylesheet import widget_stylesheet
from .assessment import ASSESSMENT_ID, ASSESSMENT_PAGE, assessment_data
from .banks import (
    CHECKS,
    EXPLORER,
    EXPLORER_FILE,
    FRAMEWORKS,
    FRAMEWORKS_FILE,
    REFLECTIONS,
    SCENARIOS,
    SORTING,
    load_config,
)
from .evaluation import EVALUATION_PAGE, STAGES, evaluation_data


def _page_of(item: dict) -> str:
    """The page an item belongs to: its bank file is named after the page (its slug)."""
    slug = Path(item["source"][0]).stem
    matches = [name for name in toc_docnames(course_root()) if Path(name).name == slug]
    return matches[0] if matches else slug


# Bank fields for authors and tests, not for learners: where an item is, what facts a check tests.
AUTHORING_FIELDS = {"source", "facts"}


def _public(item: dict) -> dict:
    # An optional field left out of the bank (None) is left out here too.
    return {key: value for key, value in item.items() if key not in AUTHORING_FIELDS and value is not None}


class CourseWidget(anywidget.AnyWidget):
    #: The widget's bundle in static/dist/widgets/ (from js/widgets/<bundle>/index.js).
    bundle: str = ""
    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)
    #: The page (docname) the activity belongs to, for progress and the CPD portfolio.
    page = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("_esm", widget_module(self.bundle))
        kwargs.setdefault("_css", widget_stylesheet())
        super().__init__(**kwargs)


class KnowledgeCheck(CourseWidget):
    """One or more single- or multiple-choice questions, with feedback for every option.

    With more than one question the learner sees a score.
    """

    bundle = KIND_BY_NAME["check"].widget
    checks = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: Per question id: {"selected": [option ids], "checked": bool}.
    answers = traitlets.Dict().tag(sync=True)

    def correct(self, check_id: str) -> bool | None:
        """True or False once the learner has checked that question, None before."""
        answer = self.answers.get(check_id) or {}
        if not answer.get("checked"):
            return None
        check = next(c for c in self.checks if c["id"] == check_id)
        right = {option["id"] for option in check["options"] if option["correct"]}
        return set(answer.get("selected", [])) == right

    @property
    def score(self) -> int:
        return sum(bool(self.correct(check["id"])) for check in self.checks)


def knowledge_check(*check_ids: str) -> KnowledgeCheck:
    """The knowledge check(s) with these ids from ``data/activities/checks/*.yml``."""
    if not check_ids:
        raise TypeError("knowledge_check() needs at least one check id")
    items = [CHECKS.find(check_id) for check_id in check_ids]
    return KnowledgeCheck(checks=[_public(item) for item in items], page=_page_of(items[0]))


class SortingExercise(CourseWidget):
    """Place short descriptions of groups into the kinds the course distinguishes."""

    bundle = KIND_BY_NAME["sorting"].widget
    exercise = traitlets.Dict().tag(sync=True)
    #: Item index (as text) -> chosen category id.
    placements = traitlets.Dict().tag(sync=True)
    checked = traitlets.Bool(False).tag(sync=True)

    @property
    def score(self) -> int:
        return sum(
            self.placements.get(str(i)) == item["answer"] for i, item in enumerate(self.exercise["items"])
        )


def sorting_exercise(exercise_id: str) -> SortingExercise:
    item = SORTING.find(exercise_id)
    return SortingExercise(exercise=_public(item), page=_page_of(item))


class Scenario(CourseWidget):
    """A branching scenario: a practitioner's choices and where they lead."""

    bundle = KIND_BY_NAME["scenario"].widget
    scenario = traitlets.Dict().tag(sync=True)
    #: The learner's route: [{"step": step id, "choice": choice index}, ...].
    path = traitlets.List(traitlets.Dict()).tag(sync=True)


def scenario(scenario_id: str) -> Scenario:
    item = SCENARIOS.find(scenario_id)
    return Scenario(scenario=_public(item), page=_page_of(item))


class Reflection(CourseWidget):
    """A reflective writing box with a choice of framework and a privacy guard."""

    bundle = KIND_BY_NAME["reflection"].widget
    reflection = traitlets.Dict().tag(sync=True)
    frameworks = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: As the learner last left it: {"framework": id, "texts": {framework id: {part id: text}}}.
    #: Text written under one framework is kept when the learner switches to another.
    entry = traitlets.Dict().tag(sync=True)


def reflection(reflection_id: str) -> Reflection:
    item = REFLECTIONS.find(reflection_id)
    frameworks = load_config(FRAMEWORKS_FILE, FRAMEWORKS)["frameworks"]
    return Reflection(reflection=_public(item), frameworks=frameworks, page=_page_of(item))


class WellbeingExplorer(CourseWidget):
    """The illustrative ONS4 answers, filtered and charted in the browser."""

    bundle = KIND_BY_NAME["explorer"].widget
    text = traitlets.Dict().tag(sync=True)
    questions = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: One row per member and time: {"member", "time", "<question>": score, "<question>_band": band}.
    rows = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: The learner's current view: {"question": key, "view": name, "band": filter}.
    view = traitlets.Dict().tag(sync=True)


def wellbeing_explorer(csv_path: str | Path = "data/ons4_illustrative.csv") -> WellbeingExplorer:
    """Bands are worked out here, by :mod:`selfhelp_course.course.ons4`, so they are defined once."""
    path = course_root() / csv_path
    with path.open(encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    rows = []
    for record in raw:
        row = {"member": record["member"], "time": record["time"]}
        for key in ons4.QUESTION_KEYS:
            score = int(record[key])
            row[key] = score
            row[f"{key}_band"] = ons4.ons4_band(key, score)
        rows.append(row)
    questions = [
        {
            "key": q.key,
            "label": q.label,
            "summary": q.summary,
            "higher_is_better": q.higher_is_better,
            "bands": list(ons4.band_labels(q.key)),
        }
        for q in ons4.QUESTIONS.values()
    ]
    return WellbeingExplorer(
        text=load_config(EXPLORER_FILE, EXPLORER),
        questions=questions,
        rows=rows,
        page="notebooks/wellbeing-data",
    )


class Assessment(CourseWidget):
    """The end-of-course assessment: attempts drawn from the bank, marked only when submitted;
    the best submitted attempt is the learner's result (``result``, synced from the browser)."""

    bundle = KIND_BY_NAME["assessment"].widget
    #: The bank, the outcomes, each taught page's title and link, and the settings (_assessment.py).
    assessment = traitlets.Dict().tag(sync=True)
    #: The best submitted attempt: {"attempt", "right", "total", "scaled", "submitted", "passed"}.
    result = traitlets.Dict().tag(sync=True)


def assessment(assessment_id: str = ASSESSMENT_ID) -> Assessment:
    """The end-of-course assessment (data/activities/assessment/*.yml, settings in _config.yml)."""
    if assessment_id != ASSESSMENT_ID:
        raise KeyError(f"the course has one assessment, {ASSESSMENT_ID!r}, not {assessment_id!r}")
    return Assessment(assessment=assessment_data(course_root()), page=ASSESSMENT_PAGE)


class Evaluation(CourseWidget):
    """The course evaluation: confidence against each learning outcome before the course
    (``stage="before"``, skippable) and after it with feedback (``stage="after"``); the learner
    may download an anonymous file of it. Never counts towards progress."""

    bundle = KIND_BY_NAME["evaluation"].widget
    #: Outcomes, the scales' values and words, the questions, the course's title and version.
    evaluation = traitlets.Dict().tag(sync=True)
    stage = traitlets.Unicode("before").tag(sync=True)
    #: The ratings as the learner left them: {"before": {outcome: 1-5}, "after": {...}, "feedback": {...}}.
    ratings = traitlets.Dict().tag(sync=True)


def evaluation(stage: str = "before") -> Evaluation:
    """The evaluation's first stage (welcome page) or second (book/evaluation)."""
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
    page = EVALUATION_PAGE if stage == "after" else "book/welcome"
    return Evaluation(evaluation=evaluation_data(course_root()), stage=stage, page=page)


class ProgressOverview(CourseWidget):
    """The whole course: which activities are completed or attempted on this device, CPD minutes
    done and left, and any saved entry that was set aside because it could not be read."""

    bundle = "progress"
    manifest = traitlets.Dict().tag(sync=True)


def progress_overview() -> ProgressOverview:
    return ProgressOverview(manifest=course_manifest(course_root()), page=PROGRESS_PAGE)


class Portfolio(CourseWidget):
    """The learner's CPD portfolio, built from what is saved on this device, with exports."""

    bundle = "portfolio"
    manifest = traitlets.Dict().tag(sync=True)
    frameworks = traitlets.List(traitlets.Dict()).tag(sync=True)


def portfolio() -> Portfolio:
    return Portfolio(
        manifest=course_manifest(course_root()),
        frameworks=load_config(FRAMEWORKS_FILE, FRAMEWORKS)["frameworks"],
        page=PORTFOLIO_PAGE,
    )
