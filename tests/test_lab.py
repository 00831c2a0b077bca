"""`make lab`: JupyterLab on the project's .venv, loopback only, serving the book's notebooks, and
stopping cleanly. The server is started here exactly as `make lab` starts it, but headless."""

from __future__ import annotations

import http.client
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from zhuzhou_book import lab
from zhuzhou_innovation.paths import BOOK, REPO

START_TIMEOUT = 90  # seconds for the server to answer; it usually takes two or three
STOP_TIMEOUT = 30


def _require_jupyterlab() -> None:
    if importlib.util.find_spec("jupyterlab") is None:
        pytest.fail(
            "JupyterLab is not installed in this .venv: `make test` (or `make lab`) installs "
            "requirements-lab.txt before the tests run"
        )


def _get(url: str, token: str, method: str = "GET") -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _listening(port: int) -> list[str]:
    """The local addresses (hex, as /proc/net/tcp* shows them) listening on `port`."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).is_file():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.rsplit(":", 1)
            if int(hexport, 16) == port and state == "0A":  # 0A: LISTEN
                out.append(address)
    return out


def _port_is_free(port: int) -> bool:
    """Nothing listens on `port` and a new server could bind it (with SO_REUSEADDR, as servers do:
    the connections the test made may linger in TIME_WAIT for a minute)."""
    if _listening(port):
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((lab.HOST, port))
        except OSError:
            return False
    return True


@pytest.fixture
def server(tmp_path):
    """`python -m zhuzhou_book.lab --no-browser` on a free port; user-level Jupyter files (the
    trust database, runtime files) go to a temporary folder, not the home directory."""
    _require_jupyterlab()
    port, token = lab.free_port(), "test-token-" + os.urandom(8).hex()
    env = os.environ | {f"JUPYTER_{d}_DIR": str(tmp_path / d.lower()) for d in ("DATA", "CONFIG", "RUNTIME")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhuzhou_book.lab", "--no-browser", "--port", str(port), "--token", token],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=(tmp_path / "lab.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://{lab.HOST}:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if _get(f"{base}/api/status", token)[0] == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass  # not listening yet, or listening but not answering yet
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"JupyterLab did not start (exit {proc.poll()}):\n{(tmp_path / 'lab.log').read_text()[-3000:]}"
                )
            time.sleep(0.3)
        yield proc, base, port, token, tmp_path
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(STOP_TIMEOUT)


def test_lab_serves_the_books_notebooks_on_loopback_only_and_stops_cleanly(server):
    proc, base, port, token, tmp = server
    status, body = _get(f"{base}/api/contents/book", token)
    assert status == 200, body[:500]
    listed = {item["name"] for item in json.loads(body)["content"] if item["type"] == "notebook"}
    assert listed == {p.name for p in BOOK.glob("*.ipynb")}
    assert _get(f"{base}/api/contents/book", "not-the-token")[0] == 403, "the token is required"
    assert _listening(port) == ["0100007F"], "listening on 127.0.0.1 and nowhere else"
    translations = json.loads(_get(f"{base}/lab/api/translations", token)[1])["data"]
    assert "zh_CN" in translations, "the Simplified Chinese language pack is installed"
    log = (tmp / "lab.log").read_text()
    assert "python -m zhuzhou_book.execute" in log and "jupyter execute --inplace" in log  # the note
    assert list((tmp / "data").glob("nbsignatures.db")), "the notebooks were trusted (jupyter trust)"

    assert _get(f"{base}/api/shutdown", token, method="POST")[0] == 200
    assert proc.wait(STOP_TIMEOUT) == 0
    assert _port_is_free(port)


def test_make_lab_runs_the_launcher_tested_here():
    """The Makefile's recipe is the command the test above starts (plus the browser)."""
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "lab"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")},
    )
    assert done.returncode == 0, done.stderr
    assert ".venv/bin/python -m zhuzhou_book.lab" in done.stdout, done.stdout


def test_the_server_command_binds_loopback_with_a_token_and_no_update_checks():
    command = lab.lab_command(8888, "t", open_browser=False)
    assert f"--ServerApp.ip={lab.HOST}" in command and lab.HOST == "127.0.0.1"
    assert "--IdentityProvider.token=t" in command and "--ServerApp.port_retries=0" in command
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in command


def test_trusting_the_notebooks_leaves_their_bytes_alone(tmp_path, monkeypatch):
    _require_jupyterlab()
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    before = {p: p.read_bytes() for p in BOOK.glob("*.ipynb")}
    assert set(lab.trust_notebooks()) == set(before)
    assert {p: p.read_bytes() for p in BOOK.glob("*.ipynb")} == before
