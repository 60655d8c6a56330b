// Progress overview: the whole course by part and page, with activities done, minutes and
// status, and the CPD minutes done so far. Everything is read from this browser's storage by
// progress_core.js (concatenated before this file, after core.js); nothing is written here and
// nothing leaves the device. It updates when another tab saves (the "storage" event) and when
// the learner comes back to this tab.

const PROG_STATUS = { done: "Done", started: "Started", "not started": "Not started" };

// On the site, _static/course-manifest.js is written afresh at every build, while the trait was
// embedded when this page last ran (the execution cache can keep it for several builds), so the
// site's copy is preferred. In JupyterLab there is no site copy and the trait is used.
function progManifest(model) {
  const site = typeof window !== "undefined" ? window.COURSE_MANIFEST : undefined;
  if (site && site.version === 1 && Array.isArray(site.pages)) return site;
  return model.get("manifest") || {};
}

function progHref(docname) {
  const root = document.documentElement.dataset.content_root;
  return typeof root === "string" ? `${root}${docname}.html` : null;
}

function progHours(hours) {
  return `${hours} ${hours === 1 ? "hour" : "hours"}`;
}

function progActivitiesText(page) {
  return page.hasActivities ? `${page.done} of ${page.total}` : "None: mark the page as read";
}

function progStatusText(page) {
  if (!page.hasActivities) return page.read ? "Read" : "Not marked as read";
  return PROG_STATUS[page.state];
}

function render({ model, el }) {
  const uid = uniqueId("prog");
  const totals = h("label", { class: "prog-totals", for: `${uid}-bar`, id: `${uid}-totals` });
  const bar = h("progress", { class: "prog-bar", id: `${uid}-bar`, max: 1, value: 0 });
  const counts = h("p", { class: "prog-counts" });
  const status = h("p", { class: "course-status prog-status", role: "status", "aria-live": "polite" });
  const notice = h("p", { class: "course-notice", hidden: true });
  const table = h("table", { class: "prog-table" });
  const root = h(
    "div",
    { class: "course-widget prog", "data-progress-id": "course" },
    h("p", { class: "course-title" }, "Your progress through the course"),
    h("p", { class: "prog-where" }, "Kept only in this browser, on this device: nothing is sent anywhere."),
    h("div", { class: "prog-summary" }, totals, bar, counts),
    h(
      "p",
      { class: "prog-rule" },
      "A page's minutes count once all its activities are done, or, for a page without activities, once you " +
        "mark it as read. CPD hours are rounded down to the quarter hour.",
    ),
    notice,
    h("div", { class: "prog-scroll", role: "region", "aria-label": "Progress by page", tabindex: 0 }, table),
    status,
  );
  el.append(root);

  let manifest = progManifest(model);
  let cells = new Map(); // docname -> {row, activities, status}
  let lastMinutes = null;

  function build() {
    cells = new Map();
    const first = courseProgress(manifest);
    table.replaceChildren(
      h("caption", {}, "Every page with CPD time, in reading order"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Page"),
          h("th", { scope: "col" }, "Activities done"),
          h("th", { scope: "col" }, "Minutes"),
          h("th", { scope: "col" }, "Status"),
        ),
      ),
    );
    let body = null;
    let part = null;
    for (const page of first.pages) {
      const info = (manifest.pages || []).find((p) => p && p.docname === page.docname) || {};
      const caption = typeof info.part === "string" ? info.part : "";
      if (body === null || caption !== part) {
        part = caption;
        body = h("tbody", { class: "prog-part" });
        if (caption) {
          body.append(h("tr", { class: "prog-part-row" }, h("th", { scope: "colgroup", colspan: 4 }, caption)));
        }
        table.append(body);
      }
      const href = progHref(page.docname);
      // data-label names each cell when narrow screens show a row as a stack (course.css).
      const activities = h("td", { class: "prog-activities", "data-label": "Activities done" });
      const state = h("td", { class: "prog-state", "data-label": "Status" });
      const row = h(
        "tr",
        { class: "prog-page", "data-page": page.docname },
        h("th", { scope: "row", class: "prog-title" }, href ? h("a", { href }, page.title) : page.title),
        activities,
        h("td", { class: "prog-minutes", "data-label": "Minutes" }, String(page.minutes)),
        state,
      );
      body.append(row);
      cells.set(page.docname, { row, activities, state });
    }
  }

  function update() {
    const progress = courseProgress(manifest);
    if (!progress.pages.length) {
      notice.textContent = "The list of the course's pages is not available here, so progress cannot be shown.";
      notice.hidden = false;
      return;
    }
    const storage = readProgressEntry(`${progressPrefix(manifest)}probe`).status;
    notice.textContent = storage === "unavailable" ? STORAGE_MESSAGES.unavailable : "";
    notice.hidden = storage !== "unavailable";
    totals.textContent = `CPD minutes done: ${progress.minutesDone} of ${progress.minutesTotal} (${progHours(progress.hoursDone)})`;
    bar.max = Math.max(progress.minutesTotal, 1);
    bar.value = progress.minutesDone;
    counts.textContent =
      `Minutes left: ${progress.minutesLeft}. Activities done: ${progress.activitiesDone} of ${progress.activitiesTotal}. ` +
      `Pages finished: ${progress.pagesDone} of ${progress.pagesTotal}.`;
    for (const page of progress.pages) {
      const cell = cells.get(page.docname);
      if (!cell) continue;
      const activities = progActivitiesText(page);
      const state = progStatusText(page);
      if (cell.activities.textContent !== activities) cell.activities.textContent = activities;
      if (cell.state.textContent !== state) cell.state.textContent = state;
      cell.row.className = `prog-page prog-${page.state.replace(" ", "-")}`;
    }
    if (lastMinutes !== null && lastMinutes !== progress.minutesDone) {
      announce(status, `Progress updated: ${progress.minutesDone} of ${progress.minutesTotal} CPD minutes done.`);
    }
    lastMinutes = progress.minutesDone;
  }

  build();
  update();

  let timer = null;
  function refreshSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 150);
  }
  function onStorage(event) {
    if (event.key === null || String(event.key).startsWith(progressPrefix(manifest))) refreshSoon();
  }
  function onVisible() {
    if (document.visibilityState === "visible") refreshSoon();
  }
  function onManifest() {
    manifest = progManifest(model);
    build();
    update();
  }
  window.addEventListener("storage", onStorage);
  window.addEventListener("focus", refreshSoon);
  window.addEventListener("pageshow", refreshSoon);
  document.addEventListener("visibilitychange", onVisible);
  model.on("change:manifest", onManifest);

  return () => {
    window.clearTimeout(timer);
    window.removeEventListener("storage", onStorage);
    window.removeEventListener("focus", refreshSoon);
    window.removeEventListener("pageshow", refreshSoon);
    document.removeEventListener("visibilitychange", onVisible);
    model.off("change:manifest", onManifest);
  };
}

export default { render };
