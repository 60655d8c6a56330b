"""Bundle the front end (src/selfhelp_course/js/, ES modules) with esbuild: ``make book`` runs
``python -m selfhelp_course.build_front_end``.

- every ``js/widgets/<name>/index.js`` becomes ``static/dist/widgets/<name>.js``, an ES module
  that is one widget's ``_esm`` (on the static site and in JupyterLab alike);
- every ``js/site/<name>.js`` and ``js/lms/<name>.js`` becomes ``static/dist/<folder>/<name>.js``,
  a classic script (it must also run from file://, where modules cannot be loaded).

Course facts are written first as ``js/lib/facts.generated.js`` (from _facts.py), so the bundles
and the node unit tests import the same values Python uses.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..course.facts import facts_module

PACKAGE = Path(__file__).parents[1]
SOURCE = PACKAGE / "js"
DIST = PACKAGE / "static" / "dist"
FACTS = SOURCE / "lib" / "facts.generated.js"
# Browsers the course supports: those of the last few years (Chromium, Firefox, Safari 14+).
TARGET = "es2020"


class BundleError(RuntimeError):
    pass


def write_facts(root: Path | None = None) -> Path:
    """The generated facts module; the facts kept in the course's files (its title) come from
    ``root``, by default the repository this package's source is in (the module is part of it)."""
    text = facts_module(root or PACKAGE.parents[1])
    if not FACTS.is_file() or FACTS.read_text(encoding="utf-8") != text:
        FACTS.write_text(text, encoding="utf-8")
    return FACTS


def entry_points() -> dict[str, dict[str, Path]]:
    """{output folder: {bundle name: entry file}}, found by folder, so a new widget needs no list."""
    widgets = {path.parent.name: path for path in sorted((SOURCE / "widgets").glob("*/index.js"))}
    scripts = {
        folder: {path.stem: path for path in sorted((SOURCE / folder).glob("*.js"))}
        for folder in ("site", "lms")
    }
    return {"widgets": widgets, **scripts}


def esbuild(root: Path) -> Path:
    binary = root / "node_modules" / ".bin" / "esbuild"
    if not binary.is_file():
        raise BundleError(f"{binary} is missing: `make book` installs it with npm ci")
    return binary


def bundle(root: Path) -> list[Path]:
    write_facts(root)
    made = []
    for folder, entries in entry_points().items():
        if not entries:
            continue
        out = DIST / folder
        out.mkdir(parents=True, exist_ok=True)
        for stale in out.glob("*.js"):
            if stale.stem not in entries:
                stale.unlink()
        style = "esm" if folder == "widgets" else "iife"
        command = [
            str(esbuild(root)),
            *[f"{name}={path}" for name, path in entries.items()],
            "--bundle",
            f"--format={style}",
            f"--target={TARGET}",
            "--minify",
            "--charset=utf8",
            "--legal-comments=none",
            "--log-level=warning",
            f"--outdir={out}",
        ]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise BundleError(f"esbuild failed for js/{folder}:\n{done.stderr}")
        made += [out / f"{name}.js" for name in entries]
    return made


def widget_module(name: str) -> str:
    """A widget's bundled ES module (its ``_esm``)."""
    path = DIST / "widgets" / f"{name}.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: the front end is not bundled; run `make book`")
    return path.read_text(encoding="utf-8")


def site_script(folder: str, name: str) -> str:
    path = DIST / folder / f"{name}.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: the front end is not bundled; run `make book`")
    return path.read_text(encoding="utf-8")


def main() -> int:
    root = Path.cwd()
    try:
        made = bundle(root)
    except BundleError as error:
        print(f"bundle: {error}", file=sys.stderr)
        return 1
    size = sum(path.stat().st_size for path in made)
    print(
        f"bundle: {len(made)} files, {size:,} bytes, in {DIST.relative_to(root) if DIST.is_relative_to(root) else DIST}"
    )
    return 0
