// The launch page's bar: whether the course is connected to an LMS, what is sent to it, the
// learner's choice about their reflections, and anything that stays on this device.
import { h, setText } from "../../lib/dom.js";

export const MESSAGES = {
  connected: "Connected to your learning management system: it records your progress in this course.",
  refused:
    "Your learning management system did not open a session, so it will not record this visit. What you do is still saved in this browser.",
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

export function leftMessage(count) {
  if (!count) return "";
  const what = count === 1 ? "One piece of your writing is" : `${count} pieces of your writing are`;
  return `${what} too long for your learning management system to hold, so ${count === 1 ? "it stays" : "they stay"} on this device only.`;
}

// bar: the page's .lms-bar (it holds the status line #lms-status).
export function lmsBar(bar) {
  const status = bar.querySelector("#lms-status");
  const notes = h("p", { class: "lms-notes", role: "status" });
  let problem = "";
  let left = "";

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
    view: {
      shared(value) {
        const box = bar.querySelector("#lms-share");
        if (box) box.checked = value;
      },
      problem(kind) {
        problem = MESSAGES[kind] || "";
        showNotes();
      },
      left(keys) {
        left = leftMessage(keys.length);
        showNotes();
      },
    },
  };
}
