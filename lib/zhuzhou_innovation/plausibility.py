"""The plausibility screen and the lost decimal points: numbers a power of ten away from where
the sources' other numbers put them, listed for a human to judge.

A decimal point lost between a reporter's figure and the printed page moves a number by a power
of ten and leaves its digits alone: 5685亿 may have been 568.5亿, 56.85亿 or 5.685亿. Two lists
follow. `screen` gives the unflagged numbers that sit a factor of `FACTOR` or more away from
another number for the same measure (another year, another source) or from the whole they are
part of (GDP), each with the reason it is listed and the book's verdict where one has been
reached. `readings` gives, for each number flagged suspect, every reading its digits allow, each
against the yardsticks the data offer: the same measure elsewhere, the share of the implied GDP,
the amount for each item counted in the same sentence, and the number of decimals the sources
print in that unit. Neither list corrects anything: the rows keep what the sources printed.
"""

from __future__ import annotations

import math
import re
import statistics
from itertools import combinations
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .load import Dataset
from .narrative import aside, format_number, format_period, format_value
from .periods import period_key
from .totals import implied_totals

# A slip of one decimal place is a factor of ten; a factor of five or more (half-way between two
# and ten on a log scale is about 4.5) catches every such slip even when the true number also
# changed by half, and leaves out the ordinary growth of a few years (1,100 to 1,500 firms).
FACTOR = 5.0

_NUMBER = re.compile(r"(\d+)(?:\.(\d+))?")
_SENTENCE_END = re.compile(r"[。！？!?\n]")

# The book's verdicts on what the screen lists, by the rows it lists (the other key "gdp" is the
# GDP implied for the row's year). Each rests on the words of the source, quoted.
VERDICTS: dict[frozenset[str], tuple[str, str]] = {
    frozenset({"yf2020-003", "yf2020-004"}): (
        "Growth, not a slip: the article prints both ends of one rise (从2015年的5家增长至77家).",
        "是增长，不是笔误：原文写明“从2015年的5家增长至77家”。",
    ),
    frozenset({"zz2022q1-018", "zz2022q1-019"}): (
        "Not a slip: the page calls it several-fold growth (数倍增长); but a declared sum (申报数) is set "
        "beside a certified one (认定额), two different measures.",
        "不是笔误：原文称“数倍增长”；但申报数与认定额是两种口径。",
    ),
    frozenset({"zz2021-043", "zz2025-005"}): (
        "Goals for years three apart, with the goal for 2023 "
        "(突破10亿元) between them: steep steps, not a slip.",
        "相隔三年的两个目标，中间还有2023年“突破10亿元”的目标：跨度大，但不是笔误。",
    ),
    frozenset({"zz2021-015", "gdp"}): (
        "An industry's value added is a part of GDP by definition; "
        "the 2022 review prints a share of the same size.",
        "产业增加值本就是地区生产总值的一部分；2022年回眸给出的占比与此相当。",
    ),
}


def _records(frame: pd.DataFrame) -> list[SimpleNamespace]:
    """Rows as plain records: the screen compares every pair, and pandas rows are slow to make."""
    return [SimpleNamespace(**r) for r in frame.to_dict("records")]


def _measure(row) -> tuple | None:
    """What a row measures, for comparing it with others: ranks are left out (1st and 35th are
    places, not amounts); a level target is compared with reported levels."""
    kind, target = row.kind, row.target_measure
    if kind == "rank" or target == "rank":
        return None
    measure = (target or "level") if kind == "target" else ("level" if kind == "actual" else kind)
    return (row.indicator, row.region, row.unit, measure, row.share_of if measure == "share" else "")


def _label(row, lang: str) -> str:
    what = "target" if row.kind == "target" else "reported"
    if lang == "zh":
        what = "目标" if row.kind == "target" else "实际"
    period = format_period(row.period, lang)
    return aside(
        format_value(row.value, row.unit, row.qualifier, lang),
        period + (" " if lang == "en" else "") + what,
        lang=lang,
    )


def _gdp_by_region(ds: Dataset) -> pd.DataFrame:
    """The exact GDP implied by reported shares, by region and period (see totals.implied_totals)."""
    gdp = implied_totals(ds)
    return gdp[(gdp.basis == "reported") & (gdp.total == "gdp") & (gdp.implied_qualifier == "")]


def _nearest_gdp(gdp: pd.DataFrame, region: str, period: str):
    here = gdp[gdp.region == region]
    if here.empty:
        return None
    return here.iloc[int((here.period.map(period_key) - period_key(period)).abs().argmin())]


def screen(ds: Dataset, factor: float = FACTOR) -> pd.DataFrame:
    """Unflagged numbers a factor of `factor` or more away from another number for the same
    measure, or money levels above 1/`factor` of the GDP implied for their region: each with the
    reason it is listed and the book's verdict (from `VERDICTS`, else 'to be judged')."""
    obs = ds.observations
    clean = _records(obs[(obs.flag == "") & (obs.value > 0)])
    indicator = dict(zip(obs.id, obs.indicator, strict=True))
    groups: dict[tuple, list] = {}
    for r in clean:
        if (key := _measure(r)) is not None:
            groups.setdefault(key, []).append(r)
    out = []
    for group in groups.values():
        rows = sorted(group, key=lambda r: (period_key(r.period), r.id))
        for a, b in combinations(rows, 2):
            ratio = max(a.value, b.value) / min(a.value, b.value)
            if ratio < factor:
                continue
            big, small = (a, b) if a.value >= b.value else (b, a)
            out.append(
                _listed(
                    indicator,
                    big.id,
                    small.id,
                    ratio,
                    f"{_label(big, 'en')} is {format_number(round(ratio, 1))} times {_label(small, 'en')}",
                    f"{_label(big, 'zh')}是{_label(small, 'zh')}的{format_number(round(ratio, 1))}倍",
                )
            )
    gdp = _gdp_by_region(ds)
    for r in (c for c in clean if c.unit == "100m_cny" and c.kind == "actual"):
        total = _nearest_gdp(gdp, r.region, r.period)
        if total is None or r.value * factor < total.implied:
            continue
        share = r.value / total.implied * 100
        out.append(
            _listed(
                indicator,
                r.id,
                "gdp",
                total.implied / r.value,
                f"{_label(r, 'en')} is {format_value(round(share, 1), 'pct')} of the GDP implied "
                f"for {format_period(total.period)}",
                f"{_label(r, 'zh')}相当于推算的{format_period(total.period, 'zh')}地区生产总值的"
                f"{format_value(round(share, 1), 'pct', lang='zh')}",
            )
        )
    columns = [
        "id",
        "other_id",
        "indicator",
        "ratio",
        "reason_en",
        "reason_zh",
        "judged",
        "verdict_en",
        "verdict_zh",
    ]
    return pd.DataFrame(out, columns=columns)


def _listed(
    indicator: dict[str, str], row_id: str, other_id: str, ratio: float, reason_en: str, reason_zh: str
) -> dict:
    verdict = VERDICTS.get(frozenset({row_id, other_id}))
    return {
        "id": row_id,
        "other_id": other_id,
        "indicator": indicator[row_id],
        "ratio": ratio,
        "reason_en": reason_en,
        "reason_zh": reason_zh,
        "judged": verdict is not None,
        "verdict_en": verdict[0] if verdict else "To be judged.",
        "verdict_zh": verdict[1] if verdict else "待判断。",
    }


def decimal_readings(printed: str) -> list[tuple[int, str]]:
    """Every reading of a printed number with a decimal point put back: (places, reading).

    '5685亿元' gives (1, '568.5亿元'), (2, '56.85亿元'), (3, '5.685亿元'); '39万人' gives
    (1, '3.9万人'); a number printed in words (三个) has no digits to move, so no readings.
    """
    m = _NUMBER.search(printed)
    if not m:
        return []
    whole, fraction = m.group(1), m.group(2) or ""
    out = []
    for places in range(1, len(whole)):
        number = f"{whole[:-places]}.{whole[-places:]}{fraction}"
        out.append((places, printed[: m.start()] + number + printed[m.end() :]))
    return out


def printed_decimals(ds: Dataset, suffix: str, besides: str = "") -> int | None:
    """The most decimals any number printed with `suffix` (亿元, %) carries in the sources, the
    row `besides` left out (a suspect is no evidence of the habit it is judged by)."""
    obs = ds.observations[ds.observations.id != besides]
    found = [len(m.group(2) or "") for p in obs.as_printed if p.endswith(suffix) and (m := _NUMBER.search(p))]
    return max(found) if found else None


def _position(ds: Dataset, row) -> int:
    """Where a row's printed number stands in its source text (first occurrence of its quote)."""
    at = ds.texts[row.source].find(row.quote)
    return -1 if at < 0 else at + max(row.quote.find(row.as_printed), 0)


def counted_before(ds: Dataset, row_id: str):
    """The count printed nearest before a number in the same sentence ('182家高新技术企业获得所得税
    减免共899亿元': 182), the items an amount is spread over; None where the sentence has none."""
    obs = ds.observations
    row = _records(obs[obs.id == row_id])[0]
    text = ds.texts[row.source]
    at = _position(ds, row)
    if at < 0:
        return None
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    counts = obs[
        (obs.source == row.source) & (obs.unit == "count") & (obs.kind == "actual") & (obs.id != row_id)
    ]
    best, best_at = None, -1
    for c in _records(counts):
        where = _position(ds, c)
        if start <= where < at and where > best_at:
            best, best_at = c, where
    return best


def readings(ds: Dataset, ids: list[str] | None = None) -> pd.DataFrame:
    """For each suspect (or each row in `ids`), the print and every reading its digits allow,
    with yardsticks: `peer_ratio` (the reading over the median of the other numbers for the same
    measure), `gdp_share` (money, percent of the GDP implied for the nearest year), `per_item`
    (the reading spread over the count printed before it in the same sentence), `too_many_decimals`
    (more decimals than the sources ever print in that unit) and `proposed` (the reading the
    row's note proposes)."""
    obs = ds.observations
    chosen = obs[obs.id.isin(ids)] if ids is not None else obs[obs.flag == "suspect"]
    clean = _records(obs[obs.flag == ""])
    gdp = _gdp_by_region(ds)
    out = []
    for r in _records(chosen):
        key = _measure(r)
        peers = [p for p in clean if p.id != r.id and _measure(p) == key]
        median = statistics.median(p.value for p in peers) if peers else np.nan
        total = _nearest_gdp(gdp, r.region, r.period) if r.unit == "100m_cny" else None
        count = counted_before(ds, r.id) if r.unit == "100m_cny" or r.unit == "count" else None
        m = _NUMBER.search(r.as_printed)
        suffix = r.as_printed[m.end() :] if m else ""
        most = printed_decimals(ds, suffix, besides=r.id) if suffix else None
        proposed = _proposed(r.note)
        for places, reading in [(0, r.as_printed), *decimal_readings(r.as_printed)]:
            value = r.value / 10**places
            n = _NUMBER.search(reading)
            decimals = len(n.group(2) or "") if n else 0
            out.append(
                {
                    "id": r.id,
                    "indicator": r.indicator,
                    "period": r.period,
                    "unit": r.unit,
                    "as_printed": r.as_printed,
                    "places": places,
                    "reading": reading,
                    "value": value,
                    "peer_ids": ", ".join(p.id for p in peers),
                    "peer_ratio": value / median if peers else np.nan,
                    "gdp_period": "" if total is None else total.period,
                    "gdp_share": np.nan if total is None else value / total.implied * 100,
                    "count_id": "" if count is None else count.id,
                    "per_item": np.nan if count is None else value / count.value,
                    "too_many_decimals": most is not None and places > 0 and decimals > most,
                    "proposed": places > 0
                    and proposed is not None
                    and n is not None
                    and math.isclose(float(n.group(0)), proposed),
                }
            )
    return pd.DataFrame(
        out,
        columns=[
            "id",
            "indicator",
            "period",
            "unit",
            "as_printed",
            "places",
            "reading",
            "value",
            "peer_ids",
            "peer_ratio",
            "gdp_period",
            "gdp_share",
            "count_id",
            "per_item",
            "too_many_decimals",
            "proposed",
        ],
    )


_PROPOSED = re.compile(r"(?:[Pp]robably|[Pp]ossibly a slip for)\s+(?:about\s+)?(\d+(?:\.\d+)?)")


def _proposed(note: str) -> float | None:
    """The number a suspect's note proposes ('Probably 8.99亿元 ...' gives 8.99)."""
    m = _PROPOSED.search(note or "")
    return float(m.group(1)) if m else None


def yardsticks(ds: Dataset, reading: pd.Series, lang: str = "en", name: bool = True) -> str:
    """One reading's yardsticks in words, for a table cell (`name`: say what the items counted are)."""
    obs = ds.observations.set_index("id")
    parts = []
    if not np.isnan(reading.peer_ratio):
        x = format_number(round(reading.peer_ratio, 2 if reading.peer_ratio < 1 else 1))
        parts.append(
            f"{x} × the median for the same measure" if lang == "en" else f"为同一指标其他数字中位数的{x}倍"
        )
    if not np.isnan(reading.gdp_share):
        share = format_value(float(f"{reading.gdp_share:.2g}"), "pct", lang=lang)
        year = format_period(reading.gdp_period, lang)
        parts.append(
            f"{share} of the GDP implied for {year}"
            if lang == "en"
            else f"相当于推算的{year}地区生产总值的{share}"
        )
    if reading.count_id:
        count = obs.loc[reading.count_id]
        each = format_value(float(f"{reading.per_item:.3g}"), reading.unit, lang=lang)
        n = format_value(count.value, "count", lang=lang)
        what = ds.indicators.set_index("id")["name_en" if lang == "en" else "name_zh"][count.indicator]
        if lang == "en":
            parts.append(f"{each} for each of {n}" + (f" ({what[0].lower() + what[1:]})" if name else ""))
        else:
            parts.append(count.as_printed + (f"（{what}）" if name else "") + f"平均每个{each}")
    if reading.too_many_decimals:
        parts.append(
            "more decimals than the sources ever print in this unit"
            if lang == "en"
            else "小数位数多于各来源在该单位下的写法"
        )
    return "; ".join(parts) if lang == "en" else "；".join(parts)


def proposed_places(ds: Dataset, row_id: str) -> int:
    """By how many places the reading a suspect's note proposes moves its decimal point (899亿 read
    as 8.99亿: 2); raises LookupError where the note proposes no reading of its digits."""
    found = readings(ds, [row_id])
    found = found[found.proposed]
    if found.empty:
        raise LookupError(f"the note of {row_id} proposes no reading of its digits")
    return int(found.places.iloc[0])
