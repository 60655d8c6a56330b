// @ts-check
// The sidebar buttons a learner can see are in the article's header (sphinx-book-theme), but
// pydata-sphinx-theme wires only the first .primary-toggle and .secondary-toggle on the page:
// the site header's, which this layout hides. Without this the visible buttons do nothing, and
// on a phone the course's contents cannot be opened. Each visible button clicks the wired one,
// so the themes' own behaviour runs: on a wide screen the contents slide away, on a phone they
// open as a dialog.
(() => {
  "use strict";
  for (const kind of ["primary", "secondary"]) {
    const wired = /** @type {HTMLElement | null} */ (document.querySelector(`.${kind}-toggle`));
    if (!wired) continue;
    for (const button of document.querySelectorAll(`.bd-header-article .${kind}-toggle`)) {
      if (button === wired) continue;
      button.addEventListener("click", (event) => {
        event.preventDefault();
        wired.click();
      });
    }
  }
})();

// The theme's "print to PDF" button, without the inline onclick the site's Content-Security-Policy
// blocks (templates/macros/buttons.html gives it data-course-action="print" instead).
(() => {
  "use strict";
  for (const button of document.querySelectorAll('[data-course-action="print"]')) {
    button.addEventListener("click", () => window.print());
  }
})();
