"""Numbers printed more than once for the same thing: where reports agree, differ or cannot all hold."""

from __future__ import annotations

import pandas as pd

from .load import Dataset
from .ranges import interval

_KEYS = ["indicator", "region", "period", "kind", "share_of", "target_measure"]


def _group_record(key: tuple, rows: pd.DataFrame) -> dict:
    """One group of rows about the same thing, and whether the ranges they print can all hold."""
    ranges = [interval(r.value, r.qualifier) for r in rows.itertuples()]
    lo, hi = max(a for a, _ in ranges), min(b for _, b in ranges)
    agree = rows.value.nunique() == 1 or lo < hi  # touching rounding ranges (3 and 4) do not agree
    return dict(zip(_KEYS, key, strict=True)) | {
        "ids": ", ".join(rows.id),
        "values": ", ".join(f"{v:g}" for v in rows.value),
        "as_printed": ", ".join(rows.as_printed),
        "sources": ", ".join(rows.source),
        "same_report": rows.source.nunique() == 1,
        "qualifiers": ", ".join(q or "exact" for q in rows.qualifier),
        "flags": ", ".join(f or "–" for f in rows.flag),
        "verdict": "can all hold" if agree else "cannot all hold",
    }


_GROUP_COLUMNS = [
    *_KEYS,
    "ids",
    "values",
    "as_printed",
    "sources",
    "same_report",
    "qualifiers",
    "flags",
    "verdict",
]


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
