// @ts-check
// A seeded shuffle (pure): the same ids, seed and salt always give the same order, on any device.
// Knowledge checks show each learner their options in an order of their own, stable across
// reloads, tabs and devices that share their progress (the seed is in the learner entry, see
// learner.js; the salt is the check's id, so each question has its own order).

// A 32-bit hash of a string (the finaliser of MurmurHash3 over an FNV-1a pass), as a seed.
/**
 * @param {string} text
 * @returns {number}
 */
export function hashString(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// mulberry32: a small, well-mixed generator of numbers in [0, 1) from a 32-bit seed.
/**
 * @param {unknown} seedText
 * @returns {() => number}
 */
export function seededRandom(seedText) {
  let state = hashString(String(seedText));
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The ids in this learner's order for this salt (Fisher-Yates with the seeded generator).
/**
 * @template T
 * @param {T[]} ids
 * @param {unknown} seed
 * @param {string} [salt]
 * @returns {T[]}
 */
export function shuffled(ids, seed, salt = "") {
  const order = [...ids];
  const random = seededRandom(`${seed}:${salt}`);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
