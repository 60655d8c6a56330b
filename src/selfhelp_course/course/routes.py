"""Routes through the course, defined once in data/routes.yml (pure functions).

A route is either every taught page, for self-study, or a live session of a stated length that
teaches the pages it lists. The welcome page's table of routes (``{course-routes}``), the
trainer's session plans (``{session-plan}`` with ``:route:``) and the slide decks are all drawn
from this file, so they always name the same pages and the same minutes.

A live route must fit its session: the pages' minutes, the introduction, the close and the breaks
(_session_plans.default_shape) must come to the stated length, give or take at most
MAX_SPARE minutes, which the plan gives to questions and open discussion.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..activities.banks import ROUTES, ROUTES_FILE, _child
from ..activities.schema import _line, parse
from ..errors import ContentError
from .manifest import course_manifest
from .session_plans import SessionPlan, default_shape, page_minutes, session_plan
from .structure import course_root

if TYPE_CHECKING:  # generated from data/schemas/manifest.schema.json (make schemas)
    from .shapes import Manifest

MAX_SPARE = 15


def load_routes(root: Path | None = None, manifest: Manifest | None = None) -> list[dict]:
    """Every route, checked against the course: each with ``source`` (path, line) for messages
    and ``docnames``, its pages in course order. ContentError names file, line and field."""
    root = root or course_root()
    path = root / ROUTES_FILE
    node = parse(path)
    routes = ROUTES.check(node, path, "")["routes"]
    manifest = manifest if manifest is not None else course_manifest(root)
    nodes = _child(node, "routes").value
    checked, seen = [], set()
    for index, (route, route_node) in enumerate(zip(routes, nodes, strict=True)):
        field = f"routes[{index}]"
        if route["id"] in seen:
            raise ContentError(
                path, _line(route_node), f"{field}.id", f"the route id {route['id']!r} is used twice"
            )
        seen.add(route["id"])
        docnames = _route_docnames(route, manifest, path, _child(route_node, "pages"), field)
        route = {**route, "docnames": docnames, "source": (str(path), _line(route_node))}
        if route["minutes"] is not None:
            _check_fit(route, manifest, path, _line(route_node), field)
        checked.append(route)
    return checked


def _route_docnames(route: dict, manifest: Manifest, path: Path, pages_node, field: str) -> list[str]:
    taught = [page["docname"] for page in manifest["pages"] if page_minutes(page)]
    if route["pages"] == "all":
        return taught
    known = {page["docname"] for page in manifest["pages"]}
    for number, (name, item) in enumerate(zip(route["pages"], pages_node.value, strict=True)):
        where = f"{field}.pages[{number}]"
        if name not in known:
            raise ContentError(path, _line(item), where, f"{name!r} is not a page in _toc.yml")
        if name not in taught:
            raise ContentError(
                path,
                _line(item),
                where,
                f"{name!r} has no minutes (a reference page); a route lists taught pages",
            )
        if route["pages"].index(name) != number:
            raise ContentError(path, _line(item), where, f"{name!r} is listed twice")
    return [name for name in taught if name in route["pages"]]


def _check_fit(route: dict, manifest: Manifest, path: Path, line: int, field: str) -> None:
    length = route["minutes"]
    intro, close, breaks = default_shape(length)
    fixed = intro + close + sum(item.minutes for item in breaks)
    pages = sum(page_minutes(page) for page in manifest["pages"] if page["docname"] in route["docnames"])
    spare = length - fixed - pages
    shape = f"the introduction ({intro}), close ({close}) and breaks ({fixed - intro - close})"
    if spare < 0:
        raise ContentError(
            path,
            line,
            f"{field}.pages",
            f"the pages take {pages} minutes, but a {length}-minute session leaves "
            f"{length - fixed} after {shape}: drop a page or lengthen the session",
        )
    if spare > MAX_SPARE:
        raise ContentError(
            path,
            line,
            f"{field}.pages",
            f"{spare} minutes are left over after the pages ({pages}) and {shape}; "
            f"a route may leave at most {MAX_SPARE} for questions: add a page or "
            "shorten the session",
        )


def live_routes(routes: list[dict]) -> list[dict]:
    return [route for route in routes if route["minutes"] is not None]


def find_route(routes: list[dict], route_id: str) -> dict:
    for route in routes:
        if route["id"] == route_id:
            return route
    raise KeyError(
        f"no route {route_id!r} in {ROUTES_FILE}: the routes are {', '.join(r['id'] for r in routes)}"
    )


def route_minutes(route: dict, manifest: Manifest) -> int:
    """The route's length: a live session's stated minutes, or the sum of its pages'."""
    if route["minutes"] is not None:
        return route["minutes"]
    return sum(page_minutes(page) for page in manifest["pages"] if page["docname"] in route["docnames"])


def route_plan(manifest: Manifest, route: dict, root: Path | None = None) -> SessionPlan:
    """The session plan of a live route: its pages, and its spare minutes as questions."""
    return session_plan(manifest, route["minutes"], root=root, pages=tuple(route["docnames"]), fill=True)


def routes_markdown(routes: list[dict], manifest: Manifest) -> str:
    """The routes as a MyST table for the welcome page: who each suits, its pages with their
    minutes (linked), how long it takes and how reflection happens."""
    titles = {page["docname"]: page["title"] or page["docname"] for page in manifest["pages"]}
    minutes = {page["docname"]: page_minutes(page) for page in manifest["pages"]}
    lines = [
        "```{list-table}",
        ":header-rows: 1",
        ":class: course-routes",
        "",
        "* - Route",
        "  - Best for",
        "  - Pages (minutes)",
        "  - How long",
        "  - How reflection happens",
    ]
    for route in routes:
        pages = "; ".join(
            f"{{doc}}`{_plain(titles[name])} </{name}>` ({minutes[name]})" for name in route["docnames"]
        )
        on_pages = sum(minutes[name] for name in route["docnames"])
        if route["minutes"] is None:
            length = f"{on_pages} minutes in all, at your own pace"
        else:
            length = (
                f"{route['minutes']} minutes: {on_pages} on the pages, the rest for the "
                "introduction, breaks, questions and the close"
            )
        lines += [
            f"* - {_plain(route['title'])}",
            f"  - {_plain(route['best_for'])}",
            f"  - {pages}",
            f"  - {length}",
            f"  - {_plain(route['reflection'])}",
        ]
    return "\n".join([*lines, "```", ""])


def _plain(text: str) -> str:
    """YAML text shown as written: MyST's punctuation escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", " ".join(text.split()))
