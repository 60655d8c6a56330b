// @ts-check
// Progress on each page of the static site, from what this browser has saved (nothing leaves
// the device). On a page with activities: a small box after the title; on a timed page without
// activities: a "Mark this page as read" toggle; on reference pages: nothing. It follows every
// change as it is saved, in this tab or another, through the store's change notifications.
// A classic script (bundled as one function), so it also works from file://.
import { announce, h, setText, uniqueId } from "../lib/dom.js";
import { PROGRESS_PAGE, activityKey, kindLabel, readKey } from "../lib/facts.js";
import { courseManifest } from "../lib/manifest.js";
import { createNotice } from "../lib/notice.js";
import { findPage, pageProgress, readMark } from "../lib/progress.js";
import { openStore } from "../lib/store.js";
import { whereText } from "../lib/where.js";

const STATUS_WORDS = { completed: "Completed", attempted: "Attempted", "not started": "Not yet" };

/**
 * @typedef {import("../lib/manifest.js").Manifest} Manifest
 * @typedef {Partial<import("../lib/manifest.js").ManifestPage>} Page
 * @typedef {import("../lib/store.js").Store} Store
 */
/**
 * @param {Manifest} manifest
 */
function progressLink(manifest) {
  const root = document.documentElement.dataset.content_root;
  if (typeof root !== "string" || !findPage(manifest, PROGRESS_PAGE)) return null;
  return h("a", { href: `${root}${PROGRESS_PAGE}.html` }, "See your progress through the whole course");
}

/**
 * @param {ReturnType<typeof pageProgress>} progress
 * @returns {string}
 */
function summaryText(progress) {
  const noun = progress.total === 1 ? "activity" : "activities";
  const tried = progress.attempted ? `, ${progress.attempted} attempted` : "";
  return `On this page: ${progress.completed} of ${progress.total} ${noun} completed${tried}`;
}

/**
 * @param {Manifest} manifest
 * @param {Page} page
 * @param {Store} store
 */
function activitiesBox(manifest, page, store) {
  const summary = h("span", { class: "cpp-summary-text" });
  const list = h("ul", { class: "cpp-list" });
  const note = h("p", { class: "cpp-note" });
  const status = h("p", { class: "cpp-status", role: "status", "aria-live": "polite" });
  const element = h(
    "div",
    { class: "course-page-progress", id: uniqueId("cpp"), "data-course-page": page.docname },
    h("details", { class: "cpp-details" }, h("summary", { class: "cpp-summary" }, summary), list, note),
    status,
  );
  /** @type {boolean | null} */
  let wasComplete = null;
  let shown = "";

  function update() {
    const works = store.available();
    const progress = pageProgress(page, works ? store.readAll().entries : {});
    // Only touch the page when something changed, so screen readers are not interrupted.
    const now = JSON.stringify([works, progress.activities.map((a) => a.status)]);
    if (now === shown) return;
    shown = now;
    setText(summary, summaryText(progress));
    list.replaceChildren(...progress.activities.map((a) => h(
      "li",
      { class: `cpp-item cpp-${a.status.replace(" ", "-")}`, "data-activity": activityKey(a.kind, a.id) },
      h("span", { class: "cpp-title" }, `${kindLabel(a.kind)}: ${a.title || a.id}`),
      " ",
      h("span", { class: "cpp-state" }, STATUS_WORDS[a.status]),
    )));
    note.replaceChildren(
      works ? whereText(store.where(), "page")
        : "This browser is not letting the course save, so progress cannot be kept or shown here. ",
      progressLink(manifest) || "",
    );
    element.classList.toggle("cpp-complete", progress.complete);
    if (wasComplete === false && progress.complete) {
      announce(status, `All the activities on this page are completed. Its ${progress.minutes} minutes count towards your CPD time.`);
    } else if (!progress.complete) status.textContent = "";
    wasComplete = progress.complete;
  }
  return { element, update };
}

/**
 * @param {Manifest} manifest
 * @param {Page} page
 * @param {Store} store
 */
function readToggle(manifest, page, store) {
  const uid = uniqueId("cpp");
  const button = h("button", { type: "button", class: "cpp-button", "aria-pressed": "false", "aria-describedby": `${uid}-note` }, "Mark this page as read");
  const note = h("p", { class: "cpp-note", id: `${uid}-note`, role: "status", "aria-live": "polite" });
  const notice = createNotice("cpp-notice");
  const element = h("div", { class: "course-page-progress cpp-read", id: uid, "data-course-page": page.docname }, button, note, notice.element);
  const key = readKey(page.docname);
  /** @type {boolean | null} */
  let unsaved = null; // the learner's choice, when the browser would not save it
  /** @type {boolean | null} */
  let shown = null;

  function update() {
    const stored = store.read(key);
    const read = unsaved !== null ? unsaved : stored.status === "ok" && stored.value.complete === true;
    if (read === shown) return; // unchanged: leave the live region alone
    shown = read;
    button.setAttribute("aria-pressed", String(read));
    element.classList.toggle("cpp-complete", read);
    note.replaceChildren(
      read ? `Marked as read: this page's ${pageProgress(page, {}).minutes} minutes count towards your CPD time. `
        : `Not marked as read yet. Mark it when you have read it, and its ${pageProgress(page, {}).minutes} minutes will count towards your CPD time. `,
      progressLink(manifest) || "",
    );
  }

  button.addEventListener("click", () => {
    const read = button.getAttribute("aria-pressed") !== "true";
    const before = store.read(key);
    const result = store.update(key, before.value, readMark(/** @type {string} */ (page.docname), read));
    unsaved = result.ok ? null : read;
    if (result.ok) notice.clear();
    else notice.show(result.reason);
    update();
  });
  return { element, update };
}

function start() {
  const manifest = courseManifest();
  const meta = document.querySelector('meta[name="course-page"]');
  const page = meta ? findPage(manifest, meta.getAttribute("content")) : null;
  if (!page || !pageProgress(page, {}).counted) return; // a reference page: no minutes, no activities
  const article = document.querySelector("article.bd-article") || document.querySelector("main");
  if (!article) return;
  const store = openStore();
  const part = page.activities && page.activities.length ? activitiesBox(manifest, page, store) : readToggle(manifest, page, store);
  const title = article.querySelector("h1");
  if (title) title.after(part.element);
  else article.prepend(part.element);
  part.update();
  store.subscribe(() => part.update());
  window.addEventListener("pageshow", () => part.update()); // back to a page kept in memory
}

function safeStart() {
  try {
    start();
  } catch (error) {
    // Progress is a convenience: whatever happens, the page itself must keep working.
    console.warn("page-progress: progress could not be shown", error);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", safeStart);
else safeStart();
