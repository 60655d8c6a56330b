// The course supports Safari 14 and later (TARGET in src/selfhelp_course/site/front_end.py). esbuild
// lowers newer syntax to that target but cannot add built-ins a browser lacks, so the front end
// must not call the ones those browsers do not have. Each entry: a pattern, and where the
// replacement is.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

const JS = new URL("../../src/selfhelp_course/js/", import.meta.url).pathname;
const MISSING = [
  { pattern: /\bObject\.hasOwn\s*\(/, name: "Object.hasOwn (Safari 15.4)", use: "hasOwn from lib/own.js" },
  { pattern: /\.at\(\s*-?\d+\s*\)/, name: "Array.prototype.at (Safari 15.4)", use: "array[array.length - 1]" },
  { pattern: /\bstructuredClone\s*\(/, name: "structuredClone (Safari 15.4)", use: "JSON round trip" },
  { pattern: /\.findLast(Index)?\s*\(/, name: "findLast (Safari 15.4)", use: "a loop from the end" },
];

const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : [],
  );

test("the front end calls no built-in that Safari 14 lacks", () => {
  const found = [];
  for (const file of sources(JS)) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (line.trimStart().startsWith("//")) return;
        for (const m of MISSING) {
          if (m.pattern.test(line)) found.push(`${relative(JS, file)}:${i + 1}: ${m.name}; use ${m.use}`);
        }
      });
  }
  assert.deepEqual(found, []);
});

test("the check sees a call it forbids (it can fail)", () => {
  assert.ok(MISSING[0].pattern.test("if (Object.hasOwn(a, k)) {"));
  assert.ok(!MISSING[0].pattern.test("if (hasOwn(a, k)) {"));
});
