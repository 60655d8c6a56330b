// @ts-check
// The learner's seed (pure apart from the store it is given): one random string, written once
// into the learner entry (LEARNER_KEY), which is progress and so follows the learner to other
// tabs, devices and an LMS. Knowledge checks shuffle their options with it (shuffle.js), so a
// learner sees the same order on every visit and another learner sees another.
import { ENTRY_VERSIONS, LEARNER_KEY } from "./facts.js";
import { conflictKey, isPlainObject } from "./merge.js";

const SEED = /^[0-9a-z]{12,64}$/;
const SEED_LENGTH = 16;

/**
 * @typedef {import("./store.js").Store} Store
 * @typedef {import("./store.js").StoredEntry} StoredEntry
 */
/**
 * @param {unknown} value
 * @returns {value is string}
 */
export function validSeed(value) {
  return typeof value === "string" && SEED.test(value);
}

/**
 * @param {unknown} entry
 * @returns {string | null}
 */
export function seedOf(entry) {
  return isPlainObject(entry) && validSeed(entry.seed) ? entry.seed : null;
}

/**
 * @param {number} count
 * @returns {Uint8Array}
 */
function randomBytes(count) {
  return globalThis.crypto.getRandomValues(new Uint8Array(count));
}

// A fresh seed: base 36, from the browser's cryptographic random numbers (never the clock).
/**
 * @param {(count: number) => Uint8Array} [bytes]
 * @returns {string}
 */
export function freshSeed(bytes = randomBytes) {
  return Array.from(bytes(SEED_LENGTH), (byte) => (byte % 36).toString(36)).join("");
}

// derive() for writing the seed: if another tab wrote a seed first, that one stays (and is not
// kept as a "conflict" beside it: a seed is not the learner's text).
/**
 * @param {StoredEntry & {seed?: string}} value
 * @param {import("./store.js").Sides} [sides]
 * @returns {object}
 */
export function keepFirstSeed(value, sides) {
  const first = seedOf(sides && sides.theirs);
  if (!first || first === value.seed) return {};
  const conflicts = { ...(isPlainObject(value.conflicts) ? value.conflicts : {}) };
  delete conflicts[conflictKey(["seed"])];
  return { seed: first, conflicts: Object.keys(conflicts).length ? conflicts : undefined };
}

// The stored seed, or null (reading only).
/**
 * @param {Store} store
 * @returns {string | null}
 */
export function storedSeed(store) {
  const read = store.read(LEARNER_KEY);
  return read.status === "ok" ? seedOf(read.value) : null;
}

// The learner's seed: the stored one, or a fresh one written now (once: a tab that finds one
// written meanwhile takes it). With storage blocked nothing can be kept, so the seed lasts for
// this visit only.
/**
 * @param {Store} store
 * @param {(count: number) => Uint8Array} [bytes]
 * @returns {string}
 */
export function learnerSeed(store, bytes = randomBytes) {
  const read = store.read(LEARNER_KEY);
  const stored = read.status === "ok" ? seedOf(read.value) : null;
  if (stored) return stored;
  const seed = freshSeed(bytes);
  if (read.status === "unavailable") return seed;
  const base = read.status === "ok" ? read.value : undefined;
  const written = store.update(LEARNER_KEY, base, { v: ENTRY_VERSIONS.learner, ...(base || {}), seed }, keepFirstSeed);
  return (written.ok && seedOf(written.value)) || seed;
}
