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
export const ENTRY_VERSION = ENTRY_VERSIONS.scenario;

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
export const stanceOf = (choice) => (hasOwn(STANCE_WORDS, choice.stance) ? choice.stance : "mixed");
export const endingKind = (step) => (hasOwn(ENDING_WORDS, step.ending) ? step.ending : "mixed");

export function stepsOf(scenario) {
  return new Map((Array.isArray(scenario.steps) ? scenario.steps : []).map((step) => [step.id, step]));
}

// Follow a saved route from the start, keeping only the part that still fits the scenario.
export function replay(scenario, raw) {
  const steps = stepsOf(scenario);
  const list = Array.isArray(raw) ? raw : [];
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

export function lastChoice(scenario, path) {
  const last = path[path.length - 1];
  return last ? stepsOf(scenario).get(last.step).choices[last.choice] : null;
}

export function currentStepId(scenario, path) {
  return path.length ? lastChoice(scenario, path).next : scenario.start;
}

export function currentStep(scenario, route) {
  return stepsOf(scenario).get(currentStepId(scenario, route.path)) || null;
}

// The ending counts as reached once it is on screen (not while reading the last consequence).
export function isEnded(scenario, route) {
  const step = currentStep(scenario, route);
  return route.phase === "choices" && Boolean(step && step.ending);
}

function cleanEndings(raw, scenario) {
  const steps = stepsOf(scenario);
  const endings = {};
  if (!isPlainObject(raw)) return endings;
  for (const [id, reached] of Object.entries(raw)) {
    const step = steps.get(id);
    if (reached === true && step && step.ending) endings[id] = true;
  }
  return endings;
}

// What a stored entry (v1 or v2, or the kernel's trait) says: {path, phase, endings, dropped}.
export function stateFromEntry(entry, scenario) {
  const value = isPlainObject(entry) ? entry : {};
  const { kept, dropped } = replay(scenario, value.path);
  const phase = value.phase === "consequence" && kept.length && !dropped ? "consequence" : "choices";
  const route = { path: kept, phase, endings: cleanEndings(value.endings, scenario), dropped };
  return withEnding(scenario, route);
}

// A route on an ending has that ending among those reached (entries saved before `endings`
// existed, too).
function withEnding(scenario, route) {
  if (!isEnded(scenario, route)) return route;
  return { ...route, endings: { ...route.endings, [currentStepId(scenario, route.path)]: true } };
}

export function entryValue(route, page) {
  return { v: ENTRY_VERSION, page, path: route.path.map((p) => ({ ...p })), phase: route.phase, endings: { ...route.endings } };
}

export function derive(scenario) {
  return (value) => {
    const route = stateFromEntry(value, scenario);
    const complete = Object.keys(route.endings).length > 0;
    return { complete, attempted: complete || route.path.length > 0 };
  };
}

// The learner's moves, each giving the next route.
export function choose(scenario, route, index) {
  const stepId = currentStepId(scenario, route.path);
  return { ...route, path: [...route.path, { step: stepId, choice: index }], phase: "consequence", dropped: 0 };
}

export function proceed(scenario, route) {
  return withEnding(scenario, { ...route, phase: "choices" });
}

export function back(route) {
  return { ...route, path: route.path.slice(0, -1), phase: "choices", dropped: 0 };
}

// Back to the first decision; the endings already reached stay reached.
export function restart(route) {
  return { ...route, path: [], phase: "choices", dropped: 0 };
}

// ---------------------------------------------------------------- words

// Text written with blank lines between paragraphs becomes separate paragraphs.
export function paragraphs(text) {
  return String(text ?? "")
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

// The route, decision by decision: [{number, text, stance, consequence}].
export function routeSummary(scenario, path) {
  const steps = stepsOf(scenario);
  return path.map((entry, index) => {
    const choice = steps.get(entry.step).choices[entry.choice];
    return { number: index + 1, text: choice.text, stance: stanceOf(choice), consequence: choice.consequence };
  });
}

export function endingMessage(scenario, route) {
  return `The end of this path. ${ENDING_WORDS[endingKind(currentStep(scenario, route))]}`;
}

// The status line on opening the page with a saved route.
export function resumeMessage(scenario, route) {
  if (!route.path.length) return "";
  return isEnded(scenario, route) ? "You reached the end of this path last time." : "Carrying on where you left off.";
}
