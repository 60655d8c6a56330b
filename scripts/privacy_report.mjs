// The privacy guard's recall and precision on its labelled table (tests/js/privacy-cases.json),
// by kind and overall, as a Markdown table for the README. Run: node scripts/privacy_report.mjs
//
// A finding counts as correct when its kind, matched text and certainty ("possible" or not) are
// exactly those the table expects for that case; anything else it reports is a false alarm, and
// anything expected that it does not report is a miss.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { PRIVACY_KINDS, findIdentifiers } from "../src/selfhelp_course/js/privacy/guard.js";

const cases = JSON.parse(readFileSync(new URL("../tests/js/privacy-cases.json", import.meta.url), "utf8"));

const key = (kind, text, certainty) => JSON.stringify([kind, text, certainty === "possible" ? "possible" : "likely"]);

function score() {
  const byKind = Object.fromEntries(Object.keys(PRIVACY_KINDS).map((k) => [k, { expected: 0, correct: 0, falseAlarms: 0 }]));
  let nearMissAlarms = 0;
  for (const c of cases) {
    const expected = c.expect.map(([kind, text, certainty]) => key(kind, text, certainty));
    const found = findIdentifiers(c.text);
    for (const [kind] of c.expect) byKind[kind].expected += 1;
    for (const f of found) {
      const at = expected.indexOf(key(f.kind, f.text, f.certainty));
      if (at >= 0) {
        expected.splice(at, 1);
        byKind[f.kind].correct += 1;
      } else {
        byKind[f.kind].falseAlarms += 1;
      }
    }
    if (c.expect.length === 0 && found.length > 0) nearMissAlarms += 1;
  }
  return { byKind, nearMissAlarms };
}

const ratio = (n, d) => (d === 0 ? "n/a" : (n / d).toFixed(2));

function row(name, s) {
  return `| ${name} | ${s.expected} | ${s.correct} | ${s.expected - s.correct} | ${s.falseAlarms} | ${ratio(s.correct, s.expected)} | ${ratio(s.correct, s.correct + s.falseAlarms)} |`;
}

// The Markdown table and the line under it, as the README shows them.
export function privacyReport() {
  const { byKind, nearMissAlarms } = score();
  const total = { expected: 0, correct: 0, falseAlarms: 0 };
  const lines = [
    "| Kind | Expected | Found | Missed | False alarms | Recall | Precision |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [kind, s] of Object.entries(byKind)) {
    lines.push(row(PRIVACY_KINDS[kind].label, s));
    for (const field of Object.keys(total)) total[field] += s[field];
  }
  lines.push(row("**All kinds**", total));
  const nearMisses = cases.filter((c) => c.expect.length === 0).length;
  const possible = cases.reduce((n, c) => n + c.expect.filter((e) => e[2] === "possible").length, 0);
  lines.push(
    "",
    `${cases.length} cases: ${cases.length - nearMisses} with identifiers (${possible} of the findings expected only as "possible"), ` +
      `${nearMisses} near misses, of which ${nearMissAlarms} raised a false alarm.`,
  );
  return lines.join("\n");
}

// Run as a script (not imported by the test): print the report.
if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(privacyReport());
