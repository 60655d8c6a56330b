"""Marks on the crisis box and the nation tables, for the learner's nation choice.

Every page is built with all four nations (the static site without JavaScript, the EPUB and
print keep them all). Each line of the distress-support box and each row of a
``{nation-table}`` carries the class ``course-place-<id>`` (a nation's id from data/nations.yml,
or ``everywhere``) and the box or table the class ``course-nations``; a table written on a page
is marked the same way with ``{nation-rows}`` (its first column names the nation). The site
script js/site/nation-choice.js adds the "Show routes for" control there and, once a learner has
chosen, hides the other nations' lines on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..course.nations import EVERYWHERE, load_nations

#: On the box or table that has the control.
CONTAINER_CLASS = "course-nations"
#: Prefix of the class naming where a line or row holds.
PLACE_PREFIX = "course-place-"


#: The site script that adds the control (js/site/nation-choice.js, written to _static).
SCRIPT = "nation-choice.js"


def add_script_where_needed(app, pagename, templatename, context, doctree) -> None:
    """The nation choice's script only on pages with a crisis box or a nation table (about a
    third of them), so the other pages do not load it (html-page-context: this page only)."""
    if CONTAINER_CLASS in context.get("body", ""):
        app.add_js_file(SCRIPT)


class NationMarkError(RuntimeError):
    """The lines or rows do not match the places given (a change to _nations.py's markdown)."""


def _mark(container: nodes.Element, items: Sequence[nodes.Element], places: list[str], what: str) -> None:
    if len(items) != len(places):
        raise NationMarkError(f"the {what} has {len(items)} lines for {len(places)} places")
    container["classes"].append(CONTAINER_CLASS)
    for item, place in zip(items, places, strict=True):
        item["classes"].append(PLACE_PREFIX + place)


def mark_box(parsed: list[nodes.Node], places: list[str]) -> list[nodes.Node]:
    """The distress-support box: its first list's items, one per place. Nothing parsed (an
    error already reported): nothing to mark."""
    if not parsed:
        return parsed
    box = next(node for node in parsed if isinstance(node, nodes.admonition))
    items = [
        item for item in next(box.findall(nodes.bullet_list)).children if isinstance(item, nodes.list_item)
    ]
    _mark(box, items, places, "distress-support box")
    return parsed


def mark_table(parsed: list[nodes.Node], places: list[str]) -> list[nodes.Node]:
    """A nation table: its body's rows, one per place."""
    if not parsed:
        return parsed
    table = next(node for top in parsed for node in top.findall(nodes.table))
    rows = [row for body in table.findall(nodes.tbody) for row in body.children if isinstance(row, nodes.row)]
    _mark(table, rows, places, "nation table")
    return parsed


#: What a row's first cell says when the row holds in every nation.
EVERYWHERE_NAME = "All four nations"


def places_by_name(table: nodes.table, names: dict[str, str]) -> list[str]:
    """Each body row's place, from its first cell: a nation's name (names: name -> id) or
    EVERYWHERE_NAME. A row naming anything else raises NationMarkError, saying which."""
    places = []
    for body in table.findall(nodes.tbody):
        for row in (child for child in body.children if isinstance(child, nodes.row)):
            first = row.children[0].astext().strip() if row.children else ""
            if first == EVERYWHERE_NAME:
                places.append(EVERYWHERE)
            elif first in names:
                places.append(names[first])
            else:
                raise NationMarkError(
                    f"a row starts {first!r}; the first column names a nation "
                    f"({', '.join(names)}) or says {EVERYWHERE_NAME!r}"
                )
    return places


class NationRowsDirective(SphinxDirective):
    """``{nation-rows}``: a Markdown table written on the page whose first column names a nation
    (or "All four nations"), marked like a ``{nation-table}``, so that it follows the learner's
    nation choice (a table of regulators, say). The page still shows every row without
    JavaScript, in the EPUB and in print."""

    has_content = True

    def run(self):
        parsed = self.parse_content_to_nodes()
        tables = [table for top in parsed for table in top.findall(nodes.table)]
        if len(tables) != 1:
            raise self.error(f"{{nation-rows}} holds one Markdown table; it holds {len(tables)}")
        names = {nation["name"]: nation["id"] for nation in load_nations(Path(self.env.srcdir))["nations"]}
        try:
            return mark_table(parsed, places_by_name(tables[0], names))
        except NationMarkError as error:
            raise self.error(f"{{nation-rows}}: {error}") from None
