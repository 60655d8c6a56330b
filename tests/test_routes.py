"""Routes through the course: defined once (data/routes.yml), and the welcome page, the session
plans and the slides all say the same thing about them."""

from __future__ import annotations

import re

import pytest

from paths import ROOT
from selfhelp_course.course.manifest import course_manifest
from selfhelp_course.course.routes import (
    MAX_SPARE,
    live_routes,
    load_routes,
    route_minutes,
    route_plan,
    routes_markdown,
)
from selfhelp_course.course.session_plans import page_minutes
from selfhelp_course.errors import ContentError
from selfhelp_course.formats import make_slides

MANIFEST = course_manifest(ROOT)
ROUTES = load_routes(ROOT, MANIFEST)
LIVE = live_routes(ROUTES)
WELCOME = (ROOT / "book" / "welcome.md").read_text(encoding="utf-8")
PLANS_PAGE = (ROOT / "trainer" / "session-plans.md").read_text(encoding="utf-8")
MINUTES = {page["docname"]: page_minutes(page) for page in MANIFEST["pages"]}


def linked_pages(markdown: str) -> list[str]:
    return re.findall(r"\{doc\}`[^`<]*</([^>]+)>`", markdown)


def test_the_course_offers_self_study_and_three_live_sessions():
    assert [route["minutes"] for route in ROUTES] == [None, 90, 210, 360]
    assert ROUTES[0]["docnames"] == [name for name, minutes in MINUTES.items() if minutes]


@pytest.mark.parametrize("route", LIVE, ids=[route["id"] for route in LIVE])
def test_a_live_route_adds_up_to_its_stated_length(route):
    plan = route_plan(MANIFEST, route, ROOT)
    assert plan.used_minutes == route["minutes"], "rows add up to the session's length"
    assert [row.docname for row in plan.pages] == route["docnames"]
    spare = sum(row.minutes for row in plan.rows if row.kind == "questions")
    assert spare <= MAX_SPARE
    assert {page["docname"] for page in plan.self_study} == {
        name for name, minutes in MINUTES.items() if minutes and name not in route["docnames"]
    }


def test_self_study_takes_as_long_as_the_whole_course():
    assert route_minutes(ROUTES[0], MANIFEST) == sum(MINUTES.values())


def test_welcome_page_and_session_plans_are_both_drawn_from_the_routes():
    # The welcome page renders the routes' table from data/routes.yml ...
    assert re.search(r"^```\{course-routes\}\s*\n```", WELCOME, flags=re.M)
    # ... and the session-plans page has one plan per live route, by id, with no length of its own.
    blocks = re.findall(r"^```\{session-plan\}\n(.*?)^```", PLANS_PAGE, flags=re.M | re.S)
    assert [re.search(r"^:route: (\S+)", block, flags=re.M).group(1) for block in blocks] == [
        route["id"] for route in LIVE
    ]
    assert not any(":minutes:" in block for block in blocks)


def test_the_welcome_table_and_the_plans_name_the_same_pages_and_minutes():
    table = routes_markdown(ROUTES, MANIFEST)
    rows = table.split("\n* - ")[2:]  # after the header row
    assert len(rows) == len(ROUTES)
    for route, row in zip(ROUTES, rows, strict=True):
        assert linked_pages(row) == route["docnames"]
        for name in route["docnames"]:
            assert f"</{name}>` ({MINUTES[name]})" in row
        if route["minutes"]:
            assert f"{route['minutes']} minutes:" in row
            plan_pages = [r.docname for r in route_plan(MANIFEST, route, ROOT).pages]
            assert linked_pages(row) == plan_pages


def test_the_slides_follow_the_routes():
    mode, decks = make_slides.deck_specs(MANIFEST, ROOT)
    assert mode == "sessions"
    assert [deck["minutes"] for deck in decks] == [route["minutes"] for route in LIVE]
    for deck, route in zip(decks, LIVE, strict=True):
        assert [row["docname"] for row in deck["rows"] if row["kind"] == "page"] == route["docnames"]
        assert (
            sum(row.get("minutes", 0) for row in deck["rows"] if row["kind"] != "page")
            + sum(MINUTES[name] for name in route["docnames"])
            == route["minutes"]
        )


def test_the_welcome_prose_names_each_route_as_the_table_does():
    for route in ROUTES:
        assert route["title"] in WELCOME or route["title"].split(" (")[0] in WELCOME


def test_case_studies_take_the_same_time_so_a_trainer_can_swap_them():
    """trainer/session-plans.md promises this."""
    cases = {name: minutes for name, minutes in MINUTES.items() if name.startswith("case_studies/")}
    assert len(set(cases.values())) == 1, cases


# --- A route that does not add up stops the build, naming file, line and field ----------------

ROUTE_FILE = """\
routes:
  - id: all-of-it
    title: Self-study
    best_for: One person
    reflection: In the browser
    pages: all
  - id: short
    title: A short session
    minutes: {minutes}
    best_for: A team meeting
    reflection: Pairs
    pages:
{pages}
"""


def routes_error(tmp_path, minutes: int, pages: list[str]) -> ContentError:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "routes.yml").write_text(
        ROUTE_FILE.format(minutes=minutes, pages="".join(f"      - {p}\n" for p in pages)), encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        load_routes(tmp_path, MANIFEST)
    return caught.value


def test_a_route_that_runs_over_is_refused(tmp_path):
    error = routes_error(tmp_path, 90, ["book/what-is-a-self-help-group", "book/practitioner-role"])
    assert (error.line, error.field) == (7, "routes[1].pages")
    assert "the pages take 95 minutes, but a 90-minute session leaves 75" in error.message


def test_a_route_with_too_much_time_left_over_is_refused(tmp_path):
    error = routes_error(tmp_path, 90, ["book/what-is-a-self-help-group"])
    assert error.field == "routes[1].pages" and "35 minutes are left over" in error.message


def test_a_route_naming_an_unknown_or_reference_page_is_refused(tmp_path):
    error = routes_error(tmp_path, 90, ["book/nonsense"])
    assert (error.line, error.field) == (13, "routes[1].pages[0]")
    assert "not a page in _toc.yml" in error.message
    (tmp_path / "again").mkdir()
    error = routes_error(tmp_path / "again", 90, ["book/glossary"])
    assert "reference page" in error.message


def test_a_live_route_needs_its_length(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "routes.yml").write_text(
        ROUTE_FILE.format(minutes=90, pages="      - book/welcome\n").replace("    minutes: 90\n", ""),
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="a live session needs its length"):
        load_routes(tmp_path, MANIFEST)
