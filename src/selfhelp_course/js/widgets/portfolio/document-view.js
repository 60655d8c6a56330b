// @ts-check
// The record's document model (document.js) on the page, as text nodes only: the print copy
// (real headings, a document of its own) and the views inside the widget (styled paragraphs, so
// the widget adds no headings to the course page).
import { h } from "../../lib/dom.js";
import { isPlainObject } from "../../lib/merge.js";
import { NOT_WRITTEN, written } from "./forms.js";

/**
 * @typedef {import("./document.js").Block} Block
 * @typedef {(level: number, text: string) => HTMLElement} Heading a heading of the document
 */

/**
 * @param {Block} b
 * @param {Heading} heading
 */
function blockNode(b, heading) {
  switch (b.type) {
    case "p":
      return h("p", { class: b.note ? "pf-doc-note" : "pf-doc-p" }, b.text);
    case "field":
      return h("p", { class: "pf-doc-field" }, h("strong", {}, `${b.label}: `), b.text);
    case "answer":
      return h("div", { class: "pf-doc-answer" }, heading(4, b.heading),
        written(b.text) ? h("p", { class: "pf-doc-text" }, b.text.trim()) : h("p", { class: "pf-doc-note" }, NOT_WRITTEN));
    case "checklist":
      return h("div", { class: "pf-doc-checklist" }, h("p", {}, h("strong", {}, `${b.label}:`)),
        h("ul", {}, b.items.map((i) => h("li", {}, `${i.checked ? "[x]" : "[ ]"} ${i.label}`,
          h("span", { class: "course-sr-only" }, i.checked ? " (ticked)" : " (not ticked)")))));
    case "list":
      return h("ul", { class: "pf-doc-list" }, b.items.map((item) => (typeof item === "string"
        ? h("li", {}, item)
        : h("li", {}, item.text, item.items && item.items.length ? h("ul", {}, item.items.map((s) => h("li", {}, s))) : null))));
    case "table": {
      const text = (/** @type {import("./document.js").Cell} */ cell) => (isPlainObject(cell) ? cell.text : String(cell));
      return h("table", { class: "pf-doc-table" },
        h("caption", {}, b.caption),
        h("thead", {}, h("tr", {}, b.head.map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, b.rows.map((row) => h("tr", {}, row.map((c) => h("td", {}, text(c)))))),
        b.foot ? h("tfoot", {}, h("tr", {}, b.foot.map((c) => h("td", {}, c)))) : null);
    }
    default:
      return null;
  }
}

// headings: true for real h1-h4 (the print copy), false for styled paragraphs.
/**
 * @param {import("./document.js").Doc} doc
 * @param {boolean} headings
 */
export function renderDocument(doc, headings) {
  /** @type {Heading} */
  const heading = (level, text) => (headings
    ? h(`h${level}`, { class: `pf-doc-h${level}` }, text)
    : h("p", { class: `pf-doc-h${level}` }, h("strong", {}, text)));
  const block = (/** @type {Block} */ b) => blockNode(b, heading);
  return h("div", { class: "pf-doc" },
    doc.title ? heading(1, doc.title) : null,
    doc.blocks.map(block),
    doc.sections.map((section) => h("section", { class: "pf-doc-section" },
      heading(2, section.heading),
      section.blocks.map(block),
      section.subsections.map((sub) => h("div", { class: "pf-doc-sub" }, heading(3, sub.heading), sub.blocks.map(block))))));
}

// The statement of completion as the widget shows it (its "self-declared" note is shown apart).
/** @param {string} selfDeclared */
export function createStatement(selfDeclared) {
  const box = h("div", { class: "pf-statement-box" });
  const element = h("fieldset", { class: "pf-section pf-statement" },
    h("legend", {}, "Statement of completion"),
    h("p", { class: "pf-declared" }, selfDeclared),
    box);
  let shown = "";
  /** @param {import("./document.js").Doc} doc */
  function update(doc) {
    // documentOf always makes this section (document.js statementSection).
    const section = /** @type {import("./document.js").Section} */ (doc.sections.find((s) => s.heading === "Statement of completion"));
    const blocks = section.blocks.filter((b) => !(b.type === "p" && b.note));
    const signature = JSON.stringify(blocks);
    if (signature === shown) return;
    shown = signature;
    box.replaceChildren(renderDocument({ title: "", blocks, sections: [] }, false));
  }
  return { element, update };
}
