"""Row selections the computations share: levels and goals, one per indicator, region and period."""

from __future__ import annotations

import pandas as pd

from .load import Dataset


def with_sources(ds: Dataset, obs: pd.DataFrame) -> pd.DataFrame:
    published = ds.sources.set_index("id")["published"]
    return obs.assign(published=obs["source"].map(published))


def level_rows(obs: pd.DataFrame) -> pd.DataFrame:
    """Actual levels, one per (indicator, region, period), preferring unflagged rows."""
    lv = obs[obs.kind == "actual"].sort_values(["flag", "id"])
    return lv.drop_duplicates(["indicator", "region", "period"], keep="first")


def goal_rows(obs: pd.DataFrame) -> pd.DataFrame:
    """Level targets, one per (indicator, region, year), indexed for look-up."""
    goals = obs[(obs.kind == "target") & (obs.target_measure == "level")].sort_values(["flag", "id"])
    goals = goals.assign(year=goals.period.str[:4]).drop_duplicates(["indicator", "region", "year"])
    return goals.set_index(["indicator", "region", "year"])


def lookup(table: pd.DataFrame, key: tuple):
    return table.loc[key] if key in table.index else None
