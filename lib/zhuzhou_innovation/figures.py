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

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from . import scorecard, series  # noqa: E402
from .fonts import register_cjk_font  # noqa: E402
from .load import Dataset  # noqa: E402
from .narrative import format_number  # noqa: E402

STYLE = Path(__file__).with_name("zhuzhou.mplstyle")
LANGS = ("en", "zh")
_DATA: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

# The few words a figure prints besides names from the data, in both languages.
WORDS = {
    "en": {"actual": "Reported", "target": "Target", "source": "Source", "met": "met",
           "missed": "missed", "not comparable": "not comparable", "of_target": "Outcome as % of target",
           "target_line": "target", "data": "Data: data/observations.csv, rows"},
    "zh": {"actual": "实际", "target": "目标", "source": "来源", "met": "完成", "missed": "未完成",
           "not comparable": "不可比", "of_target": "实际值占目标的百分比", "target_line": "目标",
           "data": "数据：data/observations.csv，行"},
}
STATUS_COLOURS = {"met": "#009E73", "missed": "#D55E00", "not comparable": "#999999"}


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
    """'Source: ...' naming each report a figure draws on, in reading order of publication."""
    src = ds.sources.set_index("id").loc[sorted(set(source_ids))].sort_values("published")
    names = src[f"citation_{lang}"]
    sep = "; " if lang == "en" else "；"
    colon = ": " if lang == "en" else "："
    return WORDS[lang]["source"] + colon + sep.join(names)


def _finish(fig: Figure, ds: Dataset, data: pd.DataFrame, lang: str, sources=None) -> Figure:
    """Add the source line (the reports in `sources`, else in `data.source`) and keep the data."""
    sources = data["source"] if sources is None else sources
    text = "\n".join(textwrap.wrap(source_line(ds, sources, lang), 110 if lang == "en" else 60))
    with book_style():
        fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=9, color="#444444",
                 transform=fig.transFigure)
    inches = fig.get_figheight()
    bottom = (0.3 + 0.16 * text.count("\n")) / inches  # room for the source line(s)
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    _DATA[fig] = data.reset_index(drop=True)
    return fig


def figure_data(fig: Figure) -> pd.DataFrame:
    """The rows a figure shows (observation ids, values, units): the CSV beside the figure."""
    return _DATA[fig].copy()


def plot_series(ds: Dataset, indicator: str, region: str = "zhuzhou", lang: str = "en",
                targets: bool = True, years: tuple[int, int] | None = None,
                legend_loc: str = "best") -> Figure:
    """One indicator over the years: reported values joined by a line broken at missing years,
    targets as open diamonds, each point labelled with its value.

    `years` (first, last) puts several figures on one shared time axis; `legend_loc` moves the
    legend where it hides no point (on a shared axis the early years may sit top left).
    """
    _check_lang(lang)
    actual = series.series(ds, indicator, region, "actual")
    goals = series.series(ds, indicator, region, "target") if targets else actual.iloc[0:0]
    unit = (actual if not actual.empty else goals).unit.iloc[0]
    with book_style():
        fig, ax = plt.subplots()
        filled = series.with_gaps(actual)
        ax.plot(filled.year, filled.value, marker="o", color="C0", label=WORDS[lang]["actual"])
        if not goals.empty:
            ax.plot(goals.year, goals.value, linestyle="none", marker="D", markerfacecolor="white",
                    markeredgewidth=2, color="C1", label=WORDS[lang]["target"])
        for frame, colour in ((actual, "C0"), (goals, "C1")):
            for r in frame.itertuples():
                ax.annotate(format_number(r.value), (r.year, r.value), textcoords="offset points",
                            xytext=(0, 8), ha="center", fontsize=10, color=colour)
        shown = pd.concat([actual.year, goals.year])
        first, last = years if years else (shown.min(), shown.max())
        ax.set_xticks(range(first, last + 1))
        ax.set_xlim(first - 0.5, last + 0.5)
        ax.set_ylim(0, max(pd.concat([actual.value, goals.value])) * 1.2)
        ax.set_ylabel(unit_name(ds, unit, lang))
        title = indicator_name(ds, indicator, lang)
        if region != "zhuzhou":
            title += f" ({region_name(ds, region, lang)})"
        ax.set_title(title)
        ax.legend(loc=legend_loc)
    data = pd.concat([actual.assign(series="actual"), goals.assign(series="target")])
    data = data.assign(indicator=indicator, region=region)[
        ["series", "indicator", "region", "year", "value", "unit", "qualifier", "id", "source", "flag"]]
    return _finish(fig, ds, data, lang)


def plot_targets(ds: Dataset, card: pd.DataFrame | None = None, lang: str = "en") -> Figure:
    """Each target that a later report answered: the outcome as a percentage of the target.

    A rank target counts as target/outcome, so 100% or more always means met. A target marked
    `not comparable` gets no bar (a suspect outcome or another measure has no honest ratio) and
    does not set the scale; each label carries the target's row id, since two reports may set
    the same target; the source line names the reports that set the targets and those that answered.
    """
    _check_lang(lang)
    card = scorecard.scorecard(ds) if card is None else card
    done = card[card.status != "not yet reported"].copy()
    ratio = np.where(done.measure == "rank", done.target / done.actual, done.actual / done.target)
    done["pct_of_target"] = np.where(done.status == "not comparable", np.nan, ratio * 100)
    done = done.sort_values(["pct_of_target", "target_id"], na_position="first").reset_index(drop=True)
    with book_style():
        fig, ax = plt.subplots(figsize=(8, max(3.0, 0.45 * len(done) + 1.5)))
        labels = [f"{indicator_name(ds, r.indicator, lang)} {r.period} ({r.target_id})"
                  for r in done.itertuples()]
        colours = [STATUS_COLOURS[s] for s in done.status]
        ax.barh(range(len(done)), done.pct_of_target.fillna(0), color=colours)
        ax.set_yticks(range(len(done)), labels)
        ax.axvline(100, color="#333333", linewidth=1.2, linestyle="--")
        for i, r in enumerate(done.itertuples()):
            shown = WORDS[lang][r.status]
            if not np.isnan(r.pct_of_target):
                shown = f"{r.pct_of_target:.0f}% ({shown})"
            ax.annotate(shown, (0 if np.isnan(r.pct_of_target) else r.pct_of_target, i),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=10,
                        color="#555555" if np.isnan(r.pct_of_target) else "black")
        widest = done.pct_of_target.max() if done.pct_of_target.notna().any() else 100
        ax.set_xlim(0, max(widest, 100) * 1.35)
        ax.set_xlabel(WORDS[lang]["of_target"])
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
    data = done.rename(columns={"set_by": "source"})[
        ["target_id", "indicator", "period", "measure", "target", "unit", "actual_id", "actual",
         "actual_kind", "actual_unit", "pct_of_target", "status", "reason", "source", "reported_by"]]
    sources = [s for s in pd.concat([data.source, data.reported_by]) if s]
    return _finish(fig, ds, data, lang, sources)


def _observation_bars(ds: Dataset, ids: list[str], labels: dict[str, str] | None, lang: str):
    obs = ds.observations.set_index("id").loc[ids].reset_index()
    if obs.unit.nunique() != 1:
        raise ValueError(f"rows {ids} mix units {sorted(obs.unit.unique())}: one figure, one unit")
    names = [labels[i] if labels and i in labels else
             f"{region_name(ds, r.region, lang)} {r.period}" for i, r in zip(obs.id, obs.itertuples())]
    return obs.assign(label=names)


def plot_compare(ds: Dataset, ids: list[str], title: str, labels: dict[str, str] | None = None,
                 lang: str = "en") -> Figure:
    """Side-by-side bars for chosen observations in one unit (places, years or reports)."""
    _check_lang(lang)
    obs = _observation_bars(ds, ids, labels, lang)
    with book_style():
        fig, ax = plt.subplots(figsize=(8, max(3.0, 0.5 * len(obs) + 1.5)))
        colours = ["C1" if k == "target" else "C0" for k in obs.kind]
        ax.barh(range(len(obs)), obs.value, color=colours)
        ax.set_yticks(range(len(obs)), obs.label)
        ax.invert_yaxis()
        for i, r in enumerate(obs.itertuples()):
            ax.annotate(format_number(r.value), (r.value, i), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=10)
        ax.set_xlim(0, obs.value.max() * 1.2)
        ax.set_xlabel(unit_name(ds, obs.unit.iloc[0], lang))
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
    data = obs[["label", "id", "indicator", "region", "period", "kind", "value", "unit", "source", "flag"]]
    return _finish(fig, ds, data, lang)


def plot_composition(ds: Dataset, ids: list[str], title: str, labels: dict[str, str] | None = None,
                     lang: str = "en") -> Figure:
    """Parts side by side in one stacked bar, each labelled with its value and share of the sum."""
    _check_lang(lang)
    obs = _observation_bars(ds, ids, labels, lang)
    total = obs.value.sum()
    with book_style():
        fig, ax = plt.subplots(figsize=(8, 3.2))
        left = 0.0
        for i, r in enumerate(obs.itertuples()):
            ax.barh(0, r.value, left=left, color=f"C{i % 8}", edgecolor="white", label=r.label)
            ax.annotate(f"{format_number(r.value)}\n{r.value / total:.0%}", (left + r.value / 2, 0),
                        ha="center", va="center", fontsize=10,
                        color="white" if i % 8 in (0, 5, 7) else "black")
            left += r.value
        ax.set_yticks([])
        ax.set_xlim(0, total)
        ax.set_xlabel(unit_name(ds, obs.unit.iloc[0], lang))
        ax.set_title(title)
        ax.grid(visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncols=min(4, len(obs)))
    data = obs[["label", "id", "indicator", "region", "period", "kind", "value", "unit", "source", "flag"]]
    return _finish(fig, ds, data.assign(share_of_sum=obs.value / total), lang)


def to_svg(fig: Figure) -> str:
    """The figure as SVG text that depends only on what it shows (no date, fixed ids)."""
    buf = io.StringIO()
    with book_style():
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


def to_png(fig: Figure, path: Path, dpi: int = 300) -> None:
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
