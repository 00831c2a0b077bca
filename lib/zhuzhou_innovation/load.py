"""Load the dataset under data/ and refuse it, whole, at the first sign of bad input.

Validation runs on every load, in two layers: the Frictionless table schemas in
`data/datapackage.json` (columns, types, patterns, enums, unique ids, references between
tables), then the checks a schema cannot say (the file is UTF-8, each source text has the SHA-256
its row in sources.csv records, each quote is found verbatim in its source text, the value is what
`as_printed` says in the row's unit (see `printed`), the unit fits the indicator and the kind). Every problem is reported with the
file, the CSV line and the field, and nothing is returned unless everything passes.

Set ZHUZHOU_DATA to load another copy of the data (the tests do, to try bad inputs).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .paths import REPO, data_dir
from .printed import check_print

TABLES = ("sources", "units", "regions", "indicators", "observations")
_read: set[Path] = set()


class DataError(ValueError):
    """Bad input: the message names the file, the CSV line and the field of each problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        self.file, self.row, self.field = first.file, first.row, first.field
        shown = "\n".join(f"  {p}" for p in problems[:25])
        more = f"\n  ... and {len(problems) - 25} more" if len(problems) > 25 else ""
        super().__init__(f"{len(problems)} problem(s) in the dataset:\n{shown}{more}")


@dataclass(frozen=True)
class Problem:
    """One validation failure; `row` is the line in the CSV file (the header is line 1)."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", line {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Dataset:
    """The five tables as typed DataFrames, and the source texts by source id."""

    sources: pd.DataFrame
    units: pd.DataFrame
    regions: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    texts: dict[str, str]
    data_dir: Path


def columns(table: str, path: str | Path | None = None) -> list[str]:
    """The columns of `table` in the order data/datapackage.json names them: the one list, read by
    the extraction assistant and the tests' made-up rows, so a new column needs no second edit."""
    package = json.loads(((Path(path) if path else data_dir()) / "datapackage.json").read_text("utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == table)
    return [f["name"] for f in resource["schema"]["fields"]]


def files_read() -> list[str]:
    """Every data file loaded in this process: repo-relative where possible (for the executor)."""
    out = []
    for path in sorted(_read):
        try:
            out.append(path.relative_to(REPO).as_posix())
        except ValueError:
            out.append(str(path))
    return out


def _label(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base.parent).as_posix()
    except ValueError:
        return str(path)


def _read_text(path: Path, label: str) -> str:
    """A file's text, strictly UTF-8; a bad byte is reported with its line number."""
    if not path.is_file():
        raise DataError([Problem(label, None, None, "file not found")])
    _read.add(path)
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [Problem(label, line, None, f"not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start})")]
        ) from None


def _schema_problems(package_path: Path, base: Path) -> list[Problem]:
    """Problems the Frictionless schemas find: columns, types, patterns, enums, keys, references."""
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(package_path)).validate()
    problems = []
    for task in report.tasks:
        label = _label(base / task.place, base) if task.place else "data"
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None) or getattr(error, "label", None) or None
            detail = f"{error.title}: {error.note or error.message}"
            if error.type in (
                "missing-label",
                "extra-label",
                "blank-label",
                "duplicate-label",
                "incorrect-label",
            ):
                row = 1
            elif error.type == "foreign-key":
                field = ",".join(error.field_names)
                table = error.reference_name or task.name
                detail = (
                    f"'{','.join(map(str, error.field_cells))}' is not an id in {table}.csv ({error.title})"
                )
            elif error.type == "primary-key":
                field = "id"
                detail = f"duplicate id: {error.note} ({error.title})"
            problems.append(Problem(label, row, field, detail))
    return problems


def _table(base: Path, name: str) -> pd.DataFrame:
    path = base / f"{name}.csv"
    _read.add(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


# The units a growth, share or rank may have, reported or targeted; a level has its indicator's unit.
_MEASURE_UNITS = {"growth": {"pct", "pp", "count"}, "share": {"pct"}, "rank": {"rank"}}


@dataclass(frozen=True)
class RowContext:
    """What one observation row is checked against: the source texts, the indicators' units and names."""

    texts: Mapping[str, str]
    level_unit: Mapping[str, str]
    name_zh: Mapping[str, str]

    @classmethod
    def of(cls, indicators: pd.DataFrame, texts: Mapping[str, str]) -> RowContext:
        return cls(
            texts,
            dict(zip(indicators["id"], indicators["unit"], strict=False)),
            dict(zip(indicators["id"], indicators["name_zh"], strict=False)),
        )


def row_problems(row: Mapping[str, str], line: int, label: str, ctx: RowContext) -> list[Problem]:
    """What no schema can check in one observation row (cells as strings, as in the CSV).

    Quotes in their texts, the value as its print says, units that fit indicator and kind.
    One row at a time, so the tests and the extraction assistant can check a row without
    validating the whole package again.
    """
    problems = []

    def bad(field: str, message: str) -> None:
        problems.append(Problem(label, line, field, f"{message} (id {row['id']})"))

    quote, printed = row["quote"], row["as_printed"]
    if quote not in ctx.texts.get(row["source"], ""):
        bad("quote", f"quote not found verbatim in the text of source '{row['source']}'")
    if printed not in quote:
        bad("as_printed", f"'{printed}' does not occur in the quote")
    elif quote.count(printed) > 1:
        bad(
            "as_printed", f"'{printed}' occurs {quote.count(printed)} times in the quote: which one is meant?"
        )
    label_zh = row.get("label_zh", "")
    if label_zh and label_zh not in quote:
        bad("label_zh", f"'{label_zh}' does not occur in the quote")
    if label_zh and label_zh == ctx.name_zh.get(row["indicator"]):
        bad("label_zh", "the indicator's own name_zh: leave label_zh empty")
    if not row["id"].startswith(f"{row['source']}-"):
        bad("id", f"id should start with its source '{row['source']}-'")
    kind, measure = row["kind"], row["target_measure"]
    level = {ctx.level_unit.get(row["indicator"])}
    if kind == "target":
        allowed = _MEASURE_UNITS.get(measure, level)
        if not measure:
            bad("target_measure", "a target must say what it measures (level, growth, share, rank)")
    else:
        allowed = _MEASURE_UNITS.get(kind, level)
        if measure:
            bad("target_measure", f"only targets have a target_measure, this row is '{kind}'")
    if row["unit"] not in allowed:
        bad(
            "unit",
            f"unit '{row['unit']}' does not fit a {kind} of '{row['indicator']}' "
            f"(expected {' or '.join(sorted(u for u in allowed if u))})",
        )
    elif printed in quote:  # the value its print states, in a unit that fits
        for field, message in check_print(printed, quote, row["unit"], row["value"], row["qualifier"]):
            bad(field, message)
    is_share = kind == "share" or measure == "share"
    if is_share and not row["share_of"]:
        bad("share_of", "a share must name the indicator it is a share of")
    if row["share_of"] and not is_share:
        bad("share_of", "only shares name a denominator")
    return problems


def _content_problems(tables: dict[str, pd.DataFrame], texts: dict[str, str], label: str) -> list[Problem]:
    """What no schema can check, row by row (see `row_problems`)."""
    ctx = RowContext.of(tables["indicators"], texts)
    problems = []
    for line, row in enumerate(tables["observations"].to_dict("records"), start=2):
        problems += row_problems(row, line, label, ctx)
    return problems


def _checksum_problems(raw: Path, recorded: str, line: int, base: Path) -> list[Problem]:
    """The raw text must be the one its row pins: every quote is verified against exactly it."""
    actual = hashlib.sha256(raw.read_bytes()).hexdigest()
    if actual == recorded:
        return []
    return [
        Problem(
            _label(base / "sources.csv", base),
            line,
            "sha256",
            f"{_label(raw, base)} has SHA-256 {actual}, but the row records {recorded}: the raw "
            "text changed; restore it, or record the new checksum and say why in data/CHANGES.md",
        )
    ]


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Validate and load every table and source text; raise DataError listing all problems."""
    base = Path(path).resolve() if path else data_dir()
    package_path = base / "datapackage.json"
    problems = []
    for name in ("datapackage.json", *(f"{t}.csv" for t in TABLES)):
        file = base / name
        if not file.is_file():
            problems.append(Problem(_label(file, base), None, None, "file not found"))
        else:
            try:
                _read_text(file, _label(file, base))
            except DataError as exc:
                problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    problems = _schema_problems(package_path, base)
    if problems:
        raise DataError(problems)
    tables = {name: _table(base, name) for name in TABLES}
    texts, text_problems = {}, []
    for line, row in enumerate(tables["sources"].itertuples(index=False), start=2):
        raw = base / "raw" / row.file
        try:
            texts[row.id] = _read_text(raw, _label(raw, base))
        except DataError as exc:
            text_problems += [
                Problem(_label(base / "sources.csv", base), line, "file", p.message) for p in exc.problems
            ]
            continue
        text_problems += _checksum_problems(raw, row.sha256, line, base)
    problems = text_problems + _content_problems(tables, texts, _label(base / "observations.csv", base))
    if problems:
        raise DataError(problems)
    obs = tables["observations"]
    obs["value"] = obs["value"].astype(float)
    return Dataset(**tables, texts=texts, data_dir=base)
