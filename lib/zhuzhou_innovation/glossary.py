"""The glossary of indicators: themes, the terms each source prints, and the book's index entries.

Every indicator names its theme in `data/indicators.csv` (column `theme`; the allowed themes, in
the glossary's order, are the enum of that field in `data/datapackage.json`), so a new indicator
is placed by whoever adds it, not guessed from its id. The index of the book (genindex) lists
every indicator and every place: `glue_index` glues one block of MyST `{index}` directives per
theme and one for the places, in English and in Chinese, which the glossary page places under
each heading with ```` ```{glue:md} glossary-index-<theme> ```` and `:format: myst`.
"""

from __future__ import annotations

import json

import pandas as pd

from .load import Dataset
from .narrative import LANGS


def themes(ds: Dataset) -> list[str]:
    """The themes in the glossary's order, as the schema lists them."""
    package = json.loads((ds.data_dir / "datapackage.json").read_text(encoding="utf-8"))
    indicators = next(r for r in package["resources"] if r["name"] == "indicators")
    field = next(f for f in indicators["schema"]["fields"] if f["name"] == "theme")
    return list(field["constraints"]["enum"])


def printed_variants(ds: Dataset) -> pd.Series:
    """For each indicator, the other terms its rows' sources print for it (label_zh), '、'-joined."""
    obs = ds.observations[ds.observations.label_zh != ""]
    variants = obs.groupby("indicator").label_zh.agg(lambda s: "、".join(dict.fromkeys(s)))
    return ds.indicators.id.map(variants).fillna("").set_axis(ds.indicators.id)


def _entry(name_en: str, name_zh: str, lang: str) -> str:
    return f"single: {name_en} ({name_zh})" if lang == "en" else f"single: {name_zh}（{name_en}）"


def index_entries(ds: Dataset, theme: str, lang: str = "en") -> str:
    """MyST index directives, one per indicator of `theme` ('places': one per region)."""
    table = ds.regions if theme == "places" else ds.indicators[ds.indicators.theme == theme]
    return "".join(
        f"```{{index}} {_entry(r.name_en, r.name_zh, lang)}\n```\n"
        for r in table.sort_values("name_en").itertuples()
    )


def glue_index(ds: Dataset) -> None:
    """Glue `glossary-index-<theme>` and `glossary-index-places` as MyST, in both languages."""
    from IPython.display import Markdown
    from myst_nb import glue

    for theme in [*themes(ds), "places"]:
        for lang in LANGS:
            key = f"glossary-index-{theme}" + ("" if lang == "en" else f".{lang}")
            glue(key, Markdown(index_entries(ds, theme, lang)), display=False)
