"""Re-execute the book's notebooks whose inputs changed, and store their outputs in place.

    python -m zhuzhou_book.execute                 # the stale notebooks (run by `make book`)
    python -m zhuzhou_book.execute --force         # every notebook (`make refresh`)
    python -m zhuzhou_book.execute book/07-trends.ipynb

Why not jupyter-book's own cache: jupyter-cache keys a notebook on its code alone, so a change
in data/ or lib/ would leave a stale page. Here a fingerprint records everything a notebook's
outputs depend on: its code cells, the data files it actually read (reported by
`zhuzhou_innovation.load.files_read` at the end of the run), the library modules it imported and
the pinned requirements. A notebook is re-executed when any of them differs, and only then.

The fingerprints live in one committed file, `book/_fingerprints.json`, not in the notebooks:
a re-execution whose outputs come out the same rewrites only that file, so a library change that
no output depends on leaves every notebook untouched in `git diff`.
The book renders the stored outputs, which `pytest --nbval` checks against a fresh run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from zhuzhou_innovation.paths import BOOK, REPO, relative

LIB = REPO / "lib" / "zhuzhou_innovation"  # the analysis package the notebooks import
FINGERPRINTS = "book/_fingerprints.json"
_PROBE = (
    "import json as _json, sys as _sys, zhuzhou_innovation.load as _load\n"
    "print(_json.dumps({'data': _load.files_read(), 'modules': sorted(\n"
    "    m for m in _sys.modules if m.split('.')[0] == 'zhuzhou_innovation')}))"
)


class ExecutionError(RuntimeError):
    """A notebook raised while being executed; the message names the notebook and cell."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_fingerprint(nb: nbformat.NotebookNode) -> str:
    """Hash of the code cells, the only part of a notebook that changes its outputs."""
    code = "\n\x00\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return _sha256(code.encode("utf-8"))


def lib_fingerprint(modules: list[str] | None = None, lib: Path = LIB) -> str:
    """Hash of the library a notebook ran: the modules it imported and every non-Python file
    (style, templates). A module no notebook imports (the export, say) does not mark it stale;
    with `modules` None, every file counts."""
    wanted = None
    if modules is not None:
        wanted = {
            f"{m.split('.', 1)[1].replace('.', '/')}.py" if "." in m else "__init__.py" for m in modules
        }
    h = hashlib.sha256()
    for path in sorted(lib.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(lib).as_posix()
        if wanted is not None and path.suffix == ".py" and rel not in wanted:
            continue
        h.update(rel.encode())
        h.update(_sha256(path.read_bytes()).encode())
    return h.hexdigest()


def file_fingerprint(relpath: str, repo: Path = REPO) -> str:
    """Hash of one input file, or 'missing' so a deleted input also marks the notebook stale."""
    path = repo / relpath
    return _sha256(path.read_bytes()) if path.is_file() else "missing"


def current_inputs(
    nb: nbformat.NotebookNode, data_files: list[str], repo: Path = REPO, modules: list[str] | None = None
) -> dict:
    """The fingerprint a fresh execution of `nb` would record, given the data files it reads
    and the library modules it imports."""
    inputs = {
        "code": code_fingerprint(nb),
        "lib": lib_fingerprint(modules, repo / LIB.relative_to(REPO)),
        "requirements": file_fingerprint("requirements.txt", repo),
        "data": {rel: file_fingerprint(rel, repo) for rel in sorted(data_files)},
    }
    if modules is not None:
        inputs["modules"] = sorted(modules)
    return inputs


def read_fingerprints(repo: Path = REPO) -> dict[str, dict]:
    """The stored fingerprints, by notebook path relative to the repository."""
    path = repo / FINGERPRINTS
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_fingerprints(records: dict[str, dict], repo: Path = REPO) -> None:
    """Store the fingerprints (sorted, one key per line: small, readable diffs)."""
    text = json.dumps(dict(sorted(records.items())), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path = repo / FINGERPRINTS
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _timed_cells(nb: nbformat.NotebookNode) -> list[int]:
    """The code cells holding run times (`metadata.execution`), which only other tools store."""
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "execution" in c.metadata]


def stale_reason(path: Path, repo: Path = REPO, stored: dict | None = None) -> str | None:
    """Why the stored outputs of `path` may differ from a fresh run, or None if they cannot."""
    key = relative(path, repo)
    stored = (read_fingerprints(repo) if stored is None else stored).get(key)
    if not stored:
        return "never executed by this tool"
    nb = nbformat.read(path, as_version=4)
    if _timed_cells(nb):  # `jupyter execute --inplace` ran it: the outputs may be anyone's
        return "executed by another tool (cell run times stored)"
    now = current_inputs(nb, list(stored.get("data", {})), repo, stored.get("modules"))
    for part in ("code", "lib", "requirements"):
        if stored.get(part) != now[part]:
            return f"{part} changed"
    changed = [rel for rel, digest in now["data"].items() if stored["data"].get(rel) != digest]
    return f"data changed: {', '.join(changed)}" if changed else None


# Text that differs between two runs of the same notebook, what it is, and where it comes from.
_RUN_SPECIFIC = [
    (
        re.compile(r"0x[0-9a-f]{8,}"),
        "a memory address",
        "an object shown by Python's default repr; give it a __repr__ without the address, as "
        "narrative.Table and figures.SVG do",
    ),
    (
        re.compile(r"/tmp/"),
        "a temporary path",
        "show paths relative to the repository (zhuzhou_innovation.paths.relative)",
    ),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"), "a date and time", "an output must not say when it ran"),
]


def run_specific_problems(path: Path, repo: Path = REPO) -> list[str]:
    """What in a stored notebook would differ on the next run, each in plain words with the command
    that mends it; empty when there is nothing (`tests/test_outputs_stay_fresh.py` asserts so)."""
    rel = relative(path, repo)
    rerun = f"`.venv/bin/python -m zhuzhou_book.execute {rel}` (or `make refresh` for every chapter)"
    nb = nbformat.read(path, as_version=4)
    problems = []
    timed = _timed_cells(nb)
    if timed:
        problems.append(
            f"{rel}: {len(timed)} code {'cell holds its' if len(timed) == 1 else 'cells hold their'} run times "
            '(cell metadata "execution"), which '
            "`jupyter execute --inplace` stores (so does JupyterLab with its 'record timing' setting). "
            "They differ on every run, and that command leaves book/_fingerprints.json as it was. "
            f"Re-run the chapter the project's way, which stores no run times and records the fingerprint: {rerun}."
        )
        for i in timed:
            nb.cells[i].metadata.pop("execution")
    text = nbformat.writes(nb)
    for pattern, what, why in _RUN_SPECIFIC:
        found = pattern.search(text)
        if found:
            problems.append(
                f"{rel}: the stored outputs hold {what} ({found.group(0)!r}): {why}; "
                f"then re-run the chapter: {rerun}."
            )
    return problems


def execute_notebook(path: Path, repo: Path = REPO, timeout: int = 300) -> dict:
    """Run every cell of `path` in a fresh kernel; write the notebook only if its bytes change.

    Returns the fingerprint of the run, for `book/_fingerprints.json`.
    """
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
        raise ExecutionError(f"{relative(path, repo)}: a cell raised\n{exc}") from None
    nb.cells.pop()
    report = json.loads("".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout"))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)
    nb.metadata.pop("zhuzhou", None)  # where fingerprints lived before the sidecar file
    text = nbformat.writes(nb)
    text += "" if text.endswith("\n") else "\n"  # as nbformat.write ends the file
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return current_inputs(nb, report["data"], repo, report["modules"])


def _run_one(path: str, repo: str) -> tuple[str, dict, float]:
    start = time.perf_counter()
    inputs = execute_notebook(Path(path), Path(repo))
    return path, inputs, time.perf_counter() - start


def refresh(paths: list[Path], force: bool = False, jobs: int = 2, repo: Path = REPO) -> list[Path]:
    """Re-execute the stale notebooks among `paths` (all of them if `force`), `jobs` at a time."""
    records = read_fingerprints(repo)
    todo = []
    for path in paths:
        reason = "forced" if force else stale_reason(path, repo, records)
        if reason:
            print(f"execute {relative(path, repo)}: {reason}", flush=True)
            todo.append(path)
    if not todo:
        print(f"all {len(paths)} notebooks up to date", flush=True)
        return []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
        runs = pool.map(_run_one, [str(p) for p in todo], [str(repo)] * len(todo))
        try:
            for done, inputs, seconds in runs:
                records[relative(Path(done), repo)] = inputs
                print(f"  done {relative(Path(done), repo)} ({seconds:.1f} s)", flush=True)
        finally:
            write_fingerprints(records, repo)  # keep what finished, even if another notebook raised
    return todo


def book_notebooks(repo: Path = REPO) -> list[Path]:
    """Every notebook under book/, in reading order (file names sort in that order)."""
    book = repo / BOOK.relative_to(REPO)
    return sorted(p for p in book.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook under book/")
    parser.add_argument("--force", action="store_true", help="re-execute even if nothing changed")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    parser.add_argument("--check", action="store_true", help="only list stale notebooks; exit 1 if any")
    parser.add_argument("--repo", type=Path, default=REPO, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    paths = [p.resolve() for p in args.notebooks] or book_notebooks(repo)
    if args.check:
        records = read_fingerprints(repo)
        stale = [(p, stale_reason(p, repo, records)) for p in paths]
        for p, r in stale:
            if r:
                print(f"stale {relative(p, repo)}: {r}")
        return 1 if any(r for _, r in stale) else 0
    try:
        refresh(paths, force=args.force, jobs=args.jobs, repo=repo)
    except ExecutionError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
