// @ts-check
// Sorting exercise state (pure). Stored under sorting:<id>:
// {v: 2, page, placements: {item index as text: category id}, checked, tries, complete,
//  attempted, updated}. Placements are an object so that two tabs placing different
// descriptions both keep theirs when their writes merge.
// Completed means checked with every description in its right kind (2 of 10 right is not
// done); attempted means checked at least once.
import { ENTRY_VERSIONS } from "../../lib/facts.js";
import { checkedAsMade, deepEqual, isPlainObject } from "../../lib/merge.js";

// The `v` of its stored entries (_facts.py, through lib/facts.js; compact.js reads the same).
// The facts' version is a number to tsc; tests/test_shapes.py checks it is the schema's.
export const ENTRY_VERSION = /** @type {SortingEntry["v"]} */ (ENTRY_VERSIONS.sorting);

/**
 * One exercise of a sorting bank (data/activities/sorting/<page>.yml, sorting.schema.json), as the
 * widget's trait `exercise` gives it; and the answer the view holds (what SortingEntry stores).
 * @typedef {{id: string, label: string}} SortingCategory
 * @typedef {{text: string, answer: string, explanation: string}} SortingItem
 * @typedef {{id: string, title: string, instructions: string, categories: SortingCategory[], items: SortingItem[]}} Exercise
 * @typedef {{placements: Record<string, string>, checked: boolean, tries: number}} SortingAnswer
 * @typedef {import("../../lib/shapes.generated.js").SortingEntry} SortingEntry
 * @typedef {Parameters<typeof checkedAsMade>[1]} Sides what derive() is told of a write's two sides (the store's Sides)
 */

/** @type {(exercise: Exercise) => SortingItem[]} */
const items = (exercise) => (Array.isArray(exercise.items) ? exercise.items : []);
/** @type {(exercise: Exercise) => SortingCategory[]} */
const categories = (exercise) => (Array.isArray(exercise.categories) ? exercise.categories : []);

/**
 * @param {Exercise} exercise
 * @param {unknown} categoryId
 * @returns {string}
 */
export function labelOf(exercise, categoryId) {
  const category = categories(exercise).find((c) => c.id === categoryId);
  return category ? category.label : String(categoryId);
}

// Placements that still fit the exercise: a known item index (written as the index itself,
// so "01" or "1.0" are not) and a known category. Anything else is dropped.
/**
 * @param {unknown} raw
 * @param {Exercise} exercise
 * @returns {Record<string, string>}
 */
export function cleanPlacements(raw, exercise) {
  /** @type {Record<string, string>} */
  const result = {};
  if (!isPlainObject(raw)) return result;
  const total = items(exercise).length;
  const known = new Set(categories(exercise).map((c) => c.id));
  for (const [key, value] of Object.entries(raw)) {
    const index = Number(key);
    if (Number.isInteger(index) && index >= 0 && index < total && String(index) === key && known.has(value)) {
      result[key] = value;
    }
  }
  return result;
}

/** @type {(placements: Record<string, string>) => number} */
export const placedCount = (placements) => Object.keys(placements).length;

/**
 * @param {Exercise} exercise
 * @param {Record<string, string>} placements
 * @param {number} index
 */
export function isRight(exercise, placements, index) {
  return placements[String(index)] === items(exercise)[index].answer;
}

/**
 * @param {Exercise} exercise
 * @param {Record<string, string>} placements
 */
export function score(exercise, placements) {
  return items(exercise).filter((_item, index) => isRight(exercise, placements, index)).length;
}

/**
 * @param {Exercise} exercise
 * @param {Record<string, string>} placements
 */
export function allRight(exercise, placements) {
  const total = items(exercise).length;
  return total > 0 && score(exercise, placements) === total;
}

// What a stored entry (v1 or v2, or the kernel's traits) says, cleaned against this exercise.
/**
 * @param {unknown} entry
 * @param {Exercise} exercise
 * @returns {SortingAnswer}
 */
export function stateFromEntry(entry, exercise) {
  if (!isPlainObject(entry)) return { placements: {}, checked: false, tries: 0 };
  const placements = cleanPlacements(entry.placements, exercise);
  const checked = entry.checked === true && placedCount(placements) > 0;
  const tries = Number.isInteger(entry.tries) && entry.tries > 0 ? entry.tries : checked ? 1 : 0;
  return { placements, checked, tries };
}

/**
 * @param {SortingAnswer} answer
 * @param {string} page
 * @returns {SortingEntry}
 */
export function entryValue(answer, page) {
  return { v: ENTRY_VERSION, page, placements: { ...answer.placements }, checked: answer.checked, tries: answer.tries };
}

// sides: as for the knowledge check, placements one tab made after the other tab checked its
// own never count as checked.
/**
 * @param {Exercise} exercise
 * @returns {(value: unknown, sides?: Sides) => {complete: boolean, attempted: boolean, checked?: boolean}}
 */
export function derive(exercise) {
  return (value, sides) => {
    const answer = stateFromEntry(value, exercise);
    const checked = checkedAsMade(answer, sides, (side) => stateFromEntry(side, exercise),
      (a, b) => deepEqual(a.placements, b.placements));
    const derived = { complete: checked && allRight(exercise, answer.placements), attempted: answer.tries > 0 };
    return checked === answer.checked ? derived : { ...derived, checked };
  };
}

// The learner's changes, each giving the next answer.
/**
 * @param {SortingAnswer} answer
 * @param {number} index
 * @param {string} categoryId
 * @returns {SortingAnswer}
 */
export function place(answer, index, categoryId) {
  const placements = { ...answer.placements };
  if (categoryId) placements[String(index)] = categoryId;
  else delete placements[String(index)];
  return { ...answer, placements };
}

/**
 * @param {SortingAnswer} answer
 * @returns {SortingAnswer}
 */
export function check(answer) {
  return { ...answer, checked: true, tries: answer.tries + 1 };
}

// "Try again": the right placements stay, the others are cleared.
/**
 * @param {Exercise} exercise
 * @param {SortingAnswer} answer
 * @returns {SortingAnswer}
 */
export function keepRight(exercise, answer) {
  /** @type {Record<string, string>} */
  const placements = {};
  for (const [key, value] of Object.entries(answer.placements)) {
    if (isRight(exercise, answer.placements, Number(key))) placements[key] = value;
  }
  return { ...answer, placements, checked: false };
}

/**
 * @param {SortingAnswer} answer
 * @returns {SortingAnswer}
 */
export function restart(answer) {
  return { ...answer, placements: {}, checked: false };
}

// ---------------------------------------------------------------- words

/** @type {(n: number, one: string, many: string) => string} */
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/**
 * @param {Exercise} exercise
 * @param {Record<string, string>} placements
 */
export function scoreMessage(exercise, placements) {
  const total = items(exercise).length;
  const right = score(exercise, placements);
  let message = `${right} of ${total} placed correctly.`;
  const missing = total - placedCount(placements);
  if (missing > 0) message += ` ${plural(missing, "description has", "descriptions have")} no kind chosen yet.`;
  if (right === total) message += " Well done: every description is in the right kind.";
  else message += " Read the explanations, then choose Try again to change the ones that are not right.";
  return message;
}

/**
 * @param {Exercise} exercise
 * @param {Record<string, string>} placements
 */
export function progressMessage(exercise, placements) {
  const placed = placedCount(placements);
  return placed === 0 ? "" : `${placed} of ${items(exercise).length} descriptions have a kind chosen.`;
}

/**
 * @param {Exercise} exercise
 * @param {Record<string, string>} placements
 */
export function keptMessage(exercise, placements) {
  const kept = placedCount(placements);
  const left = items(exercise).length - kept;
  return `Your ${kept} correct ${kept === 1 ? "placement is" : "placements are"} kept. Choose a kind again for the other ${left}.`;
}

// Once checked, what each description's note says: {state: "right"|"wrong"|"missing", text}.
/**
 * @param {Exercise} exercise
 * @param {Record<string, string>} placements
 */
export function notes(exercise, placements) {
  return items(exercise).map((item, index) => {
    const chosen = placements[String(index)];
    const answer = labelOf(exercise, item.answer);
    if (!chosen) return { state: "missing", text: "No kind chosen yet. Choose Try again, then pick a kind for this one." };
    if (chosen === item.answer) return { state: "right", text: `Right: ${answer}. ${item.explanation}` };
    return {
      state: "wrong",
      text: `Not quite: you chose ${labelOf(exercise, chosen)}, but the right kind is ${answer}. ${item.explanation}`,
    };
  });
}

/** @param {Exercise} exercise */
export function kindsText(exercise) {
  return `The kinds to choose from: ${categories(exercise).map((c) => c.label).join("; ")}.`;
}
