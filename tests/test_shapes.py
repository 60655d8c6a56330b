"""The shapes that cross between Python and the browser, checked against their JSON Schemas on
both sides (issue 24): data/schemas/manifest.schema.json for the course manifest _manifest.py
writes, and data/schemas/entry-<name>.schema.json for every kind of stored entry the front end
writes. The TypeScript types (js/lib/shapes.generated.d.ts, read by tsc) and the TypedDicts
(course/shapes.py, read by mypy) are generated from the same schemas by `make schemas`.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from paths import ROOT, SITE
from selfhelp_course.activities.banks import EVALUATION_FILE
from selfhelp_course.course import make_shapes as _shapes_gen
from selfhelp_course.course.facts import ACTIVITY_KINDS, entry_versions
from selfhelp_course.course.manifest import VERSION, course_manifest
from selfhelp_course.course.structure import toc_docnames

SCHEMAS = ROOT / "data" / "schemas"
FILES = _shapes_gen.schema_files(SCHEMAS)
LOADED = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in FILES}
REGISTRY = Registry().with_resources(
    (name, Resource.from_contents(schema)) for name, schema in LOADED.items()
)
ENTRY_NAMES = sorted(
    path.name.removeprefix("entry-").removesuffix(".schema.json")
    for path in FILES
    if path.name.startswith("entry-") and path.name != _shapes_gen.STORED
)


def validator(file: str) -> Draft202012Validator:
    return Draft202012Validator(LOADED[file], registry=REGISTRY)


def errors(file: str, value: object) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator(file).iter_errors(value)
    ]


MANIFEST = course_manifest(ROOT)


@pytest.fixture(scope="module")
def written() -> dict:
    """What the front end's state modules write, through the real store (tests/js/entry-samples.mjs)."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: the entry samples need Node.js 20+")
    from selfhelp_course.site.front_end import write_facts

    write_facts()
    done = subprocess.run(
        [node, str(ROOT / "tests" / "js" / "entry-samples.mjs")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


# ------------------------------------------------------------------------------ the generator


def test_the_generated_types_are_what_make_schemas_writes():
    for path, text in _shapes_gen.generated(SCHEMAS).items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run `make schemas`"


@pytest.mark.parametrize("file", sorted(LOADED))
def test_each_schema_is_a_valid_2020_12_schema(file):
    Draft202012Validator.check_schema(LOADED[file])
    assert LOADED[file]["$id"] == file, "other schemas refer to it by its file name"


def test_the_generator_refuses_a_keyword_it_cannot_type(tmp_path):
    for path in FILES:
        shutil.copy(path, tmp_path)
    bad = tmp_path / "entry-check.schema.json"
    schema = json.loads(bad.read_text(encoding="utf-8"))
    schema["properties"]["selected"] = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    bad.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(_shapes_gen.ShapeError, match="oneOf"):
        _shapes_gen.generated(tmp_path)


def test_a_field_added_to_a_schema_reaches_both_generated_files(tmp_path):
    for path in FILES:
        shutil.copy(path, tmp_path)
    changed = tmp_path / "entry-read.schema.json"
    schema = json.loads(changed.read_text(encoding="utf-8"))
    schema["properties"]["minutes"] = {"type": "integer"}
    changed.write_text(json.dumps(schema), encoding="utf-8")
    made = {path.name: text for path, text in _shapes_gen.generated(tmp_path).items()}
    read_ts = made["shapes.generated.d.ts"].split("export interface ReadEntry extends StoredEntry {")[1]
    read_ts = read_ts.split("}")[0]
    read_py = made["shapes.py"].split("class ReadEntry(TypedDict):")[1].split("\nclass ")[0]
    assert "  minutes?: number;" in read_ts
    assert "    minutes: NotRequired[int]" in read_py


# ------------------------------------------------------------------------------ the manifest


def test_the_courses_manifest_matches_its_schema():
    assert errors("manifest.schema.json", MANIFEST) == []
    assert "evaluation" in MANIFEST


def test_the_built_sites_manifest_matches_its_schema():
    built = SITE / "_static" / "course-manifest.js"
    if not built.is_file():
        pytest.fail("the site is not built: run `make book` first")
    text = built.read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.COURSE_MANIFEST = ").removesuffix(";\n"))
    assert errors("manifest.schema.json", data) == []


def test_a_course_without_an_evaluation_gives_a_manifest_that_matches_too(tmp_path):
    scratch = tmp_path / "course"
    scratch.mkdir()
    shutil.copy(ROOT / "_toc.yml", scratch)
    shutil.copy(ROOT / "_config.yml", scratch)
    for folder in {name.split("/")[0] for name in toc_docnames(ROOT)} | {"data"}:
        shutil.copytree(ROOT / folder, scratch / folder)
    (scratch / EVALUATION_FILE).unlink()
    manifest = course_manifest(scratch)
    assert "evaluation" not in manifest
    assert errors("manifest.schema.json", manifest) == []


def _first_with(kind: str) -> tuple[int, int]:
    for p, page in enumerate(MANIFEST["pages"]):
        for a, activity in enumerate(page["activities"]):
            if activity["kind"] == kind:
                return p, a
    raise AssertionError(f"no {kind} in the course")


def _set(path: list, value: object):
    def change(manifest: dict) -> dict:
        node = manifest
        for key in path[:-1]:
            node = node[key]
        if value is _DELETE:
            del node[path[-1]]
        else:
            node[path[-1]] = value
        return manifest

    return change


_DELETE = object()
CHECK_AT = _first_with("check")
ASSESSMENT_AT = _first_with("assessment")
WRONG_MANIFESTS = {
    "an unknown field on a page": _set(["pages", 0, "minutes"], 10),
    "minutes as text": _set(["pages", 0, "teaching_minutes"], "10"),
    "negative minutes": _set(["pages", 0, "activity_minutes"], -5),
    "a page without its docname": _set(["pages", 0, "docname"], _DELETE),
    "an activity of no kind": _set(["pages", CHECK_AT[0], "activities", CHECK_AT[1], "kind"], "quiz"),
    "the evaluation listed as an activity": _set(
        ["pages", CHECK_AT[0], "activities", CHECK_AT[1], "kind"], "evaluation"
    ),
    "a check's options as numbers": _set(
        ["pages", CHECK_AT[0], "activities", CHECK_AT[1], "options"], [0, 1]
    ),
    "a pass mark as a percentage": _set(
        ["pages", ASSESSMENT_AT[0], "activities", ASSESSMENT_AT[1], "pass_mark"], 80
    ),
    "another version": _set(["version"], 3),
    "an evaluation scale point without words": _set(["evaluation", "scale", 0, "words"], _DELETE),
}


@pytest.mark.parametrize("change", list(WRONG_MANIFESTS.values()), ids=list(WRONG_MANIFESTS))
def test_a_wrong_manifest_is_refused(change):
    assert errors("manifest.schema.json", change(copy.deepcopy(MANIFEST))) != []


def test_the_manifests_version_is_the_one_manifest_py_writes():
    assert LOADED["manifest.schema.json"]["properties"]["version"]["const"] == VERSION


def test_the_manifests_activity_kinds_are_the_kinds_that_count():
    kinds = LOADED["manifest.schema.json"]["$defs"]["ManifestActivity"]["properties"]["kind"]["enum"]
    assert kinds == [kind.kind for kind in ACTIVITY_KINDS if kind.counts]


# ------------------------------------------------------------------------------ stored entries


def test_each_entry_schema_states_the_version_the_facts_give():
    versions = entry_versions()
    assert sorted(versions) == ENTRY_NAMES, "one entry schema for each kind of stored entry"
    for name, version in versions.items():
        assert LOADED[f"entry-{name}.schema.json"]["properties"]["v"] == {"const": version}, name


def test_the_samples_cover_every_entry_schema_and_the_facts_versions(written):
    assert written["versions"] == entry_versions()
    assert sorted(written["samples"]) == ENTRY_NAMES
    assert all(written["samples"][name] for name in ENTRY_NAMES)
    # The store's own fields are there, and the text two tabs changed is kept as a conflict.
    every = [entry for name in ENTRY_NAMES for entry in written["samples"][name]]
    assert all({"updated", "rev", "parent"} <= set(entry) for entry in every)
    for name in ("reflection", "portfolio"):
        assert any("conflicts" in entry for entry in written["samples"][name]), name


@pytest.mark.parametrize("name", ENTRY_NAMES)
def test_the_entries_the_front_end_writes_match_their_schemas(written, name):
    for entry in written["samples"][name]:
        assert errors(f"entry-{name}.schema.json", entry) == [], json.dumps(entry, indent=1)


@pytest.mark.parametrize("name", ENTRY_NAMES)
def test_the_entries_a_scorm_1_2_lms_gives_back_match_their_schemas(written, name):
    """Packed in the compact form for SCORM 1.2's suspend data (lms/bridge/compact.js) and
    unpacked on the next visit, as the bridge's restore() adopts them into the store."""
    assert written["coded"] > 0, "some kinds went by their codec, not whole"
    (entry,) = written["fromLms"][name]
    assert errors(f"entry-{name}.schema.json", entry) == [], json.dumps(entry, indent=1)


def _renamed(entry: dict) -> dict:
    """A field spelt wrongly (the first of the kind's own fields)."""
    key = next(k for k in entry if k not in {"v", "page"})
    return {**{k: v for k, v in entry.items() if k != key}, key + "s": entry[key]}


WRONG_ENTRIES = {
    "an unknown field": lambda entry: {**entry, "note": "x"},
    "a field spelt wrongly": _renamed,
    "another kind's version": lambda entry: {**entry, "v": entry["v"] + 1},
    "complete as text": lambda entry: {**entry, "complete": "true"},
    "a conflict without its versions": lambda entry: {
        **entry,
        "conflicts": {'["x"]': {"path": ["x"], "at": ""}},
    },
}


@pytest.mark.parametrize("name", ENTRY_NAMES)
@pytest.mark.parametrize("change", list(WRONG_ENTRIES.values()), ids=list(WRONG_ENTRIES))
def test_a_wrong_entry_is_refused(written, name, change):
    entry = written["samples"][name][-1]
    assert errors(f"entry-{name}.schema.json", change(copy.deepcopy(entry))) != []


WRONG_FIELDS = {
    "check": ("selected", [0, 1]),
    "sorting": ("placements", {"01": "mutual-aid"}),
    "scenario": ("phase", "reading"),
    "reflection": ("texts", {"gibbs": {"description": 3}}),
    "explorer": ("seen", ["life"]),
    "assessment": ("best", {"attempt": "a1", "right": 3, "total": 2, "scaled": 1.5, "submitted": ""}),
    "evaluation": ("before", {"use-evidence": 6}),
    "learner": ("seed", "SHORT"),
    "read": ("complete", None),
    "portfolio": ("accounts", {"r": {"nmc": {}}}),
}


@pytest.mark.parametrize("name", ENTRY_NAMES)
def test_a_kinds_own_field_of_the_wrong_shape_is_refused(written, name):
    key, value = WRONG_FIELDS[name]
    entry = {**written["samples"][name][-1], key: value}
    assert errors(f"entry-{name}.schema.json", entry) != []
