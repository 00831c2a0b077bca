"""Is .venv this folder's own? A copied checkout (`cp -r`) keeps a .venv built for the original.

    python lib/zhuzhou_book/venv_check.py .venv     # prints one line if .venv must be rebuilt

Such a .venv still runs the original folder's code: its editable install points there, and its
scripts (jupyter-book, pytest) start the original's python. Edits in the copy are silently not
read, and tests pass on the old numbers. The Makefile's set-up runs this check on every `make` and
rebuilds a .venv it reports, with the one-line reason this prints.

Standard library only, run by path with the system Python: the .venv may be the broken thing.
An import path set on purpose (PYTHONPATH, as `make bench` sets it for its clones) counts, so a
clone that shares this checkout's .venv but imports its own lib/ is left alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_PROBE = (
    "import importlib.util, json, sys; spec = importlib.util.find_spec('zhuzhou_innovation'); "
    "print(json.dumps({'prefix': sys.prefix, 'origin': spec.origin if spec else None}))"
)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _shebang(script: Path) -> str | None:
    """The interpreter a script names on its `#!` line, if it is a python."""
    try:
        with script.open("rb") as f:
            first = f.readline(512)
    except OSError:
        return None
    if not first.startswith(b"#!"):
        return None
    interpreter = first[2:].strip().split(b" ")[0].decode("utf-8", "replace")
    return interpreter if Path(interpreter).name.startswith("python") else None


def elsewhere(venv: Path, repo: Path, env: dict[str, str] | None = None) -> str | None:
    """Why `venv` belongs to another folder than `repo`, or None if it is repo's own (or absent).

    Three signs, each enough: its python runs another environment; it imports zhuzhou_innovation
    from outside `repo`; a script in its bin/ starts another environment's python.
    """
    venv, repo = Path(venv), Path(repo)
    python = venv / "bin" / "python"
    if not os.path.lexists(python):
        return None  # no environment yet: the set-up creates one
    if not python.exists():
        return f"its python links to {os.readlink(python)}, which does not exist"
    try:
        done = subprocess.run(
            [str(python), "-c", _PROBE], capture_output=True, text=True, timeout=60, env=env, cwd=repo
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"its python does not run ({exc})"
    if done.returncode != 0:
        return f"its python does not run ({done.stderr.strip().splitlines()[-1:] or done.returncode})"
    found = json.loads(done.stdout)
    if not _inside(Path(found["prefix"]), venv):
        return f"its python runs the environment in {found['prefix']}"
    if found["origin"] and not _inside(Path(found["origin"]), repo):
        return f"it imports zhuzhou_innovation from {found['origin']}"
    bin_dir = (venv / "bin").resolve()
    for script in sorted((venv / "bin").iterdir()):
        interpreter = _shebang(script) if script.is_file() else None
        if interpreter and Path(interpreter).parent.resolve() != bin_dir:
            return f"its scripts ({script.name}) start {interpreter}"
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    venv = Path(args[0] if args else ".venv")
    reason = elsewhere(venv, Path.cwd())
    if reason:
        print(f"{venv} was built for another folder ({reason}): rebuilding it here")
    return 0


if __name__ == "__main__":
    sys.exit(main())
