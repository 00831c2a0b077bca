"""Re-execute the book's notebooks whose inputs changed, and store their outputs in place.

Why not jupyter-book's own cache: jupyter-cache keys a notebook on its code alone, so a change
in data/ or lib/ would leave a stale page. Here each notebook's metadata records a fingerprint
of everything its outputs depend on: its code cells, the data files it actually read (reported
by `zhuzhou_innovation.load.files_read` at the end of the run), the library's source and the
pinned requirements. A notebook is re-executed when any of them differs, and only then.
The book renders the stored outputs, which `pytest --nbval` checks against a fresh run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
LIB = Path(__file__).resolve().parent
METADATA_KEY = "zhuzhou"
_PROBE = (
    "import json as _json, sys as _sys, zhuzhou_innovation.load as _load\n"
    "print(_json.dumps({'data': _load.files_read(), 'modules': sorted(\n"
    "    m for m in _sys.modules if m.split('.')[0] == 'zhuzhou_innovation')}))"
)


class ExecutionError(RuntimeError):
    """A notebook raised while being executed; the message names the notebook and cell."""


def _rel(path: Path, repo: Path = REPO) -> str:
    """A path as messages show it: relative to the repository when it lies inside."""
    try:
        return path.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        return str(path)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_fingerprint(nb: nbformat.NotebookNode) -> str:
    """Hash of the code cells, the only part of a notebook that changes its outputs."""
    code = "\n\x00\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return _sha256(code.encode("utf-8"))


def lib_fingerprint(modules: list[str] | None = None) -> str:
    """Hash of the library a notebook ran: the modules it imported and every non-Python file
    (style, templates). A module no notebook imports (the export, say) does not mark it stale;
    with `modules` None, every file counts."""
    wanted = None
    if modules is not None:
        wanted = {f"{m.split('.', 1)[1].replace('.', '/')}.py" if "." in m else "__init__.py"
                  for m in modules}
    h = hashlib.sha256()
    for path in sorted(LIB.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(LIB).as_posix()
        if wanted is not None and path.suffix == ".py" and rel not in wanted:
            continue
        h.update(rel.encode())
        h.update(_sha256(path.read_bytes()).encode())
    return h.hexdigest()


def file_fingerprint(relpath: str, repo: Path = REPO) -> str:
    """Hash of one input file, or 'missing' so a deleted input also marks the notebook stale."""
    path = repo / relpath
    return _sha256(path.read_bytes()) if path.is_file() else "missing"


def current_inputs(nb: nbformat.NotebookNode, data_files: list[str], repo: Path = REPO,
                   modules: list[str] | None = None) -> dict:
    """The fingerprint a fresh execution of `nb` would record, given the data files it reads
    and the library modules it imports."""
    inputs = {
        "code": code_fingerprint(nb),
        "lib": lib_fingerprint(modules),
        "requirements": file_fingerprint("requirements.txt", repo),
        "data": {rel: file_fingerprint(rel, repo) for rel in sorted(data_files)},
    }
    if modules is not None:
        inputs["modules"] = sorted(modules)
    return inputs


def stale_reason(path: Path, repo: Path = REPO) -> str | None:
    """Why the stored outputs of `path` may differ from a fresh run, or None if they cannot."""
    nb = nbformat.read(path, as_version=4)
    stored = nb.metadata.get(METADATA_KEY, {}).get("inputs")
    if not stored:
        return "never executed by this tool"
    now = current_inputs(nb, list(stored.get("data", {})), repo, stored.get("modules"))
    for key in ("code", "lib", "requirements"):
        if stored.get(key) != now[key]:
            return f"{key} changed"
    changed = [rel for rel, digest in now["data"].items() if stored["data"].get(rel) != digest]
    return f"data changed: {', '.join(changed)}" if changed else None


def execute_notebook(path: Path, repo: Path = REPO, timeout: int = 300) -> list[str]:
    """Run every cell of `path` in a fresh kernel, store outputs and fingerprint; return data files read."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    probe = nbformat.v4.new_code_cell(_PROBE)
    nb.cells.append(probe)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        raise ExecutionError(f"{_rel(path, repo)}: a cell raised\n{exc}") from None
    nb.cells.pop()
    report = json.loads("".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout"))
    read = report["data"]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)
    nb.metadata[METADATA_KEY] = {"inputs": current_inputs(nb, read, repo, report["modules"])}
    nbformat.write(nb, path)
    return read


def _run_one(path: str) -> tuple[str, float]:
    start = time.perf_counter()
    execute_notebook(Path(path))
    return path, time.perf_counter() - start


def refresh(paths: list[Path], force: bool = False, jobs: int = 2, repo: Path = REPO) -> list[Path]:
    """Re-execute the stale notebooks among `paths` (all of them if `force`), `jobs` at a time."""
    todo = []
    for path in paths:
        reason = "forced" if force else stale_reason(path, repo)
        if reason:
            print(f"execute {_rel(path, repo)}: {reason}", flush=True)
            todo.append(path)
    if not todo:
        print(f"all {len(paths)} notebooks up to date", flush=True)
        return []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
        for done, seconds in pool.map(_run_one, [str(p) for p in todo]):
            print(f"  done {_rel(Path(done), repo)} ({seconds:.1f} s)", flush=True)
    return todo


def book_notebooks(repo: Path = REPO) -> list[Path]:
    """Every notebook under book/, in reading order (file names sort in that order)."""
    return sorted(p for p in (repo / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook under book/")
    parser.add_argument("--force", action="store_true", help="re-execute even if nothing changed")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    parser.add_argument("--check", action="store_true", help="only list stale notebooks; exit 1 if any")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or book_notebooks()
    if args.check:
        stale = [(p, stale_reason(p)) for p in paths]
        stale = [(p, r) for p, r in stale if r]
        for p, r in stale:
            print(f"stale {_rel(p)}: {r}")
        return 1 if stale else 0
    try:
        refresh(paths, force=args.force, jobs=args.jobs)
    except ExecutionError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
