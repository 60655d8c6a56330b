"""The same widget live in JupyterLab: it renders through anywidget, and Python reads back
what the learner did (the trainer's demo notebook, notebooks/live-session-demo.md)."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
import pytest
from playwright.sync_api import expect

from paths import ROOT

DEMO = ROOT / "notebooks" / "live-session-demo.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on loopback, serving a copy of the demo notebook in a scratch folder."""
    jupytext.write(jupytext.read(DEMO), tmp_path / "demo.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "SELFHELP_COURSE_ROOT": str(ROOT), "JUPYTER_RUNTIME_DIR": str(tmp_path / ".runtime")}
    jupyter = Path(sys.executable).with_name("jupyter")
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        [
            str(jupyter),
            "lab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={tmp_path}",
            "--LabApp.expose_app_in_browser=True",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        log.close()
        pytest.fail("JupyterLab did not start within 60 s")
    yield base, token, tmp_path
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:  # a busy machine: kernels can take longer to shut down
        server.kill()
        server.wait(timeout=20)
    finally:
        log.close()


def test_the_knowledge_check_works_live_and_python_reads_the_answer(watched, lab):
    base, token, folder = lab
    page = watched.page
    page.goto(f"{base}/lab/tree/demo.ipynb?token={token}", wait_until="domcontentloaded")
    page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook')", timeout=30000)
    # Wait for the kernel, then run every cell without waiting for the command to settle.
    page.evaluate("""async () => {
        const panel = window.jupyterapp.shell.currentWidget;
        await panel.context.ready;
        await panel.sessionContext.ready;
        window.jupyterapp.commands.execute('notebook:run-all-cells');
    }""")
    check = page.locator("fieldset.kc").first
    expect(check).to_be_visible(timeout=30000)
    answers = folder / "live-answers.json"
    # The third cell has to have run before the learner answers, for Python to hear it.
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=30000)
    first = check.locator(".kc-option").first.get_attribute("data-option-id")  # shuffled for this learner
    check.locator("input").first.check()
    check.get_by_role("button", name="Check answer").click()
    expect(check.locator(".course-status")).not_to_be_empty()
    state: dict = {}
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not state.get("checked"):
        time.sleep(0.25)
        if answers.is_file():
            state = json.loads(answers.read_text() or "{}").get("what-is-a-self-help-group-which-kind", {})
    assert state == {"selected": [first], "checked": True}, "Python did not see the learner's answer"
    outside = [url for url in watched.requests if not url.startswith((base, "blob:", "data:", "ws:"))]
    assert outside == []


# One cell: Python listens before the widget is shown, so no answer can come before it does.
ASSESSMENT_NOTEBOOK = """\
import json, pathlib
from selfhelp_course import assessment
widget = assessment("final")
widget.observe(lambda change: pathlib.Path("live-result.json").write_text(json.dumps(change["new"])), names="result")
widget
"""


def test_the_assessment_works_live_and_python_reads_the_result(watched, lab):
    """The end-of-course assessment in JupyterLab: an attempt answered from the key passes, and
    Python hears the best result (trait `result`)."""
    from selfhelp_course.activities.assessment import ASSESSMENT_ID
    from selfhelp_course.activities.banks import ASSESSMENTS

    base, token, folder = lab
    bank = {q["id"]: q for q in ASSESSMENTS.find(ASSESSMENT_ID, ROOT)["questions"]}
    notebook = jupytext.reads(ASSESSMENT_NOTEBOOK, fmt="py:percent")
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    jupytext.write(notebook, folder / "assessment.ipynb")
    page = watched.page
    page.goto(f"{base}/lab/tree/assessment.ipynb?token={token}", wait_until="domcontentloaded")
    # JupyterLab restores the workspace of the test before it (the knowledge check's notebook), so
    # find this notebook's own panel and run it, not whichever tab happens to be current.
    find = "[...window.jupyterapp.shell.widgets('main')].find((w) => w.context && w.context.path === 'assessment.ipynb')"
    page.wait_for_function(f"window.jupyterapp && Boolean({find})", timeout=60000)
    page.evaluate(f"""async () => {{
        const panel = {find};
        window.jupyterapp.shell.activateById(panel.id);
        await panel.context.ready;
        await panel.sessionContext.ready;
        window.jupyterapp.commands.execute('notebook:run-all-cells');
    }}""")
    box = page.locator(".as").first
    expect(box).to_be_visible(timeout=90000)  # a cold kernel under a loaded suite
    page.wait_for_selector(
        ".jp-Notebook-ExecutionIndicator[data-status='idle'] >> visible=true", timeout=30000
    )
    box.get_by_role("button", name="Start the assessment").click()
    questions = box.locator("fieldset.as-question")
    expect(questions.first).to_be_visible()
    for question_id in questions.evaluate_all("(nodes) => nodes.map((n) => n.dataset.questionId)"):
        right = next(o["id"] for o in bank[question_id]["options"] if o["correct"])
        box.locator(f'fieldset[data-question-id="{question_id}"] input[value="{right}"]').check()
    box.get_by_role("button", name="Submit your answers").click()
    expect(box.locator(".as-result")).to_contain_text("You passed")
    result_file = folder / "live-result.json"
    state: dict = {}
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not state.get("passed"):
        time.sleep(0.25)
        if result_file.is_file():
            state = json.loads(result_file.read_text() or "{}")
    assert state.get("passed") is True and state["right"] == state["total"], state
