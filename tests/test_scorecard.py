"""The scorecard judges each target only by what a later report says, and bounds only when they settle it;
promises count each target once, peers apart, with a best reading only where a rule allows one."""

from __future__ import annotations

import math

import numpy as np
import pytest
from datacopy import edit_row, reprint
from tiny import dataset, row, source
from zhuzhou_innovation import scorecard, words
from zhuzhou_innovation.facts import Facts
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


# --- promises and their best readings (small made-up data) ---

SOURCES = [source("r21", "2022-03"), source("q22", "2022-04-28", "news"), source("r22", "2023-03"),
           source("r25", "2025-06", "reply"), source("peer", "2021-02", "peer")]


def _goal(id, src, indicator, period, value, unit="count", **more):
    return row(id, src, indicator, period, value, unit, kind="target", **more)


def test_the_scorecard_keeps_the_columns_the_landing_page_and_slides_read():
    card = scorecard.scorecard(load_dataset())
    assert {"status", "target_id", "indicator", "period", "set_by", "reported_by"} <= set(card.columns)


def test_a_target_restated_by_a_later_report_is_one_promise_with_both_rows():
    ds = dataset([_goal("t1", "r21", "tech_smes", "2022", 1100), _goal("t2", "q22", "tech_smes", "2022", 1100),
                  row("a", "r22", "tech_smes", "2022", 1261)], SOURCES)
    assert len(scorecard.scorecard(ds)) == 2
    p = scorecard.promises(ds)
    assert len(p) == 1
    assert (p.promise[0], p.target_ids[0], p.n_rows[0], p.status[0]) == ("t1", "t1, t2", 2, "met")


def test_two_goals_for_one_year_that_differ_are_two_promises():
    ds = dataset([_goal("t1", "r22", "rd_intensity", "2023", 3.2, "pct"),
                  _goal("t2", "r22", "rd_intensity", "2023", 3.4, "pct")], SOURCES)
    assert len(scorecard.promises(ds)) == 2  # a base goal and a stretch goal


def test_peer_district_targets_are_not_zhuzhou_promises():
    ds = dataset([_goal("y1", "peer", "fiscal_st_spending", "2020", 0.2, "100m_cny", region="yanfeng"),
                  _goal("t1", "r21", "tech_smes", "2022", 1100)], SOURCES)
    assert list(scorecard.promises(ds).promise) == ["t1"]
    assert list(scorecard.promises(ds, peers=True).promise) == ["y1", "t1"]


def test_a_scored_target_reads_as_its_status_and_a_bound_as_at_least():
    ds = dataset([_goal("t1", "r21", "high_tech_enterprises", "2022", 1100),
                  row("a", "r22", "high_tech_enterprises", "2022", 1100, qualifier="over")], SOURCES)
    p = scorecard.promises(ds).iloc[0]
    assert (p.reading, p.rule, p.reading_pct) == ("met", "scored", 100)
    assert p.reading_en == "at least 100% of the target"


@pytest.mark.parametrize("note, reading, pct", [("Probably 3.06亿元 (lost decimal point)", "probably missed", 76.5),
                                                ("Probably 30.6亿元", "probably met", 765.0),
                                                ("No reading proposed", "open", math.nan)])
def test_a_suspect_outcome_is_read_as_its_note_proposes(note, reading, pct):
    ds = dataset([_goal("t1", "r21", "knowledge_value_credit_loans", "2022", 4, "100m_cny"),
                  row("a", "r22", "knowledge_value_credit_loans", "2022", 306, "100m_cny", flag="suspect", note=note)],
                 SOURCES)
    p = scorecard.promises(ds).iloc[0]
    assert p.status == "not comparable"           # the formal status never trusts a suspect value
    assert p.reading == reading
    assert p.reading_pct == pytest.approx(pct, nan_ok=True)


def _growth_data(share_2022: float) -> object:
    """Level 100 in 2021; a 25% growth goal for 2022; GDP 1000 implied for 2022 (50 at 5% of GDP)."""
    return dataset([
        row("l21", "r21", "high_tech_value_added", "2021", 100, "100m_cny"),
        _goal("g22", "r21", "high_tech_value_added", "2022", 25, "pct", target_measure="growth", qualifier="over"),
        row("s22", "r22", "high_tech_value_added", "2022", share_2022, "pct", kind="share", share_of="gdp"),
        row("tc", "r22", "tech_contract_turnover", "2022", 50, "100m_cny"),
        row("tcs", "r22", "tech_contract_turnover", "2022", 5, "pct", kind="share", share_of="gdp"),
    ], SOURCES)


def test_a_share_of_gdp_that_cannot_fit_the_growth_target_reads_probably_missed():
    p = scorecard.promises(_growth_data(10)).iloc[0]    # 10% of 1000 is 100: no growth at all
    assert (p.status, p.reading, p.rule) == ("not comparable", "probably missed", "share implies growth")
    assert p.reading_value == pytest.approx(0, abs=1e-9)


def test_a_share_of_gdp_that_could_fit_the_growth_target_gives_no_reading():
    p = scorecard.promises(_growth_data(13)).iloc[0]    # 130: growth of 30% is possible
    assert (p.status, p.reading) == ("not comparable", "open")


@pytest.mark.parametrize("unit, later, reading", [("100m_cny", 120, "possibly missed"),
                                                  ("100m_cny", 150, "open"), ("count", 120, "open")])
def test_a_lower_later_goal_for_an_amount_reads_possibly_missed_but_not_for_a_count(unit, later, reading):
    ds = dataset([_goal("t1", "r21", "rd_spending", "2022", 140, unit),
                  _goal("t2", "r25", "rd_spending", "2025", later, unit, qualifier="over")], SOURCES)
    p = scorecard.promises(ds).set_index("promise")
    assert p.reading["t1"] == reading
    assert p.reading["t2"] == "open"


def test_a_suspect_target_gets_no_reading():
    ds = dataset([_goal("t1", "r21", "rd_spending", "2022", 140, "100m_cny", flag="suspect"),
                  _goal("t2", "r25", "rd_spending", "2025", 120, "100m_cny")], SOURCES)
    assert scorecard.promises(ds).set_index("promise").reading["t1"] == "open"


def test_every_rule_of_the_scorecard_is_described_in_both_languages():
    assert all(set(text) == {"en", "zh"} and all(text.values()) for text in scorecard.RULES.values())
    used = set(scorecard.promises(load_dataset()).rule)
    assert used <= set(scorecard.RULES)


def test_the_reading_word_follows_the_data():
    ds = dataset([_goal("t1", "r21", "knowledge_value_credit_loans", "2022", 4, "100m_cny"),
                  row("a", "r22", "knowledge_value_credit_loans", "2022", 306, "100m_cny", flag="suspect",
                      note="Probably 3.06亿元")], SOURCES)
    assert words.word("reading t1", Facts(ds)) == "probably missed"
    assert words.word("reading t1", Facts(ds), "zh") == "很可能未完成"
