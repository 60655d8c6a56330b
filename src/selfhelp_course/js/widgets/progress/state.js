// @ts-check
// Progress page state (pure): the words and groupings the progress page shows, from the one
// progress rule (lib/progress.js) and what the store reads. Nothing here reads or writes storage.
import { activityKey, kindLabel, PORTFOLIO_KEY, readKey } from "../../lib/facts.js";
import { cpdTime } from "../../lib/cpd-time.js";
import { manifestPages } from "../../lib/progress.js";

/** @typedef {import("../../lib/progress.js").PageProgress} PageProgress */
/** @typedef {ReturnType<typeof import("../../lib/progress.js").courseProgress>} CourseProgress */

/** @type {Record<string, string>} */
const PAGE_STATUS = { completed: "Completed", attempted: "Attempted", "not started": "Not started" };

// "CPD minutes done: 55 of 600 (0 h 55 min)": the minutes as the pages state them, never rounded.
/** @param {CourseProgress} progress */
export function totalsText(progress) {
  return `CPD minutes done: ${progress.minutesDone} of ${progress.minutesTotal} (${cpdTime(progress.minutesDone)})`;
}

// "Activities completed: 3 of 20; attempted but not completed: 2."
/** @param {CourseProgress} progress */
export function countsText(progress) {
  return `Minutes left: ${progress.minutesLeft}. ` +
    `Activities completed: ${progress.activitiesCompleted} of ${progress.activitiesTotal}; ` +
    `attempted but not completed: ${progress.activitiesAttempted}. ` +
    `Pages finished: ${progress.pagesDone} of ${progress.pagesTotal}.`;
}

// One page's activities cell: "1 of 3 completed, 1 attempted".
/** @param {PageProgress} page */
export function activitiesText(page) {
  if (!page.hasActivities) return "None: mark the page as read";
  const tried = page.attempted ? `, ${page.attempted} attempted` : "";
  return `${page.completed} of ${page.total} completed${tried}`;
}

/** @param {PageProgress} page */
export function statusText(page) {
  if (!page.hasActivities) return page.read ? "Read" : "Not marked as read";
  return PAGE_STATUS[page.status];
}

// A class name for a page's row: prog-completed, prog-attempted, prog-not-started.
export const statusClass = (/** @type {PageProgress} */ page) => `prog-${page.status.replace(" ", "-")}`;

// Pages in reading order, in runs of the same part: [{part, pages}].
/**
 * @param {unknown} manifest
 * @param {PageProgress[]} pages
 */
export function groupByPart(manifest, pages) {
  const partOf = new Map(manifestPages(manifest).map((p) => [p.docname, typeof p.part === "string" ? p.part : ""]));
  /** @type {{part: string, pages: PageProgress[]}[]} */
  const groups = [];
  for (const page of pages) {
    const part = partOf.get(page.docname) || "";
    if (!groups.length || groups[groups.length - 1].part !== part) groups.push({ part, pages: [] });
    groups[groups.length - 1].pages.push(page);
  }
  return groups;
}

// What a stored key was for, in words, from the manifest: the kind's label, the activity's
// title and its page's title.
/**
 * @param {unknown} manifest
 * @param {string} key
 */
export function describeKey(manifest, key) {
  const pages = manifestPages(manifest);
  for (const page of pages) {
    const title = typeof page.title === "string" && page.title ? page.title : page.docname;
    for (const a of Array.isArray(page.activities) ? page.activities : []) {
      if (a && activityKey(a.kind, a.id) === key) return `${kindLabel(a.kind)} \u201c${a.title || a.id}\u201d on the page \u201c${title}\u201d`;
    }
    if (readKey(page.docname) === key) return `The \u201cmarked as read\u201d record of the page \u201c${title}\u201d`;
  }
  if (key === PORTFOLIO_KEY) return "Your CPD portfolio's own details";
  return `A saved entry (${key})`;
}

const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");

// "on 30 November 2026 at 14:05" (local time), or "at a time not recorded".
/** @param {number | null} ms */
export function whenText(ms) {
  // The two casts hold: Number.isFinite has ruled out null (tsc does not narrow on it).
  if (!Number.isFinite(ms) || /** @type {number} */ (ms) <= 0) return "at a time not recorded";
  const date = new Date(/** @type {number} */ (ms));
  const day = date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  return `on ${day} at ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// Entries set aside because they could not be read (store.readAll().setAside), newest first,
// each in words: [{key, from, text}].
/**
 * @param {unknown} manifest
 * @param {unknown} list the store's readAll().setAside, read defensively
 */
export function setAsideItems(manifest, list) {
  return (Array.isArray(list) ? list : [])
    .filter((item) => item && typeof item.key === "string")
    .slice()
    .sort((a, b) => (b.when || 0) - (a.when || 0) || a.key.localeCompare(b.key))
    .map((item) => ({
      key: item.key,
      from: item.from,
      text: `${describeKey(manifest, item.from)}: could not be read, so it was set aside ${whenText(item.when)}. ` +
        "It counts as not started; the unreadable copy is kept in this browser, untouched.",
    }));
}

/** @param {number} count */
export function setAsideHeading(count) {
  return count === 1 ? "1 saved entry could not be read" : `${count} saved entries could not be read`;
}

// Said to screen readers when the figures change while the page is open; null when they did not.
/**
 * @param {CourseProgress | null} before
 * @param {CourseProgress} after
 */
export function changeMessage(before, after) {
  if (!before) return null;
  const same = before.minutesDone === after.minutesDone && before.activitiesCompleted === after.activitiesCompleted &&
    before.activitiesAttempted === after.activitiesAttempted && before.pagesDone === after.pagesDone;
  if (same) return null;
  return `Progress updated: ${after.minutesDone} of ${after.minutesTotal} CPD minutes done; ` +
    `${after.activitiesCompleted} of ${after.activitiesTotal} activities completed.`;
}
