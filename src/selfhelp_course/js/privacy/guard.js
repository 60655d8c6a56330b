// @ts-check
// The privacy guard: spots details in a learner's text that could identify someone. Pure: no
// DOM, no storage. The one implementation of these rules (tests/js/privacy-guard.test.mjs runs
// them against the labelled table in tests/js/privacy-cases.json).
//
// It is a prompt, not a guarantee: it cannot recognise every name or every combination of
// ordinary details that would identify a person, and it never blocks saving. Each finding says
// in plain words why it was flagged; where a match is genuinely uncertain it carries
// `certainty: "possible"` and a gentler explanation.

import { TITLE_NAME_RE, pickTitleName } from "./names.js";
import { AGE_RULES } from "./ages.js";

/**
 * @typedef {keyof typeof PRIVACY_KINDS} PrivacyKind
 * @typedef {"likely" | "possible"} Certainty
 * @typedef {{start: number, end: number, certainty?: Certainty, why?: string}} Span the part of
 *   the text a rule reports (offsets into the text)
 * @typedef {{kind: PrivacyKind, re: RegExp, pick?: (m: RegExpExecArray, text: string) => Span | null}} PrivacyRule
 * @typedef {{kind: PrivacyKind, start: number, end: number, certainty: Certainty, why?: string}} Candidate
 * @typedef {{kind: PrivacyKind, label: string, certainty: Certainty, start: number, end: number, text: string, why: string}} Finding
 * @typedef {{label: string, plural: string, rank: number, why: string}} PrivacyKindInfo
 */

export const PRIVACY_KINDS = {
  "nhs-number": {
    label: "NHS number",
    plural: "NHS numbers",
    rank: 0,
    why: "Looks like a valid NHS number (its check digit matches). Regulators expect reflections to be anonymised: remove it.",
  },
  "record-number": {
    label: "record or reference number",
    plural: "record or reference numbers",
    rank: 1,
    why: "Looks like a hospital, record or reference number, which can be traced to a person. Remove it.",
  },
  phone: {
    label: "phone number",
    plural: "phone numbers",
    rank: 2,
    why: "Looks like a UK phone number, which is contact information for a person. Remove it.",
  },
  "long-number": {
    label: "long number",
    plural: "long numbers",
    rank: 3,
    why: "A long number: could be a reference or record number. If it could be traced to a person, remove it.",
  },
  date: {
    label: "date",
    plural: "dates",
    rank: 4,
    why: "An exact date (of birth, an admission or a meeting) can help identify someone. Say something vaguer, such as \"earlier this year\".",
  },
  "birth-year": {
    label: "year of birth",
    plural: "years of birth",
    rank: 4,
    why: "A year of birth, with other details, can help identify someone. A broad range, such as \"in her seventies\", is usually enough.",
  },
  postcode: {
    label: "postcode",
    plural: "postcodes",
    rank: 5,
    why: "Looks like a UK postcode, which can point to a home or a small area. Leave out addresses and postcodes.",
  },
  age: {
    label: "exact age",
    plural: "exact ages",
    rank: 5,
    why: "An exact age can help identify someone. A broad range, such as \"in her forties\", is usually enough.",
  },
  email: {
    label: "email address",
    plural: "email addresses",
    rank: 5,
    why: "An email address identifies a person directly. Remove it.",
  },
  "title-name": {
    label: "name with a title",
    plural: "names with a title",
    rank: 5,
    why: "Looks like a person's name (a title such as Mrs, Dr or Sister and a name). Use a role instead, such as \"a patient\" or \"a colleague\".",
  },
};

// A run of one digit repeated (000 000 0000, 99999999) is a placeholder, not a number.
/** @param {string} digits */
const isPlaceholder = (digits) => /^(\d)\1*$/.test(digits.replace(/\D/g, ""));

// Checks the NHS number's modulus 11 check digit. `digits` may include spaces or hyphens.
// Placeholders pass the arithmetic (000 000 0000 does) but are never valid.
/** @param {unknown} digits */
export function nhsNumberIsValid(digits) {
  const plain = String(digits).replace(/[\s\u00a0-]/g, "");
  if (!/^\d{10}$/.test(plain) || isPlaceholder(plain)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(plain[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(plain[9]);
}

const MONTHS =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|" +
  "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

// "may" and "march" are also ordinary words ("12 may be enough"), so in lower case they make a
// date only with something else that says so: a year, an ordinal day ("3rd march"), "of"
// ("the 3rd of may") or the end of a phrase ("on 12 may.").
/**
 * @param {string} word
 * @param {{year?: string, ordinal?: string, of?: string, phraseEnds?: boolean}} context
 */
function monthOk(word, { year, ordinal, of, phraseEnds }) {
  const bare = word.replace(/\.$/, "");
  if (!/^(?:may|mar|march)$/i.test(bare) || /^[A-Z]/.test(bare)) return true;
  return Boolean(year || ordinal || of || phraseEnds);
}

/** @param {string | number} day */
const dayOk = (day) => Number(day) >= 1 && Number(day) <= 31;
/** @param {RegExpExecArray} m */
const span = (m) => ({ start: m.index, end: m.index + m[0].length });

// UK order is day/month; a month/day slip is still a date worth pointing out.
/**
 * @param {string} a
 * @param {string} b
 */
function numericDateOk(a, b) {
  const first = Number(a);
  const second = Number(b);
  return (dayOk(first) && second >= 1 && second <= 12) || (first >= 1 && first <= 12 && dayOk(second));
}

// "3.10.12" and "7.5.10" are version numbers far more often than dates, so a dotted date with a
// two-digit year counts only after a word that introduces a date ("on 7.5.10", "DOB 7.5.10").
const DATE_CONTEXT_BEFORE = /(?:\b(?:on|dated?|dob|d\.o\.b\.?|born|from|until|till|since|by|admitted|discharged|seen)\s*:?\s*)$/i;
const VERSION_BEFORE = /(?:\bv|\bversion|\bver\.?|\brelease|\bbuild|\bpython|\bnode)\s*$/i;

/**
 * @param {RegExpExecArray} m
 * @param {string} text
 * @returns {Span | null}
 */
function pickNumericDate(m, text) {
  if (!numericDateOk(m[1], m[3])) return null;
  const before = text.slice(Math.max(0, m.index - 24), m.index);
  if (VERSION_BEFORE.test(before)) return null;
  if (m[2] === "." && m[4].length === 2 && !DATE_CONTEXT_BEFORE.test(before)) return null;
  return span(m);
}

// Words that introduce a hospital, record or reference number.
const RECORD_WORDS = [
  "hospital (?:number|num|no)",
  "hosp\\.? ?(?:number|num|no)",
  "(?:medical |health |care )?records? (?:number|num|no)",
  "case (?:number|num|no|ref|reference)",
  "(?:patient|client|service user|resident) (?:id|number|num|no)",
  "unit (?:number|num|no)",
  "mrn",
  "crn",
  "ref(?:erence)?\\.?(?: (?:number|num|no))?",
].join("|");

// Published identifiers (a paper's PMID, a trial's NCT number) are citations, not people.
const PUBLISHED_ID_BEFORE = /(?:\b(?:pmid|pmcid|isbn|issn|doi|nct)\s*:?\s*)$/i;
const PUBLISHED_CODE = /^(?:PMC|NCT|CRD)/;

/**
 * @param {RegExpExecArray} m
 * @param {string} text
 * @returns {Span | null}
 */
function pickLongNumber(m, text) {
  if (isPlaceholder(m[0])) return null;
  if (PUBLISHED_ID_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) return null;
  return span(m);
}

// The outward code is A9, A99, AA9, AA99, A9A or AA9A (or the special GIR 0AA). A lower-case
// "inward code" that is an ordinal ("B2 3rd floor", "M1 1st exit") is not a postcode.
/**
 * @param {RegExpExecArray} m
 * @returns {Span | null}
 */
function pickPostcode(m) {
  const compact = m[0].replace(/\s/g, "").toUpperCase();
  if (compact === "GIR0AA") return span(m);
  if (!/^(?:[A-Z]\d|[A-Z]\d\d|[A-Z]{2}\d|[A-Z]{2}\d\d|[A-Z]\d[A-Z]|[A-Z]{2}\d[A-Z])$/.test(compact.slice(0, -3))) return null;
  if (/^(?:1st|2nd|3rd|[04-9]th)$/.test(m[0].slice(-3))) return null;
  return span(m);
}

// A UK number may start 0, +44 or 0044, with an optional (0) after the country code.
const UK = "(?:(?:\\+|00)44[ -]?(?:\\(0\\)[ -]?)?|0)";
const PHONE = [
  `${UK}7\\d{3}[ -]?\\d{3}[ -]?\\d{3}`, // mobiles: 07700 900123
  `(?:\\(0?2\\d\\)|${UK}2\\d)[ -]?\\d{4}[ -]?\\d{4}`, // 020 7946 0018
  // 0115 496 0123, 0300 and 0800 numbers, and London and mobiles grouped 4-3-4 (0207 946 0018)
  `(?:\\(0?1\\d{2}\\)|${UK}[12378]\\d{2})[ -]?\\d{3}[ -]?\\d{4}`,
  `(?:\\(0?1\\d{3}\\)|${UK}1\\d{3})[ -]?\\d{3}[ -]?\\d{2,3}`, // 01632 960001
].join("|");

const DATE_DAY_MONTH = new RegExp(
  `(?<![\\w])(\\d{1,2})(st|nd|rd|th)?(\\s+of)?\\s+(${MONTHS}\\.?)(?:,?\\s+(\\d{4}))?(?![\\w])`,
  "gi",
);
const DATE_MONTH_DAY = new RegExp(
  `(?<![\\w])(${MONTHS}\\.?)\\s+(?:the\\s+)?(\\d{1,2})(st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\w])`,
  "gi",
);

/**
 * @param {RegExpExecArray} m
 * @param {string} text
 * @returns {Span | null}
 */
function pickDayMonth(m, text) {
  const end = m.index + m[0].length;
  const phraseEnds = !m[5] && /^(?:\s*$|[.,;:!?)])/.test(text.slice(end, end + 2));
  if (!dayOk(m[1]) || !monthOk(m[4], { year: m[5], ordinal: m[2], of: m[3], phraseEnds })) return null;
  // "on 2 May." -> "2 May": a full stop after a month name ends the sentence, not the date.
  return { start: m.index, end: m[0].endsWith(".") ? end - 1 : end };
}

/**
 * @param {RegExpExecArray} m
 * @returns {Span | null}
 */
function pickMonthDay(m) {
  if (!dayOk(m[2]) || !monthOk(m[1], { year: m[4], ordinal: m[3] })) return null;
  return span(m);
}

const YEAR = "(?:19|20)\\d{2}";
const TEN_DIGITS = /(?<![\d+])\d{3}([ \u00a0-]?)\d{3}\1\d{4}(?!\d)/g;

// Each rule: a kind, a global regular expression, and optionally `pick(match, text)`, which
// returns the part to report as {start, end, certainty?, why?} (or null to reject the match).
/** @type {PrivacyRule[]} */
const RULES = [
  {
    // Ten digits, optionally grouped 3-3-4 with spaces (or no-break spaces) or hyphens: an NHS
    // number when the check digit matches, otherwise a long number.
    kind: "nhs-number",
    re: TEN_DIGITS,
    pick: (m) => (nhsNumberIsValid(m[0]) ? span(m) : null),
  },
  {
    kind: "long-number",
    re: new RegExp(TEN_DIGITS.source, "g"),
    pick: (m, text) => (nhsNumberIsValid(m[0]) ? null : pickLongNumber(m, text)),
  },
  { kind: "long-number", re: /(?<![\d./])\d{8,}(?!\d)/g, pick: pickLongNumber },
  {
    // A keyword, then a code with at least three digits: "MRN 1234567", "hospital no. RX12-345".
    kind: "record-number",
    re: new RegExp(
      `\\b(?:${RECORD_WORDS})\\.?(?:\\s+(?:is|was|of))?\\s*[:#]?\\s*` +
        "([A-Za-z]{0,4}[-/]?\\d[A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*(?: \\d{3,}(?![A-Za-z]))*)(?![A-Za-z0-9])",
      "gi",
    ),
    pick: (m) => {
      const code = m[1];
      if (code.replace(/\D/g, "").length < 3 || isPlaceholder(code)) return null;
      const start = m.index + m[0].length - code.length;
      return { start, end: start + code.length };
    },
  },
  {
    // A code: two or three capital letters then five or more digits (RX123456).
    kind: "record-number",
    re: /(?<![A-Za-z0-9])[A-Z]{2,3}\d{5,}(?![A-Za-z0-9])/g,
    pick: (m) => (PUBLISHED_CODE.test(m[0]) ? null : span(m)),
  },
  { kind: "phone", re: new RegExp(`(?<![\\w+])(?:${PHONE})(?!\\d)`, "g") },
  {
    // Numeric dates: 12/03/2024, 12-03-24, 12.3.2024.
    kind: "date",
    re: /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)/g,
    pick: pickNumericDate,
  },
  {
    // ISO dates: 2024-03-12, 2024/3/12.
    kind: "date",
    re: /(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)/g,
    pick: (m, text) => {
      if (!(Number(m[3]) >= 1 && Number(m[3]) <= 12 && dayOk(m[4]))) return null;
      // 2025.9.1 is a version (certifi==2025.9.1) unless a word says it is a date.
      if (m[2] === "." && !DATE_CONTEXT_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) return null;
      return span(m);
    },
  },
  { kind: "date", re: DATE_DAY_MONTH, pick: pickDayMonth }, // 12 March 2024, 3rd of May
  { kind: "date", re: DATE_MONTH_DAY, pick: pickMonthDay }, // March 12th 2024, Jan 3, 2024
  {
    // born in 1956, born March 1956, DOB: 1956, year of birth 1956
    kind: "birth-year",
    re: new RegExp(
      `\\b(?:born\\s+(?:in\\s+)?(?:${MONTHS}\\.?,?\\s+)?|(?:d\\.?o\\.?b\\.?|date of birth|year of birth|yob)\\s*[:-]?\\s*)${YEAR}(?![\\d/.-]\\d)(?!\\d)`,
      "gi",
    ),
  },
  {
    // UK postcodes, with or without the space, in any case. (\b, not a look-behind: it is faster.)
    kind: "postcode",
    re: /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi,
    pick: pickPostcode,
  },
  ...AGE_RULES,
  {
    // The expression starts at the "@" (rare in text); the name before it is checked after.
    kind: "email",
    re: /@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])/g,
    pick: (m, text) => {
      const local = /(?<![\w.%+-])[\w.%+-]{1,64}$/.exec(text.slice(Math.max(0, m.index - 65), m.index));
      return local ? { start: m.index - local[0].length, end: m.index + m[0].length } : null;
    },
  },
  { kind: "title-name", re: TITLE_NAME_RE, pick: pickTitleName },
];

// Every rule's matches, as candidates {kind, start, end, certainty, why}.
/** @param {string} text */
function candidatesIn(text) {
  /** @type {Candidate[]} */
  const out = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    let m;
    while ((m = rule.re.exec(text)) !== null) {
      if (m[0] === "") {
        rule.re.lastIndex += 1;
        continue;
      }
      const found = rule.pick ? rule.pick(m, text) : span(m);
      if (found) out.push({ kind: rule.kind, certainty: "likely", ...found });
    }
  }
  return out;
}

// Where matches overlap, the stronger kind wins, then a likely finding over a possible one, then
// the longer, then the earlier. `chosen` stays sorted by start, so each check is a binary search.
/**
 * @param {Candidate} a
 * @param {Candidate} b
 */
function compareCandidates(a, b) {
  return PRIVACY_KINDS[a.kind].rank - PRIVACY_KINDS[b.kind].rank ||
    Number(a.certainty === "possible") - Number(b.certainty === "possible") ||
    (b.end - b.start) - (a.end - a.start) ||
    a.start - b.start;
}

/** @param {Candidate[]} candidates */
function resolveOverlaps(candidates) {
  /** @type {Candidate[]} */
  const chosen = [];
  for (const c of candidates.sort(compareCandidates)) {
    let lo = 0;
    let hi = chosen.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chosen[mid].start < c.start) lo = mid + 1;
      else hi = mid;
    }
    const before = chosen[lo - 1];
    const after = chosen[lo];
    if ((before && before.end > c.start) || (after && after.start < c.end)) continue;
    chosen.splice(lo, 0, c);
  }
  return chosen;
}

// -> [{kind, label, certainty, start, end, text, why}], in the order they appear.
/**
 * @param {unknown} text
 * @returns {Finding[]}
 */
export function findIdentifiers(text) {
  if (typeof text !== "string" || text === "") return [];
  return resolveOverlaps(candidatesIn(text)).map(({ kind, certainty, start, end, why }) => ({
    kind,
    label: certainty === "possible" ? `possible ${PRIVACY_KINDS[kind].label}` : PRIVACY_KINDS[kind].label,
    certainty,
    start,
    end,
    text: text.slice(start, end),
    why: why || PRIVACY_KINDS[kind].why,
  }));
}

// Counts by label, in the order of the first finding of each, and a phrase for messages:
// {total: 3, possible: 0, byKind: [{kind, label, count}], text: "2 NHS numbers and 1 postcode"}.
/** @param {{kind: string, label: string, certainty?: string}[] | null | undefined} findings */
export function summariseFindings(findings) {
  /** @type {{kind: string, label: string, count: number}[]} */
  const byKind = [];
  for (const finding of findings || []) {
    let entry = byKind.find((e) => e.kind === finding.kind && e.label === finding.label);
    if (!entry) {
      entry = { kind: finding.kind, label: finding.label, count: 0 };
      byKind.push(entry);
    }
    entry.count += 1;
  }
  const parts = byKind.map((e) => {
    const info = /** @type {Record<string, PrivacyKindInfo | undefined>} */ (PRIVACY_KINDS)[e.kind];
    const possible = info && e.label !== info.label;
    const plural = info ? `${possible ? "possible " : ""}${info.plural}` : `${e.label}s`;
    return `${e.count} ${e.count === 1 ? e.label : plural}`;
  });
  let text = "";
  if (parts.length === 1) text = parts[0];
  else if (parts.length > 1) text = `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  const total = byKind.reduce((sum, e) => sum + e.count, 0);
  const possible = (findings || []).filter((f) => f.certainty === "possible").length;
  return { total, possible, byKind, text };
}
