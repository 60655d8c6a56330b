"""Facts the course states in several formats come from one place (docs/facts-restated.md)."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from paths import ROOT
from selfhelp_course.course.facts import (
    ASSESSMENT_ID,
    KEY_SEPARATOR,
    KIND_BY_NAME,
    PORTFOLIO_PAGE,
    PROGRESS_PAGE,
    STORAGE_PREFIX,
    activity_key,
    course_title,
    facts,
    facts_module,
    storage_key,
)
from selfhelp_course.course.structure import page_path, toc_docnames
from selfhelp_course.formats.release import TRAINER_README


def config_title() -> str:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]


def test_the_course_title_is_the_configs_in_every_format():
    title = config_title()
    assert course_title(ROOT) == title
    assert facts(ROOT)["courseTitle"] == title  # the CPD record and its exports (forms.js)
    assert f'edition of "{title}", version 1.2.3' in TRAINER_README.format(version="1.2.3", title=title)
    # CITATION.cff keeps its own text (title and subtitle), which must begin with the title.
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["title"].startswith(f"{title}: ")


def test_a_new_title_reaches_the_front_end(tmp_path):
    (tmp_path / "_config.yml").write_text("title: Another Course\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    for name in ("data/nations.yml", "references.bib"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    assert '"courseTitle": "Another Course"' in facts_module(tmp_path)


@pytest.mark.parametrize("config", ["author: someone\n", "title: ''\n", "title: [a, b]\n"])
def test_a_config_without_a_title_fails_the_build(tmp_path, config):
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    with pytest.raises(ValueError, match="has no title"):
        course_title(tmp_path)


@pytest.mark.parametrize(
    ("docname", "call"), [(PROGRESS_PAGE, "progress_overview"), (PORTFOLIO_PAGE, "portfolio")]
)
def test_the_progress_and_portfolio_pages_are_where_the_facts_say(docname, call):
    # Every page links to PROGRESS_PAGE and a portfolio entry stores PORTFOLIO_PAGE (both through
    # facts.generated.js): moving a page without changing _facts.py must fail here.
    called = re.compile(rf"^{call}\(\)\s*$", re.M)
    pages = [
        name
        for name in toc_docnames(ROOT)
        if called.search(page_path(ROOT, name).read_text(encoding="utf-8"))
    ]
    assert pages == [docname]


KEY_CASES = json.loads((ROOT / "tests" / "key_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", KEY_CASES, ids=[c["key"] for c in KEY_CASES])
def test_activity_keys_are_the_same_table_as_js(case):
    # tests/js/facts-keys.test.mjs runs activityKey, kindOfKey and idOfKey on the same table.
    assert activity_key(case["kind"], case["id"]) == case["key"]
    assert storage_key(case["kind"], case["id"]) == STORAGE_PREFIX + case["key"]


def test_the_key_cases_cover_every_kind_and_the_facts_reach_the_front_end():
    assert {case["kind"] for case in KEY_CASES} == set(KIND_BY_NAME)
    generated = facts(ROOT)
    assert generated["keySeparator"] == KEY_SEPARATOR and generated["assessmentId"] == ASSESSMENT_ID
