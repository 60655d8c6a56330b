// What the CPD record holds, in the regulators' terms (pure data, no DOM, no storage).
import { PORTFOLIO_FIELDS, kindLabel } from "../../lib/facts.js";

export const COURSE = "Supporting Self-Help Groups";
export const PORTFOLIO_PAGE = "book/portfolio";
export const METHOD = "Online course: reading and interactive exercises";
export const SELF_DECLARED = "Self-declared by the learner; not verified by the course.";
export const NOT_WRITTEN = "Not written yet.";

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

// The two forms an account fills, by the name a framework part's `feeds` uses ("nmc.learned").
export const FORMS = { nmc: NMC_QUESTIONS, hcpc: HCPC_FIELDS };

// Every field a framework's part may feed ("nmc.learned"...), as the course facts name them
// (_facts.PORTFOLIO_FIELDS, which also checks reflection-frameworks.yml). FORMS gives each one
// its heading; the unit tests keep the two in step.
export const FEED_TARGETS = PORTFOLIO_FIELDS;

export const BODIES = [
  { id: "nmc", label: "Nursing and Midwifery Council (NMC)" },
  { id: "hcpc", label: "Health and Care Professions Council (HCPC)" },
  { id: "other", label: "Another body" },
];

// "Knowledge check: Which details?"
export function activityLine(activity) {
  return `${kindLabel(activity.kind)}: ${activity.title || activity.id}`;
}
