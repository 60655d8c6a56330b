// Branching scenario: a practitioner's decisions and where they lead. Each decision shows the
// step's text and its choices as buttons; a choice shows what happened and whether it
// supported the group or took it over; an ending shows its kind, a debrief and the whole route.
// The route is kept in localStorage (so a reload resumes where the learner was) and synced to
// Python when a kernel is present.

const SCN_STANCE_WORDS = {
  supports: "This choice supported the group's autonomy.",
  "takes-over": "This choice took the group over.",
  mixed: "This choice was mixed: it partly supported the group and partly took it over.",
};

const SCN_ROUTE_STANCE = {
  supports: "Supported the group's autonomy",
  "takes-over": "Took the group over",
  mixed: "Mixed: partly supported, partly took over",
};

const SCN_ENDING_WORDS = {
  supports: "This path supported the group's autonomy.",
  "takes-over": "This path took the group over.",
  mixed: "This path had mixed results: it partly supported the group's autonomy and partly took the group over.",
};

function render({ model, el }) {
  const scenario = model.get("scenario") || {};
  const steps = new Map((Array.isArray(scenario.steps) ? scenario.steps : []).map((step) => [step.id, step]));
  const store = openStore(`scenario:${scenario.id}`);
  const uid = uniqueId(`scn-${scenario.id}`);
  const titleId = `${uid}-title`;

  // ---------------------------------------------------------------- state
  let path = []; // [{step, choice}]
  let phase = "choices"; // "choices": deciding at the current step; "consequence": reading what happened

  // Follow a saved route from the start, keeping only the part that still fits the scenario.
  function replay(raw) {
    const kept = [];
    let current = scenario.start;
    for (const entry of Array.isArray(raw) ? raw : []) {
      const step = steps.get(current);
      if (!entry || typeof entry !== "object" || entry.step !== current || !step || !step.choices) break;
      const choice = step.choices[entry.choice];
      if (!Number.isInteger(entry.choice) || !choice) break;
      kept.push({ step: current, choice: entry.choice });
      current = choice.next;
    }
    return { kept, dropped: (Array.isArray(raw) ? raw.length : 0) - kept.length };
  }

  function currentStepId() {
    if (!path.length) return scenario.start;
    const last = path[path.length - 1];
    return steps.get(last.step).choices[last.choice].next;
  }

  const lastChoice = () => {
    const last = path[path.length - 1];
    return steps.get(last.step).choices[last.choice];
  };
  // The ending counts as reached once it is on screen (not while reading the last consequence).
  const ended = () => phase === "choices" && Boolean((steps.get(currentStepId()) || {}).ending);

  // ---------------------------------------------------------------- building the widget
  const stage = h("div", { class: "scn-stage" });
  const backButton = h(
    "button",
    { type: "button", class: "course-button course-button-secondary" },
    "Back one step",
  );
  const restartButton = h(
    "button",
    { type: "button", class: "course-button course-button-secondary" },
    "Start again",
  );
  const status = h("p", { class: "course-status", role: "status", "aria-live": "polite" });
  const notice = h("p", { class: "course-notice", hidden: true });

  el.append(
    h(
      "div",
      {
        class: "course-widget scn",
        "data-scenario-id": scenario.id,
        role: "group",
        "aria-labelledby": titleId,
      },
      h("p", { class: "course-title", id: titleId }, scenario.title),
      stage,
      h("div", { class: "course-actions scn-actions" }, backButton, restartButton),
      status,
      notice,
    ),
  );

  function tell(message) {
    notice.textContent = message;
    notice.hidden = !message;
  }

  // Text written with blank lines between paragraphs becomes separate paragraphs.
  function paragraphs(text, className) {
    return String(text)
      .split(/\n\s*\n/)
      .map((part) => part.replace(/\s*\n\s*/g, " ").trim())
      .filter(Boolean)
      .map((part) => h("p", { class: className }, part));
  }

  // ---------------------------------------------------------------- the three views
  function show(...nodes) {
    stage.replaceChildren(...nodes.flat().filter(Boolean));
  }

  function choicesView(step) {
    const focus = h("div", { class: "scn-text", tabindex: "-1" }, paragraphs(step.text, "scn-paragraph"));
    const buttons = step.choices.map((choice, index) =>
      h(
        "button",
        { type: "button", class: "scn-choice", onclick: () => choose(index) },
        choice.text,
      ),
    );
    show(
      h("p", { class: "scn-progress" }, `Decision ${path.length + 1}`),
      focus,
      h(
        "fieldset",
        { class: "scn-choices" },
        h("legend", {}, "What do you do?"),
        h("div", { class: "scn-choice-list" }, buttons),
      ),
    );
    return focus;
  }

  function consequenceView() {
    const choice = lastChoice();
    const stance = SCN_STANCE_WORDS[choice.stance] ? choice.stance : "mixed";
    const focus = h(
      "div",
      { class: "scn-outcome", tabindex: "-1" },
      h("p", { class: "scn-chose" }, h("strong", {}, "You chose: "), choice.text),
      paragraphs(choice.consequence, "scn-consequence"),
      h("p", { class: `scn-stance scn-stance-${stance}` }, SCN_STANCE_WORDS[stance]),
    );
    const next = steps.get(choice.next);
    const continueButton = h(
      "button",
      { type: "button", class: "course-button scn-continue", onclick: proceed },
      "Continue",
    );
    show(
      h("p", { class: "scn-progress" }, `Decision ${path.length}: what happened`),
      focus,
      next && next.ending ? h("p", { class: "scn-hint" }, "Continue to see how this path ends.") : null,
      h("div", { class: "course-actions" }, continueButton),
    );
    return focus;
  }

  function endingView(step) {
    const kind = SCN_ENDING_WORDS[step.ending] ? step.ending : "mixed";
    const focus = h("div", { class: "scn-text", tabindex: "-1" }, paragraphs(step.text, "scn-paragraph"));
    const route = path.map((entry, index) => {
      const choice = steps.get(entry.step).choices[entry.choice];
      const stance = SCN_ROUTE_STANCE[choice.stance] ? choice.stance : "mixed";
      return h(
        "li",
        { class: `scn-route-step scn-route-${stance}` },
        h("p", {}, h("strong", {}, `Decision ${index + 1}: `), "you chose ", `“${choice.text}”`),
        h("p", { class: `scn-stance scn-stance-${stance}` }, SCN_ROUTE_STANCE[stance], "."),
        h("p", { class: "scn-route-consequence" }, "What happened: ", choice.consequence),
      );
    });
    show(
      h("p", { class: "scn-progress" }, "The end of this path"),
      focus,
      h("p", { class: `scn-ending scn-ending-${kind}` }, h("strong", {}, SCN_ENDING_WORDS[kind])),
      h("div", { class: "scn-debrief" }, paragraphs(step.debrief || "", "scn-paragraph")),
      h("p", { class: "scn-route-title" }, h("strong", {}, "Your route, decision by decision")),
      h("ol", { class: "scn-route" }, route),
    );
    return focus;
  }

  function paint() {
    const step = steps.get(currentStepId());
    let focus;
    if (!step) {
      show(h("p", {}, "This scenario cannot be shown: one of its steps is missing."));
      focus = null;
    } else if (phase === "consequence" && path.length) {
      focus = consequenceView();
    } else if (step.ending) {
      focus = endingView(step);
    } else {
      focus = choicesView(step);
    }
    backButton.hidden = !path.length || ended();
    restartButton.hidden = !path.length;
    return focus;
  }

  function save() {
    const result = store.write({
      v: 1,
      page: model.get("page"),
      updated: new Date().toISOString(),
      complete: ended(),
      path,
      phase,
    });
    if (!result.ok) tell(STORAGE_MESSAGES[result.reason]);
    model.set("path", path.map((entry) => ({ ...entry })));
    model.save_changes();
  }

  // After an action: save, redraw, move focus to the new text and say briefly where we are.
  function update(message) {
    save();
    const focus = paint();
    if (focus) focus.focus();
    announce(status, message);
  }

  // ---------------------------------------------------------------- actions
  function choose(index) {
    const stepId = currentStepId();
    path = [...path, { step: stepId, choice: index }];
    phase = "consequence";
    update(`Decision ${path.length}: here is what happened.`);
  }

  function proceed() {
    phase = "choices";
    if (ended()) {
      const kind = SCN_ENDING_WORDS[steps.get(currentStepId()).ending] ? steps.get(currentStepId()).ending : "mixed";
      update(`The end of this path. ${SCN_ENDING_WORDS[kind]}`);
    } else {
      update(`Decision ${path.length + 1}.`);
    }
  }

  backButton.addEventListener("click", () => {
    if (!path.length || ended()) return;
    path = path.slice(0, -1);
    phase = "choices";
    update(`Back one step, at decision ${path.length + 1}. Choose again.`);
  });

  restartButton.addEventListener("click", () => {
    path = [];
    phase = "choices";
    update("Started again from the first decision.");
  });

  // ---------------------------------------------------------------- what was saved
  const saved = store.read();
  let raw = model.get("path");
  let rawPhase = "choices";
  if (saved.status === "ok" && saved.value && typeof saved.value === "object") {
    raw = saved.value.path;
    rawPhase = saved.value.phase;
  } else if (saved.status === "corrupt" || saved.status === "unavailable") {
    tell(STORAGE_MESSAGES[saved.status]);
  }
  const { kept, dropped } = replay(raw);
  path = kept;
  phase = rawPhase === "consequence" && path.length && !dropped ? "consequence" : "choices";
  if (dropped > 0) {
    tell("Part of your saved route no longer fits this scenario (it may have been changed), so you carry on from the last point that still fits.");
  }
  paint();
  if (path.length) {
    status.textContent = ended() ? "You reached the end of this path last time." : "Carrying on where you left off.";
  }
}

export default { render };
