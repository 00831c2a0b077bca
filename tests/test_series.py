"""Series: one indicator over the years, the recurring indicators, gaps shown as gaps; where a line
may join two numbers, and when an R&D figure may be the year before's."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from tiny import dataset, row, source
from zhuzhou_innovation import quantities, series
from zhuzhou_innovation.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


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


def test_series_prefers_unflagged_then_exact_rows_within_a_report():
    from zhuzhou_innovation.load import load_dataset as _load

    ds = _load()
    targets = series.series(ds, "rd_intensity", kind="target").set_index("year")
    assert targets.loc[2023, "id"] == "zz2022-048"       # 3.4%, not the suspect 32% (zz2022-047)
    smes = series.series(ds, "tech_smes").set_index("year")
    assert smes.loc[2022, "id"] == "zz2022-024"          # 1261, not "over 1100" (zz2022-003)


# --- breaks, the publication lag, the R&D rank streak (small made-up data) ---

SOURCES = [source("r21", "2022-03"), source("q22", "2022-04-28", "news"), source("r22", "2023-03")]


def test_a_suspect_value_breaks_the_line_on_both_sides():
    ds = dataset([row("a", "r21", "tech_smes", "2021", 100), row("b", "r22", "tech_smes", "2022", 9000, flag="suspect"),
                  row("c", "r22", "tech_smes", "2023", 130)], SOURCES)
    s = series.series(ds, "tech_smes").set_index("year")
    assert list(s.break_before) == [False, True, True]


def test_two_rows_that_count_different_things_are_not_joined(monkeypatch):
    ds = dataset([row("a", "r21", "st_commissioners", "2021", 331, quote="选派各级科技特派员331名"),
                  row("b", "r22", "st_commissioners", "2022", 379, quote="选派379名科技特派员")], SOURCES)
    monkeypatch.setattr(series, "BREAKS", (series.Break("a", "b", ("各级", "选派379名"), "all levels", "各级"),))
    s = series.series(ds, "st_commissioners")
    assert list(s.break_before) == [False, True]
    assert series.followable(ds, "st_commissioners") == {"how": "break", "years": [2021, 2022],
                                                          "reason_en": "all levels", "reason_zh": "各级"}


def test_a_break_whose_words_left_the_quote_is_refused(monkeypatch):
    """A break rests on what the quotes print: when a quote no longer says it, someone must look again."""
    ds = dataset([row("a", "r21", "st_commissioners", "2021", 331, quote="选派科技特派员331名"),
                  row("b", "r22", "st_commissioners", "2022", 379, quote="选派379名科技特派员")], SOURCES)
    monkeypatch.setattr(series, "BREAKS", (series.Break("a", "b", ("各级", "选派379名"), "all levels", "各级"),))
    with pytest.raises(ValueError, match="no longer prints '各级'"):
        series.series(ds, "st_commissioners")


def test_every_break_of_the_library_rests_on_its_quotes():
    ds = load_dataset()
    assert len(series._breaks(ds)) == len(series.BREAKS)  # every break's rows are in the data, words in quotes


@pytest.mark.parametrize("published, period, early", [
    ("2022-03", "2021", True), ("2022-04-28", "2019/2021", True), ("2023-03", "2022", True),
    ("2022-10", "2021", False), ("2023-03", "2021", False), ("2022", "2021", True),
])
def test_an_rd_figure_printed_before_the_autumn_after_its_year_may_be_the_year_befores(published, period, early):
    assert series.printed_before_final(published, period) is early


def test_only_rd_outcomes_carry_the_publication_lag_never_targets():
    rows = [row("a", "r21", "rd_intensity", "2021", 3.27, "pct"), row("b", "r21", "tech_smes", "2021", 100),
            row("c", "r21", "rd_intensity", "2022", 3.4, "pct", kind="target")]
    ds = dataset(rows, SOURCES)
    assert list(series.may_be_year_before(ds, ds.observations)) == [True, False, False]


def _streak_data() -> object:
    return dataset([
        row("s1", "r21", "rd_intensity", "2021", 1, "rank", kind="rank", quote="全社会研发投入强度 3.27% 连续三年 全省第一"),
        row("s2", "q22", "rd_intensity", "2019/2021", 1, "rank", kind="rank", quote="研发投入强度已连续三年居全省第一"),
        row("s3", "r22", "rd_intensity", "2022", 1, "rank", kind="rank", quote="研发投入占比连续4年居全省第一"),
        row("s4", "q22", "rd_intensity", "2021", 1, "rank", kind="rank", quote="研发投入强度继续稳居全省第一"),
    ], SOURCES)


def test_each_reading_applied_to_every_report_gives_one_first_year():
    st = series.rank_streaks(_streak_data())
    assert list(st.id) == ["s1", "s2", "s3"]            # a rank with no run printed is not a streak
    assert list(st.years_running) == [3, 3, 4]
    assert series.streak_starts(st, "as recorded") == [2019]
    assert series.streak_starts(st, "publication lag") == [2018]


def test_mixing_the_readings_makes_the_reports_disagree():
    """The mended argument: the lag applied to the April page alone (and not to the 2022 review)
    starts one run in 2018 and another in 2019, a contradiction the reports do not contain."""
    st = series.rank_streaks(_streak_data()).set_index("id")
    mixed = {st.first_lagged["s2"], st.first_as_recorded["s3"]}
    assert mixed == {2018, 2019}


@pytest.mark.parametrize("text, n", [("连续三年", 3), ("连续4年", 4), ("连续十年", 10), ("连续十二年", 12),
                                     ("连续二十年", 20), ("稳居第一", None)])
def test_years_running_reads_digits_and_chinese_numerals(text, n):
    assert series._years_running(text) == n


def test_followable_tells_a_line_from_bounds_and_a_single_year():
    ds = dataset([row("a", "r21", "tech_smes", "2021", 100), row("b", "r22", "tech_smes", "2022", 130),
                  row("c", "r21", "high_tech_enterprises", "2021", 900, qualifier="over"),
                  row("d", "r22", "high_tech_enterprises", "2022", 1100, qualifier="over"),
                  row("e", "r21", "tech_contract_turnover", "2021", 206.2, "100m_cny")], SOURCES)
    assert series.followable(ds, "tech_smes")["how"] == "line"
    assert series.followable(ds, "high_tech_enterprises")["how"] == "bounds"
    assert series.followable(ds, "tech_contract_turnover")["how"] == "one year"


def test_every_quantity_built_on_an_rd_figure_printed_early_carries_a_caveat():
    """The data-year caveat travels with 3.27%: every derived number whose value moves when such a
    figure moves says so (counts, of rows or of checks, need none)."""
    ds = load_dataset()
    before = quantities.compute_all(ds)
    lagged = series.may_be_year_before(ds, ds.observations)
    obs = ds.observations.copy()
    obs.loc[lagged, "value"] *= 1.1  # in memory: the loader would refuse a value its print contradicts
    after = quantities.compute_all(replace(ds, observations=obs))
    moved = [n for n in before if not math.isclose(before[n].value, after[n].value) and before[n].unit != "count"]
    assert "rd-spending-2021-implied" in moved
    assert [n for n in moved if not (before[n].caveat_en and before[n].caveat_zh)] == []
