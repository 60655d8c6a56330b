// Markdown escaping for the exports (src/selfhelp_course/js/lib/markdown.js), checked with two
// real renderers from npm (markdown-it and commonmark.js, pinned in package.json): any text,
// escaped, must render as exactly that text (whitespace aside, as a browser shows it), with no
// element the text did not ask for, and no link may keep a scheme other than http(s) or mailto.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  escapeMarkdownInline,
  escapeMarkdownText,
  markdownLink,
  safeLinkUrl,
} from "../../src/selfhelp_course/js/lib/markdown.js";
import { CORPUS, RENDERERS, assertOnlyTags, markdownIt, normalise, textOf } from "./rendered.mjs";

function assertParagraphRoundTrip(text, context) {
  const md = escapeMarkdownText(text);
  for (const [name, render] of Object.entries(RENDERERS)) {
    const html = render(md);
    assertOnlyTags(html, ["p", "br"], `${name}, ${context}`);
    assert.equal(normalise(textOf(html)), normalise(text), `${name}: ${JSON.stringify(md)} -> ${JSON.stringify(html)}`);
  }
}

// The same text on one line, in the places the export puts single lines.
function assertInlineRoundTrip(text, context) {
  const flat = normalise(text.replace(/\s+/g, " "));
  const inline = escapeMarkdownInline(text);
  const places = {
    heading: [`### ${inline}`, flat ? ["h3"] : ["h3", "p"]],
    "list item": [`- ${inline}`, ["ul", "li"]],
    paragraph: [inline, ["p"]],
  };
  for (const [name, render] of Object.entries(RENDERERS)) {
    for (const [place, [md, tags]] of Object.entries(places)) {
      const html = render(md);
      assertOnlyTags(html, tags, `${name}, ${place}, ${context}`);
      assert.equal(normalise(textOf(html)), flat, `${name}, ${place}: ${JSON.stringify(md)} -> ${JSON.stringify(html)}`);
    }
  }
  // Tables: markdown-it only (commonmark.js has none). The cell holds the text, and the row
  // still has exactly two cells.
  const table = markdownIt.render(`| A | B |\n| --- | --- |\n| ${inline} | end |`);
  assertOnlyTags(table, ["table", "thead", "tbody", "tr", "th", "td"], `table, ${context}`);
  const cells = [...table.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => normalise(textOf(m[1])));
  assert.deepEqual(cells, [flat, "end"], `table: ${JSON.stringify(table)}`);
}

test("awkward text renders as the same text, and nothing else, in paragraphs", () => {
  for (const text of CORPUS) assertParagraphRoundTrip(text, JSON.stringify(text));
});

test("awkward text renders as the same text in headings, list items and table cells", () => {
  for (const text of CORPUS) assertInlineRoundTrip(text, JSON.stringify(text));
});

// A seeded generator of text made mostly of Markdown's special characters, so the round trip is
// tried on thousands of combinations no one would write by hand. Same seed, same texts.
function randomTexts(count, seed) {
  const pieces = ["\\", "`", "*", "_", "[", "]", "(", ")", "<", ">", "#", "+", "-", "=", "|", "~", "$",
    "!", ":", "&", ";", "amp", "#65", "a", "1", "1.", " ", "  ", "    ", "\t", "\n", "\n\n", "http://x.org",
    "javascript:", "<b>", "</p>", "```", "---", "é", "🙂", "\u00a0"];
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 24) }, () => pieces[Math.floor(next() * pieces.length)]).join(""),
  );
}

test("thousands of generated texts round-trip in paragraphs and single lines", () => {
  for (const text of randomTexts(1500, 20261130)) {
    assertParagraphRoundTrip(text, JSON.stringify(text));
    assertInlineRoundTrip(text, JSON.stringify(text));
  }
});

test("the bugs of issue 11: a fence no longer swallows the export, a javascript link is text", () => {
  const md = [escapeMarkdownText("My reflection\n```"), "## Next section", escapeMarkdownText("Still here")].join("\n\n");
  for (const [name, render] of Object.entries(RENDERERS)) {
    const html = render(md);
    assert.ok(html.includes("<h2>Next section</h2>"), `${name}: ${html}`);
    assert.ok(!html.includes("<code>") && !html.includes("<pre>"), `${name}: ${html}`);
    const link = render(escapeMarkdownText("[x](javascript:alert(1))"));
    assert.ok(!link.includes("<a"), `${name}: ${link}`);
  }
});

const BAD_URLS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "\u0001javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "javascript&#58;alert(1)",
  "javascript&colon;alert(1)",
  "&#106;avascript:alert(1)",
  "%6Aavascript:alert(1)",
  "ｊａｖａｓｃｒｉｐｔ:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "DATA:text/html;base64,PHNjcmlwdD4=",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "//evil.example",
  "/relative/path",
  "evil.example",
  "http//missing-colon.example",
  "https://",
  "",
  null,
  42,
];

const GOOD_URLS = [
  ["https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"],
  ["HTTP://EXAMPLE.ORG", "http://example.org/"],
  ["  https://example.org/a b  ", "https://example.org/a%20b"],
  ["https://example.org/<script>", "https://example.org/%3Cscript%3E"],
  ["http:\\\\example.org\\x", "http://example.org/x"],
  ["https://example.org/p_(q)", "https://example.org/p_(q)"],
  ["mailto:group@example.org", "mailto:group@example.org"],
  ["MAILTO:Group@Example.org", "mailto:Group@Example.org"],
];

test("safeLinkUrl keeps http(s) and mailto and refuses every other scheme or trick", () => {
  for (const url of BAD_URLS) assert.equal(safeLinkUrl(url), null, JSON.stringify(url));
  for (const [url, href] of GOOD_URLS) assert.equal(safeLinkUrl(url), href, JSON.stringify(url));
});

test("markdownLink renders a safe link in both renderers, and only text for a bad one", () => {
  for (const url of BAD_URLS) {
    const md = markdownLink("the [page] *here*", url);
    for (const [name, render] of Object.entries(RENDERERS)) {
      const html = render(md);
      assert.ok(!html.includes("<a"), `${name}: ${JSON.stringify(url)} -> ${html}`);
      assert.equal(normalise(textOf(html)), "the [page] *here*");
    }
  }
  for (const [url, href] of GOOD_URLS) {
    const md = markdownLink("the [page] *here*", url);
    for (const [name, render] of Object.entries(RENDERERS)) {
      const html = render(md);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => textOf(m[1]));
      assert.equal(hrefs.length, 1, `${name}: ${html}`);
      assert.equal(decodeURI(hrefs[0]), decodeURI(href), `${name}: ${html}`);
      assert.equal(normalise(textOf(html)), "the [page] *here*");
    }
  }
});

test("escaping is light: ordinary text comes out unchanged", () => {
  const plain = "We met on Tuesday. Two members said the leaflets were too long, so we rewrote them (together).";
  assert.equal(escapeMarkdownText(plain), plain);
  assert.equal(escapeMarkdownInline(plain), plain);
  assert.equal(escapeMarkdownText("a\nb\n\nc"), "a\\\nb\n\nc");
  assert.equal(escapeMarkdownText("  indented"), "\u00a0\u00a0indented");
  assert.equal(escapeMarkdownText("   \n"), "");
  assert.equal(escapeMarkdownText(null), "");
  assert.equal(escapeMarkdownInline("Goal #1 #"), "Goal #1 \\#");
});
