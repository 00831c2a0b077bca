"""The shared analysis: the scorecard judges each target only by what a later report says."""

from __future__ import annotations

import numpy as np
import pytest
from datacopy import edit_row, read_rows, reprint, write_rows

from zhuzhou_innovation import checks, figures, ranges, repeats, scorecard, series, totals
from zhuzhou_innovation.load import load_dataset

OBS = "observations.csv"


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


def test_recurring_lists_indicators_with_two_or_more_periods(ds):
    rec = series.recurring(ds).set_index("indicator")
    assert rec.loc["invention_patents_per_10k", "reported"] == ["2021", "2022"]
    assert rec.loc["rd_spending", "reported"] == []           # targets only, never an outcome
    assert rec.loc["rd_spending", "targeted_only"] == ["2022", "2025"]
    assert "rd_personnel" not in rec.index                    # 2021 only
    assert (rec.n_periods >= 2).all()


def test_with_gaps_adds_a_missing_year_as_nan(ds):
    s = series.with_gaps(series.series(ds, "high_tech_enterprises", kind="target"))
    assert list(s.year) == [2022, 2023, 2024, 2025]
    assert np.isnan(s.set_index("year").value[2024])


def test_targets_figure_draws_no_bar_for_a_target_that_is_not_comparable(ds):
    fig = figures.plot_targets(ds)
    data = figures.figure_data(fig)
    widths = [p.get_width() for p in fig.axes[0].patches]
    off = data.status == "not comparable"
    assert off.any() and all(w == 0 for w, o in zip(widths, off) if o)
    assert fig.axes[0].get_xlim()[1] < 200            # the suspect 306 against 4 does not set the scale
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(set(labels)) == len(labels)            # two reports set the same 2022 SME target


def test_targets_figure_names_the_reports_that_answered(ds):
    fig = figures.plot_targets(ds)
    texts = [t.get_text() for t in fig.findobj(figures.plt.Text)]
    source = next(t for t in texts if t.startswith("Source:"))
    assert "2022 review" in source.replace("\n", " ")


# --- the checks of the sources: recomputed growth and shares, implied totals, contradictions ---

def _add_row(data, **fields) -> None:
    """Append an observation to a data copy, and its made-up sentence to the copy of its source."""
    columns, rows = read_rows(data / OBS)
    rows.append({c: "" for c in columns} | fields)
    write_rows(data / OBS, columns, rows)
    _, sources = read_rows(data / "sources.csv")
    raw = data / "raw" / next(s["file"] for s in sources if s["id"] == fields["source"])
    raw.write_text(raw.read_text(encoding="utf-8") + f"\n{fields['quote']}\n", encoding="utf-8")


_PRINTS = {"100m_cny": "{}亿元", "count": "{}家", "pct": "{}%"}
_QUALIFIER_WORDS = {"": "", "over": "超过", "about": "约", "under": "不到"}


def _level(row_id: str, source: str, indicator: str, period: str, value: str, unit: str,
           qualifier: str = "") -> dict:
    """A made-up level, printed the way the sources print one (超过832.2亿元), in a made-up sentence."""
    printed = _QUALIFIER_WORDS[qualifier] + _PRINTS[unit].format(value)
    return dict(id=row_id, source=source, region="zhuzhou", indicator=indicator, period=period,
                kind="actual", value=value, unit=unit, as_printed=printed,
                quote=f"（测试）{period}年{indicator}{printed}", qualifier=qualifier, note="made up for a test")


def test_share_of_the_annual_target_is_recomputed_from_the_quarter_and_the_goal(ds):
    row = checks.recompute_shares(ds).set_index("id").loc["zz2022q1-007"]  # 570 of 1,100 = 51.8%
    assert (row.numerator_id, row.denominator_id) == ("zz2022q1-006", "zz2021-050")
    assert row.computed == pytest.approx(51.818, abs=1e-3)
    assert row.verdict == "consistent"
    assert "570 / 1100" in row.arithmetic


def test_over_half_agrees_with_the_share_it_rounds_down(ds):
    """过半 (over 50%) beside 570 of 1,100: a bound, not a number to match exactly."""
    assert checks.recompute_shares(ds).set_index("id").loc["zz2022q1-008", "verdict"] == "consistent"


@pytest.mark.parametrize("row_id, printed", [
    ("zz2022q1-007", "55.8%"),     # 570 / 1,100 is not 55.8%
    ("zz2022q1-008", "不到一半"),  # nor under half
])
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
    _add_row(data_copy, **_level("zz2022-099", "zz2022", "high_tech_value_added", "2020", base,
                                 "100m_cny"))
    row = checks.recompute_growth(load_dataset(data_copy)).set_index("id").loc["zz2021-016"]
    assert row.base_id == "zz2022-099"
    assert row.verdict == verdict


def test_a_level_printed_as_a_bound_settles_nothing_when_both_are_bounds(data_copy):
    _add_row(data_copy, **_level("zz2022-099", "zz2022", "high_tech_enterprises", "2020", "500",
                                 "count", qualifier="over"))
    row = checks.recompute_growth(load_dataset(data_copy)).set_index("id").loc["zz2021-013"]
    assert row.level_qualifier == "over"           # "over 900, up 25%" against "over 500"
    assert row.verdict == "cannot check"


def test_implied_totals_come_from_reports_and_from_targets(ds):
    implied = totals.implied_totals(ds).set_index("id")
    gdp_2021 = implied.loc["zz2021-045"]            # 206.2 / 6.02%
    assert (gdp_2021.basis, gdp_2021.total) == ("reported", "gdp")
    assert gdp_2021.implied == pytest.approx(3425.2, abs=0.1)
    gdp_2022_plan = implied.loc["zz2021-040"]       # a 140 R&D goal at a 3.4% intensity goal
    assert (gdp_2022_plan.basis, gdp_2022_plan.numerator_id) == ("target", "zz2021-039")
    assert gdp_2022_plan.implied == pytest.approx(4117.6, abs=0.1)
    assert gdp_2022_plan.flag == ""  # weighed as an ambitious goal, not a misprint (its note)
    assert implied.loc["zz2025-002", "implied_qualifier"] == "over"   # over 120 at 3.3%
    assert implied.loc["zz2022q1-008", "implied_qualifier"] == "under"  # 570 is over half of under 1,140


def test_an_implied_total_gives_the_numbers_its_shares_imply(ds):
    derived = totals.implied_by_totals(ds).set_index("indicator")
    assert derived.loc["rd_spending", "value"] == pytest.approx(3.27 / 6.02 * 206.2)
    assert derived.loc["high_tech_value_added", "derived"] == "share"
    assert derived.loc["high_tech_value_added", "value"] == pytest.approx(1016.11 / 206.2 * 6.02)


def test_two_reports_that_print_different_exact_numbers_contradict(data_copy):
    _add_row(data_copy, **_level("zz2022-099", "zz2022", "tech_contract_turnover", "2021", "210",
                                 "100m_cny"))
    found = repeats.contradictions(load_dataset(data_copy))
    assert list(found.ids) == ["zz2021-044, zz2022-099"]
    assert found.verdict.iloc[0] == "cannot all hold"


def test_a_bound_that_another_report_satisfies_is_listed_but_can_hold(data_copy):
    _add_row(data_copy, **_level("zz2022-099", "zz2022", "tech_contract_turnover", "2021", "200",
                                 "100m_cny", qualifier="over"))
    found = repeats.contradictions(load_dataset(data_copy))
    assert found.verdict.tolist() == ["can all hold"]


def test_identical_numbers_in_two_reports_are_restatements_not_contradictions(ds):
    assert "zz2021-050, zz2022q1-005" not in set(repeats.contradictions(ds).ids)
    assert "zz2021-050, zz2022q1-005" in set(repeats.restatements(ds).ids)


def test_near_contradictions_within_a_report_are_judged_by_their_ranges(ds):
    near = repeats.near_contradictions(ds).set_index("ids")
    assert near.loc["zz2022-047, zz2022-048", "verdict"] == "cannot all hold"   # 32% and 3.4%
    assert near.loc["zz2022-003, zz2022-024", "verdict"] == "can all hold"      # over 1,100 and 1,261
    assert near.loc["zz2022-003, zz2022-024", "same_report"]


@pytest.mark.parametrize("value, qualifier, inside, outside", [
    (3.27, "", 3.274, 3.276), (50, "over", 1e9, 49.9), (1, "under", 0.2, 1.01), (100, "about", 104, 106),
])
def test_a_printed_number_stands_for_a_range(value, qualifier, inside, outside):
    lo, hi = ranges.interval(value, qualifier)
    assert lo <= inside <= hi
    assert not lo <= outside <= hi


def test_a_target_below_an_earlier_number_is_listed(ds):
    below = checks.targets_below_earlier(ds).set_index("id")
    assert below.loc["zz2025-009", "highest_unflagged"] == 400    # 100 new commissioners after 400
    assert "zz2025-004" not in below.index                          # 1,500 high-tech firms: above all


def test_suspects_carry_the_reading_their_note_proposes_and_yardsticks(ds):
    sus = checks.suspects(ds).set_index("id")
    assert sus.loc["zz2022-047", "probably"] == "3.2%"
    assert sus.loc["zz2022-047", "peer_ratio"] == pytest.approx(9.55, abs=0.01)   # 32 against about 3.35
    assert sus.loc["zz2022-036", "gdp_share"] > 100                                # more than a year's GDP


def test_series_prefers_unflagged_then_exact_rows_within_a_report():
    from zhuzhou_innovation.load import load_dataset as _load

    ds = _load()
    targets = series.series(ds, "rd_intensity", kind="target").set_index("year")
    assert targets.loc[2023, "id"] == "zz2022-048"       # 3.4%, not the suspect 32% (zz2022-047)
    smes = series.series(ds, "tech_smes").set_index("year")
    assert smes.loc[2022, "id"] == "zz2022-024"          # 1261, not "over 1100" (zz2022-003)
