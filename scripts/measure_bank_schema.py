"""Measure whether JSON Schema can stand beside the banks' schema walker (docs/decisions.md,
section 5): turn `_content.py`'s schema tree into JSON Schema (a throwaway converter, here only),
validate every bank file with `jsonschema` as an editor would see it, and time both.

    .venv/bin/python scripts/measure_bank_schema.py

Prints, per bank: the files, how many the generated schema accepts, the first error of any it
refuses, and the time of today's walker (`Bank.load`) and of `jsonschema` on the same files
(best of 5). Then what each says about three small broken inputs. Writes nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from selfhelp_course.activities import banks as c


def to_schema(node) -> dict:
    """A JSON Schema for one node of the walker's tree (what it can say; rules are left out)."""
    if isinstance(node, c.Text):
        schema = {"type": "string", "minLength": 1, "maxLength": node.max_length}
        if node.pattern:
            schema["pattern"] = node.pattern.pattern
        return schema
    if isinstance(node, c.OneOf):
        return {"enum": list(node.choices)}
    if isinstance(node, c.Flag):
        return {"type": "boolean"}
    if isinstance(node, c.Whole):
        return {"type": "integer", "minimum": node.low, "maximum": node.high}
    if isinstance(node, c.ListOf):
        return {
            "type": "array",
            "items": to_schema(node.item),
            "minItems": node.min_items,
            "maxItems": node.max_items,
        }
    if isinstance(node, c.Record):
        optional = node.optional or {}
        return {
            "type": "object",
            "required": list(node.required),
            "additionalProperties": False,
            "properties": {
                **{k: to_schema(v) for k, v in node.required.items()},
                **{k: to_schema(v[0]) for k, v in optional.items()},
            },
        }
    if isinstance(node, c.PagesOrAll):
        return {
            "anyOf": [
                {"const": "all"},
                {
                    "type": "array",
                    "maxItems": 40,
                    "items": {"type": "string", "pattern": c.PAGE_NAME.pattern},
                },
            ]
        }
    raise TypeError(f"no JSON Schema for {type(node).__name__}")


def best(work, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    root = c.course_root()
    print(
        "| Bank | Files | Accepted by the generated schema | First refusal | Walker (`Bank.load`) | jsonschema |"
    )
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for bank in c.BANKS:
        paths = bank.paths(root)
        validator = Draft202012Validator(to_schema(c.Record(required={bank.kind: c.ListOf(bank.item)})))
        refusals = []
        for path in paths:
            errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
            if errors:
                first = min(errors, key=lambda e: len(e.absolute_path))
                refusals.append(
                    f"{path.name}: {'/'.join(map(str, first.absolute_path))}: {first.message[:80]}"
                )
        walker = best(lambda bank=bank, paths=paths: bank.load(paths))
        schema = best(
            lambda validator=validator, paths=paths: [
                list(validator.iter_errors(yaml.safe_load(p.read_text(encoding="utf-8")))) for p in paths
            ]
        )
        print(
            f"| {bank.kind} | {len(paths)} | {len(paths) - len(refusals)} | {refusals[0] if refusals else ''} "
            f"| {walker * 1000:.0f} ms | {schema * 1000:.0f} ms |"
        )

    check = c.KNOWLEDGE_CHECK
    validator = Draft202012Validator(to_schema(c.Record(required={"checks": c.ListOf(check)})))
    good = (
        "checks:\n- id: a-check\n  question: Which?\n  kind: single\n"
        "  options:\n  - {id: yes-one, text: 'Yes', feedback: Right, correct: true}\n"
        "  - {id: no-one, text: 'No', feedback: Wrong}\n"
    )
    cases = {
        "feedback written as the word Yes": good.replace("feedback: Right", "feedback: Yes"),
        "a key written twice": good.replace(
            "  question: Which?\n", "  question: Which?\n  question: Which two?\n"
        ),
        "a number where text is expected": good.replace("feedback: Wrong", "feedback: 12:30"),
    }
    print("\n| Input | Walker | jsonschema on yaml.safe_load |")
    print("| --- | --- | --- |")
    scratch = Path("/tmp/measure-bank-schema.yml")
    for name, text in cases.items():
        scratch.write_text(text, encoding="utf-8")
        try:
            c.Record(required={"checks": c.ListOf(check)}).check(c.parse(scratch), scratch, "")
            walker = "accepted"
        except c.ContentError as error:
            walker = str(error).replace(str(scratch), "x.yml")
        errors = list(validator.iter_errors(yaml.safe_load(text)))
        found = "; ".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors) or "accepted"
        print(f"| {name} | {walker} | {found} |")
    scratch.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
