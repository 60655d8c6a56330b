"""The SCORM packages in a real SCORM runtime: scorm-again plays the LMS (tests/browser/lms_host.html)
and frames each unzipped package's launch page, as an LMS does, on loopback in headless Chromium."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import zipfile

import pytest
from playwright.sync_api import expect

from selfhelp_course._scorm import EDITIONS, course_info, package_name
from paths import BUILD, ROOT, SITE

HOST = ROOT / "tests" / "browser" / "lms_host.html"
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm-again.min.js"
CALLS = {"2004": {"start": "Initialize", "finish": "Terminate", "set": "SetValue"},
         "1.2": {"start": "LMSInitialize", "finish": "LMSFinish", "set": "LMSSetValue"}}
COMPLETION = {"2004": "cmi.completion_status", "1.2": "cmi.core.lesson_status"}
CONNECTED = "Connected to your learning management system"
NOT_CONNECTED = "Not connected to a learning management system"


@pytest.fixture(scope="module")
def lms_url(tmp_path_factory):
    """A folder served on loopback: the test LMS, scorm-again, and each package unzipped into
    pkg-2004/ and pkg-12/ (the LMS and the course share an origin, as SCORM's API needs)."""
    if not SCORM_AGAIN.is_file():
        pytest.fail("scorm-again is missing: `make test` installs it with npm ci")
    root = tmp_path_factory.mktemp("lms")
    info = course_info(ROOT)
    for edition in EDITIONS:
        package = BUILD / "scorm" / package_name(info, edition)
        if not package.is_file():
            pytest.fail(f"{package} is not built: run `make scorm` first")
        with zipfile.ZipFile(package) as archive:
            archive.extractall(root / folder(edition))
    shutil.copy(HOST, root / "host.html")
    shutil.copy(SCORM_AGAIN, root / SCORM_AGAIN.name)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def folder(edition: str) -> str:
    return f"pkg-{edition.replace('.', '')}"


def launch_path(edition: str) -> str:
    return f"/{folder(edition)}/scorm/launch.html"


def open_in_lms(watched, lms_url: str, edition: str, launch: str | None = None):
    """The test LMS framing the launch page; returns (host page, launch page's frame)."""
    page = watched.open(f"{lms_url}host.html?edition={edition}&launch={launch or launch_path(edition)}")
    return page, page.frame_locator("#sco")


def lms(page, expression: str):
    return page.evaluate(f"() => window.lms.{expression}")


def calls(page, name: str) -> int:
    return lms(page, f"count({json.dumps(name)})")


def close_sco(page):
    """What an LMS does when the learner leaves the course: the SCO's frame goes."""
    page.evaluate("() => document.getElementById('sco').remove()")


def outside(requests: list[str], base: str) -> list[str]:
    return [url for url in requests if not url.startswith((base, "blob:", "data:", "about:"))]


@pytest.mark.parametrize("edition", EDITIONS)
def test_one_session_across_the_courses_pages_initialised_and_terminated_once(watched, lms_url, edition):
    page, launch = open_in_lms(watched, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    course = launch.frame_locator("#course-frame")
    expect(course.locator("main h1").first).to_contain_text("Welcome")
    for _ in range(2):  # the learner moves on through the book: the session stays open
        course.locator("a.right-next").first.click()
        expect(course.locator("main h1").first).not_to_contain_text("Welcome")
    assert calls(page, CALLS[edition]["start"]) == 1
    assert calls(page, CALLS[edition]["finish"]) == 0
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert calls(page, CALLS[edition]["start"]) == 1
    finish = [c for c in lms(page, "calls") if c["name"] == CALLS[edition]["finish"]][0]
    assert finish["result"] == "true", finish
    # A first visit is recorded as under way, not left for the LMS to read as done.
    sets = [c["args"] for c in lms(page, "calls") if c["name"] == CALLS[edition]["set"]]
    assert [COMPLETION[edition], "incomplete"] in sets
    assert [c for c in lms(page, "calls") if c["error"] != "0"] == []
    assert lms(page, "log") == []
    assert outside(watched.requests, lms_url) == []
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_launch_page_in_a_new_window_finds_the_api_through_its_opener(watched, lms_url, edition):
    page = watched.open(f"{lms_url}host.html?edition={edition}")
    with page.expect_popup() as popup_info:
        page.evaluate(f"() => window.open('{launch_path(edition)}', 'course')")
    popup = popup_info.value
    expect(popup.locator("#lms-status")).to_contain_text(CONNECTED)
    expect(popup.frame_locator("#course-frame").locator("main h1").first).to_contain_text("Welcome")
    assert calls(page, CALLS[edition]["start"]) == 1
    popup.close(run_before_unload=True)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert lms(page, "log") == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_launch_page_opened_with_no_lms_frames_the_course_as_on_the_website(watched, lms_url, edition):
    page = watched.open(f"{lms_url}{launch_path(edition).lstrip('/')}")
    expect(page.locator("#lms-status")).to_contain_text(NOT_CONNECTED)
    course = page.frame_locator("#course-frame")
    expect(course.locator("main h1").first).to_contain_text("Welcome")
    course.locator("a.right-next").first.click()
    expect(course.locator("main h1").first).not_to_contain_text("Welcome")
    assert outside(watched.requests, lms_url) == []
    assert watched.errors == []


def test_the_course_pages_themselves_never_call_an_lms(watched, lms_url):
    """Only the launch page talks to an LMS: a page of the plain site framed by an LMS (or in
    any window) leaves the API alone, so the website behaves exactly as before."""
    page, _ = open_in_lms(watched, lms_url, "2004", launch=f"/{folder('2004')}/book/welcome.html")
    expect(page.frame_locator("#sco").locator("main h1").first).to_contain_text("Welcome")
    close_sco(page)
    assert lms(page, "calls") == []
    for path in SITE.rglob("*.js"):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "API_1484_11" not in text and "LMSInitialize" not in text, path


@pytest.mark.parametrize("connected", [True, False], ids=["in-an-lms", "no-lms"])
def test_launch_page_is_accessible(watched, lms_url, axe, connected):
    if connected:
        page, _ = open_in_lms(watched, lms_url, "2004")
        launch = page.locator("#sco").element_handle().content_frame()
        expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    else:
        launch = watched.open(f"{lms_url}{launch_path('2004').lstrip('/')}")
    serious = [v for v in axe(launch) if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)
