// Progress on each page of the static site, from what this browser has saved (nothing leaves
// the device). This is only the site part: the extension (sphinx_ext.py, page_progress_script)
// writes _static/page-progress.js as one function wrapping core.js + progress_core.js + this
// file, so the page uses the very same progress rules as the ProgressOverview widget and keeps
// nothing in the page's globals. It is a classic script, so it also works from file://.
//
// It needs window.COURSE_MANIFEST (_static/course-manifest.js, loaded just before it) and the
// page's <meta name="course-page">. On a page with activities it shows a small box after the
// title; on a timed page without activities, a "Mark this page as read" toggle; on reference
// pages (no minutes, no activities), nothing.

const CPP_KINDS = {
  check: "Knowledge check",
  sorting: "Sorting exercise",
  scenario: "Scenario",
  reflection: "Reflection",
  explorer: "Explorer",
};
const CPP_STATES = { done: "Done", started: "Started", "not started": "Not yet" };
const CPP_PROGRESS_PAGE = "book/progress";
// Re-reading storage after the learner does something: soon, and again once slower saves
// (a reflection saves 400 ms after the last keystroke) have happened.
const CPP_DELAYS = [150, 900];

function cppHref(docname) {
  const root = document.documentElement.dataset.content_root;
  return typeof root === "string" ? `${root}${docname}.html` : null;
}

function cppProgressLink(manifest) {
  const listed = (manifest.pages || []).some((p) => p && p.docname === CPP_PROGRESS_PAGE);
  const href = listed ? cppHref(CPP_PROGRESS_PAGE) : null;
  return href ? h("a", { href }, "See your progress through the whole course") : null;
}

function cppStorageWorks(prefix) {
  return readProgressEntry(`${prefix}probe`).status !== "unavailable";
}

function cppActivitiesBox(manifest, docname) {
  const uid = uniqueId("cpp");
  const summary = h("span", { class: "cpp-summary-text" });
  const list = h("ul", { class: "cpp-list" });
  const note = h("p", { class: "cpp-note" });
  const status = h("p", { class: "cpp-status", role: "status", "aria-live": "polite" });
  const box = h(
    "div",
    { class: "course-page-progress", id: uid, "data-course-page": docname },
    h("details", { class: "cpp-details" }, h("summary", { class: "cpp-summary" }, summary), list, note),
    status,
  );
  let wasComplete = null;
  let shown = "";

  function update() {
    const progress = pageProgress(manifest, docname);
    const works = cppStorageWorks(progressPrefix(manifest));
    // Only touch the page when something changed, so screen readers are not interrupted.
    const now = JSON.stringify([works, progress.activities.map((a) => a.state)]);
    if (now === shown) return;
    shown = now;
    const noun = progress.total === 1 ? "activity" : "activities";
    summary.textContent = `On this page: ${progress.done} of ${progress.total} ${noun} done`;
    list.replaceChildren(
      ...progress.activities.map((activity) =>
        h(
          "li",
          { class: `cpp-item cpp-${activity.state.replace(" ", "-")}`, "data-activity": `${activity.kind}:${activity.id}` },
          h("span", { class: "cpp-title" }, `${CPP_KINDS[activity.kind] || "Activity"}: ${activity.title || activity.id}`),
          " ",
          h("span", { class: "cpp-state" }, CPP_STATES[activity.state]),
        ),
      ),
    );
    note.replaceChildren(
      works
        ? "Your progress is kept only in this browser, on this device. "
        : "This browser is not letting the course save, so progress cannot be kept or shown here. ",
      cppProgressLink(manifest) || "",
    );
    box.classList.toggle("cpp-complete", progress.complete);
    if (wasComplete === false && progress.complete) {
      announce(status, `All the activities on this page are done. Its ${progress.minutes} minutes count towards your CPD time.`);
    } else if (!progress.complete) {
      status.textContent = "";
    }
    wasComplete = progress.complete;
  }

  return { element: box, update };
}

function cppReadToggle(manifest, docname) {
  const uid = uniqueId("cpp");
  const button = h(
    "button",
    { type: "button", class: "cpp-button", "aria-pressed": "false", "aria-describedby": `${uid}-note` },
    "Mark this page as read",
  );
  const note = h("p", { class: "cpp-note", id: `${uid}-note`, role: "status", "aria-live": "polite" });
  const notice = h("p", { class: "cpp-notice", hidden: true });
  const box = h(
    "div",
    { class: "course-page-progress cpp-read", id: uid, "data-course-page": docname },
    button,
    note,
    notice,
  );
  // If the browser will not save, the toggle still works for this visit.
  let unsaved = null;
  let shown = null;

  function update() {
    const progress = pageProgress(manifest, docname);
    const read = unsaved === null ? progress.read : unsaved;
    if (read === shown) return; // unchanged: leave the live region alone
    shown = read;
    button.setAttribute("aria-pressed", String(read));
    box.classList.toggle("cpp-complete", read);
    note.replaceChildren(
      read
        ? `Marked as read: this page's ${progress.minutes} minutes count towards your CPD time. `
        : `Not marked as read yet. Mark it when you have read it, and its ${progress.minutes} minutes will count towards your CPD time. `,
      cppProgressLink(manifest) || "",
    );
  }

  button.addEventListener("click", () => {
    const pressed = button.getAttribute("aria-pressed") === "true";
    const result = setPageRead(manifest, docname, !pressed);
    unsaved = result.ok ? null : !pressed;
    notice.textContent = result.ok ? "" : STORAGE_MESSAGES[result.reason];
    notice.hidden = result.ok;
    update();
  });

  return { element: box, update };
}

function cppStart() {
  const manifest = window.COURSE_MANIFEST;
  const meta = document.querySelector('meta[name="course-page"]');
  if (!manifest || !Array.isArray(manifest.pages) || !meta) return;
  const docname = meta.getAttribute("content");
  const page = manifest.pages.find((p) => p && p.docname === docname);
  if (!page) return;
  const first = pageProgress(manifest, page);
  if (!first.counted) return; // a reference page: no minutes, no activities
  const article = document.querySelector("article.bd-article") || document.querySelector("main");
  if (!article) return;
  const part = first.hasActivities ? cppActivitiesBox(manifest, docname) : cppReadToggle(manifest, docname);
  const title = article.querySelector("h1");
  if (title) title.after(part.element);
  else article.prepend(part.element);
  part.update();

  const timers = [];
  function refreshSoon() {
    timers.splice(0).forEach((timer) => window.clearTimeout(timer));
    CPP_DELAYS.forEach((delay) => timers.push(window.setTimeout(part.update, delay)));
  }
  ["change", "click", "input", "focusout"].forEach((name) => document.addEventListener(name, refreshSoon, true));
  window.addEventListener("focus", refreshSoon);
  window.addEventListener("pageshow", refreshSoon);
  // Another tab of this site saved something: the storage event fires only in other tabs.
  window.addEventListener("storage", (event) => {
    if (event.key === null || String(event.key).startsWith(progressPrefix(manifest))) refreshSoon();
  });
}

function cppSafeStart() {
  try {
    cppStart();
  } catch (error) {
    // Progress is a convenience: whatever happens, the page itself must keep working.
    console.warn("page-progress: progress could not be shown", error);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", cppSafeStart);
else cppSafeStart();
