// @ts-check
// A compact form of the course state for SCORM 1.2, whose cmi.suspend_data holds only 4,096
// characters. Pure apart from the browser's CompressionStream (through suspend.js).
//
// Each entry is named by a three-character code of its key (keyCode), which the reader finds
// again in its own course manifest, rather than by its position: a course updated between two
// visits (an activity added, pages reordered) still finds every activity it still has. An entry
// is written by its kind's codec (a few fields: a bit mask of the options chosen, flags, a time)
// only when the codec gives back exactly the same entry; anything else (text, conflicts, a shape
// the codec does not know) goes whole, as JSON. Times are minutes after the earliest time in the
// state, in base 36 (to the minute: enough to tell which of two copies is newer; an entry that
// goes whole keeps its exact times). An entry
// whose fields are all plain (digits, letters, "-") is written as one string, "ref.field.field".
// The store's own lineage fields (rev, parent) stay on the device.
//
// Shape (before deflate and base64): {c: 1, s: share (0/1), b: base time, e: [[ref, ...fields]],
// g: [[ref, entry]], d: [ref of a finished activity not included], t: [[ref, answer sent]]};
// an e item's ref ends in "*" when the answer sent for it is the one its entry holds.
// ref: the key's code, or "=" + the key for keys the manifest does not list.

import { ASSESSMENT_ID, ENTRY_VERSIONS, LEARNER_KEY, activityKey, idOfKey, kindOfKey, readKey } from "../../lib/facts.js";
import { hasOwn } from "../../lib/own.js";

/**
 * @typedef {import("../../lib/manifest.js").Manifest} Manifest
 * @typedef {import("../../lib/shapes.generated.js").ManifestActivity} ManifestActivity
 * @typedef {import("../../lib/shapes.generated.js").AssessmentQuestion} AssessmentQuestion
 * @typedef {import("../../lib/shapes.generated.js").ScenarioMove} ScenarioMove
 * @typedef {import("./suspend.js").Payload} Payload
 * @typedef {ReturnType<typeof courseKeys>} KeyIndex
 * @typedef {(value: unknown) => string} TimeEncoder an ISO time -> base-36 minutes after the base ("" if none)
 * @typedef {(text: unknown) => string | undefined} TimeDecoder and back
 * @typedef {Record<string, any>} Loose an entry as stored or as decoded, read and built field by field
 * @typedef {string | unknown[]} Item an entry's ref and fields, "ref.field.field" or an array (itemOf)
 * @typedef {object} Codec one kind's fields (CODECS)
 * @property {(e: Loose, t: TimeEncoder, bank: AssessmentQuestion[], options?: string[]) => unknown[]} encode
 * @property {(fields: any[], page: string | null | undefined, t: TimeDecoder, bank: AssessmentQuestion[],
 *   options?: string[]) => Loose} decode
 */

export const ASSESSMENT_KEY = activityKey("assessment", ASSESSMENT_ID);

// FNV-1a, 32 bits, in three base-36 characters (46,656 codes; two keys of one course that share
// a code are written in full instead).
/** @param {unknown} key */
export function keyCode(key) {
  let hash = 0x811c9dc5;
  for (const char of String(key)) {
    hash ^= /** @type {number} */ (char.codePointAt(0)); // a character of a string has one
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 46656).toString(36).padStart(3, "0");
}

// The keys the manifest knows, by code, and the page each belongs to. Codes that two keys share
// are left out: those keys are written in full.
/** @param {Manifest | null | undefined} manifest */
export function courseKeys(manifest) {
  /** @type {Map<string, string>} */
  const byCode = new Map();
  /** @type {Map<string, string | null>} */
  const pageOf = new Map();
  /** @type {Set<string>} */
  const clash = new Set();
  /** @type {Map<string, string[]>} */
  const options = new Map(); // a knowledge check's key -> its option ids in bank order
  /** @type {AssessmentQuestion[]} */
  let bank = [];
  /**
   * @param {string} key
   * @param {string | null} page
   */
  const add = (key, page) => {
    pageOf.set(key, page);
    const code = keyCode(key);
    if (byCode.has(code) && byCode.get(code) !== key) clash.add(code);
    byCode.set(code, key);
  };
  add(LEARNER_KEY, null);
  add(ASSESSMENT_KEY, null);
  for (const page of (manifest && manifest.pages) || []) {
    add(readKey(page.docname), page.docname);
    for (const activity of page.activities || []) {
      add(activityKey(activity.kind, activity.id), page.docname);
      if (activity.kind === "assessment") bank = assessmentBank(activity);
      if (activity.kind === "check" && Array.isArray(activity.options)) {
        options.set(activityKey("check", activity.id), activity.options.filter((id) => typeof id === "string"));
      }
    }
  }
  for (const code of clash) byCode.delete(code);
  return { byCode, pageOf, bank, options };
}

// The assessment's questions with their option ids in bank order: the course manifest lists them
// as {question id: [option ids]} (_manifest.py); a list of {id, options} is read too.
/**
 * @param {ManifestActivity & {questions?: unknown}} activity
 * @returns {AssessmentQuestion[]}
 */
function assessmentBank(activity) {
  if (Array.isArray(activity.questions)) {
    return activity.questions.filter((q) => q && typeof q.id === "string" && Array.isArray(q.options));
  }
  const options = activity.options && typeof activity.options === "object" && !Array.isArray(activity.options)
    ? activity.options : {};
  return Object.entries(options).filter(([, ids]) => Array.isArray(ids)).map(([id, ids]) => ({ id, options: ids }));
}

/**
 * @param {string} key
 * @param {KeyIndex} index
 */
function refOf(key, index) {
  const code = keyCode(key);
  return index.byCode.get(code) === key ? code : `=${key}`;
}

/**
 * @param {unknown} ref
 * @param {KeyIndex} index
 */
function keyOf(ref, index) {
  if (typeof ref !== "string") return null;
  if (ref.startsWith("=")) return ref.slice(1);
  return index.byCode.get(ref) || null;
}

// ---------------------------------------------------------------- times
/**
 * @param {unknown} value
 * @returns {value is string}
 */
const isTime = (value) => typeof value === "string" && Number.isFinite(Date.parse(value));

/** @param {string} value */
const minutes = (value) => Math.floor(Date.parse(value) / 60000);

/**
 * @param {number} base
 * @returns {TimeEncoder}
 */
function timeEncoder(base) {
  return (value) => (isTime(value) ? (minutes(value) - base).toString(36) : "");
}

/**
 * @param {number} base
 * @returns {TimeDecoder}
 */
function timeDecoder(base) {
  return (text) => (typeof text === "string" && text !== "" ? new Date((base + Number.parseInt(text, 36)) * 60000).toISOString() : undefined);
}

// ---------------------------------------------------------------- codecs by kind
/**
 * @param {unknown} flag
 * @param {number} n
 */
const bit = (flag, n) => (flag === true ? 1 << n : 0);
/**
 * @param {number} flags
 * @param {number} n
 */
const flagOf = (flags, n) => (flags & (1 << n)) !== 0;
/** @param {number[]} indices */
const maskOf = (indices) => indices.reduce((mask, i) => mask + 2 ** i, 0).toString(36);
/** @param {string} text */
const indicesOf = (text) => {
  const mask = Number.parseInt(text, 36);
  /** @type {number[]} */
  const out = [];
  for (let i = 0; i < 53 && 2 ** i <= mask; i += 1) if (Math.floor(mask / 2 ** i) % 2 === 1) out.push(i);
  return out;
};

/**
 * @param {Loose} entry
 * @param {string | undefined} updated
 */
function withTime(entry, updated) {
  if (updated !== undefined) entry.updated = updated;
  return entry;
}

/** @type {Record<string, Codec>} */
const CODECS = {
  // A knowledge check: [mask, flags, tries, time]. The mask has a bit per option chosen: by index
  // in v2 entries, by the option's place in the bank (the manifest's option ids) in v3 entries,
  // which flag bit 3 marks.
  check: {
    encode: (e, t, _bank, options = []) => {
      const ids = e.v === ENTRY_VERSIONS.check;
      const indices = ids ? e.selected.map((/** @type {string} */ id) => options.indexOf(id)) : e.selected;
      if (ids && indices.some((/** @type {number} */ i) => i < 0)) throw new Error("an option the manifest does not list");
      return [maskOf(indices), bit(e.checked, 0) | bit(e.complete, 1) | bit(e.attempted, 2) | bit(ids, 3), e.tries, t(e.updated)];
    },
    decode: ([mask, flags, tries, time], page, t, _bank, options = []) => {
      const ids = flagOf(Number(flags), 3);
      const indices = indicesOf(String(mask));
      return withTime({ v: ids ? ENTRY_VERSIONS.check : 2, page, selected: ids ? indices.map((i) => options[i]) : indices,
        checked: flagOf(Number(flags), 0), tries: Number(tries), complete: flagOf(Number(flags), 1),
        attempted: flagOf(Number(flags), 2) }, t(String(time)));
    },
  },
  // "I have read this page": [flags, time].
  read: {
    encode: (e, t) => [bit(e.complete, 0) | bit(e.attempted, 1), t(e.updated)],
    decode: ([flags, time], page, t) => withTime({ v: ENTRY_VERSIONS.read, page, complete: flagOf(Number(flags), 0), attempted: flagOf(Number(flags), 1) }, t(String(time))),
  },
  // A branching scenario: [its step ids as met, space-separated; the path as step number and
  // choice, "3.1 4.0"; the endings reached, by step number; phase; flags; time].
  scenario: {
    encode: (e, t) => {
      /** @type {string[]} */
      const steps = [];
      /** @param {string} id */
      const number = (id) => {
        if (!steps.includes(id)) steps.push(id);
        return steps.indexOf(id).toString(36);
      };
      const path = e.path.map((/** @type {ScenarioMove} */ p) => `${number(p.step)}.${p.choice}`).join(" ");
      const endings = Object.keys(e.endings).map((id) => (e.endings[id] === true ? number(id) : "!")).join(" ");
      return [steps.join(" "), path, endings, e.phase, bit(e.complete, 0) | bit(e.attempted, 1), t(e.updated)];
    },
    decode: ([steps, path, endings, phase, flags, time], page, t) => {
      const ids = steps ? steps.split(" ") : [];
      /** @type {Loose} */
      const entry = { v: ENTRY_VERSIONS.scenario, page, path: path ? path.split(" ").map((/** @type {string} */ p) => {
        const [n, choice] = p.split(".");
        return { step: ids[Number.parseInt(n, 36)], choice: Number(choice) };
      }) : [], phase, endings: {} };
      for (const n of endings ? endings.split(" ") : []) entry.endings[ids[Number.parseInt(n, 36)]] = true;
      entry.complete = flagOf(Number(flags), 0);
      entry.attempted = flagOf(Number(flags), 1);
      return withTime(entry, t(String(time)));
    },
  },
  // The learner entry (contracts.md): [seed, nation, profession, time]; no page.
  learner: {
    encode: (e, t) => [e.seed, e.nation === undefined ? "" : e.nation, e.profession === undefined ? "" : e.profession, t(e.updated)],
    decode: ([seed, nation, profession, time], _page, t) => {
      /** @type {Loose} */
      const entry = { v: ENTRY_VERSIONS.learner, seed };
      if (nation !== "") entry.nation = nation;
      if (profession !== "") entry.profession = profession;
      return withTime(entry, t(time));
    },
  },
  // The summative assessment (contracts.md). Questions are numbered: first those the course
  // manifest lists for the assessment (its bank: [{id, options: [option ids]}], when it has one),
  // then any others, listed once with their options as first met. An attempt gives each question
  // as "number:order:chosen": the order it showed the options in (base-36 digits into the
  // question's options) and the options chosen (digits into that shown order), space-separated.
  assessment: {
    encode: (e, t, bank) => {
      /** @type {[string, string[]][]} */
      const known = bank.map((q) => [q.id, q.options]);
      /** @type {[string, string[]][]} */
      const extra = [];
      /** @param {AssessmentQuestion} q */
      const number = (q) => {
        const k = known.findIndex(([id]) => id === q.id);
        if (k >= 0) return k;
        let x = extra.findIndex(([id]) => id === q.id);
        if (x < 0) {
          extra.push([q.id, q.options.slice()]);
          x = extra.length - 1;
        }
        return known.length + x;
      };
      /** @param {number} n */
      const optionsOf = (n) => (n < known.length ? known[n][1] : extra[n - known.length][1]);
      /**
       * @param {string[]} list
       * @param {string[]} within
       */
      const digits = (list, within) => list.map((o) => within.indexOf(o).toString(36)).join("");
      const attempts = Object.entries(e.attempts).map(([id, a]) => {
        const shown = a.questions.map((/** @type {AssessmentQuestion} */ q) => {
          const n = number(q);
          const chosen = hasOwn(a.answers, q.id) ? digits(a.answers[q.id], q.options) : "-";
          return `${n.toString(36)}:${digits(q.options, optionsOf(n))}:${chosen}`;
        }).join(" ");
        return [id, t(a.started), t(a.submitted), a.right === undefined ? -1 : a.right, a.total === undefined ? -1 : a.total, shown];
      });
      const best = e.best ? [e.best.attempt, e.best.right, e.best.total, e.best.scaled, t(e.best.submitted)] : 0;
      return [e.page, bit(e.complete, 0) | bit(e.attempted, 1), extra, attempts, best, t(e.updated)];
    },
    decode: ([page, flags, extra, attempts, best, time], _page, t, bank) => {
      const all = [...bank.map((q) => [q.id, q.options]), ...extra];
      /** @type {Loose} */
      const entry = { v: ENTRY_VERSIONS.assessment, page, attempts: {} };
      for (const [id, started, submitted, right, total, shown] of attempts) {
        /** @type {Loose} */
        const attempt = { started: t(started) };
        if (submitted) attempt.submitted = t(submitted);
        attempt.questions = [];
        attempt.answers = {};
        for (const part of shown ? shown.split(" ") : []) {
          const [n, order, chosen] = part.split(":");
          const [qid, options] = all[Number.parseInt(n, 36)];
          const showed = [...order].map((d) => options[Number.parseInt(d, 36)]);
          attempt.questions.push({ id: qid, options: showed });
          if (chosen !== "-") attempt.answers[qid] = [...chosen].map((d) => showed[Number.parseInt(d, 36)]);
        }
        if (right !== -1) attempt.right = right;
        if (total !== -1) attempt.total = total;
        entry.attempts[id] = attempt;
      }
      entry.complete = flagOf(flags, 0);
      entry.attempted = flagOf(flags, 1);
      if (best) entry.best = { attempt: best[0], right: best[1], total: best[2], scaled: best[3], submitted: t(best[4]) };
      return withTime(entry, t(time));
    },
  },
};

/**
 * @param {string} key
 * @returns {Codec | null}
 */
function codecFor(key) {
  if (key === LEARNER_KEY) return CODECS.learner;
  if (key.startsWith(readKey(""))) return CODECS.read;
  return CODECS[kindOfKey(key)] || null;
}

// ---------------------------------------------------------------- checking that nothing is lost
/** @param {Loose} entry */
function strip(entry) {
  const { rev, parent, ...rest } = entry;
  return rest;
}

// Times compare by the instant they name; object keys in any order.
/**
 * @param {unknown} value
 * @returns {unknown}
 */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(/** @type {Record<string, unknown>} */ (value)[k])]));
  }
  if (isTime(value) && /^\d{4}-\d\d-\d\dT/.test(value)) return `@${minutes(value)}`;
  return value;
}

/**
 * @param {unknown} a
 * @param {unknown} b
 */
const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

// ---------------------------------------------------------------- the state
/** @param {unknown} entries */
function earliest(entries) {
  /** @type {number[]} */
  const times = [];
  /** @param {unknown} value */
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
    else if (isTime(value) && /^\d{4}-\d\d-\d\dT/.test(value)) times.push(minutes(value));
  };
  walk(entries);
  return times.length ? Math.min(...times) : 0;
}

// payload: suspend.js's {v, share, entries, done, sent}; -> the compact object.
/**
 * @param {Payload} payload
 * @param {Manifest | null | undefined} manifest
 */
export function compactState(payload, manifest) {
  const index = courseKeys(manifest);
  const base = earliest(payload.entries);
  const t = timeEncoder(base);
  const back = timeDecoder(base);
  /** @type {Item[]} */
  const e = [];
  /** @type {[string, Loose][]} */
  const g = [];
  for (const [key, value] of Object.entries(payload.entries)) {
    const entry = strip(value);
    const codec = codecFor(key);
    /** @type {Item | null} */
    let item = null;
    if (codec) {
      try {
        // Checked as the reader will read it: written, serialised, read back.
        const options = index.options.get(key);
        item = itemOf([refOf(key, index), ...codec.encode(entry, t, index.bank, options)]);
        const [, ...fields] = fieldsOf(JSON.parse(JSON.stringify(item)));
        const page = index.pageOf.has(key) ? index.pageOf.get(key) : undefined;
        if (!same(codec.decode(fields, page, back, index.bank, options), entry)) item = null;
      } catch {
        item = null;
      }
    }
    if (item) e.push(item);
    else g.push([refOf(key, index), entry]);
  }
  // An answer already sent is most often exactly the answer the check's entry holds (connect.js
  // writes "<letters>=right|wrong"): then the check's ref gets a "*" and the answer stays out.
  /** @type {[string, string][]} */
  const sent = [];
  for (const [id, answer] of Object.entries(payload.sent || {})) {
    const key = activityKey("check", id);
    const ref = refOf(key, index);
    const at = e.findIndex((item) => fieldsOf(item)[0] === ref);
    if (at >= 0 && answer === heldAnswer(payload.entries[key], index.options.get(key))) {
      const [, ...fields] = fieldsOf(e[at]);
      e[at] = itemOf([`${ref}*`, ...fields]);
    } else {
      sent.push([ref, answer]);
    }
  }
  return { c: 1, s: payload.share ? 1 : 0, b: base.toString(36), e, g, d: (payload.done || []).map((key) => refOf(key, index)), t: sent };
}

// The answer a check's entry holds, as connect.js records it in `sent` for SCORM 1.2 (letters by
// the option's place in the bank, comma-separated, then =right or =wrong); null if the entry is
// not one. v3 entries hold option ids, placed by the manifest's `options`.
/**
 * @param {Loose | undefined} entry
 * @param {string[]} [options]
 */
function heldAnswer(entry, options = []) {
  if (!entry || !Array.isArray(entry.selected) || entry.checked !== true || !entry.selected.length) return null;
  const places = entry.v === 3 ? entry.selected.map((id) => options.indexOf(id)) : entry.selected;
  if (!places.every((i) => Number.isInteger(i) && i >= 0 && i < 26)) return null;
  const letters = [...places].sort((x, y) => x - y).map((i) => "abcdefghijklmnopqrstuvwxyz"[i]).join(",");
  return `${letters}=${entry.complete === true ? "right" : "wrong"}`;
}

// An entry's ref and fields as one string "ref.field.field" when every field is plain (digits,
// letters, "-", "*"), else as an array; and back.
/** @param {unknown} value */
const plain = (value) => (typeof value === "string" && /^[0-9a-z*=:/_-]*$/.test(value) && !value.includes("."))
  || (Number.isInteger(value) && /** @type {number} */ (value) >= 0);

/**
 * @param {unknown[]} fields
 * @returns {Item}
 */
function itemOf(fields) {
  return fields.every(plain) ? fields.join(".") : fields;
}

/**
 * @param {Item} item
 * @returns {unknown[]}
 */
function fieldsOf(item) {
  return typeof item === "string" ? item.split(".") : item;
}

// The compact object back to suspend.js's payload; refs this course no longer has are dropped.
/**
 * @param {any} data the compact object, as parsed from JSON
 * @param {Manifest | null | undefined} manifest
 * @returns {Payload}
 */
export function expandState(data, manifest) {
  if (!data || data.c !== 1) throw new Error("not a compact course state");
  const index = courseKeys(manifest);
  const back = timeDecoder(Number.parseInt(data.b, 36) || 0);
  /** @type {Record<string, Loose>} */
  const entries = {};
  /** @type {string[]} */
  const asHeld = [];
  for (const item of data.e || []) {
    const [marked, ...fields] = fieldsOf(item);
    const ref = String(marked).replace(/\*$/, "");
    const key = keyOf(ref, index);
    const codec = key && codecFor(key);
    if (!codec) continue;
    entries[key] = codec.decode(fields, index.pageOf.get(key), back, index.bank, index.options.get(key));
    if (String(marked).endsWith("*")) asHeld.push(key);
  }
  for (const [ref, entry] of data.g || []) {
    const key = keyOf(ref, index);
    if (key && entry && typeof entry === "object") entries[key] = entry;
  }
  const done = (data.d || []).map((/** @type {unknown} */ ref) => keyOf(ref, index)).filter(Boolean);
  /** @type {Record<string, string>} */
  const sent = {};
  for (const [ref, answer] of data.t || []) {
    const key = keyOf(ref, index);
    if (key && kindOfKey(key) === "check" && typeof answer === "string") sent[idOfKey(key)] = answer;
  }
  for (const key of asHeld) {
    const answer = kindOfKey(key) === "check" ? heldAnswer(entries[key], index.options.get(key)) : null;
    if (answer) sent[idOfKey(key)] = answer;
  }
  return { v: 1, share: data.s === 1, entries, done, sent };
}
