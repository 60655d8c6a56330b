// @ts-check
// The learner's nation, chosen where it is needed: a "Show routes for" control on the
// distress-support box and above each nation table (the pages mark them: _nation_choice.py).
// One choice, kept in the learner entry (lib/nation.js), applies on every page and in every
// tab (the store's change notifications). Pages are built with all four nations; this script
// only hides the other nations' lines on screen (print keeps them: course-site.css), so without
// JavaScript, in the EPUB and on paper every nation shows.
// A classic script (bundled as one function), so it also works from file://.
import { h, setText, uniqueId } from "../lib/dom.js";
import { NATIONS, choiceNote, chooseNation, shows, storedNation } from "../lib/nation.js";
import { createNotice } from "../lib/notice.js";
import { openStore } from "../lib/store.js";

const CONTAINER = ".course-nations";
const PLACE = "course-place-";
const HIDDEN = "course-nation-other";

/**
 * @param {Element} element
 * @returns {string | null}
 */
function placeOf(element) {
  const name = [...element.classList].find((c) => c.startsWith(PLACE));
  return name ? name.slice(PLACE.length) : null;
}

/** @typedef {ReturnType<typeof createNotice>} Notice */
/**
 * @param {(id: string | null, notice: Notice) => void} onChoose
 */
function control(onChoose) {
  const id = uniqueId("course-nation");
  const select = h("select", { id, class: "course-nation-select", "aria-describedby": `${id}-note` },
    h("option", { value: "" }, "All four nations"),
    NATIONS.map((nation) => h("option", { value: nation.id }, nation.name)));
  const note = h("p", { class: "course-nation-note", id: `${id}-note` });
  const notice = createNotice("course-nation-notice");
  const element = h("div", { class: "course-nation-choice" },
    h("label", { for: id, class: "course-nation-label" }, "Show routes for"), " ", select, note, notice.element);
  select.addEventListener("change", () => onChoose(select.value || null, notice));
  return {
    element,
    /** @param {string | null} chosen */
    show(chosen) {
      if (select.value !== (chosen || "")) select.value = chosen || "";
      setText(note, choiceNote(chosen));
    },
  };
}

// Put the control at the top of the box (after its title) or just before the table (outside
// the theme's scrolling wrapper, so it does not scroll sideways with the table).
/**
 * @param {Element} container
 * @param {Element} element
 */
function place(container, element) {
  if (container.tagName === "TABLE") {
    const wrapper = container.parentElement && container.parentElement.classList.contains("pst-scrollable-table-container")
      ? container.parentElement : container;
    wrapper.before(element);
    return;
  }
  const title = container.querySelector(":scope > .admonition-title");
  if (title) title.after(element);
  else container.prepend(element);
}

function start() {
  const containers = [...document.querySelectorAll(CONTAINER)];
  if (!containers.length) return;
  const store = openStore();
  /** @type {string | null | undefined} */
  let unsaved; // the choice made here while the browser would not save it (this page only)
  const current = () => (unsaved !== undefined ? unsaved : storedNation(store));
  /** @type {ReturnType<typeof control>[]} */
  const controls = [];

  function update() {
    const chosen = current();
    for (const container of containers) {
      for (const item of container.querySelectorAll(`[class*="${PLACE}"]`)) {
        const where = placeOf(item);
        if (where) item.classList.toggle(HIDDEN, !shows(where, chosen));
      }
    }
    controls.forEach((c) => c.show(chosen));
  }

  /**
   * @param {string | null} id
   * @param {Notice} notice
   */
  function choose(id, notice) {
    let result = chooseNation(store, id);
    // Cleared or replaced in another tab since this page opened: the store now knows, so the
    // learner's choice is written on top of what is there now.
    if (!result.ok && (result.reason === "cleared" || result.reason === "replaced")) result = chooseNation(store, id);
    unsaved = result.ok ? undefined : id;
    if (result.ok) notice.clear();
    else notice.show(result.reason, "Your choice applies on this page only.");
    update();
  }

  for (const container of containers) {
    const part = control(choose);
    place(container, part.element);
    controls.push(part);
  }
  update();
  store.subscribe(() => update());
  window.addEventListener("pageshow", () => update()); // back to a page kept in memory
}

function safeStart() {
  try {
    start();
  } catch (error) {
    // The routes are on the page already (all four): whatever happens, they stay readable.
    console.warn("nation-choice: the nation control could not be shown", error);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", safeStart);
else safeStart();
