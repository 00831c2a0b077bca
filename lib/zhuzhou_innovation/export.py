"""Write the book's figures out of the notebooks: the data behind each, and a briefing pack.

    python -m zhuzhou_innovation.export --data-only   # CSVs the book links to (run by `make book`)
    python -m zhuzhou_innovation.export               # briefing pack under _build/briefing

The pack holds every figure of `catalog.FIGURES` as SVG and 300-dpi PNG in English and Chinese,
each beside the CSV of exactly what it shows. File names are `<figure>.<lang>.<ext>` and
`<figure>.csv`: stable across rebuilds, so slides can link to them. Output is deterministic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import catalog, figures
from .load import REPO, Dataset, load_dataset

FIGURE_DATA_DIR = REPO / "book" / "_static" / "generated" / "figure-data"
BRIEFING_DIR = REPO / "_build" / "briefing"


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ, so unchanged files keep their times (and Sphinx skips them)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def csv_bytes(ds: Dataset, name: str) -> bytes:
    """The CSV of what figure `name` shows (the same rows in either language)."""
    fig = catalog.draw(ds, name, "en")
    data = figures.figure_data(fig)
    figures.plt.close(fig)
    return data.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode("utf-8")


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


def write_pack(ds: Dataset, out: Path = BRIEFING_DIR) -> list[Path]:
    """Every figure in both languages as SVG and PNG, with its CSV."""
    paths = []
    for name in catalog.FIGURES:
        csv_path = out / "figures" / f"{name}.csv"
        _write_if_changed(csv_path, csv_bytes(ds, name))
        paths.append(csv_path)
        for lang in figures.LANGS:
            fig = catalog.draw(ds, name, lang)
            svg = out / "figures" / f"{name}.{lang}.svg"
            _write_if_changed(svg, figures.to_svg(fig).encode("utf-8"))
            png = out / "figures" / f"{name}.{lang}.png"
            tmp = png.with_suffix(".tmp.png")
            figures.to_png(fig, tmp)
            _write_if_changed(png, tmp.read_bytes())
            tmp.unlink()
            figures.plt.close(fig)
            paths += [svg, png]
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-only", action="store_true", help="only the CSVs the book links to")
    parser.add_argument("--out", type=Path, help="output folder")
    args = parser.parse_args(argv)
    ds = load_dataset()
    if args.data_only:
        paths = write_figure_data(ds, args.out or FIGURE_DATA_DIR)
        print(f"figure data: {len(paths)} CSV files in {(args.out or FIGURE_DATA_DIR)}")
    else:
        paths = write_pack(ds, args.out or BRIEFING_DIR)
        print(f"briefing pack: {len(paths)} files in {args.out or BRIEFING_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
