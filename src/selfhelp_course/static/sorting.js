// Sorting exercise: the learner chooses a kind (category) for each short description, then
// checks. Each description is a fieldset with one labelled <select>, so the whole exercise works
// with a keyboard and a screen reader; nothing depends on dragging. Placements and the checked
// state are kept in localStorage and synced to Python when a kernel is present.

function render({ model, el }) {
  const exercise = model.get("exercise") || {};
  const categories = Array.isArray(exercise.categories) ? exercise.categories : [];
  const items = Array.isArray(exercise.items) ? exercise.items : [];
  const store = openStore(`sorting:${exercise.id}`);
  const uid = uniqueId(`sort-${exercise.id}`);
  const labels = new Map(categories.map((category) => [category.id, category.label]));
  const total = items.length;

  // ---------------------------------------------------------------- state
  let placements = {}; // item index (as text) -> category id
  let checked = false;

  function clean(raw) {
    const result = {};
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return result;
    for (const [key, value] of Object.entries(raw)) {
      const index = Number(key);
      if (Number.isInteger(index) && index >= 0 && index < total && String(index) === key && labels.has(value)) {
        result[key] = value;
      }
    }
    return result;
  }

  const placedCount = () => Object.keys(placements).length;
  const isRight = (index) => placements[String(index)] === items[index].answer;
  const score = () => items.reduce((sum, _item, index) => sum + (isRight(index) ? 1 : 0), 0);

  // ---------------------------------------------------------------- building the widget
  const status = h("p", { class: "course-status", role: "status", "aria-live": "polite" });
  const notice = h("p", { class: "course-notice", hidden: true });
  const titleId = `${uid}-title`;

  const rows = items.map((item, index) => {
    const selectId = `${uid}-${index}`;
    const noteId = `${uid}-${index}-note`;
    const select = h(
      "select",
      { id: selectId, class: "sort-select", "aria-describedby": noteId },
      h("option", { value: "" }, "Not chosen yet"),
      categories.map((category) => h("option", { value: category.id }, category.label)),
    );
    const note = h("p", { class: "sort-note", id: noteId, hidden: true });
    const fieldset = h(
      "fieldset",
      { class: "sort-item", "data-item": String(index) },
      h(
        "legend",
        { class: "sort-description" },
        h("span", { class: "sort-number" }, `${index + 1}. `),
        item.text,
      ),
      h(
        "div",
        { class: "sort-choice" },
        h("label", { for: selectId }, "Choose a kind"),
        select,
      ),
      note,
    );
    select.addEventListener("change", () => {
      if (select.value) placements[String(index)] = select.value;
      else delete placements[String(index)];
      save();
      showProgress(false);
    });
    return { fieldset, select, note };
  });

  const checkButton = h("button", { type: "button", class: "course-button" }, "Check my sorting");
  const retryButton = h(
    "button",
    { type: "button", class: "course-button course-button-secondary", hidden: true },
    "Try again",
  );
  const restartButton = h(
    "button",
    { type: "button", class: "course-button course-button-secondary" },
    "Start again",
  );

  el.append(
    h(
      "div",
      {
        class: "course-widget sort",
        "data-sorting-id": exercise.id,
        role: "group",
        "aria-labelledby": titleId,
      },
      h("p", { class: "course-title", id: titleId }, exercise.title),
      h("p", { class: "sort-instructions" }, exercise.instructions),
      h(
        "p",
        { class: "sort-kinds" },
        `The kinds to choose from: ${categories.map((category) => category.label).join("; ")}.`,
      ),
      h("div", { class: "sort-items" }, rows.map((row) => row.fieldset)),
      h("div", { class: "course-actions" }, checkButton, retryButton, restartButton),
      status,
      notice,
    ),
  );

  // ---------------------------------------------------------------- showing state
  function tell(message) {
    notice.textContent = message;
    notice.hidden = !message;
  }

  function scoreMessage() {
    const right = score();
    let message = `${right} of ${total} placed correctly.`;
    const missing = total - placedCount();
    if (missing > 0) {
      message += ` ${missing} ${missing === 1 ? "description has" : "descriptions have"} no kind chosen yet.`;
    }
    if (right === total) message += " Well done: every description is in the right kind.";
    else message += " Read the explanations, then choose Try again to change the ones that are not right.";
    return message;
  }

  function showProgress(speak) {
    if (checked) return;
    const placed = placedCount();
    const message = placed === 0 ? "" : `${placed} of ${total} descriptions have a kind chosen.`;
    if (speak) announce(status, message);
    else status.textContent = message;
  }

  function paint() {
    rows.forEach((row, index) => {
      const chosen = placements[String(index)] || "";
      row.select.value = chosen;
      row.select.disabled = checked;
      row.fieldset.classList.remove("sort-item-right", "sort-item-wrong", "sort-item-missing");
      if (!checked) {
        row.note.hidden = true;
        row.note.textContent = "";
        return;
      }
      const item = items[index];
      const answerLabel = labels.get(item.answer) || item.answer;
      row.note.hidden = false;
      if (!chosen) {
        row.fieldset.classList.add("sort-item-missing");
        row.note.className = "sort-note sort-note-missing";
        row.note.textContent = "No kind chosen yet. Choose Try again, then pick a kind for this one.";
      } else if (chosen === item.answer) {
        row.fieldset.classList.add("sort-item-right");
        row.note.className = "sort-note sort-note-right";
        row.note.textContent = `Right: ${answerLabel}. ${item.explanation}`;
      } else {
        row.fieldset.classList.add("sort-item-wrong");
        row.note.className = "sort-note sort-note-wrong";
        row.note.textContent = `Not quite: you chose ${labels.get(chosen)}, but the right kind is ${answerLabel}. ${item.explanation}`;
      }
    });
    checkButton.hidden = checked;
    retryButton.hidden = !checked || score() === total;
    restartButton.hidden = !checked && placedCount() === 0;
  }

  function save() {
    const complete = checked && placedCount() === total;
    const result = store.write({
      v: 1,
      page: model.get("page"),
      updated: new Date().toISOString(),
      complete,
      placements,
      checked,
    });
    if (!result.ok) tell(STORAGE_MESSAGES[result.reason]);
    // A fresh object each time, so the model sees a change.
    model.set("placements", { ...placements });
    model.set("checked", checked);
    model.save_changes();
    paint();
  }

  // ---------------------------------------------------------------- actions
  checkButton.addEventListener("click", () => {
    if (placedCount() === 0) {
      announce(status, "Choose a kind for at least one description first.");
      rows[0].select.focus();
      return;
    }
    checked = true;
    save();
    announce(status, scoreMessage());
  });

  retryButton.addEventListener("click", () => {
    const kept = score();
    for (const key of Object.keys(placements)) {
      if (!isRight(Number(key))) delete placements[key];
    }
    checked = false;
    save();
    const left = total - kept;
    announce(
      status,
      `Your ${kept} correct ${kept === 1 ? "placement is" : "placements are"} kept. Choose a kind again for the other ${left}.`,
    );
    const first = rows.find((_row, index) => !placements[String(index)]);
    (first || rows[0]).select.focus();
  });

  restartButton.addEventListener("click", () => {
    placements = {};
    checked = false;
    save();
    announce(status, "Every placement has been cleared. You can start again.");
    rows[0].select.focus();
  });

  // ---------------------------------------------------------------- what was saved
  const saved = store.read();
  if (saved.status === "ok" && saved.value && typeof saved.value === "object") {
    placements = clean(saved.value.placements);
    checked = saved.value.checked === true && placedCount() > 0;
  } else {
    if (saved.status === "corrupt" || saved.status === "unavailable") tell(STORAGE_MESSAGES[saved.status]);
    placements = clean(model.get("placements"));
    checked = model.get("checked") === true && placedCount() > 0;
  }
  paint();
  if (checked) status.textContent = scoreMessage();
  else showProgress(false);
}

export default { render };
