"""Totals the sources imply but never print: a part over its share, and what such a total gives in turn."""

from __future__ import annotations

import pytest
from zhuzhou_innovation import totals
from zhuzhou_innovation.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_implied_totals_come_from_reports_and_from_targets(ds):
    implied = totals.implied_totals(ds).set_index("id")
    gdp_2021 = implied.loc["zz2021-045"]  # 206.2 / 6.02%
    assert (gdp_2021.basis, gdp_2021.total) == ("reported", "gdp")
    assert gdp_2021.implied == pytest.approx(3425.2, abs=0.1)
    gdp_2022_plan = implied.loc["zz2021-040"]  # a 140 R&D goal at a 3.4% intensity goal
    assert (gdp_2022_plan.basis, gdp_2022_plan.numerator_id) == ("target", "zz2021-039")
    assert gdp_2022_plan.implied == pytest.approx(4117.6, abs=0.1)
    assert gdp_2022_plan.flag == ""  # weighed as an ambitious goal, not a misprint (its note)
    assert implied.loc["zz2025-002", "implied_qualifier"] == "over"  # over 120 at 3.3%
    assert implied.loc["zz2022q1-008", "implied_qualifier"] == "under"  # 570 is over half of under 1,140


def test_an_implied_total_gives_the_numbers_its_shares_imply(ds):
    derived = totals.implied_by_totals(ds).set_index("indicator")
    assert derived.loc["rd_spending", "value"] == pytest.approx(3.27 / 6.02 * 206.2)
    assert derived.loc["high_tech_value_added", "derived"] == "share"
    assert derived.loc["high_tech_value_added", "value"] == pytest.approx(1016.11 / 206.2 * 6.02)
