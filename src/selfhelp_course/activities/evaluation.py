"""The course evaluation: what its widget and the course manifest are given.

The words are in ``data/activities/evaluation.yml`` (schema ``EVALUATION`` in ``_content.py``);
the learning outcomes it asks about are those of ``data/activities/outcomes.yml``, read from
there. One entry, ``evaluation:course``, holds a learner's answers (js/widgets/evaluation/state.js);
the anonymous file a learner may download is ``data/schemas/evaluation-response.schema.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..course.structure import course_root
from .banks import EVALUATION, EVALUATION_FILE, OUTCOMES, OUTCOMES_FILE, load_config

if TYPE_CHECKING:  # generated from data/schemas/manifest.schema.json (make schemas)
    from ..course.shapes import EvaluationPoint, ManifestEvaluation

#: The page the second stage is on (the first is on the welcome page).
EVALUATION_PAGE = "book/evaluation"
STAGES = ("before", "after")


def _points(items: list[dict]) -> list[EvaluationPoint]:
    return [{"value": item["value"], "words": item["words"]} for item in items]


def evaluation_manifest(root: Path | None = None) -> ManifestEvaluation:
    """``manifest.evaluation`` (contracts.md): the outcomes, and the values and words of every
    scale and choice, so the LMS bridge and the portfolio can name what a learner chose."""
    root = root or course_root()
    words = load_config(EVALUATION_FILE, EVALUATION, root)
    outcomes = load_config(OUTCOMES_FILE, OUTCOMES, root)["outcomes"]
    return {
        "outcomes": [{"id": o["id"], "text": o["text"]} for o in outcomes],
        "scale": _points(words["confidence"]),
        "relevance": _points(words["relevance"]["scale"]),
        "clarity": _points(words["clarity"]["scale"]),
        "time": _points(words["time"]["choices"]),
        "recommend": _points(words["recommend"]["choices"]),
        "roles": [{"id": r["id"], "words": r["words"]} for r in words["role"]["roles"]],
    }


def evaluation_data(root: Path | None = None) -> dict:
    """What the widget needs: the manifest's part, the questions' words, and the course's title
    and version for the anonymous file."""
    import yaml

    from ..lms.scorm import CONFIG

    root = root or course_root()
    words = load_config(EVALUATION_FILE, EVALUATION, root)
    config = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8"))
    return {
        **evaluation_manifest(root),
        "text": {
            "title": words["title"],
            "before_intro": words["before_intro"],
            "after_intro": words["after_intro"],
            "relevance": words["relevance"]["question"],
            "clarity": words["clarity"]["question"],
            "time": words["time"]["question"],
            "recommend": words["recommend"]["question"],
            "role": words["role"]["question"],
            "change": words["change"]["question"],
            "change_hint": words["change"]["hint"],
        },
        "course": {"title": str(config["title"]), "version": course_version(root)},
    }


def course_version(root: Path) -> str:
    """The course's version for the anonymous file: pyproject.toml's where the course's source is
    (the site's build), else the installed package's (a class hub copies the pages into each
    learner's home, without pyproject.toml)."""
    from importlib.metadata import version

    from ..formats.release import PYPROJECT, project_version

    if (root / PYPROJECT).is_file():
        return project_version(root)
    return version("selfhelp-course")
