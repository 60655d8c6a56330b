// @ts-check
// The explorer's charts: inline SVG drawn from the layouts in geometry.js. The colours are the
// course palette's, set by class in course-widgets.css, so a chart follows the site's light/dark
// switch: the background, text and axis are the widget's; a mark of one kind (before, after,
// better, same, worse) has class `wbx-<kind>` and is painted in currentColor. Every colour keeps
// at least 3:1 on the background in both modes, and none is the only way to tell things apart
// (before bars are hatched, after bars solid; changes are labelled in words and drawn differently).
import { barLayout, changeLayout, FONT, roughWidth } from "./geometry.js";
import { sortedMembers } from "./state.js";

/** @typedef {import("./geometry.js").Measure} Measure */
/** @typedef {import("./geometry.js").TextBlock} TextBlock */

const SVG = "http://www.w3.org/2000/svg";
const INK = "currentColor"; // the text colour, or a mark's kind (its class)
const kind = (/** @type {string} */ id) => `wbx-${id}`;

/**
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs] false, null and undefined are left out
 * @param {...unknown} children text, nodes, lists of them; null, undefined and false are left out
 */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// Measures text with the chart's own font, so wrapping matches what is drawn.
/** @returns {Measure} */
export function textMeasure() {
  const context = typeof document !== "undefined" ? document.createElement("canvas").getContext("2d") : null;
  if (!context) return roughWidth;
  return (text, size, weight = 400) => {
    context.font = `${weight} ${size}px ${FONT}`;
    return context.measureText(String(text)).width;
  };
}

/**
 * @param {Record<string, unknown>} attrs
 * @param {unknown} [content]
 */
function text(attrs, content) {
  return svg("text", { fill: INK, ...attrs }, content);
}

/** @param {TextBlock} b */
function block(b) {
  const node = text({ x: b.x, y: b.y, "font-size": b.size, "font-weight": b.weight === 400 ? null : b.weight, "text-anchor": b.anchor });
  b.lines.forEach((line, index) => node.append(svg("tspan", { x: b.x, dy: index === 0 ? 0 : b.lineHeight }, line)));
  return node;
}

/**
 * @param {{width: number, height: number, title: TextBlock}} layout
 * @param {string} label
 */
function frame(layout, label) {
  const root = svg("svg", {
    xmlns: SVG, viewBox: `0 0 ${layout.width} ${layout.height}`, width: "100%", role: "img", "aria-label": label, "font-family": FONT, class: "wbx-svg",
  });
  root.append(svg("rect", { x: 0, y: 0, width: layout.width, height: layout.height, class: "wbx-bg" }), block(layout.title));
  return root;
}

/** @param {string} id */
function hatch(id) {
  return svg("pattern", { id, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)", class: kind("before") },
    svg("rect", { width: 8, height: 8, class: "wbx-tint" }),
    svg("line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: INK, "stroke-width": 4 }));
}

/**
 * @param {string} id
 * @param {number} x
 * @param {number} y
 */
function arrowSwatch(id, x, y) {
  return svg("g", { class: kind(id) },
    svg("line", { x1: x, y1: y + 8, x2: x + 12, y2: y + 8, stroke: INK, "stroke-width": 2.5, "stroke-dasharray": id === "worse" ? "4 3" : null }),
    svg("path", { d: `M${x + 12},${y + 3} L${x + 19},${y + 8} L${x + 12},${y + 13} Z`, fill: INK }));
}

/** @type {(x: number, y: number, r: number) => string} */
const diamond = (x, y, r) => `M${x},${y - r} L${x + r},${y} L${x},${y + r} L${x - r},${y} Z`;
// A member's score before: a ring in the text colour, filled with the background.
/** @type {(cx: number, cy: number) => SVGElement} */
const hollow = (cx, cy) => svg("circle", { cx, cy, r: 5, class: "wbx-bg", stroke: INK, "stroke-width": 2 });

/**
 * @param {string} id
 * @param {number} x
 * @param {number} y
 * @param {string | null} patternId
 */
function swatch(id, x, y, patternId) {
  if (id === "before" && patternId) return svg("rect", { x, y, width: 18, height: 16, fill: `url(#${patternId})`, stroke: INK, "stroke-width": 2, class: kind(id) });
  if (id === "after") return svg("rect", { x, y, width: 18, height: 16, fill: INK, class: kind(id) });
  if (id === "before") return hollow(x + 9, y + 8);
  if (id === "same") return svg("path", { d: diamond(x + 9, y + 8, 7), fill: INK, class: kind(id) });
  return arrowSwatch(id, x, y);
}

/**
 * @param {import("./geometry.js").Legend} layout
 * @param {string | null} [patternId]
 */
function legend(layout, patternId = null) {
  return svg("g", { class: "wbx-legend" }, layout.items.flatMap((item) => [
    swatch(item.id, item.x, item.y - item.size / 2 - 1, patternId),
    text({ x: item.x + 24, y: item.y, "font-size": item.size }, item.label),
  ]));
}

// options: {title, categories, before, after, xTitle, label, width, patternId, measure}
/** @param {import("./geometry.js").BarOptions & {label: string, patternId: string, measure: Measure}} options */
export function barChart(options) {
  const layout = barLayout(options, options.measure);
  const { plot, patternId } = { ...layout, patternId: options.patternId };
  const root = frame(layout, options.label);
  root.prepend(svg("defs", {}, hatch(patternId)));
  root.append(legend(layout.legend, patternId));
  for (const tick of layout.ticks) {
    root.append(svg("line", { x1: plot.left, x2: plot.right, y1: tick.y, y2: tick.y, class: "wbx-grid" }),
      text({ x: layout.tickX, y: tick.y + 5, "text-anchor": "end", "font-size": 13 }, tick.value));
  }
  const y = layout.yTitle;
  root.append(text({ x: 0, y: 0, "text-anchor": "middle", "font-size": y.size, transform: `translate(${y.x} ${y.y}) rotate(-90)` }, y.text));
  for (const bar of layout.bars) {
    const fill = bar.kind === "before" ? `url(#${patternId})` : INK;
    if (bar.value > 0) {
      root.append(svg("rect", { x: bar.x + 1, y: bar.top + 1, width: bar.width - 2, height: Math.max(0, bar.height - 1), fill, stroke: INK, "stroke-width": 2, class: kind(bar.kind) }));
    }
    if (layout.showValues) root.append(text({ x: bar.x + bar.width / 2, y: bar.labelY, "text-anchor": "middle", "font-size": 13 }, bar.value));
  }
  root.append(...layout.categories.map(block),
    svg("line", { x1: plot.left, x2: plot.right, y1: plot.base, y2: plot.base, stroke: INK, "stroke-width": 1.5 }),
    block(layout.xTitle));
  return root;
}

/** @param {ReturnType<typeof changeLayout>["rows"][number] & {memberX: number, labelX: number}} row */
function memberRow(row) {
  const direction = kind(row.direction);
  const parts = [text({ x: row.memberX, y: row.y + 5, "text-anchor": "end", "font-size": 13 }, row.member)];
  if (row.direction === "same") parts.push(svg("path", { d: diamond(row.x1, row.y, 8), fill: INK, class: direction }));
  else {
    const sign = row.x2 > row.x1 ? 1 : -1;
    parts.push(
      svg("g", { class: direction },
        svg("line", { x1: row.x1 + sign * 6, y1: row.y, x2: row.x2 - sign * 8, y2: row.y, stroke: INK, "stroke-width": 2.5, "stroke-dasharray": row.direction === "worse" ? "4 3" : null }),
        svg("path", { d: `M${row.x2 - sign * 9},${row.y - 6} L${row.x2},${row.y} L${row.x2 - sign * 9},${row.y + 6} Z`, fill: INK })),
      hollow(row.x1, row.y),
    );
  }
  parts.push(text({ x: row.labelX, y: row.y + 5, "font-size": 13, "font-weight": 600, class: direction }, row.label));
  return parts;
}

// options: {title, members, label, width, measure}
/** @param {{title: string, members: import("./state.js").Member[], label: string, width: number, measure: Measure}} options */
export function changeChart(options) {
  const layout = changeLayout({ ...options, members: sortedMembers(options.members) }, options.measure);
  const { plot } = layout;
  const root = frame(layout, options.label);
  root.append(legend(layout.legend));
  for (const tick of layout.ticks) {
    root.append(svg("line", { x1: tick.x, x2: tick.x, y1: plot.top - 6, y2: plot.bottom, class: "wbx-grid" }),
      ...layout.tickRows.map((at) => text({ x: tick.x, y: at, "text-anchor": "middle", "font-size": 13 }, tick.value)));
  }
  root.append(block(layout.xTitle));
  for (const row of layout.rows) root.append(...memberRow({ ...row, memberX: layout.memberX, labelX: layout.labelX }));
  if (!layout.rows.length) root.append(text({ x: plot.left, y: plot.top + 16, "font-size": 14 }, "No members to show."));
  return root;
}
