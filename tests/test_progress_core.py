"""The one reading of learner progress (static/progress_core.js), run in node.

Each case sets up this browser's storage (raw strings, exactly as localStorage holds them, or
storage that refuses every call), calls one function of the API and records its result and the
storage afterwards. All cases run in one node process, with core.js loaded first as on the site.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from selfhelp_course._course_time import course_times, cpd_hours
from selfhelp_course._manifest import course_manifest
from paths import ROOT

STATIC = ROOT / "src" / "selfhelp_course" / "static"
P = "selfhelp-course:"

RUNNER = r"""
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
let current = null; // the storage one case sees
const win = {};
Object.defineProperty(win, "localStorage", {
  get() {
    if (current.mode === "blocked") throw new DOMException("blocked", "SecurityError");
    return current.storage;
  },
});
function makeStorage(entries, mode) {
  const data = new Map(Object.entries(entries || {}));
  return {
    data,
    mode,
    storage: {
      getItem: (key) => (data.has(key) ? data.get(key) : null),
      setItem(key, value) {
        if (mode === "full") throw new DOMException("full", "QuotaExceededError");
        data.set(key, String(value));
      },
      removeItem: (key) => data.delete(key),
      key: (i) => [...data.keys()][i] ?? null,
      get length() { return data.size; },
    },
  };
}
const api = new Function("window", input.src +
  "; return {activityState, readProgressEntry, pageProgress, courseProgress, cpdHours, setPageRead, progressPrefix};")(win);
const results = input.cases.map((c) => {
  current = makeStorage(c.storage, c.mode);
  let result, error = null;
  try {
    result = api[c.call](...c.args);
  } catch (e) {
    error = String(e);
  }
  return { result, error, storage: Object.fromEntries(current.data) };
});
const hours = input.minutes.map((m) => api.cpdHours(m));
process.stdout.write(JSON.stringify({ results, hours }));
"""

CHECK = {"kind": "check", "id": "q1", "title": "Question one"}
SORT = {"kind": "sorting", "id": "s1", "title": "Sort the groups"}
REFL = {"kind": "reflection", "id": "r1", "title": "Your reflection"}
PAGE_A = {"docname": "book/a", "title": "Page A", "part": "The course", "teaching_minutes": 20,
          "activity_minutes": 25, "activities": [CHECK, SORT, REFL]}
PAGE_B = {"docname": "book/b", "title": "Page B", "part": "The course", "teaching_minutes": 10,
          "activity_minutes": 0, "activities": []}
PAGE_C = {"docname": "book/c", "title": "Page C", "part": "Case studies", "teaching_minutes": 15,
          "activity_minutes": 35, "activities": [{"kind": "explorer", "id": "wellbeing", "title": "Explorer"}]}
REFERENCE = {"docname": "book/glossary", "title": "Glossary", "part": "Reference", "teaching_minutes": 0,
             "activity_minutes": 0, "activities": []}
MANIFEST = {"version": 1, "storage_prefix": P, "pages": [PAGE_A, PAGE_B, PAGE_C, REFERENCE]}


def entry(complete, **extra):
    return json.dumps({"v": 1, "page": "book/a", "updated": "2026-01-02T03:04:05.000Z", "complete": complete, **extra})


DONE, STARTED = entry(True), entry(False)

# (name, storage, mode, call, args, expected result)
STATE_CASES = [
    ("no entry", {}, None, CHECK, "not started"),
    ("complete", {f"{P}check:q1": DONE}, None, CHECK, "done"),
    ("saved but not complete", {f"{P}check:q1": STARTED}, None, CHECK, "started"),
    ("complete must be exactly true", {f"{P}check:q1": entry("true")}, None, CHECK, "started"),
    ("complete 1 is not true", {f"{P}check:q1": entry(1)}, None, CHECK, "started"),
    ("an object without complete", {f"{P}check:q1": "{}"}, None, CHECK, "started"),
    ("bad JSON", {f"{P}check:q1": "{not json"}, None, CHECK, "not started"),
    ("JSON null", {f"{P}check:q1": "null"}, None, CHECK, "not started"),
    ("JSON array", {f"{P}check:q1": "[true]"}, None, CHECK, "not started"),
    ("JSON number", {f"{P}check:q1": "42"}, None, CHECK, "not started"),
    ("JSON string", {f"{P}check:q1": '"complete"'}, None, CHECK, "not started"),
    ("empty string", {f"{P}check:q1": ""}, None, CHECK, "not started"),
    ("storage blocked", {f"{P}check:q1": DONE}, "blocked", CHECK, "not started"),
    ("another activity's entry", {f"{P}check:q2": DONE}, None, CHECK, "not started"),
    ("another kind with the same id", {f"{P}sorting:q1": DONE}, None, CHECK, "not started"),
    ("without the prefix", {"check:q1": DONE}, None, CHECK, "not started"),
    ("the explorer", {f"{P}explorer:wellbeing": DONE}, None, PAGE_C["activities"][0], "done"),
    ("no activity", {}, None, None, "not started"),
    ("an activity without an id", {f"{P}check:undefined": DONE}, None, {"kind": "check"}, "not started"),
]


def cases():
    out = []
    for _, storage, mode, activity, _ in STATE_CASES:
        out.append({"storage": storage, "mode": mode, "call": "activityState", "args": [P, activity]})
    return out


# Named cases beyond activityState: name -> (storage, mode, call, args)
OTHER = {
    "read-corrupt": ({f"{P}check:q1": "{oops"}, None, "readProgressEntry", [f"{P}check:q1"]),
    "read-blocked": ({}, "blocked", "readProgressEntry", [f"{P}check:q1"]),
    "read-empty": ({}, None, "readProgressEntry", [f"{P}check:q1"]),
    "read-ok": ({f"{P}check:q1": DONE}, None, "readProgressEntry", [f"{P}check:q1"]),
    "page-none": ({}, None, "pageProgress", [MANIFEST, PAGE_A]),
    "page-mixed": ({f"{P}check:q1": DONE, f"{P}sorting:s1": STARTED, f"{P}reflection:r1": "{bad"}, None,
                   "pageProgress", [MANIFEST, PAGE_A]),
    "page-all": ({f"{P}check:q1": DONE, f"{P}sorting:s1": DONE, f"{P}reflection:r1": DONE}, None,
                 "pageProgress", [MANIFEST, PAGE_A]),
    "page-by-docname": ({f"{P}check:q1": DONE}, None, "pageProgress", [MANIFEST, "book/a"]),
    "page-unknown": ({}, None, "pageProgress", [MANIFEST, "book/nowhere"]),
    "page-read": ({f"{P}read:book/b": json.dumps({"v": 1, "complete": True, "updated": "x"})}, None,
                  "pageProgress", [MANIFEST, PAGE_B]),
    "page-unread": ({f"{P}read:book/b": json.dumps({"v": 1, "complete": False})}, None,
                    "pageProgress", [MANIFEST, PAGE_B]),
    "page-read-corrupt": ({f"{P}read:book/b": "tru"}, None, "pageProgress", [MANIFEST, PAGE_B]),
    "page-read-ignored-with-activities": ({f"{P}read:book/a": json.dumps({"v": 1, "complete": True})}, None,
                                          "pageProgress", [MANIFEST, PAGE_A]),
    "page-reference": ({}, None, "pageProgress", [MANIFEST, REFERENCE]),
    "page-blocked": ({}, "blocked", "pageProgress", [MANIFEST, PAGE_A]),
    "page-bad-minutes": ({}, None, "pageProgress",
                         [MANIFEST, {**PAGE_B, "teaching_minutes": "10", "activity_minutes": -5}]),
    "course-none": ({}, None, "courseProgress", [MANIFEST]),
    "course-some": ({f"{P}check:q1": DONE, f"{P}sorting:s1": DONE, f"{P}reflection:r1": DONE,
                     f"{P}explorer:wellbeing": STARTED,
                     f"{P}read:book/b": json.dumps({"v": 1, "complete": True})}, None,
                    "courseProgress", [MANIFEST]),
    "course-all": ({f"{P}check:q1": DONE, f"{P}sorting:s1": DONE, f"{P}reflection:r1": DONE,
                    f"{P}explorer:wellbeing": DONE, f"{P}read:book/b": json.dumps({"v": 1, "complete": True})},
                   None, "courseProgress", [MANIFEST]),
    "course-corrupt": ({f"{P}check:q1": "{", f"{P}sorting:s1": "[]", f"{P}reflection:r1": "null",
                        f"{P}explorer:wellbeing": DONE, f"{P}read:book/b": "{{"}, None,
                       "courseProgress", [MANIFEST]),
    "course-blocked": ({}, "blocked", "courseProgress", [MANIFEST]),
    "course-no-manifest": ({}, None, "courseProgress", [None]),
    "course-bad-manifest": ({}, None, "courseProgress", [{"pages": [None, 3, {"docname": "x", "activities": "no"}]}]),
    "course-other-prefix": ({"other:check:q1": DONE, f"{P}check:q1": STARTED}, None, "courseProgress",
                            [{**MANIFEST, "storage_prefix": "other:"}]),
    "mark-read": ({}, None, "setPageRead", [MANIFEST, "book/b", True]),
    "mark-unread": ({f"{P}read:book/b": json.dumps({"v": 1, "complete": True})}, None, "setPageRead",
                    [MANIFEST, "book/b", False]),
    "mark-full": ({}, "full", "setPageRead", [MANIFEST, "book/b", True]),
    "mark-blocked": ({}, "blocked", "setPageRead", [MANIFEST, "book/b", True]),
    "prefix-default": ({}, None, "progressPrefix", [{}]),
}
REAL = course_manifest(ROOT)
REAL_ALL_DONE = {f"{P}{a['kind']}:{a['id']}": DONE for page in REAL["pages"] for a in page["activities"]}
OTHER["real-none"] = ({}, None, "courseProgress", [REAL])
OTHER["real-all"] = (REAL_ALL_DONE, None, "courseProgress", [REAL])
MINUTES = list(range(0, 1000))


@pytest.fixture(scope="module")
def run():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is needed to run progress_core.js")
    src = "\n".join((STATIC / name).read_text(encoding="utf-8") for name in ("core.js", "progress_core.js"))
    names = list(OTHER)
    payload = {"src": src, "minutes": MINUTES,
               "cases": cases() + [{"storage": s, "mode": m, "call": c, "args": a} for s, m, c, a in OTHER.values()]}
    done = subprocess.run([node, "-e", RUNNER], input=json.dumps(payload), capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    states = out["results"][:len(STATE_CASES)]
    named = dict(zip(names, out["results"][len(STATE_CASES):]))
    return {"states": states, "named": named, "hours": out["hours"]}


@pytest.mark.parametrize(("index", "expected"), [(i, c[4]) for i, c in enumerate(STATE_CASES)],
                         ids=[c[0] for c in STATE_CASES])
def test_activity_state(run, index, expected):
    outcome = run["states"][index]
    assert outcome["error"] is None
    assert outcome["result"] == expected
    # Reading never writes: unreadable text is left where it is, nothing is set aside.
    assert outcome["storage"] == STATE_CASES[index][1]


def test_read_entry_reports_each_status_without_writing(run):
    named = run["named"]
    assert named["read-corrupt"]["result"] == {"status": "corrupt"}
    assert named["read-corrupt"]["storage"] == {f"{P}check:q1": "{oops"}
    assert named["read-blocked"]["result"] == {"status": "unavailable"}
    assert named["read-empty"]["result"] == {"status": "empty"}
    assert named["read-ok"]["result"]["status"] == "ok" and named["read-ok"]["result"]["value"]["complete"] is True


def states(result):
    return [a["state"] for a in result["activities"]]


def test_page_with_nothing_done(run):
    page = run["named"]["page-none"]["result"]
    assert (page["done"], page["started"], page["total"], page["complete"], page["state"]) == (0, 0, 3, False, "not started")
    assert page["minutes"] == 45 and page["counted"] and page["hasActivities"]
    assert [(a["kind"], a["id"], a["title"]) for a in page["activities"]] == [
        ("check", "q1", "Question one"), ("sorting", "s1", "Sort the groups"), ("reflection", "r1", "Your reflection")]


def test_page_partly_done_with_a_corrupt_entry_counts_it_as_not_started(run):
    page = run["named"]["page-mixed"]["result"]
    assert states(page) == ["done", "started", "not started"]
    assert (page["done"], page["started"], page["total"], page["complete"], page["state"]) == (1, 1, 3, False, "started")


def test_page_is_complete_only_when_every_activity_is_done(run):
    page = run["named"]["page-all"]["result"]
    assert (page["done"], page["total"], page["complete"], page["state"]) == (3, 3, True, "done")
    assert run["named"]["page-by-docname"]["result"]["done"] == 1


def test_an_unknown_page_counts_for_nothing(run):
    page = run["named"]["page-unknown"]["result"]
    assert run["named"]["page-unknown"]["error"] is None
    assert (page["docname"], page["total"], page["minutes"], page["counted"], page["complete"]) == (
        "book/nowhere", 0, 0, False, False)


def test_a_page_without_activities_is_done_once_marked_as_read(run):
    named = run["named"]
    read = named["page-read"]["result"]
    assert (read["hasActivities"], read["read"], read["complete"], read["state"], read["minutes"]) == (
        False, True, True, "done", 10)
    for name in ("page-unread", "page-read-corrupt"):
        page = named[name]["result"]
        assert (page["read"], page["complete"], page["state"]) == (False, False, "not started"), name


def test_marking_a_page_with_activities_as_read_does_not_complete_it(run):
    page = run["named"]["page-read-ignored-with-activities"]["result"]
    assert (page["read"], page["complete"]) == (False, False)


def test_reference_pages_are_not_counted(run):
    page = run["named"]["page-reference"]["result"]
    assert (page["counted"], page["minutes"], page["total"]) == (False, 0, 0)


def test_blocked_storage_means_nothing_is_done_and_nothing_throws(run):
    for name in ("page-blocked", "course-blocked"):
        assert run["named"][name]["error"] is None
    assert run["named"]["page-blocked"]["result"]["state"] == "not started"
    assert run["named"]["course-blocked"]["result"]["minutesDone"] == 0


def test_minutes_that_are_not_whole_positive_numbers_count_as_zero(run):
    assert run["named"]["page-bad-minutes"]["result"]["minutes"] == 0


def totals(result):
    keys = ("minutesDone", "minutesTotal", "minutesLeft", "hoursDone", "activitiesDone", "activitiesTotal",
            "pagesDone", "pagesTotal")
    return tuple(result[key] for key in keys)


def test_course_totals_with_nothing_done(run):
    course = run["named"]["course-none"]["result"]
    assert totals(course) == (0, 105, 105, 0, 0, 4, 0, 3)
    assert [p["docname"] for p in course["pages"]] == ["book/a", "book/b", "book/c"]  # no reference page


def test_course_totals_count_only_complete_pages(run):
    # Page A (45 min) done, page B (10 min) read, page C (50 min) only started.
    course = run["named"]["course-some"]["result"]
    assert totals(course) == (55, 105, 50, 0.75, 3, 4, 2, 3)
    assert [p["state"] for p in course["pages"]] == ["done", "done", "started"]


def test_course_totals_when_everything_is_done(run):
    assert totals(run["named"]["course-all"]["result"]) == (105, 105, 0, 1.75, 4, 4, 3, 3)


def test_corrupt_entries_count_as_not_started(run):
    course = run["named"]["course-corrupt"]
    assert course["error"] is None
    # Only the explorer's entry is readable and complete: page C's 50 minutes.
    assert totals(course["result"]) == (50, 105, 55, 0.75, 1, 4, 1, 3)
    assert course["storage"][f"{P}check:q1"] == "{"  # left as it was


def test_a_missing_or_malformed_manifest_gives_empty_progress(run):
    for name in ("course-no-manifest", "course-bad-manifest"):
        assert run["named"][name]["error"] is None, name
    assert totals(run["named"]["course-no-manifest"]["result"]) == (0, 0, 0, 0, 0, 0, 0, 0)
    assert run["named"]["course-bad-manifest"]["result"]["pages"] == []


def test_the_manifest_names_the_storage_prefix(run):
    course = run["named"]["course-other-prefix"]["result"]
    assert course["pages"][0]["activities"][0]["state"] == "done"
    assert run["named"]["prefix-default"]["result"] == P


def test_marking_a_page_read_writes_one_small_entry(run):
    marked = run["named"]["mark-read"]
    assert marked["result"] == {"ok": True}
    assert list(marked["storage"]) == [f"{P}read:book/b"]
    value = json.loads(marked["storage"][f"{P}read:book/b"])
    assert value["v"] == 1 and value["complete"] is True and value["page"] == "book/b"
    assert value["updated"].endswith("Z") and value["updated"][:2] == "20"
    cleared = json.loads(run["named"]["mark-unread"]["storage"][f"{P}read:book/b"])
    assert cleared["complete"] is False


def test_marking_a_page_read_reports_why_it_could_not_save(run):
    assert run["named"]["mark-full"]["result"] == {"ok": False, "reason": "full"}
    assert run["named"]["mark-blocked"]["result"] == {"ok": False, "reason": "unavailable"}
    assert run["named"]["mark-full"]["storage"] == {}


def test_cpd_hours_round_down_to_the_quarter_hour_exactly_as_python_does(run):
    assert run["hours"] == [cpd_hours(m) for m in MINUTES]


def test_the_real_course_adds_up_to_the_course_s_own_minutes(run):
    expected = sum(time.total_minutes for time in course_times(ROOT))
    none, everything = run["named"]["real-none"]["result"], run["named"]["real-all"]["result"]
    assert none["minutesTotal"] == expected and none["minutesDone"] == 0
    assert everything["activitiesDone"] == everything["activitiesTotal"] == sum(
        len(page["activities"]) for page in REAL["pages"])
    with_activities = sum(p["teaching_minutes"] + p["activity_minutes"] for p in REAL["pages"] if p["activities"])
    assert everything["minutesDone"] == with_activities
    assert everything["hoursDone"] == cpd_hours(with_activities)
