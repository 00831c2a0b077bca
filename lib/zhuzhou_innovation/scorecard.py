"""Every target against the outcome a later report gave: met, missed, not comparable, not yet reported."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .load import Dataset
from .rows import with_sources


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
    obs = with_sources(ds, ds.observations)
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
