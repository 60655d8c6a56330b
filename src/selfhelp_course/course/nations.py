"""What differs between the four UK nations, from data/nations.yml (pure functions).

Crisis routes and the professional route for a worry about a child, each with the sources that
say so. The distress-support box on every page that deals with distress and the safety page's
tables are drawn from here, so a number is written once. Until a learner chooses their nation,
every page shows all four.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..activities.banks import _child
from ..activities.schema import ListOf, Record, Text, _line, parse
from ..errors import ContentError
from .structure import course_root

NATIONS_FILE = "data/nations.yml"
#: The four nations, in the order pages list them.
NATION_IDS = ("england", "wales", "scotland", "northern-ireland")
#: Where a route holds when it holds in all four (999, Samaritans): shown whatever the choice.
EVERYWHERE = "everywhere"

CITE_KEY = re.compile(r"^[a-z0-9_]+$")
CITES = ListOf(
    Text(max_length=60, pattern=CITE_KEY, hint="must be a key of references.bib"), min_items=1, max_items=4
)
ROUTE = Record(required={"when": Text(max_length=160), "route": Text(max_length=300), "cite": CITES})
#: A route with its legal basis: who a professional tells about a child, where a carer asks.
ROUTE_IN_LAW = Record(required={"route": Text(max_length=400), "basis": Text(max_length=400), "cite": CITES})
NATION = Record(
    required={
        "id": Text(max_length=40),
        "name": Text(max_length=40),
        "crisis": ListOf(ROUTE, max_items=4),
        "children": ROUTE_IN_LAW,
        "carers": ROUTE_IN_LAW,
    }
)
NATIONS = Record(
    required={
        "everywhere": Record(required={"crisis": ListOf(ROUTE, max_items=4)}),
        "nations": ListOf(NATION, min_items=4, max_items=4),
    }
)


def bib_keys(root: Path) -> set[str]:
    return set(
        re.findall(r"^@\w+\{([^,\s]+),", (root / "references.bib").read_text(encoding="utf-8"), flags=re.M)
    )


def load_nations(root: Path | None = None) -> dict:
    """The file, checked: the four nations in order, and every source a key of references.bib.
    ContentError names the file, line and field."""
    root = root or course_root()
    path = root / NATIONS_FILE
    node = parse(path)
    data = NATIONS.check(node, path, "")
    nation_nodes = _child(node, "nations").value
    for index, (nation, nation_node) in enumerate(zip(data["nations"], nation_nodes, strict=True)):
        if nation["id"] != NATION_IDS[index]:
            raise ContentError(
                path,
                _line(_child(nation_node, "id")),
                f"nations[{index}].id",
                f"is {nation['id']!r}; the nations are listed in the order {', '.join(NATION_IDS)}",
            )
    known = bib_keys(root)
    for key, line in _cited(node):
        if key not in known:
            raise ContentError(path, line, "cite", f"{key!r} is not a key in references.bib")
    return data


def _cited(node):
    """Every (key, line) under a `cite:` anywhere in the file."""
    if hasattr(node, "value") and isinstance(node.value, list):
        for item in node.value:
            if isinstance(item, tuple):
                key_node, value_node = item
                if key_node.value == "cite":
                    yield from ((child.value, _line(child)) for child in value_node.value)
                else:
                    yield from _cited(value_node)
            else:
                yield from _cited(item)


def _cite(keys: list[str]) -> str:
    return f"{{cite:p}}`{','.join(keys)}`"


def crisis_markdown(data: dict) -> str:
    """The distress-support box's list: the routes for everywhere, then each nation's."""
    lines = [
        f"- **{route['when']}:** {route['route']} {_cite(route['cite'])}."
        for route in data["everywhere"]["crisis"]
    ]
    for nation in data["nations"]:
        routes = "; ".join(f"{route['route']} {_cite(route['cite'])}" for route in nation["crisis"])
        lines.append(f"- **{nation['name']}:** {routes}.")
    return "\n".join(lines)


def crisis_places(data: dict) -> list[str]:
    """Which nation each line of crisis_markdown is for (EVERYWHERE, or a nation's id), so the
    browser can show a learner only their nation's lines (js/site/nation-choice.js)."""
    return [EVERYWHERE] * len(data["everywhere"]["crisis"]) + [nation["id"] for nation in data["nations"]]


def crisis_table_places(data: dict) -> list[str]:
    """Which nation each row of crisis_table is for."""
    return [EVERYWHERE] * len(data["everywhere"]["crisis"]) + [
        nation["id"] for nation in data["nations"] for _ in nation["crisis"]
    ]


def law_table_places(data: dict) -> list[str]:
    """Which nation each row of children_table and carers_table is for."""
    return [nation["id"] for nation in data["nations"]]


def crisis_table(data: dict) -> str:
    """Every crisis route as a table: where, when, what to do."""
    rows = [("All four nations", route) for route in data["everywhere"]["crisis"]]
    rows += [(nation["name"], route) for nation in data["nations"] for route in nation["crisis"]]
    lines = ["| Where | Situation | What to do |", "|---|---|---|"]
    lines += [
        f"| {where} | {route['when']} | {route['route']} {_cite(route['cite'])} |" for where, route in rows
    ]
    return "\n".join(lines)


def children_table(data: dict) -> str:
    """Who a professional tells about a worry that a child is at risk, in each nation."""
    return _law_table(data, "children", "Who you tell")


def carers_table(data: dict) -> str:
    """Where a carer asks for an assessment of their own needs, in each nation."""
    return _law_table(data, "carers", "Where a carer asks")


def _law_table(data: dict, field: str, heading: str) -> str:
    lines = [f"| Nation | {heading} | The law or guidance |", "|---|---|---|"]
    lines += [
        f"| {nation['name']} | {_flat(nation[field]['route'])} | "
        f"{_flat(nation[field]['basis'])} {_cite(nation[field]['cite'])} |"
        for nation in data["nations"]
    ]
    return "\n".join(lines)


def _flat(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
