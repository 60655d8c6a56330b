import { test } from "node:test";
import assert from "node:assert/strict";
import { conflictsIn, deepEqual, keepConflicts, merge3, mergeUnrelated, resolveConflict } from "../../src/selfhelp_course/js/lib/merge.js";

test("a change on one side only is taken", () => {
  const base = { texts: { gibbs: { a: "one" } } };
  assert.deepEqual(merge3(base, base, { texts: { gibbs: { a: "two" } } }).value, { texts: { gibbs: { a: "two" } } });
  assert.deepEqual(merge3(base, { texts: { gibbs: { a: "mine" } } }, base).value, { texts: { gibbs: { a: "mine" } } });
});

test("two tabs editing different parts keep both (the issue's first reproduction)", () => {
  const base = { texts: { gibbs: { description: "", feelings: "" } } };
  const tabA = { texts: { gibbs: { description: "part 1 from A", feelings: "" } } };
  const tabB = { texts: { gibbs: { description: "", feelings: "part 2 from B" } } };
  const { value, conflicts } = merge3(base, tabB, tabA);
  assert.deepEqual(value, { texts: { gibbs: { description: "part 1 from A", feelings: "part 2 from B" } } });
  assert.deepEqual(conflicts, []);
});

test("the same text changed on both sides is a conflict: mine in place, theirs kept", () => {
  const { value, conflicts } = merge3({ t: "old" }, { t: "mine" }, { t: "theirs" });
  assert.deepEqual(value, { t: "mine" });
  assert.deepEqual(conflicts, [{ path: ["t"], mine: "mine", theirs: "theirs" }]);
});

test("choices are not conflicts: the latest write wins", () => {
  const { value, conflicts } = merge3({ selected: [0] }, { selected: [1] }, { selected: [2] });
  assert.deepEqual(value, { selected: [1] });
  assert.deepEqual(conflicts, []);
  assert.deepEqual(merge3({ ok: false }, { ok: true }, { ok: 1 }).value, { ok: true });
});

test("text edited on one side survives its removal on the other", () => {
  assert.deepEqual(merge3({ a: "x" }, {}, { a: "edited" }).value, { a: "edited" });
  assert.deepEqual(merge3({ a: "x" }, { a: "edited" }, {}).value, { a: "edited" });
  assert.deepEqual(merge3({ a: "x" }, {}, { a: "x" }).value, {}); // removed, not edited elsewhere
});

test("the store's own fields are never merged", () => {
  const { value, conflicts } = merge3({ updated: "1" }, { updated: "2", a: 1 }, { updated: "3", b: 2 });
  assert.deepEqual(value, { a: 1, b: 2 });
  assert.deepEqual(conflicts, []);
});

test("kept conflicts: every other version once, none equal to the text in place", () => {
  const found = [{ path: ["t"], mine: "mine", theirs: "theirs" }];
  const theirs = { conflicts: { '["t"]': { path: ["t"], versions: ["older", "mine"], at: "x" } } };
  const kept = keepConflicts({ t: "mine" }, { theirs }, found, "now");
  assert.deepEqual(kept.conflicts['["t"]'].versions, ["older", "theirs"]);
  assert.deepEqual(conflictsIn(kept), [{ key: '["t"]', path: ["t"], current: "mine", versions: ["older", "theirs"] }]);
});

test("resolving a conflict writes the chosen text and drops only that conflict", () => {
  const value = { texts: { a: "mine", b: "x" }, conflicts: {
    '["texts","a"]': { path: ["texts", "a"], versions: ["theirs"], at: "t" },
    '["texts","b"]': { path: ["texts", "b"], versions: ["y"], at: "t" } } };
  const chosen = resolveConflict(value, ["texts", "a"], "theirs");
  assert.equal(chosen.texts.a, "theirs");
  assert.deepEqual(Object.keys(chosen.conflicts), ['["texts","b"]']);
  assert.equal(resolveConflict(chosen, ["texts", "b"], "x").conflicts, undefined);
});

test("an entry from elsewhere: newer choices win, differing texts keep both", () => {
  const stored = { updated: "2026-01-01T00:00:00Z", selected: [0], texts: { a: "device" }, note: "same" };
  const incoming = { updated: "2026-02-01T00:00:00Z", selected: [1], texts: { a: "lms" }, note: "same" };
  const merged = mergeUnrelated(stored, incoming);
  assert.deepEqual(merged.selected, [1]);
  assert.equal(merged.texts.a, "lms");
  assert.deepEqual(merged.conflicts['["texts","a"]'].versions, ["device"]);
  assert.equal(merged.updated, "2026-02-01T00:00:00Z");
  assert.equal(mergeUnrelated(incoming, incoming).conflicts, undefined);
});

test("deepEqual compares JSON values", () => {
  assert.ok(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
  assert.ok(!deepEqual({ a: 1 }, { a: 1, b: undefined }));
  assert.ok(!deepEqual([1], { 0: 1 }));
});

test("a conflict settled in one tab stays settled when merged with the other", () => {
  const held = { t: "B", conflicts: { '["t"]': { path: ["t"], versions: ["A"], at: "x" } } };
  const settled = resolveConflict(held, ["t"], "B"); // chosen here; the other tab still holds it
  assert.equal(keepConflicts({ t: "B" }, { base: held, mine: settled, theirs: held }, [], "now").conflicts, undefined);
  // ...but a version the other tab added since is still kept.
  const added = { t: "B", conflicts: { '["t"]': { path: ["t"], versions: ["A", "C"], at: "x" } } };
  assert.deepEqual(keepConflicts({ t: "B" }, { base: held, mine: settled, theirs: added }, [], "now").conflicts['["t"]'].versions, ["C"]);
});
