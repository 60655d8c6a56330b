// @ts-check
// What the course evaluation tells an LMS (pure: no DOM, no API): the learner's ratings as
// `likert` interactions, one per answered item, worked out on the learner's device from the
// private entry "evaluation:course" (contracts.md). The entry itself never goes to the LMS (not
// in cmi.suspend_data, suspend.js); the free text ("change") and the role are never sent.
//
// Ids: evaluation-before-<outcome id>, evaluation-after-<outcome id>, evaluation-relevance,
// evaluation-clarity, evaluation-time, evaluation-recommend. A skipped item sends nothing; an
// outcome the manifest no longer lists, or a value outside the item's scale, is left out.
//
// The SCORM rules checked (7 December 2026; sources in trainer/lms.md), and what they mean here:
// - type "likert" is in both vocabularies: SCORM 1.2 cmi.interactions.n.type (RTE 3.4.2.7.2; the
//   same list in Moodle's mod/scorm/datamodels/scorm_12.js, CMIType, and scorm-again 3.4.3's
//   scorm12 CMIType) and SCORM 2004 (RTE 4.2.9).
// - SCORM 2004: a likert learner_response is ONE short_identifier_type (RTE 4.2.9.2; scorm-again's
//   LearnerResponses.likert: CMIShortIdentifier, max 1: word characters, "-", "." and a few
//   URI marks, 1-250 characters), so the value goes as it is: "1".."5", "less", "yes".
// - SCORM 1.2: student_response is a CMIFeedback whose format depends on the type (RTE
//   3.4.2.7.5; scorm-again's note on it gives choice as comma-separated single characters).
//   Neither source spells out a multi-character likert identifier, so the course writes likert
//   answers as it writes choice answers (cmi.js learnerResponse): one character, 0-9 or a-z. A
//   value that is one such character goes as it is ("1".."5"); a word goes as its first letter
//   ("less" "l", "about" "a", "more" "m", "yes" "y", "maybe" "m", "no" "n"), or, should two
//   words of one item share a first letter, as the letter of its place in the list (a, b, c...).
//   Moodle itself stores any text up to 255 characters there (CMIFeedback = CMIString256).
// - Interaction ids: SCORM 1.2 CMIIdentifier (letters, digits, "-" and "_", up to 255; Moodle
//   accepts printable ASCII up to 255) and SCORM 2004 long_identifier_type (no spaces, up to
//   4,000). Outcome ids are kebab-case, so every id here is valid in both; an outcome id that is
//   not (the manifest is not checked here) is left out rather than sent broken.
// - result "neutral" (both vocabularies: a response that is neither right nor wrong).
// - SCORM 1.2's interaction fields are write-only, so connect.js keeps in `sent` what went (one
//   record for the whole evaluation: SENT_KEY, below), and
//   a changed rating is a new record with the same id (a journal: the last record is current);
//   SCORM 2004 reads the ids back and updates the record in place (connect.js interactionIndex).
import { EVALUATION_KEY } from "../../lib/evaluation.js";
import { isPlainObject } from "../../lib/merge.js";
import { keyCode } from "./compact.js";
import { hasOwn } from "../../lib/own.js";

// The one evaluation entry, named where the evaluation lives.
export { EVALUATION_KEY };

/**
 * @typedef {import("./session.js").Edition} Edition
 * @typedef {import("../../lib/manifest.js").Manifest} Manifest
 * @typedef {{id: string, value: string, values: string[], description: string}} Rating one rating the
 *   learner gave (evaluationRatings)
 * @typedef {Record<string, any>} Loose an object read from the manifest or the learner's entry,
 *   checked field by field
 */

const FIVE = [1, 2, 3, 4, 5];
/** @type {[string, string, (number | string)[], string][]} */
const FEEDBACK = [
  // [item, manifest list, the contract's values when the manifest gives none, description]
  ["relevance", "relevance", FIVE, "Relevance of the course to the learner's work (1 to 5)"],
  ["clarity", "clarity", FIVE, "Clarity of the course (1 to 5)"],
  ["time", "time", ["less", "about", "more"], "Time the course took, compared with the time it states"],
  ["recommend", "recommend", ["yes", "maybe", "no"], "Whether the learner would recommend the course"],
];
const ID = /^[A-Za-z0-9_-]{1,200}$/;
const SHORT = /^[A-Za-z0-9_.-]{1,250}$/;

// The values one item accepts, as text: the manifest's list ({value, words}) or the contract's.
/**
 * @param {unknown} list
 * @param {(number | string)[]} fallback
 * @returns {string[]}
 */
function valuesOf(list, fallback) {
  const given = Array.isArray(list) ? list.filter(isPlainObject).map((item) => item.value) : [];
  const values = given.filter((v) => (typeof v === "string" || Number.isInteger(v)) && SHORT.test(String(v))).map(String);
  return values.length ? values : fallback.map(String);
}

/**
 * @param {unknown} value
 * @param {string[]} values
 */
function ratingOf(value, values) {
  if (typeof value !== "string" && !Number.isInteger(value)) return null;
  const text = String(value);
  return values.includes(text) ? text : null;
}

// Every item the evaluation has, in a fixed order: [{id, values, description, read(entry)}].
/** @param {Loose} evaluation */
function itemsOf(evaluation) {
  const outcomes = (Array.isArray(evaluation.outcomes) ? evaluation.outcomes : [])
    .filter((/** @type {unknown} */ o) => isPlainObject(o) && typeof o.id === "string" && ID.test(o.id));
  const scale = valuesOf(evaluation.scale, FIVE);
  /**
   * @param {Loose} entry
   * @param {string} name
   * @returns {Loose}
   */
  const part = (entry, name) => (isPlainObject(entry[name]) ? entry[name] : {});
  /**
   * @param {Loose} object
   * @param {string} key
   */
  const own = (object, key) => (hasOwn(object, key) ? object[key] : undefined);
  /** @type {{id: string, values: string[], description: string, read: (entry: Loose) => unknown}[]} */
  const items = [];
  for (const [when, words] of [["before", "before the course"], ["after", "after the course"]]) {
    for (const outcome of outcomes) {
      const text = typeof outcome.text === "string" ? outcome.text.replace(/\s+/g, " ").trim() : outcome.id;
      items.push({ id: `evaluation-${when}-${outcome.id}`, values: scale, description: `Confidence ${words}: ${text}`,
        read: (entry) => own(part(entry, when), outcome.id) });
    }
  }
  for (const [item, list, fallback, description] of FEEDBACK) {
    items.push({ id: `evaluation-${item}`, values: valuesOf(evaluation[list], fallback), description,
      read: (entry) => own(part(entry, "feedback"), item) });
  }
  return items;
}

/**
 * @param {Manifest | null | undefined} manifest
 * @returns {Loose | null}
 */
const evaluationOf = (manifest) => (manifest && isPlainObject(manifest.evaluation) ? manifest.evaluation : null);

// Every rating the learner gave, in a fixed order: [{id, value, values, description}]. Nothing
// when the manifest has no `evaluation` or the learner has no evaluation entry.
/**
 * @param {Manifest | null | undefined} manifest
 * @param {Record<string, unknown> | null | undefined} entries the learner's entries, by key
 * @returns {Rating[]}
 */
export function evaluationRatings(manifest, entries) {
  const evaluation = evaluationOf(manifest);
  const entry = entries && isPlainObject(entries[EVALUATION_KEY]) ? entries[EVALUATION_KEY] : null;
  if (!evaluation || !entry) return [];
  return itemsOf(evaluation).flatMap(({ id, values, description, read }) => {
    const value = ratingOf(read(entry), values);
    return value === null ? [] : [{ id, value, values, description }];
  });
}

// What went to the LMS, as ONE record of the suspend data's `sent` (connect.js), so that SCORM
// 1.2's 4,096 characters are not spent on twenty ids: "<code of the item list>:<one mark per
// item>", a mark being the rating as SCORM 1.2 writes it (one character, unique within its item)
// and "_" an item not sent. If the course's items change, so does the code: all is sent again.
export const SENT_KEY = EVALUATION_KEY;

/**
 * @param {Manifest | null | undefined} manifest
 * @param {unknown} record what `sent` holds for the evaluation
 */
function sentMarks(manifest, record) {
  const evaluation = evaluationOf(manifest);
  const ids = evaluation ? itemsOf(evaluation).map((item) => item.id) : [];
  const code = keyCode(ids.join(" "));
  const [was, marks] = typeof record === "string" ? record.split(":") : [];
  const kept = was === code && typeof marks === "string" && marks.length === ids.length ? marks : "_".repeat(ids.length);
  return { ids, code, marks: kept.split("") };
}

/**
 * @param {Manifest | null | undefined} manifest
 * @param {unknown} record
 * @param {Rating} rating
 */
export function wasSent(manifest, record, rating) {
  const { ids, marks } = sentMarks(manifest, record);
  const at = ids.indexOf(rating.id);
  return at >= 0 && marks[at] === likertResponse("1.2", rating);
}

// -> the record with `rating` noted as sent.
/**
 * @param {Manifest | null | undefined} manifest
 * @param {unknown} record
 * @param {Rating} rating
 */
export function markSent(manifest, record, rating) {
  const { ids, code, marks } = sentMarks(manifest, record);
  const at = ids.indexOf(rating.id);
  if (at >= 0) marks[at] = likertResponse("1.2", rating);
  return `${code}:${marks.join("")}`;
}

// A rating as the edition writes it (see the rules above).
/**
 * @param {Edition} edition
 * @param {Rating} rating
 */
export function likertResponse(edition, rating) {
  if (edition === "2004") return rating.value;
  const one = /^[0-9a-z]$/;
  if (one.test(rating.value)) return rating.value;
  const firsts = rating.values.map((v) => v.charAt(0).toLowerCase());
  const first = rating.value.charAt(0).toLowerCase();
  if (one.test(first) && firsts.filter((c) => c === first).length === 1) return first;
  const place = rating.values.indexOf(rating.value);
  return "abcdefghijklmnopqrstuvwxyz".charAt(place) || "z";
}

// One rating as interaction number `index`: [element, value] pairs, type before response.
/**
 * @param {Edition} edition
 * @param {number} index
 * @param {Rating} rating
 */
export function likertValues(edition, index, rating) {
  const at = `cmi.interactions.${index}.`;
  if (edition === "1.2") {
    return [[`${at}id`, rating.id], [`${at}type`, "likert"],
      [`${at}student_response`, likertResponse(edition, rating)], [`${at}result`, "neutral"]];
  }
  return [[`${at}id`, rating.id], [`${at}type`, "likert"],
    [`${at}learner_response`, likertResponse(edition, rating)], [`${at}result`, "neutral"],
    [`${at}description`, rating.description.slice(0, 250)]];
}
