"""Fixtures shared by the data and library tests: a private copy of the dataset to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "slow: reads the whole briefing export (two full exports of the catalog); "
        "`make test-fast` leaves these out",
    )


def pytest_collection_modifyitems(items):
    """Mark the tests that need the full export (the `pack` fixture of tests/test_export.py) slow."""
    for item in items:
        if "pack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _sphinx_default_source_suffix():
    """Undo what a test's in-process Sphinx build wrote into Sphinx's shared defaults.

    Sphinx 7.4 hands a project without its own `source_suffix` the default dict itself, and
    myst_parser adds ".md" to it; a later myst-nb build in the same worker (the gettext extraction
    of tests/test_catalogues.py, the tiny books of tests/test_sphinx_i18n.py) then fails with
    "Source parser for markdown not registered"."""
    from sphinx.config import Config

    default = Config.config_values["source_suffix"].default
    before = dict(default)
    yield
    default.clear()
    default.update(before)


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
