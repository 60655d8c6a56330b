// @ts-check
// What the open website left in this browser, offered to the LMS learner, never taken silently.
// The launch page keeps each LMS learner's data in a space of their own (store.js); entries the
// open website saved on this computer (or an older package that did not keep learners apart)
// may be this learner's or someone else's, so the learner is told what they hold, in counts
// only (never their text), and decides. Pure apart from the two stores it is handed.
import { ACTIVITY_KINDS, LEARNER_KEY, READ_KEY_PREFIX, kindOfKey } from "../../lib/facts.js";

const NOTE = "website-offer";

/**
 * @typedef {import("../../lib/store.js").Store} Store
 * @typedef {import("../../lib/store.js").StoredEntry} StoredEntry
 * @typedef {ReturnType<typeof summarise>} Summary
 */

// Counts of what the entries hold: {entries, completed, checks, writing, latest ("" if none)}.
/** @param {Record<string, StoredEntry & {checked?: boolean}>} entries */
export function summarise(entries) {
  const keys = Object.keys(entries).filter((key) => key !== LEARNER_KEY);
  /** @param {string} key */
  const isActivity = (key) => kindOfKey(key) in ACTIVITY_KINDS;
  const writing = keys.filter((key) => isActivity(key) && ACTIVITY_KINDS[kindOfKey(key)].private).length;
  const completed = keys.filter((key) => (isActivity(key) || key.startsWith(READ_KEY_PREFIX)) && entries[key] && entries[key].complete === true).length;
  const checks = keys.filter((key) => kindOfKey(key) === "check" && entries[key] && entries[key].checked === true).length;
  const latest = keys.map((key) => (entries[key] && typeof entries[key].updated === "string" ? entries[key].updated : ""))
    .filter((stamp) => /^\d{4}-\d\d-\d\d/.test(stamp)).sort().pop() || "";
  return { entries: keys.length, completed, checks, writing, latest };
}

// Identifies what was offered, so that a learner who said no is asked again only when the
// website's data has changed.
/** @param {Summary} summary */
export function fingerprint(summary) {
  return `${summary.entries}/${summary.completed}/${summary.checks}/${summary.writing}/${summary.latest}`;
}

/**
 * @param {number} n
 * @param {string} one
 * @param {string} many
 */
function plural(n, one, many) {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

// The offer in words: what the entries contain, never their text.
/** @param {Summary} summary */
export function describe(summary) {
  const parts = [plural(summary.completed, "activity or page completed", "activities and pages completed")];
  if (summary.checks) parts.push(plural(summary.checks, "knowledge check answered", "knowledge checks answered"));
  if (summary.writing) parts.push(plural(summary.writing, "piece of writing (reflections or portfolio)", "pieces of writing (reflections or portfolio)"));
  const when = summary.latest ? `, last saved on ${new Date(summary.latest).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}` : "";
  return `This browser also holds course progress saved outside your learning management system: ${parts.join(", ")}${when}. It may be yours, from the course website, or someone else's who used this computer. Nothing of it is in your record unless you bring it in.`;
}

// The offer to make, or null: nothing there, or the learner already decided about this data.
/**
 * @param {Store} website
 * @param {Store} learner
 */
export function websiteOffer(website, learner) {
  const { entries } = website.readAll();
  const summary = summarise(entries);
  if (!summary.entries) return null;
  const seen = learner.note(NOTE);
  if (seen && seen.fingerprint === fingerprint(summary)) return null;
  return { summary, text: describe(summary) };
}

// The learner's answer. yes: every entry is taken into the learner's space with adopt() (merged
// with what is there, both versions of differing text kept). -> {ok, count}
/**
 * @param {Store} website
 * @param {Store} learner
 * @param {boolean} yes
 */
export function answerOffer(website, learner, yes) {
  const { entries } = website.readAll();
  const summary = summarise(entries);
  let count = 0;
  if (yes) {
    for (const [key, value] of Object.entries(entries)) if (learner.adopt(key, value).ok) count += 1;
  }
  learner.setNote(NOTE, { fingerprint: fingerprint(summary), decided: yes ? "brought" : "left", at: new Date().toISOString() });
  return { ok: true, count };
}
