// The seeded shuffle (lib/shuffle.js), the learner's seed (lib/learner.js) and reading stored
// answers by option id (lib/options.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { LEARNER_KEY, STORAGE_PREFIX } from "../../src/selfhelp_course/js/lib/facts.js";
import { freshSeed, keepFirstSeed, learnerSeed, seedOf, storedSeed } from "../../src/selfhelp_course/js/lib/learner.js";
import { selectedIds } from "../../src/selfhelp_course/js/lib/options.js";
import { hashString, seededRandom, shuffled } from "../../src/selfhelp_course/js/lib/shuffle.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { MemoryStorage, blocked, twoTabs } from "./helpers.mjs";

const IDS = ["ask-first", "tell-them", "wait", "write"];
const PINNED = ["wait", "write", "tell-them", "ask-first"];

test("shuffled: the same seed and salt give the same order, a permutation of the ids", () => {
  const order = shuffled(IDS, "k3j2h1g0f9e8", "check-one");
  assert.deepEqual(shuffled(IDS, "k3j2h1g0f9e8", "check-one"), order);
  assert.deepEqual([...order].sort(), [...IDS].sort());
  assert.deepEqual(IDS, ["ask-first", "tell-them", "wait", "write"]); // the input is not changed
  assert.deepEqual(shuffled([], "s", "x"), []);
  assert.deepEqual(shuffled(["only"], "s", "x"), ["only"]);
});

test("shuffled: every position is equally likely over many seeds (no option stays first)", () => {
  // 4 options, 8,000 learners: each option lands in each place about 2,000 times.
  const counts = IDS.map(() => IDS.map(() => 0));
  for (let n = 0; n < 8000; n += 1) {
    shuffled(IDS, `learner${n.toString(36)}`, "q").forEach((id, place) => { counts[IDS.indexOf(id)][place] += 1; });
  }
  for (const row of counts) for (const count of row) assert.ok(count > 1800 && count < 2200, JSON.stringify(counts));
  // Each of the 24 orders turns up.
  const seen = new Set();
  for (let n = 0; n < 2000; n += 1) seen.add(shuffled(IDS, `s${n}`, "q").join());
  assert.equal(seen.size, 24);
});

test("the salt gives each question its own order for one learner", () => {
  const orders = new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map((salt) => shuffled(IDS, "oneseed12345", salt).join()));
  assert.ok(orders.size >= 4, [...orders].join(" | "));
});

test("hashString and seededRandom are fixed functions (the same on every device)", () => {
  assert.equal(hashString(""), hashString(""));
  assert.notEqual(hashString("a:b"), hashString("b:a"));
  const a = seededRandom("x");
  const b = seededRandom("x");
  const first = [a(), a(), a()];
  assert.deepEqual([b(), b(), b()], first);
  assert.ok(first.every((n) => n >= 0 && n < 1));
  // Pinned: a change to the generator would reshuffle every learner's options.
  assert.equal(hashString("abc"), 482950588);
  assert.deepEqual(shuffled(IDS, "abcdefghijkl", "safety-messaging-group"), PINNED);
});

const storeOn = (storage, target = new EventTarget()) => openStore({ storage: () => storage, target });
const bytes = (value) => () => new Uint8Array(16).fill(value);

test("freshSeed: 16 base-36 characters from random bytes", () => {
  assert.equal(freshSeed(bytes(0)), "0".repeat(16));
  assert.match(freshSeed(), /^[0-9a-z]{16}$/);
  assert.notEqual(freshSeed(), freshSeed());
});

test("learnerSeed writes a seed once, into the learner entry, and then keeps returning it", () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  const seed = learnerSeed(store, bytes(7));
  assert.equal(seed, "7".repeat(16));
  const entry = JSON.parse(storage.getItem(STORAGE_PREFIX + LEARNER_KEY));
  assert.equal(entry.v, 1);
  assert.equal(entry.seed, seed);
  assert.equal(learnerSeed(store, bytes(9)), seed); // not replaced
  assert.equal(storedSeed(store), seed);
});

test("learnerSeed keeps what else the learner entry holds (nation, profession)", () => {
  const storage = new MemoryStorage({ [STORAGE_PREFIX + LEARNER_KEY]: JSON.stringify({ v: 1, nation: "wales" }) });
  const seed = learnerSeed(storeOn(storage), bytes(3));
  const entry = JSON.parse(storage.getItem(STORAGE_PREFIX + LEARNER_KEY));
  assert.deepEqual([entry.nation, entry.seed], ["wales", seed]);
});

test("a malformed seed is replaced; storage blocked gives a seed for this visit only", () => {
  const storage = new MemoryStorage({ [STORAGE_PREFIX + LEARNER_KEY]: JSON.stringify({ v: 1, seed: "x" }) });
  assert.equal(learnerSeed(storeOn(storage), bytes(5)), "5".repeat(16));
  const none = openStore({ storage: blocked, target: new EventTarget() });
  assert.match(learnerSeed(none), /^[0-9a-z]{16}$/);
  assert.equal(storedSeed(none), null);
});

test("two tabs racing: the seed written first stays, and both tabs read it", () => {
  const { tabs } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  // Tab B read the entry (empty) before tab A wrote its seed, then writes its own from that base.
  const seedA = learnerSeed(a, bytes(1));
  const written = b.update(LEARNER_KEY, undefined, { v: 1, seed: "2".repeat(16) }, keepFirstSeed).value;
  assert.equal(written.seed, seedA);
  assert.equal(written.conflicts, undefined); // a seed is not the learner's text: no conflict kept
  assert.equal(storedSeed(a), seedA);
  assert.equal(storedSeed(b), seedA);
  assert.equal(learnerSeed(b, bytes(2)), seedA);
});

test("seedOf accepts only a seed of the right shape", () => {
  assert.equal(seedOf({ seed: "abcdefghijkl" }), "abcdefghijkl");
  for (const bad of [null, {}, { seed: 5 }, { seed: "short" }, { seed: "HAS-CAPITALS-1" }, { seed: "a".repeat(65) }]) {
    assert.equal(seedOf(bad), null, JSON.stringify(bad));
  }
});

test("selectedIds: ids kept once, in bank order; indices read through the order before v3", () => {
  assert.deepEqual(selectedIds(["write", "ask-first", "write", "nope"], IDS), ["ask-first", "write"]);
  assert.deepEqual(selectedIds([0, 3], IDS), ["ask-first", "write"]); // no order_before_v3: the bank's order
  assert.deepEqual(selectedIds([0, 3], IDS, ["wait", "write", "tell-them", "ask-first"]), ["ask-first", "wait"]);
  assert.deepEqual(selectedIds([4, -1, 0.5, null], IDS), []);
  assert.deepEqual(selectedIds("0", IDS), []);
  assert.deepEqual(selectedIds([1], null), []);
});
