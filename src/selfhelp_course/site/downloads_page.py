"""The "Download this course" page (book/download.md, ``{course-downloads}``): each format of a
release with its size, from the release.json that `make release` writes for the version in
pyproject.toml (_build/release/<version>/release.json). On a site built without a release it
lists the formats and says how to make one.

Whoever publishes the files next to the site sets ``COURSE_DOWNLOAD_URL`` (the address of the
folder they are in) when building the site; the file names then link there. Unset, the page
names the files without links, so it never points at a file that is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..formats.release import (
    FORMATS,
    RECORD,
    RELEASE_DIR,
    SUMS,
    ReleaseError,
    human_size,
    project_version,
    read_record,
)

DOWNLOAD_URL = "COURSE_DOWNLOAD_URL"


def downloads_markdown(root: Path, base_url: str | None = None) -> str:
    """The page's body as MyST Markdown (reads only pyproject.toml and release.json)."""
    base_url = (os.environ.get(DOWNLOAD_URL, "") if base_url is None else base_url).strip()
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    version = project_version(root)
    record = read_record(root, version)
    if record is None:
        rows = [f"| {fmt.label} | {fmt.description} |" for fmt in FORMATS]
        return "\n".join(
            [
                f"This copy of the course (version {version}) was built without a release, so there "
                "are no files to download with it yet. A release has these formats:",
                "",
                "| Format | What it is for |",
                "| --- | --- |",
                *rows,
                "",
                "To make a release, run `make release` in the course's folder (the README says what it "
                f"needs). It writes every file into `{RELEASE_DIR.as_posix()}/{version}/`, with "
                f"`{SUMS}` and `{RECORD}`; build the site again afterwards and this page lists them "
                "with their sizes.",
            ]
        )
    labels = {fmt.key: fmt for fmt in FORMATS}
    rows = []
    for entry in record["files"]:
        name = str(entry.get("file", ""))
        fmt = labels.get(entry.get("format"))
        shown = f"[`{name}`]({base_url}{name})" if base_url else f"`{name}`"
        rows.append(
            f"| {fmt.label if fmt else entry.get('label', '')} | {shown} | "
            f"{human_size(int(entry.get('bytes', 0)))} | "
            f"{fmt.description if fmt else entry.get('description', '')} |"
        )
    where = (
        f"The files are published at <{base_url}>."
        if base_url
        else "Whoever published this course keeps these files beside it; if you cannot find "
        "them, ask the person or team who gave you the link, or build them yourself with "
        "`make release`."
    )
    sums = f"[`{SUMS}`]({base_url}{SUMS})" if base_url else f"`{SUMS}`"
    return "\n".join(
        [
            f"Version {version}, built on {str(record.get('built', ''))[:10]} from commit "
            f"`{str(record.get('commit', ''))[:12]}`. {where}",
            "",
            "| Format | File | Size | What it is for |",
            "| --- | --- | --- | --- |",
            *rows,
            "",
            f"{sums} holds each file's SHA-256 checksum: `sha256sum -c {SUMS}` in the folder "
            "with the files checks that each arrived whole.",
            "",
            "The trainer edition carries instructor notes and answer keys: it is for trainers, not for "
            "learners, and says so in its name and inside.",
        ]
    )


def setup_downloads(app) -> None:
    from sphinx.util.docutils import SphinxDirective

    class CourseDownloadsDirective(SphinxDirective):
        """``{course-downloads}``: the release's files and sizes (downloads_markdown)."""

        has_content = False

        def run(self):
            root = Path(self.env.srcdir)
            self.env.note_dependency(str(root / "pyproject.toml"))
            try:
                version = project_version(root)
            except ReleaseError as error:
                raise self.error(str(error)) from None
            # Rebuilt when the release appears or changes (Sphinx rereads a page whose
            # dependency is missing on every build: one short page).
            self.env.note_dependency(str(root / RELEASE_DIR / version / RECORD))
            return self.parse_text_to_nodes(downloads_markdown(root))

    app.add_directive("course-downloads", CourseDownloadsDirective)
