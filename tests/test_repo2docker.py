"""The files repo2docker reads (BinderHub, Zero to JupyterHub images) agree with the project.

Docker cannot run here, so this checks what repo2docker would do: install requirements.txt
(which names requirements/build.txt and hub.txt, every version from constraints.txt), pick the
Python in runtime.txt, then run postBuild.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

from paths import ROOT

POST_BUILD = ROOT / "postBuild"
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!-]+)$")
# Files that would make repo2docker install something else, or ignore the top-level files.
OTHER_ENVIRONMENTS = [
    "environment.yml",
    "Pipfile",
    "Pipfile.lock",
    "setup.py",
    "binder",
    ".binder",
    "Dockerfile",
    "install.R",
    "Project.toml",
    "default.nix",
    "requirements.in",
]


def requirements() -> dict[str, str]:
    """What repo2docker would install, name -> version: every package requirements.txt names
    (following -r), each at its pin in requirements/constraints.txt."""
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):  # "# via" lines are indented
            match = REQUIREMENT.match(line.strip())
            assert match, f"constraints.txt: {line!r} is not an exact pin"
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    named = {}

    def read(path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("-r "):
                read(path.parent / line[3:].strip())
            elif line and not line.startswith("-c "):
                name = re.sub(r"[-_.]+", "-", re.split(r"[<>=!~ ]", line)[0]).lower()
                assert name in pins, f"{path.name} names {name}, which has no pin in constraints.txt"
                named[name] = pins[name]

    read(ROOT / "requirements.txt")
    return named


def test_repo2docker_reads_only_the_top_level_files():
    present = [name for name in OTHER_ENVIRONMENTS if (ROOT / name).exists()]
    assert not present, f"repo2docker would use {present} instead of requirements.txt/postBuild"


def test_runtime_is_the_python_the_makefile_uses():
    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    # `make` builds .venv with $(PYTHON); the tests run in that venv.
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"
    floor = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert tuple(map(int, floor.removeprefix(">=").split("."))) <= sys.version_info[:3]


def test_pins_live_only_in_the_constraints_file():
    pins = requirements()
    for name in ("jupyterlab", "anywidget", "jupytext", "ipykernel", "jupyterhub", "nbgitpuller"):
        assert name in pins, f"the hub image needs {name} (named in requirements/build.txt or hub.txt)"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for dependency in project["dependencies"]:
        assert re.fullmatch(r"[A-Za-z0-9._-]+", dependency), f"pyproject.toml pins {dependency!r}"
    script = "\n".join(
        line
        for line in POST_BUILD.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    assert not re.search(r"[=<>~!]=\s*\d|\s-r\s|requirements", script), (
        "postBuild installs versions of its own"
    )
    # --no-build-isolation: the setuptools pinned in constraints.txt builds it, not the newest.
    assert re.search(r"pip install [^\n]*--no-deps --no-build-isolation -e \.", script)
    assert "npm ci --omit=dev" in script and "selfhelp_course.build_front_end" in script, (
        "postBuild bundles the front end"
    )


def test_post_build_is_an_executable_bash_script():
    assert POST_BUILD.stat().st_mode & stat.S_IXUSR, "postBuild must be executable"
    assert POST_BUILD.read_text(encoding="utf-8").startswith("#!/bin/bash\n")
    subprocess.run(["bash", "-n", str(POST_BUILD)], check=True)


def test_post_build_installs_the_package_and_makes_pages_open_as_notebooks(tmp_path):
    """Run postBuild with a stand-in python (the pip call is recorded, not run)."""
    stubs, prefix = tmp_path / "bin", tmp_path / "prefix"
    stubs.mkdir()
    (stubs / "python").write_text(
        f'#!/bin/bash\nif [ "$1" = -c ]; then echo {prefix}; else echo "$@" >> {tmp_path}/pip-calls; fi\n'
    )
    (stubs / "python").chmod(0o755)
    (stubs / "npm").write_text(f'#!/bin/bash\necho "$@" >> {tmp_path}/npm-calls\n')
    (stubs / "npm").chmod(0o755)
    venv_bin = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{stubs}:{venv_bin}:{os.environ['PATH']}"}
    subprocess.run(["bash", str(POST_BUILD)], cwd=ROOT, env=env, check=True, timeout=120)
    assert (tmp_path / "pip-calls").read_text().splitlines() == [
        "-m pip install --no-cache-dir --no-deps --no-build-isolation -e .",
        "-m selfhelp_course.build_front_end",
    ]
    assert (tmp_path / "npm-calls").read_text().split() == ["ci", "--omit=dev", "--no-audit", "--no-fund"]
    overrides = json.loads((prefix / "share/jupyter/lab/settings/overrides.json").read_text())
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}


def test_post_build_stops_when_a_widget_extension_is_missing(tmp_path):
    stubs = tmp_path / "bin"
    stubs.mkdir()
    (stubs / "python").write_text(f'#!/bin/bash\n[ "$1" = -c ] && echo {tmp_path}/prefix; true\n')
    (stubs / "jupyter").write_text("#!/bin/bash\necho 'jupyterlab-jupytext v1 enabled OK'\n")
    (stubs / "npm").write_text("#!/bin/bash\ntrue\n")
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    result = subprocess.run(
        ["bash", str(POST_BUILD)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{stubs}:/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode != 0
    assert "JupyterLab extension anywidget is missing" in result.stderr
