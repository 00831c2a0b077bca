"""Checks of the sources against themselves: recomputed growth rates and shares, suspect values,
targets set below what an earlier year already had."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .load import Dataset
from .periods import growth_periods, is_year, period_key
from .ranges import growth_range, interval, ratio_range, shown, verdict
from .rows import level_rows, with_sources
from .totals import implied_totals, lookup_tables, ratio_parts, ratio_rows


def recompute_growth(ds: Dataset) -> pd.DataFrame:
    """Every stated growth rate in percent beside the rate computed from two stated levels.

    Each printed number stands for a range (see `interval`: rounding, or a bound such as
    "over 900"); the verdict is `consistent` where the stated rate's range meets the range the
    two levels allow, `allowed_lo` to `allowed_hi` (`allowed_width` points wide, with its
    `allowed_working`): a check that almost any rate passes says little. Where the base is not
    printed, `implied_base` is the level the rate implies for it (end level / (1 + rate)), a bound
    if the end level is one.
    """
    obs = ds.observations
    levels = level_rows(obs).set_index(["indicator", "region", "period"])
    out = []
    for g in obs[(obs.kind == "growth") & (obs.unit == "pct")].itertuples():
        prev, end = growth_periods(g.period)
        key_now, key_prev = (g.indicator, g.region, end), (g.indicator, g.region, prev)
        now = levels.loc[key_now] if key_now in levels.index else None
        before = levels.loc[key_prev] if prev and key_prev in levels.index else None
        computed, arithmetic, implied, working = np.nan, "", np.nan, ""
        bounds: tuple[float, float] | None = None
        if now is not None and before is not None and before.value:
            computed = (now.value / before.value - 1) * 100
            arithmetic = (
                f"({shown(now.value, now.qualifier)} / {shown(before.value, before.qualifier)}"
                f" − 1) × 100 = {computed:.2f}%"
            )
            lo_hi, base = interval(now.value, now.qualifier), interval(before.value, before.qualifier)
            bounds = growth_range(lo_hi, base)
            working = (
                f"({lo_hi[0]:g} / {base[1]:g} − 1) × 100 = {bounds[0]:.2f}% to "
                f"({lo_hi[1]:g} / {base[0]:g} − 1) × 100 = {bounds[1]:.2f}%"
            )
        if now is not None:
            implied = now.value / (1 + g.value / 100)
        out.append(
            {
                "id": g.id,
                "source": g.source,
                "indicator": g.indicator,
                "region": g.region,
                "period": g.period,
                "stated": g.value,
                "qualifier": g.qualifier,
                "level_id": "" if now is None else now.id,
                "base_id": "" if before is None else before.id,
                "base_period": prev or "",
                "level": np.nan if now is None else now.value,
                "level_qualifier": "" if now is None else now.qualifier,
                "computed": computed,
                "arithmetic": arithmetic,
                "verdict": verdict(interval(g.value, g.qualifier), bounds),
                "implied_base": implied,
                "allowed_lo": np.nan if bounds is None else bounds[0],
                "allowed_hi": np.nan if bounds is None else bounds[1],
                "allowed_width": np.nan if bounds is None else bounds[1] - bounds[0],
                "allowed_working": working,
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "id",
            "source",
            "indicator",
            "region",
            "period",
            "stated",
            "qualifier",
            "level_id",
            "base_id",
            "base_period",
            "level",
            "level_qualifier",
            "computed",
            "arithmetic",
            "verdict",
            "implied_base",
            "allowed_lo",
            "allowed_hi",
            "allowed_width",
            "allowed_working",
        ],
    )


def recompute_shares(ds: Dataset) -> pd.DataFrame:
    """Every stated share (or ratio indicator such as R&D intensity) checked against its levels.

    Where the numerator and denominator are both printed, the share is recomputed and judged
    with the ranges the printed numbers stand for (so "过半", over 50%, agrees with 51.8%);
    where only the numerator is, the implied denominator is given (e.g. GDP implied by
    technology-contract turnover and its share of GDP); where neither is, it cannot be checked.
    """
    out = []
    levels, goals = lookup_tables(ds)
    for s in ratio_rows(ds).itertuples():
        num, den = ratio_parts(ds, s, "reported", levels, goals)
        computed, implied, arithmetic, bounds = np.nan, np.nan, "", None
        if num is not None and den is not None:
            computed = num.value / den.value * 100
            arithmetic = (
                f"{shown(num.value, num.qualifier)} / {shown(den.value, den.qualifier)}"
                f" × 100 = {computed:.2f}%"
            )
            lo, hi = ratio_range(interval(num.value, num.qualifier), interval(den.value, den.qualifier))
            bounds = (lo * 100, hi * 100)
        elif num is not None and s.value:
            implied = num.value / s.value * 100
            arithmetic = (
                f"{shown(num.value, num.qualifier)} / {shown(s.value, s.qualifier)}% = {implied:,.1f}"
            )
        out.append(
            {
                "id": s.id,
                "source": s.source,
                "indicator": s.indicator,
                "region": s.region,
                "period": s.period,
                "stated": s.value,
                "qualifier": s.qualifier,
                "numerator": s.num,
                "denominator": s.den,
                "numerator_id": "" if num is None else num.id,
                "denominator_id": "" if den is None else den.id,
                "computed": computed,
                "implied_denominator": implied,
                "arithmetic": arithmetic,
                "verdict": "implied total"
                if not np.isnan(implied)
                else verdict(interval(s.value, s.qualifier), bounds),
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "id",
            "source",
            "indicator",
            "region",
            "period",
            "stated",
            "qualifier",
            "numerator",
            "denominator",
            "numerator_id",
            "denominator_id",
            "computed",
            "implied_denominator",
            "arithmetic",
            "verdict",
        ],
    )


def targets_below_earlier(ds: Dataset) -> pd.DataFrame:
    """Level targets set below a number that an earlier year already had, reported or targeted.

    Not a contradiction by itself: the target may count a yearly flow where the earlier number
    is a stock, or the plan may have been scaled back. Either way the words or the ambition
    changed, and a reader comparing the reports should know.
    """
    obs = with_sources(ds, ds.observations)
    yearly = obs[is_year(obs.period)]
    levels = yearly[
        (yearly.kind == "actual") | ((yearly.kind == "target") & (yearly.target_measure == "level"))
    ]
    out = []
    for t in levels[levels.kind == "target"].itertuples():
        earlier = levels[
            (levels.indicator == t.indicator)
            & (levels.region == t.region)
            & (levels.period < t.period)
            & (levels.value > t.value)
        ].sort_values(["period", "id"])
        if earlier.empty:
            continue
        out.append(
            {
                "id": t.id,
                "source": t.source,
                "indicator": t.indicator,
                "region": t.region,
                "period": t.period,
                "target": t.value,
                "qualifier": t.qualifier,
                "unit": t.unit,
                "flag": t.flag,
                "earlier_ids": ", ".join(earlier.id),
                "earlier": ", ".join(
                    f"{r.period} {'target' if r.kind == 'target' else 'reported'} "
                    f"{shown(r.value, r.qualifier)}{' (suspect)' if r.flag else ''}"
                    for r in earlier.itertuples()
                ),
                "highest_unflagged": earlier[earlier.flag == ""].value.max(),
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "id",
            "source",
            "indicator",
            "region",
            "period",
            "target",
            "qualifier",
            "unit",
            "flag",
            "earlier_ids",
            "earlier",
            "highest_unflagged",
        ],
    )


_PROBABLY = re.compile(r"(?:[Pp]robably|[Pp]ossibly a slip for)\s+(?:about\s+)?([^\s(:;,]+)")


def suspects(ds: Dataset) -> pd.DataFrame:
    """The rows flagged as likely typos or OCR slips, with the note that says why.

    `probably` is the reading the note proposes ("Probably 8.99亿元 ..."); two yardsticks help
    judge it: `peer_median`, the median of the unflagged numbers for the same indicator, region
    and unit in any report, with `peer_ratio` (a ratio near ten or a hundred suggests a lost
    decimal point), and for money `gdp_share`, the value as a percentage of the GDP implied
    for the region in the nearest year (see `implied_totals`).
    """
    obs = ds.observations
    rows = obs[obs.flag == "suspect"][
        [
            "id",
            "source",
            "indicator",
            "region",
            "period",
            "kind",
            "value",
            "unit",
            "as_printed",
            "quote",
            "note",
        ]
    ].copy()
    rows["probably"] = [m.group(1).rstrip(".") if (m := _PROBABLY.search(n)) else "" for n in rows.note]
    clean = obs[(obs.flag == "") & obs.kind.isin(["actual", "target"])]
    clean = clean[(clean.kind == "actual") | (clean.target_measure == "level")]
    peers = [
        clean[(clean.indicator == r.indicator) & (clean.region == r.region) & (clean.unit == r.unit)].value
        for r in rows.itertuples()
    ]
    rows["peer_ids"] = [", ".join(clean.loc[p.index, "id"]) for p in peers]
    rows["peer_median"] = [p.median() if len(p) else np.nan for p in peers]
    rows["peer_ratio"] = rows.value / rows.peer_median
    gdp = implied_totals(ds)
    gdp = gdp[(gdp.basis == "reported") & (gdp.total == "gdp") & (gdp.implied_qualifier == "")]
    shares = []
    for r in rows.itertuples():
        here = gdp[gdp.region == r.region]
        if r.unit != "100m_cny" or here.empty:
            shares.append(np.nan)
            continue
        nearest = here.iloc[(here.period.map(period_key) - period_key(r.period)).abs().argsort().iloc[0]]
        shares.append(r.value / nearest.implied * 100)
    rows["gdp_share"] = shares
    return rows


# The kinds of source check, in the order the source-check chapter takes them, with their names.
KINDS = {
    "growth rates": ("Growth rates against their levels", "增速与水平值"),
    "shares": ("Shares against their parts", "占比与其分子分母"),
    "implied totals": ("Totals implied by a part and its share", "由部分与占比推算的总量"),
    "suspects": ("Suspect values (lost decimal points)", "存疑数值（丢失小数点）"),
    "screen": ("Plausibility screen", "量级筛查"),
    "printed twice": ("Numbers printed more than once", "多次出现的数字"),
    "targets below": ("Targets below an earlier number", "低于此前数字的目标"),
    "parts and wholes": ("Parts against wholes", "部分与整体"),
    "counts across reports": ("Counts across reports", "跨报告的计数"),
    "tallies against targets": ("Tallies against targets", "分项与目标"),
    "pledges in one text": ("Two pledges in one text", "同一文本中的两项承诺"),
    "concentration": ("Concentration", "集中度"),
    "similar names": ("Measures with similar names", "名称相近的指标"),
}


def inventory(ds: Dataset) -> pd.DataFrame:
    """Every source check the book makes, one row each: its kind, the rows it rests on and its
    outcome (`holds`, `fails` or `open`: cannot be checked, not comparable, to be judged)."""
    from . import plausibility, reconcile, repeats

    def outcome(verdict: str) -> str:
        return reconcile.OUTCOME.get(verdict, "open")

    out: list[dict] = []

    def add(kind: str, ids, result: str) -> None:
        out.append({"kind": kind, "ids": ", ".join(i for i in ids if i), "outcome": result})

    for r in recompute_growth(ds).itertuples():
        add("growth rates", [r.id, r.level_id, r.base_id], outcome(r.verdict))
    for r in recompute_shares(ds).itertuples():
        add("shares", [r.id, r.numerator_id, r.denominator_id], outcome(r.verdict))
    for r in implied_totals(ds).itertuples():
        if r.printed_id:
            printed = ds.observations.set_index("id").loc[r.printed_id]
            lo, hi = interval(printed.value, printed.qualifier)
            result = (
                "holds"
                if (r.implied_qualifier == "under" and r.implied >= lo)
                or lo <= r.implied <= hi
                or (r.implied_qualifier == "over" and r.implied <= hi)
                else "fails"
            )
        else:
            result = "open"
        add("implied totals", [r.id, r.numerator_id, r.printed_id], result)
    for r in suspects(ds).itertuples():
        add("suspects", [r.id], "fails")
    for r in plausibility.screen(ds).itertuples():
        add("screen", [r.id, "" if r.other_id == "gdp" else r.other_id], "holds" if r.judged else "open")
    groups = pd.concat(
        [repeats.contradictions(ds), repeats.near_contradictions(ds), repeats.restatements(ds)]
    )
    for r in groups.itertuples():
        add("printed twice", r.ids.split(", "), outcome(r.verdict))
    for r in targets_below_earlier(ds).itertuples():
        add("targets below", [r.id, *r.earlier_ids.split(", ")], "open")
    for r in reconcile.reconciliations(ds).itertuples():
        add(r.kind, r.ids.split(", "), outcome(r.verdict))
    return pd.DataFrame(out, columns=["kind", "ids", "outcome"])


def inventory_summary(ds: Dataset) -> pd.DataFrame:
    """The checks counted by kind and outcome, in the chapter's order."""
    inv = inventory(ds)
    counts = pd.crosstab(inv.kind, inv.outcome).reindex(columns=["holds", "fails", "open"], fill_value=0)
    counts["checks"] = counts.sum(axis=1)
    counts = counts.reindex([k for k in KINDS if k in counts.index])
    return counts.reset_index()[["kind", "checks", "holds", "fails", "open"]]
