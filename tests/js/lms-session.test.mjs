// The launch page's LMS discovery and session (src/selfhelp_course/js/lms/), with stand-in
// windows and APIs. The real thing runs against scorm-again in tests/browser/test_scorm.py.
import assert from "node:assert/strict";
import { test } from "node:test";

import { findApi, windowsToSearch } from "../../src/selfhelp_course/js/lms/bridge/find-api.js";
import { openSession } from "../../src/selfhelp_course/js/lms/bridge/session.js";

// A window whose parent is `parent` (a top window is its own parent, as in browsers).
function frame(parent = null, own = {}) {
  const win = { ...own, opener: null };
  win.parent = parent || win;
  return win;
}

// A window from another origin: reading anything but parent/opener throws, as browsers do.
function foreign(parent = null) {
  const win = frame(parent);
  return new Proxy(win, {
    get(target, name) {
      if (name === "parent" || name === "opener") return target[name];
      throw new Error("SecurityError: blocked a frame with origin");
    },
  });
}

const api2004 = () => ({ Initialize: () => "true" });
const api12 = () => ({ LMSInitialize: () => "true" });

test("finds the 2004 API on a grandparent frame", () => {
  const api = api2004();
  const top = frame(null, { API_1484_11: api });
  const found = findApi(frame(frame(top)), "2004");
  assert.equal(found.edition, "2004");
  assert.equal(found.api, api);
});

test("climbs past a frame from another origin", () => {
  const api = api12();
  const top = frame(null, { API: api });
  const found = findApi(frame(foreign(top)), "1.2");
  assert.deepEqual(found, { edition: "1.2", api });
});

test("finds the API on the opener of a course opened in a new window", () => {
  const api = api2004();
  const lms = frame(frame(null, { API_1484_11: api }));
  const course = frame();
  course.opener = lms;
  assert.equal(findApi(course, "2004").api, api);
  assert.ok(windowsToSearch(course).includes(lms.parent));
});

test("prefers the package's own edition when an LMS offers both", () => {
  const both = { API: api12(), API_1484_11: api2004() };
  assert.equal(findApi(frame(frame(null, both)), "1.2").edition, "1.2");
  assert.equal(findApi(frame(frame(null, both)), "2004").edition, "2004");
  assert.equal(findApi(frame(frame(null, { API: both.API })), "2004").edition, "1.2");
});

test("nothing that is not an API counts, and no LMS gives null", () => {
  assert.equal(findApi(frame(frame(null, { API: {} })), "1.2"), null);
  assert.equal(findApi(frame(frame()), "2004"), null);
  assert.equal(findApi(frame(foreign()), "2004"), null);
});

// A stand-in LMS that records calls and holds a small data model.
function recordingApi(values = {}, { refuse = false } = {}) {
  const calls = [];
  const data = { ...values };
  return {
    calls,
    data,
    Initialize: (arg) => (calls.push(["Initialize", arg]), refuse ? "false" : "true"),
    Terminate: (arg) => (calls.push(["Terminate", arg]), "true"),
    GetValue: (name) => (calls.push(["GetValue", name]), data[name] ?? ""),
    SetValue: (name, value) => (calls.push(["SetValue", name, value]), (data[name] = value), "true"),
    Commit: () => (calls.push(["Commit"]), "true"),
    GetLastError: () => (refuse ? "103" : "0"),
    GetErrorString: () => "Already initialized",
  };
}

test("a session starts once and finishes once, however often it is asked", () => {
  const api = recordingApi();
  const session = openSession({ edition: "2004", api });
  assert.equal(session.start(), true);
  assert.equal(session.start(), true);
  assert.equal(session.finish(), true);
  assert.equal(session.finish(), false);
  assert.equal(session.set("cmi.location", "x"), false); // nothing after Terminate
  const names = api.calls.map((call) => call[0]);
  assert.deepEqual(names, ["Initialize", "Terminate"]);
});

test("a refused Initialize is reported and nothing more is sent", () => {
  const api = recordingApi({}, { refuse: true });
  const session = openSession({ edition: "2004", api });
  assert.equal(session.start(), false);
  assert.equal(session.finish(), false);
  assert.match(session.problems[0], /error 103/);
  assert.deepEqual(api.calls.map((call) => call[0]), ["Initialize"]);
});

test("SCORM 1.2 calls and element names", () => {
  const calls = [];
  const api = {
    LMSInitialize: () => (calls.push("LMSInitialize"), "true"),
    LMSFinish: () => (calls.push("LMSFinish"), "true"),
    LMSGetValue: () => "not attempted",
    LMSSetValue: (name, value) => (calls.push(`${name}=${value}`), "true"),
    LMSGetLastError: () => "0",
  };
  const session = openSession({ edition: "1.2", api });
  session.start();
  assert.equal(session.get(session.elements.completion), "not attempted");
  session.set(session.elements.location, "book/one");
  session.finish();
  assert.deepEqual(calls, ["LMSInitialize", "cmi.core.lesson_location=book/one", "LMSFinish"]);
  assert.equal(session.elements.location, "cmi.core.lesson_location");
});

test("an API that throws does not break the course", () => {
  const api = { Initialize: () => { throw new Error("LMS gone"); }, GetLastError: () => "0" };
  const session = openSession({ edition: "2004", api });
  assert.equal(session.start(), false);
  assert.match(session.problems[0], /Initialize failed: LMS gone/);
});
