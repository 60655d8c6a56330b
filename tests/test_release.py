"""`make release` (selfhelp_course.formats.make_release, selfhelp_course.formats.release): it refuses a version that
CHANGELOG.md has no entry for, before building anything; the release folder holds every format,
a SHA256SUMS that `sha256sum -c` verifies and a release.json that tells the truth about each file.
The offline site zip is walked from file:// in tests/browser/test_release_offline.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime

import pytest

from paths import ROOT
from release_build import built_release
from selfhelp_course.formats.release import (
    CHANGELOG,
    FORMATS,
    NOT_FOR_LEARNERS,
    RECORD,
    SUMS,
    ReleaseError,
    changelog_entry,
    check_changelog,
    human_size,
    project_version,
    sums_text,
)

SCRIPT = "selfhelp_course.formats.make_release"
LOG = """# Changelog

## [Unreleased]

### Added
- Something new.

## [1.1.0] - 2026-12-01

## [1.0.0] - 2026-11-01

### Added
- The course.
"""


@pytest.mark.parametrize(
    "version, logged",
    [
        ("1.0.0", True),
        ("1.1.0", False),  # a heading with nothing under it says nothing about the version
        ("1.2.0", False),  # only under [Unreleased]
        ("1.0", False),  # not a prefix match
        ("0.1.0", False),
    ],
)
def test_a_version_has_an_entry_only_with_its_own_heading_and_text(version, logged):
    assert (changelog_entry(LOG, version) is not None) is logged


def test_the_entry_is_the_text_up_to_the_next_heading():
    assert changelog_entry(LOG, "1.0.0") == "### Added\n- The course."


def test_the_course_version_is_logged():
    assert check_changelog(ROOT) == project_version(ROOT)


def scratch_root(tmp_path, version: str, changelog: str | None):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\nversion = "{version}"\n', encoding="utf-8"
    )
    if changelog is not None:
        (tmp_path / CHANGELOG).write_text(changelog, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("changelog", [LOG, None], ids=["no entry", "no changelog"])
def test_make_release_refuses_a_version_without_a_changelog_entry(tmp_path, changelog):
    root = scratch_root(tmp_path / "course", "1.2.0", changelog)
    for args in (["--check"], []):
        done = subprocess.run(
            [sys.executable, "-m", SCRIPT, "--root", str(root), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1, done.stdout + done.stderr
        assert "has no entry for version 1.2.0" in done.stderr
        assert "## [1.2.0] - YYYY-MM-DD" in done.stderr
    assert not (root / "_build").exists(), "nothing may be built for an unlogged version"


def test_a_malformed_version_is_refused(tmp_path):
    root = scratch_root(tmp_path, "one point two", LOG)
    with pytest.raises(ReleaseError, match="is not a version like"):
        check_changelog(root)


def test_make_release_checks_the_changelog_before_it_builds_anything():
    """The Makefile's recipe: the check is its first command, before any build."""
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "release", "BIN=.venv/bin"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    check = next(i for i, line in enumerate(lines) if "selfhelp_course.formats.make_release --check" in line)
    builds = [
        i
        for i, line in enumerate(lines)
        if "jupyter-book build" in line or ("make_" in line and "--check" not in line)
    ]
    assert builds and check < min(builds), lines


def test_sums_are_in_the_format_sha256sum_reads():
    assert sums_text([{"file": "a.zip", "sha256": "ab" * 32}]) == f"{'ab' * 32}  a.zip\n"


@pytest.mark.parametrize("size, text", [(950, "950 bytes"), (48_300, "47 KB"), (5_400_000, "5.1 MB")])
def test_sizes_for_people(size, text):
    assert human_size(size) == text


# ---------------------------------------------------------------- the release itself
def test_the_release_holds_every_format_and_its_records():
    out = built_release()
    version = project_version(ROOT)
    assert out.name == version
    expected = {fmt.file_name(version) for fmt in FORMATS} | {SUMS, RECORD}
    assert {path.name for path in out.iterdir()} == expected


def test_sha256sums_verifies():
    out = built_release()
    done = subprocess.run(
        ["sha256sum", "--strict", "-c", SUMS], cwd=out, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(FORMATS)


def test_sha256sums_catches_a_changed_file(tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(built_release(), copy)
    workbook = next(copy.glob("*-workbook.pdf"))
    workbook.write_bytes(workbook.read_bytes() + b"\n")
    done = subprocess.run(["sha256sum", "-c", SUMS], cwd=copy, capture_output=True, text=True)
    assert done.returncode != 0 and f"{workbook.name}: FAILED" in done.stdout


def test_release_json_lists_each_file_with_its_size_version_commit_and_date():
    out = built_release()
    record = json.loads((out / RECORD).read_text(encoding="utf-8"))
    assert record["version"] == project_version(ROOT)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{40}", record["commit"]) and record["commit"] == head
    assert isinstance(record["tree_clean"], bool)
    built = datetime.fromisoformat(record["built"].replace("Z", "+00:00"))
    assert built.tzinfo is not None
    assert [entry["format"] for entry in record["files"]] == [fmt.key for fmt in FORMATS]
    for entry in record["files"]:
        assert entry["bytes"] == (out / entry["file"]).stat().st_size > 0
    assert "CC BY-SA 4.0" in record["rights"]


def test_the_trainer_edition_is_marked_not_for_learners_in_its_name_and_inside():
    out = built_release()
    trainer = next(out.glob("*trainer*.zip"))
    assert "NOT-FOR-LEARNERS" in trainer.name
    with zipfile.ZipFile(trainer) as archive:
        names = archive.namelist()
        top = trainer.stem
        assert f"{top}/{NOT_FOR_LEARNERS}" in names
        assert "NOT FOR LEARNERS" in archive.read(f"{top}/{NOT_FOR_LEARNERS}").decode()
        assert "Trainer edition" in archive.read(f"{top}/book/welcome.html").decode()


def test_the_learner_site_zip_is_the_learner_edition_without_hidden_files():
    out = built_release()
    site = next(out.glob("*-site.zip"))
    with zipfile.ZipFile(site) as archive:
        names = archive.namelist()
        assert all(name.startswith(f"{site.stem}/") for name in names)
        assert f"{site.stem}/index.html" in names
        assert not [name for name in names if "/." in name], "hidden files (.buildinfo) left in"
        assert "Trainer edition" not in archive.read(f"{site.stem}/book/welcome.html").decode()
