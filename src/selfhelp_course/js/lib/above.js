// @ts-check
// A value a launch page declares for the course pages it frames (the learner's space, what the
// LMS could not hold): the first that pick(w) finds in `win` or a same-origin window above it.
// A frame of another origin ends the search (reading it throws). Null if none.
/**
 * @template T
 * @param {Window | null} win
 * @param {(w: Window & Record<string, any>) => T | null | undefined} pick
 * @returns {T | null}
 */
export function declaredAbove(win, pick) {
  let w = win;
  for (let depth = 0; w && depth < 16; depth += 1) {
    let found;
    try {
      found = pick(w);
    } catch {
      return null; // a frame of another origin: not the course's
    }
    if (found !== null && found !== undefined) return found;
    /** @type {Window | null} */
    let parent = null;
    try {
      parent = w.parent;
    } catch {
      parent = null;
    }
    if (!parent || parent === w) break;
    w = parent;
  }
  return null;
}
