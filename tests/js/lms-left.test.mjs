// lib/lms-left.js: how a launch page tells its framed course page which activities' writing the
// LMS could not hold, and what a reflection then says.
import assert from "node:assert/strict";
import { test } from "node:test";

import { LEFT_MESSAGE, leftKeys, leftText, publishLeft, watchLeft } from "../../src/selfhelp_course/js/lib/lms-left.js";

// A window with listeners, a parent, and (optionally) what a launch page published.
function fakeWindow({ parent = null, left, origin = "https://lms.example" } = {}) {
  const listeners = new Set();
  const win = {
    location: { origin },
    posted: [],
    addEventListener: (type, fn) => type === "message" && listeners.add(fn),
    removeEventListener: (type, fn) => type === "message" && listeners.delete(fn),
    postMessage(data, target) {
      win.posted.push({ data, target });
    },
    hear(event) {
      for (const fn of [...listeners]) fn(event);
    },
    listeners,
  };
  win.parent = parent || win;
  if (left !== undefined) win.courseLmsLeft = left;
  return win;
}

test("a page with no launch page above it holds nothing back", () => {
  assert.deepEqual(leftKeys(fakeWindow()), []);
});

test("a page finds the keys its launch page published, two frames up", () => {
  const launch = fakeWindow({ left: ["reflection:a", 7, "portfolio"] });
  const middle = fakeWindow({ parent: launch });
  assert.deepEqual(leftKeys(fakeWindow({ parent: middle })), ["reflection:a", "portfolio"]);
});

test("a parent of another origin ends the search without an error", () => {
  const foreign = {};
  Object.defineProperty(foreign, "courseLmsLeft", { get() { throw new Error("SecurityError"); } });
  foreign.parent = foreign;
  assert.deepEqual(leftKeys(fakeWindow({ parent: foreign })), []);
});

test("publishing sets the list and posts it to the frame, to the launch page's origin only", () => {
  const launch = fakeWindow();
  const frame = fakeWindow({ parent: launch });
  publishLeft(launch, frame, ["reflection:a"]);
  assert.deepEqual(launch.courseLmsLeft, ["reflection:a"]);
  assert.deepEqual(frame.posted, [{ data: { type: LEFT_MESSAGE, keys: ["reflection:a"] }, target: "https://lms.example" }]);
});

test("publishing to a frame that has gone is not an error", () => {
  const launch = fakeWindow();
  publishLeft(launch, { postMessage() { throw new Error("gone"); } }, ["x"]);
  publishLeft(launch, null, ["y"]);
  assert.deepEqual(launch.courseLmsLeft, ["y"]);
});

test("a watcher hears its own key only, only from its parent, and stops when told", () => {
  const launch = fakeWindow({ left: ["reflection:a"] });
  const page = fakeWindow({ parent: launch });
  const heard = [];
  const stop = watchLeft(page, "reflection:a", (held) => heard.push(held));
  assert.deepEqual(heard, [true]); // what was published before the page opened
  page.hear({ source: launch, data: { type: LEFT_MESSAGE, keys: ["reflection:b"] } });
  page.hear({ source: page, data: { type: LEFT_MESSAGE, keys: ["reflection:a"] } }); // not from the launch page
  page.hear({ source: launch, data: { type: "other", keys: ["reflection:a"] } });
  page.hear({ source: launch, data: null });
  page.hear({ source: launch, data: { type: LEFT_MESSAGE, keys: ["reflection:a"] } });
  assert.deepEqual(heard, [true, false, true]);
  stop();
  assert.equal(page.listeners.size, 0);
});

test("the message names the parts written and any other framework's writing", () => {
  assert.match(leftText(["Description"], false), /your text in \u201cDescription\u201d stays on this device only/);
  assert.match(leftText(["Description", "Feelings", "Analysis"], true),
    /your text in \u201cDescription\u201d, \u201cFeelings\u201d and \u201cAnalysis\u201d, and what you wrote with another framework stays/);
  assert.match(leftText([], true), /so what you wrote with another framework stays/);
  assert.match(leftText([], false), /so your text stays/);
  assert.match(leftText(["A"], false), /^Not in your learning management system: /);
});
