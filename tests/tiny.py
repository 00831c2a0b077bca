"""Small made-up datasets for the tests of series, scorecard and figures: the real reference tables
(units, regions, indicators), a few sources and a handful of rows built in the test."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pandas as pd
from zhuzhou_innovation.load import Dataset, columns, load_dataset

COLUMNS = columns("observations")


@cache
def _reference() -> Dataset:
    return load_dataset()


def row(
    id: str,
    source: str,
    indicator: str,
    period: str,
    value: float,
    unit: str = "count",
    kind: str = "actual",
    quote: str = "",
    **more,
) -> dict:
    """One observation; fields not given are empty (a target's measure defaults to level)."""
    out = dict.fromkeys(COLUMNS, "") | {
        "id": id,
        "source": source,
        "region": "zhuzhou",
        "indicator": indicator,
        "period": period,
        "kind": kind,
        "value": float(value),
        "unit": unit,
        "as_printed": f"{value:g}",
        "quote": quote or f"{indicator} {value:g}",
    }
    if kind == "target":
        out["target_measure"] = "level"
    return out | more


def source(id: str, published: str, kind: str = "review") -> dict:
    return {
        "id": id,
        "file": f"{id}.txt",
        "title_zh": id,
        "title_en": id,
        "publisher": "test",
        "published": published,
        "covers": published[:4],
        "kind": kind,
        "citation_en": f"Report {id}",
        "citation_zh": f"报告{id}",
    }


def dataset(rows: list[dict], sources: list[dict]) -> Dataset:
    """The reference tables with these sources and observations (not validated: made up on purpose)."""
    ref = _reference()
    return replace(
        ref,
        sources=pd.DataFrame(sources),
        observations=pd.DataFrame(rows, columns=COLUMNS),
        texts={s["id"]: "" for s in sources},
    )
