"""The course manifest (progress, portfolio and session plans all read it), without a browser.

The activities on each page are found here a second, independent way: by parsing every code
cell with Python's own parser and looking for calls to the widget functions. The manifest's
regular expressions must agree with it.
"""
from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess

import pytest
import yaml

from selfhelp_course._content import CHECKS, REFLECTIONS, SCENARIOS, SORTING
from selfhelp_course._course_time import front_matter, page_path, toc_docnames
from selfhelp_course._manifest import course_manifest, manifest_script
from selfhelp_course.sphinx_ext import SITE_STATIC, STATIC, page_progress_script
from paths import ROOT

MANIFEST = course_manifest(ROOT)
PAGES = {page["docname"]: page for page in MANIFEST["pages"]}
FUNCTIONS = {"knowledge_check": "check", "sorting_exercise": "sorting", "scenario": "scenario",
             "reflection": "reflection", "wellbeing_explorer": "explorer"}
BANKS = {"check": CHECKS, "sorting": SORTING, "scenario": SCENARIOS, "reflection": REFLECTIONS}


def calls_in(docname: str) -> list[tuple[str, str]]:
    """(kind, id) for every widget call in the page's code cells, parsed as Python."""
    text = page_path(ROOT, docname).read_text(encoding="utf-8")
    found = []
    for cell in re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, flags=re.S | re.M):
        cell = re.sub(r"\A---\n.*?\n---\n", "", cell, flags=re.S)  # a YAML options block
        code = "\n".join(line for line in cell.splitlines() if not line.startswith((":", "%", "!")))
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
                kind = FUNCTIONS[node.func.id]
                if kind == "explorer":
                    found.append((kind, "wellbeing"))
                else:
                    found += [(kind, arg.value) for arg in node.args if isinstance(arg, ast.Constant)]
    return found


def test_the_manifest_lists_every_toc_page_once_in_reading_order():
    assert MANIFEST["version"] == 1 and MANIFEST["storage_prefix"] == "selfhelp-course:"
    assert [page["docname"] for page in MANIFEST["pages"]] == toc_docnames(ROOT)
    assert "book/progress" in PAGES


def test_each_page_sits_in_its_toc_part():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert PAGES[toc["root"]]["part"] == ""
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            assert PAGES[chapter["file"]]["part"] == part["caption"]
    assert PAGES["book/progress"]["part"] == "Your record"


@pytest.mark.parametrize("docname", toc_docnames(ROOT))
def test_minutes_and_title_match_the_page(docname):
    page = PAGES[docname]
    course = front_matter(page_path(ROOT, docname)).get("course") or {}
    assert page["teaching_minutes"] == course.get("teaching_minutes", 0)
    assert page["activity_minutes"] == course.get("activity_minutes", 0)
    text = page_path(ROOT, docname).read_text(encoding="utf-8")
    assert page["title"] and f"# {page['title']}" in text


@pytest.mark.parametrize("docname", toc_docnames(ROOT))
def test_the_activities_listed_are_the_ones_the_page_shows(docname):
    listed = [(activity["kind"], activity["id"]) for activity in PAGES[docname]["activities"]]
    assert listed == calls_in(docname)


def test_the_course_has_activities_of_every_kind():
    kinds = {activity["kind"] for page in MANIFEST["pages"] for activity in page["activities"]}
    assert kinds == set(FUNCTIONS.values())


def test_every_activity_exists_in_its_bank_and_has_a_title():
    banks = {kind: bank.load(bank.paths(ROOT)) for kind, bank in BANKS.items()}
    seen = set()
    for page in MANIFEST["pages"]:
        for activity in page["activities"]:
            key = (activity["kind"], activity["id"])
            assert key not in seen, f"{key} appears twice: progress would count it twice"
            seen.add(key)
            if activity["kind"] == "explorer":
                assert activity["id"] == "wellbeing"
            else:
                assert activity["id"] in banks[activity["kind"]], key
            assert activity["title"].strip(), key


def test_reference_and_record_pages_carry_no_minutes_or_activities():
    for docname in ("book/glossary", "book/references", "book/execution-status", "book/progress"):
        page = PAGES[docname]
        assert page["teaching_minutes"] == page["activity_minutes"] == 0 and page["activities"] == []


def test_manifest_script_escapes_the_end_of_a_script_element():
    hostile = {"version": 1, "pages": [{"docname": "x", "title": "</script><script>alert(1)</script>",
                                         "activities": [{"kind": "check", "id": "a", "title": "a</b>"}]}]}
    script = manifest_script(hostile)
    assert "</" not in script
    assert script.startswith("window.COURSE_MANIFEST = ") and script.endswith(";\n")
    data = script[len("window.COURSE_MANIFEST = "):-2]
    assert json.loads(data) == hostile


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the script")
def test_manifest_script_runs_as_a_classic_script_and_gives_back_the_manifest():
    runner = ("const window = {}; eval(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(window.COURSE_MANIFEST));")
    done = subprocess.run(["node", "-e", runner], input=manifest_script(MANIFEST), capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == MANIFEST


def test_the_site_script_reuses_the_shared_code_instead_of_copying_it():
    script = page_progress_script()
    for name in ("core.js", "progress_core.js"):
        assert script.count((STATIC / name).read_text(encoding="utf-8")) == 1
    assert script.count("function activityState(") == 1 and script.count("function openStore(") == 1
    assert script.startswith("(function () {") and script.rstrip().endswith("})();")
    # Only the put-together script reaches the site: no raw copy of any part.
    assert not list(SITE_STATIC.rglob("page-progress*")) and not list(SITE_STATIC.rglob("progress_core*"))


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to parse the script")
def test_the_site_script_is_valid_javascript_and_adds_no_globals(tmp_path):
    runner = r"""
    const src = require("fs").readFileSync(0, "utf8");
    const vm = require("vm");
    const listeners = [];
    const sandbox = {
      window: { addEventListener() {}, COURSE_MANIFEST: undefined },
      document: { readyState: "loading", addEventListener: (n) => listeners.push(n),
                  querySelector: () => null, documentElement: { dataset: {} } },
      console,
    };
    sandbox.window.window = sandbox.window;
    vm.createContext(sandbox);
    const before = new Set(Object.keys(sandbox));
    vm.runInContext(src, sandbox);
    const added = Object.keys(sandbox).filter((k) => !before.has(k));
    process.stdout.write(JSON.stringify({ added, listeners }));
    """
    done = subprocess.run(["node", "-e", runner], input=page_progress_script(), capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["added"] == []
    assert result["listeners"] == ["DOMContentLoaded"]
