// Provisional ES-module copy of static/privacy.js (to be replaced by the reworked guard).
// The privacy guard: spots details in a reflection that could identify someone.
// The one implementation of these rules. Plain function declarations with no import or export:
// _widgets.py concatenates this file before reflection.js, and the tests evaluate it in node.
//
// It is a prompt, not a guarantee: it cannot recognise every name or every combination of
// ordinary details that would identify a person. It never blocks saving.

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
    why: "Looks like a person's name (a title such as Mrs or Dr and a name). Use a role instead, such as \"a patient\" or \"a colleague\".",
  },
};

// Checks the NHS number's modulus 11 check digit. `digits` may include spaces or hyphens.
export function nhsNumberIsValid(digits) {
  const plain = String(digits).replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(plain)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(plain[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(plain[9]);
}

const PRIVACY_MONTHS =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|" +
  "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";
// Month names may be typed in any case, except "may" and "march", which are also ordinary words.
const PRIVACY_MONTH_RE = new RegExp(`^${PRIVACY_MONTHS}$`, "i");

function privacyMonthOk(word) {
  const bare = word.replace(/\.$/, "");
  if (!PRIVACY_MONTH_RE.test(bare)) return false;
  if (/^(may|mar|march)$/i.test(bare)) return /^[A-Z]/.test(bare);
  return true;
}

// "on 2 May." -> "2 May": a full stop after a month name ends the sentence, not the date.
function privacyDateSpan(m) {
  const end = m.index + m[0].length;
  return { start: m.index, end: m[0].endsWith(".") ? end - 1 : end };
}

function privacyDayOk(day) {
  const n = Number(day);
  return n >= 1 && n <= 31;
}

function privacyNumericDateOk(a, b) {
  // UK order is day/month; a month/day slip is still a date worth pointing out.
  const first = Number(a);
  const second = Number(b);
  return (privacyDayOk(first) && second >= 1 && second <= 12) ||
    (first >= 1 && first <= 12 && privacyDayOk(second));
}

// Words that introduce a hospital, record or reference number.
const PRIVACY_RECORD_WORDS = [
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

// Each rule: a kind, a global regular expression, and optionally `pick` which, given a match,
// returns the part to report as {start, end} (or null to reject the match).
const PRIVACY_RULES = [
  {
    // Ten digits, optionally grouped 3-3-4 with spaces or hyphens.
    kind: "nhs-number",
    re: /(?<![\d+])\d{3}([ -]?)\d{3}\1\d{4}(?![\d])/g,
    pick: (m) => (nhsNumberIsValid(m[0]) ? { start: m.index, end: m.index + m[0].length } : null),
  },
  {
    kind: "long-number",
    re: /(?<![\d+])\d{3}([ -]?)\d{3}\1\d{4}(?![\d])/g,
    pick: (m) => (nhsNumberIsValid(m[0]) ? null : { start: m.index, end: m.index + m[0].length }),
  },
  {
    // Any other unbroken run of eight or more digits.
    kind: "long-number",
    re: /(?<![\d])\d{8,}(?![\d])/g,
  },
  {
    // A keyword, then a code with at least three digits: "MRN 1234567", "hospital no. RX12-345".
    kind: "record-number",
    re: new RegExp(
      `\\b(?:${PRIVACY_RECORD_WORDS})\\.?(?:\\s+(?:is|was|of))?\\s*[:#]?\\s*` +
        "([A-Za-z]{0,4}[-/]?\\d[A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*(?: \\d{3,}(?![A-Za-z]))*)(?![A-Za-z0-9])",
      "gi",
    ),
    pick: (m) => {
      const code = m[1];
      if (code.replace(/\D/g, "").length < 3) return null;
      const start = m.index + m[0].length - code.length;
      return { start, end: start + code.length };
    },
  },
  {
    // A code: two or three capital letters then five or more digits (RX123456).
    kind: "record-number",
    re: /(?<![A-Za-z0-9])[A-Z]{2,3}\d{5,}(?![A-Za-z0-9])/g,
  },
  {
    // UK phone numbers: mobiles, 01/02/03/08 numbers, with +44, brackets and spaces.
    kind: "phone",
    re: new RegExp(
      "(?<![\\w+])(?:" +
        [
          // Mobiles: 07xxx xxxxxx, +44 7xxx xxxxxx.
          "(?:\\+44[ -]?(?:\\(0\\)[ -]?)?|0)7\\d{3}[ -]?\\d{3}[ -]?\\d{3}",
          // London and other 02x: 020 xxxx xxxx.
          "(?:\\(0?2\\d\\)|(?:\\+44[ -]?(?:\\(0\\)[ -]?)?|0)2\\d)[ -]?\\d{4}[ -]?\\d{4}",
          // Four-figure area codes: 0115 xxx xxxx, (0115) xxx xxxx, and 03xx, 08xx numbers.
          "(?:\\(0?1\\d{2}\\)|(?:\\+44[ -]?(?:\\(0\\)[ -]?)?|0)[138]\\d{2})[ -]?\\d{3}[ -]?\\d{4}",
          // Five-figure area codes: 01xxx xxxxxx or 01xxx xxxxx.
          "(?:\\(0?1\\d{3}\\)|(?:\\+44[ -]?(?:\\(0\\)[ -]?)?|0)1\\d{3})[ -]?\\d{3}[ -]?\\d{2,3}",
        ].join("|") +
        ")(?![\\d])",
      "g",
    ),
  },
  {
    // Numeric dates: 12/03/2024, 12-03-24, 12.3.2024.
    kind: "date",
    re: /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)/g,
    pick: (m) => (privacyNumericDateOk(m[1], m[3]) ? { start: m.index, end: m.index + m[0].length } : null),
  },
  {
    // ISO dates: 2024-03-12, 2024/3/12.
    kind: "date",
    re: /(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)/g,
    pick: (m) =>
      Number(m[3]) >= 1 && Number(m[3]) <= 12 && privacyDayOk(m[4])
        ? { start: m.index, end: m.index + m[0].length }
        : null,
  },
  {
    // 12 March 2024, 12th March, 3rd of May, 1 Feb. 2023
    kind: "date",
    re: new RegExp(
      `(?<![\\w])(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(${PRIVACY_MONTHS}\\.?)(?:,?\\s+(\\d{4}))?(?![\\w])`,
      "gi",
    ),
    pick: (m) =>
      privacyDayOk(m[1]) && privacyMonthOk(m[2]) ? privacyDateSpan(m) : null,
  },
  {
    // March 12th 2024, Jan 3, 2024, May 3rd
    kind: "date",
    re: new RegExp(
      `(?<![\\w])(${PRIVACY_MONTHS}\\.?)\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\w])`,
      "gi",
    ),
    pick: (m) =>
      privacyDayOk(m[2]) && privacyMonthOk(m[1]) ? { start: m.index, end: m.index + m[0].length } : null,
  },
  {
    // UK postcodes, with or without the space, in any case.
    kind: "postcode",
    re: /(?<![A-Za-z0-9])[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/gi,
    pick: (m) => {
      // The outward code is A9, A99, AA9, AA99, A9A or AA9A.
      const compact = m[0].replace(/\s/g, "").toUpperCase();
      const outward = compact.slice(0, -3);
      if (!/^(?:[A-Z]\d|[A-Z]\d\d|[A-Z]{2}\d|[A-Z]{2}\d\d|[A-Z]\d[A-Z]|[A-Z]{2}\d[A-Z])$/.test(outward)) return null;
      return { start: m.index, end: m.index + m[0].length };
    },
  },
  {
    // aged 47, age: 47
    kind: "age",
    re: /\baged?\s*:?\s+(?:of\s+)?\d{1,3}(?:\s+(?:years|yrs)(?:\s+old)?)?(?![\d])/gi,
  },
  {
    // 47-year-old, 47 years old, 47 yrs old, 47yo
    kind: "age",
    re: /(?<![\d.,])\d{1,3}(?:[\s-]*(?:years?|yrs?)[\s-]*old|\s?(?:yo|y\/o))\b/gi,
  },
  {
    kind: "email",
    re: /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])/g,
  },
  {
    // Mr Smith, Mrs. O'Neill, Dr J. Patel, Prof Smith-Jones: a title and a capitalised name.
    kind: "title-name",
    re: /(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?[ \t]+(?:\p{Lu}\.?[ \t]+)?\p{Lu}[\p{L}'’-]*\p{L}(?:[ \t]\p{Lu}[\p{L}'’-]*\p{L})?/gu,
  },
];

// Words a title is often followed by that are not names ("Dr The", "Mr Men").
const PRIVACY_NOT_NAMES = /^(?:The|A|An|And|Or|On|In|At|Of|To|For|Who|Was|Is|I|It|He|She|They|We|You)$/;

export function findIdentifiers(text) {
  if (typeof text !== "string" || text === "") return [];
  const candidates = [];
  for (const rule of PRIVACY_RULES) {
    rule.re.lastIndex = 0;
    let m;
    while ((m = rule.re.exec(text)) !== null) {
      if (m[0] === "") {
        rule.re.lastIndex += 1;
        continue;
      }
      const span = rule.pick ? rule.pick(m) : { start: m.index, end: m.index + m[0].length };
      if (!span) continue;
      let { start, end } = span;
      if (rule.kind === "title-name") {
        const words = text.slice(start, end).split(/[ \t]+/);
        if (words.length === 2 && PRIVACY_NOT_NAMES.test(words[1])) continue;
        // "Dr Patel The" -> "Dr Patel": a trailing common word is not part of the name.
        if (words.length > 2 && PRIVACY_NOT_NAMES.test(words[words.length - 1])) {
          end = start + text.slice(start, end).lastIndexOf(" ");
        }
      }
      candidates.push({ kind: rule.kind, start, end, rank: PRIVACY_KINDS[rule.kind].rank });
    }
  }
  // Stronger kinds win where matches overlap; then the longer, then the earlier match.
  candidates.sort((a, b) => a.rank - b.rank || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const chosen = [];
  for (const candidate of candidates) {
    if (chosen.some((c) => candidate.start < c.end && c.start < candidate.end)) continue;
    chosen.push(candidate);
  }
  chosen.sort((a, b) => a.start - b.start);
  return chosen.map(({ kind, start, end }) => ({
    kind,
    label: PRIVACY_KINDS[kind].label,
    start,
    end,
    text: text.slice(start, end),
    why: PRIVACY_KINDS[kind].why,
  }));
}

// Counts by kind, in the order of the first finding of each, and a phrase for messages:
// {total: 3, byKind: [{kind, label, count}], text: "2 NHS numbers and 1 postcode"}.
export function summariseFindings(findings) {
  const byKind = [];
  for (const finding of findings || []) {
    let entry = byKind.find((e) => e.kind === finding.kind);
    if (!entry) {
      entry = { kind: finding.kind, label: finding.label, count: 0 };
      byKind.push(entry);
    }
    entry.count += 1;
  }
  const parts = byKind.map((e) => {
    const info = PRIVACY_KINDS[e.kind];
    const name = e.count === 1 ? e.label : (info ? info.plural : `${e.label}s`);
    return `${e.count} ${name}`;
  });
  let text = "";
  if (parts.length === 1) text = parts[0];
  else if (parts.length > 1) text = `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  const total = byKind.reduce((sum, e) => sum + e.count, 0);
  return { total, byKind, text };
}
