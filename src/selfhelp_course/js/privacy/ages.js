// @ts-check
// Exact ages: "aged 47", "a 47-year-old", "she is 87", "a man of 87", "Mrs Patel, 87,". Pure.
//
// A bare number after "is" is an age only when a person is the subject and nothing after it
// makes it a count or a measure: "she is 87." is an age, "she is 12 weeks pregnant" is not.

import { TITLE_BEFORE_RE } from "./names.js";

/** @typedef {import("./guard.js").PrivacyRule} PrivacyRule */

const PERSON_NOUNS =
  "mum|mom|dad|mother|father|son|daughter|wife|husband|partner|brother|sister|grandson|" +
  "granddaughter|grandmother|grandfather|nan|gran|grandma|grandad|baby|child|patient|client|" +
  "resident|man|woman|lady|gentleman|boy|girl|friend|neighbour|neighbor|carer|widow|widower|chap";
const PERSON_NOUN_RE = new RegExp(`^(?:${PERSON_NOUNS})$`, "i");

// What may follow an age: the end of the text or a phrase, or a word that carries on the sentence.
// "in" and "on" only before a time: "she turned 101 in May", not "she is 5 in the queue".
const AFTER_AGE = new RegExp(
  "^(?:\\s*$|\\s*[\\n.,;:!?)]|\\s+[-–—]\\s|\\s+(?:and|but|now|today|this|next|last|so|yet|with|when|though|" +
    "although|because|or|already|soon|tomorrow|who|that)\\b|\\s+(?:in|on)\\s+(?:(?:19|20)\\d\\d|January|February|" +
    "March|April|May|June|July|August|September|October|November|December|\\w+day)\\b)",
  "i",
);
// Words in the verb phrase, one of which must say what someone *is*: "has turned", "is now",
// not only what they have ("she has 2").
const BE_WORD = /(?:^|\s|['’])(?:is|was|am|s|m|be|been|turned|turns|turning|become|becomes|became)(?=\s|$)/i;

// Ages written in words: "eighty-seven", "a hundred and one". After "is", only 13 and over:
// "she is one" is more often "one of them" than an age.
const UNITS = "one|two|three|four|five|six|seven|eight|nine";
const TENS = `(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:${UNITS}))?`;
const TEENS = "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const HUNDRED = `(?:a|one) hundred(?: and (?:${TENS}|${TEENS}|ten|eleven|twelve|${UNITS}))?`;
const BIG_AGE_WORDS = `(?:${HUNDRED}|${TENS}|${TEENS})`;
const AGE_WORDS = `(?:${BIG_AGE_WORDS}|ten|eleven|twelve|${UNITS})`;

/** @param {string} n */
const ageOk = (n) => !/^\d+$/.test(n) || (Number(n) >= 1 && Number(n) <= 120);
/**
 * @param {string} text
 * @param {number} end
 */
const followsOk = (text, end) => AFTER_AGE.test(text.slice(end, end + 16));

// "Mrs Patel" or "Amy" right before `index`, after a title: the word is a name.
/**
 * @param {string} text
 * @param {number} wordStart
 */
function titledNameEndsAt(text, wordStart) {
  return TITLE_BEFORE_RE.test(text.slice(Math.max(0, wordStart - 40), wordStart));
}

const VERB_PHRASE =
  "(?:['’](?:s|m)|\\s+(?:is|was|am))?(?:\\s+(?:will|would|has|had|have|just|now|only|recently|nearly|almost|soon|barely|already|be|been|turned|turns|turning|become|becomes|became)){0,3}";

// The words before an age: she is, he's, I was, Mum turned, Mrs Patel is, who is now.
const SUBJECT_BEFORE = new RegExp(
  `(?<![\\p{L}])(he|she|i|who|${PERSON_NOUNS}|\\p{L}[\\p{Ll}'’-]+)(${VERB_PHRASE})\\s+$`,
  "iu",
);

// she is 87, he's 87, I was 12 when..., Mum turned 90, Mrs Patel is 87. The expression finds the
// number (rare in text) and the words before it are checked after, which keeps the guard fast.
/** @type {PrivacyRule} */
const SUBJECT_IS_AGE = {
  kind: "age",
  re: new RegExp(`\\d{1,3}(?![\\d.,]\\d|\\d)|\\b${BIG_AGE_WORDS}(?![A-Za-z-])`, "gi"),
  pick: (m, text) => {
    const end = m.index + m[0].length;
    if (!/\s/.test(text[m.index - 1] || "") || !ageOk(m[0]) || !followsOk(text, end)) return null;
    const from = Math.max(0, m.index - 60);
    const before = SUBJECT_BEFORE.exec(text.slice(from, m.index));
    if (!before || !BE_WORD.test(before[2])) return null;
    const start = from + before.index;
    const subject = before[1];
    if (/^(?:he|she|i|who)$/i.test(subject) || PERSON_NOUN_RE.test(subject)) return { start, end };
    // A capitalised word is a subject only when a title comes before it ("Mrs Patel is 87");
    // the name is its own finding, so the age starts at the verb.
    if (!/^\p{Lu}/u.test(subject) || !titledNameEndsAt(text, start)) return null;
    return { start: start + subject.length + before[2].search(/\S/), end };
  },
};

// 47-year-old, 47 years old, 87 years of age, 47 yrs old, eighty-seven years old. The
// expression finds "years old" and the number before it is checked after (faster than the other
// way round).
const NUMBER_BEFORE = new RegExp(`(?<![\\p{L}\\d.,-])(?:\\d{1,3}|${AGE_WORDS})[\\s-]*$`, "iu");
/** @type {PrivacyRule} */
const YEARS_OLD = {
  kind: "age",
  re: /(?:years?|yrs?)[\s-]*(?:old|of\s+age)\b/gi,
  pick: (m, text) => {
    const from = Math.max(0, m.index - 40);
    const number = NUMBER_BEFORE.exec(text.slice(from, m.index));
    return number ? { start: from + number.index, end: m.index + m[0].length } : null;
  },
};

// a man of 87, a woman of 45 who...
/** @type {PrivacyRule} */
const NOUN_OF_AGE = {
  kind: "age",
  re: new RegExp(
    `\\b(?:man|woman|lady|gentleman|girl|boy|child|widow|widower|chap|person) of (\\d{1,3}(?![\\d.,]\\d|\\d)|${BIG_AGE_WORDS}\\b(?!-))`,
    "gi",
  ),
  pick: (m, text) => {
    const end = m.index + m[0].length;
    return ageOk(m[1]) && followsOk(text, end) ? { start: m.index, end } : null;
  },
};

// Mrs Patel, 87, lives alone; Mum (87); Mr Smith (87): the number is the age. As above, the
// expression finds the number and the word before it is checked after.
/** @type {PrivacyRule} */
const NAME_COMMA_AGE = {
  kind: "age",
  re: /(?:,\s*(\d{1,3})(?=\s*[,.;)])|\s\(\s*(\d{1,3})\s*\))/g,
  pick: (m, text) => {
    const number = m[1] || m[2];
    if (!ageOk(number)) return null;
    const word = /(?<![\p{L}])\p{L}[\p{L}'’-]*$/u.exec(text.slice(Math.max(0, m.index - 40), m.index));
    if (!word) return null;
    const wordStart = m.index - word[0].length;
    if (!PERSON_NOUN_RE.test(word[0]) && !(/^\p{Lu}/u.test(word[0]) && titledNameEndsAt(text, wordStart))) return null;
    const start = m.index + m[0].lastIndexOf(number);
    return { start, end: start + number.length };
  },
};

// "At 94, she is our oldest member": an age opening a sentence about a person.
/** @type {PrivacyRule} */
const AT_AGE_COMMA = {
  kind: "age",
  re: new RegExp(`\\b[Aa]t (?:\\d{1,3}|${BIG_AGE_WORDS}),\\s+(?:she|he|I|my|mum|dad|her|his)\\b`, "g"),
  pick: (m) => ({ start: m.index, end: m.index + m[0].indexOf(",") }),
};

/** @type {PrivacyRule[]} */
export const AGE_RULES = [
  {
    // aged 47, age: 47, at the age of 63, aged eighty-seven; not a range ("aged 18-25", "aged 65 and over").
    kind: "age",
    re: new RegExp(
      `\\baged?\\s*:?\\s+(?:of\\s+)?(?:\\d{1,3}(?!\\d)|${AGE_WORDS}\\b(?!-))(?:\\s+(?:years|yrs)(?:\\s+old)?)?` +
        `(?!\\s*(?:[-–+]|to\\s+(?:\\d|${AGE_WORDS})|and\\s+(?:over|above|older|under)|or\\s+(?:over|above|older|more)|plus\\b))`,
      "gi",
    ),
  },
  YEARS_OLD,
  // 47yo, 23 y/o
  { kind: "age", re: /(?<![\d.,])\d{1,3}\s?(?:yo|y\/o)\b/gi },
  // her 87th birthday
  { kind: "age", re: /(?<![\d.,])\d{1,3}(?:st|nd|rd|th)\s+birthday\b/gi },
  SUBJECT_IS_AGE,
  NOUN_OF_AGE,
  NAME_COMMA_AGE,
  AT_AGE_COMMA,
];
