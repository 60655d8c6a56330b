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

export const VERSION = ENTRY_VERSIONS.assessment;

export function rightOption(question) {
  const option = question.options.find((o) => o.correct);
  return option ? option.id : null;
}

export function questionsById(bank) {
  return new Map(bank.questions.map((q) => [q.id, q]));
}

// The questions of one attempt: one from each outcome, then the rest at random, all shuffled.
export function drawAttempt(bank, outcomes, draw, seed, attemptId) {
  const salt = (part) => `${attemptId}:${part}`;
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
    options: shuffled(byId.get(id).options.map((o) => o.id), seed, salt(`options:${id}`)),
  }));
}

export function newAttemptId(random = () => Math.random()) {
  return `${Date.now().toString(36)}-${Math.floor(random() * 36 ** 6).toString(36).padStart(6, "0")}`;
}

export function startAttempt(entry, bank, outcomes, settings, seed, attemptId, now) {
  const value = stateFromEntry(entry, bank);
  const attempt = { started: now, questions: drawAttempt(bank, outcomes, settings.draw, seed, attemptId), answers: {} };
  return { ...value, attempts: { ...value.attempts, [attemptId]: attempt } };
}

// An attempt as stored, cleaned against the bank: unknown questions and options are dropped.
// A submitted attempt kept as its result only (see compact): {started, submitted, right, total}.
function cleanStub(attempt) {
  const { started, submitted, right, total } = attempt;
  const valid = typeof submitted === "string" && submitted && Number.isInteger(right) && Number.isInteger(total)
    && total > 0 && right >= 0 && right <= total;
  return valid ? { started: typeof started === "string" ? started : "", submitted, right, total } : null;
}

function cleanAttempt(attempt, byId) {
  if (!isPlainObject(attempt)) return null;
  if (!Array.isArray(attempt.questions)) return cleanStub(attempt);
  const questions = attempt.questions
    .filter((q) => isPlainObject(q) && byId.has(q.id) && Array.isArray(q.options))
    .map((q) => {
      const known = new Set(byId.get(q.id).options.map((o) => o.id));
      return { id: q.id, options: q.options.filter((id) => known.has(id)) };
    });
  if (!questions.length) return null;
  const answers = {};
  const raw = isPlainObject(attempt.answers) ? attempt.answers : {};
  for (const q of questions) {
    const chosen = Array.isArray(raw[q.id]) ? raw[q.id].filter((id) => q.options.includes(id)) : [];
    if (chosen.length) answers[q.id] = chosen.slice(0, 1);
  }
  const clean = { started: typeof attempt.started === "string" ? attempt.started : "", questions, answers };
  if (typeof attempt.submitted === "string" && attempt.submitted) {
    Object.assign(clean, { submitted: attempt.submitted }, scoreAttempt(byId, clean));
  }
  return clean;
}

export function stateFromEntry(entry, bank) {
  const byId = questionsById(bank);
  const attempts = {};
  const raw = isPlainObject(entry) && isPlainObject(entry.attempts) ? entry.attempts : {};
  for (const [id, attempt] of Object.entries(raw)) {
    const clean = cleanAttempt(attempt, byId);
    if (clean) attempts[id] = clean;
  }
  return { v: VERSION, page: isPlainObject(entry) && typeof entry.page === "string" ? entry.page : "", attempts };
}

export function scoreAttempt(byId, attempt) {
  const correct = attempt.questions
    .filter((q) => (attempt.answers[q.id] || [])[0] === rightOption(byId.get(q.id)))
    .map((q) => q.id);
  return { right: correct.length, total: attempt.questions.length, correct };
}

export function unanswered(attempt) {
  return attempt.questions.filter((q) => !(attempt.answers[q.id] || []).length).length;
}

export function answer(entry, attemptId, questionId, optionId) {
  const attempt = entry.attempts[attemptId];
  if (!attempt || attempt.submitted) return entry;
  return { ...entry, attempts: { ...entry.attempts, [attemptId]: { ...attempt, answers: { ...attempt.answers, [questionId]: [optionId] } } } };
}

export function submit(entry, bank, attemptId, now) {
  const attempt = entry.attempts[attemptId];
  if (!attempt || attempt.submitted || unanswered(attempt) > 0) return entry;
  const done = { ...attempt, submitted: now, ...scoreAttempt(questionsById(bank), attempt) };
  return { ...entry, attempts: { ...entry.attempts, [attemptId]: done } };
}

const scaledOf = (a) => (a.total ? a.right / a.total : 0);

// The best submitted attempt (highest share right; the earlier one on a tie), or null.
export function bestAttempt(entry) {
  /** @type {{attempt: string, right: number, total: number, scaled: number, submitted: string} | null} */
  let best = null;
  for (const [id, a] of Object.entries(entry.attempts || {})) {
    if (!a.submitted) continue;
    const better = !best || scaledOf(a) > best.scaled + 1e-9 || (Math.abs(scaledOf(a) - best.scaled) < 1e-9 && a.submitted < best.submitted);
    if (better) best = { attempt: id, right: a.right, total: a.total, scaled: Math.round(scaledOf(a) * 10000) / 10000, submitted: a.submitted };
  }
  return best;
}

export function submittedCount(entry) {
  return Object.values(entry.attempts || {}).filter((a) => a.submitted).length;
}

// The attempt in progress: the latest started that is not submitted, or null.
export function currentAttempt(entry) {
  const open = Object.entries(entry.attempts || {}).filter(([, a]) => !a.submitted);
  open.sort(([, a], [, b]) => (a.started < b.started ? 1 : a.started > b.started ? -1 : 0));
  return open.length ? open[0][0] : null;
}

// The last submitted attempt (the one whose result to show), or null.
export function lastSubmitted(entry) {
  const done = Object.entries(entry.attempts || {}).filter(([, a]) => a.submitted);
  done.sort(([, a], [, b]) => (a.submitted < b.submitted ? 1 : -1));
  return done.length ? done[0][0] : null;
}

export function attemptsLeft(entry, settings) {
  if (!settings.attempts) return Infinity;
  return Math.max(0, settings.attempts - submittedCount(entry));
}

export function passed(best, passMark) {
  return Boolean(best) && best.scaled >= passMark - 1e-9;
}

// Fields worked out from the data, and the rule that a submitted attempt never changes: if the
// other side (another tab) holds an attempt as submitted, its version is kept whole.
// Older submitted attempts, other than the best and the latest, keep only their result, so the
// entry stays small enough to travel in a SCORM 1.2 LMS's 4,096 characters of saved state. The
// best keeps its answers (the LMS's interactions), the latest its review; counts are unchanged.
export function compact(entry) {
  const best = bestAttempt(entry);
  const keep = new Set([best && best.attempt, lastSubmitted(entry)]);
  const attempts = {};
  for (const [id, attempt] of Object.entries(entry.attempts)) {
    const { started, submitted, right, total } = attempt;
    attempts[id] = attempt.submitted && !keep.has(id) ? { started, submitted, right, total } : attempt;
  }
  return { ...entry, attempts };
}

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

export function percent(scaled) {
  return `${Math.round(scaled * 100)}%`;
}

// After submission: the result, and for each question answered wrongly, what was chosen, the
// right answer, why, and the page that teaches it.
export function review(bank, attempt, pages, passMark) {
  const byId = questionsById(bank);
  const score = scoreAttempt(byId, attempt);
  const scaled = score.total ? score.right / score.total : 0;
  const wrong = attempt.questions.filter((q) => !score.correct.includes(q.id)).map((q) => {
    const question = byId.get(q.id);
    const text = (id) => (question.options.find((o) => o.id === id) || { text: "" }).text;
    const chosen = (attempt.answers[q.id] || [])[0];
    const page = pages[question.page] || { title: question.page, href: "" };
    return { id: q.id, question: question.question, chosen: chosen ? text(chosen) : "", right: text(rightOption(question)), feedback: question.feedback, page };
  });
  return { ...score, scaled, passed: scaled >= passMark - 1e-9, wrong };
}

export function resultText(result, passMark) {
  const verdict = result.passed ? "You passed" : "You did not reach the pass mark this time";
  return `${verdict}: ${result.right} of ${result.total} right (${percent(result.scaled)}). The pass mark is ${percent(passMark)}.`;
}
