// The CPD portfolio's pure logic: no DOM, no storage, no import/export. _widgets.py concatenates
// it (after privacy.js and progress_core.js, before portfolio.js) into the Portfolio widget's
// module, and tests/test_portfolio_format.py runs it in node.
//
// One document model (pfDocument) is the record: the Markdown export and the print view are
// both drawn from it, so they always say the same thing. Learner text in it is marked
// `learner: true` with a `where`, and pfLearnerTexts() collects exactly that text for the
// privacy check before any export.

const PF_PREFIX = COURSE_PREFIX; // "selfhelp-course:" (core.js)
const PF_FORMAT = "selfhelp-course-backup";
const PF_BACKUP_VERSION = 1;
const PF_COURSE = "Supporting Self-Help Groups";
const PF_STORE_KEY = "portfolio"; // selfhelp-course:portfolio
const PF_METHOD = "Online course: reading and interactive exercises";
const PF_SELF_DECLARED = "Self-declared by the learner; not verified by the course.";
const PF_NOT_WRITTEN = "Not written yet.";

// The NMC reflective accounts form's four questions, in this course's wording (the same as the
// "nmc" framework in data/activities/reflection-frameworks.yml).
const PF_NMC_QUESTIONS = [
  { id: "nature", heading: "The nature of the CPD activity, feedback or event" },
  { id: "learned", heading: "What did you learn?" },
  { id: "changed", heading: "How did you change or improve your practice?" },
  { id: "code", heading: "How is this relevant to the Code?" },
];

// The four themes of the NMC Code.
const PF_CODE_THEMES = [
  { id: "prioritise-people", label: "Prioritise people", words: /priorit[iy][sz]e\s+people/i },
  { id: "practise-effectively", label: "Practise effectively", words: /practi[sc]e\s+effectively/i },
  { id: "preserve-safety", label: "Preserve safety", words: /preserve\s+safety/i },
  { id: "promote-professionalism", label: "Promote professionalism and trust", words: /promote\s+professionalism/i },
];

// An HCPC CPD profile entry: what the activity was, and how it met the standards about
// improving practice and benefiting service users.
const PF_HCPC_FIELDS = [
  { id: "activity", heading: "The CPD activity" },
  { id: "learned", heading: "What I learned" },
  { id: "improved", heading: "How it improved the quality of my practice and service delivery" },
  { id: "benefits", heading: "How it benefits service users" },
];

const PF_BODIES = [
  { id: "nmc", label: "Nursing and Midwifery Council (NMC)" },
  { id: "hcpc", label: "Health and Care Professions Council (HCPC)" },
  { id: "other", label: "Another body" },
];

const PF_KINDS = {
  check: "Knowledge check",
  sorting: "Sorting exercise",
  scenario: "Scenario",
  reflection: "Reflection",
  explorer: "Data explorer",
};

// Framework part ids -> NMC question ids. Parts not listed (Gibbs' feelings and evaluation) stay
// in "your reflection as written", shown beside the account.
const PF_FRAMEWORK_MAP = {
  nmc: { nature: ["nature"], learned: ["learned"], changed: ["changed"], code: ["code"] },
  gibbs: { nature: ["description"], learned: ["analysis", "conclusion"], changed: ["action-plan"], code: [] },
  rolfe: { nature: ["what"], learned: ["so-what"], changed: ["now-what"], code: [] },
};

// ---------------------------------------------------------------------------------- small helpers

function pfIsObject(value) {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

function pfString(value) {
  return typeof value === "string" ? value : "";
}

function pfHas(text) {
  return typeof text === "string" && text.trim() !== "";
}

// Hours as people write them: 1, 1.5, 0.25.
function pfHours(hours) {
  const n = Number.isFinite(hours) ? Math.round(hours * 100) / 100 : 0;
  return String(n);
}

function pfDate(iso) {
  if (typeof iso !== "string" || !iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

function pfLatest(isos) {
  let best = "";
  let bestTime = -Infinity;
  for (const iso of isos) {
    if (typeof iso !== "string") continue;
    const time = new Date(iso).getTime();
    if (!Number.isNaN(time) && time > bestTime) {
      best = iso;
      bestTime = time;
    }
  }
  return best;
}

// Quarter hours, never negative, at most 24 a row (a number typed by mistake stays sensible).
function pfCleanHours(value) {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) return null;
  return Math.min(24, Math.round(n * 4) / 4);
}

// ----------------------------------------------------------------------- the learner's edits

// What the portfolio key holds, cleaned: unknown or wrongly typed fields are dropped. Objects have
// no prototype, so an id such as "__proto__" is only a key.
function pfCleanEdits(raw) {
  const edits = { details: Object.create(null), accounts: Object.create(null), log: Object.create(null) };
  if (!pfIsObject(raw)) return edits;
  if (pfIsObject(raw.details)) {
    for (const field of ["name", "body", "bodyOther", "summary"]) {
      if (typeof raw.details[field] === "string") edits.details[field] = raw.details[field];
    }
  }
  if (pfIsObject(raw.accounts)) {
    for (const [id, account] of Object.entries(raw.accounts)) {
      if (!pfIsObject(account)) continue;
      const clean = { nmc: Object.create(null), hcpc: Object.create(null) };
      if (pfIsObject(account.nmc)) {
        for (const q of PF_NMC_QUESTIONS) {
          if (typeof account.nmc[q.id] === "string") clean.nmc[q.id] = account.nmc[q.id];
        }
        if (Array.isArray(account.nmc.themes)) {
          clean.nmc.themes = PF_CODE_THEMES.map((t) => t.id).filter((t) => account.nmc.themes.includes(t));
        }
      }
      if (pfIsObject(account.hcpc)) {
        for (const f of PF_HCPC_FIELDS) {
          if (typeof account.hcpc[f.id] === "string") clean.hcpc[f.id] = account.hcpc[f.id];
        }
      }
      edits.accounts[id] = clean;
    }
  }
  if (pfIsObject(raw.log)) {
    for (const [docname, row] of Object.entries(raw.log)) {
      if (!pfIsObject(row)) continue;
      const clean = Object.create(null);
      const hours = pfCleanHours(row.hours);
      if (hours !== null) clean.hours = hours;
      if (typeof row.participatory === "boolean") clean.participatory = row.participatory;
      if (typeof row.link === "string") clean.link = row.link;
      edits.log[docname] = clean;
    }
  }
  return edits;
}

// The stored form of the edits (plain objects, for JSON).
function pfEditsValue(edits, updated) {
  const plain = (obj) => JSON.parse(JSON.stringify(obj || {}));
  return {
    v: 1,
    page: "book/portfolio",
    updated,
    complete: false,
    details: plain(edits.details),
    accounts: plain(edits.accounts),
    log: plain(edits.log),
  };
}

// ------------------------------------------------------------ from a reflection to the accounts

// The framework whose text a reflection's accounts are drawn from: the one the learner last used
// if they wrote anything under it, otherwise the first (in the course's order) with any text.
function pfSourceFramework(entry, frameworks) {
  const texts = pfIsObject(entry && entry.texts) ? entry.texts : {};
  const written = (id) => pfIsObject(texts[id]) && Object.values(texts[id]).some(pfHas);
  const current = entry && typeof entry.framework === "string" ? entry.framework : "";
  if (current && written(current)) return current;
  for (const f of frameworks || []) if (f && written(f.id)) return f.id;
  return Object.keys(texts).find(written) || current || "";
}

// The parts of a framework in order, as [{id, heading, text}]: parts the course knows first,
// then any other part the learner wrote in (from an older version of the course, say).
function pfParts(entry, frameworkId, frameworks) {
  const texts = pfIsObject(entry && entry.texts) && pfIsObject(entry.texts[frameworkId]) ? entry.texts[frameworkId] : {};
  const framework = (frameworks || []).find((f) => f && f.id === frameworkId);
  const known = framework && Array.isArray(framework.parts) ? framework.parts : [];
  const parts = known.map((p) => ({ id: p.id, heading: p.heading || p.id, text: pfString(texts[p.id]) }));
  for (const [id, text] of Object.entries(texts)) {
    if (!known.some((p) => p.id === id) && typeof text === "string") parts.push({ id, heading: id, text });
  }
  return parts;
}

function pfJoin(parts, ids) {
  return ids
    .map((id) => parts.find((p) => p.id === id))
    .filter((p) => p && pfHas(p.text))
    .map((p) => p.text.trim())
    .join("\n\n");
}

// Pre-filled NMC account and HCPC entry for a saved reflection (before any edit).
function pfPrefill(entry, frameworks) {
  const frameworkId = pfSourceFramework(entry, frameworks);
  const parts = pfParts(entry, frameworkId, frameworks);
  let map = PF_FRAMEWORK_MAP[frameworkId];
  if (!map) {
    // An unknown framework: first part -> nature, last -> changed, the rest -> learned.
    const ids = parts.map((p) => p.id);
    map = { nature: ids.slice(0, 1), learned: [], changed: [], code: [] };
    if (ids.length === 2) map.learned = ids.slice(1);
    if (ids.length > 2) {
      map.learned = ids.slice(1, -1);
      map.changed = ids.slice(-1);
    }
  }
  const nmc = {};
  for (const q of PF_NMC_QUESTIONS) nmc[q.id] = pfJoin(parts, map[q.id] || []);
  const everything = parts.map((p) => p.text).join("\n");
  nmc.themes = PF_CODE_THEMES.filter((t) => t.words.test(everything)).map((t) => t.id);
  const hcpc = { activity: nmc.nature, learned: nmc.learned, improved: nmc.changed, benefits: "" };
  return { framework: frameworkId, parts, nmc, hcpc };
}

// -------------------------------------------------------------------- the portfolio, assembled

// input: {
//   generated: ISO time of this record,
//   edits: pfCleanEdits(...),
//   frameworks: the frameworks trait,
//   reflections: [{id, title, page, pageTitle, entry: the saved reflection value}],
//   pages: [{docname, title, minutes, done, total, read, complete,
//            activities: [{kind, id, title, state, updated}], readUpdated}],
// }
function pfAssemble(input) {
  const edits = input.edits || pfCleanEdits(null);
  const frameworks = input.frameworks || [];
  const details = {
    name: pfString(edits.details.name),
    body: PF_BODIES.some((b) => b.id === edits.details.body) ? edits.details.body : "",
    bodyOther: pfString(edits.details.bodyOther),
    summary: pfString(edits.details.summary),
  };

  const accounts = (input.reflections || []).map((r) => {
    const prefill = pfPrefill(r.entry, frameworks);
    const edit = edits.accounts[r.id] || { nmc: {}, hcpc: {} };
    const framework = frameworks.find((f) => f && f.id === prefill.framework);
    const nmc = {};
    const edited = { nmc: {}, hcpc: {} };
    for (const q of PF_NMC_QUESTIONS) {
      edited.nmc[q.id] = typeof edit.nmc[q.id] === "string";
      nmc[q.id] = edited.nmc[q.id] ? edit.nmc[q.id] : prefill.nmc[q.id];
    }
    edited.nmc.themes = Array.isArray(edit.nmc.themes);
    nmc.themes = edited.nmc.themes ? edit.nmc.themes.slice() : prefill.nmc.themes;
    const hcpc = {};
    for (const f of PF_HCPC_FIELDS) {
      edited.hcpc[f.id] = typeof edit.hcpc[f.id] === "string";
      hcpc[f.id] = edited.hcpc[f.id] ? edit.hcpc[f.id] : prefill.hcpc[f.id];
    }
    return {
      id: r.id,
      title: r.title || r.id,
      page: r.page || "",
      pageTitle: r.pageTitle || r.page || "",
      updated: pfString(r.entry && r.entry.updated),
      complete: Boolean(r.entry && r.entry.complete === true),
      framework: prefill.framework,
      frameworkName: framework ? framework.name : prefill.framework,
      original: prefill.parts,
      prefill: { nmc: prefill.nmc, hcpc: prefill.hcpc },
      nmc,
      hcpc,
      edited,
    };
  });

  const log = [];
  for (const page of input.pages || []) {
    const doneActivities = (page.activities || []).filter((a) => a.state === "done");
    if (!doneActivities.length && !page.read) continue;
    const minutes = Number.isFinite(page.minutes) ? page.minutes : 0;
    const total = page.total || 0;
    // As on the progress page: a page's time counts once all its activities are done (or, for a
    // page without activities, once it is marked as read). The learner may enter their own hours.
    const estimate = page.complete ? cpdHours(minutes) : 0;
    const edit = edits.log[page.docname] || {};
    const hours = typeof edit.hours === "number" ? edit.hours : estimate;
    const participatory = edit.participatory === true;
    log.push({
      page: page.docname,
      title: page.title || page.docname,
      date: pfLatest([...doneActivities.map((a) => a.updated), page.read ? page.readUpdated : ""]),
      method: PF_METHOD,
      done: doneActivities.length,
      total,
      complete: Boolean(page.complete),
      read: Boolean(page.read),
      minutes,
      estimate,
      hours,
      participatory,
      link: pfString(edit.link),
      activities: doneActivities.map((a) => ({
        kind: a.kind,
        id: a.id,
        title: a.title || a.id,
        updated: pfString(a.updated),
      })),
    });
  }
  const sum = (pick) => Math.round(log.reduce((n, row) => n + pick(row), 0) * 100) / 100;
  return {
    course: PF_COURSE,
    generated: input.generated || "",
    details,
    accounts,
    log,
    totals: {
      hours: sum((row) => row.hours),
      participatory: sum((row) => (row.participatory ? row.hours : 0)),
      activities: log.reduce((n, row) => n + row.done, 0),
    },
  };
}

// ------------------------------------------------------------------------ the document model
// {title, blocks, sections: [{heading, blocks, subsections: [{heading, blocks, parts: [...]}]}]}
// Block types:
//   {type: "p", text, learner?, where?, note?}     a paragraph (note: shown in italics)
//   {type: "field", label, text, learner?, where?}  "Label: text"
//   {type: "answer", heading, text, where}         a question with the learner's answer
//   {type: "checklist", label, items: [{label, checked}]}
//   {type: "list", items: [text or {text, items: [text]}]}
//   {type: "table", caption, head: [..], rows: [[cell]], foot: [..]}  cell: text or {text, learner, where}

function pfBodyLabel(details) {
  if (details.body === "other") return pfHas(details.bodyOther) ? details.bodyOther.trim() : "Another body";
  const body = PF_BODIES.find((b) => b.id === details.body);
  return body ? body.label : "";
}

function pfActivityLine(activity) {
  const kind = PF_KINDS[activity.kind] || "Activity";
  const when = pfDate(activity.updated);
  return `${kind}: ${activity.title}${when ? ` (${when})` : ""}`;
}

function pfDocument(portfolio) {
  const p = portfolio;
  const d = p.details;
  const doc = {
    title: `CPD portfolio: ${p.course}`,
    blocks: [
      {
        type: "p",
        text: `Prepared${pfDate(p.generated) ? ` on ${pfDate(p.generated)}` : ""} from the course "${p.course}", from what was saved in the learner's browser. Nothing was sent anywhere.`,
      },
    ],
    sections: [],
  };

  // About the learner.
  const about = [];
  if (pfHas(d.name)) about.push({ type: "field", label: "Name", text: d.name.trim() });
  if (pfBodyLabel(d)) about.push({ type: "field", label: "Registration body", text: pfBodyLabel(d) });
  about.push({
    type: "answer",
    heading: "Summary of practice",
    text: d.summary,
    learner: true,
    where: "About you: summary of practice",
  });
  doc.sections.push({ heading: "About me", blocks: about, subsections: [] });

  // Statement of completion.
  const statement = [
    { type: "p", text: PF_SELF_DECLARED, note: true },
  ];
  if (p.log.length) {
    statement.push({
      type: "p",
      text: `${pfHas(d.name) ? d.name.trim() : "The learner"} declares that they completed these parts of the online course "${p.course}":`,
    });
    statement.push({
      type: "list",
      items: p.log.map((row) => ({
        text: `${row.title}: ${row.total ? `${row.done} of ${row.total} activities done` : "page read"}${row.date ? `, last on ${pfDate(row.date)}` : ""}; ${pfHours(row.hours)} hours`,
        items: row.activities.map(pfActivityLine),
      })),
    });
    statement.push({
      type: "p",
      text: `Total: ${pfHours(p.totals.hours)} hours, of which ${pfHours(p.totals.participatory)} participatory.`,
    });
  } else {
    statement.push({ type: "p", text: "No course activities are recorded as done on this device yet." });
  }
  doc.sections.push({ heading: "Statement of completion", blocks: statement, subsections: [] });

  // CPD log.
  const logBlocks = [];
  if (p.log.length) {
    logBlocks.push({
      type: "table",
      caption: "CPD log",
      head: ["Date", "Activity", "Method", "Hours", "Participatory hours", "Link to practice"],
      rows: p.log.map((row) => [
        pfDate(row.date),
        `${row.title}${row.total ? ` (${row.done} of ${row.total} activities)` : ""}`,
        row.method,
        pfHours(row.hours),
        pfHours(row.participatory ? row.hours : 0),
        { text: row.link, learner: true, where: `CPD log: link to practice for "${row.title}"` },
      ]),
      foot: ["Total", "", "", pfHours(p.totals.hours), pfHours(p.totals.participatory), ""],
    });
    logBlocks.push({
      type: "p",
      note: true,
      text: "Hours are the course's estimate for each finished page (reading and activities), unless the learner entered their own; a page counts no hours until all its activities are done. Participatory hours are those the learner marked as done with others.",
    });
  } else {
    logBlocks.push({ type: "p", text: "No course activities are recorded as done on this device yet." });
  }
  doc.sections.push({ heading: "CPD log", blocks: logBlocks, subsections: [] });

  // NMC reflective accounts.
  const nmc = { heading: "NMC reflective accounts", blocks: [], subsections: [] };
  if (!p.accounts.length) nmc.blocks.push({ type: "p", text: "No reflections are saved on this device yet." });
  p.accounts.forEach((account, index) => {
    const where = (what) => `Reflective account ${index + 1} ("${account.title}"): ${what}`;
    const blocks = [
      { type: "p", text: `From the course page "${account.pageTitle}".${pfDate(account.updated) ? ` Reflection last saved on ${pfDate(account.updated)}.` : ""}` },
    ];
    for (const q of PF_NMC_QUESTIONS) {
      blocks.push({ type: "answer", heading: q.heading, text: account.nmc[q.id], learner: true, where: where(q.heading) });
    }
    blocks.push({
      type: "checklist",
      label: "Themes of the Code",
      items: PF_CODE_THEMES.map((t) => ({ label: t.label, checked: account.nmc.themes.includes(t.id) })),
    });
    nmc.subsections.push({ heading: `Reflective account ${index + 1}: ${account.title}`, blocks });
  });
  doc.sections.push(nmc);

  // HCPC CPD profile.
  const hcpc = { heading: "HCPC CPD profile", blocks: [], subsections: [] };
  hcpc.blocks.push({
    type: "p",
    text: "The summary of practice is under \"About me\" and the dated list of activities is the CPD log above.",
  });
  if (!p.accounts.length) hcpc.blocks.push({ type: "p", text: "No reflections are saved on this device yet." });
  p.accounts.forEach((account, index) => {
    const blocks = PF_HCPC_FIELDS.map((f) => ({
      type: "answer",
      heading: f.heading,
      text: account.hcpc[f.id],
      learner: true,
      where: `HCPC entry ${index + 1} ("${account.title}"): ${f.heading}`,
    }));
    hcpc.subsections.push({ heading: `CPD activity ${index + 1}: ${account.title}`, blocks });
  });
  doc.sections.push(hcpc);
  return doc;
}

// Every piece of learner text in the record, as [{where, text}], for the privacy check.
function pfLearnerTexts(doc) {
  const out = [];
  const take = (block) => {
    if (block.learner && pfHas(block.text)) out.push({ where: block.where || "", text: block.text });
    if (block.type === "table") {
      for (const row of block.rows) {
        for (const cell of row) if (pfIsObject(cell) && cell.learner && pfHas(cell.text)) out.push({ where: cell.where || "", text: cell.text });
      }
    }
  };
  (doc.blocks || []).forEach(take);
  for (const section of doc.sections) {
    section.blocks.forEach(take);
    for (const sub of section.subsections) sub.blocks.forEach(take);
  }
  return out;
}

// findIdentifiers (privacy.js) over each text: [{where, kind, label, text, why}].
function pfFindings(texts) {
  const out = [];
  for (const item of texts) {
    for (const f of findIdentifiers(item.text)) {
      out.push({ where: item.where, kind: f.kind, label: f.label, text: f.text, why: f.why });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------ Markdown

// Markdown escapes only what would change the record's structure or be read as HTML: a "<" that
// could open a tag, a line that would become a heading, and "|" or line breaks inside a table.
function pfMdText(text) {
  return String(text)
    .replace(/\r\n?/g, "\n")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<")
    .split("\n")
    .map((line) => line.replace(/^( {0,3})(#{1,6})(?=\s|$)/, "$1\\$2").replace(/^( {0,3})(=+|-+)(\s*)$/, "$1\\$2$3"))
    .join("\n");
}

function pfMdCell(cell) {
  const text = pfIsObject(cell) ? pfString(cell.text) : String(cell);
  return pfMdText(text.replace(/\s*[\r\n]+\s*/g, " ").trim()).replace(/\|/g, "\\|");
}

function pfMdBlock(block) {
  switch (block.type) {
    case "p":
      return block.note ? `*${pfMdText(block.text)}*` : pfMdText(block.text);
    case "field":
      return `**${block.label}:** ${pfMdText(block.text)}`;
    case "answer":
      return `**${block.heading}**\n\n${pfHas(block.text) ? pfMdText(block.text.trim()) : `*${PF_NOT_WRITTEN}*`}`;
    case "checklist":
      return `**${block.label}:**\n\n${block.items.map((i) => `- [${i.checked ? "x" : " "}] ${i.label}`).join("\n")}`;
    case "list":
      return block.items
        .map((item) => {
          if (typeof item === "string") return `- ${pfMdText(item)}`;
          const sub = (item.items || []).map((s) => `  - ${pfMdText(s)}`);
          return [`- ${pfMdText(item.text)}`, ...sub].join("\n");
        })
        .join("\n");
    case "table": {
      const line = (cells) => `| ${cells.map(pfMdCell).join(" | ")} |`;
      const rows = [line(block.head), `|${block.head.map(() => " --- ").join("|")}|`, ...block.rows.map(line)];
      if (block.foot) rows.push(line(block.foot.map((c, i) => (i === 0 ? `**${c}**` : c))));
      return rows.join("\n");
    }
    default:
      return "";
  }
}

function pfMarkdownFromDocument(doc) {
  const out = [`# ${doc.title}`];
  (doc.blocks || []).forEach((b) => out.push(pfMdBlock(b)));
  for (const section of doc.sections) {
    out.push(`## ${section.heading}`);
    section.blocks.forEach((b) => out.push(pfMdBlock(b)));
    for (const sub of section.subsections) {
      out.push(`### ${pfMdText(sub.heading)}`);
      sub.blocks.forEach((b) => out.push(pfMdBlock(b)));
    }
  }
  return `${out.filter((s) => s !== "").join("\n\n")}\n`;
}

function pfMarkdown(portfolio) {
  return pfMarkdownFromDocument(pfDocument(portfolio));
}

// The print view's model: the same document, with no HTML anywhere in it.
function pfPrintModel(portfolio) {
  return pfDocument(portfolio);
}

// ------------------------------------------------------------------------------ backups

// items: {key: raw stored text}. Only course keys are kept; values are copied as stored, so an
// import restores them byte for byte.
function pfMakeBackup(items, exported) {
  const keys = Object.keys(items || {}).filter((k) => k.startsWith(PF_PREFIX)).sort();
  const out = {};
  for (const key of keys) out[key] = String(items[key]);
  return JSON.stringify(
    { format: PF_FORMAT, version: PF_BACKUP_VERSION, exported: exported || "", count: keys.length, items: out },
    null,
    1,
  );
}

function pfRefuse(reason, message) {
  return { ok: false, reason, message: `${message} Nothing on this device has been changed.` };
}

// -> {ok: true, entries: [[key, value], ...], exported, count} or {ok: false, reason, message}.
// The whole file is checked before anything is written.
function pfParseBackup(text) {
  if (typeof text !== "string" || text.trim() === "") {
    return pfRefuse("empty", "This file is empty, so it is not a course backup.");
  }
  let data;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return pfRefuse("not-json", "This file is not a course backup: it is not readable as JSON.");
  }
  if (!pfIsObject(data) || data.format !== PF_FORMAT) {
    return pfRefuse("foreign", "This file is not a backup from this course (it may come from another app or website).");
  }
  if (data.version !== PF_BACKUP_VERSION) {
    const newer = typeof data.version === "number" && data.version > PF_BACKUP_VERSION;
    return pfRefuse(
      "version",
      newer
        ? `This backup was made by a newer version of the course (backup version ${data.version}); this page can only read version ${PF_BACKUP_VERSION}.`
        : `This backup has a version this page does not recognise (${JSON.stringify(data.version === undefined ? null : data.version)}); it can only read version ${PF_BACKUP_VERSION}.`,
    );
  }
  if (!pfIsObject(data.items)) {
    return pfRefuse("malformed", "This course backup is damaged: its list of saved items is missing.");
  }
  const entries = Object.entries(data.items);
  for (const [key, value] of entries) {
    if (!key.startsWith(PF_PREFIX) || key.length === PF_PREFIX.length) {
      return pfRefuse("malformed", "This course backup is damaged: it holds an item that does not belong to the course.");
    }
    if (typeof value !== "string") {
      return pfRefuse("malformed", "This course backup is damaged: one of its saved items is not in the right form.");
    }
  }
  if (data.count !== undefined && data.count !== entries.length) {
    return pfRefuse("malformed", "This course backup is incomplete: it holds fewer or more items than it says.");
  }
  if (data.exported !== undefined && typeof data.exported !== "string") {
    return pfRefuse("malformed", "This course backup is damaged: its date is not in the right form.");
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { ok: true, entries, exported: data.exported || "", count: entries.length };
}

// Learner text in a backup, for the privacy check: reflection texts, portfolio text and any
// unreadable entry set aside (which could hold anything). titles: {reflectionId: title}.
function pfBackupTexts(items, titles, frameworks) {
  const out = [];
  const add = (where, text) => {
    if (pfHas(text)) out.push({ where, text });
  };
  for (const key of Object.keys(items || {}).sort()) {
    const raw = items[key];
    const rest = key.slice(PF_PREFIX.length);
    if (rest.includes(":unreadable:")) {
      add("An unreadable saved entry kept aside", raw);
      continue;
    }
    let value;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      add(`A saved entry that cannot be read (${rest})`, raw);
      continue;
    }
    if (!pfIsObject(value)) continue;
    if (rest.startsWith("reflection:") && pfIsObject(value.texts)) {
      const id = rest.slice("reflection:".length);
      const title = (titles && titles[id]) || id;
      for (const [frameworkId, parts] of Object.entries(value.texts)) {
        if (!pfIsObject(parts)) continue;
        const framework = (frameworks || []).find((f) => f && f.id === frameworkId);
        for (const [partId, text] of Object.entries(parts)) {
          const part = framework && Array.isArray(framework.parts) ? framework.parts.find((x) => x.id === partId) : null;
          add(`Reflection "${title}": ${part ? part.heading : partId}`, pfString(text));
        }
      }
    } else if (rest === PF_STORE_KEY) {
      const edits = pfCleanEdits(value);
      add("Portfolio: summary of practice", edits.details.summary);
      for (const [id, account] of Object.entries(edits.accounts)) {
        const title = (titles && titles[id]) || id;
        for (const q of PF_NMC_QUESTIONS) add(`Portfolio, NMC account for "${title}": ${q.heading}`, account.nmc[q.id]);
        for (const f of PF_HCPC_FIELDS) add(`Portfolio, HCPC entry for "${title}": ${f.heading}`, account.hcpc[f.id]);
      }
      for (const [docname, row] of Object.entries(edits.log)) add(`Portfolio, CPD log (${docname}): link to practice`, row.link);
    }
  }
  return out;
}
