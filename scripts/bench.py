"""`make bench`: Lighthouse on the built site, side by side with a default Jupyter Book page.

Serves the built site (and a default Jupyter Book 1 book built in the same run, as the
yardstick) compressed on loopback, runs Lighthouse (npm, pinned in package.json) with Debian's
Chromium three times per page in its default mobile profile (simulated slow 4G, 4x CPU
slowdown), and writes the medians to _build/bench.md (and the raw numbers to bench.json).

A benchmark, not a test: it never fails on a number. The targets are in issue 13, and
docs/measurements.md quotes the table with its date.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import ClassVar

import brotli

from selfhelp_course.chromium import CHROMIUM, LAUNCH_ARGS

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

VIEW_MARKER = "application/vnd.jupyter.widget-view+json"
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".ttf"}


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, compressed as a web host would (brotli if the browser asks, else gzip)."""

    protocol_version = "HTTP/1.1"  # keep-alive, like any real host
    served: ClassVar[set[str]] = set()  # the encodings the browser took, for the table

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body, encoding = compress(path, self.headers.get("Accept-Encoding", ""))
        CompressingHandler.served.add(encoding)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "br" if encoding == "brotli" else encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


@functools.cache
def _compressed(path: Path, mtime: float, encoding: str) -> bytes:
    data = path.read_bytes()
    return brotli.compress(data, quality=11) if encoding == "brotli" else gzip.compress(data, 9)


def compress(path: Path, accept: str) -> tuple[bytes, str]:
    encoding = "brotli" if "br" in accept else "gzip"
    return _compressed(path, path.stat().st_mtime, encoding), encoding


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # Chromium hanging up early
            super().handle_error(request, client_address)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(CompressingHandler, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def build_default_book(out: Path) -> Path:
    """A fresh `jupyter-book create` template, built with its defaults: the yardstick."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    book = out / "book"
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "jupyter-book"), "create", str(book)], check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [str(bin_dir / "jupyter-book"), "build", "--path-output", str(out), str(book)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out / "_build" / "html"


def course_pages(site: Path) -> list[tuple[str, str]]:
    """The pages to measure: (label, path in the site)."""

    def views(path: Path) -> int:
        return path.read_text(encoding="utf-8").count(VIEW_MARKER)

    pages = {p.relative_to(site).as_posix(): p for p in site.glob("*/*.html") if p.parent.name != "_static"}
    by_widgets = sorted(pages, key=lambda name: (-views(pages[name]), name))
    text_pages = sorted(
        (name for name in pages if views(pages[name]) == 0),
        key=lambda name: -len(gzip.compress(pages[name].read_bytes())),
    )
    chosen = [
        ("most widgets", by_widgets[0]),
        ("second most widgets", by_widgets[1]),
        ("data notebook", "notebooks/wellbeing-data.html"),
        ("heaviest text page", text_pages[0]),
        ("CPD portfolio", "book/portfolio.html"),
    ]
    return [(label, path) for label, path in chosen if path in pages]


def lighthouse(url: str, out: Path) -> dict:
    flags = " ".join(["--headless=new", *LAUNCH_ARGS])
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={flags}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "performance": report["categories"]["performance"]["score"],
        "accessibility": report["categories"]["accessibility"]["score"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "si_ms": audits["speed-index"]["numericValue"],
    }


def medians(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def table(rows: list[tuple[str, str, dict]], runs: int, encoding: str) -> str:
    lines = [
        f"Lighthouse {lighthouse_version()} (mobile, simulated slow 4G, 4x CPU slowdown), "
        f"Chromium at {CHROMIUM}, pages served {encoding}-compressed on loopback; "
        f"median of {runs} runs per page, {date.today().isoformat()}.",
        "",
        "| Page | | Performance | First contentful paint | Largest contentful paint "
        "| Total blocking time | Speed index | Transferred | Requests | Accessibility |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, path, m in rows:
        lines.append(
            f"| {label} | `{path}` | {m['performance']:.2f} | {m['fcp_ms'] / 1000:.1f} s "
            f"| {m['lcp_ms'] / 1000:.1f} s | {m['tbt_ms']:.0f} ms | {m['si_ms'] / 1000:.1f} s "
            f"| {m['bytes'] / 1024:.0f} KB "
            f"| {m['requests']:.0f} | {m['accessibility']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=BUILD / "html")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="every course page, not only the heaviest")
    parser.add_argument("--out", type=Path, default=BUILD / "bench.md")
    args = parser.parse_args()

    default_site = build_default_book(BUILD / "bench")
    course, course_url = serve(args.site)
    default, default_url = serve(default_site)
    pages = course_pages(args.site)
    if args.all:
        pages = [
            (name.removesuffix(".html"), name)
            for name in sorted(
                p.relative_to(args.site).as_posix()
                for p in args.site.glob("*/*.html")
                if p.parent.name != "_static"
            )
        ]
    targets = [(label, path, course_url) for label, path in pages]
    targets.append(("default Jupyter Book 1 page (yardstick)", "intro.html", default_url))

    reports = BUILD / "bench" / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    rows, raw = [], {}
    for label, path, base in targets:
        runs = []
        for run in range(args.runs):
            out = (
                reports / f"{path.replace('/', '_')}.{'yardstick.' if base == default_url else ''}{run}.json"
            )
            runs.append(lighthouse(base + path, out))
            print(f"{path} run {run + 1}: {runs[-1]}", flush=True)
        raw[f"{label}: {path}"] = runs
        rows.append((label, path, medians(runs)))
    course.shutdown()
    default.shutdown()

    encoding = " and ".join(sorted(CompressingHandler.served)) or "un"
    args.out.write_text(table(rows, args.runs, encoding), encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
