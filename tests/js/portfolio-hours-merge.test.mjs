// The CPD log's hours in two tabs (issue 21, defect 5): kept as typed, so the store's merge
// treats them as text and keeps both versions until the learner chooses.
import { test } from "node:test";
import assert from "node:assert/strict";

import { conflictsIn, keepConflicts, merge3, resolveConflict } from "../../src/selfhelp_course/js/lib/merge.js";
import { assemble } from "../../src/selfhelp_course/js/widgets/portfolio/record.js";
import { cleanEdits, entryValue } from "../../src/selfhelp_course/js/widgets/portfolio/state.js";
import { ENTRIES, FRAMEWORKS, MANIFEST } from "./portfolio-fixtures.mjs";

const record = (edits) => assemble({ generated: "2025-04-01T10:00:00.000Z", edits: cleanEdits(edits), frameworks: FRAMEWORKS, manifest: MANIFEST, entries: ENTRIES });
const PATH = ["log", "book/welcome", "hours"];

test("hours typed differently in two tabs are a conflict, kept for the learner to choose, like text", () => {
  const entry = (hours) => entryValue(cleanEdits({ log: { "book/welcome": { hours } } }));
  const base = entry("1");
  const merged = merge3(base, entry("2"), entry("3"));
  assert.deepEqual(merged.conflicts, [{ path: PATH, mine: "2", theirs: "3" }]);
  const kept = keepConflicts(merged.value, { base, mine: entry("2"), theirs: entry("3") }, merged.conflicts, "t");
  assert.deepEqual(conflictsIn(kept).map((c) => [c.current, c.versions]), [["2", ["3"]]]);
  const chosen = cleanEdits(resolveConflict(kept, PATH, "3"));
  assert.equal(chosen.log["book/welcome"].hours, "3");
  assert.equal(chosen.conflicts, undefined);
  assert.equal(record({ log: chosen.log }).log[0].hours, 3, "the chosen text is the row's hours");
});

test("a refused value typed differently in two tabs is kept the same way; numbers from older versions merge as before", () => {
  const entry = (refused) => entryValue(cleanEdits({ log: { "book/welcome": { hours: "1", refused } } }));
  const merged = merge3(entry(undefined), entry("1 to 2"), entry("lots"));
  assert.deepEqual(merged.conflicts, [{ path: ["log", "book/welcome", "refused"], mine: "1 to 2", theirs: "lots" }]);
  assert.deepEqual(merge3({ log: { p: { hours: 1 } } }, { log: { p: { hours: 2 } } }, { log: { p: { hours: 3 } } }).conflicts, []);
});
