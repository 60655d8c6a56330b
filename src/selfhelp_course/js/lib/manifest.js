// @ts-check
// The course manifest: every page, its minutes and its activities (made by _manifest.py).
// On the site it comes from _static/course-manifest.js, written fresh by every build, so it is
// never a stale copy; in JupyterLab (no site scripts) a widget passes the copy it was given.
import { isPlainObject } from "./merge.js";

// Their types are generated from data/schemas/manifest.schema.json (make schemas), the schema
// tests/test_shapes.py checks the real manifest against.
/** @typedef {import("./shapes.generated.js").ManifestActivity} ManifestActivity */
/** @typedef {import("./shapes.generated.js").ManifestPage} ManifestPage */
/** @typedef {import("./shapes.generated.js").ManifestEvaluation} ManifestEvaluation */
/**
 * The course manifest as read: the site's or the widget's copy (a whole Manifest), or, with
 * neither, no pages.
 * @typedef {import("./shapes.generated.js").Manifest | {version?: undefined, pages: ManifestPage[], evaluation?: undefined}} Manifest
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
