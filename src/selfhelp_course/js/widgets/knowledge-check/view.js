// @ts-check
// Knowledge check view: one fieldset per question; its answer is kept by the store and follows
// other tabs. Focus goes to the verdict after "Check answer", so it is read out.
import { announce, focusMessage, h, onPress, uniqueId } from "../../lib/dom.js";
import { activityKey } from "../../lib/facts.js";
import { mountActivity } from "../../lib/mount.js";
import { createNotice } from "../../lib/notice.js";
import { derive, entryValue, feedback, shownOrder, stateFromEntry, verdict } from "./state.js";

/**
 * @typedef {import("./state.js").Check} Check
 * @typedef {import("./state.js").CheckOption} CheckOption
 * @typedef {import("./state.js").CheckAnswer} CheckAnswer
 * @typedef {import("../../lib/store.js").Store} Store
 */

// One option's row; rows are made in bank order and shown in the learner's order.
/** @typedef {ReturnType<typeof optionRow>} OptionRow */
/**
 * @param {CheckOption} option
 * @param {number} index
 * @param {string} uid
 * @param {boolean} multiple
 */
function optionRow(option, index, uid, multiple) {
  const input = h("input", {
    type: multiple ? "checkbox" : "radio",
    name: uid,
    id: `${uid}-${index}`,
    value: option.id,
    "aria-describedby": `${uid}-${index}-note`,
  });
  const note = h("p", { class: "kc-note", id: `${uid}-${index}-note`, hidden: true });
  const row = h("div", { class: "kc-option", "data-option-id": option.id }, input, h("label", { for: input.id }, option.text), note);
  return { id: option.id, input, note, row };
}

class QuestionView {
  /**
   * @param {Check} check
   * @param {string} page
   * @param {Store} store
   * @param {() => void} onChange
   * @param {string} seed
   */
  constructor(check, page, store, onChange, seed) {
    this.check = check;
    this.seed = seed;
    this.onChange = onChange;
    this.multiple = check.kind === "multiple";
    /** @type {CheckAnswer} */
    this.answer = { selected: [], checked: false, tries: 0 };
    this.build();
    this.mounted = mountActivity(store, activityKey("check", check.id), {
      current: () => entryValue(this.answer, page),
      show: (value) => this.showStored(value),
      derive: derive(check),
      notice: this.notice,
    });
    this.entry = this.mounted.entry;
    this.wire();
    const loaded = this.mounted.load();
    this.answer = stateFromEntry(loaded.value, check);
    this.draw();
  }

  // Called once from the constructor: what it makes is set from then on (tsc: the types below).
  build() {
    const uid = uniqueId(`kc-${this.check.id}`);
    /** @type {OptionRow[]} */
    this.rows = this.check.options.map((option, index) => optionRow(option, index, uid, this.multiple));
    /** @type {HTMLDivElement} */
    this.optionsBox = h("div", { class: "kc-options" });
    this.arrange();
    /** @type {HTMLButtonElement} */
    this.checkButton = h("button", { type: "button", class: "course-button" }, "Check answer");
    /** @type {HTMLButtonElement} */
    this.retryButton = h("button", { type: "button", class: "course-button course-button-secondary", hidden: true }, "Try again");
    /** @type {HTMLParagraphElement} */
    this.status = h("p", { class: "course-status", role: "status", "aria-live": "polite" });
    /** @type {ReturnType<typeof createNotice>} */
    this.notice = createNotice();
    /** @type {HTMLFieldSetElement} */
    this.element = h(
      "fieldset",
      { class: "course-widget kc", "data-check-id": this.check.id },
      h("legend", { class: "kc-question" }, this.check.question),
      h("p", { class: "kc-hint" }, this.multiple ? "Choose all that apply." : "Choose one answer."),
      this.optionsBox,
      h("div", { class: "course-actions" }, this.checkButton, this.retryButton),
      this.status,
      this.notice.element,
    );
  }

  // Rows in this learner's order (another tab may have settled the seed differently first).
  arrange() {
    const byId = new Map(this.rows.map((r) => [r.id, r]));
    // shownOrder orders the ids of check.options, and each has its row (tsc: the cast).
    /** @type {OptionRow[]} */
    this.shown = shownOrder(this.check, this.seed).map((id) => /** @type {OptionRow} */ (byId.get(id)));
    this.optionsBox.append(...this.shown.map((r) => r.row));
  }

  /** @param {string} seed */
  reorder(seed) {
    if (seed === this.seed) return;
    this.seed = seed;
    this.arrange();
  }

  wire() {
    onPress(this.checkButton, () => this.checkAnswer());
    onPress(this.retryButton, () => {
      this.reset();
      this.shown[0].input.focus();
    });
    // Chosen options by id, in bank order.
    const chosen = () => this.rows.flatMap((r) => (r.input.checked ? [r.id] : []));
    this.rows.forEach((r) => r.input.addEventListener("change", () => this.change({ ...this.answer, selected: chosen() })));
  }

  draw() {
    const notes = this.answer.checked ? feedback(this.check, this.answer.selected) : [];
    this.rows.forEach((r, index) => {
      const note = notes[index];
      r.input.checked = this.answer.selected.includes(r.id);
      r.input.disabled = this.answer.checked;
      r.note.hidden = !(note && note.visible);
      r.note.textContent = note && note.visible ? note.text : "";
      r.note.className = `kc-note ${note && note.correct ? "kc-note-right" : "kc-note-wrong"}`;
    });
    this.checkButton.hidden = this.answer.checked;
    this.retryButton.hidden = !this.answer.checked;
    if (!this.answer.checked) this.status.textContent = "";
    else if (!this.status.textContent) this.status.textContent = verdict(this.check, this.answer.selected);
  }

  /** @param {unknown} value */
  showStored(value) {
    this.answer = stateFromEntry(value, this.check);
    this.status.textContent = "";
    this.draw();
    this.onChange();
  }

  /** @param {CheckAnswer} next */
  change(next) {
    this.answer = next;
    this.entry.changed();
    this.onChange();
  }

  checkAnswer() {
    const picked = this.answer.selected;
    if (!picked.length) {
      announce(this.status, this.multiple ? "Choose at least one answer first." : "Choose an answer first.");
      return;
    }
    this.change({ selected: picked, checked: true, tries: this.answer.tries + 1 });
    this.entry.save();
    this.draw();
    this.status.textContent = verdict(this.check, picked);
    focusMessage(this.status);
  }

  reset() {
    this.change({ selected: [], checked: false, tries: this.answer.tries });
    this.entry.save();
    this.draw();
  }
}

/**
 * @param {Check} check
 * @param {string} page
 * @param {Store} store
 * @param {() => void} onChange
 * @param {string} seed
 */
export function renderQuestion(check, page, store, onChange, seed) {
  const view = new QuestionView(check, page, store, onChange, seed);
  return {
    element: view.element, answer: () => view.answer, reset: () => view.reset(), dispose: () => view.entry.dispose(),
    reorder: (/** @type {string} */ next) => view.reorder(next), first: () => view.shown[0].input,
  };
}
