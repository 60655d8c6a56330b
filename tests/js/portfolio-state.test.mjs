// The CPD portfolio's pure state: the learner's own fields (state.js), the draft accounts from a
// reflection's feeds (prefill.js) and the record assembled from what the pages saved (record.js).
import { test } from "node:test";
import assert from "node:assert/strict";

import { checkParticipatory } from "../../src/selfhelp_course/js/portfolio/hours.js";
import { FEED_TARGETS, FORMS, activityLine } from "../../src/selfhelp_course/js/widgets/portfolio/forms.js";
import { partsOf, prefill, prefillFromFeeds, sourceFramework, themesIn } from "../../src/selfhelp_course/js/widgets/portfolio/prefill.js";
import { assemble, describeKey, longDate, savedReflections, setAsideSummary } from "../../src/selfhelp_course/js/widgets/portfolio/record.js";
import { cleanEdits, editField, emptyEdits, entryValue, readHours } from "../../src/selfhelp_course/js/widgets/portfolio/state.js";
import { EDITS, ENTRIES, FRAMEWORKS, GIBBS, MANIFEST, NMC } from "./portfolio-fixtures.mjs";

const GENERATED = "2025-04-01T12:00:00.000Z";
const record = (edits = EDITS, entries = ENTRIES) => assemble({ generated: GENERATED, edits: cleanEdits(edits), frameworks: FRAMEWORKS, manifest: MANIFEST, entries });
const plain = (value) => JSON.parse(JSON.stringify(value));

test("the feed targets are the NMC account's four answers and the HCPC entry's four", () => {
  assert.deepEqual(FEED_TARGETS, ["nmc.nature", "nmc.learned", "nmc.changed", "nmc.code", "hcpc.activity", "hcpc.learned", "hcpc.improved", "hcpc.benefits"]);
  // Every field the facts name has a heading on its form, and no form field is unnamed.
  const formFields = Object.entries(FORMS).flatMap(([form, fields]) => fields.map((f) => `${form}.${f.id}`));
  assert.deepEqual(formFields, [...FEED_TARGETS]);
  assert.equal(activityLine({ kind: "check", id: "a", title: "Which?" }), "Knowledge check: Which?");
  assert.equal(activityLine({ kind: "reflection", id: "r", title: "" }), "Reflection: r");
});

// ---------------------------------------------------------------------------- the learner's fields

test("cleanEdits keeps only known fields, and ids are only keys", () => {
  const raw = JSON.parse(`{"details": {"name": 5, "summary": "S", "evil": "x"},
    "accounts": {"__proto__": {"nmc": {"nature": "N", "themes": ["preserve-safety", "nope"], "x": 1}},
                 "constructor": {"hcpc": {"benefits": "B"}}, "r": "not an object"},
    "log": {"book/x": {"hours": "1.3", "participatory": "yes", "link": "L"}, "book/y": {"hours": -2}, "book/z": {"hours": {}}},
    "conflicts": {"[\\"details\\",\\"summary\\"]": {"path": ["details", "summary"], "versions": ["T"]}}}`);
  const value = entryValue(cleanEdits(raw));
  assert.deepEqual(value, JSON.parse(`{"v": 2, "page": "book/portfolio", "details": {"summary": "S"},
    "accounts": {"__proto__": {"nmc": {"nature": "N", "themes": ["preserve-safety"]}, "hcpc": {}},
                 "constructor": {"nmc": {}, "hcpc": {"benefits": "B"}}},
    "log": {"book/x": {"hours": "1.3", "link": "L"}, "book/y": {"hours": -2}, "book/z": {}},
    "conflicts": {"[\\"details\\",\\"summary\\"]": {"path": ["details", "summary"], "versions": ["T"]}}}`));
  assert.equal(Object.getPrototypeOf(cleanEdits(raw).accounts), null);
  for (const bad of [null, [], "x", 3]) assert.deepEqual(entryValue(cleanEdits(bad)), { v: 2, page: "book/portfolio", details: {}, accounts: {}, log: {} });
});

test("editField changes one field in new objects, and removes with undefined", () => {
  const before = cleanEdits(EDITS);
  const snapshot = JSON.stringify(entryValue(before));
  const after = editField(before, ["accounts", "constructor", "nmc", "learned"], "L");
  assert.equal(after.accounts.constructor.nmc.learned, "L");
  assert.equal(JSON.stringify(entryValue(before)), snapshot, "the old edits are unchanged");
  const themed = editField(after, ["accounts", "welcome-reflection", "nmc", "themes"], ["preserve-safety"]);
  assert.deepEqual(plain(themed.accounts["welcome-reflection"].nmc), { changed: "Edited: I changed how I signpost.", themes: ["preserve-safety"] });
  const refilled = editField(themed, ["accounts", "welcome-reflection"], undefined);
  assert.ok(!("welcome-reflection" in refilled.accounts));
  const emptied = editField(before, ["log", "book/wellbeing", "hours"], undefined);
  assert.deepEqual(plain(emptied.log), { "book/wellbeing": { participatory: true, link: "Used in | team meeting\nnext week" } });
  const conflicts = { k: { path: ["details", "name"], versions: ["B"] }, j: { path: ["accounts", "r", "nmc", "code"], versions: ["C"] } };
  const withConflicts = { ...emptyEdits(), conflicts };
  assert.deepEqual(editField(withConflicts, ["details", "name"], "A").conflicts, conflicts, "typing settles nothing");
  assert.deepEqual(editField(withConflicts, ["accounts", "r"], undefined).conflicts, { k: conflicts.k }, "filling in again drops that account's versions");
  assert.deepEqual(editField(withConflicts, ["log", "book/x"], undefined).conflicts, conflicts);
  assert.ok(!("conflicts" in editField({ ...emptyEdits(), conflicts: { j: conflicts.j } }, ["accounts", "r"], undefined)));
});

test("hours as typed: what is meant is stored, the rest refused with a message, empty means the estimate", () => {
  const cases = [
    ["2,5", 2.5, "Recorded as 2.5 hours (2 hours 30 minutes)."],
    ["0.1", 0.1, "Recorded as 0.1 hours (6 minutes)."],
    ["1h30", 1.5, "Recorded as 1.5 hours (1 hour 30 minutes)."],
    ["90 min", 1.5, "Recorded as 1.5 hours (1 hour 30 minutes)."],
    ["2", 2, ""],
  ];
  for (const [typed, hours, note] of cases) assert.deepEqual(readHours(typed, 0.25), { ok: true, hours, note }, typed);
  for (const [typed, words] of [["-1", "cannot be negative"], ["1e3", "ordinary number"], ["25", "more than 24 hours"], ["lots", "Enter the time"], ["1.30", "Did you mean"]]) {
    const read = readHours(typed, 0.25);
    assert.equal(read.ok, false, typed);
    assert.match(read.message, new RegExp(words), typed);
  }
  assert.deepEqual(readHours("  ", 0.25), { ok: true, hours: undefined, note: "Left empty, so the course's estimate is used: 0 h 15 min." });
  assert.equal(readHours("", 25 / 60).note, "Left empty, so the course's estimate is used: 0 h 25 min.", "never a quarter hour (issue 21, defect 4)");
});

// ---------------------------------------------------------------------------- prefill from feeds

test("prefillFromFeeds: parts without feeds fill nothing; several parts feeding one field join in order", () => {
  const parts = [
    { id: "a", text: "First.", feeds: ["nmc.learned", "hcpc.learned"] },
    { id: "b", text: "Not fed anywhere.", feeds: [] },
    { id: "c", text: "  Second.  ", feeds: ["nmc.learned", "nmc.learned"] },
    { id: "d", text: "   ", feeds: ["nmc.code"] },
    { id: "e", text: "Benefits.", feeds: ["hcpc.benefits"] },
  ];
  assert.deepEqual(prefillFromFeeds(parts), {
    nmc: { nature: "", learned: "First.\n\nSecond.", changed: "", code: "" },
    hcpc: { activity: "", learned: "First.", improved: "", benefits: "Benefits." },
  });
  assert.deepEqual(prefillFromFeeds([]).nmc, { nature: "", learned: "", changed: "", code: "" });
});

test("partsOf: the course's parts in order with their known feeds, then parts it no longer has", () => {
  const framework = { id: "f", parts: [{ id: "x", heading: "X", feeds: ["nmc.nature", "nmc.unknown"] }, { id: "y", heading: "Y" }] };
  const entry = { texts: { f: { old: "Old part", y: "Why", x: "Ex", n: 5 } } };
  assert.deepEqual(partsOf(entry, "f", [framework]), [
    { id: "x", heading: "X", text: "Ex", feeds: ["nmc.nature"] },
    { id: "y", heading: "Y", text: "Why", feeds: [] },
    { id: "old", heading: "old", text: "Old part", feeds: [] },
  ]);
});

test("prefill: the framework written in, mapped by its feeds (as the old hard-coded map did)", () => {
  const gibbs = prefill({ framework: "gibbs", texts: { gibbs: GIBBS } }, FRAMEWORKS);
  assert.deepEqual(gibbs.nmc, { nature: GIBBS.description, learned: `${GIBBS.analysis}\n\n${GIBBS.conclusion}`, changed: GIBBS["action-plan"], code: "", themes: [] });
  assert.deepEqual(gibbs.hcpc, { activity: GIBBS.description, learned: gibbs.nmc.learned, improved: GIBBS["action-plan"], benefits: "" });
  const cases = [
    [{ framework: "rolfe", texts: { rolfe: { what: "W", "so-what": "S", "now-what": "N" } } }, { nature: "W", learned: "S", changed: "N", code: "", themes: [] }],
    // The framework last chosen has nothing written: the one with text is used.
    [{ framework: "nmc", texts: { nmc: { nature: "  " }, rolfe: { what: "W" } } }, { nature: "W", learned: "", changed: "", code: "", themes: [] }],
    // A framework the course no longer offers has no feeds: nothing is filled in (the text stays
    // in "your reflection as written").
    [{ framework: "old", texts: { old: { a: "A", b: "B" } } }, { nature: "", learned: "", changed: "", code: "", themes: [] }],
    [{ framework: "nmc", texts: { nmc: { code: "To PRESERVE SAFETY and promote professionalism." } } },
      { nature: "", learned: "", changed: "", code: "To PRESERVE SAFETY and promote professionalism.", themes: ["preserve-safety", "promote-professionalism"] }],
    [{ texts: "not an object" }, { nature: "", learned: "", changed: "", code: "", themes: [] }],
  ];
  for (const [entry, nmc] of cases) assert.deepEqual(prefill(entry, FRAMEWORKS).nmc, nmc, JSON.stringify(entry));
  assert.equal(sourceFramework({ framework: "old", texts: { old: { a: "A" } } }, FRAMEWORKS), "old");
  assert.equal(sourceFramework(null, FRAMEWORKS), "");
  assert.deepEqual(themesIn([{ text: "We prioritize people" }, { text: "and practice effectively" }]), ["prioritise-people", "practise-effectively"]);
});

// ---------------------------------------------------------------------------- the record

test("accounts are drafted from the reflection and the learner's edits win", () => {
  const p = record();
  const [gibbs, nmc] = p.accounts;
  assert.equal(gibbs.framework, "gibbs");
  assert.equal(gibbs.nmc.nature, GIBBS.description);
  assert.equal(gibbs.nmc.changed, "Edited: I changed how I signpost.");
  assert.equal(gibbs.prefill.nmc.changed, GIBBS["action-plan"], "the draft stays available");
  assert.equal(gibbs.edited.nmc.changed, true);
  assert.equal(gibbs.edited.nmc.nature, false);
  assert.deepEqual(gibbs.hcpc, { activity: GIBBS.description, learned: gibbs.nmc.learned, improved: GIBBS["action-plan"], benefits: "" });
  assert.deepEqual(gibbs.original.map((part) => part.heading), FRAMEWORKS[0].parts.map((part) => part.heading));
  assert.deepEqual(nmc.nmc, { ...NMC, themes: ["prioritise-people", "practise-effectively"] });
  assert.equal(nmc.pageTitle, "Mental well-being and groups");
  assert.deepEqual(savedReflections(MANIFEST, { "reflection:welcome-reflection": { texts: { gibbs: { a: " " } } } }), []);
});

test("the log has a row for each page with something completed; only a completed page counts its time", () => {
  const p = record();
  const min = (hours) => Math.round(hours * 60);
  assert.deepEqual(p.log.map((row) => [row.page, row.completed, row.total, row.complete, min(row.estimate), min(row.hours), min(row.participatoryHours)]), [
    ["book/welcome", 2, 2, true, 20, 20, 0], // 20 minutes as stated, not 0.25 h (issue 21, defect 4)
    ["book/wellbeing", 2, 4, false, 0, 90, 90], // the learner's own hours
    ["case_studies/carers-group", 0, 0, true, 30, 30, 0], // marked as read
  ]);
  assert.ok(!p.log.some((row) => row.page === "book/commissioners"), "a page with only attempts has no row");
  const wellbeing = p.log[1];
  assert.equal(wellbeing.attempted, 1);
  assert.deepEqual(wellbeing.activities.map((a) => a.id), ["wellbeing-a", "wellbeing-reflection"], "only completed activities are listed");
  assert.equal(wellbeing.date, "2025-03-05T12:00:00.000Z", "dated by the last completed activity, not the last attempt");
  assert.equal(p.log[2].date, "2025-03-20T09:00:00.000Z");
  assert.deepEqual({ ...p.totals, hours: min(p.totals.hours) }, { hours: 140, participatory: 1.5, activitiesCompleted: 4, activitiesTotal: 7, pagesDone: 2, pagesTotal: 4 });
  assert.deepEqual(p.attempted.map((a) => [a.id, a.pageTitle]), [["wellbeing-b", "Mental well-being and groups"], ["commissioners-a", "Commissioners"]]);
});

test("hours saved that the record cannot use are reported, not repaired, and the estimate is shown", () => {
  for (const bad of [-2, 25, 0.123, "1 to 2", "lots"]) {
    const row = record({ log: { "book/welcome": { hours: bad } } }).log[0];
    assert.equal(row.hours, 20 / 60, JSON.stringify(bad));
    assert.equal(row.own, null);
    assert.match(row.hoursProblem, /are not a time the record can use/);
  }
  const fine = record({ log: { "book/welcome": { hours: 0.1 } } }).log[0];
  assert.deepEqual([fine.hours, fine.own, fine.hoursProblem], [0.1, 0.1, ""]);
});

test("hours are kept as typed; a refused value is kept apart with its message until it is changed (issue 21, defects 5 and 6)", () => {
  const row = (edit) => record({ log: { "book/welcome": edit } }).log[0];
  for (const [typed, hours] of [["1h30", 1.5], ["2,5", 2.5], ["0:25", 25 / 60], ["0 h 25 min", 25 / 60]]) {
    const r = row({ hours: typed });
    assert.deepEqual([r.typed, r.own, r.hours, r.hoursProblem, r.refused], [typed, hours, hours, "", null], typed);
  }
  const emptied = row({ hours: "" });
  assert.deepEqual([emptied.typed, emptied.own, emptied.hours, emptied.hoursProblem], ["", null, 20 / 60, ""], "empty: the estimate");
  const refused = row({ hours: "2", refused: "2 to 3" });
  assert.deepEqual([refused.own, refused.hours, refused.typed], [2, 2, "2"], "the last valid time still counts");
  assert.deepEqual(refused.refused, { text: "2 to 3", message: "Enter one amount of time, not a range: for example 1.5 for an hour and a half." });
  const alone = row({ refused: "-1" });
  assert.deepEqual([alone.own, alone.hours, alone.refused.text], [null, 20 / 60, "-1"]);
  assert.equal(row({ hours: "2", refused: "3" }).refused, null, "a refused text that reads well is not shown as refused");
  const clean = cleanEdits({ log: { "book/welcome": { hours: "1h30", refused: "1 to 2", other: 3 } } });
  assert.deepEqual({ ...clean.log["book/welcome"] }, { hours: "1h30", refused: "1 to 2" });
});

test("participatory hours never exceed the hours, row by row and in total", () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const values = [undefined, 0, 0.1, 0.25, 1.5, 24, -1, "x", 30, 1 / 3];
  for (let i = 0; i < 300; i += 1) {
    const log = {};
    for (const page of ["book/welcome", "book/wellbeing", "case_studies/carers-group"]) {
      const hours = values[Math.floor(next() * values.length)];
      log[page] = { participatory: next() < 0.5, ...(hours === undefined ? {} : { hours }) };
    }
    const p = record({ log });
    for (const row of p.log) assert.ok(checkParticipatory(row.hours, row.participatoryHours).ok, JSON.stringify(row));
    assert.ok(p.totals.participatory <= p.totals.hours, JSON.stringify(log));
  }
});

test("nothing saved: an empty record", () => {
  const p = record({}, {});
  assert.deepEqual([p.accounts, p.log, p.attempted], [[], [], []]);
  assert.deepEqual(p.details, { name: "", body: "", bodyOther: "", summary: "" });
  assert.equal(record({ details: { body: "gmc" } }).details.body, "", "an unknown regulator is not shown");
});

test("entries set aside are described in words", () => {
  assert.equal(setAsideSummary([], MANIFEST), null);
  const when = Date.parse("2026-11-30T10:00:00Z");
  const one = setAsideSummary([{ key: "reflection:welcome-reflection:unreadable:1", from: "reflection:welcome-reflection", when }], MANIFEST);
  assert.deepEqual(one, {
    title: "1 saved entry could not be read and was set aside:",
    items: ["Reflection \u201cWhy are you taking this course?\u201d on the page \u201cWelcome\u201d, set aside on 30 November 2026"],
    note: "It is kept unchanged in this browser and included in your backup (JSON), but not counted in this record.",
  });
  const two = setAsideSummary([{ from: "portfolio", when: null }, { from: "read:case_studies/carers-group", when: "x" }], MANIFEST);
  assert.equal(two.title, "2 saved entries could not be read and were set aside:");
  assert.deepEqual(two.items, ["your portfolio changes", "the \u201cread\u201d mark of the page \u201cA carers' group\u201d"]);
  assert.equal(describeKey("check:gone", MANIFEST), "a saved entry (check:gone)");
  assert.equal(longDate("not a date"), "");
  assert.equal(longDate("2025-03-01T12:00:00.000Z"), "1 March 2025");
});
