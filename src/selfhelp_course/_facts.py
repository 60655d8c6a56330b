"""Course facts the Python side and the browser side must agree on, defined once.

The activity kinds (what a page calls, which YAML bank holds the items, what learners see them
called) and the format of the keys learner data is stored under. The front end gets the same
facts as a generated ES module (``js/lib/facts.generated.js``, written by :func:`facts_module`
when ``make book`` bundles the front end), so nothing here is restated in JavaScript.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ActivityKind:
    kind: str  #: the storage key's kind part, and the manifest's activity kind
    label: str  #: what learners and trainers see it called
    call: str  #: the function a page calls to show one (selfhelp_course.<call>)
    bank: str | None  #: its folder under data/activities/, None for the explorer
    #: the learner's own words: they reach an LMS only if the learner opts in (SCORM packages);
    #: every other kind is progress, which always goes
    private: bool = False
    #: whether it counts towards the course's progress and completion (the evaluation never does)
    counts: bool = True


ACTIVITY_KINDS: tuple[ActivityKind, ...] = (
    ActivityKind("check", "Knowledge check", "knowledge_check", "checks"),
    ActivityKind("sorting", "Sorting exercise", "sorting_exercise", "sorting"),
    ActivityKind("scenario", "Scenario", "scenario", "scenarios"),
    ActivityKind("reflection", "Reflection", "reflection", "reflections", private=True),
    ActivityKind("explorer", "Well-being explorer", "wellbeing_explorer", None),
    ActivityKind("assessment", "End-of-course assessment", "assessment", "assessment"),
    # The learner's confidence before and after, and their feedback: one entry, evaluation:course,
    # shown in two stages (welcome page, book/evaluation); words in data/activities/evaluation.yml.
    ActivityKind("evaluation", "Course evaluation", "evaluation", None, private=True, counts=False),
)
KIND_BY_NAME = {kind.kind: kind for kind in ACTIVITY_KINDS}
KIND_BY_CALL = {kind.call: kind for kind in ACTIVITY_KINDS}
KIND_BY_BANK = {kind.bank: kind for kind in ACTIVITY_KINDS if kind.bank}
#: The explorer has no bank: there is one, stored as explorer:wellbeing.
EXPLORER_ID = "wellbeing"
#: The evaluation has no bank either: there is one, stored as evaluation:course.
EVALUATION_ID = "course"

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
    return f"{kind}:{item_id}"


def storage_key(kind: str, item_id: str) -> str:
    """The full localStorage key of an activity, as the browser sees it."""
    return STORAGE_PREFIX + activity_key(kind, item_id)


def facts() -> dict:
    return {
        "activityKinds": [asdict(kind) for kind in ACTIVITY_KINDS],
        "storagePrefix": STORAGE_PREFIX,
        "readKeyPrefix": READ_KEY_PREFIX,
        "portfolioKey": PORTFOLIO_KEY,
        "metaKey": META_KEY,
        "spaceMark": SPACE_MARK,
        "learnerKey": LEARNER_KEY,
        "explorerId": EXPLORER_ID,
        "evaluationId": EVALUATION_ID,
        "portfolioFields": list(PORTFOLIO_FIELDS),
    }


def facts_module() -> str:
    """The same facts as an ES module for the front end (generated; never edited by hand)."""
    data = json.dumps(facts(), indent=2, ensure_ascii=False)
    return (
        "// Generated from src/selfhelp_course/_facts.py by `make book`; do not edit.\n"
        f"export default {data};\n"
    )
