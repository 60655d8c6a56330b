"""Shared fixtures. The repository root is the course root for every test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paths import ROOT, SCRATCH_PAGE

os.environ.setdefault("SELFHELP_COURSE_ROOT", str(ROOT))


# The longest-running test files, started first when `make test` runs the suite on both cores
# (pytest-xdist, --dist loadfile: a file's tests stay on one worker, so its module and session
# fixtures, such as each page's one visit and each notebook's one run, are made once).
# The order is the files' measured totals (pytest --junitxml, 2026-12-01), largest first; the
# Makefile keeps xdist from reordering it.
LONGEST_FIRST = (
    "test_hub_class.py",
    "test_portfolio.py",
    "test_site.py",
    "test_scorm_runtime.py",
    "test_reflection.py",
    "test_notebooks.py",
    "test_explorer.py",
    "test_scenario.py",
    "test_look.py",
    "test_sorting.py",
    "test_progress.py",
    "test_distress_box.py",
    "test_launch_buttons.py",
    "test_jupyterlab.py",
)


def pytest_collection_modifyitems(items):
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(Path(str(item.fspath)).name, len(rank)))


@pytest.fixture
def write(tmp_path):
    """Write a text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


# The build runs node (PurgeCSS cuts the site's stylesheet down, src/selfhelp_course/site/stylesheet.py).
NODE_DIR = str(Path(shutil.which("node") or "/usr/bin/node").parent)


@pytest.fixture
def scratch_book(tmp_path):
    """Build a one-page book with the course's configuration, in tmp_path/book.

    ``build(code, files={path: text}, env={...}, activities=False)`` writes a page with one
    code cell and any extra files (e.g. a broken bank), optionally copies the course's
    activity banks, and returns jupyter-book's finished process.
    """
    book = tmp_path / "book"

    def build(
        code: str, files: dict | None = None, env: dict | None = None, activities: bool = False
    ) -> subprocess.CompletedProcess:
        book.mkdir()
        if activities:
            # The banks without the assessment and its outcomes, which name the course's pages,
            # and without the evaluation, which rates those outcomes.
            shutil.copytree(
                ROOT / "data" / "activities",
                book / "data" / "activities",
                ignore=shutil.ignore_patterns("assessment", "outcomes.yml", "evaluation.yml"),
            )
        for name in ("_config.yml", "references.bib", "data/nations.yml"):
            (book / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, book / name)
        (book / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
        (book / "index.md").write_text(SCRATCH_PAGE.format(code=code), encoding="utf-8")
        for name, text in (files or {}).items():
            (book / name).parent.mkdir(parents=True, exist_ok=True)
            (book / name).write_text(text, encoding="utf-8")
        jupyter_book = Path(sys.executable).with_name("jupyter-book")
        return subprocess.run(
            [str(jupyter_book), "build", "-W", "-n", "--keep-going", str(book)],
            capture_output=True,
            text=True,
            timeout=300,
            env={
                "PATH": os.pathsep.join([str(jupyter_book.parent), NODE_DIR]),
                "HOME": str(tmp_path),
                **(env or {}),
            },
        )

    build.book = book
    return build
