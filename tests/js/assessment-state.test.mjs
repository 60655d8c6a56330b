import { test } from "node:test";
import assert from "node:assert/strict";
import * as s from "../../src/selfhelp_course/js/widgets/assessment/state.js";
import { shuffled } from "../../src/selfhelp_course/js/lib/shuffle.js";
import { learnerSeed, validSeed } from "../../src/selfhelp_course/js/lib/learner.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { activityStatus } from "../../src/selfhelp_course/js/lib/progress.js";
import { MemoryStorage, twoTabs } from "./helpers.mjs";

// Four outcomes, three questions each; option "r" is right in every question, listed first.
const OUTCOMES = ["a", "b", "c", "d"].map((id) => ({ id }));
const BANK = {
  id: "final",
  questions: OUTCOMES.flatMap((o) => [1, 2, 3].map((n) => ({
    id: `${o.id}${n}`, outcome: o.id, page: "book/x", question: `Q ${o.id}${n}`, feedback: "Because.",
    options: [{ id: "r", text: "right", correct: true }, { id: "w1", text: "wrong 1" }, { id: "w2", text: "wrong 2" }, { id: "w3", text: "wrong 3" }],
  }))),
};
const SETTINGS = { draw: 6, attempts: 0 };
const PASS = 0.8;
const derive = s.derive(BANK, PASS);

function started(id = "att1", seed = "seedseedseed1", entry = null, at = "2026-01-01T10:00:00.000Z") {
  return s.startAttempt(entry, BANK, OUTCOMES, SETTINGS, seed, id, at);
}

function answerAll(entry, id, pick) {
  let value = entry;
  for (const q of value.attempts[id].questions) value = s.answer(value, id, q.id, pick(q));
  return value;
}

const withDerived = (value, sides) => ({ ...value, ...derive(value, sides) });

test("shuffled is a permutation, stable for the same seed and salt, different for another", () => {
  const ids = Array.from({ length: 20 }, (_, i) => `o${i}`);
  const one = shuffled(ids, "seed", "x");
  assert.deepEqual([...one].sort(), [...ids].sort());
  assert.deepEqual(shuffled(ids, "seed", "x"), one);
  assert.notDeepEqual(shuffled(ids, "seed", "y"), one);
  assert.notDeepEqual(shuffled(ids, "other", "x"), one);
});

test("shuffled spreads the first item over every position", () => {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 4000; i += 1) counts[shuffled(["r", "a", "b", "c"], `s${i}`, "q").indexOf("r")] += 1;
  for (const count of counts) assert.ok(count > 800 && count < 1200, `positions ${counts}`);
});

test("every draw covers every outcome, has `draw` questions, and shuffles order and options", () => {
  const firsts = new Set();
  for (let i = 0; i < 50; i += 1) {
    const questions = s.drawAttempt(BANK, OUTCOMES, 6, "seedseedseed1", `att${i}`);
    assert.equal(questions.length, 6);
    assert.equal(new Set(questions.map((q) => q.id)).size, 6);
    const outcomes = new Set(questions.map((q) => BANK.questions.find((b) => b.id === q.id).outcome));
    assert.equal(outcomes.size, 4);
    questions.forEach((q) => firsts.add(q.options[0]));
  }
  assert.equal(firsts.size, 4, "the right option is not always shown first");
});

test("no marks until submitted; submitting needs every answer; a submitted attempt never changes", () => {
  let entry = started();
  const first = entry.attempts.att1.questions[0];
  entry = s.answer(entry, "att1", first.id, "r");
  assert.equal(entry.attempts.att1.right, undefined);
  assert.deepEqual(s.submit(entry, BANK, "att1", "t"), entry, "not every question answered");
  entry = answerAll(entry, "att1", () => "r");
  entry = s.submit(entry, BANK, "att1", "2026-01-01T10:20:00.000Z");
  assert.equal(entry.attempts.att1.right, 6);
  assert.deepEqual(s.answer(entry, "att1", first.id, "w1"), entry);
});

test("the score is the best submitted attempt; complete only at the pass mark", () => {
  let entry = started("att1");
  entry = s.submit(answerAll(entry, "att1", () => "w1"), BANK, "att1", "2026-01-01T10:20:00.000Z");
  let value = withDerived(entry);
  assert.equal(value.complete, false);
  assert.equal(value.attempted, true);
  assert.equal(activityStatus(value), "attempted");
  assert.deepEqual(value.best, { attempt: "att1", right: 0, total: 6, scaled: 0, submitted: "2026-01-01T10:20:00.000Z" });
  entry = started("att2", "seedseedseed1", entry, "2026-01-02T10:00:00.000Z");
  let n = 0;
  entry = answerAll(entry, "att2", () => (n++ < 5 ? "r" : "w2")); // 5 of 6: 83 %
  entry = s.submit(entry, BANK, "att2", "2026-01-02T10:20:00.000Z");
  entry = started("att3", "seedseedseed1", entry, "2026-01-03T10:00:00.000Z");
  entry = s.submit(answerAll(entry, "att3", () => "w3"), BANK, "att3", "2026-01-03T10:20:00.000Z");
  value = withDerived(entry);
  assert.equal(value.best.attempt, "att2");
  assert.equal(value.best.right, 5);
  assert.equal(value.complete, true);
  assert.equal(activityStatus(value), "completed");
  assert.equal(s.lastSubmitted(value), "att3");
});

test("an unfinished attempt is the current one; attempts run out when limited", () => {
  let entry = started("att1");
  assert.equal(s.currentAttempt(entry), "att1");
  entry = s.submit(answerAll(entry, "att1", () => "r"), BANK, "att1", "t1");
  assert.equal(s.currentAttempt(entry), null);
  assert.equal(s.attemptsLeft(entry, { attempts: 0 }), Infinity);
  assert.equal(s.attemptsLeft(entry, { attempts: 1 }), 0);
});

test("the review lists each wrong answer with the right one, the feedback and the page", () => {
  let entry = started();
  entry = s.submit(answerAll(entry, "att1", (q) => (q.id.endsWith("1") ? "w1" : "r")), BANK, "att1", "t");
  const result = s.review(BANK, entry.attempts.att1, { "book/x": { title: "Page X", href: "x.html" } }, PASS);
  assert.ok(result.wrong.length >= 1);
  for (const w of result.wrong) {
    assert.deepEqual([w.chosen, w.right, w.feedback, w.page.href], ["wrong 1", "right", "Because.", "x.html"]);
  }
  assert.equal(result.right + result.wrong.length, result.total);
});

test("two tabs: a submitted attempt is kept whole against a stale tab's change", () => {
  let base = started();
  base = answerAll(base, "att1", () => "w1");
  const theirs = withDerived(s.submit(base, BANK, "att1", "t-sub"));
  // The stale tab changes one answer of the same attempt, not knowing it was submitted.
  const q = base.attempts.att1.questions[0].id;
  const mine = s.answer(base, "att1", q, "r");
  const merged = { ...mine, attempts: { att1: { ...theirs.attempts.att1, answers: mine.attempts.att1.answers } } };
  const value = withDerived(merged, { mine, theirs });
  assert.equal(value.attempts.att1.answers[q][0], "w1");
  assert.equal(value.best.right, 0);
});

test("two tabs each starting an attempt keep both, through the store's merge", () => {
  const { tabs } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  const key = "assessment:final";
  const one = started("tab-a");
  const two = started("tab-b", "seedseedseed1", null, "2026-01-01T10:01:00.000Z");
  assert.ok(a.update(key, undefined, one, derive).ok);
  assert.ok(b.update(key, undefined, two, derive).ok);
  const stored = a.read(key).value;
  assert.deepEqual(Object.keys(stored.attempts).sort(), ["tab-a", "tab-b"]);
  assert.equal(stored.conflicts, undefined);
  assert.equal(s.currentAttempt(s.stateFromEntry(stored, BANK)), "tab-b");
});

test("learnerSeed writes one seed once, and a second tab reads the same one", () => {
  const { tabs } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  const seed = learnerSeed(a);
  assert.ok(validSeed(seed));
  assert.equal(learnerSeed(b), seed);
  assert.equal(learnerSeed(a, () => "zzzzzzzzzzzzzz"), seed);
});

test("learnerSeed keeps a seed another tab wrote first", () => {
  const storage = new MemoryStorage();
  const store = openStore({ storage: () => storage, target: new EventTarget() });
  let raced = false;
  const racing = {
    read: (key) => store.read(key),
    update: (key, base, mine, derive) => {
      if (!raced) {
        raced = true;
        store.update(key, undefined, { v: 1, seed: "firstfirstfirst" });
      }
      return store.update(key, base, mine, derive);
    },
  };
  assert.equal(learnerSeed(racing, () => "secondsecondsecond"), "firstfirstfirst");
  assert.equal(store.read("learner").value.conflicts, undefined);
});

test("older submitted attempts keep only their result; the best and the latest keep everything", () => {
  let entry = null;
  const scores = [2, 5, 3, 1, 4]; // the best is the second, the latest the fifth
  scores.forEach((right, i) => {
    const id = `att${i}`;
    entry = started(id, "seedseedseed1", entry, `2026-01-0${i + 1}T10:00:00.000Z`);
    let n = 0;
    entry = answerAll(entry, id, () => (n++ < right ? "r" : "w1"));
    entry = s.submit(entry, BANK, id, `2026-01-0${i + 1}T10:20:00.000Z`);
  });
  const value = withDerived(entry);
  assert.deepEqual(Object.keys(value.attempts).filter((id) => value.attempts[id].questions).sort(), ["att1", "att4"]);
  assert.deepEqual(value.attempts.att0, { started: "2026-01-01T10:00:00.000Z", submitted: "2026-01-01T10:20:00.000Z", right: 2, total: 6 });
  assert.equal(value.best.attempt, "att1");
  assert.equal(s.submittedCount(s.stateFromEntry(value, BANK)), 5);
  assert.equal(s.lastSubmitted(s.stateFromEntry(value, BANK)), "att4");
  // Saved again (another tab, a reload): stable.
  assert.deepEqual(withDerived(s.stateFromEntry(value, BANK)).attempts, value.attempts);
  assert.ok(JSON.stringify(value).length < JSON.stringify(entry).length * 0.7);
});
