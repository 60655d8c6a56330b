// @ts-check
// The learner's own fields in the CPD portfolio (pure: no DOM, no storage).
//
// They are one stored entry, "portfolio" (kept in step by lib/entry.js, so two tabs merge):
//   {v: 2, page: PORTFOLIO_PAGE (lib/facts.js),
//    details: {name, body, bodyOther, summary},   body: an id in forms.js BODIES, or ""
//    accounts: {reflection id: {nmc: {nature, learned, changed, code, themes: [...]}, hcpc: {...},
//               swe?: {...}, scw?: {...}, sssc?: {...}, niscc?: {...}, gmc?: {...}}},
//    log: {docname: {hours, participatory, link}},
//    updated, conflicts?}
// Only what the learner changed is stored: the rest of the record is worked out afresh from the
// reflections and progress the course pages saved (record.js), so it follows them.
import { ENTRY_VERSIONS } from "../../lib/facts.js";
import { isPlainObject } from "../../lib/merge.js";
import { cpdTime, minutesOfHours } from "../../lib/cpd-time.js";
import { parseHours } from "../../portfolio/hours.js";
import { CODE_THEMES, FORMS, PORTFOLIO_PAGE } from "./forms.js";

/**
 * @typedef {import("../../lib/shapes.generated.js").PortfolioEntryDetails} Details
 * @typedef {import("../../lib/shapes.generated.js").PortfolioLogRow} LogRow
 * @typedef {import("../../lib/shapes.generated.js").Conflicts} Conflicts
 * The learner's own fields as the widget holds them (cleanEdits): the "portfolio" entry's
 * details, accounts by reflection id (each form's text by field id; the NMC's `themes` a list)
 * and CPD-log rows by docname, with the versions two tabs saved differently.
 * @typedef {{details: Details, accounts: Record<string, Record<string, any>>, log: Record<string, LogRow>, conflicts?: Conflicts}} Edits
 */

// The `v` of its stored entries (_facts.py, through lib/facts.js; compact.js reads the same).
export const ENTRY_VERSION = ENTRY_VERSIONS.portfolio;

/** @type {(keyof Details)[]} */
const DETAILS = ["name", "body", "bodyOther", "summary"];

// Objects without a prototype, so that an id such as "constructor" or "__proto__" is only a key.
const bare = (from = {}) => Object.assign(Object.create(null), from);

/** @returns {Edits} */
export function emptyEdits() {
  return { details: bare(), accounts: bare(), log: bare() };
}

// The NMC and HCPC forms are always there (as they always were); another regulator's form only
// once the learner has written in it.
/**
 * @param {Record<string, any>} account
 * @returns {Record<string, any>}
 */
function cleanAccount(account) {
  /** @type {Record<string, Record<string, any>>} */
  const clean = { nmc: bare(), hcpc: bare() };
  for (const [form, fields] of Object.entries(FORMS)) {
    const given = isPlainObject(account[form]) ? account[form] : null;
    if (!given) continue;
    clean[form] = clean[form] || bare();
    for (const field of fields) if (typeof given[field.id] === "string") clean[form][field.id] = given[field.id];
  }
  if (isPlainObject(account.nmc) && Array.isArray(account.nmc.themes)) {
    clean.nmc.themes = CODE_THEMES.map((t) => t.id).filter((id) => account.nmc.themes.includes(id));
  }
  return clean;
}

// Hours are kept as stored, even when they cannot be used (record.js reports those rather than
// repairing them), until the learner enters new ones.
/**
 * @param {Record<string, any>} row
 * @returns {LogRow}
 */
function cleanRow(row) {
  const clean = bare();
  if (typeof row.hours === "number" || typeof row.hours === "string") clean.hours = row.hours;
  if (typeof row.refused === "string") clean.refused = row.refused; // typed, not yet valid (log.js)
  if (typeof row.participatory === "boolean") clean.participatory = row.participatory;
  if (typeof row.link === "string") clean.link = row.link;
  return clean;
}

// What the "portfolio" entry holds, cleaned: unknown or wrongly typed fields are dropped.
/**
 * @param {unknown} raw
 * @returns {Edits}
 */
export function cleanEdits(raw) {
  const edits = emptyEdits();
  if (!isPlainObject(raw)) return edits;
  const details = isPlainObject(raw.details) ? raw.details : {};
  for (const field of DETAILS) if (typeof details[field] === "string") edits.details[field] = details[field];
  for (const [id, account] of Object.entries(isPlainObject(raw.accounts) ? raw.accounts : {})) {
    if (isPlainObject(account)) edits.accounts[id] = cleanAccount(account);
  }
  for (const [docname, row] of Object.entries(isPlainObject(raw.log) ? raw.log : {})) {
    if (isPlainObject(row)) edits.log[docname] = cleanRow(row);
  }
  if (isPlainObject(raw.conflicts)) edits.conflicts = raw.conflicts;
  return edits;
}

// The stored form (plain objects, for JSON and merging).
/** @param {Edits} edits */
export function entryValue(edits) {
  const plain = (/** @type {unknown} */ value) => JSON.parse(JSON.stringify(value));
  /** @type {Edits & {v: number, page: string}} */
  const value = { v: ENTRY_VERSION, page: PORTFOLIO_PAGE, details: plain(edits.details), accounts: plain(edits.accounts), log: plain(edits.log) };
  if (edits.conflicts) value.conflicts = edits.conflicts;
  return value;
}

// The edits with one field changed: path such as ["details", "name"], ["accounts", id, "nmc",
// "learned"] or ["log", docname, "hours"]; value undefined removes the field (or a whole account,
// for "fill in again"). Returns new objects; the old ones are not changed.
/**
 * @param {Edits} edits
 * @param {string[]} path
 * @param {unknown} value
 * @returns {Edits}
 */
export function editField(edits, path, value) {
  const set = (/** @type {any} */ node, /** @type {string[]} */ [key, ...rest]) => {
    const copy = bare(isPlainObject(node) ? node : {});
    if (rest.length) copy[key] = set(copy[key], rest);
    else if (value === undefined) delete copy[key];
    else copy[key] = Array.isArray(value) ? value.slice() : value;
    return copy;
  };
  const next = set(edits, path);
  /** @type {Edits} */
  const result = { details: next.details, accounts: next.accounts, log: next.log };
  const conflicts = value === undefined ? withoutConflictsUnder(edits.conflicts, path) : edits.conflicts;
  if (conflicts) result.conflicts = conflicts;
  return result;
}

// What is removed takes its unsettled versions with it ("fill in again" is the learner's choice).
/**
 * @param {unknown} conflicts
 * @param {string[]} path
 * @returns {Conflicts | undefined}
 */
function withoutConflictsUnder(conflicts, path) {
  if (!isPlainObject(conflicts)) return undefined;
  const under = (/** @type {unknown} */ entry) => isPlainObject(entry) && Array.isArray(entry.path) && path.every((key, i) => entry.path[i] === key);
  const kept = Object.fromEntries(Object.entries(conflicts).filter(([, entry]) => !under(entry)));
  return Object.keys(kept).length ? kept : undefined;
}

// What typing `text` in a log row's hours field does: {ok: true, hours, note} with hours to store
// (undefined: the field was emptied, so the course's estimate counts again), or {ok: false,
// message} to show next to the field while what was typed stays there.
/**
 * @param {unknown} text
 * @param {number} estimate
 */
export function readHours(text, estimate) {
  if (String(text ?? "").trim() === "") {
    return { ok: true, hours: undefined, note: `Left empty, so the course's estimate is used: ${cpdTime(minutesOfHours(estimate))}.` };
  }
  const read = parseHours(text);
  if (!read.ok) return { ok: false, message: read.message };
  return { ok: true, hours: read.hours, note: read.note || "" };
}
