"""Put numbers into prose and tables for reading: every number shown is formatted from the dataset.

Notebooks glue each observation under its id (`{glue:text}`zz2021-005``) and its quote under
`q-<id>`, so a sentence in the book names the very row it came from, and nothing is typed by hand.
"""

from __future__ import annotations

import pandas as pd

# How each unit reads after a number, in English and as printed in Chinese.
_UNIT_SUFFIX = {
    "en": {
        "100m_cny": " hundred million yuan",
        "pct": "%",
        "pp": " percentage points",
        "count": "",
        "per_10k_people": " per 10,000 people",
        "rank": "",
        "10k_sqm": " × 10,000 m²",
        "sq_km": " km²",
        "times": " times",
    },
    "zh": {
        "100m_cny": "亿元",
        "pct": "%",
        "pp": "个百分点",
        "count": "",
        "per_10k_people": "",
        "rank": "",
        "10k_sqm": "万平方米",
        "sq_km": "平方公里",
        "times": "倍",
    },
}
_QUALIFIER = {"en": {"over": "over ", "about": "about ", "under": "under "}, "zh": {}}
_ORDINAL = {1: "st", 2: "nd", 3: "rd"}


def format_number(value: float, decimals: int | None = None) -> str:
    """A number with thousands separators and no float noise (3.2700000001 reads 3.27)."""
    if pd.isna(value):
        return "–"
    if decimals is None:
        text = f"{round(float(value), 4):f}".rstrip("0").rstrip(".")
        decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{float(value):,.{decimals}f}"


def format_value(value: float, unit: str, qualifier: str = "", lang: str = "en") -> str:
    """A value as a reader expects it: `over 1,100`, `3.27%`, `120 hundred million yuan`, `28th`."""
    if unit == "rank":
        n = int(value)
        if qualifier == "under":  # "跻身30强": somewhere in the top n, position not printed
            return f"top {n}" if lang == "en" else f"前{n}"
        if lang == "zh":
            return f"第{n}"
        suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL.get(n % 10, "th")
        return f"{n}{suffix}"
    prefix = _QUALIFIER[lang].get(qualifier or "", "")
    return f"{prefix}{format_number(value)}{_UNIT_SUFFIX[lang][unit]}"


def format_observation(row: pd.Series, lang: str = "en") -> str:
    """One observation row as prose: its value, unit and qualifier."""
    return format_value(row["value"], row["unit"], row.get("qualifier", ""), lang)


def glue_observations(obs: pd.DataFrame, lang: str = "en") -> None:
    """Glue every row's formatted value under its id and its quote under `q-<id>` (no display)."""
    from myst_nb import glue

    for row in obs.itertuples(index=False):
        glue(row.id, format_observation(pd.Series(row._asdict()), lang), display=False)
        glue(f"q-{row.id}", row.quote, display=False)


def glue_text(name: str, text: str) -> None:
    """Glue one computed piece of prose (already formatted) without displaying it."""
    from myst_nb import glue

    glue(name, text, display=False)


class Table:
    """A table output: HTML with fixed ids for the page, and plain text (not an object address)."""

    def __init__(self, styler, frame: pd.DataFrame):
        self.styler, self.frame = styler, frame

    def _repr_html_(self) -> str:
        return self.styler.to_html()

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def readable_table(
    df: pd.DataFrame, columns: dict[str, str], caption: str | None = None, table_id: str = "t"
) -> Table:
    """A table for reading: chosen columns renamed (units in headers), no index, fixed HTML ids."""
    shown = df[list(columns)].rename(columns=columns).reset_index(drop=True)
    styler = shown.style.hide(axis="index").set_uuid(table_id).format(escape="html")
    if caption:
        styler = styler.set_caption(caption)
    return Table(styler, shown)
