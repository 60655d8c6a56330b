// The course evaluation's state: skipping records nothing, two tabs rating different outcomes
// keep both, the response id written first wins, and it never counts towards progress.
import assert from "node:assert/strict";
import { test } from "node:test";

import { activityKey } from "../../src/selfhelp_course/js/lib/facts.js";
import { courseProgress, pageProgress } from "../../src/selfhelp_course/js/lib/progress.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import * as rules from "../../src/selfhelp_course/js/widgets/evaluation/state.js";
import { twoTabs } from "./helpers.mjs";

const scale = [1, 2, 3, 4, 5].map((value) => ({ value, words: `point ${value}` }));
const WORDS = {
  outcomes: [{ id: "recognise-groups", text: "A" }, { id: "use-evidence", text: "B" }, { id: "act-on-safety", text: "C" }],
  scale, relevance: scale, clarity: scale,
  time: ["less", "about", "more"].map((value) => ({ value, words: value })),
  recommend: ["yes", "maybe", "no"].map((value) => ({ value, words: value })),
  roles: [{ id: "nurse", words: "Nurse" }, { id: "gp", words: "GP" }],
};
const CHOICES = rules.choicesOf(WORDS);
const KEY = activityKey("evaluation", "course");
const ids = (...made) => () => made.shift();
const save = (store, base, state) => store.update(KEY, base, rules.entryValue(state, "book/evaluation"), rules.keepFirstResponseId);

test("a fresh state records nothing, and skipping (no rating) writes no entry", () => {
  const { tabs } = twoTabs();
  const store = openStore({ storage: tabs[0].storage, target: tabs[0].target });
  const state = rules.stateFromEntry(null, CHOICES);
  assert.deepEqual([state.before, state.after, state.feedback, state.responseId], [{}, {}, {}, null]);
  // The view writes only on a change; Skip is no change, so nothing is stored.
  assert.equal(store.read(KEY).status, "empty");
  // A rating out of range, at an unknown stage, is no change either.
  assert.equal(rules.rate(state, "before", "use-evidence", 6), state);
  assert.equal(rules.rate(state, "during", "use-evidence", 3), state);
});

test("stateFromEntry drops unknown outcomes, values out of range, unknown roles and bad ids", () => {
  const clean = rules.stateFromEntry({
    responseId: "NOT-VALID", before: { "use-evidence": 3, "made-up": 4, "act-on-safety": 9 },
    after: { "use-evidence": "5" }, feedback: { relevance: 4, clarity: 0, time: "ages", recommend: "yes" },
    role: "astronaut", change: 42, shareChange: "yes", inStatement: true,
  }, CHOICES);
  assert.deepEqual(clean.before, { "use-evidence": 3 });
  assert.deepEqual(clean.after, {});
  assert.deepEqual(clean.feedback, { relevance: 4, recommend: "yes" });
  assert.equal(clean.responseId, null);
  assert.equal(clean.role, undefined);
  assert.equal(clean.change, "");
  assert.equal(clean.shareChange, false);
  assert.equal(clean.inStatement, true);
});

test("two tabs rating different outcomes: both ratings are kept, before and after alike", () => {
  const { tabs } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  const start = rules.withResponseId(rules.stateFromEntry(null, CHOICES), ids("0123456789abcdef"));
  const first = save(a, undefined, rules.rate(start, "before", "use-evidence", 2)).value;
  // Both tabs have read the entry; each rates a different outcome from it.
  const base = first;
  const stateA = rules.rate(rules.stateFromEntry(base, CHOICES), "after", "use-evidence", 4);
  const stateB = rules.rate(rules.rate(rules.stateFromEntry(base, CHOICES), "after", "act-on-safety", 5), "before", "act-on-safety", 1);
  save(a, base, stateA);
  const merged = save(b, base, stateB).value;
  assert.deepEqual(merged.before, { "use-evidence": 2, "act-on-safety": 1 });
  assert.deepEqual(merged.after, { "use-evidence": 4, "act-on-safety": 5 });
  assert.equal(merged.conflicts, undefined);
});

test("feedback answered in two tabs merges field by field", () => {
  const { tabs } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  const start = rules.withResponseId(rules.stateFromEntry(null, CHOICES), ids("0123456789abcdef"));
  const base = save(a, undefined, start).value;
  save(a, base, rules.answer(rules.stateFromEntry(base, CHOICES), "time", "more"));
  const merged = save(b, base, rules.chooseRole(rules.answer(rules.stateFromEntry(base, CHOICES), "recommend", "maybe"), "gp")).value;
  assert.deepEqual(merged.feedback, { time: "more", recommend: "maybe" });
  assert.equal(merged.role, "gp");
});

test("two tabs that each made a response id: the one written first wins, with no conflict kept", () => {
  const { tabs } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  const empty = rules.stateFromEntry(null, CHOICES);
  // Neither tab had an entry when the learner rated in each.
  const firstId = save(a, undefined, rules.rate(rules.withResponseId(empty, ids("aaaaaaaaaaaaaaaa")), "before", "use-evidence", 3)).value.responseId;
  const written = save(b, undefined, rules.rate(rules.withResponseId(empty, ids("bbbbbbbbbbbbbbbb")), "before", "act-on-safety", 4)).value;
  assert.equal(firstId, "aaaaaaaaaaaaaaaa");
  assert.equal(written.responseId, "aaaaaaaaaaaaaaaa");
  assert.equal(written.conflicts, undefined);
  assert.deepEqual(written.before, { "use-evidence": 3, "act-on-safety": 4 });
  // Once written, a later write from a tab holding another id cannot change it.
  const later = save(b, written, { ...rules.stateFromEntry(written, CHOICES), responseId: "cccccccccccccccc" }).value;
  assert.equal(later.responseId, "aaaaaaaaaaaaaaaa");
  // withResponseId never replaces an id the state already has.
  assert.equal(rules.withResponseId(rules.stateFromEntry(written, CHOICES), ids("dddddddddddddddd")).responseId, "aaaaaaaaaaaaaaaa");
});

test("new words untick sharing: the learner shares only text they have seen", () => {
  let state = rules.writeChange(rules.stateFromEntry(null, CHOICES), "Ask the group first.");
  assert.equal(rules.setShare(state, true).shareChange, true);
  state = rules.setShare(state, true);
  assert.equal(rules.writeChange(state, "Ask the group first.").shareChange, true); // same words
  assert.equal(rules.writeChange(state, "Ask the group first. Then listen.").shareChange, false);
  // Nothing written: nothing to tick.
  assert.equal(rules.setShare(rules.stateFromEntry(null, CHOICES), true).shareChange, false);
  assert.equal(rules.setShare(rules.writeChange(state, "   "), true).shareChange, false);
});

test("the evaluation never counts towards progress, even where a manifest lists it", () => {
  const page = { docname: "book/evaluation", teaching_minutes: 3, activity_minutes: 2,
    activities: [{ kind: "evaluation", id: "course" }] };
  const entries = { [KEY]: { v: 1, before: { "use-evidence": 3 }, complete: false, attempted: true } };
  const progress = pageProgress(page, entries);
  assert.equal(progress.total, 0);
  assert.equal(progress.hasActivities, false);
  const welcome = { docname: "book/welcome", teaching_minutes: 5, activity_minutes: 0,
    activities: [{ kind: "check", id: "c1" }, { kind: "evaluation", id: "course" }] };
  const done = courseProgress({ pages: [welcome] }, { "check:c1": { complete: true } });
  assert.equal(done.complete, true);
  assert.equal(done.activitiesTotal, 1);
});

test("ratedText counts the outcomes rated at a stage", () => {
  const state = rules.rate(rules.rate(rules.stateFromEntry(null, CHOICES), "after", "use-evidence", 3), "before", "act-on-safety", 2);
  assert.equal(rules.ratedText(state, "after", CHOICES.outcomes), "1 of 3 rated");
});
