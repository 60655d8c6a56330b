// Knowledge check: one question, single or multiple choice, feedback for each option.
// The learner's choice is kept in localStorage and synced to Python when a kernel is present.

function render({ model, el }) {
  const check = model.get("check");
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

  el.append(
    h(
      "fieldset",
      { class: "course-widget kc", "data-check-id": check.id },
      h("legend", { class: "kc-question" }, check.question),
      h("p", { class: "kc-hint" }, multiple ? "Choose all that apply." : "Choose one answer."),
      h("div", { class: "kc-options" }, options),
      h("div", { class: "course-actions" }, checkButton, retryButton),
      status,
      notice,
    ),
  );

  const chosen = () => inputs.flatMap((input, index) => (input.checked ? [index] : []));
  const isRight = (picked) => check.options.every((option, i) => option.correct === picked.includes(i));

  function tell(message) {
    notice.textContent = message;
    notice.hidden = !message;
  }

  function save(picked, checked) {
    const result = store.write({ v: 1, selected: picked, checked });
    if (!result.ok) tell(STORAGE_MESSAGES[result.reason]);
    model.set("selected", picked);
    model.set("checked", checked);
    model.save_changes();
  }

  function showFeedback(picked, speak) {
    const right = isRight(picked);
    check.options.forEach((option, index) => {
      const picking = picked.includes(index);
      // When right, every option's explanation is worth reading; when wrong, only the
      // learner's own choices are explained so that "Try again" still means something.
      const visible = right || picking;
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
    save([], false);
    inputs[0].focus();
  });
  inputs.forEach((input) => input.addEventListener("change", () => save(chosen(), false)));

  const saved = store.read();
  if (saved.status === "ok" && saved.value && Array.isArray(saved.value.selected)) {
    const picked = saved.value.selected.filter((i) => Number.isInteger(i) && i >= 0 && i < inputs.length);
    picked.forEach((i) => {
      inputs[i].checked = true;
    });
    if (saved.value.checked && picked.length) showFeedback(picked, false);
  } else if (saved.status === "corrupt" || saved.status === "unavailable") {
    tell(STORAGE_MESSAGES[saved.status]);
  }
}

export default { render };
