// @ts-check
// Names with a title ("Mrs Patel", "dr patel", "Sister Jones"): the privacy guard's one rule
// that has to read words, not digits. Pure: no DOM, no storage.
//
// A title is only a hint, so each match is checked: the words after it must look like a name in
// the same case as the title, must not be an ordinary word ("Mr Men", "the dr said"), a place
// ("Sister Dora Ward") or a citation ("Professor Borkman (1976)").

/**
 * @typedef {import("./guard.js").Span} Span
 * @typedef {{style: string, word?: boolean, possible?: boolean}} TitleKind how a title was typed
 *   (caseOf) and whether it is a word title, or only possibly a title
 * @typedef {{word: string, start: number, end: number, unsure?: boolean}} NameToken a word after
 *   the title, with its offsets in the text after the title
 */

// Abbreviations that are titles in any case ("mrs patel", "DR PATEL"). "miss", "rev" and "fr"
// are also ordinary words in lower case, so they count only when capitalised.
const TITLES_ANY_CASE = ["mrs", "mr", "mx", "dr", "cllr", "revd"];
// "ms" in lower case is as often multiple sclerosis: a match is only a possible name.
const TITLES_LOWER_POSSIBLE = ["ms"];
const TITLES_CAPITALISED = ["Ms", "Miss", "Prof", "Professor", "Rev", "Fr"];
// Words that are titles on a ward, in a community or in a family, and ordinary words otherwise.
const WORD_TITLES = [
  "Charge Nurse", "Staff Nurse", "Sister", "Nurse", "Matron", "Midwife", "Doctor", "Father",
  "Reverend", "Councillor", "Pastor", "Rabbi", "Imam", "Sir", "Dame",
  // Family names for people: "Auntie Pat", "Grandma Rose".
  "Auntie", "Aunty", "Aunt", "Uncle", "Nana", "Nanna", "Nan", "Grandma", "Grandad", "Granny", "Grandpa",
];

const ALL_TITLES = [...WORD_TITLES, ...TITLES_CAPITALISED, ...TITLES_ANY_CASE, ...TITLES_LOWER_POSSIBLE]
  .sort((a, b) => b.length - a.length);

// Each title as it may be typed: "Mrs", "mrs", "MRS", "Charge nurse". Listing the forms keeps the
// expression case-sensitive, which is several times faster than the "i" flag with Unicode.
/** @param {string} t */
const capitalise = (t) => t[0].toUpperCase() + t.slice(1).toLowerCase();
const TITLE_FORMS = [...new Set(ALL_TITLES.flatMap((t) => [t, t.toLowerCase(), t.toUpperCase(), capitalise(t)]))]
  .sort((a, b) => b.length - a.length)
  .map((t) => t.replace(" ", "[ \\t]+"))
  .join("|");

// Text that ends with a title and perhaps an initial or first name: "Mrs ", "Dr J. ", "Sister
// Amy " (the word after it is then a surname). Used by the age rules: "Mrs Patel, 87,".
export const TITLE_BEFORE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ALL_TITLES.map((t) => t.replace(" ", "[ \\t]+")).join("|")})\\.?` +
    "(?:[ \\t]+\\p{Lu}[\\p{L}'’-]*\\.?)?[ \\t]+$",
  "iu",
);

// A title, then up to three words (an initial, a first name, a surname) in a look-ahead, so the
// next title is still seen ("Miss Jones and Mx Rowe"). It starts at an ASCII word boundary
// (fast); pickTitleName checks case, and that no Unicode letter or digit is just before ("éMrs").
export const TITLE_NAME_RE = new RegExp(
  `\\b(${TITLE_FORMS})(\\.?)(?=((?:[ \\t]+\\p{L}[\\p{L}\\p{M}'’-]*\\.?){1,3}))`,
  "gu",
);

/** @param {string} text */
const words = (text) => new Set(text.split(/\s+/).filter(Boolean));

// Words that follow a title without being a name, whatever the case: "Dr The", "Mr Men".
const NOT_NAMES = words(`
  the a an and or but on in at of to for with by from as who what when where which was were is
  are be been has had have would could should did does do i it he she
  they we you me him her them us his its our your their my this that these those there here
  et al men women said says told asked came went gave saw also then today yesterday tomorrow please
  thanks mum mom dad nan gran grandma granny grandad grandpa
`);

// Ordinary words a lower-case title is often followed by: "the dr said", "an mr scan".
const COMMON_AFTER_LOWER = words(`
  will can may might must not just only still now never always again too very really so if than then because about
  after before over into out up down off all any some no one two three every each both other
  see sees seen say tell ask come comes go goes get gets got give gives take takes took make
  makes made know knows knew think thinks thought feel feels felt want wants wanted need needs
  seem seems look looks call calls rang phoned wrote write writes agreed explained suggested
  appointment appt surgery practice clinic letter note notes referral visit visits receptionist
  office scan scans mri image images imaging results report reports review
  symptoms symptom diagnosis diagnosed relapse relapses fatigue flare nurse nurses society team
  specialist patients patient
`);

// Words that, after a word title, make a job or a place rather than a name: "Nurse Practitioner".
const ROLE_WORDS = words(`
  practitioner practitioners specialist specialists consultant consultants manager managers lead
  leads associate associates prescriber prescribers educator educators adviser advisers advisor
  advisors bank station team teams training led in-charge assistant assistants apprentice
  apprentices education staffing rota rotas meeting meetings call calls handover
`);

// A place named after a person: "Sister Dora Ward", "Dr Gray's Hospital".
const PLACE_WORDS = words(`
  ward wards unit wing hospital hospice centre center clinic surgery practice road rd street st
  lane avenue ave close drive building suite room bay theatre school college
`);

// Titles of things, not people.
const NOT_PEOPLE = words(`
  mr-men mr-bean mr-kipling mr-muscle mr-sheen mr-blobby mr-benn mr-motivator dr-who doctor-who
  dr-martens dr-pepper father-christmas sister-act
`);

// "Professor Borkman (1976)", "Dr Patel et al.", "Smith's (2019) study": a citation, not a person
// the learner met.
const CITATION_AFTER = /^(?:['’]s)?\s*(?:\(\s*(?:\d{4}[a-z]?|n\.\s?d\.)\s*[),;:]|,\s*\d{4}[a-z]?\s*[);]|,?\s+et\.?\s+al\b|\s+and\s+colleagues\s*\(\d{4})/;

/** @param {string} word */
function caseOf(word) {
  const letters = word.replace(/[^\p{L}]/gu, "");
  if (letters === letters.toLowerCase()) return "lower";
  if (letters === letters.toUpperCase()) return letters.length > 1 ? "upper" : "capital";
  return /^\p{Lu}/u.test(letters) ? "capital" : "mixed";
}

/**
 * @param {string} title
 * @returns {TitleKind | null}
 */
function titleKind(title) {
  const spaced = title.replace(/\s+/g, " ");
  const lower = spaced.toLowerCase();
  const style = caseOf(spaced);
  if (WORD_TITLES.some((t) => t.toLowerCase() === lower)) {
    if (style === "lower") return { style, word: true, possible: true };
    return style === "mixed" ? null : { style, word: true };
  }
  if (style === "lower") {
    if (TITLES_ANY_CASE.includes(lower)) return { style };
    return TITLES_LOWER_POSSIBLE.includes(lower) ? { style, possible: true } : null;
  }
  return style === "capital" || style === "upper" ? { style } : null;
}

// Does this word fit as a name after a title in this case style? FITS, UNSURE or NO.
const NO = 0;
const FITS = 1;
const UNSURE = 2;

/**
 * @param {string} word
 * @param {TitleKind} title
 */
function nameWordFits(word, title) {
  const bare = word.replace(/['’]s$/, "").replace(/\.$/, "");
  const lower = bare.toLowerCase();
  if (bare.length < 2 || NOT_NAMES.has(lower)) return NO;
  if (title.word && ROLE_WORDS.has(lower)) return NO;
  const style = caseOf(bare);
  if (title.style === "upper") return style === "upper" ? FITS : NO;
  if (style === "capital" || (style === "upper" && title.style === "capital")) return FITS;
  if (style !== "lower" || title.word || !isUncommonLowerWord(lower)) return NO;
  // "mrs patel" is a name typed in lower case; "Dr patel" mixes cases, so it only might be.
  return title.style === "lower" ? FITS : UNSURE;
}

// A lower-case word that could be a surname typed without its capital ("patel"), not an
// everyday word ("said", "scan", "arrived", "quickly").
/** @param {string} lower */
function isUncommonLowerWord(lower) {
  if (lower.length < 2 || NOT_NAMES.has(lower) || COMMON_AFTER_LOWER.has(lower)) return false;
  return !(lower.length >= 5 && /(?:ed|ing|ly)$/.test(lower));
}

/** @param {NameToken} token */
const isInitial = (token) => /^\p{L}\.?$/u.test(token.word);

// The words after the title that make up the name, as [{word, start, end, unsure}] (offsets in
// `rest`): an optional job word ("Nurse Practitioner Smith"), an optional initial, then one or
// two words. null when there is no name, or the words name a place ("Sister Dora Ward").
/**
 * @param {string} rest
 * @param {TitleKind} title
 * @returns {NameToken[] | null}
 */
function nameWords(rest, title) {
  /** @type {NameToken[]} */
  const tokens = [...rest.matchAll(/\S+/g)].map((t) => ({ word: t[0], start: t.index, end: t.index + t[0].length }));
  const role = title.word && tokens.length > 1 && caseOf(tokens[0].word) !== "lower" &&
    ROLE_WORDS.has(tokens[0].word.toLowerCase()) ? [/** @type {NameToken} */ (tokens.shift())] : [];
  /** @type {NameToken[]} */
  const taken = [];
  if (tokens.length > 1 && isInitial(tokens[0]) && caseOf(tokens[0].word) !== "lower") taken.push(/** @type {NameToken} */ (tokens.shift()));
  for (const token of tokens.slice(0, 2)) {
    const named = taken.length > 0 && !isInitial(taken[taken.length - 1]);
    // A capitalised place word makes a place name ("Dr Gray's Hospital"); "Dr Ahmed's clinic" is a person.
    if (named && caseOf(token.word) !== "lower" && PLACE_WORDS.has(token.word.replace(/\.$/, "").toLowerCase())) return null;
    if (named && /['’]s$|\.$/.test(taken[taken.length - 1].word)) break; // "Mrs Patel's Son", "Dr Ng. Then"
    const fit = nameWordFits(token.word, title);
    if (fit === NO || (fit === UNSURE && named)) break; // "Dr Patel et al.": not "Dr Patel et"
    taken.push({ ...token, unsure: fit === UNSURE });
  }
  if (!taken.length || isInitial(taken[taken.length - 1])) return null;
  return [...role, ...taken];
}

const USE_A_ROLE = "If it is someone's name, use a role instead, such as \"a patient\" or \"a colleague\".";
/** @param {string} title */
const AMBIGUOUS_TITLE_WHY = (title) =>
  `This might be a name: "${title}" is sometimes a title and sometimes an everyday word, and the guard cannot tell which here. ${USE_A_ROLE}`;
/** @param {string} title */
const LOWER_CASE_NAME_WHY = (title) =>
  `This might be a name: "${title}" is a title, but the word after it is in lower case, so it may be an ordinary word. ${USE_A_ROLE}`;

// Given a TITLE_NAME_RE match in `text`: {start, end, certainty?, why?} or null. The match holds
// only the title; the words after it are in a look-ahead group, so the next title is still seen.
/**
 * @param {RegExpExecArray} m
 * @param {string} text
 * @returns {Span | null}
 */
export function pickTitleName(m, text) {
  if (/[\p{L}\p{N}]$/u.test(text.slice(Math.max(0, m.index - 2), m.index))) return null;
  const title = titleKind(m[1]);
  if (!title) return null;
  const taken = nameWords(m[3], title);
  if (!taken) return null;
  const titleWord = m[1].replace(/\s+/g, " ").toLowerCase();
  if (NOT_PEOPLE.has(`${titleWord}-${taken[0].word.toLowerCase()}`)) return null;
  if (titleWord === "miss" && /little\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) return null;
  // The reported span ends at the last name word, without a possessive 's or a full stop.
  const last = taken[taken.length - 1];
  const end = m.index + m[0].length + last.start + last.word.replace(/['’]s$/, "").replace(/\.$/, "").length;
  if (CITATION_AFTER.test(text.slice(end, end + 40))) return null;
  if (title.possible) return { start: m.index, end, certainty: "possible", why: AMBIGUOUS_TITLE_WHY(m[1]) };
  if (taken.some((t) => t.unsure)) return { start: m.index, end, certainty: "possible", why: LOWER_CASE_NAME_WHY(m[1]) };
  return { start: m.index, end };
}
