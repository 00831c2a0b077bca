"""The prose keeps to the book's rules: numbers and data-dependent words come from the data,
no row id or code word sits in running text, notebooks stay thin.

Read from the markdown of every page (the .md pages and the notebooks' markdown cells): what a
reader sees, before Sphinx resolves the roles.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zhuzhou_innovation.facts import Facts
from zhuzhou_innovation.load import load_dataset
from zhuzhou_innovation.words import ClaimError, render

BOOK = Path(__file__).resolve().parents[1] / "book"
GENERATED = BOOK / "sources"

# A role, inline code, a link target, a directive fence or option line: not running prose.
_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
_NON_PROSE = [re.compile(r"^\s*(```|:::).*$", re.M), re.compile(r"^\s*:[\w-]+:.*$", re.M),
              re.compile(r"^\s*\([\w-]+\)=\s*$", re.M), re.compile(r"<!--.*?-->", re.S)]
_ROW_ID = re.compile(r"`[a-z]+\d{4}(?:q\d)?-\d{3}`")
# Words whose truth depends on the numbers beside them: a direction, a comparison, a verdict.
# ("at least", "more than once", "a lower bound", "above-scale firms", "the net increase" and the
# like are not comparisons of the data.)
_COMPARATIVE = re.compile(
    r"\b(rise[sn]?|rising|rose|fall(?:s|en)?|fell|(?<!net )increase[sd]?|decrease[sd]?|grew|grow(?:s|n)?|"
    r"shr[iau]nk|higher|lower(?! bounds?)|above(?!-scale)|below|exceed(?:s|ed)?|met|missed|larger|smaller|"
    r"double[sd]?|halved?|twice|thrice|ahead|behind|highest|lowest|"
    r"(?:more|fewer|less) than(?! once))\b", re.I)


def pages() -> list[tuple[str, str]]:
    """(where, markdown) for every page and notebook markdown cell of the book."""
    out = []
    for path in sorted(BOOK.rglob("*.md")):
        if GENERATED not in path.parents:
            out.append((path.name, path.read_text(encoding="utf-8")))
    for path in sorted(BOOK.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "markdown":
                out.append((f"{path.name} cell {i}", "".join(cell["source"])))
    return out


def sentences(markdown: str) -> list[str]:
    for pattern in _NON_PROSE:
        markdown = pattern.sub(" ", markdown)
    return [s.strip() for s in re.split(r"(?<=[.!?;:])\s+|\n\s*\n|\n(?=[-*] )", markdown) if s.strip()]


def paragraphs(markdown: str) -> list[str]:
    for pattern in _NON_PROSE:
        markdown = pattern.sub(" ", markdown)
    return [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]


def unguarded_comparisons(markdown: str) -> list[str]:
    """Sentences with a number from the data and a comparative word typed by hand, no word role
    and no guard in the sentence or its paragraph: the data could change under them."""
    bad = []
    for paragraph in paragraphs(markdown):
        if "{holds}" in paragraph:
            continue
        for sentence in sentences(paragraph):
            if "{num}" not in sentence:
                continue
            words = _COMPARATIVE.findall(_ROLE.sub(" ", sentence))
            if words:
                bad.append(f"{words}: {sentence[:160]}")
    return bad


@pytest.mark.parametrize("where,text", pages(), ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "")
def test_no_row_id_sits_in_running_prose(where, text):
    prose = _ROLE.sub(" ", text)
    assert not _ROW_ID.findall(prose), f"{where}: a row id as inline code; write {{num}}`<id>` instead"


@pytest.mark.parametrize("where,text", pages(), ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "")
def test_words_that_depend_on_the_data_are_chosen_by_it(where, text):
    assert unguarded_comparisons(text) == [], (
        f"{where}: write the word as {{word}}`FORM a b` or guard the sentence with {{holds}}`...`")


def test_the_scanner_catches_a_typed_comparison_and_accepts_roles_and_guards():
    assert unguarded_comparisons("It rose from {num}`a-001` to {num}`a-002`.")
    assert not unguarded_comparisons("It {word}`rose a-001 a-002` from {num}`a-001` to {num}`a-002`.")
    assert not unguarded_comparisons("{holds}`a-002 > a-001`It rose from {num}`a-001` to {num}`a-002`.")
    assert not unguarded_comparisons("It rose in 2021.")  # no number from the data in the sentence


def test_every_role_in_the_book_resolves_against_the_data():
    facts = Facts(load_dataset())
    problems = []
    for where, text in pages():
        try:
            render(text, facts)
        except (ClaimError, KeyError) as exc:
            problems.append(f"{where}: {exc}")
    assert problems == []


def _code_cells():
    for path in sorted(BOOK.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "code":
                lines = [l for l in "".join(cell["source"]).splitlines() if l.strip() and not l.strip().startswith("#")]
                yield path.name, i, lines


def test_notebooks_are_thin_stories():
    """At most 300 lines of code in all, none over 10 lines in a cell, no function defined."""
    cells = list(_code_cells())
    total = sum(len(lines) for _, _, lines in cells)
    long = [f"{name} cell {i}: {len(lines)} lines" for name, i, lines in cells if len(lines) > 10]
    defs = [f"{name} cell {i}" for name, i, lines in cells if any(re.match(r"\s*(async\s+)?def |\s*class ", l) for l in lines)]
    assert total <= 300 and not long and not defs, (total, long, defs)
