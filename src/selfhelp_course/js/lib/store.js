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

export const CHANGE_EVENT = "selfhelp-course:change";
// Marks a key moved aside because its entry could not be read: <key>:unreadable:<time>.
export const SET_ASIDE = ":unreadable:";

function reasonOf(error) {
  return error && (error.name === "QuotaExceededError" || error.code === 22) ? "full" : "unavailable";
}

function strip(value) {
  if (!isPlainObject(value)) return value;
  const { updated, conflicts, ...rest } = value;
  return rest;
}

// options (for tests): storage() returns a Storage; target receives and sends events; now().
export function openStore(options = {}) {
  const storage = options.storage || (() => window.localStorage);
  const target = options.target || window;
  const now = options.now || (() => new Date());
  const source = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  function area() {
    try {
      const s = storage();
      return s ? s : null;
    } catch (error) {
      return null;
    }
  }

  function readMeta(s) {
    try {
      const value = JSON.parse(s.getItem(STORAGE_PREFIX + META_KEY));
      return isPlainObject(value) && Number.isInteger(value.generation) ? value : { generation: 0 };
    } catch (error) {
      return { generation: 0 };
    }
  }

  // Entries set aside while this page is open, by any store on it (widgets are bundled with
  // their own copy of this module): a widget that starts after the progress box set its entry
  // aside still tells the learner.
  const recent = target.courseSetAside || (target.courseSetAside = new Map());
  const startArea = area();
  let generation = startArea ? readMeta(startArea).generation : 0;

  function announce(keys, reason = null) {
    target.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: { keys, reason, source } }));
  }

  // Move an unreadable entry aside, once, so nothing can overwrite it; false if refused.
  function setAside(s, key, text) {
    const aside = `${key}${SET_ASIDE}${now().getTime()}`;
    try {
      s.setItem(STORAGE_PREFIX + aside, text);
      s.removeItem(STORAGE_PREFIX + key);
      recent.set(key, aside);
      return aside;
    } catch (error) {
      return null;
    }
  }

  function readFrom(s, key) {
    let text;
    try {
      text = s.getItem(STORAGE_PREFIX + key);
    } catch (error) {
      return { status: "unavailable" };
    }
    if (text === null || text === undefined) {
      return recent.has(key) ? { status: "corrupt", setAside: recent.get(key) } : { status: "empty" };
    }
    try {
      const value = JSON.parse(text);
      if (isPlainObject(value)) return { status: "ok", value };
    } catch (error) {
      /* unreadable: set aside below */
    }
    const aside = setAside(s, key, text);
    if (aside) announce([key, aside]);
    return { status: "corrupt", setAside: aside };
  }

  function read(key) {
    const s = area();
    return s ? readFrom(s, key) : { status: "unavailable" };
  }

  function keysOf(s) {
    const keys = [];
    for (let i = 0; i < s.length; i += 1) {
      const key = s.key(i);
      if (key !== null && key.startsWith(STORAGE_PREFIX)) keys.push(key.slice(STORAGE_PREFIX.length));
    }
    return keys;
  }

  // Everything the course holds: {status, entries: {key: value}, setAside: [{key, from, when}]}.
  function readAll() {
    const s = area();
    if (!s) return { status: "unavailable", entries: {}, setAside: [] };
    const entries = {};
    const setAsideList = [];
    let keys;
    try {
      keys = keysOf(s);
    } catch (error) {
      return { status: "unavailable", entries: {}, setAside: [] };
    }
    for (const key of keys) {
      if (key === META_KEY) continue;
      const at = key.indexOf(SET_ASIDE);
      if (at >= 0) {
        setAsideList.push({ key, from: key.slice(0, at), when: Number(key.slice(at + SET_ASIDE.length)) || null });
        continue;
      }
      const result = readFrom(s, key);
      if (result.status === "ok") entries[key] = result.value;
      else if (result.setAside) setAsideList.push({ key: result.setAside, from: key, when: now().getTime() });
    }
    return { status: "ok", entries, setAside: setAsideList };
  }

  // Every course key's text exactly as stored (set-aside entries too), for a backup that
  // restores byte for byte; the store's own bookkeeping (the clear-all generation) is left out.
  // -> {status: "ok", items: {key: text}} | {status: "unavailable", items: {}}
  function snapshot() {
    const s = area();
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
  function staleReason(s) {
    const meta = readMeta(s);
    if (meta.generation === generation) return null;
    generation = meta.generation;
    return meta.reason === "replaced" ? "replaced" : "cleared";
  }

  function writeValue(s, key, value) {
    try {
      s.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
    announce([key]);
    return { ok: true, value };
  }

  // Merge `mine` (this tab's value) with what is stored, given `base` (what this tab last read
  // or wrote), and write the result. derive(value) adds fields worked out from the data
  // (complete, attempted). -> {ok: true, value, conflicts} | {ok: false, reason}
  function update(key, base, mine, derive = null) {
    const s = area();
    if (!s) return { ok: false, reason: "unavailable" };
    const stale = staleReason(s);
    if (stale) return { ok: false, reason: stale };
    const stored = readFrom(s, key);
    if (stored.status === "unavailable") return { ok: false, reason: "unavailable" };
    const theirs = stored.status === "ok" ? stored.value : undefined;
    const merged = merge3(strip(base), strip(mine), strip(theirs));
    const at = now().toISOString();
    const sides = { base, mine, theirs };
    let value = keepConflicts(isPlainObject(merged.value) ? merged.value : {}, sides, merged.conflicts, at);
    value.updated = at;
    if (derive) value = { ...value, ...derive(value) };
    const written = writeValue(s, key, value);
    return written.ok ? { ...written, conflicts: merged.conflicts } : written;
  }

  // Take an entry from elsewhere (a backup, a learning system) into what is stored.
  function adopt(key, incoming) {
    const s = area();
    if (!s) return { ok: false, reason: "unavailable" };
    if (!isPlainObject(incoming)) return { ok: false, reason: "unreadable" };
    const stored = readFrom(s, key);
    if (stored.status === "unavailable") return { ok: false, reason: "unavailable" };
    const value = stored.status === "ok" ? mergeUnrelated(stored.value, incoming) : incoming;
    return writeValue(s, key, value);
  }

  function bumpGeneration(s, reason) {
    generation = readMeta(s).generation + 1;
    s.setItem(STORAGE_PREFIX + META_KEY, JSON.stringify({ generation, reason, at: now().toISOString() }));
  }

  // Delete everything the course stored in this browser. -> {ok, reason?, count}
  function clearAll() {
    const s = area();
    if (!s) return { ok: false, reason: "unavailable" };
    try {
      const keys = keysOf(s).filter((key) => key !== META_KEY);
      keys.forEach((key) => s.removeItem(STORAGE_PREFIX + key));
      bumpGeneration(s, "cleared");
      announce(null, "cleared");
      return { ok: true, count: keys.length };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  }

  // Replace everything with a backup's items ({key without prefix: raw text}); on failure put
  // back exactly what was there. -> {ok, reason?}
  function replaceAll(items) {
    const s = area();
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
      bumpGeneration(s, "replaced");
    } catch (error) {
      try {
        put(before, [...new Set([...Object.keys(before), ...Object.keys(items)])]);
      } catch (ignored) {
        /* refused again: the caller reports the first reason */
      }
      return { ok: false, reason: reasonOf(error) };
    }
    announce(null, "replaced");
    return { ok: true };
  }

  // After a clear or an import elsewhere: this store may write again, from the new generation.
  function syncGeneration() {
    const s = area();
    const meta = s ? readMeta(s) : { generation };
    const changed = meta.generation !== generation;
    generation = meta.generation;
    return { changed, reason: meta.reason === "replaced" ? "replaced" : "cleared" };
  }

  function available() {
    const s = area();
    if (!s) return false;
    try {
      s.getItem(STORAGE_PREFIX + META_KEY);
      return true;
    } catch (error) {
      return false;
    }
  }

  // listener({keys: [key, ...] | null (everything), reason: null | "cleared" | "replaced",
  // external: true when another store (tab, widget or script) made the change}).
  function subscribe(listener) {
    const fromThisTab = (event) => {
      const detail = event.detail || {};
      if (!detail.keys) syncGeneration();
      listener({ keys: detail.keys || null, reason: detail.reason || null, external: detail.source !== source });
    };
    const fromOtherTab = (event) => {
      if (event.key !== null && !String(event.key).startsWith(STORAGE_PREFIX)) return;
      const key = event.key === null ? null : event.key.slice(STORAGE_PREFIX.length);
      if (key === META_KEY || key === null) {
        const meta = syncGeneration();
        if (meta.changed || key === null) listener({ keys: null, reason: meta.reason, external: true });
        return;
      }
      listener({ keys: [key], reason: null, external: true });
    };
    target.addEventListener(CHANGE_EVENT, fromThisTab);
    target.addEventListener("storage", fromOtherTab);
    return () => {
      target.removeEventListener(CHANGE_EVENT, fromThisTab);
      target.removeEventListener("storage", fromOtherTab);
    };
  }

  return { read, readAll, snapshot, update, adopt, clearAll, replaceAll, subscribe, available };
}
