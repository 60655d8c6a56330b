// CPD portfolio: the learner's record, built from what this browser has saved, with exports.
// core.js, privacy.js (findIdentifiers, summariseFindings), progress_core.js (pageProgress,
// readProgressEntry, cpdHours) and portfolio_format.js (the pure record logic) come first.
//
// Nothing leaves the device: files are made in the browser. The learner's own edits are kept
// under "selfhelp-course:portfolio" and never change the reflections they came from. Everything
// the learner wrote is put on the page as text (value, textContent), never as HTML.

const PF_SAVE_DELAY = 400; // ms after the last keystroke before saving
const PF_MAX_LISTED = 40; // privacy findings listed before an export; the rest are counted

// Every course key and its raw stored text, or {status: "unavailable"}.
function pfReadItems() {
  try {
    const storage = window.localStorage;
    const items = {};
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(PF_PREFIX)) items[key] = storage.getItem(key);
    }
    return { status: "ok", items };
  } catch (error) {
    return { status: "unavailable" };
  }
}

function pfStorageReason(error) {
  return error && (error.name === "QuotaExceededError" || error.code === 22) ? "full" : "unavailable";
}

function pfToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function pfClock(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function pfItems(count) {
  return `${count} saved ${count === 1 ? "item" : "items"}`;
}

function pfWrittenTexts(texts) {
  if (!pfIsObject(texts)) return false;
  return Object.values(texts).some((parts) => pfIsObject(parts) && Object.values(parts).some(pfHas));
}

// ------------------------------------------------------------------ the record as a DOM tree
// headings: real h1-h4 (the print copy, a document of its own) or styled paragraphs (the view
// inside the widget, which must not add headings to the course page).
function pfRenderDocument(doc, headings) {
  const heading = (level, text) =>
    headings ? h(`h${level}`, { class: `pf-doc-h${level}` }, text) : h("p", { class: `pf-doc-h${level}` }, h("strong", {}, text));
  const block = (b) => {
    switch (b.type) {
      case "p":
        return h("p", { class: b.note ? "pf-doc-note" : "pf-doc-p" }, b.text);
      case "field":
        return h("p", { class: "pf-doc-field" }, h("strong", {}, `${b.label}: `), b.text);
      case "answer":
        return h(
          "div",
          { class: "pf-doc-answer" },
          heading(4, b.heading),
          pfHas(b.text) ? h("p", { class: "pf-doc-text" }, b.text.trim()) : h("p", { class: "pf-doc-note" }, PF_NOT_WRITTEN),
        );
      case "checklist":
        return h(
          "div",
          { class: "pf-doc-checklist" },
          h("p", {}, h("strong", {}, `${b.label}:`)),
          h("ul", {}, b.items.map((i) => h("li", {}, `${i.checked ? "[x]" : "[ ]"} ${i.label}`, h("span", { class: "course-sr-only" }, i.checked ? " (ticked)" : " (not ticked)")))),
        );
      case "list":
        return h(
          "ul",
          { class: "pf-doc-list" },
          b.items.map((item) =>
            typeof item === "string"
              ? h("li", {}, item)
              : h("li", {}, item.text, item.items && item.items.length ? h("ul", {}, item.items.map((s) => h("li", {}, s))) : null),
          ),
        );
      case "table": {
        const text = (cell) => (pfIsObject(cell) ? pfString(cell.text) : String(cell));
        return h(
          "table",
          { class: "pf-doc-table" },
          h("caption", {}, b.caption),
          h("thead", {}, h("tr", {}, b.head.map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, b.rows.map((row) => h("tr", {}, row.map((c) => h("td", {}, text(c)))))),
          b.foot ? h("tfoot", {}, h("tr", {}, b.foot.map((c) => h("td", {}, c)))) : null,
        );
      }
      default:
        return null;
    }
  };
  return h(
    "div",
    { class: "pf-doc" },
    heading(1, doc.title),
    (doc.blocks || []).map(block),
    doc.sections.map((section) =>
      h(
        "section",
        { class: "pf-doc-section" },
        heading(2, section.heading),
        section.blocks.map(block),
        section.subsections.map((sub) => h("div", { class: "pf-doc-sub" }, heading(3, sub.heading), sub.blocks.map(block))),
      ),
    ),
  );
}

// ------------------------------------------------------------------------------ the widget

function render({ model, el }) {
  const manifest = pfIsObject(model.get("manifest")) ? model.get("manifest") : { pages: [] };
  const frameworks = (model.get("frameworks") || []).filter((f) => f && typeof f.id === "string" && Array.isArray(f.parts));
  const prefix = progressPrefix(manifest);
  const store = openStore(PF_STORE_KEY);
  const uid = uniqueId("pf");
  const pages = Array.isArray(manifest.pages) ? manifest.pages.filter(pfIsObject) : [];
  const titles = {};
  for (const page of pages) {
    for (const a of page.activities || []) if (a && a.kind === "reflection") titles[a.id] = a.title || a.id;
  }

  let edits = pfCleanEdits(null);
  let data = { reflections: [], pages: [] };
  let problem = null; // "unavailable" | "full" | "corrupt"
  let dirty = false;
  let saveTimer = null;
  let pendingImport = null;
  let printRoot = null;

  // ---------------------------------------------------------------- page structure
  const status = h("p", { class: "course-status pf-status", role: "status", "aria-live": "polite" });
  const notice = h("p", { class: "course-notice pf-notice", hidden: true });

  const nameInput = h("input", { type: "text", id: `${uid}-name`, class: "pf-input", autocomplete: "name", "aria-describedby": `${uid}-name-hint` });
  const bodyRadios = [{ id: "", label: "Not given" }, ...PF_BODIES].map((b, i) =>
    h("input", { type: "radio", name: `${uid}-body`, id: `${uid}-body-${i}`, value: b.id }),
  );
  const bodyOtherInput = h("input", { type: "text", id: `${uid}-body-other`, class: "pf-input" });
  const bodyOtherBox = h("div", { class: "pf-field", hidden: true }, h("label", { for: bodyOtherInput.id, class: "pf-label" }, "Name of the body"), bodyOtherInput);
  const summaryInput = h("textarea", { id: `${uid}-summary`, class: "pf-text", rows: 5, "aria-describedby": `${uid}-summary-hint` });
  const about = h(
    "fieldset",
    { class: "pf-section pf-about" },
    h("legend", {}, "About you (optional)"),
    h("p", { class: "pf-hint" }, "These details are only for your own copy of the record. They are kept in this browser on this device."),
    h(
      "div",
      { class: "pf-field" },
      h("label", { for: nameInput.id, class: "pf-label" }, "Your name for the record"),
      h("p", { class: "pf-hint", id: `${uid}-name-hint` }, "Leave it blank if you prefer. It is not checked by the privacy check, because it is your own."),
      nameInput,
    ),
    h(
      "fieldset",
      { class: "pf-bodies" },
      h("legend", {}, "Your profession's regulator"),
      bodyRadios.map((input, i) =>
        h("div", { class: "pf-choice" }, input, h("label", { for: input.id }, [{ label: "Not given" }, ...PF_BODIES][i].label)),
      ),
      bodyOtherBox,
    ),
    h(
      "div",
      { class: "pf-field" },
      h("label", { for: summaryInput.id, class: "pf-label" }, "Summary of practice (the HCPC CPD profile asks for one)"),
      h(
        "p",
        { class: "pf-hint", id: `${uid}-summary-hint` },
        "A short description of your role and the people you work with, in general terms. Leave out anything that could identify the people you work with.",
      ),
      summaryInput,
    ),
  );

  const accountsBox = h("div", { class: "pf-accounts" });
  const accounts = h(
    "fieldset",
    { class: "pf-section pf-accounts-section" },
    h("legend", {}, "Your reflective accounts"),
    h(
      "p",
      { class: "pf-hint" },
      "Each reflection you have saved on this device becomes an NMC reflective account and an HCPC CPD profile entry, filled in from what you wrote. Change them as you like: your changes are kept in your portfolio, and the reflection on its course page stays as you wrote it.",
    ),
    accountsBox,
  );

  const logBox = h("div", { class: "pf-log-box" });
  const logSection = h(
    "fieldset",
    { class: "pf-section pf-log-section" },
    h("legend", {}, "CPD log"),
    h(
      "p",
      { class: "pf-hint" },
      "One row for each course page where you have done activities on this device. Hours start from the course's estimate for each finished page (as on your progress page, a page counts once all its activities are done); change them to the time you actually spent. NMC revalidation asks for 35 hours of CPD over three years, at least 20 of them participatory (learning with other people).",
    ),
    logBox,
  );

  const statementBox = h("div", { class: "pf-statement-box" });
  const statement = h(
    "fieldset",
    { class: "pf-section pf-statement" },
    h("legend", {}, "Statement of completion"),
    h("p", { class: "pf-declared" }, PF_SELF_DECLARED),
    statementBox,
  );

  // Exports.
  const markdownButton = h("button", { type: "button", class: "course-button" }, "Download Markdown");
  const printButton = h("button", { type: "button", class: "course-button" }, "Print or save as PDF");
  const backupButton = h("button", { type: "button", class: "course-button course-button-secondary" }, "Download backup (JSON)");
  const importInput = h("input", { type: "file", id: `${uid}-import`, class: "pf-file", accept: ".json,application/json", "aria-describedby": `${uid}-import-hint` });
  const privacyPanel = h("div", { class: "pf-privacy", id: `${uid}-privacy`, role: "region", "aria-labelledby": `${uid}-privacy-title`, tabindex: "-1", hidden: true });
  const importConfirm = h("div", { class: "pf-confirm", id: `${uid}-import-confirm`, role: "region", "aria-labelledby": `${uid}-import-confirm-title`, tabindex: "-1", hidden: true });
  const message = h("p", { class: "pf-message", role: "status", "aria-live": "polite" });
  const printView = h("div", { class: "pf-print-view", id: `${uid}-print`, role: "region", "aria-label": "Print view of your CPD record", tabindex: "-1", hidden: true });
  const exportsSection = h(
    "fieldset",
    { class: "pf-section pf-exports" },
    h("legend", {}, "Keep a copy, or move your record"),
    h("p", { class: "pf-hint" }, "Files are made in your browser and saved where you choose; nothing is sent anywhere. Before any export the privacy check lists anything that looks identifying."),
    h("div", { class: "course-actions" }, markdownButton, printButton, backupButton),
    privacyPanel,
    h(
      "div",
      { class: "pf-field pf-import" },
      h("label", { for: importInput.id, class: "pf-label" }, "Import backup (a JSON file from this course)"),
      h(
        "p",
        { class: "pf-hint", id: `${uid}-import-hint` },
        "Use a backup made with \u201cDownload backup (JSON)\u201d on another device or browser. Importing replaces the course data in this browser with the backup's.",
      ),
      importInput,
    ),
    importConfirm,
    message,
    printView,
  );

  // Clearing.
  const clearButton = h("button", { type: "button", class: "course-button pf-button-danger" }, "Clear all my course data from this device");
  const clearConfirm = h("div", { class: "pf-confirm", id: `${uid}-clear-confirm`, role: "region", "aria-labelledby": `${uid}-clear-confirm-title`, tabindex: "-1", hidden: true });
  const clearSection = h(
    "fieldset",
    { class: "pf-section pf-clear" },
    h("legend", {}, "Delete your course data"),
    h(
      "p",
      { class: "pf-hint" },
      "This deletes everything the course has saved in this browser: your answers, reflections, progress and this portfolio. Download a backup first if you want to keep them.",
    ),
    h("div", { class: "course-actions" }, clearButton),
    clearConfirm,
  );

  const root = h(
    "div",
    { class: "course-widget pf", "data-portfolio-id": "portfolio" },
    h("p", { class: "pf-intro" }, "Your CPD record, built from what you have done in this course in this browser. It stays on this device unless you export it."),
    status,
    notice,
    about,
    accounts,
    logSection,
    statement,
    exportsSection,
    clearSection,
  );
  el.append(root);

  // ---------------------------------------------------------------- storage messages
  function tell(reason) {
    problem = reason;
    if (!reason) {
      notice.hidden = true;
      notice.textContent = "";
      return;
    }
    const extra = {
      unavailable: " Your reflections and progress cannot be read either, so the record below only holds what you type on this page. The exports still work from it.",
      full: " Export your record or download a backup to keep your changes.",
      corrupt: " Your reflections and progress are not affected.",
    }[reason];
    notice.textContent = (reason === "corrupt"
      ? "Your saved portfolio changes could not be read, so they were set aside and the record starts again from your reflections."
      : STORAGE_MESSAGES[reason]) + extra;
    notice.hidden = false;
  }

  function say(text) {
    announce(message, text);
  }

  // ---------------------------------------------------------------- reading
  function gather() {
    const reflections = [];
    const rows = [];
    for (const page of pages) {
      const progress = pageProgress(manifest, page);
      const activities = progress.activities.map((a) => {
        const entry = readProgressEntry(`${prefix}${a.kind}:${a.id}`);
        const value = entry.status === "ok" ? entry.value : null;
        if (a.kind === "reflection" && value && pfWrittenTexts(value.texts)) {
          reflections.push({ id: a.id, title: a.title || a.id, page: progress.docname, pageTitle: progress.title, entry: value });
        }
        return { ...a, updated: value ? pfString(value.updated) : "" };
      });
      let readUpdated = "";
      if (progress.read) {
        const entry = readProgressEntry(`${prefix}read:${progress.docname}`);
        readUpdated = entry.status === "ok" ? pfString(entry.value.updated) : "";
      }
      rows.push({
        docname: progress.docname,
        title: progress.title,
        minutes: progress.minutes,
        done: progress.done,
        total: progress.total,
        read: progress.read,
        complete: progress.complete,
        activities,
        readUpdated,
      });
    }
    return { reflections, pages: rows };
  }

  function loadEdits() {
    const saved = store.read();
    if (saved.status === "ok") {
      if (pfIsObject(saved.value)) {
        edits = pfCleanEdits(saved.value);
        if (problem === "corrupt") tell(null);
      } else {
        try {
          window.localStorage.setItem(`${store.key}:unreadable:${Date.now()}`, JSON.stringify(saved.value));
        } catch (ignored) {
          /* storage refused: nothing more can be done */
        }
        edits = pfCleanEdits(null);
        tell("corrupt");
      }
    } else {
      edits = pfCleanEdits(null);
      if (saved.status === "corrupt" || saved.status === "unavailable") tell(saved.status);
    }
  }

  function portfolio() {
    return pfAssemble({
      generated: new Date().toISOString(),
      edits,
      frameworks,
      reflections: data.reflections,
      pages: data.pages,
    });
  }

  // ---------------------------------------------------------------- saving edits
  function save() {
    window.clearTimeout(saveTimer);
    saveTimer = null;
    dirty = false;
    const now = new Date();
    const result = store.write(pfEditsValue(edits, now.toISOString()));
    if (result.ok) {
      if (problem === "unavailable" || problem === "full") tell(null);
      const text = `Your portfolio changes are saved on this device (at ${pfClock(now)}).`;
      if (status.textContent !== text) status.textContent = text;
    } else {
      if (problem !== result.reason) tell(result.reason);
      const text = result.reason === "full"
        ? "Not saved: this browser's storage is full. Your changes stay on this page until you leave it, and the exports include them."
        : "Not saved: this browser is not letting the course save. Your changes stay on this page until you leave it, and the exports include them.";
      if (status.textContent !== text) status.textContent = text;
    }
  }

  function changed() {
    dirty = true;
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(save, PF_SAVE_DELAY);
    scheduleDerived();
  }

  function saveIfChanged() {
    if (dirty) save();
  }
  function onVisibility() {
    if (document.visibilityState === "hidden") saveIfChanged();
  }
  window.addEventListener("pagehide", saveIfChanged);
  document.addEventListener("visibilitychange", onVisibility);

  // ---------------------------------------------------------------- about you
  nameInput.addEventListener("input", () => {
    edits.details.name = nameInput.value;
    changed();
  });
  bodyRadios.forEach((input) =>
    input.addEventListener("change", () => {
      if (!input.checked) return;
      edits.details.body = input.value;
      bodyOtherBox.hidden = input.value !== "other";
      changed();
    }),
  );
  bodyOtherInput.addEventListener("input", () => {
    edits.details.bodyOther = bodyOtherInput.value;
    changed();
  });
  summaryInput.addEventListener("input", () => {
    edits.details.summary = summaryInput.value;
    changed();
  });

  function showAbout(p) {
    nameInput.value = p.details.name;
    bodyRadios.forEach((input) => {
      input.checked = input.value === p.details.body;
    });
    bodyOtherInput.value = p.details.bodyOther;
    bodyOtherBox.hidden = p.details.body !== "other";
    summaryInput.value = p.details.summary;
  }

  // ---------------------------------------------------------------- accounts
  function accountEdit(id) {
    if (!edits.accounts[id]) edits.accounts[id] = { nmc: Object.create(null), hcpc: Object.create(null) };
    return edits.accounts[id];
  }

  function field(idBase, labelText, value, onInput, hint) {
    const textarea = h("textarea", { id: idBase, class: "pf-text", rows: 4, "aria-describedby": hint ? `${idBase}-hint` : null });
    textarea.value = value;
    textarea.addEventListener("input", () => onInput(textarea.value));
    return h(
      "div",
      { class: "pf-field" },
      h("label", { for: idBase, class: "pf-label" }, labelText),
      hint ? h("p", { class: "pf-hint", id: `${idBase}-hint` }, hint) : null,
      textarea,
    );
  }

  function buildAccount(account, index) {
    const base = `${uid}-acc-${index}`;
    const written = account.original.filter((part) => pfHas(part.text));
    const saved = pfDate(account.updated);
    const original = h(
      "details",
      { class: "pf-original" },
      h("summary", {}, "Your reflection as written"),
      h("p", { class: "pf-hint" }, `Written with: ${account.frameworkName || "a reflective framework"}.`),
      written.map((part) => h("div", { class: "pf-original-part" }, h("p", {}, h("strong", {}, part.heading)), h("p", { class: "pf-pre" }, part.text))),
    );
    const nmcFields = PF_NMC_QUESTIONS.map((q) =>
      field(`${base}-nmc-${q.id}`, q.heading, account.nmc[q.id], (value) => {
        accountEdit(account.id).nmc[q.id] = value;
        changed();
      }),
    );
    const themeInputs = PF_CODE_THEMES.map((t) => {
      const input = h("input", { type: "checkbox", id: `${base}-theme-${t.id}`, value: t.id });
      input.checked = account.nmc.themes.includes(t.id);
      input.addEventListener("change", () => {
        accountEdit(account.id).nmc.themes = themeInputs.filter((i) => i.checked).map((i) => i.value);
        changed();
      });
      return input;
    });
    const themes = h(
      "fieldset",
      { class: "pf-themes" },
      h("legend", {}, "Themes of the Code this account relates to"),
      themeInputs.map((input, i) => h("div", { class: "pf-choice" }, input, h("label", { for: input.id }, PF_CODE_THEMES[i].label))),
    );
    const hcpcFields = PF_HCPC_FIELDS.map((f) =>
      field(`${base}-hcpc-${f.id}`, f.heading, account.hcpc[f.id], (value) => {
        accountEdit(account.id).hcpc[f.id] = value;
        changed();
      }),
    );
    const resetButton = h("button", { type: "button", class: "course-button course-button-secondary" }, "Fill in again from my reflection");
    resetButton.addEventListener("click", () => {
      delete edits.accounts[account.id];
      save();
      showAccounts(portfolio());
      scheduleDerived();
      const again = accountsBox.querySelector(`[data-reflection-id="${CSS.escape(account.id)}"] .pf-reset`);
      if (again) again.focus();
      say(`The account for \u201c${account.title}\u201d has been filled in again from your reflection.`);
    });
    resetButton.classList.add("pf-reset");
    return h(
      "fieldset",
      { class: "pf-account", "data-reflection-id": account.id },
      h("legend", {}, `Reflection: ${account.title}`),
      h(
        "p",
        { class: "pf-meta" },
        `From the page \u201c${account.pageTitle}\u201d${saved ? `, last saved on ${saved}` : ""}.`,
        account.complete ? "" : " Some parts of this reflection are not written yet.",
      ),
      original,
      h("fieldset", { class: "pf-nmc" }, h("legend", {}, "NMC reflective account"), nmcFields, themes),
      h("fieldset", { class: "pf-hcpc" }, h("legend", {}, "HCPC CPD profile entry"), hcpcFields),
      h("div", { class: "course-actions" }, resetButton),
    );
  }

  function showAccounts(p) {
    if (!p.accounts.length) {
      accountsBox.replaceChildren(
        h("p", { class: "pf-empty" }, "No reflections are saved on this device yet. Write one on any course page and it will appear here."),
      );
      return;
    }
    accountsBox.replaceChildren(...p.accounts.map(buildAccount));
  }

  // ---------------------------------------------------------------- CPD log
  const logCells = new Map(); // docname -> {estimate, participatoryCell}
  let logTotals = null;

  function showLog(p) {
    logCells.clear();
    if (!p.log.length) {
      logTotals = null;
      logBox.replaceChildren(h("p", { class: "pf-empty" }, "No activities are recorded as done on this device yet. Your log fills in as you complete activities in the course."));
      return;
    }
    const captionId = `${uid}-log-caption`;
    const rows = p.log.map((row, index) => {
      const base = `${uid}-log-${index}`;
      const hoursInput = h("input", { type: "number", id: `${base}-hours`, class: "pf-hours", min: "0", max: "24", step: "0.25", inputmode: "decimal" });
      hoursInput.value = pfHours(row.hours);
      const estimate = h("span", { class: "pf-estimate" });
      const showEstimate = (hours) => {
        estimate.textContent = hours === row.estimate ? "" : `Course estimate: ${pfHours(row.estimate)}`;
      };
      showEstimate(row.hours);
      hoursInput.addEventListener("input", () => {
        const hours = pfCleanHours(hoursInput.value);
        const edit = edits.log[row.page] || (edits.log[row.page] = Object.create(null));
        if (hours === null) delete edit.hours;
        else edit.hours = hours;
        showEstimate(hours === null ? row.estimate : hours);
        changed();
      });
      hoursInput.addEventListener("blur", () => {
        const hours = pfCleanHours(hoursInput.value);
        hoursInput.value = pfHours(hours === null ? row.estimate : hours);
      });
      const together = h("input", { type: "checkbox", id: `${base}-together` });
      together.checked = row.participatory;
      together.addEventListener("change", () => {
        const edit = edits.log[row.page] || (edits.log[row.page] = Object.create(null));
        edit.participatory = together.checked;
        changed();
      });
      const link = h("textarea", { id: `${base}-link`, class: "pf-link", rows: 2 });
      link.value = row.link;
      link.addEventListener("input", () => {
        const edit = edits.log[row.page] || (edits.log[row.page] = Object.create(null));
        edit.link = link.value;
        changed();
      });
      const participatoryCell = h("span", { class: "pf-participatory-hours" });
      logCells.set(row.page, { participatoryCell });
      return h(
        "tr",
        { "data-page": row.page },
        h("td", {}, pfDate(row.date)),
        h(
          "th",
          { scope: "row" },
          row.title,
          h("span", { class: "pf-row-note" }, row.total ? `${row.done} of ${row.total} activities done` : "Page read"),
        ),
        h("td", {}, h("label", { for: hoursInput.id, class: "course-sr-only" }, `Hours for \u201c${row.title}\u201d`), hoursInput, estimate),
        h(
          "td",
          {},
          h(
            "div",
            { class: "pf-choice" },
            together,
            h("label", { for: together.id }, "Done with others (e.g. in a session)", h("span", { class: "course-sr-only" }, `: ${row.title}`)),
          ),
          participatoryCell,
        ),
        h("td", {}, h("label", { for: link.id, class: "course-sr-only" }, `Link to practice for \u201c${row.title}\u201d`), link),
      );
    });
    const totalHours = h("td", { class: "pf-total-hours" });
    const totalParticipatory = h("td", { class: "pf-total-participatory" });
    logTotals = { totalHours, totalParticipatory };
    const table = h(
      "table",
      { class: "pf-log" },
      h("caption", { id: captionId }, "Your CPD log"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Date", "Activity", "Hours", "Participatory", "Link to practice"].map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h("tbody", {}, rows),
      h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "Total"), h("td", {}), totalHours, totalParticipatory, h("td", {}))),
    );
    logBox.replaceChildren(
      h("p", { class: "pf-hint" }, `Method for every row: ${PF_METHOD.charAt(0).toLowerCase()}${PF_METHOD.slice(1)}.`),
      h("div", { class: "pf-table-wrap", role: "region", "aria-labelledby": captionId, tabindex: "0" }, table),
    );
  }

  function showLogTotals(p) {
    if (!logTotals) return;
    logTotals.totalHours.textContent = `${pfHours(p.totals.hours)} hours`;
    logTotals.totalParticipatory.textContent = `${pfHours(p.totals.participatory)} participatory`;
    for (const row of p.log) {
      const cells = logCells.get(row.page);
      if (cells) cells.participatoryCell.textContent = row.participatory ? `${pfHours(row.hours)} hours` : "";
    }
  }

  // ---------------------------------------------------------------- statement (read-only)
  function showStatement(doc) {
    const section = doc.sections.find((s) => s.heading === "Statement of completion");
    const blocks = section.blocks.filter((b) => !(b.type === "p" && b.note));
    const rendered = pfRenderDocument({ title: "", blocks, sections: [] }, false);
    rendered.firstChild.remove(); // the empty title
    statementBox.replaceChildren(rendered);
  }

  // ---------------------------------------------------------------- derived parts
  let derivedTimer = null;
  function scheduleDerived() {
    window.clearTimeout(derivedTimer);
    derivedTimer = window.setTimeout(updateDerived, 150);
  }
  function updateDerived() {
    window.clearTimeout(derivedTimer);
    const p = portfolio();
    showLogTotals(p);
    const doc = pfDocument(p);
    showStatement(doc);
    if (printRoot) drawPrint(doc);
  }

  function refresh() {
    loadEdits();
    data = gather();
    const p = portfolio();
    showAbout(p);
    showAccounts(p);
    showLog(p);
    showLogTotals(p);
    showStatement(pfDocument(p));
    if (printRoot) drawPrint(pfDocument(p));
  }

  // ---------------------------------------------------------------- privacy, then export
  const EXPORTS = {
    markdown: { button: markdownButton, anyway: "Download Markdown anyway" },
    print: { button: printButton, anyway: "Print anyway" },
    backup: { button: backupButton, anyway: "Download backup anyway" },
  };

  function backupItems() {
    const read = pfReadItems();
    if (read.status === "ok") {
      // Unsaved edits are saved first, so the backup holds what the page shows.
      if (dirty) {
        save();
        return pfReadItems().status === "ok" ? pfReadItems().items : read.items;
      }
      return read.items;
    }
    // Storage cannot be read: the backup can only hold the portfolio as it is on this page.
    return { [store.key]: JSON.stringify(pfEditsValue(edits, new Date().toISOString())) };
  }

  function textsFor(kind) {
    if (kind === "backup") return pfBackupTexts(backupItems(), titles, frameworks);
    return pfLearnerTexts(pfDocument(portfolio()));
  }

  function hidePrivacy() {
    privacyPanel.hidden = true;
    privacyPanel.replaceChildren();
  }

  function startExport(kind) {
    hideConfirm(clearConfirm);
    hideConfirm(importConfirm);
    let findings = [];
    try {
      findings = pfFindings(textsFor(kind));
    } catch (error) {
      findings = [];
    }
    if (!findings.length) {
      hidePrivacy();
      runExport(kind, "The privacy check found nothing that looks identifying (it can miss things).");
      return;
    }
    const summary = summariseFindings(findings);
    const list = h(
      "ul",
      { class: "pf-findings" },
      findings.slice(0, PF_MAX_LISTED).map((f) =>
        h(
          "li",
          { class: "pf-finding", "data-kind": f.kind },
          h("span", { class: "pf-where" }, `${f.where}: `),
          "\u201c",
          h("span", { class: "pf-found" }, f.text),
          "\u201d ",
          h("strong", {}, `(${f.label})`),
          `. ${f.why}`,
        ),
      ),
      findings.length > PF_MAX_LISTED ? h("li", { class: "pf-finding" }, `and ${findings.length - PF_MAX_LISTED} more like these.`) : null,
    );
    const anyway = h("button", { type: "button", class: "course-button" }, EXPORTS[kind].anyway);
    const cancel = h("button", { type: "button", class: "course-button course-button-secondary" }, "Cancel and edit first");
    anyway.addEventListener("click", () => {
      hidePrivacy();
      EXPORTS[kind].button.focus();
      runExport(kind, `Exported with ${summary.text} that may identify someone.`);
    });
    cancel.addEventListener("click", () => {
      hidePrivacy();
      EXPORTS[kind].button.focus();
      say("Nothing was exported. Edit the text the check pointed to, then export again.");
    });
    privacyPanel.replaceChildren(
      h("p", { class: "pf-privacy-title", id: `${uid}-privacy-title` }, `Before you export: ${summary.text} may identify someone.`),
      list,
      h(
        "p",
        { class: "pf-privacy-note" },
        "Regulators expect reflections and CPD records to be anonymised: no names, addresses or postcodes, contact details, NHS or other reference numbers, and care with exact dates and ages. This check is only a prompt: it can miss things, and it never stops you exporting. Your portfolio text can be changed above; a reflection itself is changed on its course page.",
      ),
      h("div", { class: "course-actions" }, anyway, cancel),
    );
    privacyPanel.hidden = false;
    privacyPanel.focus();
  }

  function runExport(kind, privacyNote) {
    if (kind === "markdown") {
      const name = `cpd-portfolio-${pfToday()}.md`;
      const ok = downloadText(pfMarkdown(portfolio()), name, "text/markdown;charset=utf-8", root);
      say(ok ? `Your record has been downloaded as ${name}. ${privacyNote}` : "This browser would not download the file. Try \u201cPrint or save as PDF\u201d instead.");
    } else if (kind === "backup") {
      const items = backupItems();
      const name = `selfhelp-course-backup-${pfToday()}.json`;
      const ok = downloadText(pfMakeBackup(items, new Date().toISOString()), name, "application/json", root);
      const count = Object.keys(items).length;
      const partial = pfReadItems().status === "ok" ? "" : " This browser is not letting the course read its storage, so the backup only holds your portfolio as it is on this page.";
      say(ok ? `Your backup (${pfItems(count)}) has been downloaded as ${name}. ${privacyNote}${partial}` : "This browser would not download the file.");
    } else {
      openPrint();
      say(`The print view is open below. Choose \u201cSave as PDF\u201d in the print dialogue to keep a PDF. ${privacyNote}`);
    }
  }

  markdownButton.addEventListener("click", () => startExport("markdown"));
  printButton.addEventListener("click", () => startExport("print"));
  backupButton.addEventListener("click", () => startExport("backup"));

  // ---------------------------------------------------------------- print view
  function drawPrint(doc) {
    const again = h("button", { type: "button", class: "course-button" }, "Print again");
    const close = h("button", { type: "button", class: "course-button course-button-secondary" }, "Close print view");
    again.addEventListener("click", () => callPrint());
    close.addEventListener("click", () => {
      closePrint();
      printButton.focus();
    });
    printView.replaceChildren(
      h("p", { class: "pf-print-view-title" }, h("strong", {}, "Print view"), " (only this record is printed)"),
      h("div", { class: "course-actions" }, again, close),
      pfRenderDocument(doc, false),
    );
    // The copy that is printed: a child of <body>, so the print styles can leave out the rest.
    const copy = h("div", { class: "pf-print-root", "aria-hidden": "true" }, pfRenderDocument(doc, true));
    if (printRoot && printRoot.isConnected) printRoot.replaceWith(copy);
    else document.body.append(copy);
    printRoot = copy;
  }

  function callPrint() {
    try {
      if (typeof window.print === "function") window.print();
      else say("This browser has no print command here. Use its menu to print the page.");
    } catch (error) {
      say("This browser would not open the print dialogue. Use its menu to print the page.");
    }
  }

  function openPrint() {
    drawPrint(pfDocument(portfolio()));
    printView.hidden = false;
    document.body.classList.add("pf-printing");
    printView.focus();
    callPrint();
  }

  function closePrint() {
    printView.hidden = true;
    printView.replaceChildren();
    if (printRoot) printRoot.remove();
    printRoot = null;
    document.body.classList.remove("pf-printing");
  }

  // ---------------------------------------------------------------- confirmations
  function hideConfirm(box) {
    box.hidden = true;
    box.replaceChildren();
  }

  function confirmIn(box, title, text, yesLabel, onYes, onNo) {
    const yes = h("button", { type: "button", class: "course-button pf-button-danger" }, yesLabel);
    const no = h("button", { type: "button", class: "course-button course-button-secondary" }, "Cancel");
    yes.addEventListener("click", () => {
      hideConfirm(box);
      onYes();
    });
    no.addEventListener("click", () => {
      hideConfirm(box);
      onNo();
    });
    box.replaceChildren(
      h("p", { class: "pf-confirm-title", id: `${box.id}-title` }, title),
      h("p", {}, text),
      h("div", { class: "course-actions" }, yes, no),
    );
    box.hidden = false;
    box.focus();
  }

  // ---------------------------------------------------------------- clearing
  function removeAll(keys) {
    for (const key of keys) window.localStorage.removeItem(key);
  }

  clearButton.addEventListener("click", () => {
    hidePrivacy();
    const read = pfReadItems();
    if (read.status !== "ok") {
      say("This browser is not letting the course use its storage, so there is nothing it can delete.");
      return;
    }
    const count = Object.keys(read.items).length;
    if (!count && !dirty) {
      say("There is no course data saved in this browser.");
      return;
    }
    confirmIn(
      clearConfirm,
      "Delete all your course data from this browser?",
      `This deletes ${pfItems(count)}: your answers, reflections, progress and portfolio. It cannot be undone.`,
      "Yes, delete everything",
      () => {
        window.clearTimeout(saveTimer);
        dirty = false;
        try {
          removeAll(Object.keys(pfReadItems().items || {}));
        } catch (error) {
          say("This browser would not let the course delete its data.");
          clearButton.focus();
          return;
        }
        closePrint();
        status.textContent = "";
        tell(null);
        refresh();
        clearButton.focus();
        say("All your course data has been deleted from this browser.");
      },
      () => {
        clearButton.focus();
        say("Nothing was deleted.");
      },
    );
  });

  // ---------------------------------------------------------------- importing
  const importMessage = (text, refused) => {
    message.classList.toggle("pf-message-error", Boolean(refused));
    say(text);
  };

  function applyBackup(entries) {
    const before = pfReadItems();
    if (before.status !== "ok") {
      importMessage(`${STORAGE_MESSAGES.unavailable} The backup was not imported.`, true);
      return;
    }
    window.clearTimeout(saveTimer);
    dirty = false;
    try {
      removeAll(Object.keys(before.items));
      for (const [key, value] of entries) window.localStorage.setItem(key, value);
    } catch (error) {
      const reason = pfStorageReason(error);
      // Put back exactly what was there.
      try {
        removeAll(Object.keys(pfReadItems().items || {}));
        for (const [key, value] of Object.entries(before.items)) window.localStorage.setItem(key, value);
      } catch (ignored) {
        /* storage refused again: the message below says what happened */
      }
      importMessage(
        reason === "full"
          ? "The backup was not imported: this browser's storage for the site is too full to hold it. What was here before has been put back."
          : "The backup was not imported: this browser is not letting the course save. What was here before has been put back.",
        true,
      );
      return;
    }
    closePrint();
    tell(null);
    status.textContent = "";
    refresh();
    importMessage(`Backup imported: ${pfItems(entries.length)} restored on this device. Other course pages show them when you open or reload them.`, false);
  }

  importInput.addEventListener("change", async () => {
    hidePrivacy();
    hideConfirm(clearConfirm);
    hideConfirm(importConfirm);
    const file = importInput.files && importInput.files[0];
    if (!file) return;
    let text;
    try {
      text = await file.text();
    } catch (error) {
      importInput.value = "";
      importMessage("This file could not be read. Nothing on this device has been changed.", true);
      return;
    }
    importInput.value = "";
    const parsed = pfParseBackup(text);
    if (!parsed.ok) {
      importMessage(parsed.message, true);
      return;
    }
    const current = pfReadItems();
    if (current.status !== "ok") {
      importMessage(`${STORAGE_MESSAGES.unavailable} The backup was not imported.`, true);
      return;
    }
    const here = Object.keys(current.items).length;
    const made = pfDate(parsed.exported);
    if (!here) {
      applyBackup(parsed.entries);
      importInput.focus();
      return;
    }
    pendingImport = parsed.entries;
    confirmIn(
      importConfirm,
      "Replace the course data in this browser with the backup?",
      `This browser holds ${pfItems(here)}; the backup${made ? ` made on ${made}` : ""} holds ${pfItems(parsed.count)}. Importing replaces everything here with the backup.`,
      "Yes, replace it",
      () => {
        const entries = pendingImport;
        pendingImport = null;
        applyBackup(entries);
        importInput.focus();
      },
      () => {
        pendingImport = null;
        importInput.focus();
        importMessage("The backup was not imported. Nothing on this device has been changed.", false);
      },
    );
  });

  // ---------------------------------------------------------------- start
  refresh();

  return () => {
    saveIfChanged();
    window.clearTimeout(saveTimer);
    window.clearTimeout(derivedTimer);
    window.removeEventListener("pagehide", saveIfChanged);
    document.removeEventListener("visibilitychange", onVisibility);
    closePrint();
  };
}

export default { render };
