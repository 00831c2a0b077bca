"""A copied checkout (`cp -r`) must not keep running the original folder's code: the set-up
detects a .venv built for another folder and rebuilds it, with a one-line message.

The environments here are tiny (`python -m venv --without-pip`, a .pth line standing in for the
editable install, a package of one file), so nothing is installed and each test takes a second.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from zhuzhou_book import venv_check
from zhuzhou_innovation.paths import REPO


def _site_packages(env_dir: Path) -> Path:
    return env_dir / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"


def _checkout(folder: Path) -> Path:
    """A folder laid out as this repository, with a .venv whose editable install points into it,
    and a console script as pip writes them (its #! line names the .venv's python)."""
    (folder / "lib" / "zhuzhou_innovation").mkdir(parents=True)
    (folder / "lib" / "zhuzhou_innovation" / "__init__.py").write_text("")
    venv.EnvBuilder(with_pip=False, symlinks=True).create(folder / ".venv")
    (_site_packages(folder / ".venv") / "__editable__.zhuzhou_innovation-0.1.0.pth").write_text(
        f"{folder / 'lib'}\n"
    )
    script = folder / ".venv" / "bin" / "jupyter-book"
    script.write_text(f"#!{folder / '.venv' / 'bin' / 'python'}\nprint('hello')\n")
    script.chmod(0o755)
    return folder


def _env() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("MAKE")
    }


def test_a_checkouts_own_venv_is_left_alone(tmp_path):
    repo = _checkout(tmp_path / "orig")
    assert venv_check.elsewhere(repo / ".venv", repo, _env()) is None


def test_a_venv_copied_with_its_folder_is_found_to_import_the_original(tmp_path):
    orig = _checkout(tmp_path / "orig")
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(orig), str(copy)], check=True)  # what a student does
    reason = venv_check.elsewhere(copy / ".venv", copy, _env())
    assert (
        reason == f"it imports zhuzhou_innovation from {orig / 'lib' / 'zhuzhou_innovation' / '__init__.py'}"
    )


def test_a_script_that_starts_another_folders_python_is_found(tmp_path):
    repo = _checkout(tmp_path / "repo")
    other = _checkout(tmp_path / "other")
    shutil.copy2(other / ".venv" / "bin" / "jupyter-book", repo / ".venv" / "bin" / "jupyter-book")
    reason = venv_check.elsewhere(repo / ".venv", repo, _env())
    assert reason == f"its scripts (jupyter-book) start {other / '.venv' / 'bin' / 'python'}"


def test_a_python_that_runs_another_environment_is_found(tmp_path):
    repo = _checkout(tmp_path / "repo")
    other = _checkout(tmp_path / "other")
    python = repo / ".venv" / "bin" / "python"
    python.unlink()
    python.symlink_to(other / ".venv" / "bin" / "python")  # resolved: no pyvenv.cfg beside it here
    (repo / ".venv" / "pyvenv.cfg").unlink()
    reason = venv_check.elsewhere(repo / ".venv", repo, _env())
    assert reason is not None and reason.startswith("its python runs the environment in "), reason


def test_a_python_link_to_nowhere_is_found(tmp_path):
    repo = _checkout(tmp_path / "repo")
    python = repo / ".venv" / "bin" / "python"
    python.unlink()
    python.symlink_to(tmp_path / "gone" / "python3.11")
    assert "does not exist" in venv_check.elsewhere(repo / ".venv", repo, _env())


def test_no_venv_yet_needs_no_rebuild(tmp_path):
    assert venv_check.elsewhere(tmp_path / ".venv", tmp_path) is None


def test_a_shared_venv_whose_import_path_points_here_is_left_alone(tmp_path):
    """As `make bench` builds its clones: this checkout's .venv linked in, PYTHONPATH=clone/lib."""
    orig = _checkout(tmp_path / "orig")
    clone = tmp_path / "clone"
    (clone / "lib" / "zhuzhou_innovation").mkdir(parents=True)
    (clone / "lib" / "zhuzhou_innovation" / "__init__.py").write_text("")
    (clone / ".venv").mkdir()
    for name in ("bin", "lib", "include", "pyvenv.cfg"):
        if (orig / ".venv" / name).exists():
            (clone / ".venv" / name).symlink_to(orig / ".venv" / name)
    assert venv_check.elsewhere(clone / ".venv", clone, _env() | {"PYTHONPATH": str(clone / "lib")}) is None
    assert venv_check.elsewhere(clone / ".venv", clone, _env()) is not None


def test_the_script_prints_one_line_naming_the_cause(tmp_path):
    orig = _checkout(tmp_path / "orig")
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(orig), str(copy)], check=True)
    done = subprocess.run(
        [sys.executable, str(REPO / "lib" / "zhuzhou_book" / "venv_check.py"), ".venv"],
        cwd=copy,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.count("\n") == 1
    assert done.stdout.startswith(
        f".venv was built for another folder (it imports zhuzhou_innovation from {orig}"
    )
    assert done.stdout.rstrip().endswith(": rebuilding it here")


@pytest.mark.parametrize("copied", [True, False])
def test_the_makefile_set_up_rebuilds_a_copied_venv_and_only_that(tmp_path, copied):
    """End to end through make (dry run, nothing installed): the set-up rule asks venv_check and,
    for a copied .venv, prints its line and removes the .venv before creating it again."""
    orig = _checkout(tmp_path / "orig")
    for name in ("Makefile", "requirements.txt", "pyproject.toml", "lib/zhuzhou_book/venv_check.py"):
        (orig / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, orig / name)
    (orig / ".venv" / ".setup-done").touch()  # up to date: only a copied .venv forces the set-up
    repo = orig
    if copied:
        repo = tmp_path / "copy"
        subprocess.run(["cp", "-rp", str(orig), str(repo)], check=True)  # -p: the stamp stays newer
    env = _env() | {"PYTHON": sys.executable}
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", ".venv/.setup-done"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    if copied:
        lines = done.stdout.splitlines()
        assert lines[0] == (
            ".venv was built for another folder (it imports zhuzhou_innovation from "
            f"{orig / 'lib' / 'zhuzhou_innovation' / '__init__.py'}): rebuilding it here"
        )
        assert lines[1] == "rm -rf .venv"
        assert any("-m venv .venv" in line for line in lines[2:])
    else:
        assert "rebuilding" not in done.stdout and "rm -rf" not in done.stdout, done.stdout
