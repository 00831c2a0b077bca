"""The dataset downloads: a zip of the tables with their schema, and a workbook with a sheet per
table; both hold every row, and both are the same bytes from run to run."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from zhuzhou_book import dataset_files

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


def _resources(data: Path = DATA) -> list[dict]:
    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"]


def _rows(path: Path) -> int:
    return len(pd.read_csv(path, dtype=str, keep_default_na=False))


@pytest.fixture(scope="module")
def zip_file() -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(dataset_files.zip_bytes(DATA)))


@pytest.fixture(scope="module")
def workbook():
    return openpyxl.load_workbook(io.BytesIO(dataset_files.workbook_bytes(DATA)))


def test_zip_holds_every_table_with_all_its_rows_beside_the_schema_and_attribution(zip_file):
    root = dataset_files.ZIP_ROOT
    names = set(zip_file.namelist())
    assert {f"{root}/datapackage.json", f"{root}/raw/README.md"} <= names
    for resource in _resources():
        with zip_file.open(f"{root}/{resource['path']}") as f:
            table = pd.read_csv(f, dtype=str, keep_default_na=False)
        assert len(table) == _rows(DATA / resource["path"]), resource["name"]


def test_zip_copies_the_files_byte_for_byte_and_leaves_the_source_texts_out(zip_file):
    for name in zip_file.namelist():
        rel = name.split("/", 1)[1]
        assert zip_file.read(name) == (DATA / rel).read_bytes(), rel
    assert not [n for n in zip_file.namelist() if n.endswith(".txt")]


def test_workbook_has_a_readme_then_one_sheet_per_table_with_every_row(workbook):
    names = [r["name"] for r in _resources()]
    assert workbook.sheetnames == [dataset_files.README_SHEET, *names]
    for resource in _resources():
        ws = workbook[resource["name"]]
        assert ws.max_row - 1 == _rows(DATA / resource["path"]), resource["name"]
        assert [c.value for c in ws[1]] == [f["name"] for f in resource["schema"]["fields"]]


def test_every_sheet_has_a_bold_frozen_header_and_columns_sized_to_their_text(workbook):
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.bold for c in ws[1]), ws.title
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(4 <= w <= dataset_files.MAX_COLUMN_WIDTH for w in widths), (ws.title, widths)
    quote = workbook["observations"]
    column = next(c.column_letter for c in quote[1] if c.value == "quote")
    assert quote.column_dimensions[column].width == dataset_files.MAX_COLUMN_WIDTH  # long Chinese quotes


def test_readme_sheet_describes_every_table_and_field_from_the_datapackage(workbook):
    rows = list(workbook[dataset_files.README_SHEET].iter_rows(min_row=2, values_only=True))
    described = {(sheet, field) for sheet, field, _type, _text in rows if sheet}
    for resource in _resources():
        assert (resource["name"], None) in described
        for field in resource["schema"]["fields"]:
            assert (resource["name"], field["name"]) in described


def test_numbers_are_numbers_and_text_is_text_in_the_workbook(workbook):
    ws = workbook["observations"]
    header = [c.value for c in ws[1]]
    value, as_printed = header.index("value"), header.index("as_printed")
    row = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))
    assert isinstance(row[value], (int, float))
    assert isinstance(row[as_printed], str)


def test_text_that_looks_like_a_formula_stays_text(data_copy):
    obs = pd.read_csv(data_copy / "observations.csv", dtype=str, keep_default_na=False)
    obs.loc[0, "note"] = "=1+1"
    obs.to_csv(data_copy / "observations.csv", index=False, lineterminator="\n")
    wb = openpyxl.load_workbook(io.BytesIO(dataset_files.workbook_bytes(data_copy)))
    ws = wb["observations"]
    column = [c.value for c in ws[1]].index("note") + 1
    assert ws.cell(2, column).value == "=1+1"
    assert ws.cell(2, column).data_type == "s"


def test_both_files_are_dated_by_the_newest_source_not_the_clock(data_copy, zip_file):
    sources = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    sources.loc[0, "published"] = "2031-07"
    sources.to_csv(data_copy / "sources.csv", index=False, lineterminator="\n")
    assert dataset_files.vintage(data_copy) == dt.datetime(2031, 7, 1)
    dated = zipfile.ZipFile(io.BytesIO(dataset_files.zip_bytes(data_copy)))
    assert {i.date_time for i in dated.infolist()} == {(2031, 7, 1, 0, 0, 0)}
    wb = zipfile.ZipFile(io.BytesIO(dataset_files.workbook_bytes(data_copy)))
    assert {i.date_time for i in wb.infolist()} == {(2031, 7, 1, 0, 0, 0)}
    core = wb.read("docProps/core.xml").decode()
    assert core.count("2031-07-01T00:00:00Z") == 2  # created and modified


_BUILD = (
    "import hashlib, sys; from zhuzhou_book import dataset_files as d; "
    "print(hashlib.sha256(d.zip_bytes()).hexdigest(), hashlib.sha256(d.workbook_bytes()).hexdigest())"
)


def test_two_builds_give_byte_identical_zip_and_workbook():
    digests = set()
    # two processes, as two `make book` runs would be: each takes over a second, so a date taken
    # from the clock (openpyxl's, zipfile's) would differ between them
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", _BUILD],
            cwd=REPO,
            capture_output=True,
            text=True,
            env=os.environ | {"PYTHONHASHSEED": seed},
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        digests.add(done.stdout.strip())
    assert len(digests) == 1
