"""The course manifest (progress, portfolio, session plans and slides all read it), and the one
parse of a page it is built from (_pages.py), without a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from paths import ROOT, SITE
from selfhelp_course.activities.banks import (
    ASSESSMENTS,
    CHECKS,
    REFLECTIONS,
    SCENARIOS,
    SORTING,
)
from selfhelp_course.course.facts import ACTIVITY_KINDS, EXPLORER_ID
from selfhelp_course.course.manifest import VERSION, course_manifest, manifest_script
from selfhelp_course.course.pages import parse_text, read_page
from selfhelp_course.course.structure import front_matter, page_path, toc_docnames, toc_parts
from selfhelp_course.errors import ContentError
from selfhelp_course.site.front_end import site_script
from selfhelp_course.site.sphinx_ext import _fingerprint, _write_manifest

MANIFEST = course_manifest(ROOT)
PAGES = {page["docname"]: page for page in MANIFEST["pages"]}
BANKS = {
    "check": CHECKS,
    "sorting": SORTING,
    "scenario": SCENARIOS,
    "reflection": REFLECTIONS,
    "assessment": ASSESSMENTS,
}

PAGE = """\
---
jupytext:
  text_representation: {{extension: .md, format_name: myst}}
kernelspec: {{display_name: Python 3, language: python, name: python3}}
---
# A page

```{{code-cell}} ipython3
{code}
```
"""


def activities(code: str) -> list[tuple[str, str]]:
    return [(a["kind"], a["id"]) for a in parse_text(PAGE.format(code=code)).activities]


def test_activities_are_found_by_parsing_the_code_as_python():
    code = """%matplotlib inline
from selfhelp_course import knowledge_check, reflection, wellbeing_explorer
# knowledge_check("in-a-comment") is not shown
text = 'reflection("in-a-string")'
widget = knowledge_check("first", "second")
reflection(
    "over-two-lines")
wellbeing_explorer("data/ons4_illustrative.csv")"""
    assert activities(code) == [
        ("check", "first"),
        ("check", "second"),
        ("reflection", "over-two-lines"),
        ("explorer", EXPLORER_ID),
    ]


def test_a_code_cell_that_is_not_python_fails_with_the_file_named():
    with pytest.raises(ContentError, match=r"page\.md: a code cell is not valid Python"):
        activities("knowledge_check('unclosed'")


def test_title_objectives_key_points_and_questions_come_from_the_markdown():
    page = parse_text("""# The title

```{admonition} Learning objectives
:class: objectives

By the end you will be able to:

- name one thing;
- explain another thing that runs
  over two lines.
```

## Discussion questions for a group session

1. First question {cite:p}`esteem2011`?
2. Second question?

```{admonition} Key points
:class: key-points

- One point.
```
""")
    assert page.title == "The title"
    assert page.objectives == ("name one thing;", "explain another thing that runs over two lines.")
    assert page.discussion_questions == ("First question {cite:p}`esteem2011`?", "Second question?")
    assert page.key_points == ("One point.",)


def test_the_manifest_lists_every_toc_page_once_in_reading_order():
    assert MANIFEST["version"] == VERSION
    assert [page["docname"] for page in MANIFEST["pages"]] == toc_docnames(ROOT)
    assert "book/progress" in PAGES


def test_each_page_sits_in_its_toc_part():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert PAGES[toc["root"]]["part"] == ""
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            assert PAGES[chapter["file"]]["part"] == part["caption"]
    assert PAGES["book/progress"]["part"] == "Your record"


def test_toc_parts_count_the_course_pages_in_each_part():
    parts = toc_parts(ROOT)
    assert list(parts) == toc_docnames(ROOT)
    assert Counter(parts.values()) == {
        "": 1,
        "The course": 7,
        "Case studies": 4,
        "Data notebooks": 2,
        "Assessment": 1,
        "Your record": 3,
        "For trainers": 8,
        "Reference": 5,
    }
    assert (parts["book/welcome"], parts["trainer/lms"]) == ("", "For trainers")


def test_toc_parts_carry_a_part_caption_down_to_its_sections(tmp_path, write):
    """A section (at any depth) is in its chapter's part; a part without a caption, and the root,
    are in none; a chapter's own toctree caption does not start a part."""
    write(
        "_toc.yml",
        """\
format: jb-book
root: index
parts:
  - caption: First
    chapters:
      - file: a
        sections:
          - file: a1
          - file: a2
            sections:
              - file: a2x
  - chapters:
      - file: b
        options:
          caption: Not a part
        sections:
          - file: b1
""",
    )
    assert toc_parts(tmp_path) == {
        "index": "",
        "a": "First",
        "a1": "First",
        "a2": "First",
        "a2x": "First",
        "b": "",
        "b1": "",
    }


@pytest.mark.parametrize("docname", toc_docnames(ROOT))
def test_minutes_and_title_match_the_page(docname):
    page = PAGES[docname]
    course = front_matter(page_path(ROOT, docname)).get("course") or {}
    assert page["teaching_minutes"] == course.get("teaching_minutes", 0)
    assert page["activity_minutes"] == course.get("activity_minutes", 0)
    text = page_path(ROOT, docname).read_text(encoding="utf-8")
    assert page["title"] and f"# {page['title']}" in text
    assert [(a["kind"], a["id"]) for a in page["activities"]] == [
        (a["kind"], a["id"]) for a in read_page(ROOT, docname).activities
    ]


def test_the_course_has_activities_of_every_kind():
    kinds = {activity["kind"] for page in MANIFEST["pages"] for activity in page["activities"]}
    # The course evaluation never counts, so no page lists it; the manifest carries it apart.
    assert kinds == {kind.kind for kind in ACTIVITY_KINDS if kind.counts}
    assert MANIFEST["evaluation"]["outcomes"] and MANIFEST["evaluation"]["scale"]


def test_every_activity_exists_in_its_bank_and_has_a_title():
    banks = {kind: bank.load(bank.paths(ROOT)) for kind, bank in BANKS.items()}
    seen = set()
    for page in MANIFEST["pages"]:
        for activity in page["activities"]:
            key = (activity["kind"], activity["id"])
            assert key not in seen, f"{key} appears twice: progress would count it twice"
            seen.add(key)
            if activity["kind"] == "explorer":
                assert activity["id"] == EXPLORER_ID
            else:
                assert activity["id"] in banks[activity["kind"]], key
            assert activity["title"].strip(), key


def test_each_check_carries_its_option_ids_and_any_order_before_v3_for_the_lms_bridge():
    checks = CHECKS.load(CHECKS.paths(ROOT))
    listed = [a for page in MANIFEST["pages"] for a in page["activities"] if a["kind"] == "check"]
    assert listed
    for activity in listed:
        check = checks[activity["id"]]
        assert activity["options"] == [option["id"] for option in check["options"]]
        assert activity.get("order_before_v3") == check["order_before_v3"]
    assert any("order_before_v3" in a for a in listed) and not all("order_before_v3" in a for a in listed)
    # The assessment carries its questions' option ids too (per question); no other kind has any.
    others = [
        a
        for page in MANIFEST["pages"]
        for a in page["activities"]
        if a["kind"] not in {"check", "assessment"}
    ]
    assert not any("options" in a for a in others)


def test_reference_and_record_pages_carry_no_minutes_or_activities():
    for docname in ("book/glossary", "book/references", "book/execution-status", "book/progress"):
        page = PAGES[docname]
        assert page["teaching_minutes"] == page["activity_minutes"] == 0 and page["activities"] == []


def test_manifest_script_escapes_the_end_of_a_script_element():
    hostile = {
        "version": 1,
        "pages": [
            {
                "docname": "x",
                "title": "</script><script>alert(1)</script>",
                "activities": [{"kind": "check", "id": "a", "title": "a</b>"}],
            }
        ],
    }
    script = manifest_script(hostile)
    assert "</" not in script
    assert script.startswith("window.COURSE_MANIFEST = ") and script.endswith(";\n")
    data = script[len("window.COURSE_MANIFEST = ") : -2]
    assert json.loads(data) == hostile


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the script")
def test_manifest_script_runs_as_a_classic_script_and_gives_back_the_manifest():
    runner = (
        "const window = {}; eval(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(window.COURSE_MANIFEST));"
    )
    done = subprocess.run(
        ["node", "-e", runner],
        input=manifest_script(MANIFEST),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == MANIFEST


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
    done = subprocess.run(
        ["node", "-e", runner],
        input=site_script("site", "page-progress"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["added"] == []
    assert result["listeners"] == ["DOMContentLoaded"]


def test_the_built_sites_manifest_file_is_the_manifest_of_the_pages_as_they_are():
    """`make book` writes _static/course-manifest.js afresh (sphinx_ext._write_manifest); the
    progress box and the portfolio read it before the copy embedded in a page's cached output."""
    built = SITE / "_static" / "course-manifest.js"
    if not built.is_file():
        pytest.fail("the site is not built: run `make book` first")
    assert built.read_text(encoding="utf-8") == manifest_script(MANIFEST)


def scratch_course(tmp_path: Path) -> Path:
    """A copy of the course's reading order, pages and data, to change without touching the repo."""
    scratch = tmp_path / "course"
    scratch.mkdir()
    shutil.copy(ROOT / "_toc.yml", scratch)
    shutil.copy(ROOT / "_config.yml", scratch)  # the assessment's attempts and pass mark
    for folder in {name.split("/")[0] for name in toc_docnames(ROOT)} | {"data"}:
        shutil.copytree(ROOT / folder, scratch / folder)
    return scratch


def test_the_execution_cache_is_run_again_when_the_reading_order_or_front_matter_changes(tmp_path):
    """The widgets embed the manifest when a page runs, so the execution cache's fingerprint
    covers _toc.yml and every page's front matter; prose alone does not make pages run again."""
    scratch = scratch_course(tmp_path)
    docname = next(page["docname"] for page in MANIFEST["pages"] if page["activities"])
    path = page_path(scratch, docname)
    text = path.read_text(encoding="utf-8")
    first = _fingerprint(scratch)
    assert _fingerprint(scratch) == first

    path.write_text(text + "\nOne more sentence of prose.\n", encoding="utf-8")
    assert _fingerprint(scratch) == first, "prose is not an execution input"
    minutes = PAGES[docname]["teaching_minutes"]
    path.write_text(
        text.replace(f"teaching_minutes: {minutes}\n", f"teaching_minutes: {minutes + 5}\n", 1),
        encoding="utf-8",
    )
    changed = _fingerprint(scratch)
    assert changed != first, "front matter is"
    toc = scratch / "_toc.yml"
    order = toc.read_text(encoding="utf-8")
    a, b = "file: book/esteem-evidence\n", "file: book/wellbeing\n"
    assert order.count(a) == order.count(b) == 1
    toc.write_text(order.replace(a, "\0").replace(b, a).replace("\0", b), encoding="utf-8")
    assert _fingerprint(scratch) != changed, "the reading order is"


def test_a_changed_teaching_minutes_is_in_the_manifest_the_build_writes(tmp_path):
    """The build's own step, on a scratch copy of the course with one page's front matter
    changed: the file it writes has the new minutes."""
    scratch = scratch_course(tmp_path)
    docname = next(page["docname"] for page in MANIFEST["pages"] if page["activities"])
    path = page_path(scratch, docname)
    old = PAGES[docname]["teaching_minutes"]
    text = path.read_text(encoding="utf-8")
    assert text.count(f"teaching_minutes: {old}\n") == 1
    path.write_text(
        text.replace(f"teaching_minutes: {old}\n", f"teaching_minutes: {old + 35}\n"), encoding="utf-8"
    )

    out = tmp_path / "html"
    _write_manifest(SimpleNamespace(srcdir=str(scratch), outdir=str(out)), SimpleNamespace(format="html"))
    script = (out / "_static" / "course-manifest.js").read_text(encoding="utf-8")
    written = json.loads(script.removeprefix("window.COURSE_MANIFEST = ").removesuffix(";\n"))
    changed = {page["docname"]: page for page in written["pages"]}
    assert changed[docname]["teaching_minutes"] == old + 35
    assert {**changed, docname: PAGES[docname]} == PAGES, "nothing else changed"
    assert script == manifest_script(course_manifest(scratch))
