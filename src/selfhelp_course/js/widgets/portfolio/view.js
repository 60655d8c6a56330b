// @ts-check
// The CPD portfolio widget: the learner's record built from what this browser saved, with their
// own fields (one stored entry kept with syncEntry, so two tabs merge and text changed in both is
// kept for the learner to choose), following other tabs as they save, with exports, import and
// clear-all. Everything the learner wrote goes on the page as text, never as HTML.
import { announce, h, setText, uniqueId } from "../../lib/dom.js";
import { syncEntry } from "../../lib/entry.js";
import { PORTFOLIO_KEY } from "../../lib/facts.js";
import { courseManifest } from "../../lib/manifest.js";
import { conflictsIn, resolveConflict } from "../../lib/merge.js";
import { createNotice } from "../../lib/notice.js";
import { whereText } from "../../lib/where.js";
import { manifestPages } from "../../lib/progress.js";
import { createAbout } from "./about.js";
import { createAccounts } from "./accounts.js";
import { createConfidence } from "./confidence-view.js";
import { createClear, createImport } from "./data.js";
import { documentOf } from "./document.js";
import { createStatement } from "./document-view.js";
import { createExports } from "./exports.js";
import { SELF_DECLARED } from "./forms.js";
import { createLog } from "./log.js";
import { printMirrors } from "./print-fields.js";
import { assemble, setAsideSummary } from "./record.js";
import { cleanEdits, editField, emptyEdits, entryValue } from "./state.js";

/**
 * @typedef {import("../../lib/store.js").Store} Store
 * @typedef {import("../../lib/store.js").StoredEntry} StoredEntry
 * @typedef {import("./prefill.js").Framework} Framework
 * @typedef {import("./record.js").Portfolio} Portfolio
 * @typedef {import("./state.js").Edits} Edits
 * What the parts of the widget may ask of it (context, below).
 * @typedef {object} Context
 * @property {string} uid the prefix of the ids of the widget's elements
 * @property {Store} store
 * @property {Framework[]} frameworks
 * @property {Record<string, string>} titles the reflections' titles, by id
 * @property {HTMLElement} root
 * @property {() => Portfolio} record the record as the learner's fields now make it
 * @property {(path: string[], value: unknown) => void} edit
 * @property {() => void} flush
 * @property {() => boolean} dirty
 * @property {(path: string[]) => ReturnType<typeof conflictsIn>[number] | null} conflictAt
 * @property {(path: string[], text: string) => void} choose
 * @property {(id: string, button: HTMLElement) => void} refill
 * @property {(text: string, refused?: boolean) => void} say
 * @property {() => {items: Record<string, string>, partial: boolean}} backupItems
 * @property {() => void} hidePanels
 * @property {() => void} startAfresh
 * @property {() => void} refresh
 * The widget's parts (buildParts).
 * @typedef {object} Parts
 * @property {ReturnType<typeof createAbout>} about
 * @property {ReturnType<typeof createAccounts>} accounts
 * @property {ReturnType<typeof createLog>} log
 * @property {ReturnType<typeof createConfidence>} confidence
 * @property {ReturnType<typeof createStatement>} statement
 * @property {ReturnType<typeof createExports>} exports
 * @property {ReturnType<typeof createImport>} importer
 * @property {ReturnType<typeof createClear>} clear
 * The widget's own state (renderPortfolio).
 * @typedef {object} App
 * @property {Store} store
 * @property {import("../../lib/manifest.js").Manifest} manifest
 * @property {Framework[]} frameworks
 * @property {ReturnType<typeof shell>} ui
 * @property {Edits} edits
 * @property {Record<string, StoredEntry>} entries
 * @property {{from: string, when: number | null}[]} setAside
 * @property {number | null} timer the redraw waiting, if any
 * @property {ReturnType<typeof syncEntry>} entry
 * @property {Parts} parts
 * @property {ReturnType<typeof printMirrors>} printCopies
 */

const REDRAW_DELAY = 150; // ms after a keystroke before totals, statement and print view follow

// The notice: after the shared words for storage that is blocked or full, what it means here;
// and the portfolio's own words for its entry set aside, or a clear or import in another tab.
/** @type {Record<string, string>} */
const AFTER = {
  unavailable: "Your reflections and progress cannot be read either, so the record below only holds what you type on this page. The exports still work from it.",
  full: "Export your record or download a backup to keep your changes.",
};
/** @type {Record<string, string>} */
const OWN = {
  corrupt: "Your saved portfolio changes could not be read, so they were set aside and the record starts again from your reflections. Your reflections and progress are not affected.",
  cleared: "Your course data was deleted in another tab or window, so this record has started again from nothing.",
  replaced: "Your course data was replaced from a backup in another tab or window, so this record now shows the backup's.",
};
/** @type {Record<string, string>} */
const NOT_SAVED = {
  full: "Not saved: this browser's storage is full. Your changes stay on this page until you leave it, and the exports include them.",
  unavailable: "Not saved: this browser is not letting the course save. Your changes stay on this page until you leave it, and the exports include them.",
};

/**
 * @param {App} app
 * @param {string} reason
 */
function tell(app, reason) {
  if (AFTER[reason]) app.ui.notice.show(reason, AFTER[reason]);
  else if (OWN[reason]) app.ui.notice.show(null, OWN[reason]);
}

const clock = (/** @type {string} */ iso) => {
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
};

/**
 * @param {unknown} manifest
 * @returns {Record<string, string>}
 */
function reflectionTitles(manifest) {
  const titles = Object.create(null);
  for (const page of manifestPages(manifest)) {
    for (const a of page.activities || []) if (a && a.kind === "reflection") titles[a.id] = a.title || a.id;
  }
  return titles;
}

/** @param {string} where the store's space (store.where()) */
function shell(where) {
  const ui = {
    status: h("p", { class: "course-status pf-status", role: "status", "aria-live": "polite" }),
    notice: createNotice("course-notice pf-notice"),
    setAside: h("div", { class: "pf-set-aside", role: "status", hidden: true }),
    message: h("p", { class: "pf-message", role: "status", "aria-live": "polite" }),
    root: h("div", { class: "course-widget pf", "data-portfolio-id": "portfolio" }),
  };
  ui.root.append(h("p", { class: "pf-intro" }, `Your CPD record, built from what you have done in this course in this browser. ${whereText(where, "portfolio")}`),
    ui.status, ui.notice.element, ui.setAside);
  return ui;
}

/**
 * @param {HTMLElement} box
 * @param {ReturnType<typeof setAsideSummary>} summary
 */
function showSetAside(box, summary) {
  box.hidden = !summary;
  const shown = summary ? JSON.stringify(summary) : "";
  if (box.dataset.shown === shown) return;
  box.dataset.shown = shown;
  box.replaceChildren(...(summary
    ? [h("p", { class: "pf-set-aside-title" }, summary.title), h("ul", {}, summary.items.map((item) => h("li", {}, item))), h("p", {}, summary.note)]
    : []));
}

// Everything the course pages saved, read again (entries that cannot be read are set aside).
/** @param {App} app */
function gather(app) {
  const all = app.store.readAll();
  app.entries = all.entries;
  app.setAside = all.setAside;
}

/** @param {App} app */
function record(app) {
  return assemble({ generated: new Date().toISOString(), edits: app.edits, frameworks: app.frameworks, manifest: app.manifest, entries: app.entries });
}

/** @param {App} app */
function redraw(app) {
  window.clearTimeout(app.timer);
  const portfolio = record(app);
  const doc = documentOf(portfolio);
  app.parts.about.update(portfolio.details);
  app.parts.accounts.update(portfolio);
  app.parts.log.update(portfolio);
  app.parts.confidence.update(portfolio.confidence);
  app.parts.statement.update(doc);
  app.parts.exports.refreshPrint(doc);
  showSetAside(app.ui.setAside, setAsideSummary(app.setAside, app.manifest));
  app.printCopies.sync(); // the browser's own print shows every field in full (print-fields.js)
}

// The portfolio's own entry, kept by lib/entry.js: autosave, merge with other tabs, follow them.
/**
 * @param {App} app
 * @returns {import("../../lib/entry.js").SyncOptions}
 */
function entryOptions(app) {
  return {
    current: () => entryValue(app.edits),
    show(value, why) {
      app.edits = cleanEdits(value);
      if (why === "cleared" || why === "replaced") {
        app.parts.log.forget();
        app.parts.exports.closePrint();
        tell(app, why);
        gather(app);
      }
      redraw(app);
    },
    /** @param {{ok: true, value: {updated: string}} | {ok: false, reason: string}} result the store's answer (a value written always has its time: store.js update) */
    saved(result) {
      if (result.ok) {
        if (app.ui.notice.reason === "full" || app.ui.notice.reason === "unavailable") app.ui.notice.clear();
        setText(app.ui.status, `Your portfolio changes are saved on this device (at ${clock(result.value.updated)}).`);
      } else if (NOT_SAVED[result.reason]) {
        if (app.ui.notice.reason !== result.reason) tell(app, result.reason);
        setText(app.ui.status, NOT_SAVED[result.reason]);
      }
    },
  };
}

// What the parts of the widget may ask of it.
/**
 * @param {App} app
 * @returns {Context}
 */
function context(app) {
  /** @type {Context} */
  const ctx = {
    uid: uniqueId("pf"),
    store: app.store,
    frameworks: app.frameworks,
    titles: reflectionTitles(app.manifest),
    root: app.ui.root,
    record: () => record(app),
    edit(path, value) {
      app.edits = editField(app.edits, path, value);
      app.entry.changed();
      window.clearTimeout(app.timer);
      app.timer = window.setTimeout(() => redraw(app), REDRAW_DELAY);
    },
    flush: () => app.entry.flush(),
    dirty: () => app.entry.isDirty(),
    conflictAt(path) {
      const key = JSON.stringify(path);
      return conflictsIn(entryValue(app.edits)).find((c) => JSON.stringify(c.path) === key) || null;
    },
    choose(path, text) {
      app.edits = cleanEdits(resolveConflict(entryValue(app.edits), path, text));
      app.entry.save();
      redraw(app);
    },
    refill(id, button) {
      app.edits = editField(app.edits, ["accounts", id], undefined);
      app.entry.save();
      redraw(app);
      button.focus();
      ctx.say(`The account for \u201c${ctx.titles[id] || id}\u201d has been filled in again from your reflection.`);
    },
    say(text, refused = false) {
      app.ui.message.classList.toggle("pf-message-error", Boolean(refused));
      announce(app.ui.message, text);
    },
    backupItems() {
      app.entry.flush(); // the backup holds what the page shows
      const snapshot = app.store.snapshot();
      if (snapshot.status === "ok") return { items: snapshot.items, partial: false };
      return { items: { [PORTFOLIO_KEY]: JSON.stringify(entryValue(app.edits)) }, partial: true };
    },
    hidePanels: () => [app.parts.exports.hidePrivacy, app.parts.importer.hide, app.parts.clear.hide].forEach((hide) => hide()),
    startAfresh: () => startAfresh(app),
    refresh() { // after this tab wrote another entry (the store tells other tabs only)
      gather(app);
      redraw(app);
    },
  };
  return ctx;
}

// After a clear or an import in this tab: everything is read again (nothing, or the backup's).
/** @param {App} app */
function startAfresh(app) {
  window.clearTimeout(app.timer);
  const loaded = app.entry.load();
  app.edits = cleanEdits(loaded.status === "ok" ? loaded.value : null);
  app.parts.log.forget();
  app.parts.exports.closePrint();
  app.ui.notice.clear();
  setText(app.ui.status, "");
  gather(app);
  redraw(app);
}

/**
 * @param {App} app
 * @param {Context} ctx
 */
function buildParts(app, ctx) {
  app.parts = {
    about: createAbout(ctx),
    accounts: createAccounts(ctx),
    log: createLog(ctx),
    confidence: createConfidence(ctx),
    statement: createStatement(SELF_DECLARED),
    exports: createExports(ctx),
    importer: createImport(ctx),
    clear: createClear(ctx),
  };
  const { parts, ui } = app;
  ui.root.append(parts.about.element, parts.accounts.element, parts.log.element, parts.confidence.element, parts.statement.element,
    h("fieldset", { class: "pf-section pf-exports" },
      h("legend", {}, "Keep a copy, or move your record"),
      h("p", { class: "pf-hint" }, "Files are made in your browser and saved where you choose; nothing is sent anywhere. Before any export the privacy check lists anything that looks identifying."),
      ...parts.exports.nodes, ...parts.importer.nodes, ui.message, parts.exports.printView),
    parts.clear.element);
}

/** @param {import("../../lib/mount.js").ViewArgs} args */
export function renderPortfolio({ model, el, store }) {
  // entry, parts and printCopies are set just below, before anything reads them.
  const app = /** @type {App} */ ({
    store,
    manifest: courseManifest(model.get("manifest")),
    frameworks: (model.get("frameworks") || []).filter((/** @type {any} */ f) => f && typeof f.id === "string" && Array.isArray(f.parts)),
    ui: shell(store.where()),
    edits: emptyEdits(),
    entries: {},
    setAside: /** @type {App["setAside"]} */ ([]),
    timer: null,
  });
  app.entry = syncEntry(store, PORTFOLIO_KEY, entryOptions(app));
  buildParts(app, context(app));
  app.printCopies = printMirrors(app.ui.root);
  el.append(app.ui.root);
  // Other tabs' reflections and progress, as they are saved (the portfolio's own entry is
  // followed by syncEntry).
  const unsubscribe = store.subscribe(({ keys, external }) => {
    if (!external || (keys && keys.every((key) => key === PORTFOLIO_KEY))) return;
    gather(app);
    redraw(app);
  });
  const loaded = app.entry.load();
  if (loaded.status === "ok") app.edits = cleanEdits(loaded.value);
  tell(app, loaded.status);
  gather(app);
  redraw(app);
  return () => {
    app.entry.dispose();
    unsubscribe();
    window.clearTimeout(app.timer);
    app.parts.exports.closePrint();
  };
}
