// How long the privacy guard takes on 50,000 characters of mixed text. Run:
//   node scripts/privacy_benchmark.mjs
// Two texts, the same every time: "dense" cycles through every text of the labelled table
// (identifiers and near misses, about one finding per 130 characters) with prose in several
// scripts and emoji between them; "prose" is ordinary reflective writing with an identifier or two
// per paragraph. Prints the median, 90th percentile and fastest of many runs after a warm-up.
import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import { findIdentifiers } from "../src/selfhelp_course/js/privacy/guard.js";

const TARGET = 50000;
const RUNS = 200;

const cases = JSON.parse(readFileSync(new URL("../tests/js/privacy-cases.json", import.meta.url), "utf8"));
const filler = [
  "The group met in the community centre and talked about what helps on a bad day.",
  "Ich habe viel über Selbsthilfegruppen gelernt; ça m'a fait réfléchir à ma pratique.",
  "支援小组的成员互相帮助。 Группа встречается каждую неделю. 🙂🌱✨",
  "Two members said the leaflets were too long, so we rewrote them together over tea.",
];
const paragraph =
  "When I first went along to the group I was worried that I would take over, as professionals " +
  "often do. The members had run it for years and knew far more than I did about living with the " +
  "illness day to day. I listened, offered the room and a kettle, and asked what would help. One " +
  "member, Mrs Patel, said she wanted information in plain words, not leaflets; another said the " +
  "group mattered most in the weeks after diagnosis. Next time I will ask before I bring anything.\n\n";

function build(next) {
  let text = "";
  for (let i = 0; text.length < TARGET; i += 1) text += next(i);
  return text.slice(0, TARGET);
}

function measure(name, text) {
  for (let i = 0; i < 20; i += 1) findIdentifiers(text); // warm up the regular expressions
  const times = [];
  let found = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    found = findIdentifiers(text).length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = (q) => times[Math.min(RUNS - 1, Math.floor(RUNS * q))].toFixed(2);
  console.log(`${name}: ${text.length} characters, ${found} findings; median ${ms(0.5)} ms, 90th percentile ${ms(0.9)} ms, fastest ${ms(0)} ms`);
}

measure("dense", build((i) => `${cases[i % cases.length].text} ${filler[i % filler.length]}\n`));
measure("prose", build(() => paragraph));
console.log(`(${RUNS} runs each, node ${process.version})`);
