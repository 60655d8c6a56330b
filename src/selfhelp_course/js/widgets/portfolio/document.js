// @ts-check
// The CPD record as one document model (pure). The Markdown export, the print view and the
// statement on the page are all drawn from it, so they always say the same thing. Learner text in
// it is marked `learner: true` with a `where`, and learnerTexts() collects exactly that text for
// the privacy check before any export.
//
// {title, blocks, sections: [{heading, blocks, subsections: [{heading, blocks}]}]}. Block types:
//   {type: "p", text, learner?, where?, note?}      a paragraph (note: shown in italics)
//   {type: "field", label, text}                   "Label: text"
//   {type: "answer", heading, text, learner, where}  a question with the learner's answer
//   {type: "checklist", label, items: [{label, checked}]}
//   {type: "list", items: [text or {text, items: [text]}]}
//   {type: "table", caption, head: [..], rows: [[cell]], foot: [..]}  cell: text or {text, learner, where}
import { isPlainObject } from "../../lib/merge.js";
import { findIdentifiers } from "../../privacy/guard.js";
import { cpdTime, minutesOfHours } from "../../lib/cpd-time.js";
import { statementBlocks } from "./confidence.js";
import { BODIES, CODE_THEMES, FORMS, FORM_INFO, HCPC_FIELDS, NMC_QUESTIONS, SELF_DECLARED, activityLine, formsFor, written } from "./forms.js";
import { longDate } from "./record.js";

/**
 * The blocks and sections above, for the type check (tsc).
 * @typedef {{type: "p", text: string, learner?: boolean, where?: string, note?: boolean}} ParagraphBlock
 * @typedef {{type: "field", label: string, text: string}} FieldBlock
 * @typedef {{type: "answer", heading: string, text: any, learner: boolean, where: string}} AnswerBlock
 *   text: the learner's, as the record holds it (anything but text shows as not written)
 * @typedef {{type: "checklist", label: string, items: {label: string, checked: boolean}[]}} ChecklistBlock
 * @typedef {{type: "list", items: (string | {text: string, items?: string[]})[]}} ListBlock
 * @typedef {string | {text: string, learner: boolean, where: string}} Cell
 * @typedef {{type: "table", caption: string, head: string[], rows: Cell[][], foot?: string[]}} TableBlock
 * @typedef {ParagraphBlock | FieldBlock | AnswerBlock | ChecklistBlock | ListBlock | TableBlock} Block
 * @typedef {{heading: string, blocks: Block[]}} Subsection
 * @typedef {{heading: string, blocks: Block[], subsections: Subsection[]}} Section
 * @typedef {{title: string, blocks: Block[], sections: Section[]}} Doc
 * A piece of learner text and where it is, for the privacy check.
 * @typedef {{where: string, text: string}} LearnerText
 * @typedef {import("./record.js").Portfolio} Portfolio
 * @typedef {import("./record.js").Account} Account
 */

const NOTHING_YET = "No course activities are recorded as completed on this device yet.";
// Hours (a whole number of minutes) as the course shows every time: "0 h 25 min" (lib/cpd-time.js).
const time = (/** @type {number} */ hours, decimal = false) => cpdTime(minutesOfHours(hours), decimal);

/** @param {Portfolio["details"]} details */
function bodyLabel(details) {
  if (details.body === "other") return written(details.bodyOther) ? details.bodyOther.trim() : "Another body";
  const body = BODIES.find((b) => b.id === details.body);
  return body ? body.label : "";
}

/** @param {import("./record.js").LoggedActivity} activity */
function dated(activity) {
  const when = longDate(activity.updated);
  return `${activityLine(activity)}${when ? ` (${when})` : ""}`;
}

/**
 * @param {Portfolio} p
 * @returns {Section}
 */
function aboutSection(p) {
  const d = p.details;
  /** @type {Block[]} */
  const blocks = [];
  if (written(d.name)) blocks.push({ type: "field", label: "Name", text: d.name.trim() });
  if (bodyLabel(d)) blocks.push({ type: "field", label: "Registration body", text: bodyLabel(d) });
  blocks.push({ type: "answer", heading: "Summary of practice", text: d.summary, learner: true, where: "About you: summary of practice" });
  return { heading: "About me", blocks, subsections: [] };
}

/** @param {import("./record.js").CpdLogRow} row */
function statementItem(row) {
  const counted = row.total ? `${row.completed} of ${row.total} activities completed` : "page read";
  const when = longDate(row.date);
  return {
    text: `${row.title}: ${counted}${when ? `, last on ${when}` : ""}; ${time(row.hours)}`,
    items: row.activities.map(dated),
  };
}

// The end-of-course assessment: the best submitted attempt, its date and whether it passed.
/**
 * @param {Portfolio["assessment"]} result
 * @returns {string}
 */
export function assessmentLine(result) {
  if (!result) return "";
  const title = result.title || "End-of-course assessment";
  const mark = `${Math.round(result.passMark * 100)}%`;
  if (!result.best) return `${title}: not yet taken (pass mark ${mark}).`;
  const b = result.best;
  const when = longDate(b.submitted);
  return `${title}: best result ${b.right} of ${b.total} (${Math.round(b.scaled * 100)}%)${when ? ` on ${when}` : ""}, `
    + `${b.passed ? "passed" : "not yet passed"} (pass mark ${mark}).`;
}

// Only completed activities and pages are declared; what was started and not completed is listed
// apart, and not counted.
/**
 * @param {Portfolio} p
 * @returns {Section}
 */
function statementSection(p) {
  /** @type {Block[]} */
  const blocks = [{ type: "p", text: SELF_DECLARED, note: true }];
  if (p.log.length) {
    const who = written(p.details.name) ? p.details.name.trim() : "The learner";
    const t = p.totals;
    blocks.push(
      { type: "p", text: `${who} declares that they completed these parts of the online course "${p.course}":` },
      { type: "list", items: p.log.map(statementItem) },
      { type: "p", text: `Completed in all: ${t.activitiesCompleted} of ${t.activitiesTotal} activities, and ${t.pagesDone} of ${t.pagesTotal} pages in full.` },
      { type: "p", text: `Total: ${time(t.hours)} (${time(t.hours, true)} as a decimal, to two places), of which ${time(t.participatory)} participatory.` },
    );
  } else {
    blocks.push({ type: "p", text: NOTHING_YET });
  }
  const assessment = assessmentLine(p.assessment);
  if (assessment) blocks.push({ type: "p", text: assessment });
  blocks.push(...statementBlocks(p.confidence)); // only when the learner ticked "include"
  if (p.attempted.length) {
    blocks.push(
      { type: "p", text: "Started but not completed, so not counted above:" },
      { type: "list", items: p.attempted.map((a) => `${activityLine(a)}, on the page "${a.pageTitle}"`) },
    );
  }
  return { heading: "Statement of completion", blocks, subsections: [] };
}

/**
 * @param {Portfolio} p
 * @returns {Section}
 */
function logSection(p) {
  if (!p.log.length) return { heading: "CPD log", blocks: [{ type: "p", text: NOTHING_YET }], subsections: [] };
  /** @type {Block[]} */
  const blocks = [{
    type: "table",
    caption: "CPD log",
    head: ["Date", "Activity", "Method", "Hours", "Participatory hours", "Link to practice"],
    rows: p.log.map((row) => [
      longDate(row.date),
      `${row.title}${row.total ? ` (${row.completed} of ${row.total} activities completed)` : ""}`,
      row.method,
      time(row.hours),
      time(row.participatoryHours),
      { text: row.link, learner: true, where: `CPD log: link to practice for "${row.title}"` },
    ]),
    foot: ["Total", "", "", time(p.totals.hours), time(p.totals.participatory), ""],
  }, {
    type: "p",
    note: true,
    text: "Hours are the course's estimate for each completed page (reading and activities, in hours and minutes as the course states them), unless the learner entered their own; a page counts no hours until all its activities are completed. Participatory hours are those the learner marked as done with others.",
  }];
  for (const row of p.log.filter((r) => r.hoursProblem)) {
    blocks.push({ type: "p", note: true, text: `For "${row.title}", the hours saved could not be read, so the course's estimate is shown.` });
  }
  for (const row of p.log.filter((r) => r.refused)) {
    // The filter above kept only rows with a refused text.
    const refused = /** @type {{text: string}} */ (row.refused);
    blocks.push({ type: "p", note: true, learner: true, where: `CPD log: hours typed for "${row.title}"`,
      text: `For "${row.title}", the hours typed ("${refused.text}") are not yet valid, so ${row.own === null ? "the course's estimate" : "the last valid time"} is counted.` });
  }
  return { heading: "CPD log", blocks, subsections: [] };
}

/**
 * @param {Portfolio} p
 * @returns {Section}
 */
function nmcSection(p) {
  /** @type {Section} */
  const section = { heading: "NMC reflective accounts", blocks: [], subsections: [] };
  if (!p.accounts.length) section.blocks.push({ type: "p", text: "No reflections are saved on this device yet." });
  p.accounts.forEach((account, index) => {
    const where = (/** @type {string} */ what) => `Reflective account ${index + 1} ("${account.title}"): ${what}`;
    const saved = longDate(account.updated);
    /** @type {Block[]} */
    const blocks = [{ type: "p", text: `From the course page "${account.pageTitle}".${saved ? ` Reflection last saved on ${saved}.` : ""}` }];
    for (const q of NMC_QUESTIONS) blocks.push({ type: "answer", heading: q.heading, text: account.nmc[q.id], learner: true, where: where(q.heading) });
    blocks.push({ type: "checklist", label: "Themes of the Code", items: CODE_THEMES.map((t) => ({ label: t.label, checked: account.nmc.themes.includes(t.id) })) });
    section.subsections.push({ heading: `Reflective account ${index + 1}: ${account.title}`, blocks });
  });
  return section;
}

/**
 * @param {Portfolio} p
 * @returns {Section}
 */
function hcpcSection(p) {
  /** @type {Section} */
  const section = { heading: "HCPC CPD profile", blocks: [{ type: "p", text: "The summary of practice is under \"About me\" and the dated list of activities is the CPD log above." }], subsections: [] };
  if (!p.accounts.length) section.blocks.push({ type: "p", text: "No reflections are saved on this device yet." });
  p.accounts.forEach((account, index) => {
    /** @type {Block[]} */
    const blocks = HCPC_FIELDS.map((f) => ({ type: "answer", heading: f.heading, text: account.hcpc[f.id], learner: true, where: `HCPC entry ${index + 1} ("${account.title}"): ${f.heading}` }));
    section.subsections.push({ heading: `CPD activity ${index + 1}: ${account.title}`, blocks });
  });
  return section;
}

// The CPD log's time for the page a reflection is on, as the log prints it (never recalculated).
/**
 * @param {Portfolio} p
 * @param {Account} account
 * @returns {string}
 */
function pageHours(p, account) {
  const row = p.log.find((r) => r.page === account.page);
  if (!row) return "None counted yet: the page is not in the CPD log (its activities are not all completed).";
  const waiting = !row.complete && row.own === null ? " so far (a page counts its time once all its activities are completed)" : "";
  return `The CPD log's time for the page "${row.title}": ${time(row.hours)}${waiting}`;
}

// Another regulator's record (forms.js FORM_INFO): what the regulator asks, then one entry per
// reflection with the form's fields, its name, date and hours where the regulator's record asks.
/**
 * @param {Portfolio} p
 * @param {string} form a FORMS name
 * @returns {Section}
 */
function formSection(p, form) {
  const info = FORM_INFO[form];
  /** @type {Block[]} */
  // Every form drawn here (not in SECTIONS: swe, scw, sssc, niscc, gmc) states its rule in FORM_INFO.
  const blocks = [{ type: "p", text: /** @type {string} */ (info.rule) }];
  if (!p.accounts.length) blocks.push({ type: "p", text: "No reflections are saved on this device yet." });
  else if (info.peerCount) {
    const peer = p.accounts.filter((a) => written(a.swe.peer)).length;
    blocks.push({ type: "p", text: `A peer reflection is written for ${peer} of ${p.accounts.length} ${p.accounts.length === 1 ? "piece" : "pieces"} of CPD here.` });
  }
  /** @type {Section} */
  const section = { heading: info.section, blocks, subsections: [] };
  p.accounts.forEach((account, index) => {
    const saved = longDate(account.updated);
    /** @type {Block[]} */
    const entry = [{ type: "p", text: `From the course page "${account.pageTitle}".${saved ? ` Reflection last saved on ${saved}.` : ""}` }];
    if (info.name) entry.push({ type: "field", label: "Name of the training or learning", text: `${p.course} (online course): ${account.pageTitle}` });
    if (saved) entry.push({ type: "field", label: "Date (when the reflection was last saved)", text: saved });
    if (info.hours) entry.push({ type: "field", label: "How long", text: pageHours(p, account) });
    for (const f of FORMS[form]) {
      entry.push({ type: "answer", heading: f.heading, text: account[form][f.id], learner: true, where: `${info.entry} ${index + 1} ("${account.title}"): ${f.heading}` });
    }
    section.subsections.push({ heading: `${info.entry} ${index + 1}: ${account.title}`, blocks: entry });
  });
  return section;
}

/** @type {Record<string, (p: Portfolio) => Section>} */
const SECTIONS = { nmc: nmcSection, hcpc: hcpcSection };

// portfolio: record.js assemble(...). The record holds the forms for the learner's regulator
// (forms.js formsFor): the NMC account and HCPC entry unless another regulator is chosen.
/**
 * @param {Portfolio} portfolio
 * @returns {Doc}
 */
export function documentOf(portfolio) {
  const made = longDate(portfolio.generated);
  const forms = formsFor(portfolio.details.body).map((form) => (SECTIONS[form] ? SECTIONS[form](portfolio) : formSection(portfolio, form)));
  return {
    title: `CPD portfolio: ${portfolio.course}`,
    blocks: [{ type: "p", text: `Prepared${made ? ` on ${made}` : ""} from the course "${portfolio.course}", from what was saved in the learner's browser. Nothing was sent anywhere.` }],
    sections: [...[aboutSection, statementSection, logSection].map((make) => make(portfolio)), ...forms],
  };
}

// Every piece of learner text in the record, as [{where, text}], for the privacy check.
/**
 * @param {Doc} doc
 * @returns {LearnerText[]}
 */
export function learnerTexts(doc) {
  /** @type {LearnerText[]} */
  const out = [];
  const take = (/** @type {unknown} */ item) => {
    if (isPlainObject(item) && item.learner && written(item.text)) out.push({ where: item.where || "", text: item.text });
  };
  const blocks = [...doc.blocks, ...doc.sections.flatMap((s) => [...s.blocks, ...s.subsections.flatMap((sub) => sub.blocks)])];
  for (const block of blocks) {
    take(block);
    if (block.type === "table") block.rows.forEach((row) => row.forEach(take));
  }
  return out;
}

// The privacy guard over each text: [{where, kind, label, certainty, text, why}].
/** @param {LearnerText[]} texts */
export function findingsIn(texts) {
  return texts.flatMap((item) => findIdentifiers(item.text).map((f) => ({ where: item.where, kind: f.kind, label: f.label, certainty: f.certainty, text: f.text, why: f.why })));
}
