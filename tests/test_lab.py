"""`make lab` as a user meets it: JupyterLab from the project's .venv, its own kernel,
the notebooks (a paired .py opens as a notebook), checked through the server's REST
API and a kernel's websocket like the browser does."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from corpus_tools.reports import KERNEL_NAME, notebook_sources
from tests.conftest import FIXTURES, ROOT

TOKEN = uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server started the way `make lab` starts it, on a free port."""
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL_NAME not in KernelSpecManager().find_kernel_specs():
        pytest.fail(f"The {KERNEL_NAME!r} kernel is not installed in this environment: "
                    "run `make install` (it runs `python -m ipykernel install --sys-prefix "
                    f"--name {KERNEL_NAME}`).")
    work = tmp_path_factory.mktemp("lab")
    port = _free_port()
    # A throwaway runtime and user-settings folder, so that the check sees what the
    # project installs (.venv), not this machine's own JupyterLab settings.
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(work / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"))
    log = open(work / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
         "--ServerApp.port_retries=50", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={ROOT}", "--LabApp.default_url=/lab/tree/notebooks",
         f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}",
         f"--KernelSpecManager.allowed_kernelspecs={KERNEL_NAME}",
         *(["--allow-root"] if os.geteuid() == 0 else [])],  # CI containers run as root
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )
    session = requests.Session()
    session.headers["Authorization"] = f"token {TOKEN}"
    deadline = time.monotonic() + 180
    base = None
    while True:
        # The free port can be taken by another process (a Dask worker, another test
        # run) before the server binds it: the server then tries another one and says
        # which in its runtime file. A busy machine may also answer slowly (a read
        # timeout, not a refused connection). Either could fail the start by chance.
        if base is None:
            for info in (work / "runtime").glob("jpserver-*.json"):
                try:
                    port = json.loads(info.read_text())["port"]
                    base = f"http://127.0.0.1:{port}"
                except (ValueError, KeyError):  # being written
                    pass
        try:
            if base is not None and session.get(f"{base}/api/status", timeout=5).ok:
                break
        except requests.RequestException:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("JupyterLab did not start:\n" + (work / "lab.log").read_text()[-3000:])
        time.sleep(0.5)
    yield base, session, port
    try:  # best effort: stopping the server below stops its kernels as well
        for kernel in session.get(f"{base}/api/kernels", timeout=60).json():
            session.delete(f"{base}/api/kernels/{kernel['id']}", timeout=60)
    except (requests.RequestException, ValueError):
        pass
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def test_the_project_kernel_runs_this_environment(lab):
    base, session, _ = lab
    specs = session.get(f"{base}/api/kernelspecs").json()
    assert specs["default"] == KERNEL_NAME
    assert list(specs["kernelspecs"]) == [KERNEL_NAME]  # no other Python to pick by mistake
    argv = specs["kernelspecs"][KERNEL_NAME]["spec"]["argv"]
    assert Path(argv[0]).resolve() == Path(sys.executable).resolve()


@pytest.mark.parametrize("source", notebook_sources(), ids=lambda p: p.name)
def test_notebooks_ask_for_the_project_kernel(source):
    """Otherwise JupyterLab asks which kernel to start each time a notebook opens.
    Fix with `jupytext --set-kernel corpus-tools --sync notebooks/NN_name.ipynb`."""
    import jupytext

    spec = jupytext.read(source.with_suffix(".ipynb")).metadata.get("kernelspec", {})
    assert spec.get("name") == KERNEL_NAME, f"{source.with_suffix('.ipynb').name}: kernelspec {spec}"


def test_lab_opens_python_notebooks_as_notebooks_on_double_click(lab):
    base, session, _ = lab
    plugin = session.get(f"{base}/lab/api/settings/@jupyterlab/docmanager-extension:plugin").json()
    viewers = plugin["schema"]["properties"]["defaultViewers"]["default"]
    assert viewers.get("python") == "Jupytext Notebook"


@pytest.mark.parametrize("source", notebook_sources(), ids=lambda p: p.name)
def test_every_notebook_opens_from_its_py_and_its_ipynb(lab, source):
    base, session, _ = lab
    for name in (source.name, source.with_suffix(".ipynb").name):
        reply = session.get(f"{base}/api/contents/notebooks/{name}",
                            params={"type": "notebook", "content": 1})
        assert reply.status_code == 200, reply.text
        model = reply.json()
        assert model["type"] == "notebook"
        cells = model["content"]["cells"]
        assert sum("parameters" in c["metadata"].get("tags", []) for c in cells) == 1, name
        assert any(c["cell_type"] == "markdown" for c in cells), name


def _execute(ws, code: str, timeout: float = 120) -> tuple[str, str]:
    """Run code on a kernel over its websocket; (status, text of the outputs)."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                   "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    }))
    output, status, idle = [], None, False
    deadline = time.monotonic() + timeout
    while not (status and idle):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no reply within {timeout} s to {code[:60]!r}")
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            output.append(content["text"])
        elif kind in ("execute_result", "display_data"):
            output.append(content["data"].get("text/plain", ""))
        elif kind == "error":
            output.append(f"{content['ename']}: {content['evalue']}")
        elif kind == "execute_reply":
            status = content["status"]
        elif kind == "status" and content["execution_state"] == "idle":
            idle = True
    return status, "".join(output)


@pytest.mark.parametrize("source", notebook_sources(), ids=lambda p: p.name)
def test_a_session_on_each_notebook_runs_its_first_cells(lab, source):
    """What a user does first: open the notebook, run the parameters and the set-up cell."""
    import websocket

    base, session, port = lab
    path = f"notebooks/{source.name}"
    notebook = session.get(f"{base}/api/contents/{path}", params={"type": "notebook"}).json()
    cells = [c for c in notebook["content"]["cells"] if c["cell_type"] == "code" and c["source"].strip()]
    at = next(i for i, c in enumerate(cells) if "parameters" in c["metadata"].get("tags", []))
    # Up to the parameters cell, the small corpus in place of data/raw (as papermill
    # would inject it), then the cell after it: imports and loading the corpus.
    first_cells = ([c["source"] for c in cells[: at + 1]]
                   + [f"corpus_path = {str(FIXTURES / 'small_corpus')!r}"]
                   + [c["source"] for c in cells[at + 1: at + 2]])
    reply = session.post(f"{base}/api/sessions", json={
        "path": path, "name": source.name, "type": "notebook", "kernel": {"name": KERNEL_NAME}})
    assert reply.status_code == 201, reply.text
    kernel = reply.json()["kernel"]
    assert kernel["name"] == KERNEL_NAME
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{port}/api/kernels/{kernel['id']}/channels?token={TOKEN}", timeout=120)
    try:
        status, out = _execute(ws, "import sys; print(sys.prefix)")
        assert status == "ok" and Path(out.strip()).resolve() == Path(sys.prefix).resolve()
        for cell in first_cells:
            status, out = _execute(ws, cell)
            assert status == "ok", f"{source.name}: {out}"
    finally:
        ws.close()
        session.delete(f"{base}/api/sessions/{reply.json()['id']}")
