// @ts-check
// "About you": the learner's name, regulator and summary of practice.
import { h } from "../../lib/dom.js";
import { textField } from "./fields.js";
import { BODIES } from "./forms.js";

/** @typedef {import("./view.js").Context} Context */

const CHOICES = [{ id: "", label: "Not given" }, ...BODIES];

/** @param {Context} ctx */
export function createAbout(ctx) {
  const { uid } = ctx;
  const name = textField(ctx, {
    id: `${uid}-name`, path: ["details", "name"], input: "text", what: "your name", label: "Your name for the record",
    hint: "Leave it blank if you prefer. It is not checked by the privacy check, because it is your own.", attrs: { autocomplete: "name" },
  });
  const other = textField(ctx, { id: `${uid}-body-other`, path: ["details", "bodyOther"], input: "text", what: "the name of the body", label: "Name of the body" });
  const summary = textField(ctx, {
    id: `${uid}-summary`, path: ["details", "summary"], rows: 5, what: "your summary of practice",
    label: "Summary of practice (the HCPC CPD profile asks for one)",
    hint: "A short description of your role and the people you work with, in general terms. Leave out anything that could identify the people you work with.",
  });
  const radios = CHOICES.map((body, i) => {
    const input = h("input", { type: "radio", name: `${uid}-body`, id: `${uid}-body-${i}`, value: body.id });
    input.addEventListener("change", () => {
      if (!input.checked) return;
      other.node.hidden = input.value !== "other";
      ctx.edit(["details", "body"], input.value);
      ctx.flush();
    });
    return input;
  });
  const element = h("fieldset", { class: "pf-section pf-about" },
    h("legend", {}, "About you (optional)"),
    h("p", { class: "pf-hint" }, "These details are only for your own copy of the record. They are kept in this browser on this device."),
    name.node,
    h("fieldset", { class: "pf-bodies" },
      h("legend", {}, "Your profession's regulator"),
      radios.map((input, i) => h("div", { class: "pf-choice" }, input, h("label", { for: input.id }, CHOICES[i].label))),
      other.node),
    summary.node);

  /** @param {import("./record.js").Portfolio["details"]} details */
  function update(details) {
    name.update(details.name);
    radios.forEach((input) => {
      input.checked = input.value === details.body;
    });
    other.update(details.bodyOther);
    other.node.hidden = details.body !== "other";
    summary.update(details.summary);
  }
  return { element, update };
}
