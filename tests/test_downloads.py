"""The "Download this course" page (book/download.md, _downloads.py): each format of the release
with its size, from release.json; without a release, how to make one; links only where the
files are published (COURSE_DOWNLOAD_URL)."""

from __future__ import annotations

import json
import re

from paths import ROOT, SITE
from selfhelp_course.formats.release import FORMATS, RECORD, RELEASE_DIR, project_version
from selfhelp_course.site.downloads_page import downloads_markdown


def course(tmp_path, version="2.0.0"):
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\nversion = "{version}"\n', encoding="utf-8"
    )
    return tmp_path


def release(root, version, files):
    folder = root / RELEASE_DIR / version
    folder.mkdir(parents=True)
    (folder / RECORD).write_text(
        json.dumps(
            {
                "version": version,
                "commit": "0123456789abcdef" * 2 + "01234567",
                "built": "2026-12-07T12:00:00Z",
                "files": files,
            }
        ),
        encoding="utf-8",
    )


FILES = [
    {"file": "x-2.0.0-site.zip", "format": "site", "bytes": 5_400_000},
    {"file": "x-2.0.0-workbook.pdf", "format": "workbook", "bytes": 48_300},
]


def test_without_a_release_it_lists_the_formats_and_says_how_to_make_one(tmp_path):
    text = downloads_markdown(course(tmp_path), base_url="")
    assert "built without a release" in text and "`make release`" in text
    assert all(fmt.label in text for fmt in FORMATS)
    assert "MB" not in text


def released(tmp_path):
    root = course(tmp_path)
    release(root, "2.0.0", FILES)
    return root


def test_with_a_release_it_lists_each_file_with_its_size(tmp_path):
    text = downloads_markdown(released(tmp_path), base_url="")
    assert "| `x-2.0.0-site.zip` | 5.1 MB |" in text
    assert "| `x-2.0.0-workbook.pdf` | 47 KB |" in text
    assert "2026-12-07" in text and "`0123456789ab`" in text
    assert "](" not in text, "no link to files nobody published"


def test_a_release_of_another_version_is_not_listed(tmp_path):
    root = course(tmp_path, "2.1.0")
    release(root, "2.0.0", FILES)
    assert "built without a release" in downloads_markdown(root, base_url="")


def test_a_download_address_makes_the_names_links(tmp_path):
    text = downloads_markdown(released(tmp_path), base_url="https://example.org/cpd/downloads")
    assert "[`x-2.0.0-site.zip`](https://example.org/cpd/downloads/x-2.0.0-site.zip)" in text
    assert "(https://example.org/cpd/downloads/SHA256SUMS)" in text


def test_a_broken_release_json_counts_as_no_release(tmp_path):
    root = course(tmp_path)
    folder = root / RELEASE_DIR / "2.0.0"
    folder.mkdir(parents=True)
    (folder / RECORD).write_text("{not json", encoding="utf-8")
    assert "built without a release" in downloads_markdown(root, base_url="")


def test_the_built_page_lists_every_format():
    page = " ".join(
        re.sub(r"<[^>]+>", " ", (SITE / "book" / "download.html").read_text(encoding="utf-8")).split()
    )
    assert "Download this course" in page
    version = project_version(ROOT)
    if (ROOT / RELEASE_DIR / version / RECORD).is_file():
        assert all(fmt.file_name(version) in page for fmt in FORMATS)
    else:
        assert all(fmt.label in page for fmt in FORMATS) and "make release" in page
