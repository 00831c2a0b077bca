"""What two places' sources let a reader compare: the same indicator, reported, in the same measure.

The comparison chapter sets Zhuzhou (a city) beside Yanfeng (a district of another city). Two
numbers are set side by side only if they are reported (not targets) for the same indicator with
the same kind, unit and, for a share, the same denominator; each such measure then gets a verdict
from two rules: a total over several years is not set beside a single year, and a count or an
amount measures the size of a place, so only a ratio compares a district with a city.
"""

from __future__ import annotations

import pandas as pd

from .load import Dataset

# Units whose values do not grow with the size of the place: percentages (of GDP, of a budget)
# and counts per head. Every other unit (counts, money, areas) measures size.
RATIO_UNITS = ("pct", "per_10k_people")
MEASURE = ["indicator", "kind", "unit", "share_of"]


def shared_indicators(ds: Dataset, a: str, b: str) -> list[str]:
    """Indicators with at least one row, of any kind, for both regions `a` and `b`."""
    obs = ds.observations
    return sorted(set(obs[obs.region == a].indicator) & set(obs[obs.region == b].indicator))


def verdict(rows: pd.DataFrame) -> str:
    """'span' (a multi-year total beside single years), 'ratio' or 'size', for the rows of one measure."""
    spans = rows.groupby("region").period.apply(lambda p: p.str.contains("/").any())
    if spans.nunique() > 1:
        return "span"
    return "ratio" if rows.unit.iloc[0] in RATIO_UNITS else "size"


def comparable(ds: Dataset, a: str, b: str) -> pd.DataFrame:
    """One line per measure reported for both `a` and `b`: its rows in each place and the verdict.

    Ratios first (they carry a comparison), then sizes, then multi-year totals; within each, by
    indicator id.
    """
    obs = ds.observations
    reported = obs[
        obs.region.isin([a, b]) & obs.indicator.isin(shared_indicators(ds, a, b)) & (obs.kind != "target")
    ]
    both = reported[reported.groupby(MEASURE).region.transform("nunique") == 2]
    out = []
    for (indicator, kind, unit, share_of), g in both.groupby(MEASURE):
        g = g.sort_values(["period", "id"])
        out.append(
            {
                "indicator": indicator,
                "kind": kind,
                "unit": unit,
                "share_of": share_of,
                "ids_a": tuple(g[g.region == a].id),
                "ids_b": tuple(g[g.region == b].id),
                "verdict": verdict(g),
            }
        )
    order = {"ratio": 0, "size": 1, "span": 2}
    frame = pd.DataFrame(out, columns=[*MEASURE, "ids_a", "ids_b", "verdict"])
    return frame.sort_values(
        ["verdict", "indicator"], key=lambda s: s.map(order) if s.name == "verdict" else s
    ).reset_index(drop=True)
