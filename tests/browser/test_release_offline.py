"""The release's offline site: the zip unzipped to a temporary folder and every page opened from
file:// in Chromium, with no failed load, no error, every widget drawn and every link to a file
of the site pointing at one that is there."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from release_build import built_release
from settle import settled

LINKS = """() => [...document.querySelectorAll("a[href], link[href], script[src], img[src]")]
  .map((element) => element.href || element.src)"""


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory) -> Path:
    site = next(built_release().glob("*-site.zip"))
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site) as archive:
        archive.extractall(folder)
    return folder / site.stem


def test_every_page_works_opened_from_disk(browser, unzipped):
    # Every page: the theme's template fragments that Sphinx copies into _static are not pages.
    pages = sorted(
        path for path in unzipped.rglob("*.html") if path.relative_to(unzipped).parts[0] != "_static"
    )
    assert len(pages) > 20
    context = browser.new_context()
    problems: list[str] = []
    try:
        page = context.new_page()
        current = {"path": ""}
        page.on(
            "requestfailed",
            lambda request: problems.append(
                f"{current['path']}: failed to load {request.url} ({request.failure})"
            ),
        )
        page.on("pageerror", lambda error: problems.append(f"{current['path']}: {error}"))
        page.on(
            "console",
            lambda message: (
                problems.append(f"{current['path']}: console: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        for path in pages:
            current["path"] = path.relative_to(unzipped).as_posix()
            page.goto(path.as_uri(), wait_until="load")
            settled(page)
            for url in page.evaluate(LINKS):
                parsed = urlparse(url)
                if parsed.scheme != "file":
                    continue
                target = Path(unquote(parsed.path))
                if not target.is_relative_to(unzipped):
                    problems.append(f"{current['path']}: links outside the site: {url}")
                elif not target.exists():
                    problems.append(f"{current['path']}: broken link to {target.relative_to(unzipped)}")
    finally:
        context.close()
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_the_redirect_at_the_top_opens_the_first_page(browser, unzipped):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((unzipped / "index.html").as_uri())
        page.wait_for_url("**/book/welcome.html")
        settled(page)
        assert page.locator("article h1").first.is_visible()
    finally:
        context.close()
