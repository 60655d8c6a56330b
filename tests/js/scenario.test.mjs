import { test } from "node:test";
import assert from "node:assert/strict";
import * as s from "../../src/selfhelp_course/js/widgets/scenario/state.js";
import { activityStatus } from "../../src/selfhelp_course/js/lib/progress.js";
import { derivedDiffers } from "../../src/selfhelp_course/js/lib/entry.js";

// start -> (0) good -> (0) happy ending; start -> (1) bad ending; good -> (1) odd ending (unknown kind).
const SCENARIO = {
  id: "scn",
  start: "start",
  steps: [
    { id: "start", text: "You meet Maureen.\n\nShe is tired.", choices: [
      { text: "Listen", next: "good", stance: "supports", consequence: "She talks." },
      { text: "Take over", next: "bad", stance: "takes-over", consequence: "She steps back." },
    ] },
    { id: "good", text: "The group meets.", choices: [
      { text: "Help a little", next: "happy", stance: "supports", consequence: "It thrives." },
      { text: "Something odd", next: "odd", stance: "sideways", consequence: "Who knows." },
    ] },
    { id: "happy", text: "The group runs itself.", ending: "supports", debrief: "Autonomy." },
    { id: "bad", text: "The group depends on you.", ending: "takes-over", debrief: "Dependence." },
    { id: "odd", text: "Hard to say.", ending: "surprising", debrief: "" },
  ],
};
const derive = s.derive(SCENARIO);
const at = (path, phase = "choices", endings) => ({ v: 2, path, phase, ...(endings ? { endings } : {}) });
const GOOD = { step: "start", choice: 0 };
const HAPPY = { step: "good", choice: 0 };

test("replay keeps the part of a saved route that still fits", () => {
  assert.deepEqual(s.replay(SCENARIO, [GOOD, HAPPY]), { kept: [GOOD, HAPPY], dropped: 0 });
  assert.deepEqual(s.replay(SCENARIO, [GOOD, { step: "gone", choice: 0 }, HAPPY]), { kept: [GOOD], dropped: 2 });
  assert.deepEqual(s.replay(SCENARIO, [GOOD, { step: "good", choice: 9 }]), { kept: [GOOD], dropped: 1 });
  assert.deepEqual(s.replay(SCENARIO, [{ step: "start", choice: "0" }]), { kept: [], dropped: 1 });
  assert.deepEqual(s.replay(SCENARIO, [null, GOOD]), { kept: [], dropped: 2 });
  // Past an ending there is nothing to choose.
  assert.deepEqual(s.replay(SCENARIO, [{ step: "start", choice: 1 }, { step: "bad", choice: 0 }]).dropped, 1);
  for (const bad of [undefined, null, {}, "route"]) assert.deepEqual(s.replay(SCENARIO, bad), { kept: [], dropped: 0 });
});

test("where the learner is: current step, last choice, ended", () => {
  assert.equal(s.currentStepId(SCENARIO, []), "start");
  assert.equal(s.currentStepId(SCENARIO, [GOOD]), "good");
  assert.equal(s.lastChoice(SCENARIO, []), null);
  assert.equal(s.lastChoice(SCENARIO, [GOOD]).text, "Listen");
  assert.equal(s.currentStep(SCENARIO, { path: [GOOD, HAPPY] }).id, "happy");
  assert.equal(s.currentStep({ ...SCENARIO, start: "missing" }, { path: [] }), null);
  // Reading the last consequence is not yet the ending.
  assert.equal(s.isEnded(SCENARIO, { path: [GOOD, HAPPY], phase: "consequence" }), false);
  assert.equal(s.isEnded(SCENARIO, { path: [GOOD, HAPPY], phase: "choices" }), true);
  assert.equal(s.isEnded(SCENARIO, { path: [GOOD], phase: "choices" }), false);
});

test("stateFromEntry reads v1 and v2 entries: phase, endings reached, what was dropped", () => {
  assert.deepEqual(s.stateFromEntry(undefined, SCENARIO), { path: [], phase: "choices", endings: {}, dropped: 0 });
  assert.deepEqual(s.stateFromEntry(at([GOOD], "consequence"), SCENARIO), { path: [GOOD], phase: "consequence", endings: {}, dropped: 0 });
  assert.equal(s.stateFromEntry(at([], "consequence"), SCENARIO).phase, "choices");
  assert.equal(s.stateFromEntry(at([GOOD], "sideways"), SCENARIO).phase, "choices");
  // A cut route is shown at its last fitting decision, not in the middle of a consequence.
  assert.deepEqual(s.stateFromEntry(at([GOOD, { step: "gone", choice: 0 }], "consequence"), SCENARIO), { path: [GOOD], phase: "choices", endings: {}, dropped: 1 });
  // A v1 entry at an ending (no `endings` then) has reached that ending.
  assert.deepEqual(s.stateFromEntry({ v: 1, path: [GOOD, HAPPY], phase: "choices", complete: true }, SCENARIO).endings, { happy: true });
  // Only real endings of this scenario, marked exactly true, are kept.
  assert.deepEqual(s.stateFromEntry(at([], "choices", { bad: true, good: true, gone: true, happy: "yes" }), SCENARIO).endings, { bad: true });
});

test("any ending completes a scenario; a first choice makes it attempted", () => {
  assert.deepEqual(derive(at([])), { complete: false, attempted: false });
  assert.deepEqual(derive(at([GOOD], "consequence")), { complete: false, attempted: true });
  assert.deepEqual(derive(at([GOOD, HAPPY], "consequence")), { complete: false, attempted: true }); // last consequence
  assert.deepEqual(derive(at([GOOD, HAPPY])), { complete: true, attempted: true }); // a supporting ending
  assert.deepEqual(derive(at([{ step: "start", choice: 1 }])), { complete: true, attempted: true }); // a taking-over ending
  assert.deepEqual(derive(at([GOOD, { step: "good", choice: 1 }])), { complete: true, attempted: true }); // an ending of unknown kind
  // Started again after an ending: still completed.
  assert.deepEqual(derive(at([], "choices", { bad: true })), { complete: true, attempted: true });
  assert.equal(activityStatus({ ...at([GOOD]), ...derive(at([GOOD])) }), "attempted");
});

test("an entry saved before endings were recorded is recognised for re-saving", () => {
  assert.equal(derivedDiffers({ v: 1, path: [GOOD, HAPPY], phase: "choices", complete: true }, derive), true); // no `attempted`
  const value = { ...at([GOOD, HAPPY], "choices", { happy: true }), complete: true, attempted: true };
  assert.equal(derivedDiffers(value, derive), false);
});

test("moves: choose, proceed (to an ending, which is then remembered), back, restart", () => {
  let route = s.stateFromEntry(undefined, SCENARIO);
  route = s.choose(SCENARIO, route, 0);
  assert.deepEqual([route.path, route.phase], [[GOOD], "consequence"]);
  route = s.proceed(SCENARIO, route);
  assert.deepEqual([route.phase, route.endings], ["choices", {}]);
  route = s.choose(SCENARIO, route, 0);
  assert.deepEqual(route.path, [GOOD, HAPPY]);
  route = s.proceed(SCENARIO, route);
  assert.equal(s.isEnded(SCENARIO, route), true);
  assert.deepEqual(route.endings, { happy: true });
  const again = s.restart(route);
  assert.deepEqual([again.path, again.phase, again.endings], [[], "choices", { happy: true }]);
  const taken = s.proceed(SCENARIO, s.choose(SCENARIO, again, 1));
  assert.deepEqual(taken.endings, { happy: true, bad: true });
  const undone = s.back(s.choose(SCENARIO, again, 0));
  assert.deepEqual([undone.path, undone.phase], [[], "choices"]);
  assert.deepEqual(route.path, [GOOD, HAPPY]); // moves never change a route in place
});

test("entryValue is a plain v2 object without the view's bookkeeping", () => {
  const route = { path: [GOOD], phase: "consequence", endings: { bad: true }, dropped: 1 };
  const value = s.entryValue(route, "book/practitioner-role");
  assert.deepEqual(value, { v: 2, page: "book/practitioner-role", path: [GOOD], phase: "consequence", endings: { bad: true } });
  value.path[0].choice = 1;
  assert.equal(route.path[0].choice, 0);
});

test("words: stances, endings, paragraphs, the route summary, messages", () => {
  assert.equal(s.stanceOf({ stance: "supports" }), "supports");
  assert.equal(s.stanceOf({ stance: "sideways" }), "mixed");
  assert.equal(s.stanceOf({ stance: "constructor" }), "mixed"); // not an inherited key
  assert.equal(s.endingKind({ ending: "takes-over" }), "takes-over");
  assert.equal(s.endingKind({ ending: "surprising" }), "mixed");
  assert.deepEqual(s.paragraphs("One\nline.\n\n  Two.  \n\n\n"), ["One line.", "Two."]);
  assert.deepEqual(s.paragraphs(undefined), []);
  assert.deepEqual(s.routeSummary(SCENARIO, [GOOD, { step: "good", choice: 1 }]), [
    { number: 1, text: "Listen", stance: "supports", consequence: "She talks." },
    { number: 2, text: "Something odd", stance: "mixed", consequence: "Who knows." },
  ]);
  const ended = { path: [{ step: "start", choice: 1 }], phase: "choices" };
  assert.equal(s.endingMessage(SCENARIO, ended), "The end of this path. This path took the group over.");
  assert.equal(s.resumeMessage(SCENARIO, { path: [] }), "");
  assert.equal(s.resumeMessage(SCENARIO, ended), "You reached the end of this path last time.");
  assert.equal(s.resumeMessage(SCENARIO, { path: [GOOD], phase: "consequence" }), "Carrying on where you left off.");
});
