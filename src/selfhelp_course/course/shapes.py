"""Types for the manifest and the stored learner entries: generated from
data/schemas/manifest.schema.json and entry-*.schema.json by `make schemas`
(python -m selfhelp_course.course.make_shapes); do not edit."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

__all__ = [
    "AssessmentAttempt",
    "AssessmentBest",
    "AssessmentEntry",
    "AssessmentQuestion",
    "CheckEntry",
    "Conflict",
    "Conflicts",
    "EvaluationEntry",
    "EvaluationEntryFeedback",
    "EvaluationOutcome",
    "EvaluationPoint",
    "EvaluationRatings",
    "EvaluationRole",
    "ExplorerEntry",
    "LearnerEntry",
    "Manifest",
    "ManifestActivity",
    "ManifestEvaluation",
    "ManifestPage",
    "PortfolioAccount",
    "PortfolioEntry",
    "PortfolioEntryDetails",
    "PortfolioForm",
    "PortfolioLogRow",
    "PortfolioNmcAccount",
    "ReadEntry",
    "ReflectionEntry",
    "ScenarioEntry",
    "ScenarioMove",
    "SortingEntry",
    "StoredEntry",
]


class EvaluationOutcome(TypedDict):
    id: str
    text: str


class EvaluationPoint(TypedDict):
    value: int | str
    words: str


class EvaluationRole(TypedDict):
    id: str
    words: str


class ManifestEvaluation(TypedDict):
    outcomes: list[EvaluationOutcome]
    #: The confidence scale's points.
    scale: list[EvaluationPoint]
    relevance: list[EvaluationPoint]
    clarity: list[EvaluationPoint]
    time: list[EvaluationPoint]
    recommend: list[EvaluationPoint]
    roles: list[EvaluationRole]


#: A knowledge check also carries its option ids (and their order before option ids, where it
#: changed); the assessment, each question's option ids, the attempts allowed (0: unlimited) and the
#: pass mark.
class ManifestActivity(TypedDict):
    #: An activity kind that counts (_facts.py ACTIVITY_KINDS; the evaluation is never listed).
    kind: Literal["check", "sorting", "scenario", "reflection", "explorer", "assessment"]
    #: The item's id in its bank.
    id: str
    #: A short name for progress lists and CPD records.
    title: str
    options: NotRequired[list[str] | dict[str, list[str]]]
    #: A check's option ids in the order before v3 entries (stored by index).
    order_before_v3: NotRequired[list[str]]
    #: Attempts allowed (0: unlimited).
    attempts: NotRequired[int]
    #: The share right to pass.
    pass_mark: NotRequired[float]


class ManifestPage(TypedDict):
    docname: str
    #: The page's first heading.
    title: str
    #: Its part's caption in _toc.yml ("" for none).
    part: str
    #: From the page's front matter (0 when it states none).
    teaching_minutes: int
    activity_minutes: int
    #: The activities the page shows, in the order its code calls them.
    activities: list[ManifestActivity]


#: Made by src/selfhelp_course/_manifest.py (course_manifest), written to _static/course-manifest.js
#: and given to widgets as a trait; read by js/lib/manifest.js, js/lib/progress.js, the portfolio
#: and the LMS bridge. `make schemas` generates js/lib/shapes.generated.d.ts and course/shapes.py
#: from this file.
class Manifest(TypedDict):
    #: _manifest.py VERSION.
    version: Literal[2]
    #: Every page of _toc.yml once, in reading order.
    pages: list[ManifestPage]
    #: The course evaluation's outcomes and words (_evaluation.py evaluation_manifest); absent when
    #: the course has no data/activities/evaluation.yml.
    evaluation: NotRequired[ManifestEvaluation]


class AssessmentQuestion(TypedDict):
    id: str
    options: list[str]


#: An attempt with its questions; an older submitted attempt that is neither the best nor the latest
#: keeps only started, submitted, right and total (state.js compact).
class AssessmentAttempt(TypedDict):
    #: ISO time the attempt began ("" when not known).
    started: str
    #: The questions drawn, in the order shown, each with its option ids in the order shown.
    questions: NotRequired[list[AssessmentQuestion]]
    #: The option chosen for each question answered, by question id (a list of one).
    answers: NotRequired[dict[str, list[str]]]
    #: ISO time of submission; absent while in progress.
    submitted: NotRequired[str]
    right: NotRequired[int]
    total: NotRequired[int]
    #: The ids of the questions answered rightly.
    correct: NotRequired[list[str]]


class AssessmentBest(TypedDict):
    #: The attempt's id.
    attempt: str
    right: int
    total: int
    #: right / total, to four places.
    scaled: float
    submitted: str


#: One field's other versions (merge.js addVersions), until the learner chooses.
class Conflict(TypedDict):
    #: The keys from the entry down to the text.
    path: list[str]
    #: The other texts, none equal to the one in place.
    versions: list[str]
    #: When the first of them was kept (ISO time; "" when a backup did not say).
    at: str


Conflicts = dict[str, Conflict]


#: Written by js/widgets/assessment/state.js (startAttempt, answer, submit, cleanEntry, derive)
#: through the store; read by js/lib/assessment.js for the LMS and the portfolio. Attempts have
#: random ids, so two tabs that each start one keep both; a submitted attempt never changes.
class AssessmentEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[1]
    #: The docname of the assessment's page.
    page: str
    #: Every attempt, by its random id.
    attempts: dict[str, AssessmentAttempt]
    #: The best submitted attempt (state.js bestAttempt), absent before the first is submitted.
    best: NotRequired[AssessmentBest]
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


#: Written by js/widgets/knowledge-check/state.js (entryValue, derive) through the store. Entries
#: before v3 held option indices; they are read through js/lib/options.js and written back as ids.
class CheckEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[3]
    #: The docname of the page the check is on.
    page: str
    #: The option ids the learner chose.
    selected: list[str]
    #: Whether the choice in `selected` was checked.
    checked: bool
    #: How many times the learner checked.
    tries: int
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


#: The values chosen (manifest.evaluation's words).
class EvaluationEntryFeedback(TypedDict):
    relevance: NotRequired[int | str]
    clarity: NotRequired[int | str]
    time: NotRequired[int | str]
    recommend: NotRequired[int | str]


EvaluationRatings = dict[str, int]


#: Written by js/widgets/evaluation/state.js (entryValue, keepFirstResponseId) through the store.
#: Private like reflections; it never counts towards progress. A rating absent is a rating skipped.
class EvaluationEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[1]
    #: The docname of the page the stage was answered on.
    page: str
    #: Random, made once (js/lib/evaluation.js); absent until the learner first answers.
    responseId: NotRequired[str]
    #: Confidence before, by outcome id.
    before: EvaluationRatings
    #: Confidence after, by outcome id.
    after: EvaluationRatings
    #: The values chosen (manifest.evaluation's words).
    feedback: EvaluationEntryFeedback
    #: A role id from the manifest's words; absent: not said.
    role: NotRequired[str]
    #: What the learner will change (their words); absent when empty.
    change: NotRequired[str]
    #: Whether the words go in the anonymous file.
    shareChange: bool
    #: Whether the ratings go in the statement of completion.
    inStatement: bool
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


#: Written by js/widgets/explorer/state.js (entryValue, derive) through the store.
class ExplorerEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[2]
    #: The docname of the page the explorer is on.
    page: str
    #: The key of the question shown ("" when there are none).
    question: str
    #: The chart shown (state.js VIEWS).
    view: Literal["bands", "change", "scores"]
    #: The band the members are filtered by, or "all".
    band: str
    #: The questions looked at (an object, so two tabs' merge key by key).
    seen: dict[str, Literal[True]]
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


#: Written by js/lib/learner.js (learnerSeed, keepFirstSeed) and js/lib/nation.js (chooseNation,
#: keepNewestChoice) through the store; decoded from SCORM 1.2 by js/lms/bridge/compact.js.
#: Progress, never the learner's words.
class LearnerEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[1]
    #: Shuffles knowledge-check options for this learner (learner.js validSeed).
    seed: NotRequired[str]
    #: The nation chosen (data/nations.yml id); absent: all four shown.
    nation: NotRequired[str]
    #: Kept as the SCORM 1.2 decoder finds it (compact.js).
    profession: NotRequired[str]
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


#: One regulator's record: the learner's text by field id (forms.js).
PortfolioForm = dict[str, str]


#: The NMC reflective account's four questions and the Code's themes ticked.
class PortfolioNmcAccount(TypedDict):
    nature: NotRequired[str]
    learned: NotRequired[str]
    changed: NotRequired[str]
    code: NotRequired[str]
    #: Ids of forms.js CODE_THEMES, in their order.
    themes: NotRequired[list[str]]


#: The NMC and HCPC forms are always there; another regulator's once the learner writes in it
#: (forms.js FORMS).
class PortfolioAccount(TypedDict):
    nmc: PortfolioNmcAccount
    hcpc: PortfolioForm
    swe: NotRequired[PortfolioForm]
    scw: NotRequired[PortfolioForm]
    sssc: NotRequired[PortfolioForm]
    niscc: NotRequired[PortfolioForm]
    gmc: NotRequired[PortfolioForm]


#: The learner's details for the record.
class PortfolioEntryDetails(TypedDict):
    name: NotRequired[str]
    #: The regulator: an id of forms.js BODIES, or "".
    body: NotRequired[str]
    #: The body's name when `body` is "other".
    bodyOther: NotRequired[str]
    summary: NotRequired[str]


#: One row of the CPD log (docs/design-learner-data.md, "Hours kept as typed").
class PortfolioLogRow(TypedDict):
    #: What the learner last typed that the log can use, as typed; a number in entries saved before
    #: that.
    hours: NotRequired[str | float]
    #: What was typed since that the log cannot use yet.
    refused: NotRequired[str]
    participatory: NotRequired[bool]
    link: NotRequired[str]


#: Written by js/widgets/portfolio/state.js (entryValue, editField) through the store. Only what the
#: learner changed is stored; the rest of the record is worked out from the other entries
#: (record.js).
class PortfolioEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[2]
    #: The portfolio page's docname (_facts.py PORTFOLIO_PAGE).
    page: str
    #: The learner's details for the record.
    details: PortfolioEntryDetails
    #: The regulators' records written for each reflection, by reflection id.
    accounts: dict[str, PortfolioAccount]
    #: The CPD log's rows the learner changed, by page docname.
    log: dict[str, PortfolioLogRow]
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


#: Written by js/site/page-progress.js (readToggle) through the store, for a timed page without
#: activities; read by js/lib/progress.js pageProgress.
class ReadEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[2]
    #: The page's docname.
    page: str
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: bool
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: bool


#: Written by js/widgets/reflection/state.js (entryValue, keptAfterClear, derive) through the store.
#: The learner's own words: private (they reach an LMS only if the learner opts in).
class ReflectionEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[2]
    #: The docname of the page the reflection is on.
    page: str
    #: The id of the reflective framework in use.
    framework: str
    #: What the learner wrote, by framework id, then part id (text written under another framework
    #: is kept).
    texts: dict[str, dict[str, str]]
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


class ScenarioMove(TypedDict):
    #: The step's id.
    step: str
    #: The index of the choice made there.
    choice: int


#: Written by js/widgets/scenario/state.js (entryValue, derive) through the store.
class ScenarioEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[2]
    #: The docname of the page the scenario is on.
    page: str
    #: The route so far, decision by decision from the start.
    path: list[ScenarioMove]
    #: Deciding at the current step, or reading what the last choice led to.
    phase: Literal["choices", "consequence"]
    #: Every ending step reached, so starting again keeps the completion.
    endings: dict[str, Literal[True]]
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


#: Written by js/widgets/sorting/state.js (entryValue, derive) through the store.
class SortingEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: Literal[2]
    #: The docname of the page the exercise is on.
    page: str
    #: Each description's index (as written: "0", "1") and the category id the learner put it in.
    placements: dict[str, str]
    #: Whether these placements were checked.
    checked: bool
    #: How many times the learner checked.
    tries: int
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]


#: The fields the store adds on every write (updated, rev, parent, conflicts: js/lib/store.js
#: update, js/lib/merge.js keepConflicts) and the ones a widget's derive() works out (complete,
#: attempted). Each kind's entry schema (entry-<kind>.schema.json) refers to this one and adds its
#: own fields; `make schemas` generates js/lib/shapes.generated.d.ts and course/shapes.py from them.
class StoredEntry(TypedDict):
    #: The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version).
    v: NotRequired[int]
    #: ISO time of the last write (the store's clock).
    updated: NotRequired[str]
    #: Which write this is (js/lib/lineage.js).
    rev: NotRequired[str]
    #: The rev of the entry this write merged with; null when nothing was stored.
    parent: NotRequired[str | None]
    #: Other versions of text that two tabs changed differently, by the field's path as JSON
    #: (merge.js conflictKey).
    conflicts: NotRequired[Conflicts]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    complete: NotRequired[bool]
    #: Worked out by the widget's derive(); read by js/lib/progress.js.
    attempted: NotRequired[bool]
