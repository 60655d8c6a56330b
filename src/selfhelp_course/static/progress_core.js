// Progress core: the ONE reading of "how far has the learner got", from what the activities
// saved in this browser. Plain functions, no import/export: it is concatenated after core.js
// (it uses COURSE_PREFIX) into the ProgressOverview and Portfolio widget modules,
// and into the site's _static/page-progress.js. Nothing here leaves the device.
//
// Stable API (other code relies on these names and shapes; extend, do not change):
//   activityState(prefix, activity)   -> "done" | "started" | "not started"
//       activity is a manifest entry {kind, id, ...}; its entry is localStorage[prefix + kind +
//       ":" + id]. "done": a JSON object whose `complete` is exactly true. "started": any other
//       JSON object. "not started": no entry, or one that cannot be read (bad JSON, not an
//       object, storage blocked). Never throws and never writes.
//   readProgressEntry(key)            -> {status: "ok" | "empty" | "corrupt" | "unavailable", value?}
//       Read-only (unlike openStore().read(), which sets unreadable text aside): safe to call
//       again and again.
//   pageProgress(manifest, page)      -> {docname, title, minutes, counted, hasActivities, read,
//                                         done, started, total, complete, state, activities}
//       page is a manifest page or a docname. activities: [{kind, id, title, state}].
//       minutes = teaching + activity minutes. A page is complete (its minutes count as done)
//       when ALL its activities are done; a page with no activities is complete once the
//       learner has marked it as read (key prefix + "read:" + docname, {v: 1, complete: true,
//       updated}). Pages with no minutes and no activities (reference pages) are not counted.
//       state: "done" | "started" | "not started" for the page as a whole.
//   courseProgress(manifest)          -> {pages: [pageProgress, counted pages only, in order],
//                                         minutesDone, minutesTotal, minutesLeft, hoursDone,
//                                         activitiesDone, activitiesTotal, pagesDone, pagesTotal}
//   cpdHours(minutes)                 -> hours rounded DOWN to the quarter hour (as Python's
//                                        selfhelp_course._course_time.cpd_hours)
//   setPageRead(manifest, docname, read) -> {ok: true} | {ok: false, reason: "full" | "unavailable"}
//       Records (or clears) "I have read this page" for a page without activities.
//   progressPrefix(manifest)          -> the storage prefix ("selfhelp-course:")

const PROGRESS_DONE = "done";
const PROGRESS_STARTED = "started";
const PROGRESS_NOT_STARTED = "not started";

function progressPrefix(manifest) {
  const prefix = manifest && manifest.storage_prefix;
  return typeof prefix === "string" && prefix ? prefix : COURSE_PREFIX;
}

function readProgressEntry(key) {
  let raw;
  try {
    raw = window.localStorage.getItem(key);
  } catch (error) {
    return { status: "unavailable" };
  }
  if (raw === null || raw === undefined) return { status: "empty" };
  try {
    const value = JSON.parse(raw);
    if (!value || typeof value !== "object" || Array.isArray(value)) return { status: "corrupt" };
    return { status: "ok", value };
  } catch (error) {
    return { status: "corrupt" };
  }
}

function activityState(prefix, activity) {
  if (!activity || typeof activity.kind !== "string" || typeof activity.id !== "string") {
    return PROGRESS_NOT_STARTED;
  }
  const entry = readProgressEntry(`${prefix}${activity.kind}:${activity.id}`);
  if (entry.status !== "ok") return PROGRESS_NOT_STARTED;
  return entry.value.complete === true ? PROGRESS_DONE : PROGRESS_STARTED;
}

function progressPages(manifest) {
  return manifest && Array.isArray(manifest.pages) ? manifest.pages.filter((p) => p && typeof p === "object") : [];
}

function progressMinutes(value) {
  return Number.isInteger(value) && value > 0 ? value : 0;
}

function pageIsRead(prefix, docname) {
  const entry = readProgressEntry(`${prefix}read:${docname}`);
  return entry.status === "ok" && entry.value.complete === true;
}

function pageProgress(manifest, page) {
  const prefix = progressPrefix(manifest);
  const found = typeof page === "string" ? progressPages(manifest).find((p) => p.docname === page) : page;
  const info = found && typeof found === "object" ? found : { docname: String(page || "") };
  const docname = typeof info.docname === "string" ? info.docname : "";
  const activities = (Array.isArray(info.activities) ? info.activities : [])
    .filter((a) => a && typeof a === "object")
    .map((a) => ({
      kind: String(a.kind || ""),
      id: String(a.id || ""),
      title: typeof a.title === "string" ? a.title : "",
      state: activityState(prefix, a),
    }));
  const minutes = progressMinutes(info.teaching_minutes) + progressMinutes(info.activity_minutes);
  const total = activities.length;
  const done = activities.filter((a) => a.state === PROGRESS_DONE).length;
  const started = activities.filter((a) => a.state === PROGRESS_STARTED).length;
  const hasActivities = total > 0;
  const read = !hasActivities && docname !== "" && pageIsRead(prefix, docname);
  const complete = hasActivities ? done === total : read;
  let state = PROGRESS_NOT_STARTED;
  if (complete) state = PROGRESS_DONE;
  else if (done + started > 0) state = PROGRESS_STARTED;
  return {
    docname,
    title: typeof info.title === "string" && info.title ? info.title : docname,
    minutes,
    counted: hasActivities || minutes > 0,
    hasActivities,
    read,
    done,
    started,
    total,
    complete,
    state,
    activities,
  };
}

function cpdHours(minutes) {
  return Math.floor(Math.max(0, minutes) / 15) / 4;
}

function courseProgress(manifest) {
  const pages = progressPages(manifest)
    .map((page) => pageProgress(manifest, page))
    .filter((page) => page.counted);
  const sum = (list, pick) => list.reduce((total, item) => total + pick(item), 0);
  const minutesTotal = sum(pages, (p) => p.minutes);
  const minutesDone = sum(pages, (p) => (p.complete ? p.minutes : 0));
  return {
    pages,
    minutesDone,
    minutesTotal,
    minutesLeft: minutesTotal - minutesDone,
    hoursDone: cpdHours(minutesDone),
    activitiesDone: sum(pages, (p) => p.done),
    activitiesTotal: sum(pages, (p) => p.total),
    pagesDone: pages.filter((p) => p.complete).length,
    pagesTotal: pages.length,
  };
}

function setPageRead(manifest, docname, read) {
  // Written directly rather than with openStore(), which always uses COURSE_PREFIX.
  const key = `${progressPrefix(manifest)}read:${docname}`;
  const value = { v: 1, page: docname, updated: new Date().toISOString(), complete: Boolean(read) };
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    return { ok: true };
  } catch (error) {
    const full = error && (error.name === "QuotaExceededError" || error.code === 22);
    return { ok: false, reason: full ? "full" : "unavailable" };
  }
}
