// "Your reflective accounts": each saved reflection as a draft NMC reflective account and HCPC
// profile entry, which the learner may change. Views are kept per reflection and updated in
// place, so a reflection saved in another tab appears without disturbing the one being edited.
import { h, keyedList, setText } from "../../lib/dom.js";
import { confirmIn } from "./data.js";
import { textField } from "./fields.js";
import { CODE_THEMES, FORMS, HCPC_FIELDS, NMC_QUESTIONS } from "./forms.js";
import { longDate } from "./record.js";

const written = (text) => typeof text === "string" && text.trim() !== "";

function metaText(account) {
  const saved = longDate(account.updated);
  return `From the page \u201c${account.pageTitle}\u201d${saved ? `, last saved on ${saved}` : ""}.${account.complete ? "" : " Some parts of this reflection are not written yet."}`;
}

function originalParts(account) {
  return [
    h("p", { class: "pf-hint" }, `Written with: ${account.frameworkName || "a reflective framework"}.`),
    ...account.original.filter((part) => written(part.text)).map((part) =>
      h("div", { class: "pf-original-part" }, h("p", {}, h("strong", {}, part.heading)), h("p", { class: "pf-pre" }, part.text))),
  ];
}

function themeBoxes(ctx, base, id) {
  const inputs = CODE_THEMES.map((theme) => h("input", { type: "checkbox", id: `${base}-theme-${theme.id}`, value: theme.id }));
  inputs.forEach((input) => input.addEventListener("change", () => {
    ctx.edit(["accounts", id, "nmc", "themes"], inputs.filter((i) => i.checked).map((i) => i.value));
    ctx.flush();
  }));
  const node = h("fieldset", { class: "pf-themes" },
    h("legend", {}, "Themes of the Code this account relates to"),
    inputs.map((input, i) => h("div", { class: "pf-choice" }, input, h("label", { for: input.id }, CODE_THEMES[i].label))));
  return { node, update: (themes) => inputs.forEach((input) => { input.checked = themes.includes(input.value); }) };
}

// What "Fill in again from my reflection" would replace: the fields the learner changed from the
// reflection's draft, in words (pure). Empty when nothing they typed would go.
export function changedFromDraft(account) {
  const changed = [];
  for (const [form, list] of Object.entries(FORMS)) {
    for (const field of list) {
      if (account.edited[form][field.id] && account[form][field.id] !== account.prefill[form][field.id]) changed.push(`\u201c${field.heading}\u201d`);
    }
  }
  const themes = (list) => [...list].sort().join("\u0000");
  if (account.edited.nmc.themes && themes(account.nmc.themes) !== themes(account.prefill.nmc.themes)) changed.push("the themes of the Code you ticked");
  return changed;
}

const inWords = (items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

function buildAccount(ctx, account, base) {
  const id = account.id;
  const fields = {};
  for (const [form, list] of Object.entries(FORMS)) {
    fields[form] = list.map((field) => textField(ctx, {
      id: `${base}-${form}-${field.id}`, path: ["accounts", id, form, field.id], label: field.heading,
      what: `\u201c${field.heading}\u201d`,
    }));
  }
  const themes = themeBoxes(ctx, base, id);
  const legend = h("legend", {});
  const meta = h("p", { class: "pf-meta" });
  const original = h("details", { class: "pf-original" }, h("summary", {}, "Your reflection as written"));
  const originalBody = h("div", {});
  original.append(originalBody);
  const reset = h("button", { type: "button", class: "course-button course-button-secondary pf-reset" }, "Fill in again from my reflection");
  const confirm = h("div", { class: "pf-confirm", id: `${base}-refill`, role: "region", "aria-labelledby": `${base}-refill-title`, tabindex: "-1", hidden: true });
  // Ask first when it would replace something the learner typed, saying what (from the record as
  // it is now: the view is redrawn a moment after typing).
  reset.addEventListener("click", () => {
    const now = ctx.record().accounts.find((a) => a.id === id);
    const changed = now ? changedFromDraft(now) : [];
    if (!changed.length) return ctx.refill(id, reset);
    return confirmIn(confirm, {
      title: "Fill in this account again from your reflection?",
      text: `This replaces what you changed in ${inWords(changed)} with the draft from your reflection. What you typed there cannot be brought back: copy it first if you want to keep it.`,
      yes: "Yes, fill in again",
      onYes: () => ctx.refill(id, reset),
      onNo: () => {
        reset.focus();
        ctx.say("Nothing was changed: the account keeps your changes.");
      },
    });
  });
  const node = h("fieldset", { class: "pf-account", "data-reflection-id": id },
    legend, meta, original,
    h("fieldset", { class: "pf-nmc" }, h("legend", {}, "NMC reflective account"), fields.nmc.map((f) => f.node), themes.node),
    h("fieldset", { class: "pf-hcpc" }, h("legend", {}, "HCPC CPD profile entry"), fields.hcpc.map((f) => f.node)),
    h("div", { class: "course-actions" }, reset), confirm);
  let shownOriginal = "";

  function update(next) {
    setText(legend, `Reflection: ${next.title}`);
    setText(meta, metaText(next));
    const signature = JSON.stringify([next.frameworkName, next.original]);
    if (signature !== shownOriginal) {
      shownOriginal = signature;
      originalBody.replaceChildren(...originalParts(next));
    }
    NMC_QUESTIONS.forEach((q, i) => fields.nmc[i].update(next.nmc[q.id]));
    HCPC_FIELDS.forEach((f, i) => fields.hcpc[i].update(next.hcpc[f.id]));
    themes.update(next.nmc.themes);
  }
  update(account);
  return { node, update };
}

export function createAccounts(ctx) {
  const box = h("div", { class: "pf-accounts" });
  const empty = h("p", { class: "pf-empty" }, "No reflections are saved on this device yet. Write one on any course page and it will appear here.");
  const element = h("fieldset", { class: "pf-section pf-accounts-section" },
    h("legend", {}, "Your reflective accounts"),
    h("p", { class: "pf-hint" }, "Each reflection you have saved on this device becomes an NMC reflective account and an HCPC CPD profile entry, filled in from what you wrote. Change them as you like: your changes are kept in your portfolio, and the reflection on its course page stays as you wrote it."),
    box);
  let made = 0;
  const show = keyedList(box, (account) => buildAccount(ctx, account, `${ctx.uid}-acc-${(made += 1)}`));
  const update = (portfolio) => show(portfolio.accounts, (account) => account.id, empty);
  return { element, update };
}
