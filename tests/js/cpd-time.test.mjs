// cpdTime (lib/cpd-time.js) on the table Python's cpd_time is tested on (tests/cpd_time_cases.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { cpdTime } from "../../src/selfhelp_course/js/lib/cpd-time.js";

const { cases } = JSON.parse(readFileSync(new URL("../cpd_time_cases.json", import.meta.url), "utf8"));

test("course minutes show as the course states them, the same as Python's cpd_time", () => {
  assert.ok(cases.length >= 20);
  for (const c of cases) {
    if (c.error) {
      assert.throws(() => cpdTime(c.minutes), RangeError, JSON.stringify(c));
      assert.throws(() => cpdTime(c.minutes, true), RangeError, JSON.stringify(c));
    } else {
      assert.equal(cpdTime(c.minutes), c.text, JSON.stringify(c));
      assert.equal(cpdTime(c.minutes, true), c.decimal, JSON.stringify(c));
    }
  }
});

test("no minute is lost: every whole number of minutes up to a day reads back exactly", () => {
  for (let m = 0; m <= 1440; m += 1) {
    const [, h, min] = /^(\d+) h (\d+) min$/.exec(cpdTime(m));
    assert.equal(Number(h) * 60 + Number(min), m);
    assert.ok(Math.abs(Number.parseFloat(cpdTime(m, true)) - m / 60) <= 0.005 + 1e-9, String(m));
  }
});
