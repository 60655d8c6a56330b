// What the course reports to an LMS (src/selfhelp_course/js/lms/bridge/cmi.js) and how its state is
// packed into cmi.suspend_data (suspend.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  checkResults, interactionValues, learnerResponse, pageOf, passMarkOf, sessionTime,
  statusValues,
} from "../../src/selfhelp_course/js/lms/bridge/cmi.js";
import { LIMITS, decode, encode, encodeNow, isProgress, pack } from "../../src/selfhelp_course/js/lms/bridge/suspend.js";

// Each check's option ids in bank order, as the course manifest carries them (_manifest.py).
const OPTIONS = ["ask", "bide", "call", "drop"];
const MANIFEST = {
  pages: [
    { docname: "book/one", activities: [{ kind: "check", id: "q1", title: "First?", options: OPTIONS },
      { kind: "reflection", id: "r1", title: "Think" }] },
    { docname: "book/two", activities: [{ kind: "check", id: "q2", title: "Second?", options: OPTIONS },
      { kind: "check", id: "q3", title: "Third?", options: OPTIONS }] },
  ],
};
const right = (selected) => ({ selected, checked: true, complete: true, attempted: true,
  updated: "2026-11-30T09:15:02.123Z" });
const wrong = (selected) => ({ selected, checked: true, complete: false, attempted: true,
  updated: "2026-11-30T09:16:00.000Z" });

test("knowledge checks are read in course order, answered only once checked", () => {
  const results = checkResults(MANIFEST, {
    "check:q1": right([1]),
    "check:q2": { selected: [0], checked: false, complete: false, attempted: true },
  });
  assert.deepEqual(results.map((r) => [r.id, r.answered, r.right]),
    [["q1", true, true], ["q2", false, false], ["q3", false, false]]);
});

// The score in the contract's shape (what the assessment's assessmentScore returns).
const scoreShape = (right, total, { passMark = 0.8, canImprove, final = true } = {}) => {
  const passed = final && right / total >= passMark;
  return { final, scaled: right / total, right, total, passed, canImprove: canImprove ?? !passed, submitted: final ? 1 : 0 };
};

test("no score and no success until an attempt is submitted (2004)", () => {
  const score = scoreShape(0, 0, { final: false });
  const values = Object.fromEntries(statusValues("2004", { complete: false, progress: 0.25, score, passMark: 0.8 }));
  assert.deepEqual(values, { "cmi.completion_status": "incomplete", "cmi.progress_measure": "0.25" });
});

test("a submitted attempt: scaled score, raw as a per cent, passed at the mark (2004)", () => {
  const score = scoreShape(2, 3);
  const below = Object.fromEntries(statusValues("2004", { complete: false, progress: 0.5, score, passMark: 0.8 }));
  // Below the mark while the learner can still improve: no "failed" yet.
  assert.equal(below["cmi.success_status"], "unknown");
  assert.equal(below["cmi.score.scaled"], "0.6667");
  assert.equal(below["cmi.score.raw"], "67");
  assert.equal(below["cmi.score.min"], "0");
  assert.equal(below["cmi.score.max"], "100");
  const at = Object.fromEntries(statusValues("2004", { complete: false, progress: 0.5,
    score: scoreShape(2, 3, { passMark: 2 / 3 }) }));
  assert.equal(at["cmi.success_status"], "passed");
  const spent = Object.fromEntries(statusValues("2004", { complete: false, progress: 0.5, score: scoreShape(2, 3, { canImprove: false }) }));
  assert.equal(spent["cmi.success_status"], "failed");
});

// Moodle grades a SCORM 2004 activity from cmi.score.raw alone, on 0-100, ignoring scaled and
// max (issue 19: 32 of 43 right was graded 32/100). A stand-in for that rule.
const moodleGrade = (values) => Number((values.find(([name]) => /^cmi\.(core\.)?score\.raw$/.test(name)) || [])[1]);

test("a Moodle-like grading rule (grade = raw) gets the right per cent in SCORM 2004 and 1.2", () => {
  for (const [right, total] of [[32, 43], [43, 43], [0, 43], [1, 3], [2, 3], [14, 15], [5, 9]]) {
    const score = scoreShape(right, total);
    const percent = Math.round((100 * right) / total);
    assert.equal(moodleGrade(statusValues("2004", { complete: false, progress: 0.5, score })), percent, `${right}/${total}`);
    assert.equal(moodleGrade(statusValues("1.2", { complete: false, score })), percent, `${right}/${total}`);
  }
  assert.equal(moodleGrade(statusValues("2004", { complete: false, progress: 0.5, score: scoreShape(32, 43) })), 74);
});

test("completion is never taken back once the LMS holds it", () => {
  const score = scoreShape(0, 0, { final: false });
  const again = Object.fromEntries(statusValues("2004", { complete: false, progress: 0, score, passMark: 0.8,
    previous: "completed" }));
  assert.deepEqual(again, { "cmi.completion_status": "completed" });
  const old = Object.fromEntries(statusValues("1.2", { complete: false, score, passMark: 0.8, previous: "passed" }));
  assert.equal(old["cmi.core.lesson_status"], "passed");
});

test("SCORM 1.2: one status for completion and success, score out of 100", () => {
  const score = scoreShape(3, 3);
  // The status first, then the score, in one batch: Moodle finds "passed" when it stores the score.
  assert.deepEqual(statusValues("1.2", { complete: true, score, passMark: 0.8 }), [
    ["cmi.core.lesson_status", "passed"], ["cmi.core.score.raw", "100"], ["cmi.core.score.min", "0"],
    ["cmi.core.score.max", "100"]]);
  const low = scoreShape(2, 3);
  // Below the mark but able to try again: never "failed" (Moodle would reopen it in review mode).
  assert.deepEqual(statusValues("1.2", { complete: false, score: low, passMark: 0.8 }), [
    ["cmi.core.lesson_status", "incomplete"], ["cmi.core.score.raw", "67"], ["cmi.core.score.min", "0"],
    ["cmi.core.score.max", "100"]]);
  // Only when nothing more can change it.
  assert.equal(statusValues("1.2", { complete: false, score: scoreShape(2, 3, { canImprove: false }) })[0][1], "failed");
  const half = scoreShape(0, 0, { final: false });
  assert.deepEqual(statusValues("1.2", { complete: false, score: half, passMark: 0.8 }),
    [["cmi.core.lesson_status", "incomplete"]]);
});

test("SCORM 1.2: never passed by the checks alone, never passed without its final score", () => {
  // Complete (every activity done) but the assessment not yet passed: not "passed".
  assert.equal(statusValues("1.2", { complete: true, score: scoreShape(2, 3) })[0][1], "incomplete");
  // Passed score, course not complete: not "passed" either (completion is the course's).
  assert.equal(statusValues("1.2", { complete: false, score: scoreShape(3, 3) })[0][1], "incomplete");
  for (const edition of ["1.2", "2004"]) {
    for (const score of [scoreShape(3, 3), scoreShape(2, 3), scoreShape(0, 3, { final: false }), scoreShape(1, 3, { canImprove: false })]) {
      for (const complete of [true, false]) {
        const values = statusValues(edition, { complete, progress: 0.5, score });
        const names = values.map(([name]) => name);
        const status = values.find(([name]) => /lesson_status|success_status/.test(name));
        if (status && status[1] === "passed") {
          assert.ok(names.some((n) => n.endsWith("score.raw")), `${edition}: passed without its score`);
          assert.ok(names.findIndex((n) => /status/.test(n)) < names.findIndex((n) => n.endsWith("score.raw")), `${edition}: status after score`);
        }
      }
    }
  }
});

test("the LMS's pass mark wins when it has one", () => {
  assert.equal(passMarkOf("2004", "0.7", 0.8), 0.7);
  assert.equal(passMarkOf("2004", "", 0.8), 0.8);
  assert.equal(passMarkOf("1.2", "75", 0.8), 0.75);
  assert.equal(passMarkOf("1.2", "", 0.8), 0.8);
  assert.equal(passMarkOf("2004", "7", 0.8), 0.8); // not a scaled mark: ignored
});

test("interactions: 2004 names options by id, 1.2 letters them by bank place; each edition's words", () => {
  const [result] = checkResults(MANIFEST, { "check:q1": wrong(["call", "ask"]) });
  assert.deepEqual([result.selected, result.options], [["ask", "call"], OPTIONS]);
  assert.equal(learnerResponse("2004", ["call", "ask"], OPTIONS), "ask[,]call");
  assert.equal(learnerResponse("1.2", ["call", "ask"], OPTIONS), "a,c");
  assert.equal(learnerResponse("1.2", ["nope"], OPTIONS), "");
  assert.deepEqual(interactionValues("2004", 4, result), [
    ["cmi.interactions.4.id", "q1"], ["cmi.interactions.4.type", "choice"],
    ["cmi.interactions.4.learner_response", "ask[,]call"], ["cmi.interactions.4.result", "incorrect"],
    ["cmi.interactions.4.description", "First?"], ["cmi.interactions.4.timestamp", "2026-11-30T09:16:00"]]);
  assert.deepEqual(interactionValues("1.2", 0, result), [
    ["cmi.interactions.0.id", "q1"], ["cmi.interactions.0.type", "choice"],
    ["cmi.interactions.0.student_response", "a,c"], ["cmi.interactions.0.result", "wrong"],
    ["cmi.interactions.0.time", "09:16:00"]]);
});

test("answers stored before option ids (v2 indices) are read through the check's order_before_v3", () => {
  const moved = { pages: [{ docname: "book/one", activities: [{ kind: "check", id: "q1", title: "First?",
    options: OPTIONS, order_before_v3: ["call", "drop", "ask", "bide"] }] }] };
  // Index 2 in the old order was "ask", now first in the bank.
  const [result] = checkResults(moved, { "check:q1": { v: 2, ...right([2]) } });
  assert.deepEqual([result.answered, result.right, result.selected], [true, true, ["ask"]]);
  assert.equal(learnerResponse("2004", result.selected, result.options), "ask");
  assert.equal(learnerResponse("1.2", result.selected, result.options), "a");
  // A v3 entry names its options by id, whatever order they were shown in.
  const [now] = checkResults(moved, { "check:q1": { v: 3, ...right(["drop"]) } });
  assert.deepEqual(now.selected, ["drop"]);
  // A manifest without option ids (or ids the check no longer has) gives no answer.
  const [bare] = checkResults(MANIFEST_WITHOUT_OPTIONS, { "check:q1": right(["ask"]) });
  assert.equal(bare.answered, false);
});

const MANIFEST_WITHOUT_OPTIONS = { pages: [{ docname: "book/one", activities: [{ kind: "check", id: "q1" }] }] };

test("session time in each edition's format", () => {
  const ms = ((2 * 60 + 3) * 60 + 4) * 1000 + 900;
  assert.equal(sessionTime("2004", ms), "PT2H3M4S");
  assert.equal(sessionTime("1.2", ms), "0002:03:04");
  assert.equal(sessionTime("1.2", -5), "0000:00:00");
});

test("the location is one of the course's pages, or nothing", () => {
  const root = "http://lms.example/pkg/";
  assert.equal(pageOf(MANIFEST, root, "http://lms.example/pkg/book/two.html#part"), "book/two");
  assert.equal(pageOf(MANIFEST, root, "http://lms.example/pkg/book/three.html"), "");
  assert.equal(pageOf(MANIFEST, root, "http://lms.example/other/book/two.html"), "");
  assert.equal(pageOf(MANIFEST, root, "about:blank"), "");
});

// ---------------------------------------------------------------- suspend data
const REFLECTION = { v: 1, complete: true, framework: "gibbs", texts: { gibbs: { what: "A private thought." } } };

test("progress always goes; reflections only when shared, else just their key if finished", async () => {
  const entries = { "check:q1": right([1]), "reflection:r1": REFLECTION, portfolio: { v: 1, edits: {} } };
  assert.ok(isProgress("check:q1") && isProgress("read:book/one") && !isProgress("reflection:r1"));
  assert.ok(!isProgress("portfolio"));
  const kept = await pack({ entries, share: false }, LIMITS["1.2"]);
  const state = (await decode(kept.text)).value;
  assert.deepEqual(Object.keys(state.entries), ["check:q1"]);
  assert.deepEqual(state.done, ["reflection:r1"]);
  assert.equal(state.share, false);
  assert.ok(!kept.text.includes("private") && !JSON.stringify(state).includes("private"));
  const shared = (await decode((await pack({ entries, share: true }, LIMITS["2004"])).text)).value;
  assert.deepEqual(shared.entries["reflection:r1"], REFLECTION);
  assert.deepEqual(shared.done, []);
});

test("compressed, and what will not fit stays on the device and is named", async () => {
  const entries = {};
  for (let i = 0; i < 37; i += 1) entries[`check:q${i}`] = right([i % 4]);
  for (let i = 0; i < 10; i += 1) {
    const words = Array.from({ length: 300 }, (_, j) => `w${(i * 7919 + j * 104729) % 100003}`).join(" ");
    entries[`reflection:r${i}`] = { ...REFLECTION, texts: { gibbs: { what: words } } };
  }
  const raw = JSON.stringify(entries).length;
  const result = await pack({ entries, share: true }, LIMITS["1.2"]);
  assert.ok(result.text.length <= LIMITS["1.2"]);
  assert.ok(result.left.length > 0 && result.left.every((key) => key.startsWith("reflection:")));
  const state = (await decode(result.text)).value;
  assert.equal(Object.keys(state.entries).filter((k) => k.startsWith("check:")).length, 37);
  assert.deepEqual(state.done, [...result.left].sort()); // finished, so still counted
  const roomy = await pack({ entries, share: true }, LIMITS["2004"]);
  assert.deepEqual(roomy.left, []);
  assert.ok(roomy.text.length < raw / 2, `${roomy.text.length} of ${raw}`);
});

test("SCORM 2004 too: over 64,000 characters, reflections stay on the device and progress goes", async () => {
  let seed = 2004; // a fixed pseudo-random stream: text that compression cannot shrink much
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  const entries = {};
  for (let i = 0; i < 37; i += 1) entries[`check:q${i}`] = right([i % 4]);
  for (let i = 0; i < 40; i += 1) {
    const words = Array.from({ length: 400 }, () => next().toString(36)).join(" ");
    entries[`reflection:r${i}`] = { ...REFLECTION, texts: { gibbs: { what: words } } };
  }
  const result = await pack({ entries, share: true }, LIMITS["2004"]);
  assert.ok(result.text.length <= LIMITS["2004"], `${result.text.length}`);
  assert.ok(result.left.length > 0 && result.left.every((key) => key.startsWith("reflection:")));
  const state = (await decode(result.text)).value;
  assert.equal(Object.keys(state.entries).filter((k) => k.startsWith("check:")).length, 37);
  assert.ok(Object.keys(state.entries).some((k) => k.startsWith("reflection:")), "what fits still goes");
  assert.deepEqual(state.done, [...result.left].sort());
});

test("decoding: empty, both formats, and anything unreadable", async () => {
  assert.equal((await decode("")).status, "empty");
  const payload = { v: 1, share: true, entries: { "check:q1": right([1]), bad: 3 }, done: ["r", 4] };
  for (const text of [await encode(payload), encodeNow(payload)]) {
    const { status, value } = await decode(text);
    assert.equal(status, "ok");
    assert.deepEqual(Object.keys(value.entries), ["check:q1"]);
    assert.deepEqual(value.done, ["r"]);
  }
  assert.equal((await decode("z1:not base64!")).status, "corrupt");
  assert.equal((await decode(`z1:${(await encode(payload)).slice(3, 40)}`)).status, "corrupt");
  assert.equal((await decode("something else")).status, "corrupt");
});

test("keys finished on another device are carried on", async () => {
  const { text } = await pack({ entries: { "check:q1": right([1]) }, share: false, carried: ["reflection:r9"] }, 4096);
  assert.deepEqual((await decode(text)).value.done, ["reflection:r9"]);
});

test("packNow: everything uncompressed when it fits, else nothing", async () => {
  const { packNow } = await import("../../src/selfhelp_course/js/lms/bridge/suspend.js");
  const state = { entries: { "check:q1": right([1]) }, share: false, carried: [], sent: { q1: "b=right" } };
  const text = packNow(state, 4096);
  assert.ok(text.startsWith("j1:"));
  assert.deepEqual((await decode(text)).value.sent, { q1: "b=right" });
  assert.equal(packNow(state, 20), null);
});
