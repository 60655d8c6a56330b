// @ts-check
// The progress page: the whole course by part and page, with activities completed and attempted,
// minutes and status, the CPD minutes done so far, and any saved entry that was set aside
// because it could not be read. It only reads (through the store) and follows every change as
// it is saved, in this tab or another, through the store's change notifications.
import { announce, h, setText, uniqueId } from "../../lib/dom.js";
import { courseManifest } from "../../lib/manifest.js";
import { createNotice } from "../../lib/notice.js";
import { whereText } from "../../lib/where.js";
import { sharedComputerBox } from "./shared.js";
import { courseProgress } from "../../lib/progress.js";
import {
  activitiesText, changeMessage, countsText, groupByPart, setAsideHeading, setAsideItems, statusClass, statusText, totalsText,
} from "./state.js";

/** @typedef {import("./state.js").CourseProgress} CourseProgress */
/**
 * The page's parts (shell).
 * @typedef {object} ProgressUi
 * @property {HTMLLabelElement} totals
 * @property {HTMLProgressElement} bar
 * @property {HTMLParagraphElement} counts
 * @property {HTMLParagraphElement} status
 * @property {import("../../lib/mount.js").Notice} notice
 * @property {HTMLDivElement} setAside
 * @property {HTMLTableElement} table
 * @property {HTMLDivElement} root
 */

const NO_MANIFEST = "The list of the course's pages is not available here, so progress cannot be shown.";

/** @param {string} docname */
function pageHref(docname) {
  const root = document.documentElement.dataset.content_root;
  return typeof root === "string" ? `${root}${docname}.html` : null;
}

/**
 * @param {string} uid
 * @param {string} space
 */
function shell(uid, space) {
  // The cast holds: root, the one part missing here, is set just below, before ui is used.
  const ui = /** @type {ProgressUi} */ ({
    totals: h("label", { class: "prog-totals", for: `${uid}-bar`, id: `${uid}-totals` }),
    bar: h("progress", { class: "prog-bar", id: `${uid}-bar`, max: 1, value: 0 }),
    counts: h("p", { class: "prog-counts" }),
    status: h("p", { class: "course-status prog-status", role: "status", "aria-live": "polite" }),
    notice: createNotice(),
    setAside: h("div", { class: "course-notice prog-set-aside", hidden: true }),
    table: h("table", { class: "prog-table" }),
  });
  ui.root = h("div", { class: "course-widget prog", "data-progress-id": "course" },
    h("p", { class: "course-title" }, "Your progress through the course"),
    h("p", { class: "prog-where" }, whereText(space, "progress")),
    h("div", { class: "prog-summary" }, ui.totals, ui.bar, ui.counts),
    h("p", { class: "prog-rule" },
      "An activity is completed when it is done in full (a question answered correctly, every item sorted right, " +
      "a reflection with every part written...); one you have begun but not finished is attempted. A page's minutes " +
      "count once all its activities are completed, or, for a page without activities, once you mark it as read. " +
      "Time is shown in hours and minutes, exactly as the pages state it (nothing is rounded)."),
    ui.notice.element,
    ui.setAside,
    h("div", { class: "prog-scroll", role: "region", "aria-label": "Progress by page", tabindex: 0 }, ui.table),
    ui.status,
    space === "lms" ? null : sharedComputerBox(uid));
  return ui;
}

// The table's rows, once per manifest; returns {docname: {row, activities, state}}.
/**
 * @param {HTMLTableElement} table
 * @param {unknown} manifest
 * @param {CourseProgress} progress
 */
function buildTable(table, manifest, progress) {
  /** @type {Map<string, {row: HTMLTableRowElement, activities: HTMLTableCellElement, state: HTMLTableCellElement}>} */
  const cells = new Map();
  const head = ["Page", "Activities", "Minutes", "Status"].map((text) => h("th", { scope: "col" }, text));
  table.replaceChildren(h("caption", {}, "Every page with CPD time, in reading order"), h("thead", {}, h("tr", {}, head)));
  for (const group of groupByPart(manifest, progress.pages)) {
    const body = h("tbody", { class: "prog-part" });
    if (group.part) body.append(h("tr", { class: "prog-part-row" }, h("th", { scope: "colgroup", colspan: 4 }, group.part)));
    for (const page of group.pages) {
      const href = pageHref(page.docname);
      // data-label names each cell when narrow screens show a row as a stack (course-widgets.css).
      const activities = h("td", { class: "prog-activities", "data-label": "Activities" });
      const state = h("td", { class: "prog-state", "data-label": "Status" });
      const row = h("tr", { class: "prog-page", "data-page": page.docname },
        h("th", { scope: "row", class: "prog-title" }, href ? h("a", { href }, page.title) : page.title),
        activities,
        h("td", { class: "prog-minutes", "data-label": "Minutes" }, String(page.minutes)),
        state);
      body.append(row);
      cells.set(page.docname, { row, activities, state });
    }
    table.append(body);
  }
  return cells;
}

/**
 * @param {HTMLElement} box
 * @param {unknown} manifest
 * @param {ReturnType<import("../../lib/store.js").Store["readAll"]>["setAside"]} list
 */
function showSetAside(box, manifest, list) {
  const items = setAsideItems(manifest, list);
  box.hidden = items.length === 0;
  const shown = JSON.stringify(items);
  if (box.dataset.shown === shown) return;
  box.dataset.shown = shown;
  box.replaceChildren(...(items.length ? [
    h("p", { class: "prog-set-aside-title" }, setAsideHeading(items.length)),
    h("ul", {}, items.map((item) => h("li", { "data-key": item.key, "data-from": item.from }, item.text))),
  ] : []));
}

/** @param {import("../../lib/mount.js").ViewArgs} args anywidget's model (lib/mount.js widgetModule) */
export function renderProgress({ model, el, store }) {
  const ui = shell(uniqueId("prog"), store.where());
  el.append(ui.root);
  let manifest = courseManifest(model.get("manifest"));
  let cells = new Map();
  /** @type {ReturnType<typeof courseProgress> | null} */
  let last = null;

  function update() {
    const works = store.available();
    const stored = works ? store.readAll() : { status: "unavailable", entries: {}, setAside: [] };
    const progress = courseProgress(manifest, stored.entries);
    if (!progress.pages.length) {
      ui.notice.show(null, NO_MANIFEST);
      return;
    }
    if (stored.status === "unavailable") ui.notice.show("unavailable");
    else ui.notice.clear();
    showSetAside(ui.setAside, manifest, stored.setAside);
    setText(ui.totals, totalsText(progress));
    ui.bar.max = Math.max(progress.minutesTotal, 1);
    ui.bar.value = progress.minutesDone;
    setText(ui.counts, countsText(progress));
    for (const page of progress.pages) {
      const cell = cells.get(page.docname);
      if (!cell) continue;
      setText(cell.activities, activitiesText(page));
      setText(cell.state, statusText(page));
      cell.row.className = `prog-page ${statusClass(page)}`;
    }
    const message = changeMessage(last, progress);
    if (message) announce(ui.status, message);
    last = progress;
  }

  function rebuild() {
    manifest = courseManifest(model.get("manifest"));
    cells = buildTable(ui.table, manifest, courseProgress(manifest, {}));
    update();
  }

  // Changes arrive while the store is reading (setting an unreadable entry aside announces
  // one): redraw once, after the current work, rather than inside it. No timer is involved.
  let queued = false;
  function refresh() {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      update();
    });
  }

  rebuild();
  const unsubscribe = store.subscribe(refresh);
  window.addEventListener("pageshow", refresh); // back to a page kept in memory
  model.on("change:manifest", rebuild);
  return () => {
    unsubscribe();
    window.removeEventListener("pageshow", refresh);
    model.off("change:manifest", rebuild);
  };
}
