"""The narrative types no number by hand: every figure in prose is glued from the dataset.

The rule: in markdown (notebook markdown cells and .md pages under book/) any run of digits is
an error, except
- a year (1949-2039), alone or as a period such as 2022Q1, 2016/2020 or 2022-04;
- digits inside a MyST role (`{glue:text}`zz2021-005``, `{ref}`...``), inline code, a link target,
  a label line `(name)=`, or a directive's option line (`:name:`, `:width:`).
Everything else (a count, a share, a document number, "14th Five-Year Plan") must come from the data.
"""

import json
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[1] / "book"

_STRIP = [
    re.compile(r"\{[\w:-]+\}`[^`]*`"),  # MyST roles, glue included
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<!--.*?-->", re.S),  # comments
    re.compile(r"^\s*\([\w-]+\)=\s*$", re.M),  # labels
    re.compile(r"^\s*:[\w-]+:.*$", re.M),  # directive options
    re.compile(r"^\s*(```|:::).*$", re.M),  # fence lines
]
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-3]\d)(Q[1-4]|H[12]|-\d{2}|/(19|20)\d{2})?(?!\d)")
_DIGITS = re.compile(r"\d+")


def hand_typed_numbers(markdown: str) -> list[str]:
    """The digit runs in `markdown` that the rule above does not allow."""
    for pattern in _STRIP:
        markdown = pattern.sub(" ", markdown)
    markdown = _YEAR.sub(" ", markdown)
    return _DIGITS.findall(markdown)


def narrative_texts():
    generated = BOOK / "sources"  # pages the Sphinx extension writes from data/sources.csv
    for path in sorted(BOOK.rglob("*.md")):
        if generated not in path.parents:
            yield path.name, path.read_text(encoding="utf-8")
    for path in sorted(BOOK.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                yield f"{path.name} cell {i}", "".join(cell["source"])


@pytest.mark.parametrize(
    "where,text", list(narrative_texts()), ids=lambda v: v if isinstance(v, str) and len(v) < 60 else ""
)
def test_narrative_has_no_hand_typed_numbers(where, text):
    assert hand_typed_numbers(text) == [], f"{where}: type these from the data (glue them)"


def test_the_scanner_catches_a_typed_number_and_allows_years_and_glue():
    assert hand_typed_numbers("R&D reached 3.27% in 2021.") == ["3", "27"]
    assert hand_typed_numbers("In 2021 and 2022Q1, {glue:text}`zz2021-005` firms.") == []
    assert hand_typed_numbers("the 14th Five-Year Plan") == ["14"]
