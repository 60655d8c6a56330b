// The open website's data, offered to an LMS learner (lms/bridge/offer.js): described in counts,
// never its text; taken only on "yes"; asked again only when it changes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { WEBSITE, learnerSpace, openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { answerOffer, describe, summarise, websiteOffer } from "../../src/selfhelp_course/js/lms/bridge/offer.js";
import { MemoryStorage } from "./helpers.mjs";

const P = "selfhelp-course:";
const WORDS = "a private thought about the Tuesday group";
const seeded = () => new MemoryStorage({
  [`${P}check:a`]: JSON.stringify({ v: 2, selected: [1], checked: true, complete: true, updated: "2026-12-01T10:00:00Z" }),
  [`${P}check:b`]: JSON.stringify({ v: 2, selected: [0], checked: true, complete: false, updated: "2026-12-02T10:00:00Z" }),
  [`${P}reflection:r`]: JSON.stringify({ v: 1, texts: { gibbs: { description: WORDS } }, complete: true, updated: "2026-12-03T10:00:00Z" }),
  [`${P}read:book/x`]: JSON.stringify({ v: 2, complete: true, updated: "2026-11-30T10:00:00Z" }),
});
const stores = (storage) => [WEBSITE, learnerSpace("7")].map((space) => openStore({ storage: () => storage, target: new EventTarget(), space }));

test("the offer says what the website's data holds, in counts, never its text", () => {
  const summary = summarise(stores(seeded())[0].readAll().entries);
  assert.deepEqual(summary, { entries: 4, completed: 3, checks: 2, writing: 1, latest: "2026-12-03T10:00:00Z" });
  const text = describe(summary);
  assert.match(text, /3 activities and pages completed, 2 knowledge checks answered, 1 piece of writing/);
  assert.match(text, /3 December 2026/);
  assert.ok(!text.includes(WORDS));
});

test("nothing is taken until the learner says yes; then everything comes in, merged", () => {
  const storage = seeded();
  const [website, learner] = stores(storage);
  assert.ok(websiteOffer(website, learner));
  assert.deepEqual(learner.readAll().entries, {});
  assert.equal(answerOffer(website, learner, true).count, 4);
  assert.deepEqual(Object.keys(learner.readAll().entries).sort(), ["check:a", "check:b", "read:book/x", "reflection:r"]);
  assert.equal(Object.keys(website.readAll().entries).length, 4); // the website keeps its own copy
  assert.equal(websiteOffer(website, learner), null); // asked once
});

test("a learner who says no is not asked again, unless the website's data changes", () => {
  const storage = seeded();
  const [website, learner] = stores(storage);
  assert.equal(answerOffer(website, learner, false).count, 0);
  assert.deepEqual(learner.readAll().entries, {});
  assert.equal(websiteOffer(website, learner), null);
  website.update("check:c", undefined, { v: 2, selected: [2], checked: true, complete: true });
  assert.ok(websiteOffer(website, learner));
  // Another learner on the same browser is asked for themselves.
  const other = openStore({ storage: () => storage, target: new EventTarget(), space: learnerSpace("8") });
  assert.ok(websiteOffer(website, other));
});

test("no website data, no offer", () => {
  const [website, learner] = stores(new MemoryStorage());
  assert.equal(websiteOffer(website, learner), null);
});
