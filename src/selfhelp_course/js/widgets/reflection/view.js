// @ts-check
// The reflection box: a choice of framework, one box per part, a privacy guard, autosave that
// merges with other tabs, and copy/download so the text can always be kept.
import { afterChoosing } from "../../lib/conflict.js";
import { announce, h, setText, uniqueId } from "../../lib/dom.js";
import { downloadText } from "../../lib/download.js";
import { activityKey } from "../../lib/facts.js";
import { leftText, watchLeft } from "../../lib/lms-left.js";
import { conflictsIn, resolveConflict } from "../../lib/merge.js";
import { mountActivity } from "../../lib/mount.js";
import { createNotice } from "../../lib/notice.js";
import { whereText } from "../../lib/where.js";
import { summariseFindings } from "../../privacy/guard.js";
import { buildPart } from "./part.js";
import { allText, derive, entryValue, fileName, isUsable, keptAfterClear, stateFromEntry, textOf, when, words } from "./state.js";

/**
 * @typedef {import("./state.js").Framework} Framework
 * @typedef {import("./state.js").Reflection} Reflection
 * @typedef {import("./state.js").ReflectionState} ReflectionState
 * @typedef {import("./part.js").PartView} PartView
 * @typedef {import("../../lib/store.js").Store} Store
 * @typedef {import("../../lib/store.js").StoredEntry} StoredEntry
 * @typedef {{select: HTMLSelectElement, source: HTMLParagraphElement, partsBox: HTMLDivElement, total: HTMLParagraphElement,
 *   privacySummary: HTMLParagraphElement, copyButton: HTMLButtonElement, downloadButton: HTMLButtonElement,
 *   status: HTMLParagraphElement, actionMessage: HTMLParagraphElement, lmsLeft: HTMLParagraphElement,
 *   notice: import("../../lib/mount.js").Notice, root: HTMLFieldSetElement}} ReflectionUi
 */

const TOTAL_DELAY = 1500; // the live total word count is only updated at a pause
const KEEP_HINT = " Your text stays on this page until you leave it: use \u201cCopy all text\u201d or \u201cDownload as a text file\u201d to keep a copy.";

/**
 * @param {Reflection} reflection
 * @param {Framework[]} frameworks
 * @param {string} uid
 * @param {string} space the store's where()
 * @returns {ReflectionUi}
 */
function shell(reflection, frameworks, uid, space) {
  const select = h("select", { id: `${uid}-framework`, class: "rf-select", "aria-describedby": `${uid}-source` },
    frameworks.map((f) => h("option", { value: f.id }, f.name)));
  // root is set just below, before parts is returned (tsc: the cast).
  const parts = /** @type {ReflectionUi} */ ({
    select,
    source: h("p", { class: "rf-source", id: `${uid}-source` }),
    partsBox: h("div", { class: "rf-parts" }),
    total: h("p", { class: "rf-total", "aria-live": "polite", "aria-atomic": "true" }),
    privacySummary: h("p", { class: "rf-privacy-summary", "aria-live": "polite", hidden: true }),
    copyButton: h("button", { type: "button", class: "course-button course-button-secondary" }, "Copy all text"),
    downloadButton: h("button", { type: "button", class: "course-button course-button-secondary" }, "Download as a text file"),
    status: h("p", { class: "course-status rf-status", role: "status", "aria-live": "polite" }),
    actionMessage: h("p", { class: "rf-action-message", role: "status", "aria-live": "polite" }),
    lmsLeft: h("p", { class: "rf-lms-left", role: "status", "aria-live": "polite", hidden: true }),
    notice: createNotice(),
  });
  parts.root = h("fieldset", { class: "course-widget rf", "data-reflection-id": reflection.id },
    h("legend", { class: "rf-title" }, reflection.title || "Reflection"),
    reflection.prompt ? h("p", { class: "rf-prompt" }, reflection.prompt) : null,
    h("p", { class: "rf-hint" }, `${whereText(space, "writing")} Leave out names and anything else that could identify a person.`),
    h("div", { class: "rf-framework" }, h("label", { for: select.id, class: "rf-label" }, "Reflective framework"), select, parts.source),
    parts.partsBox, parts.total, parts.privacySummary,
    h("div", { class: "course-actions" }, parts.copyButton, parts.downloadButton),
    parts.actionMessage, parts.status, parts.lmsLeft, parts.notice.element);
  return parts;
}

class ReflectionView {
  /** @param {{model: any, el: HTMLElement, store: Store, reflection: Reflection, frameworks: Framework[]}} args anywidget's model */
  constructor({ model, el, store, reflection, frameworks }) {
    this.model = model;
    this.store = store;
    this.frameworks = frameworks;
    this.reflection = reflection;
    this.page = model.get("page") || "";
    this.ui = shell(reflection, frameworks, uniqueId(`rf-${reflection.id}`), store.where());
    el.append(this.ui.root);
    this.state = stateFromEntry(null, frameworks, reflection.framework);
    /** @type {PartView[]} */
    this.views = [];
    /** @type {number | null} */
    this.totalTimer = null;
    this.mounted = mountActivity(store, activityKey("reflection", reflection.id), {
      current: () => entryValue(this.state, this.page),
      derive: derive(frameworks),
      show: (value, why) => this.showStored(value, why),
      saved: (result) => this.saved(result),
      keep: keptAfterClear,
      notice: this.ui.notice,
      // Unsaved text must be kept by hand, so the learner is told how whenever saving fails.
      hints: { full: KEEP_HINT.trim(), unavailable: KEEP_HINT.trim() },
      keeps: (reason) => reason !== "full" && reason !== "unavailable",
      // A saved entry of the wrong shape is set aside like an unreadable one, and said in words.
      usable: isUsable,
    });
    this.entry = this.mounted.entry;
    this.ui.select.addEventListener("change", () => this.chooseFramework(this.ui.select.value));
    wireActions({ ui: this.ui, reflection, frameworks, page: this.page, state: () => this.state });
    this.start();
    // In an LMS with writing shared: whether this reflection was too much for it to hold.
    this.heldBack = false;
    this.stopWatchingLeft = watchLeft(window, activityKey("reflection", reflection.id), (held) => {
      this.heldBack = held;
      this.showHeldBack();
    });
  }

  start() {
    const loaded = this.mounted.load();
    if (loaded.status === "ok" && isUsable(loaded.value)) {
      this.state = stateFromEntry(loaded.value, this.frameworks, this.reflection.framework);
      if (loaded.value.updated) this.showSavedAt(loaded.value.updated);
    } else {
      const fromKernel = this.model.get("entry"); // in JupyterLab, the kernel may already hold an entry
      if (fromKernel && isUsable(fromKernel)) this.state = stateFromEntry(fromKernel, this.frameworks, this.reflection.framework);
    }
    this.showFramework();
    if (loaded.status === "ok") this.sync();
  }

  /** @returns {Framework} */
  framework() {
    // state.framework is always one of the frameworks (stateFromEntry, chooseFramework) (tsc: the cast).
    return /** @type {Framework} */ (this.frameworks.find((f) => f.id === this.state.framework));
  }

  sync() {
    this.model.set("entry", { framework: this.state.framework, texts: entryValue(this.state, this.page).texts });
    this.model.save_changes();
  }

  showHeldBack() {
    const box = this.ui.lmsLeft;
    const current = this.framework();
    const written = (/** @type {string} */ frameworkId, /** @type {string} */ partId) => textOf(this.state.texts, frameworkId, partId).trim() !== "";
    const headings = current.parts.filter((part) => written(current.id, part.id)).map((part) => part.heading);
    const elsewhere = Object.keys(this.state.texts).some((id) => id !== current.id
      && Object.keys(this.state.texts[id]).some((partId) => written(id, partId)));
    setText(box, this.heldBack ? leftText(headings, elsewhere) : "");
    box.hidden = !this.heldBack;
  }

  /** @param {string} iso */
  showSavedAt(iso) {
    setText(this.ui.status, `Saved on this device ${when(new Date(iso))}.`);
  }

  /**
   * @param {StoredEntry | null | undefined} value
   * @param {string | null} why
   */
  showStored(value, why) {
    const next = stateFromEntry(isUsable(value) ? value : null, this.frameworks, this.state.framework);
    // After a clear or import that kept what was typed since, the boxes stay (caret in place).
    const redraw = next.framework !== this.state.framework || why === "cleared" || why === "replaced";
    this.state = next;
    if (redraw) this.showFramework();
    else this.refreshParts();
    if (value && value.updated && why !== "merged") this.showSavedAt(value.updated);
    this.sync();
  }

  /** @param {import("../../lib/store.js").UpdateResult} result */
  saved(result) {
    // An ok result holds the value written, which the store dates (store.update) (tsc: the cast).
    if (result.ok) this.showSavedAt(/** @type {{updated: string}} */ (result.value).updated);
    else if (result.reason === "full" || result.reason === "unavailable") {
      setText(this.ui.status, result.reason === "full"
        ? "Not saved: this browser's storage is full. Copy or download your text before you leave."
        : "Not saved: this browser is not letting the course save. Copy or download your text before you leave.");
    }
    this.sync();
  }

  /** @param {string} partId */
  conflictFor(partId) {
    const path = ["texts", this.state.framework, partId];
    return conflictsIn(entryValue(this.state, this.page)).find((c) => c.path.join("\u0000") === path.join("\u0000")) || null;
  }

  refreshParts() {
    this.views.forEach((view) => {
      view.setText(textOf(this.state.texts, this.state.framework, view.part.id));
      view.showConflict(this.conflictFor(view.part.id));
    });
    this.updatePrivacySummary();
    this.updateTotal();
  }

  /**
   * @param {string} partId
   * @param {string} text
   */
  setPartText(partId, text) {
    const texts = this.state.texts;
    if (!texts[this.state.framework]) texts[this.state.framework] = Object.create(null);
    texts[this.state.framework][partId] = text;
  }

  /**
   * @param {string} partId
   * @param {string} text
   * @param {string} label
   */
  choose(partId, text, label) {
    const path = ["texts", this.state.framework, partId];
    this.state.conflicts = resolveConflict(entryValue(this.state, this.page), path, text).conflicts;
    this.setPartText(partId, text);
    this.refreshParts();
    this.entry.save();
    const view = this.views.find((v) => v.part.id === partId);
    if (view) afterChoosing(view.textarea, (message) => announce(this.ui.actionMessage, message), label, `\u201c${view.part.heading}\u201d`);
  }

  /** @param {string} id */
  chooseFramework(id) {
    if (!this.frameworks.some((f) => f.id === id) || id === this.state.framework) return;
    this.state.framework = id;
    this.showFramework();
    this.entry.save();
  }

  showFramework() {
    this.views.forEach((view) => window.clearTimeout(view.timer));
    const current = this.framework();
    this.ui.select.value = current.id;
    this.ui.source.textContent = current.source ? `Source: ${current.source}` : "";
    this.ui.source.hidden = !current.source;
    this.views = current.parts.map((part, index) => buildPart({
      part,
      pid: `${this.ui.select.id}-${current.id}-${index}`,
      text: textOf(this.state.texts, current.id, part.id),
      onInput: (text) => {
        this.setPartText(part.id, text);
        this.entry.changed();
        this.scheduleTotal();
      },
      onBlur: () => {
        this.updateTotal();
        this.entry.flush();
      },
      onChoose: (text, label) => this.choose(part.id, text, label),
      onFindings: () => this.updatePrivacySummary(),
    }));
    this.ui.partsBox.replaceChildren(...this.views.map((view) => view.node));
    this.refreshParts();
  }

  updatePrivacySummary() {
    const flagged = this.views.filter((v) => v.findings.length);
    const all = this.views.flatMap((v) => v.findings);
    const box = this.ui.privacySummary;
    let message = "";
    if (all.length) message = `Privacy check: ${summariseFindings(all).text} may identify someone (in ${flagged.map((v) => v.part.heading).join(", ")}). See the notes under the text.`;
    else if (box.textContent) message = "Privacy check: nothing that looks identifying now.";
    setText(box, message);
    box.hidden = !message;
  }

  scheduleTotal() {
    window.clearTimeout(this.totalTimer);
    this.totalTimer = window.setTimeout(() => this.updateTotal(), TOTAL_DELAY);
  }

  updateTotal() {
    window.clearTimeout(this.totalTimer);
    this.views.forEach((view) => view.check());
    setText(this.ui.total, `Total: ${words(this.views.reduce((n, view) => n + view.words, 0))}.`);
  }

  dispose() {
    this.mounted.dispose();
    this.stopWatchingLeft();
    window.clearTimeout(this.totalTimer);
    this.views.forEach((view) => window.clearTimeout(view.timer));
  }
}

/** @param {import("../../lib/mount.js").ViewArgs} args anywidget's model (lib/mount.js widgetModule) */
export function renderReflection({ model, el, store }) {
  /** @type {Partial<Reflection>} */
  const reflection = model.get("reflection") || {};
  /** @type {Framework[]} */
  const frameworks = (model.get("frameworks") || []).filter((/** @type {Partial<Framework> | null} */ f) => f && typeof f.id === "string" && Array.isArray(f.parts) && f.parts.length);
  if (!frameworks.length) {
    el.append(h("p", { class: "course-widget-error", role: "alert" }, "This reflection box has no reflective frameworks to offer, so it cannot be shown."));
    return () => {};
  }
  const view = new ReflectionView({ model, el, store, frameworks, reflection: { ...reflection, id: String(reflection.id || "reflection") } });
  return () => view.dispose();
}

/** @param {{ui: ReflectionUi, reflection: Reflection, frameworks: Framework[], page: string, state: () => ReflectionState}} args */
function wireActions({ ui, reflection, frameworks, page, state }) {
  const say = (/** @type {string} */ message) => announce(ui.actionMessage, message);
  const text = () => allText({ reflection, frameworks, state: state(), page });
  ui.copyButton.addEventListener("click", async () => {
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text());
        copied = true;
      }
    } catch {
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

/**
 * @param {HTMLElement} root
 * @param {string} text
 * @param {HTMLElement} returnTo
 * @returns {boolean}
 */
function copyWithSelection(root, text, returnTo) {
  const area = h("textarea", { class: "rf-copy-area", readonly: true, "aria-hidden": "true", tabindex: "-1" });
  area.value = text;
  root.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  returnTo.focus();
  return copied;
}

