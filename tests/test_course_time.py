"""Course timing from _toc.yml and front matter."""

from __future__ import annotations

import json

import pytest

from selfhelp_course._content import ContentError
from selfhelp_course._course_time import (
    PageTime,
    course_times,
    cpd_time,
    page_minutes,
    page_time,
    toc_docnames,
)
from paths import REFERENCE_PAGES, ROOT

PAGE = """\
---
jupytext:
  text_representation:
    format_name: myst
course:
  teaching_minutes: {teaching}
  activity_minutes: 15
---
# A page
"""


def test_toc_lists_every_course_page_in_reading_order():
    names = toc_docnames(ROOT)
    assert names[0] == "book/welcome"
    assert names.index("book/what-is-a-self-help-group") < names.index("case_studies/cancer-group")
    assert len(names) == len(set(names))


def test_minutes_are_read_from_front_matter(tmp_path, write):
    write("page.md", PAGE.format(teaching=20))
    assert page_time(tmp_path, "page").total_minutes == 35


@pytest.mark.parametrize("bad", ["-5", "twenty", "1.5", "true", "601"])
def test_bad_minutes_name_the_file_line_and_field(tmp_path, write, bad):
    write("page.md", PAGE.format(teaching=bad))
    with pytest.raises(ContentError) as caught:
        page_time(tmp_path, "page")
    assert caught.value.line == 6
    assert caught.value.field == "course.teaching_minutes"


def test_unterminated_front_matter_is_reported(tmp_path, write):
    write("page.md", "---\ncourse:\n  teaching_minutes: 5\n# no end\n")
    with pytest.raises(ContentError, match="never ends"):
        page_time(tmp_path, "page")


CPD_TIME_CASES = json.loads((ROOT / "tests" / "cpd_time_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CPD_TIME_CASES, ids=[repr(c["minutes"]) for c in CPD_TIME_CASES])
def test_defect_4_course_minutes_show_as_stated_the_same_table_as_js(case):
    """Issue 21, defect 4: 25 minutes is 0 h 25 min (or 0.42 h), never a quarter hour. The same
    table tests cpdTime in tests/js/cpd-time.test.mjs."""
    if case.get("error"):
        with pytest.raises(ValueError):
            cpd_time(case["minutes"])
        with pytest.raises(ValueError):
            cpd_time(case["minutes"], decimal=True)
    else:
        assert cpd_time(case["minutes"]) == case["text"]
        assert cpd_time(case["minutes"], decimal=True) == case["decimal"]


def test_every_teaching_page_has_minutes_and_the_course_adds_up():
    times = course_times(ROOT)
    timed = {time.docname for time in times}
    for name in toc_docnames(ROOT):
        if name.startswith(("book/", "case_studies/", "notebooks/")) and name not in REFERENCE_PAGES:
            assert name in timed, f"{name} has no course: minutes in its front matter"
    total = sum(time.total_minutes for time in times)
    assert 180 <= total <= 720, f"the course takes {total} minutes"


PAGE_MINUTES = json.loads((ROOT / "tests" / "page_minutes_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "case", PAGE_MINUTES["cases"], ids=[str(c["minutes"]) for c in PAGE_MINUTES["cases"]]
)
def test_a_pages_minutes_are_the_same_table_as_js(case):
    """One definition a language: page_minutes here, pageMinutes in tests/js/page-minutes.test.mjs,
    on the same table; PageTime and the SCORM manifests' learning time go through it."""
    assert page_minutes(case) == case["minutes"]
    time = PageTime("p", case["teaching_minutes"], case["activity_minutes"])
    assert time.total_minutes == case["minutes"]


def test_the_courses_minutes_are_the_sum_of_its_pages_the_same_as_js():
    pages = [PAGE_MINUTES["cases"][i] for i in PAGE_MINUTES["course"]["pages"]]
    assert sum(map(page_minutes, pages)) == PAGE_MINUTES["course"]["minutes"]
