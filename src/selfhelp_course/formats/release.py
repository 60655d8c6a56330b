"""A versioned release of the course: what `make release` puts in _build/release/<version>/.

Pure functions (and small file helpers) used by formats/make_release.py and by the download page:
the version (pyproject.toml, the one place it is set), whether CHANGELOG.md has an entry for it,
the release's file names, deterministic zips of a built site, SHA256SUMS and release.json.
Standard library only, so the check that refuses an unlogged version runs before anything is built.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

IDENTIFIER = "supporting-self-help-groups"  # as the SCORM packages' names (_scorm.IDENTIFIER)
PYPROJECT = "pyproject.toml"
CHANGELOG = "CHANGELOG.md"
RELEASE_DIR = Path("_build") / "release"
RECORD = "release.json"
SUMS = "SHA256SUMS"
NOT_FOR_LEARNERS = "README-NOT-FOR-LEARNERS.txt"
# Every zip entry gets this timestamp, so the same build always makes the same zip.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


class ReleaseError(Exception):
    """The release cannot be built; the message says why and what to do."""


def project_version(root: Path) -> str:
    """``[project] version`` from pyproject.toml."""
    path = root / PYPROJECT
    try:
        version = tomllib.loads(path.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as error:
        raise ReleaseError(f"{path}: no [project] version ({error})") from None
    if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+\.\d+([.-]?\w+)*", version):
        raise ReleaseError(f"{path}: [project] version {version!r} is not a version like 1.2.0")
    return version


def changelog_entry(text: str, version: str) -> str | None:
    """The text of the Keep a Changelog entry ``## [version] - YYYY-MM-DD`` (pure), or None.

    ``[Unreleased]`` is not an entry for any version, and an entry with nothing under its heading
    does not count either: a release says what changed."""
    heading = re.compile(rf"^##\s+\[?{re.escape(version)}\]?(\s+-\s+\d{{4}}-\d{{2}}-\d{{2}})?\s*$", re.M)
    match = heading.search(text)
    if match is None:
        return None
    rest = text[match.end() :]
    following = re.search(r"^##\s", rest, re.M)
    body = (rest[: following.start()] if following else rest).strip()
    return body or None


def check_changelog(root: Path) -> str:
    """The version, if CHANGELOG.md has an entry for it; else ReleaseError saying what to add."""
    version = project_version(root)
    path = root / CHANGELOG
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if changelog_entry(text, version) is None:
        raise ReleaseError(
            f"{path} has no entry for version {version} (the version in {PYPROJECT}): add a "
            f"section '## [{version}] - YYYY-MM-DD' saying what changed (Keep a Changelog), "
            "or set the version in pyproject.toml to the one you mean to release"
        )
    return version


@dataclass(frozen=True)
class Format:
    """One file of a release: its key, what it is, and its name for a version."""

    key: str
    label: str
    description: str
    suffix: str

    def file_name(self, version: str) -> str:
        return f"{IDENTIFIER}-{version}{self.suffix}"


# The release's files, in the order the download page lists them.
FORMATS = (
    Format(
        "site",
        "Website, offline copy (zip)",
        "the whole learner site; unzip it and open index.html in a browser, no internet needed",
        "-site.zip",
    ),
    Format(
        "epub",
        "E-book (EPUB 3)",
        "the course as an e-book, every activity as text, answers at the end of each chapter",
        ".epub",
    ),
    Format(
        "workbook",
        "Workbook (PDF)",
        "the case studies and reflection prompts with space to write, for a CPD session",
        "-workbook.pdf",
    ),
    Format(
        "scorm2004",
        "SCORM 2004 4th edition package",
        "for a learning management system that takes SCORM 2004",
        "-scorm2004.zip",
    ),
    Format(
        "scorm12",
        "SCORM 1.2 package",
        "for Moodle, Totara, the NHS Learning Hub and other systems that take SCORM 1.2",
        "-scorm12.zip",
    ),
    Format(
        "trainer",
        "Trainer edition (zip), not for learners",
        "the site with instructor notes and answer keys, for trainers only",
        "-trainer-edition-NOT-FOR-LEARNERS.zip",
    ),
)
FORMAT_KEYS = tuple(f.key for f in FORMATS)

#: {title} is _config.yml's (_facts.course_title), {version} the release's.
TRAINER_README = """\
TRAINER EDITION: NOT FOR LEARNERS

This is the trainer edition of "{title}", version {version}. Every page
carries instructor notes and answer keys. Do not publish it where learners can see it, and do
not upload it to a learning management system for learners: use the learner site or a SCORM
package of the release instead.

Open index.html in a browser to read it offline.
"""


def zip_folder(folder: Path, target: Path, top: str, extra: dict[str, bytes] | None = None) -> Path:
    """Zip every file under ``folder`` (hidden files, such as Sphinx's .buildinfo, left out) into
    ``target`` under the top folder ``top``, with ``extra`` files beside them; the same files
    always make the same zip."""
    if not (folder / "index.html").is_file():
        raise ReleaseError(f"{folder} holds no built site")
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            files[relative.as_posix()] = path
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted((extra or {}).items()):
            archive.writestr(
                zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED
            )
        for name, path in files.items():
            if name in (extra or {}):
                raise ReleaseError(f"{folder} already has {name}")
            archive.writestr(
                zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_TIME),
                path.read_bytes(),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return target


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sums_text(files: list[dict]) -> str:
    """SHA256SUMS in the format `sha256sum -c` reads (pure): "<hash>  <name>" a line."""
    return "".join(f"{entry['sha256']}  {entry['file']}\n" for entry in files)


def release_record(
    version: str, commit: str, clean: bool, built: str, files: list[dict], title: str, rights: str
) -> dict:
    """What release.json holds (pure)."""
    return {
        "name": IDENTIFIER,
        "title": title,
        "version": version,
        "commit": commit,
        "tree_clean": clean,
        "built": built,
        "rights": rights,
        "files": files,
    }


def read_record(root: Path, version: str | None = None) -> dict | None:
    """The release.json of this version's release folder, or None when there is none (or it is
    unreadable, or for another version)."""
    try:
        version = version or project_version(root)
        record = json.loads((root / RELEASE_DIR / version / RECORD).read_text(encoding="utf-8"))
    except (ReleaseError, OSError, ValueError):
        return None
    if (
        not isinstance(record, dict)
        or record.get("version") != version
        or not isinstance(record.get("files"), list)
    ):
        return None
    return record


def human_size(size: int) -> str:
    """Bytes for people (pure): 950 -> "950 bytes", 48_300 -> "47 KB", 5_400_000 -> "5.1 MB"."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"
