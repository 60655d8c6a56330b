// The course manifest: every page, its minutes and its activities (made by _manifest.py).
// On the site it comes from _static/course-manifest.js, written fresh by every build, so it is
// never a stale copy; in JupyterLab (no site scripts) a widget passes the copy it was given.
import { isPlainObject } from "./merge.js";

const valid = (manifest) => isPlainObject(manifest) && Array.isArray(manifest.pages);

export function courseManifest(fallback = null) {
  const site = typeof window !== "undefined" ? window.COURSE_MANIFEST : undefined;
  if (valid(site)) return site;
  if (valid(fallback)) return fallback;
  return { pages: [] };
}
