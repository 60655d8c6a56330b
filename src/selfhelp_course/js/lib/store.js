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
// - Storage that is blocked or full is reported as a reason ("unavailable", "full") for the
//   caller to put into words (notice.js).
import { META_KEY, STORAGE_PREFIX } from "./facts.js";
import { isPlainObject, keepConflicts, merge3, mergeUnrelated } from "./merge.js";

export const CHANGE_EVENT = "course-learner-data-change";
// Marks a key moved aside because its entry could not be read: <key>:unreadable:<time>.
export const SET_ASIDE = ":unreadable:";

function reasonOf(error) {
  return error && (error.name === "QuotaExceededError" || error.code === 22) ? "full" : "unavailable";
}

// {key, from: the key it was set aside from, when: ms since 1970, from the key, or null}.
function asideItem(key) {
  const at = key.indexOf(SET_ASIDE);
  return { key, from: key.slice(0, at), when: Number(key.slice(at + SET_ASIDE.length)) || null };
}

function strip(value) {
  if (!isPlainObject(value)) return value;
  const { updated, conflicts, rev, parent, ...rest } = value;
  return rest;
}

function readMeta(s) {
  try {
    const value = JSON.parse(s.getItem(STORAGE_PREFIX + META_KEY));
    return isPlainObject(value) && Number.isInteger(value.generation) ? value : { generation: 0 };
  } catch (error) {
    return { generation: 0 };
  }
}

function keysOf(s) {
  const keys = [];
  for (let i = 0; i < s.length; i += 1) {
    const key = s.key(i);
    if (key !== null && key.startsWith(STORAGE_PREFIX)) keys.push(key.slice(STORAGE_PREFIX.length));
  }
  return keys;
}

class LearnerStore {
  // options (for tests): storage() returns a Storage; target receives and sends events; now().
  constructor(options = {}) {
    this.storage = options.storage || (() => window.localStorage);
    this.target = options.target || window;
    this.now = options.now || (() => new Date());
    this.source = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    // Entries set aside while this page is open, by any store on it (widgets are bundled with
    // their own copy of this module): a widget that starts after the progress box set its
    // entry aside still tells the learner.
    this.recent = this.target.courseSetAside || (this.target.courseSetAside = new Map());
    const s = this.area();
    this.generation = s ? readMeta(s).generation : 0;
  }

  area() {
    try {
      return this.storage() || null;
    } catch (error) {
      return null;
    }
  }

  available() {
    const s = this.area();
    if (!s) return false;
    try {
      s.getItem(STORAGE_PREFIX + META_KEY);
      return true;
    } catch (error) {
      return false;
    }
  }

  announce(keys, reason = null) {
    this.target.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: { keys, reason, source: this.source } }));
  }

  // Move an unreadable entry aside, once, so nothing can overwrite it; null if refused.
  setAside(s, key, text) {
    const aside = `${key}${SET_ASIDE}${this.now().getTime()}`;
    try {
      s.setItem(STORAGE_PREFIX + aside, text);
      s.removeItem(STORAGE_PREFIX + key);
    } catch (error) {
      return null;
    }
    this.recent.set(key, aside);
    this.announce([key, aside]);
    return aside;
  }

  readFrom(s, key) {
    let text;
    try {
      text = s.getItem(STORAGE_PREFIX + key);
    } catch (error) {
      return { status: "unavailable" };
    }
    if (text === null || text === undefined) {
      return this.recent.has(key) ? { status: "corrupt", setAside: this.recent.get(key) } : { status: "empty" };
    }
    try {
      const value = JSON.parse(text);
      if (isPlainObject(value)) return { status: "ok", value };
    } catch (error) {
      /* unreadable: set aside below */
    }
    return { status: "corrupt", setAside: this.setAside(s, key, text) };
  }

  // A readable entry a widget cannot use (the wrong shape): set aside like an unreadable one.
  putAside(key) {
    const s = this.area();
    let text = null;
    try {
      text = s ? s.getItem(STORAGE_PREFIX + key) : null;
    } catch (error) {
      text = null;
    }
    return text === null ? null : this.setAside(s, key, text);
  }

  // -> {status: "ok" | "empty" | "corrupt" | "unavailable", value?, setAside?}
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
      keys = s ? keysOf(s) : null;
    } catch (error) {
      keys = null;
    }
    if (!keys) return none;
    const entries = {};
    const setAside = [];
    for (const key of keys.filter((k) => k !== META_KEY)) {
      if (key.includes(SET_ASIDE)) {
        setAside.push(asideItem(key));
        continue;
      }
      const result = this.readFrom(s, key);
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
      const items = {};
      for (const key of keysOf(s)) if (key !== META_KEY) items[key] = s.getItem(STORAGE_PREFIX + key);
      return { status: "ok", items };
    } catch (error) {
      return { status: "unavailable", items: {} };
    }
  }

  // Null if this tab may write; otherwise why not ("cleared" or "replaced" elsewhere).
  staleReason(s) {
    const meta = readMeta(s);
    if (meta.generation === this.generation) return null;
    this.generation = meta.generation;
    return meta.reason === "replaced" ? "replaced" : "cleared";
  }

  writeValue(s, key, value) {
    try {
      s.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
    this.announce([key]);
    return { ok: true, value };
  }

  // Merge `mine` (this tab's value) with what is stored, given `base` (what this tab last read
  // or wrote), and write the result. derive(value, {mine, theirs}) adds fields worked out from
  // the data (complete, attempted; checked only as made, merge.js checkedAsMade).
  // -> {ok: true, value, conflicts} | {ok: false, reason}
  update(key, base, mine, derive = null) {
    const s = this.area();
    if (!s) return { ok: false, reason: "unavailable" };
    const stale = this.staleReason(s);
    if (stale) return { ok: false, reason: stale };
    const stored = this.readFrom(s, key);
    if (stored.status === "unavailable") return { ok: false, reason: "unavailable" };
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
  adopt(key, incoming) {
    const s = this.area();
    if (!s) return { ok: false, reason: "unavailable" };
    if (!isPlainObject(incoming)) return { ok: false, reason: "unreadable" };
    const stored = this.readFrom(s, key);
    if (stored.status === "unavailable") return { ok: false, reason: "unavailable" };
    return this.writeValue(s, key, stored.status === "ok" ? mergeUnrelated(stored.value, incoming) : incoming);
  }

  bumpGeneration(s, reason) {
    this.generation = readMeta(s).generation + 1;
    s.setItem(STORAGE_PREFIX + META_KEY, JSON.stringify({ generation: this.generation, reason, at: this.now().toISOString() }));
  }

  // Delete everything the course stored in this browser. -> {ok, reason?, count}
  clearAll() {
    const s = this.area();
    if (!s) return { ok: false, reason: "unavailable" };
    try {
      const keys = keysOf(s).filter((key) => key !== META_KEY);
      keys.forEach((key) => s.removeItem(STORAGE_PREFIX + key));
      this.bumpGeneration(s, "cleared");
      this.announce(null, "cleared");
      return { ok: true, count: keys.length };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  }

  // Replace everything with a backup's items ({key without prefix: raw text}); on failure put
  // back exactly what was there. -> {ok, reason?}
  replaceAll(items) {
    const s = this.area();
    if (!s) return { ok: false, reason: "unavailable" };
    const before = {};
    try {
      keysOf(s).forEach((key) => {
        before[key] = s.getItem(STORAGE_PREFIX + key);
      });
    } catch (error) {
      return { ok: false, reason: "unavailable" };
    }
    // Remove what was there (and, when putting it back, what the backup had written so far).
    const put = (entries, remove) => {
      remove.forEach((key) => s.removeItem(STORAGE_PREFIX + key));
      Object.entries(entries).forEach(([key, text]) => s.setItem(STORAGE_PREFIX + key, text));
    };
    try {
      put(items, Object.keys(before));
      this.bumpGeneration(s, "replaced");
    } catch (error) {
      try {
        put(before, [...new Set([...Object.keys(before), ...Object.keys(items)])]);
      } catch (ignored) {
        /* refused again: the caller reports the first reason */
      }
      return { ok: false, reason: reasonOf(error) };
    }
    this.announce(null, "replaced");
    return { ok: true };
  }

  // After a clear or an import elsewhere: this store may write again, from the new generation.
  syncGeneration() {
    const s = this.area();
    const meta = s ? readMeta(s) : { generation: this.generation };
    const changed = meta.generation !== this.generation;
    this.generation = meta.generation;
    return { changed, reason: meta.reason === "replaced" ? "replaced" : "cleared" };
  }

  // listener({keys: [key, ...] | null (everything), reason: null | "cleared" | "replaced",
  // external: true when another store (tab, widget or script) made the change}).
  subscribe(listener) {
    const fromThisTab = (event) => {
      const detail = event.detail || {};
      if (!detail.keys) this.syncGeneration();
      listener({ keys: detail.keys || null, reason: detail.reason || null, external: detail.source !== this.source });
    };
    const fromOtherTab = (event) => {
      if (event.key !== null && !String(event.key).startsWith(STORAGE_PREFIX)) return;
      const key = event.key === null ? null : event.key.slice(STORAGE_PREFIX.length);
      if (key === META_KEY || key === null) {
        const meta = this.syncGeneration();
        if (meta.changed || key === null) listener({ keys: null, reason: meta.reason, external: true });
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

export function openStore(options = {}) {
  return new LearnerStore(options);
}
