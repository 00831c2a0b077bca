"""Numbers printed more than once: where reports agree, differ, or cannot all hold."""

from __future__ import annotations

import pytest
from datacopy import add_row, made_up_level
from zhuzhou_innovation import repeats
from zhuzhou_innovation.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_two_reports_that_print_different_exact_numbers_contradict(data_copy):
    add_row(
        data_copy,
        **made_up_level("zz2022-099", "zz2022", "tech_contract_turnover", "2021", "210", "100m_cny"),
    )
    found = repeats.contradictions(load_dataset(data_copy))
    assert list(found.ids) == ["zz2021-044, zz2022-099"]
    assert found.verdict.iloc[0] == "cannot all hold"


def test_a_bound_that_another_report_satisfies_is_listed_but_can_hold(data_copy):
    add_row(
        data_copy,
        **made_up_level(
            "zz2022-099", "zz2022", "tech_contract_turnover", "2021", "200", "100m_cny", qualifier="over"
        ),
    )
    found = repeats.contradictions(load_dataset(data_copy))
    assert found.verdict.tolist() == ["can all hold"]


def test_identical_numbers_in_two_reports_are_restatements_not_contradictions(ds):
    assert "zz2021-050, zz2022q1-005" not in set(repeats.contradictions(ds).ids)
    assert "zz2021-050, zz2022q1-005" in set(repeats.restatements(ds).ids)


def test_near_contradictions_within_a_report_are_judged_by_their_ranges(ds):
    near = repeats.near_contradictions(ds).set_index("ids")
    assert near.loc["zz2022-047, zz2022-048", "verdict"] == "cannot all hold"  # 32% and 3.4%
    assert near.loc["zz2022-003, zz2022-024", "verdict"] == "can all hold"  # over 1,100 and 1,261
    assert near.loc["zz2022-003, zz2022-024", "same_report"]
