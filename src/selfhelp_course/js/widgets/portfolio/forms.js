// @ts-check
// What the CPD record holds, in the regulators' terms (pure data, no DOM, no storage).
import { COURSE_TITLE, PORTFOLIO_FIELDS, kindLabel } from "../../lib/facts.js";
export { PORTFOLIO_PAGE } from "../../lib/facts.js";
import { hasOwn } from "../../lib/own.js";

// The course's title (_config.yml's, through the generated facts), on the record and its exports.
export const COURSE = COURSE_TITLE;
export const METHOD = "Online course: reading and interactive exercises";
export const SELF_DECLARED = "Self-declared by the learner; not verified by the course.";
export const NOT_WRITTEN = "Not written yet.";

/** Whether a learner's field holds any writing (text, not only spaces). */
export const written = (/** @type {unknown} */ text) => typeof text === "string" && text.trim() !== "";

/**
 * A field of a regulator's form: its id in the account, its heading, and a hint under it.
 * @typedef {{id: string, heading: string, hint?: string}} FormField
 * How a form is shown and exported (FORM_INFO, below).
 * @typedef {object} FormInfo
 * @property {string} legend
 * @property {string} section
 * @property {string} entry
 * @property {string} where
 * @property {string} [rule]
 * @property {boolean} [peerCount]
 * @property {boolean} [hours]
 * @property {boolean} [name]
 * An activity as a record lists it (record.js): its kind, id and title.
 * @typedef {{kind: string, id: string, title?: string}} ActivityRef
 */

// The NMC reflective accounts form's four questions, in this course's wording (the same as the
// "nmc" framework in data/activities/reflection-frameworks.yml).
export const NMC_QUESTIONS = [
  { id: "nature", heading: "The nature of the CPD activity, feedback or event" },
  { id: "learned", heading: "What did you learn?" },
  { id: "changed", heading: "How did you change or improve your practice?" },
  { id: "code", heading: "How is this relevant to the Code?" },
];

// The four themes of the NMC Code, and the words that show a reflection touches one.
export const CODE_THEMES = [
  { id: "prioritise-people", label: "Prioritise people", words: /priorit[iy][sz]e\s+people/i },
  { id: "practise-effectively", label: "Practise effectively", words: /practi[sc]e\s+effectively/i },
  { id: "preserve-safety", label: "Preserve safety", words: /preserve\s+safety/i },
  { id: "promote-professionalism", label: "Promote professionalism and trust", words: /promote\s+professionalism/i },
];

// An HCPC CPD profile entry: what the activity was, and how it met the standards about improving
// practice and benefiting service users.
export const HCPC_FIELDS = [
  { id: "activity", heading: "The CPD activity" },
  { id: "learned", heading: "What I learned" },
  { id: "improved", heading: "How it improved the quality of my practice and service delivery" },
  { id: "benefits", heading: "How it benefits service users" },
];

// Social Work England's online CPD form, as far as its guidance describes it: what the CPD was
// and why it is relevant, what was learnt, the impact on practice and on the people the social
// worker works with, and (for at least one piece a year) what was learnt from discussing it with
// a peer. The type and date of the CPD are chosen on the form itself.
export const SWE_FIELDS = [
  { id: "description", heading: "A short description of the CPD activity and why it is relevant to you" },
  { id: "learned", heading: "What you learnt from doing the activity" },
  { id: "impact", heading: "The impact it has had, or will have, on your practice and the people you work with" },
  {
    id: "peer", heading: "What you learnt from discussing this CPD activity with a peer",
    hint: "Social Work England asks for this in at least one piece of CPD each year. The peer can be a colleague, your manager or another professional, in a formal or informal talk, one to one or in a group. Write it after you have talked this reflection through with them, and describe them by their role, not their name.",
  },
];

// Social Care Wales: its record names the date, the training or learning, how long it took, and
// how it contributed to the worker's professional development (the first three come from the
// course and the CPD log).
export const SCW_FIELDS = [
  { id: "contribution", heading: "How the training or learning contributed to your professional development" },
];

// SSSC continuous professional learning: no set form; these follow the SSSC's own prompts (what
// was learned, how it improved practice, and how it relates to the Codes of Practice).
export const SSSC_FIELDS = [
  { id: "learned", heading: "What you learned from it" },
  { id: "practice", heading: "How it has improved, or will improve, your practice" },
  { id: "codes", heading: "How it relates to the SSSC Codes of Practice", hint: "None of the course's reflection prompts asks this, so it starts empty." },
];

// NISCC post-registration training and learning: the activity and how it advanced the
// registrant's professional development, with its hours from the CPD log.
export const NISCC_FIELDS = [
  { id: "activity", heading: "The training or learning activity" },
  { id: "development", heading: "How it advanced your professional development" },
];

// GMC appraisal: a doctor reflects on what they learned from CPD and how it could maintain or
// improve the quality of their practice, and carries learning needs into the personal
// development plan.
export const GMC_FIELDS = [
  { id: "activity", heading: "What the CPD activity was" },
  { id: "learned", heading: "What you learned from the activity" },
  { id: "practice", heading: "How it could help maintain or improve the quality of your practice" },
  { id: "pdp", heading: "Learning needs to take into your personal development plan", hint: "None of the course's reflection prompts asks this directly, so it starts empty." },
];

// Every form an account fills, by the name a framework part's `feeds` uses ("nmc.learned").
/** @type {Record<string, FormField[]>} */
export const FORMS = { nmc: NMC_QUESTIONS, hcpc: HCPC_FIELDS, swe: SWE_FIELDS, scw: SCW_FIELDS, sssc: SSSC_FIELDS, niscc: NISCC_FIELDS, gmc: GMC_FIELDS };

// How each form is shown and exported. `rule` is what the regulator asks, in this course's words
// (each fact is cited on the portfolio page); `where` names an entry for the privacy check;
// `hours`: the entry shows the CPD log's time for its page; `name`: it shows the activity's
// name; `peerCount`: the section counts the entries with a peer reflection.
/** @type {Record<string, FormInfo>} */
export const FORM_INFO = {
  nmc: { legend: "NMC reflective account", section: "NMC reflective accounts", entry: "Reflective account", where: "NMC account" },
  hcpc: { legend: "HCPC CPD profile entry", section: "HCPC CPD profile", entry: "CPD activity", where: "HCPC entry" },
  swe: {
    legend: "Social Work England CPD record", section: "Social Work England CPD", entry: "Piece of CPD", where: "Social Work England record",
    rule: "Social Work England asks for at least two pieces of CPD in each registration year (1 December to 30 November), at least one of them with a peer reflection, recorded in your online account by 30 November. It sets no minimum number of hours. Choose the type of CPD on its form.",
    peerCount: true,
  },
  scw: {
    legend: "Social Care Wales CPD record", section: "Social Care Wales CPD record", entry: "Training or learning", where: "Social Care Wales record",
    rule: "Social Care Wales asks you to keep a record of your CPD and discuss it regularly with your manager, and to send it only if you are chosen in a sample check. Its record gives the date, the name of the training or learning, how long it took, and how it contributed to your professional development.",
    hours: true, name: true,
  },
  sssc: {
    legend: "SSSC continuous professional learning (CPL) record", section: "SSSC continuous professional learning", entry: "Learning", where: "SSSC record",
    rule: "The SSSC no longer counts hours or days of continuous professional learning (CPL): each year you declare that you have completed yours, covering the core learning elements for your part of the Register, and some registrants are asked to have their employer verify it.",
  },
  niscc: {
    legend: "NISCC post-registration training and learning (PRTL) record", section: "NISCC post-registration training and learning", entry: "PRTL activity", where: "NISCC record",
    rule: "The NISCC asks for 90 hours of post-registration training and learning (PRTL) in each registration period (three years for social workers and social care managers, five for social care workers), a written learning and development plan agreed with your employer, and a record of your PRTL, summarised for the NISCC if you are chosen for audit.",
    hours: true, name: true,
  },
  gmc: {
    legend: "GMC appraisal: reflection on CPD", section: "Reflection on CPD for appraisal (GMC)", entry: "CPD reflection", where: "GMC appraisal reflection",
    rule: "The GMC asks doctors to do CPD every year across the whole of their practice, to reflect on what they learned and how it could maintain or improve their practice, and to discuss those reflections at each annual appraisal; learning needs go into the personal development plan. It sets no number of hours or credits.",
  },
};

// The forms shown first and exported for a regulator: a new regulator's own form; for the NMC,
// the HCPC, another body or none chosen, the NMC account and HCPC entry (as before).
export const DEFAULT_FORMS = ["nmc", "hcpc"];
/**
 * @param {string} body a BODIES id, or ""
 * @returns {string[]}
 */
export function formsFor(body) {
  return hasOwn(FORM_INFO, body) && !DEFAULT_FORMS.includes(body) ? [body] : DEFAULT_FORMS.slice();
}

// Every field a framework's part may feed ("nmc.learned"...), as the course facts name them
// (_facts.PORTFOLIO_FIELDS, which also checks reflection-frameworks.yml). FORMS gives each one
// its heading; the unit tests keep the two in step. A form field no part maps to (the peer
// discussion, say) is not a feed target and starts empty.
export const FEED_TARGETS = PORTFOLIO_FIELDS;

export const BODIES = [
  { id: "nmc", label: "Nursing and Midwifery Council (NMC)" },
  { id: "hcpc", label: "Health and Care Professions Council (HCPC)" },
  { id: "swe", label: "Social Work England" },
  { id: "scw", label: "Social Care Wales" },
  { id: "sssc", label: "Scottish Social Services Council (SSSC)" },
  { id: "niscc", label: "Northern Ireland Social Care Council (NISCC)" },
  { id: "gmc", label: "General Medical Council (GMC), for appraisal" },
  { id: "other", label: "Another body" },
];

// "Knowledge check: Which details?"
/** @param {ActivityRef} activity */
export function activityLine(activity) {
  return `${kindLabel(activity.kind)}: ${activity.title || activity.id}`;
}
