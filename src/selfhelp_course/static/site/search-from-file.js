// @ts-check
// Search when the course is opened from a file (file://, the "Download the site" copy): Sphinx's
// search fetches each result page to show an extract, and a browser refuses fetch() from file://,
// so every result logged an error. There the results list the pages without extracts, and the
// page says why. Runs after documentation_options.js and before searchtools.js (both deferred,
// in order), so the search reads the setting before it shows anything.
(() => {
  "use strict";
  if (window.location.protocol !== "file:" || typeof DOCUMENTATION_OPTIONS === "undefined") return;
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
  const results = document.getElementById("search-results");
  if (!results) return;
  const note = document.createElement("p");
  note.className = "course-search-from-file";
  note.textContent = "This copy of the course is open from a file on this device, so the search lists the pages "
    + "that match without an extract from each. Open a page to read it.";
  results.before(note);
})();
