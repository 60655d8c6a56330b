// What the end-of-course assessment tells an LMS (lms/bridge/assessment.js), and the bridge
// reporting it: the best submitted attempt is the score; formative checks never change it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { assessmentScore, interactionValues, statusValues } from "../../src/selfhelp_course/js/lms/bridge/cmi.js";
import { connectCourse } from "../../src/selfhelp_course/js/lms/bridge/connect.js";
import { openSession } from "../../src/selfhelp_course/js/lms/bridge/session.js";
import { MemoryStorage } from "./helpers.mjs";

const MANIFEST = {
  pages: [
    { docname: "book/one", teaching_minutes: 5, activity_minutes: 5, activities: [{ kind: "check", id: "q1", title: "First?" }] },
    { docname: "book/assessment", teaching_minutes: 0, activity_minutes: 20, activities: [{
      kind: "assessment", id: "final", title: "End-of-course assessment", attempts: 0,
      options: { a: ["a1", "a2", "a3"], b: ["b1", "b2", "b3"] } }] },
  ],
};

// One attempt: questions a and b, shown in a different order from the bank's.
function attempt(right, submitted, answers = { a: ["a2"], b: ["b3"] }) {
  return { started: "2026-12-01T09:00:00.000Z", questions: [{ id: "b", options: ["b3", "b1", "b2"] }, { id: "a", options: ["a3", "a2", "a1"] }],
    answers, ...(submitted ? { submitted, right, total: 2, correct: right === 2 ? ["a", "b"] : right === 1 ? ["a"] : [] } : {}) };
}
const entry = (attempts) => ({ v: 1, page: "book/assessment", attempts, complete: false, attempted: true });

test("no submitted attempt: no score, and the learner can still improve", () => {
  const none = assessmentScore(MANIFEST, { "assessment:final": entry({ x: attempt(0, null) }) }, 0.8);
  assert.equal(none.final, false);
  assert.equal(none.canImprove, true);
  assert.deepEqual(none.interactions, []);
  for (const edition of ["2004", "1.2"]) {
    const values = Object.fromEntries(statusValues(edition, { complete: false, progress: 0.5, score: none, passMark: 0.8 }));
    assert.equal(values["cmi.core.lesson_status"] ?? values["cmi.completion_status"], "incomplete");
    assert.ok(!Object.keys(values).some((k) => k.includes("score") || k.includes("success")), JSON.stringify(values));
  }
});

test("the best submitted attempt is the score, whatever order the attempts came in", () => {
  const score = assessmentScore(MANIFEST, { "assessment:final": entry({
    one: attempt(1, "2026-12-01T09:10:00.000Z"),
    two: attempt(2, "2026-12-02T09:10:00.000Z", { a: ["a2"], b: ["b1"] }),
    three: attempt(0, "2026-12-03T09:10:00.000Z"),
    open: attempt(0, null) }) }, 0.8);
  assert.deepEqual([score.final, score.right, score.total, score.scaled, score.passed, score.canImprove, score.submitted],
    [true, 2, 2, 1, true, false, "2026-12-02T09:10:00.000Z"]);
});

test("a failed attempt with attempts left is not a fail in SCORM 1.2; with none left it is", () => {
  const failed = assessmentScore(MANIFEST, { "assessment:final": entry({ one: attempt(1, "2026-12-01T09:10:00.000Z") }) }, 0.8);
  assert.equal(failed.passed, false);
  assert.equal(failed.canImprove, true);
  let values = Object.fromEntries(statusValues("1.2", { complete: false, progress: 0.5, score: failed, passMark: 0.8 }));
  assert.equal(values["cmi.core.lesson_status"], "incomplete");
  assert.equal(values["cmi.core.score.raw"], "50");
  const limited = { pages: MANIFEST.pages.map((p) => ({ ...p, activities: p.activities.map((a) => (a.kind === "assessment" ? { ...a, attempts: 1 } : a)) })) };
  const last = assessmentScore(limited, { "assessment:final": entry({ one: attempt(1, "2026-12-01T09:10:00.000Z") }) }, 0.8);
  assert.equal(last.canImprove, false);
  values = Object.fromEntries(statusValues("1.2", { complete: false, progress: 0.5, score: last, passMark: 0.8 }));
  assert.equal(values["cmi.core.lesson_status"], "failed");
  values = Object.fromEntries(statusValues("2004", { complete: false, progress: 0.5, score: failed, passMark: 0.8 }));
  assert.equal(values["cmi.success_status"], "failed");
});

test("the best attempt's answers go as interactions, lettered in the bank's order", () => {
  const score = assessmentScore(MANIFEST, { "assessment:final": entry({ one: attempt(1, "2026-12-01T09:10:00.000Z") }) }, 0.8);
  const byId = Object.fromEntries(score.interactions.map((i) => [i.id, i]));
  assert.deepEqual(Object.keys(byId).sort(), ["assessment-a", "assessment-b"]);
  assert.deepEqual(byId["assessment-a"].selected, ["a2"]);
  assert.deepEqual(byId["assessment-b"].selected, ["b3"]);
  assert.equal(byId["assessment-a"].right, true);
  assert.equal(byId["assessment-b"].right, false);
  // 2004 names the option by its id; 1.2 letters it by its place in the bank (b3 is third: c).
  const values = Object.fromEntries(interactionValues("2004", 0, byId["assessment-b"]));
  assert.equal(values["cmi.interactions.0.learner_response"], "b3");
  assert.equal(values["cmi.interactions.0.result"], "incorrect");
  const old = Object.fromEntries(interactionValues("1.2", 0, byId["assessment-b"]));
  assert.equal(old["cmi.interactions.0.student_response"], "c");
});

function lms(edition) {
  const data = new Map();
  const api = {
    GetValue: (name) => (name.endsWith("._count") ? "0" : data.get(name) ?? ""),
    SetValue: (name, value) => (data.set(name, value), "true"),
    GetLastError: () => "0", GetErrorString: () => "", GetDiagnostic: () => "",
  };
  if (edition === "2004") Object.assign(api, { Initialize: () => "true", Terminate: () => "true", Commit: () => "true" });
  else Object.assign(api, { LMSInitialize: () => "true", LMSFinish: () => "true", LMSCommit: () => "true", LMSGetValue: api.GetValue, LMSSetValue: api.SetValue, LMSGetLastError: () => "0", LMSGetErrorString: () => "", LMSGetDiagnostic: () => "" });
  const session = openSession({ edition, api });
  session.start();
  return { data, session };
}

for (const edition of ["2004", "1.2"]) {
  test(`bridge (${edition}): a right formative check alone gives no score; the assessment's best attempt does`, async () => {
    const storage = new MemoryStorage();
    const store = openStore({ storage: () => storage, target: new EventTarget() });
    const { data, session } = lms(edition);
    const view = { shared() {}, problem() {}, left() {} };
    const bridge = await connectCourse({ session, store, manifest: MANIFEST, settings: { passMark: 0.8, start: "x" },
      siteRoot: "http://lms.example/pkg/", view, later: () => 0, cancel: () => {} });
    store.update("check:q1", undefined, { v: 2, page: "book/one", selected: [0], checked: true, tries: 3, complete: true, attempted: true });
    await bridge.update();
    const score = edition === "2004" ? "cmi.score.scaled" : "cmi.core.score.raw";
    const status = edition === "2004" ? "cmi.completion_status" : "cmi.core.lesson_status";
    assert.equal(data.has(score), false);
    assert.equal(data.get(status), "incomplete");
    store.update("assessment:final", undefined, entry({ one: attempt(1, "2026-12-01T09:10:00.000Z") }));
    await bridge.update();
    assert.equal(data.get(score), edition === "2004" ? "0.5" : "50");
    assert.equal(data.get(status), "incomplete");
    store.update("assessment:final", undefined, { ...entry({ one: attempt(1, "2026-12-01T09:10:00.000Z"), two: attempt(2, "2026-12-02T09:10:00.000Z") }), complete: true });
    await bridge.update();
    assert.equal(data.get(score), edition === "2004" ? "1" : "100");
    assert.equal(data.get(status), edition === "2004" ? "completed" : "passed");
    if (edition === "2004") assert.equal(data.get("cmi.success_status"), "passed");
  });
}
