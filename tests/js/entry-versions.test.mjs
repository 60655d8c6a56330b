// The `v` of each kind of stored entry is stated once (_facts.py, lib/facts.js ENTRY_VERSIONS):
// each state module writes it and the SCORM 1.2 decoder (lms/bridge/compact.js) gives it back,
// so a widget moving to a new version cannot leave the LMS bridge writing the old one.
import assert from "node:assert/strict";
import test from "node:test";
import { ACTIVITY_KINDS, ENTRY_VERSIONS } from "../../src/selfhelp_course/js/lib/facts.js";
import { compactState, expandState } from "../../src/selfhelp_course/js/lms/bridge/compact.js";
import * as assessment from "../../src/selfhelp_course/js/widgets/assessment/state.js";
import * as evaluation from "../../src/selfhelp_course/js/widgets/evaluation/state.js";
import * as explorer from "../../src/selfhelp_course/js/widgets/explorer/state.js";
import * as check from "../../src/selfhelp_course/js/widgets/knowledge-check/state.js";
import * as portfolio from "../../src/selfhelp_course/js/widgets/portfolio/state.js";
import * as reflection from "../../src/selfhelp_course/js/widgets/reflection/state.js";
import * as scenario from "../../src/selfhelp_course/js/widgets/scenario/state.js";
import * as sorting from "../../src/selfhelp_course/js/widgets/sorting/state.js";

test("every kind of entry has one version, and each state module writes it", () => {
  assert.deepEqual(Object.keys(ENTRY_VERSIONS), [...Object.keys(ACTIVITY_KINDS), "read", "learner", "portfolio"]);
  for (const value of Object.values(ENTRY_VERSIONS)) assert.ok(Number.isInteger(value) && value >= 1);
  assert.equal(check.ENTRY_VERSION, ENTRY_VERSIONS.check);
  assert.equal(sorting.ENTRY_VERSION, ENTRY_VERSIONS.sorting);
  assert.equal(scenario.ENTRY_VERSION, ENTRY_VERSIONS.scenario);
  assert.equal(reflection.ENTRY_VERSION, ENTRY_VERSIONS.reflection);
  assert.equal(explorer.ENTRY_VERSION, ENTRY_VERSIONS.explorer);
  assert.equal(portfolio.ENTRY_VERSION, ENTRY_VERSIONS.portfolio);
  assert.equal(assessment.VERSION, ENTRY_VERSIONS.assessment);
  assert.equal(evaluation.VERSION, ENTRY_VERSIONS.evaluation);
});

test("the SCORM 1.2 decoder gives each entry back with the version its module writes", () => {
  const manifest = { pages: [{ docname: "book/one", activities: [
    { kind: "check", id: "q1", options: ["a", "b", "c"] }, { kind: "scenario", id: "s1" }, { kind: "assessment", id: "final" }] },
  { docname: "book/read-me", activities: [] }] };
  const updated = "2026-12-01T09:05:00.000Z";
  const entries = {
    "check:q1": { v: ENTRY_VERSIONS.check, page: "book/one", selected: ["c"], checked: true, tries: 1, complete: true, attempted: true, updated },
    "scenario:s1": { v: ENTRY_VERSIONS.scenario, page: "book/one", path: [{ step: "start", choice: 0 }], phase: "choose", endings: {},
      complete: false, attempted: true, updated },
    "read:book/read-me": { v: ENTRY_VERSIONS.read, page: "book/read-me", complete: true, attempted: true, updated },
    learner: { v: ENTRY_VERSIONS.learner, seed: "abc123", updated },
    "assessment:final": { v: ENTRY_VERSIONS.assessment, page: "book/assessment", attempts: {}, complete: false, attempted: false, updated },
  };
  const payload = { v: 1, share: false, entries, done: [], sent: {} };
  const back = expandState(JSON.parse(JSON.stringify(compactState(payload, manifest))), manifest);
  for (const [key, entry] of Object.entries(entries)) assert.equal(back.entries[key].v, entry.v, key);
  assert.deepEqual(back.entries["check:q1"].selected, ["c"]);
});
