"""Load the course's activity banks (YAML) and validate them with precise errors.

Trainers edit these files by hand, so every problem is reported with the file, the line and
the field, e.g. ``data/activities/checks/welcome.yml:12: checks[0].options[1].feedback: ...``.
The schema is a small declarative tree walked over PyYAML's node graph, which keeps line
numbers that ``safe_load`` throws away.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

ROOT_ENV = "SELFHELP_COURSE_ROOT"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ContentError(ValueError):
    """A content file is malformed. ``str()`` gives ``path:line: field: message``."""

    def __init__(self, path: Path | str, line: int | None, field: str, message: str):
        self.path, self.line, self.field, self.message = str(path), line, field, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


# ---------------------------------------------------------------- schema nodes
@dataclass(frozen=True)
class Text:
    """A non-empty string shown to learners as plain text."""

    max_length: int = 2000
    pattern: re.Pattern | None = None
    hint: str = ""

    def check(self, node, path, field):
        # Any scalar is text as written: a trainer's `feedback: Yes` means the word, not true.
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            raise ContentError(path, _line(node), field, f"must be text, not {_describe(node)}")
        value = node.value.strip()
        if not value:
            raise ContentError(path, _line(node), field, "must not be empty")
        if len(value) > self.max_length:
            raise ContentError(path, _line(node), field,
                               f"is {len(value)} characters long; the limit is {self.max_length}")
        if self.pattern and not self.pattern.match(value):
            raise ContentError(path, _line(node), field, f"{value!r} {self.hint}")
        return value


@dataclass(frozen=True)
class OneOf:
    choices: tuple[str, ...]

    def check(self, node, path, field):
        value = Text().check(node, path, field)
        if value not in self.choices:
            raise ContentError(path, _line(node), field,
                               f"{value!r} is not one of: {', '.join(self.choices)}")
        return value


@dataclass(frozen=True)
class Flag:
    def check(self, node, path, field):
        if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
            raise ContentError(path, _line(node), field,
                               f"must be true or false, not {_describe(node)}")
        return node.value.lower() in {"true", "yes", "on"}


@dataclass(frozen=True)
class ListOf:
    item: Any
    min_items: int = 1
    max_items: int = 1000

    def check(self, node, path, field):
        if not isinstance(node, yaml.SequenceNode):
            raise ContentError(path, _line(node), field, f"must be a list, not {_describe(node)}")
        count = len(node.value)
        if not self.min_items <= count <= self.max_items:
            raise ContentError(path, _line(node), field,
                               f"has {count} {'entry' if count == 1 else 'entries'}; "
                               f"it needs {self.min_items} to {self.max_items}")
        return [self.item.check(child, path, f"{field}[{i}]") for i, child in enumerate(node.value)]


@dataclass(frozen=True)
class Record:
    """A mapping with required and optional keys; unknown keys are errors (typos get caught)."""

    required: dict
    optional: dict = None  # key -> (schema, default)
    rule: Callable[[dict, Any, Path, str], None] | None = None

    def check(self, node, path, field):
        if not isinstance(node, yaml.MappingNode):
            raise ContentError(path, _line(node), field, f"must be a mapping, not {_describe(node)}")
        optional = self.optional or {}
        seen: dict[str, Any] = {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            sub = f"{field}.{key}" if field else key
            if key in seen:
                raise ContentError(path, _line(key_node), sub,
                                   f"appears twice (first on line {_line(seen[key])})")
            seen[key] = key_node
            if key in self.required:
                result[key] = self.required[key].check(value_node, path, sub)
            elif key in optional:
                result[key] = optional[key][0].check(value_node, path, sub)
            else:
                known = ", ".join([*self.required, *optional])
                raise ContentError(path, _line(key_node), sub, f"is not a known field (known: {known})")
        for key in self.required:
            if key not in result:
                raise ContentError(path, _line(node), f"{field}.{key}" if field else key,
                                   "is missing")
        for key, (_, default) in optional.items():
            result.setdefault(key, default)
        if self.rule:
            self.rule(result, node, path, field)
        return result


def _line(node) -> int:
    return node.start_mark.line + 1


def _describe(node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null":
        return "nothing (empty)"
    return f"{node.value!r}"


# ---------------------------------------------------------------- knowledge checks
def _check_answers(check: dict, node, path: Path, field: str) -> None:
    correct = sum(option["correct"] for option in check["options"])
    if check["kind"] == "single" and correct != 1:
        raise ContentError(path, _line(node), f"{field}.options",
                           f"a single-choice check needs exactly one correct option; it has {correct}")
    if check["kind"] == "multiple" and correct < 1:
        raise ContentError(path, _line(node), f"{field}.options",
                           "a multiple-choice check needs at least one correct option")


KNOWLEDGE_CHECK = Record(
    required={
        "id": Text(max_length=80, pattern=ID_PATTERN,
                   hint="must be lower-case words joined by hyphens, e.g. welcome-anonymise"),
        "kind": OneOf(("single", "multiple")),
        "question": Text(),
        "options": ListOf(
            Record(required={"text": Text(max_length=500), "feedback": Text()},
                   optional={"correct": (Flag(), False)}),
            min_items=2, max_items=6),
    },
    rule=_check_answers,
)
CHECK_BANK = Record(required={"checks": ListOf(KNOWLEDGE_CHECK)})


# ---------------------------------------------------------------- loading
def course_root() -> Path:
    """The repository root: $SELFHELP_COURSE_ROOT, else the nearest folder up with _config.yml."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "data" / "activities").is_dir():
            return folder
    raise FileNotFoundError(
        f"cannot find the course folder above {here}; set {ROOT_ENV} to the repository root")


def parse(path: Path) -> yaml.Node:
    """PyYAML's node graph of one file (it keeps line numbers); ContentError if unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(path, None, "", f"is not UTF-8 text ({error.reason})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError(path, mark.line + 1 if mark else None, "",
                           f"is not valid YAML: {error.problem or error.context}") from None
    if node is None:
        raise ContentError(path, 1, "", "is empty")
    return node


def load_checks(paths: Iterable[Path]) -> dict[str, dict]:
    """All knowledge checks by id, each with ``source`` (path, line) for messages."""
    checks: dict[str, dict] = {}
    for path in sorted(paths):
        node = parse(path)
        bank = CHECK_BANK.check(node, path, "")
        for index, check in enumerate(bank["checks"]):
            line = _line(_value(node, "checks").value[index])
            if check["id"] in checks:
                first = checks[check["id"]]["source"]
                raise ContentError(path, line, f"checks[{index}].id",
                                   f"{check['id']!r} is already used at {first[0]}:{first[1]}")
            checks[check["id"]] = {**check, "source": (str(path), line)}
    return checks


def _value(mapping_node, key: str):
    return next(value for k, value in mapping_node.value if k.value == key)


def check_bank_paths(root: Path | None = None) -> list[Path]:
    root = root or course_root()
    return sorted((root / "data" / "activities" / "checks").glob("*.yml"))


def find_check(check_id: str, root: Path | None = None) -> dict:
    checks = load_checks(check_bank_paths(root))
    if check_id not in checks:
        raise KeyError(f"no knowledge check with id {check_id!r} in data/activities/checks/*.yml")
    return checks[check_id]
