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


def reprint(data: Path, row_id: str, printed: str) -> int:
    """Make a data copy read as if its source had printed `printed` for a row; return its line.

    The loader refuses a value its print does not state, so a test that needs another number
    changes what the source printed: the raw text (inside the row's quote), every quote of that
    source holding the old passage, and as_printed and value of each row printing the same number
    there (both rows of 双双突破1100家). Value and qualifier are what the parser reads.
    """
    from zhuzhou_innovation.printed import as_printed, value_in

    columns, rows = read_rows(data / "observations.csv")
    row = next(r for r in rows if r["id"] == row_id)
    old_quote, old = row["quote"], row["as_printed"]
    new_quote = old_quote.replace(old, printed, 1)
    _, sources = read_rows(data / "sources.csv")
    path = data / "raw" / next(s["file"] for s in sources if s["id"] == row["source"])
    path.write_text(path.read_text(encoding="utf-8").replace(old_quote, new_quote), encoding="utf-8")
    record_checksum(data, path.name)
    line = 0
    for i, r in enumerate(rows, start=2):
        if r["source"] != row["source"] or old_quote not in r["quote"]:
            continue
        same_number = r["as_printed"] == old and r["quote"] == old_quote
        r["quote"] = r["quote"].replace(old_quote, new_quote)
        if same_number:
            number = as_printed(printed)
            value = value_in(number, r["unit"])
            r["as_printed"], r["qualifier"] = printed, number.qualifier
            r["value"] = str(int(value)) if value.denominator == 1 else str(float(value))
        line = i if r["id"] == row_id else line
    write_rows(data / "observations.csv", columns, rows)
    return line


def add_row(data: Path, **fields: str) -> None:
    """Append an observation to a data copy, and its made-up sentence to the copy of its source."""
    columns, rows = read_rows(data / "observations.csv")
    rows.append(dict.fromkeys(columns, "") | fields)
    write_rows(data / "observations.csv", columns, rows)
    _, sources = read_rows(data / "sources.csv")
    raw = data / "raw" / next(s["file"] for s in sources if s["id"] == fields["source"])
    raw.write_text(raw.read_text(encoding="utf-8") + f"\n{fields['quote']}\n", encoding="utf-8")
    record_checksum(data, raw.name)


def record_checksum(data: Path, file: str) -> int:
    """Record the SHA-256 of a data copy's raw text `file` in its sources row (the loader checks
    it), as an editor who changed the text on purpose would; return the row's line."""
    import hashlib

    columns, rows = read_rows(data / "sources.csv")
    for line, row in enumerate(rows, start=2):
        if row["file"] == file:
            row["sha256"] = hashlib.sha256((data / "raw" / file).read_bytes()).hexdigest()
            write_rows(data / "sources.csv", columns, rows)
            return line
    raise KeyError(file)


_PRINTS = {"100m_cny": "{}亿元", "count": "{}家", "pct": "{}%"}
_QUALIFIER_WORDS = {"": "", "over": "超过", "about": "约", "under": "不到"}


def made_up_level(
    row_id: str, source: str, indicator: str, period: str, value: str, unit: str, qualifier: str = ""
) -> dict:
    """A made-up level, printed the way the sources print one (超过832.2亿元), in a made-up sentence."""
    printed = _QUALIFIER_WORDS[qualifier] + _PRINTS[unit].format(value)
    return {
        "id": row_id,
        "source": source,
        "region": "zhuzhou",
        "indicator": indicator,
        "period": period,
        "kind": "actual",
        "value": value,
        "unit": unit,
        "as_printed": printed,
        "quote": f"（测试）{period}年{indicator}{printed}",
        "qualifier": qualifier,
        "note": "made up for a test",
    }
