"""Write the CSV beside each figure of the book, skipped when nothing it depends on changed.

    python -m zhuzhou_book.figure_data      # run by `make book`, before Sphinx

Why a stamp: drawing every figure to learn what it shows takes seconds, and a no-change
`make book` should take almost none. The stamp hashes the data folder, the library and the pins.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from zhuzhou_innovation import catalog, export
from zhuzhou_innovation.load import load_dataset
from zhuzhou_innovation.paths import FIGURE_DATA, REQUIREMENTS, data_dir

from .execute import lib_fingerprint


def inputs_stamp() -> str:
    """A hash of everything the figure data depends on: the data folder, the library, the pins."""
    h = hashlib.sha256(lib_fingerprint().encode())
    h.update(REQUIREMENTS.read_bytes())
    base = data_dir()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        h.update(path.relative_to(base).as_posix().encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FIGURE_DATA, help="output folder")
    args = parser.parse_args(argv)
    stamp, now = args.out / ".inputs.stamp", inputs_stamp()
    expected = {args.out / f"{name}.csv" for name in catalog.FIGURES}
    if stamp.is_file() and stamp.read_text() == now and all(p.is_file() for p in expected):
        print(f"figure data up to date: {args.out}")
        return 0
    paths = export.write_figure_data(load_dataset(), args.out)
    stamp.write_text(now)
    print(f"figure data: {len(paths)} CSV files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
