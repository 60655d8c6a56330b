// The anonymous evaluation file a learner may choose to download (pure: no DOM, no storage).
// Its shape is data/schemas/evaluation-response.schema.json ("selfhelp-course-evaluation/1"),
// which the trainer's class-report notebook validates. Nothing in it identifies a person: no
// name, no learner seed or LMS id, no date finer than the month, and the learner's own words
// only when they ticked to share them after seeing them.
import { EVALUATION_ID, activityKey } from "./facts.js";
import { isPlainObject } from "./merge.js";
import { validNation } from "./nation.js";

// The one stored entry that holds a learner's evaluation (private: it never goes to an LMS whole).
export const EVALUATION_KEY = activityKey("evaluation", EVALUATION_ID);

export const FORMAT = "selfhelp-course-evaluation/1";
export const RESPONSE_ID = /^[0-9a-z]{16}$/;
const ID = /^[a-z][a-z0-9-]*$/;
const TIME = ["less", "about", "more"];
const RECOMMEND = ["yes", "maybe", "no"];

/**
 * @param {unknown} value
 * @returns {value is string}
 */
export function validResponseId(value) {
  return typeof value === "string" && RESPONSE_ID.test(value);
}

/**
 * @param {number} count
 * @returns {Uint8Array}
 */
function randomBytes(count) {
  return globalThis.crypto.getRandomValues(new Uint8Array(count));
}

// A fresh response id: 16 characters [0-9a-z] from the browser's cryptographic random numbers.
/**
 * @param {(count: number) => Uint8Array} [bytes]
 * @returns {string}
 */
export function freshResponseId(bytes = randomBytes) {
  return Array.from(bytes(16), (byte) => (byte % 36).toString(36)).join("");
}

/**
 * @param {any} value
 * @returns {value is number}
 */
export function isRating(value) {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

// "YYYY-MM" of a date (the learner's own calendar): the only date the file carries.
/**
 * @param {Date} date
 * @returns {string}
 */
export function monthOf(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}`;
}

/** @type {<T>(value: T, ok: (value: T) => boolean) => T | null} */
const orNull = (value, ok) => (ok(value) ? value : null);

// Confidence for every outcome rated at either stage: {id: {before, after}}, null where skipped.
/**
 * @param {any} entry
 */
function confidence(entry) {
  const before = isPlainObject(entry.before) ? entry.before : {};
  const after = isPlainObject(entry.after) ? entry.after : {};
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((id) => ID.test(id) && (isRating(before[id]) || isRating(after[id])));
  return Object.fromEntries(ids.map((id) => [id, { before: orNull(before[id], isRating), after: orNull(after[id], isRating) }]));
}

/**
 * @param {any} entry
 */
function feedback(entry) {
  const given = isPlainObject(entry.feedback) ? entry.feedback : {};
  return {
    relevance: orNull(given.relevance, isRating),
    clarity: orNull(given.clarity, isRating),
    time: orNull(given.time, (v) => TIME.includes(v)),
    recommend: orNull(given.recommend, (v) => RECOMMEND.includes(v)),
  };
}

// The learner's words go only when they ticked to share them; as typed, never changed.
/**
 * @param {any} entry
 * @returns {string | null}
 */
export function sharedChange(entry) {
  const text = typeof entry.change === "string" ? entry.change : "";
  return entry.shareChange === true && text.trim() !== "" ? text : null;
}

// entry: the learner's evaluation:course entry. course: the course title; version: its version;
// nation: a data/nations.yml id or null; month: "YYYY-MM". -> the file's object, keys in the
// schema's order. Throws when the entry has no response id (the widget writes one first).
/**
 * @param {unknown} entry the evaluation's stored entry
 * @param {{course: unknown, version: unknown, nation: unknown, month: string}} about
 * @returns {Record<string, unknown>}
 */
export function evaluationFile(entry, { course, version, nation, month }) {
  if (!isPlainObject(entry) || !validResponseId(entry.responseId)) throw new Error("the evaluation has no response id yet");
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(String(month))) throw new Error(`not a month: ${month}`);
  /** @type {Record<string, unknown>} */
  const file = {
    format: FORMAT,
    course: String(course),
    course_version: String(version),
    response_id: entry.responseId,
    month,
    role: typeof entry.role === "string" && ID.test(entry.role) ? entry.role : null,
    nation: validNation(nation) ? nation : null,
    confidence: confidence(entry),
    feedback: feedback(entry),
  };
  const change = sharedChange(entry);
  if (change !== null) file.change = change;
  return file;
}

// The file's text: exactly what the learner is shown before they download it.
/**
 * @param {Record<string, unknown>} file
 * @returns {string}
 */
export function evaluationText(file) {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * @param {string} month
 * @returns {string}
 */
export function evaluationFileName(month) {
  return `course-evaluation-${month}.json`;
}
