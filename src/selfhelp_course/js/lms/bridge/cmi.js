// @ts-check
// What the course tells an LMS, worked out from the learner's entries (pure: no DOM, no API).
// Each function returns [element, value] pairs in the spelling of one SCORM edition.
//
// The rules (README.md and trainer/lms.md say the same to people):
// - completion: "completed" when the course is complete by the rule the statement of completion
//   uses, otherwise "incomplete"; once an LMS holds "completed" it is never taken back (the
//   learner may simply be on a device that lacks some of their work).
// - score: the end-of-course assessment's best submitted attempt (assessment.js), sent once an
//   attempt has been submitted; knowledge checks are formative and go as interactions only. SCORM 2004's
//   cmi.score.raw is a percentage (0-100), because Moodle grades from raw alone; scaled is the
//   share right. Success is "passed" once the score reaches the pass mark; "failed" only when the
//   learner can no longer improve it; otherwise unknown.
// - SCORM 1.2 has one status for both: "passed" when the course is complete and the score passed,
//   "failed" only when the score is final, below the mark and cannot improve (Moodle opens a
//   failed attempt in review mode), else "incomplete". The status is written before the score,
//   and "passed" only with its final score, in the same batch: Moodle checks completion when it
//   stores the score, and must find the new status already there.

import { ACTIVITY_KINDS, activityKey } from "../../lib/facts.js";
import { selectedIds } from "../../lib/options.js";

export { assessmentScore } from "./assessment.js";
export { SENT_KEY as EVALUATION_SENT, evaluationRatings, likertResponse, likertValues, markSent, wasSent } from "./evaluation.js";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * @typedef {import("../../lib/manifest.js").Manifest} Manifest
 * @typedef {import("./session.js").Edition} Edition
 * @typedef {{id: string, title: string, answered: boolean, right: boolean, selected: string[], options: string[],
 *   updated: string}} AnswerResult one question's answer, as an interaction (checkResults, assessment.js)
 */

// Every knowledge check in the course (the kind whose descriptor sends its answers as
// interactions, _facts.ActivityKind.lms), in reading order, with the learner's answer: `selected`
// holds option ids (entries from before option ids are read through the check's
// order_before_v3, lib/options.js), `options` the check's option ids in bank order.
/**
 * @param {Manifest | null | undefined} manifest
 * @param {Record<string, any>} entries the learner's entries, by key
 * @returns {AnswerResult[]}
 */
export function checkResults(manifest, entries) {
  const pages = manifest && Array.isArray(manifest.pages) ? manifest.pages : [];
  return pages.flatMap((page) =>
    (page.activities || [])
      .filter((activity) => ACTIVITY_KINDS[activity.kind] && ACTIVITY_KINDS[activity.kind].lms === "interactions")
      .map((activity) => {
        const entry = entries[activityKey(activity.kind, activity.id)];
        const value = entry && typeof entry === "object" ? entry : {};
        const options = Array.isArray(activity.options) ? activity.options.filter((id) => typeof id === "string") : [];
        const selected = selectedIds(value.selected, options, activity.order_before_v3);
        const answered = value.checked === true && selected.length > 0;
        return {
          id: activity.id,
          title: typeof activity.title === "string" ? activity.title : "",
          answered,
          right: answered && value.complete === true,
          selected,
          options,
          updated: typeof value.updated === "string" ? value.updated : "",
        };
      }),
  );
}

// The pass mark: the LMS's own (it may have been changed there) or the course's.
/**
 * @param {Edition} edition
 * @param {string} lmsValue
 * @param {number} configured
 */
export function passMarkOf(edition, lmsValue, configured) {
  const number = Number.parseFloat(lmsValue);
  if (lmsValue !== "" && Number.isFinite(number)) {
    const scaled = edition === "1.2" ? number / 100 : number;
    if (scaled > 0 && scaled <= 1) return scaled;
  }
  return configured;
}

const DONE = { "2004": ["completed"], "1.2": ["passed", "completed"] };

// Completion, success, score and progress, in the order to write them. `score` is
// {final, scaled, right, total, passed, canImprove, submitted} (the assessment's, see
// contracts); `previous` is the completion (2004) or lesson status (1.2) the LMS held when the
// session began. `passMark` is kept for callers; `score.passed` decides.
/**
 * @param {Edition} edition
 * @param {{complete: boolean, progress: number, score: any, passMark?: number, previous?: string}} status
 */
export function statusValues(edition, { complete, progress, score, previous = "" }) {
  const keepDone = DONE[edition].includes(previous);
  const final = Boolean(score && score.final);
  const passed = final && score.passed === true;
  const lockedOut = final && !passed && score.canImprove === false;
  const percent = final ? String(Math.round(Math.min(1, Math.max(0, Number(score.scaled) || 0)) * 100)) : "";
  if (edition === "1.2") {
    let status = "incomplete";
    if (complete && passed) status = "passed";
    else if (complete && !final) status = "completed"; // a course with nothing scored
    else if (lockedOut) status = "failed";
    if (keepDone && status !== "passed") status = previous;
    const values = [["cmi.core.lesson_status", status]];
    if (final) {
      values.push(["cmi.core.score.raw", percent], ["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"]);
    }
    return values;
  }
  const values = [["cmi.completion_status", complete || keepDone ? "completed" : "incomplete"]];
  if (!keepDone && Number.isFinite(progress)) {
    values.push(["cmi.progress_measure", round(Math.min(1, Math.max(0, progress)))]);
  }
  if (final) {
    values.push(["cmi.success_status", passed ? "passed" : lockedOut ? "failed" : "unknown"],
      ["cmi.score.scaled", round(score.scaled)], ["cmi.score.raw", percent],
      ["cmi.score.min", "0"], ["cmi.score.max", "100"]);
  }
  return values;
}

/** @param {number} number */
function round(number) {
  return String(Math.round(number * 10000) / 10000);
}

// A learner's choice as SCORM writes it, in the bank's order (never the order shown): SCORM 2004
// names the options by id, separated by "[,]"; SCORM 1.2 allows only single characters, so it
// letters them a, b, c... by their place in the bank, separated by ",".
/**
 * @param {Edition} edition
 * @param {string[]} ids the options chosen
 * @param {string[]} options the options in bank order
 */
export function learnerResponse(edition, ids, options) {
  /** @type {[string, number][]} */
  const chosen = options.flatMap((id, index) => (ids.includes(id) ? [/** @type {[string, number]} */ ([id, index])] : []));
  if (edition === "2004") return chosen.map(([id]) => id).join("[,]");
  return chosen.filter(([, index]) => index < LETTERS.length).map(([, index]) => LETTERS[index]).join(",");
}

// One knowledge-check answer as interaction number `index`.
/**
 * @param {Edition} edition
 * @param {number} index
 * @param {AnswerResult} result
 */
export function interactionValues(edition, index, result) {
  const at = `cmi.interactions.${index}.`;
  if (edition === "1.2") {
    const values = [[`${at}id`, result.id], [`${at}type`, "choice"],
      [`${at}student_response`, learnerResponse(edition, result.selected, result.options)],
      [`${at}result`, result.right ? "correct" : "wrong"]];
    const time = /T(\d\d:\d\d:\d\d)/.exec(result.updated);
    if (time) values.push([`${at}time`, time[1]]);
    return values;
  }
  const values = [[`${at}id`, result.id], [`${at}type`, "choice"],
    [`${at}learner_response`, learnerResponse(edition, result.selected, result.options)],
    [`${at}result`, result.right ? "correct" : "incorrect"]];
  if (result.title) values.push([`${at}description`, result.title.slice(0, 250)]);
  const stamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.exec(result.updated);
  if (stamp) values.push([`${at}timestamp`, stamp[0]]);
  return values;
}

// How long this session lasted: SCORM 2004 wants an ISO 8601 duration, SCORM 1.2 HHHH:MM:SS.
/**
 * @param {Edition} edition
 * @param {number} milliseconds
 */
export function sessionTime(edition, milliseconds) {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (edition === "1.2") {
    /** @param {number} n */
    const two = (n) => String(n).padStart(2, "0");
    return `${String(Math.min(h, 9999)).padStart(4, "0")}:${two(m)}:${two(s)}`;
  }
  return `PT${h}H${m}M${s}S`;
}

// The page a learner was on, as a docname of the course ("book/welcome"), from the framed page's
// address; "" for anything that is not one of the course's pages.
/**
 * @param {Manifest | null | undefined} manifest
 * @param {string | URL} siteRoot
 * @param {string} address
 */
export function pageOf(manifest, siteRoot, address) {
  let path;
  try {
    path = new URL(address).pathname;
  } catch {
    return "";
  }
  const root = new URL(siteRoot).pathname;
  if (!path.startsWith(root) || !path.endsWith(".html")) return "";
  const docname = decodeURIComponent(path.slice(root.length, -".html".length));
  return knownPage(manifest, docname) ? docname : "";
}

/**
 * @param {Manifest | null | undefined} manifest
 * @param {string} docname
 */
export function knownPage(manifest, docname) {
  return Boolean(manifest && Array.isArray(manifest.pages) && manifest.pages.some((p) => p.docname === docname));
}
