"""nbdime's git drivers, as the set-up configures them, work in a shell without the .venv on PATH."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def configured(key: str) -> str:
    done = subprocess.run(["git", "config", "--get", key], cwd=REPO, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.mark.parametrize("key", ["diff.jupyternotebook.command", "merge.jupyternotebook.driver"])
def test_the_notebook_drivers_are_named_by_absolute_path(key):
    command = configured(key)
    if not command:
        pytest.skip("nbdime's drivers are not configured in this clone (the set-up of make book does it)")
    program = Path(command.split()[0])
    assert program.is_absolute() and os.access(program, os.X_OK), (
        f"git config {key} is {command!r}: git runs it only where {program} is on PATH"
    )


def test_git_diff_of_a_changed_notebook_works_without_the_venv_on_path(tmp_path):
    command = configured("diff.jupyternotebook.command")
    if not command:
        pytest.skip("nbdime's drivers are not configured in this clone (the set-up of make book does it)")
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=tmp_path, env=bare, capture_output=True, text=True)

    git("init", "-q")
    git("config", "user.email", "lab@example.org")
    git("config", "user.name", "lab")
    git("config", "diff.jupyternotebook.command", command)
    (tmp_path / ".gitattributes").write_text((REPO / ".gitattributes").read_text())
    notebook = (REPO / "book" / "01-sources.ipynb").read_text(encoding="utf-8")
    (tmp_path / "n.ipynb").write_text(notebook, encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "a notebook")
    (tmp_path / "n.ipynb").write_text(notebook.replace("株洲", "株州", 1), encoding="utf-8")
    done = git("diff")
    assert done.returncode == 0 and "株州" in done.stdout, done.stderr
