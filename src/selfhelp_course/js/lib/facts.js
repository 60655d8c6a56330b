// @ts-check
// Course facts from Python (src/selfhelp_course/_facts.py), through the generated module.
import facts from "./facts.generated.js";

// The course's title: _config.yml's `title`, the one place it is written.
export const COURSE_TITLE = facts.courseTitle;
// The four nations in the order pages list them, [{id, name}]: data/nations.yml's.
export const NATIONS = Object.freeze(facts.nations.map(({ id, name }) => Object.freeze({ id, name })));
// Where a route holds in all four nations (999, Samaritans): data/nations.yml's `everywhere`.
export const EVERYWHERE = facts.everywhere;
export const STORAGE_PREFIX = facts.storagePrefix;
export const PORTFOLIO_KEY = facts.portfolioKey;
export const META_KEY = facts.metaKey;
// Keys after the prefix that start with this are not the open website's (store.js: learner spaces).
export const SPACE_MARK = facts.spaceMark;
// The learner's course-wide settings (shuffle seed, nation, profession): progress, not writing.
export const LEARNER_KEY = facts.learnerKey;
export const EXPLORER_ID = facts.explorerId;
// The one course evaluation: stored as evaluation:<EVALUATION_ID>.
export const EVALUATION_ID = facts.evaluationId;
// The one end-of-course assessment: stored as assessment:<ASSESSMENT_ID>.
export const ASSESSMENT_ID = facts.assessmentId;
// Between an activity key's kind and its id.
export const KEY_SEPARATOR = facts.keySeparator;
export const READ_KEY_PREFIX = facts.readKeyPrefix;
// The docnames of the progress page (linked under every page) and the portfolio page.
export const PROGRESS_PAGE = facts.progressPage;
export const PORTFOLIO_PAGE = facts.portfolioPage;
// The portfolio fields a reflective framework's part can fill ("nmc.code", "hcpc.benefits"...).
export const PORTFOLIO_FIELDS = Object.freeze([...facts.portfolioFields]);
// The `v` each kind of stored entry is written with: every activity kind's, "read", "learner"
// and "portfolio" (_facts.py states each once; the SCORM 1.2 decoder reads the same).
export const ENTRY_VERSIONS = Object.freeze({ ...facts.entryVersions });
export const ACTIVITY_KINDS = Object.freeze(Object.fromEntries(facts.activityKinds.map((k) => [k.kind, Object.freeze(k)])));

// The key an activity's data is stored under, without the storage prefix.
/**
 * @param {string} kind
 * @param {string} id
 * @returns {string}
 */
export function activityKey(kind, id) {
  return `${kind}${KEY_SEPARATOR}${id}`;
}

// The kind part of a key (activityKey's first argument; "read" for a read mark; the whole key
// when it has no separator).
/**
 * @param {unknown} key
 * @returns {string}
 */
export function kindOfKey(key) {
  return String(key).split(KEY_SEPARATOR)[0];
}

// The id part of an activity key (everything after the first separator), or "" when it has none.
/**
 * @param {unknown} key
 * @returns {string}
 */
export function idOfKey(key) {
  const text = String(key);
  const at = text.indexOf(KEY_SEPARATOR);
  return at < 0 ? "" : text.slice(at + KEY_SEPARATOR.length);
}

// "I have read this page" marks, for pages without activities.
/**
 * @param {unknown} docname a page's docname
 * @returns {string}
 */
export function readKey(docname) {
  return `${READ_KEY_PREFIX}${docname}`;
}

/**
 * @param {string} kind
 * @returns {string}
 */
export function kindLabel(kind) {
  return ACTIVITY_KINDS[kind] ? ACTIVITY_KINDS[kind].label : "Activity";
}
