// @ts-check
// Printing the portfolio page with the browser's own print (not the page's print button): a
// text box prints at its on-screen size, so a long summary was cut to about five lines (issue 21,
// defect 10). Every text field gets a print-only copy of its text just after it; the print
// styles hide the boxes and show the copies in full (course-widgets.css, .pf-print-text). The
// copies follow typing (one listener on the widget) and every redraw (sync), and are hidden
// from screen readers, which read the fields themselves.
import { h } from "../../lib/dom.js";

const FIELDS = 'textarea, input[type="text"]';

/** @param {HTMLElement} root */
export function printMirrors(root) {
  const mirrors = new WeakMap();

  /** @param {HTMLInputElement | HTMLTextAreaElement} field */
  function mirror(field) {
    let copy = mirrors.get(field);
    if (!copy) {
      copy = h("div", { class: `pf-print-text${field.tagName === "TEXTAREA" ? " pf-print-text-block" : ""}`, "aria-hidden": "true" });
      mirrors.set(field, copy);
    }
    if (copy.previousElementSibling !== field) field.after(copy); // placed, or moved back beside its field
    if (copy.textContent !== field.value) copy.textContent = field.value;
  }

  const sync = () => root.querySelectorAll(FIELDS).forEach(mirror);
  root.addEventListener("input", (event) => {
    // FIELDS matches text boxes and one-line text inputs only.
    if (event.target instanceof Element && event.target.matches(FIELDS)) mirror(/** @type {HTMLInputElement | HTMLTextAreaElement} */ (event.target));
  });
  return { sync };
}
