// @ts-check
// The course evaluation's rules (pure: no DOM, no storage). One stored entry, key
// evaluation:course (private, like reflections; it never counts towards progress):
// {v: 1, page, responseId, before: {<outcome id>: 1-5}, after: {<outcome id>: 1-5},
//  feedback: {relevance?, clarity?, time?, recommend?}, role?, change?, shareChange, inStatement,
//  updated}
// A rating absent is a rating skipped: skipping writes nothing. Two tabs merge field by field
// (merge.js), so each rating is kept independently; the response id, once written, never changes
// (the first written wins when two tabs each made one).
import { ENTRY_VERSIONS } from "../../lib/facts.js";
import { conflictKey, isPlainObject } from "../../lib/merge.js";
import { isRating, validResponseId } from "../../lib/evaluation.js";

/** @typedef {import("../../lib/shapes.generated.js").EvaluationEntry} EvaluationEntry */
/** @typedef {import("../../lib/shapes.generated.js").EvaluationRatings} EvaluationRatings */
/** @typedef {import("../../lib/shapes.generated.js").EvaluationEntryFeedback} EvaluationEntryFeedback */
/** @typedef {import("../../lib/shapes.generated.js").EvaluationPoint} EvaluationPoint */
/** @typedef {"before" | "after"} Stage */
/**
 * What the widget is given as its "evaluation" trait (activities/evaluation.py evaluation_data):
 * manifest.evaluation, the questions' words and the course's title and version; the view reads
 * it with a fallback for each part (no shape in shapes.generated.d.ts covers the text and course).
 * @typedef {Partial<import("../../lib/shapes.generated.js").ManifestEvaluation> & {
 *   text?: Record<string, string>, course?: {title?: string, version?: string}}} EvaluationWords
 */
/** @typedef {ReturnType<typeof choicesOf>} Choices */
/**
 * The widget's state (stateFromEntry): the entry's fields with the text always a string and the
 * response id null until one is made.
 * @typedef {object} EvaluationState
 * @property {number} v
 * @property {string | null} responseId
 * @property {EvaluationRatings} before
 * @property {EvaluationRatings} after
 * @property {EvaluationEntryFeedback} feedback
 * @property {string} change
 * @property {boolean} shareChange
 * @property {boolean} inStatement
 * @property {string} [role]
 * @property {import("../../lib/shapes.generated.js").Conflicts} [conflicts]
 */

// The facts' version is a number to tsc; tests/test_shapes.py checks it is the schema's.
export const VERSION = /** @type {EvaluationEntry["v"]} */ (ENTRY_VERSIONS.evaluation);
/** @type {Stage[]} */
export const STAGES = ["before", "after"];
/** @type {(keyof EvaluationEntryFeedback)[]} */
export const FEEDBACK = ["relevance", "clarity", "time", "recommend"];

// The allowed values of each question, from the manifest's words (manifest.evaluation).
/** @param {EvaluationWords} words */
export function choicesOf(words) {
  const values = (/** @type {EvaluationPoint[] | undefined} */ list) => (Array.isArray(list) ? list.map((item) => item.value) : []);
  return {
    outcomes: (Array.isArray(words.outcomes) ? words.outcomes : []).map((o) => o.id),
    relevance: values(words.relevance),
    clarity: values(words.clarity),
    time: values(words.time),
    recommend: values(words.recommend),
    roles: (Array.isArray(words.roles) ? words.roles : []).map((r) => r.id),
  };
}

/**
 * @param {unknown} raw
 * @param {string[]} outcomes
 */
function ratings(raw, outcomes) {
  /** @type {EvaluationRatings} */
  const out = {};
  if (!isPlainObject(raw)) return out;
  for (const id of outcomes) if (isRating(raw[id])) out[id] = raw[id];
  return out;
}

// A stored entry, cleaned against the words: unknown outcomes, values and roles are dropped.
/**
 * @param {unknown} raw
 * @param {Choices} choices
 * @returns {EvaluationState}
 */
export function stateFromEntry(raw, choices) {
  /** @type {Record<string, any>} */
  const entry = isPlainObject(raw) ? raw : {};
  /** @type {Record<string, any>} */
  const given = isPlainObject(entry.feedback) ? entry.feedback : {};
  /** @type {EvaluationEntryFeedback} */
  const feedback = {};
  for (const field of FEEDBACK) if (choices[field].includes(given[field])) feedback[field] = given[field];
  /** @type {EvaluationState} */
  const clean = {
    v: VERSION,
    responseId: validResponseId(entry.responseId) ? entry.responseId : null,
    before: ratings(entry.before, choices.outcomes),
    after: ratings(entry.after, choices.outcomes),
    feedback,
    change: typeof entry.change === "string" ? entry.change : "",
    shareChange: entry.shareChange === true,
    inStatement: entry.inStatement === true,
  };
  if (choices.roles.includes(entry.role)) clean.role = entry.role;
  if (isPlainObject(entry.conflicts)) clean.conflicts = entry.conflicts;
  return clean;
}

// The value to store (plain objects; no empty text, no unset role, no response id before one is made).
/**
 * @param {EvaluationState} state
 * @param {string} page
 */
export function entryValue(state, page) {
  /** @type {EvaluationEntry} */
  const value = { v: VERSION, page, before: { ...state.before }, after: { ...state.after }, feedback: { ...state.feedback },
    shareChange: state.shareChange, inStatement: state.inStatement };
  if (state.responseId) value.responseId = state.responseId;
  if (state.role) value.role = state.role;
  if (state.change) value.change = state.change;
  if (state.conflicts) value.conflicts = state.conflicts;
  return value;
}

/**
 * @param {EvaluationState} state
 * @param {() => string} makeId
 * @returns {EvaluationState}
 */
export function withResponseId(state, makeId) {
  return state.responseId ? state : { ...state, responseId: makeId() };
}

/**
 * @param {EvaluationState} state
 * @param {Stage} stage
 * @param {string} outcomeId
 * @param {unknown} value
 * @returns {EvaluationState}
 */
export function rate(state, stage, outcomeId, value) {
  if (!STAGES.includes(stage) || !isRating(value)) return state;
  return { ...state, [stage]: { ...state[stage], [outcomeId]: value } };
}

/**
 * @param {EvaluationState} state
 * @param {keyof EvaluationEntryFeedback} field
 * @param {number | string} value
 * @returns {EvaluationState}
 */
export function answer(state, field, value) {
  if (!FEEDBACK.includes(field)) return state;
  return { ...state, feedback: { ...state.feedback, [field]: value } };
}

// A role from the list, or none (null: "Prefer not to say").
/**
 * @param {EvaluationState} state
 * @param {string | null} role
 * @returns {EvaluationState}
 */
export function chooseRole(state, role) {
  const next = { ...state };
  if (role) next.role = role;
  else delete next.role;
  return next;
}

// New words untick "share": the learner ticks to share the text they can see, not a later one.
/**
 * @param {EvaluationState} state
 * @param {string} text
 * @returns {EvaluationState}
 */
export function writeChange(state, text) {
  return { ...state, change: text, shareChange: text === state.change ? state.shareChange : false };
}

/**
 * @param {EvaluationState} state
 * @param {boolean} share
 * @returns {EvaluationState}
 */
export function setShare(state, share) {
  return { ...state, shareChange: share === true && state.change.trim() !== "" };
}

// derive() for every write: a response id another tab wrote first stays (and is not kept as a
// "conflict" beside it: an id is not the learner's text).
/**
 * @param {EvaluationEntry} value
 * @param {{theirs?: unknown}} [sides] the store's Sides (store.js); only theirs is read, and checked here
 */
export function keepFirstResponseId(value, sides) {
  const first = sides && isPlainObject(sides.theirs) && validResponseId(sides.theirs.responseId) ? sides.theirs.responseId : null;
  if (!first || first === value.responseId) return {};
  const conflicts = { ...(isPlainObject(value.conflicts) ? value.conflicts : {}) };
  delete conflicts[conflictKey(["responseId"])];
  return { responseId: first, conflicts: Object.keys(conflicts).length ? conflicts : undefined };
}

// How many outcomes are rated at a stage, in words ("3 of 8 rated").
/**
 * @param {EvaluationState} state
 * @param {Stage} stage
 * @param {string[]} outcomes
 */
export function ratedText(state, stage, outcomes) {
  const count = outcomes.filter((id) => isRating(state[stage][id])).length;
  return `${count} of ${outcomes.length} rated`;
}
