// The bridge between the store and an LMS session (src/selfhelp_course/js/lms/bridge/connect.js),
// with the real store over in-memory storage and a stand-in SCORM 2004 API that keeps its data
// model in a map. The whole thing runs against scorm-again in tests/browser/test_scorm_runtime.py.
import assert from "node:assert/strict";
import { test } from "node:test";

import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { leftMessage } from "../../src/selfhelp_course/js/lms/bridge/bar.js";
import { connectCourse } from "../../src/selfhelp_course/js/lms/bridge/connect.js";
import { openSession } from "../../src/selfhelp_course/js/lms/bridge/session.js";
import { decode, encodeNow } from "../../src/selfhelp_course/js/lms/bridge/suspend.js";
import { MemoryStorage, blocked } from "./helpers.mjs";

const P = "selfhelp-course:";
const OPTIONS = ["ask-first", "be-there", "call-later"];
const MANIFEST = {
  pages: [
    { docname: "book/one", teaching_minutes: 5, activity_minutes: 5,
      activities: [{ kind: "check", id: "q1", title: "First?", options: OPTIONS }, { kind: "reflection", id: "r1", title: "Think" }] },
    { docname: "book/two", teaching_minutes: 5, activity_minutes: 5,
      activities: [{ kind: "check", id: "q2", title: "Second?", options: OPTIONS }] },
  ],
};
const SITE = "http://lms.example/pkg/";
const answered = (right, selected = [0]) => ({ v: 2, page: "book/one", selected, checked: true, tries: 1,
  complete: right, attempted: true, updated: "2026-11-30T09:00:00.000Z" });
const REFLECTION = { v: 2, page: "book/one", framework: "gibbs", texts: { gibbs: { d: "Only mine." } },
  complete: true, attempted: true, updated: "2026-11-30T09:00:00.000Z" };

function lms(values = {}) {
  const data = new Map(Object.entries(values));
  const calls = [];
  const api = {
    Initialize: () => "true",
    Terminate: () => (calls.push(["Terminate"]), "true"),
    Commit: () => (calls.push(["Commit"]), "true"),
    GetValue: (name) => {
      if (name === "cmi.interactions._count") {
        return String(new Set([...data.keys()].filter((k) => k.startsWith("cmi.interactions.")).map((k) => k.split(".")[2])).size);
      }
      return data.get(name) ?? "";
    },
    SetValue: (name, value) => (calls.push([name, value]), data.set(name, value), "true"),
    GetLastError: () => "0",
    GetErrorString: () => "",
  };
  const session = openSession({ edition: "2004", api });
  session.start();
  return { data, calls, session };
}

function views() {
  const seen = { shared: [], problems: [], left: [] };
  return { seen, view: { shared: (v) => seen.shared.push(v), problem: (k) => seen.problems.push(k), left: (k) => seen.left.push(k) } };
}

const noTimers = { later: () => 0, cancel: () => {} };

async function connect(storageFn, values = {}) {
  const { data, calls, session } = lms(values);
  const { seen, view } = views();
  const store = openStore({ storage: storageFn, target: new EventTarget() });
  const bridge = await connectCourse({ session, store, manifest: MANIFEST, settings: { passMark: 0.8, start: `${SITE}book/one.html` },
    siteRoot: SITE, view, ...noTimers });
  return { bridge, data, calls, seen, store };
}

test("restores what the LMS saved into this browser's store and reopens the last page", async () => {
  const storage = new MemoryStorage();
  const saved = encodeNow({ v: 1, share: false, entries: { "check:q1": answered(true) }, done: [], sent: {} });
  const { bridge } = await connect(() => storage, { "cmi.suspend_data": saved, "cmi.location": "book/two" });
  assert.equal(JSON.parse(storage.getItem(`${P}check:q1`)).complete, true);
  assert.equal(bridge.firstPage, `${SITE}book/two.html`);
});

test("a location that is not one of the course's pages is ignored", async () => {
  const { bridge } = await connect(() => new MemoryStorage(), { "cmi.location": "../../evil" });
  assert.equal(bridge.firstPage, `${SITE}book/one.html`);
});

test("with storage blocked, what the LMS holds is kept, never replaced by less", async () => {
  const saved = encodeNow({ v: 1, share: true, entries: { "check:q1": answered(true), "reflection:r1": REFLECTION }, done: [], sent: {} });
  const { bridge, data, seen } = await connect(blocked, { "cmi.suspend_data": saved });
  assert.deepEqual(seen.problems, ["unavailable"]);
  await bridge.update();
  bridge.finish();
  const state = (await decode(data.get("cmi.suspend_data"))).value;
  assert.deepEqual(Object.keys(state.entries).sort(), ["check:q1", "reflection:r1"]);
});

test("activities finished on another device still count towards completion", async () => {
  const storage = new MemoryStorage({ [`${P}check:q1`]: JSON.stringify(answered(true)), [`${P}check:q2`]: JSON.stringify(answered(true)) });
  const saved = encodeNow({ v: 1, share: false, entries: {}, done: ["reflection:r1"], sent: {} });
  const { bridge, data } = await connect(() => storage, { "cmi.suspend_data": saved });
  await bridge.update();
  assert.equal(data.get("cmi.completion_status"), "completed");
  // Success comes from the end-of-course assessment only, and this course has none.
  assert.equal(data.has("cmi.success_status"), false);
  assert.deepEqual((await decode(data.get("cmi.suspend_data"))).value.done, ["reflection:r1"]);
});

test("an answer already sent is not sent again; a changed one updates its own record (2004)", async () => {
  const storage = new MemoryStorage({ [`${P}check:q1`]: JSON.stringify(answered(false, [1])) });
  const { bridge, data, calls, store } = await connect(() => storage, {
    "cmi.interactions.0.id": "q0", "cmi.interactions.1.id": "q1" });
  await bridge.update();
  // stored before option ids (index 1): sent as the option's id
  assert.equal(data.get("cmi.interactions.1.learner_response"), "be-there");
  assert.equal(data.get("cmi.interactions.1.result"), "incorrect");
  const before = calls.length;
  await bridge.update();
  assert.equal(calls.slice(before).filter(([name]) => name.startsWith("cmi.interactions.")).length, 0);
  store.update("check:q1", undefined, { ...answered(true, [0]) });
  await bridge.update();
  assert.equal(data.get("cmi.interactions.1.learner_response"), "ask-first");
  assert.equal(data.get("cmi.interactions.1.result"), "correct");
  assert.equal(data.has("cmi.interactions.2.id"), false);
});

test("finish: last state uncompressed when there was no time to compress, then one Terminate", async () => {
  const storage = new MemoryStorage();
  const { bridge, data, calls, store } = await connect(() => storage);
  await bridge.update();
  store.update("check:q2", undefined, answered(true));
  bridge.finish();
  bridge.finish();
  const text = data.get("cmi.suspend_data");
  assert.ok(text.startsWith("j1:"));
  assert.ok((await decode(text)).value.entries["check:q2"]);
  assert.equal(data.get("cmi.exit"), "suspend");
  assert.match(data.get("cmi.session_time"), /^PT\d+H\d+M\d+S$/);
  assert.equal(calls.filter(([name]) => name === "Terminate").length, 1);
});

test("reflections stay out of the suspend data until the learner shares them", async () => {
  const storage = new MemoryStorage({ [`${P}reflection:r1`]: JSON.stringify(REFLECTION) });
  const { bridge, data, seen } = await connect(() => storage);
  await bridge.update();
  assert.ok(!data.get("cmi.suspend_data").includes("Only mine") && !(await decode(data.get("cmi.suspend_data"))).value.entries["reflection:r1"]);
  bridge.setShare(true);
  await bridge.update();
  assert.deepEqual((await decode(data.get("cmi.suspend_data"))).value.entries["reflection:r1"].texts, REFLECTION.texts);
  assert.deepEqual(seen.shared, [false, true]);
});

test("completion, once sent, is not taken back in the same visit", async () => {
  const storage = new MemoryStorage({ [`${P}check:q1`]: JSON.stringify(answered(true)),
    [`${P}check:q2`]: JSON.stringify(answered(true)), [`${P}reflection:r1`]: JSON.stringify(REFLECTION) });
  const { bridge, data, store } = await connect(() => storage);
  await bridge.update();
  assert.equal(data.get("cmi.completion_status"), "completed");
  store.update("check:q2", answered(true), { ...answered(false), checked: false }); // "Try again"
  await bridge.update();
  assert.equal(data.get("cmi.completion_status"), "completed");
});

test("what stays on the device is named for what it is: writing, progress or both", () => {
  assert.equal(leftMessage([]), "");
  assert.equal(leftMessage(["reflection:r1"]),
    "One piece of your writing is more than your learning management system can hold, so it stays on this device only.");
  assert.equal(leftMessage(["reflection:r1", "portfolio"]),
    "2 pieces of your writing are more than your learning management system can hold, so they stay on this device only.");
  assert.equal(leftMessage(["reflection:r1", "check:q1", "sorting:s1"]),
    "One piece of your writing and the progress of 2 activities are more than your learning management system can hold, so they stay on this device only.");
});
