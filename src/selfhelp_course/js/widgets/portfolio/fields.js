// @ts-check
// A labelled text field of the portfolio, tied to one path in the learner's fields: typing edits
// it, leaving it saves at once, and when two versions of it were saved (in two tabs) both are
// shown above it until the learner chooses.
import { afterChoosing, conflictPanel } from "../../lib/conflict.js";
import { h, setValue } from "../../lib/dom.js";

/**
 * A text field's description (textField, below).
 * @typedef {object} FieldSpec
 * @property {string} id
 * @property {string[]} path
 * @property {string} label
 * @property {string} [hint]
 * @property {string} what
 * @property {"text"} [input]
 * @property {number} [rows]
 * @property {string} [labelClass]
 * @property {string} [className]
 * @property {Record<string, string>} [attrs]
 */

// ctx: the portfolio's context (view.js). spec: {id, path, label, hint?, what (for the conflict
// panel), input?: "text" (one line) or rows for a text box, labelClass?, className?, attrs?}.
/**
 * @param {import("./view.js").Context} ctx
 * @param {FieldSpec} spec
 */
export function textField(ctx, spec) {
  const hintId = spec.hint ? `${spec.id}-hint` : null;
  const control = spec.input === "text"
    ? h("input", { type: "text", id: spec.id, class: spec.className || "pf-input", "aria-describedby": hintId, ...spec.attrs })
    : h("textarea", { id: spec.id, class: spec.className || "pf-text", rows: spec.rows || 4, "aria-describedby": hintId, ...spec.attrs });
  const conflictBox = h("div", { class: "pf-conflict" });
  let shownConflict = "";
  control.addEventListener("input", () => ctx.edit(spec.path, control.value));
  control.addEventListener("blur", () => ctx.flush());

  /** @param {{current: unknown, versions: unknown[]} | null} conflict */
  function showConflict(conflict) {
    const signature = conflict ? JSON.stringify([conflict.current, conflict.versions]) : "";
    if (signature === shownConflict) return; // unchanged: keep the panel (and any focus in it)
    shownConflict = signature;
    conflictBox.replaceChildren(conflict ? conflictPanel(conflict, (text, label) => {
      ctx.choose(spec.path, text);
      afterChoosing(control, ctx.say, label, spec.what);
    }, spec.what) : "");
  }

  const node = h("div", { class: "pf-field" },
    h("label", { for: spec.id, class: spec.labelClass || "pf-label" }, spec.label),
    spec.hint ? h("p", { class: "pf-hint", id: hintId }, spec.hint) : null,
    conflictBox,
    control);
  return {
    node,
    control,
    /** @param {string} value */
    update(value) {
      setValue(control, value);
      showConflict(ctx.conflictAt(spec.path));
    },
  };
}
