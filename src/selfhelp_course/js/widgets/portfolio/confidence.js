// @ts-check
// The learner's confidence before and after the course, from the course evaluation's private
// entry "evaluation:course" (contracts.md), as the portfolio shows it (pure: no DOM; the tick
// box's write is the one function here that takes the store).
//
// Words come from the manifest's scale (manifest.evaluation.scale: [{value, words}]), never bare
// numbers. Nothing at all without an evaluation entry or without manifest.evaluation. The
// statement of completion includes the ratings only when the entry's `inStatement` is true.
import { EVALUATION_KEY } from "../../lib/evaluation.js";
import { isPlainObject } from "../../lib/merge.js";
import { hasOwn } from "../../lib/own.js";

// The one evaluation entry, named where the evaluation lives.
export { EVALUATION_KEY };
export const NOT_RATED = "Not rated";

/**
 * @typedef {import("../../lib/shapes.generated.js").EvaluationPoint} EvaluationPoint
 * @typedef {import("../../lib/store.js").Store} Store
 * The learner's ratings as the portfolio shows them (confidenceOf, when there are any).
 * @typedef {NonNullable<ReturnType<typeof confidenceOf>>} Confidence
 */

/**
 * @param {EvaluationPoint[]} scale
 * @param {unknown} value
 * @returns {string}
 */
function wordsFor(scale, value) {
  if (typeof value !== "string" && !Number.isInteger(value)) return "";
  const point = scale.find((item) => String(item.value) === String(value));
  return point ? point.words : "";
}

// -> null, or {rows: [{id, text, before, after}] (words, "" when not rated), rated (any rating
// at all), inStatement}.
/**
 * @param {import("../../lib/manifest.js").Manifest | null | undefined} manifest
 * @param {Record<string, unknown> | null | undefined} entries
 */
export function confidenceOf(manifest, entries) {
  const evaluation = manifest && isPlainObject(manifest.evaluation) ? manifest.evaluation : null;
  // The entry is a plain object where it is taken: isPlainObject said so just before.
  const entry = entries && isPlainObject(entries[EVALUATION_KEY]) ? /** @type {Record<string, any>} */ (entries[EVALUATION_KEY]) : null;
  if (!evaluation || !entry) return null;
  const scale = (Array.isArray(evaluation.scale) ? evaluation.scale : [])
    .filter((item) => isPlainObject(item) && typeof item.words === "string" && item.words.trim() !== "");
  const side = (/** @type {"before" | "after"} */ name) => (isPlainObject(entry[name]) ? entry[name] : {});
  const before = side("before");
  const after = side("after");
  const rows = (Array.isArray(evaluation.outcomes) ? evaluation.outcomes : [])
    .filter((o) => isPlainObject(o) && typeof o.id === "string")
    .map((o) => ({
      id: o.id,
      text: typeof o.text === "string" ? o.text.replace(/\s+/g, " ").trim() : o.id,
      before: hasOwn(before, o.id) ? wordsFor(scale, before[o.id]) : "",
      after: hasOwn(after, o.id) ? wordsFor(scale, after[o.id]) : "",
    }));
  return { rows, rated: rows.some((r) => r.before || r.after), inStatement: entry.inStatement === true };
}

// The ratings as a document table (document.js), for the statement of completion.
/**
 * @param {Confidence} confidence
 * @returns {import("./document.js").TableBlock}
 */
export function confidenceTable(confidence) {
  return {
    type: "table",
    caption: "Confidence against the course's learning outcomes, self-rated",
    head: ["Learning outcome", "Before the course", "After the course"],
    rows: confidence.rows.map((r) => [r.text, r.before || NOT_RATED, r.after || NOT_RATED]),
  };
}

// The statement's blocks for the ratings: none unless the learner chose to include them.
/**
 * @param {Confidence | null} confidence
 * @returns {import("./document.js").Block[]}
 */
export function statementBlocks(confidence) {
  if (!confidence || !confidence.inStatement || !confidence.rated) return [];
  return [
    { type: "p", text: "The learner rated their own confidence against each learning outcome of the course, before starting it and after finishing it:" },
    confidenceTable(confidence),
  ];
}

// derive() for the tick box: the learner's newest choice wins; every other field (each rating,
// the text, the response id) merges as the store merges it and is never touched here.
/** @param {boolean} checked */
export function keepChoice(checked) {
  return () => ({ inStatement: checked });
}

// Tick or untick "include in the statement". -> the store's answer, or {ok: false, reason}.
/**
 * @param {Store} store
 * @param {boolean} checked
 */
export function includeInStatement(store, checked) {
  const read = store.read(EVALUATION_KEY);
  if (read.status !== "ok") return { ok: false, reason: read.status };
  return store.update(EVALUATION_KEY, read.value, { ...read.value, inStatement: Boolean(checked) }, keepChoice(Boolean(checked)));
}
