// @ts-check
// The course evaluation's view. Stage "before" (the welcome page): confidence against each
// learning outcome, with "Skip" (nothing is recorded). Stage "after" (book/evaluation): the same
// ratings again, feedback, role and what the learner will do differently (the privacy guard runs
// on it), then the exact anonymous file and "Download an anonymous evaluation". One entry,
// evaluation:course, kept by the store and merged with other tabs like every activity.
import { announce, focusMessage, h, onPress, setText, uniqueId } from "../../lib/dom.js";
import { downloadText } from "../../lib/download.js";
import { evaluationFile, evaluationFileName, evaluationText, freshResponseId, monthOf } from "../../lib/evaluation.js";
import { EVALUATION_KEY } from "../../lib/evaluation.js";
import { conflictsIn, resolveConflict } from "../../lib/merge.js";
import { mountActivity } from "../../lib/mount.js";
import { storedNation } from "../../lib/nation.js";
import { createNotice } from "../../lib/notice.js";
import { buildPart } from "../reflection/part.js";
import { filePreview, radioGroup, roleSelect, tickBox } from "./form.js";
import * as rules from "./state.js";

/** @typedef {import("./state.js").EvaluationState} EvaluationState */
/** @typedef {import("./state.js").Stage} Stage */

const KEY = () => EVALUATION_KEY;

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

// Where the answers are kept, in words true where the page runs (the store's where()).
/** @type {Record<string, string>} */
const WHERE = {
  website: "Your answers are kept only in this browser, on this device: nothing is sent anywhere.",
  shared: "Your answers are kept in this browser only until it is closed (shared-computer mode): nothing is sent anywhere.",
  lms: "Your answers are kept in this browser for you alone; your ratings and choices also go to your learning management system, but what you write never does.",
};

/** @type {(points: import("../../lib/shapes.generated.js").EvaluationPoint[], value: unknown) => string} */
const wordsOf = (points, value) => (points.find((p) => p.value === value) || {}).words || "";

class EvaluationView {
  /** @param {{model: any, el: HTMLElement, store: import("../../lib/store.js").Store, now: () => Date}} args anywidget's model (lib/mount.js widgetModule) */
  constructor({ model, el, store, now }) {
    /** @type {import("./state.js").EvaluationWords} */
    this.words = model.get("evaluation") || {};
    /** @type {Stage} */
    this.stage = model.get("stage") === "after" ? "after" : "before";
    this.model = model;
    this.store = store;
    this.now = now;
    this.page = model.get("page") || "";
    this.text = this.words.text || {};
    this.choices = rules.choicesOf(this.words);
    this.state = rules.stateFromEntry(null, this.choices);
    /** @type {{group: object, update: (state: EvaluationState) => void}[]} */
    this.groups = [];
    this.build(el);
    this.mounted = mountActivity(store, KEY(), {
      current: () => rules.entryValue(this.state, this.page),
      derive: rules.keepFirstResponseId,
      show: (value) => this.showStored(value),
      notice: this.notice,
      keeps: () => false, // a successful save takes any notice away
    });
    this.entry = this.mounted.entry;
    this.start();
  }

  /** @param {HTMLElement} el */
  build(el) {
    const titleId = uniqueId("ev-title");
    // Made here, called once from the constructor: set from then on (tsc: the types below).
    /** @type {HTMLParagraphElement} */
    this.status = h("p", { class: "course-status ev-status", role: "status", "aria-live": "polite" });
    /** @type {ReturnType<typeof createNotice>} */
    this.notice = createNotice();
    /** @type {HTMLDivElement} */
    this.body = h("div", { class: "ev-body" });
    /** @type {HTMLDivElement} */
    this.root = h("div", { class: `course-widget ev ev-${this.stage}`, "data-evaluation-stage": this.stage, role: "group", "aria-labelledby": titleId },
      h("p", { class: "course-title", id: titleId }, this.text.title || "Course evaluation"),
      h("p", { class: "ev-intro" }, this.stage === "after" ? this.text.after_intro : this.text.before_intro),
      h("p", { class: "ev-where" }, `${WHERE[this.store.where()] || WHERE.website} It never counts towards your progress.`),
      this.body, this.status, this.notice.element);
    el.append(this.root);
    this.body.append(...this.confidenceGroups());
    if (this.stage === "before") this.buildSkip();
    else this.buildAfter();
  }

  confidenceGroups() {
    return (this.words.outcomes || []).map((outcome) => {
      const group = radioGroup({ legend: outcome.text, points: this.words.scale || [], kind: `confidence-${outcome.id}`,
        note: this.stage === "after" ? "" : null, onChoose: (value) => this.change(rules.rate(this.state, this.stage, outcome.id, value)) });
      group.node.dataset.outcome = outcome.id;
      this.groups.push({ group, update: (s) => {
        group.set(s[this.stage][outcome.id]);
        if (this.stage === "after") group.note(s.before[outcome.id] ? `Before the course you chose: ${wordsOf(this.words.scale || [], s.before[outcome.id])}.` : "");
      } });
      return group.node;
    });
  }

  // Stage "before" only; showSkipped is called only from the buttons made here (tsc: the types).
  buildSkip() {
    /** @type {HTMLParagraphElement} */
    this.skipped = h("p", { class: "ev-skipped", hidden: true, tabindex: "-1" },
      "Skipped: nothing was recorded. You can rate your confidence at the end of the course, on the evaluation page.");
    const again = button("Rate my confidence after all", () => this.showSkipped(false), true);
    again.hidden = true;
    /** @type {HTMLButtonElement} */
    this.again = again;
    /** @type {HTMLButtonElement} */
    this.skipButton = button("Skip", () => this.showSkipped(true), true);
    this.root.insertBefore(h("div", { class: "course-actions" }, this.skipButton), this.status);
    this.root.insertBefore(h("div", { class: "ev-skip-box" }, this.skipped, again), this.status);
  }

  /** @param {boolean} skipped */
  showSkipped(skipped) {
    this.body.hidden = skipped;
    this.skipButton.hidden = skipped;
    this.skipped.hidden = !skipped;
    this.again.hidden = !skipped;
    if (skipped) focusMessage(this.skipped);
    else this.body.querySelector("input")?.focus();
  }

  // Stage "after" only, as buildSharing; paintAfter and download run only then (tsc: the types).
  buildAfter() {
    /** @type {(field: keyof import("./state.js").EvaluationEntryFeedback, points: import("../../lib/shapes.generated.js").EvaluationPoint[] | undefined) => HTMLElement} */
    const feedback = (field, points) => {
      const group = radioGroup({ legend: this.text[field] || field, points: points || [], kind: field,
        onChoose: (value) => this.change(rules.answer(this.state, field, value)) });
      this.groups.push({ group, update: (s) => group.set(s.feedback[field]) });
      return group.node;
    };
    const role = roleSelect({ question: this.text.role || "Your role", roles: this.words.roles || [],
      onChoose: (id) => this.change(rules.chooseRole(this.state, id)) });
    this.groups.push({ group: role, update: (s) => role.set(s.role) });
    /** @type {ReturnType<typeof buildPart>} */
    this.part = buildPart({
      part: { id: "change", heading: this.text.change || "What will you do differently?", prompt: this.text.change_hint || "" },
      pid: uniqueId("ev-change"),
      text: "",
      onInput: (/** @type {string} */ text) => this.change(rules.writeChange(this.state, text), { typing: true }),
      onBlur: () => this.entry.flush(),
      onChoose: (/** @type {string} */ text) => this.chooseVersion(text),
      onFindings: () => {},
    });
    this.body.append(h("h3", { class: "ev-heading" }, "Your view of the course"),
      feedback("relevance", this.words.relevance), feedback("clarity", this.words.clarity),
      feedback("time", this.words.time), feedback("recommend", this.words.recommend), role.node, this.part.node);
    this.buildSharing();
  }

  buildSharing() {
    /** @type {ReturnType<typeof tickBox>} */
    this.share = tickBox("Include what I wrote about what I will do differently in the file (it is shown below exactly as it will be shared; changing the text unticks this box, so only words you have seen are shared)",
      (checked) => this.change(rules.setShare(this.state, checked)));
    /** @type {ReturnType<typeof tickBox>} */
    this.inStatement = tickBox("Show my before and after ratings in my statement of completion (on the portfolio page)",
      (checked) => this.change({ ...this.state, inStatement: checked }));
    /** @type {ReturnType<typeof filePreview>} */
    this.preview = filePreview();
    /** @type {HTMLParagraphElement} */
    this.message = h("p", { class: "ev-message", role: "status", "aria-live": "polite" });
    /** @type {HTMLButtonElement} */
    this.downloadButton = button("Download an anonymous evaluation", () => this.download());
    this.body.append(h("h3", { class: "ev-heading" }, "Sharing your evaluation: your choice"),
      h("p", {}, "Nothing here is sent anywhere. If you choose, you can download an anonymous file of your answers and give it to your trainer or CPD lead. It holds your ratings and choices, the course version, your role and nation if you gave them, the month and a random number that lets a duplicate be spotted; never your name, email or a full date."),
      this.share.node, this.inStatement.node, this.preview.node,
      h("div", { class: "course-actions" }, this.downloadButton), this.message);
  }

  start() {
    const loaded = this.mounted.load();
    if (loaded.status === "ok") this.state = rules.stateFromEntry(loaded.value, this.choices);
    this.paint();
  }

  /**
   * @param {EvaluationState} next
   * @param {{typing?: boolean}} [how]
   */
  change(next, { typing = false } = {}) {
    this.state = rules.withResponseId(next, freshResponseId);
    if (typing) this.entry.changed();
    else this.entry.save();
    this.paint({ typing });
  }

  /** @param {string} text */
  chooseVersion(text) {
    const chosen = resolveConflict(rules.entryValue(this.state, this.page), ["change"], text);
    this.state = rules.stateFromEntry({ ...chosen, shareChange: false }, this.choices);
    this.entry.save();
    this.paint();
  }

  /** @param {unknown} value */
  showStored(value) {
    this.state = rules.stateFromEntry(value, this.choices);
    this.paint();
  }

  /** @param {{typing?: boolean}} [how] */
  paint({ typing = false } = {}) {
    for (const { update } of this.groups) update(this.state);
    if (this.stage === "after") this.paintAfter(typing);
    setText(this.status, `${rules.ratedText(this.state, this.stage, this.choices.outcomes)}.`);
    this.model.set("ratings", { before: { ...this.state.before }, after: { ...this.state.after }, feedback: { ...this.state.feedback } });
    this.model.save_changes();
  }

  /** @param {boolean} typing */
  paintAfter(typing) {
    if (!typing) this.part.setText(this.state.change);
    const conflict = conflictsIn(rules.entryValue(this.state, this.page)).find((c) => c.path.length === 1 && c.path[0] === "change");
    this.part.showConflict(conflict || null);
    this.share.set(this.state.shareChange, this.state.change.trim() !== "");
    this.inStatement.set(this.state.inStatement);
    const json = this.fileText();
    this.preview.show(json);
    this.downloadButton.disabled = !json;
  }

  fileText() {
    if (!this.state.responseId) return "";
    const course = this.words.course || {};
    return evaluationText(evaluationFile(rules.entryValue(this.state, this.page), {
      course: course.title, version: course.version, nation: storedNation(this.store), month: monthOf(this.now()) }));
  }

  download() {
    const text = this.fileText();
    if (!text) return;
    const name = evaluationFileName(monthOf(this.now()));
    announce(this.message, downloadText(text, name, "application/json;charset=utf-8", this.root)
      ? `Downloaded as ${name}. It is yours to share or not.` : "This browser would not download the file.");
  }

  dispose() {
    this.mounted.dispose();
  }
}

/** @param {import("../../lib/mount.js").ViewArgs & {now?: () => Date}} args anywidget's model (lib/mount.js widgetModule); now: the clock (tests) */
export function renderEvaluation({ model, el, store, now = () => new Date() }) {
  const view = new EvaluationView({ model, el, store, now });
  return () => view.dispose();
}
