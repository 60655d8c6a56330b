import { test } from "node:test";
import assert from "node:assert/strict";
import { Lineage } from "../../src/selfhelp_course/js/lib/lineage.js";

const v = (rev, parent, data = {}) => ({ rev, parent, ...data });

test("a write that descends from this tab's last write, even through another tab's, is followed", () => {
  const lineage = new Lineage();
  const r0 = v("r0", null);
  const mine = v("w", "r0");
  const between = v("y", "w"); // a third tab wrote after seeing mine
  const theirs = v("x", "y");
  [r0, mine, between].forEach((value) => lineage.note(value));
  assert.equal(lineage.missedAncestor(theirs, mine), undefined);
  assert.equal(lineage.missedAncestor(mine, mine), undefined);
});

test("a write from a copy that missed this tab's write names the value both grew from", () => {
  const lineage = new Lineage();
  const r0 = v("r0", null, { a: 1 });
  const mine = v("w", "r0");
  [r0, mine].forEach((value) => lineage.note(value));
  assert.deepEqual(lineage.missedAncestor(v("x", "r0"), mine), { value: r0 });
  // Both the first writes to an entry: they grew from nothing.
  const first = new Lineage();
  first.note(v("w1", null));
  assert.deepEqual(first.missedAncestor(v("x1", null), v("w1", null)), { value: undefined });
});

test("without the lineage, nothing is guessed", () => {
  const lineage = new Lineage();
  lineage.note(v("w", "r0"));
  assert.equal(lineage.missedAncestor(v("x", "unknown"), v("w", "r0")), undefined); // parent not known here
  assert.equal(lineage.missedAncestor({ a: 1 }, v("w", "r0")), undefined); // an entry written before revisions
  assert.equal(lineage.missedAncestor(v("x", "r0"), undefined), undefined); // this tab wrote nothing
});
