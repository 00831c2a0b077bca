"""JupyterLab on this project's .venv, for working on the chapters interactively (`make lab`).

    python -m zhuzhou_book.lab                      # a free port on 127.0.0.1, opens the browser
    python -m zhuzhou_book.lab --no-browser --port 8899 --token secret

It trusts the book's notebooks (their stored tables and figures show as the book renders them),
prints how to rerun a chapter the project's way, then becomes the JupyterLab server (the process
is replaced, so Ctrl-C, a signal or POST /api/shutdown stops the server itself). The server
listens on the loopback address only, asks for a token, and never checks the internet for news
or updates. JupyterLab and its Simplified Chinese language pack come from requirements-lab.txt.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from zhuzhou_innovation.paths import BOOK, REPO, relative

HOST = "127.0.0.1"  # loopback only: the server runs code, it must not be reachable from outside

NOTE = """\
JupyterLab on this project's .venv: {url}
  (stop it with Ctrl-C; notebooks under book/ are trusted; 中文界面: Settings → Language → 中文 (简体, 中国))

Experiment freely. To rerun a chapter and store its outputs the project's way:
  .venv/bin/python -m zhuzhou_book.execute book/<chapter>.ipynb           re-runs it if its code, data or library changed
  .venv/bin/python -m zhuzhou_book.execute --force book/<chapter>.ipynb   re-runs it anyway (after saving it here)
  make refresh                                                            re-runs every chapter
Not `jupyter execute --inplace`: it stores each cell's run times in the notebook and skips the
fingerprints (book/_fingerprints.json), so the stored outputs then fail the freshness tests
(nbval and tests/test_outputs_stay_fresh.py). `git checkout book/<chapter>.ipynb` undoes an experiment.
"""


def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on at `host` now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def lab_command(port: int, token: str, open_browser: bool = True, root: Path = REPO) -> list[str]:
    """The JupyterLab server command: this interpreter, loopback only, `root` as its folder."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.open_browser={open_browser}",
        "--LabApp.default_url=/lab/tree/book",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        # root in a container or CI: the server still listens on loopback only, behind a token
        *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
    ]


def trust_notebooks(book: Path = BOOK) -> list[Path]:
    """Sign the book's notebooks as trusted (`jupyter trust`; the files themselves are unchanged)."""
    paths = sorted(p for p in book.glob("*.ipynb"))
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "trust", *map(str, paths)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"jupyter trust failed:\n{done.stderr[-2000:]}")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, help="default: a free port")
    parser.add_argument("--token", help="default: a new random token")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        print(
            "JupyterLab is not installed in this environment: `make lab` installs requirements-lab.txt",
            file=sys.stderr,
        )
        return 1
    port = args.port or free_port()
    token = args.token or secrets.token_hex(24)
    paths = trust_notebooks()
    print(f"trusted {len(paths)} notebooks in {relative(BOOK)}/", flush=True)
    print(NOTE.format(url=f"http://{HOST}:{port}/lab/tree/book?token={token}"), flush=True)
    command = lab_command(port, token, open_browser=not args.no_browser)
    os.chdir(REPO)
    os.execv(command[0], command)  # the server is this process from here on: signals reach it


if __name__ == "__main__":
    sys.exit(main())
