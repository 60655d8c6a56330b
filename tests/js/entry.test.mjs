// lib/entry.js: one stored entry kept in step with a widget, in two tabs (node, with the
// browser's window and document stood in for by event targets).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { syncEntry } from "../../src/selfhelp_course/js/lib/entry.js";
import { twoTabs } from "./helpers.mjs";

globalThis.window = Object.assign(new EventTarget(), { setTimeout, clearTimeout });
globalThis.document = Object.assign(new EventTarget(), { visibilityState: "visible" });

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
