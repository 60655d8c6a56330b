// @ts-check
// The end-of-course assessment's rules (pure: no DOM, no storage). One stored entry, key
// assessment:<id>:
// {v: 1, page, attempts: {<attempt id>: {started, submitted?, questions: [{id, options: [option
//  ids in shown order]}], answers: {<question id>: [option ids]}, right?, total?, correct?}},
//  complete, attempted, best?: {attempt, right, total, scaled, submitted}, updated}
// Each attempt draws `draw` questions covering every outcome, in a shuffled order with shuffled
// options, and keeps what it drew, so a reload or another tab shows the same attempt. A submitted
// attempt never changes again. The score is the best submitted attempt; complete once it reaches
// the pass mark. Attempts have random ids, so two tabs that each start one keep both.
import { ENTRY_VERSIONS } from "../../lib/facts.js";
import { isPlainObject } from "../../lib/merge.js";
import { shuffled } from "../../lib/shuffle.js";

/** @typedef {import("../../lib/shapes.generated.js").AssessmentEntry} AssessmentEntry */
/** @typedef {import("../../lib/shapes.generated.js").AssessmentAttempt} AssessmentAttempt */
/** @typedef {import("../../lib/shapes.generated.js").AssessmentQuestion} AssessmentQuestion */
/** @typedef {import("../../lib/shapes.generated.js").AssessmentBest} AssessmentBest */
/** @typedef {{questions: AssessmentQuestion[], answers: Record<string, string[]>}} WithQuestions an attempt's questions and answers */
/**
 * An attempt as the state holds it (cleanAttempt): in progress, with its questions and answers...
 * @typedef {WithQuestions & {started: string, submitted?: undefined, right?: undefined, total?: undefined, correct?: undefined}} OpenAttempt
 */
/**
 * ...or submitted, with its result, and its questions unless it was compacted to a stub.
 * @typedef {Partial<WithQuestions> & {started: string, submitted: string, right: number, total: number, correct?: string[]}} DoneAttempt
 */
/** @typedef {OpenAttempt | DoneAttempt} CleanAttempt */
/** @typedef {Omit<AssessmentEntry, "attempts"> & {attempts: Record<string, CleanAttempt>}} AssessmentState stateFromEntry's */
// The bank as the widget is given it (activities/assessment.py assessment_data, the bank's
// schema data/schemas/assessment.schema.json); shapes.generated.d.ts has no type for the banks.
/** @typedef {{id: string, text: string, correct?: boolean}} BankOption */
/**
 * @typedef {object} BankQuestion
 * @property {string} id
 * @property {string} outcome the learning outcome's id
 * @property {string} page the docname of the page that teaches it
 * @property {string} question
 * @property {BankOption[]} options
 * @property {string} feedback
 */
/** @typedef {{id: string, questions: BankQuestion[]}} Bank */
/** @typedef {{id: string, text?: string}} Outcome */
/** @typedef {{draw: number, attempts: number, pass_mark: number}} Settings */
/** @typedef {{title: string, href: string}} TaughtPage */

// The facts' version is a number to tsc; tests/test_shapes.py checks it is the schema's.
export const VERSION = /** @type {AssessmentEntry["v"]} */ (ENTRY_VERSIONS.assessment);

/** @param {BankQuestion} question */
export function rightOption(question) {
  const option = question.options.find((o) => o.correct);
  return option ? option.id : null;
}

/** @param {Bank} bank */
export function questionsById(bank) {
  return new Map(bank.questions.map((q) => [q.id, q]));
}

// The questions of one attempt: one from each outcome, then the rest at random, all shuffled.
/**
 * @param {Bank} bank
 * @param {Outcome[]} outcomes
 * @param {number} draw
 * @param {unknown} seed
 * @param {string} attemptId
 * @returns {AssessmentQuestion[]}
 */
export function drawAttempt(bank, outcomes, draw, seed, attemptId) {
  const salt = (/** @type {string} */ part) => `${attemptId}:${part}`;
  /** @type {string[]} */
  const picked = [];
  for (const outcome of outcomes) {
    const ids = bank.questions.filter((q) => q.outcome === outcome.id).map((q) => q.id);
    if (ids.length) picked.push(shuffled(ids, seed, salt(`outcome:${outcome.id}`))[0]);
  }
  const rest = shuffled(bank.questions.map((q) => q.id).filter((id) => !picked.includes(id)), seed, salt("rest"));
  const chosen = [...picked, ...rest].slice(0, Math.max(draw, 0));
  const byId = questionsById(bank);
  return shuffled(chosen, seed, salt("order")).map((id) => ({
    id,
    // The cast holds: every id here is one of the bank's questions.
    options: shuffled(/** @type {BankQuestion} */ (byId.get(id)).options.map((o) => o.id), seed, salt(`options:${id}`)),
  }));
}

export function newAttemptId(random = () => Math.random()) {
  return `${Date.now().toString(36)}-${Math.floor(random() * 36 ** 6).toString(36).padStart(6, "0")}`;
}

/**
 * @param {unknown} entry
 * @param {Bank} bank
 * @param {Outcome[]} outcomes
 * @param {Settings} settings
 * @param {unknown} seed
 * @param {string} attemptId
 * @param {string} now ISO time
 * @returns {AssessmentState}
 */
export function startAttempt(entry, bank, outcomes, settings, seed, attemptId, now) {
  const value = stateFromEntry(entry, bank);
  const attempt = { started: now, questions: drawAttempt(bank, outcomes, settings.draw, seed, attemptId), answers: {} };
  return { ...value, attempts: { ...value.attempts, [attemptId]: attempt } };
}

// An attempt as stored, cleaned against the bank: unknown questions and options are dropped.
// A submitted attempt kept as its result only (see compact): {started, submitted, right, total}.
/**
 * @param {Record<string, any>} attempt
 * @returns {DoneAttempt | null}
 */
function cleanStub(attempt) {
  const { started, submitted, right, total } = attempt;
  const valid = typeof submitted === "string" && submitted && Number.isInteger(right) && Number.isInteger(total)
    && total > 0 && right >= 0 && right <= total;
  return valid ? { started: typeof started === "string" ? started : "", submitted, right, total } : null;
}

/**
 * @param {unknown} attempt
 * @param {Map<string, BankQuestion>} byId
 * @returns {CleanAttempt | null}
 */
function cleanAttempt(attempt, byId) {
  if (!isPlainObject(attempt)) return null;
  if (!Array.isArray(attempt.questions)) return cleanStub(attempt);
  const questions = attempt.questions
    .filter((q) => isPlainObject(q) && byId.has(q.id) && Array.isArray(q.options))
    .map((q) => {
      // The cast holds: the filter above kept only the bank's questions.
      const known = new Set(/** @type {BankQuestion} */ (byId.get(q.id)).options.map((o) => o.id));
      // Stored ids are read as any: they are only compared with the bank's.
      return { id: q.id, options: q.options.filter((/** @type {any} */ id) => known.has(id)) };
    });
  if (!questions.length) return null;
  /** @type {Record<string, string[]>} */
  const answers = {};
  /** @type {Record<string, any>} */
  const raw = isPlainObject(attempt.answers) ? attempt.answers : {};
  for (const q of questions) {
    const chosen = Array.isArray(raw[q.id]) ? raw[q.id].filter((/** @type {any} */ id) => q.options.includes(id)) : [];
    if (chosen.length) answers[q.id] = chosen.slice(0, 1);
  }
  /** @type {CleanAttempt} */
  const clean = { started: typeof attempt.started === "string" ? attempt.started : "", questions, answers };
  if (typeof attempt.submitted === "string" && attempt.submitted) {
    Object.assign(clean, { submitted: attempt.submitted }, scoreAttempt(byId, clean));
  }
  return clean;
}

/**
 * @param {unknown} entry
 * @param {Bank} bank
 * @returns {AssessmentState}
 */
export function stateFromEntry(entry, bank) {
  const byId = questionsById(bank);
  /** @type {Record<string, CleanAttempt>} */
  const attempts = {};
  const raw = isPlainObject(entry) && isPlainObject(entry.attempts) ? entry.attempts : {};
  for (const [id, attempt] of Object.entries(raw)) {
    const clean = cleanAttempt(attempt, byId);
    if (clean) attempts[id] = clean;
  }
  return { v: VERSION, page: isPlainObject(entry) && typeof entry.page === "string" ? entry.page : "", attempts };
}

/**
 * @param {Map<string, BankQuestion>} byId
 * @param {WithQuestions} attempt
 */
export function scoreAttempt(byId, attempt) {
  const correct = attempt.questions
    // The cast holds: an attempt's questions are the bank's (drawAttempt, cleanAttempt).
    .filter((q) => (attempt.answers[q.id] || [])[0] === rightOption(/** @type {BankQuestion} */ (byId.get(q.id))))
    .map((q) => q.id);
  return { right: correct.length, total: attempt.questions.length, correct };
}

/** @param {WithQuestions} attempt */
export function unanswered(attempt) {
  return attempt.questions.filter((q) => !(attempt.answers[q.id] || []).length).length;
}

/**
 * @param {AssessmentState} entry
 * @param {string} attemptId
 * @param {string} questionId
 * @param {string} optionId
 * @returns {AssessmentState}
 */
export function answer(entry, attemptId, questionId, optionId) {
  const attempt = entry.attempts[attemptId];
  if (!attempt || attempt.submitted) return entry;
  return { ...entry, attempts: { ...entry.attempts, [attemptId]: { ...attempt, answers: { ...attempt.answers, [questionId]: [optionId] } } } };
}

/**
 * @param {AssessmentState} entry
 * @param {Bank} bank
 * @param {string} attemptId
 * @param {string} now ISO time
 * @returns {AssessmentState}
 */
export function submit(entry, bank, attemptId, now) {
  // The cast holds: a submitted attempt is kept only with a non-empty time (cleanAttempt,
  // cleanStub), so one whose time is falsy is in progress (tsc cannot rule out "").
  const attempt = /** @type {OpenAttempt | undefined} */ (entry.attempts[attemptId]);
  if (!attempt || attempt.submitted || unanswered(attempt) > 0) return entry;
  const done = { ...attempt, submitted: now, ...scoreAttempt(questionsById(bank), attempt) };
  return { ...entry, attempts: { ...entry.attempts, [attemptId]: done } };
}

const scaledOf = (/** @type {DoneAttempt} */ a) => (a.total ? a.right / a.total : 0);

// The best submitted attempt (highest share right; the earlier one on a tie), or null.
/**
 * @param {{attempts?: Record<string, CleanAttempt>}} entry
 * @returns {AssessmentBest | null}
 */
export function bestAttempt(entry) {
  /** @type {AssessmentBest | null} */
  let best = null;
  for (const [id, a] of Object.entries(entry.attempts || {})) {
    if (!a.submitted) continue;
    const better = !best || scaledOf(a) > best.scaled + 1e-9 || (Math.abs(scaledOf(a) - best.scaled) < 1e-9 && a.submitted < best.submitted);
    if (better) best = { attempt: id, right: a.right, total: a.total, scaled: Math.round(scaledOf(a) * 10000) / 10000, submitted: a.submitted };
  }
  return best;
}

/** @param {{attempts?: Record<string, CleanAttempt>}} entry */
export function submittedCount(entry) {
  return Object.values(entry.attempts || {}).filter((a) => a.submitted).length;
}

// The attempt in progress: the latest started that is not submitted, or null.
/** @param {{attempts?: Record<string, CleanAttempt>}} entry */
export function currentAttempt(entry) {
  const open = Object.entries(entry.attempts || {}).filter(([, a]) => !a.submitted);
  open.sort(([, a], [, b]) => (a.started < b.started ? 1 : a.started > b.started ? -1 : 0));
  return open.length ? open[0][0] : null;
}

// The last submitted attempt (the one whose result to show), or null.
/** @param {{attempts?: Record<string, CleanAttempt>}} entry */
export function lastSubmitted(entry) {
  // The cast holds: the filter keeps the submitted attempts.
  const done = /** @type {[string, DoneAttempt][]} */ (Object.entries(entry.attempts || {}).filter(([, a]) => a.submitted));
  done.sort(([, a], [, b]) => (a.submitted < b.submitted ? 1 : -1));
  return done.length ? done[0][0] : null;
}

/**
 * @param {{attempts?: Record<string, CleanAttempt>}} entry
 * @param {{attempts: number}} settings
 */
export function attemptsLeft(entry, settings) {
  if (!settings.attempts) return Infinity;
  return Math.max(0, settings.attempts - submittedCount(entry));
}

/**
 * @param {{scaled: number} | null} best
 * @param {number} passMark
 */
export function passed(best, passMark) {
  // The cast holds: Boolean(best) has ruled out null (tsc does not narrow on it).
  return Boolean(best) && /** @type {{scaled: number}} */ (best).scaled >= passMark - 1e-9;
}

// Fields worked out from the data, and the rule that a submitted attempt never changes: if the
// other side (another tab) holds an attempt as submitted, its version is kept whole.
// Older submitted attempts, other than the best and the latest, keep only their result, so the
// entry stays small enough to travel in a SCORM 1.2 LMS's 4,096 characters of saved state. The
// best keeps its answers (the LMS's interactions), the latest its review; counts are unchanged.
/**
 * @param {AssessmentState} entry
 * @returns {AssessmentState}
 */
export function compact(entry) {
  const best = bestAttempt(entry);
  const keep = new Set([best && best.attempt, lastSubmitted(entry)]);
  /** @type {Record<string, CleanAttempt>} */
  const attempts = {};
  for (const [id, attempt] of Object.entries(entry.attempts)) {
    const { started, submitted, right, total } = attempt;
    // The cast holds: attempt.submitted, so these are a submitted attempt's (DoneAttempt).
    attempts[id] = attempt.submitted && !keep.has(id) ? /** @type {DoneAttempt} */ ({ started, submitted, right, total }) : attempt;
  }
  return { ...entry, attempts };
}

/**
 * @param {Bank} bank
 * @param {number} passMark
 * @returns {(value: Record<string, any>, sides?: {theirs?: unknown}) => Partial<AssessmentEntry>}
 */
export function derive(bank, passMark) {
  return (value, sides) => {
    const theirs = sides && isPlainObject(sides.theirs) ? stateFromEntry(sides.theirs, bank) : null;
    const merged = stateFromEntry(value, bank);
    if (theirs) {
      for (const [id, attempt] of Object.entries(theirs.attempts)) {
        if (attempt.submitted) merged.attempts[id] = attempt;
      }
    }
    const small = compact(merged);
    const best = bestAttempt(small);
    /** @type {Partial<AssessmentEntry>} */
    const out = {
      attempts: small.attempts,
      complete: passed(best, passMark),
      attempted: Object.keys(merged.attempts).length > 0,
      best: best || undefined,
    };
    // Answers are not text the learner wrote: two tabs' different times or choices are not
    // conflicts to show, the rules above settle them.
    if (isPlainObject(value.conflicts)) {
      const kept = Object.fromEntries(Object.entries(value.conflicts).filter(([key]) => !key.startsWith('["attempts"')));
      out.conflicts = Object.keys(kept).length ? kept : undefined;
    }
    return out;
  };
}

/** @param {number} scaled */
export function percent(scaled) {
  return `${Math.round(scaled * 100)}%`;
}

// After submission: the result, and for each question answered wrongly, what was chosen, the
// right answer, why, and the page that teaches it.
/**
 * @param {Bank} bank
 * @param {WithQuestions} attempt
 * @param {Record<string, TaughtPage>} pages by docname
 * @param {number} passMark
 */
export function review(bank, attempt, pages, passMark) {
  const byId = questionsById(bank);
  const score = scoreAttempt(byId, attempt);
  const scaled = score.total ? score.right / score.total : 0;
  const wrong = attempt.questions.filter((q) => !score.correct.includes(q.id)).map((q) => {
    // The cast holds: an attempt's questions are the bank's (drawAttempt, cleanAttempt).
    const question = /** @type {BankQuestion} */ (byId.get(q.id));
    const text = (/** @type {string | null} */ id) => (question.options.find((o) => o.id === id) || { text: "" }).text;
    const chosen = (attempt.answers[q.id] || [])[0];
    const page = pages[question.page] || { title: question.page, href: "" };
    return { id: q.id, question: question.question, chosen: chosen ? text(chosen) : "", right: text(rightOption(question)), feedback: question.feedback, page };
  });
  return { ...score, scaled, passed: scaled >= passMark - 1e-9, wrong };
}

/** @typedef {ReturnType<typeof review>} Review */
/**
 * @param {{passed: boolean, right: number, total: number, scaled: number}} result
 * @param {number} passMark
 */
export function resultText(result, passMark) {
  const verdict = result.passed ? "You passed" : "You did not reach the pass mark this time";
  return `${verdict}: ${result.right} of ${result.total} right (${percent(result.scaled)}). The pass mark is ${percent(passMark)}.`;
}
