// @ts-check
// Hours in the CPD record, as a person types them. Pure: no DOM, no storage.
//
// A number is never changed silently. What a person clearly means is accepted ("2,5", "1h30",
// "90 min", "1:30", "1.5 hours"); anything else is refused with a message to show next to the
// field, and the widget keeps what was typed until it is fixed. Nothing is rounded: the record
// holds a whole number of minutes (hours = minutes / 60) and a value that is not a whole number
// of minutes is refused, so what is recorded is always exactly what was meant. Where the text
// was read in a way worth confirming ("2,5", "1h30"), the result carries a `note` for the field.

export const MAX_HOURS_PER_ROW = 24;
const MAX_MINUTES = MAX_HOURS_PER_ROW * 60;

const HOUR_UNIT = "(?:h|hr|hrs|hour|hours)\\.?";
const MINUTE_UNIT = "(?:m|min|mins|minute|minutes)\\.?";
const NUMBER = "(\\d+(?:[.,]\\d+)?|[.,]\\d+)";
const FRACTIONS = { "½": ".5", "¼": ".25", "¾": ".75" };

const FORMS = {
  plain: new RegExp(`^${NUMBER}\\.?$`),
  clock: /^(\d{1,2}):(\d{2})$/,
  hours: new RegExp(`^${NUMBER}\\s*${HOUR_UNIT}$`),
  minutes: new RegExp(`^${NUMBER}\\s*${MINUTE_UNIT}$`),
  hoursAndMinutes: new RegExp(`^(\\d+)\\s*${HOUR_UNIT}\\s*(?:and\\s*)?(\\d+)\\s*(?:${MINUTE_UNIT})?$`),
};

/**
 * Why typed hours cannot be used, in words for the learner.
 * @typedef {{ok: false, reason: string, message: string}} Refusal
 */
/**
 * Typed hours read as minutes; `exact` when no rounding was needed (only a decimal number of hours,
 * `number` as typed, can need it).
 * @typedef {{ok?: undefined, minutes: number, exact: boolean, number: string, form: "plain" | "hours"}
 *   | {ok?: undefined, minutes: number, exact: true, number?: undefined, form: "minutes" | "clock"}} Reading
 */
/**
 * Hours the record can use (parseHours), with a note when they were read as something other
 * than the number as typed.
 * @typedef {{ok: true, hours: number, minutes: number, note?: string}} Hours
 */
/** @type {(reason: string, message: string) => Refusal} */
const refuse = (reason, message) => ({ ok: false, reason, message });

// "1 hour 30 minutes", "45 minutes", "2 hours".
/**
 * @param {number} minutes
 * @returns {string}
 */
export function describeMinutes(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (/** @type {number} */ n, /** @type {string} */ one) => `${n} ${one}${n === 1 ? "" : "s"}`;
  if (h && m) return `${part(h, "hour")} ${part(m, "minute")}`;
  return h ? part(h, "hour") : part(m, "minute");
}

/** @type {(minutes: number) => string} */
const clock = (minutes) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;

// The text for a field or an export, which parseHours reads back as exactly the same value: a
// decimal with one place or a quarter ("1.5", "0.1", "1.25"), otherwise hours and minutes
// ("0:20", and "0:09" rather than "0.15", which could be read as 15 minutes).
/**
 * @param {number} hours
 * @returns {string}
 */
export function formatHours(hours) {
  const minutes = Math.round(Number(hours) * 60);
  if (!Number.isFinite(minutes) || minutes < 0) return "";
  if (minutes % 6 === 0 || minutes % 60 === 15 || minutes % 60 === 45) return String(minutes / 60);
  return clock(minutes);
}

// Exact sum of hours (each a whole number of minutes), with no floating-point drift.
/**
 * @param {any[] | null | undefined} list
 * @returns {number}
 */
export function sumHours(list) {
  return (list || []).reduce((total, h) => total + Math.round(Number(h) * 60), 0) / 60;
}

// A decimal written with "." or "," -> {minutes, exact}. Only decimals with at most two places
// can be a whole number of minutes (m / 60 never needs more), so the check stays in integers.
/**
 * @param {string} number
 */
function decimalMinutes(number) {
  const [whole, fraction = ""] = number.replace(",", ".").split(".");
  const hundredths = fraction.replace(/0+$/, "");
  const minutes = Number(`${whole || "0"}.${fraction || "0"}`) * 60;
  if (hundredths.length > 2 || (Number(hundredths.padEnd(2, "0")) * 60) % 100 !== 0) return { minutes, exact: false };
  return { minutes: Number(whole || "0") * 60 + (Number(hundredths.padEnd(2, "0")) * 60) / 100, exact: true };
}

// A "1.30" in an hours field may mean 1.3 hours or 1 hour 30 minutes: two decimal places that
// read as minutes (01 to 59), other than the everyday quarters .25 and .50.
/**
 * @param {string} number
 */
function clockReading(number) {
  const match = /^(\d+)[.,](\d\d)$/.exec(number);
  if (!match || Number(match[2]) < 1 || Number(match[2]) >= 60 || ["25", "50"].includes(match[2])) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

// Turns the typed text into {minutes, exact, number, form}, a refusal, or null if no form fits.
/**
 * @param {string} text
 * @returns {Reading | Refusal | null}
 */
function readMinutes(text) {
  let m;
  if ((m = FORMS.plain.exec(text))) return { ...decimalMinutes(m[1]), number: m[1], form: "plain" };
  if ((m = FORMS.hours.exec(text))) return { ...decimalMinutes(m[1]), number: m[1], form: "hours" };
  if ((m = FORMS.minutes.exec(text))) {
    if (!/^\d+$/.test(m[1])) {
      const near = Math.max(1, Math.round(Number(m[1].replace(",", "."))));
      return refuse("not-whole-minutes", `Enter a whole number of minutes, such as ${near} min.`);
    }
    return { minutes: Number(m[1]), exact: true, form: "minutes" };
  }
  const parts = FORMS.clock.exec(text) || FORMS.hoursAndMinutes.exec(text);
  if (!parts) return null;
  if (Number(parts[2]) >= 60) {
    return refuse("minutes-over-59", `The minutes (${parts[2]}) should be under 60: for example 1:30 or 1h30 is 1 hour 30 minutes.`);
  }
  return { minutes: Number(parts[1]) * 60 + Number(parts[2]), exact: true, form: "clock" };
}

const EXAMPLES = "such as 1.5, 1:30, 1h30 or 90 min";

// What went wrong with text no form could read.
/**
 * @param {string} text
 */
function unreadable(text) {
  if (typeof text !== "string" || text === "") return refuse("not-a-number", `Enter the time as a number of hours or as hours and minutes, ${EXAMPLES}.`);
  if (/^[-−–]\s*\d/.test(text)) return refuse("negative", "Hours cannot be negative. Enter the time you spent, such as 1.5.");
  if (/^\d*[.,]?\d+\s*e\s*[-+]?\d+$/.test(text)) {
    return refuse("scientific", `Write the hours as an ordinary number, ${EXAMPLES} (not "${text}").`);
  }
  if (/^\d+(?:[.,]\d+)?\s*(?:-|–|to)\s*\d/.test(text)) {
    return refuse("range", "Enter one amount of time, not a range: for example 1.5 for an hour and a half.");
  }
  return refuse("not-a-number", `Enter the time as a number of hours or as hours and minutes, ${EXAMPLES}.`);
}

// Hints for a number that is too big, when a likely meaning is close: "90" -> 90 minutes,
// "130" -> 1:30.
/**
 * @param {string} text
 */
function tooManyHint(text) {
  if (!/^\d+$/.test(text)) return "";
  const n = Number(text);
  const hints = [];
  if (n <= 600) hints.push(`If you meant ${n} minutes, type ${n} min.`);
  if (n >= 100 && n % 100 < 60 && Math.floor(n / 100) <= MAX_HOURS_PER_ROW) {
    hints.push(`If you meant ${describeMinutes(Math.floor(n / 100) * 60 + (n % 100))}, type ${Math.floor(n / 100)}:${String(n % 100).padStart(2, "0")}.`);
  }
  return hints.length ? ` ${hints.join(" ")}` : "";
}

// "2 hours", "1.5 hours (1 hour 30 minutes)", "20 minutes": what a note says was recorded.
/**
 * @param {number} minutes
 */
function recordedAs(minutes) {
  const hours = formatHours(minutes / 60);
  if (minutes % 60 === 0) return `${hours} ${minutes === 60 ? "hour" : "hours"}`;
  return hours.includes(":") ? describeMinutes(minutes) : `${hours} hours (${describeMinutes(minutes)})`;
}

// Checks on a reading that every form shares: at most 24 hours, whole minutes, not "1.30".
/**
 * @param {string} text
 * @param {Reading} reading
 */
function refuseReading(text, { minutes, exact, number, form }) {
  if (minutes > MAX_MINUTES) {
    return refuse("too-many", `That is more than ${MAX_HOURS_PER_ROW} hours for one row: enter the time for this activity only.${tooManyHint(text)}`);
  }
  if (!exact) {
    const near = Math.max(1, Math.round(minutes));
    const is = minutes < 0.01 ? "less than a minute" : `${+minutes.toFixed(2)} minutes, not a whole number of minutes`;
    return refuse("not-whole-minutes", `${number.replace(",", ".")} hours is ${is}. Enter hours and minutes instead, such as ${clock(near)} (${describeMinutes(near)}).`);
  }
  const asClock = form === "plain" || form === "hours" ? clockReading(number) : null;
  if (asClock !== null) {
    // A clock reading comes only from a decimal number of hours: `number` is its text.
    return refuse("ambiguous", `Did you mean ${/** @type {string} */ (number).replace(",", ".")} hours (${describeMinutes(minutes)}) or ${describeMinutes(asClock)}? Type ${clock(minutes)} or ${clock(asClock)}.`);
  }
  return null;
}

// -> {ok: true, hours, minutes, note?} or {ok: false, reason, message}. `note` says how the text
// was read whenever that is not simply the number as typed ("2,5", "1h30", "0.25").
/**
 * @param {unknown} input
 */
export function parseHours(input) {
  const typed = typeof input === "number" && Number.isFinite(input) ? String(input) : input;
  if (typeof typed !== "string") return unreadable("");
  let text = typed.trim().replace(/\s+/g, " ").toLowerCase();
  if (text === "") return refuse("empty", `Enter the time you spent, ${EXAMPLES}.`);
  text = text.replace(/(\d*)\s*([½¼¾])/, (_, whole, f) => `${whole || "0"}${FRACTIONS[/** @type {keyof typeof FRACTIONS} */ (f)]}`);
  if (/^[1-9]\d{0,2},\d{3}$/.test(text)) {
    return refuse("ambiguous", `Is "${typed.trim()}" a number with a thousands comma? For part of an hour, write it such as 1.5 or 1,5.`);
  }
  const read = readMinutes(text);
  if (read === null) return unreadable(text);
  if (read.ok === false) return read;
  const refusal = refuseReading(text, read);
  if (refusal) return refusal;
  /** @type {Hours} */
  const result = { ok: true, hours: read.minutes / 60, minutes: read.minutes };
  const asTyped = read.form === "plain" && formatHours(result.hours) === text;
  if (!asTyped || read.minutes % 60 !== 0) result.note = `Recorded as ${recordedAs(read.minutes)}.`;
  return result;
}

// Hours read back from storage or a backup: a number of hours from 0 to 24 that is a whole
// number of minutes (as parseHours makes them; older versions stored quarter hours), or null
// for anything else, which the widget should report rather than repair.
/**
 * @param {unknown} value
 * @returns {number | null}
 */
export function storedHours(value) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_HOURS_PER_ROW) return null;
  const minutes = Math.round(value * 60);
  return Math.abs(value * 60 - minutes) < 1e-6 ? minutes / 60 : null;
}

// Participatory hours (those done with other people) can never exceed the hours of the row.
// Both in hours, as parseHours returns them. -> {ok: true} or {ok: false, reason, message}.
/**
 * @param {unknown} hours
 * @param {unknown} participatoryHours
 */
export function checkParticipatory(hours, participatoryHours) {
  const total = Math.round(Number(hours) * 60);
  const together = Math.round(Number(participatoryHours) * 60);
  if (!Number.isFinite(total) || !Number.isFinite(together) || together < 0) {
    return refuse("not-a-number", "Enter the participatory hours as a number, such as 1.5.");
  }
  if (together > total) {
    return refuse(
      "over-hours",
      `Participatory hours (${formatHours(together / 60)}) cannot be more than the hours for this activity (${formatHours(total / 60)}). Lower them, or raise the hours if you spent longer.`,
    );
  }
  return { ok: true };
}

// What a CPD-log row's stored fields mean (issue 21, defects 5 and 6). edit: {hours?, refused?}
//   hours:   what the learner last typed that the record could use, as typed ("1h30"; "" when
//            emptied: the course's estimate counts), or a number of hours (saved by older
//            versions, and still read);
//   refused: what the learner typed since that the record cannot use yet, kept as typed until
//            they change it.
// Both are text, so two tabs that typed different hours keep both versions for the learner to
// choose, as with any text. -> {own: hours | null, typed: text | null, problem, refused: {text,
// message} | null}; problem: a saved value that is not a time (reported, never repaired).
/**
 * @param {import("../lib/shapes.generated.js").PortfolioLogRow | null | undefined} edit a CPD-log row of the portfolio entry
 */
export function rowHours(edit) {
  /** @type {{own: number | null, typed: string | null, problem: string, refused: {text: string, message: string} | null}} */
  const row = { own: null, typed: null, problem: "", refused: null };
  const saved = edit ? edit.hours : undefined;
  if (typeof saved === "string") {
    row.typed = saved;
    const read = saved.trim() === "" ? null : parseHours(saved);
    if (read && read.ok) row.own = read.hours;
    else if (read) row.problem = `The hours saved for this row (${JSON.stringify(saved)}) are not a time the record can use, so the course's estimate is shown. Enter the time you spent to replace them.`;
  } else if (saved !== undefined) {
    row.own = storedHours(saved);
    if (row.own === null) row.problem = `The hours saved for this row (${JSON.stringify(saved)}) are not a time the record can use, so the course's estimate is shown. Enter the time you spent to replace them.`;
  }
  const typed = edit ? edit.refused : undefined;
  if (typeof typed === "string" && typed.trim() !== "") {
    const read = parseHours(typed);
    if (!read.ok) row.refused = { text: typed, message: read.message };
  }
  return row;
}

// The message beside a refused value: what is wrong, and what the record counts meanwhile
// (countedText: the time as cpdTime shows it; own: whether it is the learner's earlier time).
/**
 * @param {{message: string}} refused
 * @param {string} countedText
 * @param {boolean} own
 * @returns {string}
 */
export function refusedMessage(refused, countedText, own) {
  const counted = own ? "your last valid time" : "the course's estimate";
  return `Not yet valid: ${refused.message} Until you change it, the record counts ${counted}, ${countedText}.`;
}
