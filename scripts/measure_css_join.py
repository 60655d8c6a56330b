"""Measure the site stylesheet's join (today's `_styles.joined_stylesheets`: `@import` inlined,
`url()` rebased) beside esbuild's CSS bundler on the same input (docs/decisions.md).

Reads nothing but a built site's `_static` folder (a copy is safest) and writes only under
`--scratch`. The sources are the ones the built bundle's header names, in its order.

    .venv/bin/python scripts/measure_css_join.py --static /tmp/copy/_static --esbuild node_modules/.bin/esbuild

(the course's venv, where `make book` installed the package; the script does not edit sys.path)

Prints, for each way: the best and median time of `--runs` runs, the output's size, and whether
every relative `url()` in the output points at a file that exists, seen from `_static/styles/`.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from selfhelp_course.site.stylesheet import BUNDLE, URL, joined_stylesheets

HEADER = re.compile(r"/\*! course-bundle from: ([^*]+) \*/")


def sources_of(static: Path) -> list[str]:
    found = HEADER.search((static / BUNDLE).read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"{static / BUNDLE} names no sources: build the site first")
    return found.group(1).split()


def timed(runs: int, work) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return times, result


def broken_urls(css: str, static: Path) -> list[str]:
    here = posixpath.dirname(BUNDLE)
    broken = []
    for _, target in URL.findall(css):
        if re.match(r"^([a-z]+:|/|#)", target):
            continue
        path = static / posixpath.normpath(posixpath.join(here, target.split("?")[0].split("#")[0]))
        if not path.is_file():
            broken.append(target)
    return broken


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--static", type=Path, required=True)
    parser.add_argument("--esbuild", type=Path, required=True)
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/css-join-measure"))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    static = args.static.resolve()
    sources = sources_of(static)

    ours_times, ours = timed(args.runs, lambda: joined_stylesheets(static, sources))

    # esbuild reads an entry file that imports the same sources in the same order; the entry
    # sits where the bundle will, so esbuild's paths are relative to _static/styles/ as ours are.
    entry = static / posixpath.dirname(BUNDLE) / "measure-entry.css"
    entry.write_text(
        "".join(
            f'@import "{posixpath.relpath(s.split("?")[0], posixpath.dirname(BUNDLE))}";\n' for s in sources
        ),
        encoding="utf-8",
    )
    args.scratch.mkdir(parents=True, exist_ok=True)
    out = static / posixpath.dirname(BUNDLE) / "measure-esbuild.css"
    ways = {
        # Fonts left where they are (external): esbuild keeps such url()s as written, not rebased.
        "esbuild, fonts external": [
            f"--outfile={out}",
            "--external:*.woff2",
            "--external:*.woff",
            "--external:*.ttf",
            "--external:*.svg",
            "--external:*.png",
        ],
        # Fonts copied beside the bundle under hashed names (esbuild's file loader).
        "esbuild, fonts copied": [
            f"--outdir={args.scratch / 'copied'}",
            "--loader:.woff2=file",
            "--loader:.woff=file",
            "--loader:.ttf=file",
            "--loader:.svg=file",
            "--loader:.png=file",
        ],
    }
    rows = [
        ("today: _styles.joined_stylesheets", ours_times, len(ours.encode()), broken_urls(ours, static), "")
    ]
    for name, options in ways.items():
        command = [str(args.esbuild), str(entry), "--bundle", "--log-level=error", *options]

        def run(command=command):
            return subprocess.run(command, capture_output=True, text=True)

        times, done = timed(args.runs, run)
        if done.returncode != 0:
            rows.append((name, times, 0, [], done.stderr.strip().splitlines()[0][:200]))
            continue
        made = out if out.is_file() and "external" in name else next((args.scratch / "copied").glob("*.css"))
        css = made.read_text(encoding="utf-8")
        rows.append((name, times, len(css.encode()), broken_urls(css, static) if made == out else [], ""))
        if made == out:
            out.unlink()
    entry.unlink()
    shutil.rmtree(args.scratch, ignore_errors=True)

    print(f"{len(sources)} sources: {' '.join(sources)}")
    print("| Way | Best | Median | Output | Relative url()s that point at no file | Error |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for name, times, size, broken, error in rows:
        print(
            f"| {name} | {min(times) * 1000:.1f} ms | {statistics.median(times) * 1000:.1f} ms | "
            f"{size:,} B | {len(broken)} {' '.join(broken[:3])} | {error} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
