// "CPD log": one row per page with something completed, the hours for each (what the learner
// typed is read by portfolio/hours.js: accepted when its meaning is clear, otherwise refused with
// a message beside the field and kept as typed until it is fixed), done-with-others, and a link
// to practice. Rows are kept per page and updated in place.
import { h, keyedList, setText, setValue } from "../../lib/dom.js";
import { formatHours } from "../../portfolio/hours.js";
import { textField } from "./fields.js";
import { METHOD } from "./forms.js";
import { longDate } from "./record.js";
import { readHours } from "./state.js";

function rowNote(row) {
  if (!row.total) return "Page read";
  return `${row.completed} of ${row.total} activities completed${row.attempted ? `; ${row.attempted} more attempted, not yet completed` : ""}`;
}

// The hours field of one row. drafts: what was typed in each row since the page opened.
function hoursField(ctx, base, drafts, current) {
  const input = h("input", { type: "text", inputmode: "decimal", autocomplete: "off", id: `${base}-hours`, class: "pf-hours" });
  const message = h("p", { class: "pf-hours-error", id: `${base}-hours-error`, hidden: true });
  const note = h("p", { class: "pf-hours-note", id: `${base}-hours-note`, hidden: true });
  input.addEventListener("input", () => {
    const row = current();
    const read = readHours(input.value, row.estimate);
    drafts.set(row.page, { text: input.value, read });
    if (read.ok) ctx.edit(["log", row.page, "hours"], read.hours); // the redraw that follows shows it
    else show(row);
  });
  input.addEventListener("blur", () => ctx.flush());

  function say(node, text) {
    setText(node, text);
    node.hidden = !text;
  }

  // What the field shows: what was typed (while the learner is at it, or until a refused value
  // is fixed), otherwise the hours the record holds; and why, when that needs saying.
  function show(row) {
    let draft = drafts.get(row.page);
    const stored = draft && draft.read.ok && (draft.read.hours === undefined ? row.own === null : draft.read.hours === row.own);
    if (draft && draft.read.ok && !stored) {
      drafts.delete(row.page); // changed since, in another tab: show what is saved now
      draft = undefined;
    }
    if (!draft) setValue(input, formatHours(row.hours));
    const refused = Boolean(draft && !draft.read.ok);
    say(message, refused ? `${draft.read.message} Until it is fixed, the record keeps ${formatHours(row.hours)} hours.` : "");
    let explained = draft && draft.read.ok ? draft.read.note : row.hoursProblem;
    if (!refused && !explained && row.own !== null && row.own !== row.estimate) explained = `Course estimate: ${formatHours(row.estimate)} hours.`;
    say(note, refused ? "" : explained);
    input.setAttribute("aria-invalid", String(refused));
    const described = [refused ? message.id : null, !refused && explained ? note.id : null].filter(Boolean).join(" ");
    if (described) input.setAttribute("aria-describedby", described);
    else input.removeAttribute("aria-describedby");
  }
  return { nodes: [input, message, note], input, show };
}

function buildRow(ctx, row, base, drafts) {
  let current = row;
  const hours = hoursField(ctx, base, drafts, () => current);
  const together = h("input", { type: "checkbox", id: `${base}-together` });
  together.addEventListener("change", () => {
    ctx.edit(["log", current.page, "participatory"], together.checked);
    ctx.flush();
  });
  const link = textField(ctx, {
    id: `${base}-link`, path: ["log", row.page, "link"], className: "pf-link", rows: 2, labelClass: "course-sr-only",
    label: `Link to practice for \u201c${row.title}\u201d`, what: `the link to practice for \u201c${row.title}\u201d`,
  });
  const cells = { date: h("td", {}), title: h("span", {}), note: h("span", { class: "pf-row-note" }), participatory: h("span", { class: "pf-participatory-hours" }) };
  const hoursLabel = h("label", { for: hours.input.id, class: "course-sr-only" });
  const node = h("tr", { "data-page": row.page },
    cells.date,
    h("th", { scope: "row" }, cells.title, cells.note),
    h("td", {}, hoursLabel, ...hours.nodes),
    h("td", {}, h("div", { class: "pf-choice" }, together,
      h("label", { for: together.id }, "Done with others (e.g. in a session)", h("span", { class: "course-sr-only" }, `: ${row.title}`))),
    cells.participatory),
    h("td", {}, link.node));

  function update(next) {
    current = next;
    setText(cells.date, longDate(next.date));
    setText(cells.title, next.title);
    setText(cells.note, rowNote(next));
    setText(hoursLabel, `Hours for \u201c${next.title}\u201d`);
    hours.show(next);
    together.checked = next.participatory;
    setText(cells.participatory, next.participatory ? `${formatHours(next.participatoryHours)} hours` : "");
    link.update(next.link);
  }
  update(row);
  return { node, update };
}

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

export function createLog(ctx) {
  const box = h("div", { class: "pf-log-box" });
  const element = h("fieldset", { class: "pf-section pf-log-section" },
    h("legend", {}, "CPD log"),
    h("p", { class: "pf-hint" }, "One row for each course page where you have completed activities on this device (or marked the page as read). Hours start from the course's estimate for each completed page (as on your progress page, a page counts once all its activities are completed); change them to the time you actually spent, in hours (1.5 or 1,5) or hours and minutes (1h30, 1:30 or 90 min). NMC revalidation asks for 35 hours of CPD over three years, at least 20 of them participatory (learning with other people)."),
    box);
  const empty = h("p", { class: "pf-empty" }, "No activities are recorded as completed on this device yet. Your log fills in as you complete activities in the course.");
  const body = h("tbody", {});
  const totals = { hours: h("td", { class: "pf-total-hours" }), participatory: h("td", { class: "pf-total-participatory" }) };
  const full = table(ctx, body, totals);
  const drafts = new Map();
  let made = 0;
  const show = keyedList(body, (row) => buildRow(ctx, row, `${ctx.uid}-log-${(made += 1)}`, drafts));

  function update(portfolio) {
    show(portfolio.log, (row) => row.page);
    setText(totals.hours, `${formatHours(portfolio.totals.hours)} hours`);
    setText(totals.participatory, `${formatHours(portfolio.totals.participatory)} participatory`);
    const shown = portfolio.log.length ? full : empty;
    if (box.firstChild !== shown) box.replaceChildren(shown);
  }

  return { element, update, forget: () => drafts.clear() };
}
