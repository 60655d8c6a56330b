"""The course manifest: every page, its minutes and the activities on it.

Progress, the CPD portfolio, session plans, slides and the LMS package all need the same picture
of the course; this is the one place it is worked out, from _toc.yml, page front matter and a
real parse of each page (_pages.py). The site gets it as ``_static/course-manifest.js``, written
afresh by every build; widgets in JupyterLab get it as a trait.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

from ..activities.banks import ASSESSMENTS, BANKS, CHECKS, EVALUATION_FILE
from .facts import EXPLORER_ID, KIND_BY_BANK, KIND_BY_NAME
from .pages import read_page
from .structure import course_root, page_time, toc_docnames, toc_parts

if TYPE_CHECKING:  # generated from data/schemas/manifest.schema.json (make schemas)
    from selfhelp_course.course.shapes import Manifest, ManifestActivity, ManifestPage

VERSION: Final = 2


def course_manifest(root: Path | None = None) -> Manifest:
    # Typed as shapes.Manifest (generated from data/schemas/manifest.schema.json), here and in its
    # readers (routes, session_plans, lms/scorm, site/sphinx_ext, the formats), so mypy checks both.
    root = root or course_root()
    titles = _activity_titles(root)
    options = _check_options(root)
    parts = toc_parts(root)
    pages: list[ManifestPage] = []
    for docname in toc_docnames(root):
        page = read_page(root, docname)
        time = page_time(root, docname)
        pages.append(
            {
                "docname": docname,
                "title": page.title,
                "part": parts.get(docname, ""),
                "teaching_minutes": time.teaching_minutes if time else 0,
                "activity_minutes": time.activity_minutes if time else 0,
                # kind and id from the page's parse (_pages.py); the schema's test checks the rest.
                "activities": [
                    cast(
                        "ManifestActivity",
                        {
                            **activity,
                            "title": titles.get((activity["kind"], activity["id"]), ""),
                            **(options.get(activity["id"], {}) if activity["kind"] == "check" else {}),
                            **_assessment_options(root, activity),
                        },
                    )
                    for activity in page.activities
                ],
            }
        )
    manifest: Manifest = {"version": VERSION, "pages": pages}
    # The course evaluation (contracts.md): outcomes and the words of its scales; a course (or a
    # test's scratch book) without data/activities/evaluation.yml has none.
    if (root / EVALUATION_FILE).is_file():
        from ..activities.evaluation import evaluation_manifest

        manifest["evaluation"] = evaluation_manifest(root)
    return manifest


def _check_options(root: Path) -> dict[str, dict]:
    """Each knowledge check's option ids in bank order, and the order before option ids where it
    changed, so the SCORM bridge reads answers by id and migrates older ones (lms/bridge/cmi.js)."""
    found = {}
    for check_id, check in CHECKS.load(CHECKS.paths(root)).items():
        found[check_id] = {"options": [option["id"] for option in check["options"]]}
        if check.get("order_before_v3"):
            found[check_id]["order_before_v3"] = check["order_before_v3"]
    return found


def _activity_titles(root: Path) -> dict[tuple[str, str], str]:
    """A short name for every activity, for progress lists and CPD records."""
    titles = {("explorer", EXPLORER_ID): KIND_BY_NAME["explorer"].label}
    for bank in BANKS:
        kind = KIND_BY_BANK[bank.kind].kind
        for item_id, item in bank.load(bank.paths(root)).items():
            titles[(kind, item_id)] = item.get("title") or item.get("question", "")
    return titles


def _assessment_options(root: Path, activity: dict) -> dict:
    """For the assessment: each question's option ids in the bank's order (no answers), so an
    LMS bridge can letter a learner's choice the same way whatever order it was shown in, and
    how many attempts a learner has (0: unlimited) and the pass mark."""
    if activity["kind"] != "assessment":
        return {}
    from ..activities.assessment import assessment_settings

    bank = ASSESSMENTS.find(activity["id"], root)
    return {
        "options": {q["id"]: [o["id"] for o in q["options"]] for q in bank["questions"]},
        "attempts": assessment_settings(root)["attempts"],
        "pass_mark": assessment_settings(root)["pass_mark"],
    }


def manifest_script(manifest: Manifest) -> str:
    """The manifest as a classic script, so pages opened from file:// can read it."""
    data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.COURSE_MANIFEST = {data};\n"
