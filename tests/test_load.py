"""The data layer: the real dataset loads typed, and every kind of bad input is refused whole,
with an error naming the file, the line and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from datacopy import edit_row, read_rows, record_checksum, reprint, write_rows
from zhuzhou_innovation import scorecard, series
from zhuzhou_innovation.load import DataError, RowContext, files_read, load_dataset, row_problems


def test_real_dataset_loads_typed():
    ds = load_dataset()
    obs = ds.observations
    assert obs["value"].dtype == "float64"
    assert set(obs.source) == set(ds.sources.id)
    assert obs.id.is_unique
    assert len(ds.texts) == len(ds.sources)


def test_every_quote_is_verbatim_in_its_raw_text():
    ds = load_dataset()
    missing = [r.id for r in ds.observations.itertuples() if r.quote not in ds.texts[r.source]]
    assert missing == []


def test_suspect_rows_say_why():
    obs = load_dataset().observations
    suspect = obs[obs.flag == "suspect"]
    assert len(suspect) >= 4
    assert (suspect.note.str.len() > 20).all()


def test_every_raw_text_is_pinned_by_its_checksum():
    """The quotes are verified against exactly the texts sources.csv pins (SHA-256 of the bytes)."""
    import hashlib

    ds = load_dataset()
    for row in ds.sources.itertuples():
        assert hashlib.sha256((ds.data_dir / "raw" / row.file).read_bytes()).hexdigest() == row.sha256


def test_a_changed_raw_text_is_refused_naming_its_sources_row_and_the_checksum(data_copy):
    raw = data_copy / "raw" / "004_4ae5928448a75f88.txt"
    raw.write_bytes(raw.read_bytes() + b"\n")  # one byte more; every quote is still found
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    problem = err.value.problems[0]
    _, rows = read_rows(data_copy / "sources.csv")
    line = 2 + next(i for i, r in enumerate(rows) if r["file"] == raw.name)
    assert (problem.file, problem.row, problem.field) == ("data/sources.csv", line, "sha256")
    assert "data/raw/004_4ae5928448a75f88.txt has SHA-256" in problem.message
    assert len(err.value.problems) == 1
    record_checksum(data_copy, raw.name)  # the change made on purpose, and recorded
    assert load_dataset(data_copy).sources.set_index("file").sha256[raw.name] == problem.message.split()[
        3
    ].rstrip(",")


def test_files_read_lists_the_tables_and_texts():
    load_dataset()
    read = files_read()
    assert "data/observations.csv" in read
    assert "data/raw/000_42b6281d3c66c3b9.txt" in read


def _refused(data: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load_dataset(data)
    return info.value


def _assert_names(err: DataError, file: str, line: int | None, field: str | None, words: str):
    assert err.file == file, str(err)
    assert err.row == line, str(err)
    assert err.field == field, str(err)
    assert re.search(words, str(err), re.I), str(err)


OBS = "observations.csv"


@pytest.mark.parametrize(
    "field, bad, words",
    [
        ("value", "3.2x7", "type"),
        ("unit", "yuan", "yuan.*units"),
        ("indicator", "rd_magic", "rd_magic.*indicators"),
        ("region", "atlantis", "atlantis.*regions"),
        ("source", "zz1999", "zz1999.*sources"),
        ("period", "2021年", "pattern"),
        ("kind", "guess", "enum"),
    ],
)
def test_bad_cell_is_refused_with_file_line_field(data_copy, field, bad, words):
    line = edit_row(data_copy / OBS, "zz2021-037", **{field: bad})
    _assert_names(_refused(data_copy), f"data/{OBS}", line, field, words)


def test_quote_not_in_source_is_refused(data_copy):
    line = edit_row(data_copy / OBS, "zz2021-037", quote="全社会研发投入强度 9.99%", as_printed="9.99%")
    _assert_names(_refused(data_copy), f"data/{OBS}", line, "quote", "not found verbatim.*zz2021")


def test_as_printed_outside_quote_is_refused(data_copy):
    line = edit_row(data_copy / OBS, "zz2021-037", as_printed="3.28%")
    _assert_names(_refused(data_copy), f"data/{OBS}", line, "as_printed", "does not occur")


def test_unit_that_does_not_fit_the_indicator_is_refused(data_copy):
    line = edit_row(data_copy / OBS, "zz2021-037", unit="count")
    _assert_names(_refused(data_copy), f"data/{OBS}", line, "unit", "does not fit.*rd_intensity")


def test_duplicate_id_is_refused(data_copy):
    columns, rows = read_rows(data_copy / OBS)
    rows.append(dict(rows[0]))
    write_rows(data_copy / OBS, columns, rows)
    err = _refused(data_copy)
    _assert_names(err, f"data/{OBS}", len(rows) + 1, "id", "duplicate id")


def test_missing_column_is_refused(data_copy):
    columns, rows = read_rows(data_copy / OBS)
    columns.remove("quote")
    write_rows(data_copy / OBS, columns, [{k: r[k] for k in columns} for r in rows])
    err = _refused(data_copy)
    assert err.file == f"data/{OBS}" and err.row == 1 and "quote" in str(err), str(err)


def test_extra_column_is_refused(data_copy):
    columns, rows = read_rows(data_copy / OBS)
    write_rows(data_copy / OBS, [*columns, "comment"], [r | {"comment": "x"} for r in rows])
    err = _refused(data_copy)
    assert err.file == f"data/{OBS}" and err.row == 1 and "comment" in str(err), str(err)


def test_malformed_row_is_refused(data_copy):
    path = data_copy / OBS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].rstrip("\n") + ",surplus\n"
    path.write_text("".join(lines), encoding="utf-8")
    err = _refused(data_copy)
    assert err.file == f"data/{OBS}" and err.row == 5 and "extra cell" in str(err).lower(), str(err)


def test_file_not_utf8_is_refused(data_copy):
    path = data_copy / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    err = _refused(data_copy)
    assert err.file == "data/indicators.csv" and err.row == 2 and "not utf-8" in str(err).lower(), str(err)


def test_missing_table_is_refused(data_copy):
    (data_copy / "units.csv").unlink()
    _assert_names(_refused(data_copy), "data/units.csv", None, None, "file not found")


def test_missing_raw_text_is_refused(data_copy):
    (data_copy / "raw" / "004_4ae5928448a75f88.txt").unlink()
    _columns, rows = read_rows(data_copy / "sources.csv")
    line = next(i for i, r in enumerate(rows, start=2) if r["id"] == "zz2022q1")
    _assert_names(_refused(data_copy), "data/sources.csv", line, "file", "file not found")


def test_every_problem_is_listed_not_only_the_first(data_copy):
    edit_row(data_copy / OBS, "zz2021-037", quote="不在原文里的句子", as_printed="不在")
    edit_row(data_copy / OBS, "zz2021-047", unit="pct")
    err = _refused(data_copy)
    assert {p.field for p in err.problems} >= {"quote", "unit"}


def test_environment_variable_selects_the_data(data_copy, monkeypatch):
    reprint(data_copy, "zz2021-037", "3.28%")
    monkeypatch.setenv("ZHUZHOU_DATA", str(data_copy))
    obs = load_dataset().observations
    assert obs.set_index("id").value["zz2021-037"] == 3.28


def test_next_years_report_is_rows_and_a_raw_file_not_code(data_copy):
    """A made-up 2023 review: one raw text, one sources row, observations; the analysis follows."""
    text = "2023年,全市全社会研发投入强度达到3.45%,高新技术企业达到1300家。"
    (data_copy / "raw" / "999_made_up_2023_review.txt").write_text(text, encoding="utf-8")
    columns, rows = read_rows(data_copy / "sources.csv")
    rows.append(
        dict(
            zip(
                [c for c in columns if c != "sha256"],
                [
                    "zz2023",
                    "999_made_up_2023_review.txt",
                    "2023年科技创新回顾(虚构)",
                    "A made-up 2023 review",
                    "Test fixture",
                    "2024-03",
                    "2023",
                    "review",
                    "Made-up 2023 review",
                    "虚构的2023年回顾",
                ],
                strict=False,
            )
        )
    )
    write_rows(data_copy / "sources.csv", columns, rows)
    record_checksum(data_copy, "999_made_up_2023_review.txt")
    columns, rows = read_rows(data_copy / OBS)
    blank = dict.fromkeys(columns, "")
    rows += [
        blank
        | {
            "id": "zz2023-001",
            "source": "zz2023",
            "region": "zhuzhou",
            "indicator": "rd_intensity",
            "period": "2023",
            "kind": "actual",
            "value": "3.45",
            "unit": "pct",
            "as_printed": "3.45%",
            "quote": "全社会研发投入强度达到3.45%",
        },
        blank
        | {
            "id": "zz2023-002",
            "source": "zz2023",
            "region": "zhuzhou",
            "indicator": "high_tech_enterprises",
            "period": "2023",
            "kind": "actual",
            "value": "1300",
            "unit": "count",
            "as_printed": "1300家",
            "quote": "高新技术企业达到1300家",
        },
    ]
    write_rows(data_copy / OBS, columns, rows)
    ds = load_dataset(data_copy)
    card = scorecard.scorecard(ds).set_index("target_id")
    assert card.loc["zz2022-053", "status"] == "met"  # 1250 targeted for 2023, 1300 reported
    assert card.loc["zz2022-053", "actual_id"] == "zz2023-002"
    assert card.loc["zz2022-048", "status"] == "met"  # R&D intensity 3.4% targeted, 3.45% reported
    assert 2023 in set(series.series(ds, "rd_intensity").year)


# --- value against print: every row's value is what its as_printed says, in the row's unit ---


def _observation_rows() -> list[tuple[int, dict[str, str]]]:
    _, rows = read_rows(Path(__file__).resolve().parents[1] / "data" / OBS)
    return list(enumerate(rows, start=2))


ROWS = _observation_rows()


@pytest.fixture(scope="module")
def row_context():
    ds = load_dataset()
    return RowContext.of(ds.indicators, ds.texts)


def _changed(value: str, how: str) -> str:
    number = float(value)
    return repr(number * 10 if how == "decimal slip" else number + 1)


@pytest.mark.parametrize("how", ["decimal slip", "plus one"])
@pytest.mark.parametrize("line, row", ROWS, ids=[r["id"] for _, r in ROWS])
def test_a_value_changed_alone_is_refused_naming_its_line(row_context, line, row, how):
    assert row_problems(row, line, f"data/{OBS}", row_context) == []
    changed = row | {"value": _changed(row["value"], how)}
    problems = row_problems(changed, line, f"data/{OBS}", row_context)
    assert [(p.row, p.field) for p in problems] == [(line, "value")], problems
    assert f"printed '{row['as_printed']}'" in problems[0].message


@pytest.mark.parametrize("line, row", ROWS, ids=[r["id"] for _, r in ROWS])
def test_a_qualifier_changed_alone_is_refused_naming_its_line(row_context, line, row):
    changed = row | {"qualifier": "" if row["qualifier"] else "about"}
    problems = row_problems(changed, line, f"data/{OBS}", row_context)
    assert [(p.row, p.field) for p in problems] == [(line, "qualifier")], problems


def test_a_changed_value_is_refused_by_the_loader_with_file_line_field_and_print(data_copy):
    """The issue's example: R&D intensity 2021 changed from 3.27 to 3.72, print and quote left alone."""
    line = edit_row(data_copy / OBS, "zz2021-037", value="3.72")
    _assert_names(_refused(data_copy), f"data/{OBS}", line, "value", r"printed '3\.27%' implies 3\.27 pct")


def test_a_label_not_printed_in_the_quote_is_refused(data_copy):
    line = edit_row(data_copy / OBS, "zz2021-025", label_zh="双创精英人才")
    _assert_names(_refused(data_copy), f"data/{OBS}", line, "label_zh", "does not occur in the quote")


def test_labels_as_printed_differ_from_the_indicator_name():
    ds = load_dataset()
    names = ds.indicators.set_index("id").name_zh
    labelled = ds.observations[ds.observations.label_zh != ""]
    assert len(labelled) > 50
    assert (labelled.label_zh != labelled.indicator.map(names)).all()
    assert ds.observations.set_index("id").label_zh["zz2021-025"] == "双聘精英人才"


def test_a_print_that_occurs_twice_in_its_quote_is_refused(data_copy):
    line = edit_row(
        data_copy / OBS, "zz2022q1-007", quote="分别是0.74%、0.74%和0.94%", as_printed="0.74%", value="0.74"
    )
    _assert_names(_refused(data_copy), f"data/{OBS}", line, "as_printed", "occurs 2 times")
