// A small course and what a learner saved in it, shared by the portfolio's node unit tests.
export const GIBBS = {
  description: "A carer asked me about a local group.",
  feelings: "I felt unsure.",
  evaluation: "It went fairly well.",
  analysis: "Groups are run by members.",
  conclusion: "I should signpost, not refer.",
  "action-plan": "I will keep an up-to-date list of groups.",
};
export const NMC = {
  nature: "Reading about the ESTEEM study.",
  learned: "Groups value their autonomy.",
  changed: "I now ask the group what help it wants.",
  code: "It helps me prioritise people and practise effectively.",
};

const part = (id, heading, feeds) => ({ id, heading, prompt: `${heading}?`, ...(feeds ? { feeds } : {}) });
const DESCRIBES = ["nmc.nature", "hcpc.activity", "swe.description", "niscc.activity", "gmc.activity"];
const LEARNED = ["nmc.learned", "hcpc.learned", "swe.learned", "scw.contribution", "sssc.learned", "niscc.development", "gmc.learned"];
const CHANGED = ["nmc.changed", "hcpc.improved", "swe.impact", "sssc.practice", "gmc.practice"];
// As data/activities/reflection-frameworks.yml has them (tests/test_content.py checks the file).
export const FRAMEWORKS = [
  { id: "gibbs", name: "Gibbs' reflective cycle (six stages)", parts: [
    part("description", "Description", DESCRIBES),
    part("feelings", "Feelings", []),
    part("evaluation", "Evaluation"),
    part("analysis", "Analysis", LEARNED),
    part("conclusion", "Conclusion", LEARNED),
    part("action-plan", "Action plan", CHANGED),
  ] },
  { id: "rolfe", name: "What? So what? Now what?", parts: [
    part("what", "What?", DESCRIBES),
    part("so-what", "So what?", LEARNED),
    part("now-what", "Now what?", CHANGED),
  ] },
  { id: "nmc", name: "NMC reflective account (four questions)", parts: [
    part("nature", "The nature of the CPD activity, feedback or event", DESCRIBES),
    part("learned", "What did you learn?", LEARNED),
    part("changed", "How did you change or improve your practice?", CHANGED),
    part("code", "How is this relevant to the Code?", ["nmc.code"]),
  ] },
];

const activity = (kind, id, title) => ({ kind, id, title });
export const MANIFEST = { version: 2, pages: [
  { docname: "book/welcome", title: "Welcome", teaching_minutes: 10, activity_minutes: 10, activities: [
    activity("check", "welcome-a", "Which details?"),
    activity("reflection", "welcome-reflection", "Why are you taking this course?"),
  ] },
  { docname: "book/wellbeing", title: "Mental well-being and groups", teaching_minutes: 30, activity_minutes: 25, activities: [
    activity("check", "wellbeing-a", "ONS4 adding"),
    activity("check", "wellbeing-b", "WEMWBS"),
    activity("reflection", "wellbeing-reflection", "How a group seemed to help"),
    activity("check", "wellbeing-c", "Before and after"),
  ] },
  { docname: "book/commissioners", title: "Commissioners", teaching_minutes: 20, activity_minutes: 20, activities: [
    activity("check", "commissioners-a", "What helps"),
  ] },
  { docname: "case_studies/carers-group", title: "A carers' group", teaching_minutes: 30, activity_minutes: 0, activities: [] },
  { docname: "book/glossary", title: "Glossary", teaching_minutes: 0, activity_minutes: 0, activities: [] },
] };

const done = (updated, extra = {}) => ({ v: 2, complete: true, attempted: true, updated, ...extra });
const tried = (updated) => ({ v: 2, complete: false, attempted: true, updated });
export const ENTRIES = {
  "check:welcome-a": done("2025-03-01T12:00:00.000Z"),
  "reflection:welcome-reflection": done("2025-03-02T12:00:00.000Z", { framework: "gibbs", texts: { gibbs: GIBBS } }),
  "check:wellbeing-a": done("2025-03-04T12:00:00.000Z"),
  "check:wellbeing-b": tried("2025-03-09T12:00:00.000Z"),
  "reflection:wellbeing-reflection": done("2025-03-05T12:00:00.000Z", { framework: "nmc", texts: { nmc: NMC } }),
  "check:commissioners-a": tried("2025-03-06T12:00:00.000Z"),
  "read:case_studies/carers-group": { v: 2, complete: true, attempted: true, updated: "2025-03-20T09:00:00.000Z" },
};

export const EDITS = {
  details: { name: "Alex Example", body: "nmc", summary: "Community nurse for adults." },
  accounts: { "welcome-reflection": { nmc: { changed: "Edited: I changed how I signpost." } } },
  log: { "book/wellbeing": { participatory: true, hours: 1.5, link: "Used in | team meeting\nnext week" } },
};
