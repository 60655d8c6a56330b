"""Sphinx extension for the course site (listed in _config.yml under sphinx.extra_extensions).

- serves the site's own widget host and styles (no CDN, see docs/design-widget-runtime.md);
- validates every activity bank before any page is read, so a malformed file fails the build
  with its file, line and field;
- provides ``{cpd-summary}``: the table of every page's minutes and the course's CPD hours;
- provides ``{session-plan}``: a timetable for a live session (see _session_plans.py), and
  ``{course-routes}``: the routes through the course (both from data/routes.yml, _routes.py);
- provides ``{distress-support}``: the standing box of crisis numbers on every page whose front
  matter says ``course: distress: true`` (a page that says so and lacks it fails the build);
- builds the trainer edition when COURSE_EDITION=trainer (see ``_trainer_edition``).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
from html import escape
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..activities.assessment import _directive as assessment_key_directive
from ..activities.banks import BANKS, ROUTES_FILE, validate_all
from ..course.about import about_markdown, report_address
from ..course.cpd_time import cpd_time
from ..course.licence import footer_html, licence_settings
from ..course.manifest import course_manifest, manifest_script
from ..course.nations import (
    NATIONS_FILE,
    carers_table,
    children_table,
    crisis_markdown,
    crisis_places,
    crisis_table,
    crisis_table_places,
    law_table_places,
    load_nations,
)
from ..course.review_dates import course_reviews, long_date, overdue_pages, page_review, review_line
from ..course.routes import find_route, load_routes, route_plan, routes_markdown
from ..course.session_plans import plan_markdown, session_plan
from ..course.structure import course_times, front_matter, page_path, toc_docnames
from ..errors import ContentError
from ..formats.epub import setup_epub
from .csp import setup_csp
from .downloads_page import setup_downloads
from .execute_ahead import execute_ahead
from .front_end import site_script
from .hub_launch import LaunchConfigError, apply_launch_options
from .icon_fonts import subset_icon_fonts
from .nation_marks import NationRowsDirective, add_script_where_needed, mark_box, mark_table
from .stylesheet import BUNDLE, THEME_STYLESHEETS, StylesheetError, widget_stylesheet, write_bundle

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parents[1] / "static"
SITE_STATIC = STATIC / "site"
TEMPLATES = Path(__file__).parent / "html_templates"


class cpd_summary(nodes.General, nodes.Element):
    """Placeholder replaced once every page's title is known."""


class CpdSummaryDirective(SphinxDirective):
    has_content = False

    def run(self):
        root = Path(self.env.srcdir)
        # The table depends on every page's front matter: rebuild this page when any changes.
        for name in toc_docnames(root):
            self.env.note_dependency(str(page_path(root, name)))
        return [cpd_summary()]


def _fill_cpd_summary(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in doctree.findall(cpd_summary):
        try:
            times = course_times(Path(app.srcdir))
        except ContentError as error:
            _report(error)
            placeholder.replace_self([])
            continue
        table = nodes.table(classes=["cpd-summary"])
        group = nodes.tgroup(cols=4)
        table += group
        for width in (52, 16, 16, 16):
            group += nodes.colspec(colwidth=width)
        header = ("Page", "Teaching (min)", "Activities (min)", "Total (min)")
        group += nodes.thead("", _row(header))
        body = nodes.tbody()
        for time in times:
            title = app.env.titles[time.docname].astext() if time.docname in app.env.titles else time.docname
            link = nodes.reference(
                "", title, internal=True, refuri=app.builder.get_relative_uri(docname, time.docname)
            )
            body += _row((link, time.teaching_minutes, time.activity_minutes, time.total_minutes))
        total = sum(t.total_minutes for t in times)
        body += _row(
            (
                nodes.strong(text="Whole course"),
                sum(t.teaching_minutes for t in times),
                sum(t.activity_minutes for t in times),
                total,
            )
        )
        group += body
        note = nodes.paragraph(
            text=f"In all, {total} minutes: {cpd_time(total)} of CPD "
            f"({cpd_time(total, decimal=True)} where a form asks for hours as a decimal, "
            "to two places)."
        )
        placeholder.replace_self([table, note])


def _note_course_dependencies(directive: SphinxDirective) -> Path:
    """Plans and routes depend on every page's front matter and objectives, the reading order,
    the activity banks' titles and the routes: rebuild the page when any of them changes."""
    root = Path(directive.env.srcdir)
    directive.env.note_dependency(str(root / "_toc.yml"))
    directive.env.note_dependency(str(root / ROUTES_FILE))
    for name in toc_docnames(root):
        directive.env.note_dependency(str(page_path(root, name)))
    for bank in BANKS:
        for path in bank.paths(root):
            directive.env.note_dependency(str(path))
    return root


class SessionPlanDirective(SphinxDirective):
    """``{session-plan}`` with ``:route: half-day`` (a live route of data/routes.yml: its length
    and pages), or ``:minutes: 90`` and optionally ``:skip: notebooks/ book/welcome`` for a
    session of that length that keeps each page that fits (_session_plans.py)."""

    has_content = False
    option_spec: ClassVar[dict] = {
        "route": directives.unchanged_required,
        "minutes": directives.positive_int,
        "skip": directives.unchanged,
    }

    def run(self):
        root = _note_course_dependencies(self)
        if ("route" in self.options) == ("minutes" in self.options):
            raise self.error(
                "session-plan needs :route: (a route in data/routes.yml) or "
                ":minutes: (the session's length), not both"
            )
        try:
            manifest = course_manifest(root)
            if "route" in self.options:
                route = find_route(load_routes(root, manifest), self.options["route"].strip())
                if route["minutes"] is None:
                    raise ValueError(f"route {route['id']!r} is for self-study, not a live session")
                plan = route_plan(manifest, route, root=root)
            else:
                plan = session_plan(
                    manifest,
                    self.options["minutes"],
                    root=root,
                    skip=tuple(self.options.get("skip", "").split()),
                )
        except ContentError as error:
            _report(error)
            return []
        except (KeyError, ValueError) as error:
            raise self.error(str(error.args[0] if error.args else error)) from None
        container = nodes.container(classes=["session-plan"])
        container += self.parse_text_to_nodes(plan_markdown(plan))
        return [container]


class CourseRoutesDirective(SphinxDirective):
    """``{course-routes}``: the table of routes through the course, from data/routes.yml."""

    has_content = False

    def run(self):
        root = _note_course_dependencies(self)
        try:
            manifest = course_manifest(root)
            markdown = routes_markdown(load_routes(root, manifest), manifest)
        except ContentError as error:
            _report(error)
            return []
        return self.parse_text_to_nodes(markdown)


def _nodes_from(directive: SphinxDirective, make_markdown, files: tuple[str, ...]) -> list:
    """MyST made from the course's files (`make_markdown(root)`), rebuilt when any of them
    changes; a ContentError becomes the build's error with its file and line."""
    root = Path(directive.env.srcdir)
    for name in files:
        directive.env.note_dependency(str(root / name))
    try:
        return directive.parse_text_to_nodes(make_markdown(root))
    except ContentError as error:
        _report(error)
        return []


class CourseAboutDirective(SphinxDirective):
    """``{course-about}``: version, makers, licence, citation and where to report a problem,
    each from the file that holds it (_about.py)."""

    has_content = False

    def run(self):
        return _nodes_from(self, about_markdown, ("_config.yml", "CITATION.cff", "pyproject.toml"))


def _no_report_address(app: Sphinx) -> None:
    """Say so, loudly but without failing the build, while nobody has set where reports go."""
    try:
        address = report_address(Path(app.srcdir))
    except ContentError as error:
        _report(error)
        return
    if not address:
        logger.info(
            "course: NOTE: no address for reporting errors or safety concerns is set "
            "(about.report_address in _config.yml); the About page tells learners to ask "
            "whoever gave them the link. Set it before you publish the course."
        )


# The standing box for pages that deal with distress: one wording, kept here, with every route
# from data/nations.yml (all four nations, each cited). The safety page (label "safety") sets
# out the rest.
def distress_support(root: Path) -> str:
    return f""":::{{admonition}} If you, or someone you are with, needs help now
:class: distress-support
{crisis_markdown(load_nations(root))}

This page touches on distress, risk or low well-being. What to do when a group member is at
risk, and how to raise a concern, is on the page {{ref}}`safety`.
:::
"""


DISTRESS_CLASS = "distress-support"


class DistressSupportDirective(SphinxDirective):
    """``{distress-support}``: the standing box (distress_support). Only on a page whose front
    matter says ``course: distress: true``."""

    has_content = False

    def run(self):
        if not _declares_distress(self.env.doc2path(self.env.docname)):
            raise self.error(
                "this page shows the distress-support box, so its front matter must "
                "say it deals with distress: add `distress: true` under `course:`"
            )
        parsed = _nodes_from(self, distress_support, (NATIONS_FILE,))
        # Each line says which nation it is for, so a learner's nation choice can show theirs.
        return mark_box(parsed, crisis_places(load_nations(Path(self.env.srcdir)))) if parsed else parsed


class NationTableDirective(SphinxDirective):
    """``{nation-table} crisis``, ``children`` or ``carers``: the routes in every nation, as
    data/nations.yml gives them (_nations.py)."""

    required_arguments = 1
    TABLES: ClassVar[dict] = {
        "crisis": (crisis_table, crisis_table_places),
        "children": (children_table, law_table_places),
        "carers": (carers_table, law_table_places),
    }

    def run(self):
        if self.arguments[0] not in self.TABLES:
            raise self.error(f"the tables are {', '.join(self.TABLES)}")
        table, places = self.TABLES[self.arguments[0]]
        parsed = _nodes_from(self, lambda root: table(load_nations(root)), (NATIONS_FILE,))
        # Each row says which nation it is for (the learner's nation choice, _nation_choice.py).
        return mark_table(parsed, places(load_nations(Path(self.env.srcdir)))) if parsed else parsed


def _declares_distress(path) -> bool:
    try:
        course = front_matter(Path(path)).get("course")
    except ContentError:
        return False  # reported, with file and line, where the minutes are read
    return isinstance(course, dict) and course.get("distress") is True


def _check_distress_box(app: Sphinx, doctree: nodes.document) -> None:
    """A page that says it deals with distress must show the box (and only once)."""
    docname = app.env.docname
    if not _declares_distress(app.env.doc2path(docname)):
        return
    boxes = [node for node in doctree.findall(nodes.admonition) if DISTRESS_CLASS in node["classes"]]
    if len(boxes) != 1:
        logger.warning(
            f"the front matter says this page deals with distress (course: distress: "
            f"true), so it needs exactly one {{distress-support}} box; it has {len(boxes)}",
            location=docname,
            type="course",
            subtype="distress",
        )


def _row(cells) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", cell if isinstance(cell, nodes.Node) else nodes.Text(str(cell)))
        row += entry
    return row


def _validate_banks(app: Sphinx) -> None:
    try:
        validate_all(Path(app.srcdir))
        load_nations(Path(app.srcdir))
    except ContentError as error:
        _report(error)


def _check_reviews(app: Sphinx) -> None:
    """Every page's review dates, checked before any page is read; pages past their review_by
    date are named loudly. That does not fail the build (a site must still rebuild after a
    date passes), but the test suite fails on it (tests/test_review.py)."""
    try:
        reviews = course_reviews(Path(app.srcdir))
    except ContentError as error:
        _report(error)
        return
    for review in overdue_pages(reviews, datetime.date.today()):
        logger.info(
            f"course: NOTE: {review.docname} was due for review by "
            f"{long_date(review.review_by)}; review it and update last_reviewed and "
            "review_by in its front matter."
        )


def _show_review(app: Sphinx, doctree: nodes.document) -> None:
    """The foot of every page says when it was last reviewed and when it is due again."""
    try:
        review = page_review(Path(app.srcdir), app.env.docname)
    except (ContentError, FileNotFoundError):
        return  # reported with file and line by _check_reviews
    doctree += nodes.paragraph("", review_line(review), classes=["page-review"])


def _report(error: ContentError) -> None:
    """A warning (an error under -W) that starts with the file and line, like Sphinx's own."""
    logger.warning(
        f"{error.field}: {error.message}" if error.field else error.message,
        location=f"{error.path}:{error.line}" if error.line else error.path,
        type="course",
        subtype="content",
    )


def _drop_thebe(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Jupyter Book always loads sphinx-thebe, twice over, and points it at a CDN.

    Live code on the static page would need that CDN, so the course does not use Thebe (a
    class uses JupyterLab instead). Dropping its scripts also ends the browser's
    "THEBE_JS_URL has already been declared" error on every page.
    """

    def is_thebe(asset) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = str(getattr(asset, "attributes", {}).get("body", ""))
        return "thebe" in name or "THEBE_JS_URL" in body

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_thebe(asset)]


def _list_citations(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Docutils wraps citations in role="list" but gives each role="doc-biblioentry", which
    is not a list item: axe-core's aria-required-children (critical) on the references page."""
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _visit_hidden_code(self, node) -> None:
    """myst-nb's "show code" toggle, without the aria-label that hid its visible text.

    myst-nb labels every <summary> "Toggle hidden content" while it shows "Show code cell
    source": axe-core's label-content-name-mismatch (serious). The visible text names it.
    """
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n')
    for state, prompt in (("collapsed", node["prompt_show"]), ("expanded", node["prompt_hide"])):
        self.body.append(f'<p class="{state} admonition-title">{escape(prompt)}</p>\n')
    self.body.append("</summary>\n")


# What a page's widgets embed when it is executed: the package (modules, bundles, styles,
# Python), the course data (activity banks, datasets), and what the course manifest is made of
# (the reading order and every page's front matter: the progress and portfolio widgets embed
# the manifest). The execution cache only knows a page's own code, so when any of these change
# every page must run again.
EXECUTION_INPUTS = (Path(__file__).parents[1], "data")
STAMP = "course-execution-inputs.sha256"


def _fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for base in EXECUTION_INPUTS:
        folder = root / base
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    toc = root / "_toc.yml"
    digest.update(toc.read_bytes())
    for name in toc_docnames(root):
        try:
            matter = front_matter(page_path(root, name))
        except (FileNotFoundError, ContentError):
            matter = None  # reported with file and line elsewhere
        digest.update(name.encode() + b"\0" + json.dumps(matter, sort_keys=True, default=str).encode())
    return digest.hexdigest()


# `type: ignore[attr-defined]` below: myst-nb adds `mystnb_config` to Sphinx's environment at run
# time, and this extension keeps its own state on the app (`app.course_*`); Sphinx's classes
# declare neither.
def _stamps(app: Sphinx) -> tuple[Path, Path]:
    """What the doctrees and what the execution cache were made from: two stamps, since both
    editions share one cache (see _trainer_edition) but each has its own doctrees."""
    # myst-nb has settled the cache's path by now (its builder-inited handler runs first).
    cache = Path(app.env.mystnb_config.execution_cache_path)  # type: ignore[attr-defined]
    return Path(app.doctreedir) / STAMP, cache.with_name(f"{cache.name}.{STAMP}")


def _check_execution_inputs(app: Sphinx) -> None:
    app.course_fingerprint = _fingerprint(Path(app.srcdir))  # type: ignore[attr-defined]
    doctrees, executed = _stamps(app)
    app.course_inputs_changed = not _matches(doctrees, app.course_fingerprint)  # type: ignore[attr-defined]
    cache = Path(app.env.mystnb_config.execution_cache_path)  # type: ignore[attr-defined]
    if cache.is_dir() and not _matches(executed, app.course_fingerprint):  # type: ignore[attr-defined]
        logger.info("course: widget code or data changed; clearing the execution cache")
        shutil.rmtree(cache)


def _matches(stamp: Path, fingerprint: str) -> bool:
    return stamp.is_file() and stamp.read_text() == fingerprint


def _outdated(app: Sphinx, env, added, changed, removed):
    return sorted(env.found_docs - added - changed) if app.course_inputs_changed else []  # type: ignore[attr-defined]


def _shrink_icon_fonts(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        for name, (before, after) in subset_icon_fonts(Path(app.outdir)).items():
            logger.info(f"course: {name} cut to the icons in use, {before:,} -> {after:,} bytes")


# ---- Light pages: one stylesheet, no script that holds up the first paint (issue 13) ----
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _one_stylesheet(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Link the site's one purged stylesheet instead of the theme's and extensions' eleven;
    note which they were (in order) so the bundle can be made from them (see _styles.py)."""
    if "css_files" not in context or getattr(app.builder, "name", "") == "epub":  # its own theme
        return
    sources = app.course_stylesheets  # type: ignore[attr-defined]
    for name in [*THEME_STYLESHEETS, *(str(css.filename) for css in context["css_files"])]:
        name = name.removeprefix("_static/")
        if "://" not in name and name != BUNDLE and name not in sources:
            sources.append(name)
    context["css_files"] = [_CascadingStyleSheet(f"_static/{BUNDLE}", rel="stylesheet", type="text/css")]


def _defer_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Every script file waits for the page to be parsed (``defer`` keeps their order, so the
    manifest still runs before page-progress.js, and works from file://). The widget state, a
    large block of JSON only the widget host reads, moves from the head to the end of the
    article, so the text arrives and paints first."""
    if "script_files" not in context:
        return
    scripts, states = [], []
    for js in context["script_files"]:
        attributes = dict(getattr(js, "attributes", {}))
        if attributes.get("type") == WIDGET_STATE:
            states.append(
                f'<script type="{WIDGET_STATE}">{_without_site_styles(attributes.get("body", ""))}</script>'
            )
            continue
        if getattr(js, "filename", None) and "async" not in attributes:
            attributes["defer"] = "defer"
            js = _JavaScript(js.filename, priority=js.priority, **attributes)
        scripts.append(js)
    context["script_files"] = scripts
    if states:
        context["body"] = context.get("body", "") + "\n".join(states)


def _without_site_styles(state: str) -> str:
    """The widget state without the styles the site's stylesheet already has: each of the
    course's widgets carried all 25 KB of them, and the widget host added them to the page at
    run time, which made the browser work out every element's style again. Widgets whose
    `_css` is anything else keep it."""
    try:
        data = json.loads(state)
    except ValueError:
        return state  # left as it was; the widget host reports it if it cannot read it
    ours = widget_stylesheet()
    for model in (data.get("state") or {}).values():
        values = model.get("state") if isinstance(model, dict) else None
        if isinstance(values, dict) and values.get("_css") == ours:
            del values["_css"]
    # No "</" in the text can end the script element early ("\\/" is JSON for "/").
    return json.dumps(data).replace("</", "<\\/")


def _icon_on_the_redirect(app: Sphinx, exception) -> None:
    """sphinx-external-toc writes index.html as a bare redirect to the first page. With no icon
    named, a browser asks the server for /favicon.ico, which the site does not have: a 404 in the
    console whenever the redirect is slower than the request."""
    index = Path(app.outdir) / "index.html"
    if (
        exception is not None
        or app.builder.format != "html"
        or not index.is_file()
        or not app.config.html_favicon
    ):
        return
    text = index.read_text(encoding="utf-8")
    if text.lstrip().lower().startswith('<meta http-equiv="refresh"') and 'rel="icon"' not in text:
        icon = f"_static/{Path(app.config.html_favicon).name}"
        index.write_text(f'<link rel="icon" href="{icon}" />\n{text}', encoding="utf-8")


def _make_stylesheet(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html" or not app.course_stylesheets:  # type: ignore[attr-defined]
        return
    try:
        sizes = write_bundle(Path(app.outdir), app.course_stylesheets, Path(app.doctreedir))  # type: ignore[attr-defined]
    except StylesheetError as error:
        raise ExtensionError(f"course: {error}") from None
    if sizes:
        logger.info(f"course: one stylesheet for the site, {sizes[0]:,} -> {sizes[1]:,} bytes")


def _write_manifest(app: Sphinx, builder) -> None:
    """Write the manifest and the page progress script before any page is written, so each
    page's ``?v=`` checksum for them is the new one and browsers do not keep a stale copy."""
    if builder.format != "html" or getattr(builder, "name", "") == "epub":  # an e-book runs no script
        return
    try:
        script = manifest_script(course_manifest(Path(app.srcdir)))
    except ContentError:
        return  # already reported, with file and line, when the build began
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "course-manifest.js").write_text(script, encoding="utf-8")
    (static / "page-progress.js").write_text(site_script("site", "page-progress"), encoding="utf-8")
    (static / "nation-choice.js").write_text(site_script("site", "nation-choice"), encoding="utf-8")


def storage_guard_script() -> str:
    """The storage guard (js/site/storage-guard.js), for templates/layout.html to put inline at
    the top of <head>: it must run before the theme's own inline script, and inline it costs no
    request that would hold up the first paint. "</" is escaped so it cannot end the element."""
    return site_script("site", "storage-guard").replace("</", "<\\/")


def _page_meta(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Each page names itself, so site scripts can find it in the course manifest; and carries
    the storage guard (see storage_guard_script)."""
    context["metatags"] = (
        context.get("metatags", "") + f'\n<meta name="course-page" content="{escape(pagename)}">'
    )
    context["course_storage_guard"] = storage_guard_script()


def _save_stamp(app: Sphinx, exception) -> None:
    if exception is None and app.statuscode == 0:
        for stamp in _stamps(app):
            stamp.write_text(app.course_fingerprint)  # type: ignore[attr-defined]


def _add_paths(app: Sphinx, config) -> None:
    app.course_stylesheets = []  # type: ignore[attr-defined]
    config.html_static_path.append(str(SITE_STATIC))
    config.templates_path.insert(0, str(TEMPLATES))
    if not config.html_favicon:  # browsers ask for one; without it every page logs a 404
        config.html_favicon = str(SITE_STATIC / "favicon.svg")


# The trainer edition (`make trainer-book`): the same pages built with the Sphinx tag
# "trainer", so every ````{only} trainer```` block (instructor notes, answer guidance) is kept,
# and a banner on every page says this copy is not for learners. Off unless asked for.
TRAINER_BANNER = (
    "<strong>Trainer edition:</strong> contains instructor notes and answer keys; do not publish to learners"
)


def _trainer_edition(app: Sphinx, config) -> None:
    if os.environ.get("COURSE_EDITION", "").strip().lower() != "trainer":
        return
    app.tags.add("trainer")
    # The same pages run the same code in both editions (only tags differ), so the trainer
    # edition reuses the learner edition's executed pages rather than running every page again.
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(Path(app.srcdir) / "_build" / ".jupyter_cache")
    # pydata-sphinx-theme's announcement: an <aside aria-label="Announcement"> at the top of
    # every page, search and index pages included, and in print.
    config.html_theme_options = {**config.html_theme_options, "announcement": TRAINER_BANNER}


def _licence_footer(app: Sphinx, config) -> None:
    """Every page's footer carries the content licence (``licence:`` in _config.yml)."""
    try:
        line = footer_html(licence_settings(Path(app.srcdir)))
    except ContentError as error:
        _report(error)
        return
    options = config.html_theme_options
    config.html_theme_options = {**options, "extra_footer": f"{options.get('extra_footer', '')}{line}"}


def _launch_buttons(app: Sphinx, config) -> None:
    """Launch buttons for a class's hub, from COURSE_* variables (see _launch.py)."""
    try:
        apply_launch_options(config.html_theme_options)
    except LaunchConfigError as error:
        logger.warning(f"launch buttons: {error}", type="course", subtype="launch")


def setup(app: Sphinx):
    app.connect("config-inited", _add_paths)
    app.connect("config-inited", _launch_buttons)
    app.connect("config-inited", _licence_footer)
    app.connect("config-inited", _trainer_edition)
    app.add_css_file("course-palette.css")  # the colours, light and dark, before their users
    app.add_css_file("course-site.css")
    # The widgets' styles, last so they win as they did when each widget added them at run time.
    # The site's widgets then need not carry them (_defer_scripts takes them out of the page).
    app.add_css_file("course-widgets.css", priority=900)
    # Progress on every page: the manifest first, then the script that reads it (both deferred,
    # in this order, by _defer_scripts).
    app.add_js_file("course-manifest.js")
    app.add_js_file("page-progress.js")
    app.add_js_file("sidebar-toggles.js")  # the visible sidebar buttons work (see the file)
    app.add_js_file("search-from-file.js")  # no extracts to fetch from file:// (see the file)
    # After myst-nb's own handler has added a page's widget scripts (priority 500).
    app.connect("html-page-context", _one_stylesheet, priority=900)
    # The learner's nation on the crisis box and nation tables: only pages that have them.
    app.connect("html-page-context", add_script_where_needed)
    app.connect("html-page-context", _defer_scripts, priority=900)
    # Late: other extensions still write stylesheets when the build finishes (the theme's
    # pygments.css with its light and dark colours, myst-nb's mystnb.css).
    app.connect("build-finished", _make_stylesheet, priority=900)
    app.connect("build-finished", _icon_on_the_redirect, priority=900)  # after external-toc's
    app.connect("builder-inited", _validate_banks)
    app.connect("builder-inited", _check_execution_inputs)
    # After the check above has cleared a stale cache, and after myst-nb has settled its config.
    app.connect("builder-inited", execute_ahead, priority=900)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _shrink_icon_fonts)
    app.connect("write-started", _write_manifest)
    app.connect("build-finished", _save_stamp)
    app.connect("html-page-context", _page_meta)
    app.add_node(cpd_summary)
    app.add_directive("cpd-summary", CpdSummaryDirective)
    app.add_directive("session-plan", SessionPlanDirective)
    app.add_directive("course-routes", CourseRoutesDirective)
    app.add_directive("course-about", CourseAboutDirective)
    app.add_directive("assessment-key", assessment_key_directive())
    app.connect("builder-inited", _no_report_address)
    app.add_directive("distress-support", DistressSupportDirective)
    app.add_directive("nation-table", NationTableDirective)
    app.add_directive("nation-rows", NationRowsDirective)  # a page's own table, by nation
    app.connect("doctree-read", _check_distress_box)
    app.connect("builder-inited", _check_reviews)
    app.connect("doctree-read", _show_review)
    app.connect("doctree-resolved", _fill_cpd_summary)
    app.connect("html-page-context", _drop_thebe)
    app.connect("html-page-context", _list_citations)
    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_code, depart_HideCellInput))
    setup_epub(app)  # the EPUB's activities as text, its metadata (_epub.py)
    setup_csp(app)  # csp.txt and _headers next to the built site (_csp.py)
    setup_downloads(app)  # {course-downloads}: the release's files (_downloads.py)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
