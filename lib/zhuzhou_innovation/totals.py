"""Totals the sources imply but never print: a printed part divided by its printed share.

Technology-contract turnover and its share of GDP imply GDP; an R&D spending goal and an R&D
intensity goal imply the GDP the plan assumes; an implied GDP and R&D intensity imply R&D spending.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .load import Dataset
from .ranges import bound_of_quotient, shown
from .rows import goal_rows, level_rows, lookup


def ratio_rows(ds: Dataset, basis: str = "reported") -> pd.DataFrame:
    """Every stated ratio as (numerator indicator, denominator indicator, percent).

    `reported`: shares (kind share) and ratio indicators such as R&D intensity (kind actual);
    `target`: share targets and level targets of ratio indicators.
    """
    obs = ds.observations
    ratio = ds.indicators.set_index("id")[["numerator", "denominator"]]
    is_ratio = obs.indicator.map(ratio["denominator"]).fillna("").ne("")
    if basis == "reported":
        shares = obs[obs.kind == "share"]
        rated = obs[(obs.kind == "actual") & is_ratio]
    else:
        shares = obs[(obs.kind == "target") & (obs.target_measure == "share")]
        rated = obs[(obs.kind == "target") & (obs.target_measure == "level") & is_ratio]
    shares = shares.assign(num=shares.indicator, den=shares.share_of)
    rated = rated.assign(
        num=rated.indicator.map(ratio["numerator"]), den=rated.indicator.map(ratio["denominator"])
    )
    return pd.concat([shares, rated])


def ratio_parts(
    ds: Dataset, s, basis: str, levels: pd.DataFrame | None = None, goals: pd.DataFrame | None = None
):
    """The numerator and denominator rows of a stated ratio (None where not printed); `levels` and
    `goals` (see `lookup_tables`) may be passed in when many ratios are looked up at once."""
    if levels is None or goals is None:
        levels, goals = lookup_tables(ds)
    if basis == "reported":
        num = lookup(levels, (s.num, s.region, s.period))
        if s.num == s.den:  # a share of the year's own target ("51.8% of the annual goal")
            den = lookup(goals, (s.den, s.region, s.period[:4]))
        else:
            den = lookup(levels, (s.den, s.region, s.period))
    else:
        num = lookup(goals, (s.num, s.region, s.period[:4]))
        den = lookup(goals, (s.den, s.region, s.period[:4]))
    if num is not None and num.id == s.id:
        num = None
    return num, den


def lookup_tables(ds: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Levels by (indicator, region, period) and level goals by (indicator, region, year)."""
    return level_rows(ds.observations).set_index(["indicator", "region", "period"]), goal_rows(
        ds.observations
    )


def implied_totals(ds: Dataset) -> pd.DataFrame:
    """Totals the sources imply: a printed numerator divided by its printed share.

    Two bases: `reported` numbers (technology-contract turnover and its share of GDP imply GDP)
    and `target` numbers (an R&D spending goal and an R&D intensity goal for the same year imply
    the GDP the plan assumes). Where the total itself is printed, it is given beside (`printed`).
    """
    out = []
    levels, goals = lookup_tables(ds)
    for basis in ("reported", "target"):
        for s in ratio_rows(ds, basis).itertuples():
            num, den = ratio_parts(ds, s, basis, levels, goals)
            if num is None or not s.value:
                continue
            qualifier = bound_of_quotient(num.qualifier, s.qualifier)
            if qualifier is None:
                continue
            implied = num.value / s.value * 100
            out.append(
                {
                    "basis": basis,
                    "id": s.id,
                    "numerator_id": num.id,
                    "source": s.source,
                    "region": s.region,
                    "period": s.period,
                    "total": s.den,
                    "numerator": s.num,
                    "numerator_value": num.value,
                    "numerator_qualifier": num.qualifier,
                    "unit": num.unit,
                    "ratio": s.value,
                    "ratio_qualifier": s.qualifier,
                    "flag": ", ".join(sorted({f for f in (num.flag, s.flag) if f})),
                    "implied": implied,
                    "implied_qualifier": qualifier,
                    "printed_id": "" if den is None else den.id,
                    "printed": np.nan if den is None else den.value,
                    "arithmetic": f"{shown(num.value, num.qualifier)} / "
                    f"{shown(s.value, s.qualifier)}% = {implied:,.1f}",
                }
            )
    return pd.DataFrame(
        out,
        columns=[
            "basis",
            "id",
            "numerator_id",
            "source",
            "region",
            "period",
            "total",
            "numerator",
            "numerator_value",
            "numerator_qualifier",
            "unit",
            "ratio",
            "ratio_qualifier",
            "flag",
            "implied",
            "implied_qualifier",
            "printed_id",
            "printed",
            "arithmetic",
        ],
    )


def implied_by_totals(ds: Dataset) -> pd.DataFrame:
    """What a reported implied total gives in turn, for the same region and period.

    With GDP implied for a year: a printed ratio whose numerator is not printed gives that
    numerator (R&D intensity gives R&D spending); a printed level of an indicator the sources
    state as a share of that total elsewhere, with no share printed for this year, gives its
    share (high-tech value added as a share of GDP). Only exact totals are used.
    """
    obs = ds.observations
    totals = implied_totals(ds)
    totals = totals[
        (totals.basis == "reported")
        & (totals.implied_qualifier == "")
        & totals.printed_id.eq("")
        & (totals.total != totals.numerator)
    ]
    stated = ratio_rows(ds)
    every = pd.concat([stated, ratio_rows(ds, "target")])
    units = ds.indicators.set_index("id")["unit"]
    levels = level_rows(obs)
    printed = levels.set_index(["indicator", "region", "period"])
    out = []
    for t in totals.itertuples():
        here = stated[(stated.den == t.total) & (stated.region == t.region) & (stated.period == t.period)]
        for s in here.itertuples():
            if s.id == t.id or lookup(printed, (s.num, s.region, s.period)) is not None:
                continue
            value = s.value / 100 * t.implied
            unit = units.get(s.num, t.unit)
            out.append(
                {
                    "total_id": t.id,
                    "total": t.total,
                    "total_value": t.implied,
                    "id": s.id,
                    "region": t.region,
                    "period": t.period,
                    "derived": "level",
                    "indicator": s.num,
                    "value": value,
                    "unit": unit,
                    "qualifier": s.qualifier,
                    "flag": s.flag,
                    "arithmetic": f"{shown(s.value, s.qualifier)}% × {t.implied:,.1f} = {value:,.1f}",
                }
            )
        # indicators ever stated as a share of this total, or numerators of a ratio over it
        parts = set(every[every.den == t.total].num) - {t.numerator}
        have_share = set(here.num)
        lv = levels[
            (levels.region == t.region)
            & (levels.period == t.period)
            & levels.indicator.isin(parts - have_share)
        ]
        for r in lv.itertuples():
            value = r.value / t.implied * 100
            out.append(
                {
                    "total_id": t.id,
                    "total": t.total,
                    "total_value": t.implied,
                    "id": r.id,
                    "region": t.region,
                    "period": t.period,
                    "derived": "share",
                    "indicator": r.indicator,
                    "value": value,
                    "unit": "pct",
                    "qualifier": r.qualifier,
                    "flag": r.flag,
                    "arithmetic": f"{shown(r.value, r.qualifier)} / {t.implied:,.1f} × 100 = {value:.2f}%",
                }
            )
    return pd.DataFrame(
        out,
        columns=[
            "total_id",
            "total",
            "total_value",
            "id",
            "region",
            "period",
            "derived",
            "indicator",
            "value",
            "unit",
            "qualifier",
            "flag",
            "arithmetic",
        ],
    )
