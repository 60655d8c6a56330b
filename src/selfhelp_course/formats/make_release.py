"""Gather a versioned release of the course: `make release` -> _build/release/<version>/.

`make release` first runs this with --check (it refuses a version that CHANGELOG.md has no entry
for, before anything is built), then builds every format (site, EPUB, workbook, SCORM, trainer
edition), then runs this again to gather them: the learner site as an offline zip, the trainer
edition as a zip marked not for learners, the others copied, then SHA256SUMS and release.json
(selfhelp_course.formats.release says what each holds). Run it with the project's Python
(.venv/bin/python -m selfhelp_course.formats.make_release), where the course's package is installed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from selfhelp_course.course.facts import course_title
from selfhelp_course.formats.release import (
    FORMATS,
    NOT_FOR_LEARNERS,
    RECORD,
    RELEASE_DIR,
    SUMS,
    TRAINER_README,
    ReleaseError,
    check_changelog,
    release_record,
    sha256,
    sums_text,
    zip_folder,
)

ROOT = Path(__file__).resolve().parents[3]


def sources(build: Path, version: str) -> dict[str, Path]:
    """Where each format is built (make book, make epub, make workbook, make scorm,
    make trainer-book)."""
    name = f"supporting-self-help-groups-{version}"
    return {
        "site": build / "html",
        "epub": build / "epub" / f"{name}.epub",
        "workbook": build / "workbook" / "workbook.pdf",
        "scorm2004": build / "scorm" / f"{name}-scorm2004.zip",
        "scorm12": build / "scorm" / f"{name}-scorm12.zip",
        "trainer": build / "trainer" / "_build" / "html",
    }


def git(root: Path, *args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def built_at() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def gather(root: Path, build: Path, out_root: Path) -> Path:
    version = check_changelog(root)
    found = sources(build, version)
    missing = [
        f"{key} ({path})"
        for key, path in found.items()
        if key in {f.key for f in FORMATS} and not path.exists()
    ]
    if missing:
        raise ReleaseError("not built yet: " + ", ".join(missing) + "; `make release` builds them")
    out = out_root / version
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = []
    for fmt in FORMATS:
        source, target = found[fmt.key], out / fmt.file_name(version)
        if fmt.key == "site":
            zip_folder(source, target, target.stem)
        elif fmt.key == "trainer":
            zip_folder(
                source,
                target,
                target.stem,
                {
                    NOT_FOR_LEARNERS: TRAINER_README.format(version=version, title=course_title(root)).encode(
                        "utf-8"
                    )
                },
            )
        else:
            shutil.copyfile(source, target)
        files.append(
            {
                "file": target.name,
                "format": fmt.key,
                "label": fmt.label,
                "description": fmt.description,
                "bytes": target.stat().st_size,
                "sha256": sha256(target),
            }
        )
    (out / SUMS).write_text(sums_text(files), encoding="utf-8")
    import yaml

    from selfhelp_course.course.licence import licence_settings, rights_text

    title = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["title"]
    record = release_record(
        version,
        git(root, "rev-parse", "HEAD"),
        git(root, "status", "--porcelain") == "",
        built_at(),
        files,
        title,
        rights_text(licence_settings(root)),
    )
    (out / RECORD).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only check that CHANGELOG.md has an entry for the version"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="the course's folder")
    parser.add_argument("--build", type=Path, help="the build folder (default: ROOT/_build)")
    parser.add_argument("--out", type=Path, help="where versions go (default: ROOT/_build/release)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            print(f"release: CHANGELOG.md has an entry for version {check_changelog(args.root)}")
            return 0
        out = gather(args.root, args.build or args.root / "_build", args.out or args.root / RELEASE_DIR)
    except ReleaseError as error:
        print(f"make release: {error}", file=sys.stderr)
        return 1
    print(f"release: {out}")
    for line in (out / SUMS).read_text(encoding="utf-8").splitlines():
        name = line.split("  ", 1)[1]
        print(f"  {name} ({(out / name).stat().st_size / 1024 / 1024:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
