// The learner's nation (lib/nation.js): chosen once, kept in the learner entry with the seed,
// changed or cleared at any time, and followed by every tab.
import assert from "node:assert/strict";
import { test } from "node:test";

import { LEARNER_KEY, STORAGE_PREFIX } from "../../src/selfhelp_course/js/lib/facts.js";
import { learnerSeed, storedSeed } from "../../src/selfhelp_course/js/lib/learner.js";
import {
  EVERYWHERE, NATIONS, choiceNote, chooseNation, nationOf, shows, storedNation,
} from "../../src/selfhelp_course/js/lib/nation.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { MemoryStorage, blocked, twoTabs } from "./helpers.mjs";

const storeOn = (storage, target = new EventTarget()) => openStore({ storage: () => storage, target });
const stored = (storage) => JSON.parse(storage.getItem(STORAGE_PREFIX + LEARNER_KEY));
const bytes = (value) => () => new Uint8Array(16).fill(value);

test("not chosen is the default: no entry, or an entry without a nation", () => {
  const storage = new MemoryStorage();
  assert.equal(storedNation(storeOn(storage)), null);
  learnerSeed(storeOn(storage), bytes(4));
  assert.equal(storedNation(storeOn(storage)), null);
});

test("a choice is stored in the learner entry, then changed, then cleared; the seed is never touched", () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  const seed = learnerSeed(store, bytes(7));
  assert.equal(chooseNation(store, "wales").ok, true);
  assert.equal(stored(storage).nation, "wales");
  assert.equal(storedNation(storeOn(storage)), "wales"); // another page, later
  chooseNation(store, "northern-ireland");
  assert.equal(storedNation(store), "northern-ireland");
  assert.equal(chooseNation(store, null).ok, true);
  assert.equal(storedNation(store), null);
  assert.equal(Object.hasOwn(stored(storage), "nation"), false); // absent, as the contract says
  assert.equal(stored(storage).seed, seed);
  assert.equal(storedSeed(store), seed);
  assert.equal(stored(storage).v, 1);
});

test("a choice made before any seed leaves the seed to be made later, once", () => {
  const storage = new MemoryStorage();
  chooseNation(storeOn(storage), "scotland");
  assert.equal(stored(storage).seed, undefined);
  const seed = learnerSeed(storeOn(storage), bytes(2));
  assert.equal(stored(storage).nation, "scotland");
  assert.equal(stored(storage).seed, seed);
});

test("only the four nations' ids can be chosen; anything else stored reads as not chosen", () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  chooseNation(store, "wales");
  for (const bad of ["Wales", "ireland", "", 3, undefined, "everywhere"]) {
    assert.deepEqual(chooseNation(store, bad), { ok: false, reason: "unknown" }, String(bad));
  }
  assert.equal(storedNation(store), "wales");
  for (const bad of [{ nation: "Wales" }, { nation: 1 }, { nation: ["wales"] }, null, []]) {
    assert.equal(nationOf(bad), null, JSON.stringify(bad));
  }
  assert.deepEqual(NATIONS.map((n) => n.id), ["england", "wales", "scotland", "northern-ireland"]);
});

test("storage blocked: the choice is refused with the store's reason, and reads as not chosen", () => {
  const store = openStore({ storage: blocked, target: new EventTarget() });
  assert.deepEqual(chooseNation(store, "england"), { ok: false, reason: "unavailable" });
  assert.equal(storedNation(store), null);
});

test("two tabs: a stale tab's write merges with the other's choice, and the newest choice wins", () => {
  const { tabs } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  const heard = [];
  b.subscribe((change) => heard.push(change));
  // Tab B read the empty entry, then tab A chose Wales; B now writes its seed from its old base.
  chooseNation(a, "wales");
  assert.deepEqual(heard.at(-1).keys, [LEARNER_KEY]); // B hears of it (the storage event)
  assert.equal(storedNation(b), "wales");
  const seed = b.update(LEARNER_KEY, undefined, { v: 1, seed: "b".repeat(16) }).value.seed;
  assert.equal(storedNation(a), "wales"); // B's stale write did not drop A's choice
  // B, still holding Wales as its base, chooses again after A changed to Scotland: the newest wins,
  // and no conflict is kept beside it (a setting, not the learner's words).
  const base = a.read(LEARNER_KEY).value;
  chooseNation(a, "scotland");
  const written = b.update(LEARNER_KEY, base, { ...base, nation: "england" }, (v) => ({ ...v })).value;
  assert.ok(written.conflicts, "the store alone keeps a conflict for two different choices");
  const chosen = chooseNation(b, "england").value;
  assert.equal(chosen.nation, "england");
  assert.equal(chosen.conflicts, undefined);
  assert.equal(storedNation(a), "england");
  assert.equal(stored(tabs[0].storage()).seed, seed); // the seed survives every write
  // A clears while B's last read still had England: the clear is the newest choice.
  chooseNation(a, null);
  assert.equal(storedNation(b), null);
});

test("shows: with no choice every row; with a choice that nation's and everywhere's", () => {
  for (const nation of NATIONS) assert.equal(shows(nation.id, null), true);
  assert.equal(shows(EVERYWHERE, null), true);
  assert.equal(shows(EVERYWHERE, "wales"), true);
  assert.equal(shows("wales", "wales"), true);
  assert.equal(shows("england", "wales"), false);
  assert.equal(shows("northern-ireland", "scotland"), false);
});

test("choiceNote says which nation is shown and how to see all four", () => {
  assert.match(choiceNote(null), /all four nations/);
  assert.match(choiceNote("northern-ireland"), /Showing Northern Ireland/);
  assert.match(choiceNote("wales"), /"All four nations"/);
});

test("in an LMS the choice goes with progress: SCORM 1.2's compact form brings every choice back, and none", async () => {
  const { compactState, expandState } = await import("../../src/selfhelp_course/js/lms/bridge/compact.js");
  const manifest = { pages: [{ docname: "book/one", activities: [] }] };
  for (const id of [...NATIONS.map((n) => n.id), null]) {
    const storage = new MemoryStorage();
    const store = storeOn(storage);
    learnerSeed(store, bytes(5));
    chooseNation(store, "wales");
    chooseNation(store, id);
    const payload = { v: 1, share: false, entries: { [LEARNER_KEY]: stored(storage) }, done: [], sent: {} };
    const back = expandState(JSON.parse(JSON.stringify(compactState(payload, manifest))), manifest);
    assert.equal(nationOf(back.entries[LEARNER_KEY]), id, String(id));
    assert.equal(back.entries[LEARNER_KEY].seed, "5".repeat(16));
  }
});
