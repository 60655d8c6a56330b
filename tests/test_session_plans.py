"""Session plans worked out from the course manifest (src/selfhelp_course/course/session_plans.py)."""

from __future__ import annotations

import shutil
from itertools import pairwise

import pytest

from paths import ROOT
from selfhelp_course.course.manifest import course_manifest
from selfhelp_course.course.session_plans import (
    Break,
    clock,
    discussion_questions,
    page_objectives,
    plan_markdown,
    session_plan,
)

LENGTHS = (90, 210, 360)


@pytest.fixture(scope="module")
def manifest():
    return course_manifest(ROOT)


def synthetic(*minutes: tuple[int, int]) -> dict:
    return {
        "pages": [
            {
                "docname": f"book/page-{n}",
                "title": f"Page {n}",
                "teaching_minutes": t,
                "activity_minutes": a,
                "activities": [],
            }
            for n, (t, a) in enumerate(minutes, start=1)
        ]
    }


@pytest.mark.parametrize("length", LENGTHS)
def test_a_plan_never_runs_over_and_its_rows_follow_on(manifest, length):
    plan = session_plan(manifest, length, root=ROOT)
    assert plan.used_minutes <= length
    assert plan.rows[0].kind == "intro" and plan.rows[-1].kind == "close"
    for before, after in pairwise(plan.rows):
        assert after.start == before.start + before.minutes
    assert plan.pages, "every plan teaches at least one page"


@pytest.mark.parametrize("length", LENGTHS)
def test_pages_come_in_course_order_and_the_rest_are_left_for_self_study(manifest, length):
    plan = session_plan(manifest, length, root=ROOT)
    order = [page["docname"] for page in manifest["pages"]]
    taught = [row.docname for row in plan.pages]
    assert taught == sorted(taught, key=order.index)
    timed = {p["docname"] for p in manifest["pages"] if p["teaching_minutes"] + p["activity_minutes"]}
    left = [page["docname"] for page in plan.self_study]
    assert set(taught) | set(left) == timed and not set(taught) & set(left)


def test_half_and_full_days_have_breaks_between_pages_and_a_short_session_has_none(manifest):
    assert [r for r in session_plan(manifest, 90, root=ROOT).rows if r.kind == "break"] == []
    half = session_plan(manifest, 210, root=ROOT).rows
    full = session_plan(manifest, 360, root=ROOT).rows
    assert [r.title for r in half if r.kind == "break"] == ["Break"]
    assert [r.title for r in full if r.kind == "break"] == ["Morning break", "Lunch", "Afternoon break"]
    for rows in (half, full):
        kinds = [r.kind for r in rows]
        first, last = kinds.index("break"), len(kinds) - 1 - kinds[::-1].index("break")
        assert "page" in kinds[:first] and "page" in kinds[last:], "breaks fall between pages"


def test_a_course_that_does_not_fit_says_which_pages_are_for_self_study():
    plan = session_plan(synthetic((30, 30), (40, 40), (10, 5)), 90)
    assert [row.title for row in plan.pages] == ["Page 1", "Page 3"]
    assert [page["title"] for page in plan.self_study] == ["Page 2"]
    text = plan_markdown(plan)
    assert "Left for self-study" in text and "</book/page-2>" in text
    assert [(clock(r.start), r.kind) for r in plan.rows] == [
        ("0:00", "intro"),
        ("0:10", "page"),
        ("1:10", "page"),
        ("1:25", "close"),
    ]


def test_skipped_pages_are_left_for_self_study_whatever_the_time():
    plan = session_plan(synthetic((10, 10), (10, 10)), 360, skip=("book/page-1",))
    assert [row.docname for row in plan.pages] == ["book/page-2"]
    assert [page["docname"] for page in plan.self_study] == ["book/page-1"]


def test_a_session_too_short_for_its_introduction_and_breaks_is_refused():
    with pytest.raises(ValueError, match="no time left"):
        session_plan(synthetic((10, 10)), 60, breaks=[Break("Lunch", 60)])


def test_changing_a_pages_minutes_changes_the_plan(tmp_path):
    """In a copy of the course: lengthen the second page and it no longer fits in 90 minutes."""
    for name in ("_toc.yml", "_config.yml", "book", "case_studies", "notebooks", "trainer", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    before = session_plan(course_manifest(tmp_path), 90, root=tmp_path)
    second = before.pages[-1].docname
    page = tmp_path / f"{second}.md"
    text = page.read_text(encoding="utf-8")
    minutes = before.pages[-1].teaching_minutes
    page.write_text(
        text.replace(f"teaching_minutes: {minutes}\n", "teaching_minutes: 75\n", 1), encoding="utf-8"
    )
    after = session_plan(course_manifest(tmp_path), 90, root=tmp_path)
    assert second in [row.docname for row in before.pages]
    assert second not in [row.docname for row in after.pages]
    assert second in [p["docname"] for p in after.self_study]
    assert plan_markdown(after) != plan_markdown(before)


def test_objectives_and_discussion_questions_are_read_from_the_page(manifest):
    plan = session_plan(manifest, 360, root=ROOT, skip=("book/",))
    case = next(row for row in plan.pages if row.docname == "case_studies/cancer-group")
    assert len(case.objectives) == 4
    assert case.objectives[0].startswith("describe, through the experiences of several members")
    assert not case.objectives[0].endswith(";")
    assert len(case.discussion_questions) == 5
    assert case.discussion_questions[1].startswith("How would you judge when to step back")
    assert "\n" not in "".join(case.discussion_questions)  # wrapped lines are joined
    assert {a["kind"] for a in case.activities} == {"check", "reflection"}
    chapter = session_plan(manifest, 90, root=ROOT).pages[-1]
    assert chapter.objectives and chapter.discussion_questions == ()


def test_every_timed_page_has_objectives_for_the_plans(manifest):
    for page in manifest["pages"]:
        if page["teaching_minutes"] + page["activity_minutes"]:
            text = (ROOT / f"{page['docname']}.md").read_text(encoding="utf-8")
            assert page_objectives(text), f"{page['docname']} has no objectives list"


def test_objectives_lose_their_joining_punctuation_in_a_plan():
    # Parsing itself is tested with the page parser (tests/test_manifest.py).
    source = "# Demo\n\n```{admonition} Goals\n:class: objectives\n\n- name one thing;\n- and another.\n```\n"
    assert page_objectives(source) == ["name one thing", "and another"]
    assert discussion_questions("# No questions\n") == []


def test_activity_titles_from_yaml_are_escaped_in_the_markdown():
    manifest = synthetic((10, 10))
    manifest["pages"][0]["activities"] = [{"kind": "check", "id": "x", "title": "<b>*bold*</b>"}]
    text = plan_markdown(session_plan(manifest, 90))
    assert r"Knowledge check: \<b\>\*bold\*\</b\>" in text
