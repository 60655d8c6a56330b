// @ts-check
// One part of a reflection: its box, word count, privacy check (findings explained, text
// highlighted on request) and, when two versions were saved, the choice between them.
import { conflictPanel } from "../../lib/conflict.js";
import { h, setValue } from "../../lib/dom.js";
import { findIdentifiers, summariseFindings } from "../../privacy/guard.js";
import { wordCount, words } from "./state.js";

const CHECK_DELAY = 300; // ms after the last keystroke before the privacy check
const MAX_LISTED = 25; // findings listed per part; the rest are counted

/**
 * @typedef {import("../../privacy/guard.js").Finding} Finding
 * @typedef {import("./state.js").FrameworkPart} FrameworkPart
 * @typedef {Parameters<typeof conflictPanel>[0]} PartConflict a conflict on this part's text (merge.js conflictsIn)
 * @typedef {object} PartView one part as buildPart makes it
 * @property {Pick<FrameworkPart, "id" | "heading" | "prompt">} part
 * @property {HTMLTextAreaElement} textarea
 * @property {HTMLParagraphElement} count
 * @property {Finding[]} findings the privacy guard's, as last checked
 * @property {number} words the word count, as last checked
 * @property {number | null} timer the privacy check waiting for a pause in typing
 * @property {() => void} check count the words and check the text now
 * @property {(value: string) => void} setText
 * @property {(conflict: PartConflict | null) => void} showConflict
 * @property {HTMLDivElement} node
 */

/**
 * @param {HTMLElement} box
 * @param {string} text
 * @param {Finding[]} findings
 */
function highlighted(box, text, findings) {
  box.textContent = "";
  let at = 0;
  for (const finding of findings) {
    box.append(document.createTextNode(text.slice(at, finding.start)));
    box.append(h("mark", { "data-kind": finding.kind }, text.slice(finding.start, finding.end)));
    box.append(h("span", { class: "course-sr-only" }, ` (possible ${finding.label})`));
    at = finding.end;
  }
  box.append(document.createTextNode(text.slice(at)));
}

/** @param {Finding} finding */
function findingItem(finding) {
  return h("li", { class: "rf-finding", "data-kind": finding.kind, "data-certainty": finding.certainty || "likely" },
    "\u201c", h("span", { class: "rf-found" }, finding.text), "\u201d ",
    h("strong", {}, `(${finding.label})`), `: ${finding.why}`);
}

/**
 * @param {string} pid
 * @param {string} heading
 */
function privacyBox(pid, heading) {
  const list = h("ul", { class: "rf-findings" });
  const title = h("p", { class: "rf-privacy-title" });
  const preview = h("div", { class: "rf-preview", id: `${pid}-preview`, role: "region", tabindex: "0",
    "aria-label": `${heading}: your text with possible identifying details marked`, hidden: true });
  const button = h("button", { type: "button", class: "course-button course-button-secondary rf-preview-button",
    "aria-expanded": "false", "aria-controls": preview.id }, "Show highlighted");
  const element = h("div", { class: "rf-privacy", id: `${pid}-privacy`, hidden: true }, title, list,
    h("p", { class: "rf-privacy-note" }, "Regulators expect reflections to be anonymised. This check is only a prompt: it can miss things, and it never stops your text being saved."),
    button, preview);
  return { element, list, title, preview, button };
}

// onInput(text) after each keystroke; onBlur(); onChoose(text) to settle a conflict;
// onFindings() when this part's findings change.
/**
 * @param {object} args
 * @param {Pick<FrameworkPart, "id" | "heading" | "prompt">} args.part
 * @param {string} args.pid the prefix of the part's element ids
 * @param {string} args.text
 * @param {(text: string) => void} args.onInput
 * @param {() => void} args.onBlur
 * @param {(text: string, label: string) => void} args.onChoose
 * @param {() => void} args.onFindings
 * @returns {PartView}
 */
export function buildPart({ part, pid, text, onInput, onBlur, onChoose, onFindings }) {
  const textarea = h("textarea", { id: `${pid}-text`, class: "rf-text", rows: 5, spellcheck: "true", "data-part-id": part.id });
  textarea.value = text;
  const prompt = h("p", { class: "rf-part-prompt", id: `${pid}-prompt` }, part.prompt);
  const count = h("p", { class: "rf-count", id: `${pid}-count` });
  const privacy = privacyBox(pid, part.heading);
  const conflictBox = h("div", { class: "rf-conflict" });
  // check, setText, showConflict and node are set below, before view is returned (tsc: the cast).
  const view = /** @type {PartView} */ ({ part, textarea, count, findings: /** @type {ReturnType<typeof findIdentifiers>} */ ([]), words: 0,
    timer: /** @type {number | null} */ (null) });

  function describe() {
    const ids = [prompt.id, count.id];
    if (view.findings.length) ids.push(privacy.element.id);
    textarea.setAttribute("aria-describedby", ids.join(" "));
  }

  view.check = () => {
    const value = textarea.value;
    view.words = wordCount(value);
    count.textContent = words(view.words);
    const findings = findIdentifiers(value);
    const same = findings.length === view.findings.length && findings.every((f, i) => f.kind === view.findings[i].kind && f.text === view.findings[i].text);
    view.findings = findings;
    if (!same) {
      privacy.list.replaceChildren(...findings.slice(0, MAX_LISTED).map(findingItem),
        ...(findings.length > MAX_LISTED ? [h("li", { class: "rf-finding" }, `and ${findings.length - MAX_LISTED} more like these.`)] : []));
      privacy.title.textContent = findings.length ? `Check this before you keep it: ${summariseFindings(findings).text} may identify someone.` : "";
      privacy.element.hidden = findings.length === 0;
      if (!findings.length && !privacy.preview.hidden) privacy.button.click();
      describe();
      onFindings();
    }
    if (!privacy.preview.hidden) highlighted(privacy.preview, value, findings);
  };

  // A value from storage (another tab, a merge): replace the text, keeping the caret if focused.
  view.setText = (value) => {
    if (setValue(textarea, value)) view.check();
  };

  view.showConflict = (conflict) => {
    conflictBox.replaceChildren(conflict ? conflictPanel(conflict, onChoose, `\u201c${part.heading}\u201d`) : "");
  };

  textarea.addEventListener("input", () => {
    onInput(textarea.value);
    window.clearTimeout(view.timer);
    view.timer = window.setTimeout(view.check, CHECK_DELAY);
  });
  textarea.addEventListener("blur", () => {
    window.clearTimeout(view.timer);
    view.check();
    onBlur();
  });
  privacy.button.addEventListener("click", () => {
    const opening = privacy.preview.hidden;
    privacy.preview.hidden = !opening;
    privacy.button.setAttribute("aria-expanded", String(opening));
    privacy.button.textContent = opening ? "Hide highlighted" : "Show highlighted";
    if (opening) highlighted(privacy.preview, textarea.value, view.findings);
  });

  view.node = h("div", { class: "rf-part" },
    h("label", { for: textarea.id, class: "rf-part-heading" }, part.heading),
    prompt, conflictBox, textarea, count, privacy.element);
  describe();
  view.check();
  return view;
}
