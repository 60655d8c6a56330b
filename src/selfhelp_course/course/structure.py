"""Course structure and timing, read from _toc.yml and each page's front matter; and
:func:`course_root`, the folder every reader of the course's files starts from.

Pure functions over files, shared by the Sphinx extension (the CPD summary table) and the
tests, so there is one reading of "how long is this course".
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import ContentError

if TYPE_CHECKING:
    from sphinx_external_toc.api import SiteMap

PAGE_SUFFIXES = (".md", ".ipynb")
ROOT_ENV = "SELFHELP_COURSE_ROOT"


def course_root() -> Path:
    """The repository root: $SELFHELP_COURSE_ROOT, else the nearest folder up with _config.yml."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "data" / "activities").is_dir():
            return folder
    raise FileNotFoundError(
        f"cannot find the course folder above {here}; set {ROOT_ENV} to the repository root"
    )


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


def page_minutes(page: Mapping[str, Any]) -> int:
    """A page's learning time: its teaching and activity minutes (a manifest page, or the like).
    The one definition for Python; js/lib/progress.js pageMinutes is its twin, and both are
    tested on tests/page_minutes_cases.json."""
    return page["teaching_minutes"] + page["activity_minutes"]


@dataclass(frozen=True)
class TocPage:
    docname: str
    part: str  # the caption of the part it is in; "" for the root page and pages outside a part


# Jupyter Book 1's own exclude_patterns, to which _config.yml's are added (jupyter_book/config.py).
BOOK_EXCLUDE_PATTERNS = ("_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints")


def toc_pages(root: Path) -> list[TocPage]:
    """Every page in _toc.yml in reading order (root first), with its part caption.

    The file is read by sphinx_external_toc, the parser the book's build uses, so the course and
    Sphinx cannot read it differently. A ``glob:`` lists the pages it matches, sorted by name, as
    Sphinx does; a page already listed keeps its first place (Sphinx would list it twice). A
    ``url:`` is a link, not a page. A malformed file is a ContentError naming _toc.yml and the line.
    """
    from sphinx_external_toc.api import FileItem, GlobItem

    path = root / "_toc.yml"
    site_map = _parse_toc(path)
    pages: list[TocPage] = []
    seen: set[str] = set()
    found: set[str] | None = None  # every page file Sphinx would find; listed on the first glob

    def add(docname: str, part: str) -> None:
        if docname not in seen:
            seen.add(docname)
            pages.append(TocPage(docname, part))

    def walk(name: str, part: str | None) -> None:
        nonlocal found
        left = None  # pages a glob in this document may still list (Sphinx: not itself, not twice)
        for subtree in site_map[name].subtrees:
            caption = (subtree.caption or "") if part is None else part
            for item in subtree.items:
                if isinstance(item, FileItem):
                    add(_docname(item), caption)
                    walk(str(item), caption)
                elif isinstance(item, GlobItem):
                    if found is None:
                        found = _found_docnames(root)
                    if left is None:
                        left = found - {_docname(name)}
                    matches = _glob(left, str(item))
                    if not matches:
                        raise ContentError(
                            path, _toc_line(path, str(item)), "", f"glob {item!r} matches no page"
                        )
                    left -= set(matches)
                    for docname in matches:
                        add(docname, caption)

    add(_docname(site_map.root.docname), "")
    walk(site_map.root.docname, None)
    return pages


def toc_docnames(root: Path) -> list[str]:
    """Every page in _toc.yml, in reading order (root first)."""
    return [page.docname for page in toc_pages(root)]


def toc_parts(root: Path) -> dict[str, str]:
    """Each page's part caption in _toc.yml ("" for the root page and pages outside a part)."""
    return {page.docname: page.part for page in toc_pages(root)}


def _parse_toc(path: Path) -> SiteMap:
    """_toc.yml as sphinx_external_toc's SiteMap; any error in it as a ContentError."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    try:
        return parse_toc_yaml(path)
    except OSError:
        raise
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise ContentError(path, line, "", f"is not valid YAML: {error.problem}") from None
    except Exception as error:  # MalformedError, or a shape its checks do not foresee
        message = str(error) or type(error).__name__
        raise ContentError(path, _malformed_line(path, message), "", message) from None


def _malformed_line(path: Path, message: str) -> int:
    """The line a sphinx_external_toc message points at: its ``@ '/parts/0/chapters/1/'`` path,
    else the last place the last quoted name in it is written, else 1."""
    node = yaml.compose(path.read_text(encoding="utf-8"))
    if node is None:
        return 1
    if (at := re.search(r"@ '(/[^']*)'", message)) is not None:
        for step in filter(None, at.group(1).split("/")):
            if isinstance(node, yaml.MappingNode):
                node = next((value for key, value in node.value if key.value == step), node)
            elif isinstance(node, yaml.SequenceNode) and step.isdigit() and int(step) < len(node.value):
                node = node.value[int(step)]
        return node.start_mark.line + 1
    if names := re.findall(r"'([^']*)'", message):
        return _toc_line(path, names[-1])
    return node.start_mark.line + 1


def _toc_line(path: Path, value: str) -> int:
    """The line of the last scalar in _toc.yml written as ``value`` (1 if none is)."""
    lines = [1]

    def visit(node) -> None:
        if isinstance(node, yaml.ScalarNode) and node.value == value:
            lines.append(node.start_mark.line + 1)
        elif isinstance(node, yaml.MappingNode):
            for key, item in node.value:
                visit(key)
                visit(item)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                visit(item)

    visit(yaml.compose(path.read_text(encoding="utf-8")))
    return lines[-1]


def _docname(name: str) -> str:
    """A page name as _toc.yml may write it (``book/safety`` or ``book/safety.md``), without suffix."""
    return str(Path(name).with_suffix(""))


def _found_docnames(root: Path) -> set[str]:
    """Every page Sphinx would find under root: .md and .ipynb files that no exclude pattern
    (Sphinx's, Jupyter Book's and _config.yml's) leaves out."""
    from sphinx.project import EXCLUDE_PATHS
    from sphinx.util.matching import get_matching_files

    config_path = root / "_config.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) if config_path.is_file() else None
    exclude = [*EXCLUDE_PATHS, *BOOK_EXCLUDE_PATTERNS, *((config or {}).get("exclude_patterns") or [])]
    include = [f"**{suffix}" for suffix in PAGE_SUFFIXES]
    return {_docname(name) for name in get_matching_files(root, include, exclude)}


def _glob(docnames: set[str], pattern: str) -> list[str]:
    """The docnames a toctree glob matches, sorted, by Sphinx's own matcher."""
    from sphinx.util.matching import patfilter

    return sorted(patfilter(docnames, pattern))


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
