"""The package as others install it: its wheel carries every asset it needs, its declared
dependencies are complete, and every installed version is pinned in one place."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from selfhelp_course._bundle import DIST, entry_points
from paths import ROOT

PACKAGE = ROOT / "src" / "selfhelp_course"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    found = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.strip().split("==")
            found[normal(name)] = version
    return found


def test_every_installed_package_is_pinned_in_the_constraints_file():
    installed = {normal(d.metadata["Name"]): d.version for d in metadata.distributions()}
    for tool in ("selfhelp-course", "pip", "setuptools", "wheel"):  # the project, and the venv's own tools
        installed.pop(tool, None)
    pinned = pins()
    unpinned = sorted(name for name in installed if name not in pinned)
    assert unpinned == [], f"add these to requirements/constraints.txt: {unpinned}"
    differ = {name: (version, pinned[name]) for name, version in installed.items() if pinned[name] != version}
    assert differ == {}


def test_the_job_files_name_packages_and_leave_versions_to_the_constraints_file():
    for path in (ROOT / "requirements").glob("*.txt"):
        if path == CONSTRAINTS:
            continue
        lines = [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
        assert "-c constraints.txt" in lines, f"{path.name} must install with the pinned versions"
        for line in lines:
            if line and not line.startswith(("-c ", "-r ")):
                assert "==" not in line, f"{path.name}: {line!r} pins a version outside constraints.txt"
                assert normal(re.split(r"[<>=!~ ]", line)[0]) in pins(), f"{path.name}: {line!r} has no pin"


def third_party_imports() -> set[str]:
    modules = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "selfhelp_course"}


def test_declared_dependencies_cover_every_import():
    declared = {
        normal(d) for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    }
    providers = metadata.packages_distributions()
    missing = {
        module: providers.get(module)
        for module in third_party_imports()
        if not declared & {normal(d) for d in providers.get(module, [])}
    }
    assert missing == {}, f"pyproject.toml's dependencies must name these: {missing}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy, so setuptools' build/ folder does not land in the working tree.
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "pyproject.toml", source)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        timeout=300,
    )
    return next(out.glob("selfhelp_course-*.whl"))


def test_the_wheel_carries_every_bundle_style_and_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = [
        f"selfhelp_course/static/dist/{folder}/{name}.js"
        for folder, entries in entry_points().items()
        for name in entries
    ]
    wanted += [
        f"selfhelp_course/{path.relative_to(PACKAGE).as_posix()}"
        for pattern in ("*.mjs", "static/*.css", "static/site/*", "templates/**/*.html")
        for path in PACKAGE.glob(pattern)
        if path.is_file()
    ]
    assert any(name.endswith("/knowledge-check.js") for name in wanted)
    assert sorted(set(wanted) - names) == []


def test_the_wheel_works_installed_in_a_scratch_venv(wheel, tmp_path):
    """Installed in a fresh venv, away from the source tree. Its dependencies are borrowed from
    the project's venv (a plain path, so the editable install's hook there is not run); that
    they are declared is checked above, from the imports."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    borrowed = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site) / "borrowed-dependencies.pth").write_text("\n".join(borrowed) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            site,
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    script = """
import selfhelp_course, selfhelp_course.sphinx_ext
from pathlib import Path
from selfhelp_course import knowledge_check, reflection, portfolio
assert "site-packages" in selfhelp_course.__file__, selfhelp_course.__file__
check = knowledge_check("welcome-where-saved")
assert "as default}" in check._esm and check._css
assert reflection("welcome-reflection")._esm and portfolio()._esm
print("ok")
"""
    done = subprocess.run(
        [str(python), "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"SELFHELP_COURSE_ROOT": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]


def test_the_bundles_are_built_before_packaging():
    assert all(
        (DIST / folder / f"{name}.js").is_file()
        for folder, entries in entry_points().items()
        for name in entries
    ), "run `make book` first: it bundles the front end"
