// @ts-check
import { h } from "./dom.js";

// Offer text as a file download: made in the browser, so it works offline and from file://.
// Returns false if the browser refused.
/**
 * @param {string} text
 * @param {string} fileName
 * @param {string} type
 * @param {Element} where
 * @returns {boolean}
 */
export function downloadText(text, fileName, type, where) {
  try {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = h("a", { href: url, download: fileName, hidden: true });
    where.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    return true;
  } catch {
    return false;
  }
}
