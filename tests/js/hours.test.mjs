// Hours in the CPD record (src/selfhelp_course/js/portfolio/hours.js): what a person means is
// accepted, everything else is refused with a message, and nothing is ever rounded silently.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  MAX_HOURS_PER_ROW,
  checkParticipatory,
  describeMinutes,
  formatHours,
  parseHours,
  refusedMessage,
  rowHours,
  storedHours,
  sumHours,
} from "../../src/selfhelp_course/js/portfolio/hours.js";

// [typed, minutes, note or null]
const ACCEPTED = [
  ["2", 120, null],
  ["0", 0, null],
  ["24", 1440, null],
  ["1.5", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["0.25", 15, "Recorded as 0.25 hours (15 minutes)."],
  ["0.1", 6, "Recorded as 0.1 hours (6 minutes)."], // was silently rounded to 0
  ["2,5", 150, "Recorded as 2.5 hours (2 hours 30 minutes)."], // was silently 24
  ["0,250", 15, "Recorded as 0.25 hours (15 minutes)."],
  ["1h30", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["1 h 30 min", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["1hr 30mins", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["1 hour and 30 minutes", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["1h 5", 65, "Recorded as 1 hour 5 minutes."],
  ["90 min", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["90m", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["20 minutes", 20, "Recorded as 20 minutes."],
  ["60 min", 60, "Recorded as 1 hour."],
  ["1:30", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["0:20", 20, "Recorded as 20 minutes."],
  ["1.5 hours", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["1,5 h", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["2 hrs.", 120, "Recorded as 2 hours."],
  ["1h", 60, "Recorded as 1 hour."],
  ["2.00", 120, "Recorded as 2 hours."],
  ["1.50", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["1.25", 75, "Recorded as 1.25 hours (1 hour 15 minutes)."],
  [".5", 30, "Recorded as 0.5 hours (30 minutes)."],
  ["1.", 60, "Recorded as 1 hour."],
  ["½", 30, "Recorded as 0.5 hours (30 minutes)."],
  ["1½ hours", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
  ["  3  ", 180, null],
  ["1H30", 90, "Recorded as 1.5 hours (1 hour 30 minutes)."],
];

for (const [typed, minutes, note] of ACCEPTED) {
  test(`accepts ${JSON.stringify(typed)} as ${minutes} minutes`, () => {
    const result = parseHours(typed);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.minutes, minutes);
    assert.equal(result.hours, minutes / 60);
    assert.equal(result.note, note ?? undefined);
  });
}

// [typed, reason, part of the message]
const REFUSED = [
  ["-1", "negative", "cannot be negative"], // was silently 0
  ["−2", "negative", "cannot be negative"],
  ["1e3", "scientific", "ordinary number"], // was silently 24
  ["2E-1", "scientific", "ordinary number"],
  ["", "empty", "Enter the time you spent"],
  ["   ", "empty", "Enter the time you spent"],
  ["abc", "not-a-number", "such as 1.5, 1:30, 1h30 or 90 min"],
  ["about 2", "not-a-number", "such as 1.5"],
  ["1.5.2", "not-a-number", "such as 1.5"],
  ["Infinity", "not-a-number", "such as 1.5"],
  ["1-2", "range", "not a range"],
  ["1 to 2 hours", "range", "not a range"],
  ["25", "too-many", "If you meant 25 minutes, type 25 min."],
  ["90", "too-many", "If you meant 90 minutes, type 90 min."],
  ["130", "too-many", "If you meant 1 hour 30 minutes, type 1:30."],
  ["24.5", "too-many", "more than 24 hours for one row"],
  ["24:01", "too-many", "more than 24 hours"],
  ["1500 min", "too-many", "more than 24 hours"],
  ["99999999999999999999", "too-many", "more than 24 hours"],
  ["0.33", "not-whole-minutes", "0.33 hours is 19.8 minutes, not a whole number of minutes. Enter hours and minutes instead, such as 0:20 (20 minutes)."],
  ["0.125", "not-whole-minutes", "7.5 minutes"],
  ["0.0000001", "not-whole-minutes", "less than a minute"],
  ["1.5 min", "not-whole-minutes", "whole number of minutes, such as 2 min"],
  ["1.30", "ambiguous", "Did you mean 1.30 hours (1 hour 18 minutes) or 1 hour 30 minutes? Type 1:18 or 1:30."],
  ["1,45", "ambiguous", "Type 1:27 or 1:45."],
  ["0.05", "ambiguous", "Type 0:03 or 0:05."],
  ["1,000", "ambiguous", "thousands comma"],
  ["1:75", "minutes-over-59", "should be under 60"],
  ["1h90", "minutes-over-59", "should be under 60"],
];

for (const [typed, reason, words] of REFUSED) {
  test(`refuses ${JSON.stringify(typed)} (${reason}) with a message`, () => {
    const result = parseHours(typed);
    assert.equal(result.ok, false);
    assert.equal(result.reason, reason);
    assert.ok(result.message.includes(words), result.message);
    assert.match(result.message, /[.?]$/);
    assert.equal(result.hours, undefined, "a refusal carries no number to store");
  });
}

test("odd values are refused, not thrown", () => {
  for (const value of [null, undefined, {}, [], NaN, Infinity, true]) {
    const result = parseHours(value);
    assert.equal(result.ok, false);
    assert.ok(result.message);
  }
  assert.equal(parseHours(1.5).minutes, 90, "a number is read as its decimal text");
});

test("every amount formatHours writes reads back exactly, minute by minute up to 24 hours", () => {
  for (let minutes = 0; minutes <= MAX_HOURS_PER_ROW * 60; minutes += 1) {
    const text = formatHours(minutes / 60);
    const back = parseHours(text);
    assert.equal(back.ok, true, `${minutes} -> ${text}: ${back.message}`);
    assert.equal(back.minutes, minutes, text);
  }
  assert.equal(formatHours(1.5), "1.5");
  assert.equal(formatHours(20 / 60), "0:20");
  assert.equal(formatHours(0.15), "0:09");
  assert.equal(formatHours(-1), "");
});

test("hours and minutes in words", () => {
  assert.equal(describeMinutes(90), "1 hour 30 minutes");
  assert.equal(describeMinutes(61), "1 hour 1 minute");
  assert.equal(describeMinutes(120), "2 hours");
  assert.equal(describeMinutes(45), "45 minutes");
  assert.equal(describeMinutes(0), "0 minutes");
});

test("sums are exact: no floating-point drift", () => {
  assert.equal(sumHours([0.1, 0.2]), 0.3);
  assert.equal(sumHours([20 / 60, 20 / 60, 20 / 60]), 1);
  assert.equal(sumHours([]), 0);
});

test("stored hours are kept exactly when they are whole minutes, and refused otherwise", () => {
  assert.equal(storedHours(1.5), 1.5);
  assert.equal(storedHours(0.1), 0.1);
  assert.equal(storedHours(20 / 60), 20 / 60);
  assert.equal(storedHours(0), 0);
  assert.equal(storedHours(24), 24);
  for (const bad of [-1, 24.5, 0.001, Number.NaN, Infinity, "1.5", null, undefined, {}]) {
    assert.equal(storedHours(bad), null, String(bad));
  }
});

test("participatory hours can never exceed the hours", () => {
  assert.deepEqual(checkParticipatory(2, 1.5), { ok: true });
  assert.deepEqual(checkParticipatory(2, 2), { ok: true });
  assert.deepEqual(checkParticipatory(0.1 + 0.2, 0.3), { ok: true }, "compared in whole minutes");
  const over = checkParticipatory(2, 3);
  assert.equal(over.ok, false);
  assert.equal(over.reason, "over-hours");
  assert.equal(
    over.message,
    "Participatory hours (3) cannot be more than the hours for this activity (2). Lower them, or raise the hours if you spent longer.",
  );
  assert.equal(checkParticipatory(2, -1).ok, false);
  assert.equal(checkParticipatory(2, Number.NaN).ok, false);
});

test("a log row's stored hours: as typed, a refused value apart, old numbers still read (issue 21, defects 5 and 6)", () => {
  assert.deepEqual(rowHours(undefined), { own: null, typed: null, problem: "", refused: null });
  assert.deepEqual(rowHours({ hours: "1h30" }), { own: 1.5, typed: "1h30", problem: "", refused: null });
  assert.deepEqual(rowHours({ hours: "" }), { own: null, typed: "", problem: "", refused: null });
  assert.deepEqual(rowHours({ hours: 0.25 }), { own: 0.25, typed: null, problem: "", refused: null }, "a number saved by an older version");
  assert.match(rowHours({ hours: "soon" }).problem, /\("soon"\) are not a time the record can use/);
  assert.match(rowHours({ hours: -1 }).problem, /\(-1\) are not a time the record can use/);
  const refused = rowHours({ hours: "2", refused: "2 to 3" });
  assert.equal(refused.own, 2);
  assert.deepEqual(refused.refused, { text: "2 to 3", message: parseHours("2 to 3").message });
  assert.equal(rowHours({ refused: "  " }).refused, null);
  assert.equal(rowHours({ refused: "1.5" }).refused, null, "text that reads well is not refused");
});

test("the message beside a refused value says what the record counts, with no '1 hours' (issue 21, defect 6)", () => {
  const refused = { text: "1 to 2", message: "Enter one amount of time, not a range: for example 1.5 for an hour and a half." };
  assert.equal(refusedMessage(refused, "1 h 0 min", true),
    "Not yet valid: Enter one amount of time, not a range: for example 1.5 for an hour and a half. Until you change it, the record counts your last valid time, 1 h 0 min.");
  assert.match(refusedMessage(refused, "0 h 25 min", false), /the record counts the course's estimate, 0 h 25 min\.$/);
  assert.doesNotMatch(refusedMessage(refused, "1 h 0 min", true), /\b1 hours\b/);
});
