// @ts-check
// The course manifest: every page, its minutes and its activities (made by _manifest.py).
// On the site it comes from _static/course-manifest.js, written fresh by every build, so it is
// never a stale copy; in JupyterLab (no site scripts) a widget passes the copy it was given.
import { isPlainObject } from "./merge.js";

/**
 * One activity of a page, as _manifest.py lists it. A knowledge check also carries its option
 * ids (and their order before option ids, where it changed); the assessment, each question's
 * option ids, the attempts allowed (0: unlimited) and the pass mark.
 * @typedef {object} ManifestActivity
 * @property {string} kind an activity kind (facts.js, ACTIVITY_KINDS)
 * @property {string} id the item's id in its bank
 * @property {string} [title]
 * @property {string[] | Record<string, string[]>} [options]
 * @property {string[]} [order_before_v3]
 * @property {number} [attempts]
 * @property {number} [pass_mark]
 */
/**
 * One page of the course, in reading order.
 * @typedef {object} ManifestPage
 * @property {string} docname
 * @property {string} [title]
 * @property {string} [part]
 * @property {number} [teaching_minutes]
 * @property {number} [activity_minutes]
 * @property {ManifestActivity[]} [activities]
 */
/**
 * The course manifest (_manifest.py, course_manifest()).
 * @typedef {object} Manifest
 * @property {number} [version]
 * @property {ManifestPage[]} pages
 */

/**
 * @param {unknown} manifest
 * @returns {manifest is Manifest}
 */
const valid = (manifest) => isPlainObject(manifest) && Array.isArray(manifest.pages);

/**
 * @param {unknown} [fallback] the copy a widget was given (JupyterLab)
 * @returns {Manifest}
 */
export function courseManifest(fallback = null) {
  const site = typeof window !== "undefined" ? window.COURSE_MANIFEST : undefined;
  if (valid(site)) return site;
  if (valid(fallback)) return fallback;
  return { pages: [] };
}
