// @ts-check
// The end-of-course assessment's result as every reader sees it (pure): the LMS bridge, the
// portfolio's statement of completion and CPD log. The result is the best submitted attempt
// (highest share right; the earlier on a tie), read from the attempts themselves.
import { activityKey } from "./facts.js";
import { isPlainObject } from "./merge.js";

/**
 * @param {unknown} manifest
 * @returns {Record<string, any> | null}
 */
export function assessmentActivity(manifest) {
  const pages = isPlainObject(manifest) && Array.isArray(manifest.pages) ? manifest.pages : [];
  for (const page of pages) {
    for (const activity of (isPlainObject(page) && Array.isArray(page.activities) ? page.activities : [])) {
      if (isPlainObject(activity) && activity.kind === "assessment") return activity;
    }
  }
  return null;
}

/**
 * @param {unknown} entry
 * @returns {[string, Record<string, any>][]}
 */
function submittedAttempts(entry) {
  const attempts = isPlainObject(entry) && isPlainObject(entry.attempts) ? entry.attempts : {};
  return Object.entries(attempts).filter(([, a]) => isPlainObject(a) && typeof a.submitted === "string" && a.submitted
    && Number.isInteger(a.right) && Number.isInteger(a.total) && a.total > 0 && a.right >= 0 && a.right <= a.total);
}

// -> {id, attempt, scaled} or null
/**
 * @param {unknown} entry
 */
export function bestSubmitted(entry) {
  /** @type {{id: string, attempt: Record<string, any>, scaled: number} | null} */
  let best = null;
  for (const [id, attempt] of submittedAttempts(entry)) {
    const scaled = attempt.right / attempt.total;
    if (!best || scaled > best.scaled + 1e-9 || (Math.abs(scaled - best.scaled) < 1e-9 && attempt.submitted < best.attempt.submitted)) {
      best = { id, attempt, scaled };
    }
  }
  return best;
}

// -> null when the course has no assessment; else {id, title, passMark, attemptsAllowed,
//    submittedCount, best: {attempt, right, total, scaled, submitted, passed} | null}
/**
 * @param {unknown} manifest
 * @param {Record<string, unknown> | null | undefined} entries
 */
export function assessmentResult(manifest, entries) {
  const activity = assessmentActivity(manifest);
  if (!activity) return null;
  const entry = (entries || {})[activityKey("assessment", activity.id)];
  const passMark = typeof activity.pass_mark === "number" ? activity.pass_mark : 0.8;
  const found = bestSubmitted(entry);
  const best = found ? {
    attempt: found.id, right: found.attempt.right, total: found.attempt.total, scaled: found.scaled,
    submitted: found.attempt.submitted, passed: found.scaled >= passMark - 1e-9,
  } : null;
  return {
    id: String(activity.id), title: typeof activity.title === "string" ? activity.title : "", passMark,
    attemptsAllowed: Number.isInteger(activity.attempts) ? activity.attempts : 0,
    submittedCount: submittedAttempts(entry).length, best,
  };
}
