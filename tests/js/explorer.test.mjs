import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ALL, chartTitle, chooseBand, chooseQuestion, chooseView, cleanQuestions, derive, describe, direction,
  directionWords, entryValue, initialState, isBand, isView, markSeen, mean, pairs, plural, progressText, sentence,
  signed, sortedMembers, stateFromEntry, summarise, tableFor, VIEWS, viewTrait, whoPhrase,
} from "../../src/selfhelp_course/js/widgets/explorer/state.js";
import {
  barLayout, changeLabel, changeLayout, chartWidth, fitSize, legendLayout, MAX_WIDTH, MIN_WIDTH, niceStep, roughWidth,
  textBlock, textExtent, wrap,
} from "../../src/selfhelp_course/js/widgets/explorer/geometry.js";

// Bands as Python sends them (made up here: the module never decides a band itself).
const HAPPY = { key: "happy", label: "Happiness", summary: "How happy.", higher_is_better: true, bands: ["lo", "mid", "hi"] };
const WORRY = { key: "worry", label: "Worry", summary: "How worried.", higher_is_better: false, bands: ["lo", "hi"] };
const QUESTIONS = [HAPPY, WORRY];
const band = (q, score) => (q.key === "happy" ? (score < 4 ? "lo" : score < 7 ? "mid" : "hi") : score < 5 ? "lo" : "hi");
const row = (member, time, happy, worry) => ({ member, time, happy, happy_band: band(HAPPY, happy), worry, worry_band: band(WORRY, worry) });
const ROWS = [
  row("A", "before", 2, 8), row("A", "after", 5, 3), // happy lo->mid better; worry hi->lo better
  row("B", "before", 6, 2), row("B", "after", 6, 6), // same score; worry worse
  row("C", "before", 8, 4), row("C", "after", 7, 4), // happy worse by score, same band
  row("D", "before", 3, 1), // no after: left out
];

test("only questions with a key and a list of bands are used", () => {
  assert.deepEqual(cleanQuestions([HAPPY, null, { key: "" , bands: [] }, { key: "x" }, WORRY, "q"]), QUESTIONS);
  assert.deepEqual(cleanQuestions(undefined), []);
});

test("views and bands are checked against what exists", () => {
  assert.deepEqual(VIEWS.map((v) => v.id), ["bands", "change", "scores"]);
  assert.ok(isView("change") && !isView("pie"));
  assert.ok(isBand(HAPPY, ALL) && isBand(HAPPY, "mid") && !isBand(WORRY, "mid") && !isBand(null, "lo"));
});

test("a saved entry is adopted where valid, v1 lists and v2 objects alike", () => {
  const start = initialState(QUESTIONS);
  assert.deepEqual(start, { question: "happy", view: "bands", band: ALL, seen: [] });
  assert.deepEqual(initialState([]).question, "");
  assert.deepEqual(stateFromEntry({ question: "worry", view: "change", band: "hi", seen: { worry: true, happy: false, odd: true } }, QUESTIONS, start),
    { question: "worry", view: "change", band: "hi", seen: ["worry"] });
  assert.deepEqual(stateFromEntry({ v: 1, question: "worry", seen: ["worry", "happy", "nope"] }, QUESTIONS, start).seen, ["happy", "worry"]);
  // A band of another question, an unknown view or question: the defaults.
  assert.deepEqual(stateFromEntry({ question: "worry", view: "pie", band: "mid" }, QUESTIONS, start), { question: "worry", view: "bands", band: ALL, seen: [] });
  assert.deepEqual(stateFromEntry({ question: "nope", band: "mid" }, QUESTIONS, start), { ...start, band: "mid" });
  for (const bad of [null, [], "x", 3]) assert.deepEqual(stateFromEntry(bad, QUESTIONS, start), start);
});

test("choosing a question starts the band filter afresh; bad choices change nothing", () => {
  const state = { question: "happy", view: "change", band: "mid", seen: [] };
  assert.deepEqual(chooseQuestion(state, QUESTIONS, "worry"), { ...state, question: "worry", band: ALL });
  assert.equal(chooseQuestion(state, QUESTIONS, "nope"), state);
  assert.deepEqual(chooseView(state, "scores").view, "scores");
  assert.equal(chooseView(state, "pie"), state);
  assert.equal(chooseBand(state, QUESTIONS, "hi").band, "hi");
  assert.equal(chooseBand(state, QUESTIONS, "very odd").band, ALL);
});

test("questions looked at are kept once, in the questions' order", () => {
  let state = initialState(QUESTIONS);
  state = markSeen({ ...state, question: "worry" }, QUESTIONS);
  state = markSeen({ ...state, question: "happy" }, QUESTIONS);
  state = markSeen(state, QUESTIONS);
  assert.deepEqual(state.seen, ["happy", "worry"]);
});

test("stored as v2 with seen as an object (merges key by key); complete when all are seen", () => {
  const state = { question: "worry", view: "scores", band: "lo", seen: ["happy"] };
  assert.deepEqual(entryValue(state, "notebooks/x"), { v: 2, page: "notebooks/x", question: "worry", view: "scores", band: "lo", seen: { happy: true } });
  assert.deepEqual(viewTrait(state), { question: "worry", view: "scores", band: "lo" });
  const d = derive(QUESTIONS);
  assert.deepEqual(d({ seen: {} }), { complete: false, attempted: false });
  assert.deepEqual(d({ seen: { happy: true } }), { complete: false, attempted: true });
  assert.deepEqual(d({ seen: { happy: true, worry: true } }), { complete: true, attempted: true });
  assert.deepEqual(d({ seen: ["happy", "worry"] }), { complete: true, attempted: true }); // a v1 list
  assert.deepEqual(d({ seen: { happy: true, worry: "yes" } }), { complete: false, attempted: true });
  assert.deepEqual(derive([])({ seen: {} }).complete, false);
});

test("progress, plurals, signs and means", () => {
  assert.equal(progressText(1, 4), "Questions you have looked at so far: 1 of 4.");
  assert.equal(progressText(4, 4), "You have looked at all 4 questions.");
  assert.equal(plural(1, "member"), "1 member");
  assert.equal(plural(0, "member"), "0 members");
  assert.deepEqual([signed(2), signed(0), signed(-3)], ["+2", "0", "-3"]);
  assert.equal(mean([]), null);
  assert.equal(mean([1, 2, 6]), 3);
});

test("better and worse follow the question's direction", () => {
  assert.equal(direction(HAPPY, 3, 5), "better");
  assert.equal(direction(HAPPY, 5, 3), "worse");
  assert.equal(direction(WORRY, 5, 3), "better");
  assert.equal(direction(WORRY, 4, 4), "same");
  assert.equal(directionWords(HAPPY), "higher is better");
  assert.equal(directionWords(WORRY), "lower is better");
});

test("pairs keep members with both answers and a band the question has", () => {
  assert.deepEqual(pairs(ROWS, HAPPY).map((p) => p.member), ["A", "B", "C"]);
  assert.deepEqual(pairs(ROWS, HAPPY)[0], { member: "A", before: { score: 2, band: "lo" }, after: { score: 5, band: "mid" } });
  const odd = [row("E", "before", 3, 3), { ...row("E", "after", 4, 4), happy_band: "unknown" }, { member: "F", time: "during", happy: 1 }, null];
  assert.deepEqual(pairs(odd, HAPPY), []);
  assert.deepEqual(pairs("nope", HAPPY), []);
});

test("summaries count band and score moves, band by band and score by score", () => {
  const all = summarise(ROWS, HAPPY);
  assert.equal(all.members.length, 3);
  assert.deepEqual(all.bandMoves, { better: 1, same: 2, worse: 0 });
  assert.deepEqual(all.scoreMoves, { better: 1, same: 1, worse: 1 });
  assert.deepEqual(all.bandCounts, [{ band: "lo", before: 1, after: 0 }, { band: "mid", before: 1, after: 2 }, { band: "hi", before: 1, after: 1 }]);
  assert.equal(all.scoreCounts.length, 11);
  assert.deepEqual(all.scoreCounts[6], { score: 6, before: 1, after: 1 });
  assert.equal(all.meanBefore, 16 / 3);
  assert.equal(all.meanAfter, 6);
  const worry = summarise(ROWS, WORRY);
  assert.deepEqual(worry.scoreMoves, { better: 1, same: 1, worse: 1 }); // A falls (better), B rises (worse)
  assert.deepEqual(worry.members.map((m) => m.bandDirection), ["better", "worse", "same"]);
  const lo = summarise(ROWS, HAPPY, "lo");
  assert.deepEqual(lo.members.map((m) => m.member), ["A"]);
  assert.equal(summarise(ROWS, WORRY, "nothing").members.length, 0);
});

test("members are sorted by score before, then after, then name", () => {
  const members = summarise([...ROWS, row("E", "before", 2, 1), row("E", "after", 3, 1), row("0", "before", 2, 1), row("0", "after", 3, 1)], HAPPY).members;
  assert.deepEqual(sortedMembers(members).map((m) => m.member), ["0", "E", "A", "B", "C"]);
});

test("the sentence, the chart's description and title say the numbers in words", () => {
  const all = summarise(ROWS, HAPPY);
  assert.equal(whoPhrase(ALL, 3), "all 3 members");
  assert.equal(whoPhrase("lo", 1), "the 1 member who started in the lo band");
  assert.equal(sentence(all),
    "Happiness, higher is better: of all 3 members, 1 moved to a better band, 2 stayed in the same band and 0 moved to a worse band. " +
    "By score, 1 got better, 1 stayed the same and 1 got worse. Average score 5.3 before and 6.0 after.");
  assert.match(sentence(summarise(ROWS, WORRY)), /got worse \(for anxiety, better means a lower score\)\./);
  assert.equal(sentence(summarise(ROWS, WORRY, "nothing")), "Worry: no member started in the nothing band, so there is nothing to show. Choose another band.");
  assert.match(describe(all, "bands"), /^Illustrative data\. Grouped bar chart of Happiness \(higher is better\).*lo: 1 before, 0 after; mid: 1 before, 2 after; hi: 1 before, 1 after\.$/);
  assert.match(describe(all, "change"), /1 better, 1 the same, 1 worse\. The table below lists every member\.$/);
  assert.match(describe(all, "scores"), /score 2: 1 before, 0 after; score 5: 0 before, 1 after/);
  assert.match(describe(summarise(ROWS, HAPPY, "none"), "scores"), /No scores\.$/);
  assert.deepEqual(["bands", "change", "scores"].map((v) => chartTitle(all, v)), [
    "Happiness: members in each band (higher is better)",
    "Happiness: each member's change (higher is better)",
    "Happiness: scores before and after (higher is better)",
  ]);
});

test("each view's table holds the chart's numbers", () => {
  const all = summarise(ROWS, HAPPY);
  const bands = tableFor(all, "bands");
  assert.deepEqual(bands.head, ["Band", "Before", "After", "Change (after minus before)"]);
  assert.deepEqual(bands.body, [["lo", 1, 0, "-1"], ["mid", 1, 2, "+1"], ["hi", 1, 1, "0"]]);
  assert.match(bands.caption, /^Illustrative data \(made up\): Happiness, number of members in each ONS band/);
  const change = tableFor(all, "change");
  assert.deepEqual(change.body, [["A", 2, "lo", 5, "mid", "+3", "better"], ["B", 6, "mid", 6, "mid", "0", "same"], ["C", 8, "hi", 7, "hi", "-1", "worse"]]);
  const scores = tableFor(all, "scores");
  assert.equal(scores.body.length, 11);
  assert.deepEqual(scores.body[8], [8, 1, 0]);
});

// ------------------------------------------------------------------ geometry
test("the chart width follows the space it has, within limits", () => {
  assert.equal(chartWidth(335.4), 335);
  assert.equal(chartWidth(100), MIN_WIDTH);
  assert.equal(chartWidth(2000), MAX_WIDTH);
  assert.equal(chartWidth(0), 640); // not laid out yet
  assert.equal(chartWidth(NaN), 640);
});

test("axis steps are round numbers", () => {
  assert.deepEqual([1, 6, 7, 12, 13, 30, 31].map(niceStep), [1, 1, 2, 2, 5, 5, 10]);
});

test("text wraps between words to the width, and cuts a word too long for any line", () => {
  const measure = (text) => text.length * 10; // 10 px a character
  assert.deepEqual(wrap("one two three four", 100, measure, 16), ["one two", "three four"]);
  assert.deepEqual(wrap("one two three four", 99, measure, 16), ["one two", "three", "four"]);
  assert.deepEqual(wrap("  spaced   out  ", 200, measure, 16), ["spaced out"]);
  assert.deepEqual(wrap("", 100, measure, 16), []);
  assert.deepEqual(wrap("a Supercalifragilistic b", 60, measure, 16), ["a", "Superc", "alifra", "gilist", "ic b"]);
  for (const line of wrap("Life satisfaction: each member's change (higher is better)", 120, measure, 16)) assert.ok(measure(line) <= 120, line);
  // The weight is passed on to the measure.
  const seen = [];
  wrap("bold words", 500, (_text, size, weight) => seen.push([size, weight]) && 0, 16, 600);
  assert.deepEqual(seen[0], [16, 600]);
});

test("labels shrink, within limits, until each word fits without being cut", () => {
  const measure = (text, size) => text.length * size * 0.5;
  assert.equal(fitSize(["low", "medium"], 100, measure, 14), 14);
  assert.equal(fitSize(["low", "very high", "medium"], 36, measure, 14), 12); // "medium" at 12 px is 36 px
  assert.equal(fitSize(["incomprehensibilities"], 20, measure, 14), 11); // never below the minimum
  const bars = barLayout({ width: 300, title: "T", categories: ["low", "medium", "high", "very high"], before: [1, 1, 1, 1], after: [1, 1, 1, 1], xTitle: "x" },
    (text, size) => text.length * size * 0.7);
  assert.ok(bars.categories.every((c) => c.size < 14 && c.lines.every((line) => !/^(m|me|med|medi|mediu)$/.test(line))));
  assert.deepEqual(bars.categories[3].lines, ["very", "high"]);
});

test("text blocks know their last baseline and how far they reach", () => {
  const measure = (text) => text.length * 10;
  const b = textBlock("one two three", { x: 100, y: 20, width: 70, size: 16, anchor: "middle" }, measure);
  assert.deepEqual(b.lines, ["one two", "three"]);
  assert.equal(b.last, 20 + 21);
  assert.deepEqual(textExtent(b, measure), { left: 65, right: 135 });
  assert.deepEqual(textExtent({ ...b, anchor: "end" }, measure), { left: 30, right: 100 });
  assert.deepEqual(textExtent({ ...b, anchor: "start" }, measure), { left: 100, right: 170 });
  assert.ok(Math.abs(roughWidth("abcd", 10) - 22.4) < 1e-9);
  assert.ok(roughWidth("abcd", 10, 600) > roughWidth("abcd", 10));
});

test("legends wrap onto a new line when the next item would not fit", () => {
  const measure = (text) => text.length * 10;
  const items = [{ id: "a", label: "aaaa" }, { id: "b", label: "bbbb" }, { id: "c", label: "cccc" }];
  const wide = legendLayout(items, { x: 10, y: 50, width: 500 }, measure);
  assert.deepEqual(wide.items.map((i) => [i.x, i.y]), [[10, 50], [92, 50], [174, 50]]);
  const narrow = legendLayout(items, { x: 10, y: 50, width: 150 }, measure);
  assert.deepEqual(narrow.items.map((i) => [i.x, i.y]), [[10, 50], [10, 74], [10, 98]]);
  assert.equal(narrow.bottom, 104);
});

// Every piece of text in a layout, with how far it reaches left and right.
function textsOf(layout, measure) {
  const blocks = [layout.title, layout.xTitle, ...(layout.categories || [])];
  return blocks.map((b) => ({ text: b.lines.join(" "), ...textExtent(b, measure) }));
}

const TITLES = ["Life satisfaction: members in each band (higher is better)", "Anxiety yesterday: each member's change (lower is better)",
  "Happiness yesterday: scores before and after (higher is better)"];

test("at every width from a small phone up, every title and label stays inside the chart", () => {
  for (const weightFactor of [1, 1.25]) { // a font wider than the estimate too
    const measure = (text, size, weight) => roughWidth(text, size, weight) * weightFactor;
    for (let width = MIN_WIDTH; width <= MAX_WIDTH; width += 15) {
      for (const title of TITLES) {
        const bars = barLayout({ width, title, categories: ["very low", "low", "medium", "very high"], before: [1, 2, 3, 4], after: [4, 3, 2, 1], xTitle: "ONS band, lowest scores on the left" }, measure);
        const members = summarise(ROWS, HAPPY).members;
        const change = changeLayout({ width, title, members }, measure);
        for (const layout of [bars, change]) {
          for (const t of textsOf(layout, measure)) assert.ok(t.left >= 0 && t.right <= width, `${width}px: "${t.text}" reaches ${t.left}..${t.right}`);
          assert.ok(layout.height > layout.xTitle.last, "the chart is tall enough for its last line");
        }
        assert.ok(change.labelX + Math.max(...change.rows.map((r) => measure(r.label, 13, 600))) <= width);
        assert.ok(change.memberX - Math.max(...change.rows.map((r) => measure(r.member, 13, 400))) >= 0);
      }
    }
  }
});

test("bars stand on the baseline, as tall as their counts, on a round scale", () => {
  const layout = barLayout({ width: 600, title: "T", categories: ["a", "b"], before: [0, 7], after: [3, 2], xTitle: "x" }, roughWidth);
  assert.deepEqual(layout.ticks.map((t) => t.value), [0, 2, 4, 6, 8]);
  const { base, top } = layout.plot;
  const [b0, a0, b1, a1] = layout.bars;
  assert.deepEqual([b0.kind, a0.kind, b1.kind, a1.kind], ["before", "after", "before", "after"]);
  assert.equal(b0.height, 0);
  assert.equal(b1.top + b1.height, base);
  assert.ok(Math.abs(b1.height / a0.height - 7 / 3) < 1e-9);
  assert.equal(layout.ticks.at(-1).y, top);
  assert.ok(a0.x === b0.x + b0.width, "after sits beside before");
  assert.ok(layout.showValues);
  // Eleven scores at the smallest width: bars too thin for counts above them.
  const narrow = barLayout({ width: MIN_WIDTH, title: "T", categories: Array.from({ length: 11 }, (_, i) => String(i)), before: Array(11).fill(1), after: Array(11).fill(1), xTitle: "x" }, roughWidth);
  assert.equal(narrow.showValues, false);
});

test("the change chart puts each member on a row, from score before to score after", () => {
  const members = sortedMembers(summarise(ROWS, HAPPY).members);
  const layout = changeLayout({ width: 500, title: "T", members }, roughWidth);
  assert.deepEqual(layout.rows.map((r) => [r.member, r.direction, r.label]), [["A", "better", "better (+3)"], ["B", "same", "same"], ["C", "worse", "worse (-1)"]]);
  const [a] = layout.rows;
  assert.equal(a.x1, layout.ticks[2].x);
  assert.equal(a.x2, layout.ticks[5].x);
  assert.ok(layout.rows[1].y - a.y === 22);
  assert.equal(layout.ticks[0].x, layout.plot.left);
  assert.equal(layout.ticks[10].x, layout.plot.right);
  assert.equal(changeLabel(members[2]), "worse (-1)");
  assert.equal(changeLayout({ width: 500, title: "T", members: [] }, roughWidth).rows.length, 0);
});
