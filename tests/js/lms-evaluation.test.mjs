// The course evaluation in an LMS (src/selfhelp_course/js/lms/bridge/evaluation.js, through
// connect.js): the learner's ratings as likert interactions in both SCORM editions, with a
// synthetic manifest and entry written from contracts.md (the evaluation widget is built
// elsewhere), the real store over in-memory storage and a stand-in LMS for each edition.
import assert from "node:assert/strict";
import { test } from "node:test";

import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { evaluationRatings, likertResponse, likertValues } from "../../src/selfhelp_course/js/lms/bridge/cmi.js";
import { connectCourse } from "../../src/selfhelp_course/js/lms/bridge/connect.js";
import { openSession } from "../../src/selfhelp_course/js/lms/bridge/session.js";
import { decode } from "../../src/selfhelp_course/js/lms/bridge/suspend.js";
import { confidenceOf, includeInStatement } from "../../src/selfhelp_course/js/widgets/portfolio/confidence.js";
import { documentOf } from "../../src/selfhelp_course/js/widgets/portfolio/document.js";
import { markdownOf } from "../../src/selfhelp_course/js/widgets/portfolio/export-markdown.js";
import { assemble } from "../../src/selfhelp_course/js/widgets/portfolio/record.js";
import { cleanEdits } from "../../src/selfhelp_course/js/widgets/portfolio/state.js";
import { MemoryStorage } from "./helpers.mjs";
import { EDITS, ENTRIES, FRAMEWORKS, MANIFEST as PORTFOLIO_MANIFEST } from "./portfolio-fixtures.mjs";

const P = "selfhelp-course:";
const KEY = "evaluation:course";
const words = (values) => values.map((value, i) => ({ value, words: `Point ${i + 1}` }));
const EVALUATION = {
  outcomes: [{ id: "recognise-groups", text: "Tell a self-help group apart\n  from other groups." }, { id: "use-evidence", text: "Say what the research shows." }],
  scale: words([1, 2, 3, 4, 5]),
  relevance: words([1, 2, 3, 4, 5]),
  clarity: words([1, 2, 3, 4, 5]),
  time: words(["less", "about", "more"]),
  recommend: words(["yes", "maybe", "no"]),
  roles: [{ id: "nurse", words: "Nurse" }, { id: "other", words: "Another role" }],
};
const MANIFEST = {
  pages: [{ docname: "book/one", title: "One", teaching_minutes: 5, activity_minutes: 5,
    activities: [{ kind: "check", id: "q1", title: "First?", options: ["ask-first", "be-there"] }] }],
  evaluation: EVALUATION,
};
const SECRET = "I will ring Jo Bloggs on 07700 900123";
// Before: one outcome skipped; feedback: clarity skipped; free text and role given and shared.
const ENTRY = {
  v: 1, page: "book/evaluation", responseId: "k3j9x0q2m5b7c1d4",
  before: { "recognise-groups": 2 },
  after: { "recognise-groups": 4, "use-evidence": 5 },
  feedback: { relevance: 4, time: "more", recommend: "maybe" },
  role: "nurse", change: SECRET, shareChange: true, inStatement: true, updated: "2026-12-07T10:00:00.000Z",
};

const ID_12 = /^[A-Za-z0-9_-]{1,255}$/; // SCORM 1.2 CMIIdentifier as the spec defines it
const ID_2004 = /^\S{1,4000}$/; // SCORM 2004 long_identifier_type: no whitespace
const SHORT_2004 = /^(?=.*\w)[\w\-().+:=@;$!*'%/#]{1,250}$/; // scorm-again's CMIShortIdentifier

// A stand-in LMS: a map of the data model. SCORM 1.2 interaction fields are write-only (Moodle:
// 'mod':'w', error 404), so reading one back gives nothing.
function lms(edition, values = {}) {
  const data = new Map(Object.entries(values));
  const calls = [];
  const count = () => String(new Set([...data.keys()].filter((k) => /^cmi\.interactions\.\d+\./.test(k)).map((k) => k.split(".")[2])).size);
  const get = (name) => {
    if (name === "cmi.interactions._count") return count();
    if (edition === "1.2" && /^cmi\.interactions\.\d+\./.test(name)) return "";
    return data.get(name) ?? "";
  };
  const set = (name, value) => (calls.push([name, value]), data.set(name, value), "true");
  const api = edition === "2004"
    ? { Initialize: () => "true", Terminate: () => "true", Commit: () => "true", GetValue: get, SetValue: set, GetLastError: () => "0", GetErrorString: () => "" }
    : { LMSInitialize: () => "true", LMSFinish: () => "true", LMSCommit: () => "true", LMSGetValue: get, LMSSetValue: set, LMSGetLastError: () => "0", LMSGetErrorString: () => "" };
  const session = openSession({ edition, api });
  session.start();
  return { data, calls, session };
}

async function connect(edition, storage, values = {}, manifest = MANIFEST) {
  const { data, calls, session } = lms(edition, values);
  const store = openStore({ storage: () => storage, target: new EventTarget() });
  const view = { shared() {}, problem() {}, left() {} };
  const bridge = await connectCourse({ session, store, manifest, settings: { passMark: 0.8, start: "http://lms.example/pkg/book/one.html" },
    siteRoot: "http://lms.example/pkg/", view, later: () => 0, cancel: () => {} });
  return { bridge, data, calls, store };
}

// The interactions the LMS holds, by index: [{index, id, type, response, result, description}].
function interactions(data, edition) {
  const rows = [];
  for (let i = 0; data.has(`cmi.interactions.${i}.id`); i += 1) {
    const at = `cmi.interactions.${i}.`;
    rows.push({ index: i, id: data.get(`${at}id`), type: data.get(`${at}type`),
      response: data.get(`${at}${edition === "2004" ? "learner_response" : "student_response"}`),
      result: data.get(`${at}result`), description: data.get(`${at}description`) });
  }
  return rows;
}
const ratingRows = (data, edition) => interactions(data, edition).filter((row) => row.id.startsWith("evaluation-"));
const seeded = () => new MemoryStorage({ [`${P}${KEY}`]: JSON.stringify(ENTRY) });

test("ratings: one per answered item, in a fixed order; skipped, unknown and out-of-scale items are left out", () => {
  const odd = { ...ENTRY, before: { ...ENTRY.before, "no-such-outcome": 3, "use-evidence": 7 },
    feedback: { ...ENTRY.feedback, clarity: "sometimes", relevance: 4.5 } };
  const ratings = evaluationRatings(MANIFEST, { [KEY]: odd });
  assert.deepEqual(ratings.map((r) => [r.id, r.value]), [
    ["evaluation-before-recognise-groups", "2"],
    ["evaluation-after-recognise-groups", "4"],
    ["evaluation-after-use-evidence", "5"],
    ["evaluation-time", "more"],
    ["evaluation-recommend", "maybe"],
  ]);
  assert.equal(ratings[0].description, "Confidence before the course: Tell a self-help group apart from other groups.");
});

test("nothing is sent without an evaluation entry or without the manifest's evaluation", () => {
  assert.deepEqual(evaluationRatings(MANIFEST, {}), []);
  assert.deepEqual(evaluationRatings({ pages: [] }, { [KEY]: ENTRY }), []);
  assert.deepEqual(evaluationRatings(MANIFEST, { [KEY]: "not an entry" }), []);
  assert.deepEqual(evaluationRatings(null, { [KEY]: ENTRY }), []);
});

test("SCORM 1.2 writes words as one character; letters by place when two words share a first letter", () => {
  const rating = (value, values) => ({ id: "x", value, values, description: "" });
  assert.equal(likertResponse("1.2", rating("3", ["1", "2", "3", "4", "5"])), "3");
  assert.equal(likertResponse("1.2", rating("less", ["less", "about", "more"])), "l");
  assert.equal(likertResponse("1.2", rating("maybe", ["yes", "maybe", "no"])), "m");
  assert.equal(likertResponse("1.2", rating("more", ["maybe", "more"])), "b");
  assert.equal(likertResponse("2004", rating("more", ["maybe", "more"])), "more");
  // type before response, in both editions (SCORM 2004 checks the response against the type)
  for (const edition of ["1.2", "2004"]) {
    const names = likertValues(edition, 3, rating("4", ["4"])).map(([name]) => name.split(".").pop());
    assert.ok(names.indexOf("type") < names.findIndex((n) => n.endsWith("_response")));
  }
});

for (const edition of ["2004", "1.2"]) {
  test(`bridge (${edition}): each answered rating is one likert interaction, with valid ids and responses, and no free text or role`, async () => {
    const { bridge, data, calls } = await connect(edition, seeded());
    await bridge.update();
    const rows = ratingRows(data, edition);
    const expected = edition === "2004"
      ? [["before-recognise-groups", "2"], ["after-recognise-groups", "4"], ["after-use-evidence", "5"], ["relevance", "4"], ["time", "more"], ["recommend", "maybe"]]
      : [["before-recognise-groups", "2"], ["after-recognise-groups", "4"], ["after-use-evidence", "5"], ["relevance", "4"], ["time", "m"], ["recommend", "m"]];
    assert.deepEqual(rows.map((r) => [r.id.replace(/^evaluation-/, ""), r.response]), expected);
    for (const row of rows) {
      assert.equal(row.type, "likert");
      assert.equal(row.result, "neutral");
      assert.match(row.id, ID_12);
      assert.match(row.id, ID_2004);
      if (edition === "2004") assert.match(row.response, SHORT_2004);
      else assert.match(row.response, /^[0-9a-z]$/);
    }
    assert.equal(rows.some((r) => r.id.endsWith("clarity") || r.id === "evaluation-before-use-evidence"), false);
    if (edition === "1.2") assert.equal(calls.some(([name]) => name.endsWith(".description")), false);
    bridge.finish();
    // Nothing the LMS received holds the free text, the role or the response id.
    const everything = JSON.stringify(calls) + JSON.stringify((await decode(data.get("cmi.suspend_data"), MANIFEST)).value);
    for (const secret of [SECRET, "Jo Bloggs", "07700", "nurse", ENTRY.responseId]) assert.equal(everything.includes(secret), false, secret);
  });

  test(`bridge (${edition}): the evaluation entry never goes into the suspend data, even with sharing on`, async () => {
    const { bridge, data } = await connect(edition, seeded());
    bridge.setShare(true);
    await bridge.update();
    const state = (await decode(data.get("cmi.suspend_data"), MANIFEST)).value;
    assert.equal(state.share, true);
    assert.equal(KEY in state.entries, false);
    assert.equal(data.get("cmi.suspend_data").includes("Bloggs"), false);
  });

  test(`bridge (${edition}): repeated commits send nothing again; a changed rating is sent once, without duplicating the others`, async () => {
    const { bridge, data, calls, store } = await connect(edition, seeded());
    await bridge.update();
    const first = ratingRows(data, edition).length;
    const before = calls.length;
    await bridge.update();
    await bridge.update();
    assert.equal(calls.slice(before).filter(([name]) => name.startsWith("cmi.interactions.")).length, 0);
    const read = store.read(KEY).value;
    store.update(KEY, read, { ...read, after: { ...read.after, "use-evidence": 3 } });
    await bridge.update();
    await bridge.update();
    const rows = ratingRows(data, edition);
    const changed = rows.filter((r) => r.id === "evaluation-after-use-evidence");
    if (edition === "2004") {
      // 2004 reads ids back: the same record is updated in place.
      assert.equal(rows.length, first);
      assert.deepEqual(changed.map((r) => r.response), ["3"]);
    } else {
      // 1.2 cannot read them back: one new record with the same id, the last one current.
      assert.equal(rows.length, first + 1);
      assert.deepEqual(changed.map((r) => r.response), ["5", "3"]);
    }
    assert.equal(new Set(rows.filter((r) => r.id !== "evaluation-after-use-evidence").map((r) => r.id)).size, first - 1);
  });

  test(`bridge (${edition}): a new session with what the LMS kept sends nothing already sent`, async () => {
    const storage = seeded();
    const one = await connect(edition, storage);
    await one.bridge.update();
    one.bridge.finish();
    const kept = Object.fromEntries(one.data);
    const two = await connect(edition, storage, kept);
    await two.bridge.update();
    assert.deepEqual(two.calls.filter(([name]) => name.startsWith("cmi.interactions.")), []);
    assert.equal(ratingRows(two.data, edition).length, 6);
  });

  test(`bridge (${edition}): what went is one short record in the suspend data; a course whose outcomes changed sends again`, async () => {
    const storage = seeded();
    const one = await connect(edition, storage);
    await one.bridge.update();
    one.bridge.finish();
    const { sent } = (await decode(one.data.get("cmi.suspend_data"), MANIFEST)).value;
    assert.deepEqual(Object.keys(sent), [KEY]);
    assert.match(sent[KEY], /^[0-9a-z]{3}:[0-9a-z_]{8}$/); // 2 outcomes x 2, and 4 feedback items
    // The course is updated: an outcome added before the others. Nothing is taken as sent that
    // was not, so every rating goes again (2004: to its own record).
    const updated = { ...MANIFEST, evaluation: { ...EVALUATION, outcomes: [{ id: "new-outcome", text: "New." }, ...EVALUATION.outcomes] } };
    const two = await connect(edition, storage, Object.fromEntries(one.data), updated);
    await two.bridge.update();
    const again = two.calls.filter(([name]) => /^cmi\.interactions\.\d+\.id$/.test(name)).map(([, id]) => id);
    assert.equal(again.length, 6);
    assert.equal(new Set(ratingRows(two.data, edition).map((r) => r.index)).size, edition === "2004" ? 6 : 12);
  });

  test(`bridge (${edition}): a course without the evaluation in its manifest sends no ratings`, async () => {
    const { bridge, data } = await connect(edition, seeded(), {}, { pages: MANIFEST.pages });
    await bridge.update();
    assert.deepEqual(ratingRows(data, edition), []);
  });
}

// ---------------------------------------------------------------- the portfolio
const SCALE = ["Not at all confident", "Slightly confident", "Fairly confident", "Very confident", "Completely confident"];
const WITH_SCALE = { ...EVALUATION, scale: SCALE.map((words, i) => ({ value: i + 1, words })) };
const statementOf = (entry, evaluation = WITH_SCALE) => {
  const portfolio = assemble({ generated: "2026-12-07T12:00:00.000Z", edits: cleanEdits(EDITS), frameworks: FRAMEWORKS,
    manifest: { ...PORTFOLIO_MANIFEST, ...(evaluation ? { evaluation } : {}) }, entries: { ...ENTRIES, ...(entry ? { [KEY]: entry } : {}) } });
  const doc = documentOf(portfolio);
  return { portfolio, statement: doc.sections.find((s) => s.heading === "Statement of completion"), markdown: markdownOf(doc) };
};

test("portfolio: the learner's own before and after confidence, in the scale's words", () => {
  const confidence = confidenceOf({ evaluation: WITH_SCALE }, { [KEY]: ENTRY });
  assert.deepEqual(confidence.rows.map((r) => [r.id, r.before, r.after]), [
    ["recognise-groups", "Slightly confident", "Very confident"],
    ["use-evidence", "", "Completely confident"],
  ]);
  assert.equal(confidence.inStatement, true);
  assert.equal(confidenceOf({ evaluation: WITH_SCALE }, {}), null);
  assert.equal(confidenceOf({ pages: [] }, { [KEY]: ENTRY }), null);
});

test("portfolio: the statement of completion includes the ratings only when the learner chose so", () => {
  const shown = statementOf(ENTRY);
  const table = shown.statement.blocks.find((b) => b.type === "table");
  assert.deepEqual(table.head, ["Learning outcome", "Before the course", "After the course"]);
  assert.deepEqual(table.rows, [
    ["Tell a self-help group apart from other groups.", "Slightly confident", "Very confident"],
    ["Say what the research shows.", "Not rated", "Completely confident"],
  ]);
  assert.ok(shown.markdown.includes("Very confident"));
  for (const entry of [{ ...ENTRY, inStatement: false }, (({ inStatement, ...rest }) => rest)(ENTRY), null]) {
    const hidden = statementOf(entry);
    assert.equal(hidden.statement.blocks.some((b) => b.type === "table"), false);
    assert.equal(hidden.markdown.includes("confident"), false);
  }
  // No evaluation in the manifest: nothing, whatever the entry says.
  assert.equal(statementOf(ENTRY, null).markdown.includes("confident"), false);
  // Neither the free text nor the role is ever in the record.
  for (const secret of [SECRET, "Nurse", ENTRY.responseId]) assert.equal(shown.markdown.includes(secret), false, secret);
});

test("portfolio: ticking \"include\" writes only the flag; a rating another tab saved meanwhile is kept", () => {
  const storage = seeded();
  const mine = openStore({ storage: () => storage, target: new EventTarget() });
  const other = openStore({ storage: () => storage, target: new EventTarget() });
  const read = other.read(KEY).value;
  other.update(KEY, read, { ...read, after: { ...read.after, "use-evidence": 2 }, inStatement: true });
  assert.equal(includeInStatement(mine, false).ok, true);
  const stored = mine.read(KEY).value;
  assert.equal(stored.inStatement, false);
  assert.deepEqual(stored.after, { "recognise-groups": 4, "use-evidence": 2 });
  assert.deepEqual(stored.before, ENTRY.before);
  assert.equal(stored.change, SECRET);
  assert.equal(includeInStatement(openStore({ storage: () => new MemoryStorage(), target: new EventTarget() }), true).ok, false);
});
