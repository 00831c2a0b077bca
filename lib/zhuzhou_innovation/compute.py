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
    information); within one report an unflagged number beats a suspect one, and an exact one
    beats a bound ("over 1,100" beside 1,261). The others are listed in `also`. Years with no
    number are absent: a figure of the series draws them as gaps.
    """
    obs = ds.observations
    rows = obs[(obs.indicator == indicator) & (obs.region == region) & (obs.kind == kind)
               & is_year(obs.period)]
    if kind == "target":
        rows = rows[rows.target_measure == "level"]
    rows = _with_sources(ds, rows).assign(clean=lambda d: d.flag == "", exact=lambda d: d.qualifier == "")
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


def _interval(value: float, qualifier: str = "") -> tuple[float, float]:
    """The range a printed number stands for.

    An exact number stands for half a unit of its last printed digit either side (3.27 for
    3.265 to 3.275); "over X" for X and above, "under X" for X and below; "about X" for X give
    or take five percent (the sources' 左右 and 约 are loose).
    """
    if qualifier == "over":
        return value, np.inf
    if qualifier == "under":
        return -np.inf, value
    half = 0.5 * 10 ** -_decimals(value)
    spread = 0.05 * abs(value) if qualifier == "about" else 0.0
    return value - half - spread, value + half + spread


def _ratio_range(num: tuple[float, float], den: tuple[float, float]) -> tuple[float, float]:
    """The range of num / den for positive quantities in the given ranges."""
    (a1, a2), (b1, b2) = num, den
    a1, b1 = max(a1, 0.0), max(b1, 0.0)
    lo = 0.0 if b2 == np.inf else a1 / b2
    hi = np.inf if b1 == 0 or a2 == np.inf else a2 / b1
    return lo, hi


def _verdict(stated: tuple[float, float], computed: tuple[float, float] | None) -> str:
    """`consistent` where the stated and the computed ranges meet, `cannot check` where nothing
    is computed or the computed range is unbounded both ways (two bounds settle nothing)."""
    if computed is None or (computed[0] <= 0 and computed[1] == np.inf):
        return "cannot check"
    return "consistent" if stated[0] <= computed[1] and computed[0] <= stated[1] else "inconsistent"


_SIGN = {"over": "≥", "under": "≤", "about": "≈", "": ""}


def _shown(value: float, qualifier: str = "") -> str:
    """A number in an arithmetic line, with its qualifier as a sign: ≥900 for "over 900"."""
    return f"{_SIGN[qualifier or '']}{value:g}"


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


def _growth_periods(period: str) -> tuple[str | None, str]:
    """The periods of the base and the end level of a growth rate stated for `period`.

    A span such as 2016/2020 ("from 70 to 180 hundred million yuan, up 157%") runs from the end
    of the year before it starts (2015) to the end of its last year (2020); any other period
    grows on the same period a year earlier.
    """
    m = _PERIOD.match(period)
    if m and m.group(5):
        return str(int(m.group(1)) - 1), m.group(5)
    return _prev_period(period), period


def recompute_growth(ds: Dataset) -> pd.DataFrame:
    """Every stated growth rate in percent beside the rate computed from two stated levels.

    Each printed number stands for a range (see `_interval`: rounding, or a bound such as
    "over 900"); the verdict is `consistent` where the stated rate's range meets the range the
    two levels allow. Where the base is not printed, `implied_base` is the level the rate
    implies for it (end level / (1 + rate)), a bound if the end level is one.
    """
    obs = ds.observations
    levels = _levels(obs).set_index(["indicator", "region", "period"])
    out = []
    for g in obs[(obs.kind == "growth") & (obs.unit == "pct")].itertuples():
        prev, end = _growth_periods(g.period)
        key_now, key_prev = (g.indicator, g.region, end), (g.indicator, g.region, prev)
        now = levels.loc[key_now] if key_now in levels.index else None
        before = levels.loc[key_prev] if prev and key_prev in levels.index else None
        computed, arithmetic, bounds, implied = np.nan, "", None, np.nan
        if now is not None and before is not None and before.value:
            computed = (now.value / before.value - 1) * 100
            arithmetic = (f"({_shown(now.value, now.qualifier)} / {_shown(before.value, before.qualifier)}"
                          f" − 1) × 100 = {computed:.2f}%")
            lo, hi = _ratio_range(_interval(now.value, now.qualifier), _interval(before.value, before.qualifier))
            bounds = ((lo - 1) * 100, (hi - 1) * 100)
        if now is not None:
            implied = now.value / (1 + g.value / 100)
        out.append({"id": g.id, "source": g.source, "indicator": g.indicator, "region": g.region,
                    "period": g.period, "stated": g.value, "qualifier": g.qualifier,
                    "level_id": "" if now is None else now.id,
                    "base_id": "" if before is None else before.id, "base_period": prev or "",
                    "level": np.nan if now is None else now.value,
                    "level_qualifier": "" if now is None else now.qualifier,
                    "computed": computed, "arithmetic": arithmetic,
                    "verdict": _verdict(_interval(g.value, g.qualifier), bounds),
                    "implied_base": implied})
    return pd.DataFrame(out, columns=["id", "source", "indicator", "region", "period", "stated", "qualifier",
                                      "level_id", "base_id", "base_period", "level", "level_qualifier", "computed",
                                      "arithmetic", "verdict", "implied_base"])


def _ratio_rows(ds: Dataset, basis: str = "reported") -> pd.DataFrame:
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
    rated = rated.assign(num=rated.indicator.map(ratio["numerator"]),
                         den=rated.indicator.map(ratio["denominator"]))
    return pd.concat([shares, rated])


def _goals(obs: pd.DataFrame) -> pd.DataFrame:
    """Level targets, one per (indicator, region, year), indexed for look-up."""
    goals = obs[(obs.kind == "target") & (obs.target_measure == "level")].sort_values(["flag", "id"])
    goals = goals.assign(year=goals.period.str[:4]).drop_duplicates(["indicator", "region", "year"])
    return goals.set_index(["indicator", "region", "year"])


def _lookup(table: pd.DataFrame, key: tuple):
    return table.loc[key] if key in table.index else None


def _ratio_parts(ds: Dataset, s, basis: str):
    """The numerator and denominator rows of a stated ratio (None where not printed)."""
    levels = _levels(ds.observations).set_index(["indicator", "region", "period"])
    goals = _goals(ds.observations)
    if basis == "reported":
        num = _lookup(levels, (s.num, s.region, s.period))
        if s.num == s.den:  # a share of the year's own target ("51.8% of the annual goal")
            den = _lookup(goals, (s.den, s.region, s.period[:4]))
        else:
            den = _lookup(levels, (s.den, s.region, s.period))
    else:
        num = _lookup(goals, (s.num, s.region, s.period[:4]))
        den = _lookup(goals, (s.den, s.region, s.period[:4]))
    if num is not None and num.id == s.id:
        num = None
    return num, den


def recompute_shares(ds: Dataset) -> pd.DataFrame:
    """Every stated share (or ratio indicator such as R&D intensity) checked against its levels.

    Where the numerator and denominator are both printed, the share is recomputed and judged
    with the ranges the printed numbers stand for (so "过半", over 50%, agrees with 51.8%);
    where only the numerator is, the implied denominator is given (e.g. GDP implied by
    technology-contract turnover and its share of GDP); where neither is, it cannot be checked.
    """
    out = []
    for s in _ratio_rows(ds).itertuples():
        num, den = _ratio_parts(ds, s, "reported")
        computed, implied, arithmetic, bounds = np.nan, np.nan, "", None
        if num is not None and den is not None:
            computed = num.value / den.value * 100
            arithmetic = (f"{_shown(num.value, num.qualifier)} / {_shown(den.value, den.qualifier)}"
                          f" × 100 = {computed:.2f}%")
            lo, hi = _ratio_range(_interval(num.value, num.qualifier), _interval(den.value, den.qualifier))
            bounds = (lo * 100, hi * 100)
        elif num is not None and s.value:
            implied = num.value / s.value * 100
            arithmetic = f"{_shown(num.value, num.qualifier)} / {_shown(s.value, s.qualifier)}% = {implied:,.1f}"
        out.append({"id": s.id, "source": s.source, "indicator": s.indicator, "region": s.region,
                    "period": s.period, "stated": s.value, "qualifier": s.qualifier,
                    "numerator": s.num, "denominator": s.den,
                    "numerator_id": "" if num is None else num.id,
                    "denominator_id": "" if den is None else den.id,
                    "computed": computed, "implied_denominator": implied, "arithmetic": arithmetic,
                    "verdict": "implied total" if not np.isnan(implied)
                    else _verdict(_interval(s.value, s.qualifier), bounds)})
    return pd.DataFrame(out, columns=["id", "source", "indicator", "region", "period", "stated", "qualifier",
                                      "numerator", "denominator", "numerator_id", "denominator_id",
                                      "computed", "implied_denominator", "arithmetic", "verdict"])


_FLIP = {"over": "under", "under": "over", "about": "about", "": ""}


def _bound_of_quotient(num_q: str, ratio_q: str) -> str | None:
    """The qualifier of numerator / share: over if the numerator is over or the share under;
    None where the two pull different ways and the quotient is not bounded."""
    a, b = num_q or "", _FLIP[ratio_q or ""]
    if not a or not b:
        return a or b
    return a if a == b else None


def implied_totals(ds: Dataset) -> pd.DataFrame:
    """Totals the sources imply: a printed numerator divided by its printed share.

    Two bases: `reported` numbers (technology-contract turnover and its share of GDP imply GDP)
    and `target` numbers (an R&D spending goal and an R&D intensity goal for the same year imply
    the GDP the plan assumes). Where the total itself is printed, it is given beside (`printed`).
    """
    out = []
    for basis in ("reported", "target"):
        for s in _ratio_rows(ds, basis).itertuples():
            num, den = _ratio_parts(ds, s, basis)
            if num is None or not s.value:
                continue
            qualifier = _bound_of_quotient(num.qualifier, s.qualifier)
            if qualifier is None:
                continue
            implied = num.value / s.value * 100
            out.append({"basis": basis, "id": s.id, "numerator_id": num.id, "source": s.source,
                        "region": s.region, "period": s.period, "total": s.den,
                        "numerator": s.num, "numerator_value": num.value,
                        "numerator_qualifier": num.qualifier, "unit": num.unit,
                        "ratio": s.value, "ratio_qualifier": s.qualifier, "flag": ", ".join(
                            sorted({f for f in (num.flag, s.flag) if f})),
                        "implied": implied, "implied_qualifier": qualifier,
                        "printed_id": "" if den is None else den.id,
                        "printed": np.nan if den is None else den.value,
                        "arithmetic": f"{_shown(num.value, num.qualifier)} / "
                                      f"{_shown(s.value, s.qualifier)}% = {implied:,.1f}"})
    return pd.DataFrame(out, columns=[
        "basis", "id", "numerator_id", "source", "region", "period", "total", "numerator",
        "numerator_value", "numerator_qualifier", "unit", "ratio", "ratio_qualifier", "flag",
        "implied", "implied_qualifier", "printed_id", "printed", "arithmetic"])


def implied_by_totals(ds: Dataset) -> pd.DataFrame:
    """What a reported implied total gives in turn, for the same region and period.

    With GDP implied for a year: a printed ratio whose numerator is not printed gives that
    numerator (R&D intensity gives R&D spending); a printed level of an indicator the sources
    state as a share of that total elsewhere, with no share printed for this year, gives its
    share (high-tech value added as a share of GDP). Only exact totals are used.
    """
    obs = ds.observations
    totals = implied_totals(ds)
    totals = totals[(totals.basis == "reported") & (totals.implied_qualifier == "")
                    & totals.printed_id.eq("") & (totals.total != totals.numerator)]
    stated = _ratio_rows(ds)
    every = pd.concat([stated, _ratio_rows(ds, "target")])
    units = ds.indicators.set_index("id")["unit"]
    levels = _levels(obs)
    printed = levels.set_index(["indicator", "region", "period"])
    out = []
    for t in totals.itertuples():
        here = stated[(stated.den == t.total) & (stated.region == t.region) & (stated.period == t.period)]
        for s in here.itertuples():
            if s.id == t.id or _lookup(printed, (s.num, s.region, s.period)) is not None:
                continue
            value = s.value / 100 * t.implied
            unit = units.get(s.num, t.unit)
            out.append({"total_id": t.id, "total": t.total, "total_value": t.implied, "id": s.id,
                        "region": t.region, "period": t.period, "derived": "level", "indicator": s.num,
                        "value": value, "unit": unit, "qualifier": s.qualifier, "flag": s.flag,
                        "arithmetic": f"{_shown(s.value, s.qualifier)}% × {t.implied:,.1f} = {value:,.1f}"})
        # indicators ever stated as a share of this total, or numerators of a ratio over it
        parts = set(every[every.den == t.total].num) - {t.numerator}
        have_share = set(here.num)
        lv = levels[(levels.region == t.region) & (levels.period == t.period)
                    & levels.indicator.isin(parts - have_share)]
        for r in lv.itertuples():
            value = r.value / t.implied * 100
            out.append({"total_id": t.id, "total": t.total, "total_value": t.implied, "id": r.id,
                        "region": t.region, "period": t.period, "derived": "share", "indicator": r.indicator,
                        "value": value, "unit": "pct", "qualifier": r.qualifier, "flag": r.flag,
                        "arithmetic": f"{_shown(r.value, r.qualifier)} / {t.implied:,.1f} × 100 = {value:.2f}%"})
    return pd.DataFrame(out, columns=["total_id", "total", "total_value", "id", "region", "period",
                                      "derived", "indicator", "value", "unit", "qualifier", "flag",
                                      "arithmetic"])


_KEYS = ["indicator", "region", "period", "kind", "share_of", "target_measure"]


def _group_record(key: tuple, rows: pd.DataFrame) -> dict:
    """One group of rows about the same thing, and whether the ranges they print can all hold."""
    ranges = [_interval(r.value, r.qualifier) for r in rows.itertuples()]
    lo, hi = max(a for a, _ in ranges), min(b for _, b in ranges)
    agree = rows.value.nunique() == 1 or lo < hi  # touching rounding ranges (3 and 4) do not agree
    return dict(zip(_KEYS, key)) | {
        "ids": ", ".join(rows.id), "values": ", ".join(f"{v:g}" for v in rows.value),
        "as_printed": ", ".join(rows.as_printed), "sources": ", ".join(rows.source),
        "same_report": rows.source.nunique() == 1,
        "qualifiers": ", ".join(q or "exact" for q in rows.qualifier),
        "flags": ", ".join(f or "–" for f in rows.flag),
        "verdict": "can all hold" if agree else "cannot all hold"}


_GROUP_COLUMNS = _KEYS + ["ids", "values", "as_printed", "sources", "same_report", "qualifiers", "flags", "verdict"]


def contradictions(ds: Dataset) -> pd.DataFrame:
    """Numbers for the same thing (indicator, region, period, kind) that two reports give differently.

    `verdict` says whether the printed ranges can all hold ("over 1,100" and 1,261 can).
    """
    obs = ds.observations
    out = []
    for key, group in obs.groupby(_KEYS, sort=True):
        if group.source.nunique() < 2 or group.value.nunique() < 2:
            continue
        out.append(_group_record(key, group.sort_values("id")))
    return pd.DataFrame(out, columns=_GROUP_COLUMNS)


def near_contradictions(ds: Dataset) -> pd.DataFrame:
    """Numbers for the same thing that differ in value or in qualifier, within one report or
    across reports, other than those `contradictions` lists: each group with its verdict."""
    obs = ds.observations
    between = set(contradictions(ds).ids)
    out = []
    for key, group in obs.groupby(_KEYS, sort=True):
        rows = group.sort_values("id")
        if len(rows) < 2 or (rows.value.nunique() < 2 and rows.qualifier.nunique() < 2):
            continue
        if ", ".join(rows.id) in between:
            continue
        out.append(_group_record(key, rows))
    return pd.DataFrame(out, columns=_GROUP_COLUMNS)


def restatements(ds: Dataset) -> pd.DataFrame:
    """Numbers that two reports give identically for the same thing: where the reports agree."""
    obs = ds.observations
    out = []
    for key, group in obs.groupby(_KEYS, sort=True):
        if group.source.nunique() >= 2 and group.value.nunique() == 1 and group.qualifier.nunique() == 1:
            out.append(_group_record(key, group.sort_values("id")))
    return pd.DataFrame(out, columns=_GROUP_COLUMNS)


def targets_below_earlier(ds: Dataset) -> pd.DataFrame:
    """Level targets set below a number that an earlier year already had, reported or targeted.

    Not a contradiction by itself: the target may count a yearly flow where the earlier number
    is a stock, or the plan may have been scaled back. Either way the words or the ambition
    changed, and a reader comparing the reports should know.
    """
    obs = _with_sources(ds, ds.observations)
    yearly = obs[is_year(obs.period)]
    levels = yearly[(yearly.kind == "actual") | ((yearly.kind == "target") & (yearly.target_measure == "level"))]
    out = []
    for t in levels[levels.kind == "target"].itertuples():
        earlier = levels[(levels.indicator == t.indicator) & (levels.region == t.region)
                         & (levels.period < t.period) & (levels.value > t.value)].sort_values(["period", "id"])
        if earlier.empty:
            continue
        out.append({"id": t.id, "source": t.source, "indicator": t.indicator, "region": t.region,
                    "period": t.period, "target": t.value, "qualifier": t.qualifier, "unit": t.unit,
                    "flag": t.flag, "earlier_ids": ", ".join(earlier.id),
                    "earlier": ", ".join(f"{r.period} {'target' if r.kind == 'target' else 'reported'} "
                                         f"{_shown(r.value, r.qualifier)}{' (suspect)' if r.flag else ''}"
                                         for r in earlier.itertuples()),
                    "highest_unflagged": earlier[earlier.flag == ""].value.max()})
    return pd.DataFrame(out, columns=["id", "source", "indicator", "region", "period", "target", "qualifier",
                                      "unit", "flag", "earlier_ids", "earlier", "highest_unflagged"])


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
    rows = obs[obs.flag == "suspect"][["id", "source", "indicator", "region", "period", "kind", "value",
                                       "unit", "as_printed", "quote", "note"]].copy()
    rows["probably"] = [m.group(1).rstrip(".") if (m := _PROBABLY.search(n)) else "" for n in rows.note]
    clean = obs[(obs.flag == "") & obs.kind.isin(["actual", "target"])]
    clean = clean[(clean.kind == "actual") | (clean.target_measure == "level")]
    peers = [clean[(clean.indicator == r.indicator) & (clean.region == r.region) & (clean.unit == r.unit)].value
             for r in rows.itertuples()]
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
