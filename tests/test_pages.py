"""Every course page has the parts a learner and a trainer rely on (read from the sources)."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from paths import REFERENCE_PAGES, ROOT
from selfhelp_course.activities.banks import CHECKS
from selfhelp_course.course.structure import front_matter, page_path, toc_docnames

# Pages for trainers (trainer/) are guides, not lessons: no minutes, objectives or key points.
TEACHING = [
    name for name in toc_docnames(ROOT) if name not in REFERENCE_PAGES and not name.startswith("trainer/")
]
CASE_STUDIES = [name for name in TEACHING if name.startswith("case_studies/")]
BIB_KEYS = set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(encoding="utf-8")))
CHECK_IDS = set(CHECKS.load(CHECKS.paths(ROOT)))


def source(name: str) -> str:
    return page_path(ROOT, name).read_text(encoding="utf-8")


def prose(text: str) -> str:
    """The page without front matter or code cells."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)


def headings(text: str) -> list[int]:
    levels, fence = [], None
    for line in prose(text).splitlines():
        marker = re.match(r"^(`{3,}|:{3,})", line)
        if marker:
            fence = (
                None
                if fence and line.startswith(fence) and line.strip() == fence
                else (fence or marker.group(1))
            )
            continue
        if fence is None and (match := re.match(r"^(#{1,6}) \S", line)):
            levels.append(len(match.group(1)))
    return levels


@pytest.mark.parametrize("name", toc_docnames(ROOT))
def test_headings_start_at_one_title_and_never_skip_a_level(name):
    levels = headings(source(name))
    assert levels[:1] == [1] and levels.count(1) == 1, f"{name}: one # title first"
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"{name}: heading jumps from level {before} to {after}"


@pytest.mark.parametrize("name", TEACHING)
def test_page_opens_with_objectives_and_questions_and_closes_with_key_points(name):
    text = prose(source(name))
    slug = Path(name).name
    assert re.search(rf"^\({re.escape(slug)}\)=\n# ", text, flags=re.M), (
        f"{name}: label ({slug})= before the title"
    )
    first_section = text.find("\n## ")
    for part in ("objectives", "questions"):
        at = text.find(f":class: {part}")
        assert 0 <= at < first_section, f"{name}: the {part} box comes before the first section"
    key_points = text.rfind(":class: key-points")
    assert key_points > text.rfind("\n## "), f"{name}: key points close the page"


@pytest.mark.parametrize("name", TEACHING)
def test_page_is_a_myst_notebook_with_minutes(name):
    meta = front_matter(page_path(ROOT, name))
    assert meta["jupytext"]["text_representation"]["format_name"] == "myst"
    assert meta["kernelspec"]["name"] == "python3"
    assert meta["course"]["teaching_minutes"] + meta["course"]["activity_minutes"] > 0


@pytest.mark.parametrize("name", TEACHING)
def test_claims_are_cited_from_the_bibliography(name):
    keys = [
        key.strip()
        for group in re.findall(r"\{cite(?::[pt])?\}`([^`]+)`", source(name))
        for key in group.split(",")
    ]
    assert keys, f"{name} cites nothing"
    assert set(keys) <= BIB_KEYS, f"{name} cites unknown keys {set(keys) - BIB_KEYS}"


@pytest.mark.parametrize("name", TEACHING)
def test_knowledge_checks_and_labels_exist_and_belong_to_the_page(name):
    text = source(name)
    slug = Path(name).name
    used = re.findall(r'knowledge_check\("([^"]+)"\)', text)
    assert set(used) <= CHECK_IDS, f"{name} shows unknown checks {set(used) - CHECK_IDS}"
    for label in re.findall(r"^:label: (\S+)", text, flags=re.M) + re.findall(
        r"^\((\S+)\)=", text, flags=re.M
    ):
        assert label.startswith(slug), f"{name}: label {label} should start with {slug}"


# The assessment page is mostly its questions (book/assessment.md), not a piece of writing.
@pytest.mark.parametrize(
    "name", [n for n in TEACHING if not n.startswith("notebooks/") and n != "book/assessment"]
)
def test_chapters_and_case_studies_are_full_pieces_of_writing(name):
    words = len(re.findall(r"[A-Za-z']+", prose(source(name))))
    assert 1500 <= words <= 4500, f"{name} has {words} words"


@pytest.mark.parametrize("name", CASE_STUDIES)
def test_case_studies_say_their_people_are_fictional_composites(name):
    text = source(name)
    assert ":class: composite-notice" in text and "fictional composite" in text
    assert "What would you do?" in text and "Discussion questions" in text


@pytest.mark.parametrize("name", toc_docnames(ROOT))
def test_pages_load_nothing_from_outside_the_site(name):
    text = prose(source(name))
    assert not re.search(r"https?://", text), f"{name} has a web address"
    for alt in re.findall(r"!\[([^\]]*)\]\(", text):
        assert alt.strip(), f"{name} has an image without alt text"
    for block in re.findall(r"```\{(?:figure|image)\}[^\n]*\n(.*?)```", text, flags=re.S):
        assert ":alt:" in block, f"{name} has a figure without :alt:"


def test_no_sentence_is_shared_with_the_seed_article():
    checker = ROOT.parent / "shared" / "tools" / "check_copy.py"
    if not checker.is_file():
        pytest.skip("the shared copy checker is not beside this clone")
    result = subprocess.run([sys.executable, str(checker), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
