// @ts-check
// What the learner typed since a given moment (pure: no DOM, no storage). Used when "Clear all"
// in another tab meets text this tab had not saved: the clear sticks, and only what was typed
// after it is kept (lib/entry.js, docs/design-learner-data.md).
import { deepEqual, isPlainObject } from "./merge.js";
import { hasOwn } from "./own.js";

const LONGEST = 4_000_000; // token pairs compared at most; beyond, the changed middle is kept whole

// Words and the spaces between them, so that what was added reads as the learner typed it.
/** @type {(text: string) => string[]} */
const tokens = (text) => text.match(/\s+|\S+/g) || [];

// The text typed into `after` that `before` did not have: the runs of words added (anything
// deleted is gone), each without the spaces at its edges, one run a line. "" when nothing was
// added. A word changed by typing inside it counts as added whole.
/**
 * @param {unknown} before
 * @param {unknown} after
 * @returns {string}
 */
export function typedSince(before, after) {
  const was = typeof before === "string" ? before : "";
  const now = typeof after === "string" ? after : "";
  if (was === now || !now.trim()) return "";
  if (!was.trim()) return now;
  const a = tokens(was);
  const b = tokens(now);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const added = insertedIn(a.slice(start, endA), b.slice(start, endB));
  return added.map((run) => run.join("").trim()).filter(Boolean).join("\n");
}

// The runs of `b` that are not in a longest common subsequence of `a` and `b`.
/**
 * @param {string[]} a
 * @param {string[]} b
 * @returns {string[][]}
 */
function insertedIn(a, b) {
  if (!a.length || (a.length + 1) * (b.length + 1) > LONGEST) return b.length ? [b] : [];
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1
        : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const runs = [];
  let run = [];
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]) {
      if (run.length) runs.push(run);
      run = [];
      i += 1;
      j += 1;
    } else if (i < a.length && table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      i += 1; // deleted from a
    } else {
      run.push(b[j]);
      j += 1;
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

// Set by the store or worked out from the data: never something the learner did.
const NOT_TYPED = new Set(["updated", "conflicts", "rev", "parent", "complete", "attempted"]);

// The part of `mine` that changed since `before` (both entry values): texts reduced to what was
// typed since (typedSince), other values kept only where they changed. undefined when nothing.
/**
 * @param {unknown} before
 * @param {unknown} mine
 * @param {boolean} [top]
 * @returns {any}
 */
export function changedSince(before, mine, top = true) {
  if (typeof mine === "string") {
    const typed = typedSince(before, mine);
    return typed ? typed : undefined;
  }
  if (isPlainObject(mine)) {
    const was = (/** @type {string} */ key) => (isPlainObject(before) && hasOwn(before, key) ? before[key] : undefined);
    // Built with fromEntries, so that a key such as "__proto__" stays a key of its own.
    const out = Object.fromEntries(Object.entries(mine)
      .filter(([key]) => !(top && NOT_TYPED.has(key)))
      .map(([key, value]) => [key, changedSince(was(key), value, false)])
      .filter(([, changed]) => changed !== undefined));
    return Object.keys(out).length ? out : undefined;
  }
  return deepEqual(before, mine) ? undefined : mine;
}
