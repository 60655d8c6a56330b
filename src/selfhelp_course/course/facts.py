"""Course facts the Python side and the browser side must agree on, defined once.

The activity kinds (what a page calls, which YAML bank holds the items, what learners see them
called) and the format of the keys learner data is stored under. The front end gets the same
facts as a generated ES module (``js/lib/facts.generated.js``, written by :func:`facts_module`
when ``make book`` bundles the front end), so nothing here is restated in JavaScript.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class ActivityKind:
    kind: str  #: the storage key's kind part, and the manifest's activity kind
    label: str  #: what learners and trainers see it called
    call: str  #: the function a page calls to show one (selfhelp_course.<call>)
    bank: str | None  #: its folder under data/activities/, None for the explorer
    #: the ``v`` its widget writes in a stored entry (the state module and the SCORM 1.2 decoder
    #: both read it from here); a new version needs the old entries still read
    entry_version: int
    #: the learner's own words: they reach an LMS only if the learner opts in (SCORM packages);
    #: every other kind is progress, which always goes
    private: bool = False
    #: whether it counts towards the course's progress and completion (the evaluation never does)
    counts: bool = True
    #: its front end: the folder js/widgets/<widget>/ and the bundle static/dist/widgets/<widget>.js
    widget: str = ""
    #: the prefix of the CSS classes its widget draws (<prefix> and <prefix>-*), kept by PurgeCSS
    #: whatever the pages contain (_styles.SAFELIST)
    css_prefix: str = ""
    #: the file under the course folder that shows authors the bank's format, or None
    template: str | None = None
    #: what an LMS record gets of it besides the packed progress in cmi.suspend_data (SCORM
    #: packages, js/lms/bridge): "interactions" (each answer as a choice interaction, cmi.js),
    #: "score" (the best submitted attempt as score and success, with its questions as
    #: interactions, assessment.js), "likert" (the ratings as likert interactions, evaluation.js),
    #: or "" (nothing more)
    lms: str = ""


ACTIVITY_KINDS: tuple[ActivityKind, ...] = (
    ActivityKind(
        "check",
        "Knowledge check",
        "knowledge_check",
        "checks",
        3,
        widget="knowledge-check",
        css_prefix="kc",
        template="templates/knowledge-checks.yml",
        lms="interactions",
    ),
    ActivityKind(
        "sorting", "Sorting exercise", "sorting_exercise", "sorting", 2, widget="sorting", css_prefix="sort"
    ),
    ActivityKind("scenario", "Scenario", "scenario", "scenarios", 2, widget="scenario", css_prefix="scn"),
    ActivityKind(
        "reflection",
        "Reflection",
        "reflection",
        "reflections",
        2,
        private=True,
        widget="reflection",
        css_prefix="rf",
    ),
    ActivityKind(
        "explorer", "Well-being explorer", "wellbeing_explorer", None, 2, widget="explorer", css_prefix="wbx"
    ),
    ActivityKind(
        "assessment",
        "End-of-course assessment",
        "assessment",
        "assessment",
        1,
        widget="assessment",
        css_prefix="as",
        lms="score",
    ),
    # The learner's confidence before and after, and their feedback: one entry, evaluation:course,
    # shown in two stages (welcome page, book/evaluation); words in data/activities/evaluation.yml.
    ActivityKind(
        "evaluation",
        "Course evaluation",
        "evaluation",
        None,
        1,
        private=True,
        counts=False,
        widget="evaluation",
        css_prefix="ev",
        lms="likert",
    ),
)
KIND_BY_NAME = {kind.kind: kind for kind in ACTIVITY_KINDS}
KIND_BY_CALL = {kind.call: kind for kind in ACTIVITY_KINDS}
KIND_BY_BANK = {kind.bank: kind for kind in ACTIVITY_KINDS if kind.bank}
#: The explorer has no bank: there is one, stored as explorer:wellbeing.
EXPLORER_ID = "wellbeing"
#: The evaluation has no bank either: there is one, stored as evaluation:course.
EVALUATION_ID = "course"
#: The course has one end-of-course assessment, stored as assessment:final (its bank's id).
ASSESSMENT_ID = "final"

#: Between an activity key's kind and id: <kind>:<id> (the id may hold the separator too).
KEY_SEPARATOR = ":"
#: Every key the course stores in a browser starts with this.
STORAGE_PREFIX = "selfhelp-course:"
#: Keys that are not activities (after the prefix): "I have read this page" marks are
#: read:<docname>; the portfolio's own edits; the store's clear-all generation.
READ_KEY_PREFIX = "read:"
PORTFOLIO_KEY = "portfolio"
META_KEY = "meta"
#: Keys under STORAGE_PREFIX + SPACE_MARK are not the open website's: each learner of an LMS has a
#: space of their own (STORAGE_PREFIX + "@lms:" + their id, URL-encoded, + ":"), and the store's
#: own notes start with it too. No activity key starts with it.
SPACE_MARK = "@"
#: The learner's course-wide settings and seeds, one entry merged field by field like any other:
#: the seed that shuffles knowledge-check options for this learner, the nation and profession
#: they chose. It is progress (it goes to an LMS with the rest), never their own words.
LEARNER_KEY = "learner"
#: The ``v`` of the entries that are not activities: a page's "read" mark, the learner entry, the
#: portfolio's own edits (each activity kind states its own, ActivityKind.entry_version).
READ_ENTRY_VERSION = 2
LEARNER_ENTRY_VERSION = 1
PORTFOLIO_ENTRY_VERSION = 2

#: The pages that show the learner's progress and their CPD portfolio (the docnames of the pages
#: that call progress_overview() and portfolio(); tests/test_facts.py checks they do). A
#: portfolio entry stores its page, and every page links to the progress page.
PROGRESS_PAGE = "book/progress"
PORTFOLIO_PAGE = "book/portfolio"


#: The CPD portfolio's fields a reflective framework's part can fill when a reflection becomes a
#: record (`feeds:` in data/activities/reflection-frameworks.yml): the NMC reflective account's
#: four questions, the HCPC CPD profile entry's four parts, and the parts of the other
#: regulators' records that a reflection's parts clearly answer (Social Work England, Social Care
#: Wales, SSSC, NISCC, GMC appraisal). Their headings are in widgets/portfolio/forms.js.
PORTFOLIO_FIELDS = (
    "nmc.nature",
    "nmc.learned",
    "nmc.changed",
    "nmc.code",
    "hcpc.activity",
    "hcpc.learned",
    "hcpc.improved",
    "hcpc.benefits",
    "swe.description",
    "swe.learned",
    "swe.impact",
    "scw.contribution",
    "sssc.learned",
    "sssc.practice",
    "niscc.activity",
    "niscc.development",
    "gmc.activity",
    "gmc.learned",
    "gmc.practice",
)


def activity_key(kind: str, item_id: str) -> str:
    """The key an activity's learner data is stored under, without the prefix."""
    if kind not in KIND_BY_NAME:
        raise KeyError(f"no activity kind {kind!r}; the kinds are {', '.join(KIND_BY_NAME)}")
    return f"{kind}{KEY_SEPARATOR}{item_id}"


def storage_key(kind: str, item_id: str) -> str:
    """The full localStorage key of an activity, as the browser sees it."""
    return STORAGE_PREFIX + activity_key(kind, item_id)


#: The one config file; its ``title:`` is the course's title everywhere (site, SCORM, slides,
#: workbook, CPD record, trainer edition).
CONFIG = "_config.yml"


def course_title(root: Path) -> str:
    """The course's title: ``title:`` in _config.yml, the one place it is written."""
    title = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8")).get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"{root / CONFIG} has no title: every format of the course is named by it")
    return title


def entry_versions() -> dict[str, int]:
    """The ``v`` of each kind of stored entry: every activity kind's, then "read", "learner" and
    "portfolio"."""
    return {
        **{kind.kind: kind.entry_version for kind in ACTIVITY_KINDS},
        "read": READ_ENTRY_VERSION,
        "learner": LEARNER_ENTRY_VERSION,
        "portfolio": PORTFOLIO_ENTRY_VERSION,
    }


def facts(root: Path | None = None) -> dict:
    """The facts for the front end; the ones that live in the course's files (its title, the
    nations) are read from ``root`` (the course folder; :func:`structure.course_root` when not given)."""
    # _content and _nations import this module, so these imports wait until they are needed.
    from .nations import EVERYWHERE, load_nations
    from .structure import course_root

    root = root or course_root()
    return {
        "courseTitle": course_title(root),
        # The four nations, in order, by the ids and names of data/nations.yml (js/lib/nation.js).
        "nations": [{"id": nation["id"], "name": nation["name"]} for nation in load_nations(root)["nations"]],
        "everywhere": EVERYWHERE,
        "activityKinds": [asdict(kind) for kind in ACTIVITY_KINDS],
        "storagePrefix": STORAGE_PREFIX,
        "readKeyPrefix": READ_KEY_PREFIX,
        "portfolioKey": PORTFOLIO_KEY,
        "metaKey": META_KEY,
        "spaceMark": SPACE_MARK,
        "learnerKey": LEARNER_KEY,
        "explorerId": EXPLORER_ID,
        "evaluationId": EVALUATION_ID,
        "assessmentId": ASSESSMENT_ID,
        "keySeparator": KEY_SEPARATOR,
        "progressPage": PROGRESS_PAGE,
        "portfolioPage": PORTFOLIO_PAGE,
        "portfolioFields": list(PORTFOLIO_FIELDS),
        "entryVersions": entry_versions(),
    }


def facts_module(root: Path | None = None) -> str:
    """The same facts as an ES module for the front end (generated; never edited by hand)."""
    data = json.dumps(facts(root), indent=2, ensure_ascii=False)
    return (
        "// Generated from src/selfhelp_course/course/facts.py (and _config.yml) by `make book`; do not edit.\n"
        f"export default {data};\n"
    )
