// @ts-check
// From a saved reflection to a draft NMC reflective account, HCPC profile entry and the other
// regulators' records (pure).
//
// Each part of a reflective framework names the portfolio fields it fills (`feeds` in
// data/activities/reflection-frameworks.yml, e.g. Gibbs' "Analysis" feeds nmc.learned and
// hcpc.learned). A part without feeds fills nothing (its text stays in "your reflection as
// written"); several parts feeding one field are joined in part order.
import { isPlainObject } from "../../lib/merge.js";
import { CODE_THEMES, FEED_TARGETS, FORMS, written } from "./forms.js";

/**
 * A reflective framework as the widget is given it (data/activities/reflection-frameworks.yml,
 * through the Python widget): its parts in order, each with the portfolio fields it feeds.
 * @typedef {{id: string, heading?: string, feeds?: string[]}} FrameworkPart
 * @typedef {{id: string, name?: string, parts?: FrameworkPart[]}} Framework
 * A part as the accounts show it (partsOf): the learner's text under its heading.
 * @typedef {{id: string, heading: string, text: string, feeds: string[]}} Part
 * The draft accounts for a reflection (prefill): each form of FORMS by its name (nmc, hcpc...:
 * the text by field id; nmc.themes a list), and the framework and parts they come from.
 * @typedef {{[form: string]: any, framework: string, parts: Part[]}} Draft
 */

// The framework whose text the accounts are drawn from: the one the learner last used if they
// wrote anything under it, otherwise the first (in the course's order) with any text.
/**
 * @param {unknown} entry a reflection's stored entry
 * @param {Framework[] | null | undefined} frameworks
 * @returns {string}
 */
export function sourceFramework(entry, frameworks) {
  /** @type {Record<string, any>} */
  const texts = isPlainObject(entry) && isPlainObject(entry.texts) ? entry.texts : {};
  const hasText = (/** @type {string} */ id) => isPlainObject(texts[id]) && Object.values(texts[id]).some(written);
  const current = isPlainObject(entry) && typeof entry.framework === "string" ? entry.framework : "";
  if (current && hasText(current)) return current;
  const known = (frameworks || []).find((f) => hasText(f.id));
  return known ? known.id : Object.keys(texts).find(hasText) || current;
}

// The framework's parts in order, as [{id, heading, text, feeds}]: the parts the course knows
// first, then any other part the learner wrote in (from an older version of the course, say).
/**
 * @param {unknown} entry a reflection's stored entry
 * @param {string} frameworkId
 * @param {Framework[] | null | undefined} frameworks
 * @returns {Part[]}
 */
export function partsOf(entry, frameworkId, frameworks) {
  /** @type {Record<string, any>} */
  const texts = isPlainObject(entry) && isPlainObject(entry.texts) && isPlainObject(entry.texts[frameworkId]) ? entry.texts[frameworkId] : {};
  const framework = (frameworks || []).find((f) => f.id === frameworkId);
  const known = framework && Array.isArray(framework.parts) ? framework.parts : [];
  const parts = known.map((p) => ({
    id: p.id,
    heading: p.heading || p.id,
    text: typeof texts[p.id] === "string" ? texts[p.id] : "",
    feeds: Array.isArray(p.feeds) ? p.feeds.filter((t) => FEED_TARGETS.includes(t)) : [],
  }));
  for (const [id, text] of Object.entries(texts)) {
    if (!known.some((p) => p.id === id) && typeof text === "string") parts.push({ id, heading: id, text, feeds: [] });
  }
  return parts;
}

// {nmc: {nature, learned, changed, code}, hcpc: {activity, learned, improved, benefits}, swe:
// {...}, ...} from the parts' feeds: every form in FORMS, a field no part feeds left empty.
/**
 * @param {Part[]} parts
 * @returns {Record<string, Record<string, string>>}
 */
export function prefillFromFeeds(parts) {
  const filled = Object.fromEntries(FEED_TARGETS.map((target) => [target, /** @type {string[]} */ ([])]));
  for (const part of parts) {
    if (!written(part.text)) continue;
    for (const target of new Set(part.feeds || [])) if (filled[target]) filled[target].push(part.text.trim());
  }
  /** @type {Record<string, Record<string, string>>} */
  const forms = {};
  for (const [form, fields] of Object.entries(FORMS)) {
    forms[form] = Object.fromEntries(fields.map((f) => [f.id, (filled[`${form}.${f.id}`] || []).join("\n\n")]));
  }
  return forms;
}

// The themes of the Code the text names in words ("preserve safety").
/**
 * @param {Part[]} parts
 * @returns {string[]}
 */
export function themesIn(parts) {
  const everything = parts.map((p) => p.text).join("\n");
  return CODE_THEMES.filter((t) => t.words.test(everything)).map((t) => t.id);
}

// The draft accounts for a saved reflection (before any edit): {framework, parts, nmc, hcpc,
// swe, ...}, one entry per form in FORMS.
/**
 * @param {unknown} entry a reflection's stored entry
 * @param {Framework[] | null | undefined} frameworks
 * @returns {Draft}
 */
export function prefill(entry, frameworks) {
  const framework = sourceFramework(entry, frameworks);
  const parts = partsOf(entry, framework, frameworks);
  const forms = prefillFromFeeds(parts);
  return { framework, parts, ...forms, nmc: { ...forms.nmc, themes: themesIn(parts) } };
}
