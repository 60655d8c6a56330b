// @ts-check
// The launch page's bar: whether the course is connected to an LMS, what is sent to it, the
// learner's choice about their reflections, and anything that stays on this device.
import { h, setText } from "../../lib/dom.js";
import { isProgress } from "./suspend.js";

export const MESSAGES = {
  connected: "Connected to your learning management system: it records your progress in this course. What you do here is kept apart from anyone else's who uses this browser.",
  anonymous:
    "Your learning management system did not say who you are, so what you do here is kept for this visit only, apart from anyone else's.",
  offerYes: "Bring in the progress saved in this browser",
  offerNo: "Leave it out",
  broughtIn: "The progress saved in this browser is now part of your record.",
  leave: "Finish and remove my work from this computer",
  leaveConfirm:
    "Your progress and knowledge-check answers are kept by your learning management system and come back next time. Reflections and portfolio notes you have not chosen to keep in the system will be deleted: download them from the CPD portfolio page first if you want them.",
  leaveYes: "Finish and remove it",
  leaveNo: "Cancel",
  left: "Your work has been saved in your learning management system and removed from this computer. You can close this window.",
  leftOut: "The progress saved in this browser was left out of your record. You will not be asked again unless it changes.",
  refused:
    "Your learning management system did not open a session, so it will not record this visit. What you do is kept in this browser for this visit only, apart from anyone else's.",
  share: "Also keep my reflections and portfolio notes in the learning management system",
  explain:
    "Your progress and knowledge-check answers always go to the system. Your reflections and portfolio notes stay on this device unless you tick the box; ticked, their text follows you to other computers, and the system's administrators could read it.",
  unreadable:
    "The progress your learning management system saved for you could not be read, so what this browser holds will be saved in its place.",
  unavailable:
    "This browser is not letting the course save on your device, so the progress your learning management system holds cannot be shown here. It is kept in the system, not lost.",
  full:
    "This browser's storage for the course is full, so some of the progress your learning management system holds could not be shown here. It is kept in the system, not lost.",
};

// keys: what did not fit in cmi.suspend_data. Writing goes last, so it is what usually stays
// behind; if progress ever had to stay too, the message says so rather than calling it writing.
/** @param {string[]} keys */
export function leftMessage(keys) {
  if (!keys.length) return "";
  const progress = keys.filter(isProgress).length;
  const writing = keys.length - progress;
  const parts = [];
  if (writing) parts.push(writing === 1 ? "one piece of your writing" : `${writing} pieces of your writing`);
  if (progress) parts.push(progress === 1 ? "the progress of one activity" : `the progress of ${progress} activities`);
  const what = parts.join(" and ");
  const one = keys.length === 1;
  return `${what[0].toUpperCase()}${what.slice(1)} ${one ? "is" : "are"} more than your learning management system can hold, so ${one ? "it stays" : "they stay"} on this device only.`;
}

/**
 * @param {string} text
 * @param {(yes: boolean) => unknown} onAnswer
 */
function offerGroup(text, onAnswer) {
  const group = h("div", { class: "lms-offer", role: "group", "aria-labelledby": "lms-offer-text" });
  const yes = h("button", { type: "button" }, MESSAGES.offerYes);
  const no = h("button", { type: "button" }, MESSAGES.offerNo);
  /** @param {boolean} value */
  const answer = (value) => {
    onAnswer(value);
    group.replaceChildren(h("p", { role: "status" }, value ? MESSAGES.broughtIn : MESSAGES.leftOut));
  };
  yes.addEventListener("click", () => answer(true));
  no.addEventListener("click", () => answer(false));
  group.append(h("p", { id: "lms-offer-text" }, text), h("p", { class: "lms-offer-actions" }, yes, " ", no));
  return group;
}

// The button, and its confirmation; confirmed() once the learner says yes.
/** @param {() => void} confirmed */
function leaveGroup(confirmed) {
  const button = h("button", { type: "button", class: "lms-leave" }, MESSAGES.leave);
  const confirm = h("div", { class: "lms-leave-confirm", hidden: true });
  button.addEventListener("click", () => {
    const yes = h("button", { type: "button" }, MESSAGES.leaveYes);
    const no = h("button", { type: "button" }, MESSAGES.leaveNo);
    yes.addEventListener("click", confirmed);
    no.addEventListener("click", () => {
      confirm.hidden = true;
      confirm.replaceChildren();
      button.focus();
    });
    confirm.replaceChildren(h("p", {}, MESSAGES.leaveConfirm), h("p", {}, yes, " ", no));
    confirm.hidden = false;
    yes.focus();
  });
  return h("div", { class: "lms-leave-group" }, h("p", {}, button), confirm);
}

// bar: the page's .lms-bar (it holds the status line #lms-status).
/** @param {HTMLElement} bar */
export function lmsBar(bar) {
  const status = /** @type {HTMLElement} */ (bar.querySelector("#lms-status")); // the bar holds it
  const notes = h("p", { class: "lms-notes", role: "status" });
  let problem = "";
  let left = "";

  /**
   * @param {string} state
   * @param {string} message
   */
  function say(state, message) {
    bar.dataset.state = state;
    setText(status, message);
  }

  function showNotes() {
    setText(notes, [problem, left].filter(Boolean).join(" "));
    notes.hidden = !notes.textContent;
  }

  return {
    refused() {
      say("problem", MESSAGES.refused);
    },
    // Connected: the status, the choice and its explanation. onShare(checked) when it changes.
    /** @param {(checked: boolean) => void} onShare */
    connected(onShare) {
      say("connected", MESSAGES.connected);
      const box = h("input", { type: "checkbox", id: "lms-share", "aria-describedby": "lms-explain" });
      box.addEventListener("change", () => onShare(box.checked));
      bar.append(
        h("p", { class: "lms-share" }, box, " ", h("label", { for: "lms-share" }, MESSAGES.share)),
        h("p", { class: "lms-explain", id: "lms-explain" }, MESSAGES.explain),
        notes,
      );
      showNotes();
    },
    // Progress the open website saved in this browser: offered, never taken silently.
    // onAnswer(yes) -> number of entries brought in.
    /**
     * @param {string} text
     * @param {(yes: boolean) => unknown} onAnswer
     */
    offer(text, onAnswer) {
      bar.append(offerGroup(text, onAnswer));
    },
    // "Finish and remove my work from this computer" (a shared computer). onLeave() does it.
    /** @param {() => void} onLeave */
    leaving(onLeave) {
      bar.append(leaveGroup(() => {
        onLeave();
        bar.querySelectorAll(".lms-share, .lms-explain, .lms-offer, .lms-leave-group").forEach((node) => node.remove());
        say("left", MESSAGES.left);
      }));
    },
    anonymous() {
      problem = MESSAGES.anonymous;
      showNotes();
    },
    view: {
      /** @param {boolean} value */
      shared(value) {
        const box = /** @type {HTMLInputElement | null} */ (bar.querySelector("#lms-share"));
        if (box) box.checked = value;
      },
      /** @param {string} kind */
      problem(kind) {
        problem = /** @type {Record<string, string | undefined>} */ (MESSAGES)[kind] || "";
        showNotes();
      },
      /** @param {string[]} keys */
      left(keys) {
        left = leftMessage(keys);
        showNotes();
      },
    },
  };
}
