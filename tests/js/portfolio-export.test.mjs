// The CPD record's exports: the document model (document.js), its Markdown (export-markdown.js),
// the privacy check's texts, and backups (backup.js). The Markdown is rendered by markdown-it
// (and commonmark.js), pinned in package.json, to check that the learner's and the course's text
// comes back as the literal text.
import { test } from "node:test";
import assert from "node:assert/strict";

import { documentOf, findingsIn, learnerTexts } from "../../src/selfhelp_course/js/widgets/portfolio/document.js";
import { backupTexts, makeBackup, parseBackup } from "../../src/selfhelp_course/js/widgets/portfolio/backup.js";
import { blockMarkdown, markdownOf } from "../../src/selfhelp_course/js/widgets/portfolio/export-markdown.js";
import { BODIES, FORMS, FORM_INFO, NOT_WRITTEN } from "../../src/selfhelp_course/js/widgets/portfolio/forms.js";
import { assemble } from "../../src/selfhelp_course/js/widgets/portfolio/record.js";
import { cleanEdits } from "../../src/selfhelp_course/js/widgets/portfolio/state.js";
import { EDITS, ENTRIES, FRAMEWORKS, GIBBS, MANIFEST, NMC } from "./portfolio-fixtures.mjs";
import { CORPUS, RENDERERS, assertOnlyTags, markdownIt, textOf } from "./rendered.mjs";

const GENERATED = "2025-04-01T12:00:00.000Z";
const portfolio = ({ edits = EDITS, entries = ENTRIES, manifest = MANIFEST } = {}) =>
  assemble({ generated: GENERATED, edits: cleanEdits(edits), frameworks: FRAMEWORKS, manifest, entries });
const markdown = (options) => markdownOf(documentOf(portfolio(options)));

test("the Markdown has the NMC questions, the Code's themes, the log and the statement", () => {
  const md = markdown();
  assert.ok(md.startsWith("# CPD portfolio: Supporting Self-Help Groups\n"));
  for (const heading of ["## About me", "## Statement of completion", "## CPD log", "## NMC reflective accounts", "## HCPC CPD profile"]) {
    assert.ok(md.includes(`\n${heading}\n`), heading);
  }
  for (const question of ["The nature of the CPD activity, feedback or event", "What did you learn?", "How did you change or improve your practice?", "How is this relevant to the Code?"]) {
    assert.equal(md.split(`**${question}**`).length - 1, 2, question); // once per account
  }
  const account2 = md.slice(md.indexOf("### Reflective account 2"), md.indexOf("## HCPC CPD profile"));
  for (const line of ["- [x] Prioritise people", "- [x] Practise effectively", "- [ ] Preserve safety", "- [ ] Promote professionalism and trust"]) {
    assert.ok(account2.includes(line), line);
  }
  assert.ok(md.includes("**Name:** Alex Example"));
  assert.ok(md.includes("**Registration body:** Nursing and Midwifery Council (NMC)"));
});

test("the statement declares only completed activities and pages; attempts are listed apart", () => {
  const md = markdown();
  const statement = md.slice(md.indexOf("## Statement of completion"), md.indexOf("## CPD log"));
  assert.ok(statement.includes("*Self-declared by the learner; not verified by the course.*"));
  assert.ok(statement.includes("Alex Example declares that they completed these parts"));
  assert.ok(statement.includes("- Welcome: 2 of 2 activities completed, last on 2 March 2025; 0 h 20 min"));
  assert.ok(statement.includes("  - Knowledge check: Which details? (1 March 2025)"));
  assert.ok(statement.includes("  - Reflection: Why are you taking this course? (2 March 2025)"));
  assert.ok(statement.includes("- Mental well-being and groups: 2 of 4 activities completed, last on 5 March 2025; 1 h 30 min"));
  assert.ok(statement.includes("- A carers' group: page read, last on 20 March 2025; 0 h 30 min"));
  assert.ok(statement.includes("Completed in all: 4 of 7 activities, and 2 of 4 pages in full."));
  assert.ok(statement.includes("Total: 2 h 20 min (2.33 h as a decimal, to two places), of which 1 h 30 min participatory."));
  const declared = statement.slice(0, statement.indexOf("Started but not completed"));
  assert.ok(!declared.includes("WEMWBS") && !declared.includes("What helps"), "attempts are not declared");
  const apart = statement.slice(statement.indexOf("Started but not completed, so not counted above:"));
  assert.ok(apart.includes('- Knowledge check: WEMWBS, on the page "Mental well-being and groups"'));
  assert.ok(apart.includes('- Knowledge check: What helps, on the page "Commissioners"'));
  assert.ok(!markdown({ entries: {} }).includes("Started but not completed"));
});

test("the CPD log table", () => {
  const md = markdown();
  const log = md.slice(md.indexOf("## CPD log"), md.indexOf("## NMC reflective accounts"));
  const lines = log.split("\n").filter((line) => line.startsWith("|"));
  assert.equal(lines[0], "| Date | Activity | Method | Hours | Participatory hours | Link to practice |");
  assert.match(lines[1], /^\|( --- \|){6}$/);
  assert.equal(lines[2], "| 2 March 2025 | Welcome (2 of 2 activities completed) | Online course: reading and interactive exercises | 0 h 20 min | 0 h 0 min |  |");
  assert.equal(lines[3], "| 5 March 2025 | Mental well-being and groups (2 of 4 activities completed) | Online course: reading and interactive exercises | 1 h 30 min | 1 h 30 min | Used in \\| team meeting next week |");
  assert.equal(lines[4], "| 20 March 2025 | A carers' group | Online course: reading and interactive exercises | 0 h 30 min | 0 h 0 min |  |");
  assert.equal(lines[5], "| **Total** |  |  | 2 h 20 min | 1 h 30 min |  |");
  assert.ok(!md.includes("Commissioners ("), "a page with nothing completed has no row");
  const odd = markdown({ edits: { log: { "book/welcome": { hours: 0.35 } } } });
  assert.ok(odd.includes("| Welcome (2 of 2 activities completed) | Online course: reading and interactive exercises | 0 h 21 min |"), "hours and minutes, as every time is shown");
  const bad = markdown({ edits: { log: { "book/welcome": { hours: -3 } } } });
  assert.ok(bad.includes('*For "Welcome", the hours saved could not be read, so the course\'s estimate is shown.*'));
  const typed = markdown({ edits: { log: { "book/welcome": { hours: "1h30", refused: "1 to 2" } } } });
  assert.ok(typed.includes("| Welcome (2 of 2 activities completed) | Online course: reading and interactive exercises | 1 h 30 min |"), "the last valid time counts");
  assert.ok(typed.includes('*For "Welcome", the hours typed ("1 to 2") are not yet valid, so the last valid time is counted.*'));
});

// The text a reader sees of the document, in order, whitespace aside: what the Markdown must
// render back to.
function plainText(doc) {
  const out = [doc.title];
  const cell = (c) => (typeof c === "string" ? c : c.text);
  const block = (b) => {
    if (b.type === "p") out.push(b.text);
    else if (b.type === "field") out.push(`${b.label}: ${b.text}`);
    else if (b.type === "answer") out.push(b.heading, String(b.text ?? "").trim() ? b.text : NOT_WRITTEN);
    else if (b.type === "checklist") out.push(`${b.label}:`, ...b.items.map((i) => `[${i.checked ? "x" : " "}] ${i.label}`));
    else if (b.type === "list") b.items.forEach((i) => (typeof i === "string" ? out.push(i) : out.push(i.text, ...(i.items || []))));
    else if (b.type === "table") [b.head, ...b.rows, b.foot].forEach((row) => out.push(...row.map(cell)));
  };
  doc.blocks.forEach(block);
  for (const section of doc.sections) {
    out.push(section.heading);
    section.blocks.forEach(block);
    for (const sub of section.subsections) {
      out.push(sub.heading);
      sub.blocks.forEach(block);
    }
  }
  return flat(out.join(" "));
}
const flat = (text) => text.replace(/\s+/g, " ").trim();
const STRUCTURE = ["h1", "h2", "h3", "p", "strong", "em", "br", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"];

// Every learner string, and the course strings (page and activity titles), set to `text`.
function awkward(text) {
  const manifest = structuredClone(MANIFEST);
  manifest.pages[0].title = text;
  manifest.pages[0].activities[1].title = text;
  manifest.pages[1].activities[1].title = text;
  const account = { nmc: { nature: text, learned: text, changed: text, code: text }, hcpc: { activity: text, learned: text, improved: text, benefits: text } };
  const edits = {
    details: { name: text, body: "other", bodyOther: text, summary: text },
    accounts: { "welcome-reflection": account, "wellbeing-reflection": account },
    log: { "book/welcome": { link: text, hours: -1 }, "book/wellbeing": { link: text } },
  };
  return documentOf(portfolio({ edits, manifest }));
}

test("awkward text in every learner and course string renders back as the literal text", () => {
  for (const text of [...CORPUS, "[x](javascript:alert(1))", "a [x](javascript:alert(1)) b\n```\nafter"]) {
    const doc = awkward(text);
    const md = markdownOf(doc);
    const html = markdownIt.render(md);
    const context = JSON.stringify(text);
    assertOnlyTags(html, STRUCTURE, context);
    assert.ok(!/href="\s*javascript:/i.test(html), `no javascript: link (${context})`);
    assert.equal(flat(textOf(html)), plainText(doc), context);
    // The structure is the record's own: five sections, two accounts in each of two.
    const headings = (level) => [...html.matchAll(new RegExp(`<h${level}>([\\s\\S]*?)</h${level}>`, "g"))].map((m) => flat(textOf(m[1])));
    assert.deepEqual(headings(2), ["About me", "Statement of completion", "CPD log", "NMC reflective accounts", "HCPC CPD profile"], context);
    assert.equal(headings(3).length, 4, context);
    assert.equal((html.match(/<table>/g) || []).length, 1, context);
    assert.equal((html.match(/<tr>/g) || []).length, 5, `the table keeps its rows (${context})`);
  }
});

test("each block renders as its own text in commonmark.js too (tables aside)", () => {
  for (const text of CORPUS) {
    const doc = awkward(text);
    const blocks = [...doc.blocks, ...doc.sections.flatMap((s) => [...s.blocks, ...s.subsections.flatMap((sub) => sub.blocks)])];
    for (const block of blocks.filter((b) => b.type !== "table")) {
      const html = RENDERERS.commonmark(blockMarkdown(block));
      assertOnlyTags(html, STRUCTURE, JSON.stringify(text));
      assert.equal(flat(textOf(html)), plainText({ title: "", blocks: [block], sections: [] }), `${block.type}: ${JSON.stringify(text)}`);
    }
  }
});

test("the print model is the same document, with no markup in it", () => {
  const doc = documentOf(portfolio());
  assert.deepEqual(doc.sections.map((s) => s.heading), ["About me", "Statement of completion", "CPD log", "NMC reflective accounts", "HCPC CPD profile"]);
  assert.deepEqual(doc.sections[1].blocks[0], { type: "p", text: "Self-declared by the learner; not verified by the course.", note: true });
  const strings = JSON.stringify(doc).match(/"(?:[^"\\]|\\.)*"/g);
  assert.ok(!strings.some((s) => s.includes("<")), "no markup in the print model");
});

test("learner texts for the privacy check, and findings with their certainty", () => {
  const edits = { ...EDITS, accounts: { "welcome-reflection": { nmc: { nature: "I met her near NG7 2UH.", code: "Dr patel agreed." } } } };
  const texts = learnerTexts(documentOf(portfolio({ edits })));
  const wheres = texts.map((t) => t.where);
  assert.ok(wheres.includes("About you: summary of practice"));
  assert.ok(wheres.includes('Reflective account 1 ("Why are you taking this course?"): The nature of the CPD activity, feedback or event'));
  assert.ok(wheres.includes('CPD log: link to practice for "Mental well-being and groups"'));
  assert.ok(!texts.some((t) => t.text.includes("Alex Example")), "the learner's own name is not checked");
  const findings = findingsIn(texts);
  const postcodes = findings.filter((f) => f.kind === "postcode");
  assert.deepEqual(postcodes.map((f) => [f.text, f.certainty]), [["NG7 2UH", "likely"]]);
  assert.ok(postcodes[0].where.startsWith("Reflective account 1"));
  assert.match(postcodes[0].why, /postcode/);
  const possible = findings.filter((f) => f.certainty === "possible");
  assert.deepEqual(possible.map((f) => [f.text, f.label]), [["Dr patel", "possible name with a title"]]);
  assert.ok(!findings.some((f) => f.kind === "date"), "the record's own dates are not the learner's text");
});

// ---------------------------------------------------------------------------- backups

const MIXED = "Croeso! Diolch yn fawr \u2014 \u0175 \u0177. \u0645\u0631\u062d\u0628\u0627 \u4f60\u597d e\u0301 \u{1F600}\u{1F469}\u{1F3FD}\u200d\u2695\ufe0f \"quotes\" \\ back\\slash\n\ttabs ";

test("a backup round-trips every course item exactly, set-aside entries included", () => {
  const big = MIXED.repeat(Math.ceil(50000 / MIXED.length)).slice(0, 50000);
  const items = {
    "reflection:welcome-reflection": JSON.stringify({ v: 2, texts: { gibbs: { description: big } } }),
    "check:welcome-a": '{"v":2,"complete":true,"selected":[0,2]}',
    "check:x:unreadable:1700000000000": "{not json at all",
    portfolio: '{"v":2,"details":{"name":"A"}}',
  };
  const data = JSON.parse(makeBackup(items, GENERATED));
  assert.deepEqual([data.format, data.version, data.exported, data.count], ["selfhelp-course-backup", 1, GENERATED, 4]);
  assert.deepEqual(Object.keys(data.items), Object.keys(items).sort().map((k) => `selfhelp-course:${k}`));
  const parsed = parseBackup(makeBackup(items, GENERATED));
  assert.equal(parsed.ok, true);
  assert.equal(parsed.count, 4);
  assert.deepEqual(parsed.items, items);
  assert.deepEqual(parseBackup(makeBackup({}, GENERATED)), { ok: true, items: {}, exported: GENERATED, count: 0 });
  const withMeta = JSON.stringify({ format: "selfhelp-course-backup", version: 1, items: { "selfhelp-course:meta": '{"generation":9}', "selfhelp-course:check:a": "{}" } });
  assert.deepEqual(parseBackup(withMeta).items, { "check:a": "{}" }, "the store's own bookkeeping is not imported");
  assert.equal(parseBackup(`\ufeff${makeBackup({ "check:a": "{}" }, GENERATED)}`).ok, true, "a byte order mark is fine");
});

const GOOD = { format: "selfhelp-course-backup", version: 1, exported: GENERATED, count: 1, items: { "selfhelp-course:check:a": '{"v":1}' } };
const without = (key) => Object.fromEntries(Object.entries(GOOD).filter(([k]) => k !== key));
const REFUSED = [
  ["", "empty", "empty"],
  ["   \n", "empty", "empty"],
  ["this is not json", "not-json", "not readable as JSON"],
  ['{"format": "selfhelp-course-backup", "version": 1, "items": {', "not-json", "not readable as JSON"],
  ["[1, 2, 3]", "foreign", "not a backup from this course"],
  ["null", "foreign", "not a backup from this course"],
  ['"selfhelp-course-backup"', "foreign", "not a backup from this course"],
  [JSON.stringify({ settings: { theme: "dark" }, version: 1 }), "foreign", "not a backup from this course"],
  [JSON.stringify({ ...GOOD, format: "another-app-backup" }), "foreign", "another app"],
  [JSON.stringify({ ...GOOD, version: 2 }), "version", "newer version of the course (backup version 2)"],
  [JSON.stringify({ ...GOOD, version: "1" }), "version", 'does not recognise ("1")'],
  [JSON.stringify(without("version")), "version", "does not recognise (null)"],
  [JSON.stringify({ ...GOOD, items: null }), "malformed", "list of saved items is missing"],
  [JSON.stringify({ ...GOOD, items: [["selfhelp-course:a", "1"]] }), "malformed", "list of saved items is missing"],
  [JSON.stringify({ ...GOOD, items: { "other:key": "1" } }), "malformed", "does not belong to the course"],
  [JSON.stringify({ ...GOOD, items: { "selfhelp-course:": "1" } }), "malformed", "does not belong to the course"],
  [JSON.stringify({ ...GOOD, items: { "selfhelp-course:a": { v: 1 } } }), "malformed", "not in the right form"],
  [JSON.stringify({ ...GOOD, items: { "selfhelp-course:a": null } }), "malformed", "not in the right form"],
  [JSON.stringify({ ...GOOD, count: 3 }), "malformed", "fewer or more items"],
  [JSON.stringify({ ...GOOD, exported: 5 }), "malformed", "date is not in the right form"],
];

test("an import refuses malformed, foreign and wrong-version files, and says nothing changed", () => {
  for (const [text, reason, words] of REFUSED) {
    const parsed = parseBackup(text);
    assert.equal(parsed.ok, false, text);
    assert.equal(parsed.reason, reason, text);
    assert.ok(parsed.message.includes(words), `${text}: ${parsed.message}`);
    assert.ok(parsed.message.endsWith("Nothing on this device has been changed."));
    assert.ok(!("items" in parsed));
  }
  assert.equal(parseBackup(null).reason, "empty");
});

test("backup texts for the privacy check: reflections, portfolio text and what cannot be read", () => {
  const items = {
    "reflection:welcome-reflection": JSON.stringify({ v: 2, framework: "gibbs", texts: { gibbs: { description: "Near NG7 2UH", feelings: "" } } }),
    portfolio: JSON.stringify({ details: { name: "Dr Jane Smith", summary: "Ward 5" }, accounts: { constructor: { hcpc: { benefits: "B" } } }, log: { "book/welcome": { link: "L", hours: "2", refused: "2 with Mrs Jones" } } }),
    "check:a": JSON.stringify({ v: 2, selected: [1] }),
    "reflection:x:unreadable:1": "raw 943 476 5919",
    "check:b": "{broken",
  };
  const titles = Object.assign(Object.create(null), { "welcome-reflection": "Why?" });
  assert.deepEqual(backupTexts(items, titles, FRAMEWORKS), [
    { where: "A saved entry that cannot be read (check:b)", text: "{broken" },
    { where: "Portfolio: summary of practice", text: "Ward 5" },
    { where: 'Portfolio, HCPC entry for "constructor": How it benefits service users', text: "B" },
    { where: "Portfolio, CPD log (book/welcome): link to practice", text: "L" },
    { where: "Portfolio, CPD log (book/welcome): hours typed, not yet valid", text: "2 with Mrs Jones" },
    { where: 'Reflection "Why?": Description', text: "Near NG7 2UH" },
    { where: "An unreadable saved entry kept aside", text: "raw 943 476 5919" },
  ]);
});

test("the fixtures' reflections are in the record", () => {
  const md = markdown();
  for (const text of [GIBBS.description, NMC.learned, "Edited: I changed how I signpost."]) assert.ok(md.includes(text), text);
});

// ---------------------------------------------------------------------------- other regulators

const NEW_BODIES = ["swe", "scw", "sssc", "niscc", "gmc"];
const withBody = (body, accounts = EDITS.accounts) => ({ ...EDITS, details: { ...EDITS.details, body }, accounts });

test("each regulator chosen exports its own record in place of the NMC account and HCPC entry", () => {
  for (const body of NEW_BODIES) {
    const doc = documentOf(portfolio({ edits: withBody(body) }));
    const info = FORM_INFO[body];
    assert.deepEqual(doc.sections.map((s) => s.heading), ["About me", "Statement of completion", "CPD log", info.section], body);
    const section = doc.sections[3];
    assert.equal(section.blocks[0].text, info.rule, body);
    assert.deepEqual(section.subsections.map((s) => s.heading), [`${info.entry} 1: Why are you taking this course?`, `${info.entry} 2: How a group seemed to help`]);
    const md = markdownOf(doc);
    for (const field of FORMS[body]) assert.equal(md.split(`**${field.heading}**`).length - 1, 2, `${body}: ${field.heading}`);
    assert.ok(!md.includes("## NMC reflective accounts") && !md.includes("## HCPC CPD profile"), body);
    assert.ok(md.includes(`**Registration body:** ${BODIES.find((b) => b.id === body).label}`), body);
  }
  // The old choices keep meaning what they did.
  for (const body of ["nmc", "hcpc", "other", ""]) {
    assert.deepEqual(documentOf(portfolio({ edits: withBody(body) })).sections.map((s) => s.heading).slice(3), ["NMC reflective accounts", "HCPC CPD profile"], body);
  }
});

test("Social Work England: the form's fields, the peer discussion and how many pieces have one", () => {
  const md = markdown({ edits: withBody("swe") });
  assert.ok(md.includes("*Not written yet.*"), "no peer discussion is invented");
  assert.ok(md.includes("A peer reflection is written for 0 of 2 pieces of CPD here."));
  const peer = "My practice educator and I talked about letting the group lead.";
  const doc = documentOf(portfolio({ edits: withBody("swe", { "wellbeing-reflection": { swe: { peer } } }) }));
  const section = doc.sections[3];
  assert.equal(section.blocks[1].text, "A peer reflection is written for 1 of 2 pieces of CPD here.");
  const second = section.subsections[1].blocks;
  assert.deepEqual(second.find((b) => b.heading === "What you learnt from discussing this CPD activity with a peer"),
    { type: "answer", heading: "What you learnt from discussing this CPD activity with a peer", text: peer, learner: true, where: 'Piece of CPD 2 ("How a group seemed to help"): What you learnt from discussing this CPD activity with a peer' });
  assert.deepEqual(second.find((b) => b.type === "field"), { type: "field", label: "Date (when the reflection was last saved)", text: "5 March 2025" });
  assert.ok(second.some((b) => b.heading === "What you learnt from doing the activity" && b.text === NMC.learned));
});

test("Social Care Wales and NISCC records print the CPD log's hours for the page, never recalculated", () => {
  for (const body of ["scw", "niscc"]) {
    const doc = documentOf(portfolio({ edits: withBody(body) }));
    const fields = doc.sections[3].subsections.map((s) => s.blocks.find((b) => b.label === "How long").text);
    assert.deepEqual(fields, [
      'The CPD log\'s time for the page "Welcome": 0 h 20 min',
      'The CPD log\'s time for the page "Mental well-being and groups": 1 h 30 min',
    ], body);
    const names = doc.sections[3].subsections.map((s) => s.blocks.find((b) => b.label === "Name of the training or learning").text);
    assert.deepEqual(names, ["Supporting Self-Help Groups (online course): Welcome", "Supporting Self-Help Groups (online course): Mental well-being and groups"]);
    const odd = documentOf(portfolio({ edits: { ...withBody(body), log: { "book/wellbeing": { hours: 0.35 } } } }));
    assert.ok(odd.sections[3].subsections[1].blocks.some((b) => b.label === "How long" && b.text.endsWith(": 0 h 21 min")), "hours as the log prints them");
    // A reflection on a page not yet in the log counts no hours, and says so.
    const notDone = { v: 2, complete: false, attempted: true, updated: "2025-03-01T12:00:00.000Z" };
    const entries = { ...ENTRIES, "check:welcome-a": notDone, "reflection:welcome-reflection": { ...ENTRIES["reflection:welcome-reflection"], complete: false } };
    const early = documentOf(portfolio({ edits: withBody(body), entries }));
    assert.match(early.sections[3].subsections[0].blocks.find((b) => b.label === "How long").text, /^None counted yet/);
    // A page in the log whose activities are not all done counts nothing yet, and says why.
    const partly = { ...ENTRIES, "check:welcome-a": notDone };
    assert.equal(documentOf(portfolio({ edits: withBody(body), entries: partly })).sections[3].subsections[0].blocks.find((b) => b.label === "How long").text,
      'The CPD log\'s time for the page "Welcome": 0 h 0 min so far (a page counts its time once all its activities are completed)');
  }
  // The SSSC, Social Work England and the GMC ask for no hours, so none are printed per entry.
  for (const body of ["swe", "sssc", "gmc"]) {
    assert.ok(!markdown({ edits: withBody(body) }).includes("**How long:**"), body);
  }
  // In the Markdown file the hours read as the log writes them, with no escape in the number.
  assert.ok(markdown({ edits: withBody("niscc") }).includes('**How long:** The CPD log\'s time for the page "Mental well-being and groups": 1 h 30 min'));
});

test("awkward text in every other regulator's form renders back as the literal text", () => {
  for (const body of NEW_BODIES) {
    for (const text of [...CORPUS, "[x](javascript:alert(1))", "a [x](javascript:alert(1)) b\n```\nafter"]) {
      const manifest = structuredClone(MANIFEST);
      manifest.pages[0].title = text;
      manifest.pages[0].activities[1].title = text;
      const form = Object.fromEntries(FORMS[body].map((f) => [f.id, text]));
      const edits = { details: { name: text, body, summary: text }, accounts: { "welcome-reflection": { [body]: form }, "wellbeing-reflection": { [body]: form } }, log: {} };
      const doc = documentOf(portfolio({ edits, manifest }));
      const html = markdownIt.render(markdownOf(doc));
      const context = `${body}: ${JSON.stringify(text)}`;
      assertOnlyTags(html, STRUCTURE, context);
      assert.ok(!/href="\s*javascript:/i.test(html), `no javascript: link (${context})`);
      assert.equal(flat(textOf(html)), plainText(doc), context);
      assert.equal((html.match(/<h3>/g) || []).length, 2, context);
      const texts = learnerTexts(doc).filter((t) => t.text === text);
      assert.equal(texts.length, text.trim() ? 1 + 2 * FORMS[body].length : 0, `every field goes to the privacy check (${context})`);
    }
  }
});

test("another regulator's record survives a backup and an import exactly", () => {
  const stored = JSON.stringify({ v: 2, page: "book/portfolio", details: { body: "swe" },
    accounts: { "welcome-reflection": { nmc: {}, hcpc: {}, swe: { peer: `Peer <b>talk</b> ${MIXED}` }, gmc: { pdp: "Plan | next" } } }, log: {} });
  const items = { portfolio: stored, "reflection:welcome-reflection": ENTRIES["reflection:welcome-reflection"] && JSON.stringify(ENTRIES["reflection:welcome-reflection"]) };
  const parsed = parseBackup(makeBackup(items, GENERATED));
  assert.deepEqual(parsed.items, items);
  const edits = cleanEdits(JSON.parse(parsed.items.portfolio));
  assert.equal(edits.details.body, "swe");
  assert.equal(edits.accounts["welcome-reflection"].swe.peer, `Peer <b>talk</b> ${MIXED}`);
  const md = markdownOf(documentOf(assemble({ generated: GENERATED, edits, frameworks: FRAMEWORKS, manifest: MANIFEST, entries: ENTRIES })));
  assert.ok(md.includes("## Social Work England CPD"));
  const titles = Object.assign(Object.create(null), { "welcome-reflection": "Why?" });
  const wheres = backupTexts(items, titles, FRAMEWORKS).map((t) => t.where);
  assert.ok(wheres.includes('Portfolio, Social Work England record for "Why?": What you learnt from discussing this CPD activity with a peer'));
  assert.ok(wheres.includes('Portfolio, GMC appraisal reflection for "Why?": Learning needs to take into your personal development plan'));
});
