// @ts-check
// One mount lifecycle for every activity view: its stored entry kept in step (lib/entry.js:
// load, save, merge with other tabs, follow their changes) and the notice that tells the
// learner what happened to their storage (lib/notice.js), the same way in every widget.
//
// A view mounts, reads the loaded value into its state (its state module's stateFromEntry),
// draws, and may repair an entry saved under an older rule:
//
//   const mounted = mountActivity(store, activityKey("sorting", id), { current, derive, show, notice });
//   const loaded = mounted.load();            // the notice says if it was unreadable or unsaveable
//   state = stateFromEntry(loaded.value, exercise);
//   mounted.repair(loaded);                   // saved again if its derived fields are out of date
//   return mounted.dispose;
import { derivedDiffers, syncEntry } from "./entry.js";
import { createNotice } from "./notice.js";
import { openStore } from "./store.js";

// The reasons a value comes from storage that the learner is told about (another tab or window
// cleared everything or imported a backup; "-kept" when what was typed here since is kept).
const FROM_ELSEWHERE = ["cleared", "replaced", "cleared-kept", "replaced-kept"];

// By default a successful save takes away a notice about saving (full, unavailable...) but
// leaves one about an entry that was set aside (corrupt) and a view's own words (reason null).
const KEEPS = (/** @type {string | null | undefined} */ reason) => reason === "corrupt" || reason === null;

/**
 * @typedef {import("./store.js").StoredEntry} StoredEntry
 * @typedef {ReturnType<typeof createNotice>} Notice
 * @typedef {{model: any, el: HTMLElement, store: import("./store.js").Store}} ViewArgs what a view's render gets: anywidget's model and element, and the learner's store
 * @typedef {object} MountOptions
 * @property {() => object} current the value as the view now holds it (syncEntry's)
 * @property {(value: any, why: string | null) => void} show redraw from a value that came from
 *   storage; the notice already says why, when it was cleared or replaced elsewhere
 * @property {(value: any, sides?: any) => object} [derive] the fields that follow from the data (syncEntry's)
 * @property {(before: any, mine: any) => object | null} [keep] what to keep of unsaved work after a clear elsewhere (syncEntry's)
 * @property {(result: any) => void} [saved] after each save, once the notice is set
 * @property {Notice} [notice] the view's notice box; made here when not given
 * @property {Record<string, string>} [hints] words added to the notice for a reason ("full": ...)
 * @property {(reason: string | null | undefined) => boolean} [keeps] which notice a successful save leaves showing
 * @property {(value: StoredEntry) => boolean} [usable] a stored value the view cannot read is
 *   set aside (store.putAside) and noticed as unreadable, like one that is not JSON
 */

/**
 * @param {any} store the learner's store (lib/store.js openStore)
 * @param {string} key the activity's key (facts.js activityKey)
 * @param {MountOptions} options
 */
export function mountActivity(store, key, options) {
  const notice = options.notice || createNotice();
  const hints = options.hints || {};
  const keeps = options.keeps || KEEPS;
  const say = (/** @type {string | undefined} */ reason) => notice.show(reason, (reason && hints[reason]) || "");
  const entry = syncEntry(store, key, {
    current: options.current,
    derive: options.derive,
    keep: options.keep,
    show(value, why) {
      if (why !== null && FROM_ELSEWHERE.includes(why)) say(why);
      options.show(value, why);
    },
    saved(result) {
      if (!result.ok && result.reason !== "cleared" && result.reason !== "replaced") say(result.reason);
      else if (result.ok && !keeps(notice.reason)) notice.clear();
      if (options.saved) options.saved(result);
    },
  });
  return {
    key,
    entry,
    notice,
    // The stored value, as store.read gives it ({status, value}); the notice says when it could
    // not be read (set aside) or the browser will not save.
    load() {
      const loaded = entry.load();
      if (loaded.status === "ok" && options.usable && !options.usable(loaded.value)) {
        store.putAside(key);
        say("corrupt");
      } else if (loaded.status === "corrupt" || loaded.status === "unavailable") say(loaded.status);
      return loaded;
    },
    // An entry saved under an older rule (its derived fields differ from today's) is saved
    // again, so the progress pages, which read what is stored, read today's rule.
    /** @param {{status: string, value?: any}} loaded what load() gave */
    repair(loaded) {
      if (loaded.status === "ok" && derivedDiffers(loaded.value, options.derive)) return entry.save();
      return null;
    },
    dispose: () => entry.dispose(),
  };
}

/**
 * A widget module (anywidget's default export) whose render draws a view with the learner's
 * store: `export default widgetModule(renderSorting)`.
 * @param {(args: ViewArgs) => (() => void)} renderView
 */
export function widgetModule(renderView) {
  return {
    /** @param {{model: any, el: HTMLElement}} args */
    render: ({ model, el }) => renderView({ model, el, store: openStore() }),
  };
}
