import { test } from "node:test";
import assert from "node:assert/strict";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { MemoryStorage, blocked, twoTabs } from "./helpers.mjs";

const P = "selfhelp-course:";
const clock = () => {
  let t = Date.parse("2026-11-30T10:00:00Z");
  return () => new Date((t += 1000));
};
const single = (storage = new MemoryStorage()) => ({ storage, store: openStore({ storage: () => storage, target: new EventTarget(), now: clock() }) });

test("read: ok, empty, blocked", () => {
  const { store } = single(new MemoryStorage({ [`${P}check:a`]: '{"v":2,"complete":true}' }));
  assert.deepEqual(store.read("check:a"), { status: "ok", value: { v: 2, complete: true } });
  assert.deepEqual(store.read("check:b"), { status: "empty" });
  const off = openStore({ storage: blocked, target: new EventTarget() });
  assert.deepEqual(off.read("check:a"), { status: "unavailable" });
  assert.deepEqual(off.update("check:a", undefined, { a: 1 }), { ok: false, reason: "unavailable" });
  assert.equal(off.available(), false);
  assert.equal(store.available(), true);
});

test("an unreadable entry is set aside once, never overwritten, and listed", () => {
  const { storage, store } = single(new MemoryStorage({ [`${P}reflection:r`]: "{not json", [`${P}check:x`]: "[1,2]" }));
  const first = store.read("reflection:r");
  assert.equal(first.status, "corrupt");
  assert.equal(storage.getItem(`${P}reflection:r`), null);
  assert.equal(storage.getItem(`${P}${first.setAside}`), "{not json");
  // Once: the entry is gone, but while the page is open readers still learn it was set aside.
  assert.deepEqual(store.read("reflection:r"), { status: "corrupt", setAside: first.setAside });
  const later = openStore({ storage: () => storage, target: new EventTarget() }); // another page view
  assert.deepEqual(later.read("reflection:r"), { status: "empty" });
  const all = store.readAll();
  assert.deepEqual(all.entries, {});
  assert.deepEqual(all.setAside.map((s) => s.from).sort(), ["check:x", "reflection:r"]);
  assert.equal([...storage.data.keys()].filter((k) => k.includes(":unreadable:")).length, 2);
  // When: the time in the key it was set aside under, whether set aside now or earlier.
  for (const item of all.setAside) assert.equal(item.when, Number(item.key.split(":unreadable:")[1]));
  assert.ok(all.setAside.every((item) => item.when >= Date.parse("2026-11-30T10:00:00Z")));
});

test("update merges with what another tab saved since this tab read", () => {
  const { tabs } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target, now: clock() });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target, now: clock() });
  const baseA = a.read("reflection:r").value; // both open the page: nothing saved yet
  const baseB = b.read("reflection:r").value;
  const savedA = a.update("reflection:r", baseA, { texts: { gibbs: { description: "part 1" } } });
  assert.ok(savedA.ok);
  const savedB = b.update("reflection:r", baseB, { texts: { gibbs: { feelings: "part 2" } } });
  assert.deepEqual(savedB.value.texts, { gibbs: { description: "part 1", feelings: "part 2" } });
  assert.deepEqual(a.read("reflection:r").value.texts, savedB.value.texts); // "reload A": nothing lost
});

test("derive adds fields worked out from the merged data", () => {
  const { store } = single();
  const result = store.update("check:a", undefined, { selected: [1] }, (v) => ({ attempted: true, complete: v.selected[0] === 1 }));
  assert.equal(result.value.complete, true);
  assert.equal(typeof result.value.updated, "string");
});

test("a full or blocked storage is a reason, not an exception", () => {
  const full = new MemoryStorage({}, "full");
  const { store } = single(full);
  assert.deepEqual(store.update("check:a", undefined, { a: 1 }), { ok: false, reason: "full" });
});

test("clear all cannot be undone by a stale tab (the issue's second reproduction)", () => {
  const { tabs, storage } = twoTabs();
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target, now: clock() });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target, now: clock() });
  const saved = b.update("reflection:r", undefined, { texts: { gibbs: { description: "old reflection" } } });
  // Tab B does not listen (a frozen tab): its next write must still be refused.
  assert.deepEqual(a.clearAll(), { ok: true, count: 1 });
  const stale = b.update("reflection:r", saved.value, { texts: { gibbs: { description: "old reflection!" } } });
  assert.deepEqual(stale, { ok: false, reason: "cleared", at: Date.parse(JSON.parse(storage.getItem(`${P}meta`)).at) });
  assert.equal(storage.getItem(`${P}reflection:r`), null);
  // Having learnt of the clear, B may write new work.
  assert.ok(b.update("reflection:r", undefined, { texts: { gibbs: { description: "new" } } }).ok);
});

test("issue 21: a write from an entry deleted since is refused, even before the new generation is seen", () => {
  // The browser may tell a tab that the entry was deleted before it tells of the new generation.
  const storage = new MemoryStorage();
  const b = openStore({ storage: () => storage, target: new EventTarget(), now: clock() });
  const saved = b.update("reflection:r", undefined, { texts: { g: { a: "old reflection" } } });
  storage.removeItem(`${P}reflection:r`); // the clear's first step, its generation not yet written
  const refused = b.update("reflection:r", saved.value, { texts: { g: { a: "old reflection", b: "k" } } });
  assert.equal(refused.ok, false);
  assert.equal(refused.reason, "cleared");
  assert.equal(storage.getItem(`${P}reflection:r`), null, "nothing old written back");
  assert.ok(b.update("reflection:r", undefined, { texts: { g: { b: "new" } } }).ok, "new work, from nothing, is written");
});

test("replacing from a backup is atomic and stale tabs learn of it", () => {
  const { tabs, storage } = twoTabs(new MemoryStorage({ [`${P}check:a`]: '{"v":2}' }));
  const a = openStore({ storage: tabs[0].storage, target: tabs[0].target, now: clock() });
  const b = openStore({ storage: tabs[1].storage, target: tabs[1].target, now: clock() });
  const heard = [];
  b.subscribe((change) => heard.push(change));
  assert.deepEqual(a.replaceAll({ "check:z": '{"v":2,"complete":true}' }), { ok: true });
  assert.equal(storage.getItem(`${P}check:a`), null);
  assert.equal(storage.getItem(`${P}check:z`), '{"v":2,"complete":true}');
  assert.ok(heard.some((c) => c.keys === null && c.reason === "replaced"));
  assert.ok(b.update("check:z", undefined, { selected: [0] }).ok, "b follows the new generation once told");
});

test("a failed replace puts back exactly what was there", () => {
  const storage = new MemoryStorage({ [`${P}check:a`]: '{"v":2}' });
  const store = openStore({ storage: () => storage, target: new EventTarget() });
  storage.limit = storage.size() + 40; // room for the old entries, not for the backup's
  assert.deepEqual(store.replaceAll({ "check:z": "x".repeat(100) }), { ok: false, reason: "full" });
  assert.equal(storage.getItem(`${P}check:z`), null);
  assert.equal(storage.getItem(`${P}check:a`), '{"v":2}');
  // Refused part-way through: what the backup had written so far goes too.
  storage.limit = Infinity;
  const refuse = storage.setItem.bind(storage);
  storage.setItem = (key, value) => (key === `${P}reflection:b` ? (() => { throw new DOMException("full", "QuotaExceededError"); })() : refuse(key, value));
  assert.deepEqual(store.replaceAll({ "check:new": "{}", "reflection:b": "{}" }), { ok: false, reason: "full" });
  assert.deepEqual([...storage.data.keys()], [`${P}check:a`]);
});

test("subscribers hear this tab's other stores and other tabs, and know their own writes", () => {
  const { tabs } = twoTabs();
  const target = tabs[0].target;
  const widget = openStore({ storage: tabs[0].storage, target });
  const box = openStore({ storage: tabs[0].storage, target });
  const other = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  const heardByBox = [];
  const heardByWidget = [];
  box.subscribe((c) => heardByBox.push(c));
  widget.subscribe((c) => heardByWidget.push(c));
  widget.update("check:a", undefined, { selected: [0] });
  other.update("check:b", undefined, { selected: [1] });
  assert.deepEqual(heardByBox, [
    { keys: ["check:a"], reason: null, external: true },
    { keys: ["check:b"], reason: null, external: true },
  ]);
  assert.deepEqual(heardByWidget[0], { keys: ["check:a"], reason: null, external: false });
});

test("adopt: an entry from elsewhere is taken, merged with what is stored", () => {
  const { store } = single(new MemoryStorage({ [`${P}reflection:r`]: JSON.stringify({ updated: "2026-01-01T00:00:00Z", texts: { g: { a: "device" } } }) }));
  const result = store.adopt("reflection:r", { updated: "2026-03-01T00:00:00Z", texts: { g: { a: "lms", b: "new part" } } });
  assert.ok(result.ok);
  assert.deepEqual(result.value.texts, { g: { a: "lms", b: "new part" } });
  assert.deepEqual(result.value.conflicts['["texts","g","a"]'].versions, ["device"]);
  assert.ok(store.adopt("check:new", { selected: [1], complete: true }).ok);
  assert.deepEqual(store.read("check:new").value, { selected: [1], complete: true });
});

test("an entry of the wrong shape can be put aside by the widget that cannot use it", () => {
  const { storage, store } = single(new MemoryStorage({ [`${P}reflection:r`]: '{"texts":5}' }));
  const aside = store.putAside("reflection:r");
  assert.equal(storage.getItem(`${P}${aside}`), '{"texts":5}');
  assert.equal(store.read("reflection:r").status, "corrupt");
  assert.equal(store.putAside("reflection:none"), null);
});

test("snapshot: every course key's text exactly as stored, set-aside entries too, not the generation", () => {
  const raw = '{"v":2,  "texts":{"g":{"a":"spaced  as typed"}}}';
  const storage = new MemoryStorage({ [`${P}reflection:r`]: raw, [`${P}check:x`]: "{not json", "other-app:k": "not ours" });
  const { store } = single(storage);
  store.read("check:x"); // set aside
  store.update("check:y", undefined, { selected: [1] });
  storage.setItem(`${P}meta`, '{"generation":3}');
  const { status, items } = store.snapshot();
  assert.equal(status, "ok");
  assert.equal(items["reflection:r"], raw);
  const aside = Object.keys(items).find((k) => k.startsWith("check:x:unreadable:"));
  assert.equal(items[aside], "{not json");
  assert.ok("check:y" in items && !("meta" in items) && !("other-app:k" in items));
  assert.deepEqual(openStore({ storage: blocked, target: new EventTarget() }).snapshot(), { status: "unavailable", items: {} });
});

// ------------------------------------------------------------------ learner spaces (issue 19)
import { currentSpace, finishSharedComputer, learnerSpace, setSharedComputer, sharedComputer, WEBSITE } from "../../src/selfhelp_course/js/lib/store.js";

const inSpace = (storage, space, target = new EventTarget()) => openStore({ storage: () => storage, target, space, now: clock() });

test("two LMS learners and the open website on one browser never see each other's entries", () => {
  const storage = new MemoryStorage({ [`${P}check:web`]: '{"v":2,"complete":true}' });
  const one = inSpace(storage, learnerSpace("1"));
  const two = inSpace(storage, learnerSpace("2"));
  const website = inSpace(storage, WEBSITE);
  // Learner ids that would run into each other if not encoded: "1" and "1:check".
  const tricky = inSpace(storage, learnerSpace("1:check"));
  assert.equal(one.update("check:a", undefined, { v: 2, selected: [1], complete: true }).ok, true);
  assert.equal(one.update("reflection:r", undefined, { v: 1, texts: { gibbs: { d: "learner one's words" } } }).ok, true);
  assert.equal(tricky.update("x", undefined, { v: 1 }).ok, true);
  assert.deepEqual(Object.keys(one.readAll().entries).sort(), ["check:a", "reflection:r"]);
  assert.deepEqual(two.readAll().entries, {});
  assert.deepEqual(two.read("check:a"), { status: "empty" });
  assert.deepEqual(Object.keys(website.readAll().entries), ["check:web"]);
  assert.deepEqual(Object.keys(website.snapshot().items), ["check:web"]);
  assert.deepEqual(Object.keys(tricky.readAll().entries), ["x"]);
  assert.equal(one.read("check:web").status, "empty");
  // Clearing one space leaves the others exactly as they were.
  website.clearAll();
  two.clearAll();
  assert.deepEqual(Object.keys(one.readAll().entries).sort(), ["check:a", "reflection:r"]);
  one.clearAll();
  assert.deepEqual(Object.keys(tricky.readAll().entries), ["x"]);
  assert.equal(one.where(), "lms");
  assert.equal(website.where(), "website");
});

test("a store hears only its own space's changes from other tabs", () => {
  const { storage, tabs } = twoTabs();
  const heard = [];
  const two = openStore({ storage: tabs[1].storage, target: tabs[1].target, space: learnerSpace("2") });
  two.subscribe((change) => heard.push(change));
  const one = openStore({ storage: tabs[0].storage, target: tabs[0].target, space: learnerSpace("1") });
  one.update("check:a", undefined, { v: 2 });
  one.setNote("offer", { decided: "declined" });
  openStore({ storage: tabs[0].storage, target: tabs[0].target }).update("check:b", undefined, { v: 2 });
  assert.deepEqual(heard, []);
  openStore({ storage: tabs[0].storage, target: tabs[0].target, space: learnerSpace("2") }).update("check:c", undefined, { v: 2 });
  assert.deepEqual(heard.map((c) => c.keys), [["check:c"]]);
  assert.ok([...storage.data.keys()].some((k) => k.startsWith(`${P}@lms:1:`)));
});

test("notes are kept per space and never listed as entries", () => {
  const storage = new MemoryStorage();
  const one = inSpace(storage, learnerSpace("1"));
  assert.equal(one.note("offer"), null);
  assert.equal(one.setNote("offer", { decided: "brought", seen: "x" }), true);
  assert.deepEqual(one.note("offer"), { decided: "brought", seen: "x" });
  assert.equal(inSpace(storage, learnerSpace("2")).note("offer"), null);
  assert.deepEqual(one.readAll().entries, {});
  assert.deepEqual(one.snapshot().items, {});
});

test("a page finds the learner space its launch page declared, through same-origin frames only", () => {
  const space = learnerSpace("student 7");
  assert.equal(space.prefix, `${P}@lms:student%207:`);
  const launch = { courseLearnerSpace: space };
  launch.parent = launch;
  const frame = { parent: launch, sessionStorage: new MemoryStorage() };
  assert.equal(currentSpace(frame).prefix, space.prefix);
  assert.equal(currentSpace(frame).kind, "lms");
  // A parent of another origin throws on access: the page keeps the website's space.
  const foreign = new Proxy({}, { get() { throw new DOMException("cross-origin", "SecurityError"); } });
  assert.equal(currentSpace({ parent: foreign, sessionStorage: new MemoryStorage() }), WEBSITE);
  // A forged space that is not under the course's space mark is ignored.
  const forged = { courseLearnerSpace: { prefix: P, area: "local" } };
  forged.parent = forged;
  assert.equal(currentSpace({ parent: forged, sessionStorage: new MemoryStorage() }), WEBSITE);
  // No learner id from the LMS: kept for this tab only, shared with no one.
  assert.equal(learnerSpace("").area, "session");
  assert.notEqual(learnerSpace("").prefix, learnerSpace("anonymous").prefix);
});

test("shared-computer mode moves the work into the session, leaves nothing in localStorage, and finishing clears it", () => {
  const local = new MemoryStorage({ [`${P}check:a`]: '{"v":2,"complete":true}', [`${P}@lms:1:check:z`]: '{"v":2}' });
  const session = new MemoryStorage();
  const win = Object.assign(new EventTarget(), { localStorage: local, sessionStorage: session });
  assert.equal(currentSpace(win), WEBSITE);
  assert.deepEqual(setSharedComputer(true, win), { ok: true, count: 1 });
  assert.equal(sharedComputer(win), true);
  assert.equal(currentSpace(win).kind, "shared");
  // Only the bookkeeping generation (a number) and the LMS learner's own space stay in localStorage.
  assert.deepEqual([...local.data.keys()].sort(), [`${P}@lms:1:check:z`, `${P}meta`]);
  const shared = openStore({ storage: () => session, target: win, space: currentSpace(win) });
  assert.deepEqual(Object.keys(shared.readAll().entries), ["check:a"]);
  shared.update("reflection:r", undefined, { v: 1, texts: { t: "words" } });
  assert.deepEqual(finishSharedComputer(win), { ok: true, count: 2 });
  assert.equal(session.data.size, 0);
  assert.equal(sharedComputer(win), false);
  // Off again, the work goes back to localStorage.
  setSharedComputer(true, win);
  openStore({ storage: () => session, target: win, space: currentSpace(win) }).update("check:b", undefined, { v: 2 });
  assert.deepEqual(setSharedComputer(false, win), { ok: true, count: 1 });
  assert.equal(session.data.size, 0);
  assert.deepEqual(Object.keys(openStore({ storage: () => local, target: win }).readAll().entries), ["check:b"]);
});

test("an LMS learner leaving a shared computer removes their whole space, and only theirs", () => {
  const storage = new MemoryStorage({ [`${P}check:web`]: "{}" });
  const one = inSpace(storage, learnerSpace("1"));
  const two = inSpace(storage, learnerSpace("2"));
  one.update("check:a", undefined, { v: 2 });
  one.setNote("offer", { decided: "left" });
  one.clearAll(); // leaves its generation behind...
  one.update("check:a", undefined, { v: 2 });
  two.update("check:a", undefined, { v: 2 });
  assert.equal(one.forgetSpace().ok, true); // ...forgetting does not
  assert.deepEqual([...storage.data.keys()].filter((k) => k.includes("@lms:1:")), []);
  assert.deepEqual(Object.keys(two.readAll().entries), ["check:a"]);
  assert.equal(storage.getItem(`${P}check:web`), "{}");
  assert.equal(inSpace(storage, WEBSITE).forgetSpace().ok, false); // never the website's
  assert.equal(storage.getItem(`${P}check:web`), "{}");
});

test("a snapshot leaves out a key another tab removed between listing and reading it", () => {
  // Browsers do not lock storage across tabs: key(i) can name an entry that getItem no longer finds.
  const storage = new MemoryStorage({ [`${P}check:a`]: '{"v":2}', [`${P}check:gone`]: '{"v":2}' });
  const read = storage.getItem.bind(storage);
  storage.getItem = (key) => (key === `${P}check:gone` ? null : read(key));
  const { store } = single(storage);
  const { status, items } = store.snapshot();
  assert.equal(status, "ok");
  assert.deepEqual(items, { "check:a": '{"v":2}' }, "no key with null, which a backup would write as the text \"null\"");
});
