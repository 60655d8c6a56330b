// @ts-check
// Branching scenario view: each decision shows the step's text and its choices as buttons; a
// choice shows what happened and whether it supported the group or took it over; an ending
// shows its kind, a debrief and the whole route. Every button that moves the learner on acts
// once per press (onPress), so a double click on "Continue" cannot also choose at the next
// decision. The route is kept by the store and follows other tabs.
import { announce, h, onPress, uniqueId } from "../../lib/dom.js";
import { activityKey } from "../../lib/facts.js";
import { mountActivity } from "../../lib/mount.js";
import { createNotice } from "../../lib/notice.js";
import * as rules from "./state.js";

/**
 * @typedef {import("./state.js").Scenario} Scenario
 * @typedef {import("./state.js").ScenarioStep} ScenarioStep
 * @typedef {import("./state.js").ScenarioChoice} ScenarioChoice
 * @typedef {import("./state.js").Route} Route
 * @typedef {{choose: (index: number) => void, proceed: () => void, back: () => void, restart: () => void}} Moves
 *   the learner's moves, which every button makes (renderScenario sets them)
 * @typedef {{stage: HTMLDivElement, status: HTMLParagraphElement, notice: import("../../lib/mount.js").Notice,
 *   backButton: HTMLButtonElement, restartButton: HTMLButtonElement, root: HTMLDivElement}} ScenarioUi
 */

/** @type {(text: unknown, className: string) => HTMLParagraphElement[]} */
const texts = (text, className) => rules.paragraphs(text).map((part) => h("p", { class: className }, part));

/**
 * @param {string} className
 * @param {string} label
 * @param {() => void} handler
 */
function button(className, label, handler) {
  const node = h("button", { type: "button", class: className }, label);
  onPress(node, handler);
  return node;
}

// Each view returns [nodes to show, the node to move focus to].
/** @typedef {[(Node | null)[], HTMLElement | null]} Stage */

/**
 * @param {ScenarioStep} step
 * @param {Route} route
 * @param {Moves} act
 * @returns {Stage}
 */
function choicesView(step, route, act) {
  const focus = h("div", { class: "scn-text", tabindex: "-1" }, texts(step.text, "scn-paragraph"));
  // A step has either choices or an ending (banks.py checks each bank), and this one is no ending
  // (stageView) (tsc: the cast).
  const buttons = /** @type {ScenarioChoice[]} */ (step.choices).map((choice, index) => button("scn-choice", choice.text, () => act.choose(index)));
  return [[
    h("p", { class: "scn-progress" }, `Decision ${route.path.length + 1}`),
    focus,
    h("fieldset", { class: "scn-choices" }, h("legend", {}, "What do you do?"), h("div", { class: "scn-choice-list" }, buttons)),
  ], focus];
}

/**
 * @param {Scenario} scenario
 * @param {Route} route
 * @param {Moves} act
 * @returns {Stage}
 */
function consequenceView(scenario, route, act) {
  // Shown only for a route with a move (stageView), which has a last choice (tsc: the cast).
  const choice = /** @type {ScenarioChoice} */ (rules.lastChoice(scenario, route.path));
  const stance = rules.stanceOf(choice);
  const focus = h(
    "div",
    { class: "scn-outcome", tabindex: "-1" },
    h("p", { class: "scn-chose" }, h("strong", {}, "You chose: "), choice.text),
    texts(choice.consequence, "scn-consequence"),
    h("p", { class: `scn-stance scn-stance-${stance}` }, rules.STANCE_WORDS[stance]),
  );
  const next = rules.stepsOf(scenario).get(choice.next);
  return [[
    h("p", { class: "scn-progress" }, `Decision ${route.path.length}: what happened`),
    focus,
    next && next.ending ? h("p", { class: "scn-hint" }, "Continue to see how this path ends.") : null,
    h("div", { class: "course-actions" }, button("course-button scn-continue", "Continue", act.proceed)),
  ], focus];
}

/**
 * @param {Scenario} scenario
 * @param {ScenarioStep} step
 * @param {Route} route
 * @returns {Stage}
 */
function endingView(scenario, step, route) {
  const kind = rules.endingKind(step);
  const focus = h("div", { class: "scn-text", tabindex: "-1" }, texts(step.text, "scn-paragraph"));
  const items = rules.routeSummary(scenario, route.path).map((entry) => h(
    "li",
    { class: `scn-route-step scn-route-${entry.stance}` },
    h("p", {}, h("strong", {}, `Decision ${entry.number}: `), "you chose ", `\u201c${entry.text}\u201d`),
    h("p", { class: `scn-stance scn-stance-${entry.stance}` }, rules.ROUTE_STANCE[entry.stance], "."),
    h("p", { class: "scn-route-consequence" }, "What happened: ", entry.consequence),
  ));
  return [[
    h("p", { class: "scn-progress" }, "The end of this path"),
    focus,
    h("p", { class: `scn-ending scn-ending-${kind}` }, h("strong", {}, rules.ENDING_WORDS[kind])),
    h("div", { class: "scn-debrief" }, texts(step.debrief || "", "scn-paragraph")),
    h("p", { class: "scn-route-title" }, h("strong", {}, "Your route, decision by decision")),
    h("ol", { class: "scn-route" }, items),
  ], focus];
}

/**
 * @param {Scenario} scenario
 * @param {Route} route
 * @param {Moves} act
 * @returns {Stage}
 */
function stageView(scenario, route, act) {
  const step = rules.currentStep(scenario, route);
  if (!step) return [[h("p", {}, "This scenario cannot be shown: one of its steps is missing.")], null];
  if (route.phase === "consequence" && route.path.length) return consequenceView(scenario, route, act);
  if (step.ending) return endingView(scenario, step, route);
  return choicesView(step, route, act);
}

/**
 * @param {Scenario} scenario
 * @param {Moves} act
 */
function shell(scenario, act) {
  const titleId = `${uniqueId(`scn-${scenario.id}`)}-title`;
  // root is set just below, before ui is returned (tsc: the cast).
  const ui = /** @type {ScenarioUi} */ ({
    stage: h("div", { class: "scn-stage" }),
    status: h("p", { class: "course-status", role: "status", "aria-live": "polite" }),
    notice: createNotice(),
    backButton: button("course-button course-button-secondary", "Back one step", () => act.back()),
    restartButton: button("course-button course-button-secondary", "Start again", () => act.restart()),
  });
  ui.root = h(
    "div",
    { class: "course-widget scn", "data-scenario-id": scenario.id, role: "group", "aria-labelledby": titleId },
    h("p", { class: "course-title", id: titleId }, scenario.title),
    ui.stage,
    h("div", { class: "course-actions scn-actions" }, ui.backButton, ui.restartButton),
    ui.status,
    ui.notice.element,
  );
  return ui;
}

/** @param {import("../../lib/mount.js").ViewArgs} args anywidget's model (lib/mount.js widgetModule) */
export function renderScenario({ model, el, store }) {
  /** @type {Scenario} */
  const scenario = model.get("scenario") || {};
  const page = model.get("page") || "";
  // The moves are set below, before anything is drawn and a button can be pressed (tsc: the cast).
  const act = /** @type {Moves} */ ({});
  const { root, stage, status, notice, backButton, restartButton } = shell(scenario, act);
  el.append(root);
  let route = rules.stateFromEntry(null, scenario);

  // Draw the route; returns the node focus should move to after an action.
  function paint() {
    const [nodes, focus] = stageView(scenario, route, act);
    stage.replaceChildren(...(/** @type {Node[]} */ (nodes.filter(Boolean)))); // the nulls left out
    backButton.hidden = !route.path.length || rules.isEnded(scenario, route);
    restartButton.hidden = !route.path.length;
    return focus;
  }

  function sync() {
    model.set("path", route.path.map((entry) => ({ ...entry })));
    model.save_changes();
  }

  // A successful save keeps the notice that the route no longer fits (its own words, reason null).
  const mounted = mountActivity(store, activityKey("scenario", scenario.id), {
    current: () => rules.entryValue(route, page),
    derive: rules.derive(scenario),
    show(value) {
      const hadFocus = stage.contains(document.activeElement);
      route = rules.stateFromEntry(value, scenario);
      const focus = paint();
      if (hadFocus && focus) focus.focus(); // the button that had focus is gone: keep the learner in the story
      sync();
    },
    notice,
  });
  const { entry } = mounted;

  // After a move: save, redraw, move focus to the new text and say briefly where we are.
  /**
   * @param {Route} next
   * @param {string} message
   */
  function move(next, message) {
    route = next;
    entry.save();
    const focus = paint();
    if (focus) focus.focus();
    sync();
    announce(status, message);
  }

  act.choose = (index) => {
    const next = rules.choose(scenario, route, index);
    move(next, `Decision ${next.path.length}: here is what happened.`);
  };
  act.proceed = () => {
    const next = rules.proceed(scenario, route);
    move(next, rules.isEnded(scenario, next) ? rules.endingMessage(scenario, next) : `Decision ${next.path.length + 1}.`);
  };
  act.back = () => {
    if (!route.path.length || rules.isEnded(scenario, route)) return;
    const next = rules.back(route);
    move(next, `Back one step, at decision ${next.path.length + 1}. Choose again.`);
  };
  act.restart = () => move(rules.restart(route), "Started again from the first decision.");

  const loaded = mounted.load();
  route = rules.stateFromEntry(loaded.status === "ok" ? loaded.value : { path: model.get("path") }, scenario);
  if (route.dropped > 0) notice.show(null, rules.DROPPED_MESSAGE);
  paint();
  status.textContent = rules.resumeMessage(scenario, route);
  // Saved before `endings` and `attempted` were recorded: put the record right.
  mounted.repair(loaded);
  return mounted.dispose;
}
