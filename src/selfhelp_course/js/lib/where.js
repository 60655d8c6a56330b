// @ts-check
// Where the learner's data goes, in words that are true where the page runs: the open website
// (nothing leaves the browser), shared-computer mode (gone when the browser closes) or an LMS's
// launch page (progress and answers go to the LMS; writing only if the learner shares it).
// `space` is the store's where(): "website", "shared" or "lms". Pure.

const WORDS = {
  website: {
    progress: "Kept only in this browser, on this device: nothing is sent anywhere.",
    page: "Your progress is kept only in this browser, on this device. ",
    writing: "What you write is saved as you type, in this browser on this device only.",
    portfolio: "It stays on this device unless you export it.",
    details: "They are kept in this browser on this device.",
  },
  shared: {
    progress: "Shared-computer mode: kept in this browser only until it is closed, and nothing is sent anywhere.",
    page: "Shared-computer mode: your progress is kept in this browser only until it is closed. ",
    writing: "What you write is saved as you type, in this browser only until it is closed (shared-computer mode).",
    portfolio: "It stays in this browser until the browser is closed (shared-computer mode) unless you export it.",
    details: "They are kept in this browser until it is closed.",
  },
  lms: {
    progress: "Kept in this browser for you alone, and sent to your learning management system, which records your progress and knowledge-check answers. Your reflections and portfolio notes go there only if you ticked the box in the bar above the course.",
    page: "Your progress is kept in this browser for you alone and sent to your learning management system. ",
    writing: "What you write is saved as you type, in this browser for you alone; it goes to your learning management system only if you ticked the box in the bar above the course.",
    portfolio: "It stays on this device, apart from anyone else's, unless you export it or tick the box in the bar above the course that shares your notes with your learning management system.",
    details: "They are kept in this browser for you alone, and go to your learning management system only if you share your notes with it.",
  },
};

// what: "progress" (the progress page), "page" (a page's progress box), "writing" (a
// reflection), "portfolio" (the CPD record), "details" (the record's personal details).
/**
 * @param {string} space
 * @param {"progress" | "page" | "writing" | "portfolio" | "details"} what
 * @returns {string}
 */
export function whereText(space, what) {
  return (WORDS[/** @type {keyof typeof WORDS} */ (space)] || WORDS.website)[what];
}
