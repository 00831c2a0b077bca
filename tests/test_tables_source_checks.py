"""The source-check chapter's tables: short, in the reader's language, narrow enough for a phone."""

from __future__ import annotations

import re

import pytest
from zhuzhou_innovation import tables
from zhuzhou_innovation.checks import KINDS
from zhuzhou_innovation.load import load_dataset

BUILDERS = [
    (tables.sc_overview, ()),
    (tables.sc_growth, ()),
    (tables.sc_implied_totals, ()),
    (tables.sc_readings, ()),
    (tables.sc_screen, ()),
    (tables.sc_printed_twice, ()),
    (tables.sc_targets_below, ()),
] + [
    (tables.sc_reconcile, (kind,))
    for kind in (
        "parts and wholes",
        "counts across reports",
        "tallies against targets",
        "pledges in one text",
        "concentration",
        "similar names",
    )
]
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_IDS = [b.__name__ + ("-" + a[0].replace(" ", "-") if a else "") for b, a in BUILDERS]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.mark.parametrize("build, args", BUILDERS, ids=_IDS)
def test_each_table_is_short_and_narrow(ds, build, args):
    for lang in ("en", "zh"):
        frame = build(ds, *args, lang=lang).frame
        assert 0 < len(frame) <= 16, (build.__name__, lang, len(frame))
        assert len(frame.columns) <= 5, (build.__name__, list(frame.columns))


@pytest.mark.parametrize("build, args", BUILDERS, ids=_IDS)
def test_the_chinese_table_has_no_english_words(ds, build, args):
    t = build(ds, *args, lang="zh")
    cells = [str(c) for c in t.frame.columns] + [str(v) for v in t.frame.to_numpy().ravel()]
    english = {w for c in cells for w in _LATIN_WORD.findall(c)} - {"GDP"}
    assert english == set(), (build.__name__, sorted(english)[:10])


def test_every_kind_of_check_has_names_in_both_languages():
    assert all(en and zh for en, zh in KINDS.values())


_ASCII_BESIDE_CHINESE = re.compile(r"[\u4e00-\u9fff%] ?[(;]|[(;] ?[\u4e00-\u9fff]|[\u4e00-\u9fff] ?\)")


@pytest.mark.parametrize("build, args", BUILDERS, ids=_IDS)
def test_the_chinese_table_punctuates_as_chinese_does(ds, build, args):
    """Full-width brackets and semicolons beside Chinese: 141.5%（2020年）, not 141.5% (2020年)."""
    t = build(ds, *args, lang="zh")
    cells = [str(v) for v in t.frame.to_numpy().ravel()]
    assert [c for c in cells if _ASCII_BESIDE_CHINESE.search(c)] == [], build.__name__
