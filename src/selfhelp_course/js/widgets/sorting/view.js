// @ts-check
// Sorting exercise view: each description is a fieldset with one labelled <select>, so the
// whole exercise works with a keyboard and a screen reader; nothing depends on dragging. The
// placements are kept by the store and follow other tabs. After "Check my sorting" focus goes
// to the score, so it is read out.
import { announce, focusMessage, h, onPress, uniqueId } from "../../lib/dom.js";
import { activityKey } from "../../lib/facts.js";
import { mountActivity } from "../../lib/mount.js";
import { createNotice } from "../../lib/notice.js";
import * as rules from "./state.js";

/**
 * @typedef {import("./state.js").Exercise} Exercise
 * @typedef {import("./state.js").SortingItem} SortingItem
 * @typedef {import("./state.js").SortingAnswer} SortingAnswer
 * @typedef {import("../../lib/mount.js").Notice} Notice
 * @typedef {{rows: ReturnType<typeof itemRow>[], checkButton: HTMLButtonElement, retryButton: HTMLButtonElement,
 *   restartButton: HTMLButtonElement, status: HTMLParagraphElement, notice: Notice, root: HTMLDivElement}} SortingUi
 * @typedef {{answer: () => SortingAnswer, commit: (next: SortingAnswer) => void}} SortingWidget
 */

/**
 * @param {Exercise} exercise
 * @param {SortingItem} item
 * @param {number} index
 * @param {string} uid
 */
function itemRow(exercise, item, index, uid) {
  const selectId = `${uid}-${index}`;
  const note = h("p", { class: "sort-note", id: `${selectId}-note`, hidden: true });
  const select = h(
    "select",
    { id: selectId, class: "sort-select", "aria-describedby": note.id },
    h("option", { value: "" }, "Not chosen yet"),
    exercise.categories.map((category) => h("option", { value: category.id }, category.label)),
  );
  const fieldset = h(
    "fieldset",
    { class: "sort-item", "data-item": String(index) },
    h("legend", { class: "sort-description" }, h("span", { class: "sort-number" }, `${index + 1}. `), item.text),
    h("div", { class: "sort-choice" }, h("label", { for: selectId }, "Choose a kind"), select),
    note,
  );
  return { fieldset, select, note };
}

/**
 * @param {Exercise} exercise
 * @param {string} uid
 * @returns {SortingUi}
 */
function shell(exercise, uid) {
  // root is set just below, before ui is returned (tsc: the cast).
  const ui = /** @type {SortingUi} */ ({
    rows: exercise.items.map((item, index) => itemRow(exercise, item, index, uid)),
    checkButton: h("button", { type: "button", class: "course-button" }, "Check my sorting"),
    retryButton: h("button", { type: "button", class: "course-button course-button-secondary", hidden: true }, "Try again"),
    restartButton: h("button", { type: "button", class: "course-button course-button-secondary" }, "Start again"),
    status: h("p", { class: "course-status", role: "status", "aria-live": "polite" }),
    notice: createNotice(),
  });
  const titleId = `${uid}-title`;
  ui.root = h(
    "div",
    { class: "course-widget sort", "data-sorting-id": exercise.id, role: "group", "aria-labelledby": titleId },
    h("p", { class: "course-title", id: titleId }, exercise.title),
    h("p", { class: "sort-instructions" }, exercise.instructions),
    h("p", { class: "sort-kinds" }, rules.kindsText(exercise)),
    h("div", { class: "sort-items" }, ui.rows.map((row) => row.fieldset)),
    h("div", { class: "course-actions" }, ui.checkButton, ui.retryButton, ui.restartButton),
    ui.status,
    ui.notice.element,
  );
  return ui;
}

/**
 * @param {SortingUi} ui
 * @param {Exercise} exercise
 * @param {SortingAnswer} answer
 */
function paint(ui, exercise, answer) {
  const notes = answer.checked ? rules.notes(exercise, answer.placements) : [];
  ui.rows.forEach((row, index) => {
    row.select.value = answer.placements[String(index)] || "";
    row.select.disabled = answer.checked;
    row.fieldset.classList.remove("sort-item-right", "sort-item-wrong", "sort-item-missing");
    const note = notes[index];
    row.note.hidden = !note;
    row.note.textContent = note ? note.text : "";
    row.note.className = note ? `sort-note sort-note-${note.state}` : "sort-note";
    if (note) row.fieldset.classList.add(`sort-item-${note.state}`);
  });
  ui.checkButton.hidden = answer.checked;
  ui.retryButton.hidden = !answer.checked || rules.allRight(exercise, answer.placements);
  ui.restartButton.hidden = !answer.checked && rules.placedCount(answer.placements) === 0;
}

// The status line when nothing is being announced: the score once checked, else how many are placed.
/**
 * @param {Exercise} exercise
 * @param {SortingAnswer} answer
 */
function statusText(exercise, answer) {
  return answer.checked ? rules.scoreMessage(exercise, answer.placements) : rules.progressMessage(exercise, answer.placements);
}

// The buttons move the learner on, so each acts once per press (onPress). After "Check my
// sorting" focus goes to the score; after the others, to the first description to choose.
/**
 * @param {SortingUi} ui
 * @param {Exercise} exercise
 * @param {SortingWidget} widget
 */
function wireButtons(ui, exercise, widget) {
  onPress(ui.checkButton, () => {
    if (rules.placedCount(widget.answer().placements) === 0) {
      announce(ui.status, "Choose a kind for at least one description first.");
      ui.rows[0].select.focus();
      return;
    }
    widget.commit(rules.check(widget.answer()));
    ui.status.textContent = rules.scoreMessage(exercise, widget.answer().placements);
    focusMessage(ui.status);
  });
  onPress(ui.retryButton, () => {
    const next = rules.keepRight(exercise, widget.answer());
    widget.commit(next);
    announce(ui.status, rules.keptMessage(exercise, next.placements));
    const first = ui.rows.find((_row, index) => !next.placements[String(index)]);
    (first || ui.rows[0]).select.focus();
  });
  onPress(ui.restartButton, () => {
    widget.commit(rules.restart(widget.answer()));
    announce(ui.status, "Every placement has been cleared. You can start again.");
    ui.rows[0].select.focus();
  });
}

/** @param {import("../../lib/mount.js").ViewArgs} args anywidget's model (lib/mount.js widgetModule) */
export function renderSorting({ model, el, store }) {
  /** @type {Exercise} */
  const exercise = model.get("exercise") || {};
  if (!Array.isArray(exercise.items) || !exercise.items.length || !Array.isArray(exercise.categories)) {
    el.append(h("p", { class: "course-widget-error", role: "alert" }, "This sorting exercise has nothing to sort, so it cannot be shown."));
    return () => {};
  }
  const page = model.get("page") || "";
  const ui = shell(exercise, uniqueId(`sort-${exercise.id}`));
  el.append(ui.root);
  let answer = rules.stateFromEntry(null, exercise);

  function sync() {
    model.set("placements", { ...answer.placements }); // a fresh object, so the model sees a change
    model.set("checked", answer.checked);
    model.save_changes();
  }

  function redraw() {
    paint(ui, exercise, answer);
    ui.status.textContent = statusText(exercise, answer);
  }

  const mounted = mountActivity(store, activityKey("sorting", exercise.id), {
    current: () => rules.entryValue(answer, page),
    derive: rules.derive(exercise),
    show(value) {
      answer = rules.stateFromEntry(value, exercise);
      redraw();
      sync();
    },
    notice: ui.notice,
  });
  const { entry } = mounted;

  // A new answer from a button: saved at once and drawn.
  /** @type {SortingWidget} */
  const widget = {
    answer: () => answer,
    commit(next) {
      answer = next;
      entry.save();
      paint(ui, exercise, answer);
      sync();
    },
  };
  wireButtons(ui, exercise, widget);

  ui.rows.forEach((row, index) => row.select.addEventListener("change", () => {
    answer = rules.place(answer, index, row.select.value);
    entry.changed();
    paint(ui, exercise, answer);
    sync();
    ui.status.textContent = rules.progressMessage(exercise, answer.placements);
  }));

  const loaded = mounted.load();
  if (loaded.status === "ok") {
    answer = rules.stateFromEntry(loaded.value, exercise);
    // Saved under the old rule (complete with some wrong): put the record right.
    mounted.repair(loaded);
  } else {
    answer = rules.stateFromEntry({ placements: model.get("placements"), checked: model.get("checked") }, exercise);
  }
  redraw();
  return mounted.dispose;
}
