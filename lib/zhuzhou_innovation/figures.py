"""Every kind of figure the book draws, in one style, in English or Chinese.

Each `plot_*` function returns a matplotlib Figure and records the exact rows it shows, which
`figure_data(fig)` returns (the CSV beside each exported figure). `to_svg` writes a figure as
deterministic SVG (no date, fixed ids, text as paths) so nbval sees any change of a number.
"""

from __future__ import annotations

import io
import textwrap
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, cast

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from . import scorecard, series
from .fonts import register_cjk_font
from .load import Dataset
from .narrative import format_number, format_period, format_value
from .words import _COUNT_EN, _COUNT_ZH, READING, STATUS, label

STYLE = Path(__file__).with_name("zhuzhou.mplstyle")
LANGS = ("en", "zh")
_DATA: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

# The few words a figure prints besides names from the data, in both languages.
WORDS = {
    "en": {
        "actual": "Reported",
        "target": "Target",
        "source": "Source",
        "of_target": "Outcome as % of target",
        "target_line": "target",
        "data": "Data: data/observations.csv, rows",
        "bound": "Reported as a lower bound (over)",
        "suspect": "suspect",
        "cny_bn": "CNY billion",
        "cny_m": "CNY million",
        "lag_note": "† Printed before the year's final R&D statistics: it may be the year before's figure.",
        "break_note": "No line joins two numbers that count different things ({reasons}).",
        "suspect_note": "A suspect value (a probable misprint) is drawn as printed, joined to nothing.",
        "suspect_bar": "A suspect value (a probable misprint) is drawn hatched, as printed.",
        "at_least": "at least",
        "reading_bar": "The outcome read as its note proposes (hatched)",
    },
    "zh": {
        "actual": "实际",
        "target": "目标",
        "source": "来源",
        "of_target": "实际值占目标的百分比",
        "target_line": "目标",
        "data": "数据：data/observations.csv，行",
        "bound": "实际（下限，“超过”）",
        "suspect": "存疑",
        "cny_bn": "亿元",
        "cny_m": "万元",
        "lag_note": "† 刊发时当年研发统计尚未公布：可能是上一年的数据。",
        "break_note": "统计口径不同的两个数字之间不连线（{reasons}）。",
        "suspect_note": "存疑数值（可能的笔误）按原文标出，不与其他点相连。",
        "suspect_bar": "存疑数值（可能的笔误）按原文以斜线条形标出。",
        "at_least": "至少",
        "reading_bar": "按数据说明推测读法的结果（斜线）",
    },
}
# A status or a best reading in a legend is named as everywhere else in the book (words.STATUS, READING).
for _lang in WORDS:
    WORDS[_lang].update({k: label(v, k, _lang) for v in (STATUS, READING) for k in v})
STATUS_COLOURS = {"met": "#009E73", "missed": "#D55E00", "not comparable": "#999999"}
READING_COLOURS = {
    "met": "#009E73",
    "probably met": "#009E73",
    "missed": "#D55E00",
    "probably missed": "#D55E00",
    "possibly missed": "#E69F00",
    "open": "#999999",
}
# Ratios of one chart that differ by more than this factor between indicators get a panel each:
# a 2.5% ratio beside a 35.6% share would otherwise be a sliver nobody can read. Amounts and
# counts stay on one scale: there the difference in size is the point (a part beside its whole).
PANEL_RATIO = 5.0
RATIO_UNITS = ("pct", "per_10k_people", "times")
_MARK_LAG = "†"


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


@contextmanager
def book_style():
    """The book's style with the CJK font registered: every figure is drawn inside it."""
    register_cjk_font()
    with plt.style.context(STYLE):
        yield


def indicator_name(ds: Dataset, indicator: str, lang: str = "en") -> str:
    """The indicator's English name, or its Chinese name as printed in the sources."""
    row = ds.indicators.set_index("id").loc[indicator]
    return row.name_en if lang == "en" else row.name_zh


def unit_name(ds: Dataset, unit: str, lang: str = "en") -> str:
    row = ds.units.set_index("id").loc[unit]
    return row.name_en if lang == "en" else row.name_zh


def region_name(ds: Dataset, region: str, lang: str = "en") -> str:
    row = ds.regions.set_index("id").loc[region]
    return row.name_en if lang == "en" else row.name_zh


def source_line(ds: Dataset, source_ids, lang: str = "en") -> str:
    """'Source: ...' naming each report a figure draws on, in reading order of publication; a cell
    may name several ("zz2022, zz2022q1": a number derived from rows of two reports)."""
    ids = {s for cell in source_ids for s in str(cell).split(", ") if s}
    src = ds.sources.set_index("id").loc[sorted(ids)].sort_values("published")
    names = src[f"citation_{lang}"]
    sep = "; " if lang == "en" else "；"
    colon = ": " if lang == "en" else "："
    return WORDS[lang]["source"] + colon + sep.join(names)


def _finish(fig: Figure, ds: Dataset, data: pd.DataFrame, lang: str, sources=None, notes=()) -> Figure:
    """Add the notes and the source line (the reports in `sources`, else in `data.source`) and keep the data."""
    sources = data["source"] if sources is None else sources
    width = 110 if lang == "en" else 60
    inches = fig.get_figheight()
    source = "\n".join(textwrap.wrap(source_line(ds, sources, lang), width))
    note = "\n".join(line for n in dict.fromkeys(notes) for line in textwrap.wrap(n, width))
    lines = source.count("\n") + 1 + (note.count("\n") + 1 if note else 0)
    with book_style():
        fig.text(
            0.01, 0.01, source, ha="left", va="bottom", fontsize=9, color="#444444", transform=fig.transFigure
        )
        if note:  # the notes just above the source line, a text of their own
            fig.text(
                0.01,
                (0.1 + 0.16 * (source.count("\n") + 1)) / inches,
                note,
                ha="left",
                va="bottom",
                fontsize=9,
                color="#444444",
                transform=fig.transFigure,
            )
    bottom = (0.3 + 0.16 * (lines - 1)) / inches  # room for the notes and the source line(s)
    cast(Any, fig.get_layout_engine()).set(rect=(0, bottom, 1, 1 - bottom))  # constrained layout
    _DATA[fig] = data.reset_index(drop=True)
    return fig


def figure_data(fig: Figure) -> pd.DataFrame:
    """The rows a figure shows (observation ids, values, units): the CSV beside the figure."""
    return _DATA[fig].copy()


def _suptitle(fig: Figure, text: str, lang: str = "en") -> None:
    """The figure's finding, above everything, flush left like the axes titles, wrapped to the width."""
    width = int(fig.get_figwidth() * (8.5 if lang == "en" else 4.4))
    fig.suptitle("\n".join(textwrap.wrap(text, width)), x=0.01, ha="left", fontsize=14)


def _point_label(value: float, unit: str, qualifier: str, lang: str) -> str:
    """A value beside its mark, in the book's style but short: 'over 1,100', '3.27%', 'CNY 30.8bn'."""
    text = format_value(value, unit, qualifier, lang)
    if lang == "en":
        text = text.replace(" billion", "bn").replace(" million", "m").replace(" per 10,000 people", "")
    return text


def _value_axis(ax, ds: Dataset, unit: str, values, lang: str, axis: str = "y") -> None:
    """Label the value axis with its unit; money in CNY billion or million (English) or 亿元/万元."""
    top = max([abs(v) for v in values if pd.notna(v)] or [1.0])
    target = ax.yaxis if axis == "y" else ax.xaxis
    if unit == "100m_cny":
        small = top < 10 if lang == "en" else top < 1  # under CNY 1 billion / under 1亿元
        factor = (100 if small else 0.1) if lang == "en" else (1e4 if small else 1)
        label = WORDS[lang]["cny_m" if small else "cny_bn"]
        target.set_major_formatter(
            matplotlib.ticker.FuncFormatter(lambda v, _: format_number(round(v * factor, 4)))
        )
    else:
        label = unit_name(ds, unit, lang)
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(label)


def _runs(points: pd.DataFrame) -> tuple[list[float], list[float]]:
    """x, y of a line through `points` (year, value, keep) that breaks (NaN) at missing years, at
    points not kept and before a point marked `break_before`."""
    xs: list[float] = []
    ys: list[float] = []
    prev = None
    for r in points.itertuples():
        if prev is not None:
            missing = list(range(prev + 1, r.year)) or ([r.year] if r.break_before else [])
            xs += [float(y) for y in missing]
            ys += [np.nan] * len(missing)
        xs.append(float(r.year))
        ys.append(r.value if r.keep else np.nan)
        prev = r.year
    return xs, ys


def _series_finding(
    ds: Dataset, indicator: str, region: str, actual: pd.DataFrame, goals: pd.DataFrame, lang: str
) -> str:
    """The sentence a chart of one indicator makes: how its reported values moved, and the last target."""
    name = indicator_name(ds, indicator, lang)
    clean = actual[actual.flag == ""]
    label = lambda r: _point_label(r.value, r.unit, r.qualifier, lang)
    if len(clean) >= 2:
        a, b = clean.iloc[-2], clean.iloc[-1]
        if b.break_before:
            text = (
                f"{name}: {label(a)} in {a.year} and {label(b)} in {b.year} count different things"
                if lang == "en"
                else f"{name}：{a.year}年{label(a)}与{b.year}年{label(b)}口径不同"
            )
        elif a.qualifier or b.qualifier:
            text = (
                f"{name}: {label(a)} in {a.year}, {label(b)} in {b.year}"
                if lang == "en"
                else f"{name}：{a.year}年{label(a)}，{b.year}年{label(b)}"
            )
        else:
            i = 0 if b.value > a.value else 1 if b.value < a.value else 2
            verb = ("rose", "fell", "held")[i] if lang == "en" else ("上升", "下降", "持平")[i]
            text = (
                f"{name} {verb} from {label(a)} in {a.year} to {label(b)} in {b.year}"
                if lang == "en"
                else f"{name}从{a.year}年的{label(a)}{verb}至{b.year}年的{label(b)}"
            )
    elif len(clean) == 1:
        a = clean.iloc[0]
        text = (
            f"{name}: one reported value, {label(a)} in {a.year}"
            if lang == "en"
            else f"{name}：仅有一个实际值，{a.year}年{label(a)}"
        )
    else:
        text = f"{name}: targets only" if lang == "en" else f"{name}：只有目标"
    last_done = clean.year.max() if len(clean) else -1
    ahead = goals[(goals.flag == "") & (goals.year > last_done)]
    if len(ahead):
        g = ahead.iloc[-1]
        text += f"; target {label(g)} for {g.year}" if lang == "en" else f"；{g.year}年目标{label(g)}"
    return text


def _draw_series(
    ax,
    ds: Dataset,
    actual: pd.DataFrame,
    goals: pd.DataFrame,
    lang: str,
    years: tuple[int, int] | None,
    small: bool = False,
) -> list[str]:
    """Draw one indicator's reported values and targets on `ax`; return the notes the drawing needs.

    Exact, comparable reported values are joined by a solid line (lines[0], broken at missing
    years and at breaks); two neighbours of which one is a bound are joined by a dotted line; a
    bound is an open marker with an arrow the way the bound goes; a suspect value is a grey cross
    joined to nothing; targets are open diamonds (a target of "over X" with an arrow up).
    """
    words = WORDS[lang]
    fontsize = 9 if small else 10
    values = pd.concat([actual.value, goals.value])
    top = float(values.max()) if len(values) else 1.0
    arrow = top * 0.12
    notes: list[str] = []
    clean = actual.flag == ""
    exact = clean & actual.qualifier.isin(["", "about"])
    if not actual.empty:
        xs, ys = _runs(actual.assign(keep=exact))
        shown = [i for i, y in enumerate(ys) if not np.isnan(y)]
        ax.plot(xs, ys, marker="o", markevery=shown, color="C0", label=words["actual"])
        # dotted: neighbours in adjacent years, comparable, one of them a bound
        dx: list[float] = []
        dy: list[float] = []
        for a, b in zip(actual.iloc[:-1].itertuples(), actual.iloc[1:].itertuples(), strict=False):
            if (
                b.year == a.year + 1
                and not b.break_before
                and a.flag == b.flag == ""
                and (a.qualifier in ("over", "under") or b.qualifier in ("over", "under"))
            ):
                dx += [a.year, b.year, b.year]
                dy += [a.value, b.value, np.nan]
        if dx:
            ax.plot(dx, dy, linestyle=":", color="C0")
        bounds = actual[clean & actual.qualifier.isin(["over", "under"])]
        if not bounds.empty:
            ax.plot(
                bounds.year,
                bounds.value,
                linestyle="none",
                marker="o",
                markerfacecolor="white",
                markeredgewidth=2,
                color="C0",
                label=words["bound"],
            )
        sus = actual[~clean]
        if not sus.empty:
            ax.plot(
                sus.year,
                sus.value,
                linestyle="none",
                marker="X",
                color="#777777",
                label=f"{words['actual']} ({words['suspect']})",
            )
            notes.append(words["suspect_note"])
        pairs = zip(actual.iloc[:-1].itertuples(), actual.iloc[1:].itertuples(), strict=False)
        reasons = [
            series.break_reason(ds, a.id, b.id, lang)
            for a, b in pairs
            if b.break_before and a.flag == b.flag == ""
        ]
        if reasons:
            notes.append(words["break_note"].format(reasons="; ".join(reasons)))
    if not goals.empty:
        ax.plot(
            goals.year,
            goals.value,
            linestyle="none",
            marker="D",
            markerfacecolor="white",
            markeredgewidth=2,
            color="C1",
            label=words["target"],
        )
    for frame, colour in ((actual, "C0"), (goals, "C1")):
        for r in frame.itertuples():
            bound = {"over": 1, "under": -1}.get(r.qualifier, 0) if r.flag == "" else 0
            if bound:
                ax.annotate(
                    "",
                    xy=(r.year, r.value + bound * arrow),
                    xytext=(r.year, r.value),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
                )
            text = _point_label(r.value, r.unit, r.qualifier, lang)
            if getattr(r, "may_be_year_before", False):
                text += _MARK_LAG
            if r.flag:
                text += f" ({words['suspect']})" if lang == "en" else f"（{words['suspect']}）"
            if colour == "C1":  # targets: label to the right, clear of a reported value in the same year
                ax.annotate(
                    text,
                    (r.year, r.value),
                    textcoords="offset points",
                    xytext=(7, 0),
                    ha="left",
                    va="center",
                    fontsize=fontsize,
                    color=colour,
                )
                continue
            at = r.value + (arrow if bound > 0 else 0)
            ax.annotate(
                text,
                (r.year, at),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=fontsize,
                color=colour,
            )
    if actual.may_be_year_before.any():
        notes.append(words["lag_note"])
    shown_years = pd.concat([actual.year, goals.year])
    first, last = years if years else (int(shown_years.min()), int(shown_years.max()))
    ax.set_xticks(range(first, last + 1))
    ax.set_xlim(first - 0.5, last + 0.5)
    ax.set_ylim(0, (top + arrow) * 1.25)
    unit = (actual if not actual.empty else goals).unit.iloc[0]
    _value_axis(ax, ds, unit, values, lang)
    return notes


def _series_data(actual: pd.DataFrame, goals: pd.DataFrame, indicator: str, region: str) -> pd.DataFrame:
    data = pd.concat([actual.assign(series="actual"), goals.assign(series="target")])
    return data.assign(indicator=indicator, region=region)[
        [
            "series",
            "indicator",
            "region",
            "year",
            "value",
            "unit",
            "qualifier",
            "id",
            "source",
            "flag",
            "break_before",
            "may_be_year_before",
        ]
    ]


def plot_series(
    ds: Dataset,
    indicator: str,
    region: str = "zhuzhou",
    lang: str = "en",
    targets: bool = True,
    years: tuple[int, int] | None = None,
    legend_loc: str = "best",
) -> Figure:
    """One indicator over the years, titled by what it shows: reported values joined only where
    they are comparable (a solid line between exact values, dotted where one is a bound, none
    across a missing year, a change of definition or a suspect value), bounds drawn as bounds,
    targets as open diamonds, each point labelled with its value.

    `years` (first, last) puts several figures on one shared time axis; `legend_loc` moves the
    legend where it hides no point (on a shared axis the early years may sit top left).
    """
    _check_lang(lang)
    actual = series.series(ds, indicator, region, "actual")
    goals = series.series(ds, indicator, region, "target") if targets else actual.iloc[0:0]
    with book_style():
        fig, ax = plt.subplots()
        notes = _draw_series(ax, ds, actual, goals, lang, years)
        title = indicator_name(ds, indicator, lang)
        if region != "zhuzhou":
            title += f" ({region_name(ds, region, lang)})"
        ax.set_title(title, fontsize=12, color="#444444")
        _suptitle(fig, _series_finding(ds, indicator, region, actual, goals, lang), lang)
        ax.legend(loc=cast(Any, legend_loc))
    return _finish(fig, ds, _series_data(actual, goals, indicator, region), lang, notes=notes)


def headline_finding(ds: Dataset, indicators: list[str], region: str = "zhuzhou", lang: str = "en") -> str:
    """What the headline indicators show together: how many can be followed from year to year,
    which way those went, and the last year with an outcome."""
    lines = [i for i in indicators if series.followable(ds, i, region)["how"] == "line"]
    rose = 0
    for i in lines:
        s = series.series(ds, i, region)
        rose += int(s.value.iloc[-1] > s.value.iloc[-2])
    years = [int(y) for i in indicators for y in series.series(ds, i, region).year]
    last = max(years) if years else None
    counts = _COUNT_EN if lang == "en" else _COUNT_ZH
    n, k = len(indicators), len(lines)
    word = lambda x: counts[x] if x < len(counts) else str(x)
    if lang == "en":
        how = (
            ""
            if not k
            else (
                ", and both rose"
                if rose == k == 2
                else ", and all rose"
                if rose == k
                else ", and both fell"
                if rose == 0 and k == 2
                else ", and all fell"
                if rose == 0
                else f": {word(rose)} rose, {word(k - rose)} fell"
            )
        )
        text = f"{word(k).capitalize()} of the {word(n)} headline indicators can be followed from year to year{how}"
        return text + (f"; no outcome after {last}" if last else "")
    how = (
        ""
        if not k
        else (
            "，均上升"
            if rose == k
            else "，均下降"
            if rose == 0
            else f"，{word(rose)}项上升、{word(k - rose)}项下降"
        )
    )
    return f"{word(n)}项主要指标中{word(k)}项可逐年比较{how}" + (f"；{last}年后无实际数据" if last else "")


def plot_headline(
    ds: Dataset,
    indicators: list[str],
    region: str = "zhuzhou",
    lang: str = "en",
    years: tuple[int, int] | None = None,
) -> Figure:
    """Small multiples: each headline indicator in its own panel (its own scale) on one time axis,
    drawn as `plot_series` draws one, under one title that states what they show together."""
    _check_lang(lang)
    ncols = 2
    nrows = (len(indicators) + ncols) // ncols  # one cell more than needed: the key
    frames, notes = [], []
    with book_style():
        fig, axes = plt.subplots(nrows, ncols, figsize=(9, 2.9 * nrows + 0.6))
        flat = list(np.ravel(axes))
        for ax, indicator in zip(flat, indicators, strict=False):
            actual = series.series(ds, indicator, region, "actual")
            goals = series.series(ds, indicator, region, "target")
            notes += _draw_series(ax, ds, actual, goals, lang, years, small=True)
            ax.set_title(indicator_name(ds, indicator, lang), fontsize=12)
            frames.append(_series_data(actual, goals, indicator, region))
        handles: dict[str, object] = {}
        for ax in flat[: len(indicators)]:
            for h, label in zip(*ax.get_legend_handles_labels(), strict=False):
                handles.setdefault(label, h)
        for ax in flat[len(indicators) :]:
            ax.axis("off")
        key = flat[len(indicators)]
        key.legend(list(handles.values()), list(handles), loc="center left", frameon=False)
        _suptitle(fig, headline_finding(ds, indicators, region, lang), lang)
    return _finish(fig, ds, pd.concat(frames), lang, notes=notes)


def _target_label(p, lang: str) -> str:
    """The words beside one promise's bar: the percentage (or what stands in for it) and the reading."""
    words = WORDS[lang]
    reading = words.get(p.reading, p.reading)
    if p.rule == "scored":
        bound = p.actual_qualifier == "over" and p.measure != "rank"
        pct = f"{p.pct_of_target:.0f}%"
        return (
            (f"{words['at_least']} {pct}" if lang == "en" else f"{words['at_least']}{pct}") if bound else pct
        ) + (f" ({reading})" if lang == "en" else f"（{reading}）")
    if p.rule == "suspect read":
        return (
            f"about {p.reading_pct:.0f}% if read as its note proposes: {reading}"
            if lang == "en"
            else f"按推测读法约{p.reading_pct:.0f}%：{reading}"
        )
    if p.rule == "share implies growth":
        return (
            f"growth at most {p.reading_value:.1f}%: {reading}"
            if lang == "en"
            else f"增长至多{p.reading_value:.1f}%：{reading}"
        )
    if p.rule == "later goal lower":
        return f"a later goal is lower: {reading}" if lang == "en" else f"后续目标更低：{reading}"
    what = {
        "rank": ("only a rank is reported", "只公布了排名"),
        "share": ("only a share is reported", "只公布了占比"),
        "growth": ("only a growth rate is reported", "只公布了增速"),
    }.get(p.actual_kind, ("no comparable outcome", "无可比结果"))
    return (what[0] if lang == "en" else what[1]) + (f": {reading}" if lang == "en" else f"：{reading}")


def plot_targets(ds: Dataset, card: pd.DataFrame | None = None, lang: str = "en") -> Figure:
    """Each promise a later report speaks to, or that the book can read: the outcome as a
    percentage of the target, a restated target once.

    A solid bar is a scored outcome (a rank counts as target/outcome, so 100% or more is met);
    an outcome printed as "over X" carries an arrow (at least that much); a hatched bar is an
    outcome read as its suspect row's note proposes; a promise with a reading but no honest
    percentage gets words and no bar, so a suspect outcome never sets the scale. The title
    counts the promises; the source line names the reports that set them and those that answered.
    """
    _check_lang(lang)
    every = scorecard.promises(ds, card)
    done = every[(every.actual_id != "") | (every.reading != "open")].copy()
    done["pct_of_target"] = [
        scorecard._pct(p.measure, p.target, p.actual) if p.status in ("met", "missed") else np.nan
        for p in done.itertuples()
    ]
    done["shown"] = done.pct_of_target.fillna(done.reading_pct)
    done = done.sort_values(["shown", "promise"], na_position="first").reset_index(drop=True)
    words = WORDS[lang]
    with book_style():
        fig, ax = plt.subplots(figsize=(9, max(3.2, 0.55 * len(done) + 2.0)))
        labels = [
            f"{indicator_name(ds, p.indicator, lang)}, {format_period(p.period, lang)}"
            if lang == "en"
            else f"{indicator_name(ds, p.indicator, lang)}（{format_period(p.period, lang)}）"
            for p in done.itertuples()
        ]
        ax.set_yticks(range(len(done)), labels)
        widest = max([100.0] + [v for v in done.shown if pd.notna(v)])
        for i, p in enumerate(done.itertuples()):
            colour = READING_COLOURS[p.reading]
            if pd.notna(p.pct_of_target):
                ax.barh(i, p.pct_of_target, color=colour)
            elif pd.notna(p.reading_pct):
                ax.barh(i, p.reading_pct, color="white", edgecolor=colour, hatch="///", linewidth=1.5)
            end = p.shown if pd.notna(p.shown) else 0
            if p.rule == "scored" and p.actual_qualifier == "over" and p.measure != "rank":
                ax.annotate(
                    "",
                    xy=(end + widest * 0.12, i),
                    xytext=(end, i),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
                )
                end += widest * 0.12
            ax.annotate(
                _target_label(p, lang),
                (end, i),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=10,
                color="black" if pd.notna(p.shown) else "#555555",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
        ax.axvline(100, color="#333333", linewidth=1.2, linestyle="--", zorder=0.5)
        ax.set_xlim(0, widest * 2.1)
        ax.set_ylim(-0.6, len(done) - 0.4)
        ax.set_xlabel(words["of_target"])
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        _suptitle(fig, targets_finding(every, lang), lang)
    data = done.rename(columns={"set_by": "source"})[
        [
            "promise",
            "target_ids",
            "indicator",
            "period",
            "measure",
            "target",
            "unit",
            "actual_id",
            "actual",
            "actual_kind",
            "actual_unit",
            "pct_of_target",
            "status",
            "reason",
            "reading",
            "rule",
            "reading_pct",
            "source",
            "reported_by",
        ]
    ]
    behind = ds.observations.set_index("id").source  # the reports a reading rests on (a later, lower goal)
    read_from = [behind[i] for ids in done.reading_inputs for i in ids.split(", ") if i in behind.index]
    sources = [
        s for s in pd.concat([done.set_by_all.str.split(", ").explode(), data.reported_by]) if s
    ] + read_from
    notes = [words["reading_bar"]] if done.rule.eq("suspect read").any() else []
    return _finish(fig, ds, data, lang, sources, notes=notes)


def targets_finding(promises: pd.DataFrame, lang: str = "en") -> str:
    """What the scorecard shows in one line: promises, how many a later report settles and how."""
    n = len(promises)
    met = int((promises.status == "met").sum())
    missed = int((promises.status == "missed").sum())
    settled = met + missed
    likely = int(promises.reading.isin(["probably missed", "possibly missed"]).sum())
    if lang == "en":
        how = (
            "all met"
            if settled and not missed
            else "all missed"
            if settled and not met
            else f"{met} met, {missed} missed"
        )
        text = f"A later report settles {settled} of {n} promises" + (f", {how}" if settled else "")
        return text + (f"; {likely} more were probably or possibly missed" if likely else "")
    how = (
        "均已完成"
        if settled and not missed
        else "均未完成"
        if settled and not met
        else f"完成{met}项、未完成{missed}项"
    )
    text = f"{n}项承诺中，后续报告可判定{settled}项" + (f"，{how}" if settled else "")
    return text + (f"；另有{likely}项很可能或可能未完成" if likely else "")


def _observation_bars(ds: Dataset, ids: list[str], labels: dict[str, str] | None, lang: str):
    obs = ds.observations.set_index("id").loc[ids].reset_index()
    if obs.unit.nunique() != 1:
        raise ValueError(f"rows {ids} mix units {sorted(obs.unit.unique())}: one figure, one unit")
    names = [
        labels[i] if labels and i in labels else f"{region_name(ds, r.region, lang)} {r.period}"
        for i, r in zip(obs.id, obs.itertuples(), strict=False)
    ]
    return obs.assign(label=names, may_be_year_before=series.may_be_year_before(ds, obs).values)


def _panels(obs: pd.DataFrame, panels: str) -> list[pd.DataFrame]:
    """The bars split into one panel per indicator when they are ratios whose sizes differ by
    more than `PANEL_RATIO` (`panels="auto"`), always (`"indicator"`) or never (`"one"`)."""
    groups = [g for _, g in obs.groupby("indicator", sort=False)]
    tops = [g.value.abs().max() for g in groups]
    split = panels == "indicator" or (
        panels == "auto"
        and len(groups) > 1
        and min(tops) > 0
        and obs.unit.iloc[0] in RATIO_UNITS
        and max(tops) / min(tops) > PANEL_RATIO
    )
    return groups if split else [obs]


def _bars(ax, ds: Dataset, obs: pd.DataFrame, lang: str) -> list[str]:
    """Horizontal bars for `obs` on `ax`: targets orange, outcomes blue, a suspect value hatched,
    a bound with an arrow the way it goes; return the notes the drawing needs."""
    words = WORDS[lang]
    top = float(obs.value.max())
    arrow = top * 0.12
    notes = []
    for i, r in enumerate(obs.itertuples()):
        colour = "C1" if r.kind == "target" else "C0"
        if r.flag:
            ax.barh(i, r.value, color="white", edgecolor="#777777", hatch="xx", linewidth=1.2)
            notes.append(words["suspect_bar"])
        else:
            ax.barh(i, r.value, color=colour)
        end = r.value
        bound = {"over": 1, "under": -1}.get(r.qualifier, 0)
        if bound:
            ax.annotate(
                "",
                xy=(r.value + bound * arrow, i),
                xytext=(r.value, i),
                arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.5},
            )
            end = r.value + max(bound, 0) * arrow
        text = _point_label(r.value, r.unit, r.qualifier, lang)
        if r.may_be_year_before:
            text += _MARK_LAG
            notes.append(words["lag_note"])
        if r.flag:
            text += f" ({words['suspect']})" if lang == "en" else f"（{words['suspect']}）"
        ax.annotate(text, (end, i), xytext=(4, 0), textcoords="offset points", va="center", fontsize=10)
    ax.set_yticks(range(len(obs)), obs.label)
    ax.invert_yaxis()
    ax.set_xlim(0, (top + arrow) * 1.35)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    return notes


def plot_compare(
    ds: Dataset,
    ids: list[str],
    title: str,
    labels: dict[str, str] | None = None,
    lang: str = "en",
    panels: str = "auto",
) -> Figure:
    """Side-by-side bars for chosen observations in one unit (places, years or reports).

    Bounds are drawn as bounds (an arrow the way they go, "over" in the label), a suspect value
    hatched and marked, an R&D figure printed before the year's statistics were final marked †;
    indicators of very different size get a panel each with its own scale (`panels`: `auto`,
    `indicator` or `one`), under `title`.
    """
    _check_lang(lang)
    obs = _observation_bars(ds, ids, labels, lang)
    groups = _panels(obs, panels)
    notes: list[str] = []
    with book_style():
        heights = [0.5 * len(g) + 0.9 for g in groups]
        fig, axes = plt.subplots(
            len(groups), 1, figsize=(8, max(3.0, sum(heights) + 1.2)), height_ratios=heights, squeeze=False
        )
        for ax, g in zip(axes[:, 0], groups, strict=False):
            notes += _bars(ax, ds, g.reset_index(drop=True), lang)
            if len(groups) > 1:
                ax.set_title(indicator_name(ds, g.indicator.iloc[0], lang), fontsize=12)
        last = axes[-1, 0]
        _value_axis(last, ds, obs.unit.iloc[0], obs.value, lang, axis="x")
        for ax in axes[:-1, 0]:
            _value_axis(ax, ds, obs.unit.iloc[0], obs.value, lang, axis="x")
            ax.set_xlabel("")
        if len(groups) > 1:
            _suptitle(fig, title, lang)
        else:
            axes[0, 0].set_title(title)
    data = pd.concat(groups)[
        [
            "label",
            "id",
            "indicator",
            "region",
            "period",
            "kind",
            "value",
            "unit",
            "qualifier",
            "source",
            "flag",
            "may_be_year_before",
        ]
    ]
    return _finish(fig, ds, data, lang, notes=notes)


def plot_composition(
    ds: Dataset,
    parts: list[str],
    title: str,
    labels: dict[str, str],
    lang: str = "en",
    whole: str | None = None,
    marks: tuple[str, ...] = (),
    subtitle: str = "",
) -> Figure:
    """A whole and its parts as one bar: each part a segment labelled with its value and share.

    `parts` are row ids or derived quantities (a remainder the source does not print is drawn
    hatched, so it reads as worked out, not printed); `whole` is the row they add up to, written at
    the bar's end (a ValueError if the parts do not add up to it); `marks` are rows in the same unit
    drawn as dashed boxes of their size around the bar, such as the target a year's total is set
    against. Values printed as bounds ("over 1,100") are labelled as bounds. `title` states the finding,
    `subtitle` names the measure.
    """
    _check_lang(lang)
    roles = ["part"] * len(parts) + ["whole"] * bool(whole) + ["mark"] * len(marks)
    # the labels are drawn as they are; the values are drawn with their shares, so no `text` column
    data = _keyed(ds, figure_facts(ds), [*parts, *([whole] if whole else []), *marks], labels, lang)
    data = data.drop(columns="text")
    data.insert(2, "role", roles)
    if data.unit.nunique() != 1:
        raise ValueError(f"{list(data.id)} mix units {sorted(data.unit.unique())}: one figure, one unit")
    bars = data[data.role == "part"]
    total = float(data.value[data.role == "whole"].iloc[0]) if whole else float(bars.value.sum())
    if whole and not np.isclose(bars.value.sum(), total, rtol=1e-9):
        raise ValueError(f"parts {list(bars.id)} add up to {bars.value.sum():g}, not to {whole} ({total:g})")
    data["share_of_whole"] = np.where(data.role == "part", data.value / total, np.nan)
    bars = data[data.role == "part"]
    unit = data.unit.iloc[0]
    with book_style():
        fig, ax = plt.subplots(figsize=(8, 3.6))
        left = 0.0
        for i, r in enumerate(bars.itertuples()):
            derived = r.kind in ("derived", "reading")
            ax.barh(
                0,
                r.value,
                left=left,
                height=0.5,
                color=f"C{i % 8}",
                alpha=0.45 if derived else 1,
                hatch="//" if derived else None,
                edgecolor="white",
                label=r.label,
            )
            ax.annotate(
                f"{format_value(r.value, unit, r.qualifier, lang)}\n{r.share_of_whole:.0%}",
                (left + r.value / 2, 0),
                ha="center",
                va="center",
                fontsize=10,
                color="white" if i % 8 in (0, 5, 7) and not derived else "black",
            )
            left += r.value
        if whole:  # the whole as the bar's frame, the parts filling it
            w = data[data.role == "whole"].iloc[0]
            ax.barh(0, total, height=0.6, fill=False, edgecolor="#333333", linewidth=1.0, zorder=3)
            # label and value as two texts, so each is one drawn string (the CSV names what is drawn)
            value = format_value(w.value, unit, w.qualifier, lang)
            for text, dy, va in ((w.label, 2, "bottom"), (value, -2, "top")):
                ax.annotate(text, (total, 0), xytext=(6, dy), textcoords="offset points", va=va, fontsize=10)
        for m in data[data.role == "mark"].itertuples():
            # a target as a dashed box of its size: the bar falls short of it or runs past its end
            ax.barh(
                0,
                m.value,
                height=0.8,
                fill=False,
                edgecolor="#333333",
                linestyle="--",
                linewidth=1.4,
                zorder=4,
            )
            for text, dy in ((format_value(m.value, unit, m.qualifier, lang), 3), (m.label, 16)):
                ax.annotate(
                    text,
                    (m.value, 0.4),
                    xytext=(0, dy),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=10,
                )
        ax.set_yticks([])
        ax.set_ylim(-0.5, 0.9)
        ax.set_xlim(0, max([total, *data.value[data.role == "mark"]]) * 1.22)
        ax.set_xlabel(unit_name(ds, unit, lang))
        _finding_title(ax, title, subtitle, lang)
        ax.grid(visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=min(4, len(bars)))
    return _finish(fig, ds, data, lang, _sources_of(data))


def to_svg(fig: Figure) -> str:
    """The figure as SVG text that depends only on what it shows (no date, fixed ids)."""
    buf = io.StringIO()
    with book_style():
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


def to_png(fig: Figure, path: Path | BinaryIO, dpi: int = 300) -> None:
    """A print-ready PNG with no timestamp or software tag in its metadata."""
    with book_style():
        fig.savefig(path, format="png", dpi=dpi, metadata={"Software": None})


class SVG:
    """A notebook output holding only the SVG text, so nbval compares the drawing itself."""

    def __init__(self, text: str):
        self.text = text

    def _repr_svg_(self) -> str:
        return self.text

    def __repr__(self) -> str:  # the plain-text output: no memory address, which varies per run
        return "<figure>"


def show(fig: Figure) -> SVG:
    """The figure as a deterministic SVG output (the figure is closed: it is drawn once)."""
    svg = SVG(to_svg(fig))
    plt.close(fig)
    return svg


# --- chapters 05 and 06 (the 2022 review, the 2025 targets): bars and points of rows or derived
# quantities, with titles that state the finding. A key is a row id or a quantity name; a title is
# text with the book's roles ({num}, {word}, {holds}), resolved from the data in the figure's
# language, so no number is typed and a title the data stop supporting fails to draw.


class _OnDemand(dict):
    """Quantities worked out when first asked for (a figure names a few; all of them take seconds)."""

    def __init__(self, ds: Dataset):
        super().__init__()
        from . import derived as _definitions  # noqa: F401  (importing registers the definitions)
        from .quantities import Rows

        self._rows = Rows(ds)

    def __missing__(self, name: str):
        from .quantities import NotAvailable

        try:
            self[name] = self._rows.quantity(name)
        except NotAvailable:
            raise KeyError(name) from None
        return self[name]

    def __contains__(self, name: object) -> bool:
        try:
            self[name]
        except KeyError:
            return False
        return True


def figure_facts(ds: Dataset):
    """The facts a figure's title and bars read: rows, and only the quantities they name."""
    from .facts import Facts

    facts = Facts(ds)
    facts.__dict__["quantities"] = _OnDemand(ds)  # stands in for the cached property
    return facts


def _row_ids(facts, key: str) -> list[str]:
    """The printed rows a key rests on: itself, or a quantity's inputs followed down to rows."""
    fact = facts.get(key)
    if fact.quantity is None:
        return [key]
    return [i for k in fact.quantity.inputs for i in _row_ids(facts, k)]


def _keyed(ds: Dataset, facts, keys: list[str], labels: dict[str, str], lang: str) -> pd.DataFrame:
    """One line per key: label, value, unit, qualifier, kind, the row it reads (indicator, period,
    flag) and the sources behind it; a quantity built on a suspect row is marked as a reading."""
    from .narrative import format_value

    obs = ds.observations.set_index("id")
    out = []
    for key in keys:
        fact = facts.get(key)
        ids = _row_ids(facts, key)
        first = obs.loc[ids[0]]
        suspect = any(obs.flag[i] == "suspect" for i in ids)
        derived = fact.quantity is not None
        kind = first.kind if not derived else ("reading" if suspect else "derived")
        printed = " ".join(obs.as_printed[i] for i in ids if obs.flag[i] == "suspect")
        out.append(
            {
                "label": labels.get(key, key),
                "id": key,
                "indicator": first.indicator,
                "region": first.region,
                "period": first.period,
                "kind": kind,
                "value": facts.value(key),
                "unit": fact.unit,
                "qualifier": fact.qualifier,
                "printed": printed,
                "flag": "suspect" if suspect else "",
                "inputs": ", ".join(dict.fromkeys(ids)),
                "source": ", ".join(dict.fromkeys(obs.source[i] for i in ids)),
                "text": format_value(fact.value, fact.unit, fact.qualifier, lang),
            }
        )
    return pd.DataFrame(out)


def _sources_of(data: pd.DataFrame) -> list[str]:
    return [s for cell in data.source for s in cell.split(", ")]


_KIND_COLOUR = {"target": "C1", "actual": "C0", "reading": "C0", "derived": "C0", "share": "C0", "rank": "C0"}
_PRINTED = {"en": "printed {}", "zh": "原文{}"}


def _frozen(fig: Figure) -> Figure:
    """Lay the figure out once and keep the positions, rounded: constrained layout over several
    rows of axes leaves float noise (1e-13) that varies from run to run and would change the
    SVG's clip-path ids, so the same figure would not give the same bytes."""
    with book_style():
        cast(Any, fig.get_layout_engine()).execute(fig)
        for ax in fig.axes:
            ax.set_position(Bbox.from_bounds(*(round(v, 6) for v in ax.get_position().bounds)))
        fig.set_layout_engine("none")
    return fig


def _title_block(fig: Figure, ax, title: str, subtitle: str, lang: str) -> None:
    """The finding as the title (what the export and slides read), the measure beneath it."""
    from matplotlib.transforms import blended_transform_factory

    width = 78 if lang == "en" else 40
    ax.axis("off")
    # Both start at the figure's left edge, not the axes' (which sits right of the tick labels).
    left = blended_transform_factory(fig.transFigure, ax.transAxes)
    t = ax.set_title("\n".join(textwrap.wrap(title, width)), loc="left", fontsize=14, pad=2)
    t.set_transform(left + ax.titleOffsetTrans)
    t.set_x(0.012)
    ax.text(
        0.012,
        0.45,
        "\n".join(textwrap.wrap(subtitle, width + 22 if lang == "en" else width + 12)),
        transform=left,
        ha="left",
        va="center",
        fontsize=10.5,
        color="#444444",
    )


def _bound_arrow(ax, x: float, y: float, qualifier: str, horizontal: bool, span: float) -> None:
    """An arrow from the end of a bar showing which way a bound is open: 'over' onwards, 'under' back."""
    if qualifier not in ("over", "under"):
        return
    step = span * (0.07 if qualifier == "over" else -0.07)
    end = (x + step, y) if horizontal else (x, y + step)
    ax.annotate("", xy=end, xytext=(x, y), arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.5})


def plot_key_bars(
    ds: Dataset, keys: list[str], title: str, subtitle: str, labels: dict[str, str], lang: str = "en"
) -> Figure:
    """Horizontal bars of rows or quantities in one unit: targets orange, results blue; a bound
    ('over X') ends in an arrow the way it is open; a suspect row drawn as its reading is hatched
    and labelled with what was printed. `title` (the finding) may use the book's roles."""
    _check_lang(lang)
    from .words import render

    facts = figure_facts(ds)
    data = _keyed(ds, facts, keys, labels, lang)
    if data.unit.nunique() != 1:
        raise ValueError(f"keys {keys} mix units {sorted(data.unit.unique())}: one figure, one unit")
    with book_style():
        fig = plt.figure(figsize=(8, 1.9 + 0.55 * len(data)))
        grid = fig.add_gridspec(2, 1, height_ratios=[1.3, 0.55 * len(data)])
        _title_block(fig, fig.add_subplot(grid[0]), render(title, facts, lang), subtitle, lang)
        ax = fig.add_subplot(grid[1])
        span = data.value.max() * 1.45
        for i, r in enumerate(data.itertuples()):
            reading = r.kind == "reading"
            ax.barh(
                i,
                r.value,
                color="white" if reading else _KIND_COLOUR.get(r.kind, "C0"),
                edgecolor=_KIND_COLOUR.get(r.kind, "C0"),
                hatch="///" if reading else None,
                linewidth=1.5,
            )
            _bound_arrow(ax, r.value, i, r.qualifier, True, span)
            text = r.text + (f" ({_PRINTED[lang].format(r.printed)})" if reading else "")
            shift = span * 0.08 if r.qualifier in ("over",) else 0
            ax.annotate(
                text,
                (r.value + shift, i),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=10,
            )
        ax.set_yticks(range(len(data)), data.label)
        ax.invert_yaxis()
        ax.set_xlim(0, span)
        ax.set_xlabel(unit_name(ds, data.unit.iloc[0], lang))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
    shown = data.drop(columns=["text"])
    return _frozen(_finish(fig, ds, shown, lang, _sources_of(shown)))


def plot_level_target_pairs(
    ds: Dataset,
    pairs: list[tuple[str, str, str]],
    title: str,
    subtitle: str,
    panels: dict[str, str],
    labels: dict[str, str],
    lang: str = "en",
) -> Figure:
    """Small multiples, one scale each: a level and the target set against it, side by side, with
    the growth the target asks for (`pairs`: level key, target key, growth key). A level printed as
    a bound ('over 1,100') ends in an arrow; `panels` names each panel by its level key."""
    _check_lang(lang)
    from .ranges import SIGN
    from .words import render

    facts = figure_facts(ds)
    with book_style():
        fig = plt.figure(figsize=(8, 5.2))
        grid = fig.add_gridspec(2, len(pairs), height_ratios=[1.1, 3.4])
        _title_block(fig, fig.add_subplot(grid[0, :]), render(title, facts, lang), subtitle, lang)
        frames = []
        for j, (level, target, growth) in enumerate(pairs):
            ax = fig.add_subplot(grid[1, j])
            data = _keyed(ds, facts, [level, target], labels, lang)
            top = data.value.max() * 1.35
            for i, r in enumerate(data.itertuples()):
                ax.bar(i, r.value, color=_KIND_COLOUR.get(r.kind, "C0"), width=0.65)
                _bound_arrow(ax, i, r.value, r.qualifier, False, top)
                ax.annotate(
                    r.text,
                    (i, r.value + (top * 0.08 if r.qualifier == "over" else 0)),
                    xytext=(0, 4),
                    textcoords="offset points",
                    ha="center",
                    fontsize=10,
                )
            g = facts.get(growth)
            sign = "+" if g.value >= 0 else "−"
            ax.annotate(
                f"{SIGN[g.qualifier]}{sign}{format_number(abs(g.quantity.shown_value))}%",
                (0.5, 0.93),
                xycoords=("data", "axes fraction"),
                va="center",
                ha="center",
                fontsize=12,
                color="#333333",
                bbox={"boxstyle": "round", "fc": "white", "ec": "#999999"},
            )
            ax.set_xticks(range(len(data)), data.label)
            ax.set_xlim(-0.6, len(data) - 0.4)
            ax.set_ylim(0, top)
            ax.set_title(panels[level], loc="left", fontsize=11)
            if j == 0:
                ax.set_ylabel(unit_name(ds, data.unit.iloc[0], lang))
            frames.append(data.assign(growth_id=growth, growth=g.value))
    shown = pd.concat(frames, ignore_index=True).drop(columns=["text"])
    return _frozen(_finish(fig, ds, shown, lang, _sources_of(shown)))


def plot_percent_of(
    ds: Dataset,
    keys: list[str],
    title: str,
    subtitle: str,
    labels: dict[str, str],
    reference: str,
    lang: str = "en",
) -> Figure:
    """Points on a log scale, one per quantity in percent of a reference (100%, the dashed line),
    each joined to the line by a stem; a bound ends in an arrow the way it is open; a hollow point
    is measured against an implied or corrected reference rather than a printed one."""
    _check_lang(lang)
    from .words import render

    facts = figure_facts(ds)
    data = _keyed(ds, facts, keys, labels, lang)
    with book_style():
        fig = plt.figure(figsize=(8.8, 5.6))
        grid = fig.add_gridspec(2, 1, height_ratios=[1.2, 3.8])
        _title_block(fig, fig.add_subplot(grid[0]), render(title, facts, lang), subtitle, lang)
        ax = fig.add_subplot(grid[1])
        ax.set_yscale("log")
        ax.axhline(100, color="#333333", linestyle="--", linewidth=1.2)
        ax.annotate(
            reference,
            (len(data) - 0.2, 100),
            xytext=(0, 4),
            textcoords="offset points",
            ha="right",
            fontsize=9.5,
            color="#333333",
        )
        hollow = [r.kind == "reading" or "derived" in _kinds(facts, r.id) for r in data.itertuples()]
        ax.vlines(range(len(data)), 100, data.value, color="#999999", linewidth=1.5)
        for flag, face in ((False, "C0"), (True, "white")):
            idx = [i for i, h in enumerate(hollow) if h == flag]
            if idx:
                ax.plot(
                    idx,
                    data.value.iloc[idx],
                    linestyle="none",
                    marker="o",
                    markersize=10,
                    markerfacecolor=face,
                    markeredgecolor="C0",
                    markeredgewidth=2,
                )
        lo, hi = data.value.min() / 2, data.value.max() * 2
        for i, r in enumerate(data.itertuples()):
            _arrow_log(ax, i, r.value, r.qualifier)
            above = r.value >= 100  # clear of the reference line
            ax.annotate(
                r.text,
                (i, r.value),
                xytext=(8, 5 if above else -5),
                textcoords="offset points",
                va="bottom" if above else "top",
                fontsize=10,
            )
        ax.set_ylim(lo, hi)
        ticks = [t for t in (10, 25, 50, 100, 200, 500, 1000, 2000) if lo <= t <= hi]
        ax.set_yticks(ticks, [f"{t:,}%" for t in ticks])
        ax.minorticks_off()
        ax.set_xticks(range(len(data)), data.label, fontsize=9.5)
        ax.set_xlim(-0.6, len(data) - 0.2)
        ax.grid(axis="y", visible=True)
    shown = data.drop(columns=["text"])
    return _frozen(_finish(fig, ds, shown, lang, _sources_of(shown)))


def _kinds(facts, key: str) -> set[str]:
    """'derived' if a quantity rests on another quantity (an implied total), else the row kinds."""
    fact = facts.get(key)
    if fact.quantity is None:
        return {fact.row.kind}
    return {"derived" for k in fact.quantity.inputs if facts.get(k).quantity is not None} or {"row"}


def _arrow_log(ax, x: float, y: float, qualifier: str) -> None:
    """A bound's arrow on a log axis: a fixed factor up for 'over', down for 'under'."""
    if qualifier in ("over", "under"):
        end = y * (1.6 if qualifier == "over" else 1 / 1.6)
        ax.annotate(
            "", xy=(x, end), xytext=(x, y), arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.5}
        )


# ---- Chapters 02 and 10: Yanfeng (ch-yf2020) and Zhuzhou beside Yanfeng (ch-compare) ----------


def plot_panels(
    ds: Dataset,
    panels: list[tuple[str, list[str]]],
    title: str,
    subtitle: str = "",
    labels: dict[str, str] | None = None,
    lang: str = "en",
) -> Figure:
    """Small multiples: one panel of bars per measure, each on its own scale, so ratios of very
    different size (an R&D intensity of a few percent beside a high-tech share of a third) are
    both readable. Bars are coloured by place; a number printed as a bound is drawn as one: a
    hatched bar with an arrow at its end pointing the way the true value may lie. Bars are drawn in
    the stored unit and labelled in the book's style (money as "CNY 18 billion").

    `panels` is a list of (panel title, row ids in one unit); `title` states the finding and
    `subtitle` names the measures. Labels default to the place and the period.
    """
    _check_lang(lang)
    shown = ds.observations.set_index("id").loc[[i for _, ids in panels for i in ids]]
    regions = list(dict.fromkeys(shown.region))
    colour = {r: f"C{n}" for n, r in enumerate(regions)}
    heights = [len(ids) for _, ids in panels]
    frames = []
    with book_style():
        fig, axes = plt.subplots(
            len(panels),
            1,
            figsize=(8, 1.3 + 0.55 * sum(heights) + 0.6 * len(panels)),
            gridspec_kw={"height_ratios": heights},
            squeeze=False,
        )
        for ax, (panel_title, ids) in zip(axes[:, 0], panels, strict=True):
            obs = _observation_bars(ds, ids, labels, lang)
            if not labels:
                # the place's name without its parent city ("Yanfeng district", not "..., Hengyang")
                obs["label"] = [
                    f"{region_name(ds, r.region, lang).split(',')[0]} {format_period(r.period, lang)}"
                    for r in obs.itertuples()
                ]
            # Bars in the stored unit (the CSV beside the figure holds what is drawn); the value
            # labels in the book's style ("CNY 18 billion", "180亿元").
            drawn = obs.value
            for i, r in enumerate(obs.itertuples()):
                bound = r.qualifier in ("under", "over")
                ax.barh(
                    i,
                    drawn.iloc[i],
                    color=colour[r.region],
                    alpha=0.45 if bound else 1.0,
                    hatch="//" if bound else None,
                    edgecolor=colour[r.region],
                )
                if bound:
                    tip = drawn.iloc[i] * (0.8 if r.qualifier == "under" else 1.2)
                    ax.annotate(
                        "",
                        xy=(tip, i),
                        xytext=(drawn.iloc[i], i),
                        arrowprops={"arrowstyle": "->", "color": "#333333"},
                    )
                text = format_value(r.value, r.unit, r.qualifier, lang, r.as_printed)
                ax.annotate(
                    text,
                    (drawn.iloc[i] * (1.2 if r.qualifier == "over" else 1.0), i),
                    xytext=(6, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=10,
                )
            ax.set_yticks(range(len(obs)), obs.label)
            ax.invert_yaxis()
            ax.set_xlim(0, drawn.max() * 1.55)
            ax.set_title(panel_title, fontsize=12)
            ax.set_xlabel(unit_name(ds, obs.unit.iloc[0], lang), fontsize=10)
            ax.grid(axis="y", visible=False)
            ax.grid(axis="x", visible=True)
            frames.append(obs.assign(panel=panel_title))
        fig.suptitle(title, x=0.01, ha="left", fontsize=14)
        if subtitle:
            axes[0, 0].annotate(
                subtitle,
                (0, 1),
                xycoords="axes fraction",
                xytext=(0, 24),
                textcoords="offset points",
                fontsize=11,
                color="#444444",
                va="bottom",
            )
    data = pd.concat(frames)[
        [
            "panel",
            "label",
            "id",
            "indicator",
            "region",
            "period",
            "kind",
            "value",
            "unit",
            "qualifier",
            "source",
            "flag",
        ]
    ]
    return _finish(fig, ds, data, lang)


# ---- Chapters 03 and 04 (the 2021 review, the first quarter of 2022): a finding over one axes ----


def _finding_title(ax, title: str, subtitle: str, lang: str) -> None:
    """The finding as the axes title (what the export and the slides read), the measure under it."""
    width = 70 if lang == "en" else 36
    ax.set_title("\n".join(textwrap.wrap(title, width)), loc="left", pad=22 if subtitle else 6)
    if subtitle:
        ax.annotate(
            subtitle,
            (0, 1),
            xycoords="axes fraction",
            xytext=(0, 6),
            textcoords="offset points",
            fontsize=11,
            color="#444444",
            va="bottom",
        )


def state_finding(fig: Figure, title: str, lang: str = "en") -> Figure:
    """Title a drawn figure with its finding; its former title (the measure) becomes the subtitle."""
    ax = fig.axes[0]
    measure = ax.get_title("left") or ax.get_title()
    ax.set_title("")
    ax.set_title("", loc="left")
    with book_style():
        _finding_title(ax, title, measure, lang)
    return fig
