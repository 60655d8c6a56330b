// @ts-check
// Branching scenario state (pure). Stored under scenario:<id>:
// {v: 2, page, path: [{step, choice}], phase, endings: {ending step id: true}, complete,
//  attempted, updated}. `phase` is "choices" (deciding at the current step) or "consequence"
// (reading what the last choice led to), so a reload resumes exactly where the learner was.
//
// Completed means the learner has reached an ending, ANY ending. A scenario has no right
// answer to get: its learning is in following a route to its end and reading the debrief and
// the route summary, which every ending gives, and a path that took the group over teaches as
// much as one that supported it. Requiring the "supports" ending would turn the story into a
// quiz to game. `endings` remembers every ending reached, so "Start again" to explore another
// route does not take the completion away (and two tabs reaching different endings keep both).
// Attempted means a first choice has been made.
import { ENTRY_VERSIONS } from "../../lib/facts.js";
import { isPlainObject } from "../../lib/merge.js";
import { hasOwn } from "../../lib/own.js";

// The `v` of its stored entries (_facts.py, through lib/facts.js; compact.js reads the same).
// The facts' version is a number to tsc; tests/test_shapes.py checks it is the schema's.
export const ENTRY_VERSION = /** @type {ScenarioEntry["v"]} */ (ENTRY_VERSIONS.scenario);

/**
 * One scenario of a scenarios bank (data/activities/scenarios/<page>.yml, scenarios.schema.json),
 * as the widget's trait `scenario` gives it; and the route the view holds (what ScenarioEntry
 * stores, with how many saved moves no longer fitted).
 * @typedef {"supports" | "takes-over" | "mixed"} Stance
 * @typedef {{text: string, next: string, stance: Stance, consequence: string}} ScenarioChoice
 * @typedef {{id: string, text: string, choices?: ScenarioChoice[], ending?: Stance, debrief?: string}} ScenarioStep
 * @typedef {{id: string, title: string, start: string, steps: ScenarioStep[]}} Scenario
 * @typedef {import("../../lib/shapes.generated.js").ScenarioEntry} ScenarioEntry
 * @typedef {import("../../lib/shapes.generated.js").ScenarioMove} ScenarioMove
 * @typedef {{path: ScenarioMove[], phase: ScenarioEntry["phase"], endings: Record<string, true>, dropped: number}} Route
 */

export const STANCE_WORDS = {
  supports: "This choice supported the group's autonomy.",
  "takes-over": "This choice took the group over.",
  mixed: "This choice was mixed: it partly supported the group and partly took it over.",
};

export const ROUTE_STANCE = {
  supports: "Supported the group's autonomy",
  "takes-over": "Took the group over",
  mixed: "Mixed: partly supported, partly took over",
};

export const ENDING_WORDS = {
  supports: "This path supported the group's autonomy.",
  "takes-over": "This path took the group over.",
  mixed: "This path had mixed results: it partly supported the group's autonomy and partly took the group over.",
};

export const DROPPED_MESSAGE =
  "Part of your saved route no longer fits this scenario (it may have been changed), so you carry on from the last point that still fits.";

// An unknown stance or ending kind reads as mixed, the most cautious of the three.
/** @type {(choice: ScenarioChoice) => Stance} */
export const stanceOf = (choice) => (hasOwn(STANCE_WORDS, choice.stance) ? choice.stance : "mixed");
// A step without an ending asks hasOwn for the key "undefined", which is never there (tsc: the casts).
/** @type {(step: ScenarioStep) => Stance} */
export const endingKind = (step) =>
  (hasOwn(ENDING_WORDS, /** @type {PropertyKey} */ (step.ending)) ? /** @type {Stance} */ (step.ending) : "mixed");

/**
 * @param {Scenario} scenario
 * @returns {Map<string, ScenarioStep>}
 */
export function stepsOf(scenario) {
  return new Map((Array.isArray(scenario.steps) ? scenario.steps : []).map((step) => [step.id, step]));
}

// Follow a saved route from the start, keeping only the part that still fits the scenario.
/**
 * @param {Scenario} scenario
 * @param {unknown} raw
 */
export function replay(scenario, raw) {
  const steps = stepsOf(scenario);
  const list = Array.isArray(raw) ? raw : [];
  /** @type {ScenarioMove[]} */
  const kept = [];
  let current = scenario.start;
  for (const entry of list) {
    const step = steps.get(current);
    if (!isPlainObject(entry) || entry.step !== current || !step || !Array.isArray(step.choices)) break;
    const choice = Number.isInteger(entry.choice) ? step.choices[entry.choice] : undefined;
    if (!choice) break;
    kept.push({ step: current, choice: entry.choice });
    current = choice.next;
  }
  return { kept, dropped: list.length - kept.length };
}

// A route's moves are replayed (replay) or made at its current step (choose), so each one's step
// is in the scenario with that choice (tsc: the casts here and in routeSummary).
/**
 * @param {Scenario} scenario
 * @param {ScenarioMove[]} path
 * @returns {ScenarioChoice | null}
 */
export function lastChoice(scenario, path) {
  const last = path[path.length - 1];
  return last ? /** @type {ScenarioChoice[]} */ (/** @type {ScenarioStep} */ (stepsOf(scenario).get(last.step)).choices)[last.choice] : null;
}

/**
 * @param {Scenario} scenario
 * @param {ScenarioMove[]} path
 * @returns {string}
 */
export function currentStepId(scenario, path) {
  // A path with a move has a last choice (tsc: the cast).
  return path.length ? /** @type {ScenarioChoice} */ (lastChoice(scenario, path)).next : scenario.start;
}

/**
 * @param {Scenario} scenario
 * @param {Pick<Route, "path">} route
 * @returns {ScenarioStep | null}
 */
export function currentStep(scenario, route) {
  return stepsOf(scenario).get(currentStepId(scenario, route.path)) || null;
}

// The ending counts as reached once it is on screen (not while reading the last consequence).
/**
 * @param {Scenario} scenario
 * @param {Pick<Route, "path" | "phase">} route
 * @returns {boolean}
 */
export function isEnded(scenario, route) {
  const step = currentStep(scenario, route);
  return route.phase === "choices" && Boolean(step && step.ending);
}

/**
 * @param {unknown} raw
 * @param {Scenario} scenario
 * @returns {Record<string, true>}
 */
function cleanEndings(raw, scenario) {
  const steps = stepsOf(scenario);
  /** @type {Record<string, true>} */
  const endings = {};
  if (!isPlainObject(raw)) return endings;
  for (const [id, reached] of Object.entries(raw)) {
    const step = steps.get(id);
    if (reached === true && step && step.ending) endings[id] = true;
  }
  return endings;
}

// What a stored entry (v1 or v2, or the kernel's trait) says: {path, phase, endings, dropped}.
/**
 * @param {unknown} entry
 * @param {Scenario} scenario
 * @returns {Route}
 */
export function stateFromEntry(entry, scenario) {
  /** @type {Record<string, any>} */
  const value = isPlainObject(entry) ? entry : {};
  const { kept, dropped } = replay(scenario, value.path);
  const phase = value.phase === "consequence" && kept.length && !dropped ? "consequence" : "choices";
  /** @type {Route} */
  const route = { path: kept, phase, endings: cleanEndings(value.endings, scenario), dropped };
  return withEnding(scenario, route);
}

// A route on an ending has that ending among those reached (entries saved before `endings`
// existed, too).
/**
 * @param {Scenario} scenario
 * @param {Route} route
 * @returns {Route}
 */
function withEnding(scenario, route) {
  if (!isEnded(scenario, route)) return route;
  return { ...route, endings: { ...route.endings, [currentStepId(scenario, route.path)]: true } };
}

/**
 * @param {Route} route
 * @param {string} page
 * @returns {ScenarioEntry}
 */
export function entryValue(route, page) {
  return { v: ENTRY_VERSION, page, path: route.path.map((p) => ({ ...p })), phase: route.phase, endings: { ...route.endings } };
}

/**
 * @param {Scenario} scenario
 * @returns {(value: unknown) => {complete: boolean, attempted: boolean}}
 */
export function derive(scenario) {
  return (value) => {
    const route = stateFromEntry(value, scenario);
    const complete = Object.keys(route.endings).length > 0;
    return { complete, attempted: complete || route.path.length > 0 };
  };
}

// The learner's moves, each giving the next route.
/**
 * @param {Scenario} scenario
 * @param {Route} route
 * @param {number} index
 * @returns {Route}
 */
export function choose(scenario, route, index) {
  const stepId = currentStepId(scenario, route.path);
  return { ...route, path: [...route.path, { step: stepId, choice: index }], phase: "consequence", dropped: 0 };
}

/**
 * @param {Scenario} scenario
 * @param {Route} route
 * @returns {Route}
 */
export function proceed(scenario, route) {
  return withEnding(scenario, { ...route, phase: "choices" });
}

/**
 * @param {Route} route
 * @returns {Route}
 */
export function back(route) {
  return { ...route, path: route.path.slice(0, -1), phase: "choices", dropped: 0 };
}

// Back to the first decision; the endings already reached stay reached.
/**
 * @param {Route} route
 * @returns {Route}
 */
export function restart(route) {
  return { ...route, path: [], phase: "choices", dropped: 0 };
}

// ---------------------------------------------------------------- words

// Text written with blank lines between paragraphs becomes separate paragraphs.
/**
 * @param {unknown} text
 * @returns {string[]}
 */
export function paragraphs(text) {
  return String(text ?? "")
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

// The route, decision by decision: [{number, text, stance, consequence}].
/**
 * @param {Scenario} scenario
 * @param {ScenarioMove[]} path
 */
export function routeSummary(scenario, path) {
  const steps = stepsOf(scenario);
  return path.map((entry, index) => {
    const choice = /** @type {ScenarioChoice[]} */ (/** @type {ScenarioStep} */ (steps.get(entry.step)).choices)[entry.choice];
    return { number: index + 1, text: choice.text, stance: stanceOf(choice), consequence: choice.consequence };
  });
}

/**
 * @param {Scenario} scenario
 * @param {Route} route
 */
export function endingMessage(scenario, route) {
  // Said once the route is on an ending (isEnded), so its step is there (tsc: the cast).
  return `The end of this path. ${ENDING_WORDS[endingKind(/** @type {ScenarioStep} */ (currentStep(scenario, route)))]}`;
}

// The status line on opening the page with a saved route.
/**
 * @param {Scenario} scenario
 * @param {Route} route
 */
export function resumeMessage(scenario, route) {
  if (!route.path.length) return "";
  return isEnded(scenario, route) ? "You reached the end of this path last time." : "Carrying on where you left off.";
}
