"""Fixtures shared by the data and library tests: a private copy of the dataset to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (tables, schema, raw texts, lists of excluded numbers) that a test may change freely."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


@pytest.fixture(autouse=True)
def _close_figures():
    """Figures drawn by a test are closed after it, so none piles up across the session."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
