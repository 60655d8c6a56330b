// The storage key's format (lib/facts.js) on the table Python's activity_key is tested on
// (tests/key_cases.json), and the keys the SCORM 1.2 bridge names.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { ASSESSMENT_ID, EVALUATION_ID, EXPLORER_ID, activityKey, idOfKey, kindOfKey, readKey } from "../../src/selfhelp_course/js/lib/facts.js";
import { ASSESSMENT_KEY } from "../../src/selfhelp_course/js/lms/bridge/compact.js";
import { isProgress } from "../../src/selfhelp_course/js/lms/bridge/suspend.js";

const { cases } = JSON.parse(readFileSync(new URL("../key_cases.json", import.meta.url), "utf8"));

test("activity keys are made and read as Python's activity_key makes them", () => {
  assert.ok(cases.length >= 7);
  for (const c of cases) {
    assert.equal(activityKey(c.kind, c.id), c.key, JSON.stringify(c));
    assert.equal(kindOfKey(c.key), c.kind, JSON.stringify(c));
    assert.equal(idOfKey(c.key), c.id, JSON.stringify(c));
  }
});

test("the one-of-a-kind activities' keys come from the facts", () => {
  assert.equal(ASSESSMENT_KEY, "assessment:final");
  assert.equal(activityKey("assessment", ASSESSMENT_ID), ASSESSMENT_KEY);
  assert.equal(activityKey("explorer", EXPLORER_ID), "explorer:wellbeing");
  assert.equal(activityKey("evaluation", EVALUATION_ID), "evaluation:course");
});

test("a key's kind is what comes before the separator, and the whole key when there is none", () => {
  assert.equal(kindOfKey(readKey("book/welcome")), "read");
  assert.equal(kindOfKey("portfolio"), "portfolio");
  assert.equal(idOfKey("portfolio"), "");
  assert.ok(isProgress("assessment:final") && isProgress("check:kc-1") && isProgress(readKey("book/welcome")));
  assert.ok(!isProgress("reflection:rf-1") && !isProgress("portfolio") && !isProgress("checks:kc-1"));
});
