"""Checks of the sources against themselves: recomputed growth and shares, suspects, the inventory."""

from __future__ import annotations

import pytest
from datacopy import add_row, made_up_level, reprint
from zhuzhou_innovation import checks
from zhuzhou_innovation.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_share_of_the_annual_target_is_recomputed_from_the_quarter_and_the_goal(ds):
    row = checks.recompute_shares(ds).set_index("id").loc["zz2022q1-007"]  # 570 of 1,100 = 51.8%
    assert (row.numerator_id, row.denominator_id) == ("zz2022q1-006", "zz2021-050")
    assert row.computed == pytest.approx(51.818, abs=1e-3)
    assert row.verdict == "consistent"
    assert "570 / 1100" in row.arithmetic


def test_over_half_agrees_with_the_share_it_rounds_down(ds):
    """过半 (over 50%) beside 570 of 1,100: a bound, not a number to match exactly."""
    assert checks.recompute_shares(ds).set_index("id").loc["zz2022q1-008", "verdict"] == "consistent"


@pytest.mark.parametrize(
    "row_id, printed",
    [
        ("zz2022q1-007", "55.8%"),  # 570 / 1,100 is not 55.8%
        ("zz2022q1-008", "不到一半"),  # nor under half
    ],
)
def test_a_share_its_levels_do_not_give_is_inconsistent(data_copy, row_id, printed):
    reprint(data_copy, row_id, printed)
    shares = checks.recompute_shares(load_dataset(data_copy)).set_index("id")
    assert shares.loc[row_id, "verdict"] == "inconsistent"


def test_growth_over_a_span_runs_from_the_year_before_it_to_its_end(ds):
    row = checks.recompute_growth(ds).set_index("id").loc["yf2020-034"]  # 70 to 180, up 157%
    assert (row.base_period, row.base_id, row.level_id) == ("2015", "yf2020-032", "yf2020-033")
    assert row.computed == pytest.approx(157.14, abs=0.01)
    assert row.verdict == "consistent"


def test_a_growth_rate_its_levels_do_not_give_is_inconsistent(data_copy):
    reprint(data_copy, "yf2020-034", "175%")
    growth = checks.recompute_growth(load_dataset(data_copy)).set_index("id")
    assert growth.loc["yf2020-034", "verdict"] == "inconsistent"


def test_growth_without_its_base_cannot_be_checked_and_gives_the_base_it_implies(ds):
    row = checks.recompute_growth(ds).set_index("id").loc["zz2021-016"]  # 1,016.11, up 22.1%
    assert (row.verdict, row.base_period, row.base_id) == ("cannot check", "2020", "")
    assert row.implied_base == pytest.approx(1016.11 / 1.221)


@pytest.mark.parametrize("base, verdict", [("832.2", "consistent"), ("900", "inconsistent")])
def test_a_base_year_printed_by_another_report_settles_the_growth(data_copy, base, verdict):
    add_row(
        data_copy, **made_up_level("zz2022-099", "zz2022", "high_tech_value_added", "2020", base, "100m_cny")
    )
    row = checks.recompute_growth(load_dataset(data_copy)).set_index("id").loc["zz2021-016"]
    assert row.base_id == "zz2022-099"
    assert row.verdict == verdict


def test_a_level_printed_as_a_bound_settles_nothing_when_both_are_bounds(data_copy):
    add_row(
        data_copy,
        **made_up_level(
            "zz2022-099", "zz2022", "high_tech_enterprises", "2020", "500", "count", qualifier="over"
        ),
    )
    row = checks.recompute_growth(load_dataset(data_copy)).set_index("id").loc["zz2021-013"]
    assert row.level_qualifier == "over"  # "over 900, up 25%" against "over 500"
    assert row.verdict == "cannot check"


def test_a_target_below_an_earlier_number_is_listed(ds):
    below = checks.targets_below_earlier(ds).set_index("id")
    assert below.loc["zz2025-009", "highest_unflagged"] == 400  # 100 new commissioners after 400
    assert "zz2025-004" not in below.index  # 1,500 high-tech firms: above all


def test_suspects_carry_the_reading_their_note_proposes_and_yardsticks(ds):
    sus = checks.suspects(ds).set_index("id")
    assert sus.loc["zz2022-047", "probably"] == "3.2%"
    assert sus.loc["zz2022-047", "peer_ratio"] == pytest.approx(9.55, abs=0.01)  # 32 against about 3.35
    assert sus.loc["zz2022-036", "gdp_share"] > 100  # more than a year's GDP


def _cluster(end: float, base: float, rate: float):
    from minidata import dataset, row

    return dataset(
        [
            row("a2020-001", "output", "2015", base, "100m_cny", f"{base:g}亿元", region="town"),
            row("a2020-002", "output", "2020", end, "100m_cny", f"{end:g}亿元", region="town"),
            row("a2020-003", "output", "2016/2020", rate, "pct", f"{rate:g}%", kind="growth", region="town"),
        ]
    )


@pytest.mark.parametrize(
    "end, base, rate, low, high",
    [
        (5, 3, 66, 28.57, 120.0),  # small rounded levels: almost any rate passes
        (180, 70, 157, 154.61, 159.71),  # large levels: a real test
    ],
)
def test_a_growth_check_says_how_wide_a_range_of_rates_it_lets_pass(end, base, rate, low, high):
    g = checks.recompute_growth(_cluster(end, base, rate)).iloc[0]
    assert (g.allowed_lo, g.allowed_hi) == (pytest.approx(low, abs=0.01), pytest.approx(high, abs=0.01))
    assert g.allowed_width == pytest.approx(high - low, abs=0.02)
    assert g.verdict == "consistent"
    assert g.allowed_working.startswith(f"({end - 0.5:g} / {base + 0.5:g} − 1) × 100")


def test_a_rate_outside_the_allowed_range_is_inconsistent():
    assert checks.recompute_growth(_cluster(5, 3, 150)).verdict.iloc[0] == "inconsistent"


def test_the_inventory_counts_every_check_once_with_one_outcome(ds):
    inv = checks.inventory(ds)
    summary = checks.inventory_summary(ds)
    assert summary.checks.sum() == len(inv)
    assert set(inv.outcome) <= {"holds", "fails", "open"}
    assert set(inv.kind) <= set(checks.KINDS)
    assert (summary.checks == summary.holds + summary.fails + summary.open).all()
    assert list(summary.kind) == [k for k in checks.KINDS if k in set(inv.kind)]


def test_every_suspect_counts_as_a_failed_check(ds):
    inv = checks.inventory(ds)
    assert set(inv[inv.kind == "suspects"].ids) == set(ds.observations[ds.observations.flag == "suspect"].id)
    assert (inv[inv.kind == "suspects"].outcome == "fails").all()
