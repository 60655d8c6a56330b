import { test } from "node:test";
import assert from "node:assert/strict";
import { mountActivity } from "../../src/selfhelp_course/js/lib/mount.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { MemoryStorage, twoTabs } from "./helpers.mjs";

// syncEntry listens to the page (pagehide, visibilitychange) and keeps a save timer.
globalThis.window ??= Object.assign(new EventTarget(), { setTimeout, clearTimeout });
globalThis.document ??= Object.assign(new EventTarget(), { visibilityState: "visible" });

const PREFIX = "selfhelp-course:";

// lib/notice.js's notice without a DOM: what it shows, and why.
function fakeNotice() {
  const notice = {
    reason: null,
    text: "",
    hidden: true,
    show(reason, extra = "") {
      Object.assign(notice, { reason, text: `${reason}${extra ? ` ${extra}` : ""}`, hidden: false });
    },
    clear() {
      Object.assign(notice, { reason: null, text: "", hidden: true });
    },
  };
  return notice;
}

// An activity in one tab: it holds `value` and records what it was asked to show.
function activityIn(tab, key, value, options = {}) {
  const store = openStore({ storage: tab.storage, target: tab.target });
  const widget = { value, shown: [], saves: [] };
  const mounted = mountActivity(store, key, {
    current: () => widget.value,
    show(next, why) {
      widget.shown.push(why);
      widget.value = next;
    },
    saved: (result) => widget.saves.push(result.ok),
    notice: fakeNotice(),
    ...options,
  });
  return Object.assign(widget, { mounted, store, loaded: mounted.load() });
}

test("an unreadable entry is said once loaded, and a later save does not hide it", () => {
  const { tabs } = twoTabs(new MemoryStorage({ [`${PREFIX}check:q`]: "{not json" }));
  const a = activityIn(tabs[0], "check:q", { v: 3, selected: ["a"] });
  assert.equal(a.loaded.status, "corrupt");
  assert.equal(a.mounted.notice.reason, "corrupt");
  a.mounted.entry.save();
  assert.deepEqual(a.saves, [true]);
  assert.equal(a.mounted.notice.reason, "corrupt"); // the learner still needs to know
  a.mounted.dispose();
});

test("a view may let a successful save take any notice away", () => {
  const { tabs } = twoTabs(new MemoryStorage({ [`${PREFIX}evaluation:course`]: "{not json" }));
  const a = activityIn(tabs[0], "evaluation:course", { v: 1 }, { keeps: () => false });
  assert.equal(a.mounted.notice.reason, "corrupt");
  a.mounted.entry.save();
  assert.equal(a.mounted.notice.hidden, true);
  a.mounted.dispose();
});

test("a full browser is said with the view's hint, and the next save that works takes it away", () => {
  const storage = new MemoryStorage();
  const { tabs } = twoTabs(storage);
  const a = activityIn(tabs[0], "reflection:r", { v: 2, texts: {} }, { hints: { full: "Copy your text." } });
  storage.mode = "full";
  a.value = { v: 2, texts: { gibbs: { description: "Words." } } };
  a.mounted.entry.save();
  assert.equal(a.mounted.notice.reason, "full");
  assert.equal(a.mounted.notice.text, "full Copy your text.");
  storage.mode = "ok";
  a.mounted.entry.save();
  assert.equal(a.mounted.notice.hidden, true);
  assert.deepEqual(a.saves, [false, true]);
  a.mounted.dispose();
});

test("an entry the view cannot read is set aside and said like an unreadable one", () => {
  const stored = JSON.stringify({ v: 2, texts: "not an object" });
  const { storage, tabs } = twoTabs(new MemoryStorage({ [`${PREFIX}reflection:r`]: stored }));
  const usable = (value) => typeof value.texts === "object";
  const a = activityIn(tabs[0], "reflection:r", { v: 2, texts: {} }, { usable });
  assert.equal(a.loaded.status, "ok"); // the view still sees what was read
  assert.equal(a.mounted.notice.reason, "corrupt");
  assert.equal(storage.getItem(`${PREFIX}reflection:r`), null);
  assert.ok([...storage.data.values()].includes(stored), "the entry is kept aside, not dropped");
  a.mounted.dispose();
});

test("clearing everything in another tab is said in this one, and the view redraws", () => {
  const { tabs } = twoTabs();
  const a = activityIn(tabs[0], "sorting:s", { v: 2, placements: { 0: "shg" } });
  a.mounted.entry.save();
  const other = openStore({ storage: tabs[1].storage, target: tabs[1].target });
  other.clearAll();
  assert.ok(a.shown.includes("cleared"));
  assert.equal(a.mounted.notice.reason, "cleared");
  a.mounted.dispose();
});

test("repair saves an entry whose derived fields follow an older rule, and only that", () => {
  const derive = (value) => ({ complete: value.score === 3, attempted: value.score > 0 });
  const old = { v: 2, score: 1, complete: true, updated: "2026-01-01T00:00:00Z" };
  const { storage, tabs } = twoTabs(new MemoryStorage({ [`${PREFIX}sorting:s`]: JSON.stringify(old) }));
  const a = activityIn(tabs[0], "sorting:s", { v: 2, score: 1 }, { derive });
  assert.ok(a.mounted.repair(a.loaded).ok);
  assert.equal(JSON.parse(storage.getItem(`${PREFIX}sorting:s`)).complete, false);
  const again = a.mounted.load();
  assert.equal(a.mounted.repair(again), null); // today's rule already: nothing written
  a.mounted.dispose();
});
