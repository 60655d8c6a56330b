// One stored entry kept in step with a widget, the same way for every widget: load it, save
// the learner's changes soon after they stop (and at once when the page is hidden), merge with
// what other tabs saved, and follow their changes as they happen.
import { deepEqual, isPlainObject } from "./merge.js";

export const SAVE_DELAY = 400; // ms after the last change before saving

// options:
//   current()          -> the value as this widget now holds it (a plain object)
//   show(value, why)   -> draw a value that came from storage; why: "load" | "merged" | "other-tab"
//                         | "cleared" | "replaced" (value may be undefined: nothing stored)
//   derive(value)      -> fields worked out from the data ({complete, attempted}), or null
//   saved(result)      -> after each save: {ok: true, value, conflicts} | {ok: false, reason}
export function syncEntry(store, key, options) {
  const { current, show, derive = null, saved = () => {} } = options;
  let base; // what this tab last read or wrote: the common ancestor for merging
  let dirty = false;
  let timer = null;

  function load() {
    const result = store.read(key);
    base = result.status === "ok" ? result.value : undefined;
    return result;
  }

  function save() {
    window.clearTimeout(timer);
    timer = null;
    dirty = false;
    const mine = current();
    const result = store.update(key, base, mine, derive);
    if (result.ok) {
      base = result.value;
      if (result.conflicts.length || differs(result.value, mine)) show(result.value, "merged");
    } else if (result.reason === "cleared" || result.reason === "replaced") {
      load();
      show(base, result.reason);
    }
    saved(result);
    return result;
  }

  function changed() {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, SAVE_DELAY);
  }

  function flush() {
    if (dirty) save();
  }

  function onVisibility() {
    if (document.visibilityState === "hidden") flush();
  }

  const unsubscribe = store.subscribe(({ keys, reason, external }) => {
    if (!external) return;
    if (keys === null) {
      window.clearTimeout(timer);
      dirty = false;
      load();
      show(base, reason);
    } else if (keys.includes(key)) {
      // Unsaved changes here are merged with theirs by saving now; otherwise just follow them.
      if (dirty) save();
      else {
        load();
        show(base, "other-tab");
      }
    }
  });
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", onVisibility);

  function dispose() {
    flush();
    window.clearTimeout(timer);
    unsubscribe();
    window.removeEventListener("pagehide", flush);
    document.removeEventListener("visibilitychange", onVisibility);
  }

  return { load, save, changed, flush, dispose, isDirty: () => dirty, base: () => base };
}

// True when the merged value holds data this widget did not have (ignoring the store's own
// bookkeeping and derived fields), so the view must be redrawn. Compared in depth: another
// tab's change is often one key of a nested object (a placement, one part's text).
function differs(value, mine) {
  const data = (v) => {
    if (!isPlainObject(v)) return {};
    const { updated, complete, attempted, ...rest } = v;
    return rest;
  };
  return !deepEqual(data(value), data(mine));
}

// True when a stored value's derived fields are not what `derive` gives now (an entry saved
// by an older version of the course, under an older rule): the widget saves it again, so the
// progress pages, which read `complete` and `attempted` as stored, read the rule of today.
export function derivedDiffers(value, derive) {
  if (!isPlainObject(value) || !derive) return false;
  return Object.entries(derive(value)).some(([field, derived]) => value[field] !== derived);
}
