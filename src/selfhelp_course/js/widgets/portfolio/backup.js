// @ts-check
// Backups of everything the course saved in this browser, to carry to another browser or device
// (pure: the widget reads and writes storage through lib/store.js). A backup holds every course
// key's text exactly as stored, set-aside entries included, so an import restores it byte for byte.
import { META_KEY, PORTFOLIO_KEY, STORAGE_PREFIX, activityKey } from "../../lib/facts.js";
import { isPlainObject } from "../../lib/merge.js";
import { SET_ASIDE } from "../../lib/store.js";
import { FORMS, FORM_INFO } from "./forms.js";
import { cleanEdits } from "./state.js";
import { hasOwn } from "../../lib/own.js";

/**
 * @typedef {import("./prefill.js").Framework} Framework
 * @typedef {import("./document.js").LearnerText} LearnerText
 * @typedef {(where: string, text: unknown) => void} AddText takes a piece of learner text
 * @typedef {import("../../portfolio/hours.js").Refusal} Refusal
 * A backup read whole (parseBackup): its items by key without the prefix, as stored.
 * @typedef {{ok: true, items: Record<string, string>, exported: string, count: number}} Backup
 */

export const BACKUP_FORMAT = "selfhelp-course-backup";
export const BACKUP_VERSION = 1;

// items: {key without the prefix: stored text} (store.snapshot().items). In the file, keys carry
// the storage prefix, as they always have.
/**
 * @param {Record<string, string>} items store.snapshot().items
 * @param {string} exported an ISO time
 * @returns {string}
 */
export function makeBackup(items, exported) {
  const keys = Object.keys(items || {}).sort();
  /** @type {Record<string, string>} */
  const out = {};
  for (const key of keys) out[STORAGE_PREFIX + key] = items[key];
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exported: exported || "", count: keys.length, items: out }, null, 1);
}

/**
 * @param {string} reason
 * @param {string} message
 * @returns {Refusal}
 */
function refuse(reason, message) {
  return { ok: false, reason, message: `${message} Nothing on this device has been changed.` };
}

/**
 * @param {unknown} version
 * @returns {string}
 */
function versionProblem(version) {
  if (typeof version === "number" && version > BACKUP_VERSION) {
    return `This backup was made by a newer version of the course (backup version ${version}); this page can only read version ${BACKUP_VERSION}.`;
  }
  return `This backup has a version this page does not recognise (${JSON.stringify(version === undefined ? null : version)}); it can only read version ${BACKUP_VERSION}.`;
}

/**
 * @param {Record<string, any>} data a parsed backup
 * @returns {string}
 */
function itemsProblem(data) {
  if (!isPlainObject(data.items)) return "This course backup is damaged: its list of saved items is missing.";
  const entries = Object.entries(data.items);
  if (entries.some(([key]) => !key.startsWith(STORAGE_PREFIX) || key.length === STORAGE_PREFIX.length)) {
    return "This course backup is damaged: it holds an item that does not belong to the course.";
  }
  if (entries.some(([, value]) => typeof value !== "string")) return "This course backup is damaged: one of its saved items is not in the right form.";
  if (data.count !== undefined && data.count !== entries.length) return "This course backup is incomplete: it holds fewer or more items than it says.";
  if (data.exported !== undefined && typeof data.exported !== "string") return "This course backup is damaged: its date is not in the right form.";
  return "";
}

// -> {ok: true, items: {key without the prefix: text}, exported, count} or {ok: false, reason,
// message}. The whole file is checked before anything is written.
/**
 * @param {unknown} text
 * @returns {Backup | Refusal}
 */
export function parseBackup(text) {
  if (typeof text !== "string" || text.trim() === "") return refuse("empty", "This file is empty, so it is not a course backup.");
  let data;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return refuse("not-json", "This file is not a course backup: it is not readable as JSON.");
  }
  if (!isPlainObject(data) || data.format !== BACKUP_FORMAT) {
    return refuse("foreign", "This file is not a backup from this course (it may come from another app or website).");
  }
  if (data.version !== BACKUP_VERSION) return refuse("version", versionProblem(data.version));
  const problem = itemsProblem(data);
  if (problem) return refuse("malformed", problem);
  /** @type {Record<string, string>} */
  const items = {};
  for (const key of Object.keys(data.items).sort()) {
    const bare = key.slice(STORAGE_PREFIX.length);
    if (bare !== META_KEY) items[bare] = data.items[key]; // the store's own bookkeeping is its own
  }
  return { ok: true, items, exported: data.exported || "", count: Object.keys(items).length };
}

const REFLECTION = activityKey("reflection", "");
const titleOf = (/** @type {Record<string, string> | null | undefined} */ titles, /** @type {string} */ id) => (titles && hasOwn(titles, id) ? titles[id] : id);

/**
 * @param {Record<string, any>} value a reflection's stored entry
 * @param {string} title
 * @param {Framework[] | null | undefined} frameworks
 * @param {AddText} add
 */
function reflectionTexts(value, title, frameworks, add) {
  for (const [frameworkId, parts] of Object.entries(isPlainObject(value.texts) ? value.texts : {})) {
    if (!isPlainObject(parts)) continue;
    const framework = (frameworks || []).find((f) => f.id === frameworkId);
    for (const [partId, text] of Object.entries(parts)) {
      const part = framework && Array.isArray(framework.parts) ? framework.parts.find((p) => p.id === partId) : null;
      add(`Reflection "${title}": ${part ? part.heading : partId}`, text);
    }
  }
}

/**
 * @param {Record<string, any>} value the portfolio's stored entry
 * @param {Record<string, string> | null | undefined} titles
 * @param {AddText} add
 */
function portfolioTexts(value, titles, add) {
  const edits = cleanEdits(value);
  add("Portfolio: summary of practice", edits.details.summary);
  for (const [id, account] of Object.entries(edits.accounts)) {
    const title = titleOf(titles, id);
    for (const [form, fields] of Object.entries(FORMS)) {
      if (!account[form]) continue;
      for (const f of fields) add(`Portfolio, ${FORM_INFO[form].where} for "${title}": ${f.heading}`, account[form][f.id]);
    }
  }
  for (const [docname, row] of Object.entries(edits.log)) {
    add(`Portfolio, CPD log (${docname}): link to practice`, row.link);
    add(`Portfolio, CPD log (${docname}): hours typed, not yet valid`, row.refused); // kept as typed (log.js)
  }
}

// Learner text in a backup, for the privacy check: reflection texts, portfolio text and any entry
// that cannot be read (which could hold anything). items as for makeBackup; titles: {reflection id: title}.
/**
 * @param {Record<string, string>} items store.snapshot().items
 * @param {Record<string, string> | null | undefined} titles
 * @param {Framework[] | null | undefined} frameworks
 * @returns {LearnerText[]}
 */
export function backupTexts(items, titles, frameworks) {
  /** @type {LearnerText[]} */
  const out = [];
  /** @type {AddText} */
  const add = (where, text) => {
    if (typeof text === "string" && text.trim()) out.push({ where, text });
  };
  for (const key of Object.keys(items || {}).sort()) {
    const raw = items[key];
    if (key.includes(SET_ASIDE)) {
      add("An unreadable saved entry kept aside", raw);
      continue;
    }
    let value;
    try {
      // A key removed since it was listed holds null, which JSON.parse reads as null: skipped below.
      value = JSON.parse(/** @type {string} */ (raw));
    } catch {
      add(`A saved entry that cannot be read (${key})`, raw);
      continue;
    }
    if (!isPlainObject(value)) continue;
    if (key.startsWith(REFLECTION)) reflectionTexts(value, titleOf(titles, key.slice(REFLECTION.length)), frameworks, add);
    else if (key === PORTFOLIO_KEY) portfolioTexts(value, titles, add);
  }
  return out;
}
