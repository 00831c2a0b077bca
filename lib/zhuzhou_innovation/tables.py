"""The book's tables, each in English or Chinese: what a chapter shows is built here, not in cells.

Every builder takes `lang` and returns a `narrative.Table` (fixed HTML ids, Chinese marked), so a
notebook shows both editions with `show.table(tables.<builder>, ds, ..., )`.
Keep chapter tables short: a reader scans a dozen rows; every row of a source is on the
every-number page.
"""

from __future__ import annotations

import pandas as pd

from .load import Dataset
from .narrative import Table, format_observation, format_period, readable_table

HEADERS = {
    "indicator": {"en": "Indicator", "zh": "指标"},
    "printed_name": {"en": "As named in the source", "zh": "原文名称"},
    "period": {"en": "Period", "zh": "时期"},
    "value": {"en": "Value", "zh": "数值"},
    "target": {"en": "Target", "zh": "目标"},
    "as_printed": {"en": "As printed", "zh": "原文"},
    "where": {"en": "Where", "zh": "地区"},
    "flag": {"en": "Flag", "zh": "标记"},
}
FLAG = {"en": {"suspect": "suspect", "": ""}, "zh": {"suspect": "存疑", "": ""}}


def indicator_names(ds: Dataset, ids: pd.Series, lang: str) -> pd.Series:
    """Indicator names in the language: English, or the Chinese as the glossary gives it."""
    names = ds.indicators.set_index("id")["name_en" if lang == "en" else "name_zh"]
    return ids.map(names)


def rows_table(ds: Dataset, rows: pd.DataFrame, lang: str = "en", columns: tuple[str, ...] =
               ("indicator", "period", "value", "as_printed"), caption: str | None = None,
               table_id: str = "rows") -> Table:
    """Observation rows for reading: indicator, period, the value in the book's style, the print."""
    regions = ds.regions.set_index("id")["name_en" if lang == "en" else "name_zh"]
    frame = pd.DataFrame({
        "indicator": indicator_names(ds, rows.indicator, lang).values,
        "period": [format_period(p, lang) for p in rows.period],
        "value": [format_observation(r, lang) for r in rows.to_dict("records")],
        "target": [format_observation(r, lang) for r in rows.to_dict("records")],
        "as_printed": rows.as_printed.values,
        "where": rows.region.map(regions).values,
        "flag": rows.flag.map(FLAG[lang]).values,
    })
    return readable_table(frame, {c: HEADERS[c][lang] for c in columns}, caption, table_id)
