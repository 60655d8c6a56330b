// @ts-check
// Course facts from Python (src/selfhelp_course/_facts.py), through the generated module.
import facts from "./facts.generated.js";

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
export const READ_KEY_PREFIX = facts.readKeyPrefix;
// The portfolio fields a reflective framework's part can fill ("nmc.code", "hcpc.benefits"...).
export const PORTFOLIO_FIELDS = Object.freeze([...facts.portfolioFields]);
export const ACTIVITY_KINDS = Object.freeze(Object.fromEntries(facts.activityKinds.map((k) => [k.kind, Object.freeze(k)])));

// The key an activity's data is stored under, without the storage prefix.
export function activityKey(kind, id) {
  return `${kind}:${id}`;
}

// "I have read this page" marks, for pages without activities.
export function readKey(docname) {
  return `${READ_KEY_PREFIX}${docname}`;
}

export function kindLabel(kind) {
  return ACTIVITY_KINDS[kind] ? ACTIVITY_KINDS[kind].label : "Activity";
}
