"""SCORM packages of the learner site for learning management systems: `make scorm`.

Writes two zips into _build/scorm/, one for SCORM 2004 4th edition and one for SCORM 1.2, from
the built site (_build/html); selfhelp_course.lms.scorm says what is in them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfhelp_course.errors import ContentError
from selfhelp_course.lms.scorm import (
    EDITION_NAMES,
    EDITIONS,
    IDENTIFIER,
    SCHEMA_ROOT,
    course_info,
    write_package,
)

ROOT = Path(__file__).resolve().parents[3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "scorm")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run `make book` first", file=sys.stderr)
        return 1
    try:
        info = course_info(ROOT)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    for old in args.out.glob(f"{IDENTIFIER}-*.zip"):  # an earlier version's packages
        old.unlink()
    for edition in EDITIONS:
        package = write_package(edition, info, args.site, ROOT / SCHEMA_ROOT, args.out)
        size = package.stat().st_size / 1024 / 1024
        print(
            f"{EDITION_NAMES[edition]}: {package.relative_to(Path.cwd()) if package.is_relative_to(Path.cwd()) else package} ({size:.1f} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
