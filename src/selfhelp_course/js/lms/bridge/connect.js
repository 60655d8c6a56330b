// @ts-check
// The bridge between the learner-data store and an LMS session, for the launch page: the launch
// page shares the framed pages' storage, so it hears every change the widgets make (the store's
// `storage` events) and passes it on. No DOM here: the view and the frame are the caller's.
//
// On connecting: the course state saved in the LMS (cmi.suspend_data) is taken into the store
// with adopt(), which merges it with what this browser holds and keeps both versions of any text
// that differs; the page to open is the learner's last one (cmi.location).
// While open: completion, success and score (from the assessment), progress, and one
// interaction per knowledge-check answer, per question of the assessment's best attempt and per
// rating of the course evaluation (evaluation.js) are set as the learner works (cmi.js has the
// rules), the suspend data is re-packed, and
// the LMS is asked to commit every so often and when the page is hidden.
// On leaving (finish): session time, exit "suspend" (so the next visit resumes with this state),
// then the one Terminate.
import { courseProgress } from "../../lib/progress.js";
import {
  EVALUATION_SENT, assessmentScore, checkResults, evaluationRatings, interactionValues, knownPage, learnerResponse,
  likertValues, markSent, pageOf, passMarkOf, sessionTime, statusValues, wasSent,
} from "./cmi.js";
import { LIMITS, decode, encodeCompact, encodeCompactNow, pack, packNow } from "./suspend.js";

export const UPDATE_DELAY = 500; // ms after the last change before telling the LMS
export const COMMIT_EVERY = 10000; // ms: how often at most to ask the LMS to commit

/** @param {BridgeOptions} options */
function timers(options) {
  return {
    now: options.now || (() => Date.now()),
    later: options.later || ((/** @type {() => void} */ fn, /** @type {number} */ ms) => setTimeout(fn, ms)),
    cancel: options.cancel || ((/** @type {any} */ id) => clearTimeout(id)),
  };
}

/** @typedef {ReturnType<typeof import("./session.js").openSession>} Session */
/** @typedef {ReturnType<typeof import("../../lib/store.js").openStore>} Store */
/** @typedef {import("../../lib/store.js").StoredEntry} StoredEntry */
/** @typedef {import("./suspend.js").Payload} Payload */
/** @typedef {import("./cmi.js").AnswerResult} AnswerResult */
/** @typedef {import("./evaluation.js").Rating} Rating */
/**
 * connectCourse's options: what the launch page hands the bridge.
 * @typedef {object} BridgeOptions
 * @property {Session} session an open session (session.js)
 * @property {Store} store the learner's store
 * @property {import("../../lib/manifest.js").Manifest} manifest
 * @property {{passMark: number, start: string}} settings the pass mark and the first page's address
 * @property {string | URL} siteRoot the URL of the site's root folder
 * @property {{shared(share: boolean): void, problem(kind: string, detail?: unknown): void, left(keys: string[]): void}} view
 * @property {() => number} [now]
 * @property {(fn: () => void, ms: number) => unknown} [later]
 * @property {(id: unknown) => void} [cancel]
 */

// undefined, to tsc any value: what the constructor leaves for restore() to set.
const SET_BY_RESTORE = /** @type {any} */ (undefined);

class CourseBridge {
  /** @param {BridgeOptions} options */
  constructor(options) {
    this.session = options.session;
    this.store = options.store;
    this.manifest = options.manifest;
    this.settings = options.settings;
    this.siteRoot = options.siteRoot;
    this.view = options.view;
    // Set by restore(), which connectCourse runs before it hands the bridge out (their types, for tsc).
    /** @type {boolean} */ this.share = SET_BY_RESTORE;
    /** @type {string[]} */ this.carried = SET_BY_RESTORE;
    /** @type {Record<string, any>} */ this.sent = SET_BY_RESTORE;
    /** @type {{indexFor(id: string): number}} */ this.interactions = SET_BY_RESTORE;
    /** @type {string} */ this.firstPage = SET_BY_RESTORE;
    /** @type {string} */ this.lastLocation = SET_BY_RESTORE;
    /** @type {string} */ this.lastText = SET_BY_RESTORE;
    /** @type {() => void} */ this.unsubscribe = SET_BY_RESTORE;
    this.clock = timers(options);
    this.edition = this.session.edition;
    this.el = this.session.elements;
    this.limit = LIMITS[this.edition];
    // SCORM 1.2's 4,096 characters: the compact form (compact.js); 2004 keeps every entry whole.
    this.encoders = this.edition === "1.2"
      ? { later: (/** @type {Payload} */ p) => encodeCompact(p, this.manifest), now: (/** @type {Payload} */ p) => encodeCompactNow(p, this.manifest) }
      : { later: undefined, now: undefined };
    this.started = this.clock.now();
    // Completion as the LMS holds it; once "completed" (1.2: "passed" or "completed") it stays.
    this.previous = this.session.get(this.el.completion);
    this.passMark = passMarkOf(this.edition, this.session.get(this.el.passingScore), this.settings.passMark);
    // Entries the store would not take (storage blocked or full) are held here, so that what
    // the LMS kept is never replaced by less.
    /** @type {Record<string, StoredEntry>} */
    this.held = {};
    this.packing = Promise.resolve();
    this.changedSincePack = true;
    this.packsRunning = 0;
    this.updateTimer = null;
    this.commitTimer = null;
    this.lastCommit = this.clock.now();
    this.closed = false;
  }

  // The course state the LMS saved, taken into the store; where to open.
  async restore() {
    const { session, el, store, view } = this;
    const saved = await decode(session.get(el.suspendData), this.manifest);
    if (saved.status === "corrupt") view.problem("unreadable");
    this.share = saved.value.share;
    this.carried = saved.value.done;
    this.sent = { ...saved.value.sent };
    for (const [key, value] of Object.entries(saved.value.entries)) {
      if (!store.adopt(key, value).ok) this.held[key] = value;
    }
    if (Object.keys(this.held).length) view.problem(store.available() ? "full" : "unavailable");
    view.shared(this.share);
    this.interactions = interactionIndex(session, this.edition);
    const location = session.get(el.location);
    this.firstPage = knownPage(this.manifest, location) ? new URL(`${location}.html`, this.siteRoot).href : this.settings.start;
    this.lastLocation = location;
    this.lastText = session.get(el.suspendData);
    this.unsubscribe = store.subscribe(() => this.changed());
  }

  entriesNow() {
    return { ...this.held, ...this.store.readAll().entries };
  }

  /** @param {Record<string, StoredEntry>} entries */
  report(entries) {
    const { session, el, edition } = this;
    // Activities finished on another device and absent here still count.
    const forStatus = { ...Object.fromEntries(this.carried.map((key) => [key, { complete: true }])), ...entries };
    const progress = courseProgress(this.manifest, forStatus);
    const results = checkResults(this.manifest, entries);
    const score = assessmentScore(this.manifest, entries, this.passMark);
    const measure = progress.activitiesTotal ? progress.activitiesCompleted / progress.activitiesTotal : 0;
    for (const [element, value] of statusValues(edition, { complete: progress.complete, progress: measure,
      score, passMark: this.passMark, previous: this.previous })) {
      session.set(element, value);
      if (element === el.completion) this.previous = value;
    }
    for (const result of [...results, ...score.interactions]) this.reportAnswer(result);
    for (const rating of evaluationRatings(this.manifest, entries)) this.reportRating(rating);
  }

  // The course evaluation's ratings (evaluation.js), sent as the answers are: once, and again
  // only when changed (what went is one record in `sent`).
  /** @param {Rating} rating */
  reportRating(rating) {
    if (wasSent(this.manifest, this.sent[EVALUATION_SENT], rating)) return;
    for (const [element, value] of likertValues(this.edition, this.interactions.indexFor(rating.id), rating)) {
      this.session.set(element, value);
    }
    this.sent[EVALUATION_SENT] = markSent(this.manifest, this.sent[EVALUATION_SENT], rating);
    this.changedSincePack = true;
  }

  /** @param {AnswerResult} result */
  reportAnswer(result) {
    if (!result.answered) return;
    const answer = `${learnerResponse(this.edition, result.selected, result.options)}=${result.right ? "right" : "wrong"}`;
    if (this.sent[result.id] === answer) return;
    for (const [element, value] of interactionValues(this.edition, this.interactions.indexFor(result.id), result)) {
      this.session.set(element, value);
    }
    this.sent[result.id] = answer;
    this.changedSincePack = true;
  }

  /** @param {Record<string, StoredEntry>} entries */
  state(entries) {
    return { entries, share: this.share, carried: this.carried, sent: this.sent };
  }

  /** @param {Record<string, StoredEntry>} entries */
  repack(entries) {
    this.changedSincePack = false;
    this.packsRunning += 1;
    this.packing = this.packing.then(async () => {
      const { text, left } = await pack(this.state(entries), this.limit, this.encoders.later);
      this.packsRunning -= 1;
      if (this.closed) return;
      if (text !== this.lastText) {
        this.session.set(this.el.suspendData, text);
        this.lastText = text;
      }
      this.view.left(left);
    });
    return this.packing;
  }

  commitSoon() {
    if (this.commitTimer !== null || this.closed) return;
    const wait = Math.max(0, COMMIT_EVERY - (this.clock.now() - this.lastCommit));
    this.commitTimer = this.clock.later(() => this.commit(), wait);
  }

  commit() {
    this.clock.cancel(this.commitTimer);
    this.commitTimer = null;
    if (this.closed) return;
    this.session.commit();
    this.lastCommit = this.clock.now();
  }

  // Everything, now (the tests and the page's own events call this through the timers).
  async update() {
    this.clock.cancel(this.updateTimer);
    this.updateTimer = null;
    if (this.closed) return;
    const entries = this.entriesNow();
    this.report(entries);
    await this.repack(entries);
    this.commitSoon();
  }

  changed() {
    this.changedSincePack = true;
    this.clock.cancel(this.updateTimer);
    this.updateTimer = this.clock.later(() => this.update(), UPDATE_DELAY);
  }

  // The framed page changed: remember it as the place to come back to.
  /** @param {string} address the framed page's */
  pageShown(address) {
    const page = pageOf(this.manifest, this.siteRoot, address);
    if (!page || page === this.lastLocation || this.closed) return;
    this.session.set(this.el.location, page);
    this.lastLocation = page;
    this.commitSoon();
  }

  /** @param {unknown} value */
  setShare(value) {
    this.share = Boolean(value);
    this.view.shared(this.share);
    this.changed();
  }

  // The page is hidden (another tab, the LMS's own page): save what there is.
  hidden() {
    if (!this.closed) this.commit();
  }

  // The page is going: last values, then the one Terminate.
  finish() {
    if (this.closed) return;
    const { session, el } = this;
    this.clock.cancel(this.updateTimer);
    const entries = this.entriesNow();
    this.report(entries);
    if (this.changedSincePack || this.packsRunning > 0) {
      // No time to compress: uncompressed if it fits, else the last packed state stays.
      const text = packNow(this.state(entries), this.limit, this.encoders.now);
      if (text && text !== this.lastText) session.set(el.suspendData, text);
    }
    this.closed = true;
    this.clock.cancel(this.commitTimer);
    this.unsubscribe();
    session.set(el.sessionTime, sessionTime(this.edition, this.clock.now() - this.started));
    session.set(el.exit, "suspend");
    session.finish();
  }
}

// options: {session (open), store, manifest, settings: {passMark, start}, siteRoot (URL of the
// site's root folder), view: {shared(bool), problem(kind, detail), left(keys)}, now/later/cancel}.
// Resolves to the bridge: {edition, firstPage, pageShown(address), setShare(bool), update(),
// hidden(), finish()}.
/** @param {BridgeOptions} options */
export async function connectCourse(options) {
  const bridge = new CourseBridge(options);
  await bridge.restore();
  return bridge;
}

// Where each knowledge check's interaction goes. SCORM 2004 lets a course read interactions
// back, so an answer that changes updates its own record; SCORM 1.2's are write-only, so each
// new answer is added (a journal of answers).
/**
 * @param {Session} session
 * @param {import("./session.js").Edition} edition
 */
function interactionIndex(session, edition) {
  const count = Number.parseInt(session.get("cmi.interactions._count"), 10);
  let next = Number.isInteger(count) && count > 0 ? count : 0;
  /** @type {Record<string, number>} */
  const byId = {};
  if (edition === "2004") {
    for (let i = 0; i < next; i += 1) byId[session.get(`cmi.interactions.${i}.id`)] = i;
  }
  return {
    /** @param {string} id */
    indexFor(id) {
      if (edition === "2004" && id in byId) return byId[id];
      byId[id] = next;
      next += 1;
      return byId[id];
    },
  };
}
