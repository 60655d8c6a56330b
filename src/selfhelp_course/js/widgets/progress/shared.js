// @ts-check
// Shared-computer mode, on the progress page of the open website: a choice that keeps this
// visit's work only until the browser closes (store.js moves it into sessionStorage and leaves
// none in localStorage), a reminder to download a backup first, and "Finish on this computer",
// which deletes everything of this session. Not shown inside an LMS, where each learner already
// has a space of their own. Every change reloads the page, so every widget on it starts again in
// the new place.
import { h } from "../../lib/dom.js";
import { finishSharedComputer, setSharedComputer, sharedComputer } from "../../lib/store.js";

export const SHARED_WORDS = {
  heading: "Using a shared computer?",
  choice: "Shared computer: keep my work only until this browser is closed",
  explainOff:
    "Turn this on at a ward or library computer. Your work is then kept only until the browser is closed, and nothing of it is left on the computer. Download a backup first (the CPD portfolio page, \u201cDownload backup (JSON)\u201d) if you want to keep what you have done: you can import it on your own device.",
  explainOn:
    "On: your work is kept in this browser only until it is closed, and nothing of it stays on this computer after that. Download a backup before you leave (the CPD portfolio page, \u201cDownload backup (JSON)\u201d) if you want to keep it. Pages you open in a new window or tab start empty.",
  finish: "Finish on this computer",
  finishConfirm: "Delete everything you did in this session from this computer now? Download a backup first if you want to keep it.",
  finishYes: "Yes, delete it",
  cancel: "Cancel",
  refused: "This browser did not let the course change where it keeps your work, so nothing was changed.",
};

/**
 * @param {string} uid
 * @param {Window} [win]
 */
export function sharedComputerBox(uid, win = window) {
  const on = sharedComputer(win);
  const box = h("input", { type: "checkbox", id: `${uid}-shared`, "aria-describedby": `${uid}-shared-explain` });
  box.checked = on;
  const message = h("p", { class: "prog-shared-message", role: "status" });
  const finish = h("button", { type: "button", class: "course-button course-button-secondary" }, SHARED_WORDS.finish);
  const confirm = h("div", { class: "prog-shared-confirm", hidden: true });
  box.addEventListener("change", () => {
    const result = setSharedComputer(box.checked, win);
    if (!result.ok) {
      box.checked = !box.checked;
      message.textContent = SHARED_WORDS.refused;
      return;
    }
    win.location.reload();
  });
  finish.addEventListener("click", () => {
    const yes = h("button", { type: "button", class: "course-button pf-button-danger" }, SHARED_WORDS.finishYes);
    const no = h("button", { type: "button", class: "course-button course-button-secondary" }, SHARED_WORDS.cancel);
    yes.addEventListener("click", () => {
      finishSharedComputer(win);
      win.location.reload();
    });
    no.addEventListener("click", () => {
      confirm.hidden = true;
      confirm.replaceChildren();
      finish.focus();
    });
    confirm.replaceChildren(h("p", {}, SHARED_WORDS.finishConfirm), h("div", { class: "course-actions" }, yes, no));
    confirm.hidden = false;
    yes.focus();
  });
  return h("fieldset", { class: "prog-shared" },
    h("legend", {}, SHARED_WORDS.heading),
    h("p", {}, box, " ", h("label", { for: box.id }, SHARED_WORDS.choice)),
    h("p", { class: "prog-shared-explain", id: `${uid}-shared-explain` }, on ? SHARED_WORDS.explainOn : SHARED_WORDS.explainOff),
    on ? h("div", { class: "course-actions" }, finish) : null,
    confirm, message);
}
