"""Course timing from _toc.yml and front matter."""
from __future__ import annotations

import pytest

from selfhelp_course._content import ContentError
from selfhelp_course._course_time import course_times, cpd_hours, page_time, toc_docnames
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


@pytest.mark.parametrize(("minutes", "hours"), [(0, 0), (14, 0), (15, 0.25), (59, 0.75), (60, 1), (135, 2.25)])
def test_cpd_hours_round_down_to_the_quarter_hour(minutes, hours):
    assert cpd_hours(minutes) == hours


def test_every_teaching_page_has_minutes_and_the_course_adds_up():
    times = course_times(ROOT)
    timed = {time.docname for time in times}
    for name in toc_docnames(ROOT):
        if name.startswith(("book/", "case_studies/", "notebooks/")) and name not in REFERENCE_PAGES:
            assert name in timed, f"{name} has no course: minutes in its front matter"
    total = sum(time.total_minutes for time in times)
    assert 180 <= total <= 720, f"the course takes {total} minutes"
