"""Stored notebook outputs can never silently differ from a fresh run.

Two guards: nbval re-executes every notebook and compares (a changed number fails it), and the
executor's fingerprint marks a notebook stale when the code, library or any data file it read
changes, so `make book` re-runs exactly those before Sphinx renders the stored outputs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
from datacopy import REPO, edit_row, reprint
from zhuzhou_book import execute

CHAPTER = REPO / "book" / "03-zhuzhou-2021-review.ipynb"


def _nbval(data: Path, notebook: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"ZHUZHOU_DATA": str(data)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-o",
            "addopts=",
            "--nbval",
            "--nbval-current-env",
            "-q",
            str(notebook),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_nbval_fails_on_a_changed_number_and_passes_once_restored(data_copy):
    """Change R&D intensity 2021 (shown in the 2021 chapter's prose, table) in a copy of the data."""
    original = edit_row(data_copy / "observations.csv", "zz2021-037")  # no change: line lookup
    assert original
    reprint(data_copy, "zz2021-037", "3.72%")
    changed = _nbval(data_copy, CHAPTER)
    assert changed.returncode != 0, changed.stdout[-2000:]
    assert "3.72" in changed.stdout, changed.stdout[-2000:]
    reprint(data_copy, "zz2021-037", "3.27%")
    restored = _nbval(data_copy, CHAPTER)
    assert restored.returncode == 0, restored.stdout[-3000:]


def test_every_notebook_is_fresh():
    """What `make book` renders is what the current code, library and data produce."""
    stale = {p.name: execute.stale_reason(p) for p in execute.book_notebooks()}
    assert {k: v for k, v in stale.items() if v} == {}


def test_each_notebook_records_the_data_files_it_read():
    inputs = execute.read_fingerprints()["book/03-zhuzhou-2021-review.ipynb"]
    assert "data/observations.csv" in inputs["data"] and "data/raw/000_42b6281d3c66c3b9.txt" in inputs["data"]


def test_fingerprints_live_beside_the_notebooks_not_inside_them():
    """A re-execution with unchanged outputs must leave the notebook's bytes alone."""
    for path in execute.book_notebooks():
        assert "zhuzhou" not in nbformat.read(path, as_version=4).metadata, path.name


def _fake_repo(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A repo with two notebooks: one read data/a.csv, the other data/b.csv."""
    (tmp_path / "data").mkdir()
    (tmp_path / "book").mkdir()
    (tmp_path / "requirements.txt").write_text("x==1\n")
    paths, records = [], {}
    for name in ("a", "b"):
        (tmp_path / "data" / f"{name}.csv").write_text("id\n1\n")
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"read('{name}')")])
        records[f"book/{name}.ipynb"] = execute.current_inputs(nb, [f"data/{name}.csv"], tmp_path)
        path = tmp_path / "book" / f"{name}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    execute.write_fingerprints(records, tmp_path)
    return tmp_path, paths[0], paths[1]


def test_a_data_change_marks_only_the_notebooks_that_read_it(tmp_path):
    repo, a, b = _fake_repo(tmp_path)
    assert execute.stale_reason(a, repo) is None and execute.stale_reason(b, repo) is None
    (repo / "data" / "a.csv").write_text("id\n2\n")
    assert execute.stale_reason(a, repo) == "data changed: data/a.csv"
    assert execute.stale_reason(b, repo) is None


def test_a_code_or_requirements_change_marks_the_notebook_stale(tmp_path):
    repo, a, b = _fake_repo(tmp_path)
    nb = nbformat.read(a, as_version=4)
    nb.cells[0].source = "read('a', twice=True)"
    nbformat.write(nb, a)
    assert execute.stale_reason(a, repo) == "code changed"
    (repo / "requirements.txt").write_text("x==2\n")
    assert execute.stale_reason(b, repo) == "requirements changed"


def test_a_deleted_input_marks_the_notebook_stale(tmp_path):
    repo, a, _ = _fake_repo(tmp_path)
    (repo / "data" / "a.csv").unlink()
    assert execute.stale_reason(a, repo) == "data changed: data/a.csv"


def test_stored_outputs_hold_no_run_specific_text():
    """No timings, dates, memory addresses or temporary paths in what nbval compares; where there
    are, the failure says in plain words what stored them and which command to run instead."""
    problems = [p for path in execute.book_notebooks() for p in execute.run_specific_problems(path)]
    assert not problems, "\n\n".join(problems)


def _jupyter_execute_inplace(path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "execute", "--inplace", str(path)],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_jupyter_execute_inplace_is_explained_and_the_projects_executor_mends_it(tmp_path):
    """The tempting command stores run times: the check names it and the command to run instead,
    the notebook counts as stale, and `python -m zhuzhou_book.execute` strips the times again."""
    (tmp_path / "book").mkdir()
    (tmp_path / "requirements.txt").write_text("")
    path = tmp_path / "book" / "chapter.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")]), path)
    assert execute.main(["--repo", str(tmp_path), str(path)]) == 0
    assert execute.run_specific_problems(path, tmp_path) == []

    _jupyter_execute_inplace(path)
    problems = execute.run_specific_problems(path, tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith("book/chapter.ipynb: 1 code cell holds its run times")
    assert "`jupyter execute --inplace`" in problems[0]
    assert "`.venv/bin/python -m zhuzhou_book.execute book/chapter.ipynb`" in problems[0]
    assert "make refresh" in problems[0]
    assert execute.stale_reason(path, tmp_path) == "executed by another tool (cell run times stored)"

    assert execute.main(["--repo", str(tmp_path), str(path)]) == 0  # no --force needed
    assert execute.run_specific_problems(path, tmp_path) == []
    assert execute.stale_reason(path, tmp_path) is None


def test_memory_addresses_and_temporary_paths_are_named_in_plain_words(tmp_path):
    path = tmp_path / "book" / "leaky.ipynb"
    path.parent.mkdir()
    cell = nbformat.v4.new_code_cell(
        "x",
        outputs=[
            nbformat.v4.new_output(
                "execute_result",
                {"text/plain": "<Table object at 0x7f3a2b1c4d50> from /tmp/pytest-1/a.csv"},
                execution_count=1,
            )
        ],
    )
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    problems = execute.run_specific_problems(path, tmp_path)
    assert [p.split(" (")[0] for p in problems] == [
        "book/leaky.ipynb: the stored outputs hold a memory address",
        "book/leaky.ipynb: the stored outputs hold a temporary path",
    ]
    assert "__repr__" in problems[0] and "paths.relative" in problems[1]


def test_a_notebook_that_raises_fails_the_build(tmp_path):
    """`make book` stops on a raising cell instead of rendering a page with a traceback."""
    import pytest

    (tmp_path / "book").mkdir()
    (tmp_path / "requirements.txt").write_text("")
    path = tmp_path / "book" / "broken.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    nbformat.write(nb, path)
    with pytest.raises(execute.ExecutionError, match=r"broken\.ipynb: a cell raised"):
        execute.execute_notebook(path, repo=tmp_path)
    assert execute.main([str(path)]) == 1


def test_the_library_fingerprint_covers_the_modules_a_notebook_imported():
    """A notebook is stale when a module it ran changes, not when an unrelated one (the export) does."""
    modules = execute.read_fingerprints()["book/03-zhuzhou-2021-review.ipynb"]["modules"]
    assert "zhuzhou_innovation.figures" in modules and "zhuzhou_innovation.load" in modules
    assert "zhuzhou_innovation.export" not in modules
    base = ["zhuzhou_innovation", "zhuzhou_innovation.load"]
    assert execute.lib_fingerprint(base) != execute.lib_fingerprint([*base, "zhuzhou_innovation.figures"])
    assert execute.lib_fingerprint(base) == execute.lib_fingerprint(list(reversed(base)))


def test_a_rerun_with_unchanged_outputs_rewrites_only_the_fingerprints(tmp_path):
    """A library change that no output depends on re-executes the notebook but leaves its bytes."""
    (tmp_path / "book").mkdir()
    (tmp_path / "requirements.txt").write_text("")
    path = tmp_path / "book" / "quiet.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")]), path)
    assert execute.main(["--repo", str(tmp_path), str(path)]) == 0
    first, mtime = path.read_bytes(), path.stat().st_mtime_ns
    records = execute.read_fingerprints(tmp_path)
    assert set(records) == {"book/quiet.ipynb"}
    records["book/quiet.ipynb"]["lib"] = "an older library"
    execute.write_fingerprints(records, tmp_path)
    assert execute.stale_reason(path, tmp_path) == "lib changed"
    assert execute.main(["--repo", str(tmp_path), str(path)]) == 0
    assert path.read_bytes() == first and path.stat().st_mtime_ns == mtime
    assert execute.stale_reason(path, tmp_path) is None
