import { test } from "node:test";
import assert from "node:assert/strict";
import * as s from "../../src/selfhelp_course/js/widgets/reflection/state.js";
import { ATTEMPTED, COMPLETED, NOT_STARTED, activityStatus } from "../../src/selfhelp_course/js/lib/progress.js";
import { conflictsIn } from "../../src/selfhelp_course/js/lib/merge.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { MemoryStorage } from "./helpers.mjs";

const FRAMEWORKS = [
  { id: "gibbs", name: "Gibbs", source: "Gibbs (1988)", parts: [{ id: "description", heading: "Description" }, { id: "feelings", heading: "Feelings" }, { id: "action-plan", heading: "Action plan" }] },
  { id: "what", name: "What? So what? Now what?", parts: [{ id: "what", heading: "What?" }, { id: "now-what", heading: "Now what?" }] },
];
const derive = s.derive(FRAMEWORKS);
const written = (framework, texts) => ({ v: 2, page: "book/page", framework, texts });
const plain = (value) => JSON.parse(JSON.stringify(value));

test("cleanTexts keeps text only, framework by framework, and treats any saved key as just a key", () => {
  const raw = JSON.parse('{"gibbs": {"description": "Seen.", "feelings": 3, "x": null, "constructor": "kept"}, "what": "not parts", "list": ["a"], "__proto__": {"toString": "mine"}, "empty": {}}');
  const texts = s.cleanTexts(raw);
  assert.deepEqual(plain(texts), JSON.parse('{"gibbs": {"description": "Seen.", "constructor": "kept"}, "__proto__": {"toString": "mine"}}'));
  assert.equal(Object.getPrototypeOf(texts), null);
  assert.equal(Object.getPrototypeOf(texts.gibbs), null);
  assert.deepEqual(Object.keys(texts), ["gibbs", "__proto__"]);
  assert.equal({}.toString === Object.prototype.toString, true); // nothing leaked onto Object
  for (const bad of [null, undefined, "text", 7, ["gibbs"]]) assert.deepEqual(Object.keys(s.cleanTexts(bad)), []);
});

test("textOf is the part's text, or empty for anything unwritten or unknown", () => {
  const texts = s.cleanTexts({ gibbs: { description: "Seen." } });
  assert.equal(s.textOf(texts, "gibbs", "description"), "Seen.");
  assert.equal(s.textOf(texts, "gibbs", "feelings"), "");
  assert.equal(s.textOf(texts, "what", "what"), "");
  assert.equal(s.textOf(texts, "gibbs", "constructor"), ""); // not an inherited property
  assert.equal(s.textOf(texts, "toString", "length"), "");
});

test("isUsable: an object whose texts, if any, are an object", () => {
  for (const good of [{}, { framework: "gibbs" }, written("gibbs", {}), written("gibbs", { gibbs: { description: 1 } })]) assert.equal(s.isUsable(good), true);
  for (const bad of [null, undefined, "x", [], [written("gibbs", {})], { texts: "words" }, { texts: ["a"] }, { texts: null }]) assert.equal(s.isUsable(bad), false);
});

test("stateFromEntry: the saved framework if it still exists, else the page's, else the first", () => {
  const texts = { gibbs: { description: "Seen." } };
  assert.equal(s.stateFromEntry(written("what", texts), FRAMEWORKS, "gibbs").framework, "what");
  assert.equal(s.stateFromEntry(written("gone", texts), FRAMEWORKS, "what").framework, "what");
  assert.equal(s.stateFromEntry(written("gone", texts), FRAMEWORKS, "also-gone").framework, "gibbs");
  assert.equal(s.stateFromEntry(null, FRAMEWORKS, "what").framework, "what");
  assert.equal(s.stateFromEntry(undefined, FRAMEWORKS).framework, "gibbs");
  // Text written under a framework that no longer exists is still kept.
  const state = s.stateFromEntry(written("gone", { gone: { old: "Keep me." }, ...texts }), FRAMEWORKS, "gibbs");
  assert.deepEqual(plain(state.texts), { gone: { old: "Keep me." }, gibbs: { description: "Seen." } });
});

test("stateFromEntry: the texts cleaned and the conflicts carried, whatever the entry's shape", () => {
  const conflicts = { '["texts","gibbs","description"]': { path: ["texts", "gibbs", "description"], versions: ["Other tab."], at: "2026-01-01T00:00:00.000Z" } };
  const state = s.stateFromEntry({ ...written("gibbs", { gibbs: { description: "This tab.", feelings: false } }), conflicts }, FRAMEWORKS, "gibbs");
  assert.deepEqual(plain(state), { framework: "gibbs", texts: { gibbs: { description: "This tab." } }, conflicts });
  for (const bad of [null, "x", [], { framework: "what", texts: "x", conflicts: ["x"] }]) {
    const from = s.stateFromEntry(bad, FRAMEWORKS, "what");
    assert.deepEqual([from.framework, Object.keys(from.texts), from.conflicts], ["what", [], undefined], JSON.stringify(bad));
  }
});

test("entryValue is a plain v2 object (for JSON and merging) that does not share the state's texts", () => {
  const state = s.stateFromEntry(written("what", { gibbs: { description: "Seen." }, what: { what: "A group." } }), FRAMEWORKS, "gibbs");
  const value = s.entryValue(state, "book/page");
  assert.deepEqual(value, { v: 2, page: "book/page", framework: "what", texts: { gibbs: { description: "Seen." }, what: { what: "A group." } } });
  assert.equal(Object.getPrototypeOf(value.texts), Object.prototype);
  assert.equal(Object.getPrototypeOf(value.texts.gibbs), Object.prototype);
  assert.equal("conflicts" in value, false);
  value.texts.gibbs.description = "Changed.";
  assert.equal(state.texts.gibbs.description, "Seen.");
  const conflicts = { k: { path: ["texts", "what", "what"], versions: ["B."] } };
  assert.deepEqual(s.entryValue({ ...state, conflicts }, "p").conflicts, conflicts);
});

test("what entryValue writes reads back as the same state, odd keys and all", () => {
  const raw = JSON.parse('{"v": 2, "framework": "gibbs", "texts": {"gibbs": {"description": "Seen.", "__proto__": "a part key"}, "__proto__": {"old": "a framework key"}}}');
  const state = s.stateFromEntry(raw, FRAMEWORKS, "gibbs");
  const again = s.stateFromEntry(plain(s.entryValue(state, "book/page")), FRAMEWORKS, "gibbs");
  assert.deepEqual(plain(again), plain(state));
  assert.equal(s.textOf(again.texts, "__proto__", "old"), "a framework key");
});

test("completed means every part of the chosen framework written; attempted, any text at all", () => {
  const all = { description: "Seen.", feelings: "Unsure.", "action-plan": "Ask." };
  assert.deepEqual(derive(written("gibbs", {})), { complete: false, attempted: false });
  assert.deepEqual(derive({}), { complete: false, attempted: false });
  assert.deepEqual(derive(written("gibbs", { gibbs: { description: "Seen." } })), { complete: false, attempted: true });
  assert.deepEqual(derive(written("gibbs", { gibbs: { ...all, feelings: "" } })), { complete: false, attempted: true });
  assert.deepEqual(derive(written("gibbs", { gibbs: all })), { complete: true, attempted: true });
  // Spaces and line breaks are not writing.
  assert.deepEqual(derive(written("gibbs", { gibbs: { description: " \n\t ", feelings: "" } })), { complete: false, attempted: false });
  assert.deepEqual(derive(written("gibbs", { gibbs: { ...all, "action-plan": "  \n" } })), { complete: false, attempted: true });
  // Parts the framework does not have do not make up for ones it has.
  assert.deepEqual(derive(written("what", { what: { what: "A group.", "so-what": "It helps." } })), { complete: false, attempted: true });
  assert.deepEqual(derive(written("what", { what: { what: "A group.", "now-what": "Signpost." } })), { complete: true, attempted: true });
});

test("the framework chosen decides completion; text under another is attempted, and kept", () => {
  const gibbsDone = { gibbs: { description: "Seen.", feelings: "Unsure.", "action-plan": "Ask." } };
  assert.deepEqual(derive(written("gibbs", gibbsDone)), { complete: true, attempted: true });
  // Switched to a framework with nothing written yet: no longer completed, still attempted.
  assert.deepEqual(derive(written("what", gibbsDone)), { complete: false, attempted: true });
  // An unknown framework (removed from the course) is read as the first.
  assert.deepEqual(derive(written("gone", gibbsDone)), { complete: true, attempted: true });
  // Text only under an unknown framework: attempted.
  assert.deepEqual(derive(written("gibbs", { gone: { old: "Kept." } })), { complete: false, attempted: true });
  // Malformed texts are no text.
  assert.deepEqual(derive(written("gibbs", { gibbs: { description: 5, feelings: ["x"] } })), { complete: false, attempted: false });
  assert.deepEqual(derive(written("gibbs", "Seen.")), { complete: false, attempted: false });
});

test("the progress pages read completed and attempted as derive stores them", () => {
  const stored = (value) => ({ ...value, ...derive(value) });
  assert.equal(activityStatus(stored(written("gibbs", {}))), NOT_STARTED);
  assert.equal(activityStatus(stored(written("gibbs", { gibbs: { description: "Seen." } }))), ATTEMPTED);
  assert.equal(activityStatus(stored(written("what", { what: { what: "A.", "now-what": "B." } }))), COMPLETED);
});

test("saved through the store from two tabs: both parts kept, the same part kept twice, derived after merging", () => {
  const storage = new MemoryStorage();
  let t = Date.parse("2026-11-30T10:00:00Z");
  const store = openStore({ storage: () => storage, target: new EventTarget(), now: () => new Date((t += 1000)) });
  const key = "reflection:r";
  const tab = (texts) => s.entryValue(s.stateFromEntry(written("what", texts), FRAMEWORKS, "gibbs"), "book/page");
  // Neither tab has seen the other's save (base: nothing stored).
  assert.equal(store.update(key, undefined, tab({ what: { what: "From A." } }), derive).ok, true);
  let result = store.update(key, undefined, tab({ what: { "now-what": "From B." } }), derive);
  assert.deepEqual(result.value.texts, { what: { what: "From A.", "now-what": "From B." } });
  assert.deepEqual([result.value.complete, result.value.attempted], [true, true]);
  // The same part changed in both: this tab's text in place, the other's kept as a conflict.
  const base = result.value;
  store.update(key, base, tab({ what: { what: "A again.", "now-what": "From B." } }), derive);
  result = store.update(key, base, tab({ what: { what: "B again.", "now-what": "From B." } }), derive);
  assert.equal(result.value.texts.what.what, "B again.");
  const state = s.stateFromEntry(plain(result.value), FRAMEWORKS, "gibbs");
  assert.deepEqual(conflictsIn(s.entryValue(state, "book/page")).map((c) => [c.path, c.current, c.versions]),
    [[["texts", "what", "what"], "B again.", ["A again."]]]);
});

test("wordCount counts words, not spaces or punctuation", () => {
  assert.equal(s.wordCount(""), 0);
  assert.equal(s.wordCount(undefined), 0);
  assert.equal(s.wordCount("  \n\t "), 0);
  assert.equal(s.wordCount("one"), 1);
  assert.equal(s.wordCount("  Hello,   world!\nAgain. "), 3);
  assert.equal(s.wordCount("It's — I think — 3 times."), 5);
  assert.equal(s.words(0), "0 words");
  assert.equal(s.words(1), "1 word");
  assert.equal(s.words(2), "2 words");
});

test("when: the time alone today, the date as well on another day", () => {
  const today = new Date(2026, 2, 3, 20, 30);
  assert.equal(s.when(new Date(2026, 2, 3, 14, 5), today), "at 14:05");
  assert.equal(s.when(new Date(2026, 2, 3, 7, 9), today), "at 07:09");
  assert.equal(s.when(new Date(2026, 2, 2, 23, 59), today), "on 2 March 2026 at 23:59");
  assert.equal(s.when(new Date(2025, 11, 25, 0, 0), today), "on 25 December 2025 at 00:00");
});

test("allText: every part of the chosen framework, then what was written under others", () => {
  const reflection = { id: "r", title: "After the meeting", prompt: "Think about the meeting." };
  const now = new Date(2026, 2, 3, 14, 5);
  const state = s.stateFromEntry(written("gibbs", {
    gibbs: { description: "Seen.\nTwo lines.", feelings: "  ", "action-plan": "Ask." },
    what: { what: "A group.", "now-what": "   " },
    gone: { old: "Kept." },
    blank: { old: "  \n" }, // nothing but spaces: not listed
  }), FRAMEWORKS, "gibbs");
  assert.equal(s.allText({ reflection, frameworks: FRAMEWORKS, state, page: "book/page", now }), [
    "After the meeting", "",
    "Think about the meeting.", "",
    "Framework: Gibbs (Gibbs (1988))", "",
    "Description", "Seen.\nTwo lines.", "",
    "Feelings", "(nothing written yet)", "",
    "Action plan", "Ask.", "",
    "Also written under: What? So what? Now what?", "",
    "What?", "A group.", "",
    "Also written under: gone", "",
    "old", "Kept.", "",
    `Copied from the course page book/page on ${now.toLocaleString("en-GB")}.`,
  ].join("\n"));
  // No title or prompt; a framework without a source; nothing written elsewhere.
  const bare = s.allText({ reflection: { id: "r" }, frameworks: FRAMEWORKS, state: s.stateFromEntry(written("what", {}), FRAMEWORKS), page: "p", now });
  assert.equal(bare.split("\n").slice(0, 9).join("\n"), "Reflection\n\nFramework: What? So what? Now what?\n\nWhat?\n(nothing written yet)\n\nNow what?\n(nothing written yet)");
  assert.equal(bare.includes("Also written under"), false);
});

test("fileName is safe for any reflection id", () => {
  assert.equal(s.fileName("gibbs-after-meeting"), "reflection-gibbs-after-meeting.txt");
  assert.equal(s.fileName("Mixed Case/../x!"), "reflection-mixed-case-x-.txt");
  assert.equal(s.fileName(42), "reflection-42.txt");
});
