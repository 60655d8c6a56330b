// @ts-check
// The learner's nation (pure apart from the store it is given): England, Wales, Scotland or
// Northern Ireland, or not chosen (the default: every page shows all four). It is the field
// `nation` of the learner entry (LEARNER_KEY), which is progress and so follows the learner to
// other tabs, devices and an LMS (compact.js encodes it for SCORM 1.2). The crisis box and the
// nation tables show the chosen nation's routes and the ones for everywhere (site/nation-choice.js).
import { ENTRY_VERSIONS, EVERYWHERE, LEARNER_KEY, NATIONS } from "./facts.js";
import { conflictKey, isPlainObject } from "./merge.js";

// The nations, in the order pages list them ([{id, name}]), and the place of a row that holds in
// all four (shown whatever the choice): data/nations.yml's, generated into lib/facts.generated.js.
export { EVERYWHERE, NATIONS };

/**
 * @typedef {import("./store.js").Store} Store
 * @typedef {import("./store.js").StoredEntry} StoredEntry
 */
/**
 * @param {unknown} id
 * @returns {boolean}
 */
export function validNation(id) {
  return NATIONS.some((nation) => nation.id === id);
}

/**
 * @param {unknown} id
 * @returns {string | null}
 */
export function nationName(id) {
  const nation = NATIONS.find((n) => n.id === id);
  return nation ? nation.name : null;
}

// The chosen nation in a learner entry, or null (not chosen, or not one of the four).
/**
 * @param {unknown} entry
 * @returns {string | null}
 */
export function nationOf(entry) {
  return isPlainObject(entry) && validNation(entry.nation) ? entry.nation : null;
}

// The stored choice, or null (reading only).
/**
 * @param {Store} store
 * @returns {string | null}
 */
export function storedNation(store) {
  const read = store.read(LEARNER_KEY);
  return read.status === "ok" ? nationOf(read.value) : null;
}

// derive() for writing a choice: the learner's newest choice wins over what another tab wrote
// meanwhile (it is a setting, not their words, so no "conflict" is kept beside it); the seed and
// every other field merge as usual and are never touched here.
/**
 * @param {string | null} id
 * @returns {(value: StoredEntry) => object}
 */
export function keepNewestChoice(id) {
  return (value) => {
    const conflicts = { ...(isPlainObject(value.conflicts) ? value.conflicts : {}) };
    delete conflicts[conflictKey(["nation"])];
    return { nation: id === null ? undefined : id, conflicts: Object.keys(conflicts).length ? conflicts : undefined };
  };
}

// Choose a nation (an id of NATIONS) or none (null: show all four again).
// -> the store's answer: {ok: true, value} | {ok: false, reason}
/**
 * @param {Store} store
 * @param {string | null} id
 * @returns {import("./store.js").UpdateResult}
 */
export function chooseNation(store, id) {
  if (id !== null && !validNation(id)) return { ok: false, reason: "unknown" };
  const read = store.read(LEARNER_KEY);
  if (read.status === "unavailable") return { ok: false, reason: "unavailable" };
  const base = read.status === "ok" ? read.value : undefined;
  /** @type {Record<string, unknown>} */
  const mine = { v: ENTRY_VERSIONS.learner, ...(base || {}) };
  if (id === null) delete mine.nation;
  else mine.nation = id;
  return store.update(LEARNER_KEY, base, mine, keepNewestChoice(id));
}

// Whether a row for `place` (a nation's id, or EVERYWHERE) shows when `chosen` is the choice.
/**
 * @param {string} place
 * @param {string | null} chosen
 * @returns {boolean}
 */
export function shows(place, chosen) {
  return chosen === null || place === EVERYWHERE || place === chosen;
}

// What the page says under the control: which nations it shows and how to see all four.
/**
 * @param {string | null} chosen
 * @returns {string}
 */
export function choiceNote(chosen) {
  const name = nationName(chosen);
  if (!name) return "Showing all four nations. Choose yours to see only its routes and those that apply everywhere.";
  return `Showing ${name} and the routes that apply in all four nations. To see every nation's, choose "All four nations".`;
}
