"""The lab chapter (book/lab.md) stays true: every command on the page runs, in a throwaway copy of
the repository, and prints what the page shows.

The page is the script. Its commands are the `{code-block}`s with the class `lab-command`, each
followed by the `lab-output` block that shows what it prints; `lab-fails` marks a command that must
exit non-zero (a refused row), `lab-silent` one that prints nothing, `lab-long` one too slow for a
test (`make book`, `make test`), which is run as a dry run (`make -n`). The `:name:` of a block,
`lab-<part>-<step>`, says which part of the lab it belongs to: each part runs, in page order, in a
copy of its own (the parts run at the same time, to keep the test short).

A copy holds the repository's files (committed or not, as `git ls-files` lists them) in a fresh git
repository, with the test's .venv linked in and PYTHONPATH set to the copy's lib/, so the commands
import the copy's code and read the copy's data, as `make bench` does with its clones.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "book" / "lab.md"
ELLIPSIS = "…"
TIMEOUT = 300  # seconds for one block; the slowest runs one notebook (a few seconds)

_BLOCK = re.compile(
    r"^(?P<fence>`{3,})\{code-block\}[ \t]*(?P<lang>\S*)[ \t]*\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:[^\n]*\n)*)(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.M | re.S,
)
_OPTION = re.compile(r"^[ \t]*:([\w-]+):[ \t]*(.*)$", re.M)


@dataclass
class Command:
    """One command block of the page and the output the page shows for it."""

    name: str
    code: str
    classes: set[str]
    line: int
    expected: str | None = None

    @property
    def part(self) -> str:
        return self.name.split("-")[1]


@dataclass
class Run:
    """What a command printed (stdout and stderr together, as a terminal shows them) and its exit."""

    command: Command
    returncode: int
    output: str = field(repr=False)


def page_commands(text: str) -> list[Command]:
    """The command blocks of the page in order, each with the output block that follows it."""
    commands: list[Command] = []
    for m in _BLOCK.finditer(text):
        options = dict(_OPTION.findall(m["options"]))
        classes = set(options.get("class", "").split())
        body = m["body"].strip("\n") + "\n"
        line = text.count("\n", 0, m.start()) + 1
        if "lab-command" in classes:
            commands.append(Command(options.get("name", ""), body, classes, line))
        elif "lab-output" in classes:
            assert commands and commands[-1].expected is None, (
                f"book/lab.md:{line}: an output block with no command before it"
            )
            commands[-1].expected = body
    return commands


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _pattern(expected: list[str]) -> re.Pattern:
    parts = []
    for line in expected:
        if line == ELLIPSIS:
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append("[^\n]*".join(re.escape(p) for p in line.split(ELLIPSIS)) + r"\n")
    return re.compile("".join(parts))


def mismatch(expected: str, actual: str) -> str | None:
    """None if `actual` is what `expected` shows, else the first line shown that is not printed.

    Lines match whole lines, blank lines and runs of spaces aside; `…` inside a line stands for any
    text, a line `…` for any number of lines (none included).
    """
    want, got = _lines(expected), "".join(f"{line}\n" for line in _lines(actual))
    if _pattern(want).fullmatch(got):
        return None
    for n in range(1, len(want) + 1):
        if not _pattern([*want[:n], ELLIPSIS]).fullmatch(got):
            return f"the page shows {want[n - 1]!r} here, and the command does not print it"
    return "the command prints lines after the last one the page shows"


def repo_copy(dest: Path) -> Path:
    """A copy of the repository's files in a fresh git repository, sharing the test's .venv."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file() and not source.is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    (dest / ".venv").symlink_to(Path(sys.prefix))
    git = [
        "git",
        "-c",
        "user.name=lab",
        "-c",
        "user.email=lab@example.invalid",
        "-c",
        "init.defaultBranch=main",
    ]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the lab's copy"]):
        subprocess.run(git + args, cwd=dest, check=True, capture_output=True)
    return dest


def _environment(copy: Path) -> dict[str, str]:
    """The shell's environment, importing the copy's library; nothing of the test runner leaks in.

    CI and BUILD_NUMBER go too: with either set, pytest prints a failure's whole message in its short
    summary (several lines, not the one a student's terminal shows), so the page would hold only on CI.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MAKE", "MFLAGS", "PYTEST_", "ZHUZHOU_", "GIT_", "JUPYTER_", "VIRTUAL_ENV"))
        and k not in ("CI", "BUILD_NUMBER")
    }
    return env | {
        "PYTHONPATH": str(copy / "lib"),
        "COLUMNS": "80",
        "PYTHONDONTWRITEBYTECODE": "1",
        "JUPYTER_RUNTIME_DIR": str(copy.parent / "jupyter-runtime"),
    }


def run_command(command: Command, copy: Path) -> Run:
    """Run a block in bash, as typed in a terminal in the copy (a `lab-long` block as `make -n`)."""
    code = command.code
    if "lab-long" in command.classes:
        assert re.fullmatch(r"make [\w-]+\n", code), (
            f"{command.name}: only a single `make` target can be dry-run"
        )
        code = code.replace("make ", "make -n ", 1)
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", code],
        cwd=copy,
        env=_environment(copy),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT,
    )
    return Run(command, done.returncode, done.stdout)


def run_part(commands: list[Command], dest: Path) -> list[Run]:
    """Run one part of the lab, in page order, in a copy of its own; stop at the first surprise."""
    copy = repo_copy(dest)
    runs = []
    for command in commands:
        runs.append(run_command(command, copy))
        if problem(runs[-1]):
            break
    return runs


def problem(run: Run) -> str | None:
    """What the page says that the run did not do, or None."""
    c = run.command
    fails = "lab-fails" in c.classes
    if fails != (run.returncode != 0):
        return f"exited {run.returncode}, the page says it {'fails' if fails else 'succeeds'}"
    if "lab-silent" in c.classes:
        return None if not _lines(run.output) else "printed something, the page says it prints nothing"
    if c.expected is not None:
        return mismatch(c.expected, run.output)
    return None


COMMANDS = page_commands(PAGE.read_text(encoding="utf-8"))
PARTS = list(dict.fromkeys(c.part for c in COMMANDS))


@pytest.fixture(scope="module")
def lab_runs(tmp_path_factory) -> dict[str, Future]:
    """Every part of the lab, started at once (each in its own copy), by part."""
    pool = ThreadPoolExecutor(max_workers=3)
    futures = {
        part: pool.submit(
            run_part, [c for c in COMMANDS if c.part == part], tmp_path_factory.mktemp(f"lab-{part}")
        )
        for part in PARTS
    }
    yield futures
    pool.shutdown(wait=True)


@pytest.mark.parametrize("part", PARTS)
def test_each_part_of_the_lab_prints_what_the_page_shows(lab_runs, part):
    runs = lab_runs[part].result(timeout=TIMEOUT * 4)
    for run in runs:
        found = problem(run)
        assert found is None, (
            f"book/lab.md:{run.command.line} ({run.command.name}): {found}\n"
            f"$ {run.command.code}{run.output[-3000:]}"
        )
    assert len(runs) == sum(c.part == part for c in COMMANDS)


def test_every_command_on_the_page_is_checked():
    """Each command shows its output, or is said to print nothing, or is a `make` target dry-run."""
    assert len(COMMANDS) >= 10 and {"setup", "rerun", "break", "add"} <= set(PARTS)
    for c in COMMANDS:
        assert re.fullmatch(r"lab-[a-z]+-[a-z-]+", c.name), f"line {c.line}: name it lab-<part>-<step>"
        checked = c.expected is not None or "lab-silent" in c.classes or "lab-long" in c.classes
        assert checked, f"book/lab.md:{c.line} ({c.name}): show its output or mark it lab-silent"
    assert len({c.name for c in COMMANDS}) == len(COMMANDS), "block names are unique"
    assert {c.code for c in COMMANDS if "lab-long" in c.classes} == {"make book\n", "make test\n"}


def test_the_output_check_allows_elisions_and_refuses_a_wrong_or_missing_line():
    printed = "Traceback (most recent call last):\n  File 'x'\nDataError: 1 problem(s)\n  data/a.csv, line 7, field 'value': bad\n"
    assert (
        mismatch(
            "Traceback (most recent call last):\n…\nDataError: 1 problem(s)\n  data/a.csv, line 7, field 'value': bad",
            printed,
        )
        is None
    )
    assert mismatch("…\ndata/a.csv, line …, field 'value': bad", printed) is None
    assert "line 8" in mismatch("…\ndata/a.csv, line 8, field 'value': bad", printed)
    assert "DataError: 2 problem(s)" in mismatch("…\nDataError: 2 problem(s)\n…", printed)
    assert mismatch("Traceback (most recent call last):", printed) == (
        "the command prints lines after the last one the page shows"
    )
    assert mismatch("…\nDataError: 1 problem(s)", printed), "a line shown as last must be the last printed"


def test_the_page_parser_pairs_each_command_with_its_output_and_reads_its_classes():
    text = (
        "```{code-block} bash\n:class: lab-command lab-fails\n:name: lab-x-one\n\nfalse\n```\n\n"
        "```{code-block} text\n:class: lab-output\n\nno\n```\n\n"
        "````{solution} ex\n```{code-block} bash\n:class: lab-command lab-silent\n:name: lab-x-two\n\ntrue\n```\n````\n"
    )
    one, two = page_commands(text)
    assert (one.name, one.part, one.code, one.expected, one.classes) == (
        "lab-x-one",
        "x",
        "false\n",
        "no\n",
        {"lab-command", "lab-fails"},
    )
    assert (two.name, two.expected, "lab-silent" in two.classes) == ("lab-x-two", None, True)


def test_a_command_that_does_not_fail_as_the_page_says_is_reported():
    command = Command("lab-x-one", "false\n", {"lab-command"}, 1, expected="")
    assert problem(Run(command, 1, "")) == "exited 1, the page says it succeeds"
    silent = Command("lab-x-two", "echo hi\n", {"lab-command", "lab-silent"}, 2)
    assert problem(Run(silent, 0, "hi\n")) == "printed something, the page says it prints nothing"
