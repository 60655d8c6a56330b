// What the learner typed since a moment (lib/typed.js), and the reflection's rule for what it
// keeps after "Clear all" in another tab (issue 21, defects 1 and 2).
import { test } from "node:test";
import assert from "node:assert/strict";
import { changedSince, typedSince } from "../../src/selfhelp_course/js/lib/typed.js";
import { keptAfterClear } from "../../src/selfhelp_course/js/widgets/reflection/state.js";

test("typedSince: only the words added, one run a line, nothing of what was there", () => {
  assert.equal(typedSince("Old text.", "Old text. Added after it."), "Added after it.");
  assert.equal(typedSince("A B C", "A X B C Y"), "X\nY");
  assert.equal(typedSince("", "New sentence."), "New sentence.");
  assert.equal(typedSince(undefined, "  Spaces kept inside  "), "  Spaces kept inside  ", "a box that was empty keeps exactly what was typed");
  assert.equal(typedSince("Old text.", "Old text."), "");
  assert.equal(typedSince("Old text.", "Old"), "", "deleting adds nothing");
  assert.equal(typedSince("Old text.", "Old text.   "), "", "spaces alone are not kept");
  assert.equal(typedSince("The cat sat.", "The cats sat."), "cats", "a word changed by typing in it counts whole");
  assert.equal(typedSince("Old line\nsecond", "Old line\nNew line\nsecond"), "New line");
});

test("typedSince: long texts are compared too, and a huge change is kept whole", () => {
  const old = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
  assert.equal(typedSince(old, `${old.replace("w1500 ", "w1500 inserted ")}`), "inserted");
  const other = Array.from({ length: 3000 }, (_, i) => `x${i}`).join(" ");
  assert.equal(typedSince(old, other), other, "too many to compare: the new text is kept, never lost");
});

test("changedSince: texts reduced to what was typed, other values only where changed, bookkeeping left out", () => {
  const before = { v: 2, page: "p", framework: "g", texts: { g: { a: "old", b: "same" } }, rev: "r1", complete: true };
  const mine = { v: 2, page: "p", framework: "g", texts: { g: { a: "old new", b: "same", c: "brand new" } }, conflicts: { x: 1 } };
  assert.deepEqual(changedSince(before, mine), { texts: { g: { a: "new", c: "brand new" } } });
  assert.equal(changedSince(before, { ...before }), undefined);
  assert.deepEqual(changedSince({ seen: { a: true } }, { seen: { a: true, b: true } }), { seen: { b: true } });
});

test("keptAfterClear: the reflection keeps the text typed since, in its parts, under its framework", () => {
  const before = { v: 2, page: "p", framework: "gibbs", texts: { gibbs: { description: "Saved before the clear." } } };
  const mine = { v: 2, page: "p", framework: "gibbs", texts: { gibbs: { description: "Saved before the clear. More.", feelings: "New." } } };
  assert.deepEqual(keptAfterClear(before, mine),
    { v: 2, page: "p", framework: "gibbs", texts: { gibbs: { description: "More.", feelings: "New." } } });
  assert.equal(keptAfterClear(mine, mine), null, "nothing typed since the clear: nothing kept");
  assert.equal(keptAfterClear(before, { ...before, framework: "rolfe" }), null, "a framework chosen is not text");
  const proto = JSON.parse('{"v": 2, "page": "p", "framework": "g", "texts": {"__proto__": {"a": "x"}}}');
  assert.deepEqual(Object.keys(keptAfterClear(undefined, proto).texts), ["__proto__"]);
});
