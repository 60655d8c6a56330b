// @ts-check
// The words for what can go wrong with the browser's storage, and a notice box that shows them.
// Every widget uses these, so the learner reads the same explanation everywhere.
import { h } from "./dom.js";

export const STORAGE_MESSAGES = {
  unavailable:
    "This browser is not letting the course save on your device (storage is turned off or blocked), so what you do here will be forgotten when you leave the page.",
  full: "Your browser's storage for this site is full, so your latest changes are not saved. Copy or download your text before leaving the page.",
  corrupt:
    "A saved entry for this activity could not be read, so it was set aside and this activity starts afresh. The progress and portfolio pages list it.",
  cleared:
    "Your course data was deleted in another tab or window, so this activity has started again.",
  "cleared-kept":
    "Your course data was deleted in another tab or window. What you typed here since then is kept; what was saved before has gone.",
  replaced:
    "Your course data was replaced from a backup or a learning system in another tab or window, so this activity now shows that.",
  "replaced-kept":
    "Your course data was replaced from a backup or a learning system in another tab or window. What you typed here since then is kept with it; where it differs from the backup's text, both versions are kept for you to choose.",
};

// A notice paragraph: show(reason, extra) with one of STORAGE_MESSAGES' reasons (or any text
// with reason null), clear() to hide it. `reason` tells callers what is showing.
export function createNotice(className = "course-notice") {
  const element = h("p", { class: className, hidden: true });
  const notice = {
    element,
    reason: /** @type {string | null | undefined} */ (null),
    /**
     * @param {string | null | undefined} reason
     * @param {string} [extra]
     */
    show(reason, extra = "") {
      notice.reason = reason;
      element.textContent = `${reason ? STORAGE_MESSAGES[/** @type {keyof typeof STORAGE_MESSAGES} */ (reason)] : ""}${reason && extra ? " " : ""}${extra}`;
      element.hidden = false;
    },
    clear() {
      notice.reason = null;
      element.textContent = "";
      element.hidden = true;
    },
  };
  return notice;
}
