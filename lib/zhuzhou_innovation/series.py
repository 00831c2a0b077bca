"""One indicator over the years, and the indicators that recur across reports.

Every function works from the loaded rows alone, so a new report's rows update the series
with no change here. Two pieces of domain knowledge sit here, each with the words it rests on:
where two reports count different things under one indicator (`BREAKS`: a line must not join
their points), and when a report could know a year's R&D statistics (`may_be_year_before`:
the publication lag behind the R&D intensity and its rank streak).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .load import Dataset
from .periods import PERIOD, is_year, period_key
from .rows import with_sources


@dataclass(frozen=True)
class Break:
    """Two rows of one indicator that count different things: no line may join them.

    `words` are what each quote prints to say what it counts (the earlier row's, the later's);
    `series` checks that they are there, so the break rests on the quotes, not on memory.
    """

    earlier: str
    later: str
    words: tuple[str, str]
    en: str
    zh: str


BREAKS: tuple[Break, ...] = (
    # 选派各级科技特派员331名 (2021 review) against 选派379名科技特派员 (2022 review)
    Break("zz2021-027", "zz2022-044", ("各级", "选派379名"),
          "the 2021 review counts commissioners of all levels (各级), the 2022 review those it dispatched",
          "2021年综述统计各级科技特派员，2022年回眸统计当年选派人数"),
    # 较上一年度0.7亿元的认定额 against 基础研究申报数达到5.92亿元 (the first-quarter page)
    Break("zz2022q1-019", "zz2022q1-018", ("认定额", "申报数"),
          "a certified amount (认定额) for 2020 against a declared one (申报数) for 2021",
          "2020年为认定额，2021年为申报数"),
)

# The publication lag. R&D statistics for a year (the 科技经费投入统计公报, national and Hunan's)
# come out in the autumn of the following year. A ratio or rank of R&D printed before then
# cannot rest on that year's final figures: it is either preliminary or the year before's.
# The reports print no year beside their R&D figures (全社会研发投入强度 3.27% 连续三年 全省第一),
# so the book records each under the year its report reviews and says, wherever such a number
# is used, that it may be the year before's.
LAGGED_INDICATORS = ("rd_intensity", "rd_spending")
FINAL_STATISTICS_MONTH = 9
READINGS = ("as recorded", "publication lag")


def _end_year(period: str) -> int:
    m = PERIOD.match(period)
    if not m:
        raise ValueError(f"not a period: {period!r}")
    return int(m.group(5) or m.group(1))


def printed_before_final(published: str, period: str) -> bool:
    """True when a report published on `published` (2022, 2022-03 or 2022-03-02) came out before
    the final R&D statistics for `period` could (the autumn after its last year). A date without
    a month counts as early: the report cannot be shown to have waited."""
    parts = [int(p) for p in published.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 1
    final_year = _end_year(period) + 1
    return (year, month) < (final_year, FINAL_STATISTICS_MONTH)


def may_be_year_before(ds: Dataset, rows: pd.DataFrame) -> pd.Series:
    """For each row: an R&D ratio, level or rank printed before that year's statistics were final,
    which may therefore be the year before's (the publication lag). Targets are never lagged."""
    published = rows["source"].map(ds.sources.set_index("id")["published"])
    return pd.Series([r.indicator in LAGGED_INDICATORS and r.kind != "target"
                      and printed_before_final(p, r.period)
                      for r, p in zip(rows.itertuples(), published)], index=rows.index, dtype=bool)


def _breaks(ds: Dataset) -> dict[tuple[str, str], Break]:
    """The breaks whose rows are in the data, checked against their quotes."""
    quotes = ds.observations.set_index("id")["quote"]
    out = {}
    for b in BREAKS:
        if b.earlier not in quotes.index or b.later not in quotes.index:
            continue
        for row, word in zip((b.earlier, b.later), b.words):
            if word not in quotes[row]:
                raise ValueError(f"series.BREAKS: the quote of {row} no longer prints {word!r}: "
                                 "check whether the two rows still count different things")
        out[(b.earlier, b.later)] = b
    return out


def break_reason(ds: Dataset, earlier: str, later: str, lang: str = "en") -> str:
    """Why a line must not join two rows ('' where it may): a suspect value or a change of what is counted."""
    flags = ds.observations.set_index("id")["flag"]
    if "suspect" in (flags.get(earlier, ""), flags.get(later, "")):
        return "a suspect value" if lang == "en" else "存疑数值"
    b = _breaks(ds).get((earlier, later))
    return "" if b is None else (b.en if lang == "en" else b.zh)


def series(ds: Dataset, indicator: str, region: str = "zhuzhou", kind: str = "actual") -> pd.DataFrame:
    """One indicator for one region over the years, one row per year.

    Where two reports give the same year, the later report's number is kept (it had better
    information); within one report an unflagged number beats a suspect one, and an exact one
    beats a bound ("over 1,100" beside 1,261). The others are listed in `also`. Years with no
    number are absent: a figure of the series draws them as gaps.

    `break_before` marks a point that no line may join to the point before it (the year before
    in the series): either is flagged suspect, or the two reports count different things
    (`BREAKS`). `may_be_year_before` marks an R&D figure printed before the year's statistics
    were final (the publication lag).
    """
    obs = ds.observations
    rows = obs[(obs.indicator == indicator) & (obs.region == region) & (obs.kind == kind)
               & is_year(obs.period)]
    if kind == "target":
        rows = rows[rows.target_measure == "level"]
    rows = with_sources(ds, rows).assign(clean=lambda d: d.flag == "", exact=lambda d: d.qualifier == "")
    rows = rows.sort_values(["period", "published", "clean", "exact", "id"])
    lagged = may_be_year_before(ds, rows)
    out = []
    for period, group in rows.groupby("period", sort=True):
        last = group.iloc[-1]
        others = group.iloc[:-1]
        before = out[-1]["id"] if out else ""
        out.append({
            "year": int(period), "value": last.value, "unit": last.unit, "qualifier": last.qualifier,
            "source": last.source, "id": last.id, "flag": last.flag,
            "also": ", ".join(f"{r.id}={r.value:g}" for r in others.itertuples()),
            "break_before": bool(before) and bool(break_reason(ds, before, last.id)),
            "may_be_year_before": bool(lagged[last.name]),
        })
    cols = ["year", "value", "unit", "qualifier", "source", "id", "flag", "also", "break_before",
            "may_be_year_before"]
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


# 连续三年, 连续4年: how many years running a rank has held, as the quotes print it.
_STREAK = re.compile(r"连续\s*([0-9]+|[一二两三四五六七八九十]+)\s*年")
_ZH_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _years_running(text: str) -> int | None:
    """The N of 连续N年 in a quote (digits or Chinese numerals up to 九十九), None without one."""
    m = _STREAK.search(text)
    if not m:
        return None
    n = m.group(1)
    if n.isdigit():
        return int(n)
    tens, _, units = n.rpartition("十")
    if "十" not in n:
        return _ZH_DIGIT[n]
    return (_ZH_DIGIT.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGIT[units] if units else 0)


def rank_streaks(ds: Dataset, indicator: str = "rd_intensity", region: str = "zhuzhou") -> pd.DataFrame:
    """Each printed run of a rank ("first in Hunan three years running") with the years it covers
    under both readings of its year.

    `as recorded`: the run ends in the year the row is recorded under (the year its report
    reviews). `publication lag`: a run printed before that year's R&D statistics were final
    ends a year earlier. A reading is consistent when every report's run starts in the same
    year (`streak_starts`); the book applies one reading to every report, never a mix.
    """
    obs = with_sources(ds, ds.observations)
    rows = obs[(obs.indicator == indicator) & (obs.region == region) & (obs.kind == "rank")]
    lagged = may_be_year_before(ds, rows)
    out = []
    for r, lag in zip(rows.itertuples(), lagged):
        n = _years_running(r.quote)
        if n is None:
            continue
        last = _end_year(r.period)
        out.append({"id": r.id, "source": r.source, "published": r.published, "rank": int(r.value),
                    "years_running": n, "first_as_recorded": last - n + 1, "last_as_recorded": last,
                    "first_lagged": last - n + 1 - int(lag), "last_lagged": last - int(lag)})
    cols = ["id", "source", "published", "rank", "years_running", "first_as_recorded", "last_as_recorded",
            "first_lagged", "last_lagged"]
    return pd.DataFrame(out, columns=cols).sort_values(["published", "id"], ignore_index=True)


def streak_starts(streaks: pd.DataFrame, reading: str) -> list[int]:
    """The distinct first years of the runs under one reading: one year means the reports agree."""
    column = {"as recorded": "first_as_recorded", "publication lag": "first_lagged"}[reading]
    return sorted(set(streaks[column]))


def followable(ds: Dataset, indicator: str, region: str = "zhuzhou") -> dict:
    """Whether an indicator's reported levels can be followed as a line from year to year, and why not.

    `how`: `line` (two or more exact, comparable yearly levels), `bounds` (joined only by lower
    or upper bounds), `break` (the reports count different things, or a value is suspect),
    `one year` (a yearly level for one year at most; other periods give another measure or a
    quarter). `years` lists the years with a level.
    """
    s = series(ds, indicator, region)
    years = list(s.year)
    if len(s) < 2:
        return {"how": "one year", "years": years}
    pairs = list(zip(s.iloc[:-1].itertuples(), s.iloc[1:].itertuples()))
    if all(b.break_before for _, b in pairs):
        a, b = pairs[0]
        return {"how": "break", "years": years, "reason_en": break_reason(ds, a.id, b.id, "en"),
                "reason_zh": break_reason(ds, a.id, b.id, "zh")}
    exact = [(a, b) for a, b in pairs if not b.break_before and not a.qualifier and not b.qualifier]
    return {"how": "line" if exact else "bounds", "years": years}
