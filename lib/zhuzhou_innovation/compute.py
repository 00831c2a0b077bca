"""The analysis the chapters share: series, targets against outcomes, and checks of the sources.

Every function takes the loaded Dataset and works from its rows alone, so a new report's rows
update the series, the scorecard and the checks with no change here.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .load import Dataset

_PERIOD = re.compile(r"^(\d{4})(?:Q([1-4])|H([12])|-(\d{2})|/(\d{4}))?$")


def period_key(period: str) -> float:
    """A sortable position on the time axis: the middle of the period, in years."""
    m = _PERIOD.match(period)
    if not m:
        raise ValueError(f"not a period: {period!r}")
    year = int(m.group(1))
    if m.group(2):
        return year + (int(m.group(2)) - 0.5) / 4
    if m.group(3):
        return year + (int(m.group(3)) - 0.5) / 2
    if m.group(4):
        return year + (int(m.group(4)) - 0.5) / 12
    if m.group(5):
        return (year + int(m.group(5))) / 2 + 0.5
    return year + 0.5


def is_year(period: pd.Series) -> pd.Series:
    """True where a period is a whole calendar year."""
    return period.str.fullmatch(r"\d{4}")


def _with_sources(ds: Dataset, obs: pd.DataFrame) -> pd.DataFrame:
    published = ds.sources.set_index("id")["published"]
    return obs.assign(published=obs["source"].map(published))


def series(ds: Dataset, indicator: str, region: str = "zhuzhou", kind: str = "actual") -> pd.DataFrame:
    """One indicator for one region over the years, one row per year.

    Where two reports give the same year, the later report's number is kept (it had better
    information) and the other is listed in `also`. Years with no number are absent: a figure
    of the series draws them as gaps.
    """
    obs = ds.observations
    rows = obs[(obs.indicator == indicator) & (obs.region == region) & (obs.kind == kind)
               & is_year(obs.period)]
    if kind == "target":
        rows = rows[rows.target_measure == "level"]
    rows = _with_sources(ds, rows).sort_values(["period", "published", "id"])
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


_MATCH_KIND = {"level": "actual", "growth": "growth", "share": "share", "rank": "rank"}
_MEASURE_WORDS = {"actual": "a level", "growth": "a growth rate", "share": "a share", "rank": "a rank"}


def _judge(kind: str, target: float, actual: float, qualifier: str) -> str:
    """Met or missed, or `not comparable` where a bound on the outcome cannot settle it.

    An outcome printed as "over X" is only known to exceed X, one printed "under X" only to fall
    below it; "about X" is taken as X. A rank is better when smaller.
    """
    if kind == "rank":
        if qualifier == "over":  # ranked below X: missed if X is already at or below the target
            return "missed" if actual >= target else "not comparable"
        return "met" if actual <= target else ("missed" if qualifier != "under" else "not comparable")
    if qualifier == "over":
        return "met" if actual >= target else "not comparable"
    if qualifier == "under":
        return "missed" if actual <= target else "not comparable"
    return "met" if actual >= target else "missed"


def scorecard(ds: Dataset) -> pd.DataFrame:
    """Every target beside the outcome a later report gave for the same year and measure.

    Status: `met`, `missed`, `not yet reported` (no later report speaks of that year), or
    `not comparable`, with the `reason`: the target or the outcome is flagged suspect, a later
    report gives the year only in another measure (a share where a growth rate was targeted),
    only an earlier report gives it, or the outcome is a bound ("over X") that cannot settle it.
    A rank target is met by a rank at least as high (a smaller number).
    """
    obs = _with_sources(ds, ds.observations)
    targets = obs[obs.kind == "target"]
    names = ds.indicators.set_index("id")["name_en"].to_dict()
    out = []
    for t in targets.itertuples():
        kind = _MATCH_KIND[t.target_measure]
        same = obs[(obs.indicator == t.indicator) & (obs.region == t.region)
                   & (obs.period == t.period) & (obs.kind != "target")]
        cands = same[same.kind == kind]
        if kind == "share":
            cands = cands[cands.share_of == t.share_of]
        later = cands[cands.published > t.published].sort_values(["published", "id"])
        other = same[(same.published > t.published) & ~same.id.isin(cands.id)].sort_values(["published", "id"])
        record = {"target_id": t.id, "indicator": t.indicator, "region": t.region,
                  "period": t.period, "measure": t.target_measure, "target": t.value,
                  "target_qualifier": t.qualifier, "target_flag": t.flag, "unit": t.unit,
                  "set_by": t.source, "actual_id": "", "actual": np.nan, "actual_qualifier": "",
                  "actual_kind": "", "actual_unit": "", "reported_by": "", "reason": ""}
        shown = later if not later.empty else other
        if not shown.empty:
            a = shown.iloc[-1]
            record.update(actual_id=a.id, actual=a.value, actual_qualifier=a.qualifier,
                          actual_kind=a.kind, actual_unit=a.unit, reported_by=a.source)
        if later.empty and not other.empty:
            a = other.iloc[-1]
            what = _MEASURE_WORDS[a.kind]
            if a.kind == "share":
                what += " of " + names.get(a.share_of, a.share_of)
            record.update(status="not comparable", reason=f"a later report gives only {what}, "
                                                          f"not {_MEASURE_WORDS[kind]}")
        elif later.empty and not cands.empty:
            record.update(status="not comparable", reason="only the same or an earlier report gives this year")
        elif later.empty:
            record["status"] = "not yet reported"
        elif a.flag == "suspect" or t.flag == "suspect":
            which = "outcome" if a.flag == "suspect" else "target"
            record.update(status="not comparable", reason=f"the {which} is flagged suspect")
        elif a.unit != t.unit:
            record.update(status="not comparable", reason=f"units differ ({t.unit}, {a.unit})")
        else:
            record["status"] = _judge(kind, t.value, a.value, a.qualifier)
            if record["status"] == "not comparable":
                record["reason"] = f"the outcome is printed as {a.qualifier} {a.value:g}, a bound that does not settle it"
        out.append(record)
    return pd.DataFrame(out, columns=[
        "target_id", "indicator", "region", "period", "measure", "target", "target_qualifier",
        "target_flag", "unit", "set_by", "actual_id", "actual", "actual_qualifier", "actual_kind",
        "actual_unit", "reported_by", "status", "reason"])


def _decimals(x: float) -> int:
    text = f"{x:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _verdict(stated: float, computed: float, tolerance: float) -> str:
    if np.isnan(computed):
        return "cannot check"
    return "consistent" if abs(stated - computed) <= tolerance else "inconsistent"


def _levels(obs: pd.DataFrame) -> pd.DataFrame:
    """Actual levels, one per (indicator, region, period), preferring unflagged rows."""
    lv = obs[obs.kind == "actual"].sort_values(["flag", "id"])
    return lv.drop_duplicates(["indicator", "region", "period"], keep="first")


def _prev_period(period: str) -> str | None:
    m = _PERIOD.match(period)
    if not m or m.group(5) or m.group(4):
        return None
    if m.group(2):
        return f"{int(m.group(1)) - 1}Q{m.group(2)}"
    if m.group(3):
        return f"{int(m.group(1)) - 1}H{m.group(3)}"
    return str(int(m.group(1)) - 1)


def recompute_growth(ds: Dataset) -> pd.DataFrame:
    """Every stated growth rate in percent beside the rate computed from two stated levels.

    The tolerance allows for the rounding of the printed numbers: half a unit of the last
    printed digit of the rate, plus what rounding the two levels can move the ratio.
    """
    obs = ds.observations
    levels = _levels(obs).set_index(["indicator", "region", "period"])
    out = []
    for g in obs[(obs.kind == "growth") & (obs.unit == "pct")].itertuples():
        prev = _prev_period(g.period)
        key_now, key_prev = (g.indicator, g.region, g.period), (g.indicator, g.region, prev)
        now = levels.loc[key_now] if key_now in levels.index else None
        before = levels.loc[key_prev] if prev and key_prev in levels.index else None
        computed, arithmetic, tol = np.nan, "", 0.0
        if now is not None and before is not None and before.value:
            computed = (now.value / before.value - 1) * 100
            arithmetic = f"({now.value:g} / {before.value:g} − 1) × 100 = {computed:.2f}%"
            rel = 0.5 * 10 ** -_decimals(now.value) / now.value + 0.5 * 10 ** -_decimals(before.value) / before.value
            tol = 0.5 * 10 ** -_decimals(g.value) + 100 * rel * (1 + computed / 100)
        out.append({"id": g.id, "source": g.source, "indicator": g.indicator, "region": g.region,
                    "period": g.period, "stated": g.value,
                    "level_id": "" if now is None else now.id,
                    "base_id": "" if before is None else before.id,
                    "computed": computed, "arithmetic": arithmetic,
                    "verdict": _verdict(g.value, computed, tol)})
    return pd.DataFrame(out, columns=["id", "source", "indicator", "region", "period", "stated",
                                      "level_id", "base_id", "computed", "arithmetic", "verdict"])


def _ratio_rows(ds: Dataset) -> pd.DataFrame:
    """Every stated ratio as (numerator indicator, denominator indicator, percent)."""
    obs = ds.observations
    ratio = ds.indicators.set_index("id")[["numerator", "denominator"]]
    shares = obs[obs.kind == "share"].assign(num=lambda d: d.indicator, den=lambda d: d.share_of)
    rated = obs[(obs.kind == "actual") & obs.indicator.map(ratio["denominator"]).fillna("").ne("")]
    rated = rated.assign(num=rated.indicator.map(ratio["numerator"]),
                         den=rated.indicator.map(ratio["denominator"]))
    return pd.concat([shares, rated])


def recompute_shares(ds: Dataset) -> pd.DataFrame:
    """Every stated share (or ratio indicator such as R&D intensity) checked against its levels.

    Where the numerator and denominator are both printed, the share is recomputed; where only
    the numerator is, the implied denominator is given (e.g. GDP implied by R&D spending and
    R&D intensity); where neither is, it cannot be checked.
    """
    levels = _levels(ds.observations).set_index(["indicator", "region", "period"])
    obs = ds.observations
    goals = obs[(obs.kind == "target") & (obs.target_measure == "level")]
    goals = goals.assign(year=goals.period.str[:4]).drop_duplicates(["indicator", "region", "year"])
    goals = goals.set_index(["indicator", "region", "year"])
    out = []
    for s in _ratio_rows(ds).itertuples():
        num = levels.loc[(s.num, s.region, s.period)] if (s.num, s.region, s.period) in levels.index else None
        if s.num == s.den:  # a share of the year's own target ("51.8% of the annual goal")
            key = (s.den, s.region, s.period[:4])
            den = goals.loc[key] if key in goals.index else None
        else:
            key = (s.den, s.region, s.period)
            den = levels.loc[key] if key in levels.index else None
        computed, implied, arithmetic = np.nan, np.nan, ""
        if num is not None and num.id != s.id and den is not None:
            computed = num.value / den.value * 100
            arithmetic = f"{num.value:g} / {den.value:g} × 100 = {computed:.2f}%"
        elif num is not None and num.id != s.id and s.value:
            implied = num.value / s.value * 100
            arithmetic = f"{num.value:g} / {s.value:g}% = {implied:,.1f}"
        tol = 0.5 * 10 ** -_decimals(s.value) + 0.01
        out.append({"id": s.id, "source": s.source, "indicator": s.indicator, "region": s.region,
                    "period": s.period, "stated": s.value, "numerator": s.num, "denominator": s.den,
                    "numerator_id": "" if num is None or num.id == s.id else num.id,
                    "denominator_id": "" if den is None else den.id,
                    "computed": computed, "implied_denominator": implied, "arithmetic": arithmetic,
                    "verdict": "implied total" if not np.isnan(implied)
                    else _verdict(s.value, computed, tol)})
    return pd.DataFrame(out, columns=["id", "source", "indicator", "region", "period", "stated",
                                      "numerator", "denominator", "numerator_id", "denominator_id",
                                      "computed", "implied_denominator", "arithmetic", "verdict"])


def contradictions(ds: Dataset) -> pd.DataFrame:
    """Numbers for the same thing (indicator, region, period, kind) that two reports give differently."""
    obs = ds.observations
    keys = ["indicator", "region", "period", "kind", "share_of", "target_measure"]
    out = []
    for key, group in obs.groupby(keys, sort=True):
        if group.source.nunique() < 2 or group.value.nunique() < 2:
            continue
        rows = group.sort_values("id")
        out.append(dict(zip(keys, key)) | {
            "ids": ", ".join(rows.id), "values": ", ".join(f"{v:g}" for v in rows.value),
            "sources": ", ".join(rows.source), "qualifiers": ", ".join(q or "exact" for q in rows.qualifier),
            "flags": ", ".join(f or "–" for f in rows.flag)})
    return pd.DataFrame(out, columns=keys + ["ids", "values", "sources", "qualifiers", "flags"])


def suspects(ds: Dataset) -> pd.DataFrame:
    """The rows flagged as likely typos or OCR slips, with the note that says why."""
    obs = ds.observations
    return obs[obs.flag == "suspect"][["id", "source", "indicator", "period", "value", "unit",
                                       "as_printed", "quote", "note"]]
