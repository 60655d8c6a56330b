"""Run the pages the execution cache lacks on every core, before Sphinx reads them.

myst-nb executes a page when Sphinx reads it, one page after another; on a clean build that is
20 kernels in a row, most of the build's time. Here every page the cache cannot match is staged
in the cache's project as myst-nb stages it, and jupyter-cache's parallel executor
(`local-parallel`, with its pool set to one page per task and at most 4 kernels: `PageByPage`)
runs them, each in the page's folder with the configured timeout, and stores each success in the
cache. When Sphinx then reads the
pages, myst-nb finds each of them in the cache.

Which pages run is ours to choose (`uncached_pages`): the executor runs whatever it is given.
A page that fails there is not stored: myst-nb runs it again as it reads it, and reports the
error in its usual way, with the page's name.

The executor's workers read each page again, through myst-nb's reader plugin for jupyter-cache,
which knows only the default MyST settings, not the project's (`colon_fence` and the like). A
page whose code they would read differently is not given to them: its result would be stored
under code myst-nb never reads, and myst-nb would run the page a second time. myst-nb runs such
a page once, as it reads it (docs/decisions.md, section 1).
"""

from __future__ import annotations

import logging as stdlib_logging
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.executors.base import ExecutorRunResult
from jupyter_cache.executors.basic import JupyterExecutorLocalMproc, ProcessData
from jupyter_cache.readers import DEFAULT_READ_DATA, get_reader
from myst_nb.core.read import create_nb_reader
from nbformat import NotebookNode
from sphinx.application import Sphinx
from sphinx.util import logging

from ..course.structure import page_path, toc_docnames

logger = logging.getLogger(__name__)
MOST_AT_ONCE = 4  # kernels; each page's kernel is mostly waiting on its one core


class PageByPage(JupyterExecutorLocalMproc):
    """jupyter-cache's `local-parallel` executor (its worker reads, runs and stores each page, or
    records its traceback), with two changes: at most MOST_AT_ONCE kernels (it starts one per
    core), and each worker takes one page at a time. Its `pool.map` deals 22 pages out three at a
    time on two cores, and the last three are the heaviest: one core idled for about 40 s of a
    clean build (measured, docs/decisions.md, section 1)."""

    def run_and_cache(
        self, *, filter_uris=None, filter_pks=None, timeout=30, allow_errors=False, force=False
    ):
        records = self.get_records(filter_uris, filter_pks, clear_tracebacks=True)
        work = [ProcessData(record.pk, record.uri, self.cache, timeout, allow_errors) for record in records]
        if not work:
            return ExecutorRunResult()
        with multiprocessing.Pool(min(MOST_AT_ONCE, os.cpu_count() or 1, len(work))) as pool:
            results = pool.map(self._EXECUTION_WORKER(), work, chunksize=1)
        return ExecutorRunResult(
            succeeded=[uri for code, uri in results if code == 0],
            excepted=[uri for code, uri in results if code == 1],
            errored=[uri for code, uri in results if code == 2],
        )


@dataclass
class Run:
    path: Path
    notebook: NotebookNode
    read_fmt: dict | None


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


def _read_alike(cache, run: Run) -> bool:
    """Whether the executor's worker, reading the page with its reader plugin, gets the code
    myst-nb got (the cache matches on code cells and the kernel)."""
    again = get_reader(run.read_fmt or dict(DEFAULT_READ_DATA))(str(run.path))
    return cache.create_hashed_notebook(again)[1] == cache.create_hashed_notebook(run.notebook)[1]


def _names(uris: list[str], root: str | Path) -> str:
    return ", ".join(str(Path(uri).relative_to(root)) for uri in uris)


def execute_ahead(app: Sphinx) -> None:
    config = app.env.mystnb_config  # type: ignore[attr-defined]
    if app.builder.format != "html" or config.execution_mode != "cache":
        return
    cache = get_cache(config.execution_cache_path)
    runs = uncached_pages(app, cache)
    if len(runs) < 2:
        return  # nothing to gain: myst-nb runs it as it reads it
    alike = [_read_alike(cache, run) for run in runs]
    ahead = [run for run, same in zip(runs, alike) if same]
    if len(ahead) < len(runs):
        left = _names([str(run.path) for run, same in zip(runs, alike) if not same], app.srcdir)
        logger.info(f"course: myst-nb runs {left} as it reads them (read differently ahead)")
    if len(ahead) < 2:
        return
    # as myst-nb stages a page (myst_nb/core/execute/cache.py)
    staged = [
        (
            cache.add_nb_to_project(str(run.path), read_data=run.read_fmt)
            if run.read_fmt
            else cache.add_nb_to_project(str(run.path))
        ).uri
        for run in ahead
    ]
    workers = min(MOST_AT_ONCE, os.cpu_count() or 1, len(staged))
    logger.info(f"course: running {len(staged)} pages, {workers} at a time, before reading them")
    # The workers log through multiprocessing's logger: errors only while they run (a failed page
    # is myst-nb's to report), then as it was.
    shared = multiprocessing.get_logger()
    level = shared.level
    shared.setLevel(stdlib_logging.ERROR)
    started = time.monotonic()
    try:
        result = PageByPage(cache).run_and_cache(
            filter_uris=staged, timeout=config.execution_timeout, allow_errors=config.execution_allow_errors
        )
    finally:
        shared.setLevel(level)
    seconds = time.monotonic() - started
    logger.info(
        f"course: {len(result.succeeded)} of {len(staged)} pages ran and are stored, in {seconds:.0f} s"
    )
    if result.excepted or result.errored:
        failed = _names(result.excepted + result.errored, app.srcdir)
        logger.info(f"course: myst-nb runs {failed} again as it reads them, and reports the error")
