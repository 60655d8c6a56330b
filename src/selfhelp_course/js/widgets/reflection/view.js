// The reflection box: a choice of framework, one box per part, a privacy guard, autosave that
// merges with other tabs, and copy/download so the text can always be kept.
import { announce, h, setText, uniqueId } from "../../lib/dom.js";
import { downloadText } from "../../lib/download.js";
import { syncEntry } from "../../lib/entry.js";
import { activityKey } from "../../lib/facts.js";
import { conflictsIn, resolveConflict } from "../../lib/merge.js";
import { createNotice } from "../../lib/notice.js";
import { summariseFindings } from "../../privacy/guard.js";
import { buildPart } from "./part.js";
import { allText, derive, entryValue, fileName, fromEntry, isUsable, textOf, when, words } from "./state.js";

const TOTAL_DELAY = 1500; // the live total word count is only updated at a pause
const KEEP_HINT = " Your text stays on this page until you leave it: use \u201cCopy all text\u201d or \u201cDownload as a text file\u201d to keep a copy.";

function shell(reflection, frameworks, uid) {
  const select = h("select", { id: `${uid}-framework`, class: "rf-select", "aria-describedby": `${uid}-source` },
    frameworks.map((f) => h("option", { value: f.id }, f.name)));
  const parts = {
    select,
    source: h("p", { class: "rf-source", id: `${uid}-source` }),
    partsBox: h("div", { class: "rf-parts" }),
    total: h("p", { class: "rf-total", "aria-live": "polite", "aria-atomic": "true" }),
    privacySummary: h("p", { class: "rf-privacy-summary", "aria-live": "polite", hidden: true }),
    copyButton: h("button", { type: "button", class: "course-button course-button-secondary" }, "Copy all text"),
    downloadButton: h("button", { type: "button", class: "course-button course-button-secondary" }, "Download as a text file"),
    status: h("p", { class: "course-status rf-status", role: "status", "aria-live": "polite" }),
    actionMessage: h("p", { class: "rf-action-message", role: "status", "aria-live": "polite" }),
    notice: createNotice(),
  };
  parts.root = h("fieldset", { class: "course-widget rf", "data-reflection-id": reflection.id },
    h("legend", { class: "rf-title" }, reflection.title || "Reflection"),
    reflection.prompt ? h("p", { class: "rf-prompt" }, reflection.prompt) : null,
    h("p", { class: "rf-hint" }, "What you write is saved as you type, in this browser on this device only. Leave out names and anything else that could identify a person."),
    h("div", { class: "rf-framework" }, h("label", { for: select.id, class: "rf-label" }, "Reflective framework"), select, parts.source),
    parts.partsBox, parts.total, parts.privacySummary,
    h("div", { class: "course-actions" }, parts.copyButton, parts.downloadButton),
    parts.actionMessage, parts.status, parts.notice.element);
  return parts;
}

export function renderReflection({ model, el, store }) {
  const reflection = model.get("reflection") || {};
  const frameworks = (model.get("frameworks") || []).filter((f) => f && typeof f.id === "string" && Array.isArray(f.parts) && f.parts.length);
  if (!frameworks.length) {
    el.append(h("p", { class: "course-widget-error", role: "alert" }, "This reflection box has no reflective frameworks to offer, so it cannot be shown."));
    return () => {};
  }
  const id = String(reflection.id || "reflection");
  const page = model.get("page") || "";
  const ui = shell({ ...reflection, id }, frameworks, uniqueId(`rf-${id}`));
  el.append(ui.root);
  let state = fromEntry(null, frameworks, reflection.framework);
  let views = [];
  const framework = () => frameworks.find((f) => f.id === state.framework);

  function sync() {
    model.set("entry", { framework: state.framework, texts: entryValue(state, page).texts });
    model.save_changes();
  }

  function storageTrouble(reason) {
    if (reason === "full" || reason === "unavailable") ui.notice.show(reason, KEEP_HINT.trim());
    setText(ui.status, reason === "full"
      ? "Not saved: this browser's storage is full. Copy or download your text before you leave."
      : "Not saved: this browser is not letting the course save. Copy or download your text before you leave.");
  }

  const entry = syncEntry(store, activityKey("reflection", id), {
    current: () => entryValue(state, page),
    derive: derive(frameworks),
    show(value, why) {
      const next = fromEntry(isUsable(value) ? value : null, frameworks, state.framework);
      const redraw = next.framework !== state.framework || why === "cleared" || why === "replaced";
      state = next;
      if (why === "cleared" || why === "replaced") ui.notice.show(why);
      if (redraw) showFramework();
      else refreshParts();
      if (value && value.updated && why !== "merged") setText(ui.status, `Saved on this device ${when(new Date(value.updated))}.`);
      sync();
    },
    saved(result) {
      if (result.ok) {
        if (ui.notice.reason === "full" || ui.notice.reason === "unavailable") ui.notice.clear();
        setText(ui.status, `Saved on this device ${when(new Date(result.value.updated))}.`);
      } else if (result.reason === "full" || result.reason === "unavailable") storageTrouble(result.reason);
      sync();
    },
  });

  function conflictFor(partId) {
    return conflictsIn(entryValue(state, page)).find((c) => c.path.length === 3 && c.path[0] === "texts" && c.path[1] === state.framework && c.path[2] === partId) || null;
  }

  function refreshParts() {
    views.forEach((view) => {
      view.setText(textOf(state.texts, state.framework, view.part.id));
      view.showConflict(conflictFor(view.part.id));
    });
    updatePrivacySummary();
    updateTotal();
  }

  function setPartText(partId, text) {
    if (!state.texts[state.framework]) state.texts[state.framework] = Object.create(null);
    state.texts[state.framework][partId] = text;
  }

  function choose(partId, text) {
    const path = ["texts", state.framework, partId];
    state.conflicts = resolveConflict(entryValue(state, page), path, text).conflicts;
    setPartText(partId, text);
    refreshParts();
    entry.save();
  }

  function showFramework() {
    views.forEach((view) => window.clearTimeout(view.timer));
    const current = framework();
    ui.select.value = current.id;
    ui.source.textContent = current.source ? `Source: ${current.source}` : "";
    ui.source.hidden = !current.source;
    views = current.parts.map((part, index) => buildPart({
      part,
      pid: `${ui.select.id}-${current.id}-${index}`,
      text: textOf(state.texts, current.id, part.id),
      onInput: (text) => {
        setPartText(part.id, text);
        entry.changed();
        scheduleTotal();
      },
      onBlur: () => {
        updateTotal();
        entry.flush();
      },
      onChoose: (text) => choose(part.id, text),
      onFindings: () => updatePrivacySummary(),
    }));
    ui.partsBox.replaceChildren(...views.map((view) => view.node));
    refreshParts();
  }

  function updatePrivacySummary() {
    const flagged = views.filter((v) => v.findings.length);
    const all = views.flatMap((v) => v.findings);
    let message = "";
    if (all.length) message = `Privacy check: ${summariseFindings(all).text} may identify someone (in ${flagged.map((v) => v.part.heading).join(", ")}). See the notes under the text.`;
    else if (ui.privacySummary.textContent) message = "Privacy check: nothing that looks identifying now.";
    setText(ui.privacySummary, message);
    ui.privacySummary.hidden = !message;
  }

  let totalTimer = null;
  function scheduleTotal() {
    window.clearTimeout(totalTimer);
    totalTimer = window.setTimeout(updateTotal, TOTAL_DELAY);
  }
  function updateTotal() {
    window.clearTimeout(totalTimer);
    views.forEach((view) => view.check());
    setText(ui.total, `Total: ${words(views.reduce((n, view) => n + view.words, 0))}.`);
  }

  ui.select.addEventListener("change", () => {
    if (!frameworks.some((f) => f.id === ui.select.value) || ui.select.value === state.framework) return;
    state.framework = ui.select.value;
    showFramework();
    entry.save();
  });

  wireActions({ ui, reflection: { ...reflection, id }, frameworks, page, state: () => state });

  const loaded = entry.load();
  if (loaded.status === "ok" && isUsable(loaded.value)) {
    state = fromEntry(loaded.value, frameworks, reflection.framework);
    if (loaded.value.updated) setText(ui.status, `Saved on this device ${when(new Date(loaded.value.updated))}.`);
  } else {
    if (loaded.status === "ok") store.update(activityKey("reflection", id), loaded.value, {}); // wrong shape: start afresh
    if (loaded.status !== "empty") ui.notice.show(loaded.status === "ok" ? "corrupt" : loaded.status, loaded.status === "unavailable" ? KEEP_HINT.trim() : "");
    const fromKernel = model.get("entry"); // in JupyterLab, the kernel may already hold an entry
    if (fromKernel && isUsable(fromKernel)) state = fromEntry(fromKernel, frameworks, reflection.framework);
  }
  showFramework();
  if (loaded.status === "ok") sync();
  return () => {
    entry.dispose();
    window.clearTimeout(totalTimer);
    views.forEach((view) => window.clearTimeout(view.timer));
  };
}

function wireActions({ ui, reflection, frameworks, page, state }) {
  const say = (message) => announce(ui.actionMessage, message);
  const text = () => allText({ reflection, frameworks, state: state(), page });
  ui.copyButton.addEventListener("click", async () => {
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text());
        copied = true;
      }
    } catch (error) {
      copied = false;
    }
    if (!copied) copied = copyWithSelection(ui.root, text(), ui.copyButton);
    say(copied ? "Copied all your text. Paste it somewhere safe, such as your own portfolio."
      : "This browser would not copy the text. Use \u201cDownload as a text file\u201d instead.");
  });
  const name = fileName(reflection.id);
  ui.downloadButton.addEventListener("click", () => {
    say(downloadText(text(), name, "text/plain;charset=utf-8", ui.root)
      ? `Your text has been downloaded as ${name}.`
      : "This browser would not download the file. Use \u201cCopy all text\u201d instead.");
  });
}

function copyWithSelection(root, text, returnTo) {
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
  returnTo.focus();
  return copied;
}

