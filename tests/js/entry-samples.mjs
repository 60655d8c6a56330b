// The stored entries the front end writes, as they land in storage: each state module's own
// functions (entryValue, derive, and the moves before them) through the real store, two tabs
// apart where text can differ, so the store's fields (updated, rev, parent, conflicts) are there
// too. Prints {name: [entry, ...]} as JSON, one name per data/schemas/entry-<name>.schema.json;
// tests/test_shapes.py validates every entry against its schema. Not a test file of its own.
import { ENTRY_VERSIONS, NATIONS, PORTFOLIO_KEY, activityKey, LEARNER_KEY, readKey } from "../../src/selfhelp_course/js/lib/facts.js";
import { learnerSeed } from "../../src/selfhelp_course/js/lib/learner.js";
import { chooseNation } from "../../src/selfhelp_course/js/lib/nation.js";
import { readMark } from "../../src/selfhelp_course/js/lib/progress.js";
import { openStore } from "../../src/selfhelp_course/js/lib/store.js";
import { compactState, expandState } from "../../src/selfhelp_course/js/lms/bridge/compact.js";
import * as assessment from "../../src/selfhelp_course/js/widgets/assessment/state.js";
import * as evaluation from "../../src/selfhelp_course/js/widgets/evaluation/state.js";
import * as explorer from "../../src/selfhelp_course/js/widgets/explorer/state.js";
import * as check from "../../src/selfhelp_course/js/widgets/knowledge-check/state.js";
import * as portfolio from "../../src/selfhelp_course/js/widgets/portfolio/state.js";
import * as reflection from "../../src/selfhelp_course/js/widgets/reflection/state.js";
import * as scenario from "../../src/selfhelp_course/js/widgets/scenario/state.js";
import * as sorting from "../../src/selfhelp_course/js/widgets/sorting/state.js";
import { twoTabs } from "./helpers.mjs";

const PAGE = "book/sample-page";
const samples = {};

// Two tabs of one browser; `write` saves in one of them from a base, as lib/entry.js does.
function browser() {
  const { tabs } = twoTabs();
  const stores = tabs.map((tab) => openStore({ storage: tab.storage, target: tab.target }));
  const write = (tab, key, base, value, derive) => {
    const done = stores[tab].update(key, base, value, derive);
    if (!done.ok) throw new Error(`${key}: not written (${done.reason})`);
    return done.value;
  };
  return { stores, write };
}

// Every entry a sequence of writes left behind, in order, and what is stored at the end.
function collect(name, run) {
  const written = [];
  const { stores, write } = browser();
  run((...args) => {
    const value = write(...args);
    written.push(JSON.parse(JSON.stringify(value)));
    return value;
  }, stores);
  samples[name] = written;
}

// ------------------------------------------------------------------------- knowledge check
const CHECK = {
  id: "sample-check",
  options: [
    { id: "ask-first", correct: true, feedback: "Yes." },
    { id: "take-over", feedback: "No." },
  ],
};
collect("check", (write) => {
  const key = activityKey("check", CHECK.id);
  const derive = check.derive(CHECK);
  const first = write(0, key, undefined, check.entryValue({ selected: ["take-over"], checked: true, tries: 1 }, PAGE), derive);
  write(0, key, first, check.entryValue({ selected: ["ask-first"], checked: true, tries: 2 }, PAGE), derive);
  // The other tab picks without checking, from the first write.
  write(1, key, first, check.entryValue({ selected: [], checked: false, tries: 1 }, PAGE), derive);
});

// ------------------------------------------------------------------------- sorting exercise
const EXERCISE = {
  items: [{ answer: "mutual-aid" }, { answer: "peer-led" }, { answer: "mutual-aid" }],
  categories: [{ id: "mutual-aid", label: "Mutual aid" }, { id: "peer-led", label: "Peer-led" }],
};
collect("sorting", (write) => {
  const key = activityKey("sorting", "sample-sorting");
  const derive = sorting.derive(EXERCISE);
  let answer = sorting.place({ placements: {}, checked: false, tries: 0 }, 0, "mutual-aid");
  const first = write(0, key, undefined, sorting.entryValue(answer, PAGE), derive);
  answer = sorting.check(sorting.place(sorting.place(answer, 1, "peer-led"), 2, "mutual-aid"));
  write(0, key, first, sorting.entryValue(answer, PAGE), derive);
  write(1, key, first, sorting.entryValue(sorting.place(answer, 2, "peer-led"), PAGE), derive);
});

// ------------------------------------------------------------------------- scenario
const SCENARIO = {
  start: "meeting",
  steps: [
    { id: "meeting", choices: [{ text: "Ask", stance: "supports", next: "asked" }, { text: "Lead", stance: "takes-over", next: "led" }] },
    { id: "asked", ending: "supports" },
    { id: "led", ending: "takes-over" },
  ],
};
collect("scenario", (write) => {
  const key = activityKey("scenario", "sample-scenario");
  const derive = scenario.derive(SCENARIO);
  let route = scenario.choose(SCENARIO, { path: [], phase: "choices", endings: {}, dropped: 0 }, 0);
  const first = write(0, key, undefined, scenario.entryValue(route, PAGE), derive);
  route = scenario.proceed(SCENARIO, route);
  const second = write(0, key, first, scenario.entryValue(route, PAGE), derive);
  write(1, key, second, scenario.entryValue(scenario.choose(SCENARIO, scenario.restart(route), 1), PAGE), derive);
});

// ------------------------------------------------------------------------- reflection
const FRAMEWORKS = [
  { id: "gibbs", parts: [{ id: "description" }, { id: "feelings" }] },
  { id: "what", parts: [{ id: "what" }] },
];
collect("reflection", (write) => {
  const key = activityKey("reflection", "sample-reflection");
  const derive = reflection.derive(FRAMEWORKS);
  const state = (texts, framework = "gibbs") => ({ framework, texts, conflicts: undefined });
  const first = write(0, key, undefined, reflection.entryValue(state({ gibbs: { description: "We met." } }), PAGE), derive);
  write(0, key, first, reflection.entryValue(state({ gibbs: { description: "We met on Monday.", feelings: "Glad." } }), PAGE), derive);
  // The other tab changed the same part differently: both versions kept (conflicts).
  const third = write(1, key, first, reflection.entryValue(state({ gibbs: { description: "We met at noon." } }, "what"), PAGE), derive);
  const kept = reflection.keptAfterClear(reflection.entryValue(state({}), PAGE), reflection.entryValue(state({ what: { what: "New words." } }), PAGE));
  write(1, key, third, kept, derive);
});

// ------------------------------------------------------------------------- explorer
const QUESTIONS = [{ key: "life", bands: ["low", "high"] }, { key: "anxiety", bands: ["low", "high"] }];
collect("explorer", (write) => {
  const key = activityKey("explorer", "wellbeing");
  const derive = explorer.derive(QUESTIONS);
  let state = explorer.markSeen(explorer.initialState(QUESTIONS), QUESTIONS);
  const first = write(0, key, undefined, explorer.entryValue(state, PAGE), derive);
  state = explorer.markSeen(explorer.chooseBand(explorer.chooseQuestion(state, QUESTIONS, "anxiety"), QUESTIONS, "high"), QUESTIONS);
  write(1, key, first, explorer.entryValue(explorer.chooseView(state, "change"), PAGE), derive);
});

// ------------------------------------------------------------------------- assessment
const BANK = {
  id: "final",
  questions: ["q1", "q2", "q3"].map((id, i) => ({
    id,
    outcome: `o${i % 2}`,
    options: [{ id: `${id}-a`, correct: true }, { id: `${id}-b` }],
  })),
};
const OUTCOMES = [{ id: "o0" }, { id: "o1" }];
collect("assessment", (write) => {
  const key = activityKey("assessment", BANK.id);
  const derive = assessment.derive(BANK, 0.8);
  const seed = "0123456789abcdef";
  let entry = assessment.stateFromEntry(null, BANK);
  let base;
  // Three submitted attempts (the oldest, neither best nor latest, is kept as its result only),
  // then one left open.
  ["a1", "a2", "a3", "a4"].forEach((id, n) => {
    entry = assessment.startAttempt(entry, BANK, OUTCOMES, { draw: 2 }, seed, id, `2026-12-0${n + 1}T10:00:00Z`);
    if (id === "a4") return;
    for (const q of entry.attempts[id].questions) entry = assessment.answer(entry, id, q.id, n === 1 ? `${q.id}-a` : q.options[0]);
    entry = assessment.submit(entry, BANK, id, `2026-12-0${n + 1}T10:30:00Z`);
    base = write(0, key, base, { ...entry, page: PAGE }, derive);
    entry = assessment.stateFromEntry(base, BANK);
  });
  write(1, key, base, { ...entry, page: PAGE }, derive);
});

// ------------------------------------------------------------------------- evaluation
const scale = [1, 2, 3, 4, 5].map((value) => ({ value, words: `point ${value}` }));
const WORDS = {
  outcomes: [{ id: "recognise-groups", text: "A" }, { id: "use-evidence", text: "B" }],
  scale, relevance: scale, clarity: scale,
  time: ["less", "about", "more"].map((value) => ({ value, words: value })),
  recommend: ["yes", "maybe", "no"].map((value) => ({ value, words: value })),
  roles: [{ id: "nurse", words: "Nurse" }],
};
collect("evaluation", (write) => {
  const key = activityKey("evaluation", "course");
  const choices = evaluation.choicesOf(WORDS);
  let state = evaluation.rate(evaluation.stateFromEntry(null, choices), "before", "use-evidence", 2);
  state = evaluation.withResponseId(state, () => "abcdefghij012345");
  const first = write(0, key, undefined, evaluation.entryValue(state, PAGE), evaluation.keepFirstResponseId);
  state = evaluation.answer(evaluation.rate(state, "after", "use-evidence", 4), "time", "about");
  state = evaluation.setShare(evaluation.writeChange(evaluation.chooseRole(state, "nurse"), "Ask the group first."), true);
  write(0, key, first, evaluation.entryValue(state, PAGE), evaluation.keepFirstResponseId);
  const other = evaluation.withResponseId(evaluation.stateFromEntry(null, choices), () => "zyxwvutsrq987654");
  write(1, key, first, evaluation.entryValue(evaluation.answer(other, "recommend", "yes"), PAGE), evaluation.keepFirstResponseId);
});

// ------------------------------------------------------------------------- learner, read mark
{
  const { stores } = browser();
  let n = 0;
  learnerSeed(stores[0], (count) => Uint8Array.from({ length: count }, () => (n += 7)));
  const seeded = stores[0].read(LEARNER_KEY).value;
  chooseNation(stores[1], NATIONS[1].id);
  const chosen = stores[1].read(LEARNER_KEY).value;
  chooseNation(stores[0], null);
  samples.learner = [seeded, chosen, stores[0].read(LEARNER_KEY).value];
}
collect("read", (write) => {
  const key = readKey(PAGE);
  const first = write(0, key, undefined, readMark(PAGE, true));
  write(1, key, first, readMark(PAGE, false));
});

// ------------------------------------------------------------------------- portfolio
collect("portfolio", (write) => {
  let edits = portfolio.emptyEdits();
  edits = portfolio.editField(edits, ["details", "name"], "Sam");
  edits = portfolio.editField(edits, ["details", "body"], "scw");
  edits = portfolio.editField(edits, ["accounts", "sample-reflection", "nmc", "learned"], "To wait.");
  edits = portfolio.editField(edits, ["accounts", "sample-reflection", "nmc", "themes"], ["preserve-safety"]);
  edits = portfolio.editField(edits, ["accounts", "sample-reflection", "hcpc", "learned"], "To ask.");
  edits = portfolio.editField(edits, ["accounts", "sample-reflection", "scw", "contribution"], "A lot.");
  edits = portfolio.editField(edits, ["log", PAGE, "hours"], "1h30");
  edits = portfolio.editField(edits, ["log", PAGE, "participatory"], true);
  const first = write(0, PORTFOLIO_KEY, undefined, portfolio.entryValue(portfolio.cleanEdits(edits)));
  const mine = portfolio.editField(portfolio.cleanEdits(first), ["details", "summary"], "Mine.");
  write(0, PORTFOLIO_KEY, first, portfolio.entryValue(mine));
  const theirs = portfolio.editField(portfolio.cleanEdits(first), ["details", "summary"], "Theirs.");
  const refused = portfolio.editField(theirs, ["log", PAGE, "refused"], "2 to 3");
  write(1, PORTFOLIO_KEY, first, portfolio.entryValue(refused));
});

// ------------------------------------------------------------------------- back from an LMS
// What a SCORM 1.2 LMS gives back: the last entry of each kind packed in the compact form
// (lms/bridge/compact.js, each kind's codec) and unpacked on the next visit, as restore() adopts it.
const MANIFEST = {
  version: 2,
  pages: [{
    docname: PAGE, title: "Sample", part: "", teaching_minutes: 5, activity_minutes: 5,
    activities: [
      { kind: "check", id: CHECK.id, title: "", options: CHECK.options.map((o) => o.id) },
      { kind: "sorting", id: "sample-sorting", title: "" },
      { kind: "scenario", id: "sample-scenario", title: "" },
      { kind: "reflection", id: "sample-reflection", title: "" },
      { kind: "explorer", id: "wellbeing", title: "" },
      { kind: "assessment", id: BANK.id, title: "", attempts: 0, pass_mark: 0.8,
        options: Object.fromEntries(BANK.questions.map((q) => [q.id, q.options.map((o) => o.id)])) },
    ],
  }],
};
const KEYS = {
  check: activityKey("check", CHECK.id), sorting: activityKey("sorting", "sample-sorting"),
  scenario: activityKey("scenario", "sample-scenario"), reflection: activityKey("reflection", "sample-reflection"),
  explorer: activityKey("explorer", "wellbeing"), assessment: activityKey("assessment", BANK.id),
  evaluation: activityKey("evaluation", "course"), learner: LEARNER_KEY, read: readKey(PAGE), portfolio: PORTFOLIO_KEY,
};
const stored = Object.fromEntries(Object.entries(KEYS).map(([name, key]) => [key, samples[name].at(-1)]));
const packed = JSON.parse(JSON.stringify(compactState({ v: 1, share: true, entries: stored, done: [], sent: {} }, MANIFEST)));
const unpacked = expandState(packed, MANIFEST).entries;
const fromLms = Object.fromEntries(Object.entries(KEYS).map(([name, key]) => [name, [unpacked[key]]]));
// Which kinds went by their codec (the rest went whole, as JSON).
const coded = (packed.e || []).length;

// Each sample says which version it is, so a schema and the facts cannot drift apart unseen.
process.stdout.write(`${JSON.stringify({ versions: ENTRY_VERSIONS, samples, fromLms, coded }, null, 1)}\n`);
