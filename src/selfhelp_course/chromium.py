"""Chromium as the course drives it: where Debian puts it, and the flags it is launched with.

One definition for `make workbook` (the workbook printed to PDF), `make bench` (Lighthouse) and
the browser tests (tests/browser/conftest.py). It lives in the package, not in tests/, because
the workbook needs it when it runs, with nothing but the installed package to import from.
"""

from __future__ import annotations

#: Debian's full browser (`make workbook` prints with it, `make bench` runs Lighthouse in it).
CHROMIUM = "/usr/bin/chromium"
#: Debian's chromium-headless-shell: Chromium's engine built for automation, as Playwright runs
#: headless by default; about half the CPU of the full browser in headless mode (the browser
#: tests, CPU-bound on two cores, use it). The Makefile installs it with chromium.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
#: Without the networking flags Chromium keeps calling home, which the tests would count and a
#: printed workbook has no need of.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-features=MediaRouter,OptimizationHints",
)
