// The anonymous evaluation file: exactly the schema's keys, nothing that identifies a person
// (no learner seed, no LMS id, no date finer than the month), the learner's words only when
// they ticked to share them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { evaluationFile, evaluationText, freshResponseId, monthOf, validResponseId } from "../../src/selfhelp_course/js/lib/evaluation.js";

const OPTIONS = { course: "Supporting Self-Help Groups", version: "0.1.0", nation: "wales", month: "2026-12" };
const FULL = {
  v: 1, page: "book/evaluation", responseId: "0123456789abcdef",
  before: { "use-evidence": 2, "act-on-safety": 3 }, after: { "use-evidence": 4, "recognise-groups": 5 },
  feedback: { relevance: 4, clarity: 5, time: "about", recommend: "yes" },
  role: "nurse", change: "I will ask the group what it needs before offering anything.",
  shareChange: false, inStatement: true,
  // What a stored entry also carries, none of which may reach the file:
  updated: "2026-12-07T18:30:12.345Z", rev: "m1x2-abc", parent: null, seed: "s3cr3ts33d000000",
  learner: "student-4711", name: "Jo Bloggs", email: "jo@example.org",
};

test("the file has exactly the schema's keys, in its order, and no change text unless ticked", () => {
  const file = evaluationFile(FULL, OPTIONS);
  assert.deepEqual(Object.keys(file), ["format", "course", "course_version", "response_id", "month", "role", "nation", "confidence", "feedback"]);
  assert.equal(file.format, "selfhelp-course-evaluation/1");
  assert.deepEqual(file.confidence, {
    "use-evidence": { before: 2, after: 4 },
    "act-on-safety": { before: 3, after: null },
    "recognise-groups": { before: null, after: 5 },
  });
  assert.deepEqual(file.feedback, { relevance: 4, clarity: 5, time: "about", recommend: "yes" });
  assert.equal(file.role, "nurse");
  assert.equal(file.nation, "wales");
  assert.equal("change" in file, false);
});

test("the change text goes only when ticked, exactly as written", () => {
  const file = evaluationFile({ ...FULL, shareChange: true }, OPTIONS);
  assert.equal(file.change, FULL.change);
  assert.equal(Object.keys(file).at(-1), "change");
  // Ticked, but nothing written: no change key (the schema wants at least one character).
  assert.equal("change" in evaluationFile({ ...FULL, change: "  ", shareChange: true }, OPTIONS), false);
  // A tick that is not exactly true does not count.
  assert.equal("change" in evaluationFile({ ...FULL, shareChange: "true" }, OPTIONS), false);
});

test("nothing identifying: no seed, no learner id, no name, no date finer than the month", () => {
  const text = evaluationText(evaluationFile({ ...FULL, shareChange: false }, OPTIONS));
  for (const secret of [FULL.seed, FULL.learner, FULL.name, FULL.email, FULL.updated, "2026-12-07", "18:30", FULL.rev, FULL.change]) {
    assert.equal(text.includes(secret), false, `the file holds ${secret}`);
  }
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
  assert.doesNotMatch(text, /"(updated|rev|parent|seed|page|inStatement|shareChange|v)"/);
});

test("skipped answers are null; nothing given gives nulls, never invented values", () => {
  const file = evaluationFile({ responseId: "zzzzzzzzzzzzzzzz", before: { "use-evidence": 7, "x-y": "3" }, feedback: { time: "forever" } },
    { ...OPTIONS, nation: "atlantis" });
  assert.deepEqual(file.confidence, {});
  assert.deepEqual(file.feedback, { relevance: null, clarity: null, time: null, recommend: null });
  assert.equal(file.role, null);
  assert.equal(file.nation, null);
});

test("a role or outcome id of the wrong shape is left out", () => {
  const file = evaluationFile({ ...FULL, role: "<b>nurse</b>", before: { "Bad Id": 3, "use-evidence": 1 }, after: {} }, OPTIONS);
  assert.equal(file.role, null);
  assert.deepEqual(Object.keys(file.confidence), ["use-evidence"]);
});

test("no file without a response id, and no month that is not YYYY-MM", () => {
  assert.throws(() => evaluationFile({ ...FULL, responseId: undefined }, OPTIONS), /response id/);
  assert.throws(() => evaluationFile({ ...FULL, responseId: "short" }, OPTIONS), /response id/);
  assert.throws(() => evaluationFile(FULL, { ...OPTIONS, month: "2026-12-07" }), /month/);
  assert.throws(() => evaluationFile(FULL, { ...OPTIONS, month: "2026-13" }), /month/);
});

test("monthOf gives year and month only; the text is the JSON with a final newline", () => {
  assert.equal(monthOf(new Date(2027, 0, 31, 23, 59)), "2027-01");
  const file = evaluationFile(FULL, OPTIONS);
  assert.deepEqual(JSON.parse(evaluationText(file)), file);
  assert.ok(evaluationText(file).endsWith("}\n"));
});

test("response ids: 16 characters [0-9a-z] from the random bytes, never the clock", () => {
  const id = freshResponseId();
  assert.ok(validResponseId(id), id);
  assert.notEqual(freshResponseId(), id);
  assert.equal(freshResponseId((n) => new Uint8Array(n).fill(35)), "z".repeat(16));
  assert.equal(validResponseId("0123456789ABCDEF"), false);
});
