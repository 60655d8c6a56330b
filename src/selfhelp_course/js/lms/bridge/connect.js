// The bridge between the learner-data store and an LMS session, for the launch page: the launch
// page shares the framed pages' storage, so it hears every change the widgets make (the store's
// `storage` events) and passes it on. No DOM here: the view and the frame are the caller's.
//
// On connecting: the course state saved in the LMS (cmi.suspend_data) is taken into the store
// with adopt(), which merges it with what this browser holds and keeps both versions of any text
// that differs; the page to open is the learner's last one (cmi.location).
// While open: completion, success, score, progress and one interaction per knowledge-check
// answer are set as the learner works (cmi.js has the rules), the suspend data is re-packed, and
// the LMS is asked to commit every so often and when the page is hidden.
// On leaving (finish): session time, exit "suspend" (so the next visit resumes with this state),
// then the one Terminate.
import { courseProgress } from "../../lib/progress.js";
import {
  checkResults, interactionValues, knownPage, learnerResponse, pageOf, passMarkOf, scoreOf,
  sessionTime, statusValues,
} from "./cmi.js";
import { LIMITS, decode, pack, packNow } from "./suspend.js";

export const UPDATE_DELAY = 500; // ms after the last change before telling the LMS
export const COMMIT_EVERY = 10000; // ms: how often at most to ask the LMS to commit

function timers(options) {
  return {
    now: options.now || (() => Date.now()),
    later: options.later || ((fn, ms) => setTimeout(fn, ms)),
    cancel: options.cancel || ((id) => clearTimeout(id)),
  };
}

// options: {session (open), store, manifest, settings: {passMark, start}, siteRoot (URL of the
// site's root folder), view: {shared(bool), problem(kind, detail), left(keys)}, now/later/cancel}.
// Resolves to the bridge: {firstPage, pageShown(address), setShare(bool), update(), hidden(), finish()}.
export async function connectCourse(options) {
  const { session, store, manifest, settings, siteRoot, view } = options;
  const clock = timers(options);
  const { edition, elements: el } = session;
  const limit = LIMITS[edition];
  const started = clock.now();
  // Completion as the LMS holds it; once "completed" (1.2: "passed" or "completed") it stays.
  let previous = session.get(el.completion);
  const passMark = passMarkOf(edition, session.get(el.passingScore), settings.passMark);

  const saved = await decode(session.get(el.suspendData));
  if (saved.status === "corrupt") view.problem("unreadable");
  let share = saved.value.share;
  const carried = saved.value.done;
  const sent = { ...saved.value.sent };
  // Entries the store would not take (storage blocked or full) are held here, so that what the
  // LMS kept is never replaced by less.
  const held = {};
  for (const [key, value] of Object.entries(saved.value.entries)) {
    const result = store.adopt(key, value);
    if (!result.ok) held[key] = value;
  }
  if (Object.keys(held).length) view.problem(store.available() ? "full" : "unavailable");
  view.shared(share);

  const interactions = interactionIndex(session, edition);
  const location = session.get(el.location);
  const firstPage = knownPage(manifest, location) ? new URL(`${location}.html`, siteRoot).href : settings.start;

  let lastLocation = location;
  let lastText = session.get(el.suspendData);
  let packing = Promise.resolve();
  let changedSincePack = true;
  let packsRunning = 0;
  let updateTimer = null;
  let commitTimer = null;
  let lastCommit = clock.now();
  let closed = false;

  function entriesNow() {
    return { ...held, ...store.readAll().entries };
  }

  function report(entries) {
    // Activities finished on another device and absent here still count.
    const forStatus = { ...Object.fromEntries(carried.map((key) => [key, { complete: true }])), ...entries };
    const progress = courseProgress(manifest, forStatus);
    const results = checkResults(manifest, entries);
    const measure = progress.activitiesTotal ? progress.activitiesCompleted / progress.activitiesTotal : 0;
    for (const [element, value] of statusValues(edition, { complete: progress.complete, progress: measure,
      score: scoreOf(results), passMark, previous })) {
      session.set(element, value);
      if (element === el.completion) previous = value;
    }
    for (const result of results) {
      if (!result.answered) continue;
      const answer = `${learnerResponse(edition, result.selected)}=${result.right ? "right" : "wrong"}`;
      if (sent[result.id] === answer) continue;
      for (const [element, value] of interactionValues(edition, interactions.indexFor(result.id), result)) {
        session.set(element, value);
      }
      sent[result.id] = answer;
      changedSincePack = true;
    }
  }

  function state(entries) {
    return { entries, share, carried, sent };
  }

  function repack(entries) {
    changedSincePack = false;
    packsRunning += 1;
    packing = packing.then(async () => {
      const { text, left } = await pack(state(entries), limit);
      packsRunning -= 1;
      if (closed) return;
      if (text !== lastText) {
        session.set(el.suspendData, text);
        lastText = text;
      }
      view.left(left);
    });
    return packing;
  }

  function commitSoon() {
    if (commitTimer !== null || closed) return;
    const wait = Math.max(0, COMMIT_EVERY - (clock.now() - lastCommit));
    commitTimer = clock.later(commit, wait);
  }

  function commit() {
    clock.cancel(commitTimer);
    commitTimer = null;
    if (closed) return;
    session.commit();
    lastCommit = clock.now();
  }

  // Everything, now (the tests and the page's own events call this through the timers).
  async function update() {
    clock.cancel(updateTimer);
    updateTimer = null;
    if (closed) return;
    const entries = entriesNow();
    report(entries);
    await repack(entries);
    commitSoon();
  }

  function changed() {
    changedSincePack = true;
    clock.cancel(updateTimer);
    updateTimer = clock.later(update, UPDATE_DELAY);
  }

  const unsubscribe = store.subscribe(changed);

  return {
    edition,
    firstPage,
    update,
    // The framed page changed: remember it as the place to come back to.
    pageShown(address) {
      const page = pageOf(manifest, siteRoot, address);
      if (!page || page === lastLocation || closed) return;
      session.set(el.location, page);
      lastLocation = page;
      commitSoon();
    },
    setShare(value) {
      share = Boolean(value);
      view.shared(share);
      changed();
    },
    // The page is hidden (another tab, the LMS's own page): save what there is.
    hidden() {
      if (!closed) commit();
    },
    // The page is going: last values, then the one Terminate.
    finish() {
      if (closed) return;
      clock.cancel(updateTimer);
      const entries = entriesNow();
      report(entries);
      if (changedSincePack || packsRunning > 0) {
        // No time to compress: uncompressed if it fits, else the last packed state stays.
        const text = packNow(state(entries), limit);
        if (text && text !== lastText) session.set(el.suspendData, text);
      }
      closed = true;
      clock.cancel(commitTimer);
      unsubscribe();
      session.set(el.sessionTime, sessionTime(edition, clock.now() - started));
      session.set(el.exit, "suspend");
      session.finish();
    },
  };
}

// Where each knowledge check's interaction goes. SCORM 2004 lets a course read interactions
// back, so an answer that changes updates its own record; SCORM 1.2's are write-only, so each
// new answer is added (a journal of answers).
function interactionIndex(session, edition) {
  const count = Number.parseInt(session.get("cmi.interactions._count"), 10);
  let next = Number.isInteger(count) && count > 0 ? count : 0;
  const byId = {};
  if (edition === "2004") {
    for (let i = 0; i < next; i += 1) byId[session.get(`cmi.interactions.${i}.id`)] = i;
  }
  return {
    indexFor(id) {
      if (edition === "2004" && id in byId) return byId[id];
      byId[id] = next;
      next += 1;
      return byId[id];
    },
  };
}
