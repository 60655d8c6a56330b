// Knowledge check view: one fieldset per question; its answer is kept by the store and follows
// other tabs. Focus goes to the verdict after "Check answer", so it is read out.
import { announce, focusMessage, h, onPress, uniqueId } from "../../lib/dom.js";
import { syncEntry } from "../../lib/entry.js";
import { activityKey } from "../../lib/facts.js";
import { createNotice } from "../../lib/notice.js";
import { answerFrom, derive, entryValue, feedback, verdict } from "./state.js";

function optionRow(check, option, index, uid, multiple) {
  const input = h("input", {
    type: multiple ? "checkbox" : "radio",
    name: uid,
    id: `${uid}-${index}`,
    value: String(index),
    "aria-describedby": `${uid}-${index}-note`,
  });
  const note = h("p", { class: "kc-note", id: `${uid}-${index}-note`, hidden: true });
  const row = h("div", { class: "kc-option" }, input, h("label", { for: input.id }, option.text), note);
  return { input, note, row };
}

export function renderQuestion(check, page, store, onChange) {
  const multiple = check.kind === "multiple";
  const uid = uniqueId(`kc-${check.id}`);
  const rows = check.options.map((option, index) => optionRow(check, option, index, uid, multiple));
  const checkButton = h("button", { type: "button", class: "course-button" }, "Check answer");
  const retryButton = h("button", { type: "button", class: "course-button course-button-secondary", hidden: true }, "Try again");
  const status = h("p", { class: "course-status", role: "status", "aria-live": "polite" });
  const notice = createNotice();
  const element = h(
    "fieldset",
    { class: "course-widget kc", "data-check-id": check.id },
    h("legend", { class: "kc-question" }, check.question),
    h("p", { class: "kc-hint" }, multiple ? "Choose all that apply." : "Choose one answer."),
    h("div", { class: "kc-options" }, rows.map((r) => r.row)),
    h("div", { class: "course-actions" }, checkButton, retryButton),
    status,
    notice.element,
  );

  let answer = { selected: [], checked: false, tries: 0 };
  const chosen = () => rows.flatMap((r, index) => (r.input.checked ? [index] : []));

  function draw() {
    rows.forEach((r, index) => {
      r.input.checked = answer.selected.includes(index);
      r.input.disabled = answer.checked;
    });
    const notes = answer.checked ? feedback(check, answer.selected) : [];
    rows.forEach((r, index) => {
      const note = notes[index];
      r.note.hidden = !(note && note.visible);
      r.note.textContent = note && note.visible ? note.text : "";
      r.note.className = `kc-note ${note && note.correct ? "kc-note-right" : "kc-note-wrong"}`;
    });
    checkButton.hidden = answer.checked;
    retryButton.hidden = !answer.checked;
    if (!answer.checked) status.textContent = "";
    else if (!status.textContent) status.textContent = verdict(check, answer.selected);
  }

  const entry = syncEntry(store, activityKey("check", check.id), {
    current: () => entryValue(answer, page),
    show(value, why) {
      answer = answerFrom(value, check);
      status.textContent = "";
      if (why === "cleared" || why === "replaced") notice.show(why);
      draw();
      onChange();
    },
    derive: derive(check),
    saved(result) {
      if (!result.ok && result.reason !== "cleared" && result.reason !== "replaced") notice.show(result.reason);
      else if (result.ok && notice.reason !== "corrupt") notice.clear();
    },
  });

  function change(next) {
    answer = next;
    entry.changed();
    onChange();
  }

  onPress(checkButton, () => {
    const picked = chosen();
    if (!picked.length) {
      announce(status, multiple ? "Choose at least one answer first." : "Choose an answer first.");
      return;
    }
    change({ selected: picked, checked: true, tries: answer.tries + 1 });
    entry.save();
    draw();
    status.textContent = verdict(check, picked);
    focusMessage(status);
  });
  function reset() {
    change({ selected: [], checked: false, tries: answer.tries });
    entry.save();
    draw();
  }
  onPress(retryButton, () => {
    reset();
    rows[0].input.focus();
  });
  rows.forEach((r) => r.input.addEventListener("change", () => change({ ...answer, selected: chosen() })));

  const loaded = entry.load();
  if (loaded.status === "corrupt" || loaded.status === "unavailable") notice.show(loaded.status);
  answer = answerFrom(loaded.value, check);
  draw();

  return { element, answer: () => answer, reset, dispose: entry.dispose };
}
