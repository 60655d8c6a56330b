"""The front end's unit tests (tests/js/*.test.mjs), run with node's own test runner.

Each file is one case here, so a failure names the file and shows node's report.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from paths import ROOT
from selfhelp_course.site.front_end import write_facts

FILES = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_node_unit_tests_pass(path):
    write_facts()  # the course facts the modules import, generated from Python
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: the front end's unit tests need Node.js 20+")
    done = subprocess.run(
        [node, "--test", "--test-reporter=spec", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
