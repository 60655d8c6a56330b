"""Course structure and timing, read from _toc.yml and each page's front matter.

Pure functions over files, shared by the Sphinx extension (the CPD summary table) and the
tests, so there is one reading of "how long is this course".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ._content import ContentError

PAGE_SUFFIXES = (".md", ".ipynb")


@dataclass(frozen=True)
class PageTime:
    docname: str
    teaching_minutes: int
    activity_minutes: int

    @property
    def total_minutes(self) -> int:
        return page_minutes(
            {"teaching_minutes": self.teaching_minutes, "activity_minutes": self.activity_minutes}
        )


def page_minutes(page: dict) -> int:
    """A page's learning time: its teaching and activity minutes (a manifest page, or the like).
    The one definition for Python; js/lib/progress.js pageMinutes is its twin, and both are
    tested on tests/page_minutes_cases.json."""
    return page["teaching_minutes"] + page["activity_minutes"]


def toc_docnames(root: Path) -> list[str]:
    """Every page in _toc.yml, in reading order (root first)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return [str(Path(name).with_suffix("")) for name in names]


def page_path(root: Path, docname: str) -> Path:
    for suffix in PAGE_SUFFIXES:
        path = root / f"{docname}{suffix}"
        if path.is_file():
            return path
    raise FileNotFoundError(f"_toc.yml names {docname!r} but no .md or .ipynb file exists")


def front_matter(path: Path) -> dict:
    """The YAML front matter of a MyST page (empty when it has none)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ContentError(path, 1, "", "front matter starts with --- but never ends")
    try:
        return yaml.safe_load(text[4:end]) or {}
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 2 if error.problem_mark else 1
        raise ContentError(path, line, "", f"front matter is not valid YAML: {error.problem}") from None


def page_time(root: Path, docname: str) -> PageTime | None:
    """Minutes from the page's ``course:`` front matter; None for pages without it."""
    path = page_path(root, docname)
    course = front_matter(path).get("course")
    if course is None:
        return None
    minutes = []
    for field in ("teaching_minutes", "activity_minutes"):
        value = course.get(field) if isinstance(course, dict) else None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 600:
            raise ContentError(
                path,
                _front_matter_line(path, field),
                f"course.{field}",
                f"must be a whole number of minutes from 0 to 600, not {value!r}",
            )
        minutes.append(value)
    return PageTime(docname, *minutes)


def _front_matter_line(path: Path, field: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().startswith(f"{field}:"):
            return number
    return 1


def course_times(root: Path) -> list[PageTime]:
    return [time for name in toc_docnames(root) if (time := page_time(root, name))]


def cpd_time(minutes: int, decimal: bool = False) -> str:
    """Course time as the course states it, never rounded: ``0 h 25 min``. With ``decimal``,
    hours to two places for a form that asks for a decimal (``0.42 h``), the one place where a
    value is rounded, and so said wherever it is shown. The same function as ``cpdTime`` in
    ``js/lib/cpd-time.js``; both are tested on the cases in ``tests/cpd_time_cases.json``."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise ValueError(f"course time is a whole number of minutes from 0, not {minutes!r}")
    if decimal:
        hundredths = (minutes * 5 + 1) // 3  # minutes / 60 to the nearest hundredth (never a tie)
        return f"{hundredths // 100}.{hundredths % 100:02d} h"
    return f"{minutes // 60} h {minutes % 60} min"
