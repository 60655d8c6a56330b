// @ts-check
// The evaluation's form pieces: radio groups with their words visible (fieldset and legend),
// the role list, the tick boxes and the preview of the file. Each is built once and updated in
// place, so focus stays where the learner is when another tab's change arrives.
import { h, uniqueId } from "../../lib/dom.js";

// A question answered on a scale or a short list: one radio per point, each labelled with its
// words. points: [{value, words}]. onChoose(value). -> {node, set(value)}
/**
 * @param {object} options
 * @param {string} options.legend
 * @param {{value: any, words: string}[]} options.points
 * @param {(value: any) => void} options.onChoose
 * @param {string | null} [options.note] "" or words: a note under the legend; null: none
 * @param {string} [options.kind]
 */
export function radioGroup({ legend, points, onChoose, note = null, kind = "" }) {
  const name = uniqueId("ev");
  const inputs = points.map((point, index) => {
    const input = h("input", { type: "radio", name, id: `${name}-${index}`, value: String(point.value) });
    input.addEventListener("change", () => input.checked && onChoose(point.value));
    return { input, value: point.value, row: h("div", { class: "course-choice ev-point" }, input, h("label", { for: input.id }, point.words)) };
  });
  const noteNode = h("p", { class: "ev-note", id: `${name}-note`, hidden: !note }, note || "");
  const node = h("fieldset", { class: "ev-question", "data-question": kind, "aria-describedby": note === null ? null : noteNode.id },
    h("legend", { class: "ev-legend" }, legend), noteNode, h("div", { class: "ev-points" }, inputs.map((i) => i.row)));
  return {
    node,
    /** @param {unknown} value the point chosen, or none */
    set(value) {
      for (const item of inputs) item.input.checked = item.value === value;
    },
    /** @param {string} text */
    note(text) {
      noteNode.textContent = text;
      noteNode.hidden = !text;
    },
  };
}

// The role: a labelled list with "Prefer not to say" (no role) first. onChoose(id or null).
/**
 * @param {object} options
 * @param {string} options.question
 * @param {import("../../lib/shapes.generated.js").EvaluationRole[]} options.roles
 * @param {(id: string | null) => void} options.onChoose
 */
export function roleSelect({ question, roles, onChoose }) {
  const select = h("select", { id: uniqueId("ev-role"), class: "ev-role" },
    h("option", { value: "" }, "Prefer not to say"), roles.map((role) => h("option", { value: role.id }, role.words)));
  select.addEventListener("change", () => onChoose(select.value || null));
  return {
    node: h("div", { class: "ev-question ev-role-box" }, h("label", { for: select.id, class: "ev-legend" }, question), select),
    /** @param {string | undefined} role */
    set(role) {
      select.value = role || "";
    },
  };
}

// A tick box with its label. onChange(checked). -> {node, input, set(checked, enabled)}
/**
 * @param {string} label
 * @param {(checked: boolean) => void} onChange
 */
export function tickBox(label, onChange) {
  const input = h("input", { type: "checkbox", id: uniqueId("ev-tick") });
  input.addEventListener("change", () => onChange(input.checked));
  return {
    input,
    node: h("div", { class: "course-choice ev-tick" }, input, h("label", { for: input.id }, label)),
    /**
     * @param {boolean} checked
     * @param {boolean} [enabled]
     */
    set(checked, enabled = true) {
      input.checked = checked;
      input.disabled = !enabled;
    },
  };
}

// The exact text of the file, shown as text (never HTML) in a scrollable, focusable box.
export function filePreview() {
  const id = uniqueId("ev-preview");
  const text = h("pre", { class: "ev-preview", id, tabindex: "0", role: "region", "aria-label": "The file exactly as it will be downloaded" });
  const empty = h("p", { class: "ev-preview-empty" }, "Nothing to share yet: answer at least one question above, and the file will appear here.");
  return {
    node: h("div", { class: "ev-preview-box" }, empty, text),
    /** @param {string} json the file's text, or "" */
    show(json) {
      text.textContent = json || "";
      text.hidden = !json;
      empty.hidden = Boolean(json);
    },
  };
}
