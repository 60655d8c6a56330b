// The learner's course-wide seed (LEARNER_KEY's `seed`): written once, with the browser's
// cryptographic random numbers, and kept with their progress, so that shuffled orders follow
// them across reloads, tabs and devices that share their progress. If two tabs race to write
// one, the first written is kept and both read it back.
import { LEARNER_KEY } from "./facts.js";
import { isPlainObject } from "./merge.js";

const SEED_PATTERN = /^[0-9a-z]{12,64}$/;

export function validSeed(value) {
  return typeof value === "string" && SEED_PATTERN.test(value);
}

export function freshSeed(random = (bytes) => crypto.getRandomValues(bytes)) {
  const bytes = random(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("");
}

// -> the stored seed, or one written now; with storage blocked, a seed for this visit only.
export function learnerSeed(store, make = freshSeed) {
  const stored = store.read(LEARNER_KEY);
  const current = stored.status === "ok" && isPlainObject(stored.value) ? stored.value : undefined;
  if (current && validSeed(current.seed)) return current.seed;
  const seed = make();
  const { updated, rev, parent, conflicts, ...rest } = current || {};
  // Keep a seed another tab wrote first (a race between the read above and this write).
  const keepTheirs = (value, sides) => {
    const theirs = sides && isPlainObject(sides.theirs) ? sides.theirs.seed : undefined;
    if (!validSeed(theirs)) return {};
    const others = isPlainObject(value.conflicts)
      ? Object.fromEntries(Object.entries(value.conflicts).filter(([key]) => key !== JSON.stringify(["seed"])))
      : undefined;
    return others && Object.keys(others).length ? { seed: theirs, conflicts: others } : { seed: theirs, conflicts: undefined };
  };
  const result = store.update(LEARNER_KEY, current, { v: 1, ...rest, seed }, keepTheirs);
  if (!result.ok) return seed;
  const after = store.read(LEARNER_KEY);
  return after.status === "ok" && isPlainObject(after.value) && validSeed(after.value.seed) ? after.value.seed : seed;
}
