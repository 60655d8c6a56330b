// The SCORM launch page (scorm/launch.html in the packages `make scorm` builds). It finds the
// LMS's API, opens one session for the whole visit and closes it when the page goes away; the
// course's pages come and go in the frame below without touching the LMS themselves. With no
// LMS it does nothing, and the framed course works exactly as on the website.
import { findApi } from "./find-api.js";
import { openSession } from "./session.js";

const MESSAGES = {
  connected: "Connected to your learning management system: it records your progress in this course.",
  refused:
    "Your learning management system did not open a session, so it will not record this visit. What you do is still saved in this browser.",
};

function settings() {
  try {
    return JSON.parse(document.body.dataset.lmsSettings || "{}");
  } catch (error) {
    return {};
  }
}

function say(state, message) {
  const bar = document.querySelector(".lms-bar");
  bar.dataset.state = state;
  document.getElementById("lms-status").textContent = message;
}

function connect() {
  const found = findApi(window, settings().edition);
  if (!found) return null; // no LMS: the page stays as it was built
  const session = openSession(found);
  if (!session.start()) {
    say("problem", MESSAGES.refused);
    return null;
  }
  session.markStarted();
  say("connected", MESSAGES.connected);
  // pagehide (not unload) also fires when a browser keeps the page for back/forward.
  window.addEventListener("pagehide", () => session.finish());
  return session;
}

connect();
