// @ts-check
// "Keep a copy": Markdown, print (or PDF) and JSON backup, each after the privacy check, which
// lists what looks identifying (likely findings first, possible ones more gently) and never
// blocks the export. Files are made in the browser; nothing is sent anywhere.
import { h } from "../../lib/dom.js";
import { downloadText } from "../../lib/download.js";
import { summariseFindings } from "../../privacy/guard.js";
import { backupTexts, makeBackup } from "./backup.js";
import { documentOf, findingsIn, learnerTexts } from "./document.js";
import { renderDocument } from "./document-view.js";
import { markdownOf } from "./export-markdown.js";

/**
 * @typedef {import("./view.js").Context} Context
 * @typedef {import("./document.js").Doc} Doc
 * A finding of the privacy check in the record, with where it is (document.js findingsIn).
 * @typedef {ReturnType<typeof findingsIn>[number]} Finding
 * @typedef {"markdown" | "print" | "backup"} ExportKind
 */

const MAX_LISTED = 40; // findings listed before an export; the rest are counted
const ANYWAY = { markdown: "Download Markdown anyway", print: "Print anyway", backup: "Download backup anyway" };
const NOTHING_FOUND = "The privacy check found nothing that looks identifying (it can miss things).";

export function today() {
  const now = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const savedItems = (/** @type {number} */ count) => `${count} saved ${count === 1 ? "item" : "items"}`;

/**
 * @param {Finding[]} findings
 * @param {boolean} gentle
 */
function findingList(findings, gentle) {
  const shown = findings.slice(0, MAX_LISTED).map((f) => h("li", { class: `pf-finding${gentle ? " pf-finding-possible" : ""}`, "data-kind": f.kind },
    h("span", { class: "pf-where" }, `${f.where}: `), "\u201c", h("span", { class: "pf-found" }, f.text), "\u201d ",
    h("strong", {}, `(${f.label})`), `. ${f.why}`));
  const more = findings.length > MAX_LISTED ? h("li", { class: "pf-finding" }, `and ${findings.length - MAX_LISTED} more like these.`) : null;
  return h("ul", { class: `pf-findings${gentle ? " pf-findings-possible" : ""}` }, shown, more);
}

// The panel's words: likely findings are called what they are; possible ones (which may be
// nothing, such as "nurse Amy") are offered as worth a second look.
/**
 * @param {string} panelId
 * @param {Finding[]} findings
 */
function privacyContent(panelId, findings) {
  const likely = findings.filter((f) => f.certainty !== "possible");
  const possible = findings.filter((f) => f.certainty === "possible");
  const title = likely.length
    ? `Before you export: ${summariseFindings(likely).text} may identify someone.`
    : `Before you export: ${summariseFindings(possible).text} may be worth a second look.`;
  return [
    h("p", { class: "pf-privacy-title", id: `${panelId}-title` }, title),
    likely.length ? findingList(likely, false) : null,
    possible.length && likely.length ? h("p", { class: "pf-possible-title" }, `These may be nothing, but are worth a second look: ${summariseFindings(possible).text}.`) : null,
    possible.length ? findingList(possible, true) : null,
    h("p", { class: "pf-privacy-note" }, "The regulators' 2019 joint statement asks that written reflections be anonymised and focus on learning. This course suggests leaving out names, addresses or postcodes, contact details, NHS or other reference numbers and details of relatives or colleagues, and taking care with exact dates and ages. This check is only a prompt: it can miss things, and it never stops you exporting. Your portfolio text can be changed above; a reflection itself is changed on its course page."),
  ].filter((part) => part !== null); // a part left out must not reach replaceChildren, which writes null as text
}

/**
 * @param {Context} ctx
 * @param {HTMLElement} printButton
 */
function createPrint(ctx, printButton) {
  const view = h("div", { class: "pf-print-view", id: `${ctx.uid}-print`, role: "region", "aria-label": "Print view of your CPD record", tabindex: "-1", hidden: true });
  /** @type {HTMLDivElement | null} */
  let root = null;
  const call = () => {
    try {
      if (typeof window.print === "function") window.print();
      else ctx.say("This browser has no print command here. Use its menu to print the page.");
    } catch {
      ctx.say("This browser would not open the print dialogue. Use its menu to print the page.");
    }
  };
  /** @param {Doc} doc */
  function draw(doc) {
    const again = h("button", { type: "button", class: "course-button" }, "Print again");
    const close = h("button", { type: "button", class: "course-button course-button-secondary" }, "Close print view");
    again.addEventListener("click", call);
    close.addEventListener("click", () => {
      print.close();
      printButton.focus();
    });
    view.replaceChildren(h("p", { class: "pf-print-view-title" }, h("strong", {}, "Print view"), " (only this record is printed)"),
      h("div", { class: "course-actions" }, again, close), renderDocument(doc, false));
    // The copy that is printed: a child of <body>, so the print styles can leave out the rest.
    const copy = h("div", { class: "pf-print-root", "aria-hidden": "true" }, renderDocument(doc, true));
    if (root && root.isConnected) root.replaceWith(copy);
    else document.body.append(copy);
    root = copy;
  }
  const print = {
    view,
    /** @param {Doc} doc */
    open(doc) {
      draw(doc);
      view.hidden = false;
      document.body.classList.add("pf-printing");
      view.focus();
      call();
    },
    refresh: (/** @type {Doc} */ doc) => root && draw(doc),
    close() {
      view.hidden = true;
      view.replaceChildren();
      if (root) root.remove();
      root = null;
      document.body.classList.remove("pf-printing");
    },
  };
  return print;
}

/** @param {Context} ctx */
export function createExports(ctx) {
  const buttons = {
    markdown: h("button", { type: "button", class: "course-button" }, "Download Markdown"),
    print: h("button", { type: "button", class: "course-button" }, "Print or save as PDF"),
    backup: h("button", { type: "button", class: "course-button course-button-secondary" }, "Download backup (JSON)"),
  };
  const panelId = `${ctx.uid}-privacy`;
  const panel = h("div", { class: "pf-privacy", id: panelId, role: "region", "aria-labelledby": `${panelId}-title`, tabindex: "-1", hidden: true });
  const print = createPrint(ctx, buttons.print);

  function hidePrivacy() {
    panel.hidden = true;
    panel.replaceChildren();
  }

  /**
   * @param {ExportKind} kind
   * @param {string} privacyNote
   */
  function run(kind, privacyNote) {
    if (kind === "markdown") {
      const name = `cpd-portfolio-${today()}.md`;
      const ok = downloadText(markdownOf(documentOf(ctx.record())), name, "text/markdown;charset=utf-8", ctx.root);
      ctx.say(ok ? `Your record has been downloaded as ${name}. ${privacyNote}` : "This browser would not download the file. Try \u201cPrint or save as PDF\u201d instead.");
    } else if (kind === "backup") {
      const { items, partial } = ctx.backupItems();
      const name = `selfhelp-course-backup-${today()}.json`;
      const ok = downloadText(makeBackup(items, new Date().toISOString()), name, "application/json", ctx.root);
      const only = partial ? " This browser is not letting the course read its storage, so the backup only holds your portfolio as it is on this page." : "";
      ctx.say(ok ? `Your backup (${savedItems(Object.keys(items).length)}) has been downloaded as ${name}. ${privacyNote}${only}` : "This browser would not download the file.");
    } else {
      print.open(documentOf(ctx.record()));
      ctx.say(`The print view is open below. Choose \u201cSave as PDF\u201d in the print dialogue to keep a PDF. ${privacyNote}`);
    }
  }

  /** @param {ExportKind} kind */
  function start(kind) {
    ctx.hidePanels();
    const texts = kind === "backup" ? backupTexts(ctx.backupItems().items, ctx.titles, ctx.frameworks) : learnerTexts(documentOf(ctx.record()));
    const findings = findingsIn(texts);
    if (!findings.length) {
      run(kind, NOTHING_FOUND);
      return;
    }
    const anyway = h("button", { type: "button", class: "course-button" }, ANYWAY[kind]);
    const cancel = h("button", { type: "button", class: "course-button course-button-secondary" }, "Cancel and edit first");
    anyway.addEventListener("click", () => {
      hidePrivacy();
      buttons[kind].focus();
      run(kind, `Exported with ${summariseFindings(findings).text} that may identify someone.`);
    });
    cancel.addEventListener("click", () => {
      hidePrivacy();
      buttons[kind].focus();
      ctx.say("Nothing was exported. Edit the text the check pointed to, then export again.");
    });
    panel.replaceChildren(...privacyContent(panelId, findings), h("div", { class: "course-actions" }, anyway, cancel));
    panel.classList.toggle("pf-privacy-gentle", findings.every((f) => f.certainty === "possible"));
    panel.hidden = false;
    panel.focus();
  }

  // Object.entries gives the keys of `buttons` as strings: they are the three kinds.
  for (const [kind, button] of Object.entries(buttons)) button.addEventListener("click", () => start(/** @type {ExportKind} */ (kind)));
  return {
    nodes: [h("div", { class: "course-actions" }, buttons.markdown, buttons.print, buttons.backup), panel],
    printView: print.view,
    hidePrivacy,
    refreshPrint: print.refresh,
    closePrint: print.close,
  };
}
