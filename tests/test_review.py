"""Every page's review dates: present, sensible, not past, and shown at the foot of the page."""

from __future__ import annotations

import datetime
import re

import pytest

from paths import ROOT, SITE
from selfhelp_course.course.review_dates import course_reviews, overdue_pages, page_review, review_line
from selfhelp_course.course.structure import toc_docnames
from selfhelp_course.errors import ContentError


def test_no_page_is_past_its_review_date():
    """The rule the build only notes: a course past its review dates does not pass its tests."""
    late = overdue_pages(course_reviews(ROOT), datetime.date.today())
    assert not late, "overdue for review: " + ", ".join(f"{r.docname} (by {r.review_by})" for r in late)


def test_overdue_is_worked_out_from_the_date():
    review = page_review(ROOT, "book/welcome")
    assert overdue_pages([review], review.review_by) == []
    assert overdue_pages([review], review.review_by + datetime.timedelta(days=1)) == [review]


def page(tmp_path, front: str):
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (tmp_path / "index.md").write_text(f"---\n{front}---\n# Page\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("front", "field", "line", "message"),
    [
        ('review_by: "2027-01-01"\n', "last_reviewed", 1, "every page needs last_reviewed"),
        ('last_reviewed: "2026-12-07"\nreview_by: soon\n', "review_by", 3, "as a quoted date"),
        ('last_reviewed: "2026-12-07"\nreview_by: 2027-01-01\n', "review_by", 3, "as a quoted date"),
        ('last_reviewed: "2026-12-07"\nreview_by: "2026-12-01"\n', "review_by", 3, "must come after"),
        ('last_reviewed: "2026-12-07"\nreview_by: "2030-12-01"\n', "review_by", 3, "more than two years"),
    ],
)
def test_bad_dates_are_refused_with_file_line_and_field(tmp_path, front, field, line, message):
    with pytest.raises(ContentError) as error:
        page_review(page(tmp_path, front), "index")
    assert (error.value.field, error.value.line) == (field, line)
    assert message in error.value.message and error.value.path.endswith("index.md")


@pytest.mark.parametrize("docname", toc_docnames(ROOT))
def test_every_built_page_shows_its_review_dates(docname):
    html = (SITE / f"{docname}.html").read_text(encoding="utf-8")
    expected = review_line(page_review(ROOT, docname))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert expected in text, f"{docname}: the page does not say {expected!r}"
