// @ts-check
// "CPD log": one row per page with something completed, the hours for each (what the learner
// typed is read by portfolio/hours.js: accepted when its meaning is clear, otherwise refused with
// a message beside the field and kept as typed until it is fixed), done-with-others, and a link
// to practice. Rows are kept per page and updated in place.
import { conflictPanel } from "../../lib/conflict.js";
import { cpdTime, minutesOfHours } from "../../lib/cpd-time.js";
import { h, keyedList, setText, setValue } from "../../lib/dom.js";
import { formatHours, refusedMessage } from "../../portfolio/hours.js";
import { textField } from "./fields.js";
import { METHOD } from "./forms.js";
import { longDate } from "./record.js";
import { readHours } from "./state.js";

/**
 * @typedef {import("./view.js").Context} Context
 * @typedef {import("./record.js").CpdLogRow} CpdLogRow
 */

/** @param {CpdLogRow} row */
function rowNote(row) {
  if (!row.total) return "Page read";
  return `${row.completed} of ${row.total} activities completed${row.attempted ? `; ${row.attempted} more attempted, not yet completed` : ""}`;
}

// The hours field of one row. What the learner types is stored as typed (issue 21, defects 5
// and 6): a value the record can use as the row's hours; one it cannot, apart, with its message,
// until they change it (so it survives a reload). Two tabs that typed different hours keep both,
// shown as the portfolio's text fields show theirs, until the learner chooses.
/**
 * @param {Context} ctx
 * @param {string} base the prefix of the row's element ids
 * @param {() => CpdLogRow} current the row as last drawn
 */
function hoursField(ctx, base, current) {
  const input = h("input", { type: "text", inputmode: "decimal", autocomplete: "off", id: `${base}-hours`, class: "pf-hours" });
  const message = h("p", { class: "pf-hours-error", id: `${base}-hours-error`, hidden: true });
  const note = h("p", { class: "pf-hours-note", id: `${base}-hours-note`, hidden: true });
  const conflictBox = h("div", { class: "pf-conflict" });
  let shownConflicts = "";
  const path = (/** @type {string} */ field) => ["log", current().page, field];
  input.addEventListener("input", () => {
    const row = current();
    const read = readHours(input.value, row.estimate);
    if (read.ok) {
      ctx.edit(path("hours"), input.value);
      ctx.edit(path("refused"), undefined); // even if not yet drawn: a refused text typed a moment ago
    } else {
      ctx.edit(path("refused"), input.value);
    }
  });
  input.addEventListener("blur", () => ctx.flush());

  /**
   * @param {HTMLElement} node
   * @param {string} text
   */
  function say(node, text) {
    setText(node, text);
    node.hidden = !text;
  }

  /**
   * @param {string} field
   * @param {string} text
   */
  function chosen(field, text) {
    ctx.choose(path(field), text);
    input.focus();
    ctx.say(`The hours for \u201c${current().title}\u201d are now ${text.trim() ? `\u201c${text}\u201d` : "empty (the course's estimate)"}.`);
  }

  /** @param {CpdLogRow} row */
  function showConflicts(row) {
    // [field, its conflict] for the fields that have one (the filter drops the others' null).
    const found = /** @type {[string, NonNullable<ReturnType<Context["conflictAt"]>>][]} */ (
      ["hours", "refused"].map((field) => [field, ctx.conflictAt(["log", row.page, field])]).filter(([, c]) => c));
    const signature = JSON.stringify(found.map(([field, c]) => [field, c.current, c.versions]));
    if (signature === shownConflicts) return; // unchanged: keep the panel (and any focus in it)
    shownConflicts = signature;
    conflictBox.replaceChildren(...found.map(([field, conflict]) => conflictPanel(conflict, (text) => chosen(field, text),
      `the ${field === "refused" ? "hours typed but not yet valid" : "hours"} for \u201c${row.title}\u201d`)));
  }

  // What the field shows: what the learner typed (refused text first, as it is the newer), else
  // the hours the record holds; and why, when that needs saying.
  /** @param {CpdLogRow} row */
  function show(row) {
    const typed = row.refused ? row.refused.text : row.typed;
    setValue(input, typed === null ? formatHours(row.hours) : typed);
    const counted = cpdTime(minutesOfHours(row.hours));
    say(message, row.refused ? refusedMessage(row.refused, counted, row.own !== null) : "");
    let explained = "";
    if (!row.refused) {
      if (row.typed !== null && !row.hoursProblem) explained = readHours(row.typed, row.estimate).note || "";
      else explained = row.hoursProblem;
      if (!explained && row.own !== null && row.own !== row.estimate) explained = `Course estimate: ${cpdTime(minutesOfHours(row.estimate))}.`;
    }
    say(note, explained);
    input.setAttribute("aria-invalid", String(Boolean(row.refused)));
    const described = [row.refused ? message.id : null, explained ? note.id : null].filter(Boolean).join(" ");
    if (described) input.setAttribute("aria-describedby", described);
    else input.removeAttribute("aria-describedby");
    showConflicts(row);
  }
  return { nodes: [conflictBox, input, message, note], input, show };
}

/**
 * @param {Context} ctx
 * @param {CpdLogRow} row
 * @param {string} base the prefix of the row's element ids
 */
function buildRow(ctx, row, base) {
  let current = row;
  const hours = hoursField(ctx, base, () => current);
  const together = h("input", { type: "checkbox", id: `${base}-together` });
  together.addEventListener("change", () => {
    ctx.edit(["log", current.page, "participatory"], together.checked);
    ctx.flush();
  });
  const link = textField(ctx, {
    id: `${base}-link`, path: ["log", row.page, "link"], className: "pf-link", rows: 2, labelClass: "course-sr-only",
    label: `Link to practice for \u201c${row.title}\u201d`, what: `the link to practice for \u201c${row.title}\u201d`,
  });
  const cells = { date: h("td", { "data-label": "Date" }), title: h("span", {}), note: h("span", { class: "pf-row-note" }), participatory: h("span", { class: "pf-participatory-hours" }) };
  const hoursLabel = h("label", { for: hours.input.id, class: "course-sr-only" });
  const node = h("tr", { "data-page": row.page },
    cells.date,
    h("th", { scope: "row" }, cells.title, cells.note),
    h("td", { "data-label": "Hours" }, hoursLabel, ...hours.nodes),
    h("td", { "data-label": "Participatory" }, h("div", { class: "pf-choice" }, together,
      h("label", { for: together.id }, "Done with others (e.g. in a session)", h("span", { class: "course-sr-only" }, `: ${row.title}`))),
    cells.participatory),
    h("td", { "data-label": "Link to practice" }, link.node));

  /** @param {CpdLogRow} next */
  function update(next) {
    current = next;
    setText(cells.date, longDate(next.date));
    setText(cells.title, next.title);
    setText(cells.note, rowNote(next));
    setText(hoursLabel, `Hours for \u201c${next.title}\u201d`);
    hours.show(next);
    together.checked = next.participatory;
    setText(cells.participatory, next.participatory ? cpdTime(minutesOfHours(next.participatoryHours)) : "");
    link.update(next.link);
  }
  update(row);
  return { node, update };
}

/**
 * @param {Context} ctx
 * @param {HTMLElement} body
 * @param {{hours: HTMLElement, participatory: HTMLElement}} totals
 */
function table(ctx, body, totals) {
  const captionId = `${ctx.uid}-log-caption`;
  return h("div", {},
    h("p", { class: "pf-hint" }, `Method for every row: ${METHOD.charAt(0).toLowerCase()}${METHOD.slice(1)}.`),
    h("div", { class: "pf-table-wrap", role: "region", "aria-labelledby": captionId, tabindex: "0" },
      h("table", { class: "pf-log" },
        h("caption", { id: captionId }, "Your CPD log"),
        h("thead", {}, h("tr", {}, ["Date", "Activity", "Hours", "Participatory", "Link to practice"].map((c) => h("th", { scope: "col" }, c)))),
        body,
        h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "Total"), h("td", {}), totals.hours, totals.participatory, h("td", {}))))));
}

/** @param {Context} ctx */
export function createLog(ctx) {
  const box = h("div", { class: "pf-log-box" });
  const element = h("fieldset", { class: "pf-section pf-log-section" },
    h("legend", {}, "CPD log"),
    h("p", { class: "pf-hint" }, "One row for each course page where you have completed activities on this device (or marked the page as read). Hours start from the course's estimate for each completed page (as on your progress page, a page counts once all its activities are completed); change them to the time you actually spent, in hours (1.5 or 1,5) or hours and minutes (1h30, 1:30 or 90 min). NMC revalidation asks for 35 hours of CPD over three years, at least 20 of them participatory (learning with other people)."),
    box);
  const empty = h("p", { class: "pf-empty" }, "No activities are recorded as completed on this device yet. Your log fills in as you complete activities in the course.");
  const body = h("tbody", {});
  // data-label: each value's column, shown above it on a phone, where the rows are stacked (CSS).
  const totals = { hours: h("td", { class: "pf-total-hours", "data-label": "Hours" }), participatory: h("td", { class: "pf-total-participatory", "data-label": "Participatory" }) };
  const full = table(ctx, body, totals);
  let made = 0;
  const show = keyedList(body, (row) => buildRow(ctx, row, `${ctx.uid}-log-${(made += 1)}`));

  /** @param {import("./record.js").Portfolio} portfolio */
  function update(portfolio) {
    show(portfolio.log, (row) => row.page);
    setText(totals.hours, cpdTime(minutesOfHours(portfolio.totals.hours)));
    setText(totals.participatory, `${cpdTime(minutesOfHours(portfolio.totals.participatory))} participatory`);
    const shown = portfolio.log.length ? full : empty;
    if (box.firstChild !== shown) box.replaceChildren(shown);
  }

  // Nothing is kept apart from the record any more: what was typed is stored (see hoursField).
  return { element, update, forget: () => {} };
}
