// Well-being explorer: the course's illustrative ONS4 answers, one question at a time, drawn in
// the browser as an inline SVG chart with a data table holding the same numbers.
//
// Bands are worked out in Python (selfhelp_course.ons4) and arrive in each row as
// "<question>_band"; the order of a question's bands comes from its `bands` list. This module
// never decides which band a score is in. The four questions are never combined or summed.

const WBX_SVG = "http://www.w3.org/2000/svg";
const WBX_VIEWS = [
  { id: "bands", label: "Bands before and after" },
  { id: "change", label: "Each member's change" },
  { id: "scores", label: "Scores before and after" },
];
// Every colour has at least 3:1 contrast against white; none is the only way to tell things apart
// (before bars are hatched, after bars solid; changes are labelled in words and drawn differently).
const WBX_COLOURS = {
  before: "#9a4a00",
  beforeTint: "#fbe8d5",
  after: "#0b4f8a",
  better: "#1a7f37",
  same: "#4d5562",
  worse: "#b3261e",
  ink: "#1b1f24",
  grid: "#d5dae1",
};
const WBX_DIRECTION_WORDS = { better: "better", same: "same", worse: "worse" };
const WBX_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

function wbxSvg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(WBX_SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function wbxPlural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function wbxSigned(number) {
  return number > 0 ? `+${number}` : String(number);
}

function wbxMean(values) {
  if (!values.length) return null;
  return values.reduce((total, value) => total + value, 0) / values.length;
}

function wbxNiceStep(max) {
  if (max <= 6) return 1;
  if (max <= 12) return 2;
  if (max <= 30) return 5;
  return 10;
}

// Rough text width for laying out legends (the SVG is drawn before it can be measured).
function wbxTextWidth(text, size) {
  return text.length * size * 0.56;
}

// Splits text into lines that fit a width, by the same rough measure.
function wbxWrap(text, size, width) {
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && wbxTextWidth(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// A block of wrapped text; returns the element and the baseline of its last line.
function wbxTextBlock(text, { x, y, width, size, anchor = "start", weight = null }) {
  const lines = wbxWrap(text, size, width);
  const node = wbxSvg("text", {
    x, y, "font-size": size, "font-weight": weight, "text-anchor": anchor, fill: WBX_COLOURS.ink,
  });
  lines.forEach((line, index) => node.append(wbxSvg("tspan", { x, dy: index === 0 ? 0 : size + 5 }, line)));
  return { node, last: y + (lines.length - 1) * (size + 5) };
}

function wbxLegend(items, { x, y, width, size = 14 }) {
  // items: [{label, swatch: (x, y) => svg element}]; wraps onto further lines when narrow.
  const group = wbxSvg("g", { class: "wbx-legend" });
  let cx = x;
  let cy = y;
  for (const item of items) {
    const itemWidth = 26 + wbxTextWidth(item.label, size) + 18;
    if (cx > x && cx + itemWidth > x + width) {
      cx = x;
      cy += size + 10;
    }
    group.append(item.swatch(cx, cy - size / 2 - 1));
    group.append(wbxSvg("text", { x: cx + 24, y: cy, "font-size": size, fill: WBX_COLOURS.ink }, item.label));
    cx += itemWidth;
  }
  return { group, bottom: cy + 6 };
}

function render({ model, el }) {
  const text = model.get("text") || {};
  const questions = (model.get("questions") || []).filter((q) => q && q.key && Array.isArray(q.bands));
  const rows = model.get("rows") || [];
  const store = openStore("explorer:wellbeing");
  const uid = uniqueId("wbx");

  // ------------------------------------------------------------------ state
  const state = { question: questions.length ? questions[0].key : "", view: "bands", band: "all" };
  const seen = new Set();
  const questionOf = (key) => questions.find((q) => q.key === key);
  const validView = (value) => WBX_VIEWS.some((v) => v.id === value);
  const validBand = (question, band) =>
    band === "all" || (questionOf(question) && questionOf(question).bands.includes(band));

  function adopt(saved) {
    if (!saved || typeof saved !== "object") return;
    if (questionOf(saved.question)) state.question = saved.question;
    if (validView(saved.view)) state.view = saved.view;
    state.band = typeof saved.band === "string" && validBand(state.question, saved.band) ? saved.band : "all";
  }

  adopt(model.get("view"));
  const saved = store.read();
  if (saved.status === "ok" && saved.value && saved.value.v === 1) {
    adopt(saved.value);
    if (Array.isArray(saved.value.seen)) saved.value.seen.filter(questionOf).forEach((k) => seen.add(k));
  }

  // ------------------------------------------------------------------ the page elements
  const titleId = `${uid}-title`;
  const questionSelect = h("select", { id: `${uid}-question`, "aria-describedby": `${uid}-question-note` });
  questions.forEach((q) => questionSelect.append(h("option", { value: q.key }, q.label)));
  const questionNote = h("p", { class: "wbx-hint", id: `${uid}-question-note` });

  const viewInputs = WBX_VIEWS.map((view) =>
    h("input", { type: "radio", name: `${uid}-view`, id: `${uid}-view-${view.id}`, value: view.id }),
  );
  const viewOptions = WBX_VIEWS.map((view, index) =>
    h("div", { class: "wbx-radio" }, viewInputs[index], h("label", { for: viewInputs[index].id }, view.label)),
  );

  const bandSelect = h("select", { id: `${uid}-band`, "aria-describedby": `${uid}-band-note` });
  const bandNote = h(
    "p",
    { class: "wbx-hint", id: `${uid}-band-note` },
    "Choose a starting band to follow only the members who began there, for example to look for regression to the mean.",
  );

  const summary = h("p", { class: "course-status wbx-summary", role: "status", "aria-live": "polite" });
  const progress = h("p", { class: "wbx-progress" });
  const notice = h("p", { class: "course-notice", hidden: true });
  const chart = h("div", { class: "wbx-chart" });
  const tableHolder = h("div", {
    class: "wbx-table-wrap",
    role: "region",
    tabindex: "0",
    "aria-labelledby": `${uid}-caption`,
  });
  const caveats = Array.isArray(text.caveats) ? text.caveats : [];

  el.append(
    h(
      "div",
      { class: "course-widget wbx", "data-explorer-id": "wellbeing", role: "group", "aria-labelledby": titleId },
      h("p", { class: "wbx-title", id: titleId }, text.title || "Explore the illustrative well-being answers"),
      h(
        "div",
        { class: "wbx-illustrative" },
        h("p", {}, h("strong", { class: "wbx-badge" }, "ILLUSTRATIVE DATA")),
        h("p", { class: "wbx-introduction" }, text.introduction || ""),
      ),
      h(
        "fieldset",
        { class: "wbx-controls" },
        h("legend", {}, "Choose what to show"),
        h(
          "div",
          { class: "wbx-control" },
          h("label", { for: questionSelect.id }, "Question (one at a time)"),
          questionSelect,
          questionNote,
        ),
        h("fieldset", { class: "wbx-views" }, h("legend", {}, "View"), viewOptions),
        h(
          "div",
          { class: "wbx-control" },
          h("label", { for: bandSelect.id }, "Members who started in band"),
          bandSelect,
          bandNote,
        ),
      ),
      summary,
      chart,
      h(
        "div",
        { class: "wbx-caveats" },
        h("p", {}, h("strong", {}, "Keep in mind")),
        h("ul", {}, caveats.map((caveat) => h("li", {}, caveat))),
      ),
      tableHolder,
      progress,
      notice,
    ),
  );

  function tell(message) {
    notice.textContent = message;
    notice.hidden = !message;
  }
  if (saved.status === "corrupt" || saved.status === "unavailable") tell(STORAGE_MESSAGES[saved.status]);

  if (!questions.length || !rows.length) {
    summary.textContent = "There are no answers to show.";
    return;
  }

  // ------------------------------------------------------------------ the numbers
  // One entry per member with both a before and an after answer to the chosen question.
  function pairs(question) {
    const spec = questionOf(question);
    const byMember = new Map();
    for (const row of rows) {
      if (!row || (row.time !== "before" && row.time !== "after")) continue;
      const score = row[question];
      const band = row[`${question}_band`];
      if (typeof score !== "number" || !spec.bands.includes(band)) continue;
      if (!byMember.has(row.member)) byMember.set(row.member, { member: String(row.member) });
      byMember.get(row.member)[row.time] = { score, band };
    }
    return [...byMember.values()].filter((p) => p.before && p.after);
  }

  function direction(spec, before, after) {
    if (after === before) return "same";
    return after > before === spec.higher_is_better ? "better" : "worse";
  }

  function compute() {
    const spec = questionOf(state.question);
    const all = pairs(state.question);
    const members = state.band === "all" ? all : all.filter((p) => p.before.band === state.band);
    const bandIndex = (band) => spec.bands.indexOf(band);
    for (const p of members) {
      p.scoreDirection = direction(spec, p.before.score, p.after.score);
      p.bandDirection = direction(spec, bandIndex(p.before.band), bandIndex(p.after.band));
    }
    const count = (list, key, value) => list.filter((p) => p[key] === value).length;
    return {
      spec,
      members,
      bandMoves: {
        better: count(members, "bandDirection", "better"),
        same: count(members, "bandDirection", "same"),
        worse: count(members, "bandDirection", "worse"),
      },
      scoreMoves: {
        better: count(members, "scoreDirection", "better"),
        same: count(members, "scoreDirection", "same"),
        worse: count(members, "scoreDirection", "worse"),
      },
      bandCounts: spec.bands.map((band) => ({
        band,
        before: members.filter((p) => p.before.band === band).length,
        after: members.filter((p) => p.after.band === band).length,
      })),
      scoreCounts: Array.from({ length: 11 }, (_, score) => ({
        score,
        before: members.filter((p) => p.before.score === score).length,
        after: members.filter((p) => p.after.score === score).length,
      })),
      meanBefore: wbxMean(members.map((p) => p.before.score)),
      meanAfter: wbxMean(members.map((p) => p.after.score)),
    };
  }

  function whoPhrase(n) {
    return state.band === "all"
      ? `all ${wbxPlural(n, "member")}`
      : `the ${wbxPlural(n, "member")} who started in the ${state.band} band`;
  }

  function directionWords(spec) {
    return spec.higher_is_better ? "higher is better" : "lower is better";
  }

  function sentence(data) {
    const { spec, members, bandMoves, scoreMoves } = data;
    const n = members.length;
    if (n === 0) {
      return `${spec.label}: no member started in the ${state.band} band, so there is nothing to show. Choose another band.`;
    }
    const lower = spec.higher_is_better ? "" : " (for anxiety, better means a lower score)";
    return (
      `${spec.label}, ${directionWords(spec)}: of ${whoPhrase(n)}, ${bandMoves.better} moved to a better band, ` +
      `${bandMoves.same} stayed in the same band and ${bandMoves.worse} moved to a worse band. ` +
      `By score, ${scoreMoves.better} got better, ${scoreMoves.same} stayed the same and ` +
      `${scoreMoves.worse} got worse${lower}. ` +
      `Average score ${data.meanBefore.toFixed(1)} before and ${data.meanAfter.toFixed(1)} after.`
    );
  }

  // ------------------------------------------------------------------ charts
  function chartWidth() {
    const measured = chart.clientWidth || 640;
    return Math.round(Math.max(300, Math.min(760, measured)));
  }

  function hatch(id) {
    return wbxSvg(
      "pattern",
      { id, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      wbxSvg("rect", { width: 8, height: 8, fill: WBX_COLOURS.beforeTint }),
      wbxSvg("line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: WBX_COLOURS.before, "stroke-width": 4 }),
    );
  }

  function beforeSwatch(patternId) {
    return (x, y) =>
      wbxSvg("rect", {
        x, y, width: 18, height: 16, fill: `url(#${patternId})`, stroke: WBX_COLOURS.before, "stroke-width": 2,
      });
  }

  function afterSwatch(x, y) {
    return wbxSvg("rect", { x, y, width: 18, height: 16, fill: WBX_COLOURS.after });
  }

  function frame(width, height, label) {
    return wbxSvg("svg", {
      xmlns: WBX_SVG,
      viewBox: `0 0 ${width} ${height}`,
      width: "100%",
      role: "img",
      "aria-label": label,
      "font-family": WBX_FONT,
      class: "wbx-svg",
    });
  }

  // Grouped bars, before (hatched) and after (solid), with each count written above its bar.
  function barChart({ title, categories, before, after, xTitle, label }) {
    const width = chartWidth();
    const patternId = `${uid}-hatch`;
    const left = 58;
    const right = 12;
    const plotWidth = width - left - right;
    const heading = wbxTextBlock(title, { x: 8, y: 22, width: width - 16, size: 16, weight: 600 });
    const legend = wbxLegend(
      [
        { label: "Before", swatch: beforeSwatch(patternId) },
        { label: "After", swatch: afterSwatch },
      ],
      { x: left, y: heading.last + 28, width: plotWidth },
    );
    const top = legend.bottom + 26;
    const plotHeight = width < 480 ? 200 : 230;
    const xLabel = wbxTextBlock(xTitle, { x: left + plotWidth / 2, y: 0, width: plotWidth, size: 14, anchor: "middle" });
    const bottom = 48 + (xLabel.last + 14);
    const height = top + plotHeight + bottom;
    const svg = frame(width, height, label);
    svg.append(wbxSvg("defs", {}, hatch(patternId)));
    svg.append(wbxSvg("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }));
    svg.append(heading.node);
    svg.append(legend.group);

    const max = Math.max(1, ...before, ...after);
    const step = wbxNiceStep(max);
    const yMax = Math.ceil(max / step) * step;
    const y = (value) => top + plotHeight - (value / yMax) * plotHeight;
    for (let tick = 0; tick <= yMax; tick += step) {
      svg.append(wbxSvg("line", { x1: left, x2: width - right, y1: y(tick), y2: y(tick), stroke: WBX_COLOURS.grid }));
      svg.append(
        wbxSvg("text", { x: left - 8, y: y(tick) + 5, "text-anchor": "end", "font-size": 13, fill: WBX_COLOURS.ink }, tick),
      );
    }
    svg.append(
      wbxSvg(
        "text",
        {
          x: 0, y: 0, "text-anchor": "middle", "font-size": 14, fill: WBX_COLOURS.ink,
          transform: `translate(16 ${top + plotHeight / 2}) rotate(-90)`,
        },
        "Number of members",
      ),
    );

    const group = plotWidth / categories.length;
    const barWidth = Math.min(44, (group * 0.8) / 2);
    const showValues = barWidth >= 13;
    categories.forEach((category, index) => {
      const centre = left + group * index + group / 2;
      const bars = [
        { value: before[index], x: centre - barWidth, fill: `url(#${patternId})`, stroke: WBX_COLOURS.before },
        { value: after[index], x: centre, fill: WBX_COLOURS.after, stroke: WBX_COLOURS.after },
      ];
      for (const bar of bars) {
        const barHeight = y(0) - y(bar.value);
        if (bar.value > 0) {
          svg.append(
            wbxSvg("rect", {
              x: bar.x + 1, y: y(bar.value) + 1, width: barWidth - 2, height: Math.max(0, barHeight - 1),
              fill: bar.fill, stroke: bar.stroke, "stroke-width": 2,
            }),
          );
        }
        if (showValues) {
          svg.append(
            wbxSvg(
              "text",
              { x: bar.x + barWidth / 2, y: y(bar.value) - 5, "text-anchor": "middle", "font-size": 13, fill: WBX_COLOURS.ink },
              bar.value,
            ),
          );
        }
      }
      svg.append(
        wbxSvg(
          "text",
          { x: centre, y: top + plotHeight + 20, "text-anchor": "middle", "font-size": 14, fill: WBX_COLOURS.ink },
          category,
        ),
      );
    });
    svg.append(wbxSvg("line", { x1: left, x2: width - right, y1: y(0), y2: y(0), stroke: WBX_COLOURS.ink, "stroke-width": 1.5 }));
    svg.append(wbxSvg("g", { transform: `translate(0 ${top + plotHeight + 46})` }, xLabel.node));
    return svg;
  }

  function changeChart(data, label) {
    const { spec } = data;
    const width = chartWidth();
    const members = sortedMembers(data);
    const left = 50;
    const right = width < 480 ? 100 : 108;
    const plotWidth = width - left - right;
    const heading = wbxTextBlock(`${spec.label}: each member's change (${directionWords(spec)})`, {
      x: 8, y: 22, width: width - 16, size: 16, weight: 600,
    });
    const arrowSwatch = (colour, dashed) => (x, y) =>
      wbxSvg(
        "g",
        {},
        wbxSvg("line", {
          x1: x, y1: y + 8, x2: x + 12, y2: y + 8, stroke: colour, "stroke-width": 2.5,
          "stroke-dasharray": dashed ? "4 3" : null,
        }),
        wbxSvg("path", { d: `M${x + 12},${y + 3} L${x + 19},${y + 8} L${x + 12},${y + 13} Z`, fill: colour }),
      );
    const legend = wbxLegend(
      [
        {
          label: "Before score",
          swatch: (x, y) => wbxSvg("circle", { cx: x + 9, cy: y + 8, r: 5, fill: "#ffffff", stroke: WBX_COLOURS.ink, "stroke-width": 2 }),
        },
        { label: "Better", swatch: arrowSwatch(WBX_COLOURS.better, false) },
        {
          label: "Same",
          swatch: (x, y) => wbxSvg("path", { d: `M${x + 9},${y + 1} L${x + 16},${y + 8} L${x + 9},${y + 15} L${x + 2},${y + 8} Z`, fill: WBX_COLOURS.same }),
        },
        { label: "Worse (dashed)", swatch: arrowSwatch(WBX_COLOURS.worse, true) },
      ],
      { x: 8, y: heading.last + 28, width: width - 16 },
    );
    const rowHeight = 22;
    const top = legend.bottom + 36;
    const plotHeight = Math.max(1, members.length) * rowHeight;
    const xLabel = wbxTextBlock("Score from 0 to 10 (members sorted by their score before)", {
      x: width / 2, y: 0, width: width - 16, size: 14, anchor: "middle",
    });
    const bottom = 46 + (xLabel.last + 14);
    const height = top + plotHeight + bottom;
    const svg = frame(width, height, label);
    svg.append(wbxSvg("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }));
    svg.append(heading.node);
    svg.append(legend.group);

    const x = (score) => left + (score / 10) * plotWidth;
    for (let score = 0; score <= 10; score += 1) {
      svg.append(wbxSvg("line", { x1: x(score), x2: x(score), y1: top - 6, y2: top + plotHeight, stroke: WBX_COLOURS.grid }));
      for (const at of [top - 12, top + plotHeight + 18]) {
        svg.append(wbxSvg("text", { x: x(score), y: at, "text-anchor": "middle", "font-size": 13, fill: WBX_COLOURS.ink }, score));
      }
    }
    svg.append(wbxSvg("g", { transform: `translate(0 ${top + plotHeight + 44})` }, xLabel.node));
    members.forEach((p, index) => {
      const cy = top + index * rowHeight + rowHeight / 2;
      const colour = WBX_COLOURS[p.scoreDirection];
      svg.append(wbxSvg("text", { x: left - 8, y: cy + 5, "text-anchor": "end", "font-size": 13, fill: WBX_COLOURS.ink }, p.member));
      const x1 = x(p.before.score);
      const x2 = x(p.after.score);
      if (p.scoreDirection === "same") {
        svg.append(wbxSvg("path", { d: `M${x1},${cy - 8} L${x1 + 8},${cy} L${x1},${cy + 8} L${x1 - 8},${cy} Z`, fill: WBX_COLOURS.same }));
      } else {
        const sign = x2 > x1 ? 1 : -1;
        svg.append(
          wbxSvg("line", {
            x1: x1 + sign * 6, y1: cy, x2: x2 - sign * 8, y2: cy, stroke: colour, "stroke-width": 2.5,
            "stroke-dasharray": p.scoreDirection === "worse" ? "4 3" : null,
          }),
        );
        svg.append(wbxSvg("path", { d: `M${x2 - sign * 9},${cy - 6} L${x2},${cy} L${x2 - sign * 9},${cy + 6} Z`, fill: colour }));
        svg.append(wbxSvg("circle", { cx: x1, cy, r: 5, fill: "#ffffff", stroke: WBX_COLOURS.ink, "stroke-width": 2 }));
      }
      const change = p.after.score - p.before.score;
      svg.append(
        wbxSvg(
          "text",
          { x: width - right + 8, y: cy + 5, "font-size": 13, fill: colour, "font-weight": 600 },
          p.scoreDirection === "same" ? "same" : `${WBX_DIRECTION_WORDS[p.scoreDirection]} (${wbxSigned(change)})`,
        ),
      );
    });
    if (!members.length) {
      svg.append(wbxSvg("text", { x: left, y: top + 16, "font-size": 14, fill: WBX_COLOURS.ink }, "No members to show."));
    }
    return svg;
  }

  function sortedMembers(data) {
    return [...data.members].sort(
      (a, b) => a.before.score - b.before.score || a.after.score - b.after.score || a.member.localeCompare(b.member),
    );
  }

  // ------------------------------------------------------------------ tables
  function table(caption, head, body) {
    return h(
      "table",
      { class: "wbx-table" },
      h("caption", { id: `${uid}-caption` }, caption),
      h("thead", {}, h("tr", {}, head.map((cell) => h("th", { scope: "col" }, cell)))),
      h(
        "tbody",
        {},
        body.map((cells) =>
          h("tr", {}, cells.map((cell, index) => (index === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell)))),
        ),
      ),
    );
  }

  // ------------------------------------------------------------------ drawing one view
  function describe(data) {
    const { spec, members } = data;
    const who = whoPhrase(members.length);
    if (state.view === "bands") {
      const parts = data.bandCounts.map((c) => `${c.band}: ${c.before} before, ${c.after} after`);
      return `Illustrative data. Grouped bar chart of ${spec.label} (${directionWords(spec)}), number of members in each ONS band before and after, ${who}. ${parts.join("; ")}.`;
    }
    if (state.view === "change") {
      const m = data.scoreMoves;
      return `Illustrative data. Chart of each member's ${spec.label} score before and after (${directionWords(spec)}), ${who}, sorted by score before: ${m.better} better, ${m.same} the same, ${m.worse} worse. The table below lists every member.`;
    }
    const given = data.scoreCounts.filter((c) => c.before || c.after).map((c) => `score ${c.score}: ${c.before} before, ${c.after} after`);
    return `Illustrative data. Grouped bar chart of ${spec.label} scores from 0 to 10 (${directionWords(spec)}), number of members giving each score before and after, ${who}. ${given.join("; ") || "No scores"}.`;
  }

  function draw(data, withTable = true) {
    const { spec, members } = data;
    const who = whoPhrase(members.length);
    let svg;
    let caption;
    let head;
    let body;
    if (state.view === "bands") {
      svg = barChart({
        title: `${spec.label}: members in each band (${directionWords(spec)})`,
        categories: spec.bands,
        before: data.bandCounts.map((c) => c.before),
        after: data.bandCounts.map((c) => c.after),
        xTitle: "ONS band, lowest scores on the left",
        label: describe(data),
      });
      caption = `Illustrative data (made up): ${spec.label}, number of members in each ONS band before and after, ${who}`;
      head = ["Band", "Before", "After", "Change (after minus before)"];
      body = data.bandCounts.map((c) => [c.band, c.before, c.after, wbxSigned(c.after - c.before)]);
    } else if (state.view === "change") {
      svg = changeChart(data, describe(data));
      caption = `Illustrative data (made up): ${spec.label}, each member's score before and after, ${who}, sorted by score before (${directionWords(spec)})`;
      head = ["Member", "Score before", "Band before", "Score after", "Band after", "Score change", "Direction"];
      body = sortedMembers(data).map((p) => [
        p.member, p.before.score, p.before.band, p.after.score, p.after.band,
        wbxSigned(p.after.score - p.before.score), p.scoreDirection,
      ]);
    } else {
      svg = barChart({
        title: `${spec.label}: scores before and after (${directionWords(spec)})`,
        categories: data.scoreCounts.map((c) => String(c.score)),
        before: data.scoreCounts.map((c) => c.before),
        after: data.scoreCounts.map((c) => c.after),
        xTitle: "Score from 0 to 10",
        label: describe(data),
      });
      caption = `Illustrative data (made up): ${spec.label}, number of members giving each score from 0 to 10, before and after, ${who}`;
      head = ["Score", "Before", "After"];
      body = data.scoreCounts.map((c) => [c.score, c.before, c.after]);
    }
    chart.replaceChildren(svg);
    chart.dataset.width = String(chartWidth());
    if (withTable) tableHolder.replaceChildren(table(caption, head, body));
  }

  // ------------------------------------------------------------------ controls and saving
  function fillBands() {
    const spec = questionOf(state.question);
    bandSelect.replaceChildren(
      h("option", { value: "all" }, "all members"),
      ...spec.bands.map((band) => h("option", { value: band }, band)),
    );
    bandSelect.value = state.band;
  }

  function showControls() {
    questionSelect.value = state.question;
    questionNote.textContent = questionOf(state.question).summary || "";
    viewInputs.forEach((input) => {
      input.checked = input.value === state.view;
    });
    fillBands();
  }

  function showProgress() {
    progress.textContent =
      seen.size >= questions.length
        ? `You have looked at all ${questions.length} questions.`
        : `Questions you have looked at so far: ${seen.size} of ${questions.length}.`;
  }

  let lastData = null;
  function update(speak) {
    seen.add(state.question);
    lastData = compute();
    draw(lastData);
    const message = sentence(lastData);
    if (speak) announce(summary, message);
    else summary.textContent = message;
    showProgress();
  }

  let warnedWrite = false;
  function save() {
    const view = { question: state.question, view: state.view, band: state.band };
    const result = store.write({
      v: 1,
      page: model.get("page"),
      updated: new Date().toISOString(),
      complete: questions.every((q) => seen.has(q.key)),
      ...view,
      seen: questions.filter((q) => seen.has(q.key)).map((q) => q.key),
    });
    if (!result.ok && !warnedWrite) {
      warnedWrite = true;
      tell(STORAGE_MESSAGES[result.reason]);
    }
    syncModel();
  }

  // Python reads the learner's view from the model (in JupyterLab, with a kernel).
  function syncModel() {
    const current = model.get("view") || {};
    if (current.question === state.question && current.view === state.view && current.band === state.band) return;
    model.set("view", { question: state.question, view: state.view, band: state.band });
    model.save_changes();
  }

  function changed() {
    update(true);
    save();
  }

  questionSelect.addEventListener("change", () => {
    if (!questionOf(questionSelect.value)) return;
    state.question = questionSelect.value;
    // Bands differ between questions (anxiety runs the other way), so the filter starts afresh.
    state.band = "all";
    showControls();
    changed();
  });
  viewInputs.forEach((input) =>
    input.addEventListener("change", () => {
      if (!input.checked) return;
      state.view = input.value;
      changed();
    }),
  );
  bandSelect.addEventListener("change", () => {
    state.band = validBand(state.question, bandSelect.value) ? bandSelect.value : "all";
    changed();
  });

  // In JupyterLab, Python may set the view; follow it.
  const onModelView = () => {
    const wanted = model.get("view") || {};
    if (wanted.question === state.question && wanted.view === state.view && (wanted.band || "all") === state.band) return;
    adopt(wanted);
    showControls();
    update(true);
    save();
  };
  model.on("change:view", onModelView);

  showControls();
  update(false);
  syncModel();

  // Redraw for the space available, so text keeps a readable size on phones.
  let observer = null;
  if (typeof ResizeObserver === "function") {
    observer = new ResizeObserver(() => {
      if (lastData && Math.abs(chartWidth() - Number(chart.dataset.width || 0)) >= 24) draw(lastData, false);
    });
    observer.observe(chart);
  }

  return () => {
    model.off("change:view", onModelView);
    if (observer) observer.disconnect();
  };
}

export default { render };
