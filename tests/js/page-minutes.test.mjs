// pageMinutes (lib/progress.js) on the table Python's page_minutes is tested on
// (tests/page_minutes_cases.json), and the course's total the progress page states.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { courseProgress, pageMinutes, pageProgress } from "../../src/selfhelp_course/js/lib/progress.js";

const { cases, course } = JSON.parse(readFileSync(new URL("../page_minutes_cases.json", import.meta.url), "utf8"));

test("a page's minutes are its teaching and activity minutes, as Python's page_minutes counts them", () => {
  assert.ok(cases.length >= 5);
  for (const c of cases) {
    assert.equal(pageMinutes(c), c.minutes, JSON.stringify(c));
    assert.equal(pageProgress({ docname: "p", ...c }, {}).minutes, c.minutes, JSON.stringify(c));
  }
});

test("the course's minutes are the sum of its pages', the same total as Python's", () => {
  const pages = course.pages.map((i, n) => ({ docname: `p${n}`, ...cases[i] }));
  assert.equal(courseProgress({ pages }, {}).minutesTotal, course.minutes);
});
