import { test } from "node:test";
import assert from "node:assert/strict";
import { activityStatus, courseProgress, findPage, pageProgress } from "../../src/selfhelp_course/js/lib/progress.js";

const CHECK = { kind: "check", id: "q1", title: "Question one" };
const SORT = { kind: "sorting", id: "s1", title: "Sort the groups" };
const REFL = { kind: "reflection", id: "r1", title: "Your reflection" };
const PAGE_A = { docname: "book/a", title: "Page A", teaching_minutes: 20, activity_minutes: 25, activities: [CHECK, SORT, REFL] };
const PAGE_B = { docname: "book/b", title: "Page B", teaching_minutes: 10, activity_minutes: 0, activities: [] };
const PAGE_C = { docname: "book/c", title: "Page C", teaching_minutes: 15, activity_minutes: 35, activities: [{ kind: "explorer", id: "wellbeing", title: "Explorer" }] };
const REFERENCE = { docname: "book/glossary", title: "Glossary", teaching_minutes: 0, activity_minutes: 0, activities: [] };
const MANIFEST = { pages: [PAGE_A, PAGE_B, PAGE_C, REFERENCE] };
const DONE = { v: 2, complete: true, attempted: true };
const TRIED = { v: 2, complete: false, attempted: true };

test("one rule for every activity: completed, attempted, not started", () => {
  assert.equal(activityStatus(undefined), "not started");
  assert.equal(activityStatus(DONE), "completed");
  assert.equal(activityStatus(TRIED), "attempted");
  assert.equal(activityStatus({ v: 2, complete: false, attempted: false }), "not started"); // e.g. a choice never checked
  assert.equal(activityStatus({ complete: "true" }), "attempted"); // complete must be exactly true
  assert.equal(activityStatus({ v: 1, complete: false }), "attempted"); // saved before "attempted" existed
  for (const bad of [null, [], 42, "complete"]) assert.equal(activityStatus(bad), "not started");
});

test("a page is complete only when every activity is completed", () => {
  const none = pageProgress(PAGE_A, {});
  assert.deepEqual([none.completed, none.attempted, none.total, none.complete, none.status, none.minutes], [0, 0, 3, false, "not started", 45]);
  const mixed = pageProgress(PAGE_A, { "check:q1": DONE, "sorting:s1": TRIED });
  assert.deepEqual(mixed.activities.map((a) => a.status), ["completed", "attempted", "not started"]);
  assert.deepEqual([mixed.completed, mixed.attempted, mixed.complete, mixed.status], [1, 1, false, "attempted"]);
  const all = pageProgress(PAGE_A, { "check:q1": DONE, "sorting:s1": DONE, "reflection:r1": DONE });
  assert.deepEqual([all.complete, all.status], [true, "completed"]);
  assert.equal(pageProgress(PAGE_A, { "sorting:q1": DONE }).completed, 0); // another kind, same id
});

test("a page without activities is complete once marked as read", () => {
  assert.deepEqual([pageProgress(PAGE_B, {}).complete, pageProgress(PAGE_B, {}).counted], [false, true]);
  const read = pageProgress(PAGE_B, { "read:book/b": { complete: true, updated: "2026-11-30T10:00:00Z" } });
  assert.deepEqual([read.read, read.complete, read.status, read.readUpdated], [true, true, "completed", "2026-11-30T10:00:00Z"]);
  assert.equal(pageProgress(PAGE_B, { "read:book/b": { complete: false } }).complete, false);
  assert.equal(pageProgress(PAGE_A, { "read:book/a": { complete: true } }).complete, false); // activities decide
});

test("reference pages do not count; odd minutes count as zero", () => {
  assert.equal(pageProgress(REFERENCE, {}).counted, false);
  assert.equal(pageProgress({ ...PAGE_B, teaching_minutes: "10", activity_minutes: -5 }, {}).minutes, 0);
});

test("course totals count only complete pages", () => {
  const some = courseProgress(MANIFEST, { "check:q1": DONE, "sorting:s1": DONE, "reflection:r1": DONE, "explorer:wellbeing": TRIED, "read:book/b": { complete: true } });
  assert.deepEqual(
    [some.minutesDone, some.minutesTotal, some.minutesLeft, some.activitiesCompleted, some.activitiesAttempted, some.activitiesTotal, some.pagesDone, some.pagesTotal, some.complete],
    [55, 105, 50, 3, 1, 4, 2, 3, false],
  );
  assert.deepEqual(some.pages.map((p) => p.docname), ["book/a", "book/b", "book/c"]);
  const all = courseProgress(MANIFEST, { "check:q1": DONE, "sorting:s1": DONE, "reflection:r1": DONE, "explorer:wellbeing": DONE, "read:book/b": { complete: true } });
  assert.deepEqual([all.minutesDone, all.complete], [105, true]);
});

test("a missing or malformed manifest gives empty progress", () => {
  for (const manifest of [null, {}, { pages: [null, 3, { docname: "x", activities: "no" }] }]) {
    const course = courseProgress(manifest, {});
    assert.deepEqual([course.minutesTotal, course.pagesTotal, course.complete], [0, 0, false]);
  }
  assert.equal(findPage(MANIFEST, "book/c"), PAGE_C);
  assert.equal(findPage(MANIFEST, "nowhere"), null);
});

test("progress keeps minutes as the pages state them: no rounded hours (issue 21, defect 4)", () => {
  const some = courseProgress(MANIFEST, { "check:q1": DONE, "sorting:s1": DONE, "reflection:r1": DONE });
  assert.equal(some.minutesDone, 45);
  assert.equal(Object.hasOwn(some, "hoursDone"), false, "hours are shown from the minutes by cpdTime, never stored rounded");
});
