"""Marks on the crisis box and the nation tables, for the learner's nation choice.

Every page is built with all four nations (the static site without JavaScript, the EPUB and
print keep them all). Each line of the distress-support box and each row of a
``{nation-table}`` carries the class ``course-place-<id>`` (a nation's id from data/nations.yml,
or ``everywhere``) and the box or table the class ``course-nations``; the site script
js/site/nation-choice.js adds the "Show routes for" control there and, once a learner has
chosen, hides the other nations' lines on screen.
"""
from __future__ import annotations

from docutils import nodes

#: On the box or table that has the control.
CONTAINER_CLASS = "course-nations"
#: Prefix of the class naming where a line or row holds.
PLACE_PREFIX = "course-place-"


class NationMarkError(RuntimeError):
    """The lines or rows do not match the places given (a change to _nations.py's markdown)."""


def _mark(container: nodes.Element, items: list[nodes.Element], places: list[str], what: str) -> None:
    if len(items) != len(places):
        raise NationMarkError(f"the {what} has {len(items)} lines for {len(places)} places")
    container["classes"].append(CONTAINER_CLASS)
    for item, place in zip(items, places):
        item["classes"].append(PLACE_PREFIX + place)


def mark_box(parsed: list[nodes.Node], places: list[str]) -> list[nodes.Node]:
    """The distress-support box: its first list's items, one per place. Nothing parsed (an
    error already reported): nothing to mark."""
    if not parsed:
        return parsed
    box = next(node for node in parsed if isinstance(node, nodes.admonition))
    items = [item for item in next(box.findall(nodes.bullet_list)).children
             if isinstance(item, nodes.list_item)]
    _mark(box, items, places, "distress-support box")
    return parsed


def mark_table(parsed: list[nodes.Node], places: list[str]) -> list[nodes.Node]:
    """A nation table: its body's rows, one per place."""
    if not parsed:
        return parsed
    table = next(node for top in parsed for node in top.findall(nodes.table))
    rows = [row for body in table.findall(nodes.tbody) for row in body.children
            if isinstance(row, nodes.row)]
    _mark(table, rows, places, "nation table")
    return parsed
