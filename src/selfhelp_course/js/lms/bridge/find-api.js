// @ts-check
// SCORM's standard API discovery (the ADL algorithm): an LMS puts its API object on a window
// above the course (a frame's parent, grandparent...) or on the window that opened the course's
// window. SCORM 2004 names it API_1484_11, SCORM 1.2 names it API.

export const API_NAMES = { "2004": "API_1484_11", "1.2": "API" };
const MAX_HOPS = 500; // ADL's limit on the frames to climb
const CALLS_TO_CHECK = { "2004": "Initialize", "1.2": "LMSInitialize" };

/**
 * @typedef {import("./session.js").Edition} Edition
 * @typedef {import("./session.js").FoundApi} FoundApi
 * @typedef {Window | Record<string, any>} Win a window, or a stand-in with the same properties
 */

// A window's API, or null. Reading a property of a window from another origin throws.
/**
 * @param {Win} win
 * @param {Edition} edition
 */
function apiOn(win, edition) {
  try {
    const api = /** @type {Record<string, any>} */ (win)[API_NAMES[edition]];
    return api && typeof api[CALLS_TO_CHECK[edition]] === "function" ? api : null;
  } catch {
    return null;
  }
}

/**
 * @param {Win} win
 * @returns {Win | null}
 */
function parentOf(win) {
  try {
    return win.parent && win.parent !== win ? win.parent : null;
  } catch {
    return null;
  }
}

/**
 * @param {Win} win
 * @returns {Win | null}
 */
function openerOf(win) {
  try {
    return win.opener || null;
  } catch {
    return null;
  }
}

// A window and its parents, nearest first.
/** @param {Win} win */
function ancestry(win) {
  /** @type {Win[]} */
  const found = [];
  for (let /** @type {Win | null} */ current = win, hops = 0; current && hops <= MAX_HOPS; hops += 1) {
    found.push(current);
    current = parentOf(current);
  }
  return found;
}

// The windows to look in, in the standard order: this one and its parents, then the opener of
// the top window and its parents (then this window's own opener, for popups inside frames).
/** @param {Win} win */
export function windowsToSearch(win) {
  const own = ancestry(win);
  const top = own[own.length - 1];
  const openers = [openerOf(top), openerOf(win)].filter(Boolean);
  const all = [...own, ...openers.flatMap(ancestry)];
  return all.filter((item, index) => all.indexOf(item) === index);
}

// {edition, api} for the nearest LMS API, the package's own edition first; null when there is
// none (the course then works as on the website).
/**
 * @param {Win} win
 * @param {string} [preferred] the package's edition
 * @returns {FoundApi | null}
 */
export function findApi(win, preferred = "2004") {
  /** @type {Edition[]} */
  const editions = preferred === "1.2" ? ["1.2", "2004"] : ["2004", "1.2"];
  const windows = windowsToSearch(win);
  for (const edition of editions) {
    for (const candidate of windows) {
      const api = apiOn(candidate, edition);
      if (api) return { edition, api };
    }
  }
  return null;
}
