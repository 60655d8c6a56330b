// @ts-check
// What the end-of-course assessment tells an LMS (pure: no DOM, no API). The assessment alone
// decides the score and success: the best submitted attempt's share right, "passed" at or above
// the pass mark. Before any attempt is submitted there is no score. Each question of the best
// attempt also goes as an interaction, id "assessment-<question id>".
import { assessmentActivity, bestSubmitted } from "../../lib/assessment.js";
import { activityKey } from "../../lib/facts.js";
import { isPlainObject } from "../../lib/merge.js";

// -> {final, scaled, right, total, passed, canImprove, submitted, interactions}
/**
 * @param {unknown} manifest
 * @param {Record<string, any>} entries the learner's entries, by key
 * @param {number} passMark
 */
export function assessmentScore(manifest, entries, passMark) {
  const activity = assessmentActivity(manifest);
  const none = { final: false, scaled: 0, right: 0, total: 0, passed: false, canImprove: true, submitted: "", interactions: [] };
  if (!activity) return none;
  const entry = entries[activityKey("assessment", activity.id)];
  const best = bestSubmitted(entry);
  if (!best) return none;
  const { attempt } = best;
  const passed = best.scaled >= passMark - 1e-9;
  const limit = Number.isInteger(activity.attempts) ? activity.attempts : 0;
  const submitted = Object.values(entry.attempts).filter((a) => isPlainObject(a) && typeof a.submitted === "string").length;
  const order = isPlainObject(activity.options) ? activity.options : {};
  const correct = new Set(Array.isArray(attempt.correct) ? attempt.correct : []);
  const answers = isPlainObject(attempt.answers) ? attempt.answers : {};
  const interactions = (Array.isArray(attempt.questions) ? attempt.questions : []).filter(isPlainObject).map((q) => {
    const ids = (Array.isArray(answers[q.id]) ? answers[q.id] : []).filter((/** @type {unknown} */ id) => typeof id === "string");
    const bankOrder = Array.isArray(order[q.id]) ? order[q.id] : [];
    return {
      id: `assessment-${q.id}`,
      title: `${activity.title || "Assessment"}: ${q.id}`,
      answered: ids.length > 0,
      right: correct.has(q.id),
      // Option ids, with the bank's order (never the shown order), as the formative checks'
      // results: cmi.js letters or names them the same way (learnerResponse).
      selected: ids.filter((/** @type {string} */ id) => bankOrder.includes(id)),
      options: bankOrder,
      updated: attempt.submitted,
    };
  });
  return {
    final: true,
    scaled: best.scaled,
    right: attempt.right,
    total: attempt.total,
    passed,
    canImprove: !passed && (limit === 0 || submitted < limit),
    submitted: attempt.submitted,
    interactions,
  };
}
