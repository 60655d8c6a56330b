"""Types for the data that crosses between Python and the browser, generated from JSON Schemas.

The course manifest (``data/schemas/manifest.schema.json``) and every kind of stored learner
entry (``data/schemas/entry-<name>.schema.json``, each built on ``entry-stored.schema.json``)
are described once, as JSON Schemas; this module writes from them

- ``src/selfhelp_course/js/lib/shapes.generated.d.ts``: TypeScript types that the front end's
  JSDoc imports (``@type {import("./shapes.generated.js").Manifest}``), checked by ``tsc``;
- ``src/selfhelp_course/course/shapes.py``: the same shapes as TypedDicts, checked by mypy.

``make schemas`` runs it (``python -m selfhelp_course.course.make_shapes``); tests/test_shapes.py fails
when either file is not what it would write, and validates the real manifest and the entries the
state modules write against the schemas themselves.

Only the part of JSON Schema the schemas use is understood, and anything else fails loudly:
``type`` (one or a list), ``const``, ``enum``, ``anyOf``, ``properties`` / ``required`` /
``additionalProperties``, ``items``, ``$ref`` to a ``$defs`` entry or to another schema file
(a top-level ``$ref`` beside ``properties`` adds that schema's fields, with
``unevaluatedProperties: false``), and keywords that only validate (``pattern``, ``minimum``...),
which have no type of their own.
"""

from __future__ import annotations

import json
import keyword
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

TS_OUT = Path(__file__).resolve().parents[1] / "js" / "lib" / "shapes.generated.d.ts"
PY_OUT = Path(__file__).resolve().parent / "shapes.py"

#: The fields every entry may hold (the store's and derive()'s), added to each entry-<name> schema.
STORED = "entry-stored.schema.json"

#: Keywords that constrain values but add nothing to a type.
VALIDATION_ONLY = {
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "pattern",
    "propertyNames",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "unevaluatedProperties",
    "$defs",
}
UNDERSTOOD = VALIDATION_ONLY | {
    "type",
    "const",
    "enum",
    "anyOf",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "$ref",
}


class ShapeError(ValueError):
    """A schema uses something the generator does not turn into a type."""


def schema_dir() -> Path:
    """data/schemas/ of the course (the repository)."""
    from .structure import course_root

    return course_root() / "data" / "schemas"


def schema_files(directory: Path | None = None) -> list[Path]:
    """The schemas the shapes come from: the manifest and every stored entry's."""
    directory = directory or schema_dir()
    return [directory / "manifest.schema.json", *sorted(directory.glob("entry-*.schema.json"))]


def root_name(path: Path) -> str:
    """manifest.schema.json -> Manifest; entry-check.schema.json -> CheckEntry."""
    stem = path.name.removesuffix(".schema.json")
    if stem.startswith("entry-"):
        return _pascal(stem.removeprefix("entry-")) + "Entry"
    return _pascal(stem)


def _pascal(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in text.replace("_", "-").split("-"))


@dataclass
class Shape:
    """One named type: an object with known fields, or an alias of another type."""

    name: str
    schema: dict
    source: str  #: the schema file it comes from
    fields: list[tuple[str, dict, bool]] = field(default_factory=list)  #: (name, schema, required)
    alias: dict | None = None  #: the schema of an alias (not an object with fields)
    #: the named type it extends (top-level $ref), and the fields it states itself (TypeScript
    #: writes `extends` and those; a TypedDict cannot narrow a field, so Python lists them all)
    base: str | None = None
    own: set[str] = field(default_factory=set)


class Shapes:
    """Every named type of every schema, in the order first met."""

    def __init__(self, paths: list[Path]):
        self.schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in paths}
        self.shapes: dict[str, Shape] = {}
        for path in paths:
            schema = self.schemas[path.name]
            self.add(root_name(path), schema, path.name)
            for name, sub in schema.get("$defs", {}).items():
                self.add(name, sub, path.name)

    def add(self, name: str, schema: dict, source: str) -> None:
        if name in self.shapes:
            raise ShapeError(f"{source}: the type name {name} is also used in {self.shapes[name].source}")
        unknown = set(schema) - UNDERSTOOD
        if unknown:
            raise ShapeError(
                f"{source}: {name} uses {', '.join(sorted(unknown))}, which the generator cannot type"
            )
        shape = Shape(name, schema, source)
        self.shapes[name] = shape
        if "properties" not in schema:
            shape.alias = schema
            return
        if schema.get("additionalProperties") not in (None, False):
            raise ShapeError(f"{source}: {name} has both properties and additionalProperties")
        base: dict = {}
        if "$ref" in schema:
            if schema.get("unevaluatedProperties") is not False:
                raise ShapeError(
                    f"{source}: {name} extends {schema['$ref']} without unevaluatedProperties: false"
                )
            base = self.target(schema["$ref"], source)
            shape.base = self.ref_name(schema["$ref"], source)
        shape.own = set(schema["properties"]) | set(schema.get("required", []))
        # The schema's own fields first, then those of the one it extends.
        merged = {**schema["properties"], **base.get("properties", {}), **schema["properties"]}
        required = set(base.get("required", [])) | set(schema.get("required", []))
        for key, sub in merged.items():
            if not key.isidentifier() or keyword.iskeyword(key):
                raise ShapeError(f"{source}: {name}.{key} is not a name both languages can use")
            if "properties" in sub:  # an object written in place: named after its field
                inner = name + _pascal(key)
                self.add(inner, sub, source)
                sub = {"$ref": f"#/$defs/{inner}", **{k: v for k, v in sub.items() if k == "description"}}
            shape.fields.append((key, sub, key in required))
        # A field the entry states again (v: its own version) keeps the base's description.
        descriptions = {k: v.get("description") for k, v in base.get("properties", {}).items()}
        shape.fields = [
            (
                key,
                sub
                if "description" in sub or not descriptions.get(key)
                else {**sub, "description": descriptions[key]},
                req,
            )
            for key, sub, req in shape.fields
        ]

    def target(self, ref: str, source: str) -> dict:
        """The schema a $ref names."""
        file, _, pointer = ref.partition("#")
        schema = self.schemas.get(file or source, None)
        if schema is None:
            raise ShapeError(f"{source}: $ref {ref} names no schema the generator reads")
        if not pointer:
            return schema
        if not pointer.startswith("/$defs/") or pointer.count("/") != 2:
            raise ShapeError(f"{source}: $ref {ref} is not a $defs entry")
        return schema["$defs"][pointer.removeprefix("/$defs/")]

    def ref_name(self, ref: str, source: str) -> str:
        file, _, pointer = ref.partition("#")
        if not pointer:
            return root_name(Path(file))
        return pointer.removeprefix("/$defs/")

    # ------------------------------------------------------------------------------ TypeScript

    def ts(self, schema: dict, source: str) -> str:
        if set(schema) - UNDERSTOOD:
            raise ShapeError(f"{source}: cannot type {sorted(set(schema) - UNDERSTOOD)}")
        if "$ref" in schema:
            return self.ref_name(schema["$ref"], source)
        if "const" in schema:
            return json.dumps(schema["const"])
        if "enum" in schema:
            return " | ".join(json.dumps(value) for value in schema["enum"])
        if "anyOf" in schema:
            return " | ".join(self.ts(sub, source) for sub in schema["anyOf"])
        kinds = schema.get("type")
        if isinstance(kinds, list):
            return " | ".join(self.ts({**schema, "type": kind}, source) for kind in kinds)
        if kinds in ("string", "boolean", "null"):
            return kinds
        if kinds in ("integer", "number"):
            return "number"
        if kinds == "array":
            item = self.ts(schema["items"], source) if "items" in schema else "unknown"
            return f"({item})[]" if "|" in item else f"{item}[]"
        if kinds == "object":
            if "properties" in schema:
                raise ShapeError(f"{source}: an object with properties must be a named type")
            extra = schema.get("additionalProperties", True)
            return f"Record<string, {self.ts(extra, source) if isinstance(extra, dict) else 'unknown'}>"
        if kinds is None:
            return "unknown"
        raise ShapeError(f"{source}: no type for {kinds!r}")

    def typescript(self) -> str:
        lines = [
            "// Generated from data/schemas/manifest.schema.json and entry-*.schema.json by `make schemas`",
            "// (python -m selfhelp_course.course.make_shapes); do not edit. Types only: esbuild never reads it.",
            '// JSDoc takes them as @type {import("./shapes.generated.js").Manifest} (tsconfig.json).',
        ]
        for shape in self.shapes.values():
            lines.append("")
            lines += _ts_doc(shape.schema.get("description") or shape.schema.get("title"), "")
            if shape.alias is not None:
                lines.append(f"export type {shape.name} = {self.ts(shape.alias, shape.source)};")
                continue
            lines.append(f"export interface {shape.name}{f' extends {shape.base}' if shape.base else ''} {{")
            for key, sub, required in shape.fields:
                if key not in shape.own:
                    continue
                lines += _ts_doc(sub.get("description"), "  ")
                lines.append(f"  {key}{'' if required else '?'}: {self.ts(sub, shape.source)};")
            lines.append("}")
        return "\n".join(lines) + "\n"

    # ---------------------------------------------------------------------------------- Python

    def py(self, schema: dict, source: str) -> str:
        if "$ref" in schema:
            return self.ref_name(schema["$ref"], source)
        if "const" in schema:
            return f"Literal[{_py_literal(schema['const'])}]"
        if "enum" in schema:
            return f"Literal[{', '.join(_py_literal(value) for value in schema['enum'])}]"
        if "anyOf" in schema:
            return " | ".join(self.py(sub, source) for sub in schema["anyOf"])
        kinds = schema.get("type")
        if isinstance(kinds, list):
            return " | ".join(self.py({**schema, "type": kind}, source) for kind in kinds)
        simple = {"string": "str", "boolean": "bool", "null": "None", "integer": "int", "number": "float"}
        if kinds in simple:
            return simple[kinds]
        if kinds == "array":
            return f"list[{self.py(schema['items'], source) if 'items' in schema else 'Any'}]"
        if kinds == "object":
            extra = schema.get("additionalProperties", True)
            return f"dict[str, {self.py(extra, source) if isinstance(extra, dict) else 'Any'}]"
        if kinds is None:
            return "Any"
        raise ShapeError(f"{source}: no type for {kinds!r}")

    def uses(self, shape: Shape) -> set[str]:
        """The named types a shape refers to (to write them first)."""
        found: set[str] = set()

        def walk(node: object) -> None:
            if isinstance(node, dict):
                if "$ref" in node:
                    found.add(self.ref_name(node["$ref"], shape.source))
                for key, value in node.items():
                    if key != "$defs":
                        walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(shape.alias if shape.alias is not None else [sub for _, sub, _ in shape.fields])
        return found

    def python(self) -> str:
        order: list[str] = []

        def visit(name: str) -> None:
            if name in order:
                return
            for used in sorted(self.uses(self.shapes[name]) - {name}):
                visit(used)
            order.append(name)

        for name in self.shapes:
            visit(name)
        lines = [
            '"""Types for the manifest and the stored learner entries: generated from',
            "data/schemas/manifest.schema.json and entry-*.schema.json by `make schemas`",
            '(python -m selfhelp_course.course.make_shapes); do not edit."""',
            "",
            "from __future__ import annotations",
            "",
            "from typing import Any, Literal, NotRequired, TypedDict",
            "",
            "__all__ = [",
            *[f'    "{name}",' for name in sorted(order)],
            "]",
        ]
        for name in order:
            shape = self.shapes[name]
            lines += ["", ""]
            lines += _py_doc(shape.schema.get("description") or shape.schema.get("title"), "")
            if shape.alias is not None:
                lines.append(f"{name} = {self.py(shape.alias, shape.source)}")
                continue
            lines.append(f"class {name}(TypedDict):")
            for key, sub, required in shape.fields:
                lines += _py_doc(sub.get("description"), "    ")
                kind = self.py(sub, shape.source)
                lines.append(f"    {key}: {kind if required else f'NotRequired[{kind}]'}")
        if "Any" not in "\n".join(lines[12:]):
            lines[6] = lines[6].replace("Any, ", "")
        return "\n".join(lines) + "\n"


def _ts_doc(text: str | None, indent: str) -> list[str]:
    if not text:
        return []
    wrapped = textwrap.wrap(text, width=100 - len(indent) - 3)
    if len(wrapped) == 1:
        return [f"{indent}/** {wrapped[0]} */"]
    return [f"{indent}/**", *[f"{indent} * {line}" for line in wrapped], f"{indent} */"]


def _py_doc(text: str | None, indent: str) -> list[str]:
    if not text:
        return []
    return [f"{indent}#: {line}" for line in textwrap.wrap(text, width=100 - len(indent) - 3)]


def _py_literal(value: object) -> str:
    if isinstance(value, bool | int) or value is None:
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    raise ShapeError(f"no Literal for {value!r}")


def generated(directory: Path | None = None) -> dict[Path, str]:
    """What each generated file should hold."""
    shapes = Shapes(schema_files(directory))
    return {TS_OUT: shapes.typescript(), PY_OUT: shapes.python()}


def write(directory: Path | None = None) -> list[Path]:
    """Write the generated files that changed; returns them."""
    changed = []
    for path, text in generated(directory).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path}", file=sys.stderr)
