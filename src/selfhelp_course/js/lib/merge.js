// @ts-check
// Merging learner data (pure: no DOM, no storage). A learner may have the course open in two
// tabs: each tab keeps the stored value it last saw (the base) and what it holds now (mine),
// and a write merges them with what is stored now (theirs), field by field, so one tab never
// overwrites what another saved.
//
// Text is what a learner cannot get back, so when both sides changed the same text differently
// nothing is dropped: this side's text stays in place and the other version is kept beside it
// in `conflicts`, for the learner to choose. Other values (choices, flags, lists) are cheap to
// redo, so there the latest write wins.

import { hasOwn } from "./own.js";

// Set by the store on every write; never merged.
const WRITTEN_BY_STORE = new Set(["updated", "conflicts", "rev", "parent"]);

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
}

// A check belongs to the answer it was made on. Two tabs' writes merge field by field, so one
// tab's choice can meet the other tab's "checked": the merged answer then counts as checked only
// if one side checked exactly that choice; otherwise it waits to be checked again (nothing the
// learner did is lost: the choice stays, and so do the tries). read(entry) -> {checked, ...}.
/**
 * @template {{checked: boolean}} A
 * @param {A} merged the merged answer
 * @param {{mine: unknown, theirs: unknown} | undefined} sides
 * @param {(side: unknown) => A} read
 * @param {(a: A, b: A) => boolean} sameChoice
 * @returns {boolean}
 */
export function checkedAsMade(merged, sides, read, sameChoice) {
  if (!merged.checked || !sides) return merged.checked;
  return [sides.mine, sides.theirs].some((side) => {
    const answer = read(side);
    return answer.checked && sameChoice(answer, merged);
  });
}

// merge3(base, mine, theirs) -> {value, conflicts: [{path, mine, theirs}]}. `undefined` means
// "absent". Objects merge key by key; see the rules at the top of this file.
/** @typedef {{path: string[], mine: unknown, theirs: unknown}} MergeConflict text both sides changed differently */
/**
 * @param {any} base
 * @param {any} mine
 * @param {any} theirs
 * @param {string[]} [path]
 * @returns {{value: any, conflicts: MergeConflict[]}}
 */
export function merge3(base, mine, theirs, path = []) {
  if (deepEqual(mine, theirs) || deepEqual(base, theirs)) return { value: mine, conflicts: [] };
  if (deepEqual(base, mine)) return { value: theirs, conflicts: [] };
  if (isPlainObject(mine) && isPlainObject(theirs)) return mergeObjects(base, mine, theirs, path);
  const mineText = typeof mine === "string";
  const theirText = typeof theirs === "string";
  if (mineText && theirText) return { value: mine, conflicts: [{ path, mine, theirs }] };
  // Text edited on one side and removed on the other: keep the text.
  if (theirText && mine === undefined) return { value: theirs, conflicts: [] };
  return { value: mine, conflicts: [] };
}

/**
 * @param {any} base
 * @param {Record<string, any>} mine
 * @param {Record<string, any>} theirs
 * @param {string[]} path
 * @returns {{value: Record<string, any>, conflicts: MergeConflict[]}}
 */
function mergeObjects(base, mine, theirs, path) {
  /** @type {Record<string, any>} */
  const value = {};
  /** @type {MergeConflict[]} */
  const conflicts = [];
  /** @type {Record<string, any>} */
  const from = isPlainObject(base) ? base : {};
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
    if (path.length === 0 && WRITTEN_BY_STORE.has(key)) continue;
    const merged = merge3(from[key], mine[key], theirs[key], [...path, key]);
    if (merged.value !== undefined) value[key] = merged.value;
    conflicts.push(...merged.conflicts);
  }
  return { value, conflicts };
}

// Where a conflict is kept: conflicts["<path as JSON>"] = {path, versions: [other texts], at}.
/**
 * @param {string[]} path
 * @returns {string}
 */
export function conflictKey(path) {
  return JSON.stringify(path);
}

/**
 * @param {unknown} value
 * @param {string[]} path
 * @returns {any}
 */
export function getAt(value, path) {
  return path.reduce((/** @type {any} */ node, key) => (isPlainObject(node) ? node[key] : undefined), value);
}

/**
 * @param {unknown} value
 * @param {string[]} path
 * @param {unknown} leaf
 * @returns {any}
 */
function setAt(value, path, leaf) {
  /** @type {Record<string, any>} */
  const copy = isPlainObject(value) ? { ...value } : {};
  if (path.length === 0) return leaf;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), leaf);
  return copy;
}

// The conflicts to keep after a merge: those either side held, except versions one side
// settled (it had the conflict in the base and has dropped it), plus the new ones found; no
// version equal to the text now in place. sides: {base, mine, theirs} (any may be undefined).
/**
 * @param {Record<string, any>} value the merged value
 * @param {{base?: any, mine?: any, theirs?: any}} sides
 * @param {MergeConflict[]} found
 * @param {string} at
 * @returns {Record<string, any>}
 */
export function keepConflicts(value, sides, found, at) {
  const map = (/** @type {any} */ v) => (isPlainObject(v && v.conflicts) ? v.conflicts : {});
  const [base, mine, theirs] = [map(sides.base), map(sides.mine), map(sides.theirs)];
  const valid = (/** @type {unknown} */ entry) => isPlainObject(entry) && Array.isArray(entry.path) && Array.isArray(entry.versions);
  /** @type {Record<string, {path: string[], versions: string[], at: string}>} */
  const kept = {};
  for (const [side, other] of [[mine, theirs], [theirs, mine]]) {
    for (const [key, entry] of Object.entries(side)) {
      if (!valid(entry)) continue;
      const settled = hasOwn(base, key) && !hasOwn(other, key);
      const old = valid(base[key]) ? base[key].versions : [];
      addVersions(kept, key, entry.path, entry.versions.filter((/** @type {unknown} */ v) => !(settled && old.includes(v))), entry.at || at);
    }
  }
  for (const conflict of found) addVersions(kept, conflictKey(conflict.path), conflict.path, [conflict.theirs], at);
  for (const [key, entry] of Object.entries(kept)) {
    const current = getAt(value, entry.path);
    entry.versions = entry.versions.filter((text) => text !== current);
    if (!entry.versions.length) delete kept[key];
  }
  const result = { ...value };
  if (Object.keys(kept).length) result.conflicts = kept;
  else delete result.conflicts;
  return result;
}

/**
 * @param {Record<string, {path: string[], versions: string[], at: string}>} kept
 * @param {string} key
 * @param {string[]} path
 * @param {unknown[]} versions
 * @param {string} at
 */
function addVersions(kept, key, path, versions, at) {
  const entry = kept[key] || (kept[key] = { path, versions: [], at });
  for (const text of versions) if (typeof text === "string" && !entry.versions.includes(text)) entry.versions.push(text);
}

// The learner chose `text` for the field at `path`: the value to write, with that conflict gone.
// A version they did not choose is dropped only because they chose so.
/**
 * @param {unknown} value
 * @param {string[]} path
 * @param {string} text
 * @returns {any}
 */
export function resolveConflict(value, path, text) {
  const chosen = setAt(value, path, text);
  const conflicts = { ...(isPlainObject(chosen.conflicts) ? chosen.conflicts : {}) };
  delete conflicts[conflictKey(path)];
  if (Object.keys(conflicts).length) chosen.conflicts = conflicts;
  else delete chosen.conflicts;
  return chosen;
}

// The conflicts held in a value, as a list: [{key, path, current, versions}].
/**
 * @param {unknown} value
 * @returns {{key: string, path: string[], current: unknown, versions: string[]}[]}
 */
export function conflictsIn(value) {
  if (!isPlainObject(value) || !isPlainObject(value.conflicts)) return [];
  return Object.entries(value.conflicts)
    .filter(([, entry]) => isPlainObject(entry) && Array.isArray(entry.path) && Array.isArray(entry.versions))
    .map(([key, entry]) => ({ key, path: entry.path, current: getAt(value, entry.path), versions: entry.versions }));
}

// An entry arriving from elsewhere (a backup, a learning system) meets the stored one, with no
// common base: the newer one's choices win, and any text that differs keeps both versions.
/**
 * @param {any} stored
 * @param {any} incoming
 * @returns {Record<string, any>}
 */
export function mergeUnrelated(stored, incoming) {
  const time = (/** @type {unknown} */ v) => Date.parse(isPlainObject(v) && v.updated) || 0;
  const [newer, older] = time(incoming) >= time(stored) ? [incoming, stored] : [stored, incoming];
  const { value, conflicts } = merge3(undefined, newer, older);
  const updated = [stored, incoming].map((v) => v && v.updated).filter((u) => typeof u === "string").sort().pop();
  const kept = keepConflicts(value, { mine: newer, theirs: older }, conflicts, updated || "");
  if (updated) kept.updated = updated;
  return kept;
}
