"""Execute every page and notebook that has code, once each, and check what it shows.

Each page runs once per session, with pytest-notebook's executor (the ``executed`` fixture);
three tests read that one run:

- every page runs without error and every ``knowledge_check`` cell shows a widget;
- a page whose code shows computed results (a table, a chart, a printed figure) matches its
  reference outputs in ``tests/notebook_refs/`` (pytest-notebook's diff; what the diff ignores,
  and why, is in pyproject.toml). ``make notebook-refs`` rewrites them after an intended change;
- the data notebooks' charts carry alt text.

The references hold a page's code cells and their outputs, no prose: editing the text of a page
needs no refresh, changing its code or what it shows does.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest
from pytest_notebook.diffing import diff_notebooks, diff_to_string, filter_diff
from pytest_notebook.execution import execute_notebook
from pytest_notebook.nb_regression import NBRegressionFixture
from pytest_notebook.notebook import regex_replace_nb
from pytest_notebook.plugin import gather_config_options
from pytest_notebook.post_processors import load_processor

from paths import ROOT
from selfhelp_course.course.structure import page_path, toc_docnames

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
REFERENCES = ROOT / "tests" / "notebook_refs"
# Book pages with code, and notebooks kept out of the book (the trainer's live demo).
EXECUTABLE = [
    name
    for name in toc_docnames(ROOT)
    if "```{code-cell}" in page_path(ROOT, name).read_text(encoding="utf-8")
]
EXECUTABLE += sorted(
    f"notebooks/{path.stem}"
    for path in (ROOT / "notebooks").glob("*.md")
    if f"notebooks/{path.stem}" not in EXECUTABLE
)
REFRESH = "If the change is intended, run `make notebook-refs` and commit tests/notebook_refs/."


def reference_path(name: str) -> Path:
    return REFERENCES / f"{name}.ipynb"


def code_notebook(name: str) -> nbformat.NotebookNode:
    """The page's code cells as a notebook: prose is not output, so it is left out.

    jupytext gives every cell a random id; numbering them keeps the references stable, and
    ``code-9`` is the cell a failing diff calls ``/cells/9``.
    """
    page = jupytext.read(page_path(ROOT, name))
    cells = [cell for cell in page.cells if cell.cell_type == "code"]
    for number, cell in enumerate(cells):
        cell.id = f"code-{number}"
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": page.metadata["kernelspec"]})


def execute(notebook, settings: NBRegressionFixture, cwd: Path) -> nbformat.NotebookNode:
    """Run a notebook as ``nb_regression.check`` does: executor, then post-processors."""
    result = execute_notebook(
        notebook, cwd=str(cwd), timeout=settings.exec_timeout, allow_errors=False, exec_env=settings.exec_env
    )
    if result.exec_error:
        raise result.exec_error  # CellExecutionError names the cell and shows the traceback
    executed, resources = result.notebook, result.resources
    for name in settings.post_processors:
        executed, resources = load_processor(name)(executed, resources)
    return executed


def regression_diff(reference, obtained, settings: NBRegressionFixture) -> str:
    """pytest-notebook's diff of two notebooks, after the configured replacements and
    ignores (pyproject.toml); an empty string when they match."""
    reference = regex_replace_nb(reference, settings.diff_replace)
    obtained = regex_replace_nb(obtained, settings.diff_replace)
    diff = filter_diff(diff_notebooks(reference, obtained), list(settings.diff_ignore))
    if not diff:
        return ""
    return changed_cells(reference, diff) + diff_to_string(
        reference, diff, use_color=settings.diff_use_color, color_words=settings.diff_color_words
    )


def changed_cells(reference, diff) -> str:
    """One line per changed cell with the start of its code, to find it in the page."""
    lines = []
    for entry in (entry for entry in diff if entry["key"] == "cells"):
        for change in entry.get("diff", []):
            index = change["key"]
            cells = reference.cells[index : index + 1]
            first_line = cells[0].source.strip().partition("\n")[0] if cells else "(new cells)"
            lines.append(f"  /cells/{index}: {first_line[:90]}")
    return "Changed cells:\n" + "\n".join(lines) + "\n" if lines else ""


def code_outputs(notebook):
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def computed_outputs(notebook):
    """Outputs other than widgets: tables, charts, printed text."""
    return [output for output in code_outputs(notebook) if WIDGET_VIEW not in output.get("data", {})]


def chart_cells(notebook):
    return [
        cell
        for cell in notebook.cells
        if cell.cell_type == "code"
        and any(key.startswith("image/") for o in cell.outputs for key in o.get("data", {}))
    ]


@pytest.fixture(scope="session")
def nb_settings(pytestconfig) -> NBRegressionFixture:
    """pytest-notebook's settings, from pyproject.toml and the command line (--nb-force-regen)."""
    return NBRegressionFixture(**gather_config_options(pytestconfig)[0])


@pytest.fixture(scope="session")
def executed(nb_settings):
    """``executed(name)``: the page run once per session, shared by every test here.

    A failed run is kept too, so each test that needs the page reports the same error.
    """
    runs: dict[str, nbformat.NotebookNode | Exception] = {}

    def run(name: str) -> nbformat.NotebookNode:
        if name not in runs:
            try:
                runs[name] = execute(code_notebook(name), nb_settings, page_path(ROOT, name).parent)
            except Exception as error:
                runs[name] = error
        if isinstance(runs[name], Exception):
            raise runs[name]
        return runs[name]

    return run


@pytest.mark.notebooks
@pytest.mark.parametrize("name", EXECUTABLE)
def test_page_executes_and_every_activity_renders_a_widget(name, executed):
    notebook = executed(name)
    assert not [o for o in code_outputs(notebook) if o.output_type == "error"]
    shown = [
        cell for cell in notebook.cells if cell.cell_type == "code" and "knowledge_check(" in cell.source
    ]
    for cell in shown:
        views = [o for o in cell.outputs if WIDGET_VIEW in o.get("data", {})]
        assert views, f"{name}: a knowledge_check cell showed no widget:\n{cell.source}"


@pytest.mark.notebooks
@pytest.mark.parametrize("name", EXECUTABLE)
def test_outputs_match_reference(name, executed, nb_settings):
    """A page that shows computed results keeps them in tests/notebook_refs/ (widgets alone
    need no reference: their content is tested with the widgets)."""
    notebook, reference = executed(name), reference_path(name)
    shows_results = bool(computed_outputs(notebook))
    if nb_settings.force_regen:  # make notebook-refs
        write_reference(notebook, reference, shows_results, nb_settings)
        return
    if not shows_results:
        assert not reference.exists(), f"{name} shows no computed result: delete {reference}"
        return
    assert reference.exists(), f"{name} shows computed results but has no reference. {REFRESH}"
    diff = regression_diff(nbformat.read(reference, as_version=4), notebook, nb_settings)
    if diff:  # the message alone, without the test's code: the diff is what to read
        pytest.fail(
            f"{name}: outputs differ from {reference.relative_to(ROOT)}. {REFRESH}\n{diff}", pytrace=False
        )


def write_reference(notebook, reference: Path, shows_results: bool, settings) -> None:
    """Write the run as the page's reference. Like pytest-notebook's --nb-force-regen, leave a
    reference that still matches untouched, so only real changes show in git."""
    if not shows_results:
        reference.unlink(missing_ok=True)
        return
    if reference.exists() and not regression_diff(nbformat.read(reference, as_version=4), notebook, settings):
        return
    reference.parent.mkdir(parents=True, exist_ok=True)
    # Kept as compared: random ids already replaced, and no widget state (it is ignored).
    kept = nbformat.v4.new_notebook(
        cells=notebook.cells, metadata={"kernelspec": notebook.metadata["kernelspec"]}
    )
    nbformat.write(regex_replace_nb(kept, settings.diff_replace), reference)


def test_every_reference_belongs_to_an_executable_page():
    names = {str(path.relative_to(REFERENCES).with_suffix("")) for path in REFERENCES.rglob("*.ipynb")}
    assert names <= set(EXECUTABLE), f"references for pages that no longer run: {names - set(EXECUTABLE)}"
    assert {"notebooks/esteem-sample", "notebooks/wellbeing-data"} <= names


def test_some_pages_are_executable():
    assert {"notebooks/esteem-sample", "notebooks/wellbeing-data", "notebooks/live-session-demo"} <= set(
        EXECUTABLE
    )


@pytest.mark.notebooks
@pytest.mark.parametrize(
    "name", ["notebooks/esteem-sample", "notebooks/wellbeing-data", "trainer/class-report"]
)
def test_data_notebooks_draw_their_charts_with_alt_text(name, executed):
    figures = chart_cells(executed(name))
    assert figures, f"{name} draws no chart"
    for cell in figures:
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt) > 30, f"{name}: a chart needs alt text describing it: {json.dumps(cell.metadata)}"


@pytest.mark.notebooks
def test_regression_test_fails_when_one_number_in_the_data_changes(tmp_path, nb_settings):
    """One member's answer moves by one point, in a copy of the data and inside its band,
    so the page's own hidden checks still pass: only the reference comparison can notice."""
    name = "notebooks/wellbeing-data"
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "notebooks").mkdir()
    data = tmp_path / "data" / "ons4_illustrative.csv"
    rows = list(csv.DictReader(data.read_text(encoding="utf-8").splitlines()))
    # M24's happiness six months on: 8 -> 7 stays in the "high" band, but M24 (7 before) now
    # "stayed the same" instead of "got better".
    changed = next(row for row in rows if row["member"] == "M24" and row["time"] == "after")
    assert changed["happiness"] == "8", "the data changed: pick another number for this test"
    changed["happiness"] = "7"
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    obtained = execute(code_notebook(name), nb_settings, tmp_path / "notebooks")  # page checks pass
    diff = regression_diff(nbformat.read(reference_path(name), as_version=4), obtained, nb_settings)

    assert diff, "changing a number in the data went unnoticed by the regression test"
    assert "Happiness yesterday" in diff  # the diff shows the table row that moved
