// @ts-check
// Chart geometry for the well-being explorer (pure: numbers in, positions out; no DOM).
// Every function that places text is given `measure(text, size, weight) -> width in px`: the
// browser passes one that measures with the chart's real font, the tests the rough estimate
// below. Text is wrapped to the width it has, so nothing runs off the chart at any width
// (issue 11: titles were wrapped by the rough estimate alone and clipped on a 375 px phone).
import { signed } from "./state.js";

/** @typedef {(text: string, size: number, weight?: number) => number} Measure a text's width in px */
/** @typedef {ReturnType<typeof textBlock>} TextBlock */
/** @typedef {ReturnType<typeof legendLayout>} Legend */

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 760;
const MARGIN = 8; // between text and the edge of the chart
const LINE_GAP = 5;
const TITLE = 16;
const LABEL = 14;
const SMALL = 13;

// A rough width, for the tests and for browsers that cannot measure text.
/** @type {Measure} */
export function roughWidth(text, size, weight = 400) {
  return String(text).length * size * (weight >= 600 ? 0.6 : 0.56);
}

// The chart is drawn for the space it has (so text keeps its size on phones), within limits.
/** @param {number} measured */
export function chartWidth(measured) {
  const width = Number.isFinite(measured) && measured > 0 ? measured : 640;
  return Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width)));
}

/** @param {number} max */
export function niceStep(max) {
  if (max <= 6) return 1;
  if (max <= 12) return 2;
  if (max <= 30) return 5;
  return 10;
}

// A word too long for the width on its own is cut into pieces that fit.
/**
 * @param {string} word
 * @param {(text: string) => boolean} fits
 */
function pieces(word, fits) {
  /** @type {string[]} */
  const out = [];
  let piece = "";
  for (const char of word) {
    if (piece && !fits(piece + char)) {
      out.push(piece);
      piece = char;
    } else piece += char;
  }
  return piece ? [...out, piece] : out;
}

// Lines of text no wider than `width`, broken between words where possible.
/**
 * @param {string} text
 * @param {number} width
 * @param {Measure} measure
 * @param {number} size
 * @param {number} [weight]
 */
export function wrap(text, width, measure, size, weight = 400) {
  const fits = (/** @type {string} */ line) => measure(line, size, weight) <= width;
  /** @type {string[]} */
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    const parts = fits(word) ? [word] : pieces(word, fits);
    // The cast holds: a word gives at least one part ([word], or pieces of a word not empty).
    line = /** @type {string} */ (parts.pop());
    lines.push(...parts);
  }
  if (line) lines.push(line);
  return lines;
}

// The largest size, from `size` down to `min`, at which every word of every text fits the
// width on its own line (so short labels such as band names wrap between words, never inside one).
/**
 * @param {string[]} texts
 * @param {number} width
 * @param {Measure} measure
 * @param {number} size
 * @param {number} [min]
 */
export function fitSize(texts, width, measure, size, min = 11) {
  const words = texts.flatMap((text) => String(text).split(/\s+/).filter(Boolean));
  for (let s = size; s > min; s -= 1) {
    if (words.every((word) => measure(word, s, 400) <= width)) return s;
  }
  return min;
}

// A block of wrapped text: {lines, x, y (first baseline), size, weight, anchor, lineHeight, last}.
/**
 * @param {string} text
 * @param {{x: number, y: number, width: number, size: number, weight?: number, anchor?: string}} where
 * @param {Measure} measure
 */
export function textBlock(text, { x, y, width, size, weight = 400, anchor = "start" }, measure) {
  const lines = wrap(text, width, measure, size, weight);
  const lineHeight = size + LINE_GAP;
  return { lines, x, y, size, weight, anchor, lineHeight, last: y + Math.max(0, lines.length - 1) * lineHeight };
}

// Where a text block reaches, left and right, for checking that it fits.
/**
 * @param {TextBlock} block
 * @param {Measure} measure
 */
export function textExtent(block, measure) {
  const widths = block.lines.map((line) => measure(line, block.size, block.weight));
  const widest = Math.max(0, ...widths);
  if (block.anchor === "middle") return { left: block.x - widest / 2, right: block.x + widest / 2 };
  if (block.anchor === "end") return { left: block.x - widest, right: block.x };
  return { left: block.x, right: block.x + widest };
}

// A legend of swatches and labels that wraps onto further lines when narrow:
// {items: [{id, label, x (swatch), y (baseline)}], bottom}.
/**
 * @param {readonly {id: string, label: string}[]} items
 * @param {{x: number, y: number, width: number, size?: number}} where
 * @param {Measure} measure
 */
export function legendLayout(items, { x, y, width, size = LABEL }, measure) {
  let cx = x;
  let cy = y;
  const placed = items.map((item) => {
    const itemWidth = 24 + measure(item.label, size, 400) + 18;
    if (cx > x && cx + itemWidth > x + width) {
      cx = x;
      cy += size + 10;
    }
    const spot = { id: item.id, label: item.label, x: cx, y: cy, size };
    cx += itemWidth;
    return spot;
  });
  return { items: placed, bottom: cy + 6 };
}

/**
 * @param {string} title
 * @param {number} width
 * @param {Measure} measure
 */
function heading(title, width, measure) {
  return textBlock(title, { x: MARGIN, y: 22, width: width - 2 * MARGIN, size: TITLE, weight: 600 }, measure);
}

// Grouped bars, before and after, with each count above its bar:
// {width, height, title, legend, yTitle, ticks, bars, categories, xTitle, baseline, plot}.
/**
 * @typedef {object} BarOptions
 * @property {number} width
 * @property {string} title
 * @property {string[]} categories
 * @property {number[]} before a count for each category
 * @property {number[]} after
 * @property {string} xTitle
 */
/**
 * @param {BarOptions} options
 * @param {Measure} measure
 */
export function barLayout({ width, title, categories, before, after, xTitle }, measure) {
  const left = 58;
  const right = 12;
  const plotWidth = width - left - right;
  const titleBlock = heading(title, width, measure);
  const legend = legendLayout([{ id: "before", label: "Before" }, { id: "after", label: "After" }], { x: left, y: titleBlock.last + 28, width: plotWidth }, measure);
  const top = legend.bottom + 26;
  const plotHeight = width < 480 ? 200 : 230;
  const base = top + plotHeight;
  const group = plotWidth / Math.max(1, categories.length);
  const labelWidth = Math.max(group - 4, 1);
  const labelSize = fitSize(categories, labelWidth, measure, LABEL);
  const categoryBlocks = categories.map((category, index) =>
    textBlock(category, { x: left + group * index + group / 2, y: base + 20, width: labelWidth, size: labelSize, anchor: "middle" }, measure));
  const categoryBottom = Math.max(base + 20, ...categoryBlocks.map((b) => b.last));
  const xTitleBlock = textBlock(xTitle, { x: left + plotWidth / 2, y: categoryBottom + 26, width: plotWidth, size: LABEL, anchor: "middle" }, measure);
  const max = Math.max(1, ...before, ...after);
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const y = (/** @type {number} */ value) => base - (value / yMax) * plotHeight;
  /** @type {{value: number, y: number}[]} */
  const ticks = [];
  for (let tick = 0; tick <= yMax; tick += step) ticks.push({ value: tick, y: y(tick) });
  const barWidth = Math.min(44, (group * 0.8) / 2);
  const bars = categories.flatMap((_, index) => {
    const centre = left + group * index + group / 2;
    // The cast holds: each is [kind, count, x].
    return /** @type {[string, number, number][]} */ ([["before", before[index], centre - barWidth], ["after", after[index], centre]]).map(([kind, value, x]) => ({
      kind, value, x, width: barWidth, top: y(value), height: base - y(value), labelY: y(value) - 5,
    }));
  });
  return {
    width,
    height: xTitleBlock.last + 14,
    title: titleBlock,
    legend,
    yTitle: { text: "Number of members", x: 16, y: top + plotHeight / 2, size: LABEL },
    ticks,
    tickX: left - 8,
    bars,
    showValues: barWidth >= 13,
    categories: categoryBlocks,
    xTitle: xTitleBlock,
    plot: { left, right: width - right, top, base },
  };
}

// How a member's change is labelled at the right of the change chart.
/** @param {import("./state.js").Member} member */
export function changeLabel(member) {
  const change = member.after.score - member.before.score;
  return member.scoreDirection === "same" ? "same" : `${member.scoreDirection} (${signed(change)})`;
}

export const CHANGE_LEGEND = Object.freeze([
  { id: "before", label: "Before score" },
  { id: "better", label: "Better" },
  { id: "same", label: "Same" },
  { id: "worse", label: "Worse (dashed)" },
]);

// One row per member (already sorted), a dot for the score before and an arrow to the score
// after: {width, height, title, legend, ticks, rows, xTitle, plot}.
/**
 * @param {{width: number, title: string, members: import("./state.js").Member[]}} options
 * @param {Measure} measure
 */
export function changeLayout({ width, title, members }, measure) {
  /** @type {(texts: string[], size: number, weight?: number) => number} */
  const widest = (texts, size, weight) => Math.max(0, ...texts.map((t) => measure(t, size, weight)));
  const left = Math.max(40, MARGIN + widest(members.map((m) => m.member), SMALL) + 12);
  const right = Math.max(60, widest(members.map(changeLabel), SMALL, 600) + 8 + MARGIN);
  const plotWidth = width - left - right;
  const titleBlock = heading(title, width, measure);
  const legend = legendLayout(CHANGE_LEGEND, { x: MARGIN, y: titleBlock.last + 28, width: width - 2 * MARGIN }, measure);
  const rowHeight = 22;
  const top = legend.bottom + 36;
  const plotHeight = Math.max(1, members.length) * rowHeight;
  const x = (/** @type {number} */ score) => left + (score / 10) * plotWidth;
  const ticks = Array.from({ length: 11 }, (_, score) => ({ value: score, x: x(score) }));
  const rows = members.map((member, index) => ({
    member: member.member,
    direction: member.scoreDirection,
    y: top + index * rowHeight + rowHeight / 2,
    x1: x(member.before.score),
    x2: x(member.after.score),
    label: changeLabel(member),
  }));
  const xTitleBlock = textBlock("Score from 0 to 10 (members sorted by their score before)", {
    x: width / 2, y: top + plotHeight + 44, width: width - 2 * MARGIN, size: LABEL, anchor: "middle",
  }, measure);
  return {
    width,
    height: xTitleBlock.last + 14,
    title: titleBlock,
    legend,
    ticks,
    tickRows: [top - 12, top + plotHeight + 18],
    rows,
    memberX: left - 8,
    labelX: width - right + 8,
    xTitle: xTitleBlock,
    plot: { left, right: width - right, top, bottom: top + plotHeight },
  };
}
