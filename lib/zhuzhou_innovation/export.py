"""Write the book's figures out of the notebooks: the data behind each, and a briefing pack.

    python -m zhuzhou_book.figure_data               # CSVs the book links to (run by `make book`)
    python -m zhuzhou_innovation.export               # briefing pack under _build/briefing (`make briefing`)

The pack holds every figure of `catalog.FIGURES` as SVG and 300-dpi PNG in English and Chinese,
each beside the CSV of exactly what it shows, a one-page brief (`brief.html`, and `brief.pdf`
where Chromium is installed) and `MANIFEST.csv`, which lists every file with its figure, chapter,
language, format and title:

    brief.html  brief.pdf  MANIFEST.csv
    figures/<figure>.csv  figures/<figure>.<en|zh>.<svg|png>

File names are stable across rebuilds, so slides can link to them, and the output is
deterministic: two exports in a row are byte-identical (brief.pdf included: its dates are blanked).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import brief, catalog, figures
from .load import Dataset, load_dataset
from .paths import BRIEFING as BRIEFING_DIR
from .paths import FIGURE_DATA as FIGURE_DATA_DIR
FORMATS = ("svg", "png")
MANIFEST_COLUMNS = ["file", "figure", "chapter", "language", "format", "title"]
BRIEF_TITLE = "One-page brief: key indicators, key figures, sources"


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ, so unchanged files keep their times (and Sphinx skips them)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def bilingual_table(en: pd.DataFrame, zh: pd.DataFrame) -> pd.DataFrame:
    """The English figure's rows, with `<column>_zh` after each column the Chinese figure words
    differently (bar labels): one CSV holds what both languages show."""
    out = en.copy()
    for column in reversed(list(en.columns)):
        if not en[column].equals(zh[column]):
            out.insert(out.columns.get_loc(column) + 1, f"{column}_zh", zh[column])
    return out


def _csv(table: pd.DataFrame) -> bytes:
    # %.10g prints every number of the data exactly (none has more than ten significant digits)
    # and cuts computed ratios (pct_of_target) to a readable, stable length.
    return table.to_csv(index=False, lineterminator="\n", float_format="%.10g").encode("utf-8")


def _drawn_table(ds: Dataset, name: str) -> pd.DataFrame:
    data = {}
    for lang in figures.LANGS:
        fig = catalog.draw(ds, name, lang)
        data[lang] = figures.figure_data(fig)
        figures.plt.close(fig)
    return bilingual_table(data["en"], data["zh"])


def csv_bytes(ds: Dataset, name: str) -> bytes:
    """The CSV of what figure `name` shows, in both languages."""
    return _csv(_drawn_table(ds, name))


def write_figure_data(ds: Dataset, out: Path = FIGURE_DATA_DIR) -> list[Path]:
    """One CSV per figure of the book, linked from under each figure."""
    paths = []
    for name in catalog.FIGURES:
        path = out / f"{name}.csv"
        _write_if_changed(path, csv_bytes(ds, name))
        paths.append(path)
    for stale in set(out.glob("*.csv")) - set(paths):
        stale.unlink()
    return paths


@dataclass
class RenderedFigure:
    """One catalog figure drawn in each language: its files' bytes, titles and the rows it shows."""

    name: str
    chapter: str
    data: dict[str, pd.DataFrame] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    files: dict[tuple[str, str], bytes] = field(default_factory=dict)  # (lang, format) -> bytes

    @property
    def table(self) -> pd.DataFrame:
        return bilingual_table(self.data["en"], self.data["zh"])


def figure_title(fig) -> str:
    """The figure's title as drawn (the figure's own title, else the first axes title), or ''."""
    if fig.get_suptitle():
        return fig.get_suptitle()
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            if ax.get_title(loc):
                return ax.get_title(loc)
    return ""


def render_figure(ds: Dataset, name: str) -> RenderedFigure:
    """Draw figure `name` in both languages as SVG and 300-dpi PNG, keeping the rows it shows."""
    out = RenderedFigure(name, catalog.FIGURES[name].chapter)
    for lang in figures.LANGS:
        fig = catalog.draw(ds, name, lang)
        out.data[lang] = figures.figure_data(fig)
        out.titles[lang] = figure_title(fig)
        out.files[(lang, "svg")] = figures.to_svg(fig).encode("utf-8")
        png = io.BytesIO()
        figures.to_png(fig, png)
        out.files[(lang, "png")] = png.getvalue()
        figures.plt.close(fig)
    return out


_worker_ds: Dataset | None = None


def _start_worker(data: str) -> None:
    global _worker_ds
    _worker_ds = load_dataset(data)


def _render_in_worker(name: str) -> RenderedFigure:
    assert _worker_ds is not None
    return render_figure(_worker_ds, name)


def render_all(ds: Dataset, jobs: int = 1) -> list[RenderedFigure]:
    """Every catalog figure, rendered in `jobs` processes (the PNGs at 300 dpi take most of the time).

    Each figure is drawn from the data alone, so the bytes do not depend on the process drawing it;
    worker processes load the dataset again from `ds.data_dir`.
    """
    names = list(catalog.FIGURES)
    jobs = max(1, min(jobs, len(names)))
    if jobs == 1:
        return [render_figure(ds, name) for name in names]
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(str(ds.data_dir),)) as pool:
        return list(pool.map(_render_in_worker, names))


def _brief_figures(rendered: list[RenderedFigure], ds: Dataset) -> list[brief.BriefFigure]:
    """The key figures as the brief shows them: the English SVG, both titles, the rows drawn."""
    by_name = {r.name: r for r in rendered}
    names = brief.key_figures({r.name: r.table for r in rendered}, list(brief.key_indicators(ds).indicator))
    out = []
    for r in (by_name[n] for n in names):
        title_en = r.titles["en"] or r.name
        out.append(brief.BriefFigure(r.name, r.files[("en", "svg")], title_en, r.titles["zh"] or title_en,
                                     r.data["en"]))
    return out


def write_pack(ds: Dataset, out: Path = BRIEFING_DIR, pdf: bool = True, jobs: int = 1) -> list[Path]:
    """Every figure in both languages as SVG and PNG with its CSV, the brief, and MANIFEST.csv."""
    rendered = render_all(ds, jobs)
    manifest, paths = [], []

    def put(rel: str, data: bytes | None, **row: str) -> None:
        path = out / rel
        if data is not None:
            _write_if_changed(path, data)
        paths.append(path)
        manifest.append({"file": rel, **row})

    put("brief.html", brief.render_html(ds, _brief_figures(rendered, ds)).encode("utf-8"),
        figure="", chapter="", language="en+zh", format="html", title=BRIEF_TITLE)
    pdf_path = out / "brief.pdf"
    if pdf and brief.print_pdf(out / "brief.html", pdf_path):
        put("brief.pdf", None, figure="", chapter="", language="en+zh", format="pdf", title=BRIEF_TITLE)
        pages = brief.pdf_pages(pdf_path.read_bytes())
        if pages != 1:
            print(f"warning: brief.pdf has {pages} pages, not one: shorten the brief", file=sys.stderr)
    else:
        pdf_path.unlink(missing_ok=True)  # never leave a PDF of an older brief beside the new one
        why = "--no-pdf" if not pdf else f"no Chromium at {brief.CHROMIUM} (set ZHUZHOU_CHROMIUM to another)"
        print(f"brief.pdf skipped: {why}", file=sys.stderr)

    for r in rendered:  # the CSV serves both languages: ids and numbers, words in both
        put(f"figures/{r.name}.csv", _csv(r.table), figure=r.name, chapter=r.chapter,
            language="en+zh", format="csv", title=r.titles["en"])
        for lang in figures.LANGS:
            for fmt in FORMATS:
                put(f"figures/{r.name}.{lang}.{fmt}", r.files[(lang, fmt)], figure=r.name,
                    chapter=r.chapter, language=lang, format=fmt, title=r.titles[lang])
    for stale in set((out / "figures").glob("*")) - set(paths):
        if stale.is_file():
            stale.unlink()  # a figure renamed or removed from the catalog

    table = pd.DataFrame(manifest, columns=MANIFEST_COLUMNS)
    _write_if_changed(out / "MANIFEST.csv", table.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return [*paths, out / "MANIFEST.csv"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-only", action="store_true", help="only the CSVs the book links to")
    parser.add_argument("--out", type=Path, help="output folder")
    parser.add_argument("--no-pdf", action="store_true", help="do not print brief.pdf with Chromium")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes drawing the figures (default: one per CPU)")
    args = parser.parse_args(argv)
    if args.data_only:
        paths = write_figure_data(load_dataset(), args.out or FIGURE_DATA_DIR)
        print(f"figure data: {len(paths)} CSV files in {args.out or FIGURE_DATA_DIR}")
        return 0
    out = args.out or BRIEFING_DIR
    paths = write_pack(load_dataset(), out, pdf=not args.no_pdf, jobs=args.jobs)
    counts = Counter(p.suffix.lstrip(".") for p in paths)
    summary = ", ".join(f"{n} {ext}" for ext, n in sorted(counts.items()))
    print(f"briefing pack: {len(paths)} files ({summary}) in {out}; open {out / 'brief.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
