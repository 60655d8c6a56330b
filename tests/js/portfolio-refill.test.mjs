// "Fill in again from my reflection" asks first when it would replace what the learner changed,
// and names those fields (issue 21, defect 3; the browser test is in tests/browser/test_portfolio.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { changedFromDraft } from "../../src/selfhelp_course/js/widgets/portfolio/accounts.js";
import { assemble } from "../../src/selfhelp_course/js/widgets/portfolio/record.js";
import { cleanEdits } from "../../src/selfhelp_course/js/widgets/portfolio/state.js";
import { EDITS, ENTRIES, FRAMEWORKS, MANIFEST } from "./portfolio-fixtures.mjs";

const accounts = (edits) => assemble({ generated: new Date("2026-03-01T12:00:00Z"), edits: cleanEdits(edits), frameworks: FRAMEWORKS, manifest: MANIFEST, entries: ENTRIES }).accounts;

test("changedFromDraft names the fields the learner changed from the reflection's draft, and only those", () => {
  const [gibbs, nmc] = accounts(EDITS);
  assert.deepEqual(changedFromDraft(gibbs), ["\u201cHow did you change or improve your practice?\u201d"]);
  assert.deepEqual(changedFromDraft(nmc), [], "nothing typed over the draft: nothing to ask about");
});

test("an edit equal to the draft replaces nothing; themes ticked differently do", () => {
  const [draft] = accounts({ ...EDITS, accounts: {} });
  const same = accounts({ ...EDITS, accounts: { "welcome-reflection": { nmc: { nature: draft.nmc.nature, themes: [...draft.nmc.themes].reverse() } } } })[0];
  assert.deepEqual(changedFromDraft(same), []);
  const themes = accounts({ ...EDITS, accounts: { "welcome-reflection": { nmc: { themes: ["preserve-safety"] }, hcpc: { benefits: "Mine." } } } })[0];
  assert.deepEqual(changedFromDraft(themes), ["\u201cHow it benefits service users\u201d", "the themes of the Code you ticked"]);
});
