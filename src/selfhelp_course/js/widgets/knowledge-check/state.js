// @ts-check
// Knowledge check state (pure). One stored entry per question, key check:<id>:
// {v: 3, page, selected: [option ids], checked, tries, complete, attempted, updated}.
// Completed means answered correctly; attempted means checked at least once. Entries stored
// before v3 held indices into the bank's order of the time; they are read through
// lib/options.js and written back as ids at the next save, never dropped.
import { ENTRY_VERSIONS } from "../../lib/facts.js";
import { checkedAsMade, deepEqual, isPlainObject } from "../../lib/merge.js";
import { selectedIds } from "../../lib/options.js";
import { shuffled } from "../../lib/shuffle.js";

// The facts' version is a number to tsc; tests/test_shapes.py checks it is the schema's.
export const ENTRY_VERSION = /** @type {CheckEntry["v"]} */ (ENTRY_VERSIONS.check);

/**
 * One question of a checks bank (data/activities/checks/<page>.yml, checks.schema.json), as the
 * widget's trait `checks` gives it (without the authoring field `facts`); and the answer the view
 * holds (what CheckEntry stores).
 * @typedef {{id: string, text: string, feedback: string, correct?: boolean}} CheckOption
 * @typedef {{id: string, kind: "single" | "multiple", question: string, options: CheckOption[], order_before_v3?: string[]}} Check
 * @typedef {{selected: string[], checked: boolean, tries: number}} CheckAnswer
 * @typedef {import("../../lib/shapes.generated.js").CheckEntry} CheckEntry
 * @typedef {Parameters<typeof checkedAsMade>[1]} Sides what derive() is told of a write's two sides (the store's Sides)
 */

/**
 * @param {Check} check
 * @returns {string[]}
 */
export function optionIds(check) {
  return check.options.map((option) => option.id);
}

/**
 * @param {Check} check
 * @returns {string[]}
 */
export function correctOptions(check) {
  return check.options.flatMap((option) => (option.correct ? [option.id] : []));
}

/**
 * @param {Check} check
 * @param {string[]} picked
 */
export function isRight(check, picked) {
  return check.options.every((option) => Boolean(option.correct) === picked.includes(option.id));
}

// The order this learner sees the options in: shuffled by their seed, salted with the check's
// id, so each question has its own order and it is the same on every visit and device.
/**
 * @param {Check} check
 * @param {unknown} seed
 */
export function shownOrder(check, seed) {
  return shuffled(optionIds(check), seed, check.id);
}

// What a stored entry says the learner chose, cleaned against this question's options.
/**
 * @param {unknown} entry
 * @param {Check} check
 * @returns {CheckAnswer}
 */
export function stateFromEntry(entry, check) {
  if (!isPlainObject(entry) || !Array.isArray(entry.selected)) return { selected: [], checked: false, tries: 0 };
  const selected = selectedIds(entry.selected, optionIds(check), check.order_before_v3);
  const tries = Number.isInteger(entry.tries) && entry.tries > 0 ? entry.tries : entry.checked ? 1 : 0;
  return { selected, checked: Boolean(entry.checked) && selected.length > 0, tries };
}

/**
 * @param {CheckAnswer} answer
 * @param {string} page
 * @returns {CheckEntry}
 */
export function entryValue(answer, page) {
  return { v: ENTRY_VERSION, page, selected: answer.selected, checked: answer.checked, tries: answer.tries };
}

// sides: the two tabs' values when a write merged them (store.update), so that one tab's pick
// never counts as checked because the other tab checked a different one.
/**
 * @param {Check} check
 * @returns {(value: unknown, sides?: Sides) => {complete: boolean, attempted: boolean, checked?: boolean}}
 */
export function derive(check) {
  return (value, sides) => {
    const answer = stateFromEntry(value, check);
    const checked = checkedAsMade(answer, sides, (side) => stateFromEntry(side, check),
      (a, b) => deepEqual(a.selected, b.selected));
    const derived = { complete: checked && isRight(check, answer.selected), attempted: answer.tries > 0 };
    return checked === answer.checked ? derived : { ...derived, checked };
  };
}

// Which explanations to show once checked (in bank order, by option): when right, every
// option's (all are worth reading); when wrong, only the learner's own choices, so that
// "Try again" still means something.
/**
 * @param {Check} check
 * @param {string[]} picked
 */
export function feedback(check, picked) {
  const right = isRight(check, picked);
  return check.options.map((option) => ({
    id: option.id,
    visible: right || picked.includes(option.id),
    correct: Boolean(option.correct),
    text: `${option.correct ? "Correct answer" : "Not this one"}: ${option.feedback}`,
  }));
}

/**
 * @param {Check} check
 * @param {string[]} picked
 */
export function verdict(check, picked) {
  return isRight(check, picked)
    ? "Correct. The explanation for each option is shown below it."
    : "Not quite. Read the feedback under your answer, then try again.";
}

// With several questions: "Score: 2 of 3 correct (3 of 3 answered)."
/**
 * @param {Check[]} checks
 * @param {(CheckAnswer | undefined)[]} answers
 */
export function scoreText(checks, answers) {
  const right = checks.filter((check, i) => answers[i] && answers[i].checked && isRight(check, answers[i].selected)).length;
  const done = answers.filter((a) => a && a.checked).length;
  return `Score: ${right} of ${checks.length} correct (${done} of ${checks.length} answered).`;
}
