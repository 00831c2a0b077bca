"""The scorecard judges each target only by what a later report says, and bounds only when they settle it."""

from __future__ import annotations

import numpy as np
import pytest
from datacopy import edit_row, reprint
from zhuzhou_innovation import scorecard
from zhuzhou_innovation.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def card(ds):
    return scorecard.scorecard(ds).set_index("target_id")


def test_target_is_answered_by_the_later_report(card):
    row = card.loc["zz2021-042"]  # 260 targeted for 2022 in the 2021 review; 308 in the 2022 review
    assert (row.status, row.actual_id, row.reported_by) == ("met", "zz2022-038", "zz2022")


def test_target_with_no_later_report_is_not_yet_reported(card):
    assert card.loc["zz2025-004", "status"] == "not yet reported"
    assert np.isnan(card.loc["zz2025-004", "actual"])


def test_suspect_outcome_is_not_comparable_and_says_why(card):
    row = card.loc["zz2021-043"]  # 4 targeted, 306 printed (probably 3.06)
    assert row.status == "not comparable"
    assert "suspect" in row.reason


def test_growth_target_answered_only_by_a_share_is_not_comparable(card):
    row = card.loc["zz2021-051"]  # 25% growth targeted; the 2022 review gives only a share of GDP
    assert row.status == "not comparable"
    assert (row.actual_id, row.actual_kind) == ("zz2022-005", "share")
    assert "share of GDP" in row.reason


def test_level_target_answered_only_by_a_rank_is_not_comparable(card):
    row = card.loc["zz2021-040"]  # 3.4% intensity targeted; the 2022 review gives only "first in Hunan"
    assert row.status == "not comparable"
    assert row.actual_kind == "rank"


def test_exact_outcome_below_the_target_is_missed(data_copy):
    reprint(data_copy, "zz2022-038", "250亿元")
    card = scorecard.scorecard(load_dataset(data_copy)).set_index("target_id")
    assert card.loc["zz2021-042", "status"] == "missed"


def test_outcome_printed_as_over_a_lower_number_is_not_counted_as_missed(data_copy):
    """'Over 1,000' against a target of 1,100 could be either: the scorecard does not guess."""
    reprint(data_copy, "zz2022-002", "突破1000家")
    card = scorecard.scorecard(load_dataset(data_copy)).set_index("target_id")
    assert card.loc["zz2021-049", "status"] == "not comparable"
    assert "over 1000" in card.loc["zz2021-049", "reason"]


def test_an_earlier_report_does_not_answer_a_target(data_copy):
    """Were the 2022 review published before the 2021 one, its 308 could not answer a 2021 target."""
    edit_row(data_copy / "sources.csv", "zz2022", published="2022-01")
    card = scorecard.scorecard(load_dataset(data_copy)).set_index("target_id")
    assert card.loc["zz2021-042", "status"] == "not comparable"
    assert "earlier" in card.loc["zz2021-042", "reason"]


@pytest.mark.parametrize("target, actual, qualifier, status", [
    (3, 2, "", "met"), (3, 3, "", "met"), (3, 5, "", "missed"),
    (3, 100, "under", "not comparable"), (3, 3, "under", "met"),
    (3, 5, "over", "missed"), (10, 5, "over", "not comparable"),
])
def test_a_smaller_rank_is_better(target, actual, qualifier, status):
    assert scorecard._judge("rank", target, actual, qualifier) == status


@pytest.mark.parametrize("target, actual, qualifier, status", [
    (100, 120, "", "met"), (100, 100, "about", "met"), (100, 90, "", "missed"),
    (100, 100, "over", "met"), (100, 90, "over", "not comparable"),
    (100, 90, "under", "missed"), (100, 120, "under", "not comparable"),
])
def test_bounds_settle_a_level_only_when_they_can(target, actual, qualifier, status):
    assert scorecard._judge("actual", target, actual, qualifier) == status
