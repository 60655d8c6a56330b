// @ts-check
// The explorer's controls: a question (one at a time), a view, and a starting-band filter.
// They report what the learner picked; the view decides what follows.
import { h } from "../../lib/dom.js";
import { ALL, questionOf, VIEWS } from "./state.js";

// onQuestion(key), onView(id), onBand(band) are called with the learner's choice.
/**
 * @param {string} uid
 * @param {import("./state.js").Question[]} questions
 * @param {{onQuestion: (key: string) => void, onView: (id: string) => void, onBand: (band: string) => void}} handlers
 */
export function buildControls(uid, questions, { onQuestion, onView, onBand }) {
  const questionSelect = h("select", { id: `${uid}-question`, "aria-describedby": `${uid}-question-note` },
    questions.map((q) => h("option", { value: q.key }, q.label)));
  const questionNote = h("p", { class: "wbx-hint", id: `${uid}-question-note` });
  const viewInputs = VIEWS.map((view) => h("input", { type: "radio", name: `${uid}-view`, id: `${uid}-view-${view.id}`, value: view.id }));
  const bandSelect = h("select", { id: `${uid}-band`, "aria-describedby": `${uid}-band-note` });
  const element = h("fieldset", { class: "wbx-controls" },
    h("legend", {}, "Choose what to show"),
    h("div", { class: "wbx-control" }, h("label", { for: questionSelect.id }, "Question (one at a time)"), questionSelect, questionNote),
    h("fieldset", { class: "wbx-views" }, h("legend", {}, "View"),
      VIEWS.map((view, index) => h("div", { class: "wbx-radio" }, viewInputs[index], h("label", { for: viewInputs[index].id }, view.label)))),
    h("div", { class: "wbx-control" }, h("label", { for: bandSelect.id }, "Members who started in band"), bandSelect,
      h("p", { class: "wbx-hint", id: `${uid}-band-note` },
        "Choose a starting band to follow only the members who began there, for example to look for regression to the mean.")));

  questionSelect.addEventListener("change", () => onQuestion(questionSelect.value));
  viewInputs.forEach((input) => input.addEventListener("change", () => {
    if (input.checked) onView(input.value);
  }));
  bandSelect.addEventListener("change", () => onBand(bandSelect.value));

  // Show a state: the chosen question and its summary, the view, and that question's bands.
  /** @param {import("./state.js").ExplorerState} state */
  function show(state) {
    const question = questionOf(questions, state.question);
    questionSelect.value = state.question;
    questionNote.textContent = (question && question.summary) || "";
    viewInputs.forEach((input) => {
      input.checked = input.value === state.view;
    });
    const bands = question ? question.bands : [];
    const wanted = [ALL, ...bands].join("\n");
    if ([...bandSelect.options].map((o) => o.value).join("\n") !== wanted) {
      bandSelect.replaceChildren(h("option", { value: ALL }, "all members"), ...bands.map((band) => h("option", { value: band }, band)));
    }
    bandSelect.value = state.band;
  }
  return { element, show };
}
