"""The range a printed number stands for, and the range of rates two printed levels allow."""

from __future__ import annotations

import pytest
from zhuzhou_innovation import ranges


@pytest.mark.parametrize("value, qualifier, inside, outside", [
    (3.27, "", 3.274, 3.276), (50, "over", 1e9, 49.9), (1, "under", 0.2, 1.01), (100, "about", 104, 106),
])
def test_a_printed_number_stands_for_a_range(value, qualifier, inside, outside):
    lo, hi = ranges.interval(value, qualifier)
    assert lo <= inside <= hi
    assert not lo <= outside <= hi
