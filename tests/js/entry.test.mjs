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
