"""A class on one machine: a real JupyterHub on loopback, several learners running the course at once.

The hub (jupyterhub, pinned in requirements/constraints.txt) runs with configurable-http-proxy from
node_modules/.bin, a shared class password (SharedPasswordAuthenticator: the successor of
DummyAuthenticator's password) and SimpleLocalProcessSpawner giving each learner a folder of
their own under a temporary directory. Every port is on 127.0.0.1. Each learner logs in through
the hub's login form, starts a server, uploads the course (pages with code as .ipynb, converted
with jupytext) through their server's contents API and runs every page through a kernel over
the hub, all at the same time. Then: no error anywhere, the same outputs for everyone, each
learner's files in their own folder, and one learner's token opens nobody else's server.
The numbers (learners, wall time, peak memory per learner) are printed; trainer/running-a-class.md
quotes them. Run: python -m pytest tests/test_hub_class.py -m hub -s
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import jupytext
import psutil
import pytest
import requests
import websocket

from paths import ROOT
from selfhelp_course.course.structure import page_path, toc_docnames

pytestmark = pytest.mark.hub

LEARNERS = [f"learner{n}" for n in range(1, 5)]
PASSWORD = "class-of-the-day-" + uuid.uuid4().hex[:8]
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
VENV_BIN = Path(sys.executable).parent
TIMEOUT = 30  # seconds for any one request
CELL_TIMEOUT = 120  # seconds for any one cell, as the book's execution allows


def course_notebooks() -> list[str]:
    """The pages with code, in reading order (the pages the book executes)."""
    return [
        name
        for name in toc_docnames(ROOT)
        if "```{code-cell}" in page_path(ROOT, name).read_text(encoding="utf-8")
    ]


def course_files() -> dict[str, dict]:
    """What each learner's folder gets: the course's settings, data, pages and notebooks."""
    files: dict[str, dict] = {}
    for name in ("_config.yml", "_toc.yml"):
        files[name] = {"type": "file", "format": "text", "content": (ROOT / name).read_text(encoding="utf-8")}
    for path in sorted((ROOT / "data").rglob("*")):
        if path.is_file():
            files[str(path.relative_to(ROOT))] = {
                "type": "file",
                "format": "text",
                "content": path.read_text(encoding="utf-8"),
            }
    for name in toc_docnames(ROOT):
        source = page_path(ROOT, name)
        files[str(source.relative_to(ROOT))] = {
            "type": "file",
            "format": "text",
            "content": source.read_text(encoding="utf-8"),
        }
    for name in course_notebooks():
        notebook = json.loads(jupytext.writes(jupytext.read(page_path(ROOT, name)), fmt="ipynb"))
        files[f"{name}.ipynb"] = {"type": "notebook", "format": "json", "content": notebook}
    return files


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{proxy_port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {folder!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {folder!r} + "/cookie_secret"
c.JupyterHub.pid_file = {folder!r} + "/hub.pid"
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {folder!r} + "/home/{{username}}"
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = ["--allow-root"]  # the test runs as root, like CI
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
"""


class Hub:
    """A JupyterHub and everything it starts, tracked so that all of it can be stopped."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.url = ""
        self.process: subprocess.Popen | None = None
        self.seen: dict[int, psutil.Process] = {}
        self.peaks: dict[str, int] = {}
        self._stop_watch = threading.Event()
        self._watch: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        proxy_port, hub_port, api_port = free_port(), free_port(), free_port()
        config = self.folder / "jupyterhub_config.py"
        config.write_text(
            CONFIG.format(
                proxy_port=proxy_port,
                hub_port=hub_port,
                api_port=api_port,
                proxy=str(PROXY),
                folder=str(self.folder),
                password=PASSWORD,
                singleuser=str(VENV_BIN / "jupyterhub-singleuser"),
            ),
            encoding="utf-8",
        )
        self.url = f"http://127.0.0.1:{proxy_port}"
        self.log = open(self.folder / "hub.log", "w")  # noqa: SIM115 (open while the hub runs; closed in stop())
        env = {key: value for key, value in os.environ.items() if key != "SELFHELP_COURSE_ROOT"}
        env["PATH"] = f"{VENV_BIN}:{env.get('PATH', '/usr/bin:/bin')}"
        self.process = subprocess.Popen(
            [str(VENV_BIN / "jupyterhub"), "-f", str(config)],
            cwd=self.folder,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.seen[self.process.pid] = psutil.Process(self.process.pid)
        self._watch = threading.Thread(target=self._sample, daemon=True)
        self._watch.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the hub stopped:\n{self.log_tail()}"
            try:
                if requests.get(f"{self.url}/hub/api", timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"the hub did not answer within 60 s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        self.log.flush()
        return "\n".join((self.folder / "hub.log").read_text(errors="replace").splitlines()[-lines:])

    def _sample(self) -> None:
        """Every process the hub starts, and each learner's memory: server plus kernels."""
        hub = self.seen[self.process.pid]
        while not self._stop_watch.wait(0.25):
            totals: dict[str, int] = {}
            try:
                children = hub.children(recursive=True)
            except psutil.Error:
                return
            for child in children:
                self.seen.setdefault(child.pid, child)
                try:
                    user = child.environ().get("JUPYTERHUB_USER")
                    if user:
                        totals[user] = totals.get(user, 0) + child.memory_info().rss
                except psutil.Error:
                    continue
            with self._lock:
                for user, rss in totals.items():
                    self.peaks[user] = max(self.peaks.get(user, 0), rss)

    def stop(self) -> list[int]:
        """Stop the hub (which stops the servers and the proxy), then anything left. Returns
        the ids of processes that had to be killed."""
        self._stop_watch.set()
        if self._watch:
            self._watch.join(timeout=5)
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        killed = []
        for pid, process in self.seen.items():
            try:
                if process.is_running():  # same process (create time checked), still there
                    process.kill()
                    killed.append(pid)
            except psutil.Error:
                pass
        psutil.wait_procs([p for p in self.seen.values() if p.pid in killed], timeout=10)
        self.log.close()
        return killed


class Learner:
    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name
        self.http = requests.Session()
        self.token = ""
        self.outputs: dict[str, list] = {}
        self.where: dict[str, str] = {}

    @property
    def api(self) -> str:
        return f"{self.hub.url}/user/{self.name}/api"

    def headers(self) -> dict:
        return {"Authorization": f"token {self.token}"}

    def log_in(self) -> None:
        """The hub's login form, as a browser fills it in; then a token for the API."""
        wrong = self._submit_login(requests.Session(), "not-the-password")
        assert wrong.status_code == 403 and "Invalid username or password" in wrong.text
        reply = self._submit_login(self.http, PASSWORD)
        assert reply.status_code == 302, f"{self.name}: login answered {reply.status_code}"
        xsrf = self.http.cookies.get("_xsrf", path="/hub/")  # a new one comes with the login
        reply = self.http.post(
            f"{self.hub.url}/hub/api/users/{self.name}/tokens",
            timeout=TIMEOUT,
            headers={"X-XSRFToken": xsrf},
            json={"note": "class test"},
        )
        assert reply.status_code == 201, reply.text
        self.token = reply.json()["token"]

    def _submit_login(self, http: requests.Session, password: str) -> requests.Response:
        http.get(f"{self.hub.url}/hub/login", timeout=TIMEOUT).raise_for_status()
        return http.post(
            f"{self.hub.url}/hub/login",
            timeout=TIMEOUT,
            allow_redirects=False,
            data={
                "username": self.name,
                "password": password,
                "_xsrf": http.cookies.get("_xsrf", path="/hub/"),
            },
        )

    def start_server(self) -> None:
        reply = requests.post(
            f"{self.hub.url}/hub/api/users/{self.name}/server", headers=self.headers(), timeout=TIMEOUT
        )
        assert reply.status_code in (201, 202), reply.text
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            model = requests.get(
                f"{self.hub.url}/hub/api/users/{self.name}", headers=self.headers(), timeout=TIMEOUT
            ).json()
            if model.get("servers", {}).get("", {}).get("ready"):
                return
            time.sleep(0.5)
        raise AssertionError(f"{self.name}'s server did not start:\n{self.hub.log_tail()}")

    def upload(self, files: dict[str, dict]) -> None:
        folders = sorted({str(Path(path).parent) for path in files} - {"."}, key=lambda p: p.count("/"))
        for folder in folders:
            self._put(folder, {"type": "directory"})
        for path, model in files.items():
            self._put(path, model)
        self._put("learner.txt", {"type": "file", "format": "text", "content": self.name})

    def _put(self, path: str, model: dict) -> None:
        reply = requests.put(
            f"{self.api}/contents/{path}", json=model, headers=self.headers(), timeout=TIMEOUT
        )
        assert reply.status_code in (200, 201), (
            f"{self.name}: PUT {path}: {reply.status_code} {reply.text[:200]}"
        )

    def run_notebook(self, name: str) -> None:
        """Open the notebook as JupyterLab does (a session starts its kernel) and run every cell."""
        path = f"{name}.ipynb"
        notebook = requests.get(f"{self.api}/contents/{path}", headers=self.headers(), timeout=TIMEOUT).json()
        reply = requests.post(
            f"{self.api}/sessions",
            headers=self.headers(),
            timeout=TIMEOUT,
            json={"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}},
        )
        assert reply.status_code == 201, reply.text
        session = reply.json()
        channel = websocket.create_connection(
            f"ws://127.0.0.1:{self.hub.url.rsplit(':', 1)[1]}/user/{self.name}/api/kernels/"
            f"{session['kernel']['id']}/channels?session_id={uuid.uuid4().hex}",
            header=[f"Authorization: token {self.token}"],
            timeout=CELL_TIMEOUT,
        )
        try:
            self._request(channel, "kernel_info_request", {})
            outputs = []
            for cell in notebook["content"]["cells"]:
                if cell["cell_type"] == "code":
                    outputs.append(self._execute(channel, name, cell["source"]))
            probe = (
                "import os\nfrom selfhelp_course.course.structure import course_root\n"
                "print(os.getcwd(), course_root(), os.environ.get('JUPYTERHUB_USER'), sep='\\n')"
            )
            # One print, and every stream message joined: the kernel sends what it holds when its
            # flush timer fires, so three prints could arrive as two or three messages under load.
            printed = self._execute(channel, name, probe)
            self.where[name] = "".join(text for kind, text in printed if kind == "stream")
            self.outputs[name] = outputs
        finally:
            channel.close()
            requests.delete(f"{self.api}/sessions/{session['id']}", headers=self.headers(), timeout=TIMEOUT)

    def _request(self, channel, msg_type: str, content: dict) -> tuple[dict, list]:
        """Send a request on the shell channel; its reply and its iopub messages."""
        msg_id, reply, messages = uuid.uuid4().hex, {}, []
        channel.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": self.name,
                        "session": uuid.uuid4().hex,
                        "msg_type": msg_type,
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        replied, idle = False, msg_type != "execute_request"  # kernel_info: the reply is enough
        while not (replied and idle):
            message = json.loads(channel.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["channel"] == "shell":
                replied, reply = True, message
            elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                idle = True
            elif message["channel"] == "iopub":
                messages.append(message)
        return reply, messages

    def _execute(self, channel, name: str, code: str) -> list:
        reply, messages = self._request(
            channel,
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        errors = [m["content"] for m in messages if m["msg_type"] == "error"]
        assert reply["content"]["status"] == "ok" and not errors, (
            f"{self.name}: {name}: {errors or reply['content']}"
        )
        return joined_streams(
            normalise(m) for m in messages if m["msg_type"] in ("stream", "display_data", "execute_result")
        )


def joined_streams(outputs) -> list:
    """Outputs with each run of stream messages joined, as a saved notebook joins them.

    The kernel sends what a stream holds whenever its flush timer fires, so under load one
    print can arrive as two messages ('...hidden.' then a lone newline): failed CI on stop 29.
    """
    joined: list = []
    for output in outputs:
        if output[0] == "stream" and joined and joined[-1][0] == "stream":
            joined[-1] = ("stream", joined[-1][1] + output[1])
        else:
            joined.append(output)
    return joined


def normalise(message: dict) -> tuple:
    """An output as it would compare across learners (ids that are random by design removed)."""
    content = message["content"]
    if message["msg_type"] == "stream":
        return ("stream", content["text"])
    data = {}
    for mime, value in sorted(content.get("data", {}).items()):
        if mime == "application/vnd.jupyter.widget-view+json":
            value = sorted(set(value) - {"model_id"})
        text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        text = re.sub(r"[0-9a-f]{8,}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}", "#", text)
        data[mime] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return (message["msg_type"], tuple(sorted(data.items())))


@pytest.fixture
def hub(tmp_path):
    if not PROXY.is_file():
        pytest.fail(f"{PROXY} is missing: run `npm ci` (make test does)")
    running = Hub(tmp_path)
    try:
        running.start()
        yield running
    finally:
        killed = running.stop()
        # Every process the hub started has stopped, whatever happened above.
        left = [pid for pid, process in running.seen.items() if process.is_running()]
        assert not left, f"processes still running after the class: {left}"
        if killed:
            print(f"\nstopped by the test after the hub had gone: {killed}")


def test_a_class_runs_the_course_at_once_through_one_hub(hub, capsys):
    files = course_files()
    notebooks = course_notebooks()
    learners = [Learner(hub, name) for name in LEARNERS]
    failures: list[str] = []
    ready = threading.Barrier(len(learners), timeout=300)
    timings: dict[str, float] = {}

    def lesson(learner: Learner) -> None:
        try:
            learner.log_in()
            learner.start_server()
            learner.upload(files)
            ready.wait()  # everyone runs the course at the same moment
            started = time.monotonic()
            for name in notebooks:
                learner.run_notebook(name)
            timings[learner.name] = time.monotonic() - started
        except BaseException as error:
            ready.abort()
            failures.append(f"{learner.name}: {type(error).__name__}: {error}")

    began = time.monotonic()
    threads = [threading.Thread(target=lesson, args=(learner,)) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    wall = time.monotonic() - began
    assert not any(thread.is_alive() for thread in threads), "a learner's run did not finish"
    assert not failures, "\n".join(failures) + "\n" + hub.log_tail()

    # Every page ran for everyone, with the same outputs.
    first = learners[0]
    assert sorted(first.outputs) == sorted(notebooks)
    assert any(outputs for outputs in first.outputs.values()), "the course's pages showed nothing"
    for learner in learners[1:]:
        for name in notebooks:
            assert learner.outputs[name] == first.outputs[name], f"{learner.name}'s {name} differs"

    # Each learner's files are in their own folder, and the kernels ran there.
    for learner in learners:
        home = hub.folder / "home" / learner.name
        assert (home / "learner.txt").read_text() == learner.name
        assert all((home / f"{name}.ipynb").is_file() for name in notebooks)
        for name, printed in learner.where.items():
            cwd, root, user = printed.split()
            assert Path(cwd) == home / Path(name).parent and Path(root) == home and user == learner.name

    # One learner's token opens nobody else's server or details.
    for learner in learners:
        for other in learners:
            if other is learner:
                continue
            for url in (
                f"{other.api}/contents/learner.txt",
                f"{other.api}/kernels",
                f"{hub.url}/hub/api/users/{other.name}",
            ):
                reply = requests.get(url, headers=learner.headers(), timeout=TIMEOUT, allow_redirects=False)
                assert reply.status_code in (403, 404), f"{learner.name} reached {url}: {reply.status_code}"
        own = requests.get(f"{learner.api}/contents/learner.txt", headers=learner.headers(), timeout=TIMEOUT)
        assert own.json()["content"] == learner.name

    peaks = {name: hub.peaks.get(name, 0) / 2**20 for name in LEARNERS}
    assert all(peak > 0 for peak in peaks.values()), f"no memory measured: {peaks}"
    with capsys.disabled():
        print(
            f"\nhub class: {len(learners)} learners, {len(notebooks)} notebooks each, all at once "
            f"on {os.cpu_count()} cores; wall time {wall:.0f} s (login to last cell), "
            f"running the notebooks {max(timings.values()):.0f} s; peak memory per learner "
            f"(server + kernels) {min(peaks.values()):.0f}-{max(peaks.values()):.0f} MiB"
        )


def test_a_print_split_over_several_stream_messages_compares_as_one():
    """The comparison must not depend on when the kernel's flush timer fired."""
    result = ("execute_result", (("text/plain", "#"),))
    split = [("stream", "Responses: 40."), ("stream", "\n"), result, ("stream", "a"), ("stream", "b")]
    whole = [("stream", "Responses: 40.\n"), result, ("stream", "ab")]
    assert joined_streams(split) == joined_streams(whole) == whole
    assert joined_streams([result, result]) == [result, result]
