// @ts-check
// One session with an LMS, the same for both SCORM editions: start once, finish once (SCORM
// allows exactly one Initialize and one Terminate per attempt of a SCO). The two editions name
// their calls and their data model differently; callers use the names here.

const CALLS = {
  "2004": { start: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue",
    commit: "Commit", lastError: "GetLastError", errorText: "GetErrorString" },
  "1.2": { start: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
    commit: "LMSCommit", lastError: "LMSGetLastError", errorText: "LMSGetErrorString" },
};

// The data model elements the course uses, by edition.
export const ELEMENTS = {
  "2004": { completion: "cmi.completion_status", success: "cmi.success_status",
    location: "cmi.location", suspendData: "cmi.suspend_data", exit: "cmi.exit",
    sessionTime: "cmi.session_time", entry: "cmi.entry", learnerId: "cmi.learner_id",
    scoreScaled: "cmi.score.scaled", scoreRaw: "cmi.score.raw", scoreMin: "cmi.score.min",
    scoreMax: "cmi.score.max", passingScore: "cmi.scaled_passing_score",
    interactionCount: "cmi.interactions._count" },
  "1.2": { completion: "cmi.core.lesson_status", success: "cmi.core.lesson_status",
    location: "cmi.core.lesson_location", suspendData: "cmi.suspend_data", exit: "cmi.core.exit",
    sessionTime: "cmi.core.session_time", entry: "cmi.core.entry", learnerId: "cmi.core.student_id",
    scoreRaw: "cmi.core.score.raw", scoreMin: "cmi.core.score.min",
    scoreMax: "cmi.core.score.max", passingScore: "cmi.student_data.mastery_score",
    interactionCount: "cmi.interactions._count" },
};

/**
 * @typedef {"2004" | "1.2"} Edition a SCORM edition
 * @typedef {Record<string, (...args: string[]) => unknown>} ScormApi an LMS's API object
 *   (API_1484_11 or API): its calls by name
 * @typedef {{edition: Edition, api: ScormApi}} FoundApi an LMS's API and its edition (find-api.js)
 * @typedef {ReturnType<typeof openSession>} Session
 */
/** @param {FoundApi} found */
export function openSession({ edition, api }) {
  const calls = CALLS[edition];
  let state = "new"; // then "open", and "closed" after finish (or "refused")
  /** @type {string[]} */
  const problems = [];

  /**
   * @param {keyof typeof calls} name
   * @param {...string} args
   */
  function call(name, ...args) {
    try {
      return String(api[calls[name]](...args));
    } catch (error) {
      problems.push(`${calls[name]} failed: ${error && error.message}`);
      return "false";
    }
  }

  /** @param {string} what */
  function note(what) {
    const code = call("lastError");
    if (code !== "0") problems.push(`${what}: error ${code} (${call("errorText", code)})`);
  }

  return {
    edition,
    /** @type {Record<string, string>} */
    elements: ELEMENTS[edition],
    problems,
    get open() {
      return state === "open";
    },
    start() {
      if (state !== "new") return state === "open";
      state = call("start", "") === "true" ? "open" : "refused";
      if (state === "refused") note(calls.start);
      return state === "open";
    },
    /** @param {string} element */
    get(element) {
      if (state !== "open") return "";
      const value = call("get", element);
      return value === "undefined" || value === "null" ? "" : value;
    },
    /**
     * @param {string} element
     * @param {unknown} value
     */
    set(element, value) {
      if (state !== "open") return false;
      const done = call("set", element, String(value)) === "true";
      if (!done) note(`${calls.set}(${element})`);
      return done;
    },
    commit() {
      if (state !== "open") return false;
      return call("commit", "") === "true";
    },
    finish() {
      if (state !== "open") return false;
      state = "closed";
      return call("finish", "") === "true";
    },
  };
}
