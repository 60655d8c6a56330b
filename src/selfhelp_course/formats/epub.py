"""The course as an EPUB 3 (`make epub`: Sphinx's epub builder through jupyter-book's custom
builder): every activity as static text (_static_activities.py), no script anywhere (an e-book
reader runs none, and EPUBCheck wants scripted pages declared), and the content licence and
attribution in the package metadata (dc:rights), from ``licence:`` in _config.yml.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.application import Sphinx

from ..activities.as_text import ANSWERS_TITLE, explorer_charts, static_activity, widget_kind
from ..course.licence import licence_settings, rights_text
from ..errors import ContentError
from .release import IDENTIFIER, ReleaseError, project_version

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def is_epub(app: Sphinx) -> bool:
    return getattr(app.builder, "name", "") == "epub"


def _epub_settings(app: Sphinx) -> None:
    """Version and metadata for the package document; the learner edition's executed pages.
    `make epub` builds into its own folder (its own doctrees, as the trainer edition does), and
    the pages run the same code, so it reads the learner edition's execution cache. Early in
    builder-inited: before Sphinx checks the EPUB settings and myst-nb reads its own."""
    if not is_epub(app):
        return
    root = Path(app.srcdir)
    config = app.config
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(root / "_build" / ".jupyter_cache")
    try:
        version = project_version(root)
    except ReleaseError:
        version = ""
    try:
        rights = rights_text(licence_settings(root))
    except ContentError:
        rights = ""  # reported with file and line where the footer is made
    config.version = config.release = version
    config.epub_title = config.html_title or config.project
    config.epub_author = config.author
    config.epub_publisher = config.author
    config.epub_contributor = config.author
    config.epub_copyright = rights
    config.epub_description = (
        "An open CPD course for health and social care professionals on "
        "supporting self-help groups without taking them over."
    )
    # Sphinx writes epub_uid both as the package's identifier id and as the NCX's dtb:uid, which
    # EPUBCheck wants equal to the identifier itself: one value, a valid XML id, serves both.
    config.epub_identifier = config.epub_uid = f"{IDENTIFIER}-{version}"
    config.epub_scheme = "URL"
    config.epub_basename = f"{IDENTIFIER}-{version}"
    config.epub_language = "en-GB"
    config.language = config.language or "en"
    config.epub_show_urls = "no"
    config.epub_use_index = False
    config.epub_tocscope = "default"


def _widget_states(app: Sphinx, docname: str) -> dict:
    try:
        from myst_nb.sphinx_ import NbMetadataCollector

        files = NbMetadataCollector.get_js_files(app.env, docname)
    except (ImportError, KeyError, AttributeError):
        return {}
    for _uri, attributes in files.values():
        if attributes.get("type") == "application/vnd.jupyter.widget-state+json":
            try:
                return json.loads(attributes.get("body", "")).get("state", {})
            except ValueError:
                return {}
    return {}


def _static_widgets(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each widget's output becomes its static text; answers go to a section at the end."""
    if not is_epub(app):
        return
    states = _widget_states(app, docname)
    numbers: Counter[str] = Counter()
    answers: list[nodes.Node] = []
    for hidden in list(doctree.findall(HideCodeCellNode)):
        hidden.replace_self(hidden.children)  # an e-book has no "show code" toggle: shown as it is
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if WIDGET_VIEW not in text:
            if "<script" in text:  # sphinx-thebe's settings, for live code the e-book cannot run
                raw.parent.remove(raw)
            elif STYLE.search(text):  # pandas' tables bring <style> elements XHTML cannot hold
                raw.replace_self(nodes.raw("", STYLE.sub("", text), format=raw.get("format", "html")))
            continue
        try:
            view = json.loads(text.split(">", 1)[1].rsplit("</script>", 1)[0].replace("<\\/", "</"))
            state = states[view["model_id"]]["state"]
        except (ValueError, KeyError, IndexError, TypeError):
            raw.replace_self(
                nodes.paragraph(text="(An interactive activity that only works on the course's website.)")
            )
            continue
        shown, answer = static_activity(state, numbers)
        if widget_kind(state) == "WellbeingExplorer":
            shown += _chart_images(app, docname, state)
        raw.replace_self(shown)
        answers.extend(answer)
    if answers:
        section = nodes.section(ids=["course-answers"], names=["answers and explanations"])
        section += nodes.title(text=ANSWERS_TITLE)
        section.extend(answers)
        top: nodes.Element = next(iter(doctree.findall(nodes.section)), doctree)
        top += section


def _chart_images(app: Sphinx, docname: str, state: dict) -> list[nodes.Node]:
    """The explorer's charts, written as SVG files next to the book's other images."""
    images = Path(app.outdir) / "_images"
    images.mkdir(parents=True, exist_ok=True)
    up = "../" * docname.count("/")
    shown: list[nodes.Node] = []
    for stem, svg, alt in explorer_charts(state):
        name = f"{stem}.svg"
        (images / name).write_text(svg, encoding="utf-8")
        shown.append(
            nodes.raw(
                "",
                f'<p class="course-static-chart"><img src="{up}_images/{name}" '
                f'alt="{html.escape(alt)}" /></p>',
                format="html",
            )
        )
    return shown


# The site's own styles and scripts (static/site/): the e-book keeps its theme's plain styles.
SITE_FILES = {
    path.name
    for path in (Path(__file__).parents[1] / "static" / "site").iterdir()
    if path.suffix in (".css", ".js")
}
EPUB_STYLES = {"epub.css", "pygments.css"}
UNCLOSED_META = re.compile(r"<meta\b([^>]*?)\s*(?<!/)>")


def _no_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """No script, only the e-book theme's styles, and XHTML's closed <meta/> tags."""
    if not is_epub(app):
        return
    context["script_files"] = []
    context["course_storage_guard"] = ""
    # Only the e-book theme's own styles: others are the website's, and some (myst-nb's,
    # sphinx-exercise's) are written after the book is packed, so a link to them would break.
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if Path(str(getattr(css, "filename", css))).name in EPUB_STYLES
    ]
    context["metatags"] = UNCLOSED_META.sub(r"<meta\1 />", context.get("metatags", ""))


def tidy_epub_folder(outdir: Path) -> None:
    """Before the package is made from the output folder (which takes every file in it): the
    site's own styles and scripts go, as does the site's redirect page from an earlier build;
    SVG images lose their DOCTYPE (matplotlib writes SVG 1.1's, whose external DTD EPUB 3
    forbids)."""
    for name in SITE_FILES:
        (outdir / "_static" / name).unlink(missing_ok=True)
    (outdir / "index.html").unlink(missing_ok=True)
    for svg in (outdir / "_images").glob("*.svg"):
        text = svg.read_text(encoding="utf-8")
        # matplotlib's glyph for a space is a <path> with no outline, which SVG's schema refuses.
        cleaned = PATH_WITHOUT_D.sub('<path d="M 0 0"', DOCTYPE.sub("", text, count=1))
        if cleaned != text:
            svg.write_text(cleaned, encoding="utf-8")
    for page in outdir.rglob("*.xhtml"):
        text = page.read_text(encoding="utf-8")
        unique = unique_ids(text)
        if unique != text:
            page.write_text(unique, encoding="utf-8")


def unique_ids(page: str) -> str:
    """Every id in a page made unique (pure): sphinx-exercise gives every exercise's body the
    same id ("exercise-content"); the second becomes "exercise-content-2", and so on."""
    seen: dict[str, int] = {}

    def rename(match):
        name = match.group(1)
        seen[name] = seen.get(name, 0) + 1
        return match.group(0) if seen[name] == 1 else f' id="{name}-{seen[name]}"'

    return ID.sub(rename, page)


STYLE = re.compile(r"<style\b[^>]*>.*?</style>\s*", re.S | re.I)
ID = re.compile(r'\sid="([^"]+)"')
PATH_WITHOUT_D = re.compile(r"<path(?![^>]*\sd=)")
DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>\s*", re.I)


def course_epub_builder():
    from sphinx.builders.epub3 import Epub3Builder

    class CourseEpubBuilder(Epub3Builder):
        """Sphinx's EPUB 3 builder, with two fixes for this book: the reading order's links are
        made relative to the root document's folder (book/), and Sphinx prefixes that folder
        without resolving "../", so pages outside book/ missed their place in the spine; and
        the output folder is tidied before it is packed (tidy_epub_folder)."""

        def get_toc(self) -> None:
            super().get_toc()
            for item in self.refnodes:
                item["refuri"] = posixpath.normpath(item["refuri"])

        def handle_finish(self) -> None:
            tidy_epub_folder(Path(self.outdir))
            super().handle_finish()

    return CourseEpubBuilder


def setup_epub(app: Sphinx) -> None:
    app.add_builder(course_epub_builder(), override=True)
    app.connect("builder-inited", _epub_settings, priority=100)
    app.connect("doctree-resolved", _static_widgets)
    app.connect("html-page-context", _no_scripts, priority=850)  # before _defer_scripts
