"""The SCORM packages in a real SCORM runtime: scorm-again plays the LMS (tests/browser/lms_host.html)
and frames each unzipped package's launch page, as an LMS does, on loopback in headless Chromium."""

from __future__ import annotations

import base64
import functools
import http.server
import json
import random
import re
import shutil
import subprocess
import threading
import time
import zipfile
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import jsonschema
import pytest
from playwright.sync_api import expect

from paths import BUILD, ROOT, SITE
from selfhelp_course.activities.assessment import assessment_settings
from selfhelp_course.activities.banks import ASSESSMENTS, CHECKS
from selfhelp_course.course.manifest import course_manifest
from selfhelp_course.lms.scorm import EDITIONS, course_info, package_name

HOST = ROOT / "tests" / "browser" / "lms_host.html"
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm-again.min.js"
CALLS = {
    "2004": {"start": "Initialize", "finish": "Terminate", "set": "SetValue"},
    "1.2": {"start": "LMSInitialize", "finish": "LMSFinish", "set": "LMSSetValue"},
}
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
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root))
    )
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


LEARNER = "learner-1"  # who the test LMS says is logged in, unless a test says otherwise
WEBSITE = "selfhelp-course:"  # the open website's keys (and a launch page with no LMS)


def space(learner: str = LEARNER) -> str:
    """The storage prefix of an LMS learner's own space (selfhelp_course/js/lib/store.js)."""
    return f"{WEBSITE}@lms:{quote(learner, safe='')}:"


def open_in_lms(watched, lms_url: str, edition: str, launch: str | None = None, learner: str | None = None):
    """The test LMS framing the launch page; returns (host page, launch page's frame)."""
    who = "" if learner is None else f"&learner={quote(learner, safe='')}"
    page = watched.open(f"{lms_url}host.html?edition={edition}&launch={launch or launch_path(edition)}{who}")
    return page, page.frame_locator("#sco")


def lms(page, expression: str):
    return page.evaluate(f"() => window.lms.{expression}")


def calls(page, name: str) -> int:
    return lms(page, f"count({json.dumps(name)})")


def close_sco(page):
    """What an LMS does when the learner leaves the course: the SCO's frame goes."""
    page.evaluate("() => document.getElementById('sco').remove()")


def refused(page) -> list[dict]:
    """Calls the runtime refused; reading a value never set is not a refusal (SCORM 2004's 403)."""
    return [c for c in lms(page, "calls") if c["error"] != "0" and "GetValue" not in c["name"]]


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
    finish = next(c for c in lms(page, "calls") if c["name"] == CALLS[edition]["finish"])
    assert finish["result"] == "true", finish
    # A first visit is recorded as under way, not left for the LMS to read as done.
    sets = [c["args"] for c in lms(page, "calls") if c["name"] == CALLS[edition]["set"]]
    assert [COMPLETION[edition], "incomplete"] in sets
    assert refused(page) == []
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


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_course_pages_themselves_never_call_an_lms(watched, lms_url, edition):
    """Only the launch page talks to an LMS: a page of the plain site framed by an LMS (or in
    any window) leaves the API alone, so the website behaves exactly as before."""
    page, _ = open_in_lms(watched, lms_url, edition, launch=f"/{folder(edition)}/book/welcome.html")
    expect(page.frame_locator("#sco").locator("main h1").first).to_contain_text("Welcome")
    close_sco(page)
    assert lms(page, "calls") == []
    for path in SITE.rglob("*.js"):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "API_1484_11" not in text and "LMSInitialize" not in text, path


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("connected", [True, False], ids=["in-an-lms", "no-lms"])
def test_launch_page_is_accessible(watched, lms_url, axe, connected, edition):
    if connected:
        page, _ = open_in_lms(watched, lms_url, edition)
        launch = page.locator("#sco").element_handle().content_frame()
        expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    else:
        launch = watched.open(f"{lms_url}{launch_path(edition).lstrip('/')}")
    serious = [v for v in axe(launch) if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)


# ---------------------------------------------------------------- the bridge: what the LMS records
MANIFEST = course_manifest(ROOT)
CHECK_BANK = CHECKS.load(CHECKS.paths(ROOT))
ACTIVITIES = [(page["docname"], activity) for page in MANIFEST["pages"] for activity in page["activities"]]
CHECK_IDS = [activity["id"] for _, activity in ACTIVITIES if activity["kind"] == "check"]
# The first single-choice check, answered in the tests as a learner would.
CHECK_PAGE, CHECK_ID = next(
    (page, a["id"])
    for page, a in ACTIVITIES
    if a["kind"] == "check" and CHECK_BANK[a["id"]]["kind"] == "single"
)
CHECK = CHECK_BANK[CHECK_ID]
RIGHT = next(i for i, option in enumerate(CHECK["options"]) if option["correct"])
WRONG = next(i for i, option in enumerate(CHECK["options"]) if not option["correct"])
REFLECTION_PAGE, REFLECTION_ID = next((page, a["id"]) for page, a in ACTIVITIES if a["kind"] == "reflection")
ASSESSMENT_PAGE, ASSESSMENT_ID = next((page, a["id"]) for page, a in ACTIVITIES if a["kind"] == "assessment")
ASSESSMENT_BANK = ASSESSMENTS.find(ASSESSMENT_ID, ROOT)["questions"]
ASSESSMENT_SETTINGS = assessment_settings(ROOT)
PRIVATE_WORDS = "my private thought about Ward 7 and the Tuesday group"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
WAIT = 10  # seconds to wait for the bridge (it passes changes on within a second)


def wait_until(condition, what: str, seconds: float = WAIT):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def cmi(page) -> dict:
    return lms(page, "cmi()")["cmi"]


def value(page, edition: str, name: str) -> str:
    """One data model element the runtime holds, by its name in the given edition."""
    node = cmi(page)
    for part in name.removeprefix("cmi.").split("."):
        node = node.get(part, "") if isinstance(node, dict) else ""
    return node


def interactions(page) -> list[dict]:
    found = cmi(page).get("interactions", {})
    return [found[key] for key in sorted(found, key=int)] if isinstance(found, dict) else []


EXPAND = ROOT / "src" / "selfhelp_course" / "js" / "lms" / "bridge" / "compact.js"


def expand(data: dict) -> dict:
    """SCORM 1.2's compact state back to the full one, by the course's own code (compact.js)."""
    script = (
        f"import {{ expandState }} from {json.dumps(EXPAND.as_uri())};"
        "let s = ''; process.stdin.on('data', (c) => { s += c; }).on('end', () => {"
        "const [d, m] = JSON.parse(s); process.stdout.write(JSON.stringify(expandState(d, m))); });"
    )
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps([data, MANIFEST]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def unpack(text: str) -> dict:
    """The course's suspend data, decoded (selfhelp_course/js/lms/bridge/suspend.js)."""
    if text.startswith("z1:"):
        return json.loads(zlib.decompress(base64.b64decode(text[3:]), -15))
    if text.startswith("c1:"):
        return expand(json.loads(zlib.decompress(base64.b64decode(text[3:]), -15)))
    if text.startswith("k1:"):
        return expand(json.loads(text[3:]))
    assert text.startswith("j1:"), text[:20]
    return json.loads(text[3:])


def course(page):
    """The frame the launch page shows the course's pages in."""
    launch = page.locator("#sco").element_handle().content_frame()
    return launch.locator("#course-frame").element_handle().content_frame()


def show(page, lms_url: str, edition: str, docname: str):
    course(page).goto(f"{lms_url}{folder(edition)}/{docname}.html", wait_until="load")


def check_widget(frame, check_id: str = CHECK_ID):
    return frame.locator(f'fieldset.kc[data-check-id="{check_id}"]')


def answer(frame, index: int):
    widget = check_widget(frame)
    widget.get_by_label(CHECK["options"][index]["text"], exact=True).check()
    widget.get_by_role("button", name="Check answer").click()


def stamp(minutes_ago: int = 0) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat().replace("+00:00", "Z")


def check_entry(docname: str, check_id: str, right: bool) -> dict:
    options = CHECK_BANK[check_id]["options"]
    chosen = (
        [o["id"] for o in options if o["correct"]]
        if right
        else [next(o["id"] for o in options if not o["correct"])]
    )
    return {
        "v": 3,
        "page": docname,
        "selected": chosen,
        "checked": True,
        "tries": 1,
        "complete": right,
        "attempted": True,
        "updated": stamp(5),
    }


def finished(docname: str) -> dict:
    return {"v": 1, "page": docname, "complete": True, "attempted": True, "updated": stamp(5)}


def seed(watched, lms_url: str, entries: dict, prefix: str | None = None):
    """What the learner did before, as this browser holds it (the store's own key format), in
    the LMS learner's own space unless another prefix is given (WEBSITE: the open website's)."""
    page = watched.open(f"{lms_url}host.html")
    page.evaluate(
        """([entries, prefix]) => { for (const [key, value] of Object.entries(entries))
        localStorage.setItem(prefix + key, JSON.stringify(value)); }""",
        [entries, prefix or space()],
    )


def assessment_attempt(right: int, minutes_ago: int = 5) -> dict:
    """A submitted attempt at the assessment with `right` of `draw` questions answered right
    (a draw covering every outcome, as the widget makes; order as in the bank)."""
    picked, outcomes = [], set()
    for question in ASSESSMENT_BANK:  # one per outcome first, then the rest
        if question["outcome"] not in outcomes:
            picked.append(question)
            outcomes.add(question["outcome"])
    picked += [q for q in ASSESSMENT_BANK if q not in picked][: ASSESSMENT_SETTINGS["draw"] - len(picked)]
    answers, correct = {}, []
    for index, question in enumerate(picked):
        options = question["options"]
        good = index < right
        answers[question["id"]] = [next(o["id"] for o in options if bool(o["correct"]) == good)]
        if good:
            correct.append(question["id"])
    return {
        "started": stamp(minutes_ago + 20),
        "submitted": stamp(minutes_ago),
        "questions": [{"id": q["id"], "options": [o["id"] for o in q["options"]]} for q in picked],
        "answers": answers,
        "right": right,
        "total": len(picked),
        "correct": correct,
    }


def assessment_entry(*attempts: dict) -> dict:
    total = ASSESSMENT_SETTINGS["draw"]
    best = max((a["right"] / total for a in attempts), default=0)
    return {
        "v": 1,
        "page": ASSESSMENT_PAGE,
        "attempts": {f"a{i}": a for i, a in enumerate(attempts)},
        "complete": best >= ASSESSMENT_SETTINGS["pass_mark"],
        "attempted": bool(attempts),
        "updated": stamp(5),
    }


def everything_but_the_test_check(wrong: int = 0, assessment: dict | None = None) -> dict:
    """Every activity finished except CHECK_ID; the first `wrong` other checks answered wrongly;
    the assessment passed with every answer right, unless `assessment` gives its entry (or {}
    for not attempted)."""
    entries, misses = {}, wrong
    for docname, activity in ACTIVITIES:
        key = f"{activity['kind']}:{activity['id']}"
        if activity["id"] == CHECK_ID:
            continue
        if activity["kind"] == "check":
            entries[key] = check_entry(docname, activity["id"], right=misses <= 0)
            misses -= 1
        elif activity["kind"] == "assessment":
            chosen = (
                assessment_entry(assessment_attempt(ASSESSMENT_SETTINGS["draw"]))
                if assessment is None
                else assessment
            )
            if chosen:
                entries[key] = chosen
        else:
            entries[key] = finished(docname)
    return entries


@pytest.mark.parametrize("edition", EDITIONS)
def test_answers_and_the_last_page_are_recorded_then_one_terminate(watched, lms_url, edition):
    page, launch = open_in_lms(watched, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    show(page, lms_url, edition, CHECK_PAGE)
    frame = course(page)
    answer(frame, WRONG)
    wait_until(lambda: interactions(page), "the first answer")
    check_widget(frame).get_by_role("button", name="Try again").click()
    answer(frame, RIGHT)
    correct = "correct"
    wait_until(lambda: interactions(page)[-1]["result"] == correct, "the second answer")
    recorded = interactions(page)
    if edition == "2004":  # one record per question, updated
        assert len(recorded) == 1
        assert recorded[0]["learner_response"] == CHECK["options"][RIGHT]["id"]  # 2004: option ids
        assert recorded[0]["description"] == CHECK["question"][:250]
    else:  # SCORM 1.2 interactions are write-only: a journal of answers
        assert [r["result"] for r in recorded] == ["wrong", "correct"]
        # 1.2: letters by place in the bank (never the shuffled order shown)
        assert [r["student_response"] for r in recorded] == [LETTERS[WRONG], LETTERS[RIGHT]]
    assert {r["id"] for r in recorded} == {CHECK_ID} and {r["type"] for r in recorded} == {"choice"}
    location = "location" if edition == "2004" else "core.lesson_location"
    assert value(page, edition, location) == CHECK_PAGE
    # Not every check answered: no score, no success, and the course is under way.
    if edition == "2004":
        assert value(page, edition, "completion_status") == "incomplete"
        assert value(page, edition, "success_status") == "unknown"
        assert value(page, edition, "score.scaled") == ""
        assert 0 < float(value(page, edition, "progress_measure")) < 1
    else:
        assert value(page, edition, "core.lesson_status") == "incomplete"
        assert value(page, edition, "core.score.raw") == ""
    # Page hidden (the learner switched to another tab): the LMS is asked to save.
    commits = calls(page, "Commit" if edition == "2004" else "LMSCommit")
    page.frame_locator("#sco").locator("body").evaluate("""() => {
        Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
        document.dispatchEvent(new Event('visibilitychange')); }""")
    assert calls(page, "Commit" if edition == "2004" else "LMSCommit") == commits + 1
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert calls(page, CALLS[edition]["start"]) == 1
    if edition == "2004":
        assert re.fullmatch(r"PT\d+H\d+M\d+S", value(page, edition, "session_time"))
        assert value(page, edition, "exit") == "suspend"
    else:
        sent = [c["args"][1] for c in lms(page, "calls") if c["args"][:1] == ["cmi.core.session_time"]]
        assert len(sent) == 1 and re.fullmatch(r"\d{4}:\d\d:\d\d", sent[0])
        assert re.fullmatch(r"\d\d:\d\d:\d\d", value(page, edition, "core.session_time"))
        assert value(page, edition, "core.exit") == "suspend"
    state = unpack(value(page, edition, "suspend_data"))
    assert state["entries"][f"check:{CHECK_ID}"]["complete"] is True
    assert refused(page) == [] and lms(page, "log") == []
    assert outside(watched.requests, lms_url) == []
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_activity_done_completes_and_passes_the_course(watched, lms_url, edition):
    seed(watched, lms_url, everything_but_the_test_check())
    page, launch = open_in_lms(watched, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    status = "completion_status" if edition == "2004" else "core.lesson_status"
    wait_until(lambda: value(page, edition, status) == "incomplete", "the course under way")
    show(page, lms_url, edition, CHECK_PAGE)
    answer(course(page), RIGHT)  # the last activity
    done = "completed" if edition == "2004" else "passed"
    wait_until(lambda: value(page, edition, status) == done, f"{status} {done}")
    if edition == "2004":  # the score is the assessment's (every answer right), not the checks'
        assert value(page, edition, "success_status") == "passed"
        assert value(page, edition, "score.scaled") == "1"
        assert value(page, edition, "score.raw") == "100"  # a per cent: Moodle grades from raw
        assert value(page, edition, "score.max") == "100"
        assert value(page, edition, "progress_measure") == "1"
    else:
        assert value(page, edition, "core.score.raw") == "100"
        assert value(page, edition, "core.score.max") == "100"
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert value(page, edition, status) == done
    assert refused(page) == [] and lms(page, "log") == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_checks_answered_below_the_pass_mark_give_no_score_without_an_assessment_attempt(
    watched, lms_url, edition
):
    """Knowledge checks are formative: with every other activity done but no attempt at the
    assessment, there is no score, no success and the course is incomplete, never passed."""
    wrong = len(CHECK_IDS) // 2
    entries = everything_but_the_test_check(wrong, assessment={})
    entries[f"check:{CHECK_ID}"] = check_entry(CHECK_PAGE, CHECK_ID, right=True)
    seed(watched, lms_url, entries)
    page, _ = open_in_lms(watched, lms_url, edition)
    status = "completion_status" if edition == "2004" else "core.lesson_status"
    wait_until(lambda: value(page, edition, status) == "incomplete", "incomplete")
    time.sleep(1.5)  # longer than the bridge takes to pass a change on
    wait_until(lambda: interactions(page), "the checks' answers as interactions")
    if edition == "2004":
        assert value(page, edition, "success_status") == "unknown"
        assert value(page, edition, "score.scaled") == ""
    else:
        assert value(page, edition, "core.score.raw") == ""
    assert value(page, edition, status) == "incomplete"
    assert refused(page) == [] and lms(page, "log") == []


def assessment_frame_attempt(frame, pick: str) -> None:
    """Take one attempt at the assessment in the course frame: every answer right ("key") or
    wrong ("wrong"), then submit."""
    box = frame.locator(f'.as[data-assessment-id="{ASSESSMENT_ID}"]')
    start = box.get_by_role("button", name=re.compile("^Start"))
    if start.is_visible():
        start.click()
    fieldsets = box.locator("fieldset.as-question")
    expect(fieldsets).to_have_count(ASSESSMENT_SETTINGS["draw"])
    bank = {q["id"]: q for q in ASSESSMENT_BANK}
    for question_id in fieldsets.evaluate_all("(nodes) => nodes.map((n) => n.dataset.questionId)"):
        options = bank[question_id]["options"]
        choice = next(o["id"] for o in options if bool(o["correct"]) == (pick == "key"))
        box.locator(f'fieldset[data-question-id="{question_id}"] input[value="{choice}"]').check()
    box.get_by_role("button", name="Submit your answers").click()
    expect(box.locator(".as-result")).to_be_visible()


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_failed_attempt_then_a_passed_one_ends_passed_and_the_lms_keeps_the_best(watched, lms_url, edition):
    seed(
        watched,
        lms_url,
        everything_but_the_test_check(assessment={})
        | {f"check:{CHECK_ID}": check_entry(CHECK_PAGE, CHECK_ID, right=True)},
    )
    page, launch = open_in_lms(watched, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    show(page, lms_url, edition, ASSESSMENT_PAGE)
    frame = course(page)
    assessment_frame_attempt(frame, "wrong")
    if edition == "2004":
        # Failed, but attempts remain (unlimited by default): the score is sent, success stays
        # unknown, so no LMS shows a fail the learner can still turn into a pass.
        wait_until(lambda: value(page, edition, "score.scaled") == "0", "the score 0")
        assert value(page, edition, "score.raw") == "0"
        assert value(page, edition, "success_status") == "unknown"
        assert value(page, edition, "completion_status") == "incomplete"
    else:  # not "failed" while attempts remain (unlimited by default)
        wait_until(lambda: value(page, edition, "core.score.raw") == "0", "the score 0")
        assert value(page, edition, "core.lesson_status") == "incomplete"
    frame.locator(".as").get_by_role("button", name="Start a new attempt").click()
    assessment_frame_attempt(frame, "key")
    done = "completed" if edition == "2004" else "passed"
    status = "completion_status" if edition == "2004" else "core.lesson_status"
    wait_until(lambda: value(page, edition, status) == done, done)
    if edition == "2004":
        assert value(page, edition, "success_status") == "passed"
        assert value(page, edition, "score.scaled") == "1"
        assert value(page, edition, "score.raw") == "100"
    else:
        assert value(page, edition, "core.score.raw") == "100"
    # A worse attempt afterwards: the LMS keeps the best.
    frame.locator(".as").get_by_role("button", name="Start a new attempt").click()
    assessment_frame_attempt(frame, "wrong")
    time.sleep(1.5)  # longer than the bridge takes to pass a change on
    assert value(page, edition, status) == done
    if edition == "2004":
        assert value(page, edition, "success_status") == "passed"
        assert value(page, edition, "score.scaled") == "1"
    else:
        assert value(page, edition, "core.score.raw") == "100"
    # The best attempt's answers are the last word on each of its questions (earlier attempts'
    # records stay: 2004 updates a question's own record, 1.2 adds to a journal).
    stored = frame.evaluate(f"() => JSON.parse(localStorage.getItem('{space()}assessment:{ASSESSMENT_ID}'))")
    best = stored["attempts"][stored["best"]["attempt"]]
    latest = {r["id"]: r for r in interactions(page)}  # in order: the last record of each id wins
    assert [latest[f"assessment-{q['id']}"]["result"] for q in best["questions"]] == [
        "correct"
    ] * ASSESSMENT_SETTINGS["draw"]
    assert refused(page) == [] and lms(page, "log") == []
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_retrying_a_knowledge_check_until_right_does_not_change_the_score(watched, lms_url, edition):
    passing = round(ASSESSMENT_SETTINGS["pass_mark"] * ASSESSMENT_SETTINGS["draw"] + 0.49)
    seed(
        watched,
        lms_url,
        everything_but_the_test_check(assessment=assessment_entry(assessment_attempt(passing))),
    )
    page, launch = open_in_lms(watched, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    score = "score.scaled" if edition == "2004" else "core.score.raw"
    expected = (
        f"{passing / ASSESSMENT_SETTINGS['draw']:.4f}".rstrip("0").rstrip(".")
        if edition == "2004"
        else str(round(passing / ASSESSMENT_SETTINGS["draw"] * 100))
    )
    wait_until(lambda: value(page, edition, score) == expected, f"the score {expected}")
    show(page, lms_url, edition, CHECK_PAGE)
    frame = course(page)
    answer(frame, WRONG)
    wait_until(lambda: any(r["id"] == CHECK_ID for r in interactions(page)), "the wrong answer")
    assert value(page, edition, score) == expected
    check_widget(frame).get_by_role("button", name="Try again").click()
    answer(frame, RIGHT)
    wait_until(
        lambda: [r for r in interactions(page) if r["id"] == CHECK_ID][-1]["result"] == "correct",
        "the right answer",
    )
    time.sleep(1)
    assert value(page, edition, score) == expected
    assert refused(page) == [] and lms(page, "log") == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_progress_follows_the_learner_to_a_fresh_browser(watched, new_profile, lms_url, edition):
    page, _ = open_in_lms(watched, lms_url, edition)
    show(page, lms_url, edition, CHECK_PAGE)
    answer(course(page), RIGHT)
    wait_until(lambda: interactions(page), "the answer")
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    recorded = cmi(page)
    # What an LMS hands back next time: the saved state, the place, the status, "resume".
    if edition == "2004":
        prior = {
            key: recorded[key]
            for key in ("suspend_data", "location", "completion_status", "success_status", "interactions")
        }
        prior["entry"] = "resume"
    else:
        prior = {
            "suspend_data": recorded["suspend_data"],
            "core": {
                "lesson_location": recorded["core"]["lesson_location"],
                "lesson_status": recorded["core"]["lesson_status"],
                "entry": "resume",
            },
        }
    elsewhere = new_profile()
    elsewhere.context.add_init_script(f"window.PRIOR_CMI = {json.dumps(prior)};")
    again, launch = open_in_lms(elsewhere, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    frame = course(again)
    # The last page reopens once the saved state is in this browser; a page load, so Playwright's
    # own wait (and timeout) rather than the bridge's one-second promise.
    frame.wait_for_url(f"**/{CHECK_PAGE}.html")
    widget = check_widget(frame)
    expect(widget.get_by_label(CHECK["options"][RIGHT]["text"], exact=True)).to_be_checked()
    expect(widget.get_by_role("button", name="Try again")).to_be_visible()
    stored = frame.evaluate(f"() => JSON.parse(localStorage.getItem('{space()}check:{CHECK_ID}'))")
    assert stored["complete"] is True
    assert calls(again, CALLS[edition]["start"]) == 1
    assert refused(again) == [] and lms(again, "log") == []
    assert elsewhere.errors == []


def suspend_state(page, edition: str) -> dict:
    text = value(page, edition, "suspend_data")
    return unpack(text) if text else {}


@pytest.mark.parametrize("edition", EDITIONS)
def test_reflection_text_reaches_the_lms_only_when_the_learner_opts_in(watched, lms_url, edition):
    page, launch = open_in_lms(watched, lms_url, edition)
    share = launch.get_by_label(
        "Also keep my reflections and portfolio notes in the learning management system"
    )
    expect(share).not_to_be_checked()
    expect(launch.locator("#lms-explain")).to_contain_text("stay on this device unless you tick the box")
    show(page, lms_url, edition, REFLECTION_PAGE)
    frame = course(page)
    frame.locator(f'fieldset.rf[data-reflection-id="{REFLECTION_ID}"] textarea').first.fill(PRIVATE_WORDS)
    key = f"{space()}reflection:{REFLECTION_ID}"
    wait_until(
        lambda: PRIVATE_WORDS in (frame.evaluate(f"() => localStorage.getItem('{key}')") or ""),
        "the reflection saved on the device",
    )

    def reached_lms() -> bool:
        sent = json.dumps(lms(page, "calls"))
        return PRIVATE_WORDS in sent or PRIVATE_WORDS in json.dumps(suspend_state(page, edition))

    time.sleep(2)  # longer than the bridge takes to pass a change on
    assert not reached_lms()
    share.check()
    wait_until(
        lambda: f"reflection:{REFLECTION_ID}" in suspend_state(page, edition).get("entries", {}),
        "the reflection in the suspend data once shared",
    )
    assert reached_lms()
    assert suspend_state(page, edition)["share"] is True
    share.uncheck()
    wait_until(
        lambda: f"reflection:{REFLECTION_ID}" not in suspend_state(page, edition).get("entries", {}),
        "the reflection gone from the suspend data once no longer shared",
    )
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert PRIVATE_WORDS not in json.dumps(suspend_state(page, edition))
    assert suspend_state(page, edition)["share"] is False
    assert refused(page) == [] and lms(page, "log") == []


def open_with_long_reflections(watched, lms_url):
    """SCORM 1.2, writing shared, every activity done and every reflection long: more than the
    4,096 characters of cmi.suspend_data can hold. Returns (page, launch, entries)."""
    words = random.Random(12).choices(
        [
            "group",
            "member",
            "listen",
            "share",
            "meeting",
            "trust",
            "careful",
            "notes",
            "Tuesday",
            "voice",
            "room",
            "tea",
        ],
        k=900,
    )
    entries = everything_but_the_test_check()
    for docname, activity in ACTIVITIES:
        if activity["kind"] == "reflection":
            text = " ".join(random.Random(activity["id"]).sample(words, len(words)))
            entries[f"reflection:{activity['id']}"] = {
                **finished(docname),
                "framework": "gibbs",
                "texts": {"gibbs": {"description": text}},
            }
    seed(watched, lms_url, entries)
    shared = "j1:" + json.dumps({"v": 1, "share": True, "entries": {}, "done": [], "sent": {}})
    watched.context.add_init_script(f"window.PRIOR_CMI = {json.dumps({'suspend_data': shared})};")
    page, launch = open_in_lms(watched, lms_url, "1.2")
    return page, launch, entries


def test_what_does_not_fit_in_scorm_12_stays_on_the_device_and_the_learner_is_told(watched, lms_url):
    edition = "1.2"
    page, launch, entries = open_with_long_reflections(watched, lms_url)
    expect(launch.locator(".lms-notes")).to_contain_text("stay on this device only")
    expect(
        launch.get_by_label("Also keep my reflections and portfolio notes in the learning management system")
    ).to_be_checked()
    text = value(page, edition, "suspend_data")
    assert len(text) <= 4096
    state = unpack(text)
    checks = [key for key in state["entries"] if key.startswith("check:")]
    assert len(checks) == len(CHECK_IDS) - 1  # all progress went
    left = [key for key in entries if key.startswith("reflection:") and key not in state["entries"]]
    assert left and set(left) <= set(state["done"])  # what stayed behind still counts as done
    assert refused(page) == [] and lms(page, "log") == []


def test_defect_14_a_reflection_that_did_not_fit_says_so_beside_its_text(watched, lms_url):
    """Before: only the launch bar said writing stayed behind, while the reflection itself said
    "Saved on this device". Now the reflection names the parts that did not go, and one that
    went says nothing of the kind."""
    page, launch, _entries = open_with_long_reflections(watched, lms_url)
    expect(launch.locator(".lms-notes")).to_contain_text("stay on this device only")
    state = unpack(value(page, "1.2", "suspend_data"))
    where = {
        f"reflection:{activity['id']}": docname
        for docname, activity in ACTIVITIES
        if activity["kind"] == "reflection"
    }
    left = [key for key in where if key not in state["entries"]]
    kept = [key for key in where if key in state["entries"]]
    assert left
    key = left[0]
    show(page, lms_url, "1.2", where[key])
    box = course(page).locator(f'fieldset.rf[data-reflection-id="{key.split(":", 1)[1]}"] .rf-lms-left')
    expect(box).to_be_visible(timeout=10_000)
    expect(box).to_contain_text("Not in your learning management system")
    expect(box).to_contain_text("\u201cDescription\u201d")
    expect(box).to_contain_text("stays on this device only")
    for other in kept:
        if where[other] == where[key]:
            expect(
                course(page).locator(
                    f'fieldset.rf[data-reflection-id="{other.split(":", 1)[1]}"] .rf-lms-left'
                )
            ).to_be_hidden()
    assert refused(page) == [] and lms(page, "log") == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_course_opened_with_no_lms_saves_on_the_device_as_the_website_does(watched, lms_url, edition):
    page = watched.open(f"{lms_url}{launch_path(edition).lstrip('/')}")
    expect(page.locator("#lms-status")).to_contain_text(NOT_CONNECTED)
    expect(page.locator("#lms-share")).to_have_count(0)
    page.locator("#course-frame").element_handle().content_frame().goto(
        f"{lms_url}{folder(edition)}/{CHECK_PAGE}.html", wait_until="load"
    )
    frame = page.locator("#course-frame").element_handle().content_frame()
    answer(frame, RIGHT)
    key = f"selfhelp-course:check:{CHECK_ID}"
    wait_until(lambda: frame.evaluate(f"() => localStorage.getItem('{key}')"), "the answer saved")
    frame.goto(frame.url, wait_until="load")  # the page again, as after a reload
    expect(check_widget(frame).get_by_label(CHECK["options"][RIGHT]["text"], exact=True)).to_be_checked()
    assert watched.errors == []


# ------------------------------------------------ two learners on one browser (issue 19)
PROGRESS_PAGE = "book/progress"


def finish_count(page, edition: str) -> int:
    return calls(page, CALLS[edition]["finish"])


def website_keys(page) -> list[str]:
    """The open website's own keys in this browser (not any LMS learner's space)."""
    return page.evaluate(f"""() => Object.keys(localStorage).filter(
        (k) => k.startsWith('{WEBSITE}') && !k.startsWith('{WEBSITE}@'))""")


def reflection_box(frame):
    return frame.locator(f'fieldset.rf[data-reflection-id="{REFLECTION_ID}"] textarea').first


def learner_one_works(watched, lms_url: str, edition: str):
    """Learner 1, in the LMS: a check answered right, a reflection written (and shared with
    the LMS, so it is in their own record too), then they leave."""
    page, launch = open_in_lms(watched, lms_url, edition, learner="student-1")
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    launch.get_by_label(
        "Also keep my reflections and portfolio notes in the learning management system"
    ).check()
    show(page, lms_url, edition, CHECK_PAGE)
    answer(course(page), RIGHT)
    wait_until(lambda: interactions(page), "learner 1's answer")
    show(page, lms_url, edition, REFLECTION_PAGE)
    frame = course(page)
    reflection_box(frame).fill(PRIVATE_WORDS)
    key = f"{space('student-1')}reflection:{REFLECTION_ID}"
    wait_until(
        lambda: PRIVATE_WORDS in (frame.evaluate(f"() => localStorage.getItem('{key}')") or ""),
        "learner 1's reflection saved",
    )
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert PRIVATE_WORDS in json.dumps(suspend_state(page, edition))  # in learner 1's own record
    return page


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_second_learner_on_the_same_browser_gets_none_of_the_first_learners_work(watched, lms_url, edition):
    """Issue 19: student 2 on the computer student 1 used sees none of student 1's progress,
    answers or text, and the LMS records nothing student 1 did in student 2's name."""
    learner_one_works(watched, lms_url, edition)
    page, launch = open_in_lms(watched, lms_url, edition, learner="student-2")
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    show(page, lms_url, edition, CHECK_PAGE)
    widget = check_widget(course(page))
    expect(widget.get_by_role("button", name="Check answer")).to_be_visible()
    for option in CHECK["options"]:
        expect(widget.get_by_label(option["text"], exact=True)).not_to_be_checked()
    show(page, lms_url, edition, REFLECTION_PAGE)
    expect(reflection_box(course(page))).to_have_value("")
    show(page, lms_url, edition, PROGRESS_PAGE)
    frame = course(page)
    expect(frame.locator(".prog-counts")).to_contain_text("Activities completed: 0 of")
    assert PRIVATE_WORDS not in frame.evaluate("() => document.body.innerText")
    # Learner 1's work is in learner 1's space, not the website's: nothing to offer.
    expect(launch.locator(".lms-offer")).to_have_count(0)
    time.sleep(2)  # longer than the bridge takes to pass anything on
    assert interactions(page) == []
    if edition == "2004":
        assert value(page, edition, "completion_status") == "incomplete"
        assert value(page, edition, "success_status") == "unknown"
        assert value(page, edition, "score.raw") == ""
    else:
        assert value(page, edition, "core.lesson_status") == "incomplete"
        assert value(page, edition, "core.score.raw") == ""
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    state = suspend_state(page, edition)
    assert f"check:{CHECK_ID}" not in json.dumps(state)
    assert PRIVATE_WORDS not in json.dumps(lms(page, "calls"))
    assert CHECK_ID not in json.dumps(lms(page, "calls"))
    # Learner 1's work is still theirs, untouched, and the open website holds none of it.
    mine = page.evaluate(f"() => JSON.parse(localStorage.getItem('{space('student-1')}check:{CHECK_ID}'))")
    assert mine["complete"] is True
    assert website_keys(page) == []
    assert refused(page) == [] and lms(page, "log") == []
    # Learner 1 back on the same computer finds their own work.
    again, _ = open_in_lms(watched, lms_url, edition, learner="student-1")
    show(again, lms_url, edition, CHECK_PAGE)
    expect(
        check_widget(course(again)).get_by_label(CHECK["options"][RIGHT]["text"], exact=True)
    ).to_be_checked()
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_what_the_open_website_saved_is_offered_never_taken_silently(watched, lms_url, axe, edition):
    entries = everything_but_the_test_check()
    entries[f"reflection:{REFLECTION_ID}"] = {
        **finished(REFLECTION_PAGE),
        "framework": "gibbs",
        "texts": {"gibbs": {"description": PRIVATE_WORDS}},
    }
    seed(watched, lms_url, entries, prefix=WEBSITE)
    page, launch = open_in_lms(watched, lms_url, edition, learner="student-2")
    offer = launch.locator(".lms-offer")
    expect(offer).to_contain_text(
        "This browser also holds course progress saved outside your learning management system"
    )
    done = sum(1 for e in entries.values() if e.get("complete"))
    expect(offer).to_contain_text(f"{done} activities and pages completed")
    writing = sum(1 for key in entries if key.startswith("reflection:"))
    expect(offer).to_contain_text(f"{writing} pieces of writing")
    assert PRIVATE_WORDS not in offer.inner_text()  # what it contains, in counts, never the text
    serious = [
        v
        for v in axe(page.locator("#sco").element_handle().content_frame())
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], json.dumps(serious, indent=1)
    time.sleep(2)  # not taken meanwhile
    assert interactions(page) == []
    status = "completion_status" if edition == "2004" else "core.lesson_status"
    assert value(page, edition, status) == "incomplete"
    assert not [k for k in suspend_state(page, edition).get("entries", {}) if k.startswith("check:")]
    show(page, lms_url, edition, REFLECTION_PAGE)
    expect(reflection_box(course(page))).to_have_value("")
    # The learner says it is theirs: it comes in, and the LMS hears of it.
    launch.get_by_role("button", name="Bring in the progress saved in this browser").click()
    expect(offer).to_contain_text("now part of your record")
    # Every check but the one left unanswered, and the passed assessment's questions.
    wait_until(
        lambda: len(interactions(page)) == len(CHECK_IDS) - 1 + ASSESSMENT_SETTINGS["draw"],
        "the website's answers sent",
    )
    expect(reflection_box(course(page))).to_have_value(PRIVATE_WORDS)
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    # Asked once: the next visit does not offer the same data again.
    again, launch = open_in_lms(watched, lms_url, edition, learner="student-2")
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    time.sleep(1)
    expect(launch.locator(".lms-offer")).to_have_count(0)
    assert len(website_keys(again)) == len(entries)  # the website's own copy stays as it was
    assert refused(page) == [] and lms(page, "log") == []
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_website_data_left_out_stays_out(watched, lms_url, edition):
    seed(watched, lms_url, everything_but_the_test_check(), prefix=WEBSITE)
    page, launch = open_in_lms(watched, lms_url, edition, learner="student-3")
    launch.get_by_role("button", name="Leave it out").click()
    expect(launch.locator(".lms-offer")).to_contain_text("left out of your record")
    time.sleep(2)
    assert interactions(page) == []
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert not [k for k in suspend_state(page, edition).get("entries", {}) if k.startswith("check:")]
    again, launch = open_in_lms(watched, lms_url, edition, learner="student-3")
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    time.sleep(1)
    expect(launch.locator(".lms-offer")).to_have_count(0)
    assert interactions(again) == []
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_an_lms_that_does_not_say_who_the_learner_is_keeps_the_work_for_the_visit_only(
    watched, lms_url, edition
):
    seed(watched, lms_url, everything_but_the_test_check(), prefix=space("student-1"))
    page, launch = open_in_lms(watched, lms_url, edition, learner="")
    expect(launch.locator(".lms-notes")).to_contain_text("did not say who you are")
    show(page, lms_url, edition, CHECK_PAGE)
    answer(course(page), RIGHT)
    wait_until(lambda: interactions(page), "the answer")
    assert len(interactions(page)) == 1  # student 1's answers are not taken
    stored = course(page).evaluate(
        "() => Object.keys(localStorage).filter((k) => k.includes('lms-anonymous'))"
    )
    assert stored == []  # sessionStorage only
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_finishing_on_a_shared_computer_saves_to_the_lms_then_removes_the_learners_copy(
    watched, lms_url, edition
):
    page, launch = open_in_lms(watched, lms_url, edition, learner="student-4")
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    show(page, lms_url, edition, CHECK_PAGE)
    answer(course(page), RIGHT)
    show(page, lms_url, edition, REFLECTION_PAGE)
    reflection_box(course(page)).fill(PRIVATE_WORDS)  # not shared: it never goes to the LMS
    launch.get_by_role("button", name="Finish and remove my work from this computer").click()
    expect(launch.locator(".lms-leave-confirm")).to_contain_text(
        "download them from the CPD portfolio page first"
    )
    launch.get_by_role("button", name="Finish and remove it").click()
    expect(launch.locator("#lms-status")).to_contain_text("removed from this computer")
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert not [
        k for k in page.evaluate("() => Object.keys(localStorage)") if k.startswith(space("student-4"))
    ]
    saved = value(page, edition, "suspend_data")
    assert unpack(saved)["entries"][f"check:{CHECK_ID}"]["complete"] is True
    assert PRIVATE_WORDS not in json.dumps(lms(page, "calls"))
    assert [r["id"] for r in interactions(page)] == [CHECK_ID]
    assert refused(page) == [] and lms(page, "log") == []
    # Next time, on this computer or another, the LMS hands the progress back.
    watched.context.add_init_script(f"window.PRIOR_CMI = {json.dumps({'suspend_data': saved})};")
    again, _ = open_in_lms(watched, lms_url, edition, learner="student-4")
    show(again, lms_url, edition, CHECK_PAGE)
    expect(
        check_widget(course(again)).get_by_label(CHECK["options"][RIGHT]["text"], exact=True)
    ).to_be_checked()
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_learners_nation_goes_to_the_lms_and_comes_back_in_a_fresh_browser(
    watched, new_profile, lms_url, edition
):
    """Issue 20: the nation is chosen once and kept with progress, so in an LMS it follows the
    learner (SCORM 1.2 carries it in the compact suspend data, compact.js)."""
    page, _ = open_in_lms(watched, lms_url, edition)
    show(page, lms_url, edition, "book/safety")
    frame = course(page)
    frame.locator(".distress-support").get_by_label("Show routes for").select_option("northern-ireland")
    stored = frame.evaluate(f"() => JSON.parse(localStorage.getItem('{space()}learner'))")
    assert stored["nation"] == "northern-ireland"  # in this LMS learner's own space
    assert frame.evaluate(f"() => localStorage.getItem('{WEBSITE}learner')") is None
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert suspend_state(page, edition)["entries"]["learner"]["nation"] == "northern-ireland"
    recorded = cmi(page)
    prior = (
        {"suspend_data": recorded["suspend_data"], "entry": "resume"}
        if edition == "2004"
        else {"suspend_data": recorded["suspend_data"], "core": {"entry": "resume"}}
    )
    elsewhere = new_profile()
    elsewhere.context.add_init_script(f"window.PRIOR_CMI = {json.dumps(prior)};")
    again, launch = open_in_lms(elsewhere, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    show(again, lms_url, edition, "case_studies/carers-group")
    box = course(again).locator(".distress-support")
    expect(box.locator(".course-nation-select")).to_have_value("northern-ireland")
    expect(box).to_contain_text("0808 808 8000")
    expect(box).not_to_contain_text("NHS 111 Wales", use_inner_text=True)
    assert elsewhere.errors == []


# ---------------------------------------------------------------- the course evaluation (issue 23)
EVALUATION_KEY = "evaluation:course"


@pytest.mark.parametrize("edition", EDITIONS)
def test_evaluation_ratings_reach_the_lms_as_likert_interactions_and_nothing_else(watched, lms_url, edition):
    evaluation = MANIFEST["evaluation"]
    first, second = [o["id"] for o in evaluation["outcomes"][:2]]
    entry = {
        "v": 1,
        "page": "book/evaluation",
        "responseId": "q7w2e9r4t1y8u3i5",
        "before": {first: 2},
        "after": {first: 4, second: 5},  # `second` before: skipped
        "feedback": {"relevance": 5, "time": "about", "recommend": "yes"},  # clarity: skipped
        "role": "nurse",
        "change": PRIVATE_WORDS,
        "shareChange": True,
        "inStatement": False,
        "updated": stamp(5),
    }
    seed(watched, lms_url, {EVALUATION_KEY: entry})
    page, launch = open_in_lms(watched, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    launch.get_by_label(
        "Also keep my reflections and portfolio notes in the learning management system"
    ).check()
    ratings = lambda: [r for r in interactions(page) if r["id"].startswith("evaluation-")]  # noqa: E731
    wait_until(lambda: len(ratings()) == 6, "the six ratings as interactions")
    response = "learner_response" if edition == "2004" else "student_response"
    words = {"about": "about", "yes": "yes"} if edition == "2004" else {"about": "a", "yes": "y"}
    assert {r["id"]: r[response] for r in ratings()} == {
        f"evaluation-before-{first}": "2",
        f"evaluation-after-{first}": "4",
        f"evaluation-after-{second}": "5",
        "evaluation-relevance": "5",
        "evaluation-time": words["about"],
        "evaluation-recommend": words["yes"],
    }
    assert {r["type"] for r in ratings()} == {"likert"} and {r["result"] for r in ratings()} == {"neutral"}
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert len(ratings()) == 6  # sent once, not again at the end
    everything = json.dumps(lms(page, "calls")) + json.dumps(suspend_state(page, edition))
    for private in (PRIVATE_WORDS, "nurse", entry["responseId"]):
        assert private not in everything, private
    assert EVALUATION_KEY not in suspend_state(page, edition)["entries"]  # shared writing or not
    assert refused(page) == [] and lms(page, "log") == []  # scorm-again took every id and response
    assert watched.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_learner_rates_gives_feedback_and_downloads_the_anonymous_evaluation_inside_the_lms(
    watched, lms_url, edition
):
    """Issue 23 in each package, as a learner does it: rate before on the welcome page, rate after
    and give feedback on the evaluation page, then download the file from inside the LMS's
    frames (a frame that may not download would lose it). The file matches its schema and holds
    nothing the LMS knows the learner by; the LMS heard the ratings, never the words."""
    schema = json.loads((ROOT / "data" / "schemas" / "evaluation-response.schema.json").read_text("utf-8"))
    words = MANIFEST["evaluation"]
    first = words["outcomes"][0]
    scale = {p["value"]: p["words"] for p in words["scale"]}
    page, launch = open_in_lms(watched, lms_url, edition)
    expect(launch.locator("#lms-status")).to_contain_text(CONNECTED)
    show(page, lms_url, edition, "book/welcome")
    frame = course(page)
    before = frame.locator('.ev[data-evaluation-stage="before"]')
    before.locator(f'fieldset[data-outcome="{first["id"]}"]').get_by_label(scale[2], exact=True).check()
    wait_until(
        lambda: any(r["id"] == f"evaluation-before-{first['id']}" for r in interactions(page)),
        "the rating before as an interaction",
    )
    show(page, lms_url, edition, "book/evaluation")
    frame = course(page)
    after = frame.locator('.ev[data-evaluation-stage="after"]')
    after.locator(f'fieldset[data-outcome="{first["id"]}"]').get_by_label(scale[4], exact=True).check()
    after.locator('fieldset[data-question="recommend"]').get_by_label(
        words["recommend"][0]["words"], exact=True
    ).check()
    after.locator("textarea").fill(PRIVATE_WORDS)
    after.get_by_label("Include what I wrote", exact=False).check()
    expect(after.locator("pre.ev-preview")).to_contain_text(PRIVATE_WORDS)
    with page.expect_download() as caught:
        after.get_by_role("button", name="Download an anonymous evaluation").click()
    text = Path(caught.value.path()).read_text(encoding="utf-8")
    file = json.loads(text)
    jsonschema.validate(file, schema, cls=jsonschema.Draft202012Validator)
    assert file["confidence"][first["id"]] == {"before": 2, "after": 4}
    assert file["feedback"]["recommend"] == "yes" and file["change"] == PRIVATE_WORDS
    assert LEARNER not in text  # the LMS's learner id never goes in the file
    wait_until(
        lambda: (
            {f"evaluation-after-{first['id']}", "evaluation-recommend"}
            <= {r["id"] for r in interactions(page)}
        ),
        "the ratings after as interactions",
    )
    close_sco(page)
    page.wait_for_function(f"() => window.lms.count('{CALLS[edition]['finish']}') === 1")
    assert PRIVATE_WORDS not in json.dumps(lms(page, "calls"))  # the words stay with the learner
    assert refused(page) == [] and lms(page, "log") == []
    assert watched.errors == []
