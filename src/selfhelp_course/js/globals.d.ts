// What the course's pages put on `window`, for the type check of lib/ (tsconfig.json; `make lint`).
// Types only: esbuild never reads this file.
// The HTML standard's clearTimeout takes any id and converts null to 0, which clears nothing:
// lib/entry.js clears a timer it may not have set (null).
declare function clearTimeout(id: number | null | undefined): void;

// Sphinx's documentation_options.js, a top-level const on every page (static/site/search-from-file.js).
declare const DOCUMENTATION_OPTIONS: { SHOW_SEARCH_SUMMARY: boolean; [option: string]: unknown };

interface Window {
  clearTimeout(id: number | null | undefined): void;
  /** The course manifest, from _static/course-manifest.js on the site (lib/manifest.js). */
  COURSE_MANIFEST?: unknown;
  /** A launch page's learner space, declared for the course pages it frames (lib/store.js). */
  courseLearnerSpace?: unknown;
  /** Entries set aside while the page is open, by any store on it: key -> set-aside key (lib/store.js). */
  courseSetAside?: Map<string, string>;
}
