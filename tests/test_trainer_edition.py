"""The trainer edition (`make trainer-book`) shows every trainer note and says what it is on
every page; the learner site (`make book`) has neither the notes nor the banner, not even in its
search index. Both sites must be built first: `make test` builds them."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import snowballstemmer

from paths import BUILD, ROOT, SITE
from selfhelp_course.course.structure import page_path, toc_docnames
from selfhelp_course.site.sphinx_ext import STAMP, _check_execution_inputs, _save_stamp

# jupyter-book writes <path-output>/_build/html; the Makefile's path-output is _build/trainer.
TRAINER_SITE = BUILD / "trainer" / "_build" / "html"
BANNER = "Trainer edition: contains instructor notes and answer keys; do not publish to learners"
BLOCK = re.compile(r"````\{only\} trainer\n(.*?)\n````", re.S)


@pytest.fixture(scope="module", autouse=True)
def both_sites_built():
    for site, command in ((SITE, "make book"), (TRAINER_SITE, "make trainer-book")):
        assert (site / "searchindex.js").is_file(), f"{site} is not built: run `{command}` first"


def visible_text(markup: str) -> str:
    """What a reader sees, with typographic quotes made plain so sources and pages compare."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    plain = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
    return " ".join(text.translate(plain).split())


def note_sentences(block: str) -> list[str]:
    """Plain sentences of a trainer block (no directive lines, no roles or inline mark-up)."""
    body = re.sub(r"^(```.*|:\w+:.*)$", "", block, flags=re.M)
    body = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", body, flags=re.M)  # list markers
    sentences = re.split(r"(?<=[.?!])\s+", " ".join(body.split()))
    return [s.strip() for s in sentences if len(s.split()) >= 6 and not re.search(r"[{}`*_\[\]]", s)]


def pages_with_notes() -> dict[str, list[str]]:
    found = {}
    for name in toc_docnames(ROOT):
        blocks = BLOCK.findall(page_path(ROOT, name).read_text(encoding="utf-8"))
        if blocks:
            found[name] = [s for block in blocks for s in note_sentences(block)]
    return found


NOTES = pages_with_notes()


def test_the_course_has_trainer_notes_to_show():
    assert len(NOTES) >= 5 and all(NOTES.values())


@pytest.mark.parametrize("name", sorted(NOTES))
def test_every_trainer_note_is_in_the_trainer_edition_and_not_the_learner_site(name):
    trainer = visible_text((TRAINER_SITE / f"{name}.html").read_text(encoding="utf-8"))
    learner = visible_text((SITE / f"{name}.html").read_text(encoding="utf-8"))
    assert [s for s in NOTES[name] if s not in trainer] == []
    assert [s for s in NOTES[name] if s in learner] == []
    assert "Trainer notes" in trainer


def html_pages(site: Path) -> list[Path]:
    # The root index.html only redirects to the first page; _static holds theme fragments.
    return [
        p
        for p in site.rglob("*.html")
        if p != site / "index.html" and "_static" not in p.relative_to(site).parts
    ]


def test_every_trainer_edition_page_carries_the_banner():
    pages = html_pages(TRAINER_SITE)
    assert len(pages) >= len(toc_docnames(ROOT))
    missing = []
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        banner = re.search(
            r'<aside class="bd-header-announcement" aria-label="Announcement">(.*?)</aside>',
            markup,
            flags=re.S,
        )
        if not banner or BANNER not in visible_text(banner.group(1)):
            missing.append(str(page.relative_to(TRAINER_SITE)))
    assert missing == []


def test_the_learner_site_has_no_banner():
    assert [p for p in html_pages(SITE) if "Trainer edition:" in p.read_text(encoding="utf-8")] == []


def search_terms(site: Path) -> set[str]:
    script = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    return set(index["terms"]) | set(index["titleterms"])


def trainer_only_stems() -> set[str]:
    """Words (stemmed as Sphinx's English search stems them) used in trainer notes and nowhere
    else in the course's sources or activity banks."""
    stem = snowballstemmer.stemmer("porter").stemWord
    words = lambda text: {stem(w) for w in re.findall(r"\w+", text.lower())}  # noqa: E731
    notes, elsewhere = set(), set()
    for name in toc_docnames(ROOT):
        text = page_path(ROOT, name).read_text(encoding="utf-8")
        for block in BLOCK.findall(text):
            notes |= words(block)
        elsewhere |= words(BLOCK.sub("", text))
    for path in [
        *(ROOT / "data").rglob("*.yml"),
        *(ROOT / "src").rglob("*.py"),
        *(ROOT / "src").rglob("*.js"),
    ]:
        elsewhere |= words(path.read_text(encoding="utf-8"))
    return notes - elsewhere


def test_trainer_only_words_are_searchable_in_the_trainer_edition_only():
    only = trainer_only_stems()
    assert len(only) >= 5, "the notes have words of their own to look for"
    assert sorted(only & search_terms(SITE)) == []
    assert sorted(only - search_terms(TRAINER_SITE)) == []


def test_the_editions_keep_separate_doctrees_and_share_the_executed_pages():
    trainer_build = TRAINER_SITE.parent
    assert (trainer_build / ".doctrees").is_dir() and (BUILD / ".doctrees").is_dir()
    assert (trainer_build / ".doctrees").resolve() != (BUILD / ".doctrees").resolve()
    # The trainer edition runs no page again: it reads the learner edition's cache.
    assert (BUILD / ".jupyter_cache").is_dir() and not (trainer_build / ".jupyter_cache").exists()
    assert (BUILD / f".jupyter_cache.{STAMP}").read_text() == (
        trainer_build / ".doctrees" / STAMP
    ).read_text()


def stamped_build(tmp_path: Path, doctrees: str) -> SimpleNamespace:
    """What _check_execution_inputs and _save_stamp read of a Sphinx app: the course's own
    inputs, a cache shared by two editions, and one edition's doctrees."""
    cache = tmp_path / "_build" / ".jupyter_cache"
    return SimpleNamespace(
        srcdir=str(ROOT),
        doctreedir=str(tmp_path / doctrees),
        statuscode=0,
        env=SimpleNamespace(mystnb_config=SimpleNamespace(execution_cache_path=str(cache))),
    )


def test_a_shared_cache_is_cleared_only_when_what_it_was_made_from_changed(tmp_path):
    learner, trainer = stamped_build(tmp_path, "learner"), stamped_build(tmp_path, "trainer")
    cache = Path(learner.env.mystnb_config.execution_cache_path)
    (cache / "executed").mkdir(parents=True)
    for app in (learner, trainer):
        Path(app.doctreedir).mkdir()

    _check_execution_inputs(learner)  # a cache with no stamp: nobody knows what made it
    assert not cache.exists() and learner.course_inputs_changed
    (cache / "executed").mkdir(parents=True)
    _save_stamp(learner, None)

    _check_execution_inputs(trainer)  # the other edition: its pages are read again, the cache kept
    assert (cache / "executed").is_dir() and trainer.course_inputs_changed
    _save_stamp(trainer, None)

    _check_execution_inputs(learner)
    assert (cache / "executed").is_dir() and not learner.course_inputs_changed

    stamp = cache.with_name(f"{cache.name}.{STAMP}")
    stamp.write_text("made from other widget code")
    _check_execution_inputs(trainer)
    assert not cache.exists() and not trainer.course_inputs_changed
