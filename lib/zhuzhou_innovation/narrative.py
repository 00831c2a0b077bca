"""Numbers written the way each language writes them: one convention for prose, tables, figures, brief.

English follows English-language finance writing: money as "CNY 30.8 billion" or "CNY 85.7 million"
(the Chinese as printed beside it where it helps: "CNY 30.8 billion (308亿元)"), bounds as "over 900",
ranks as "2nd in Hunan", periods as "2016–20" and "Q1 2022", a printed fraction as "two thirds".
Chinese keeps 亿元 and 万元, 个百分点, 第二, 2016—2020年. How each unit is written (its style, the
English scale and suffixes) is data: `data/units.csv`. The book's method page documents the rules.
"""

from __future__ import annotations

import csv
import math
import re
from functools import cache
from pathlib import Path

import pandas as pd

from .paths import data_dir

LANGS = ("en", "zh")
_QUALIFIER = {
    "en": {"over": "over ", "about": "about ", "under": "under "},
    "zh": {"over": "超过", "about": "约", "under": "不足"},
}
_ORDINAL = {1: "st", 2: "nd", 3: "rd"}
_ORDINAL_WORDS = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
_ZH_DIGITS = "〇一二三四五六七八九"
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# Where a printed rank says what it ranks within: 全省第二 is "2nd in Hunan".
_RANK_SCOPE = (("全省", " in Hunan", "全省"), ("全国", " in China", "全国"), ("全市", " in the city", "全市"))
# Fractions the sources print as fractions, written as fractions again, never as 66.67%.
_FRACTIONS = {
    "2/3": "two thirds",
    "三分之二": "two thirds",
    "1/3": "one third",
    "三分之一": "one third",
    "1/2": "half",
    "一半": "half",
    "过半": "over half",
    "3/4": "three quarters",
    "1/4": "a quarter",
}


@cache
def _units(path: Path) -> dict[str, dict[str, str]]:
    with (path / "units.csv").open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def unit_style(unit: str) -> dict[str, str]:
    """How values in `unit` are written (a row of data/units.csv)."""
    units = _units(data_dir())
    if unit not in units:
        raise KeyError(f"unit {unit!r} is not in {data_dir() / 'units.csv'}")
    return units[unit]


def format_number(value: float, decimals: int | None = None, separators: bool = True) -> str:
    """A number with thousands separators and no float noise (3.2700000001 reads 3.27)."""
    if pd.isna(value):
        return "–"
    if decimals is None:
        text = f"{round(float(value), 4):f}".rstrip("0").rstrip(".")
        decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{float(value):{',' if separators else ''}.{decimals}f}"


def significant(value: float, digits: int = 3) -> float:
    """`value` rounded to `digits` significant figures, never rounding away whole digits
    (1016.11 keeps 1,016; 30.83 becomes 30.8): no false precision, no lost magnitude."""
    if value == 0 or not math.isfinite(value):
        return value
    whole = math.floor(math.log10(abs(value))) + 1
    return round(value, max(digits, whole) - whole)


def _money_figure(x: float) -> str:
    """Billions or millions to three significant figures, or one decimal where that keeps more
    (30.8, 5.35, 101.6, 568.5): the precision of a finance page, trailing zeros dropped."""
    whole = max(1, math.floor(math.log10(abs(x))) + 1) if x else 1
    return format_number(round(x, max(1, 3 - whole)))


def _money_en(value: float) -> str:
    """An amount stored in 亿元 as CNY billion or million; under a million, in yuan."""
    yuan = value * 1e8
    if abs(yuan) >= 1e9:
        return f"CNY {_money_figure(yuan / 1e9)} billion"
    if abs(yuan) >= 1e6:
        return f"CNY {_money_figure(yuan / 1e6)} million"
    return f"CNY {format_number(significant(yuan))}"


def _money_zh(value: float) -> str:
    """An amount stored in 亿元 as the sources write it: 308亿元 from one 亿 up, 8572万元 below."""
    if abs(value) >= 1:
        return f"{format_number(value, separators=False)}亿元"
    if abs(value) * 1e4 >= 1:
        return f"{format_number(value * 1e4, separators=False)}万元"
    return f"{format_number(value * 1e8, separators=False)}元"


def ordinal(n: int, lang: str = "en") -> str:
    """2 as '2nd' or '第2'."""
    if lang == "zh":
        return f"第{n}"
    suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_word(n: int) -> str:
    """2 as 'second' (first to tenth), else '11th'."""
    return _ORDINAL_WORDS[n] if 0 < n < len(_ORDINAL_WORDS) else ordinal(n)


def rank_scope(printed: str, quote: str = "") -> str:
    """What a printed rank ranks within, from the words just before it: 居全省第二 gives 全省."""
    at = quote.find(printed) if printed and quote else -1
    before = (quote[max(0, at - 4) : at] if at >= 0 else "") + printed
    return next((key for key, _, _ in _RANK_SCOPE if key in before), "")


def format_value(
    value: float, unit: str, qualifier: str = "", lang: str = "en", printed: str = "", scope: str = ""
) -> str:
    """A value as a reader of `lang` expects it: `over 1,100`, `3.27%`, `CNY 12 billion`, `2nd in Hunan`.

    `printed` (the row's as_printed) lets the number keep what the source said beyond its value:
    a fraction (2/3: two thirds); `scope` (全省, 全国, 全市; see `rank_scope`) what a rank is within.
    """
    if pd.isna(value):
        return "–"
    style = unit_style(unit)
    if printed in _FRACTIONS and unit == "pct":
        return _FRACTIONS[printed] if lang == "en" else printed
    if style["style"] == "rank":
        n = int(value)
        scope = next(
            (
                en if lang == "en" else zh
                for key, en, zh in _RANK_SCOPE
                if key == (scope or rank_scope(printed))
            ),
            "",
        )
        if qualifier == "under":  # "跻身30强": somewhere in the top n, position not printed
            return f"top {n}{scope}" if lang == "en" else f"{scope}前{n}"
        if qualifier == "over":  # ranked below n
            return f"below {ordinal(n)}{scope}" if lang == "en" else f"{scope}{ordinal(n, 'zh')}名之后"
        return f"{ordinal(n)}{scope}" if lang == "en" else f"{scope}{ordinal(n, 'zh')}"
    prefix = _QUALIFIER[lang].get(qualifier or "", "")
    if style["style"] == "money":
        return prefix + (_money_en(value) if lang == "en" else _money_zh(value))
    if lang == "en":
        return f"{prefix}{format_number(value * float(style['scale_en']))}{style['suffix_en']}"
    return f"{prefix}{format_number(value, separators=False)}{style['suffix_zh']}"


def format_money_both(value: float, qualifier: str = "") -> str:
    """English money with the Chinese beside it: 'CNY 30.8 billion (308亿元)'."""
    return f"{format_value(value, '100m_cny', qualifier)} ({_money_zh(value)})"


def format_observation(row: pd.Series | dict, lang: str = "en") -> str:
    """One observation as prose. In Chinese, the number exactly as the source printed it; in
    English, the book's style, money with the printed Chinese beside it."""
    qualifier, printed = row.get("qualifier", "") or "", row.get("as_printed", "") or ""
    scope = rank_scope(printed, row.get("quote", "") or "") if row["unit"] == "rank" else ""
    if lang == "zh" and printed:
        return printed if scope in printed else scope + printed
    if row["unit"] == "100m_cny" and lang == "en" and printed not in _FRACTIONS:
        return f"{format_value(row['value'], row['unit'], qualifier)} ({_money_zh(row['value'])})"
    return format_value(row["value"], row["unit"], qualifier, lang, printed, scope)


_PERIOD = re.compile(r"^(\d{4})(?:Q([1-4])|H([12])|-(\d{2})|/(\d{4}))?$")


def format_period(period: str, lang: str = "en") -> str:
    """A period as a reader writes it: 2016/2020 reads 2016–20, 2022Q1 reads Q1 2022, 2022-04 April 2022."""
    m = _PERIOD.match(period)
    if not m:
        raise ValueError(f"not a period: {period!r}")
    year, quarter, half, month, end = m.groups()
    if lang == "zh":
        if quarter:
            return f"{year}年{_ZH_DIGITS[int(quarter)]}季度"
        if half:
            return f"{year}年{'上' if half == '1' else '下'}半年"
        if month:
            return f"{year}年{int(month)}月"
        return f"{year}—{end}年" if end else f"{year}年"
    if quarter:
        return f"Q{quarter} {year}"
    if half:
        return f"H{half} {year}"
    if month:
        return f"{_MONTHS[int(month) - 1]} {year}"
    if end:
        return f"{year}–{end[2:]}" if end[:2] == year[:2] else f"{year}–{end}"
    return year


def format_date(published: str, lang: str = "en") -> str:
    """A publication date as printed in sources.csv (2023, 2023-03 or 2023-03-02) for reading."""
    parts = [int(p) for p in published.split("-")]
    if lang == "zh":
        return "".join(f"{n}{u}" for n, u in zip(parts, "年月日", strict=False))
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def say_list(items: list[str], lang: str = "en") -> str:
    """'a', 'a and b', 'a, b and c' ('a、b和c' in Chinese); '' for none."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def aside(text: str, *inner: str, lang: str = "en") -> str:
    """`text` with a bracketed aside, punctuated as the language does: "308 (2022, reported)" in
    English, "308亿元（2022年，实际）" in Chinese (full-width brackets and comma, no space)."""
    if lang == "en":
        return f"{text} ({', '.join(inner)})"
    return f"{text}（{'，'.join(inner)}）"


def lower_first(name: str) -> str:
    """An indicator name inside a sentence: 'High-tech enterprises' reads 'high-tech enterprises',
    but names that open with an acronym ('R&D intensity', 'S&T commissioners') keep their capitals."""
    return name if name[1:2].isupper() or name[1:2] in ("&", "") else name[0].lower() + name[1:]


def glue_observations(obs: pd.DataFrame, lang: str = "en") -> None:
    """Glue every row's formatted value under its id and its quote under `q-<id>` (no display).

    Being retired: pages now write {num}`<row id>`, which the book's Sphinx extension renders as a
    link to the row with its quote, in the edition's language.
    """
    from myst_nb import glue

    for row in obs.itertuples(index=False):
        glue(row.id, format_observation(row._asdict(), lang), display=False)
        glue(f"q-{row.id}", row.quote, display=False)


def glue_text(name: str, text: str) -> None:
    """Glue one computed piece of prose (already formatted) without displaying it (being retired)."""
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


def _mark_chinese(text: object) -> str:
    """Cell text, HTML-escaped, with runs of Chinese wrapped in lang="zh-Hans" (screen readers,
    glyph forms): tables are raw HTML, which the Sphinx extension's marking does not reach."""
    import html

    from .fonts import is_cjk

    out, run = [], []
    for char in html.escape(str(text)):
        if is_cjk(char):
            run.append(char)
            continue
        if run:
            out.append(f'<span lang="zh-Hans">{"".join(run)}</span>')
            run = []
        out.append(char)
    if run:
        out.append(f'<span lang="zh-Hans">{"".join(run)}</span>')
    return "".join(out)


def readable_table(
    df: pd.DataFrame,
    columns: dict[str, str],
    caption: str | None = None,
    table_id: str = "t",
    english: tuple[str, ...] = (),
) -> Table:
    """A table for reading: chosen columns renamed (units in headers), no index, fixed HTML ids,
    Chinese marked as such; the cells of the `english` columns (data the tables hold in English
    only, such as definitions, shown in the Chinese edition's tables) marked lang="en"."""
    shown = df[list(columns)].rename(columns=columns).reset_index(drop=True)
    styler = shown.style.hide(axis="index").set_uuid(table_id).format(_mark_chinese)
    marked = [columns[c] for c in english if c in columns]
    if marked:
        styler = styler.format(lambda v: f'<span lang="en">{_mark_chinese(v)}</span>', subset=marked)
    styler = styler.format_index(_mark_chinese, axis="columns")
    if caption:
        styler = styler.set_caption(_mark_chinese(caption))
    return Table(styler, shown)
