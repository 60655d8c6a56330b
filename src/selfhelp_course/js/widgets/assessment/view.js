// The end-of-course assessment's view: a start screen, then one attempt (its drawn questions, in
// the order and with the option order stored with it, no feedback until it is submitted), then
// the result with the pass mark, feedback on each question answered wrongly and a link to the
// page that teaches it, and "Start a new attempt" while attempts remain. The entry is kept by the
// store: an unfinished attempt survives a reload and follows other tabs.
import { announce, focusMessage, h, onPress, uniqueId } from "../../lib/dom.js";
import { syncEntry } from "../../lib/entry.js";
import { activityKey } from "../../lib/facts.js";
import { learnerSeed } from "../../lib/learner.js";
import { createNotice } from "../../lib/notice.js";
import * as rules from "./state.js";

function button(label, handler, secondary = false) {
  const node = h("button", { type: "button", class: `course-button${secondary ? " course-button-secondary" : ""}` }, label);
  onPress(node, handler);
  return node;
}

function dateOf(stamp) {
  const date = new Date(stamp);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
}

// One attempt's questions: a fieldset each, radios in the stored order. Built once per attempt;
// update(attempt) sets which options are chosen without rebuilding (focus stays where it is).
function attemptForm(bank, attempt, choose) {
  const byId = rules.questionsById(bank);
  const uid = uniqueId("as");
  const rows = new Map();
  const fieldsets = attempt.questions.map((q, number) => {
    const question = byId.get(q.id);
    const inputs = q.options.map((optionId, index) => {
      const option = question.options.find((o) => o.id === optionId);
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
    update(current) {
      for (const [qid, inputs] of rows) {
        const chosen = (current.answers[qid] || [])[0];
        for (const { input } of inputs) input.checked = input.value === chosen;
      }
    },
  };
}

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

export function renderAssessment({ model, el, store, now = () => new Date().toISOString() }) {
  const data = model.get("assessment") || {};
  const bank = { id: data.id, questions: data.questions || [] };
  const outcomes = data.outcomes || [];
  const pages = data.pages || {};
  const settings = data.settings || { draw: 15, attempts: 0, pass_mark: 0.8 };
  const passMark = settings.pass_mark;
  const page = model.get("page") || "";
  const derive = rules.derive(bank, passMark);
  let entry = rules.cleanEntry(null, bank);
  let form = null; // {attemptId, node, update}

  const titleId = uniqueId("as-title");
  const summary = h("p", { class: "as-summary" });
  const stage = h("div", { class: "as-stage" });
  const progress = h("p", { class: "as-progress", role: "status", "aria-live": "polite" });
  const status = h("p", { class: "course-status", role: "status", "aria-live": "polite", tabindex: "-1" });
  const notice = createNotice();
  const submitButton = button("Submit your answers", () => submitNow());
  const startButton = button("Start the assessment", () => start());
  const actions = h("div", { class: "course-actions" }, submitButton, startButton);
  el.append(h("div", { class: "course-widget as", "data-assessment-id": bank.id, role: "group", "aria-labelledby": titleId },
    h("p", { class: "course-title", id: titleId }, data.title || "Assessment"),
    summary, stage, progress, actions, status, notice.element));

  function sync() {
    const best = rules.bestAttempt(entry);
    model.set("result", best ? { ...best, passed: rules.passed(best, passMark) } : {});
    model.save_changes();
  }

  const saved = syncEntry(store, activityKey("assessment", bank.id), {
    current: () => ({ ...entry, page }),
    derive,
    show(value, why) {
      entry = rules.cleanEntry(value, bank);
      if (why === "cleared" || why === "replaced") notice.show(why);
      paint();
      sync();
    },
    saved(result) {
      if (!result.ok && result.reason !== "cleared" && result.reason !== "replaced") notice.show(result.reason);
      else if (result.ok && notice.reason !== "corrupt") notice.clear();
    },
  });

  function paint() {
    const best = rules.bestAttempt(entry);
    const left = rules.attemptsLeft(entry, settings);
    const bits = [`Each attempt has ${settings.draw} questions drawn from a bank of ${bank.questions.length}, covering every learning outcome. The pass mark is ${rules.percent(passMark)}.`];
    bits.push(settings.attempts ? `You have ${left} of ${settings.attempts} attempts left.` : "You may take as many attempts as you like; your best result counts.");
    if (best) bits.push(`Your best result: ${best.right} of ${best.total} (${rules.percent(best.scaled)}) on ${dateOf(best.submitted)}, ${rules.passed(best, passMark) ? "a pass" : "below the pass mark"}.`);
    summary.textContent = bits.join(" ");
    const current = rules.currentAttempt(entry);
    if (current) {
      const attempt = entry.attempts[current];
      if (!form || form.attemptId !== current) {
        form = { attemptId: current, ...attemptForm(bank, attempt, (qid, oid) => choose(current, qid, oid)) };
        stage.replaceChildren(h("p", { class: "as-instructions" }, "Choose one answer to each question. Nothing is marked until you submit; then you see your result and feedback."), form.node);
      }
      form.update(attempt);
      const missing = rules.unanswered(attempt);
      progress.textContent = `${attempt.questions.length - missing} of ${attempt.questions.length} answered.`;
      submitButton.hidden = false;
      startButton.hidden = true;
      return;
    }
    form = null;
    progress.textContent = "";
    submitButton.hidden = true;
    const last = rules.lastSubmitted(entry);
    stage.replaceChildren(last ? reviewView(rules.review(bank, entry.attempts[last], pages, passMark), passMark) : "");
    startButton.textContent = last ? "Start a new attempt" : "Start the assessment";
    startButton.hidden = left <= 0;
    if (last && left <= 0) stage.append(h("p", {}, "You have used all your attempts."));
  }

  function choose(attemptId, questionId, optionId) {
    entry = rules.answer(entry, attemptId, questionId, optionId);
    saved.changed();
    const attempt = entry.attempts[attemptId];
    if (attempt) progress.textContent = `${attempt.questions.length - rules.unanswered(attempt)} of ${attempt.questions.length} answered.`;
  }

  function start() {
    if (rules.currentAttempt(entry) || rules.attemptsLeft(entry, settings) <= 0) return;
    const seed = learnerSeed(store);
    entry = rules.startAttempt(entry, bank, outcomes, settings, seed, rules.newAttemptId(), now());
    saved.save();
    paint();
    const first = stage.querySelector("input");
    if (first) first.focus();
    announce(status, `Attempt started: ${settings.draw} questions.`);
  }

  function submitNow() {
    const current = rules.currentAttempt(entry);
    if (!current) return;
    const missing = rules.unanswered(entry.attempts[current]);
    if (missing) {
      announce(status, `Answer every question before you submit: ${missing} ${missing === 1 ? "is" : "are"} still unanswered.`);
      return;
    }
    entry = rules.submit(entry, bank, current, now());
    saved.save();
    paint();
    sync();
    status.textContent = rules.resultText(rules.review(bank, entry.attempts[current], pages, passMark), passMark);
    focusMessage(status);
  }

  const loaded = saved.load();
  if (loaded.status === "corrupt" || loaded.status === "unavailable") notice.show(loaded.status);
  entry = rules.cleanEntry(loaded.status === "ok" ? loaded.value : null, bank);
  paint();
  sync();
  return saved.dispose;
}
