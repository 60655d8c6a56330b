// @ts-check
// What the learning management system could not hold. SCORM 1.2 keeps 4,096 characters of
// course state (2004: 64,000); when a learner shares their writing and it does not all fit, the
// launch page's bridge keeps some entries on this device only (suspend.js pack()'s `left`). The
// launch page says so in its bar, and tells the course page in its frame, so that the activity
// itself can say so too, beside the text that stayed behind.
//
// The launch page publishes the keys as window.courseLmsLeft (read by a page when it opens) and
// posts each change to its frame as {type: LEFT_MESSAGE, keys}.

import { declaredAbove } from "./above.js";

export const LEFT_MESSAGE = "course-lms-left";

/**
 * @param {unknown} value
 * @returns {string[]}
 */
function keysOf(value) {
  return Array.isArray(value) ? value.filter((key) => typeof key === "string") : [];
}

// The keys a launch page above `win` (itself or a same-origin window framing it) holds back.
/**
 * @param {Window | null} win
 * @returns {string[]}
 */
export function leftKeys(win) {
  return keysOf(declaredAbove(win, (w) => (Array.isArray(w.courseLmsLeft) ? w.courseLmsLeft : null)));
}

// On the launch page: publish `keys` and tell the framed page (if it is the course's).
/**
 * @param {Window & {courseLmsLeft?: string[]}} launchWin
 * @param {Window | null} frameWin
 * @param {unknown} keys
 */
export function publishLeft(launchWin, frameWin, keys) {
  const list = keysOf(keys);
  launchWin.courseLmsLeft = list;
  try {
    if (frameWin) frameWin.postMessage({ type: LEFT_MESSAGE, keys: list }, launchWin.location.origin === "null" ? "*" : launchWin.location.origin);
  } catch {
    /* the frame shows another site's page, or is gone: it reads courseLmsLeft when it opens */
  }
}

// In a course page: onChange(held) now (held: is `key` kept back?) and whenever the launch page
// above says it changed. Returns a function that stops listening.
/**
 * @param {Window} win
 * @param {string} key
 * @param {(held: boolean) => void} onChange
 * @returns {() => void}
 */
export function watchLeft(win, key, onChange) {
  onChange(leftKeys(win).includes(key));
  const heard = (/** @type {MessageEvent} */ event) => {
    const data = event.data;
    if (event.source !== win.parent || !data || data.type !== LEFT_MESSAGE) return;
    onChange(keysOf(data.keys).includes(key));
  };
  win.addEventListener("message", heard);
  return () => win.removeEventListener("message", heard);
}

// What a reflection says when its text stayed behind: the headings of the parts written in the
// framework on screen, and whether another framework holds writing too. Pure.
/**
 * @param {string[]} headings
 * @param {boolean} otherWriting
 * @returns {string}
 */
export function leftText(headings, otherWriting) {
  const quoted = headings.map((heading) => `\u201c${heading}\u201d`);
  const named = quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}` : quoted.join("");
  const parts = [named ? `your text in ${named}` : "", otherWriting ? "what you wrote with another framework" : ""].filter(Boolean);
  const what = parts.length ? parts.join(", and ") : "your text";
  return "Not in your learning management system: this reflection is more than it can hold with the rest of "
    + `your course, so ${what} stays on this device only. Download it to keep a copy elsewhere.`;
}
