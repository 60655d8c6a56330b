// @ts-check
// The data table under the chart: the same numbers as the chart, for screen readers and for
// anyone who prefers a table. Cells are text nodes.
import { h } from "../../lib/dom.js";

/**
 * @param {import("./state.js").Table} table state.js tableFor's
 * @param {string} captionId
 */
export function dataTable({ caption, head, body }, captionId) {
  return h("table", { class: "wbx-table" },
    h("caption", { id: captionId }, caption),
    h("thead", {}, h("tr", {}, head.map((cell) => h("th", { scope: "col" }, cell)))),
    h("tbody", {}, body.map((cells) =>
      h("tr", {}, cells.map((cell, index) => (index === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell)))))));
}
