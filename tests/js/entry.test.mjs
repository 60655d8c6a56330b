import { test } from "node:test";
import assert from "node:assert/strict";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { derivedDiffers, syncEntry } from "../../src/selfhelp_course/js/lib/entry.js";
import { twoTabs } from "./helpers.mjs";

// syncEntry listens to the page (pagehide, visibilitychange) and keeps a save timer.
globalThis.window ??= Object.assign(new EventTarget(), { setTimeout, clearTimeout });
globalThis.document ??= Object.assign(new EventTarget(), { visibilityState: "visible" });

function widgetIn(tab, key, value) {
  const store = openStore({ storage: tab.storage, target: tab.target });
  const shown = [];
  const widget = { value };
  const entry = syncEntry(store, key, {
    current: () => widget.value,
    show(next, why) {
      shown.push(why);
      widget.value = next;
    },
  });
  entry.load();
  return Object.assign(widget, { entry, shown });
}

test("a save that merges in another tab's change to one nested key redraws the view", () => {
  const { tabs } = twoTabs();
  const a = widgetIn(tabs[0], "sorting:s", { v: 2, placements: {} });
  const b = widgetIn(tabs[1], "sorting:s", { v: 2, placements: {} });
  // Both change before either hears of the other; B saves first, then A (which is dirty).
  b.value = { v: 2, placements: { 1: "led" } };
  a.value = { v: 2, placements: { 2: "svc" } };
  a.entry.changed();
  b.entry.save();
  // A was dirty, so B's write made A save at once, merging.
  assert.deepEqual(a.value.placements, { 1: "led", 2: "svc" });
  assert.ok(a.shown.includes("merged"));
  assert.deepEqual(b.value.placements, { 1: "led", 2: "svc" }); // and B followed A's write
  a.entry.dispose();
  b.entry.dispose();
});

test("a save that changes nothing the widget holds does not redraw it", () => {
  const { tabs } = twoTabs();
  const a = widgetIn(tabs[0], "check:q", { v: 2, selected: [1], checked: true });
  a.entry.save();
  assert.deepEqual(a.shown, []);
  a.entry.dispose();
});

test("derivedDiffers: an entry whose stored complete/attempted are not what derive gives now", () => {
  const derive = (value) => ({ complete: value.score === 3, attempted: value.score > 0 });
  assert.equal(derivedDiffers({ score: 1, complete: true }, derive), true); // an older, looser rule
  assert.equal(derivedDiffers({ score: 1, complete: false }, derive), true); // attempted not recorded
  assert.equal(derivedDiffers({ score: 3, complete: true, attempted: true }, derive), false);
  assert.equal(derivedDiffers(undefined, derive), false);
  assert.equal(derivedDiffers({ score: 1 }, null), false);
});

// A widget in one tab: it holds `value`, and records what syncEntry asked it to show.
function widget(tab, key) {
  const store = openStore({ storage: tab.storage, target: tab.target });
  const shown = [];
  const w = { value: {}, shown };
  w.entry = syncEntry(store, key, {
    current: () => w.value,
    show: (value, why) => {
      shown.push(why);
      w.value = value || {};
    },
  });
  w.entry.load();
  return w;
}

test("a save that merges in another tab's nested field shows the merged value", () => {
  const { tabs } = twoTabs();
  const a = widget(tabs[0], "portfolio");
  const b = widget(tabs[1], "portfolio");
  b.value = { details: { summary: "Nurse" } };
  b.entry.changed(); // typed in b, not saved yet
  a.value = { details: { name: "Alex" } };
  a.entry.save(); // b hears of it while it has unsaved changes, so it saves now, merging
  assert.deepEqual(b.value.details, { name: "Alex", summary: "Nurse" });
  assert.ok(b.shown.includes("merged"), "the widget was told to show what it did not have");
  assert.deepEqual(a.value.details, { name: "Alex", summary: "Nurse" }, "and the other tab followed");
  a.entry.dispose();
  b.entry.dispose();
});

test("a save that changes nothing it did not have is not redrawn", () => {
  const { tabs } = twoTabs();
  const a = widget(tabs[0], "portfolio");
  a.value = { details: { name: "Alex" } };
  a.entry.save();
  assert.deepEqual(a.shown, []);
  a.entry.dispose();
});

// Two tabs whose reads can be a moment old, as browsers' storage copies can be: the second
// tab reads storage as it was before the first tab's write.
function staleTabs() {
  const { storage, tabs } = twoTabs();
  let staleFor = null; // the tab whose next reads return the snapshot
  let snapshot = null;
  const view = (tab) => () => {
    const real = tab.storage();
    return new Proxy(real, {
      get(target, name) {
        if (name === "getItem" && staleFor === tab && snapshot) return (k) => (snapshot.has(k) ? snapshot.get(k) : null);
        const value = Reflect.get(target, name, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };
  return {
    storage,
    tabs: tabs.map((tab) => ({ target: tab.target, storage: view(tab) })),
    stale(tab) {
      snapshot = new Map(storage.data);
      staleFor = tab;
    },
    fresh() {
      staleFor = null;
    },
    raw: tabs,
  };
}

test("a write made from a moment-old copy does not drop another tab's write", () => {
  const setup = staleTabs();
  const [tabA, tabB] = setup.raw;
  const wrap = (i) => ({ target: setup.raw[i].target, storage: setup.tabs[i].storage });
  const a = widget(wrap(0), "portfolio");
  const b = widget(wrap(1), "portfolio");
  setup.stale(tabB); // B's copy of storage is from before A's write
  a.value = { details: { name: "Alex" } };
  a.entry.save();
  b.value = { details: { summary: "Nurse" } };
  b.entry.save(); // merged with the old copy: A's name is not in what B writes
  setup.fresh();
  // A hears B's write (its storage event), sees it missed A's own write, and merges it back.
  tabA.target.dispatchEvent(Object.assign(new Event("storage"), { key: "selfhelp-course:portfolio" }));
  const stored = JSON.parse(setup.storage.getItem("selfhelp-course:portfolio"));
  assert.deepEqual(stored.details, { name: "Alex", summary: "Nurse" });
});

// ------------------------------------------------- issue 21: clear-all races, same-part conflicts
import { MemoryStorage } from "./helpers.mjs";
import { ownTextInPlace } from "../../src/selfhelp_course/js/lib/conflict.js";
import { keptAfterClear } from "../../src/selfhelp_course/js/widgets/reflection/state.js";

const REFLECTION = "reflection:r";
const P = "selfhelp-course:";
const texts = (parts) => ({ v: 2, page: "p", framework: "g", texts: { g: parts } });

// A reflection-like widget: keeps what was typed after a clear elsewhere (keptAfterClear).
function reflectionIn(tab, value = texts({})) {
  const store = openStore({ storage: tab.storage, target: tab.target });
  const w = { value, shown: [] };
  w.entry = syncEntry(store, REFLECTION, {
    current: () => w.value,
    show: (next, why) => {
      w.shown.push(why);
      w.value = next || texts({});
    },
    keep: keptAfterClear,
  });
  w.entry.load();
  w.type = (parts) => {
    const { conflicts } = w.value; // kept, as the widget keeps both versions until the learner chooses
    w.value = { ...texts({ ...w.value.texts.g, ...parts }), ...(conflicts ? { conflicts } : {}) };
    w.entry.changed();
  };
  return w;
}

test("defect 2: a keystroke pending when another tab clears all does not bring the old text back", () => {
  // The browser tells R of the deletion before it tells of the new generation (twoTabs fires
  // each change's storage event at once, as Chromium does change by change).
  const { storage, tabs } = twoTabs();
  const r = reflectionIn(tabs[0]);
  r.type({ a: "Saved long before the clear." });
  r.entry.save();
  r.type({ b: "k" }); // within the save delay
  const p = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  p.clearAll();
  assert.equal(storage.getItem(P + REFLECTION), null, "nothing written back");
  assert.deepEqual(r.value, texts({}), "the key typed before the clear went with it");
  assert.ok(r.shown.includes("cleared"));
  assert.ok(!r.shown.includes("cleared-kept"), "and the message says the activity started again");
  r.type({ b: "New" });
  r.entry.save();
  assert.deepEqual(JSON.parse(storage.getItem(P + REFLECTION)).texts, { g: { b: "New" } });
  r.entry.dispose();
});

test("defect 1: text typed in a tab asleep through a clear-all is kept; the clear sticks", () => {
  const storage = new MemoryStorage();
  const asleep = { target: new EventTarget(), storage: () => storage }; // hears no storage events
  const r = reflectionIn(asleep);
  r.type({ a: "Old text." });
  r.entry.save();
  openStore({ storage: () => storage, target: new EventTarget(), now: () => new Date(Date.now() - 5) }).clearAll();
  r.type({ a: "Old text. Added after.", b: "A new sentence." });
  const result = r.entry.save();
  assert.equal(result.ok, true);
  const stored = JSON.parse(storage.getItem(P + REFLECTION));
  assert.deepEqual(stored.texts, { g: { a: "Added after.", b: "A new sentence." } });
  assert.deepEqual(r.value.texts, stored.texts, "the boxes show what was kept");
  assert.equal(r.shown.at(-1), "cleared-kept");
  // The store now writes under the new generation: the next change saves normally.
  r.type({ b: "A new sentence. Then more." });
  assert.equal(r.entry.save().ok, true);
  r.entry.dispose();
});

test("defect 8: a tab's own text stays in its box when another tab's write makes a same-part conflict", () => {
  const storage = new MemoryStorage();
  const [awake, asleep] = twoTabs(storage).tabs;
  const a = reflectionIn(awake);
  const b = reflectionIn({ target: new EventTarget(), storage: () => storage });
  a.type({ a: "From A." });
  a.entry.save();
  b.type({ a: "From B." });
  b.entry.save(); // merged with A's: B's text in place, A's kept beside it
  assert.equal(b.value.texts.g.a, "From B.");
  // A hears B's write (asleep's store writes through the same storage; tell A as the browser would).
  awake.target.dispatchEvent(Object.assign(new Event("storage"), { key: P + REFLECTION }));
  assert.equal(a.value.texts.g.a, "From A.", "what A typed stays where A typed it");
  assert.deepEqual(Object.values(a.value.conflicts).map((c) => c.versions), [["From B."]]);
  // A types elsewhere and saves: both versions still kept, A's in place.
  a.type({ b: "More." });
  a.entry.save();
  const stored = JSON.parse(storage.getItem(P + REFLECTION));
  assert.equal(stored.texts.g.a, "From A.");
  assert.deepEqual(Object.values(stored.conflicts).map((c) => c.versions), [["From B."]]);
  void asleep;
  a.entry.dispose();
  b.entry.dispose();
});

test("ownTextInPlace: swaps only where this side's text was kept as the other version", () => {
  const stored = { texts: { a: "B", b: "x" }, conflicts: { '["texts","a"]': { path: ["texts", "a"], versions: ["A", "C"], at: "t" } } };
  const shown = ownTextInPlace(stored, { texts: { a: "A", b: "x" } });
  assert.equal(shown.texts.a, "A");
  assert.deepEqual(shown.conflicts['["texts","a"]'].versions, ["C", "B"]);
  assert.equal(stored.texts.a, "B", "the stored value is not changed");
  assert.equal(ownTextInPlace(stored, { texts: { a: "B" } }), stored, "already in place");
  assert.equal(ownTextInPlace(stored, { texts: { a: "typed since" } }), stored, "not one of the versions");
  const none = { texts: { a: "B" } };
  assert.equal(ownTextInPlace(none, { texts: { a: "A" } }), none);
});

test("text typed in a tab asleep through an import is kept beside the backup's, both versions of a part", () => {
  const storage = new MemoryStorage();
  const r = reflectionIn({ target: new EventTarget(), storage: () => storage });
  r.type({ a: "Old text." });
  r.entry.save();
  const backup = JSON.stringify({ v: 2, page: "p", framework: "other", texts: { g: { a: "From the backup." }, other: { x: "Kept." } } });
  openStore({ storage: () => storage, target: new EventTarget(), now: () => new Date(Date.now() - 5) }).replaceAll({ [REFLECTION]: backup });
  r.type({ a: "Old text. Typed since.", b: "New part." });
  assert.equal(r.entry.save().ok, true);
  const stored = JSON.parse(storage.getItem(P + REFLECTION));
  assert.equal(stored.framework, "g", "the framework in use here");
  assert.deepEqual(stored.texts, { g: { a: "Typed since.", b: "New part." }, other: { x: "Kept." } });
  assert.deepEqual(Object.values(stored.conflicts).map((c) => c.versions), [["From the backup."]]);
  assert.equal(r.shown.at(-1), "replaced-kept");
  r.entry.dispose();
});
