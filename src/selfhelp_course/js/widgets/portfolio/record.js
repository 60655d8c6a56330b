// @ts-check
// The CPD record, assembled from what the course pages saved and the learner's own fields (pure:
// no DOM, no storage). Progress comes from lib/progress.js, the one rule every page uses, so the
// record says "completed" exactly where the progress page does.
import { assessmentResult } from "../../lib/assessment.js";
import { PORTFOLIO_KEY, activityKey, idOfKey, kindLabel, kindOfKey, readKey } from "../../lib/facts.js";
import { isPlainObject } from "../../lib/merge.js";
import { ATTEMPTED, COMPLETED, courseProgress, findPage, manifestPages } from "../../lib/progress.js";
import { rowHours, sumHours } from "../../portfolio/hours.js";
import { confidenceOf } from "./confidence.js";
import { BODIES, COURSE, FORMS, METHOD, written } from "./forms.js";
import { prefill } from "./prefill.js";

/**
 * @typedef {import("../../lib/manifest.js").Manifest} Manifest
 * @typedef {import("../../lib/store.js").StoredEntry} StoredEntry
 * @typedef {import("../../lib/progress.js").PageProgress} PageProgress
 * @typedef {import("./prefill.js").Framework} Framework
 * @typedef {import("./prefill.js").Part} Part
 * @typedef {import("./state.js").Edits} Edits
 * @typedef {import("./state.js").LogRow} LogRow
 * A saved reflection with any text (savedReflections).
 * @typedef {ReturnType<typeof savedReflections>[number]} SavedReflection
 * One reflection's account (accountOf): where it comes from, and each form of FORMS by its name
 * (nmc, hcpc, swe...: the text by field id, nmc.themes a list), its draft and what was edited.
 * @typedef {{[form: string]: any, id: string, title: string, page: string | undefined, pageTitle: string | undefined,
 *   updated: string, complete: boolean, framework: string, frameworkName: string | undefined, original: Part[],
 *   prefill: Record<string, Record<string, any>>, edited: Record<string, Record<string, boolean>>}} Account
 * An activity as the log and the statement list it (activityOf).
 * @typedef {ReturnType<ReturnType<typeof activityOf>>} LoggedActivity
 * A row of the CPD log (logRow).
 * @typedef {ReturnType<typeof logRow>} CpdLogRow
 * The whole record (assemble).
 * @typedef {ReturnType<typeof assemble>} Portfolio
 */

// "3 March 2026", or "" for anything that is not a date (an ISO text or a time in ms).
/**
 * @param {unknown} value
 * @returns {string}
 */
export function longDate(value) {
  if ((typeof value !== "string" || !value) && typeof value !== "number") return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

/**
 * @param {string[]} isos
 * @returns {string}
 */
function latest(isos) {
  const times = isos.filter((iso) => typeof iso === "string" && !Number.isNaN(Date.parse(iso)));
  return times.sort((a, b) => Date.parse(a) - Date.parse(b)).pop() || "";
}

const hasWriting = (/** @type {unknown} */ texts) => isPlainObject(texts) && Object.values(texts).some((parts) => isPlainObject(parts) && Object.values(parts).some(written));

// Reflections with any text, in the course's order: [{id, title, page, pageTitle, entry}].
/**
 * @param {unknown} manifest
 * @param {Record<string, unknown>} entries
 */
export function savedReflections(manifest, entries) {
  const found = [];
  for (const page of manifestPages(manifest)) {
    for (const activity of Array.isArray(page.activities) ? page.activities : []) {
      if (!isPlainObject(activity) || activity.kind !== "reflection") continue;
      const entry = entries[activityKey("reflection", activity.id)];
      if (!isPlainObject(entry) || !hasWriting(entry.texts)) continue;
      found.push({ id: String(activity.id), title: activity.title || String(activity.id), page: page.docname, pageTitle: page.title || page.docname, entry });
    }
  }
  return found;
}

// One account: the draft from the reflection, with the learner's own edits over it.
/**
 * @param {SavedReflection} reflection
 * @param {Edits} edits
 * @param {Framework[]} frameworks
 * @returns {Account}
 */
function accountOf(reflection, edits, frameworks) {
  const draft = prefill(reflection.entry, frameworks);
  const edit = edits.accounts[reflection.id] || {};
  const framework = frameworks.find((f) => f.id === draft.framework);
  /** @type {Account} */
  const account = {
    id: reflection.id,
    title: reflection.title,
    page: reflection.page,
    pageTitle: reflection.pageTitle,
    updated: typeof reflection.entry.updated === "string" ? reflection.entry.updated : "",
    complete: reflection.entry.complete === true,
    framework: draft.framework,
    frameworkName: framework ? framework.name : draft.framework,
    original: draft.parts,
    prefill: Object.fromEntries(Object.keys(FORMS).map((form) => [form, draft[form]])),
    edited: Object.fromEntries(Object.keys(FORMS).map((form) => [form, /** @type {Record<string, boolean>} */ ({})])),
  };
  for (const [form, fields] of Object.entries(FORMS)) {
    const mine = isPlainObject(edit[form]) ? edit[form] : {};
    account[form] = {};
    for (const field of fields) {
      account.edited[form][field.id] = typeof mine[field.id] === "string";
      account[form][field.id] = account.edited[form][field.id] ? mine[field.id] : draft[form][field.id];
    }
  }
  const themes = isPlainObject(edit.nmc) && Array.isArray(edit.nmc.themes) ? edit.nmc.themes : null;
  account.edited.nmc.themes = themes !== null;
  account.nmc.themes = themes ? themes.slice() : draft.nmc.themes;
  return account;
}

const activityOf = (/** @type {PageProgress} */ page) => (/** @type {PageProgress["activities"][number]} */ a) => ({ kind: a.kind, id: a.id, title: a.title || a.id, updated: a.updated, page: page.docname, pageTitle: page.title });

// A CPD log row for a page with something completed (or marked as read). The page's time counts
// once all its activities are completed, as on the progress page, unless the learner entered
// their own hours. Participatory is yes or no for the whole row, so participatory hours are the
// row's hours or none: never more than the hours.
/**
 * @param {PageProgress} page
 * @param {LogRow} edit
 */
function logRow(page, edit) {
  const completed = page.activities.filter((a) => a.status === COMPLETED).map(activityOf(page));
  const attempted = page.activities.filter((a) => a.status === ATTEMPTED).map(activityOf(page));
  // The page's minutes as the course states them, never rounded (issue 21, defect 4).
  const estimate = page.complete ? page.minutes / 60 : 0;
  const own = rowHours(edit); // what the learner typed (portfolio/hours.js)
  const hours = own.own === null ? estimate : own.own;
  const participatory = edit.participatory === true;
  return {
    page: page.docname,
    title: page.title,
    date: latest([...completed.map((a) => a.updated), page.read ? page.readUpdated : ""]),
    method: METHOD,
    completed: completed.length,
    attempted: attempted.length,
    total: page.total,
    complete: page.complete,
    read: page.read,
    minutes: page.minutes,
    estimate,
    own: own.own,
    typed: own.typed,
    refused: own.refused,
    hoursProblem: own.problem,
    hours,
    participatory,
    participatoryHours: participatory ? hours : 0,
    link: typeof edit.link === "string" ? edit.link : "",
    activities: completed,
  };
}

/** @param {Edits} edits */
function detailsOf(edits) {
  const d = edits.details;
  const text = (/** @type {unknown} */ value) => (typeof value === "string" ? value : "");
  return {
    name: text(d.name),
    body: BODIES.some((b) => b.id === d.body) ? /** @type {string} */ (d.body) : "", // some() found it among the ids
    bodyOther: text(d.bodyOther),
    summary: text(d.summary),
  };
}

// input: {generated: ISO time, edits: state.js cleanEdits(...), frameworks, manifest,
//         entries: {key: stored value} (store.readAll().entries)}
/**
 * @param {{generated?: string, edits: Edits, frameworks?: Framework[] | null, manifest: Manifest,
 *   entries?: Record<string, StoredEntry> | null}} input
 */
export function assemble(input) {
  const edits = input.edits;
  const frameworks = (input.frameworks || []).filter((f) => isPlainObject(f) && typeof f.id === "string");
  const entries = input.entries || {};
  const progress = courseProgress(input.manifest, entries);
  const log = [];
  const attempted = [];
  for (const page of progress.pages) {
    attempted.push(...page.activities.filter((a) => a.status === ATTEMPTED).map(activityOf(page)));
    if (page.completed || page.read) log.push(logRow(page, edits.log[page.docname] || {}));
  }
  return {
    course: COURSE,
    generated: input.generated || "",
    details: detailsOf(edits),
    accounts: savedReflections(input.manifest, entries).map((r) => accountOf(r, edits, frameworks)),
    log,
    attempted,
    assessment: assessmentResult(input.manifest, entries),
    confidence: confidenceOf(input.manifest, entries), // the course evaluation's ratings, or null
    totals: {
      hours: sumHours(log.map((row) => row.hours)),
      participatory: sumHours(log.map((row) => row.participatoryHours)),
      activitiesCompleted: progress.activitiesCompleted,
      activitiesTotal: progress.activitiesTotal,
      pagesDone: progress.pagesDone,
      pagesTotal: progress.pagesTotal,
    },
  };
}

// What a stored key held, in words: "your portfolio changes", "Reflection “Why?”".
/**
 * @param {string} key
 * @param {unknown} manifest
 * @returns {string}
 */
export function describeKey(key, manifest) {
  if (key === PORTFOLIO_KEY) return "your portfolio changes";
  const readPrefix = readKey("");
  if (key.startsWith(readPrefix)) {
    const page = findPage(manifest, key.slice(readPrefix.length));
    return `the \u201cread\u201d mark of the page \u201c${page ? page.title : key.slice(readPrefix.length)}\u201d`;
  }
  const kind = kindOfKey(key);
  const id = idOfKey(key);
  for (const page of manifestPages(manifest)) {
    const activity = (page.activities || []).find((a) => isPlainObject(a) && a.kind === kind && a.id === id);
    if (activity) return `${kindLabel(kind)} \u201c${activity.title || id}\u201d on the page \u201c${page.title}\u201d`;
  }
  return `a saved entry (${key})`;
}

// Entries set aside because they could not be read (store.readAll().setAside), for the learner:
// {title, items: [text]} or null when there are none.
/**
 * @param {{from: string, when: number | null}[] | null | undefined} list
 * @param {unknown} manifest
 */
export function setAsideSummary(list, manifest) {
  if (!Array.isArray(list) || !list.length) return null;
  const one = list.length === 1;
  return {
    title: `${one ? "1 saved entry" : `${list.length} saved entries`} could not be read and ${one ? "was" : "were"} set aside:`,
    items: list.map((item) => `${describeKey(item.from, manifest)}${longDate(item.when) ? `, set aside on ${longDate(item.when)}` : ""}`),
    note: `${one ? "It is" : "They are"} kept unchanged in this browser and included in your backup (JSON), but not counted in this record.`,
  };
}
