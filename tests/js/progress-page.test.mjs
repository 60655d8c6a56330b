import { test } from "node:test";
import assert from "node:assert/strict";
import { activityKey, kindLabel, PORTFOLIO_KEY, readKey, STORAGE_PREFIX } from "../../src/selfhelp_course/js/lib/facts.js";
import { courseProgress } from "../../src/selfhelp_course/js/lib/progress.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import {
  activitiesText, changeMessage, countsText, describeKey, groupByPart, setAsideHeading, setAsideItems,
  statusClass, statusText, totalsText, whenText,
} from "../../src/selfhelp_course/js/widgets/progress/state.js";
import { MemoryStorage } from "./helpers.mjs";

const CHECK = { kind: "check", id: "q1", title: "Question one" };
const SORT = { kind: "sorting", id: "s1", title: "Sort the groups" };
const PAGE_A = { docname: "book/a", title: "Page A", part: "Part one", teaching_minutes: 20, activity_minutes: 25, activities: [CHECK, SORT] };
const PAGE_B = { docname: "book/b", title: "Page B", part: "Part one", teaching_minutes: 10, activity_minutes: 0, activities: [] };
const PAGE_C = { docname: "book/c", title: "Page C", part: "Part two", teaching_minutes: 15, activity_minutes: 0, activities: [{ kind: "explorer", id: "wellbeing", title: "" }] };
const PAGE_D = { docname: "book/d", title: "Page D", teaching_minutes: 5, activity_minutes: 0, activities: [] };
const MANIFEST = { pages: [PAGE_A, PAGE_B, PAGE_C, PAGE_D] };
const DONE = { v: 2, complete: true, attempted: true };
const TRIED = { v: 2, complete: false, attempted: true };

test("totals and counts say completed and attempted apart", () => {
  const progress = courseProgress(MANIFEST, { [activityKey("check", "q1")]: DONE, [activityKey("sorting", "s1")]: TRIED, [readKey("book/b")]: { complete: true } });
  assert.equal(totalsText(progress), "CPD minutes done: 10 of 75 (0 h 10 min)");
  assert.equal(countsText(progress), "Minutes left: 65. Activities completed: 1 of 3; attempted but not completed: 1. Pages finished: 1 of 4.");
  const more = courseProgress(MANIFEST, { [activityKey("check", "q1")]: DONE, [activityKey("sorting", "s1")]: DONE, [readKey("book/b")]: { complete: true } });
  assert.equal(totalsText(more), "CPD minutes done: 55 of 75 (0 h 55 min)", "55 minutes is not rounded to 0.75 h (issue 21, defect 4)");
});

test("each page's activities and status, with and without activities", () => {
  const entries = { [activityKey("check", "q1")]: DONE, [activityKey("sorting", "s1")]: TRIED, [readKey("book/b")]: { complete: true } };
  const [a, b, c, d] = courseProgress(MANIFEST, entries).pages;
  assert.deepEqual([activitiesText(a), statusText(a), statusClass(a)], ["1 of 2 completed, 1 attempted", "Attempted", "prog-attempted"]);
  assert.deepEqual([activitiesText(b), statusText(b), statusClass(b)], ["None: mark the page as read", "Read", "prog-completed"]);
  assert.deepEqual([activitiesText(c), statusText(c), statusClass(c)], ["0 of 1 completed", "Not started", "prog-not-started"]);
  assert.equal(statusText(d), "Not marked as read");
  const all = courseProgress(MANIFEST, { ...entries, [activityKey("sorting", "s1")]: DONE }).pages[0];
  assert.deepEqual([activitiesText(all), statusText(all)], ["2 of 2 completed", "Completed"]);
});

test("pages are grouped in runs of the same part, in reading order", () => {
  const pages = courseProgress(MANIFEST, {}).pages;
  const groups = groupByPart(MANIFEST, pages);
  assert.deepEqual(groups.map((g) => [g.part, g.pages.map((p) => p.docname)]), [["Part one", ["book/a", "book/b"]], ["Part two", ["book/c"]], ["", ["book/d"]]]);
  assert.deepEqual(groupByPart({ pages: "bad" }, []), []);
});

test("a stored key is described from the manifest, never by its raw kind", () => {
  assert.equal(describeKey(MANIFEST, activityKey("check", "q1")), `${kindLabel("check")} \u201cQuestion one\u201d on the page \u201cPage A\u201d`);
  assert.equal(describeKey(MANIFEST, activityKey("explorer", "wellbeing")), `${kindLabel("explorer")} \u201cwellbeing\u201d on the page \u201cPage C\u201d`);
  assert.equal(describeKey(MANIFEST, readKey("book/b")), "The \u201cmarked as read\u201d record of the page \u201cPage B\u201d");
  assert.equal(describeKey(MANIFEST, PORTFOLIO_KEY), "Your CPD portfolio's own details");
  assert.equal(describeKey(MANIFEST, "check:gone"), "A saved entry (check:gone)");
});

test("when an entry was set aside, in local time", () => {
  const ms = new Date(2026, 10, 30, 9, 5).getTime();
  assert.equal(whenText(ms), "on 30 November 2026 at 09:05");
  for (const bad of [null, 0, NaN, undefined]) assert.equal(whenText(bad), "at a time not recorded");
});

test("set-aside entries are listed newest first, saying which activity and when", () => {
  const early = new Date(2026, 10, 29, 8, 0).getTime();
  const late = new Date(2026, 10, 30, 14, 30).getTime();
  const items = setAsideItems(MANIFEST, [
    { key: `check:q1:unreadable:${early}`, from: "check:q1", when: early },
    { key: `sorting:s1:unreadable:${late}`, from: "sorting:s1", when: late },
    null,
    { from: "no key" },
  ]);
  assert.deepEqual(items.map((i) => i.from), ["sorting:s1", "check:q1"]);
  assert.equal(items[0].text, `${kindLabel("sorting")} \u201cSort the groups\u201d on the page \u201cPage A\u201d: could not be read, so it was set aside on 30 November 2026 at 14:30. ` +
    "It counts as not started; the unreadable copy is kept in this browser, untouched.");
  assert.deepEqual(setAsideItems(MANIFEST, undefined), []);
  assert.deepEqual([setAsideHeading(1), setAsideHeading(3)], ["1 saved entry could not be read", "3 saved entries could not be read"]);
});

test("what the store sets aside is what the page lists", () => {
  const storage = new MemoryStorage({ [STORAGE_PREFIX + activityKey("check", "q1")]: "{not json", [STORAGE_PREFIX + activityKey("sorting", "s1")]: JSON.stringify(TRIED) });
  const store = openStore({ storage: () => storage, target: new EventTarget(), now: () => new Date(2026, 10, 30, 10, 0) });
  const first = store.readAll();
  const items = setAsideItems(MANIFEST, first.setAside);
  assert.equal(items.length, 1);
  assert.ok(items[0].text.startsWith(`${kindLabel("check")} \u201cQuestion one\u201d`), items[0].text);
  assert.match(items[0].text, /set aside on 30 November 2026 at 10:00\./);
  // Read again (as every update does): still listed once, from its key.
  assert.deepEqual(setAsideItems(MANIFEST, store.readAll().setAside).map((i) => i.text), items.map((i) => i.text));
  assert.equal(courseProgress(MANIFEST, first.entries).activitiesAttempted, 1);
});

test("a change of figures is announced; the same figures are not", () => {
  const before = courseProgress(MANIFEST, {});
  assert.equal(changeMessage(null, before), null);
  assert.equal(changeMessage(before, courseProgress(MANIFEST, {})), null);
  const tried = courseProgress(MANIFEST, { [activityKey("sorting", "s1")]: TRIED });
  assert.equal(changeMessage(before, tried), "Progress updated: 0 of 75 CPD minutes done; 0 of 3 activities completed.");
  const read = courseProgress(MANIFEST, { [readKey("book/d")]: { complete: true } });
  assert.equal(changeMessage(before, read), "Progress updated: 5 of 75 CPD minutes done; 0 of 3 activities completed.");
});
