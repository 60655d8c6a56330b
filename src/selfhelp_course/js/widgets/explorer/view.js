// @ts-check
// The well-being explorer on the page: controls, a sentence that sums up the chart, the chart,
// the caveats and a table with the same numbers. The learner's choice and the questions looked
// at are kept by the store; another tab's questions looked at are merged in as they happen,
// while each tab keeps showing the chart its learner chose.
import { announce, h, uniqueId } from "../../lib/dom.js";
import { activityKey, EXPLORER_ID } from "../../lib/facts.js";
import { mountActivity } from "../../lib/mount.js";
import { createNotice } from "../../lib/notice.js";
import { barChart, changeChart, textMeasure } from "./chart.js";
import { buildControls } from "./controls.js";
import { chartWidth } from "./geometry.js";
import { dataTable } from "./table.js";
import {
  ALL, chartTitle, chooseBand, chooseQuestion, chooseView, cleanQuestions, derive, describe, entryValue,
  initialState, markSeen, progressText, sentence, stateFromEntry, summarise, tableFor, questionOf, viewTrait,
} from "./state.js";

/** @typedef {import("./state.js").ExplorerState} ExplorerState */
/**
 * The explorer's words as the widget is given them (data/activities/wellbeing-explorer.yml; its
 * schema data/schemas/wellbeing-explorer.schema.json has no generated type), read with fallbacks.
 * @typedef {{title?: string, introduction?: string, caveats?: string[]}} ExplorerText
 */
/**
 * The explorer's parts (shell).
 * @typedef {object} ExplorerUi
 * @property {HTMLParagraphElement} summary
 * @property {HTMLDivElement} chart
 * @property {HTMLDivElement} table
 * @property {HTMLParagraphElement} progress
 * @property {import("../../lib/mount.js").Notice} notice
 * @property {HTMLDivElement} root
 */

/**
 * @param {ExplorerText} text
 * @param {string} uid
 * @param {ReturnType<typeof buildControls>} controls
 */
function shell(text, uid, controls) {
  const titleId = `${uid}-title`;
  const caveats = Array.isArray(text.caveats) ? text.caveats : [];
  // The cast holds: root, the one part missing here, is set just below, before ui is used.
  const ui = /** @type {ExplorerUi} */ ({
    summary: h("p", { class: "course-status wbx-summary", role: "status", "aria-live": "polite" }),
    chart: h("div", { class: "wbx-chart" }),
    table: h("div", { class: "wbx-table-wrap", role: "region", tabindex: "0", "aria-labelledby": `${uid}-caption` }),
    progress: h("p", { class: "wbx-progress" }),
    notice: createNotice(),
  });
  ui.root = h("div", { class: "course-widget wbx", "data-explorer-id": EXPLORER_ID, role: "group", "aria-labelledby": titleId },
    h("p", { class: "wbx-title", id: titleId }, text.title || "Explore the illustrative well-being answers"),
    h("div", { class: "wbx-illustrative" },
      h("p", {}, h("strong", { class: "wbx-badge" }, "ILLUSTRATIVE DATA")),
      h("p", { class: "wbx-introduction" }, text.introduction || "")),
    controls.element,
    ui.summary,
    ui.chart,
    h("div", { class: "wbx-caveats" }, h("p", {}, h("strong", {}, "Keep in mind")), h("ul", {}, caveats.map((c) => h("li", {}, c)))),
    ui.table,
    ui.progress,
    ui.notice.element);
  return ui;
}

/**
 * @param {import("./state.js").Summary} data
 * @param {import("./state.js").ViewId} view
 * @param {ExplorerUi} ui
 * @param {string} uid
 * @param {import("./geometry.js").Measure} measure
 */
function drawChart(data, view, ui, uid, measure) {
  const width = chartWidth(ui.chart.clientWidth);
  const common = { title: chartTitle(data, view), label: describe(data, view), width, measure };
  let svg;
  if (view === "change") svg = changeChart({ ...common, members: data.members });
  else if (view === "bands") {
    svg = barChart({ ...common, patternId: `${uid}-hatch`, categories: data.question.bands, xTitle: "ONS band, lowest scores on the left",
      before: data.bandCounts.map((c) => c.before), after: data.bandCounts.map((c) => c.after) });
  } else {
    svg = barChart({ ...common, patternId: `${uid}-hatch`, categories: data.scoreCounts.map((c) => String(c.score)), xTitle: "Score from 0 to 10",
      before: data.scoreCounts.map((c) => c.before), after: data.scoreCounts.map((c) => c.after) });
  }
  ui.chart.replaceChildren(svg);
  ui.chart.dataset.width = String(width);
}

// Python reads the learner's view from the model (in JupyterLab, with a kernel).
/**
 * @param {any} model anywidget's (lib/mount.js widgetModule)
 * @param {ExplorerState} state
 */
function syncModel(model, state) {
  const wanted = viewTrait(state);
  const current = model.get("view") || {};
  // The cast holds: the keys of the object viewTrait made are its own three.
  if (/** @type {(keyof typeof wanted)[]} */ (Object.keys(wanted)).every((k) => current[k] === wanted[k])) return;
  model.set("view", wanted);
  model.save_changes();
}

/** @param {import("../../lib/mount.js").ViewArgs} args anywidget's model (lib/mount.js widgetModule) */
export function renderExplorer({ model, el, store }) {
  /** @type {ExplorerText} */
  const text = model.get("text") || {};
  const questions = cleanQuestions(model.get("questions"));
  const rows = model.get("rows") || [];
  const page = model.get("page") || "";
  const uid = uniqueId("wbx");
  const measure = textMeasure();
  let state = stateFromEntry(model.get("view"), questions, initialState(questions));
  /** @type {ReturnType<typeof summarise> | null} */
  let data = null;

  const controls = buildControls(uid, questions, {
    onQuestion: (key) => choose(chooseQuestion(state, questions, key)),
    onView: (id) => choose(chooseView(state, id)),
    onBand: (band) => choose(chooseBand(state, questions, band)),
  });
  const ui = shell(text, uid, controls);
  el.append(ui.root);

  /** @param {boolean} speak */
  function update(speak) {
    if (!questions.length || !rows.length) return;
    state = markSeen(state, questions);
    controls.show(state);
    // The cast holds: there are questions (checked above), and the state's question is always
    // one of them (stateFromEntry and chooseQuestion keep only a question that is).
    data = summarise(rows, /** @type {import("./state.js").Question} */ (questionOf(questions, state.question)), state.band);
    drawChart(data, state.view, ui, uid, measure);
    ui.table.replaceChildren(dataTable(tableFor(data, state.view), `${uid}-caption`));
    if (speak) announce(ui.summary, sentence(data));
    else ui.summary.textContent = sentence(data);
    ui.progress.textContent = progressText(state.seen.length, questions.length);
    syncModel(model, state);
  }

  const mounted = mountActivity(store, activityKey("explorer", EXPLORER_ID), {
    current: () => entryValue(state, page),
    derive: derive(questions),
    show(value, why) {
      if (why === "cleared" || why === "replaced") state = stateFromEntry(value, questions, initialState(questions));
      else state = { ...state, seen: stateFromEntry(value, questions, state).seen }; // this tab keeps its chart
      update(false);
    },
    notice: ui.notice,
    keeps: () => true, // a notice stays until the page is left
  });
  const { entry } = mounted;

  /** @param {ExplorerState} next */
  function choose(next) {
    state = next;
    update(true);
    entry.save(); // a choice, not typing: saved at once
  }

  const loaded = mounted.load();
  if (loaded.status === "ok") state = stateFromEntry(loaded.value, questions, state);
  if (!questions.length || !rows.length) {
    ui.summary.textContent = "There are no answers to show.";
    return () => entry.dispose();
  }
  update(false);

  // In JupyterLab, Python may set the view; follow it.
  const onModelView = () => {
    const wanted = model.get("view") || {};
    const mine = viewTrait(state);
    if (wanted.question === mine.question && wanted.view === mine.view && (wanted.band || ALL) === mine.band) return;
    choose(stateFromEntry({ ...wanted, seen: undefined }, questions, state));
  };
  model.on("change:view", onModelView);
  const stopResizing = redrawOnResize(ui, () => data && drawChart(data, state.view, ui, uid, measure));
  return () => {
    entry.dispose();
    model.off("change:view", onModelView);
    stopResizing();
  };
}

// Redraw for the space available, so text keeps a readable size on phones.
/**
 * @param {ExplorerUi} ui
 * @param {() => void} redraw
 */
function redrawOnResize(ui, redraw) {
  if (typeof ResizeObserver !== "function") return () => {};
  const observer = new ResizeObserver(() => {
    if (Math.abs(chartWidth(ui.chart.clientWidth) - Number(ui.chart.dataset.width || 0)) >= 24) redraw();
  });
  observer.observe(ui.chart);
  return () => observer.disconnect();
}

