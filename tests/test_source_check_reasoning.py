"""The source-check chapter's reasoning, redone from the raw texts (issue 11): each argument that
was mended keeps a test, so the page cannot drift back, and the words beside its numbers are
chosen by the data or guarded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from zhuzhou_innovation import plausibility, quantities
from zhuzhou_innovation.load import load_dataset

CHAPTER = Path(__file__).resolve().parents[1] / "book" / "09-source-checks.ipynb"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def page() -> str:
    cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _q(ds, name: str) -> float:
    return quantities.quantity(ds, name).value


def test_the_140_billion_goal_gets_one_verdict_an_ambitious_goal_not_a_misprint(ds, page):
    row = ds.observations.set_index("id").loc["zz2021-039"]
    text = ds.texts["zz2021"]
    assert row.flag == ""
    # the copy prints the same figure wherever it repeats the paragraph
    opening = "力争2022年全社会研发经费达到"
    assert text.count(opening) >= 2 and text.count(opening) == text.count(opening + row.as_printed)
    # no reading of its digits fits: each would be a small fraction of what the city already spent
    readings = plausibility.decimal_readings(row.as_printed)
    assert readings and all(row.value / 10**k < _q(ds, "rd-spending-2021-implied") / 5 for k, _ in readings)
    # the two goals need a GDP far above 2021's, and the plan asks for other rises of about a quarter
    assert _q(ds, "gdp-2022-plan-rise") > 15 and _q(ds, "tech-contract-2022-goal-rise") > 20
    assert "ambitious goal, not a misprint" in page
    assert "120亿" not in page and "Possibly a slip" not in page
    assert "zz2021-039" not in set(plausibility.readings(ds).id)


def test_the_base_implied_by_the_suspect_headcount_is_called_circular(ds, page):
    assert "研发人员总量达39万人,同比增长25.3%" in ds.texts["zz2022q1"]
    shift = 10 ** plausibility.proposed_places(ds, "zz2022q1-016")
    ratio = _q(ds, "rd-personnel-2020-implied") / _q(ds, "rd-personnel-2020-implied-read")
    assert ratio == pytest.approx(shift)  # both readings scale alike: the base cannot choose between them
    assert "circular" in page
    assert "supports the reading" not in page


def test_the_profit_check_passes_for_almost_any_rate_and_the_page_says_how_wide(ds, page):
    text = ds.texts["yf2020"]
    assert "利税从3亿元增长到5亿元,增长率66%" in text
    assert "输变电产业集群产值从70亿元增长到180亿元,增长率达157%" in text
    assert _q(ds, "yf-profits-growth-allowed-width") > 90
    assert _q(ds, "yf-cluster-output-growth-allowed-width") < 6
    assert "{num}`yf-profits-growth-allowed-width`" in page


def test_ten_of_306_is_written_as_the_number_it_is_not_as_a_little_more_than_a_third(ds, page):
    text = ds.texts["zz2022"]
    assert "贷款额度达到306亿元" in text and "力争突破知识价值信用贷款10亿元" in text
    assert _q(ds, "loans-2023-goal-share-of-2022-printed") < 3.3  # a little less than 3.3%, never more
    assert "{num}`loans-2023-goal-share-of-2022-printed`" in page
    assert "little more than" not in page


# Words whose truth depends on the numbers beside them (rise or fall, more or fewer, first or second).
_DEPENDS = re.compile(
    r"\b(rises?|rose|falls?|fell|more|fewer|less|above|below|higher|lower|larger|smaller|"
    r"exceeds?|twice|half|tenth|second|met|missed|most|least|only|all|none|exactly|within|"
    r"beyond|far|calmer)\b",
    re.I,
)
_ROLE = re.compile(r"\{(num|word|holds)\}`[^`]*`")


def _sentences_with_numbers(markdown: str):
    for line in markdown.splitlines():
        if "{num}" in line:
            yield line


def test_words_beside_numbers_are_chosen_by_the_data_or_guarded(page):
    loose = []
    for line in _sentences_with_numbers(page):
        words = _DEPENDS.findall(_ROLE.sub(" ", line).replace("first-quarter", ""))
        if words and "{word}" not in line and "{holds}" not in line:
            loose.append((words, line[:100]))
    assert loose == []


def test_the_word_scan_catches_an_unguarded_comparison():
    line = "R&D spending rose to {num}`zz2021-037`."
    assert _DEPENDS.findall(_ROLE.sub(" ", line)) == ["rose"]
