// The front end's shape, checked: small functions, one module that touches storage, course facts
// stated once. (acorn parses the modules as the browser would.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "acorn";

const ROOT = new URL("../../src/selfhelp_course/js/", import.meta.url).pathname;
const MAX_LINES = 80;

function files(dir = ROOT) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith(".js") && !name.endsWith(".generated.js") ? [path] : [];
  });
}

function functions(node, found = []) {
  if (!node || typeof node.type !== "string") return found;
  if (/Function/.test(node.type)) found.push(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => functions(child, found));
    else if (value && typeof value === "object" && typeof value.type === "string") functions(value, found);
  }
  return found;
}

test(`no function is longer than ${MAX_LINES} lines`, () => {
  const long = [];
  for (const path of files()) {
    const tree = parse(readFileSync(path, "utf8"), { ecmaVersion: "latest", sourceType: "module", locations: true });
    for (const fn of functions(tree)) {
      const lines = fn.loc.end.line - fn.loc.start.line + 1;
      if (lines > MAX_LINES) long.push(`${relative(ROOT, path)}:${fn.loc.start.line} ${fn.id ? fn.id.name : "(anonymous)"}: ${lines} lines`);
    }
  }
  assert.deepEqual(long, []);
});

test("only the store touches localStorage", () => {
  const touching = files().filter((path) => /localStorage/.test(readFileSync(path, "utf8").replace(/\/\/.*$/gm, "")));
  // The storage guard is not learner data: it gives the theme's own script a stand-in when the
  // browser blocks storage, so the light/dark switch still works.
  assert.deepEqual(touching.map((path) => relative(ROOT, path)).sort(), ["lib/store.js", "site/storage-guard.js"]);
});

test("the storage prefix and activity kinds are not written out in the modules", () => {
  const restated = files().filter((path) => {
    const code = readFileSync(path, "utf8").replace(/\/\/.*$/gm, "");
    return /selfhelp-course:|["'](Knowledge check|Sorting exercise)["']/.test(code);
  });
  assert.deepEqual(restated.map((path) => relative(ROOT, path)), []);
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
