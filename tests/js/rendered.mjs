// Shared by the node unit tests of Markdown exports: two real renderers from npm (markdown-it
// and commonmark.js, pinned in package.json) and what a reader would see of their HTML.
import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { HtmlRenderer, Parser } from "commonmark";

// Raw HTML allowed and bare addresses turned into links: the most a renderer will do to text.
export const markdownIt = new MarkdownIt({ html: true, linkify: true });
const commonmarkRenderer = new HtmlRenderer();
const commonmarkParser = new Parser();
export const RENDERERS = {
  "markdown-it": (md) => markdownIt.render(md),
  commonmark: (md) => commonmarkRenderer.render(commonmarkParser.parse(md)),
};

// Awkward text: every Markdown construct a learner could type by accident or on purpose.
export const CORPUS = [
  "```",
  "```\nthe rest of the export\n```",
  "~~~python\nprint(1)\n~~~",
  "Use `code` and ``double`` ticks",
  "| a | b |\n| --- | --- |\n| 1 | 2 |",
  "a | b\n--- | ---\nc | d",
  "# Heading",
  "###### Six",
  "####### Seven",
  "Title\n=====",
  "Title\n-----",
  "  ## indented heading",
  "<b>bold</b> <script>alert(1)</script>",
  "<!-- a comment -->",
  "<div>\nblock\n</div>",
  "<https://example.org> and <me@example.org>",
  "[x](javascript:alert(1))",
  "[x](https://example.org) ![img](https://example.org/a.png)",
  "[ref]: https://example.org \"title\"\n\nsee [ref]",
  "[^1] and\n\n[^1]: a footnote",
  "*emphasis* _emphasis_ **strong** __strong__ ***both***",
  "snake_case_name and 2*3*4",
  "~~struck~~ and ~one~",
  "back\\slash \\*not emphasis\\* \\\\ double \\",
  "C:\\Users\\me\\",
  "- item\n+ item\n* item",
  "1. first\n2) second\n10. tenth",
  "2024. A year to remember",
  "> a quote\n>> nested",
  "---",
  "***",
  "___",
  "- - -",
  "    indented code",
  "\tindented with a tab",
  "line one\nline two\n\nnew paragraph",
  "trailing spaces  \nnext line",
  "&amp; &lt; &#65; &#x41; &nbsp; &copy; & alone &; &#;",
  "$x^2$ and $$y$$",
  "- [ ] task\n- [x] done",
  "Term\n: definition",
  "{#id .class}",
  "a\\\nb",
  "\\",
  "\\\\",
  "*",
  "_",
  "<",
  ">",
  "#",
  "1.",
  "+",
  "|",
  "",
  "   ",
  "\n\n\n",
  "www.example.org and https://example.org/path_(with)_parens",
  "Mrs Patel's reflection: \"quotes\" and 'single' — dashes – and … ellipsis",
  "emoji 🙂🌱 and Ω, 中文, עברית",
  "a\r\nb\rc",
  "<p>para</p>\n\n<table><tr><td>x</td></tr></table>",
  "</div>",
  "<?php echo 1; ?>",
  "<![CDATA[ x ]]>",
  "text<br>more",
  "[link]\n\n[link]: javascript:alert(1)",
  "==highlight== ^sup^ ~sub~ :smile:",
  "\u00a0\u00a0leading no-break spaces",
  "a  b   c",
];

// Stripped of tags and entities, as a browser's textContent would read it, with the line breaks
// the renderer made: <br> is a line break, a paragraph ends with a blank line.
export function textOf(html) {
  return html
    .replace(/<br\s*\/?>\n?/g, "\n")
    .replace(/<\/p>\n?/g, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&(lt|gt|quot|amp);/g, (_, name) => ({ lt: "<", gt: ">", quot: '"', amp: "&" })[name]);
}

// Whitespace as a reader sees it: runs of spaces are one, a line's ends are trimmed, blank lines
// are one paragraph break.
export function normalise(text) {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{2,}/g, "\n\n")
    .trim();
}

export const tagsIn = (html) => new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase()));

// Links a renderer made on its own (markdown-it's linkify) are allowed if safe; nothing else is.
export function assertOnlyTags(html, allowed, context) {
  for (const tag of tagsIn(html)) {
    if (tag === "a") continue;
    assert.ok(allowed.includes(tag), `<${tag}> in ${JSON.stringify(html)} (${context})`);
  }
  assertSafeLinks(html, context);
}

export function assertSafeLinks(html, context) {
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
    assert.match(m[1], /^(?:https?:|mailto:)/i, `unsafe link ${m[1]} (${context})`);
  }
}

