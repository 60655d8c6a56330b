// @ts-check
// The end-of-course assessment's view: a start screen, then one attempt (its drawn questions, in
// the order and with the option order stored with it, no feedback until it is submitted), then
// the result with the pass mark, feedback on each question answered wrongly and a link to the
// page that teaches it, and "Start a new attempt" while attempts remain. The entry is kept by the
// store: an unfinished attempt survives a reload and follows other tabs.
import { announce, focusMessage, h, onPress, uniqueId } from "../../lib/dom.js";
import { activityKey } from "../../lib/facts.js";
import { learnerSeed } from "../../lib/learner.js";
import { mountActivity } from "../../lib/mount.js";
import { createNotice } from "../../lib/notice.js";
import * as rules from "./state.js";

/** @typedef {import("./state.js").Bank} Bank */
/** @typedef {import("./state.js").WithQuestions} WithQuestions */
/**
 * What the widget is given as its "assessment" trait (activities/assessment.py assessment_data),
 * read with a fallback for each part.
 * @typedef {{id?: string, title?: string, questions?: import("./state.js").BankQuestion[], outcomes?: import("./state.js").Outcome[],
 *   pages?: Record<string, import("./state.js").TaughtPage>, settings?: import("./state.js").Settings}} AssessmentData
 */

/**
 * @param {string} label
 * @param {(event: MouseEvent) => void} handler
 * @param {boolean} [secondary]
 */
function button(label, handler, secondary = false) {
  const node = h("button", { type: "button", class: `course-button${secondary ? " course-button-secondary" : ""}` }, label);
  onPress(node, handler);
  return node;
}

/** @param {string} stamp ISO time */
function dateOf(stamp) {
  const date = new Date(stamp);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
}

// One attempt's questions: a fieldset each, radios in the stored order. Built once per attempt;
// update(attempt) sets which options are chosen without rebuilding (focus stays where it is).
/**
 * @param {Bank} bank
 * @param {WithQuestions} attempt
 * @param {(questionId: string, optionId: string) => void} choose
 */
function attemptForm(bank, attempt, choose) {
  const byId = rules.questionsById(bank);
  const uid = uniqueId("as");
  /** @type {Map<string, {input: HTMLInputElement, row: HTMLDivElement}[]>} */
  const rows = new Map();
  const fieldsets = attempt.questions.map((q, number) => {
    // The two casts hold: an attempt's questions and options are the bank's (state.js drawAttempt, cleanAttempt).
    const question = /** @type {import("./state.js").BankQuestion} */ (byId.get(q.id));
    const inputs = q.options.map((optionId, index) => {
      const option = /** @type {import("./state.js").BankOption} */ (question.options.find((o) => o.id === optionId));
      const input = h("input", { type: "radio", name: `${uid}-${q.id}`, id: `${uid}-${q.id}-${index}`, value: optionId });
      input.addEventListener("change", () => input.checked && choose(q.id, optionId));
      return { input, row: h("div", { class: "kc-option" }, input, h("label", { for: input.id }, option.text)) };
    });
    rows.set(q.id, inputs);
    return h("fieldset", { class: "course-widget kc as-question", "data-question-id": q.id },
      h("legend", { class: "kc-question" }, `Question ${number + 1} of ${attempt.questions.length}. `, question.question),
      h("div", { class: "kc-options" }, inputs.map((i) => i.row)));
  });
  const node = h("div", { class: "as-questions" }, fieldsets);
  return {
    node,
    /** @param {WithQuestions} current */
    update(current) {
      for (const [qid, inputs] of rows) {
        const chosen = (current.answers[qid] || [])[0];
        for (const { input } of inputs) input.checked = input.value === chosen;
      }
    },
  };
}

/**
 * @param {import("./state.js").Review} result
 * @param {number} passMark
 */
function reviewView(result, passMark) {
  const items = result.wrong.map((w) => h("li", { class: "as-wrong" },
    h("p", { class: "kc-question" }, w.question),
    h("p", {}, h("strong", {}, "Your answer: "), w.chosen || "(none)"),
    h("p", {}, h("strong", {}, "The right answer: "), w.right),
    h("p", { class: "kc-note kc-note-wrong" }, w.feedback),
    h("p", {}, "Read again: ", w.page.href ? h("a", { href: w.page.href }, w.page.title) : w.page.title)));
  return h("div", { class: "as-review" },
    h("p", { class: `as-result ${result.passed ? "as-passed" : "as-not-passed"}` }, rules.resultText(result, passMark)),
    result.wrong.length
      ? [h("p", {}, h("strong", {}, "The questions you answered wrongly, with the page that teaches each:")), h("ol", { class: "as-wrong-list" }, items)]
      : h("p", {}, "You answered every question right."));
}

class AssessmentView {
  /** @param {{model: any, el: HTMLElement, store: import("../../lib/store.js").Store, now: () => string}} args anywidget's model (lib/mount.js widgetModule) */
  constructor({ model, el, store, now }) {
    /** @type {AssessmentData} */
    const data = model.get("assessment") || {};
    this.model = model;
    this.store = store;
    this.now = now;
    this.pages = data.pages || {};
    this.outcomes = data.outcomes || [];
    // The cast holds: the widget is always given its bank (assessment_data), whose schema requires an id.
    /** @type {Bank} */
    this.bank = { id: /** @type {string} */ (data.id), questions: data.questions || [] };
    this.settings = data.settings || { draw: 15, attempts: 0, pass_mark: 0.8 };
    this.passMark = this.settings.pass_mark;
    this.page = model.get("page") || "";
    this.entry = rules.stateFromEntry(null, this.bank);
    /** @type {({attemptId: string} & ReturnType<typeof attemptForm>) | null} */
    this.form = null; // {attemptId, node, update}
    this.build(el, data.title || "Assessment");
    this.mounted = mountActivity(store, activityKey("assessment", this.bank.id), {
      current: () => ({ ...this.entry, page: this.page }),
      derive: rules.derive(this.bank, this.passMark),
      show: (value) => this.showStored(value),
      notice: this.notice,
    });
    this.saved = this.mounted.entry;
  }

  /**
   * @param {HTMLElement} el
   * @param {string} title
   */
  build(el, title) {
    const titleId = uniqueId("as-title");
    // Made here, called once from the constructor: set from then on (tsc: the types below).
    /** @type {HTMLParagraphElement} */
    this.summary = h("p", { class: "as-summary" });
    /** @type {HTMLDivElement} */
    this.stage = h("div", { class: "as-stage" });
    /** @type {HTMLParagraphElement} */
    this.progress = h("p", { class: "as-progress", role: "status", "aria-live": "polite" });
    /** @type {HTMLParagraphElement} */
    this.status = h("p", { class: "course-status", role: "status", "aria-live": "polite", tabindex: "-1" });
    /** @type {ReturnType<typeof createNotice>} */
    this.notice = createNotice();
    /** @type {HTMLButtonElement} */
    this.submitButton = button("Submit your answers", () => this.submitNow());
    /** @type {HTMLButtonElement} */
    this.startButton = button("Start the assessment", () => this.start());
    el.append(h("div", { class: "course-widget as", "data-assessment-id": this.bank.id, role: "group", "aria-labelledby": titleId },
      h("p", { class: "course-title", id: titleId }, title),
      this.summary, this.stage, this.progress, h("div", { class: "course-actions" }, this.submitButton, this.startButton),
      this.status, this.notice.element));
  }

  sync() {
    const best = rules.bestAttempt(this.entry);
    this.model.set("result", best ? { ...best, passed: rules.passed(best, this.passMark) } : {});
    this.model.save_changes();
  }

  /** @param {unknown} value */
  showStored(value) {
    this.entry = rules.stateFromEntry(value, this.bank);
    this.paint();
    this.sync();
  }

  summaryText() {
    const { settings, entry, passMark } = this;
    const best = rules.bestAttempt(entry);
    const bits = [`Each attempt has ${settings.draw} questions drawn from a bank of ${this.bank.questions.length}, covering every learning outcome. The pass mark is ${rules.percent(passMark)}.`];
    bits.push(settings.attempts ? `You have ${rules.attemptsLeft(entry, settings)} of ${settings.attempts} attempts left.` : "You may take as many attempts as you like; your best result counts.");
    if (best) bits.push(`Your best result: ${best.right} of ${best.total} (${rules.percent(best.scaled)}) on ${dateOf(best.submitted)}, ${rules.passed(best, passMark) ? "a pass" : "below the pass mark"}.`);
    return bits.join(" ");
  }

  /** @param {WithQuestions} attempt */
  answeredText(attempt) {
    return `${attempt.questions.length - rules.unanswered(attempt)} of ${attempt.questions.length} answered.`;
  }

  /** @param {string} current the attempt in progress (state.js currentAttempt) */
  paintAttempt(current) {
    // The cast holds: the attempt in progress is never compacted, so it has its questions.
    const attempt = /** @type {import("./state.js").OpenAttempt} */ (this.entry.attempts[current]);
    if (!this.form || this.form.attemptId !== current) {
      this.form = { attemptId: current, ...attemptForm(this.bank, attempt, (qid, oid) => this.choose(current, qid, oid)) };
      this.stage.replaceChildren(h("p", { class: "as-instructions" }, "Choose one answer to each question. Nothing is marked until you submit; then you see your result and feedback."), this.form.node);
    }
    this.form.update(attempt);
    this.progress.textContent = this.answeredText(attempt);
    this.submitButton.hidden = false;
    this.startButton.hidden = true;
  }

  paint() {
    this.summary.textContent = this.summaryText();
    const current = rules.currentAttempt(this.entry);
    if (current) return this.paintAttempt(current);
    this.form = null;
    this.progress.textContent = "";
    this.submitButton.hidden = true;
    const last = rules.lastSubmitted(this.entry);
    const left = rules.attemptsLeft(this.entry, this.settings);
    // The cast holds: compact keeps the latest submitted attempt whole (with its questions).
    this.stage.replaceChildren(last ? reviewView(rules.review(this.bank, /** @type {WithQuestions} */ (this.entry.attempts[last]), this.pages, this.passMark), this.passMark) : "");
    this.startButton.textContent = last ? "Start a new attempt" : "Start the assessment";
    this.startButton.hidden = left <= 0;
    if (last && left <= 0) this.stage.append(h("p", {}, "You have used all your attempts."));
    return undefined;
  }

  /**
   * @param {string} attemptId
   * @param {string} questionId
   * @param {string} optionId
   */
  choose(attemptId, questionId, optionId) {
    this.entry = rules.answer(this.entry, attemptId, questionId, optionId);
    this.saved.changed();
    // The cast holds: the learner answers in the form of the attempt in progress (paint rebuilds
    // it when that changes), and an attempt kept whole has its questions.
    const attempt = /** @type {WithQuestions | undefined} */ (this.entry.attempts[attemptId]);
    if (attempt) this.progress.textContent = this.answeredText(attempt);
  }

  start() {
    if (rules.currentAttempt(this.entry) || rules.attemptsLeft(this.entry, this.settings) <= 0) return;
    const seed = learnerSeed(this.store);
    this.entry = rules.startAttempt(this.entry, this.bank, this.outcomes, this.settings, seed, rules.newAttemptId(), this.now());
    this.saved.save();
    this.paint();
    const first = this.stage.querySelector("input");
    if (first) first.focus();
    announce(this.status, `Attempt started: ${this.settings.draw} questions.`);
  }

  submitNow() {
    const current = rules.currentAttempt(this.entry);
    if (!current) return;
    // The two casts hold: the attempt in progress has its questions, and submit keeps them.
    const missing = rules.unanswered(/** @type {WithQuestions} */ (this.entry.attempts[current]));
    if (missing) {
      announce(this.status, `Answer every question before you submit: ${missing} ${missing === 1 ? "is" : "are"} still unanswered.`);
      return;
    }
    this.entry = rules.submit(this.entry, this.bank, current, this.now());
    this.saved.save();
    this.paint();
    this.sync();
    this.status.textContent = rules.resultText(rules.review(this.bank, /** @type {WithQuestions} */ (this.entry.attempts[current]), this.pages, this.passMark), this.passMark);
    focusMessage(this.status);
  }

  load() {
    const loaded = this.mounted.load();
    this.entry = rules.stateFromEntry(loaded.status === "ok" ? loaded.value : null, this.bank);
    this.paint();
    this.sync();
  }
}

/** @param {import("../../lib/mount.js").ViewArgs & {now?: () => string}} args anywidget's model (lib/mount.js widgetModule); now: the clock (tests) */
export function renderAssessment({ model, el, store, now = () => new Date().toISOString() }) {
  const view = new AssessmentView({ model, el, store, now });
  view.load();
  return view.mounted.dispose;
}
