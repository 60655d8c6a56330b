"""Course timing from _toc.yml and front matter."""

from __future__ import annotations

import json

import pytest

from paths import REFERENCE_PAGES, ROOT
from selfhelp_course.course.cpd_time import cpd_time
from selfhelp_course.course.structure import (
    PageTime,
    TocPage,
    course_times,
    page_minutes,
    page_time,
    toc_docnames,
    toc_pages,
)
from selfhelp_course.errors import ContentError

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


# The course's _toc.yml as it reads today (2026-12-07): every page in reading order with its part.
COURSE_TOC = {
    "": ["book/welcome"],
    "The course": [
        "book/what-is-a-self-help-group",
        "book/esteem-evidence",
        "book/wellbeing",
        "book/practitioner-role",
        "book/finding-groups",
        "book/safety",
        "book/commissioners",
    ],
    "Case studies": [
        "case_studies/cancer-group",
        "case_studies/mental-health-peer-group",
        "case_studies/carers-group",
        "case_studies/community-group",
    ],
    "Data notebooks": ["notebooks/esteem-sample", "notebooks/wellbeing-data"],
    "Assessment": ["book/assessment"],
    "Your record": ["book/progress", "book/evaluation", "book/portfolio"],
    "For trainers": [
        "trainer/index",
        "trainer/session-plans",
        "trainer/editing-content",
        "trainer/slides-and-workbook",
        "trainer/running-a-class",
        "trainer/class-report",
        "trainer/lms",
        "trainer/publishing",
    ],
    "Reference": ["book/about", "book/download", "book/glossary", "book/references", "book/execution-status"],
}


def test_toc_pages_read_the_course_toc_as_before_reading_order_and_parts():
    """Issue 24: sphinx_external_toc's reading of _toc.yml gives what the hand-written walkers
    gave: the same pages, in the same order, under the same part captions."""
    expected = [TocPage(name, part) for part, names in COURSE_TOC.items() for name in names]
    assert toc_pages(ROOT) == expected
    assert toc_docnames(ROOT) == [page.docname for page in expected]


GLOB_TOC = """\
format: jb-book
root: index
parts:
  - caption: Pages
    chapters:
      - file: pages/b.md
      - glob: pages/*
      - url: https://example.org/elsewhere
        title: Elsewhere
  - caption: More
    chapters:
      - file: more/intro
        sections:
          - glob: more/**
"""


def test_a_glob_lists_its_pages_in_sphinx_order_once_and_a_url_is_not_a_page(tmp_path, write):
    """A glob lists the pages it matches sorted by name, as Sphinx does (``*`` stays in its folder,
    ``**`` goes into subfolders; files that are not pages, files _config.yml's exclude_patterns
    leave out (the course's leave out hidden files) and the page holding the glob are left out). A page already in the reading order keeps its first
    place (Sphinx would list it twice). A url is a link, not a page of the course."""
    write("_toc.yml", GLOB_TOC)
    write("_config.yml", 'exclude_patterns: [".*", "**/.*", "**/old*"]\n')
    for name in ("index.md", "pages/a.md", "pages/b.md", "pages/c.ipynb", "pages/sub/d.md"):
        write(name, "# A page\n")
    for name in ("pages/notes.txt", "pages/.hidden.md", "pages/old.md"):
        write(name, "not a page\n")
    for name in ("more/intro.md", "more/z.md", "more/x/y.md"):
        write(name, "# A page\n")
    assert toc_pages(tmp_path) == [
        TocPage("index", ""),
        TocPage("pages/b", "Pages"),
        TocPage("pages/a", "Pages"),
        TocPage("pages/c", "Pages"),
        TocPage("more/intro", "More"),
        TocPage("more/x/y", "More"),
        TocPage("more/z", "More"),
    ]


def test_a_glob_that_matches_no_page_names_the_toc_and_line(tmp_path, write):
    """Sphinx only warns (the build's -W makes it fatal); the course says where, before the build."""
    write("_toc.yml", "format: jb-book\nroot: index\nchapters:\n  - file: a\n  - glob: drafts/*\n")
    write("index.md", "# Home\n")
    write("a.md", "# A\n")
    with pytest.raises(ContentError) as caught:
        toc_pages(tmp_path)
    assert caught.value.path == str(tmp_path / "_toc.yml")
    assert caught.value.line == 5
    assert "'drafts/*' matches no page" in caught.value.message


MALFORMED_TOCS = {
    "not YAML": ("format: jb-book\nroot: index\nchapters: [\n  - file: a\n", 4, "not valid YAML"),
    "no file, glob or url": (
        "format: jb-book\nroot: index\nparts:\n  - caption: A\n    chapters:\n      - file: a\n"
        "      - fille: b\n",
        7,
        "does not contain one of",
    ),
    "a page twice": (
        "format: jb-book\nroot: index\nchapters:\n  - file: a\n  - file: b\n  - file: a\n",
        6,
        "used multiple times: 'a'",
    ),
    "no root": ("format: jb-book\nchapters:\n  - file: a\n", 1, "'root' key not found"),
    "unknown format": ("format: jb-bok\nroot: index\n", 1, "not recognised: 'jb-bok'"),
    "a caption that is not text": (
        "format: jb-book\nroot: index\nparts:\n  - caption: [A]\n    chapters:\n      - file: a\n",
        4,
        "caption",
    ),
    "not a mapping": ("- file: a\n", 1, "not a mapping"),
}


@pytest.mark.parametrize("text, line, words", MALFORMED_TOCS.values(), ids=MALFORMED_TOCS)
def test_a_malformed_toc_is_a_content_error_naming_the_file_and_line(tmp_path, write, text, line, words):
    write("_toc.yml", text)
    with pytest.raises(ContentError) as caught:
        toc_pages(tmp_path)
    assert caught.value.path == str(tmp_path / "_toc.yml")
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{tmp_path / '_toc.yml'}:{line}: ")


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
