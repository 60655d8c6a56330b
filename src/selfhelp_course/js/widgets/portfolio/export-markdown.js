// @ts-check
// The record as Markdown (pure), drawn from the document model (document.js). Every learner and
// course string goes through lib/markdown.js, so any text comes out of a Markdown renderer as the
// same literal text: a line of backticks cannot open a code block, "<b>" cannot become HTML and
// "[x](javascript:…)" cannot become a link. Only the structure written here is Markdown.
import { escapeMarkdownInline as inline, escapeMarkdownText as text } from "../../lib/markdown.js";
import { isPlainObject } from "../../lib/merge.js";
import { NOT_WRITTEN } from "./forms.js";

/**
 * @typedef {import("./document.js").Block} Block
 * @typedef {import("./document.js").Cell} Cell
 */

// Hours ("0.25", "1:30") as they are: inside a table row a number cannot begin a list, and
// "0\.25" would be hard to read in the file.
const HOURS = /^\d+(?:[.:]\d+)?$/;
const cellText = (/** @type {Cell} */ cell) => {
  const text = isPlainObject(cell) ? cell.text : cell;
  return typeof text === "string" && HOURS.test(text) ? text : inline(text);
};

/** @param {import("./document.js").TableBlock} block */
function table(block) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(" | ")} |`;
  const rows = [line(block.head.map(cellText)), `|${block.head.map(() => " --- ").join("|")}|`, ...block.rows.map((row) => line(row.map(cellText)))];
  if (block.foot) rows.push(line(block.foot.map((cell, i) => (i === 0 && cell ? `**${cellText(cell)}**` : cellText(cell)))));
  return rows.join("\n");
}

/** @param {import("./document.js").ListBlock} block */
function list(block) {
  return block.items.map((item) => {
    if (typeof item === "string") return `- ${inline(item)}`;
    return [`- ${inline(item.text)}`, ...(item.items || []).map((sub) => `  - ${inline(sub)}`)].join("\n");
  }).join("\n");
}

/**
 * @param {Block} block
 * @returns {string}
 */
export function blockMarkdown(block) {
  switch (block.type) {
    case "p":
      return block.note ? `*${inline(block.text)}*` : text(block.text);
    case "field":
      return `**${inline(block.label)}:** ${inline(block.text)}`;
    case "answer":
      return `**${inline(block.heading)}**\n\n${text(block.text) || `*${NOT_WRITTEN}*`}`;
    case "checklist":
      return `**${inline(block.label)}:**\n\n${block.items.map((i) => `- [${i.checked ? "x" : " "}] ${inline(i.label)}`).join("\n")}`;
    case "list":
      return list(block);
    case "table":
      return table(block);
    default:
      return "";
  }
}

/**
 * @param {import("./document.js").Doc} doc
 * @returns {string}
 */
export function markdownOf(doc) {
  const out = [`# ${inline(doc.title)}`, ...doc.blocks.map(blockMarkdown)];
  for (const section of doc.sections) {
    out.push(`## ${inline(section.heading)}`, ...section.blocks.map(blockMarkdown));
    for (const sub of section.subsections) out.push(`### ${inline(sub.heading)}`, ...sub.blocks.map(blockMarkdown));
  }
  return `${out.filter((part) => part !== "").join("\n\n")}\n`;
}
