import { test } from "node:test";
import assert from "node:assert/strict";
import * as s from "../../src/selfhelp_course/js/widgets/knowledge-check/state.js";
import { ATTEMPTED, COMPLETED, NOT_STARTED, activityStatus } from "../../src/selfhelp_course/js/lib/progress.js";
import { derivedDiffers } from "../../src/selfhelp_course/js/lib/entry.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { MemoryStorage } from "./helpers.mjs";

const option = (text, correct) => ({ id: text.toLowerCase(), text, feedback: `About ${text}.`, ...(correct ? { correct: true } : {}) });
// Option b is the answer.
const SINGLE = { id: "one", kind: "single", question: "Which one?", options: [option("A"), option("B", true), option("C")] };
// Options w and y are the answer: choose all that apply.
const MULTIPLE = {
  id: "many",
  kind: "multiple",
  question: "Which apply? Choose all that apply.",
  options: [option("W", true), option("X"), option("Y", true), option("Z")],
};
const derive = s.derive(SINGLE);
const deriveMany = s.derive(MULTIPLE);
const entry = (selected, checked, tries) => ({ v: 3, page: "book/page", selected, checked, ...(tries === undefined ? {} : { tries }) });
// An entry stored before option ids: indices into the bank's order of the time.
const v2 = (selected, checked, tries) => ({ ...entry(selected, checked, tries), v: 2 });

test("correctOptions lists the ids of the right options", () => {
  assert.deepEqual(s.correctOptions(SINGLE), ["b"]);
  assert.deepEqual(s.correctOptions(MULTIPLE), ["w", "y"]);
  assert.deepEqual(s.correctOptions({ options: [option("A"), { ...option("B"), correct: false }] }), []);
});

test("isRight: one answer is right only when it is the right option", () => {
  assert.equal(s.isRight(SINGLE, ["b"]), true);
  assert.equal(s.isRight(SINGLE, ["a"]), false);
  assert.equal(s.isRight(SINGLE, []), false);
  assert.equal(s.isRight(SINGLE, ["b", "c"]), false);
});

test("choose all that apply: right only with every right option and no wrong one", () => {
  assert.equal(s.isRight(MULTIPLE, ["w", "y"]), true);
  assert.equal(s.isRight(MULTIPLE, ["y", "w"]), true); // the order picked does not matter
  assert.equal(s.isRight(MULTIPLE, ["w"]), false); // one right option missing
  assert.equal(s.isRight(MULTIPLE, ["w", "x", "y"]), false); // one wrong option as well
  assert.equal(s.isRight(MULTIPLE, ["w", "x", "y", "z"]), false); // everything ticked is not right
  assert.equal(s.isRight(MULTIPLE, ["x", "z"]), false);
  assert.equal(s.isRight(MULTIPLE, []), false);
});

test("stateFromEntry: nothing stored, or an entry of the wrong shape, is no answer", () => {
  const none = { selected: [], checked: false, tries: 0 };
  for (const bad of [undefined, null, "B", 7, [1], {}, { selected: "1", checked: true }, { selected: { 0: 1 }, checked: true, tries: 2 }]) {
    assert.deepEqual(s.stateFromEntry(bad, SINGLE), none, JSON.stringify(bad));
  }
});

test("stateFromEntry keeps only this question's options, once each, in bank order", () => {
  const picked = (selected) => s.stateFromEntry(entry(selected, false, 0), MULTIPLE).selected;
  assert.deepEqual(picked(["y", "w", "y", "w"]), ["w", "y"]);
  assert.deepEqual(picked(["q", "", null, "z", NaN, { id: "x" }]), ["z"]); // not this question's, not ids
  assert.deepEqual(picked([]), []);
  // An option taken out of the question since: the stale id is dropped, the rest kept.
  assert.deepEqual(s.stateFromEntry(entry(["b", "gone"], true, 1), SINGLE), { selected: ["b"], checked: true, tries: 1 });
});

test("stateFromEntry: checked needs a selection; tries read, or worked out for v1 entries", () => {
  assert.deepEqual(s.stateFromEntry(entry(["b"], true, 3), SINGLE), { selected: ["b"], checked: true, tries: 3 });
  assert.deepEqual(s.stateFromEntry(entry(["a"], false, 2), SINGLE), { selected: ["a"], checked: false, tries: 2 });
  // v1 entries (before tries were counted): a checked answer was tried once, an unchecked one not yet.
  assert.deepEqual(s.stateFromEntry({ v: 1, page: "p", selected: [1], checked: true, complete: true }, SINGLE), { selected: ["b"], checked: true, tries: 1 });
  assert.deepEqual(s.stateFromEntry({ v: 1, page: "p", selected: [0], checked: false, complete: false }, SINGLE), { selected: ["a"], checked: false, tries: 0 });
  // Checked with nothing (left) selected is not checked.
  assert.equal(s.stateFromEntry(entry([], true, 1), SINGLE).checked, false);
  assert.equal(s.stateFromEntry(entry(["nine"], true, 1), SINGLE).checked, false);
  // Tries that are not a positive whole number are not believed.
  assert.equal(s.stateFromEntry(entry(["b"], false, -2), SINGLE).tries, 0);
  assert.equal(s.stateFromEntry(entry(["b"], false, 1.5), SINGLE).tries, 0);
  assert.equal(s.stateFromEntry(entry(["b"], true, "4"), SINGLE).tries, 1);
  assert.equal(s.stateFromEntry(entry(["b"], true, 0), SINGLE).tries, 1);
});

// The bank SINGLE, reordered since answers were stored by position: it was [c, a, b].
const REORDERED = { ...SINGLE, options: [SINGLE.options[0], SINGLE.options[1], SINGLE.options[2]], order_before_v3: ["c", "a", "b"] };

test("a v2 answer (indices) is migrated to the same option's id, through order_before_v3", () => {
  // Stored as index 2 when the order was [c, a, b]: option b, the right one.
  assert.deepEqual(s.stateFromEntry(v2([2], true, 1), REORDERED), { selected: ["b"], checked: true, tries: 1 });
  assert.deepEqual(s.derive(REORDERED)(v2([2], true, 1)), { complete: true, attempted: true });
  // Index 0 then was c, a wrong answer, though c is last now.
  assert.deepEqual(s.stateFromEntry(v2([0], true, 1), REORDERED).selected, ["c"]);
  assert.deepEqual(s.derive(REORDERED)(v2([0], true, 1)), { complete: false, attempted: true });
  // A bank not reordered: the index is into its order now.
  assert.deepEqual(s.stateFromEntry(v2([1], true, 1), SINGLE).selected, ["b"]);
  // Indices past the old order, negative, or not whole numbers name nothing; the rest are kept.
  assert.deepEqual(s.stateFromEntry(v2([5, -1, 1.5, "2", 0], true, 1), REORDERED).selected, ["c"]);
  // Written back at the next save as ids (v3), and read back as the same answer.
  const written = s.entryValue(s.stateFromEntry(v2([2, 0], false, 2), { ...MULTIPLE, order_before_v3: ["x", "z", "w", "y"] }), "p");
  assert.deepEqual(written, { v: 3, page: "p", selected: ["w", "x"], checked: false, tries: 2 });
  // A merge of an old tab's indices with a new tab's v3: indices are still read as positions.
  assert.deepEqual(s.stateFromEntry({ v: 3, selected: [2], checked: true, tries: 1 }, REORDERED).selected, ["b"]);
});

test("each learner sees their own order, the same on every visit; each question its own", () => {
  const many = { ...MULTIPLE, options: "abcdefgh".split("").map((l) => option(l.toUpperCase())) };
  const ids = s.optionIds(many);
  const first = s.shownOrder(many, "learnerseed0001");
  assert.deepEqual(s.shownOrder(many, "learnerseed0001"), first); // stable
  assert.deepEqual([...first].sort(), ids); // a permutation
  assert.notDeepEqual(s.shownOrder(many, "learnerseed0002"), first); // another learner
  assert.notDeepEqual(s.shownOrder({ ...many, id: "other" }, "learnerseed0001"), first); // another question
});

test("done means done: completed only when the right answer has been checked", () => {
  // Chosen but never checked: neither completed nor attempted, even when it is the right answer.
  assert.deepEqual(derive(entry(["b"], false, 0)), { complete: false, attempted: false });
  assert.deepEqual(derive(entry(["a"], false, 0)), { complete: false, attempted: false });
  // Checked and wrong: attempted, not completed.
  assert.deepEqual(derive(entry(["a"], true, 1)), { complete: false, attempted: true });
  // Checked and right: completed.
  assert.deepEqual(derive(entry(["b"], true, 1)), { complete: true, attempted: true });
  assert.deepEqual(derive(entry(["b"], true, 4)), { complete: true, attempted: true });
  // After "Try again" nothing is selected or checked, but it has been attempted.
  assert.deepEqual(derive(entry([], false, 1)), { complete: false, attempted: true });
  // The right answer chosen again after a wrong try, not yet checked: still only attempted.
  assert.deepEqual(derive(entry(["b"], false, 1)), { complete: false, attempted: true });
  // Nothing stored or of the wrong shape.
  assert.deepEqual(derive({}), { complete: false, attempted: false });
  assert.deepEqual(derive({ selected: "1", checked: true, complete: true }), { complete: false, attempted: false });
});

test("done means done with several right options: part of the answer is only attempted", () => {
  assert.deepEqual(deriveMany(entry(["w"], true, 1)), { complete: false, attempted: true });
  assert.deepEqual(deriveMany(entry(["w", "x", "y"], true, 1)), { complete: false, attempted: true });
  assert.deepEqual(deriveMany(entry(["w", "y"], false, 1)), { complete: false, attempted: true });
  assert.deepEqual(deriveMany(entry(["w", "y"], true, 2)), { complete: true, attempted: true });
  assert.deepEqual(deriveMany(entry(["y", "w", "w"], true, 2)), { complete: true, attempted: true }); // cleaned first
});

test("the progress pages read completed and attempted as derive stores them", () => {
  const stored = (value, rules = derive) => ({ ...value, ...rules(value) });
  assert.equal(activityStatus(stored(entry(["a"], false, 0))), NOT_STARTED);
  assert.equal(activityStatus(stored(entry(["a"], true, 1))), ATTEMPTED);
  assert.equal(activityStatus(stored(entry([], false, 1))), ATTEMPTED);
  assert.equal(activityStatus(stored(entry(["b"], true, 1))), COMPLETED);
  assert.equal(activityStatus(stored(entry(["w"], true, 1), deriveMany)), ATTEMPTED);
  assert.equal(activityStatus(stored(entry(["w", "y"], true, 1), deriveMany)), COMPLETED);
});

test("a stored entry whose completed or attempted differ from the rule is recognised", () => {
  // A v1 entry kept complete and has no attempted; derive adds it.
  assert.equal(derivedDiffers({ v: 1, selected: [1], checked: true, complete: true }, derive), true); // v1: index 1 is b
  // An entry marked complete for a wrong answer (say, the question's answer has changed since).
  assert.equal(derivedDiffers({ ...entry(["a"], true, 1), complete: true, attempted: true }, derive), true);
  assert.equal(derivedDiffers({ ...entry(["b"], true, 1), complete: true, attempted: true }, derive), false);
  assert.equal(derivedDiffers({ ...entry([], false, 2), complete: false, attempted: true }, derive), false);
});

test("entryValue is the v3 entry (option ids) without the derived fields", () => {
  const value = s.entryValue({ selected: ["w", "y"], checked: true, tries: 2 }, "book/page");
  assert.deepEqual(value, { v: 3, page: "book/page", selected: ["w", "y"], checked: true, tries: 2 });
  // What it writes reads back as the same answer.
  assert.deepEqual(s.stateFromEntry(JSON.parse(JSON.stringify(value)), MULTIPLE), { selected: ["w", "y"], checked: true, tries: 2 });
});

test("feedback when right: every option's explanation, each marked right or not", () => {
  const notes = s.feedback(SINGLE, ["b"]);
  assert.deepEqual(notes.map((n) => n.visible), [true, true, true]);
  assert.deepEqual(notes.map((n) => n.correct), [false, true, false]);
  assert.equal(notes[0].text, "Not this one: About A.");
  assert.equal(notes[1].text, "Correct answer: About B.");
  assert.deepEqual(s.feedback(MULTIPLE, ["w", "y"]).map((n) => n.visible), [true, true, true, true]);
});

test("feedback when wrong: only the learner's own choices, so that trying again still means something", () => {
  assert.deepEqual(s.feedback(SINGLE, ["a"]).map((n) => n.visible), [true, false, false]);
  // Half of a multiple answer: the right option chosen is explained (as right), the missing one is not given away.
  const half = s.feedback(MULTIPLE, ["w", "x"]);
  assert.deepEqual(half.map((n) => n.visible), [true, true, false, false]);
  assert.deepEqual(half.map((n) => n.correct), [true, false, true, false]);
  assert.equal(half[0].text, "Correct answer: About W.");
  assert.equal(half[1].text, "Not this one: About X.");
});

test("verdict says right or not quite", () => {
  assert.equal(s.verdict(SINGLE, ["b"]), "Correct. The explanation for each option is shown below it.");
  assert.equal(s.verdict(SINGLE, ["c"]), "Not quite. Read the feedback under your answer, then try again.");
  assert.match(s.verdict(MULTIPLE, ["w"]), /^Not quite\./);
  assert.match(s.verdict(MULTIPLE, ["w", "y"]), /^Correct\./);
});

test("scoreText counts right answers among the checked ones only", () => {
  const checks = [SINGLE, MULTIPLE, SINGLE];
  const answers = [
    { selected: ["b"], checked: true, tries: 1 }, // right
    { selected: ["w", "y"], checked: false, tries: 1 }, // right but not checked
    { selected: ["a"], checked: true, tries: 1 }, // wrong
  ];
  assert.equal(s.scoreText(checks, answers), "Score: 1 of 3 correct (2 of 3 answered).");
  assert.equal(s.scoreText(checks, [answers[0], { ...answers[1], checked: true }, answers[2]]), "Score: 2 of 3 correct (3 of 3 answered).");
  assert.equal(s.scoreText(checks, []), "Score: 0 of 3 correct (0 of 3 answered).");
  assert.equal(s.scoreText(checks, [undefined, null, answers[0]]), "Score: 1 of 3 correct (1 of 3 answered).");
});

test("two tabs: a pick made in one tab never counts as checked because the other tab checked another", () => {
  const storage = new MemoryStorage();
  let t = Date.parse("2026-11-30T10:00:00Z");
  const store = openStore({ storage: () => storage, target: new EventTarget(), now: () => new Date((t += 1000)) });
  const key = "check:q";
  // Both tabs show the question as stored, nothing chosen yet. Tab A checks the right answer;
  // tab B, which has not heard of that, picks the wrong one. Field by field, the merge would
  // keep B's pick and A's "checked": a checked wrong answer nobody checked.
  const base = store.update(key, undefined, entry([], false, 0), derive).value;
  assert.equal(store.update(key, base, entry(["b"], true, 1), derive).value.complete, true);
  const merged = store.update(key, base, entry(["a"], false, 0), derive).value;
  // B's pick is the latest choice, and it has not been checked: not checked, not complete; the
  // try tab A made still counts as an attempt.
  assert.deepEqual([merged.selected, merged.checked, merged.complete, merged.attempted], [["a"], false, false, true]);
  // A check made on exactly the stored pick stays checked through a merge.
  const again = store.update(key, merged, entry(["a"], true, 2), derive).value;
  assert.deepEqual([again.selected, again.checked, again.complete, again.attempted], [["a"], true, false, true]);
});

test("a backup (or LMS state) made before option ids is read, once imported, as the same options", () => {
  const storage = new MemoryStorage();
  const store = openStore({ storage: () => storage, target: new EventTarget() });
  assert.equal(store.replaceAll({ "check:one": JSON.stringify(v2([2], true, 1)) }).ok, true);
  const stored = store.read("check:one").value;
  assert.deepEqual(s.stateFromEntry(stored, REORDERED), { selected: ["b"], checked: true, tries: 1 });
  // The next save writes ids, merged with what is stored: the answer is the same option.
  const saved = store.update("check:one", stored, s.entryValue(s.stateFromEntry(stored, REORDERED), "p"), s.derive(REORDERED)).value;
  assert.deepEqual([saved.v, saved.selected, saved.complete], [3, ["b"], true]);
});
