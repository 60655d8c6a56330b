// Generated from data/schemas/manifest.schema.json and entry-*.schema.json by `make schemas`
// (python -m selfhelp_course.course.make_shapes); do not edit. Types only: esbuild never reads it.
// JSDoc takes them as @type {import("./shapes.generated.js").Manifest} (tsconfig.json).

/**
 * Made by src/selfhelp_course/_manifest.py (course_manifest), written to _static/course-manifest.js
 * and given to widgets as a trait; read by js/lib/manifest.js, js/lib/progress.js, the portfolio
 * and the LMS bridge. `make schemas` generates js/lib/shapes.generated.d.ts and course/shapes.py
 * from this file.
 */
export interface Manifest {
  /** _manifest.py VERSION. */
  version: 2;
  /** Every page of _toc.yml once, in reading order. */
  pages: ManifestPage[];
  /**
   * The course evaluation's outcomes and words (_evaluation.py evaluation_manifest); absent when
   * the course has no data/activities/evaluation.yml.
   */
  evaluation?: ManifestEvaluation;
}

export interface ManifestPage {
  docname: string;
  /** The page's first heading. */
  title: string;
  /** Its part's caption in _toc.yml ("" for none). */
  part: string;
  /** From the page's front matter (0 when it states none). */
  teaching_minutes: number;
  activity_minutes: number;
  /** The activities the page shows, in the order its code calls them. */
  activities: ManifestActivity[];
}

/**
 * A knowledge check also carries its option ids (and their order before option ids, where it
 * changed); the assessment, each question's option ids, the attempts allowed (0: unlimited) and the
 * pass mark.
 */
export interface ManifestActivity {
  /** An activity kind that counts (_facts.py ACTIVITY_KINDS; the evaluation is never listed). */
  kind: "check" | "sorting" | "scenario" | "reflection" | "explorer" | "assessment";
  /** The item's id in its bank. */
  id: string;
  /** A short name for progress lists and CPD records. */
  title: string;
  options?: string[] | Record<string, string[]>;
  /** A check's option ids in the order before v3 entries (stored by index). */
  order_before_v3?: string[];
  /** Attempts allowed (0: unlimited). */
  attempts?: number;
  /** The share right to pass. */
  pass_mark?: number;
}

export interface ManifestEvaluation {
  outcomes: EvaluationOutcome[];
  /** The confidence scale's points. */
  scale: EvaluationPoint[];
  relevance: EvaluationPoint[];
  clarity: EvaluationPoint[];
  time: EvaluationPoint[];
  recommend: EvaluationPoint[];
  roles: EvaluationRole[];
}

export interface EvaluationOutcome {
  id: string;
  text: string;
}

export interface EvaluationPoint {
  value: number | string;
  words: string;
}

export interface EvaluationRole {
  id: string;
  words: string;
}

/**
 * Written by js/widgets/assessment/state.js (startAttempt, answer, submit, cleanEntry, derive)
 * through the store; read by js/lib/assessment.js for the LMS and the portfolio. Attempts have
 * random ids, so two tabs that each start one keep both; a submitted attempt never changes.
 */
export interface AssessmentEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 1;
  /** The docname of the assessment's page. */
  page: string;
  /** Every attempt, by its random id. */
  attempts: Record<string, AssessmentAttempt>;
  /** The best submitted attempt (state.js bestAttempt), absent before the first is submitted. */
  best?: AssessmentBest;
}

/**
 * An attempt with its questions; an older submitted attempt that is neither the best nor the latest
 * keeps only started, submitted, right and total (state.js compact).
 */
export interface AssessmentAttempt {
  /** ISO time the attempt began ("" when not known). */
  started: string;
  /** The questions drawn, in the order shown, each with its option ids in the order shown. */
  questions?: AssessmentQuestion[];
  /** The option chosen for each question answered, by question id (a list of one). */
  answers?: Record<string, string[]>;
  /** ISO time of submission; absent while in progress. */
  submitted?: string;
  right?: number;
  total?: number;
  /** The ids of the questions answered rightly. */
  correct?: string[];
}

export interface AssessmentQuestion {
  id: string;
  options: string[];
}

export interface AssessmentBest {
  /** The attempt's id. */
  attempt: string;
  right: number;
  total: number;
  /** right / total, to four places. */
  scaled: number;
  submitted: string;
}

/**
 * Written by js/widgets/knowledge-check/state.js (entryValue, derive) through the store. Entries
 * before v3 held option indices; they are read through js/lib/options.js and written back as ids.
 */
export interface CheckEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 3;
  /** The docname of the page the check is on. */
  page: string;
  /** The option ids the learner chose. */
  selected: string[];
  /** Whether the choice in `selected` was checked. */
  checked: boolean;
  /** How many times the learner checked. */
  tries: number;
}

/**
 * Written by js/widgets/evaluation/state.js (entryValue, keepFirstResponseId) through the store.
 * Private like reflections; it never counts towards progress. A rating absent is a rating skipped.
 */
export interface EvaluationEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 1;
  /** The docname of the page the stage was answered on. */
  page: string;
  /** Random, made once (js/lib/evaluation.js); absent until the learner first answers. */
  responseId?: string;
  /** Confidence before, by outcome id. */
  before: EvaluationRatings;
  /** Confidence after, by outcome id. */
  after: EvaluationRatings;
  /** The values chosen (manifest.evaluation's words). */
  feedback: EvaluationEntryFeedback;
  /** A role id from the manifest's words; absent: not said. */
  role?: string;
  /** What the learner will change (their words); absent when empty. */
  change?: string;
  /** Whether the words go in the anonymous file. */
  shareChange: boolean;
  /** Whether the ratings go in the statement of completion. */
  inStatement: boolean;
}

/** The values chosen (manifest.evaluation's words). */
export interface EvaluationEntryFeedback {
  relevance?: number | string;
  clarity?: number | string;
  time?: number | string;
  recommend?: number | string;
}

export type EvaluationRatings = Record<string, number>;

/** Written by js/widgets/explorer/state.js (entryValue, derive) through the store. */
export interface ExplorerEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 2;
  /** The docname of the page the explorer is on. */
  page: string;
  /** The key of the question shown ("" when there are none). */
  question: string;
  /** The chart shown (state.js VIEWS). */
  view: "bands" | "change" | "scores";
  /** The band the members are filtered by, or "all". */
  band: string;
  /** The questions looked at (an object, so two tabs' merge key by key). */
  seen: Record<string, true>;
}

/**
 * Written by js/lib/learner.js (learnerSeed, keepFirstSeed) and js/lib/nation.js (chooseNation,
 * keepNewestChoice) through the store; decoded from SCORM 1.2 by js/lms/bridge/compact.js.
 * Progress, never the learner's words.
 */
export interface LearnerEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 1;
  /** Shuffles knowledge-check options for this learner (learner.js validSeed). */
  seed?: string;
  /** The nation chosen (data/nations.yml id); absent: all four shown. */
  nation?: string;
  /** Kept as the SCORM 1.2 decoder finds it (compact.js). */
  profession?: string;
}

/**
 * Written by js/widgets/portfolio/state.js (entryValue, editField) through the store. Only what the
 * learner changed is stored; the rest of the record is worked out from the other entries
 * (record.js).
 */
export interface PortfolioEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 2;
  /** The portfolio page's docname (_facts.py PORTFOLIO_PAGE). */
  page: string;
  /** The learner's details for the record. */
  details: PortfolioEntryDetails;
  /** The regulators' records written for each reflection, by reflection id. */
  accounts: Record<string, PortfolioAccount>;
  /** The CPD log's rows the learner changed, by page docname. */
  log: Record<string, PortfolioLogRow>;
}

/** The learner's details for the record. */
export interface PortfolioEntryDetails {
  name?: string;
  /** The regulator: an id of forms.js BODIES, or "". */
  body?: string;
  /** The body's name when `body` is "other". */
  bodyOther?: string;
  summary?: string;
}

/**
 * The NMC and HCPC forms are always there; another regulator's once the learner writes in it
 * (forms.js FORMS).
 */
export interface PortfolioAccount {
  nmc: PortfolioNmcAccount;
  hcpc: PortfolioForm;
  swe?: PortfolioForm;
  scw?: PortfolioForm;
  sssc?: PortfolioForm;
  niscc?: PortfolioForm;
  gmc?: PortfolioForm;
}

/** One regulator's record: the learner's text by field id (forms.js). */
export type PortfolioForm = Record<string, string>;

/** The NMC reflective account's four questions and the Code's themes ticked. */
export interface PortfolioNmcAccount {
  nature?: string;
  learned?: string;
  changed?: string;
  code?: string;
  /** Ids of forms.js CODE_THEMES, in their order. */
  themes?: string[];
}

/** One row of the CPD log (docs/design-learner-data.md, "Hours kept as typed"). */
export interface PortfolioLogRow {
  /**
   * What the learner last typed that the log can use, as typed; a number in entries saved before
   * that.
   */
  hours?: string | number;
  /** What was typed since that the log cannot use yet. */
  refused?: string;
  participatory?: boolean;
  link?: string;
}

/**
 * Written by js/site/page-progress.js (readToggle) through the store, for a timed page without
 * activities; read by js/lib/progress.js pageProgress.
 */
export interface ReadEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 2;
  /** The page's docname. */
  page: string;
  /** Worked out by the widget's derive(); read by js/lib/progress.js. */
  complete: boolean;
  /** Worked out by the widget's derive(); read by js/lib/progress.js. */
  attempted: boolean;
}

/**
 * Written by js/widgets/reflection/state.js (entryValue, keptAfterClear, derive) through the store.
 * The learner's own words: private (they reach an LMS only if the learner opts in).
 */
export interface ReflectionEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 2;
  /** The docname of the page the reflection is on. */
  page: string;
  /** The id of the reflective framework in use. */
  framework: string;
  /**
   * What the learner wrote, by framework id, then part id (text written under another framework is
   * kept).
   */
  texts: Record<string, Record<string, string>>;
}

/** Written by js/widgets/scenario/state.js (entryValue, derive) through the store. */
export interface ScenarioEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 2;
  /** The docname of the page the scenario is on. */
  page: string;
  /** The route so far, decision by decision from the start. */
  path: ScenarioMove[];
  /** Deciding at the current step, or reading what the last choice led to. */
  phase: "choices" | "consequence";
  /** Every ending step reached, so starting again keeps the completion. */
  endings: Record<string, true>;
}

export interface ScenarioMove {
  /** The step's id. */
  step: string;
  /** The index of the choice made there. */
  choice: number;
}

/** Written by js/widgets/sorting/state.js (entryValue, derive) through the store. */
export interface SortingEntry extends StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v: 2;
  /** The docname of the page the exercise is on. */
  page: string;
  /** Each description's index (as written: "0", "1") and the category id the learner put it in. */
  placements: Record<string, string>;
  /** Whether these placements were checked. */
  checked: boolean;
  /** How many times the learner checked. */
  tries: number;
}

/**
 * The fields the store adds on every write (updated, rev, parent, conflicts: js/lib/store.js
 * update, js/lib/merge.js keepConflicts) and the ones a widget's derive() works out (complete,
 * attempted). Each kind's entry schema (entry-<kind>.schema.json) refers to this one and adds its
 * own fields; `make schemas` generates js/lib/shapes.generated.d.ts and course/shapes.py from them.
 */
export interface StoredEntry {
  /** The version of the entry's shape (_facts.py: entry_versions(), ActivityKind.entry_version). */
  v?: number;
  /** ISO time of the last write (the store's clock). */
  updated?: string;
  /** Which write this is (js/lib/lineage.js). */
  rev?: string;
  /** The rev of the entry this write merged with; null when nothing was stored. */
  parent?: string | null;
  /**
   * Other versions of text that two tabs changed differently, by the field's path as JSON (merge.js
   * conflictKey).
   */
  conflicts?: Conflicts;
  /** Worked out by the widget's derive(); read by js/lib/progress.js. */
  complete?: boolean;
  /** Worked out by the widget's derive(); read by js/lib/progress.js. */
  attempted?: boolean;
}

export type Conflicts = Record<string, Conflict>;

/** One field's other versions (merge.js addVersions), until the learner chooses. */
export interface Conflict {
  /** The keys from the entry down to the text. */
  path: string[];
  /** The other texts, none equal to the one in place. */
  versions: string[];
  /** When the first of them was kept (ISO time; "" when a backup did not say). */
  at: string;
}
