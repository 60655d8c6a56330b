"""When each page was last reviewed and when it must be reviewed again (pure functions).

Every page in _toc.yml carries ``last_reviewed`` and ``review_by`` dates in its front matter,
quoted ("2026-12-07": a notebook's metadata is JSON, which has no date type). The foot of every page shows them; the build says which pages are overdue, and the
test suite fails while any is, so a CPD lead can trust the dates a page shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError
from .structure import _front_matter_line, front_matter, page_path, toc_docnames

FIELDS = ("last_reviewed", "review_by")
#: A review date further ahead than this is not a real plan to review the page.
LONGEST_GAP = datetime.timedelta(days=2 * 366)


@dataclass(frozen=True)
class Review:
    docname: str
    last_reviewed: datetime.date
    review_by: datetime.date

    def overdue(self, today: datetime.date) -> bool:
        return today > self.review_by


def page_review(root: Path, docname: str) -> Review:
    """The page's two dates, checked; ContentError names the file, line and field."""
    path = page_path(root, docname)
    meta = front_matter(path)
    dates = []
    for field in FIELDS:
        value = meta.get(field)
        try:
            dates.append(datetime.date.fromisoformat(value if isinstance(value, str) else ""))
        except ValueError:
            raise ContentError(
                path,
                _front_matter_line(path, field) if field in meta else 1,
                field,
                f'every page needs {field}: as a quoted date, "YYYY-MM-DD", in its '
                f"front matter, not {value!r}",
            ) from None
    last, due = dates
    if due <= last:
        raise ContentError(
            path,
            _front_matter_line(path, "review_by"),
            "review_by",
            f"{due} must come after last_reviewed ({last})",
        )
    if due - last > LONGEST_GAP:
        raise ContentError(
            path,
            _front_matter_line(path, "review_by"),
            "review_by",
            f"{due} is more than two years after last_reviewed ({last})",
        )
    return Review(docname, last, due)


def course_reviews(root: Path) -> list[Review]:
    return [page_review(root, name) for name in toc_docnames(root)]


def overdue_pages(reviews: list[Review], today: datetime.date) -> list[Review]:
    return [review for review in reviews if review.overdue(today)]


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def review_line(review: Review) -> str:
    return (
        f"Last reviewed {long_date(review.last_reviewed)}. Next review due by {long_date(review.review_by)}."
    )
