"""Pages the execution cache lacks run several at a time before Sphinx reads them
(src/selfhelp_course/site/execute_ahead.py), and myst-nb then finds each of them in the cache."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from jupyter_cache import get_cache
from myst_nb.core.config import NbParserConfig
from myst_parser.config.main import MdParserConfig

from paths import SCRATCH_PAGE
from selfhelp_course.site.execute_ahead import execute_ahead, uncached_pages


def page(title: str, code: str | None) -> str:
    """A page as tests/paths.py's one-page book has it, titled, with this code (or none)."""
    text = SCRATCH_PAGE.replace("# Page", f"# {title}")
    return text.format(code=code) if code else text.split("```")[0] + "Words only.\n"


def book(root: Path) -> SimpleNamespace:
    """A small book: pages in two folders, one page with no code, one that fails."""
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- file: part/where\n- file: part/words\n- file: broken\n"
    )
    (root / "part").mkdir()
    (root / "intro.md").write_text(page("Intro", "print(6 * 7)"))
    (root / "part" / "where.md").write_text(page("Where", "import os\nprint(os.path.basename(os.getcwd()))"))
    (root / "part" / "words.md").write_text(page("Words", None))
    (root / "broken.md").write_text(page("Broken", "raise ValueError('a page that fails')"))
    config = NbParserConfig(
        execution_mode="cache", execution_cache_path=str(root / "cache"), execution_timeout=60
    )
    return SimpleNamespace(
        srcdir=str(root),
        builder=SimpleNamespace(format="html"),
        env=SimpleNamespace(myst_config=MdParserConfig(), mystnb_config=config),
    )


def outputs(app, name: str) -> list[str]:
    cache = get_cache(app.env.mystnb_config.execution_cache_path)
    run = next(r for r in uncached_pages_or_cached(app) if r.path.name == name)
    _, merged = cache.merge_match_into_notebook(run.notebook)
    return [
        output.get("text", "") for cell in merged.cells if cell.cell_type == "code" for output in cell.outputs
    ]


def uncached_pages_or_cached(app):
    """Every page as myst-nb reads it (with an empty cache stand-in, so none is matched)."""
    real = app.env.mystnb_config.execution_cache_path
    app.env.mystnb_config = app.env.mystnb_config.copy(execution_cache_path=real + "-empty")
    try:
        return uncached_pages(app)
    finally:
        app.env.mystnb_config = app.env.mystnb_config.copy(execution_cache_path=real)


def test_pages_run_ahead_as_myst_nb_would_and_a_failing_page_is_left_to_myst_nb(tmp_path):
    app = book(tmp_path)
    assert [run.path.name for run in uncached_pages(app)] == ["intro.md", "where.md", "words.md", "broken.md"]

    execute_ahead(app)

    # Everything but the failing page is in the cache, so myst-nb will not run it again...
    assert [run.path.name for run in uncached_pages(app)] == ["broken.md"]
    # ...with the outputs myst-nb would have made: each page runs in its own folder.
    assert outputs(app, "intro.md") == ["42\n"]
    assert outputs(app, "where.md") == ["part\n"]
    assert outputs(app, "words.md") == []


def test_nothing_runs_ahead_when_the_cache_has_every_page_or_execution_is_off(tmp_path):
    app = book(tmp_path)
    (tmp_path / "broken.md").unlink()
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n- file: part/where\n")
    execute_ahead(app)
    assert uncached_pages(app) == []

    (tmp_path / "intro.md").write_text(page("Intro", "print(6 * 8)"))  # changed code: no match
    app.env.mystnb_config = app.env.mystnb_config.copy(execution_mode="off")
    execute_ahead(app)
    assert [run.path.name for run in uncached_pages(app)] == ["intro.md"]
