"""The course as an EPUB 3 (`make epub`: Sphinx's epub builder through jupyter-book's custom
builder): every activity as static text (_static_activities.py), no script anywhere (an e-book
reader runs none, and EPUBCheck wants scripted pages declared), and the content licence and
attribution in the package metadata (dc:rights), from ``licence:`` in _config.yml.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ._content import ContentError
from ._licence import licence_settings, rights_text
from ._release import IDENTIFIER, ReleaseError, project_version
from ._static_activities import ANSWERS_TITLE, static_activity

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
    config.epub_title = config.project or config.html_title
    config.epub_author = config.author
    config.epub_publisher = config.author
    config.epub_copyright = rights
    config.epub_description = ("An open CPD course for health and social care professionals on "
                               "supporting self-help groups without taking them over.")
    config.epub_identifier = f"urn:x-course:{IDENTIFIER}:{version}"
    config.epub_scheme = "URL"
    config.epub_uid = "courseid"
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
    numbers, answers = Counter(), []
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if WIDGET_VIEW not in text:
            continue
        try:
            view = json.loads(text.split(">", 1)[1].rsplit("</script>", 1)[0].replace("<\\/", "</"))
            state = states[view["model_id"]]["state"]
        except (ValueError, KeyError, IndexError, TypeError):
            raw.replace_self(nodes.paragraph(text="(An interactive activity that only works on "
                                                  "the course's website.)"))
            continue
        shown, answer = static_activity(state, numbers)
        raw.replace_self(shown)
        answers.extend(answer)
    if answers:
        section = nodes.section(ids=["course-answers"], names=["answers and explanations"])
        section += nodes.title(text=ANSWERS_TITLE)
        section.extend(answers)
        top = next(iter(doctree.findall(nodes.section)), doctree)
        top += section


def _no_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if is_epub(app):
        context["script_files"] = []
        context["course_storage_guard"] = ""


def setup_epub(app: Sphinx) -> None:
    app.connect("builder-inited", _epub_settings, priority=100)
    app.connect("doctree-resolved", _static_widgets)
    app.connect("html-page-context", _no_scripts, priority=850)  # before _defer_scripts
