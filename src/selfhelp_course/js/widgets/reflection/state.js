// @ts-check
// Reflection state (pure). Stored under reflection:<id>:
// {v: 2, page, framework, texts: {framework id: {part id: text}}, complete, attempted, updated,
//  conflicts?}. Text written under one framework is kept when the learner switches to another.
// Completed means every part of the chosen framework has some text; attempted, any text at all.
import { ENTRY_VERSIONS } from "../../lib/facts.js";
import { isPlainObject } from "../../lib/merge.js";
import { changedSince } from "../../lib/typed.js";

// The `v` of its stored entries (_facts.py, through lib/facts.js; compact.js reads the same).
// The facts' version is a number to tsc; tests/test_shapes.py checks it is the schema's.
export const ENTRY_VERSION = /** @type {ReflectionEntry["v"]} */ (ENTRY_VERSIONS.reflection);

/**
 * A reflective framework of data/activities/reflection-frameworks.yml (reflection-frameworks.schema.json),
 * as the widget's trait `frameworks` gives each; what the widget reads of one item of a
 * reflections bank (reflections.schema.json: title and prompt are required there, the view has
 * words for neither); and the state the view holds (what ReflectionEntry stores).
 * @typedef {{id: string, heading: string, prompt: string, feeds?: string[]}} FrameworkPart
 * @typedef {{id: string, name: string, source: string, parts: FrameworkPart[]}} Framework
 * @typedef {{id: string, title?: string, prompt?: string, framework?: string}} Reflection
 * @typedef {import("../../lib/shapes.generated.js").ReflectionEntry} ReflectionEntry
 * @typedef {ReflectionEntry["texts"]} Texts learner text by framework id, then part id
 * @typedef {{framework: string, texts: Texts, conflicts?: import("../../lib/shapes.generated.js").Conflicts}} ReflectionState
 */

// Learner text keyed by framework id, then part id. Objects without a prototype, so that a
// saved key such as "__proto__" is just a key.
/**
 * @param {unknown} raw
 * @returns {Texts}
 */
export function cleanTexts(raw) {
  const out = Object.create(null);
  if (!isPlainObject(raw)) return out;
  for (const [frameworkId, parts] of Object.entries(raw)) {
    if (!isPlainObject(parts)) continue;
    for (const [partId, text] of Object.entries(parts)) {
      if (typeof text !== "string") continue;
      if (!out[frameworkId]) out[frameworkId] = Object.create(null);
      out[frameworkId][partId] = text;
    }
  }
  return out;
}

/**
 * @param {Texts} texts
 * @param {string} frameworkId
 * @param {string} partId
 * @returns {string}
 */
export function textOf(texts, frameworkId, partId) {
  return (texts[frameworkId] && texts[frameworkId][partId]) || "";
}

// A stored entry is usable when it is an object whose texts (if any) are an object.
/**
 * @param {unknown} entry
 * @returns {boolean}
 */
export function isUsable(entry) {
  return isPlainObject(entry) && (entry.texts === undefined || isPlainObject(entry.texts));
}

// The state a widget starts from: {framework, texts, conflicts}.
/**
 * @param {unknown} entry
 * @param {Framework[]} frameworks
 * @param {string | undefined} fallbackId
 * @returns {ReflectionState}
 */
export function stateFromEntry(entry, frameworks, fallbackId) {
  const known = (/** @type {unknown} */ id) => frameworks.find((f) => f.id === id);
  const framework = (isPlainObject(entry) && known(entry.framework)) || known(fallbackId) || frameworks[0];
  return {
    framework: framework.id,
    texts: cleanTexts(isPlainObject(entry) ? entry.texts : null),
    conflicts: isPlainObject(entry) && isPlainObject(entry.conflicts) ? entry.conflicts : undefined,
  };
}

// Plain objects for JSON and merging. Built with fromEntries, so that every framework id is a
// key of its own (assigning texts["__proto__"] would set the object's prototype instead).
/**
 * @param {ReflectionState} state
 * @param {string} page
 * @returns {ReflectionEntry}
 */
export function entryValue(state, page) {
  const texts = Object.fromEntries(Object.entries(state.texts).map(([frameworkId, parts]) => [frameworkId, { ...parts }]));
  /** @type {ReflectionEntry} */
  const value = { v: ENTRY_VERSION, page, framework: state.framework, texts };
  if (state.conflicts) value.conflicts = state.conflicts;
  return value;
}

// After "Clear all" (or an import) in another tab: of this tab's unsaved value `mine`, only the
// text typed since (`before`: what the tab held then) is kept, in the parts where it was typed,
// under the framework in use. null when nothing was typed since.
/**
 * @param {unknown} before
 * @param {unknown} mine
 * @returns {ReflectionEntry | null}
 */
export function keptAfterClear(before, mine) {
  const typed = changedSince(before, mine);
  if (!isPlainObject(mine) || !typed || !isPlainObject(typed.texts)) return null;
  const texts = cleanTexts(typed.texts);
  if (!Object.keys(texts).length) return null;
  return { v: ENTRY_VERSION, page: mine.page, framework: mine.framework, texts: Object.fromEntries(Object.entries(texts).map(([id, parts]) => [id, { ...parts }])) };
}

/**
 * @param {Framework[]} frameworks
 * @returns {(value: {texts?: unknown, framework?: unknown}) => {complete: boolean, attempted: boolean}}
 */
export function derive(frameworks) {
  return (value) => {
    const texts = cleanTexts(value.texts);
    const framework = frameworks.find((f) => f.id === value.framework) || frameworks[0];
    const written = (/** @type {string} */ text) => text.trim() !== "";
    return {
      complete: framework.parts.every((part) => written(textOf(texts, framework.id, part.id))),
      attempted: Object.values(texts).some((parts) => Object.values(parts).some(written)),
    };
  };
}

const segmenter = typeof Intl !== "undefined" && typeof Intl.Segmenter === "function"
  ? new Intl.Segmenter(undefined, { granularity: "word" })
  : null;

/**
 * @param {string} text
 * @returns {number}
 */
export function wordCount(text) {
  if (!text || !text.trim()) return 0;
  if (!segmenter) return text.trim().split(/\s+/).length;
  let count = 0;
  for (const piece of segmenter.segment(text)) if (piece.isWordLike) count += 1;
  return count;
}

/** @param {number} count */
export function words(count) {
  return `${count} ${count === 1 ? "word" : "words"}`;
}

const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");

// "at 14:05" today, otherwise "on 3 March 2026 at 14:05".
/**
 * @param {Date} date
 * @param {Date} [today]
 */
export function when(date, today = new Date()) {
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === today.toDateString()) return `at ${clock}`;
  const day = date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  return `on ${day} at ${clock}`;
}

// Everything written, as plain text for "Copy all text" and the download, including what was
// written under other frameworks, so nothing is lost on the way out.
/**
 * @param {{reflection: Reflection, frameworks: Framework[], state: ReflectionState, page: string, now?: Date}} args
 * @returns {string}
 */
export function allText({ reflection, frameworks, state, page, now = new Date() }) {
  const framework = frameworks.find((f) => f.id === state.framework) || frameworks[0];
  const lines = [reflection.title || "Reflection", ""];
  if (reflection.prompt) lines.push(reflection.prompt, "");
  lines.push(`Framework: ${framework.name}${framework.source ? ` (${framework.source})` : ""}`, "");
  for (const part of framework.parts) {
    const text = textOf(state.texts, framework.id, part.id);
    lines.push(part.heading, text.trim() ? text : "(nothing written yet)", "");
  }
  for (const frameworkId of Object.keys(state.texts)) {
    if (frameworkId === framework.id) continue;
    const other = frameworks.find((f) => f.id === frameworkId);
    const written = Object.entries(state.texts[frameworkId]).filter(([, text]) => text.trim());
    if (!written.length) continue;
    lines.push(`Also written under: ${other ? other.name : frameworkId}`, "");
    for (const [partId, text] of written) {
      const part = other && other.parts.find((p) => p.id === partId);
      lines.push(part ? part.heading : partId, text, "");
    }
  }
  lines.push(`Copied from the course page ${page} on ${now.toLocaleString("en-GB")}.`);
  return lines.join("\n");
}

/** @param {string} id */
export function fileName(id) {
  return `reflection-${String(id).toLowerCase().replace(/[^a-z0-9-]+/g, "-")}.txt`;
}
