"""Run the pages the execution cache lacks on every core, before Sphinx reads them.

myst-nb executes a page when Sphinx reads it, one page after another; on a clean build that is
17 kernels in a row, most of the build's time. Here every page the cache cannot match is run
first, as myst-nb would run it (the same notebook, read by myst-nb's own reader; the page's
folder as the working directory; the configured timeout), several at a time, and stored in the
cache. When Sphinx then reads the pages, myst-nb finds each of them in the cache.

A page that fails here is not stored: myst-nb runs it again as it reads it, and reports the
error in its usual way, with the page's name.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from jupyter_core.utils import ensure_event_loop
from myst_nb.core.read import create_nb_reader
from nbformat import NotebookNode
from sphinx.application import Sphinx
from sphinx.util import logging

from ..course.structure import page_path, toc_docnames

logger = logging.getLogger(__name__)
MOST_AT_ONCE = 4  # kernels; each page's kernel is mostly waiting on its one core


@dataclass
class Run:
    path: Path
    notebook: NotebookNode
    read_fmt: dict | None
    seconds: float = 0.0
    failed: bool = False


# `type: ignore[attr-defined]` below: myst-nb adds `mystnb_config` and `myst_config` to Sphinx's
# environment at run time; Sphinx's BuildEnvironment does not declare them.
def uncached_pages(app: Sphinx, cache=None) -> list[Run]:
    """The pages myst-nb would run (notebooks and text notebooks), in reading order, that the
    execution cache (myst-nb's, unless given) has no match for."""
    config = app.env.mystnb_config  # type: ignore[attr-defined]
    cache = cache or get_cache(config.execution_cache_path)
    runs = []
    for docname in toc_docnames(Path(app.srcdir)):
        path = page_path(Path(app.srcdir), docname)
        text = path.read_text(encoding="utf-8")
        reader = create_nb_reader(str(path), app.env.myst_config, config, text)  # type: ignore[attr-defined]
        if reader is None:
            continue
        notebook = reader.read(text)  # a page with no code cell runs too, as myst-nb runs it
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            runs.append(Run(path, notebook, reader.read_fmt))
    return runs


def _execute(run: Run, timeout: int | None, allow_errors: bool) -> Run:
    try:
        result = single_nb_execution(
            run.notebook,
            cwd=str(run.path.parent),
            timeout=timeout,
            allow_errors=allow_errors,
            meta_override=True,
        )
    finally:
        # nbclient ran in an event loop of this worker thread's own; close it before the
        # thread goes (the next page on this thread gets a new one).
        ensure_event_loop().close()
    run.seconds, run.failed = result.time, result.err is not None
    return run


def execute_ahead(app: Sphinx) -> None:
    config = app.env.mystnb_config  # type: ignore[attr-defined]
    if app.builder.format != "html" or config.execution_mode != "cache":
        return
    cache = get_cache(config.execution_cache_path)
    runs = uncached_pages(app, cache)
    if len(runs) < 2:
        return  # nothing to gain: myst-nb runs it as it reads it
    workers = min(MOST_AT_ONCE, os.cpu_count() or 1, len(runs))
    logger.info(f"course: running {len(runs)} pages, {workers} at a time, before reading them")
    with ThreadPoolExecutor(workers) as pool:
        done = list(
            pool.map(lambda run: _execute(run, config.execution_timeout, config.execution_allow_errors), runs)
        )
    for run in done:
        if run.failed:
            continue  # myst-nb runs it again and reports the error
        staged = (
            cache.add_nb_to_project(str(run.path), read_data=run.read_fmt)
            if run.read_fmt
            else cache.add_nb_to_project(str(run.path))
        )  # as myst-nb stages it
        cache.cache_notebook_bundle(
            CacheBundleIn(run.notebook, staged.uri, data={"execution_seconds": run.seconds}),
            check_validity=False,
            overwrite=True,
        )
