// @ts-check
// The learner-data store: the only code that touches localStorage. Every widget, the page's
// progress box, the progress page, the portfolio and the LMS bridge go through it.
//
// - Writes merge (read, merge with what this tab last saw, write): two tabs editing different
//   parts never overwrite each other, and text changed in both is kept in both versions.
// - Every change is announced: to this tab (another widget, or the progress box, on the same
//   page) with a window event, to other tabs by the browser's `storage` event.
// - "Clear all" and "import a backup" bump a generation number that every write checks, so a
//   stale tab cannot write back what was cleared or replaced.
// - An entry that cannot be read is moved aside once (key + ":unreadable:" + time) and listed,
//   never silently dropped or overwritten.
// - Each learner's data is kept apart (a "space"): on the open website, everything under the
//   course's prefix; inside an LMS's launch page, a space of that LMS learner's own, so two people
//   on one computer never see, merge or send each other's work; in shared-computer mode, the
//   website's space in sessionStorage, gone when the browser closes. Widgets need not know.
// - Storage that is blocked or full is reported as a reason ("unavailable", "full") for the
//   caller to put into words (notice.js).
import { declaredAbove } from "./above.js";
import { META_KEY, SPACE_MARK, STORAGE_PREFIX } from "./facts.js";
import { isPlainObject, keepConflicts, merge3, mergeUnrelated } from "./merge.js";

/**
 * A stored entry: one activity's data (or the portfolio's, the learner's settings) as a plain
 * object, with what the store adds on every write (`updated`, `rev`, `parent`, `conflicts`:
 * merge.js) and the fields a widget's derive() works out (`complete`, `attempted`). The rest is
 * the widget's own, versioned by `v` (each widget's state module). Generated from
 * data/schemas/entry-stored.schema.json; each kind's own shape is entry-<kind>.schema.json
 * (shapes.generated.d.ts: CheckEntry, ReflectionEntry...).
 * @typedef {import("./shapes.generated.js").StoredEntry} StoredEntry
 */
/**
 * store.read(key): what is stored under one key.
 * @typedef {{status: "ok", value: StoredEntry, setAside?: undefined} | {status: "empty", value?: undefined, setAside?: undefined}
 *   | {status: "corrupt", value?: undefined, setAside: string | null}
 *   | {status: "unavailable", value?: undefined, setAside?: undefined}} ReadResult
 */
/**
 * store.update(key, base, mine, derive): the merged value written, or why nothing was.
 * ok: true with `value` and `conflicts`; ok: false with `reason` ("unavailable", "full", "cleared",
 * "replaced") and, for the last two, `at` (ms).
 * @typedef {{ok: boolean, value?: StoredEntry, conflicts?: object[], reason?: string, at?: number}} UpdateResult
 */

export const CHANGE_EVENT = "course-learner-data-change";
// Marks a key moved aside because its entry could not be read: <key>:unreadable:<time>.
export const SET_ASIDE = ":unreadable:";

/**
 * @param {any} error what storage threw
 * @returns {"full" | "unavailable"}
 */
function reasonOf(error) {
  return error && (error.name === "QuotaExceededError" || error.code === 22) ? "full" : "unavailable";
}

// {key, from: the key it was set aside from, when: ms since 1970, from the key, or null}.
/**
 * @param {string} key
 * @returns {{key: string, from: string, when: number | null}}
 */
function asideItem(key) {
  const at = key.indexOf(SET_ASIDE);
  return { key, from: key.slice(0, at), when: Number(key.slice(at + SET_ASIDE.length)) || null };
}

// ------------------------------------------------------------------------- learner spaces
// A space: {kind: "website" | "shared" | "lms", prefix, area: "local" | "session", learner?}.
/** @typedef {{kind: "website" | "shared" | "lms", prefix: string, area: "local" | "session", learner?: string}} Space */
export const WEBSITE = Object.freeze({ kind: "website", prefix: STORAGE_PREFIX, area: "local" });
export const SHARED_COMPUTER = Object.freeze({ kind: "shared", prefix: STORAGE_PREFIX, area: "session" });
// Set in sessionStorage (never localStorage) while shared-computer mode is on in this tab.
const SHARED_FLAG = `${STORAGE_PREFIX}${SPACE_MARK}shared-computer`;
const LMS_PREFIX = `${STORAGE_PREFIX}${SPACE_MARK}lms:`;

// The space of one LMS learner, from cmi.core.student_id / cmi.learner_id. The id is URL-encoded,
// so it holds no ":" and no learner's prefix can start another's. With no id the LMS cannot say
// who this is: the work is kept for this tab only (sessionStorage) and shared with no one.
/**
 * @param {unknown} id
 * @returns {Space}
 */
export function learnerSpace(id) {
  const text = typeof id === "string" ? id.trim() : "";
  if (!text) return Object.freeze({ kind: "lms", prefix: `${STORAGE_PREFIX}${SPACE_MARK}lms-anonymous:`, area: "session", learner: "" });
  return Object.freeze({ kind: "lms", prefix: `${LMS_PREFIX}${encodeURIComponent(text)}:`, area: "local", learner: text });
}

/**
 * @param {any} space
 * @returns {space is Space}
 */
function validSpace(space) {
  return Boolean(space && typeof space === "object" && typeof space.prefix === "string"
    && space.prefix.startsWith(STORAGE_PREFIX + SPACE_MARK) && (space.area === "local" || space.area === "session"));
}

// The space of the page in `win`: a launch page (this window or one framing it, same origin)
// declares its learner's space as window.courseLearnerSpace before it shows any course page;
// otherwise shared-computer mode if this tab turned it on, else the open website.
/**
 * @param {Window | null} [win]
 * @returns {Space}
 */
export function currentSpace(win = typeof window === "undefined" ? null : window) {
  const declared = declaredAbove(win, (w) => (validSpace(w.courseLearnerSpace) ? w.courseLearnerSpace : null));
  if (declared) {
    return Object.freeze({ kind: "lms", prefix: declared.prefix, area: declared.area, learner: String(declared.learner || "") });
  }
  try {
    if (win && win.sessionStorage.getItem(SHARED_FLAG) === "on") return SHARED_COMPUTER;
  } catch {
    /* no session storage: the website's space */
  }
  return WEBSITE;
}

/**
 * @param {any} value
 * @returns {any}
 */
function strip(value) {
  if (!isPlainObject(value)) return value;
  const { updated, conflicts, rev, parent, ...rest } = value;
  return rest;
}

// When the last clear or import was made (ms; `now` for a generation that does not say).
/**
 * @param {{at?: any}} meta
 * @param {Date} now
 * @returns {number}
 */
function timeOf(meta, now) {
  const at = Date.parse(meta.at);
  return Number.isNaN(at) ? now.getTime() : at;
}

/**
 * @param {Storage} s
 * @param {string} prefix
 * @returns {{generation: number, reason?: string, at?: string}}
 */
function readMeta(s, prefix) {
  try {
    const value = JSON.parse(/** @type {string} */ (s.getItem(prefix + META_KEY))); // null when none: parsed as null
    return isPlainObject(value) && Number.isInteger(value.generation) ? /** @type {{generation: number}} */ (value) : { generation: 0 };
  } catch {
    return { generation: 0 };
  }
}

// The keys of one space, without its prefix: never another space's, never the store's notes.
/**
 * @param {string | null | undefined} fullKey
 * @param {string} prefix
 * @returns {string | null}
 */
function ownKey(fullKey, prefix) {
  if (fullKey === null || fullKey === undefined || !String(fullKey).startsWith(prefix)) return null;
  const key = String(fullKey).slice(prefix.length);
  return key.startsWith(SPACE_MARK) ? null : key;
}

/**
 * @param {Storage} s
 * @param {string} prefix
 * @returns {string[]}
 */
function keysOf(s, prefix) {
  const keys = [];
  for (let i = 0; i < s.length; i += 1) {
    const key = ownKey(s.key(i), prefix);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/**
 * @typedef {object} StoreOptions
 * @property {() => Storage} [storage] the storage to use (tests)
 * @property {any} [target] the window (or, in tests, an EventTarget) whose events the store sends and hears
 * @property {Space} [space] the learner space (default: the page's, currentSpace())
 * @property {() => Date} [now]
 */
class LearnerStore {
  // options (for tests): storage() returns a Storage; target receives and sends events; now().
  // options.space: the learner space (default: the page's, currentSpace(); with a test's own
  // storage, the website's).
  /**
   * @param {StoreOptions} [options]
   */
  constructor(options = {}) {
    this.target = options.target || window;
    this.space = options.space || (options.storage ? WEBSITE : currentSpace(this.target));
    this.prefix = this.space.prefix;
    this.storage = options.storage || (() => (this.space.area === "session" ? window.sessionStorage : window.localStorage));
    this.now = options.now || (() => new Date());
    this.source = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    // Entries set aside while this page is open, by any store on it (widgets are bundled with
    // their own copy of this module): a widget that starts after the progress box set its
    // entry aside still tells the learner.
    this.recent = this.target.courseSetAside || (this.target.courseSetAside = new Map());
    const s = this.area();
    this.generation = s ? readMeta(s, this.prefix).generation : 0;
  }

  // Which space this store keeps: "website", "shared" (shared-computer mode) or "lms".
  where() {
    return this.space.kind;
  }

  area() {
    try {
      return this.storage() || null;
    } catch {
      return null;
    }
  }

  available() {
    const s = this.area();
    if (!s) return false;
    try {
      s.getItem(this.prefix + META_KEY);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * @param {string[] | null} keys the keys changed, or null: everything
   * @param {string | null} [reason] "cleared" | "replaced" for everything
   */
  announce(keys, reason = null) {
    this.target.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: { keys, reason, source: this.source } }));
  }

  // Move an unreadable entry aside, once, so nothing can overwrite it; null if refused.
  /**
   * @param {Storage} s
   * @param {string} key
   * @param {string} text
   * @returns {string | null}
   */
  setAside(s, key, text) {
    const aside = `${key}${SET_ASIDE}${this.now().getTime()}`;
    try {
      s.setItem(this.prefix + aside, text);
      s.removeItem(this.prefix + key);
    } catch {
      return null;
    }
    this.recent.set(this.prefix + key, aside);
    this.announce([key, aside]);
    return aside;
  }

  /**
   * @param {Storage} s
   * @param {string} key
   * @returns {ReadResult}
   */
  readFrom(s, key) {
    let text;
    try {
      text = s.getItem(this.prefix + key);
    } catch {
      return { status: "unavailable" };
    }
    if (text === null || text === undefined) {
      const recent = this.recent.get(this.prefix + key);
      return recent ? { status: "corrupt", setAside: recent } : { status: "empty" };
    }
    try {
      const value = JSON.parse(text);
      if (isPlainObject(value)) return { status: "ok", value };
    } catch {
      /* unreadable: set aside below */
    }
    return { status: "corrupt", setAside: this.setAside(s, key, text) };
  }

  // A readable entry a widget cannot use (the wrong shape): set aside like an unreadable one.
  /**
   * @param {string} key
   * @returns {string | null}
   */
  putAside(key) {
    const s = this.area();
    /** @type {string | null} */
    let text = null;
    try {
      text = s ? s.getItem(this.prefix + key) : null;
    } catch {
      text = null;
    }
    return text === null ? null : this.setAside(/** @type {Storage} */ (s), key, text); // text came from s
  }

  // -> {status: "ok" | "empty" | "corrupt" | "unavailable", value?, setAside?}
  /**
   * @param {string} key
   * @returns {ReadResult}
   */
  read(key) {
    const s = this.area();
    return s ? this.readFrom(s, key) : { status: "unavailable" };
  }

  // Everything the course holds: {status, entries: {key: value}, setAside: [{key, from, when}]}.
  readAll() {
    const none = { status: "unavailable", entries: {}, setAside: [] };
    const s = this.area();
    let keys;
    try {
      keys = s ? keysOf(s, this.prefix) : null;
    } catch {
      keys = null;
    }
    if (!keys) return none;
    /** @type {Record<string, StoredEntry>} */
    const entries = {};
    const setAside = [];
    for (const key of keys.filter((k) => k !== META_KEY)) {
      if (key.includes(SET_ASIDE)) {
        setAside.push(asideItem(key));
        continue;
      }
      const result = this.readFrom(/** @type {Storage} */ (s), key); // keys came from s
      if (result.status === "ok") entries[key] = result.value;
      else if (result.setAside) setAside.push(asideItem(result.setAside));
    }
    return { status: "ok", entries, setAside };
  }

  // Every course key's text exactly as stored (set-aside entries too), for a backup that
  // restores byte for byte; the store's own bookkeeping (the clear-all generation) is left out.
  // -> {status: "ok", items: {key: text}} | {status: "unavailable", items: {}}
  snapshot() {
    const s = this.area();
    if (!s) return { status: "unavailable", items: {} };
    try {
      /** @type {Record<string, string>} */
      const items = {};
      for (const key of keysOf(s, this.prefix)) {
        if (key === META_KEY) continue;
        const text = s.getItem(this.prefix + key); // null: another tab removed it since it was listed
        if (text !== null) items[key] = text;
      }
      return { status: "ok", items };
    } catch {
      return { status: "unavailable", items: {} };
    }
  }

  // Null if this tab may write; otherwise why not ("cleared" or "replaced" elsewhere).
  /**
   * @param {Storage} s
   * @returns {"cleared" | "replaced" | null}
   */
  staleReason(s) {
    const meta = readMeta(s, this.prefix);
    if (meta.generation === this.generation) return null;
    this.generation = meta.generation;
    this.staleAt = timeOf(meta, this.now());
    return meta.reason === "replaced" ? "replaced" : "cleared";
  }

  /**
   * @param {Storage} s
   * @param {string} key
   * @param {StoredEntry} value
   * @returns {{ok: boolean, value?: StoredEntry, reason?: string}}
   */
  writeValue(s, key, value) {
    try {
      s.setItem(this.prefix + key, JSON.stringify(value));
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
    this.announce([key]);
    return { ok: true, value };
  }

  // Merge `mine` (this tab's value) with what is stored, given `base` (what this tab last read
  // or wrote), and write the result. derive(value, {mine, theirs}) adds fields worked out from
  // the data (complete, attempted; checked only as made, merge.js checkedAsMade).
  // A write is refused ("cleared", "replaced", with `at`: when, in ms) after a clear or an import
  // elsewhere, and when the entry this tab merged from has since been deleted: only a clear, an
  // import or a learner leaving an LMS computer deletes an entry, and the browser may tell this
  // tab of the deletion before it tells of the new generation.
  // -> {ok: true, value, conflicts} | {ok: false, reason, at?}
  /**
   * @param {string} key
   * @param {StoredEntry | undefined} base
   * @param {object} mine
   * @param {((value: StoredEntry, sides: {mine: object, theirs: StoredEntry | undefined}) => object) | null} [derive]
   * @returns {UpdateResult}
   */
  update(key, base, mine, derive = null) {
    const s = this.area();
    if (!s) return { ok: false, reason: "unavailable" };
    const stale = this.staleReason(s);
    if (stale) return { ok: false, reason: stale, at: this.staleAt };
    const stored = this.readFrom(s, key);
    if (stored.status === "unavailable") return { ok: false, reason: "unavailable" };
    if (stored.status === "empty" && isPlainObject(base) && typeof base.rev === "string") {
      return { ok: false, reason: "cleared", at: this.now().getTime() };
    }
    const theirs = stored.status === "ok" ? stored.value : undefined;
    const merged = merge3(strip(base), strip(mine), strip(theirs));
    const at = this.now().toISOString();
    let value = keepConflicts(isPlainObject(merged.value) ? merged.value : {}, { base, mine, theirs }, merged.conflicts, at);
    value.updated = at;
    // Which write this is, and which it was merged with (lineage.js).
    value.rev = `${this.now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    value.parent = theirs && typeof theirs.rev === "string" ? theirs.rev : null;
    if (derive) value = { ...value, ...derive(value, { mine, theirs }) };
    const written = this.writeValue(s, key, value);
    return written.ok ? { ...written, conflicts: merged.conflicts } : written;
  }

  // Take an entry from elsewhere (a backup, a learning system) into what is stored.
  /**
   * @param {string} key
   * @param {unknown} incoming
   * @returns {{ok: boolean, value?: StoredEntry, reason?: string}}
   */
  adopt(key, incoming) {
    const s = this.area();
    if (!s) return { ok: false, reason: "unavailable" };
    if (!isPlainObject(incoming)) return { ok: false, reason: "unreadable" };
    const stored = this.readFrom(s, key);
    if (stored.status === "unavailable") return { ok: false, reason: "unavailable" };
    return this.writeValue(s, key, stored.status === "ok" ? mergeUnrelated(stored.value, incoming) : incoming);
  }

  /**
   * @param {Storage} s
   * @param {"cleared" | "replaced"} reason
   */
  bumpGeneration(s, reason) {
    this.generation = readMeta(s, this.prefix).generation + 1;
    s.setItem(this.prefix + META_KEY, JSON.stringify({ generation: this.generation, reason, at: this.now().toISOString() }));
  }

  // Delete everything the course stored in this browser. -> {ok, reason?, count}
  clearAll() {
    const s = this.area();
    if (!s) return { ok: false, reason: "unavailable" };
    try {
      const keys = keysOf(s, this.prefix).filter((key) => key !== META_KEY);
      keys.forEach((key) => s.removeItem(this.prefix + key));
      this.bumpGeneration(s, "cleared");
      this.announce(null, "cleared");
      return { ok: true, count: keys.length };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  }

  // Replace everything with a backup's items ({key without prefix: raw text}); on failure put
  // back exactly what was there. -> {ok, reason?}
  /**
   * @param {Record<string, string>} items
   * @returns {{ok: boolean, reason?: string}}
   */
  replaceAll(items) {
    const s = this.area();
    if (!s) return { ok: false, reason: "unavailable" };
    /** @type {Record<string, string | null>} */
    const before = {};
    try {
      keysOf(s, this.prefix).forEach((key) => {
        before[key] = s.getItem(this.prefix + key);
      });
    } catch {
      return { ok: false, reason: "unavailable" };
    }
    // Remove what was there (and, when putting it back, what the backup had written so far).
    const put = (/** @type {Record<string, any>} */ entries, /** @type {string[]} */ remove) => {
      remove.forEach((key) => s.removeItem(this.prefix + key));
      Object.entries(entries).forEach(([key, text]) => s.setItem(this.prefix + key, text));
    };
    try {
      put(items, Object.keys(before));
      this.bumpGeneration(s, "replaced");
    } catch (error) {
      try {
        put(before, [...new Set([...Object.keys(before), ...Object.keys(items)])]);
      } catch {
        /* refused again: the caller reports the first reason */
      }
      return { ok: false, reason: reasonOf(error) };
    }
    this.announce(null, "replaced");
    return { ok: true };
  }

  // The store's own notes about this space (a decision the learner made, say): kept beside the
  // learner's data but never listed, exported, sent or cleared with it. -> value or null
  /**
   * @param {string} name
   * @returns {any}
   */
  note(name) {
    const s = this.area();
    try {
      const text = s ? s.getItem(`${this.prefix}${SPACE_MARK}note:${name}`) : null;
      return text === null ? null : JSON.parse(text);
    } catch {
      return null;
    }
  }

  /**
   * @param {string} name
   * @param {unknown} value
   * @returns {boolean}
   */
  setNote(name, value) {
    const s = this.area();
    try {
      if (!s) return false;
      s.setItem(`${this.prefix}${SPACE_MARK}note:${name}`, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  // An LMS learner leaving a shared computer: every key of this space (entries, set-aside
  // copies, notes, the generation) goes. Never the open website's space, which holds the others'.
  // -> {ok, count}
  forgetSpace() {
    const s = this.area();
    if (!s || this.space.kind !== "lms" || !this.prefix.startsWith(STORAGE_PREFIX + SPACE_MARK)) return { ok: false, count: 0 };
    try {
      const keys = [];
      for (let i = 0; i < s.length; i += 1) {
        const key = s.key(i);
        if (key !== null && key.startsWith(this.prefix)) keys.push(key);
      }
      keys.forEach((key) => s.removeItem(key));
      this.announce(null, "cleared");
      return { ok: true, count: keys.length };
    } catch (error) {
      return { ok: false, reason: reasonOf(error), count: 0 };
    }
  }

  // After a clear or an import elsewhere: this store may write again, from the new generation.
  syncGeneration() {
    const s = this.area();
    const meta = s ? readMeta(s, this.prefix) : { generation: this.generation };
    const changed = meta.generation !== this.generation;
    this.generation = meta.generation;
    return { changed, reason: meta.reason === "replaced" ? "replaced" : "cleared", at: timeOf(meta, this.now()) };
  }

  // listener({keys: [key, ...] | null (everything), reason: null | "cleared" | "replaced",
  // external: true when another store (tab, widget or script) made the change, at: for a clear or
  // an import, when it was made (ms)}).
  /**
   * @param {(change: {keys: string[] | null, reason: string | null, external: boolean, at?: number}) => void} listener
   * @returns {() => void} stops listening
   */
  subscribe(listener) {
    const fromThisTab = (/** @type {CustomEvent} */ event) => {
      const detail = event.detail || {};
      /** @type {{keys: string[] | null, reason: string | null, external: boolean, at?: number}} */
      const change = { keys: detail.keys || null, reason: detail.reason || null, external: detail.source !== this.source };
      if (!detail.keys) change.at = this.syncGeneration().at;
      listener(change);
    };
    const fromOtherTab = (/** @type {StorageEvent} */ event) => {
      // Another storage area (shared-computer mode in one tab, not in another) is not ours.
      const s = event.storageArea ? this.area() : null;
      if (s && event.storageArea !== s) return;
      const key = event.key === null ? null : ownKey(event.key, this.prefix);
      if (event.key !== null && key === null) return; // another space's, or a note
      if (key === META_KEY || key === null) {
        const meta = this.syncGeneration();
        if (meta.changed || key === null) listener({ keys: null, reason: meta.reason, external: true, at: meta.at });
        return;
      }
      listener({ keys: [key], reason: null, external: true });
    };
    this.target.addEventListener(CHANGE_EVENT, fromThisTab);
    this.target.addEventListener("storage", fromOtherTab);
    return () => {
      this.target.removeEventListener(CHANGE_EVENT, fromThisTab);
      this.target.removeEventListener("storage", fromOtherTab);
    };
  }
}

/**
 * @typedef {LearnerStore} Store the learner-data store openStore() gives
 * @typedef {{mine: object, theirs: StoredEntry | undefined}} Sides what derive() is told of a write's two sides
 */
/**
 * @param {StoreOptions} [options]
 */
export function openStore(options = {}) {
  return new LearnerStore(options);
}

// ------------------------------------------------------------------ shared-computer mode
// For one tab of the open website: while on, the course keeps the learner's work in
// sessionStorage, which the browser deletes when it closes, and leaves nothing of it in
// localStorage. Turning it on moves what this browser holds into the session (a stale tab
// elsewhere finds it cleared, as after "Clear all"); off moves it back. win: the page's window.
/**
 * @param {Window} [win]
 * @returns {boolean}
 */
export function sharedComputer(win = window) {
  try {
    return win.sessionStorage.getItem(SHARED_FLAG) === "on";
  } catch {
    return false;
  }
}

/**
 * @param {LearnerStore} from
 * @param {LearnerStore} to
 * @returns {{ok: boolean, reason?: string, count?: number}}
 */
function moveAll(from, to) {
  const { status, items } = from.snapshot();
  if (status !== "ok") return { ok: false, reason: "unavailable" };
  const put = to.area();
  for (const [key, text] of Object.entries(items)) {
    let value = null;
    try {
      value = key.includes(SET_ASIDE) ? null : JSON.parse(text);
    } catch {
      value = null;
    }
    const done = isPlainObject(value) ? to.adopt(key, value) : (() => {
      try {
        /** @type {Storage} */ (put).setItem(to.prefix + key, text); // no storage: throws, caught below
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
    })();
    if (!done.ok) return done;
  }
  return { ok: true, count: Object.keys(items).length };
}

// -> {ok, reason?, count: entries moved}
/**
 * @param {boolean} on
 * @param {Window} [win]
 * @returns {{ok: boolean, reason?: string, count?: number}}
 */
export function setSharedComputer(on, win = window) {
  let local;
  let session;
  try {
    local = win.localStorage;
    session = win.sessionStorage;
  } catch {
    return { ok: false, reason: "unavailable" };
  }
  if (on === sharedComputer(win)) return { ok: true, count: 0 };
  const open = (/** @type {Space} */ space, /** @type {Storage} */ area) => openStore({ space, storage: () => area, target: win });
  const from = on ? open(WEBSITE, local) : open(SHARED_COMPUTER, session);
  const to = on ? open(SHARED_COMPUTER, session) : open(WEBSITE, local);
  const moved = moveAll(from, to);
  if (!moved.ok) return moved;
  try {
    if (on) session.setItem(SHARED_FLAG, "on");
    else session.removeItem(SHARED_FLAG);
    // Nothing of the learner's stays behind. In localStorage the generation stays (only when
    // something was there), so that a stale tab cannot write back what moved.
    if (moved.count) from.clearAll();
    if (!on) session.removeItem(STORAGE_PREFIX + META_KEY);
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
  return moved;
}

// "Finish on this computer": delete everything of this tab's shared-computer session (every
// course key in sessionStorage, the mode with it). -> {ok, count: entries deleted}
/**
 * @param {Window} [win]
 */
export function finishSharedComputer(win = window) {
  try {
    const session = win.sessionStorage;
    const keys = [];
    for (let i = 0; i < session.length; i += 1) {
      const key = session.key(i);
      if (key !== null && key.startsWith(STORAGE_PREFIX)) keys.push(key);
    }
    const count = keys.filter((key) => ownKey(key, STORAGE_PREFIX) !== null && ownKey(key, STORAGE_PREFIX) !== META_KEY).length;
    keys.forEach((key) => session.removeItem(key));
    return { ok: true, count };
  } catch (error) {
    return { ok: false, reason: reasonOf(error), count: 0 };
  }
}
