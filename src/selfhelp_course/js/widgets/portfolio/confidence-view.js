// @ts-check
// "Your confidence before and after the course" in the portfolio: the learner's own ratings from
// the course evaluation (confidence.js), as text, and the tick box that puts them in the
// statement of completion. Hidden when there is no evaluation entry or the course has none.
import { h, setText } from "../../lib/dom.js";
import { confidenceTable, includeInStatement } from "./confidence.js";

/** @type {Record<string, string>} */
const REFUSED = {
  unavailable: "Not saved: this browser is not letting the course save.",
  full: "Not saved: this browser's storage is full.",
  cleared: "Not saved: your course data was deleted in another tab or window.",
  replaced: "Not saved: your course data was replaced from a backup in another tab or window.",
};

/** @param {import("./view.js").Context} ctx */
export function createConfidence(ctx) {
  const id = `${ctx.uid}-confidence-in-statement`;
  const box = h("input", { type: "checkbox", id });
  const table = h("div", { class: "pf-confidence-table" });
  const status = h("p", { class: "pf-hint", role: "status", "aria-live": "polite" });
  const element = h("fieldset", { class: "pf-section pf-confidence", hidden: true },
    h("legend", {}, "Your confidence before and after the course"),
    h("p", { class: "pf-hint" }, "Your own ratings from the course evaluation. They stay in this browser; the statement of completion shows them only if you tick the box."),
    table,
    h("div", { class: "pf-choice" }, box, h("label", { for: id }, "Include these ratings in my statement of completion")),
    status);
  box.addEventListener("change", () => {
    const result = includeInStatement(ctx.store, box.checked);
    // A refusal always says why (store.js update; includeInStatement's own refusal too).
    setText(status, result.ok ? "" : REFUSED[/** @type {string} */ (result.reason)] || "Not saved.");
    ctx.refresh();
  });
  let shown = "";
  /** @param {import("./confidence.js").Confidence | null} confidence */
  function update(confidence) {
    element.hidden = !confidence || !confidence.rows.length;
    if (element.hidden) return;
    // Not hidden, so there are ratings: confidence is not null here.
    const rated = /** @type {import("./confidence.js").Confidence} */ (confidence);
    box.checked = rated.inStatement;
    const signature = JSON.stringify(rated.rows);
    if (signature === shown) return;
    shown = signature;
    const doc = confidenceTable(rated);
    table.replaceChildren(h("table", { class: "pf-doc-table" },
      h("caption", {}, doc.caption),
      h("thead", {}, h("tr", {}, doc.head.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, doc.rows.map(([outcome, ...ratings]) => h("tr", {}, h("th", { scope: "row" }, outcome), ratings.map((c) => h("td", {}, c)))))));
  }
  return { element, update };
}
