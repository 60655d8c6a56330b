// @ts-check
// Two versions of one text (saved in two tabs or devices): both are shown and the learner
// chooses; nothing is dropped until they do.
import { h, uniqueId } from "./dom.js";
import { conflictsIn, resolveConflict } from "./merge.js";

// What I typed stays where I typed it: a stored value in which this tab's own text (as `own`, the
// value this tab holds, has it) was kept as the other version of a conflict is shown with that
// text in its box and the text now stored there as the other version. Pure; the stored value
// is not changed (this tab's next write puts its text in place, the other version beside it).
/**
 * @param {any} value a stored entry
 * @param {any} own this tab's value
 * @returns {any}
 */
export function ownTextInPlace(value, own) {
  let shown = value;
  for (const conflict of conflictsIn(value)) {
    const mine = conflict.path.reduce((/** @type {any} */ node, /** @type {string} */ key) => (node && typeof node === "object" ? node[key] : undefined), own);
    if (typeof mine !== "string" || mine === conflict.current || !conflict.versions.includes(mine)) continue;
    const versions = conflict.versions.filter((/** @type {unknown} */ text) => text !== mine);
    if (typeof conflict.current === "string" && !versions.includes(conflict.current)) versions.push(conflict.current);
    shown = resolveConflict(shown, conflict.path, mine);
    if (versions.length) {
      shown.conflicts = { ...(shown.conflicts || {}), [conflict.key]: { ...value.conflicts[conflict.key], versions } };
    }
  }
  return shown;
}

// After the learner chose (by keyboard or pointer, the panel and its button then go): focus moves
// to the field that now holds the chosen text, the caret at its end, and the choice is said in
// a live region by say(message). label: the chosen version's label in the panel; what: the
// field, in words.
/**
 * @param {HTMLInputElement | HTMLTextAreaElement | null} field
 * @param {((message: string) => void) | null} say
 * @param {string} label
 * @param {string} [what]
 */
export function afterChoosing(field, say, label, what = "this part") {
  if (field && field.isConnected) {
    field.focus();
    if (typeof field.setSelectionRange === "function") field.setSelectionRange(field.value.length, field.value.length);
  }
  if (say) say(choiceMessage(label, what));
}

/**
 * @param {string} label
 * @param {string} [what]
 * @returns {string}
 */
export function choiceMessage(label, what = "this part") {
  const which = /^version now in the box$/i.test(label || "") ? "the version that was in the box" : `the ${String(label || "chosen version").toLowerCase()}`;
  return `Kept ${which} of ${what}; it is now in the box, and the version not chosen is no longer kept.`;
}

// conflict: {path, current, versions} (merge.js conflictsIn). choose(text, label) writes the
// choice; label is the chosen version's label ("Version now in the box", "Other version").
/**
 * @param {{current: unknown, versions: unknown[]}} conflict
 * @param {(text: string, label: string) => void} choose
 * @param {string} [what]
 */
export function conflictPanel(conflict, choose, what = "this part") {
  const id = uniqueId("conflict");
  const options = [conflict.current, ...conflict.versions].filter((text) => typeof text === "string");
  const box = h(
    "div",
    { class: "course-conflict", role: "group", "aria-labelledby": `${id}-title` },
    h("p", { class: "course-conflict-title", id: `${id}-title` },
      `Two versions of ${what} were saved, in different tabs or windows. Both are kept until you choose one.`),
  );
  options.forEach((text, index) => {
    const label = index === 0 ? "Version now in the box" : `Other version${options.length > 2 ? ` ${index}` : ""}`;
    const button = h("button", { type: "button", class: "course-button course-button-secondary" }, `Keep: ${label.toLowerCase()}`);
    button.addEventListener("click", () => choose(text, label));
    box.append(
      h("div", { class: "course-conflict-version" },
        h("p", { class: "course-conflict-label" }, h("strong", {}, label)),
        h("p", { class: "course-conflict-text" }, text.trim() ? text : "(empty)"),
        button),
    );
  });
  return box;
}
