"""Where things are: the one module that knows the repository's layout.

Every other module asks here, so moving a folder is a one-line change. The data folder can be
redirected with $ZHUZHOU_DATA (the tests load broken copies of the data that way).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "book"
BUILD = REPO / "_build"
GENERATED_STATIC = BOOK / "_static" / "generated"  # files the pages serve, written by `make book`
FIGURE_DATA = GENERATED_STATIC / "figure-data"
BRIEFING = BUILD / "briefing"
SLIDES = BUILD / "slides"  # the briefing decks, `make slides`
REQUIREMENTS = REPO / "requirements.txt"
FINDINGS = BOOK / "findings.yml"  # the key findings: landing page, brief and slides read them


def data_dir() -> Path:
    """The data folder: $ZHUZHOU_DATA if set, else data/ in this repository."""
    return Path(os.environ.get("ZHUZHOU_DATA") or REPO / "data").resolve()


def relative(path: Path, base: Path = REPO) -> str:
    """A path as messages show it: relative to `base` where it lies inside, else absolute."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)
