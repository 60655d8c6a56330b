"""The site under its strict Content-Security-Policy and at a sub-path, as a publisher would host it
(trainer/publishing.md): the built site served at /cpd/self-help-groups/ with every header from
the _headers file the build writes. Every page loads with no policy violation, no error, no failed
request and no broken link; the widgets work; a hash allows exactly its script."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import expect

from paths import ROOT, SITE
from selfhelp_course.course.structure import toc_docnames
from selfhelp_course.site.csp import inline_scripts, policy, script_hash
from settle import settled

PREFIX = "/cpd/self-help-groups/"
PAGES = [f"{name}.html" for name in toc_docnames(ROOT)] + ["search.html", "genindex.html", "index.html"]
# Records every violation the browser reports, from before the page's first script runs.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`));"""
LINKS = """() => [...document.querySelectorAll("a[href], link[href], script[src], img[src], source[src]")]
  .map((element) => element.href || element.src)"""


def read_headers(site: Path) -> dict[str, str]:
    """The headers _headers gives every path ("/*")."""
    headers, in_all = {}, False
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            in_all = line.strip() == "/*"
            continue
        if in_all:
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """The site at PREFIX with the headers of _headers; anything else is not found."""

    headers_to_send: ClassVar[dict[str, str]] = {}

    def translate_path(self, path):
        clean = urlparse(path).path
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + clean[len(PREFIX) :])

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def csp_url():
    if not (SITE / "_headers").is_file():
        pytest.fail("the site has no _headers: run `make book`")
    handler = type("Handler", (SubPathHandler,), {"headers_to_send": read_headers(SITE)})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(SITE))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    server.shutdown()
    server.server_close()


def test_the_policy_allows_no_inline_or_eval_script():
    csp = (SITE / "csp.txt").read_text(encoding="utf-8").strip()
    directives = {part.split()[0]: part.split()[1:] for part in csp.split("; ")}
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in csp
    assert directives["object-src"] == ["'none'"]
    assert read_headers(SITE)["Content-Security-Policy"] == csp


def test_every_line_of_headers_fits_cloudflares_limit():
    """Cloudflare Pages reads _headers lines of at most 2,000 characters (trainer/publishing.md)."""
    assert max(len(line) for line in (SITE / "_headers").read_text(encoding="utf-8").splitlines()) <= 2000


def test_every_inline_script_of_every_page_is_in_the_policy():
    csp = (SITE / "csp.txt").read_text(encoding="utf-8")
    for path in SITE.rglob("*.html"):
        for body in inline_scripts(path.read_text(encoding="utf-8")):
            assert script_hash(body) in csp, path


@pytest.fixture(scope="module")
def visited(browser, csp_url):
    """Every page opened once at the sub-path under the policy: what went wrong on each."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    current = {"path": ""}

    def note(text):
        problems.setdefault(current["path"], []).append(text)

    page.on("requestfailed", lambda request: note(f"failed: {request.url} {request.failure}"))
    page.on(
        "response",
        lambda response: note(f"{response.status}: {response.url}") if response.status >= 400 else None,
    )
    page.on("pageerror", lambda error: note(f"page error: {error}"))
    page.on("console", lambda message: note(f"console: {message.text}") if message.type == "error" else None)
    for path in PAGES:
        current["path"] = path
        problems.setdefault(path, [])
        page.goto(csp_url + path, wait_until="load")
        if path == "index.html":
            page.wait_for_url("**/book/welcome.html")
        settled(page)
        for violation in page.evaluate("window.__violations"):
            note(f"CSP: {violation}")
        for url in page.evaluate(LINKS):
            parsed = urlparse(url)
            if parsed.netloc != urlparse(csp_url).netloc:
                continue
            if not parsed.path.startswith(PREFIX):
                note(f"link outside the sub-path: {url}")
                continue
            target = SITE / unquote(parsed.path[len(PREFIX) :])
            if not (target / "index.html" if target.is_dir() else target).is_file():
                note(f"broken link: {url}")
    context.close()
    return problems


@pytest.mark.parametrize("path", PAGES)
def test_the_page_loads_under_the_policy_at_a_sub_path(visited, path):
    assert visited[path] == []


def test_a_knowledge_check_and_a_reflection_work_under_the_policy(browser, csp_url):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    errors = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(csp_url + "book/what-is-a-self-help-group.html", wait_until="load")
        settled(page)
        check = page.locator("fieldset.kc").first
        check.locator("input").first.check()
        check.get_by_role("button", name="Check answer").click()
        expect(check.locator(".course-status")).not_to_be_empty()
        reflection = page.locator("fieldset.rf").first
        reflection.locator("textarea").first.fill("I listened before suggesting anything.")
        expect(reflection.locator(".rf-status")).to_contain_text("Saved on this device")
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()
    assert errors == []


def test_a_hash_allows_exactly_its_script_and_nothing_else(browser):
    """The browser's own check that the hashes are made the way CSP wants them."""
    allowed, changed = "document.body.dataset.ran = 'yes';", "document.body.dataset.ran = 'no!';"
    page_html = f"<!doctype html><body><script>{allowed}</script><script>{changed}</script></body>"
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route(
            "http://csp.test/",
            lambda route: route.fulfill(
                body=page_html,
                content_type="text/html",
                headers={"Content-Security-Policy": policy([script_hash(allowed)])},
            ),
        )
        page.goto("http://csp.test/")
        assert page.evaluate("document.body.dataset.ran") == "yes"
    finally:
        context.close()
