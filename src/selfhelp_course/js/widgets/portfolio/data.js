// @ts-check
// Moving and deleting the course data: importing a backup (store.replaceAll, checked whole
// before anything is written) and clearing everything (store.clearAll). Both raise the store's
// generation, so a stale tab cannot write back what was replaced or cleared, and the course
// pages open in other tabs start again and say so.
import { h } from "../../lib/dom.js";
import { STORAGE_MESSAGES } from "../../lib/notice.js";
import { parseBackup } from "./backup.js";
import { savedItems } from "./exports.js";
import { longDate } from "./record.js";

/**
 * @typedef {import("./view.js").Context} Context
 * A question put to the learner (confirmIn): its title, what will happen, the Yes button's words.
 * @typedef {{title: string, text: string, yes: string, onYes: () => void, onNo: () => void}} Confirmation
 */

// A confirmation in `box`: a title, what will happen, and Yes / Cancel.
/**
 * @param {HTMLElement} box
 * @param {Confirmation} confirmation
 */
export function confirmIn(box, { title, text, yes, onYes, onNo }) {
  const yesButton = h("button", { type: "button", class: "course-button pf-button-danger" }, yes);
  const noButton = h("button", { type: "button", class: "course-button course-button-secondary" }, "Cancel");
  yesButton.addEventListener("click", () => {
    hideConfirm(box);
    onYes();
  });
  noButton.addEventListener("click", () => {
    hideConfirm(box);
    onNo();
  });
  box.replaceChildren(h("p", { class: "pf-confirm-title", id: `${box.id}-title` }, title), h("p", {}, text), h("div", { class: "course-actions" }, yesButton, noButton));
  box.hidden = false;
  box.focus();
}

/** @param {HTMLElement} box */
export function hideConfirm(box) {
  box.hidden = true;
  box.replaceChildren();
}

const confirmBox = (/** @type {string} */ id) => h("div", { class: "pf-confirm", id, role: "region", "aria-labelledby": `${id}-title`, tabindex: "-1", hidden: true });

/** @type {Record<string, string>} */
const NOT_IMPORTED = {
  full: "The backup was not imported: this browser's storage for the site is too full to hold it. What was here before has been put back.",
  unavailable: "The backup was not imported: this browser is not letting the course save. What was here before has been put back.",
};

/** @param {Context} ctx */
export function createImport(ctx) {
  const input = h("input", { type: "file", id: `${ctx.uid}-import`, class: "pf-file", accept: ".json,application/json", "aria-describedby": `${ctx.uid}-import-hint` });
  const confirm = confirmBox(`${ctx.uid}-import-confirm`);
  const tell = (/** @type {string} */ text, /** @type {boolean} */ refused) => ctx.say(text, refused);

  /** @param {import("./backup.js").Backup} parsed */
  function apply(parsed) {
    ctx.flush();
    const result = ctx.store.replaceAll(parsed.items);
    if (!result.ok) {
      // A refusal always says why (store.js replaceAll).
      tell(NOT_IMPORTED[/** @type {string} */ (result.reason)] || NOT_IMPORTED.unavailable, true);
      return;
    }
    ctx.startAfresh();
    tell(`Backup imported: ${savedItems(parsed.count)} restored on this device. Course pages open in other tabs show them too.`, false);
  }

  async function chosen() {
    ctx.hidePanels();
    const file = input.files && input.files[0];
    if (!file) return;
    let text;
    try {
      text = await file.text();
    } catch {
      text = null;
    }
    input.value = "";
    if (text === null) return tell("This file could not be read. Nothing on this device has been changed.", true);
    const parsed = parseBackup(text);
    if (!parsed.ok) return tell(parsed.message, true);
    const here = ctx.store.snapshot();
    if (here.status !== "ok") return tell(`${STORAGE_MESSAGES.unavailable} The backup was not imported.`, true);
    const count = Object.keys(here.items).length;
    if (!count) {
      apply(parsed);
      return input.focus();
    }
    const made = longDate(parsed.exported);
    return confirmIn(confirm, {
      title: "Replace the course data in this browser with the backup?",
      text: `This browser holds ${savedItems(count)}; the backup${made ? ` made on ${made}` : ""} holds ${savedItems(parsed.count)}. Importing replaces everything here with the backup.`,
      yes: "Yes, replace it",
      onYes: () => {
        apply(parsed);
        input.focus();
      },
      onNo: () => {
        input.focus();
        tell("The backup was not imported. Nothing on this device has been changed.", false);
      },
    });
  }
  input.addEventListener("change", chosen);

  const field = h("div", { class: "pf-field pf-import" },
    h("label", { for: input.id, class: "pf-label" }, "Import backup (a JSON file from this course)"),
    h("p", { class: "pf-hint", id: `${ctx.uid}-import-hint` }, "Use a backup made with \u201cDownload backup (JSON)\u201d on another device or browser. Importing replaces the course data in this browser with the backup's."),
    input);
  return { nodes: [field, confirm], hide: () => hideConfirm(confirm) };
}

/** @param {Context} ctx */
export function createClear(ctx) {
  const button = h("button", { type: "button", class: "course-button pf-button-danger" }, "Clear all my course data from this device");
  const confirm = confirmBox(`${ctx.uid}-clear-confirm`);

  function clear() {
    ctx.flush(); // nothing left waiting to be saved after the clear
    const result = ctx.store.clearAll();
    if (!result.ok) ctx.say("This browser would not let the course delete its data.");
    else {
      ctx.startAfresh();
      ctx.say("All your course data has been deleted from this browser. Course pages open in other tabs have started again.");
    }
    button.focus();
  }

  button.addEventListener("click", () => {
    ctx.hidePanels();
    const here = ctx.store.snapshot();
    if (here.status !== "ok") return ctx.say("This browser is not letting the course use its storage, so there is nothing it can delete.");
    const count = Object.keys(here.items).length;
    if (!count && !ctx.dirty()) return ctx.say("There is no course data saved in this browser.");
    return confirmIn(confirm, {
      title: "Delete all your course data from this browser?",
      text: `This deletes ${savedItems(count)}: your answers, reflections, progress and portfolio. It cannot be undone.`,
      yes: "Yes, delete everything",
      onYes: clear,
      onNo: () => {
        button.focus();
        ctx.say("Nothing was deleted.");
      },
    });
  });

  const element = h("fieldset", { class: "pf-section pf-clear" },
    h("legend", {}, "Delete your course data"),
    h("p", { class: "pf-hint" }, "This deletes everything the course has saved in this browser: your answers, reflections, progress and this portfolio. Download a backup first if you want to keep them."),
    h("div", { class: "course-actions" }, button),
    confirm);
  return { element, hide: () => hideConfirm(confirm) };
}
