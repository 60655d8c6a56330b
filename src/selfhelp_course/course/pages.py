"""Reading a course page: the one parse that the manifest, session plans, slides and tests use.

A page is a MyST Markdown notebook. Its code cells come from jupytext (as Jupyter Book sees
them) and are parsed with Python's own parser to find the activities the page shows; its prose
is parsed with the MyST Markdown parser (markdown-it tokens) to find the title, the learning
objectives, the key points and a case study's discussion questions.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser

from ..errors import ContentError
from .facts import EXPLORER_ID, KIND_BY_CALL
from .structure import page_path

DISCUSSION_HEADING = "Discussion questions for a group session"
_MARKDOWN = create_md_parser(
    MdParserConfig(enable_extensions={"colon_fence", "deflist", "substitution"}), DocutilsRenderer
)


@dataclass(frozen=True)
class Page:
    docname: str
    path: Path
    title: str
    #: [{"kind", "id"}] in the order the page shows them.
    activities: tuple[dict, ...]
    #: Items of the ``objectives`` admonition, as Markdown source (roles and citations kept).
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]
    discussion_questions: tuple[str, ...]


def parse_text(text: str, docname: str = "", path: Path = Path("page.md")) -> Page:
    """A page from its MyST Markdown source (for pages not on disk, and tests)."""
    return _parse(text, docname, path)


def read_page(root: Path, docname: str) -> Page:
    path = page_path(root, docname)
    stat = path.stat()
    return _read(path, docname, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _read(path: Path, docname: str, _mtime: int, _size: int) -> Page:
    return _parse(path.read_text(encoding="utf-8"), docname, path)


def _parse(text: str, docname: str, path: Path) -> Page:
    # Imported here, not at the top: jupytext brings nbformat and jsonschema, about 1.3 s of
    # imports, and every page's kernel imports this package while only the progress and
    # portfolio pages read other pages (a second per page executed, in the build and the tests).
    import jupytext

    notebook = (
        jupytext.reads(text, fmt="md:myst") if path.suffix == ".md" else jupytext.reads(text, fmt="ipynb")
    )
    tokens = _MARKDOWN.parse(_prose(notebook))
    return Page(
        docname=docname,
        path=path,
        title=_title(tokens),
        activities=tuple(_activities(path, notebook)),
        objectives=tuple(_admonition_items(tokens, "objectives")),
        key_points=tuple(_admonition_items(tokens, "key-points")),
        discussion_questions=tuple(_section_items(tokens, DISCUSSION_HEADING)),
    )


def _prose(notebook) -> str:
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def _activities(path: Path, notebook) -> list[dict]:
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        # IPython's own syntax (magics, shell escapes) is not Python.
        code = "\n".join(
            "" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines()
        )
        try:
            tree = ast.parse(code)
        except SyntaxError as error:
            raise ContentError(
                path,
                None,
                "",
                f"a code cell is not valid Python ({error.msg}, line {error.lineno} of the cell)",
            ) from None
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KIND_BY_CALL
        ]
        for call in sorted(calls, key=lambda node: (node.lineno, node.col_offset)):
            # `calls` holds only calls of a plain name (filtered above); mypy cannot carry that over.
            kind = KIND_BY_CALL[call.func.id].kind  # type: ignore[attr-defined]
            # The explorer has one instance and no id; the evaluation is left out: it never
            # counts towards progress, so no page lists it (its stages are arguments, not ids).
            if kind == "evaluation":
                continue
            ids = (
                [EXPLORER_ID]
                if kind == "explorer"
                else [
                    arg.value
                    for arg in call.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                ]
            )
            found += [{"kind": kind, "id": item_id} for item_id in ids]
    return found


def _title(tokens: list[Token]) -> str:
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return tokens[index + 1].content.strip()
    return ""


def _admonition_items(tokens: list[Token], css_class: str) -> list[str]:
    for token in tokens:
        if token.type not in ("fence", "colon_fence") or not token.info.strip().startswith("{admonition}"):
            continue
        body = token.content.splitlines()
        options = [line for line in body if line.startswith(":")]
        if any(line.startswith(":class:") and css_class in line.split()[1:] for line in options):
            return _list_items(_MARKDOWN.parse("\n".join(line for line in body if line not in options)))
    return []


def _section_items(tokens: list[Token], heading: str) -> list[str]:
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and tokens[index + 1].content.strip() == heading:
            rest = []
            for later in tokens[index + 3 :]:
                if later.type == "heading_open":
                    break
                rest.append(later)
            return _list_items(rest)
    return []


def _list_items(tokens: list[Token]) -> list[str]:
    """The first paragraph of each top-level item of the first list, one line each."""
    items: list[str] = []
    depth = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and items:
                break
        elif token.type == "list_item_open" and depth == 1:
            inline = next((t for t in tokens[index + 1 :] if t.type == "inline"), None)
            if inline is not None:
                items.append(" ".join(inline.content.split()))
    return items
