"""The whole dataset as two downloads: a zip of the CSVs with their schema, and one Excel workbook.

    zip_bytes()       zhuzhou-innovation-data/{datapackage.json, <table>.csv..., raw/README.md, CHANGES.md}
    workbook_bytes()  a README sheet (the datapackage's descriptions), then one sheet per table

(`zhuzhou_book.downloads` names the files and writes them.)

The tables are the resources of `data/datapackage.json`, so a new table is in both files at once.
Both files are byte-identical from run to run: every zip entry carries the same date (the newest
source's publication date, see `vintage`), and the workbook's document properties, which openpyxl
stamps with the current time, carry that date too. The source texts themselves stay out of the
zip: they keep their publishers' rights (data/raw/README.md, which the zip does carry, says whose).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
from zhuzhou_innovation.paths import data_dir

ZIP_ROOT = "zhuzhou-innovation-data"
ATTRIBUTION = "raw/README.md"
CHANGES = "CHANGES.md"  # every correction of a row, before and after (in the zip where the data has it)
README_SHEET = "README"
MAX_COLUMN_WIDTH = 60  # characters; longer cells (the quotes) are cut off on screen, never in the file


def datapackage(data: Path | None = None) -> dict:
    """The Frictionless descriptor of the dataset (data/datapackage.json)."""
    return json.loads(((data or data_dir()) / "datapackage.json").read_text(encoding="utf-8"))


def vintage(data: Path | None = None) -> dt.datetime:
    """The date both files carry: the newest source's publication date.

    `published` is printed as YYYY, YYYY-MM or YYYY-MM-DD; a missing month or day counts as the
    first. A date from the data, not the clock, so a rebuild of unchanged data gives the same bytes.
    """
    published = pd.read_csv((data or data_dir()) / "sources.csv", dtype=str, keep_default_na=False).published
    parts = [[int(p) for p in ([*s.split("-"), "1", "1"])[:3]] for s in published if s]
    dates = [dt.datetime(year, month, day) for year, month, day in parts]
    return max(dates)


def _zip(entries: list[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """A zip of `entries` in the order given, every entry dated `when`, mode 0644, deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever the building machine
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def zip_bytes(data: Path | None = None) -> bytes:
    """The zip: datapackage.json, every table it lists, the attribution of the source texts and the
    record of corrections."""
    data = data or data_dir()
    names = ["datapackage.json", *(r["path"] for r in datapackage(data)["resources"]), ATTRIBUTION]
    names += [CHANGES] if (data / CHANGES).is_file() else []
    return _zip([(f"{ZIP_ROOT}/{n}", (data / n).read_bytes()) for n in names], vintage(data))


def read_table(resource: dict, data: Path) -> pd.DataFrame:
    """A table as its schema types it: numbers and integers as numbers, everything else as text."""
    types = {f["name"]: f.get("type", "string") for f in resource["schema"]["fields"]}
    table = pd.read_csv(data / resource["path"], dtype=str, keep_default_na=False)
    for name, kind in types.items():
        if kind in ("number", "integer") and name in table:
            # an empty cell stays empty; anything else that is not a number is a data error load() reports
            table[name] = pd.to_numeric(table[name].replace("", None), errors="raise")
    return table


def _display_width(text: str) -> int:
    """Columns a string takes in a spreadsheet: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell_value(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if hasattr(value, "item"):  # numpy scalar -> Python number
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _write_sheet(ws, header: list[str], rows: list[list], bold) -> None:
    """Rows under a bold header, the header row frozen, each column as wide as its widest cell."""
    ws.append(header)
    for cell in ws[1]:
        cell.font = bold
    for row in rows:
        ws.append([_cell_value(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text such as "=3" is text, never a formula
    ws.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        column = [name, *(str(_cell_value(r[index - 1]) or "") for r in rows)]
        width = max(_display_width(line) for text in column for line in text.splitlines() or [""])
        ws.column_dimensions[ws.cell(1, index).column_letter].width = min(MAX_COLUMN_WIDTH, width + 2)


def _readme_rows(package: dict, tables: dict[str, pd.DataFrame], when: dt.datetime) -> list[list]:
    """One row per table, then one per field: what the README sheet lists."""
    rows = [["", "", "", package.get("title", "")], ["", "", "", package.get("description", "")]]
    for licence in package.get("licenses", []):
        rows.append(["", "", "licence", f"{licence.get('name', '')}: {licence.get('title', '')}"])
    rows.append(["", "", "vintage", f"newest source published {when:%Y-%m-%d}"])
    for resource in package["resources"]:
        name = resource["name"]
        rows.append([name, "", "table", f"{resource.get('description', '')} ({len(tables[name])} rows)"])
        for f in resource["schema"]["fields"]:
            rows.append([name, f["name"], f.get("type", "string"), f.get("description", "")])
    return rows


def workbook_bytes(data: Path | None = None) -> bytes:
    """The workbook: a README sheet from the datapackage's descriptions, then a sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    data = data or data_dir()
    package, when = datapackage(data), vintage(data)
    tables = {r["name"]: read_table(r, data) for r in package["resources"]}
    bold = Font(bold=True)
    wb = Workbook()
    readme = wb.active
    readme.title = README_SHEET
    _write_sheet(readme, ["sheet", "field", "type", "description"], _readme_rows(package, tables, when), bold)
    for name, table in tables.items():
        ws = wb.create_sheet(name[:31])  # Excel's limit on sheet names
        _write_sheet(ws, list(table.columns), table.astype(object).values.tolist(), bold)
    wb.properties.creator = package.get("name", "")
    wb.properties.title = package.get("title", "")
    wb.properties.created = wb.properties.modified = when
    # openpyxl's save_workbook stamps `modified` with the clock and its zip entries with today's
    # date: write through its ExcelWriter into a scratch zip, then repack with fixed dates.
    scratch = io.BytesIO()
    with zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    with zipfile.ZipFile(scratch) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return _zip(entries, when)


def table_rows(data: Path | None = None) -> dict[str, int]:
    """How many rows each table of the datapackage has (what the downloads must hold)."""
    data = data or data_dir()
    return {r["name"]: len(read_table(r, data)) for r in datapackage(data)["resources"]}
