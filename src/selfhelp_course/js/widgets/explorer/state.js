// @ts-check
// Well-being explorer state (pure): what the learner chose, what is stored, and every number and
// sentence the explorer shows. Stored under explorer:wellbeing:
// {v: 2, page, question, view, band, seen: {question key: true}, complete, attempted, updated}.
// `seen` is an object so that questions looked at in two tabs merge key by key.
// Completed means all the questions have been looked at; attempted, at least one.
//
// Bands are worked out in Python (selfhelp_course.ons4) and arrive in each row as
// "<question>_band"; the order of a question's bands comes from its `bands` list. Nothing here
// decides which band a score is in, and the four questions are never combined or summed.
import { ENTRY_VERSIONS } from "../../lib/facts.js";
import { isPlainObject } from "../../lib/merge.js";

/** @typedef {import("../../lib/shapes.generated.js").ExplorerEntry} ExplorerEntry */
/** @typedef {ExplorerEntry["view"]} ViewId */
/**
 * A question as the widget is given it (activities/widgets.py, from course/ons4.py; no shape in
 * shapes.generated.d.ts covers the explorer's data).
 * @typedef {object} Question
 * @property {string} key
 * @property {string} label
 * @property {string} [summary]
 * @property {boolean} higher_is_better
 * @property {string[]} bands its bands' labels, lowest scores first
 */
/** @typedef {{question: string, view: ViewId, band: string, seen: string[]}} ExplorerState the learner's choice and the questions looked at */
/** @typedef {"better" | "same" | "worse"} Direction */
/** @typedef {{score: number, band: string}} Answer */
/** @typedef {{member: string, before: Answer, after: Answer}} Pair a member's answers before and after */
/** @typedef {Pair & {scoreDirection: Direction, bandDirection: Direction}} Member */
/** @typedef {ReturnType<typeof summarise>} Summary */
/** @typedef {{caption: string, head: string[], body: (string | number)[][]}} Table tableFor's */

// The `v` of its stored entries (_facts.py, through lib/facts.js; compact.js reads the same).
// The facts' version is a number to tsc; tests/test_shapes.py checks it is the schema's.
export const ENTRY_VERSION = /** @type {ExplorerEntry["v"]} */ (ENTRY_VERSIONS.explorer);

/** @type {readonly {id: ViewId, label: string}[]} */
export const VIEWS = Object.freeze([
  { id: "bands", label: "Bands before and after" },
  { id: "change", label: "Each member's change" },
  { id: "scores", label: "Scores before and after" },
]);
export const ALL = "all";
const SCORES = Array.from({ length: 11 }, (_, score) => score);

/**
 * @param {unknown} raw
 * @returns {Question[]}
 */
export function cleanQuestions(raw) {
  return (Array.isArray(raw) ? raw : []).filter((q) => isPlainObject(q) && typeof q.key === "string" && q.key && Array.isArray(q.bands));
}

/** @type {(questions: Question[], key: unknown) => Question | null} */
export const questionOf = (questions, key) => questions.find((q) => q.key === key) || null;
/**
 * @param {unknown} id
 * @returns {id is ViewId}
 */
export const isView = (id) => VIEWS.some((v) => v.id === id);
/** @type {(question: Question | null, band: string) => boolean} */
export const isBand = (question, band) => band === ALL || Boolean(question && question.bands.includes(band));

/**
 * @param {Question[]} questions
 * @returns {ExplorerState}
 */
export function initialState(questions) {
  return { question: questions.length ? questions[0].key : "", view: VIEWS[0].id, band: ALL, seen: [] };
}

// Seen questions, in the questions' order, from a v2 object or a v1 list.
/**
 * @param {unknown} raw
 * @param {Question[]} questions
 */
function seenFrom(raw, questions) {
  const keys = Array.isArray(raw) ? raw : isPlainObject(raw) ? Object.keys(raw).filter((k) => raw[k] === true) : [];
  return questions.filter((q) => keys.includes(q.key)).map((q) => q.key);
}

// The state after taking what a stored entry (or Python's `view` trait) says over `state`,
// where it is valid.
/**
 * @param {unknown} saved
 * @param {Question[]} questions
 * @param {ExplorerState} state
 * @returns {ExplorerState}
 */
export function stateFromEntry(saved, questions, state) {
  if (!isPlainObject(saved)) return state;
  const question = questionOf(questions, saved.question) ? saved.question : state.question;
  const view = isView(saved.view) ? saved.view : state.view;
  const band = typeof saved.band === "string" && isBand(questionOf(questions, question), saved.band) ? saved.band : ALL;
  const seen = saved.seen === undefined ? state.seen : seenFrom(saved.seen, questions);
  return { question, view, band, seen };
}

// Bands differ between questions (anxiety runs the other way), so the filter starts afresh.
/**
 * @param {ExplorerState} state
 * @param {Question[]} questions
 * @param {string} key
 * @returns {ExplorerState}
 */
export function chooseQuestion(state, questions, key) {
  return questionOf(questions, key) ? { ...state, question: key, band: ALL } : state;
}

/**
 * @param {ExplorerState} state
 * @param {string} id
 * @returns {ExplorerState}
 */
export function chooseView(state, id) {
  return isView(id) ? { ...state, view: id } : state;
}

/**
 * @param {ExplorerState} state
 * @param {Question[]} questions
 * @param {string} band
 * @returns {ExplorerState}
 */
export function chooseBand(state, questions, band) {
  return { ...state, band: isBand(questionOf(questions, state.question), band) ? band : ALL };
}

/**
 * @param {ExplorerState} state
 * @param {Question[]} questions
 * @returns {ExplorerState}
 */
export function markSeen(state, questions) {
  return { ...state, seen: seenFrom([...state.seen, state.question], questions) };
}

/**
 * @param {ExplorerState} state
 * @param {string} page
 */
export function entryValue(state, page) {
  return { v: ENTRY_VERSION, page, question: state.question, view: state.view, band: state.band, seen: Object.fromEntries(state.seen.map((k) => [k, true])) };
}

/**
 * @param {Question[]} questions
 * @returns {(value: {seen?: unknown}) => {complete: boolean, attempted: boolean}}
 */
export function derive(questions) {
  return (value) => {
    const seen = seenFrom(value.seen, questions);
    return { complete: questions.length > 0 && seen.length === questions.length, attempted: seen.length > 0 };
  };
}

// What Python reads back in JupyterLab (the `view` trait).
export const viewTrait = (/** @type {ExplorerState} */ state) => ({ question: state.question, view: state.view, band: state.band });

/**
 * @param {number} seenCount
 * @param {number} total
 */
export function progressText(seenCount, total) {
  return seenCount >= total
    ? `You have looked at all ${total} questions.`
    : `Questions you have looked at so far: ${seenCount} of ${total}.`;
}

/** @type {(count: number, word: string) => string} */
export const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
/** @type {(number: number) => string} */
export const signed = (number) => (number > 0 ? `+${number}` : String(number));

/**
 * @param {number[]} values
 * @returns {number | null} null for none
 */
export function mean(values) {
  return values.length ? values.reduce((total, value) => total + value, 0) / values.length : null;
}

// "better" | "same" | "worse", for scores or band positions, as the question reads.
/**
 * @param {Question} question
 * @param {number} before
 * @param {number} after
 * @returns {Direction}
 */
export function direction(question, before, after) {
  if (after === before) return "same";
  return after > before === question.higher_is_better ? "better" : "worse";
}

// One entry per member with both a before and an after answer: {member, before, after}, each
// {score, band}. Rows with a missing score or a band the question does not have are left out.
/**
 * @param {unknown} rows
 * @param {Question} question
 * @returns {Pair[]}
 */
export function pairs(rows, question) {
  /** @type {Map<unknown, {member: string, before?: Answer, after?: Answer}>} */
  const byMember = new Map();
  for (const row of Array.isArray(rows) ? rows : []) {
    if (!isPlainObject(row) || (row.time !== "before" && row.time !== "after")) continue;
    const score = row[question.key];
    const band = row[`${question.key}_band`];
    if (typeof score !== "number" || !question.bands.includes(band)) continue;
    if (!byMember.has(row.member)) byMember.set(row.member, { member: String(row.member) });
    // The casts hold: the line above set the member when it was missing, and rows whose time is
    // not "before" or "after" were passed over.
    /** @type {{before?: Answer, after?: Answer}} */ (byMember.get(row.member))[/** @type {"before" | "after"} */ (row.time)] = { score, band };
  }
  // The cast holds: the filter keeps the members with both answers.
  return /** @type {Pair[]} */ ([...byMember.values()].filter((p) => p.before && p.after));
}

/**
 * @param {Member[]} members
 * @param {"bandDirection" | "scoreDirection"} key
 */
function moves(members, key) {
  const count = (/** @type {Direction} */ value) => members.filter((p) => p[key] === value).length;
  return { better: count("better"), same: count("same"), worse: count("worse") };
}

// Everything one question and band filter shows: members (with their directions), band and
// score counts before and after, moves and means.
/**
 * @param {unknown} rows
 * @param {Question} question
 * @param {string} [band]
 */
export function summarise(rows, question, band = ALL) {
  const all = pairs(rows, question);
  const position = (/** @type {string} */ b) => question.bands.indexOf(b);
  /** @type {Member[]} */
  const members = (band === ALL ? all : all.filter((p) => p.before.band === band)).map((p) => ({
    ...p,
    scoreDirection: direction(question, p.before.score, p.after.score),
    bandDirection: direction(question, position(p.before.band), position(p.after.band)),
  }));
  const countWhere = (/** @type {(member: Member) => boolean} */ test) => members.filter(test).length;
  return {
    question,
    band,
    members,
    bandMoves: moves(members, "bandDirection"),
    scoreMoves: moves(members, "scoreDirection"),
    bandCounts: question.bands.map((b) => ({ band: b, before: countWhere((p) => p.before.band === b), after: countWhere((p) => p.after.band === b) })),
    scoreCounts: SCORES.map((s) => ({ score: s, before: countWhere((p) => p.before.score === s), after: countWhere((p) => p.after.score === s) })),
    meanBefore: mean(members.map((p) => p.before.score)),
    meanAfter: mean(members.map((p) => p.after.score)),
  };
}

/**
 * @template {Pair} T
 * @param {T[]} members
 * @returns {T[]}
 */
export function sortedMembers(members) {
  return [...members].sort((a, b) => a.before.score - b.before.score || a.after.score - b.after.score || a.member.localeCompare(b.member));
}

export const directionWords = (/** @type {Question} */ question) => (question.higher_is_better ? "higher is better" : "lower is better");

/**
 * @param {string} band
 * @param {number} n
 */
export function whoPhrase(band, n) {
  return band === ALL ? `all ${plural(n, "member")}` : `the ${plural(n, "member")} who started in the ${band} band`;
}

// The sentence read out (and shown) after every change.
/** @param {Summary} data */
export function sentence(data) {
  const { question, members, bandMoves: b, scoreMoves: s } = data;
  if (members.length === 0) {
    return `${question.label}: no member started in the ${data.band} band, so there is nothing to show. Choose another band.`;
  }
  const lower = question.higher_is_better ? "" : " (for anxiety, better means a lower score)";
  return (
    `${question.label}, ${directionWords(question)}: of ${whoPhrase(data.band, members.length)}, ${b.better} moved to a better band, ` +
    `${b.same} stayed in the same band and ${b.worse} moved to a worse band. ` +
    `By score, ${s.better} got better, ${s.same} stayed the same and ${s.worse} got worse${lower}. ` +
    // The casts hold: there are members here, so both means are numbers (mean gives null for none).
    `Average score ${/** @type {number} */ (data.meanBefore).toFixed(1)} before and ${/** @type {number} */ (data.meanAfter).toFixed(1)} after.`
  );
}

// The chart's text alternative (its aria-label): every number it draws, in words.
/**
 * @param {Summary} data
 * @param {ViewId} view
 */
export function describe(data, view) {
  const { question } = data;
  const who = whoPhrase(data.band, data.members.length);
  const how = directionWords(question);
  if (view === "bands") {
    const parts = data.bandCounts.map((c) => `${c.band}: ${c.before} before, ${c.after} after`);
    return `Illustrative data. Grouped bar chart of ${question.label} (${how}), number of members in each ONS band before and after, ${who}. ${parts.join("; ")}.`;
  }
  if (view === "change") {
    const m = data.scoreMoves;
    return `Illustrative data. Chart of each member's ${question.label} score before and after (${how}), ${who}, sorted by score before: ${m.better} better, ${m.same} the same, ${m.worse} worse. The table below lists every member.`;
  }
  const given = data.scoreCounts.filter((c) => c.before || c.after).map((c) => `score ${c.score}: ${c.before} before, ${c.after} after`);
  return `Illustrative data. Grouped bar chart of ${question.label} scores from 0 to 10 (${how}), number of members giving each score before and after, ${who}. ${given.join("; ") || "No scores"}.`;
}

/**
 * @param {Summary} data
 * @param {ViewId} view
 */
export function chartTitle(data, view) {
  const { question } = data;
  const what = { bands: "members in each band", change: "each member's change", scores: "scores before and after" }[view];
  return `${question.label}: ${what} (${directionWords(question)})`;
}

// The data table under the chart: {caption, head, body: [[cells]]}; the first cell is a row header.
/**
 * @param {Summary} data
 * @param {ViewId} view
 * @returns {Table}
 */
export function tableFor(data, view) {
  const { question } = data;
  const who = whoPhrase(data.band, data.members.length);
  const made = "Illustrative data (made up)";
  if (view === "bands") {
    return {
      caption: `${made}: ${question.label}, number of members in each ONS band before and after, ${who}`,
      head: ["Band", "Before", "After", "Change (after minus before)"],
      body: data.bandCounts.map((c) => [c.band, c.before, c.after, signed(c.after - c.before)]),
    };
  }
  if (view === "change") {
    return {
      caption: `${made}: ${question.label}, each member's score before and after, ${who}, sorted by score before (${directionWords(question)})`,
      head: ["Member", "Score before", "Band before", "Score after", "Band after", "Score change", "Direction"],
      body: sortedMembers(data.members).map((p) => [p.member, p.before.score, p.before.band, p.after.score, p.after.band, signed(p.after.score - p.before.score), p.scoreDirection]),
    };
  }
  return {
    caption: `${made}: ${question.label}, number of members giving each score from 0 to 10, before and after, ${who}`,
    head: ["Score", "Before", "After"],
    body: data.scoreCounts.map((c) => [c.score, c.before, c.after]),
  };
}
