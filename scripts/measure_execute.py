"""Measure running the course's pages before Sphinx reads them: today's `_execute_ahead` way
(threads, at most 4 kernels, `single_nb_execution`, then stored as myst-nb stores a page)
beside jupyter-cache's own parallel executor (`local-parallel`: a process pool of os.cpu_count()
workers), each into a cache of its own in a scratch folder (docs/decisions.md).

Run it on a scratch copy of the course (the pages run there, with the page's folder as the
working directory; nothing is written to the course's own `_build/.jupyter_cache`):

    PYTHONPATH=/tmp/copy-of-course/src .venv/bin/python scripts/measure_execute.py --root /tmp/copy-of-course --way ahead
    PYTHONPATH=/tmp/copy-of-course/src .venv/bin/python scripts/measure_execute.py --root /tmp/copy-of-course --way jupyter-cache

(PYTHONPATH, not an edit of sys.path, so that the pages' kernels import the copy's package too;
the copy needs `src/selfhelp_course/static/dist/` from a built tree: widgets read their bundles.)

Prints the wall time, the pages run, failed and stored, and how many of the pages myst-nb would
then find in that cache when it reads them (read with the project's MyST settings, as myst-nb
reads them; a page it cannot match it would run again).
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import yaml
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors import load_executor
from jupyter_cache.executors.utils import single_nb_execution
from jupyter_core.utils import ensure_event_loop
from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook
from myst_parser.config.main import MdParserConfig

from selfhelp_course.course.structure import page_path, toc_docnames

READ_DATA = {"type": "plugin", "name": "myst_nb_md"}  # how myst-nb stages a text notebook
MOST_AT_ONCE = 4  # _execute_ahead.MOST_AT_ONCE


def pages(root: Path) -> list[Path]:
    found = []
    for name in toc_docnames(root):
        path = page_path(root, name)
        if path.suffix == ".ipynb" or is_myst_markdown_notebook(path.read_text(encoding="utf-8")):
            found.append(path)
    return found


def as_myst_nb_reads(path: Path, md_config: MdParserConfig):
    if path.suffix == ".ipynb":
        return nbformat.read(path, nbformat.NO_CONVERT)
    return read_myst_markdown_notebook(
        path.read_text(encoding="utf-8"), config=md_config, add_source_map=True, path=str(path)
    )


def ahead(cache, paths: list[Path], timeout: int, md_config) -> tuple[int, int]:
    def run(path: Path):
        notebook = as_myst_nb_reads(path, md_config)
        try:
            result = single_nb_execution(
                notebook, cwd=str(path.parent), timeout=timeout, allow_errors=False, meta_override=True
            )
        finally:
            ensure_event_loop().close()
        return path, notebook, result

    workers = min(MOST_AT_ONCE, os.cpu_count() or 1, len(paths))
    with ThreadPoolExecutor(workers) as pool:
        done = list(pool.map(run, paths))
    failed = 0
    for path, notebook, result in done:
        if result.err is not None:
            failed += 1
            continue
        read = READ_DATA if path.suffix == ".md" else None
        staged = (
            cache.add_nb_to_project(str(path), read_data=read) if read else cache.add_nb_to_project(str(path))
        )
        cache.cache_notebook_bundle(
            CacheBundleIn(notebook, staged.uri, data={"execution_seconds": result.time}),
            check_validity=False,
            overwrite=True,
        )
    return len(done), failed


def with_jupyter_cache(cache, paths: list[Path], timeout: int) -> tuple[int, int]:
    for path in paths:
        if path.suffix == ".md":
            cache.add_nb_to_project(str(path), read_data=READ_DATA)
        else:
            cache.add_nb_to_project(str(path))
    result = load_executor("local-parallel", cache=cache).run_and_cache(timeout=timeout, allow_errors=False)
    return len(result.succeeded) + len(result.excepted) + len(result.errored), len(result.excepted) + len(
        result.errored
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True, help="a scratch copy of the course")
    parser.add_argument("--way", choices=("ahead", "jupyter-cache"), required=True)
    args = parser.parse_args()
    root = args.root.resolve()
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    timeout = config["execute"]["timeout"]
    md_config = MdParserConfig(enable_extensions=set(config["parse"]["myst_enable_extensions"]))
    os.environ["SELFHELP_COURSE_ROOT"] = str(root)
    paths = pages(root)
    cache_dir = root / "_build" / f"measure-cache-{args.way}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache = get_cache(str(cache_dir))

    start = time.perf_counter()
    if args.way == "ahead":
        ran, failed = ahead(cache, paths, timeout, md_config)
    else:
        ran, failed = with_jupyter_cache(cache, paths, timeout)
    seconds = time.perf_counter() - start

    matched = 0
    for path in paths:
        try:
            cache.match_cache_notebook(as_myst_nb_reads(path, md_config))
            matched += 1
        except KeyError:
            pass
    print(
        f"{args.way}: {seconds:.1f} s wall for {ran} pages ({failed} failed), "
        f"{matched} of {len(paths)} then found by myst-nb in the cache; "
        f"os.cpu_count()={os.cpu_count()}, load average {os.getloadavg()[0]:.1f} at the end"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
