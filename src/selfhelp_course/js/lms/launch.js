// @ts-check
// The SCORM launch page (scorm/launch.html in the packages `make scorm` builds), bundled into a
// classic script. It finds the LMS's API, opens one session for the whole visit, brings the
// learner's saved state into this browser, and only then shows the course's pages in the frame;
// the pages come and go without touching the LMS themselves. With no LMS it just shows the
// course, which then works exactly as on the website.
import { courseManifest } from "../lib/manifest.js";
import { WEBSITE, learnerSpace, openStore } from "../lib/store.js";
import { lmsBar } from "./bridge/bar.js";
import { connectCourse } from "./bridge/connect.js";
import { findApi } from "./bridge/find-api.js";
import { answerOffer, websiteOffer } from "./bridge/offer.js";
import { openSession } from "./bridge/session.js";
import { publishLeft } from "../lib/lms-left.js";

function settings() {
  try {
    return JSON.parse(document.body.dataset.lmsSettings || "{}");
  } catch {
    return {};
  }
}

async function launch() {
  const config = settings();
  const frame = /** @type {HTMLIFrameElement} */ (document.getElementById("course-frame"));
  const start = new URL(config.start || "../index.html", window.location.href).href;
  const found = findApi(window, config.edition);
  if (!found) {
    frame.src = start; // no LMS: the page stays as it was built
    return;
  }
  const bar = lmsBar(/** @type {HTMLElement} */ (document.querySelector(".lms-bar"))); // the launch page has it
  const session = openSession(found);
  if (!session.start()) {
    // The LMS cannot say who this is: a space for this visit only, shared with no one.
    window.courseLearnerSpace = learnerSpace("");
    bar.refused();
    frame.src = start;
    return;
  }
  // This learner's own space: every course page framed below finds it (store.js), so nothing
  // another learner, or the open website, left in this browser is read, shown or sent.
  const space = learnerSpace(session.get(session.elements.learnerId));
  window.courseLearnerSpace = space;
  const store = openStore({ space });
  /** @type {Awaited<ReturnType<typeof connectCourse>> | null} */
  let bridge = null;
  bar.connected((checked) => bridge && bridge.setShare(checked));
  try {
    bridge = await connectCourse({
      session,
      store,
      manifest: courseManifest(),
      settings: { passMark: config.passMark, start },
      siteRoot: new URL("../", window.location.href).href,
      // What did not fit: said in the bar, and by the activity itself in the framed page.
      view: { ...bar.view, left: (keys) => {
        bar.view.left(keys);
        publishLeft(window, frame.contentWindow, keys);
      } },
    });
  } catch (error) {
    frame.src = start; // whatever went wrong, the course itself still opens
    window.addEventListener("pagehide", () => session.finish());
    throw error;
  }
  const course = bridge; // connected (a failure above has thrown)
  if (!space.learner) bar.anonymous();
  // Leaving a shared computer: the course page goes first (its widgets save what they hold as
  // it unloads), then the last values, the saved state and the one Terminate, and only then is
  // this learner's copy removed from the browser.
  bar.leaving(() => {
    frame.addEventListener("load", () => {
      course.finish();
      store.forgetSpace();
    }, { once: true });
    frame.src = "about:blank";
  });
  const website = openStore({ space: WEBSITE });
  const offer = websiteOffer(website, store);
  if (offer) bar.offer(offer.text, (yes) => answerOffer(website, store, yes).count);
  frame.addEventListener("load", () => {
    try {
      course.pageShown(/** @type {Window} */ (frame.contentWindow).location.href);
    } catch {
      /* a page from elsewhere: nothing to remember */
    }
  });
  frame.src = course.firstPage;
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") course.hidden();
  });
  // pagehide (not unload) also fires when a browser keeps the page for back/forward.
  window.addEventListener("pagehide", () => course.finish());
  course.update();
}

launch();
