"""The range a printed number stands for, and the range of rates two printed levels allow."""

from __future__ import annotations

import pytest
from zhuzhou_innovation import ranges


@pytest.mark.parametrize(
    "value, qualifier, inside, outside",
    [
        (3.27, "", 3.274, 3.276),
        (50, "over", 1e9, 49.9),
        (1, "under", 0.2, 1.01),
        (100, "about", 104, 106),
    ],
)
def test_a_printed_number_stands_for_a_range(value, qualifier, inside, outside):
    lo, hi = ranges.interval(value, qualifier)
    assert lo <= inside <= hi
    assert not lo <= outside <= hi


def test_the_growth_two_ranges_allow_runs_from_the_lowest_quotient_to_the_highest():
    assert ranges.growth_range((4.5, 5.5), (2.5, 3.5)) == (
        pytest.approx(28.571, abs=1e-3),
        pytest.approx(120),
    )


def test_an_unbounded_end_level_leaves_the_growth_unbounded_above():
    lo, hi = ranges.growth_range(ranges.interval(900, "over"), (700, 700))
    assert lo == pytest.approx(900 / 700 * 100 - 100) and hi == float("inf")
