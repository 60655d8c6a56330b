// @ts-check
// Markdown that keeps a learner's text as text. Pure: no DOM, no storage.
//
// The CPD portfolio's Markdown export puts learner text into paragraphs, headings, list items and
// table cells. Any text must come out of a Markdown renderer as the same literal text: a line of
// three backticks must not open a code block, "<b>" must not become HTML, "[x](javascript:…)"
// must not become a link. Escaping uses CommonMark's backslash escapes (any ASCII punctuation
// may be escaped), which every common renderer honours, and only where a character could mean
// something, so the exported file stays readable as plain text.
//
// Whitespace is the one thing Markdown cannot keep literally: runs of spaces collapse when shown,
// as they do on any web page, and spaces at the end of a line are dropped. Indentation at the
// start of a line is kept as no-break spaces (so it is not read as a code block) and every line
// break is kept as a hard line break.

const NBSP = "\u00a0";

// Characters that mean something wherever they are: escapes, code, emphasis, links, tables,
// strikethrough and maths (GitHub and others). "<" only before what could open a tag or an
// autolink; "&" only where it could start an entity ("&amp;", "&#65;"); ":" only in "://", as
// markdown-it's linkify reads a bare address from the source, backslashes and all, and would
// swallow the escape of a "<" or "|" after it (so "http://x.org<b>" would become live HTML).
const INLINE_SPECIAL = /[\\`*_[\]|~$]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|:(?=\/\/)/g;

// What a line may start with to become a heading, a quote, a list, a rule, a setext underline,
// a table row, a fence or a definition: "# ", "> ", "- ", "+ ", "=", "|", "~~~", ": ".
const LINE_START_SPECIAL = /^[#>+\-=|~:]/;
const ORDERED_LIST_START = /^(\d+)([.)])/;

/**
 * @param {string} text
 * @returns {string}
 */
function escapeInline(text) {
  return text.replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

// One line of text, with nothing at its start that could begin a block.
/**
 * @param {string} line
 * @returns {string}
 */
function escapeLine(line) {
  // The pattern matches every string (at worst, empty): exec never gives null here.
  const indent = /** @type {RegExpExecArray} */ (/^[ \t]*/.exec(line))[0];
  const body = escapeInline(line.slice(indent.length).replace(/[ \t]+$/, ""));
  const safeStart = LINE_START_SPECIAL.test(body) ? `\\${body}` : body.replace(ORDERED_LIST_START, "$1\\$2");
  return indent.replace(/\t/g, "    ").replace(/ /g, NBSP) + safeStart;
}

// Text for a paragraph (or several): blank lines separate paragraphs, every other line break is
// kept as a hard break (a backslash at the end of the line). Returns "" for blank text.
/**
 * @param {unknown} text
 * @returns {string}
 */
export function escapeMarkdownText(text) {
  const lines = String(text ?? "").replace(/\r\n?/g, "\n").split("\n");
  const paragraphs = [];
  let current = [];
  for (const line of lines) {
    if (/^[ \t]*$/.test(line)) {
      if (current.length) paragraphs.push(current);
      current = [];
    } else {
      current.push(escapeLine(line));
    }
  }
  if (current.length) paragraphs.push(current);
  return paragraphs.map((p) => p.join("\\\n")).join("\n\n");
}

// Text for one line: a heading, a list item or a table cell. Line breaks and runs of whitespace
// become single spaces (a heading or a cell cannot hold a line break in Markdown). A trailing
// "#" is escaped too, as an ATX heading would drop it ("## Goal #1 #").
/**
 * @param {unknown} text
 * @returns {string}
 */
export function escapeMarkdownInline(text) {
  const line = String(text ?? "").replace(/[\s]+/g, " ").trim();
  return escapeLine(line).replace(/(\s)(#+)$/, "$1\\$2");
}

const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

// A link's address if it is http(s) or mailto, normalised by the URL parser (as a browser would
// read it), or null. Everything else (javascript:, data:, vbscript:, file:, relative addresses,
// schemes hidden with case, spaces, control characters or entities) is refused: the check is an
// allow-list on the parsed scheme, so no trick can slip a bad one through.
/**
 * @param {unknown} url
 * @returns {string | null}
 */
export function safeLinkUrl(url) {
  if (typeof url !== "string") return null;
  // As the URL parser does: drop control characters and spaces at the ends, tabs and newlines inside.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  if (!/^(?:https?|mailto):/i.test(cleaned)) return null;
  let parsed;
  try {
    parsed = new URL(cleaned);
  } catch {
    return null;
  }
  return SAFE_SCHEMES.has(parsed.protocol) ? parsed.href : null;
}

// "[text](<address>)" when the address is safe; otherwise the text alone, as plain text.
/**
 * @param {unknown} text
 * @param {unknown} url
 * @returns {string}
 */
export function markdownLink(text, url) {
  const label = escapeMarkdownInline(text);
  const href = safeLinkUrl(url);
  if (!href) return label;
  // In <...> an address may hold spaces and brackets; "\", "<", ">" and "&" are escaped so that
  // no renderer reads them as the end of the address or as an entity.
  return `[${label}](<${href.replace(/[\\<>&]/g, (c) => `\\${c}`)}>)`;
}
