"""One release, gathered once per test session from what `make test` already builds (the site,
the trainer edition, the workbook, the SCORM packages, the EPUB) into a temporary folder: the
release tests read it (tests/test_release.py, tests/browser/test_release_offline.py)."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

import pytest

from paths import BUILD, ROOT


def make_release_module():
    from selfhelp_course.formats import make_release

    return make_release


@functools.cache
def built_release() -> Path:
    """The release folder (…/<version>/), or the test fails saying what to build first."""
    module = make_release_module()
    out = Path(tempfile.mkdtemp(prefix="course-release-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    try:
        return module.gather(ROOT, BUILD, out)
    except module.ReleaseError as error:
        pytest.fail(f"{error} (make book trainer-book workbook scorm epub)")
