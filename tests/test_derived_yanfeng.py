"""The Yanfeng chapter's arithmetic reads its spans from the rows and keeps the ranges of rounded prints."""

from __future__ import annotations

from dataclasses import replace

import pytest
from zhuzhou_innovation import quantities
from zhuzhou_innovation.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _with(ds, **values):
    """The dataset with some rows' values changed in memory (the loader would refuse them on disk)."""
    obs = ds.observations.copy()
    for row_id, value in values.items():
        obs.loc[obs.id == row_id.replace("_", "-"), "value"] = value
    return quantities.compute_all(replace(ds, observations=obs))


def test_yearly_growth_takes_its_years_from_the_rows_periods(ds):
    obs = ds.observations.copy()
    obs.loc[obs.id == "yf2020-003", "period"] = "2010"  # a base ten years back instead of five
    q = quantities.compute_all(replace(ds, observations=obs))["yf-high-tech-enterprises-yearly-growth"]
    assert q.value == pytest.approx(((77 / 5) ** (1 / 10) - 1) * 100)


def test_the_least_fall_of_the_margin_is_the_unfavourable_end_of_the_rounding(ds):
    got = _with(ds, yf2020_032=70, yf2020_033=180, yf2020_035=3, yf2020_036=5)["yf-cluster-margin-fall-least"]
    assert got.value == pytest.approx((2.5 / 70.5 - 5.5 / 179.5) * 100)
    assert got.qualifier == "over"


def test_a_change_the_rounding_could_explain_leaves_no_guaranteed_fall(ds):
    """Profits and taxes that grow almost as fast as output: the point estimate falls, the range does not."""
    got = _with(ds, yf2020_032=70, yf2020_033=180, yf2020_035=3, yf2020_036=7)
    assert got["yf-cluster-margin-2020"].value < got["yf-cluster-margin-2015"].value
    assert got["yf-cluster-margin-fall-least"].value < 0


def test_a_count_over_a_lower_bound_is_at_most_that_share(ds):
    """Zhuzhou's 2021 count is printed as "over": the 2020 count implied is over too,
    Yanfeng's share of it under."""
    got = quantities.compute_all(ds)
    assert got["zz-high-tech-enterprises-2020-implied"].qualifier == "over"
    ratio = got["compare-high-tech-enterprises-ratio"]
    assert ratio.lo == 0 and ratio.hi == pytest.approx(
        ratio.value, rel=0.01
    )  # only the rate's rounding above
