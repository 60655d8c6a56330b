// Reflection: a writing box with a choice of reflective framework and a privacy guard.
// privacy.js (findIdentifiers, summariseFindings) is concatenated before this file.
// Text is saved as the learner types, in this browser only; nothing is sent anywhere.
// Everything the learner typed is put on the page as text (value, text nodes), never as HTML.

const RF_SAVE_DELAY = 400; // ms after the last keystroke before saving
const RF_CHECK_DELAY = 300; // ms after the last keystroke before the privacy check
const RF_TOTAL_DELAY = 1500; // the live total word count is only updated at a pause
const RF_MAX_LISTED = 25; // findings listed per part; the rest are counted

const rfSegmenter =
  typeof Intl !== "undefined" && typeof Intl.Segmenter === "function"
    ? new Intl.Segmenter(undefined, { granularity: "word" })
    : null;

function rfWordCount(text) {
  if (!text || !text.trim()) return 0;
  if (rfSegmenter) {
    let count = 0;
    for (const piece of rfSegmenter.segment(text)) if (piece.isWordLike) count += 1;
    return count;
  }
  return text.trim().split(/\s+/).length;
}

function rfWords(count) {
  return `${count} ${count === 1 ? "word" : "words"}`;
}

function rfClock(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function rfWhen(date) {
  const today = new Date();
  if (date.toDateString() === today.toDateString()) return `at ${rfClock(date)}`;
  const day = date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  return `on ${day} at ${rfClock(date)}`;
}

// Learner text keyed by framework id, then part id. Objects without a prototype, so that a
// saved key such as "__proto__" is just a key.
function rfCleanTexts(raw) {
  const out = Object.create(null);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [frameworkId, parts] of Object.entries(raw)) {
    if (!parts || typeof parts !== "object" || Array.isArray(parts)) continue;
    for (const [partId, text] of Object.entries(parts)) {
      if (typeof text !== "string") continue;
      if (!out[frameworkId]) out[frameworkId] = Object.create(null);
      out[frameworkId][partId] = text;
    }
  }
  return out;
}

function render({ model, el }) {
  const reflection = model.get("reflection") || {};
  const frameworks = (model.get("frameworks") || []).filter(
    (f) => f && typeof f.id === "string" && Array.isArray(f.parts) && f.parts.length,
  );
  const id = String(reflection.id || "reflection");
  const uid = uniqueId(`rf-${id}`);

  if (!frameworks.length) {
    el.append(
      h("p", { class: "course-widget-error", role: "alert" },
        "This reflection box has no reflective frameworks to offer, so it cannot be shown."),
    );
    return undefined;
  }

  const store = openStore(`reflection:${id}`);
  const findFramework = (frameworkId) => frameworks.find((f) => f.id === frameworkId);
  let framework = findFramework(reflection.framework) || frameworks[0];
  let texts = Object.create(null);
  let dirty = false;
  let lastSaved = null;
  let problem = null; // "unavailable" | "full" | "corrupt" while a storage problem is shown

  // ------------------------------------------------------------------ the page
  const select = h(
    "select",
    { id: `${uid}-framework`, class: "rf-select", "aria-describedby": `${uid}-source` },
    frameworks.map((f) => h("option", { value: f.id }, f.name)),
  );
  const source = h("p", { class: "rf-source", id: `${uid}-source` });
  const partsBox = h("div", { class: "rf-parts" });
  const total = h("p", { class: "rf-total", "aria-live": "polite", "aria-atomic": "true" });
  const privacySummary = h("p", { class: "rf-privacy-summary", "aria-live": "polite", hidden: true });
  const copyButton = h("button", { type: "button", class: "course-button course-button-secondary" }, "Copy all text");
  const downloadButton = h(
    "button",
    { type: "button", class: "course-button course-button-secondary" },
    "Download as a text file",
  );
  const status = h("p", { class: "course-status rf-status", role: "status", "aria-live": "polite" });
  const actionMessage = h("p", { class: "rf-action-message", role: "status", "aria-live": "polite" });
  const notice = h("p", { class: "course-notice", hidden: true });

  const root = h(
    "fieldset",
    { class: "course-widget rf", "data-reflection-id": id },
    h("legend", { class: "rf-title" }, reflection.title || "Reflection"),
    reflection.prompt ? h("p", { class: "rf-prompt" }, reflection.prompt) : null,
    h(
      "p",
      { class: "rf-hint" },
      "What you write is saved as you type, in this browser on this device only. Leave out names and anything else that could identify a person.",
    ),
    h(
      "div",
      { class: "rf-framework" },
      h("label", { for: select.id, class: "rf-label" }, "Reflective framework"),
      select,
      source,
    ),
    partsBox,
    total,
    privacySummary,
    h("div", { class: "course-actions" }, copyButton, downloadButton),
    actionMessage,
    status,
    notice,
  );
  el.append(root);

  // ------------------------------------------------------------------ storage messages
  function tell(reason) {
    problem = reason;
    if (!reason) {
      notice.hidden = true;
      notice.textContent = "";
      return;
    }
    const keep = reason === "corrupt"
      ? ""
      : " Your text stays on this page until you leave it: use \u201cCopy all text\u201d or \u201cDownload as a text file\u201d to keep a copy.";
    notice.textContent = STORAGE_MESSAGES[reason] + keep;
    notice.hidden = false;
  }

  function setStatus(message) {
    // Only a real change is written, so screen readers are not told the same thing twice.
    if (status.textContent !== message) status.textContent = message;
  }

  function showSaved(date) {
    lastSaved = date;
    setStatus(`Saved on this device ${rfWhen(date)}.`);
  }

  // ------------------------------------------------------------------ restore
  function setAside(value) {
    try {
      window.localStorage.setItem(`${store.key}:unreadable:${Date.now()}`, JSON.stringify(value));
    } catch (ignored) {
      /* storage refused: nothing more can be done with it */
    }
  }

  function restore(value) {
    texts = rfCleanTexts(value.texts);
    framework = findFramework(value.framework) || framework;
  }

  const saved = store.read();
  if (saved.status === "ok") {
    const value = saved.value;
    if (value && typeof value === "object" && !Array.isArray(value) && value.texts && typeof value.texts === "object") {
      restore(value);
      const when = new Date(value.updated);
      if (!Number.isNaN(when.getTime())) showSaved(when);
    } else {
      setAside(value);
      tell("corrupt");
    }
  } else if (saved.status === "corrupt" || saved.status === "unavailable") {
    tell(saved.status);
  }
  if (saved.status !== "ok") {
    // In JupyterLab the kernel may already hold an entry (set from Python); use it.
    const entry = model.get("entry");
    if (entry && typeof entry === "object" && entry.texts) restore(entry);
  }

  // ------------------------------------------------------------------ the parts
  let views = []; // one per part of the current framework

  function textOf(frameworkId, partId) {
    return (texts[frameworkId] && texts[frameworkId][partId]) || "";
  }

  function isComplete() {
    return framework.parts.every((part) => textOf(framework.id, part.id).trim() !== "");
  }

  function buildPart(part, index) {
    const pid = `${uid}-${framework.id}-${index}`;
    const textarea = h("textarea", {
      id: `${pid}-text`,
      class: "rf-text",
      rows: 5,
      spellcheck: "true",
      "data-part-id": part.id,
    });
    textarea.value = textOf(framework.id, part.id);
    const prompt = h("p", { class: "rf-part-prompt", id: `${pid}-prompt` }, part.prompt);
    const count = h("p", { class: "rf-count", id: `${pid}-count` });
    const list = h("ul", { class: "rf-findings" });
    const preview = h("div", {
      class: "rf-preview",
      id: `${pid}-preview`,
      role: "region",
      tabindex: "0",
      "aria-label": `${part.heading}: your text with possible identifying details marked`,
      hidden: true,
    });
    const previewButton = h(
      "button",
      { type: "button", class: "course-button course-button-secondary rf-preview-button", "aria-expanded": "false", "aria-controls": preview.id },
      "Show highlighted",
    );
    const privacy = h(
      "div",
      { class: "rf-privacy", id: `${pid}-privacy`, hidden: true },
      h("p", { class: "rf-privacy-title" }),
      list,
      h(
        "p",
        { class: "rf-privacy-note" },
        "Regulators expect reflections to be anonymised. This check is only a prompt: it can miss things, and it never stops your text being saved.",
      ),
      previewButton,
      preview,
    );
    const view = {
      part, textarea, prompt, count, privacy, list, preview, previewButton, findings: [], words: 0, timer: null,
    };

    textarea.addEventListener("input", () => {
      if (!texts[framework.id]) texts[framework.id] = Object.create(null);
      texts[framework.id][part.id] = textarea.value;
      dirty = true;
      scheduleSave();
      window.clearTimeout(view.timer);
      view.timer = window.setTimeout(() => check(view), RF_CHECK_DELAY);
      scheduleTotal();
    });
    textarea.addEventListener("blur", () => {
      window.clearTimeout(view.timer);
      check(view);
      updateTotal();
      if (dirty) save();
    });
    previewButton.addEventListener("click", () => {
      const opening = preview.hidden;
      preview.hidden = !opening;
      previewButton.setAttribute("aria-expanded", String(opening));
      previewButton.textContent = opening ? "Hide highlighted" : "Show highlighted";
      if (opening) drawPreview(view);
    });

    view.node = h(
      "div",
      { class: "rf-part" },
      h("label", { for: textarea.id, class: "rf-part-heading" }, part.heading),
      prompt,
      textarea,
      count,
      privacy,
    );
    return view;
  }

  function describe(view) {
    const ids = [view.prompt.id, view.count.id];
    if (view.findings.length) ids.push(view.privacy.id);
    view.textarea.setAttribute("aria-describedby", ids.join(" "));
  }

  function drawPreview(view) {
    const text = view.textarea.value;
    const box = view.preview;
    box.textContent = "";
    let at = 0;
    for (const finding of view.findings) {
      box.append(document.createTextNode(text.slice(at, finding.start)));
      box.append(h("mark", { "data-kind": finding.kind }, text.slice(finding.start, finding.end)));
      box.append(h("span", { class: "course-sr-only" }, ` (possible ${finding.label})`));
      at = finding.end;
    }
    box.append(document.createTextNode(text.slice(at)));
  }

  function check(view) {
    const text = view.textarea.value;
    view.words = rfWordCount(text);
    view.count.textContent = rfWords(view.words);
    const findings = findIdentifiers(text);
    const same =
      findings.length === view.findings.length &&
      findings.every((f, i) => f.kind === view.findings[i].kind && f.text === view.findings[i].text);
    view.findings = findings;
    if (!same) {
      const list = view.list;
      list.textContent = "";
      findings.slice(0, RF_MAX_LISTED).forEach((finding) => {
        list.append(
          h(
            "li",
            { class: "rf-finding", "data-kind": finding.kind },
            "\u201c",
            h("span", { class: "rf-found" }, finding.text),
            "\u201d ",
            h("strong", {}, `(${finding.label})`),
            `: ${finding.why}`,
          ),
        );
      });
      if (findings.length > RF_MAX_LISTED) {
        list.append(h("li", { class: "rf-finding" }, `and ${findings.length - RF_MAX_LISTED} more like these.`));
      }
      const summary = summariseFindings(findings);
      view.privacy.querySelector(".rf-privacy-title").textContent = findings.length
        ? `Check this before you keep it: ${summary.text} may identify someone.`
        : "";
      view.privacy.hidden = findings.length === 0;
      if (!findings.length && !view.preview.hidden) view.previewButton.click();
      describe(view);
      updatePrivacySummary();
    }
    if (!view.preview.hidden) drawPreview(view);
  }

  function updatePrivacySummary() {
    const parts = views.filter((v) => v.findings.length);
    const all = views.flatMap((v) => v.findings);
    let message = "";
    if (all.length) {
      const where = parts.map((v) => v.part.heading).join(", ");
      message = `Privacy check: ${summariseFindings(all).text} may identify someone (in ${where}). See the notes under the text.`;
    } else if (privacySummary.textContent) {
      message = "Privacy check: nothing that looks identifying now.";
    }
    if (privacySummary.textContent !== message) privacySummary.textContent = message;
    privacySummary.hidden = !message;
  }

  let totalTimer = null;
  function scheduleTotal() {
    window.clearTimeout(totalTimer);
    totalTimer = window.setTimeout(updateTotal, RF_TOTAL_DELAY);
  }
  function updateTotal() {
    window.clearTimeout(totalTimer);
    views.forEach((view) => {
      view.words = rfWordCount(view.textarea.value);
      view.count.textContent = rfWords(view.words);
    });
    const sum = views.reduce((n, view) => n + view.words, 0);
    const message = `Total: ${rfWords(sum)}.`;
    if (total.textContent !== message) total.textContent = message;
  }

  function showFramework() {
    views.forEach((view) => window.clearTimeout(view.timer));
    select.value = framework.id;
    source.textContent = framework.source ? `Source: ${framework.source}` : "";
    source.hidden = !framework.source;
    views = framework.parts.map(buildPart);
    partsBox.replaceChildren(...views.map((view) => view.node));
    views.forEach((view) => {
      describe(view);
      check(view);
    });
    updatePrivacySummary();
    updateTotal();
  }

  select.addEventListener("change", () => {
    const chosen = findFramework(select.value);
    if (!chosen || chosen === framework) return;
    framework = chosen;
    showFramework();
    dirty = true;
    save();
  });

  // ------------------------------------------------------------------ saving
  let saveTimer = null;
  function scheduleSave() {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(save, RF_SAVE_DELAY);
  }

  function copyTexts() {
    const out = {};
    for (const frameworkId of Object.keys(texts)) {
      out[frameworkId] = {};
      for (const partId of Object.keys(texts[frameworkId])) out[frameworkId][partId] = texts[frameworkId][partId];
    }
    return out;
  }

  function save() {
    window.clearTimeout(saveTimer);
    saveTimer = null;
    const now = new Date();
    const entry = { framework: framework.id, texts: copyTexts() };
    const result = store.write({
      v: 1,
      page: model.get("page") || "",
      updated: now.toISOString(),
      complete: isComplete(),
      framework: entry.framework,
      texts: entry.texts,
    });
    dirty = false;
    if (result.ok) {
      if (problem === "unavailable" || problem === "full") tell(null);
      showSaved(now);
    } else {
      if (problem !== result.reason) tell(result.reason);
      setStatus(
        result.reason === "full"
          ? "Not saved: this browser's storage is full. Copy or download your text before you leave."
          : "Not saved: this browser is not letting the course save. Copy or download your text before you leave.",
      );
    }
    model.set("entry", entry);
    model.save_changes();
  }

  function saveIfChanged() {
    if (dirty) save();
  }
  function onVisibility() {
    if (document.visibilityState === "hidden") saveIfChanged();
  }
  window.addEventListener("pagehide", saveIfChanged);
  document.addEventListener("visibilitychange", onVisibility);

  // ------------------------------------------------------------------ copy and download
  function allText() {
    const lines = [reflection.title || "Reflection", ""];
    if (reflection.prompt) lines.push(reflection.prompt, "");
    lines.push(`Framework: ${framework.name}${framework.source ? ` (${framework.source})` : ""}`, "");
    for (const part of framework.parts) {
      lines.push(part.heading, textOf(framework.id, part.id).trim() ? textOf(framework.id, part.id) : "(nothing written yet)", "");
    }
    // Text written under other frameworks is kept too, so nothing is lost on the way out.
    for (const frameworkId of Object.keys(texts)) {
      if (frameworkId === framework.id) continue;
      const other = findFramework(frameworkId);
      const written = Object.entries(texts[frameworkId]).filter(([, text]) => text.trim());
      if (!written.length) continue;
      lines.push(`Also written under: ${other ? other.name : frameworkId}`, "");
      for (const [partId, text] of written) {
        const part = other && other.parts.find((p) => p.id === partId);
        lines.push(part ? part.heading : partId, text, "");
      }
    }
    lines.push(`Copied from the course page ${model.get("page") || ""} on ${new Date().toLocaleString("en-GB")}.`);
    return lines.join("\n");
  }

  function say(message) {
    announce(actionMessage, message);
  }

  function copyWithSelection(text) {
    const area = h("textarea", { class: "rf-copy-area", readonly: true, "aria-hidden": "true", tabindex: "-1" });
    area.value = text;
    root.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    copyButton.focus();
    return copied;
  }

  copyButton.addEventListener("click", async () => {
    const text = allText();
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        copied = true;
      }
    } catch (error) {
      copied = false;
    }
    if (!copied) copied = copyWithSelection(text);
    say(
      copied
        ? "Copied all your text. Paste it somewhere safe, such as your own portfolio."
        : "This browser would not copy the text. Use \u201cDownload as a text file\u201d instead.",
    );
  });

  const fileName = `reflection-${id.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}.txt`;
  downloadButton.addEventListener("click", () => {
    say(downloadText(allText(), fileName, "text/plain;charset=utf-8", root)
      ? `Your text has been downloaded as ${fileName}.`
      : "This browser would not download the file. Use \u201cCopy all text\u201d instead.");
  });

  // ------------------------------------------------------------------ start
  showFramework();
  if (saved.status === "ok" && lastSaved) {
    model.set("entry", { framework: framework.id, texts: copyTexts() });
    model.save_changes();
  }

  return () => {
    saveIfChanged();
    window.clearTimeout(saveTimer);
    window.clearTimeout(totalTimer);
    views.forEach((view) => window.clearTimeout(view.timer));
    window.removeEventListener("pagehide", saveIfChanged);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}

export default { render };
