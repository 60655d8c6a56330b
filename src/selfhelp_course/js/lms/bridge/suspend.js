// @ts-check
// The course's state in cmi.suspend_data, so that a learner's progress follows them to any
// browser their LMS opens the course in. Pure apart from the browser's CompressionStream.
//
// What goes: every progress entry (knowledge checks, sorting, scenarios, the explorer, pages
// marked read); the learner's own writing (reflections, the portfolio) only when they have
// turned sharing on. For writing that stays behind, only the keys of finished activities go
// ("done"), so the LMS can still count them; never their text.
//
// Format: "z1:" + base64(deflate-raw(JSON)), or "j1:" + JSON when there was no time to compress
// (the page was closing). JSON: {v: 1, share, entries: {key: value}, done: [key],
// sent: {check id: answer}} (sent: the knowledge-check answers already sent as interactions).
// SCORM allows 64,000 characters in 2004 and 4,096 in 1.2: what does not fit stays on the device.
// SCORM 1.2 writes the same payload in compact form (compact.js): "c1:" + base64(deflate-raw(
// compact JSON)), or "k1:" + compact JSON when closing; every older format still decodes.

import { ACTIVITY_KINDS, LEARNER_KEY, READ_KEY_PREFIX, kindOfKey } from "../../lib/facts.js";
import { compactState, expandState } from "./compact.js";

/**
 * @typedef {import("../../lib/store.js").StoredEntry} StoredEntry
 * @typedef {import("../../lib/manifest.js").Manifest} Manifest
 * @typedef {{v?: number, share: boolean, entries: Record<string, StoredEntry>, done: string[], sent: Record<string, string>}} Payload
 *   the course state as it goes into cmi.suspend_data (v: 1) and comes back (decode)
 * @typedef {{entries: Record<string, StoredEntry>, share: boolean, carried?: string[], sent?: Record<string, string>}} State
 *   what pack() is given (connect.js state())
 */

export const LIMITS = { "2004": 64000, "1.2": 4096 };
// Progress: every activity kind that is not the learner's own words (_facts.py says which).
const PROGRESS_KINDS = Object.values(ACTIVITY_KINDS).filter((kind) => !kind.private).map((kind) => kind.kind);

// Progress is always sent; anything else (reflections, the portfolio, kinds not known here) is
// the learner's own and goes only if they say so.
/** @param {unknown} key */
export function isProgress(key) {
  const text = String(key);
  // The summative assessment (contracts.md: key assessment:final) is progress too, before and
  // after _facts.py lists its kind.
  return text === LEARNER_KEY || text.startsWith(READ_KEY_PREFIX) || kindOfKey(text) === "assessment"
    || PROGRESS_KINDS.includes(kindOfKey(text));
}

/** @param {StoredEntry | undefined} value */
function isDone(value) {
  return Boolean(value && typeof value === "object" && value.complete === true);
}

/** @param {Uint8Array} bytes */
function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

/** @param {string} text */
function fromBase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @param {CompressionStream | DecompressionStream} stream
 */
async function through(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** @param {Payload} payload */
export async function encode(payload) {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  return `z1:${toBase64(await through(json, new CompressionStream("deflate-raw")))}`;
}

// For a page that is closing: no time to wait for compression.
/** @param {Payload} payload */
export function encodeNow(payload) {
  return `j1:${JSON.stringify(payload)}`;
}

// SCORM 1.2: the compact form (compact.js), for the course `manifest`.
/**
 * @param {Payload} payload
 * @param {Manifest | null | undefined} manifest
 */
export async function encodeCompact(payload, manifest) {
  const json = new TextEncoder().encode(JSON.stringify(compactState(payload, manifest)));
  return `c1:${toBase64(await through(json, new CompressionStream("deflate-raw")))}`;
}

/**
 * @param {Payload} payload
 * @param {Manifest | null | undefined} manifest
 */
export function encodeCompactNow(payload, manifest) {
  return `k1:${JSON.stringify(compactState(payload, manifest))}`;
}

// {status: "empty" | "ok" | "corrupt", value: {share, entries, done, sent}}; the compact forms
// need the course manifest to find each entry's key again.
/**
 * @param {string} text
 * @param {Manifest | null} [manifest]
 */
export async function decode(text, manifest = null) {
  if (!text) return { status: "empty", value: emptyState() };
  try {
    let json;
    if (text.startsWith("c1:")) {
      const inflated = new TextDecoder().decode(await through(fromBase64(text.slice(3)), new DecompressionStream("deflate-raw")));
      return { status: "ok", value: checked(expandState(JSON.parse(inflated), manifest)) };
    }
    if (text.startsWith("k1:")) return { status: "ok", value: checked(expandState(JSON.parse(text.slice(3)), manifest)) };
    if (text.startsWith("z1:")) {
      json = new TextDecoder().decode(await through(fromBase64(text.slice(3)), new DecompressionStream("deflate-raw")));
    } else if (text.startsWith("j1:")) {
      json = text.slice(3);
    } else {
      return { status: "corrupt", value: emptyState() };
    }
    return { status: "ok", value: checked(JSON.parse(json)) };
  } catch {
    return { status: "corrupt", value: emptyState() };
  }
}

/** @returns {Payload} */
function emptyState() {
  return { share: false, entries: {}, done: [], sent: {} };
}

// Only well-formed parts of a decoded state are used.
/** @param {any} data the state as decoded (JSON) */
function checked(data) {
  const state = emptyState();
  if (!data || typeof data !== "object") return state;
  state.share = data.share === true;
  if (data.entries && typeof data.entries === "object" && !Array.isArray(data.entries)) {
    for (const [key, value] of Object.entries(data.entries)) {
      if (value && typeof value === "object" && !Array.isArray(value)) state.entries[key] = value;
    }
  }
  if (Array.isArray(data.done)) state.done = data.done.filter((/** @type {unknown} */ key) => typeof key === "string");
  if (data.sent && typeof data.sent === "object") {
    for (const [id, answer] of Object.entries(data.sent)) if (typeof answer === "string") state.sent[id] = answer;
  }
  return state;
}

// Entries that never go, shared or not: the course evaluation (contracts.md: private, never in
// suspend_data; its ratings reach the LMS as interactions only, evaluation.js, never its text).
/** @param {unknown} key */
export function neverSent(key) {
  return String(key).startsWith("evaluation:");
}

// What may go, most needed first: progress, smallest first; then, when shared, the learner's own
// writing, smallest first (so that as many pieces as possible fit).
/** @param {State} state */
function candidates({ entries, share }) {
  /** @param {string} key */
  const size = (key) => JSON.stringify(entries[key]).length;
  /**
   * @param {string} a
   * @param {string} b
   */
  const bySize = (a, b) => size(a) - size(b) || (a < b ? -1 : 1);
  const keys = Object.keys(entries).filter((key) => !neverSent(key));
  return [...keys.filter(isProgress).sort(bySize), ...(share ? keys.filter((k) => !isProgress(k)).sort(bySize) : [])];
}

// The payload with the entries `keys`; every other finished activity is listed in `done`.
/**
 * @param {State} state
 * @param {string[]} keys
 * @returns {Payload}
 */
function payload({ entries, share, carried = [], sent = {} }, keys) {
  const included = new Set(keys);
  const finished = Object.keys(entries).filter((key) => isDone(entries[key]));
  const done = [...new Set([...carried, ...finished])].filter((key) => !included.has(key)).sort();
  return { v: 1, share, entries: Object.fromEntries(keys.map((key) => [key, entries[key]])), done, sent };
}

// The suspend data for `state` ({entries: the store's, by key; share; carried: keys of finished
// activities other devices reported and this one lacks; sent}), within `limit` characters.
// Returns {text, kept: [key], left: [key]}: `left` are entries that stay on this device only
// because they would not fit (never those held back because sharing is off).
/**
 * @param {State} state
 * @param {number} limit
 * @param {(payload: Payload) => Promise<string>} [encoder]
 */
export async function pack(state, limit, encoder = encode) {
  const all = candidates(state);
  let text = await encoder(payload(state, all));
  if (text.length <= limit) return { text, kept: all, left: [] };
  /** @type {string[]} */
  const kept = [];
  /** @type {string[]} */
  const left = [];
  text = await encoder(payload(state, []));
  for (const key of all) {
    const attempt = await encoder(payload(state, [...kept, key]));
    if (attempt.length <= limit) {
      kept.push(key);
      text = attempt;
    } else {
      left.push(key);
    }
  }
  return { text, kept, left };
}

// For a page that is closing (no time to compress): everything, uncompressed, if it fits; else null.
/**
 * @param {State} state
 * @param {number} limit
 * @param {(payload: Payload) => string} [encoder]
 */
export function packNow(state, limit, encoder = encodeNow) {
  const text = encoder(payload(state, candidates(state)));
  return text.length <= limit ? text : null;
}
