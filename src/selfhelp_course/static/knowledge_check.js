// Knowledge check: one or more questions, single or multiple choice, feedback for each option,
// a score when there is more than one question, and retry. Each question's answer is kept in
// localStorage (key check:<id>) and synced to Python (trait `answers`) when a kernel is present.

function renderQuestion(check, page, onSave) {
  const multiple = check.kind === "multiple";
  const store = openStore(`check:${check.id}`);
  const uid = uniqueId(`kc-${check.id}`);
  const inputs = [];
  const notes = [];
  const options = check.options.map((option, index) => {
    const input = h("input", {
      type: multiple ? "checkbox" : "radio",
      name: uid,
      id: `${uid}-${index}`,
      value: String(index),
      "aria-describedby": `${uid}-${index}-note`,
    });
    const note = h("p", { class: "kc-note", id: `${uid}-${index}-note`, hidden: true });
    inputs.push(input);
    notes.push(note);
    return h("div", { class: "kc-option" }, input, h("label", { for: input.id }, option.text), note);
  });
  const checkButton = h("button", { type: "button", class: "course-button" }, "Check answer");
  const retryButton = h(
    "button",
    { type: "button", class: "course-button course-button-secondary", hidden: true },
    "Try again",
  );
  const status = h("p", { class: "course-status", role: "status", "aria-live": "polite" });
  const notice = h("p", { class: "course-notice", hidden: true });
  const element = h(
    "fieldset",
    { class: "course-widget kc", "data-check-id": check.id },
    h("legend", { class: "kc-question" }, check.question),
    h("p", { class: "kc-hint" }, multiple ? "Choose all that apply." : "Choose one answer."),
    h("div", { class: "kc-options" }, options),
    h("div", { class: "course-actions" }, checkButton, retryButton),
    status,
    notice,
  );

  const answer = { selected: [], checked: false };
  const chosen = () => inputs.flatMap((input, index) => (input.checked ? [index] : []));
  const isRight = (picked) => check.options.every((option, i) => option.correct === picked.includes(i));

  function tell(message) {
    notice.textContent = message;
    notice.hidden = !message;
  }

  function save(picked, checked) {
    answer.selected = picked;
    answer.checked = checked;
    const result = store.write({
      v: 1,
      page,
      updated: new Date().toISOString(),
      complete: checked && isRight(picked),
      selected: picked,
      checked,
    });
    if (!result.ok) tell(STORAGE_MESSAGES[result.reason]);
    onSave();
  }

  function showFeedback(picked, speak) {
    const right = isRight(picked);
    check.options.forEach((option, index) => {
      // When right, every option's explanation is worth reading; when wrong, only the
      // learner's own choices are explained so that "Try again" still means something.
      const visible = right || picked.includes(index);
      notes[index].hidden = !visible;
      notes[index].textContent = visible
        ? `${option.correct ? "Correct answer" : "Not this one"}: ${option.feedback}`
        : "";
      notes[index].className = `kc-note ${option.correct ? "kc-note-right" : "kc-note-wrong"}`;
    });
    inputs.forEach((input) => {
      input.disabled = true;
    });
    checkButton.hidden = true;
    retryButton.hidden = false;
    const message = right
      ? "Correct. The explanation for each option is shown below it."
      : "Not quite. Read the feedback under your answer, then try again.";
    if (speak) announce(status, message);
    else status.textContent = message;
  }

  function reset() {
    inputs.forEach((input) => {
      input.disabled = false;
      input.checked = false;
    });
    notes.forEach((note) => {
      note.hidden = true;
      note.textContent = "";
    });
    checkButton.hidden = false;
    retryButton.hidden = true;
    status.textContent = "";
    save([], false);
  }

  checkButton.addEventListener("click", () => {
    const picked = chosen();
    if (picked.length === 0) {
      announce(status, multiple ? "Choose at least one answer first." : "Choose an answer first.");
      return;
    }
    save(picked, true);
    showFeedback(picked, true);
  });
  retryButton.addEventListener("click", () => {
    reset();
    inputs[0].focus();
  });
  inputs.forEach((input) => input.addEventListener("change", () => save(chosen(), false)));

  const saved = store.read();
  if (saved.status === "ok" && saved.value && Array.isArray(saved.value.selected)) {
    const picked = saved.value.selected.filter((i) => Number.isInteger(i) && i >= 0 && i < inputs.length);
    picked.forEach((i) => {
      inputs[i].checked = true;
    });
    answer.selected = picked;
    answer.checked = Boolean(saved.value.checked && picked.length);
    if (answer.checked) showFeedback(picked, false);
  } else if (saved.status === "corrupt" || saved.status === "unavailable") {
    tell(STORAGE_MESSAGES[saved.status]);
  }

  return { element, answer, isRight, reset };
}

function render({ model, el }) {
  const checks = model.get("checks");
  const page = model.get("page");
  const questions = [];
  const score = h("p", { class: "kc-score", role: "status", "aria-live": "polite" });

  function sync() {
    const answers = {};
    checks.forEach((check, i) => {
      if (questions[i]) answers[check.id] = { ...questions[i].answer };
    });
    model.set("answers", answers);
    model.save_changes();
    if (checks.length > 1 && questions.length === checks.length) {
      const right = questions.filter((q) => q.answer.checked && q.isRight(q.answer.selected)).length;
      const done = questions.filter((q) => q.answer.checked).length;
      score.textContent = `Score: ${right} of ${checks.length} correct (${done} of ${checks.length} answered).`;
    }
  }

  checks.forEach((check) => {
    const question = renderQuestion(check, page, sync);
    questions.push(question);
    el.append(question.element);
  });
  if (checks.length > 1) {
    const again = h(
      "button",
      { type: "button", class: "course-button course-button-secondary" },
      "Try all the questions again",
    );
    again.addEventListener("click", () => {
      questions.forEach((q) => q.reset());
      questions[0].element.querySelector("input").focus();
    });
    el.append(h("div", { class: "course-widget kc-summary" }, score, again));
  }
  sync();
}

export default { render };
