// The front end's shape, checked: small functions, one module that touches storage, course facts
// stated once (Biome's rules, made to bite below), and every widget laid out as a pure state
// module and an entry point.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

const ROOT = new URL("../../src/selfhelp_course/js/", import.meta.url).pathname;
// Three rules of this shape are Biome lint rules now (lint/*.grit, registered in biome.jsonc, run
// by `make lint`): no function longer than 80 lines; only the store touches localStorage; the
// storage prefix and the kinds' labels are not written out. Here each is broken on purpose in a
// scratch copy of the configuration, so a rule that stops biting fails this test.
const REPO = new URL("../../", import.meta.url).pathname;
const BIOME = join(REPO, "node_modules", ".bin", "biome");

function lines(count, name) {
  const body = Array.from({ length: count - 4 }, (_, i) => `  total += ${i};`);
  return [`export function ${name}() {`, "  let total = 0;", ...body, "  return total;", "}"].join("\n");
}

const SEEDED = {
  "lib/lengths.js": `${lines(80, "eighty")}\n${lines(81, "eightyOne")}\n`,
  "lib/store.js": "export const raw = () => localStorage;\n",
  "site/storage-guard.js": "export const guard = () => window.localStorage;\n",
  "lib/progress.js": [
    'export const a = () => localStorage.getItem("k");',
    "export const b = () => window.localStorage;",
    'export const c = () => globalThis["localStorage"];',
    "// localStorage, named in a comment",
    "",
  ].join("\n"),
  "widgets/sorting/view.js": [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a seeded module, not a template
    "export const key = (id) => `selfhelp-course:${id}`;",
    'export const kind = "Knowledge check";',
    "export const other = 'Sorting exercise';",
    'export const words = "A Knowledge check, in a sentence";',
    "// selfhelp-course: in a comment",
    "",
  ].join("\n"),
};

test("Biome fails on each seeded breach of the three shape rules, and on nothing else", () => {
  const dir = mkdtempSync(join(tmpdir(), "shape-rules-"));
  try {
    cpSync(join(REPO, "biome.jsonc"), join(dir, "biome.jsonc"));
    cpSync(join(REPO, "lint"), join(dir, "lint"), { recursive: true });
    for (const [path, text] of Object.entries(SEEDED)) {
      const file = join(dir, "src", "selfhelp_course", "js", path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    const run = spawnSync(BIOME, ["lint", "--reporter=github", "--max-diagnostics=none"], { cwd: dir, encoding: "utf8" });
    assert.notEqual(run.status, 0, run.stdout + run.stderr);
    const found = [...run.stdout.matchAll(/^::error title=plugin,file=([^,]+),line=(\d+),.*?::(.*)$/gm)].map(
      ([, file, line, message]) => `${relative(join(dir, "src", "selfhelp_course", "js"), file)}:${line} ${message.split(":")[0]}`,
    );
    assert.deepEqual(found.sort(), [
      "lib/lengths.js:81 This function is longer than 80 lines",
      "lib/progress.js:1 Only lib/store.js touches localStorage",
      "lib/progress.js:2 Only lib/store.js touches localStorage",
      "lib/progress.js:3 Only lib/store.js touches localStorage",
      "widgets/sorting/view.js:1 The storage prefix is written out",
      "widgets/sorting/view.js:2 An activity kind's label is written out",
      "widgets/sorting/view.js:3 An activity kind's label is written out",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every widget has a pure state module and an entry point", () => {
  const widgets = readdirSync(join(ROOT, "widgets"));
  assert.ok(widgets.length >= 2);
  for (const name of widgets) {
    for (const part of ["state.js", "index.js"]) {
      assert.ok(statSync(join(ROOT, "widgets", name, part)).isFile(), `widgets/${name}/${part}`);
    }
    const state = readFileSync(join(ROOT, "widgets", name, "state.js"), "utf8");
    assert.doesNotMatch(state, /\bdocument\.|\bwindow\.|lib\/store\.js|lib\/dom\.js/, `widgets/${name}/state.js must stay pure`);
  }
});
