"""Series: one indicator over the years, the recurring indicators, gaps shown as gaps."""

from __future__ import annotations

import numpy as np
import pytest
from zhuzhou_innovation import series
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
