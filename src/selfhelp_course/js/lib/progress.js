// @ts-check
// The one reading of "how far has the learner got" (pure: it is given the stored entries).
// The page's progress box, the progress page, the portfolio's statement of completion and the
// LMS bridge all use it, so they always agree.
//
// One rule for every activity: "completed" when its entry says complete (a check answered
// correctly, a sorting exercise all right, a scenario played to an ending, a reflection with
// every part written...: each widget's state module decides and stores `complete`);
// "attempted" when the learner has tried it but not completed it; else "not started".
// A page counts as done when all its activities are completed; a page with minutes but no
// activities, once the learner marks it as read. Pages with neither (reference pages) do not count.
import { ACTIVITY_KINDS, ENTRY_VERSIONS, activityKey, readKey } from "./facts.js";
import { isPlainObject } from "./merge.js";

export const COMPLETED = "completed";
export const ATTEMPTED = "attempted";
export const NOT_STARTED = "not started";

/** @typedef {import("./manifest.js").Manifest} Manifest */
/** @typedef {import("./manifest.js").ManifestPage} ManifestPage */
/** @typedef {import("./store.js").StoredEntry} StoredEntry */
/** @typedef {typeof COMPLETED | typeof ATTEMPTED | typeof NOT_STARTED} Status */
/** @typedef {ReturnType<typeof pageProgress>} PageProgress */

/**
 * @param {unknown} entry a stored entry, or nothing
 * @returns {Status}
 */
export function activityStatus(entry) {
  if (!isPlainObject(entry)) return NOT_STARTED;
  if (entry.complete === true) return COMPLETED;
  // Entries saved before "attempted" was recorded count as attempted, as they did then.
  return entry.attempted === false ? NOT_STARTED : ATTEMPTED;
}

/** @type {(value: any) => number} */
const minutesOf = (value) => (Number.isInteger(value) && value > 0 ? value : 0);

/**
 * A page's learning time: its teaching and activity minutes (a part that is missing or not a
 * whole number counts 0). Python's _course_time.page_minutes is its twin; both are tested on
 * tests/page_minutes_cases.json.
 * @param {Partial<ManifestPage>} page
 * @returns {number}
 */
export function pageMinutes(page) {
  return minutesOf(page.teaching_minutes) + minutesOf(page.activity_minutes);
}

// Read defensively: each page is a plain object, its fields checked where they are used.
/**
 * @param {unknown} manifest
 * @returns {Partial<ManifestPage>[]}
 */
export function manifestPages(manifest) {
  return isPlainObject(manifest) && Array.isArray(manifest.pages) ? manifest.pages.filter(isPlainObject) : [];
}

// page: a manifest page. entries: {key: stored value} (store.readAll().entries).
/**
 * @param {Partial<ManifestPage>} page
 * @param {Record<string, StoredEntry>} entries
 */
export function pageProgress(page, entries) {
  const docname = typeof page.docname === "string" ? page.docname : "";
  // A kind that never counts (the course evaluation) is left out, wherever a manifest lists it.
  /** @type {(a: any) => boolean} */
  const counts = (a) => !(ACTIVITY_KINDS[a.kind] && ACTIVITY_KINDS[a.kind].counts === false);
  const activities = (Array.isArray(page.activities) ? page.activities : []).filter(isPlainObject).filter(counts).map((a) => {
    const kind = String(a.kind || "");
    const id = String(a.id || "");
    const entry = entries[activityKey(kind, id)];
    return { kind, id, title: typeof a.title === "string" ? a.title : "", status: activityStatus(entry), updated: isPlainObject(entry) && typeof entry.updated === "string" ? entry.updated : "" };
  });
  const count = (/** @type {Status} */ status) => activities.filter((a) => a.status === status).length;
  const minutes = pageMinutes(page);
  const hasActivities = activities.length > 0;
  const mark = entries[readKey(docname)];
  const read = !hasActivities && docname !== "" && isPlainObject(mark) && mark.complete === true;
  const completed = count(COMPLETED);
  const complete = hasActivities ? completed === activities.length : read;
  let status = NOT_STARTED;
  if (complete) status = COMPLETED;
  else if (completed + count(ATTEMPTED) > 0) status = ATTEMPTED;
  return {
    docname,
    title: typeof page.title === "string" && page.title ? page.title : docname,
    minutes,
    counted: hasActivities || minutes > 0,
    hasActivities,
    read,
    readUpdated: read && typeof mark.updated === "string" ? mark.updated : "",
    completed,
    attempted: count(ATTEMPTED),
    total: activities.length,
    complete,
    status,
    activities,
  };
}

/**
 * The "marked as read" record of a page without activities (stored under readKey(docname);
 * site/page-progress.js writes it, pageProgress reads it).
 * @param {string} docname
 * @param {boolean} read
 * @returns {import("./shapes.generated.js").ReadEntry}
 */
export function readMark(docname, read) {
  // The facts' version is a number to tsc; tests/test_shapes.py checks it is the schema's.
  const v = /** @type {import("./shapes.generated.js").ReadEntry["v"]} */ (ENTRY_VERSIONS.read);
  return { v, page: docname, complete: read, attempted: read };
}

/**
 * @param {unknown} manifest
 * @param {string | null} docname
 * @returns {Partial<ManifestPage> | null}
 */
export function findPage(manifest, docname) {
  return manifestPages(manifest).find((p) => p.docname === docname) || null;
}

/**
 * @param {unknown} manifest
 * @param {Record<string, StoredEntry>} entries
 */
export function courseProgress(manifest, entries) {
  const pages = manifestPages(manifest).map((page) => pageProgress(page, entries)).filter((p) => p.counted);
  const sum = (/** @type {(page: PageProgress) => number} */ pick) => pages.reduce((total, page) => total + pick(page), 0);
  const minutesTotal = sum((p) => p.minutes);
  const minutesDone = sum((p) => (p.complete ? p.minutes : 0));
  const pagesDone = pages.filter((p) => p.complete).length;
  return {
    pages,
    minutesDone,
    minutesTotal,
    minutesLeft: minutesTotal - minutesDone,
    activitiesCompleted: sum((p) => p.completed),
    activitiesAttempted: sum((p) => p.attempted),
    activitiesTotal: sum((p) => p.total),
    pagesDone,
    pagesTotal: pages.length,
    complete: pages.length > 0 && pagesDone === pages.length,
  };
}
