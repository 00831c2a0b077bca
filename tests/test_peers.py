"""Two places are compared only where they report the same measure, and each measure gets a verdict."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from madeup import observation
from zhuzhou_innovation import peers
from zhuzhou_innovation.load import load_dataset


def _row(id_, region, indicator, period, kind="actual", unit="count", share_of=""):
    return observation(
        id_, region=region, indicator=indicator, period=period, kind=kind, unit=unit, share_of=share_of
    )


@pytest.fixture
def two_places():
    """A made-up city and district: one ratio, one count, one total over years, and look-alikes."""
    rows = [
        _row("a-001", "city", "intensity", "2021", unit="pct"),
        _row("b-001", "town", "intensity", "2020", unit="pct"),
        _row("a-002", "city", "firms", "2021"),
        _row("b-002", "town", "firms", "2020"),
        _row("a-003", "city", "turnover", "2021", unit="100m_cny"),
        _row("b-003", "town", "turnover", "2016/2020", unit="100m_cny"),
        _row("a-004", "city", "share", "2021", kind="share", unit="pct", share_of="gdp"),
        _row("b-004", "town", "share", "2020", kind="share", unit="pct", share_of="budget"),
        _row("a-005", "city", "goal", "2022", kind="target"),
        _row("b-005", "town", "goal", "2020", kind="target"),
        _row("a-006", "city", "only_city", "2021"),
    ]
    ds = load_dataset()
    return replace(ds, observations=pd.DataFrame(rows))


def test_indicators_with_a_row_in_each_place_are_shared_whatever_their_kind(two_places):
    assert peers.shared_indicators(two_places, "town", "city") == [
        "firms",
        "goal",
        "intensity",
        "share",
        "turnover",
    ]


def test_targets_and_shares_of_different_wholes_are_not_compared(two_places):
    measures = peers.comparable(two_places, "town", "city")
    assert set(measures.indicator) == {"intensity", "firms", "turnover"}


def test_a_ratio_a_count_and_a_multi_year_total_each_get_their_verdict_ratios_first(two_places):
    measures = peers.comparable(two_places, "town", "city")
    assert list(zip(measures.indicator, measures.verdict, strict=False)) == [
        ("intensity", "ratio"),
        ("firms", "size"),
        ("turnover", "span"),
    ]
    assert measures.set_index("indicator").ids_a["turnover"] == ("b-003",)


def test_the_same_unit_in_both_places_is_required(two_places):
    obs = two_places.observations.copy()
    obs.loc[obs.id == "b-001", "unit"] = "pp"
    measures = peers.comparable(replace(two_places, observations=obs), "town", "city")
    assert "intensity" not in set(measures.indicator)
