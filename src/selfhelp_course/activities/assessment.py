"""The end-of-course assessment: its settings, what its widget is given, and the answer key.

The questions are in ``data/activities/assessment/final.yml`` (schema in ``_content.py``), the
learning outcomes they test in ``data/activities/outcomes.yml``. ``_config.yml`` says how many
questions each attempt draws and how many attempts there are (``assessment:``); the pass mark is
``lms.pass_mark``, the one the SCORM packages carry, so the site and an LMS agree.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..course.facts import ASSESSMENT_ID  # stored as assessment:final; _facts.py states the id once
from ..course.structure import course_root
from ..lms.scorm import CONFIG, lms_settings
from .banks import (
    ASSESSMENTS,
    OUTCOMES,
    OUTCOMES_FILE,
    ContentError,
    Record,
    Whole,
    _child,
    _line,
    load_config,
    parse,
)

ASSESSMENT_PAGE = "book/assessment"
SETTINGS = Record(required={}, optional={"draw": (Whole(1, 200), 15), "attempts": (Whole(0, 100), 0)})


def assessment_settings(root: Path | None = None) -> dict:
    """{draw, attempts (0: unlimited), pass_mark}, checked against the bank and the outcomes."""
    root = root or course_root()
    path = root / CONFIG
    node = parse(path)
    section = next((value for key, value in node.value if key.value == "assessment"), None)
    settings = (
        SETTINGS.check(section, path, "assessment") if section is not None else {"draw": 15, "attempts": 0}
    )
    bank = ASSESSMENTS.find(ASSESSMENT_ID, root)
    outcomes = load_config(OUTCOMES_FILE, OUTCOMES, root)["outcomes"]
    line = (
        _line(_child(section, "draw"))
        if section is not None and any(k.value == "draw" for k, _ in section.value)
        else None
    )
    if settings["draw"] < len(outcomes):
        raise ContentError(
            path,
            line,
            "assessment.draw",
            f"is {settings['draw']}; each attempt covers every learning outcome, "
            f"so it must be at least {len(outcomes)}",
        )
    if settings["draw"] > len(bank["questions"]):
        raise ContentError(
            path,
            line,
            "assessment.draw",
            f"is {settings['draw']}; the bank has only {len(bank['questions'])} questions",
        )
    return {**settings, "pass_mark": lms_settings(root)["pass_mark"]}


def assessment_data(root: Path | None = None) -> dict:
    """What the widget needs: the questions (with answers: the check runs in the browser, as
    for every activity), the outcomes, the settings, and each taught page's title and link."""
    root = root or course_root()
    from ..course.manifest import course_manifest

    bank = ASSESSMENTS.find(ASSESSMENT_ID, root)
    titles = {page["docname"]: page["title"] for page in course_manifest(root)["pages"]}
    here = posixpath.dirname(ASSESSMENT_PAGE)
    pages = {
        question["page"]: {
            "title": titles.get(question["page"], question["page"]),
            "href": posixpath.relpath(question["page"], here) + ".html",
        }
        for question in bank["questions"]
    }
    outcomes = load_config(OUTCOMES_FILE, OUTCOMES, root)["outcomes"]
    return {
        "id": bank["id"],
        "title": bank["title"],
        "questions": bank["questions"],
        "outcomes": [{"id": o["id"], "text": o["text"]} for o in outcomes],
        "pages": pages,
        "settings": assessment_settings(root),
    }


def answer_key(root: Path | None = None) -> list[dict]:
    """For trainers running the assessment on paper: each question, its options lettered in the
    bank's order, the right letter, the outcome it tests and the page that teaches it."""
    root = root or course_root()
    bank = ASSESSMENTS.find(ASSESSMENT_ID, root)
    outcomes = {o["id"]: o["text"] for o in load_config(OUTCOMES_FILE, OUTCOMES, root)["outcomes"]}
    key = []
    for number, question in enumerate(bank["questions"], 1):
        letters = "abcdefghijklmnopqrstuvwxyz"
        right = next(i for i, option in enumerate(question["options"]) if option["correct"])
        key.append(
            {
                "number": number,
                "id": question["id"],
                "question": question["question"],
                "options": [(letters[i], o["text"]) for i, o in enumerate(question["options"])],
                "answer": letters[right],
                "outcome": question["outcome"],
                "outcome_text": outcomes[question["outcome"]],
                "page": question["page"],
                "feedback": question["feedback"],
            }
        )
    return key


def outcomes_markdown(root: Path | None = None) -> str:
    """The learning outcomes as a Markdown list, each with the pages that teach it."""
    root = root or course_root()
    from ..course.manifest import course_manifest

    titles = {page["docname"]: page["title"] for page in course_manifest(root)["pages"]}
    lines = ["By the end of the course you will be able to:", ""]
    for outcome in load_config(OUTCOMES_FILE, OUTCOMES, root)["outcomes"]:
        taught = ", ".join(titles.get(page, page) for page in outcome["pages"])
        lines.append(f"- {outcome['text']} (taught in: {taught})")
    return "\n".join(lines)


def answer_key_markdown(root: Path | None = None) -> str:
    """The trainers' paper version: every question with its options lettered in the bank's
    order, then the key (the right letter, the outcome tested, the page that teaches it)."""
    root = root or course_root()
    settings = assessment_settings(root)
    key = answer_key(root)
    lines = [
        f"To run the assessment on paper, choose {settings['draw']} questions with at least one for "
        f"each outcome (the outcome is in the key), read or hand out the questions and their "
        f"options, and mark with the key. The pass mark is {round(settings['pass_mark'] * 100)}%.",
        "",
    ]
    for item in key:
        lines.append(f"{item['number']}. {item['question']}")
        lines.append("")
        lines += [f"   {letter}) {text}" for letter, text in item["options"]]
        lines.append("")
    lines += ["| Question | Answer | Outcome tested | Page that teaches it |", "|---|---|---|---|"]
    for item in key:
        outcome = item["outcome_text"].replace("|", "\\|")
        lines.append(f"| {item['number']} | {item['answer']} | {outcome} | {{doc}}`/{item['page']}` |")
    return "\n".join(lines) + "\n"


def _directive():
    """``{assessment-key}``: the paper version and answer key (put it in an ``{only} trainer``
    block, so only the trainer edition carries it). Made here, registered by sphinx_ext."""
    from sphinx.util.docutils import SphinxDirective

    class AssessmentKeyDirective(SphinxDirective):
        has_content = False

        def run(self):
            root = Path(self.env.srcdir)
            for name in ("_config.yml", "_toc.yml", OUTCOMES_FILE):
                self.env.note_dependency(str(root / name))
            for path in ASSESSMENTS.paths(root):
                self.env.note_dependency(str(path))
            try:
                return self.parse_text_to_nodes(answer_key_markdown(root))
            except ContentError as error:
                raise self.error(str(error)) from None

    return AssessmentKeyDirective
