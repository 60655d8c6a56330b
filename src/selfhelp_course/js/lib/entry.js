// @ts-check
// One stored entry kept in step with a widget, the same way for every widget: load it, save
// the learner's changes soon after they stop (and at once when the page is hidden), merge with
// what other tabs saved, and follow their changes as they happen.
import { ownTextInPlace } from "./conflict.js";
import { Lineage } from "./lineage.js";
import { deepEqual, isPlainObject } from "./merge.js";

export const SAVE_DELAY = 400; // ms after the last change before saving
const EDITS_KEPT = 500; // unsaved changes remembered, with when they were made

/**
 * @typedef {import("./store.js").Store} Store
 * @typedef {import("./store.js").StoredEntry} StoredEntry
 * @typedef {import("./store.js").UpdateResult} UpdateResult
 */
/**
 * What a widget gives syncEntry (the comment above syncEntry says each in words).
 * @typedef {object} SyncOptions
 * @property {() => any} current the widget's value now
 * @property {(value: any, why: string | null) => void} show
 * @property {((value: any, sides?: import("./store.js").Sides) => object) | null} [derive]
 * @property {(result: UpdateResult) => void} [saved]
 * @property {((before: any, mine: any) => any) | null} [keep]
 */
class EntrySync {
  /**
   * @param {Store} store
   * @param {string} key
   * @param {SyncOptions} options
   */
  constructor(store, key, options) {
    this.store = store;
    this.key = key;
    this.current = options.current;
    this.show = options.show;
    this.derive = options.derive || null;
    this.saved = options.saved || (() => {});
    this.keep = options.keep || null;
    /** @type {{at: number, value: any}[]} */
    this.edits = []; // [{at: ms, value}]: the widget's value after each change not yet saved
    this.base = undefined; // what this tab last read or wrote: the common ancestor for merging
    this.written = undefined; // what this tab last wrote
    this.dirty = false;
    this.timer = null;
    this.lineage = new Lineage();
    this.flush = () => (this.dirty ? this.save() : undefined);
    this.onVisibility = () => (document.visibilityState === "hidden" ? this.flush() : undefined);
    this.unsubscribe = store.subscribe((change) => this.heard(change));
    window.addEventListener("pagehide", this.flush);
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  load() {
    const result = this.store.read(this.key);
    this.base = result.status === "ok" ? result.value : undefined;
    this.lineage.note(this.base);
    this.edits = [];
    return result;
  }

  /**
   * @param {UpdateResult} result
   */
  wrote(result) {
    this.base = result.value;
    this.written = result.value;
    this.lineage.note(result.value);
    this.edits = [];
  }

  // What the widget held at `at` (ms): after its last change made by then, else as last saved.
  /**
   * @param {number} at
   * @returns {any}
   */
  heldAt(at) {
    let value = this.base;
    for (const edit of this.edits) {
      if (edit.at > at) break;
      value = edit.value;
    }
    return value;
  }

  // Everything was cleared or replaced elsewhere (at `at`, ms). This tab starts again from what
  // is stored now; what the learner changed here since (mine: this tab's value, if it had unsaved
  // changes) is kept, as the widget's keep(before, mine) says, and written under the new
  // generation. -> the kept write's result, or null.
  /**
   * @param {string | null} reason
   * @param {number | undefined} at
   * @param {any} mine
   */
  restart(reason, at, mine) {
    const before = mine === undefined ? undefined : this.heldAt(typeof at === "number" ? at : Date.now());
    window.clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
    this.written = undefined;
    this.load();
    const kept = mine !== undefined && this.keep ? this.keep(before, mine) : null;
    if (kept) {
      // Merged with what is stored now (an import's entry, or anything saved since the clear
      // elsewhere) from its top-level values alone: this tab's choices there (a framework) win,
      // and the nested data (texts) have nothing in common, so differing text keeps both versions.
      const top = isPlainObject(this.base) ? Object.fromEntries(Object.entries(this.base).filter(([, v]) => !isPlainObject(v))) : undefined;
      const result = this.store.update(this.key, top, kept, this.derive);
      if (result.ok) {
        this.wrote(result);
        this.show(result.value, `${reason}-kept`);
        this.saved(result);
        return result;
      }
    }
    this.show(this.base, reason);
    return null;
  }

  // The value to merge from: what this tab last saw, unless another tab since wrote from a copy
  // that missed this tab's last write (browsers' copies of storage can be a moment old): then
  // the value both grew from, so that write is kept.
  mergeBase() {
    const stored = this.store.read(this.key);
    if (stored.status !== "ok") return this.base;
    this.lineage.note(stored.value);
    const missed = this.lineage.missedAncestor(stored.value, this.written);
    return missed ? missed.value : this.base;
  }

  save() {
    window.clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
    const mine = this.current();
    const result = this.store.update(this.key, this.mergeBase(), mine, this.derive);
    if (result.ok) {
      this.wrote(result);
      const shown = ownTextInPlace(result.value, mine);
      if (/** @type {object[]} */ (result.conflicts).length || differs(shown, mine)) this.show(shown, "merged");
    } else if (result.reason === "cleared" || result.reason === "replaced") {
      const kept = this.restart(result.reason, result.at, mine);
      if (kept) return kept;
    }
    this.saved(result);
    return result;
  }

  changed() {
    this.dirty = true;
    if (this.keep) {
      this.edits.push({ at: Date.now(), value: this.current() });
      if (this.edits.length > EDITS_KEPT) this.edits.shift();
    }
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(), SAVE_DELAY);
  }

  // Another tab wrote from a copy that missed this tab's last write: merge it back in.
  recover() {
    const missed = this.lineage.missedAncestor(this.base, this.written);
    if (!missed) return false;
    const result = this.store.update(this.key, missed.value, /** @type {StoredEntry} */ (this.written), this.derive); // missedAncestor found it
    if (!result.ok) return false;
    this.wrote(result);
    this.show(result.value, "merged");
    this.saved(result);
    return true;
  }

  /**
   * @param {{keys: string[] | null, reason: string | null, external: boolean, at?: number}} change
   */
  heard({ keys, reason, external, at }) {
    if (!external) return;
    if (keys === null) {
      this.restart(reason, at, this.dirty ? this.current() : undefined);
    } else if (keys.includes(this.key)) {
      // Unsaved changes here are merged with theirs by saving now; otherwise follow them, this
      // tab's own text staying in its box where the other tab's write made it a conflict.
      if (this.dirty) this.save();
      else {
        const own = this.current();
        this.load();
        if (!this.recover()) this.show(ownTextInPlace(this.base, own), "other-tab");
      }
    }
  }

  dispose() {
    this.flush();
    window.clearTimeout(this.timer);
    this.unsubscribe();
    window.removeEventListener("pagehide", this.flush);
    document.removeEventListener("visibilitychange", this.onVisibility);
  }
}

// options:
//   current()          -> the value as this widget now holds it (a plain object)
//   show(value, why)   -> draw a value that came from storage; why: "merged" | "other-tab"
//                         | "cleared" | "replaced" (value may be undefined: nothing stored)
//                         | "cleared-kept" | "replaced-kept" (what was typed here since is kept)
//   derive(value, sides) -> an object of fields worked out from the data ({complete, attempted},
//                         and whatever the widget's rule settles: checked, seed, attempts...),
//                         spread over `value` before it is written; optional. store.update calls
//                         it once per write with `value` = the merged entry about to be written
//                         (updated, rev and parent already set) and sides = {mine, theirs}: this
//                         tab's value as passed to update, and the entry stored when the write
//                         began (undefined if none). derivedDiffers (below) calls it as
//                         derive(value), with no sides, so it must cope with sides undefined and
//                         return an object, never null (docs/design-learner-data.md, "Every write merges").
//   saved(result)      -> after each save: {ok: true, value, conflicts} | {ok: false, reason}
//   keep(before, mine) -> optional: after a clear or import elsewhere, the part of this tab's unsaved value
//                         `mine` to keep, given what it held when the clear was made (`before`),
//                         or null; widgets without it start again empty
/**
 * @param {Store} store
 * @param {string} key
 * @param {SyncOptions} options
 */
export function syncEntry(store, key, options) {
  const sync = new EntrySync(store, key, options);
  return {
    load: () => sync.load(),
    save: () => sync.save(),
    changed: () => sync.changed(),
    flush: () => sync.flush(),
    dispose: () => sync.dispose(),
    isDirty: () => sync.dirty,
    base: () => sync.base,
  };
}

// True when the merged value holds data this widget did not have (ignoring the store's own
// bookkeeping and derived fields), so the view must be redrawn. Compared in depth: another
// tab's change is often one key of a nested object (a placement, one part's text).
/**
 * @param {unknown} value
 * @param {unknown} mine
 * @returns {boolean}
 */
function differs(value, mine) {
  const data = (/** @type {unknown} */ v) => {
    if (!isPlainObject(v)) return {};
    const { updated, complete, attempted, rev, parent, ...rest } = v;
    return rest;
  };
  return !deepEqual(data(value), data(mine));
}

// True when a stored value's derived fields are not what `derive` gives now (an entry saved
// by an older version of the course, under an older rule): the widget saves it again, so the
// progress pages, which read `complete` and `attempted` as stored, read the rule of today.
/**
 * @param {any} value
 * @param {((value: any) => object) | null | undefined} derive
 * @returns {boolean}
 */
export function derivedDiffers(value, derive) {
  if (!isPlainObject(value) || !derive) return false;
  return Object.entries(derive(value)).some(([field, derived]) => value[field] !== derived);
}
