// @ts-check
// "Your reflective accounts": each saved reflection as a draft record in the shape of the
// learner's regulator (the NMC account and HCPC entry unless another is chosen), with every other
// regulator's form a click away; the learner may change any of them. Views are kept per reflection and updated in
// place, so a reflection saved in another tab appears without disturbing the one being edited.
import { h, keyedList, setText } from "../../lib/dom.js";
import { confirmIn } from "./data.js";
import { textField } from "./fields.js";
import { CODE_THEMES, FORMS, FORM_INFO, formsFor, written } from "./forms.js";
import { longDate } from "./record.js";

/**
 * @typedef {import("./view.js").Context} Context
 * @typedef {import("./record.js").Account} Account
 */

/** @param {Account} account */
function metaText(account) {
  const saved = longDate(account.updated);
  return `From the page \u201c${account.pageTitle}\u201d${saved ? `, last saved on ${saved}` : ""}.${account.complete ? "" : " Some parts of this reflection are not written yet."}`;
}

/** @param {Account} account */
function originalParts(account) {
  return [
    h("p", { class: "pf-hint" }, `Written with: ${account.frameworkName || "a reflective framework"}.`),
    ...account.original.filter((part) => written(part.text)).map((part) =>
      h("div", { class: "pf-original-part" }, h("p", {}, h("strong", {}, part.heading)), h("p", { class: "pf-pre" }, part.text))),
  ];
}

/**
 * @param {Context} ctx
 * @param {string} base the prefix of the account's element ids
 * @param {string} id the reflection's id
 */
function themeBoxes(ctx, base, id) {
  const inputs = CODE_THEMES.map((theme) => h("input", { type: "checkbox", id: `${base}-theme-${theme.id}`, value: theme.id }));
  inputs.forEach((input) => input.addEventListener("change", () => {
    ctx.edit(["accounts", id, "nmc", "themes"], inputs.filter((i) => i.checked).map((i) => i.value));
    ctx.flush();
  }));
  const node = h("fieldset", { class: "pf-themes" },
    h("legend", {}, "Themes of the Code this account relates to"),
    inputs.map((input, i) => h("div", { class: "pf-choice" }, input, h("label", { for: input.id }, CODE_THEMES[i].label))));
  return { node, update: (/** @type {string[]} */ themes) => inputs.forEach((input) => { input.checked = themes.includes(input.value); }) };
}

// What "Fill in again from my reflection" would replace: the fields the learner changed from the
// reflection's draft, in words (pure), each named once. Empty when nothing they typed would go.
/**
 * @param {Account} account
 * @returns {string[]}
 */
export function changedFromDraft(account) {
  /** @type {string[]} */
  const changed = [];
  for (const [form, list] of Object.entries(FORMS)) {
    for (const field of list) {
      const heading = `\u201c${field.heading}\u201d`;
      if (account.edited[form][field.id] && account[form][field.id] !== account.prefill[form][field.id] && !changed.includes(heading)) changed.push(heading);
    }
  }
  const themes = (/** @type {string[]} */ list) => [...list].sort().join("\u0000");
  if (account.edited.nmc.themes && themes(account.nmc.themes) !== themes(account.prefill.nmc.themes)) changed.push("the themes of the Code you ticked");
  return changed;
}

const inWords = (/** @type {string[]} */ items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

// One regulator's form for one reflection: its fields (and, for the NMC, the Code's themes).
/**
 * @param {Context} ctx
 * @param {string} base the prefix of the account's element ids
 * @param {string} id the reflection's id
 * @param {string} form a FORMS name
 */
function formFieldset(ctx, base, id, form) {
  const fields = FORMS[form].map((field) => textField(ctx, {
    id: `${base}-${form}-${field.id}`, path: ["accounts", id, form, field.id], label: field.heading, hint: field.hint,
    what: `\u201c${field.heading}\u201d`,
  }));
  const themes = form === "nmc" ? themeBoxes(ctx, base, id) : null;
  const node = h("fieldset", { class: `pf-form pf-${form}`, "data-form": form },
    h("legend", {}, FORM_INFO[form].legend), fields.map((f) => f.node), themes ? themes.node : null);
  /** @param {Account} account */
  function update(account) {
    FORMS[form].forEach((f, i) => fields[i].update(account[form][f.id]));
    if (themes) themes.update(account.nmc.themes);
  }
  return { node, update };
}

// The forms for the learner's regulator first; the other regulators' forms behind a disclosure,
// built when it is first opened (so a page with many reflections stays light).
/**
 * @param {Context} ctx
 * @param {Account} account
 * @param {string} base the prefix of the account's element ids
 * @param {string} body the regulator chosen (a BODIES id, or "")
 */
function buildAccount(ctx, account, base, body) {
  const id = account.id;
  const primary = formsFor(body);
  const shown = primary.map((form) => formFieldset(ctx, base, id, form));
  const others = h("details", { class: "pf-other-forms" }, h("summary", {}, "Other regulators' forms for this reflection"));
  const othersBody = h("div", {});
  others.append(othersBody);
  /** @type {ReturnType<typeof formFieldset>[] | null} */
  let otherViews = null;
  let latest = account;
  others.addEventListener("toggle", () => {
    if (!others.open || otherViews) return;
    otherViews = Object.keys(FORMS).filter((form) => !primary.includes(form)).map((form) => formFieldset(ctx, base, id, form));
    othersBody.replaceChildren(...otherViews.map((v) => v.node));
    otherViews.forEach((v) => v.update(latest));
  });
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
    shown.map((v) => v.node),
    others,
    h("div", { class: "course-actions" }, reset), confirm);
  let shownOriginal = "";

  /** @param {Account} next */
  function update(next) {
    latest = next;
    setText(legend, `Reflection: ${next.title}`);
    setText(meta, metaText(next));
    const signature = JSON.stringify([next.frameworkName, next.original]);
    if (signature !== shownOriginal) {
      shownOriginal = signature;
      originalBody.replaceChildren(...originalParts(next));
    }
    shown.forEach((v) => v.update(next));
    if (otherViews) otherViews.forEach((v) => v.update(next));
  }
  update(account);
  return { node, update };
}

const DEFAULT_HINT = "Each reflection you have saved on this device becomes an NMC reflective account and an HCPC CPD profile entry, filled in from what you wrote. Change them as you like: your changes are kept in your portfolio, and the reflection on its course page stays as you wrote it.";
const CHOOSE_HINT = "Registered with Social Work England, Social Care Wales, the SSSC or the NISCC, or a doctor preparing for appraisal? Choose your regulator under \u201cAbout you\u201d and its own record comes first and is exported; every other regulator's form is under each reflection.";

/**
 * @param {string} body
 * @returns {[string, string]}
 */
function formHint(body) {
  const [form] = formsFor(body);
  if (formsFor(body).length > 1) return [DEFAULT_HINT, CHOOSE_HINT];
  return [
    `Each reflection you have saved on this device is drafted in the shape of the ${FORM_INFO[form].legend}, filled in from what you wrote; the exports hold this record. Change it as you like: your changes are kept in your portfolio, and the reflection on its course page stays as you wrote it. The other regulators' forms are under each reflection.`,
    /** @type {string} */ (FORM_INFO[form].rule), // a regulator with a form of its own states its rule
  ];
}

/** @param {Context} ctx */
export function createAccounts(ctx) {
  const box = h("div", { class: "pf-accounts" });
  const empty = h("p", { class: "pf-empty" }, "No reflections are saved on this device yet. Write one on any course page and it will appear here.");
  const hint = h("p", { class: "pf-hint" });
  const rule = h("p", { class: "pf-hint pf-form-rule" });
  const element = h("fieldset", { class: "pf-section pf-accounts-section" },
    h("legend", {}, "Your reflective accounts"), hint, rule, box);
  let made = 0;
  /** @type {string | null} */
  let body = null;
  /** @type {((items: Account[], keyOf: (account: Account) => unknown, empty?: Node | null) => void) | null} */
  let show = null;
  // A change of regulator redraws the accounts with its form first (the learner chose it in
  // "About you", so no field here has focus).
  /** @param {import("./record.js").Portfolio} portfolio */
  function update(portfolio) {
    const chosen = portfolio.details.body;
    if (chosen !== body || !show) {
      body = chosen;
      const [first, second] = formHint(chosen);
      setText(hint, first);
      setText(rule, second);
      box.replaceChildren();
      show = keyedList(box, (account) => buildAccount(ctx, account, `${ctx.uid}-acc-${(made += 1)}`, chosen));
    }
    show(portfolio.accounts, (account) => account.id, empty);
  }
  return { element, update };
}
