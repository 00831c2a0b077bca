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
from .narrative import format_number, format_value  # noqa: E402

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
    """'Source: ...' naming each report a figure draws on, in reading order of publication; a cell
    may name several ("zz2022, zz2022q1": a number derived from rows of two reports)."""
    ids = {s for cell in source_ids for s in str(cell).split(", ") if s}
    src = ds.sources.set_index("id").loc[sorted(ids)].sort_values("published")
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


def plot_composition(ds: Dataset, parts: list[str], title: str, labels: dict[str, str], lang: str = "en",
                     whole: str | None = None, marks: tuple[str, ...] = (), subtitle: str = "") -> Figure:
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
            ax.barh(0, r.value, left=left, height=0.5, color=f"C{i % 8}", alpha=0.45 if derived else 1,
                    hatch="//" if derived else None, edgecolor="white", label=r.label)
            ax.annotate(f"{format_value(r.value, unit, r.qualifier, lang)}\n{r.share_of_whole:.0%}",
                        (left + r.value / 2, 0), ha="center", va="center", fontsize=10,
                        color="white" if i % 8 in (0, 5, 7) and not derived else "black")
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
            ax.barh(0, m.value, height=0.8, fill=False, edgecolor="#333333", linestyle="--", linewidth=1.4,
                    zorder=4)
            for text, dy in ((format_value(m.value, unit, m.qualifier, lang), 3), (m.label, 16)):
                ax.annotate(text, (m.value, 0.4), xytext=(0, dy), textcoords="offset points", ha="center",
                            va="bottom", fontsize=10)
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
        out.append({"label": labels.get(key, key), "id": key, "indicator": first.indicator,
                    "region": first.region, "period": first.period, "kind": kind, "value": facts.value(key),
                    "unit": fact.unit, "qualifier": fact.qualifier, "printed": printed,
                    "flag": "suspect" if suspect else "", "inputs": ", ".join(dict.fromkeys(ids)),
                    "source": ", ".join(dict.fromkeys(obs.source[i] for i in ids)),
                    "text": format_value(fact.value, fact.unit, fact.qualifier, lang)})
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
        fig.get_layout_engine().execute(fig)
        for ax in fig.axes:
            ax.set_position([round(v, 6) for v in ax.get_position().bounds])
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
    ax.text(0.012, 0.45, "\n".join(textwrap.wrap(subtitle, width + 22 if lang == "en" else width + 12)),
            transform=left, ha="left", va="center", fontsize=10.5, color="#444444")


def _bound_arrow(ax, x: float, y: float, qualifier: str, horizontal: bool, span: float) -> None:
    """An arrow from the end of a bar showing which way a bound is open: 'over' onwards, 'under' back."""
    if qualifier not in ("over", "under"):
        return
    step = span * (0.07 if qualifier == "over" else -0.07)
    end = (x + step, y) if horizontal else (x, y + step)
    ax.annotate("", xy=end, xytext=(x, y), arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.5})


def plot_key_bars(ds: Dataset, keys: list[str], title: str, subtitle: str, labels: dict[str, str],
                  lang: str = "en") -> Figure:
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
            ax.barh(i, r.value, color="white" if reading else _KIND_COLOUR.get(r.kind, "C0"),
                    edgecolor=_KIND_COLOUR.get(r.kind, "C0"), hatch="///" if reading else None, linewidth=1.5)
            _bound_arrow(ax, r.value, i, r.qualifier, True, span)
            text = r.text + (f" ({_PRINTED[lang].format(r.printed)})" if reading else "")
            shift = span * 0.08 if r.qualifier in ("over",) else 0
            ax.annotate(text, (r.value + shift, i), xytext=(4, 0), textcoords="offset points", va="center", fontsize=10)
        ax.set_yticks(range(len(data)), data.label)
        ax.invert_yaxis()
        ax.set_xlim(0, span)
        ax.set_xlabel(unit_name(ds, data.unit.iloc[0], lang))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
    shown = data.drop(columns=["text"])
    return _frozen(_finish(fig, ds, shown, lang, _sources_of(shown)))


def plot_level_target_pairs(ds: Dataset, pairs: list[tuple[str, str, str]], title: str, subtitle: str,
                            panels: dict[str, str], labels: dict[str, str], lang: str = "en") -> Figure:
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
                ax.annotate(r.text, (i, r.value + (top * 0.08 if r.qualifier == "over" else 0)),
                            xytext=(0, 4), textcoords="offset points", ha="center", fontsize=10)
            g = facts.get(growth)
            sign = "+" if g.value >= 0 else "−"
            ax.annotate(f"{SIGN[g.qualifier]}{sign}{format_number(abs(g.quantity.shown_value))}%", (0.5, 0.93),
                        xycoords=("data", "axes fraction"), va="center", ha="center", fontsize=12, color="#333333",
                        bbox={"boxstyle": "round", "fc": "white", "ec": "#999999"})
            ax.set_xticks(range(len(data)), data.label)
            ax.set_xlim(-0.6, len(data) - 0.4)
            ax.set_ylim(0, top)
            ax.set_title(panels[level], loc="left", fontsize=11)
            if j == 0:
                ax.set_ylabel(unit_name(ds, data.unit.iloc[0], lang))
            frames.append(data.assign(growth_id=growth, growth=g.value))
    shown = pd.concat(frames, ignore_index=True).drop(columns=["text"])
    return _frozen(_finish(fig, ds, shown, lang, _sources_of(shown)))


def plot_percent_of(ds: Dataset, keys: list[str], title: str, subtitle: str, labels: dict[str, str],
                    reference: str, lang: str = "en") -> Figure:
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
        ax.annotate(reference, (len(data) - 0.2, 100), xytext=(0, 4), textcoords="offset points",
                    ha="right", fontsize=9.5, color="#333333")
        hollow = [r.kind == "reading" or "derived" in _kinds(facts, r.id) for r in data.itertuples()]
        ax.vlines(range(len(data)), 100, data.value, color="#999999", linewidth=1.5)
        for flag, face in ((False, "C0"), (True, "white")):
            idx = [i for i, h in enumerate(hollow) if h == flag]
            if idx:
                ax.plot(idx, data.value.iloc[idx], linestyle="none", marker="o", markersize=10,
                        markerfacecolor=face, markeredgecolor="C0", markeredgewidth=2)
        lo, hi = data.value.min() / 2, data.value.max() * 2
        for i, r in enumerate(data.itertuples()):
            _arrow_log(ax, i, r.value, r.qualifier)
            above = r.value >= 100  # clear of the reference line
            ax.annotate(r.text, (i, r.value), xytext=(8, 5 if above else -5), textcoords="offset points",
                        va="bottom" if above else "top", fontsize=10)
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
        ax.annotate("", xy=(x, end), xytext=(x, y), arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.5})


# ---- Chapters 02 and 10: Yanfeng (ch-yf2020) and Zhuzhou beside Yanfeng (ch-compare) ----------

from .narrative import format_period, format_value  # noqa: E402


def plot_panels(ds: Dataset, panels: list[tuple[str, list[str]]], title: str, subtitle: str = "",
                labels: dict[str, str] | None = None, lang: str = "en") -> Figure:
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
        fig, axes = plt.subplots(len(panels), 1, figsize=(8, 1.3 + 0.55 * sum(heights) + 0.6 * len(panels)),
                                 gridspec_kw={"height_ratios": heights}, squeeze=False)
        for ax, (panel_title, ids) in zip(axes[:, 0], panels, strict=True):
            obs = _observation_bars(ds, ids, labels, lang)
            if not labels:
                # the place's name without its parent city ("Yanfeng district", not "..., Hengyang")
                obs["label"] = [f"{region_name(ds, r.region, lang).split(',')[0]} "
                                f"{format_period(r.period, lang)}" for r in obs.itertuples()]
            # Bars in the stored unit (the CSV beside the figure holds what is drawn); the value
            # labels in the book's style ("CNY 18 billion", "180亿元").
            drawn = obs.value
            for i, r in enumerate(obs.itertuples()):
                bound = r.qualifier in ("under", "over")
                ax.barh(i, drawn.iloc[i], color=colour[r.region], alpha=0.45 if bound else 1.0,
                        hatch="//" if bound else None, edgecolor=colour[r.region])
                if bound:
                    tip = drawn.iloc[i] * (0.8 if r.qualifier == "under" else 1.2)
                    ax.annotate("", xy=(tip, i), xytext=(drawn.iloc[i], i),
                                arrowprops={"arrowstyle": "->", "color": "#333333"})
                text = format_value(r.value, r.unit, r.qualifier, lang, r.as_printed)
                ax.annotate(text, (drawn.iloc[i] * (1.2 if r.qualifier == "over" else 1.0), i), xytext=(6, 0),
                            textcoords="offset points", va="center", fontsize=10)
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
            axes[0, 0].annotate(subtitle, (0, 1), xycoords="axes fraction", xytext=(0, 24),
                                textcoords="offset points", fontsize=11, color="#444444", va="bottom")
    data = pd.concat(frames)[["panel", "label", "id", "indicator", "region", "period", "kind", "value",
                              "unit", "qualifier", "source", "flag"]]
    return _finish(fig, ds, data, lang)
# ---- Chapters 03 and 04 (the 2021 review, the first quarter of 2022): a finding over one axes ----

def _finding_title(ax, title: str, subtitle: str, lang: str) -> None:
    """The finding as the axes title (what the export and the slides read), the measure under it."""
    width = 70 if lang == "en" else 36
    ax.set_title("\n".join(textwrap.wrap(title, width)), loc="left", pad=22 if subtitle else 6)
    if subtitle:
        ax.annotate(subtitle, (0, 1), xycoords="axes fraction", xytext=(0, 6), textcoords="offset points",
                    fontsize=11, color="#444444", va="bottom")


def state_finding(fig: Figure, title: str, lang: str = "en") -> Figure:
    """Title a drawn figure with its finding; its former title (the measure) becomes the subtitle."""
    ax = fig.axes[0]
    measure = ax.get_title("left") or ax.get_title()
    ax.set_title("")
    ax.set_title("", loc="left")
    with book_style():
        _finding_title(ax, title, measure, lang)
    return fig
