// @ts-check
// The knowledge check widget: one or more questions, feedback for every option, a score when
// there are several, and retry. In JupyterLab the answers are synced to Python (trait `answers`).
import { h, onPress } from "../../lib/dom.js";
import { LEARNER_KEY } from "../../lib/facts.js";
import { learnerSeed, storedSeed } from "../../lib/learner.js";
import { openStore } from "../../lib/store.js";
import { scoreText } from "./state.js";
import { renderQuestion } from "./view.js";

/** @typedef {import("./state.js").Check} Check */

/** @param {{model: any, el: HTMLElement}} args anywidget's model */
function render({ model, el }) {
  /** @type {Check[]} */
  const checks = model.get("checks") || [];
  const page = model.get("page") || "";
  const store = openStore();
  // The options are shown in this learner's own order (lib/learner.js, lib/shuffle.js).
  let seed = learnerSeed(store);
  /** @type {ReturnType<typeof renderQuestion>[]} */
  const questions = [];
  const score = h("p", { class: "kc-score", role: "status", "aria-live": "polite" });

  function sync() {
    if (questions.length !== checks.length) return;
    const answers = questions.map((q) => q.answer());
    model.set("answers", Object.fromEntries(checks.map((check, i) => [check.id, { selected: answers[i].selected, checked: answers[i].checked }])));
    model.save_changes();
    if (checks.length > 1) score.textContent = scoreText(checks, answers);
  }

  for (const check of checks) {
    const question = renderQuestion(check, page, store, sync, seed);
    questions.push(question);
    el.append(question.element);
  }
  if (checks.length > 1) {
    const again = h("button", { type: "button", class: "course-button course-button-secondary" }, "Try all the questions again");
    onPress(again, () => {
      questions.forEach((q) => q.reset());
      questions[0].first().focus();
    });
    el.append(h("div", { class: "course-widget kc-summary" }, score, again));
  }
  // If another tab settled the seed first, show its order (the answers are kept by option id).
  const unsubscribe = store.subscribe(({ keys }) => {
    if (keys && !keys.includes(LEARNER_KEY)) return;
    const stored = storedSeed(store);
    if (stored && stored !== seed) {
      seed = stored;
      questions.forEach((q) => q.reorder(seed));
    }
  });
  sync();
  return () => {
    unsubscribe();
    questions.forEach((q) => q.dispose());
  };
}

export default { render };
