// SCORM 1.2's compact suspend data (lms/bridge/compact.js, through suspend.js): nothing lost,
// old formats still read, and a course updated between two visits still finds its activities.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compactState, expandState, keyCode } from "../../src/selfhelp_course/js/lms/bridge/compact.js";
import { decode, encode, encodeCompact, encodeCompactNow, encodeNow, packNow } from "../../src/selfhelp_course/js/lms/bridge/suspend.js";

const MANIFEST = {
  pages: [
    { docname: "book/one", activities: [{ kind: "check", id: "q1" }, { kind: "reflection", id: "r1" }] },
    { docname: "book/two", activities: [{ kind: "check", id: "q2" }, { kind: "scenario", id: "s1" }] },
    { docname: "book/read-me", activities: [] },
  ],
};
const at = (minute) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const ENTRIES = {
  "check:q1": { v: 2, page: "book/one", selected: [0, 2], checked: true, tries: 3, complete: true, attempted: true, updated: at(5), rev: "x", parent: null },
  "check:q2": { v: 2, page: "book/two", selected: [1], checked: true, tries: 1, complete: false, attempted: true, updated: at(9) },
  "scenario:s1": { v: 2, page: "book/two", path: [{ step: "start", choice: 1 }, { step: "talk", choice: 0 }], phase: "consequence",
    endings: { talk: true }, complete: true, attempted: true, updated: at(12) },
  "read:book/read-me": { v: 2, page: "book/read-me", complete: true, attempted: true, updated: at(1) },
  learner: { v: 1, seed: "abc123def456", nation: "wales", updated: at(0) },
  "assessment:final": { v: 1, page: "book/assessment", complete: false, attempted: true, updated: at(30),
    attempts: { a1: { started: at(20), submitted: at(25), right: 1, total: 2,
      questions: [{ id: "qa", options: ["yes", "no", "maybe"] }, { id: "qb", options: ["b2", "b1"] }],
      answers: { qa: ["maybe", "yes"], qb: ["b1"] } },
    a2: { started: at(28), questions: [{ id: "qb", options: ["b1", "b2"] }, { id: "qa", options: ["no", "maybe", "yes"] }], answers: { qb: ["b2"] } } },
    best: { attempt: "a1", right: 1, total: 2, scaled: 0.5, submitted: at(25) } },
  "reflection:r1": { v: 1, page: "book/one", texts: { gibbs: { description: "words: kept whole" } }, complete: true, updated: at(3) },
};
const PAYLOAD = { v: 1, share: true, entries: ENTRIES, done: ["reflection:r9"], sent: { q1: "a,c=right", q2: "a=wrong" } };
const withoutLineage = (entries) => Object.fromEntries(Object.entries(entries).map(([k, { rev, parent, ...rest }]) => [k, rest]));

test("every kind comes back exactly, bar the store's lineage fields", () => {
  const back = expandState(JSON.parse(JSON.stringify(compactState(PAYLOAD, MANIFEST))), MANIFEST);
  assert.deepEqual(back.entries, withoutLineage(ENTRIES));
  assert.deepEqual(back.sent, PAYLOAD.sent);
  assert.deepEqual(back.done, ["reflection:r9"]);
  assert.equal(back.share, true);
});

test("kinds with a codec are written in a few characters; text goes whole", () => {
  const compact = compactState(PAYLOAD, MANIFEST);
  const check = compact.e.find((item) => typeof item === "string" && item.startsWith(keyCode("check:q1")));
  assert.match(check, /^[0-9a-z]{3}\*\.[0-9a-z.]+$/); // the "*": the answer sent is the one held
  assert.ok(check.length <= 16, check);
  assert.deepEqual(compact.g.map(([ref]) => ref), [keyCode("reflection:r1")]);
  assert.deepEqual(compact.t, [[keyCode("check:q2"), "a=wrong"]]); // q2's sent answer differs from its entry
});

test("an entry a codec cannot give back exactly goes whole (conflicts, unknown fields, odd times)", () => {
  const odd = {
    "check:q1": { ...ENTRIES["check:q1"], conflicts: [{ path: ["x"], text: "other" }] },
    "check:q2": { ...ENTRIES["check:q2"], selected: [2, 0] }, // an order the mask would not keep
    "read:book/read-me": { ...ENTRIES["read:book/read-me"], page: "book/elsewhere" },
  };
  const compact = compactState({ ...PAYLOAD, entries: odd, sent: {} }, MANIFEST);
  assert.equal(compact.e.length, 0);
  assert.deepEqual(expandState(compact, MANIFEST).entries, withoutLineage(odd));
});

test("a course updated between visits (pages reordered, an activity added) still finds every entry", () => {
  const compact = JSON.parse(JSON.stringify(compactState(PAYLOAD, MANIFEST)));
  const updated = { pages: [MANIFEST.pages[2], { docname: "book/new", activities: [{ kind: "check", id: "q9" }] }, MANIFEST.pages[1], MANIFEST.pages[0]] };
  assert.deepEqual(expandState(compact, updated).entries, withoutLineage(ENTRIES));
  // An activity the new course no longer has is dropped, nothing else.
  const fewer = { pages: [MANIFEST.pages[0], MANIFEST.pages[2]] };
  const back = expandState(compact, fewer);
  assert.deepEqual(Object.keys(back.entries).sort(), ["assessment:final", "check:q1", "learner", "read:book/read-me", "reflection:r1"]);
});

test("suspend data: the compact forms, and every older form, decode", async () => {
  const compressed = await encodeCompact(PAYLOAD, MANIFEST);
  assert.ok(compressed.startsWith("c1:"));
  assert.deepEqual((await decode(compressed, MANIFEST)).value.entries, withoutLineage(ENTRIES));
  const closing = encodeCompactNow(PAYLOAD, MANIFEST);
  assert.ok(closing.startsWith("k1:"));
  assert.deepEqual((await decode(closing, MANIFEST)).value.sent, PAYLOAD.sent);
  for (const old of [await encode(PAYLOAD), encodeNow(PAYLOAD)]) {
    const back = await decode(old, MANIFEST);
    assert.equal(back.status, "ok");
    assert.deepEqual(back.value.entries, ENTRIES); // the old forms kept everything, lineage too
  }
  assert.equal((await decode("c1:not-base64!", MANIFEST)).status, "corrupt");
  assert.ok(packNow({ entries: ENTRIES, share: true, sent: {} }, 4096, (p) => encodeCompactNow(p, MANIFEST)).startsWith("k1:"));
});

test("the compact form is much smaller than the JSON form", async () => {
  const compact = await encodeCompact(PAYLOAD, MANIFEST);
  const plain = await encode(PAYLOAD);
  assert.ok(compact.length < plain.length * 0.85, `${compact.length} vs ${plain.length}`);
});
