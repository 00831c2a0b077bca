"""One indicator over the years, and the indicators that recur across reports.

Every function works from the loaded rows alone, so a new report's rows update the series
with no change here.
"""

from __future__ import annotations

import pandas as pd

from .load import Dataset
from .periods import is_year, period_key
from .rows import with_sources


def series(ds: Dataset, indicator: str, region: str = "zhuzhou", kind: str = "actual") -> pd.DataFrame:
    """One indicator for one region over the years, one row per year.

    Where two reports give the same year, the later report's number is kept (it had better
    information); within one report an unflagged number beats a suspect one, and an exact one
    beats a bound ("over 1,100" beside 1,261). The others are listed in `also`. Years with no
    number are absent: a figure of the series draws them as gaps.
    """
    obs = ds.observations
    rows = obs[(obs.indicator == indicator) & (obs.region == region) & (obs.kind == kind)
               & is_year(obs.period)]
    if kind == "target":
        rows = rows[rows.target_measure == "level"]
    rows = with_sources(ds, rows).assign(clean=lambda d: d.flag == "", exact=lambda d: d.qualifier == "")
    rows = rows.sort_values(["period", "published", "clean", "exact", "id"])
    out = []
    for period, group in rows.groupby("period", sort=True):
        last = group.iloc[-1]
        others = group.iloc[:-1]
        out.append({
            "year": int(period), "value": last.value, "unit": last.unit, "qualifier": last.qualifier,
            "source": last.source, "id": last.id, "flag": last.flag,
            "also": ", ".join(f"{r.id}={r.value:g}" for r in others.itertuples()),
        })
    cols = ["year", "value", "unit", "qualifier", "source", "id", "flag", "also"]
    return pd.DataFrame(out, columns=cols)


def with_gaps(s: pd.DataFrame) -> pd.DataFrame:
    """The series with a row (value NaN) for every missing year between its first and last."""
    if s.empty:
        return s
    years = pd.RangeIndex(s.year.min(), s.year.max() + 1, name="year")
    return s.set_index("year").reindex(years).reset_index()


def recurring(ds: Dataset, region: str = "zhuzhou", min_periods: int = 2) -> pd.DataFrame:
    """The indicators a region's rows give for `min_periods` or more periods (any kind), with
    the periods reported as outcomes and those only targeted, most periods first."""
    obs = ds.observations[ds.observations.region == region]
    order = lambda ps: sorted(set(ps), key=period_key)  # noqa: E731
    out = []
    for indicator, rows in obs.groupby("indicator", sort=True):
        periods = order(rows.period)
        if len(periods) < min_periods:
            continue
        reported = order(rows[rows.kind != "target"].period)
        out.append({"indicator": indicator, "periods": periods, "reported": reported,
                    "targeted_only": [p for p in order(rows[rows.kind == "target"].period)
                                      if p not in reported],
                    "n_periods": len(periods)})
    frame = pd.DataFrame(out, columns=["indicator", "periods", "reported", "targeted_only", "n_periods"])
    return frame.sort_values(["n_periods", "indicator"], ascending=[False, True], ignore_index=True)
