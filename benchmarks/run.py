"""Time the book's build and tests on throwaway clones of HEAD, and check that the build reproduces.

    make bench                                  # prints the tables, writes _build/bench/bench.json
    .venv/bin/python benchmarks/run.py --keep   # the same, keeping the clones to look inside

Everything runs in `git clone`s of the current commit in a temporary folder, so the author's tree is
never touched (only `_build/bench/` is written: bench.json and one log per measurement). A clone
uses its own library: PYTHONPATH=<clone>/lib comes before the editable install of this checkout,
for the build steps and for every kernel they start. It uses this checkout's virtual environment,
and runs the steps of the Makefile's `book` recipe as `make -n book` prints them.

Measured side by side in one run (wall seconds, and CPU seconds of the command and its children):
  bare        every notebook executed once, in sequence, with nbclient: the floor
  cold        the `make book` steps in a fresh clone with an empty build folder
  no change   the same steps again
  markdown    after adding a sentence to a markdown cell of one notebook
  data        after changing one value in data/observations.csv: the executor must re-run exactly
              the notebooks whose metadata says they read that file, and their page must show it
  tests       the test command (pytest, as `make test` runs it) serially and with 2 workers,
              in a second fresh clone (browser checks included when /usr/bin/chromium exists)
Reproducibility: the second clone's cold build is compared byte for byte with the first one's, and
a forced re-execution of every notebook there must give back the stored notebooks byte for byte.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
OBSERVATIONS = "data/observations.csv"
SENTENCE = "This sentence was added by the benchmark to time the rebuild after a markdown edit."
CHROMIUM = Path("/usr/bin/chromium")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024

# Files of the built site that may differ between two clean builds, and why. None does today
# (Sphinx's .buildinfo hashes the configuration only); it is named because Sphinx calls it a stamp.
BUILD_STAMPS = {".buildinfo": "Sphinx's build stamp: a hash of the configuration, not served content"}

# Issue 7's targets: label, key in `ratios`, comparison, limit (None: reported, no target).
TARGETS = [
    ("cold build / bare execution", "cold_over_bare", "<=", 1.0),
    ("no-change rebuild / cold build", "nochange_over_cold", "<=", 0.10),
    ("markdown-edit rebuild / cold build", "markdown_over_cold", "<=", 0.30),
    ("data-change rebuild / cold build", "data_over_cold", None, None),
    ("tests, 2 workers / serial", "tests2_over_serial", None, None),
    ("test command, 2 workers (s)", "tests2_seconds", "<=", 60.0),
    ("test command, serial (s)", "tests_serial_seconds", "<=", 60.0),
    ("peak memory of a build, largest process (MiB)", "peak_rss_mib", "<", 1024.0),
    ("peak memory of a build, process tree (MiB)", "peak_tree_mib", "<", 1024.0),
]


class BenchError(RuntimeError):
    """A step the benchmark relies on failed; the message holds the command and its output's tail."""


# --- measuring one command -------------------------------------------------------------------


@dataclass
class Run:
    """One command: wall and CPU time, memory, exit code and output."""

    command: str
    seconds: float
    cpu_seconds: float  # user + system of the command and every descendant it waited for
    max_rss_mib: float  # ru_maxrss from wait4: the largest single process among them
    tree_rss_mib: float  # the largest sum over the live process tree, sampled every 0.1 s
    returncode: int
    output: str


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants right now, read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        children.setdefault(ppid, []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    return total


def run(argv: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> Run:
    """Run `argv` in `cwd`; its rusage comes from wait4, so it counts this command alone."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    result = Run(
        shlex.join(argv),
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        peak[0] / MIB,
        proc.returncode,
        text,
    )
    if check and proc.returncode != 0:
        raise BenchError(f"`{result.command}` in {cwd} exited {proc.returncode}:\n{text[-4000:]}")
    return result


# --- clones ----------------------------------------------------------------------------------


def clone(commit: str, dest: Path) -> Path:
    """A clone of `commit` at `dest` that builds with this checkout's venv and its own library."""
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(REPO), str(dest)], check=True)
    subprocess.run(["git", "-C", str(dest), "checkout", "--quiet", "--detach", commit], check=True)
    # This checkout's venv with the clone's own set-up stamp (newer than requirements.txt), so a
    # `make book` in the clone (the browser tests' fixture calls it if the site looks stale)
    # never reinstalls anything, least of all the editable package pointing into the clone.
    venv = dest / ".venv"
    venv.mkdir()
    for name in ("bin", "lib", "lib64", "include", "pyvenv.cfg"):
        if (REPO / ".venv" / name).exists():
            (venv / name).symlink_to(REPO / ".venv" / name)
    (venv / ".setup-done").touch()
    if (REPO / "node_modules").is_dir():  # axe-core for the accessibility checks, from `npm ci`
        (dest / "node_modules").symlink_to(REPO / "node_modules")
    # tests/test_load.py compares data/raw with ../shared/seeds when the seeds sit beside the repo.
    if (REPO.parent / "shared").is_dir() and not (dest.parent / "shared").exists():
        (dest.parent / "shared").symlink_to(REPO.parent / "shared")
    return dest


def clone_env(dest: Path) -> dict[str, str]:
    """The environment of every command in a clone: the clone's lib/ first on the path."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("ZHUZHOU_DATA", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(dest / "lib"), env.get("PYTHONPATH")]))
    return env


def check_own_library(dest: Path, env: dict[str, str]) -> None:
    """Refuse to measure a clone that would import this checkout's library instead of its own."""
    code = "import zhuzhou_innovation as z; print(z.__file__)"
    where = subprocess.run(
        [str(PYTHON), "-c", code], cwd=dest, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    if not Path(where).is_relative_to(dest / "lib"):
        raise BenchError(f"the clone at {dest} imports zhuzhou_innovation from {where}")


def notebooks(dest: Path) -> list[Path]:
    """Every notebook under book/, in reading order (as the executor lists them)."""
    return sorted(p for p in (dest / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def toc_notebooks(dest: Path) -> list[Path]:
    """The notebooks that are pages of the book (in `_toc.yml`; the others are never built)."""

    def files(node: object) -> list[str]:
        if isinstance(node, list):
            return [f for item in node for f in files(item)]
        if not isinstance(node, dict):
            return []
        own = [str(node[key]) for key in ("root", "file") if key in node]
        return own + [f for value in node.values() for f in files(value)]

    toc = yaml.safe_load((dest / "_toc.yml").read_text(encoding="utf-8"))
    docnames = {Path(f).with_suffix("").as_posix() for f in files(toc)}
    return [p for p in notebooks(dest) if p.relative_to(dest).with_suffix("").as_posix() in docnames]


def notebook_bytes(dest: Path) -> dict[str, bytes]:
    return {p.relative_to(dest).as_posix(): p.read_bytes() for p in notebooks(dest)}


# --- the build ---------------------------------------------------------------------------------


def book_steps(dest: Path) -> list[str]:
    """The commands of the Makefile's `book` recipe as `make -n` prints them, with this venv's bin."""
    dry = subprocess.run(
        [
            "make",
            "--dry-run",
            "--no-print-directory",
            "book",
            f"BIN={PYTHON.parent}",
            "-o",
            ".venv/.setup-done",
        ],
        cwd=dest,
        env=clone_env(dest),
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in dry.stdout.splitlines() if line.strip() and not line.startswith("echo ")]


def step_name(command: str) -> str:
    """`execute` for `.../python -m zhuzhou_book.execute --jobs 2`, else the program's name."""
    words = command.split()
    return words[words.index("-m") + 1].rsplit(".", 1)[-1] if "-m" in words else Path(words[0]).name


@dataclass
class Build:
    """The `make book` steps run once, and the notebooks the executor re-ran."""

    steps: dict[str, Run]
    reasons: dict[str, str]  # notebook -> why the executor re-ran it

    @property
    def executed(self) -> list[str]:
        return sorted(self.reasons)

    def total(self, attribute: str) -> float:
        values = [getattr(r, attribute) for r in self.steps.values()]
        return max(values) if attribute.endswith("mib") else sum(values)

    @property
    def output(self) -> str:
        return "".join(f"$ {r.command}\n{r.output}\n" for r in self.steps.values())

    def summary(self) -> dict:
        numbers = ("seconds", "cpu_seconds", "max_rss_mib", "tree_rss_mib")
        return {
            **{n: round(self.total(n), 2) for n in numbers},
            "executed": self.reasons,
            "steps": {
                name: {"command": r.command, **{n: round(getattr(r, n), 2) for n in numbers}}
                for name, r in self.steps.items()
            },
        }


def build(dest: Path, env: dict[str, str]) -> Build:
    """Run the `make book` steps in `dest`; the executor prints `execute <notebook>: <why>` per run."""
    steps = {step_name(cmd): run(["bash", "-c", cmd], dest, env) for cmd in book_steps(dest)}
    executor = steps["execute"].output if "execute" in steps else ""
    return Build(steps, dict(re.findall(r"^execute (\S+\.ipynb): (.*)$", executor, re.M)))


BARE = """\
import sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
"""


def bare_execution(dest: Path, env: dict[str, str]) -> Run:
    """Execute every notebook once in sequence with nbclient, storing nothing: the floor."""
    return run([str(PYTHON), "-c", BARE, *(str(p.relative_to(dest)) for p in notebooks(dest))], dest, env)


def page(dest: Path, notebook: Path) -> Path:
    """The HTML page built from `notebook`."""
    return dest / "_build" / "html" / notebook.relative_to(dest).with_suffix(".html")


# --- the edits -----------------------------------------------------------------------------------


def add_sentence(notebook: Path) -> None:
    """Append a sentence, as its own paragraph, to the first markdown cell of `notebook`."""
    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source = cell.source.rstrip("\n") + "\n\n" + SENTENCE
    nbformat.write(nb, notebook)


GLUED = re.compile(r"\{glue(?::text)?\}`([\w-]+)`")


def pick_observation(dest: Path) -> tuple[str, str, list[Path]]:
    """The first observation glued into a page's prose whose value has decimals: id, value, pages."""
    with (dest / OBSERVATIONS).open(encoding="utf-8", newline="") as fh:
        values = {row["id"]: row["value"] for row in csv.DictReader(fh)}
    shown_in: dict[str, list[Path]] = {}
    for path in toc_notebooks(dest):
        for cell in nbformat.read(path, as_version=4).cells:
            for row_id in GLUED.findall(cell.source) if cell.cell_type == "markdown" else []:
                if path not in shown_in.setdefault(row_id, []):
                    shown_in[row_id].append(path)
    for row_id, paths in shown_in.items():
        if "." in values.get(row_id, ""):
            return row_id, values[row_id], paths
    raise BenchError("no observation with decimals is glued into the prose of any page")


def shown(value: str) -> str:
    """How the book prints a value with decimals (narrative.format_number: separators, same decimals)."""
    return f"{float(value):,.{len(value.split('.')[1])}f}"


def new_value(old: str, pages: list[str]) -> str:
    """A value near `old`, with its decimals and no trailing zero, that none of `pages` shows yet."""
    decimals = len(old.split(".")[1])
    for step in range(1, 1000):
        value = f"{float(old) + step * 10**-decimals:.{decimals}f}"
        if not value.endswith("0") and not any(shown(value) in text for text in pages):
            return value
    raise BenchError(f"no value near {old} that the pages do not already show")


def set_value(path: Path, row_id: str, value: str) -> None:
    """Change one row's value, rewriting the CSV as the tests do (the file round-trips exactly)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        columns, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["id"] == row_id:
            row["value"] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def readers_of(dest: Path, relpath: str) -> list[str]:
    """Notebooks whose stored fingerprint (metadata zhuzhou.inputs.data) lists `relpath`."""
    found = []
    for path in notebooks(dest):
        inputs = nbformat.read(path, as_version=4).metadata.get("zhuzhou", {}).get("inputs", {})
        if relpath in inputs.get("data", {}):
            found.append(path.relative_to(dest).as_posix())
    return found


def tree_diff(a: Path, b: Path) -> list[str]:
    """Every file that differs between two trees (content, or present in one only), sorted."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    only = {f"{f} (only in the first)" for f in files_a - files_b}
    only |= {f"{f} (only in the second)" for f in files_b - files_a}
    return sorted(only | {f for f in files_a & files_b if (a / f).read_bytes() != (b / f).read_bytes()})


# --- one run -------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def measure(commit: str, work: Path) -> tuple[dict, dict[str, str]]:
    """Every measurement, in the order of the module docstring; returns the results and the logs."""
    problems: list[str] = []
    first = clone(commit, work / "first")
    env = clone_env(first)
    check_own_library(first, env)
    nbs = notebooks(first)

    log(f"bare execution of {len(nbs)} notebook(s) with nbclient")
    bare = bare_execution(first, env)
    log(f"cold build (bare took {bare.seconds:.1f} s)")
    cold = build(first, env)
    cold_html, cold_notebooks = work / "first-cold-html", notebook_bytes(first)
    shutil.copytree(first / "_build" / "html", cold_html, symlinks=True)
    cold_fresh = None
    if cold.executed:  # stale at HEAD: also time a cold build that has nothing to execute
        log(f"cold build again, now that the executor has refreshed {len(cold.executed)} notebook(s)")
        shutil.rmtree(first / "_build")
        shutil.rmtree(first / "book" / "_static" / "generated", ignore_errors=True)
        cold_fresh = build(first, env)
    log(f"rebuild, nothing changed (cold took {cold.total('seconds'):.1f} s)")
    nochange = build(first, env)
    if nochange.executed:
        problems.append(f"the no-change rebuild executed {nochange.executed}")

    edited = toc_notebooks(first)[0]
    add_sentence(edited)
    log(f"rebuild after a markdown edit of {edited.name}")
    markdown = build(first, env)
    if SENTENCE not in page(first, edited).read_text(encoding="utf-8"):
        problems.append(f"{page(first, edited).name} does not show the added sentence")
    if markdown.executed:
        problems.append(f"a markdown edit executed {markdown.executed}; only code changes should")

    row_id, old, glued_in = pick_observation(first)
    value = new_value(old, [page(first, p).read_text(encoding="utf-8") for p in glued_in])
    readers = readers_of(first, OBSERVATIONS)
    set_value(first / OBSERVATIONS, row_id, value)
    log(f"rebuild after {OBSERVATIONS} row {row_id}: value {old} -> {value}")
    data = build(first, env)
    missing = [p.name for p in glued_in if shown(value) not in page(first, p).read_text(encoding="utf-8")]
    if data.executed != readers:
        problems.append(f"the data change executed {data.executed}; the readers are {readers}")
    if missing:
        problems.append(f"after the data change, {missing} do not show {shown(value)}")

    second = clone(commit, work / "second")
    env2 = clone_env(second)
    check_own_library(second, env2)
    log("cold build in a second clone, for reproducibility")
    cold2 = build(second, env2)
    differ = tree_diff(cold_html, second / "_build" / "html")
    unexpected = [f for f in differ if f.split(" ")[0] not in BUILD_STAMPS]
    if unexpected:
        problems.append(f"two cold builds differ in {len(unexpected)} file(s): {unexpected}")
    stored = notebook_bytes(second)
    path_dependent = sorted(n for n in stored if stored[n] != cold_notebooks.get(n))
    if path_dependent:
        problems.append(f"notebooks executed in two clones differ: {path_dependent}")

    pytest = [str(PYTHON), "-m", "pytest"]
    log("test command, serially (second clone)")
    serial = run([*pytest, "-n", "0"], second, env2, check=False)
    log("test command, 2 workers, --dist loadfile (second clone)")
    parallel = run([*pytest, "-n", "2", "--dist", "loadfile"], second, env2, check=False)
    for name, r in (("serial", serial), ("2 workers", parallel)):
        if r.returncode != 0:
            problems.append(f"tests ({name}) failed: {pytest_summary(r.output)}")

    log("forced re-execution of every notebook (second clone): the stored outputs must come back")
    forced = run([str(PYTHON), "-m", "zhuzhou_book.execute", "--force", "--jobs", "2"], second, env2)
    rerun = notebook_bytes(second)
    changed = sorted(n for n in rerun if rerun[n] != stored.get(n))
    if changed:
        problems.append(f"re-executing changed the stored notebooks {changed}")
    run_specific = run(
        [
            *pytest,
            "-p",
            "no:xdist",
            "-q",
            "tests/test_outputs_stay_fresh.py::test_stored_outputs_hold_no_run_specific_text",
        ],
        second,
        env2,
        check=False,
    )
    if run_specific.returncode != 0:
        problems.append(f"stored outputs hold run-specific text: {run_specific.output[-500:]}")

    builds = [b for b in (cold, cold_fresh, nochange, markdown, data, cold2) if b]
    ratios = {
        "cold_over_bare": (
            cold.total("seconds") / bare.seconds,
            cold.total("cpu_seconds") / bare.cpu_seconds,
        ),
        "nochange_over_cold": (
            nochange.total("seconds") / cold.total("seconds"),
            nochange.total("cpu_seconds") / cold.total("cpu_seconds"),
        ),
        "markdown_over_cold": (
            markdown.total("seconds") / cold.total("seconds"),
            markdown.total("cpu_seconds") / cold.total("cpu_seconds"),
        ),
        "data_over_cold": (
            data.total("seconds") / cold.total("seconds"),
            data.total("cpu_seconds") / cold.total("cpu_seconds"),
        ),
        "tests2_over_serial": (parallel.seconds / serial.seconds, parallel.cpu_seconds / serial.cpu_seconds),
        "tests2_seconds": (parallel.seconds, parallel.cpu_seconds),
        "tests_serial_seconds": (serial.seconds, serial.cpu_seconds),
        "peak_rss_mib": (max(b.total("max_rss_mib") for b in builds), None),
        "peak_tree_mib": (max(b.total("tree_rss_mib") for b in builds), None),
    }
    result = {
        "commit": commit,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1_5_15_min": [round(x, 2) for x in os.getloadavg()],
        },
        "notebooks": [p.relative_to(first).as_posix() for p in nbs],
        "memory_method": "ru_maxrss from os.wait4 per build step (the largest single process, "
        "waited-for descendants included); process tree: RSS summed over the "
        "step's live descendants from /proc every 0.1 s (shared pages counted per process)",
        "bare": {
            "seconds": round(bare.seconds, 2),
            "cpu_seconds": round(bare.cpu_seconds, 2),
            "max_rss_mib": round(bare.max_rss_mib, 1),
            "tree_rss_mib": round(bare.tree_rss_mib, 1),
        },
        "cold": cold.summary(),
        "cold_outputs_fresh": cold_fresh.summary() if cold_fresh else None,
        "nochange": nochange.summary(),
        "markdown": {
            **markdown.summary(),
            "notebook": edited.relative_to(first).as_posix(),
            "sentence": SENTENCE,
        },
        "data": {
            **data.summary(),
            "file": OBSERVATIONS,
            "row": row_id,
            "old": old,
            "new": value,
            "readers_by_metadata": readers,
            "pages_checked": [page(first, p).relative_to(first).as_posix() for p in glued_in],
            "pages_missing_new_value": missing,
        },
        "cold_second_clone": cold2.summary(),
        "tests": {
            name: {
                "command": r.command,
                "seconds": round(r.seconds, 2),
                "cpu_seconds": round(r.cpu_seconds, 2),
                "returncode": r.returncode,
                "summary": pytest_summary(r.output),
            }
            for name, r in (("serial", serial), ("2_workers", parallel))
        },
        "browser_tests": CHROMIUM.is_file(),
        "reproducibility": {
            "html_files_differing": differ,
            "allowed_build_stamps": BUILD_STAMPS,
            "unexpected": unexpected,
            "stale_at_head": cold.reasons,
            "notebooks_differing_between_clones": path_dependent,
            "notebooks_changed_by_forced_reexecution": changed,
            "run_specific_text_check": pytest_summary(run_specific.output),
        },
        "ratios": {k: round(wall, 3) for k, (wall, _) in ratios.items()},
        "ratios_cpu": {k: round(cpu, 3) for k, (_, cpu) in ratios.items() if cpu is not None},
        "problems": problems,
    }
    logs = {
        "bare": bare.output,
        "cold": cold.output,
        "nochange": nochange.output,
        "markdown": markdown.output,
        "data": data.output,
        "cold-second-clone": cold2.output,
        "tests-serial": serial.output,
        "tests-2-workers": parallel.output,
        "forced-reexecution": forced.output,
        "run-specific-text": run_specific.output,
    }
    return result, logs


# --- the report ----------------------------------------------------------------------------------


def pytest_summary(output: str) -> str:
    """pytest's last line, e.g. `58 passed, 2 skipped in 41.02s`."""
    found = [line.strip("= ") for line in output.splitlines() if re.match(r"=* ?\d+ \w+.* in [\d.]+s", line)]
    return found[-1] if found else (output.strip().splitlines() or [""])[-1]


def why(reasons: dict[str, str]) -> str:
    """`9 (lib changed)` for the executor's reasons by notebook, grouped by reason."""
    if not reasons:
        return "none"
    groups: dict[str, int] = {}
    for reason in reasons.values():
        groups[reason] = groups.get(reason, 0) + 1
    return "; ".join(f"{n} ({reason})" for reason, n in groups.items())


def verdict(value: float, op: str | None, limit: float | None) -> str:
    if op is None:
        return ""
    return "met" if (value <= limit if op == "<=" else value < limit) else "MISSED"


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(result: dict, logs: dict[str, str], out: Path) -> None:
    """Print the two tables and the checks, write bench.json and the logs beside it."""
    rows = [("measurement", "wall s", "CPU s", "peak MiB (process / tree)", "notebooks executed")]
    for key, label in (
        ("bare", "bare execution (nbclient)"),
        ("cold", "cold build"),
        ("cold_outputs_fresh", "cold build, outputs fresh"),
        ("nochange", "rebuild, nothing changed"),
        ("markdown", "rebuild, one markdown edit"),
        ("data", "rebuild, one value in data/"),
        ("cold_second_clone", "cold build, 2nd clone"),
    ):
        r = result[key]
        if r is None:
            continue
        executed = f"all {len(result['notebooks'])}" if key == "bare" else why(r["executed"])
        rows.append(
            (
                label,
                f"{r['seconds']:.1f}",
                f"{r['cpu_seconds']:.1f}",
                f"{r['max_rss_mib']:.0f} / {r['tree_rss_mib']:.0f}",
                executed,
            )
        )
        for name, step in r.get("steps", {}).items() if key.startswith("cold") else ():
            rows.append(
                (
                    f"  {name}",
                    f"{step['seconds']:.1f}",
                    f"{step['cpu_seconds']:.1f}",
                    f"{step['max_rss_mib']:.0f} / {step['tree_rss_mib']:.0f}",
                    "",
                )
            )
    for name, t in result["tests"].items():
        rows.append(
            (
                f"tests, {name.replace('_', ' ')}",
                f"{t['seconds']:.1f}",
                f"{t['cpu_seconds']:.1f}",
                "",
                t["summary"],
            )
        )
    targets = [("ratio or measure", "wall", "CPU", "target", "")]
    for label, key, op, limit in TARGETS:
        wall, cpu = result["ratios"][key], result["ratios_cpu"].get(key)
        targets.append(
            (
                label,
                f"{wall:.2f}",
                "" if cpu is None else f"{cpu:.2f}",
                f"{op} {limit:g}" if op else "",
                verdict(wall, op, limit),
            )
        )
    d, rep = result["data"], result["reproducibility"]
    print(
        f"\ncommit {result['commit'][:12]}, {len(result['notebooks'])} notebook(s), "
        f"{result['machine']['cpus']} CPUs, load average {result['machine']['load_average_1_5_15_min']}\n"
    )
    print(table(rows), end="\n\n")
    print(table(targets), end="\n\n")
    print(
        f"data change: {d['file']} row {d['row']} {d['old']} -> {d['new']}; the executor re-ran "
        f"{sorted(d['executed'])}; by metadata the readers are {d['readers_by_metadata']}; "
        f"pages showing {shown(d['new'])}: {'all' if not d['pages_missing_new_value'] else 'NOT ' + str(d['pages_missing_new_value'])}"
    )
    print(
        f"reproducibility: {len(rep['html_files_differing'])} file(s) of _build/html differ between "
        f"two cold builds ({len(rep['unexpected'])} not allowed): {rep['html_files_differing'] or 'none'}"
    )
    print(
        f"stored outputs: stale at HEAD {why(rep['stale_at_head'])}; differing between clones "
        f"{rep['notebooks_differing_between_clones'] or 'none'}; changed by a forced re-execution "
        f"{rep['notebooks_changed_by_forced_reexecution'] or 'none'}; run-specific text check: "
        f"{rep['run_specific_text_check']}"
    )
    print(f"browser tests: {'included' if result['browser_tests'] else 'skipped, no ' + str(CHROMIUM)}")
    print(f"memory: {result['memory_method']}")
    for problem in result["problems"]:
        print(f"PROBLEM: {problem}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, text in logs.items():
        (out.parent / "logs").mkdir(exist_ok=True)
        (out.parent / "logs" / f"{name}.log").write_text(text, encoding="utf-8")
    print(f"written: {out} and {out.parent / 'logs'}/")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "bench" / "bench.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary clones")
    args = parser.parse_args(argv)
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix="zhuzhou-bench-"))
    log(f"commit {commit[:12]}, clones in {work}")
    try:
        result, logs = measure(commit, work)
    finally:
        if args.keep:
            log(f"clones kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report(result, logs, args.out)
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
