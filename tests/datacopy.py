"""Read and edit the CSV tables of a data copy, as the tests that break the data do."""

from __future__ import annotations

import csv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_row(path: Path, row_id: str, **changes: str) -> int:
    """Change fields of the row with `row_id`; return its line number in the file."""
    columns, rows = read_rows(path)
    for line, row in enumerate(rows, start=2):
        if row["id"] == row_id:
            row.update(changes)
            write_rows(path, columns, rows)
            return line
    raise KeyError(row_id)
