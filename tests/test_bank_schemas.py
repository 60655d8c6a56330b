"""The JSON Schemas that trainers' editors read (data/schemas/<bank>.schema.json), generated from
the walker in _content.py (docs/decisions.md, section 5): every bank validates against its
schema, the checked-in files are what the generator writes, and a bank the walker refuses for a
missing field, an unknown field or a wrong type is refused by the schema too.

What the walker checks and JSON Schema cannot (so the walker stays the build's validator):
- a key written twice: YAML loaders keep the second and the schema never sees the first;
- ids unique within a question, a bank, a file and across the course, answers and `next` that
  name real options and steps, one correct option, reachable steps, outcomes with two questions,
  pages that exist in _toc.yml, a framework that feeds every portfolio field (the rules);
- the file, line and field of each mistake (jsonschema gives a path of keys, not a line);
- text as written: YAML 1.1 (PyYAML, these tests) reads `Yes` as true and `12:30` as 750, where
  the walker keeps the words.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator

from paths import ROOT
from selfhelp_course.activities import banks as _content
from selfhelp_course.activities.banks import (
    BANKS,
    CHECKS,
    EVALUATION_FILE,
    EXPLORER_FILE,
    FRAMEWORKS_FILE,
    KNOWLEDGE_CHECKS_TEMPLATE,
    MODELINE,
    OUTCOMES_FILE,
    ROUTES,
    ROUTES_FILE,
    SORTING,
    json_schemas,
    modelines,
    schema_files,
    write_schemas,
)
from selfhelp_course.course import make_shapes as _shapes_gen
from selfhelp_course.course.structure import ROOT_ENV
from selfhelp_course.errors import ContentError
from test_content import GOOD  # a good bank of one check

# Not generated: what a learner downloads from the evaluation (a different thing altogether), and
# the manifest's and the stored entries' schemas, which the types are generated from
# (course/make_shapes.py; tests/test_shapes.py).
OTHER_SCHEMAS = {"evaluation-response.schema.json"} | {
    path.name for path in _shapes_gen.schema_files(ROOT / "data" / "schemas")
}
SCHEMAS = json_schemas()
# The keywords the generator may use: each means the same in Draft 2020-12 (jsonschema, these
# tests) and in draft-07, which the YAML language server in editors reads. patternErrorMessage is
# the language server's own (the message it shows); validators ignore keywords they do not know.
SHARED_KEYWORDS = {
    "$schema",
    "$comment",
    "title",
    "type",
    "minLength",
    "maxLength",
    "pattern",
    "patternErrorMessage",
    "enum",
    "const",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "items",
    "required",
    "properties",
    "additionalProperties",
    "anyOf",
    "default",
}


def schema_for(path: Path) -> dict:
    """The schema a YAML file names on its first line."""
    first = path.read_text(encoding="utf-8").partition("\n")[0]
    assert first.startswith(MODELINE), f"{path} does not name its schema on line 1: run `make schemas`"
    return yaml.safe_load((path.parent / first.removeprefix(MODELINE)).read_text(encoding="utf-8"))


def test_the_checked_in_schemas_are_what_the_generator_writes():
    for path, text in schema_files(ROOT).items():
        assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run `make schemas`"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} differs from the schema in _content.py: run `make schemas`"
        )
    written = {path.name for path in schema_files(ROOT)}
    on_disk = {path.name for path in (ROOT / "data" / "schemas").glob("*.json")}
    assert on_disk - written == OTHER_SCHEMAS, "a schema file that nothing writes: run `make schemas`"


def test_every_file_the_walker_reads_names_its_schema_on_its_first_line():
    covered = set(modelines(ROOT))
    expected = {path for bank in BANKS for path in bank.paths(ROOT)} | {
        ROOT / relative
        for relative in (
            OUTCOMES_FILE,
            FRAMEWORKS_FILE,
            ROUTES_FILE,
            EXPLORER_FILE,
            EVALUATION_FILE,
            KNOWLEDGE_CHECKS_TEMPLATE,
        )
    }
    assert len(expected) >= 36 and covered == expected
    for path, line in modelines(ROOT).items():
        first = path.read_text(encoding="utf-8").partition("\n")[0]
        assert first == line, f"{path.relative_to(ROOT)}: line 1 should be {line!r}: run `make schemas`"
        assert (path.parent / line.removeprefix(MODELINE)).resolve().is_file()


@pytest.mark.parametrize("path", sorted(modelines(ROOT)), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_bank_file_validates_against_the_schema_it_names(path):
    schema = schema_for(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for validator in (Draft202012Validator, Draft7Validator):
        validator.check_schema(schema)
        errors = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(data)
        ]
        assert not errors, f"{path.relative_to(ROOT)} ({validator.__name__}): {errors}"


def test_the_schemas_use_only_keywords_that_draft_07_editors_read_the_same():
    def keywords(node, inside_properties=False):
        if isinstance(node, dict):
            for key, value in node.items():
                if not inside_properties:
                    yield key
                yield from keywords(value, key == "properties" and not inside_properties)
        elif isinstance(node, list):
            for value in node:
                yield from keywords(value)

    for name, schema in SCHEMAS.items():
        assert set(keywords(schema)) <= SHARED_KEYWORDS, name
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_comment_on_line_one_leaves_the_walkers_line_numbers_right(write):
    bank = (ROOT / "data/activities/checks/welcome.yml").read_text(encoding="utf-8")
    lines = bank.splitlines()
    assert lines[0].startswith(MODELINE)
    first_check = lines.index("  - id: welcome-anonymise-details") + 1
    assert CHECKS.load([ROOT / "data/activities/checks/welcome.yml"])["welcome-anonymise-details"][
        "source"
    ] == (
        str(ROOT / "data/activities/checks/welcome.yml"),
        first_check,
    )
    broken = write("checks/welcome.yml", bank.replace("kind: multiple", "kind: several", 1))
    with pytest.raises(ContentError) as caught:
        CHECKS.load([broken])
    assert caught.value.line == first_check + 1 and caught.value.field == "checks[0].kind"


@pytest.mark.parametrize(
    ("bank", "relative", "old", "new"),
    [
        (CHECKS, "data/activities/checks/welcome.yml", "correct: true", "correct: yes please"),
        (
            SORTING,
            "data/activities/sorting/what-is-a-self-help-group.yml",
            "answer: self-help-group",
            "answer: self-help",
        ),
    ],
)
def test_the_trainer_guides_example_messages_are_what_the_walker_says(tmp_path, bank, relative, old, new):
    """trainer/editing-content.md quotes these with their line numbers, which count line 1."""
    copy = tmp_path / relative
    copy.parent.mkdir(parents=True)
    copy.write_text((ROOT / relative).read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        bank.load([copy])
    message = str(caught.value).removeprefix(f"{tmp_path}/")
    assert message.startswith(relative) and message in (ROOT / "trainer/editing-content.md").read_text(
        encoding="utf-8"
    )


# --- Adversarial: what the walker refuses, the schema refuses too ----------------------------------

ROUTE = """\
routes:
  - id: short-session
    title: A short session
    best_for: Teams with an hour
    reflection: One prompt
    pages: [book/welcome]
    minutes: 60
"""


def refused_by_both(write, schema_name: str, walker, text: str) -> list[str]:
    path = write("bank.yml", textwrap.dedent(text))
    with pytest.raises(ContentError):
        walker(path)
    errors = list(Draft202012Validator(SCHEMAS[schema_name]).iter_errors(yaml.safe_load(text)))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def load_checks(path: Path) -> None:
    CHECKS.load([path])


def load_routes(path: Path) -> None:
    ROUTES.check(_content.parse(path), path, "")


# What a trainer might get wrong: (text replaced, replacement, where the schema's error points).
CHECK_MISTAKES = [
    ("        feedback: No.\n", "", "checks/0/options/1"),  # a required field missing
    ("    kind: single\n", "    kind: single\n    hint: x\n", "checks/0"),  # an unknown field
    ("correct: true", "correct: yes please", "checks/0/options/0/correct"),  # not true or false
    ("question: Which is run by its members?", "question: [Which, is, run]", "checks/0/question"),  # a list
    ("question: Which is run by its members?", "question:", "checks/0/question"),  # empty
    ("kind: single", "kind: singel", "checks/0/kind"),  # not one of the choices
    ("id: clinic", "id: A Clinic", "checks/0/options/1/id"),  # not lower-case words with hyphens
    (
        "      - id: clinic\n        text: A clinic\n        feedback: No.\n",
        "",
        "checks/0/options",
    ),  # 1 option
]
ROUTE_MISTAKES = [
    ("minutes: 60", "minutes: 6000", "routes/0/minutes"),  # a number out of range
    ("pages: [book/welcome]", "pages: every", "routes/0/pages"),  # neither all nor a list
    ("pages: [book/welcome]", "pages: [Book Welcome]", "routes/0/pages"),  # not a page name
]
BROKEN = [
    *[("checks", GOOD.replace(old, new), where) for old, new, where in CHECK_MISTAKES],
    *[("routes", ROUTE.replace(old, new), where) for old, new, where in ROUTE_MISTAKES],
    ("checks", "- just a list\n", ""),
]


@pytest.mark.parametrize(("schema_name", "broken", "where"), BROKEN)
def test_a_bank_the_walker_refuses_is_refused_by_its_schema(write, schema_name, broken, where):
    assert broken not in (GOOD, ROUTE)
    walker = {"checks": load_checks, "routes": load_routes}[schema_name]
    errors = refused_by_both(write, schema_name, walker, broken)
    assert any(error.startswith(f"{where}: ") for error in errors), errors


def test_the_same_banks_unbroken_pass_both(write):
    path = write("good.yml", GOOD)
    load_checks(path)
    assert not list(Draft202012Validator(SCHEMAS["checks"]).iter_errors(yaml.safe_load(GOOD)))
    path = write("routes.yml", ROUTE)
    load_routes(path)
    assert not list(Draft202012Validator(SCHEMAS["routes"]).iter_errors(yaml.safe_load(ROUTE)))


@pytest.mark.parametrize(
    "broken",
    [
        GOOD.replace("    kind: single\n", "    kind: single\n    kind: multiple\n"),  # a key written twice
        GOOD.replace("id: clinic", "id: self-help-group"),  # an option id used twice
        GOOD.replace(
            "        feedback: No.\n", "        feedback: No.\n        correct: true\n"
        ),  # two right
    ],
)
def test_what_only_the_walker_catches(write, broken):
    """The division of labour the module docstring states: the editor's schema passes these, the
    build refuses them."""
    with pytest.raises(ContentError):
        load_checks(write("bank.yml", broken))
    assert not list(Draft202012Validator(SCHEMAS["checks"]).iter_errors(yaml.safe_load(broken)))


# --- make schemas: writes the schemas and the first lines, and only what changed ---------------------


def test_make_schemas_names_the_schema_in_a_copied_template_and_changes_nothing_twice(tmp_path, monkeypatch):
    template = (ROOT / KNOWLEDGE_CHECKS_TEMPLATE).read_text(encoding="utf-8")
    copy = tmp_path / "data/activities/checks/new-page.yml"
    copy.parent.mkdir(parents=True)
    copy.write_text(template, encoding="utf-8")
    bare = tmp_path / "data/activities/checks/bare.yml"
    bare.write_text(GOOD.replace("demo-one", "demo-two"), encoding="utf-8")
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    assert _content.main(["schemas"]) == 0
    assert copy.read_text(encoding="utf-8") == (
        f"{MODELINE}../../schemas/checks.schema.json\n" + template.partition("\n")[2]
    )
    assert bare.read_text(encoding="utf-8") == f"{MODELINE}../../schemas/checks.schema.json\n" + GOOD.replace(
        "demo-one", "demo-two"
    )
    assert {path.name for path in (tmp_path / "data/schemas").iterdir()} == {
        f"{n}.schema.json" for n in SCHEMAS
    }
    assert write_schemas(tmp_path) == []
    assert set(CHECKS.load(CHECKS.paths(tmp_path))) == {"page-slug-short-name", "demo-two"}
    assert _content.main(["schema"]) == 2
