"""Browser fixtures: the built site served on loopback, driven in Debian's headless Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from paths import ROOT, SITE
from selfhelp_course.chromium import HEADLESS_SHELL, LAUNCH_ARGS
from settle import open_settled

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Makes every use of localStorage throw, as when a browser's storage is turned off or blocked.
BLOCK_STORAGE = (
    "Object.defineProperty(window, 'localStorage', {get() { "
    "throw new DOMException('blocked', 'SecurityError'); }});"
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").is_file():
        pytest.fail("the site is not built: run `make book` first")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(HEADLESS_SHELL).exists():
        pytest.fail("Chromium is missing: `make test` installs it from Debian")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=HEADLESS_SHELL, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page in a fresh browser profile that records every request and every error."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("console", self._console)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def block_storage(self):
        self.context.add_init_script(BLOCK_STORAGE)

    def serve_with_text_replaced(self, url: str, original: str, replacement: str):
        """Serve the page with a string in its embedded widget state replaced, as if a content
        file had held the replacement (for hostile-content tests)."""
        old, new = json.dumps(original)[1:-1], json.dumps(replacement)[1:-1]

        def swap(route):
            body = route.fetch().text()
            assert old in body, f"{original!r} should be in the page's embedded widget state"
            route.fulfill(body=body.replace(old, new), headers={"content-type": "text/html"})

        self.page.route(url, swap)

    def open(self, url: str):
        """Open a page and wait until every widget on it has rendered (or said it could not):
        a condition, not a quiet network, which costs half a second a page."""
        return open_settled(self.page, url)


@pytest.fixture
def watched(browser):
    context = browser.new_context()
    yield Watched(context)
    context.close()


def _profiles(browser):
    contexts = []

    def _new():
        context = browser.new_context()
        contexts.append(context)
        return Watched(context)

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture
def two_tabs(browser):
    """Open a page in two tabs of one browser (one context: shared storage, and the storage
    events between tabs): two_tabs(url, ready_selector) -> (a, b). A page error fails the test."""
    context = browser.new_context()
    errors: list[str] = []

    def _open(url: str, ready: str):
        pages = []
        for _ in range(2):
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url)
            page.locator(ready).first.wait_for()
            pages.append(page)
        return pages[0], pages[1]

    yield _open
    context.close()
    assert errors == []


@pytest.fixture
def new_profile(browser):
    """Open further fresh profiles inside one test (a second browser, say)."""
    yield from _profiles(browser)


@pytest.fixture(scope="module")
def module_profiles(browser):
    """Fresh profiles for a whole test module (test_site.py visits each page once)."""
    yield from _profiles(browser)


@pytest.fixture(scope="session")
def axe():
    """Run axe-core in a page; returns its violations, most serious first."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: `make test` installs it with npm ci")
    return run_axe


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
        }"""
    )
