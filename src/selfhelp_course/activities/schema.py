"""The schema a YAML bank is checked against: a small declarative tree walked over PyYAML's node
graph, which keeps the line numbers ``safe_load`` throws away, so that every problem names the
file, the line and the field. Each node also writes itself as JSON Schema (``to_json_schema``)
for trainers' editors. The banks' own schemas, built from these nodes, are in ``banks.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError


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
            raise ContentError(
                path, _line(node), field, f"is {len(value)} characters long; the limit is {self.max_length}"
            )
        if self.pattern and not self.pattern.match(value):
            raise ContentError(path, _line(node), field, f"{value!r} {self.hint}")
        return value

    def to_json_schema(self) -> dict:
        # A string: an editor reads YAML 1.2, where `Yes` is already text but `42` is a number
        # (quote it there; the walker takes any scalar as the words written). The walker trims
        # the text before it counts and matches; the editor counts as written.
        schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.pattern:
            schema["pattern"] = self.pattern.pattern
            # The editor's message (the YAML language server reads this keyword; others ignore it).
            schema["patternErrorMessage"] = f"The text {self.hint}."
        return schema


@dataclass(frozen=True)
class OneOf:
    choices: tuple[str, ...]

    def check(self, node, path, field):
        value = Text().check(node, path, field)
        if value not in self.choices:
            raise ContentError(
                path, _line(node), field, f"{value!r} is not one of: {', '.join(self.choices)}"
            )
        return value

    def to_json_schema(self) -> dict:
        return {"type": "string", "enum": list(self.choices)}


@dataclass(frozen=True)
class Flag:
    def check(self, node, path, field):
        if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
            raise ContentError(path, _line(node), field, f"must be true or false, not {_describe(node)}")
        return node.value.lower() in {"true", "yes", "on"}

    def to_json_schema(self) -> dict:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Whole:
    """A whole number from ``low`` to ``high`` (minutes, counts)."""

    low: int = 0
    high: int = 10_000

    def check(self, node, path, field):
        if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int"):
            raise ContentError(path, _line(node), field, f"must be a whole number, not {_describe(node)}")
        value = int(node.value)
        if not self.low <= value <= self.high:
            raise ContentError(
                path, _line(node), field, f"is {value}; it must be from {self.low} to {self.high}"
            )
        return value

    def to_json_schema(self) -> dict:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


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
            raise ContentError(
                path,
                _line(node),
                field,
                f"has {count} {'entry' if count == 1 else 'entries'}; "
                f"it needs {self.min_items} to {self.max_items}",
            )
        return [self.item.check(child, path, f"{field}[{i}]") for i, child in enumerate(node.value)]

    def to_json_schema(self) -> dict:
        return {
            "type": "array",
            "minItems": self.min_items,
            "maxItems": self.max_items,
            "items": self.item.to_json_schema(),
        }


@dataclass(frozen=True)
class Record:
    """A mapping with required and optional keys; unknown keys are errors (typos get caught)."""

    required: dict
    optional: dict | None = None  # key -> (schema, default)
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
                raise ContentError(
                    path, _line(key_node), sub, f"appears twice (first on line {_line(seen[key])})"
                )
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
                raise ContentError(path, _line(node), f"{field}.{key}" if field else key, "is missing")
        for key, (_, default) in optional.items():
            result.setdefault(key, default)
        if self.rule:
            self.rule(result, node, path, field)
        return result

    def to_json_schema(self) -> dict:
        # The rule (answers name real options, steps reachable, ...) is Python only.
        optional = self.optional or {}
        properties = {key: schema.to_json_schema() for key, schema in self.required.items()}
        for key, (schema, default) in optional.items():
            properties[key] = schema.to_json_schema()
            if default is not None:
                properties[key]["default"] = default
        return {
            "type": "object",
            "required": list(self.required),
            "properties": properties,
            "additionalProperties": False,
        }


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
        raise ContentError(
            path, mark.line + 1 if mark else None, "", f"is not valid YAML: {error.problem or error.context}"
        ) from None
    if node is None:
        raise ContentError(path, 1, "", "is empty")
    return node
