// The privacy guard (src/selfhelp_course/js/privacy/guard.js) against its labelled table,
// tests/js/privacy-cases.json: every case states the exact findings expected (kind and matched
// text, in order, and "possible" where the guard should only warn gently); near misses expect
// none. scripts/privacy_report.mjs prints recall and precision on the same table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  PRIVACY_KINDS,
  findIdentifiers,
  nhsNumberIsValid,
  summariseFindings,
} from "../../src/selfhelp_course/js/privacy/guard.js";
import { privacyReport } from "../../scripts/privacy_report.mjs";

const CASES = JSON.parse(readFileSync(new URL("./privacy-cases.json", import.meta.url), "utf8"));

const asExpected = (finding) =>
  finding.certainty === "possible" ? [finding.kind, finding.text, "possible"] : [finding.kind, finding.text];

for (const { label, text, expect } of CASES) {
  test(`${label}: ${JSON.stringify(text).slice(0, 60)}`, () => {
    const found = findIdentifiers(text);
    assert.deepEqual(found.map(asExpected), expect);
    for (const finding of found) {
      assert.equal(text.slice(finding.start, finding.end), finding.text);
      assert.ok(["likely", "possible"].includes(finding.certainty));
      assert.ok(finding.label && finding.why.endsWith("."), "every finding explains itself");
    }
  });
}

test("the table is large and covers every kind and every kind of near miss", () => {
  assert.ok(CASES.length >= 200, `${CASES.length} cases`);
  const kinds = new Set(CASES.flatMap((c) => c.expect.map(([kind]) => kind)));
  assert.deepEqual([...kinds].sort(), Object.keys(PRIVACY_KINDS).sort());
  const nearMisses = CASES.filter((c) => c.expect.length === 0);
  assert.ok(nearMisses.length >= 100, `${nearMisses.length} near misses`);
  for (const group of ["placeholder", "citation", "road", "ward", "helpline", "room", "dose", "score", "year", "version"]) {
    assert.ok(nearMisses.some((c) => c.label.startsWith(`near miss: ${group}:`)), `no near miss of the group "${group}"`);
  }
  assert.ok(CASES.some((c) => c.text.includes("NHS 111") && c.expect.length === 0));
  assert.ok(CASES.some((c) => c.expect.some((e) => e[2] === "possible")), "some cases are only possible");
  assert.equal(new Set(CASES.map((c) => c.text)).size, CASES.length, "each text once");
});

test("findings never overlap and come in order", () => {
  for (const { text } of CASES) {
    const found = findIdentifiers(text);
    for (let i = 1; i < found.length; i += 1) assert.ok(found[i - 1].end <= found[i].start, text);
  }
});

test("the NHS number finding explains itself in plain English", () => {
  const [finding] = findIdentifiers("943 476 5919");
  assert.match(finding.why, /check digit/);
  assert.match(finding.why, /anonymised/);
});

test("a possible finding says it might be wrong, and why", () => {
  const [finding] = findIdentifiers("I asked nurse Amy");
  assert.equal(finding.certainty, "possible");
  assert.equal(finding.label, "possible name with a title");
  assert.match(finding.why, /^This might be a name: "nurse" is sometimes a title/);
  const [lower] = findIdentifiers("Dr patel rang");
  assert.equal(lower.certainty, "possible");
  assert.match(lower.why, /the word after it is in lower case/);
});

test("odd input is never an error", () => {
  for (const value of [null, undefined, 42, {}, [], "", " ", "\uD800", "\u0000".repeat(10)]) {
    assert.deepEqual(findIdentifiers(value), []);
  }
  const big = "Mrs Patel 🙂 ".repeat(5000);
  assert.equal(findIdentifiers(big).length, 5000);
});

const DIGITS = [
  ["9434765919", true],
  ["943 476 5919", true],
  ["9434765918", false],
  ["4890682880", true], // remainder 0: check digit 11, which becomes 0
  ["4890682881", false],
  ["1234567890", false], // 1..9 leave remainder 1: check digit 10, so no last digit is valid
  ["1234567891", false],
  ["4010232137", true],
  ["123456789", false],
  ["94347659190", false],
  ["abcdefghij", false],
  ["0000000000", false], // passes the arithmetic, but a placeholder
  ["000 000 0000", false],
  ["1111111111", false], // passes the arithmetic too
  ["9999999999", false],
];

test("NHS number check digits, and placeholders are never valid", () => {
  for (const [digits, valid] of DIGITS) assert.equal(nhsNumberIsValid(digits), valid, digits);
});

test("summaries count by label, possible findings apart", () => {
  const summary = summariseFindings(findIdentifiers("943 476 5919 and NG7 2UH and SW1A 1AA"));
  assert.equal(summary.total, 3);
  assert.equal(summary.possible, 0);
  assert.equal(summary.text, "1 NHS number and 2 postcodes");
  assert.deepEqual(summary.byKind.map((k) => [k.label, k.count]), [["NHS number", 1], ["postcode", 2]]);

  const mixed = summariseFindings(findIdentifiers("Dr Patel, nurse Amy and nurse Bea"));
  assert.equal(mixed.text, "1 name with a title and 2 possible names with a title");
  assert.equal(mixed.possible, 2);

  assert.deepEqual(summariseFindings([]), { total: 0, possible: 0, byKind: [], text: "" });
  assert.deepEqual(summariseFindings(undefined), { total: 0, possible: 0, byKind: [], text: "" });
});

test("the README shows the current recall and precision table", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  assert.ok(readme.includes(privacyReport()), "README is out of date: run node scripts/privacy_report.mjs and paste its output");
});
