"""A tiny dataset built in memory for tests of the check mechanisms: a few made-up rows, their
sentences as the source text, nothing read from data/ (so today's numbers never enter the test)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from madeup import COLUMNS
from zhuzhou_innovation.load import Dataset

OBSERVATION_COLUMNS = list(COLUMNS)


def row(
    id: str,
    indicator: str,
    period: str,
    value: float,
    unit: str,
    as_printed: str,
    quote: str = "",
    kind: str = "actual",
    region: str = "city",
    **fields: str,
) -> dict:
    """One made-up observation; its quote defaults to its print, its source to the id's prefix."""
    return {
        "id": id,
        "source": id.rsplit("-", 1)[0],
        "region": region,
        "indicator": indicator,
        "period": period,
        "kind": kind,
        "value": float(value),
        "unit": unit,
        "as_printed": as_printed,
        "quote": quote or as_printed,
        "target_measure": "level" if kind == "target" else "",
    } | fields


def dataset(
    rows: list[dict],
    texts: dict[str, str] | None = None,
    units: dict[str, str] | None = None,
    ratios: dict[str, tuple[str, str]] | None = None,
    parents: dict[str, str] | None = None,
) -> Dataset:
    """A Dataset of `rows`; each source's text is its quotes, one sentence each, unless given.

    `units` gives an indicator's unit where its rows do not (a share's denominator), `ratios` an
    indicator's numerator and denominator, `parents` a region's parent region.
    """
    obs = pd.DataFrame(
        [dict.fromkeys(OBSERVATION_COLUMNS, "") | r for r in rows], columns=OBSERVATION_COLUMNS
    )
    obs["value"] = obs["value"].astype(float)
    sources = sorted(set(obs.source))
    texts = texts or {s: "。".join(obs[obs.source == s].quote) + "。" for s in sources}
    indicator_units = {
        i: obs[(obs.indicator == i) & (obs.kind == "actual")].unit.iloc[0]
        if ((obs.indicator == i) & (obs.kind == "actual")).any()
        else obs[obs.indicator == i].unit.iloc[0]
        for i in set(obs.indicator)
    } | (units or {})
    ratios = ratios or {}
    indicators = pd.DataFrame(
        [
            {
                "id": i,
                "name_en": i.replace("_", " ").capitalize(),
                "name_zh": i,
                "unit": u,
                "definition": "",
                "numerator": ratios.get(i, ("", ""))[0],
                "denominator": ratios.get(i, ("", ""))[1],
            }
            for i, u in sorted(indicator_units.items())
        ]
    )
    regions = sorted(set(obs.region) | set((parents or {}).values()))
    return Dataset(
        sources=pd.DataFrame(
            [
                {
                    "id": s,
                    "file": f"{s}.txt",
                    "title_zh": s,
                    "title_en": s,
                    "publisher": "test",
                    "published": f"{2020 + n}-01",
                    "covers": "",
                    "kind": "review",
                    "citation_en": s,
                    "citation_zh": s,
                }
                for n, s in enumerate(sources)
            ]
        ),
        units=pd.DataFrame({"id": ["100m_cny", "pct", "count", "rank"]}),
        regions=pd.DataFrame(
            [
                {"id": r, "name_en": r.capitalize(), "name_zh": r, "parent": (parents or {}).get(r, "")}
                for r in regions
            ]
        ),
        indicators=indicators,
        observations=obs,
        texts=texts,
        data_dir=Path("."),
    )
