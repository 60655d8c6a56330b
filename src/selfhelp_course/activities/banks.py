"""Load the course's activity banks (YAML) and validate them with precise errors.

Trainers edit these files by hand, so every problem is reported with the file, the line and
the field, e.g. ``data/activities/checks/welcome.yml:12: checks[0].options[1].feedback: ...``.
The schema is a small declarative tree walked over PyYAML's node graph, which keeps line
numbers that ``safe_load`` throws away.

Each node of the tree also writes itself as JSON Schema (``to_json_schema``), so that trainers'
editors can flag mistakes as they type: ``python -m selfhelp_course.activities.banks schemas`` (``make
schemas``) writes ``data/schemas/<bank>.schema.json`` and names it on each bank's first line.
The walker stays the build's validator (docs/decisions.md, section 5).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..course.facts import KIND_BY_NAME, PORTFOLIO_FIELDS
from ..course.structure import course_root
from ..errors import ContentError
from .schema import Flag, ListOf, OneOf, Record, Text, Whole, _describe, _line, parse

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# ---------------------------------------------------------------- knowledge checks
SLUG_TEXT = Text(
    max_length=80,
    pattern=ID_PATTERN,
    hint="must be lower-case words joined by hyphens, e.g. ons4-reported-separately",
)


def _check_option_ids(check: dict, node, path: Path, field: str) -> None:
    """Option ids are unique within their question; ``order_before_v3`` lists each exactly once."""
    option_nodes = _child(node, "options").value
    first_line: dict[str, int] = {}
    for index, option in enumerate(check["options"]):
        line = _line(_child(option_nodes[index], "id"))
        if option["id"] in first_line:
            raise ContentError(
                path,
                line,
                f"{field}.options[{index}].id",
                f"{option['id']!r} is used twice in this question (first on line "
                f"{first_line[option['id']]}); option ids must be unique within "
                "their question",
            )
        first_line[option["id"]] = line
    before = check.get("order_before_v3")
    if before is not None and sorted(before) != sorted(first_line):
        raise ContentError(
            path,
            _line(_child(node, "order_before_v3")),
            f"{field}.order_before_v3",
            "must list each of this question's option ids once, in the order the "
            f"options had before option ids (it lists {', '.join(before)}; the "
            f"options are {', '.join(first_line)})",
        )


def _check_answers(check: dict, node, path: Path, field: str) -> None:
    _check_option_ids(check, node, path, field)
    correct = sum(option["correct"] for option in check["options"])
    if check["kind"] == "single" and correct != 1:
        raise ContentError(
            path,
            _line(node),
            f"{field}.options",
            f"a single-choice check needs exactly one correct option; it has {correct}",
        )
    if check["kind"] == "multiple" and correct < 1:
        raise ContentError(
            path, _line(node), f"{field}.options", "a multiple-choice check needs at least one correct option"
        )
    if check["kind"] == "multiple" and MULTIPLE_HINT not in check["question"].lower():
        raise ContentError(
            path,
            _line(_child(node, "question")),
            f"{field}.question",
            'a check with kind: multiple must tell learners to "Choose all that apply" in its question',
        )


MULTIPLE_HINT = "choose all that apply"
# An option's id: what stored answers, records and SCORM interactions refer to, whatever order
# the options are shown in. Stable forever: never reuse one for a different meaning.
OPTION_ID = Text(
    max_length=60,
    pattern=ID_PATTERN,
    hint="must be lower-case words joined by hyphens, e.g. ask-the-group-first",
)


KNOWLEDGE_CHECK = Record(
    required={
        "id": Text(
            max_length=80,
            pattern=ID_PATTERN,
            hint="must be lower-case words joined by hyphens, e.g. welcome-anonymise",
        ),
        "kind": OneOf(("single", "multiple")),
        "question": Text(),
        "options": ListOf(
            Record(
                required={"id": OPTION_ID, "text": Text(max_length=500), "feedback": Text()},
                optional={"correct": (Flag(), False)},
            ),
            min_items=2,
            max_items=6,
        ),
    },
    optional={
        # The facts a check turns on, as short names shared across the course's banks, so that
        # tests/test_activities.py can keep any one fact from being tested more than twice.
        "facts": (ListOf(SLUG_TEXT, min_items=1, max_items=4), []),
        # The option ids in the order the options had when answers were stored by position
        # (entries before v3); only on checks whose options were reordered since.
        "order_before_v3": (ListOf(OPTION_ID, min_items=2, max_items=6), None),
    },
    rule=_check_answers,
)


# ---------------------------------------------------------------- sorting exercises
def _check_sorting(exercise: dict, node, path: Path, field: str) -> None:
    ids = [category["id"] for category in exercise["categories"]]
    _unique(ids, node, path, f"{field}.categories", "category id")
    for index, item in enumerate(exercise["items"]):
        if item["answer"] not in ids:
            raise ContentError(
                path,
                _line(_child(node, "items").value[index]),
                f"{field}.items[{index}].answer",
                f"{item['answer']!r} is not one of the categories: {', '.join(ids)}",
            )


SLUG = Text(
    max_length=80, pattern=ID_PATTERN, hint="must be lower-case words joined by hyphens, e.g. self-help-group"
)

SORTING_EXERCISE = Record(
    required={
        "id": SLUG,
        "title": Text(max_length=200),
        "instructions": Text(),
        "categories": ListOf(
            Record(required={"id": SLUG, "label": Text(max_length=120)}), min_items=2, max_items=8
        ),
        "items": ListOf(
            Record(required={"text": Text(max_length=600), "answer": SLUG, "explanation": Text()}),
            min_items=8,
            max_items=16,
        ),
    },
    rule=_check_sorting,
)


# ---------------------------------------------------------------- branching scenarios
STANCES = ("supports", "takes-over", "mixed")


def _check_scenario(scenario: dict, node, path: Path, field: str) -> None:
    steps = {step["id"]: step for step in scenario["steps"]}
    step_nodes = _child(node, "steps").value
    _unique([step["id"] for step in scenario["steps"]], node, path, f"{field}.steps", "step id")
    if scenario["start"] not in steps:
        raise ContentError(
            path,
            _line(_child(node, "start")),
            f"{field}.start",
            f"{scenario['start']!r} is not the id of a step",
        )
    for index, step in enumerate(scenario["steps"]):
        where, line = f"{field}.steps[{index}]", _line(step_nodes[index])
        if bool(step["choices"]) == bool(step["ending"]):
            raise ContentError(
                path, line, where, "a step has either choices (to go on) or an ending, not both or neither"
            )
        if step["ending"] and not step["debrief"]:
            raise ContentError(path, line, f"{where}.debrief", "an ending needs a debrief")
        for number, choice in enumerate(step["choices"] or []):
            if choice["next"] not in steps:
                raise ContentError(
                    path,
                    line,
                    f"{where}.choices[{number}].next",
                    f"{choice['next']!r} is not the id of a step",
                )
    # Every step reachable, and no way round in circles, so every path reaches an ending.
    state: dict[str, str] = {}

    def visit(step_id: str, trail: tuple[str, ...]) -> None:
        if state.get(step_id) == "open":
            raise ContentError(
                path,
                _line(node),
                f"{field}.steps",
                "the choices go round in a circle: " + " -> ".join((*trail, step_id)),
            )
        if state.get(step_id) == "done":
            return
        state[step_id] = "open"
        for choice in steps[step_id]["choices"] or []:
            visit(choice["next"], (*trail, step_id))
        state[step_id] = "done"

    visit(scenario["start"], ())
    for index, step in enumerate(scenario["steps"]):
        if step["id"] not in state:
            raise ContentError(
                path,
                _line(step_nodes[index]),
                f"{field}.steps[{index}]",
                f"step {step['id']!r} cannot be reached from the start",
            )


SCENARIO = Record(
    required={
        "id": SLUG,
        "title": Text(max_length=200),
        "start": SLUG,
        "steps": ListOf(
            Record(
                required={"id": SLUG, "text": Text(max_length=3000)},
                optional={
                    "choices": (
                        ListOf(
                            Record(
                                required={
                                    "text": Text(max_length=400),
                                    "next": SLUG,
                                    "stance": OneOf(STANCES),
                                    "consequence": Text(),
                                }
                            ),
                            min_items=2,
                            max_items=4,
                        ),
                        None,
                    ),
                    "ending": (OneOf(STANCES), None),
                    "debrief": (Text(max_length=3000), None),
                },
            ),
            min_items=3,
            max_items=40,
        ),
    },
    rule=_check_scenario,
)


# ---------------------------------------------------------------- reflections
REFLECTION = Record(
    required={"id": SLUG, "title": Text(max_length=200), "prompt": Text()},
    optional={"framework": (SLUG, "gibbs")},
)


# ---------------------------------------------------------------- the end-of-course assessment
def _check_question(question: dict, node, path: Path, field: str) -> None:
    correct = sum(option["correct"] for option in question["options"])
    if correct != 1:
        raise ContentError(
            path,
            _line(_child(node, "options")),
            f"{field}.options",
            f"an assessment question needs exactly one correct option; it has {correct}",
        )
    _unique_at(
        [option["id"] for option in question["options"]],
        _child(node, "options"),
        path,
        f"{field}.options",
        "option id",
    )


def _check_assessment(assessment: dict, node, path: Path, field: str) -> None:
    _unique_at(
        [q["id"] for q in assessment["questions"]],
        _child(node, "questions"),
        path,
        f"{field}.questions",
        "question id",
    )


ASSESSMENT = Record(
    required={
        "id": SLUG,
        "title": Text(max_length=200),
        "questions": ListOf(
            Record(
                required={
                    "id": SLUG,
                    # An id from data/activities/outcomes.yml and a page from _toc.yml (checked
                    # against both by validate_all).
                    "outcome": SLUG,
                    "page": Text(
                        max_length=200,
                        pattern=re.compile(r"^[a-z0-9_]+(?:/[a-z0-9_-]+)+$"),
                        hint="must be a page name as _toc.yml writes it, e.g. book/safety",
                    ),
                    "question": Text(),
                    "options": ListOf(
                        Record(
                            required={"id": SLUG, "text": Text(max_length=300)},
                            optional={"correct": (Flag(), False), "feedback": (Text(), None)},
                        ),
                        min_items=3,
                        max_items=6,
                    ),
                    # Why the right answer is right: shown after submission to a learner who got it wrong.
                    "feedback": Text(),
                },
                rule=_check_question,
            ),
            min_items=1,
            max_items=200,
        ),
    },
    rule=_check_assessment,
)

OUTCOMES = Record(
    required={
        "outcomes": ListOf(
            Record(
                required={
                    "id": SLUG,
                    "text": Text(max_length=400),
                    "pages": ListOf(
                        Text(
                            max_length=200,
                            pattern=re.compile(r"^[a-z0-9_]+(?:/[a-z0-9_-]+)+$"),
                            hint="must be a page name as _toc.yml writes it, e.g. book/safety",
                        ),
                        min_items=1,
                        max_items=10,
                    ),
                }
            ),
            min_items=1,
            max_items=30,
        )
    },
    rule=lambda value, node, path, field: _unique_at(
        [o["id"] for o in value["outcomes"]], _child(node, "outcomes"), path, "outcomes", "outcome id"
    ),
)


def _check_framework(framework: dict, node, path: Path, field: str) -> None:
    """Every portfolio field is fed by some part, so no exported section is left empty."""
    fed = {target for part in framework["parts"] for target in part["feeds"]}
    missing = [target for target in PORTFOLIO_FIELDS if target not in fed]
    if missing:
        raise ContentError(
            path,
            _line(node),
            f"{field}.parts",
            f"no part feeds {', '.join(missing)}; add it to a part's feeds "
            "so the exported record never has an empty section",
        )
    _unique([part["id"] for part in framework["parts"]], node, path, f"{field}.parts", "part id")


FRAMEWORKS = Record(
    required={
        "frameworks": ListOf(
            Record(
                required={
                    "id": SLUG,
                    "name": Text(max_length=120),
                    "source": Text(max_length=200),
                    "parts": ListOf(
                        Record(
                            required={"id": SLUG, "heading": Text(max_length=120), "prompt": Text()},
                            optional={
                                "feeds": (
                                    ListOf(
                                        OneOf(PORTFOLIO_FIELDS), min_items=0, max_items=len(PORTFOLIO_FIELDS)
                                    ),
                                    [],
                                )
                            },
                        ),
                        min_items=2,
                        max_items=8,
                    ),
                },
                rule=_check_framework,
            ),
            min_items=1,
        )
    }
)


def framework_feeds(framework: dict) -> dict[str, list[str]]:
    """Portfolio field -> the ids of the parts that fill it, in the framework's order."""
    return {
        target: [part["id"] for part in framework["parts"] if target in part["feeds"]]
        for target in PORTFOLIO_FIELDS
    }


# ---------------------------------------------------------------- routes through the course
@dataclass(frozen=True)
class PagesOrAll:
    """``all`` (every taught page, in course order) or a list of page names from _toc.yml."""

    def check(self, node, path, field):
        if isinstance(node, yaml.ScalarNode) and node.value == "all":
            return "all"
        if not isinstance(node, yaml.SequenceNode):
            raise ContentError(
                path, _line(node), field, f"must be all or a list of pages, not {_describe(node)}"
            )
        return self._pages().check(node, path, field)

    def to_json_schema(self) -> dict:
        return {"anyOf": [{"const": "all"}, self._pages().to_json_schema()]}

    @staticmethod
    def _pages() -> ListOf:
        return ListOf(
            Text(
                max_length=200,
                pattern=PAGE_NAME,
                hint="must be a page name as _toc.yml writes it, e.g. book/welcome",
            ),
            max_items=40,
        )


PAGE_NAME = re.compile(r"^[a-z0-9_]+(?:/[a-z0-9_-]+)+$")


def _check_route(route: dict, node, path: Path, field: str) -> None:
    if route["pages"] == "all" and route["minutes"] is not None:
        raise ContentError(
            path,
            _line(_child(node, "minutes")),
            f"{field}.minutes",
            "a route through every page takes as long as its pages: leave minutes out",
        )
    if route["pages"] != "all" and route["minutes"] is None:
        raise ContentError(
            path, _line(node), f"{field}.minutes", "is missing: a live session needs its length in minutes"
        )


ROUTES = Record(
    required={
        "routes": ListOf(
            Record(
                required={
                    "id": SLUG,
                    "title": Text(max_length=120),
                    "best_for": Text(max_length=300),
                    "reflection": Text(max_length=300),
                    "pages": PagesOrAll(),
                },
                optional={"minutes": (Whole(30, 600), None)},
                rule=_check_route,
            ),
            min_items=1,
            max_items=8,
        )
    }
)


# ---------------------------------------------------------------- the course evaluation
def _exact_values(expected: tuple, key: str, what: str):
    """A rule: the list under ``key`` gives each of ``expected`` once, in that order (the values
    are what is stored and downloaded; only their words are the author's to change)."""

    def rule(value, node, path, field):
        items = value if key == "" else value[key]
        seq = node if key == "" else _child(node, key)
        got = [item["value"] for item in items]
        for index, item in enumerate(items):
            if index >= len(expected) or item["value"] != expected[index]:
                raise ContentError(
                    path,
                    _line(seq.value[index]),
                    f"{field}.{key}[{index}].value" if key else f"{field}[{index}].value",
                    f"is {item['value']!r}; {what} must be "
                    f"{', '.join(map(str, expected))}, once each and in that order",
                )
        if len(got) != len(expected):
            raise ContentError(
                path,
                _line(seq),
                f"{field}.{key}" if key else field,
                f"has {len(got)} points; {what} must be {', '.join(map(str, expected))}",
            )

    return rule


EVALUATION_SCALE = (1, 2, 3, 4, 5)
EVALUATION_TIME = ("less", "about", "more")
EVALUATION_RECOMMEND = ("yes", "maybe", "no")


@dataclass(frozen=True)
class Rule:
    """A schema with one more check after it (for lists, which Record's rule cannot reach)."""

    schema: Any
    rule: Callable

    def check(self, node, path, field):
        value = self.schema.check(node, path, field)
        self.rule(value, node, path, field)
        return value

    def to_json_schema(self) -> dict:
        return self.schema.to_json_schema()


_POINT = Record(required={"value": Whole(1, 5), "words": Text(max_length=80)})
_CHOICE = lambda values: Record(required={"value": OneOf(values), "words": Text(max_length=120)})  # noqa: E731
_SCALE = Rule(
    ListOf(_POINT, min_items=5, max_items=5), _exact_values(EVALUATION_SCALE, "", "a scale's values")
)
EVALUATION = Record(
    required={
        "title": Text(max_length=200),
        "before_intro": Text(max_length=600),
        "after_intro": Text(max_length=600),
        "confidence": _SCALE,
        "relevance": Record(required={"question": Text(max_length=200), "scale": _SCALE}),
        "clarity": Record(required={"question": Text(max_length=200), "scale": _SCALE}),
        "time": Record(
            required={
                "question": Text(max_length=200),
                "choices": ListOf(_CHOICE(EVALUATION_TIME), min_items=1, max_items=3),
            },
            rule=_exact_values(EVALUATION_TIME, "choices", "the time choices"),
        ),
        "recommend": Record(
            required={
                "question": Text(max_length=200),
                "choices": ListOf(_CHOICE(EVALUATION_RECOMMEND), min_items=1, max_items=3),
            },
            rule=_exact_values(EVALUATION_RECOMMEND, "choices", "the recommend choices"),
        ),
        "role": Record(
            required={
                "question": Text(max_length=200),
                "roles": ListOf(
                    Record(required={"id": SLUG, "words": Text(max_length=120)}), min_items=1, max_items=30
                ),
            },
            rule=lambda value, node, path, field: _unique_at(
                [r["id"] for r in value["roles"]], _child(node, "roles"), path, "role.roles", "role id"
            ),
        ),
        "change": Record(required={"question": Text(max_length=300), "hint": Text(max_length=600)}),
    }
)


# ---------------------------------------------------------------- the well-being explorer
EXPLORER = Record(
    required={
        "title": Text(max_length=200),
        "introduction": Text(),
        "caveats": ListOf(Text(), min_items=2, max_items=10),
    }
)


def _child(mapping_node, key: str):
    return next(value for k, value in mapping_node.value if k.value == key)


def _unique_at(values: list[str], seq_node, path: Path, field: str, what: str) -> None:
    """Like _unique, but the error names the line of the second use (seq_node: the list)."""
    seen = set()
    for index, value in enumerate(values):
        if value in seen:
            raise ContentError(
                path,
                _line(seq_node.value[index]),
                f"{field}[{index}].id",
                f"the {what} {value!r} is used twice",
            )
        seen.add(value)


def _unique(values: list[str], node, path: Path, field: str, what: str) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise ContentError(path, _line(node), field, f"the {what} {value!r} is used twice")
        seen.add(value)


# ---------------------------------------------------------------- loading
@dataclass(frozen=True)
class Bank:
    """A folder of YAML files, data/activities/<kind>/*.yml, each a list of items under <kind>."""

    kind: str
    item: Record

    def paths(self, root: Path | None = None) -> list[Path]:
        return sorted(((root or course_root()) / "data" / "activities" / self.kind).glob("*.yml"))

    @property
    def file_schema(self) -> Record:
        """One file of the bank: its items listed under the bank's kind."""
        return Record(required={self.kind: ListOf(self.item)})

    def load(self, paths: Iterable[Path]) -> dict[str, dict]:
        """Every item by id, each with ``source`` (path, line) for messages."""
        items: dict[str, dict] = {}
        schema = self.file_schema
        for path in sorted(paths):
            node = parse(path)
            bank = schema.check(node, path, "")
            for index, item in enumerate(bank[self.kind]):
                line = _line(_child(node, self.kind).value[index])
                if item["id"] in items:
                    first = items[item["id"]]["source"]
                    raise ContentError(
                        path,
                        line,
                        f"{self.kind}[{index}].id",
                        f"{item['id']!r} is already used at {first[0]}:{first[1]}",
                    )
                items[item["id"]] = {**item, "source": (str(path), line)}
        return items

    def find(self, item_id: str, root: Path | None = None) -> dict:
        items = self.load(self.paths(root))
        if item_id not in items:
            raise KeyError(f"no item with id {item_id!r} in data/activities/{self.kind}/*.yml")
        return items[item_id]


# Each bank's folder is the one _facts.py names for its activity kind.
def _bank_folder(name: str) -> str:
    folder = KIND_BY_NAME[name].bank
    if folder is None:
        raise ValueError(f"_facts.py names no bank folder for the activity kind {name!r}")
    return folder


CHECKS = Bank(_bank_folder("check"), KNOWLEDGE_CHECK)
SORTING = Bank(_bank_folder("sorting"), SORTING_EXERCISE)
SCENARIOS = Bank(_bank_folder("scenario"), SCENARIO)
REFLECTIONS = Bank(_bank_folder("reflection"), REFLECTION)
ASSESSMENTS = Bank(_bank_folder("assessment"), ASSESSMENT)
BANKS = (CHECKS, SORTING, SCENARIOS, REFLECTIONS, ASSESSMENTS)
OUTCOMES_FILE = "data/activities/outcomes.yml"
FRAMEWORKS_FILE = "data/activities/reflection-frameworks.yml"
ROUTES_FILE = "data/routes.yml"
EXPLORER_FILE = "data/activities/wellbeing-explorer.yml"
EVALUATION_FILE = "data/activities/evaluation.yml"


def load_config(relative: str, schema: Record, root: Path | None = None) -> dict:
    path = (root or course_root()) / relative
    return schema.check(parse(path), path, "")


def validate_all(root: Path) -> None:
    """Everything trainers edit, checked together; the first problem raises ContentError."""
    loaded = {bank.kind: bank.load(bank.paths(root)) for bank in BANKS}
    frameworks = {f["id"] for f in load_config(FRAMEWORKS_FILE, FRAMEWORKS, root)["frameworks"]}
    load_config(EXPLORER_FILE, EXPLORER, root)
    # The evaluation asks about the outcomes, so it needs both files (a scratch book has neither).
    if (root / EVALUATION_FILE).is_file():
        load_config(EVALUATION_FILE, EVALUATION, root)
    for reflection in loaded["reflections"].values():
        if reflection["framework"] not in frameworks:
            path, line = reflection["source"]
            raise ContentError(
                path,
                line,
                "framework",
                f"{reflection['framework']!r} is not one of "
                f"the frameworks in {FRAMEWORKS_FILE}: {', '.join(sorted(frameworks))}",
            )
    ids: dict[str, str] = {}
    for kind, items in loaded.items():
        for item_id, item in items.items():
            if item_id in ids:
                path, line = item["source"]
                raise ContentError(
                    path,
                    line,
                    "id",
                    f"{item_id!r} is also the id of an item in "
                    f"data/activities/{ids[item_id]}/; ids must be unique",
                )
            ids[item_id] = kind
    # The outcomes exist for the assessment: a course (or a test's scratch book) with no
    # assessment bank needs no outcomes file.
    if loaded["assessment"] or (root / OUTCOMES_FILE).is_file():
        validate_assessments(loaded["assessment"], load_config(OUTCOMES_FILE, OUTCOMES, root), root)


def validate_assessments(assessments: dict[str, dict], outcomes: dict, root: Path) -> None:
    """Every question names a known outcome and a page in _toc.yml; every outcome has at least
    two questions, and every outcome's pages are in _toc.yml."""
    from ..course.structure import toc_docnames  # here: _course_time imports this module

    pages = set(toc_docnames(root))
    known = {outcome["id"] for outcome in outcomes["outcomes"]}
    outcomes_path = root / OUTCOMES_FILE
    for outcome in outcomes["outcomes"]:
        for page in outcome["pages"]:
            if page not in pages:
                raise ContentError(
                    outcomes_path,
                    None,
                    f"outcomes.{outcome['id']}.pages",
                    f"{page!r} is not a page in _toc.yml",
                )
    for assessment in assessments.values():
        path, line = assessment["source"]
        counts = dict.fromkeys(known, 0)
        for index, question in enumerate(assessment["questions"]):
            where = f"assessment.questions[{index}]"
            if question["outcome"] not in known:
                raise ContentError(
                    path,
                    _question_line(path, question["id"], line, "outcome"),
                    f"{where}.outcome",
                    f"{question['outcome']!r} is not an outcome in {OUTCOMES_FILE}: "
                    f"{', '.join(sorted(known))}",
                )
            if question["page"] not in pages:
                raise ContentError(
                    path,
                    _question_line(path, question["id"], line, "page"),
                    f"{where}.page",
                    f"{question['page']!r} is not a page in _toc.yml",
                )
            counts[question["outcome"]] += 1
        thin = [outcome for outcome, count in counts.items() if count < 2]
        if thin:
            raise ContentError(
                path,
                line,
                "assessment.questions",
                f"every outcome needs at least two questions; too few for: {', '.join(sorted(thin))}",
            )


def _question_line(path, question_id: str, fallback: int, field: str = "") -> int:
    """The line of a question's field (or of its id) in its file, for fields checked later."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, text in enumerate(lines, 1):
        if text.strip() == f"- id: {question_id}":
            for later, rest in enumerate(lines[number : number + 40], number + 1):
                if field and rest.strip().startswith(f"{field}:"):
                    return later
            return number
    return fallback


# ---------------------------------------------------------------- JSON Schema for editors
SCHEMAS_DIR = "data/schemas"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELINE = "# yaml-language-server: $schema="
KNOWLEDGE_CHECKS_TEMPLATE = KIND_BY_NAME["check"].template or ""  # the check's descriptor names it


# The files the walker reads that are not banks: schema name -> (schema, file).
_CONFIG_FILES = {
    "outcomes": (OUTCOMES, OUTCOMES_FILE),
    "reflection-frameworks": (FRAMEWORKS, FRAMEWORKS_FILE),
    "routes": (ROUTES, ROUTES_FILE),
    "wellbeing-explorer": (EXPLORER, EXPLORER_FILE),
    "evaluation": (EVALUATION, EVALUATION_FILE),
}


def _file_schemas() -> dict[str, tuple[Record, str]]:
    """Schema name -> (the walker's schema of a whole file, a title)."""
    return {
        **{
            bank.kind: (bank.file_schema, f"The {bank.kind} bank: data/activities/{bank.kind}/<page>.yml")
            for bank in BANKS
        },
        **{name: (schema, f"The words of {relative}") for name, (schema, relative) in _CONFIG_FILES.items()},
    }


def _covered_files(root: Path) -> dict[str, list[Path]]:
    """Schema name -> the files it describes (a kind's template for authors among its bank's files:
    the knowledge-check template among the checks)."""
    templates = {kind.bank: kind.template for kind in KIND_BY_NAME.values() if kind.bank and kind.template}
    return {
        **{
            bank.kind: [*bank.paths(root), *([root / templates[bank.kind]] if bank.kind in templates else [])]
            for bank in BANKS
        },
        **{name: [root / relative] for name, (_, relative) in _CONFIG_FILES.items()},
    }


def schema_path(name: str, root: Path) -> Path:
    return root / SCHEMAS_DIR / f"{name}.schema.json"


def json_schemas() -> dict[str, dict]:
    """Schema name -> the JSON Schema (Draft 2020-12) of that kind of file, from the walker's tree.

    It says what each field may hold (type, length, pattern, choices, required and unknown
    fields), which is what an editor can flag as a trainer types. The build's walker checks
    more, and only it can: see tests/test_bank_schemas.py."""
    return {
        name: {
            "$schema": SCHEMA_DIALECT,
            "$comment": "Written by `make schemas` from src/selfhelp_course/activities/banks.py: edit that, "
            "not this file. The build checks more than this schema can say.",
            "title": title,
            **schema.to_json_schema(),
        }
        for name, (schema, title) in _file_schemas().items()
    }


def schema_files(root: Path) -> dict[Path, str]:
    """Each schema file's path -> its text, as `make schemas` writes it."""
    return {
        schema_path(name, root): json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in json_schemas().items()
    }


def modelines(root: Path) -> dict[Path, str]:
    """Each YAML file a schema covers -> the first line that names its schema, relative to it."""
    lines = {}
    for name, files in _covered_files(root).items():
        for path in files:
            if path.is_file():
                relative = os.path.relpath(schema_path(name, root), path.parent)
                lines[path] = MODELINE + Path(relative).as_posix()
    return lines


def write_schemas(root: Path) -> list[Path]:
    """Write every schema file and put its modeline first in each file it covers (replacing a
    modeline already there, else adding one: a comment, which the walker and the build skip).
    Returns the files changed."""
    changed = []
    for path, text in schema_files(root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for path, line in modelines(root).items():
        text = path.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        body = rest if first.startswith(MODELINE) else text
        if first != line:
            path.write_text(f"{line}\n{body}", encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str]) -> int:
    if argv != ["schemas"]:
        print("usage: python -m selfhelp_course.activities.banks schemas", file=sys.stderr)
        return 2
    root = course_root()
    for path in write_schemas(root):
        print(f"wrote {path.relative_to(root)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
