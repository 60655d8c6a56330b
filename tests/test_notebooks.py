"""Execute every page and notebook that has code, each reported separately.

Pages keep no outputs in the repository, so there is nothing to regress against; the pages'
own hidden cells assert their key results, and these tests assert what the outputs must hold.
"""
from __future__ import annotations

import json

import jupytext
import nbclient
import pytest

from selfhelp_course._course_time import page_path, toc_docnames
from paths import ROOT

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Book pages with code, and notebooks kept out of the book (the trainer's live demo).
EXECUTABLE = [name for name in toc_docnames(ROOT)
              if "```{code-cell}" in page_path(ROOT, name).read_text(encoding="utf-8")]
EXECUTABLE += sorted(f"notebooks/{path.stem}" for path in (ROOT / "notebooks").glob("*.md")
                     if f"notebooks/{path.stem}" not in EXECUTABLE)


def execute(name: str):
    path = page_path(ROOT, name)
    notebook = jupytext.read(path)
    client = nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    return notebook


def outputs(notebook):
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


@pytest.mark.notebooks
@pytest.mark.parametrize("name", EXECUTABLE)
def test_page_executes_and_every_activity_renders_a_widget(name):
    notebook = execute(name)
    assert not [o for o in outputs(notebook) if o.output_type == "error"]
    shown = [cell for cell in notebook.cells
             if cell.cell_type == "code" and "knowledge_check(" in cell.source]
    for cell in shown:
        views = [o for o in cell.outputs if WIDGET_VIEW in o.get("data", {})]
        assert views, f"{name}: a knowledge_check cell showed no widget:\n{cell.source}"


def test_some_pages_are_executable():
    assert {"notebooks/esteem-sample", "notebooks/wellbeing-data",
            "notebooks/live-session-demo"} <= set(EXECUTABLE)


@pytest.mark.notebooks
@pytest.mark.parametrize("name", ["notebooks/esteem-sample", "notebooks/wellbeing-data"])
def test_data_notebooks_draw_their_charts_with_alt_text(name):
    notebook = execute(name)
    figures = [cell for cell in notebook.cells if cell.cell_type == "code"
               and any("image/png" in o.get("data", {}) for o in cell.outputs)]
    assert figures, f"{name} draws no chart"
    for cell in figures:
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt) > 30, f"{name}: a chart needs alt text describing it: {json.dumps(cell.metadata)}"
