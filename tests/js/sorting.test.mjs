import { test } from "node:test";
import assert from "node:assert/strict";
import * as s from "../../src/selfhelp_course/js/widgets/sorting/state.js";
import { activityStatus } from "../../src/selfhelp_course/js/lib/progress.js";
import { derivedDiffers } from "../../src/selfhelp_course/js/lib/entry.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { MemoryStorage } from "./helpers.mjs";

const EXERCISE = {
  id: "sort",
  categories: [{ id: "shg", label: "Self-help group" }, { id: "led", label: "Professionally led group" }, { id: "svc", label: "Service user group" }],
  items: [
    { text: "A", answer: "shg", explanation: "Members run it." },
    { text: "B", answer: "led", explanation: "A nurse leads it." },
    { text: "C", answer: "svc", explanation: "It advises the service." },
  ],
};
const ALL_RIGHT = { 0: "shg", 1: "led", 2: "svc" };
const derive = s.derive(EXERCISE);

test("cleanPlacements keeps only known items (written as their index) and known kinds", () => {
  const raw = JSON.parse('{"0": "shg", "1": "nope", "2": "svc", "3": "shg", "-1": "shg", "01": "led", "1.0": "led", "x": "shg", "__proto__": "shg"}');
  assert.deepEqual(s.cleanPlacements(raw, EXERCISE), { 0: "shg", 2: "svc" });
  for (const bad of [null, undefined, [], "0:shg", 7]) assert.deepEqual(s.cleanPlacements(bad, EXERCISE), {});
});

test("score, isRight, allRight and placedCount", () => {
  const placements = { 0: "shg", 1: "svc" };
  assert.equal(s.placedCount(placements), 2);
  assert.equal(s.isRight(EXERCISE, placements, 0), true);
  assert.equal(s.isRight(EXERCISE, placements, 1), false);
  assert.equal(s.isRight(EXERCISE, placements, 2), false);
  assert.equal(s.score(EXERCISE, placements), 1);
  assert.equal(s.allRight(EXERCISE, placements), false);
  assert.equal(s.allRight(EXERCISE, ALL_RIGHT), true);
  assert.equal(s.allRight({ ...EXERCISE, items: [] }, {}), false); // nothing to sort is never done
});

test("stateFromEntry reads v1 and v2 entries and the kernel's traits; checked needs a placement", () => {
  assert.deepEqual(s.stateFromEntry(undefined, EXERCISE), { placements: {}, checked: false, tries: 0 });
  assert.deepEqual(s.stateFromEntry({ v: 1, placements: { 0: "shg" }, checked: true, complete: true }, EXERCISE), { placements: { 0: "shg" }, checked: true, tries: 1 });
  assert.deepEqual(s.stateFromEntry({ v: 2, placements: { 0: "shg" }, checked: false, tries: 3 }, EXERCISE), { placements: { 0: "shg" }, checked: false, tries: 3 });
  assert.equal(s.stateFromEntry({ placements: {}, checked: true }, EXERCISE).checked, false);
  assert.equal(s.stateFromEntry({ placements: { 0: "shg" }, checked: "yes" }, EXERCISE).checked, false);
  assert.equal(s.stateFromEntry({ placements: { 0: "shg" }, tries: -2 }, EXERCISE).tries, 0);
  assert.equal(s.stateFromEntry({ placements: { 0: "shg" }, tries: 1.5, checked: true }, EXERCISE).tries, 1);
});

test("done means done: completed only when checked with every description right", () => {
  const checkedAt = (placements, tries = 1) => ({ v: 2, placements, checked: true, tries });
  assert.deepEqual(derive({ v: 2, placements: ALL_RIGHT, checked: false, tries: 0 }), { complete: false, attempted: false });
  assert.deepEqual(derive(checkedAt({ 0: "shg", 1: "led" })), { complete: false, attempted: true }); // one missing
  assert.deepEqual(derive(checkedAt({ 0: "shg", 1: "led", 2: "shg" })), { complete: false, attempted: true }); // one wrong
  assert.deepEqual(derive(checkedAt(ALL_RIGHT)), { complete: true, attempted: true });
  // After "Try again" it is no longer checked, but it has been attempted.
  assert.deepEqual(derive({ v: 2, placements: { 0: "shg" }, checked: false, tries: 1 }), { complete: false, attempted: true });
  // The progress pages read what derive stored.
  assert.equal(activityStatus({ ...checkedAt({ 0: "shg" }), ...derive(checkedAt({ 0: "shg" })) }), "attempted");
  assert.equal(activityStatus({ ...checkedAt(ALL_RIGHT), ...derive(checkedAt(ALL_RIGHT)) }), "completed");
});

test("an entry saved under the old rule (complete with 1 of 3 right) is recognised for re-saving", () => {
  const old = { v: 1, placements: { 0: "shg" }, checked: true, complete: true };
  assert.equal(derivedDiffers(old, derive), true);
  const current = { v: 2, placements: { 0: "shg" }, checked: true, tries: 1, complete: false, attempted: true };
  assert.equal(derivedDiffers(current, derive), false);
  assert.equal(derivedDiffers(null, derive), false);
});

test("entryValue is a plain v2 object that does not share the answer's placements", () => {
  const answer = { placements: { 0: "shg" }, checked: true, tries: 2 };
  const value = s.entryValue(answer, "book/page");
  assert.deepEqual(value, { v: 2, page: "book/page", placements: { 0: "shg" }, checked: true, tries: 2 });
  value.placements[1] = "led";
  assert.deepEqual(answer.placements, { 0: "shg" });
});

test("place, check, keepRight and restart", () => {
  let answer = s.stateFromEntry(undefined, EXERCISE);
  answer = s.place(answer, 0, "shg");
  answer = s.place(answer, 1, "svc");
  answer = s.place(answer, 2, "svc");
  assert.deepEqual(answer.placements, { 0: "shg", 1: "svc", 2: "svc" });
  answer = s.place(answer, 2, "");
  assert.deepEqual(answer.placements, { 0: "shg", 1: "svc" });
  answer = s.check(answer);
  assert.deepEqual([answer.checked, answer.tries], [true, 1]);
  const retried = s.keepRight(EXERCISE, answer);
  assert.deepEqual(retried, { placements: { 0: "shg" }, checked: false, tries: 1 });
  assert.deepEqual(answer.placements, { 0: "shg", 1: "svc" }); // not changed in place
  assert.deepEqual(s.check(retried).tries, 2);
  assert.deepEqual(s.restart(answer), { placements: {}, checked: false, tries: 1 });
});

test("score and progress messages", () => {
  assert.equal(s.scoreMessage(EXERCISE, { 0: "shg", 1: "svc" }),
    "1 of 3 placed correctly. 1 description has no kind chosen yet. Read the explanations, then choose Try again to change the ones that are not right.");
  assert.equal(s.scoreMessage(EXERCISE, { 0: "shg" }).includes("2 descriptions have no kind chosen yet."), true);
  assert.equal(s.scoreMessage(EXERCISE, ALL_RIGHT), "3 of 3 placed correctly. Well done: every description is in the right kind.");
  assert.equal(s.progressMessage(EXERCISE, {}), "");
  assert.equal(s.progressMessage(EXERCISE, { 1: "led" }), "1 of 3 descriptions have a kind chosen.");
  assert.equal(s.keptMessage(EXERCISE, { 0: "shg" }), "Your 1 correct placement is kept. Choose a kind again for the other 2.");
  assert.equal(s.keptMessage(EXERCISE, { 0: "shg", 1: "led" }), "Your 2 correct placements are kept. Choose a kind again for the other 1.");
  assert.equal(s.kindsText(EXERCISE), "The kinds to choose from: Self-help group; Professionally led group; Service user group.");
});

test("notes explain every placement once checked", () => {
  const notes = s.notes(EXERCISE, { 0: "shg", 1: "svc" });
  assert.deepEqual(notes.map((n) => n.state), ["right", "wrong", "missing"]);
  assert.equal(notes[0].text, "Right: Self-help group. Members run it.");
  assert.equal(notes[1].text, "Not quite: you chose Service user group, but the right kind is Professionally led group. A nurse leads it.");
  assert.match(notes[2].text, /^No kind chosen yet/);
  assert.equal(s.labelOf(EXERCISE, "gone"), "gone");
});

test("two tabs: descriptions placed in one tab never count as checked because the other tab checked", () => {
  const storage = new MemoryStorage();
  let t = Date.parse("2026-11-30T10:00:00Z");
  const store = openStore({ storage: () => storage, target: new EventTarget(), now: () => new Date((t += 1000)) });
  const key = "sorting:sort";
  const value = (placements, checked, tries) => ({ v: 2, page: "book/page", placements, checked, tries });
  // Both tabs show the exercise as stored, nothing placed. Tab A places two right and checks;
  // tab B, which has not heard of that, places the third wrongly: field by field, B's placement
  // would meet A's "checked" and count as checked without ever having been.
  const base = store.update(key, undefined, value({}, false, 0), derive).value;
  const first = store.update(key, base, value({ 0: "shg", 1: "led" }, true, 1), derive).value;
  assert.deepEqual([first.checked, first.complete], [true, false]);
  const merged = store.update(key, base, value({ 2: "shg" }, false, 0), derive).value;
  assert.deepEqual(merged.placements, { 0: "shg", 1: "led", 2: "shg" }); // both tabs' placements kept
  assert.deepEqual([merged.checked, merged.complete, merged.attempted], [false, false, true]);
});
