"""The book's figures, by stable name: what each draws, so notebooks and the export agree.

A chapter shows `draw(ds, name)`; `python -m zhuzhou_innovation.export` writes every figure
listed here in both languages with the CSV of what it shows. Names are stable file names
(`<chapter>-<what>`), so slides can link to the exported files across rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure

from . import figures
from .load import Dataset


@dataclass(frozen=True)
class FigureSpec:
    name: str
    chapter: str
    draw: Callable[[Dataset, str], Figure]


def _compare(ids: list[str], title: dict[str, str], labels: dict[str, dict[str, str]]):
    def draw(ds: Dataset, lang: str) -> Figure:
        return figures.plot_compare(ds, ids, title[lang], {k: v[lang] for k, v in labels.items()}, lang)
    return draw


def _series(indicator: str, region: str = "zhuzhou"):
    return lambda ds, lang: figures.plot_series(ds, indicator, region, lang)


FIGURES: dict[str, FigureSpec] = {spec.name: spec for spec in [
    FigureSpec("zz2021-platforms-by-level", "03-zhuzhou-2021-review", _compare(
        ["zz2021-005", "zz2021-006", "zz2021-007"],
        {"en": "S&T innovation platforms in Zhuzhou, 2021", "zh": "株洲市科技创新平台（2021年）"},
        {"zz2021-005": {"en": "All levels", "zh": "各类"},
         "zz2021-006": {"en": "National", "zh": "国家级"},
         "zz2021-007": {"en": "Provincial", "zh": "省级"}})),
    FigureSpec("zz2021-tech-contract-turnover", "03-zhuzhou-2021-review",
               _series("tech_contract_turnover")),
]}


def draw(ds: Dataset, name: str, lang: str = "en") -> Figure:
    """Draw the named figure of the book in English or Chinese."""
    return FIGURES[name].draw(ds, lang)
