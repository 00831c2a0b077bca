"""Completeness: every number of every raw text is recorded in a row or excluded with a reason."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from datacopy import read_rows, write_rows
from zhuzhou_innovation.completeness import completeness_problems, main, read_exclusions, source_problems

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


def _row(id_: str, printed: str, quote: str) -> dict[str, str]:
    return {"id": id_, "as_printed": printed, "quote": quote}


# --- small made-up texts ---

TEXT = "全年新增高企195家,增长25%。\n出台人才新政五条,见第3版。\n"


def test_a_number_neither_recorded_nor_excluded_is_named_with_its_line_and_passage():
    rows = [_row("x-001", "195家", "全年新增高企195家"), _row("x-002", "25%", "增长25%")]
    problems = source_problems(TEXT, rows, [], "raw/x.txt", "extraction/excluded_x.md")
    assert [(p.file, p.row) for p in problems] == [("raw/x.txt", 2), ("raw/x.txt", 2)]
    assert "'五条' in '出台人才新政五条'" in problems[0].message
    assert "'第3版' in '见第3版'" in problems[1].message  # an ordinal is a number too


def test_a_date_inside_a_recorded_quote_is_accounted_for_by_the_row():
    rows = [_row("x-001", "99件", "2023年新增专利99件")]
    assert source_problems("2023年新增专利99件。", rows, [], "raw/x.txt", "ex.md") == []


def test_a_date_outside_every_quote_must_be_excluded_too():
    problems = source_problems("2023年3月2日,会议召开。", [], [], "raw/x.txt", "ex.md")
    assert [p.message.split("'")[1] for p in problems] == ["2023年3月2日"]


def test_an_excluded_number_is_accounted_for_in_every_copy_of_its_passage(tmp_path):
    md = tmp_path / "excluded_x.md"
    md.write_text(
        "| number | passage | reason |\n|---|---|---|\n"
        "| `五条` | `人才新政五条` | made up |\n| `*` | `见第3版` | page reference |\n",
        encoding="utf-8",
    )
    exclusions, bad = read_exclusions(md, "ex.md")
    assert bad == [] and [e.line for e in exclusions] == [3, 4]
    text = TEXT + "再次:出台人才新政五条。\n"
    rows = [_row("x-001", "195家", "全年新增高企195家"), _row("x-002", "25%", "增长25%")]
    assert source_problems(text, rows, exclusions, "raw/x.txt", "ex.md") == []


def test_a_quote_covers_only_its_own_number_not_its_neighbours():
    rows = [_row("x-001", "195家", "全年新增高企195家,增长25%")]
    problems = source_problems("全年新增高企195家,增长25%。", rows, [], "raw/x.txt", "ex.md")
    assert ["'25%'" in p.message for p in problems] == [True]


@pytest.mark.parametrize(
    "line, problem",
    [
        ("| `七条` | `人才新政五条` | wrong number |", "no number '七条' in '人才新政五条'"),
        ("| `五条` | `人才新政六条` | not in the text |", "not found verbatim"),
        ("| `195家` | `全年新增高企195家` | recorded |", "is recorded (row x-001)"),
    ],
)
def test_an_exclusion_that_is_not_true_to_the_text_is_a_problem(tmp_path, line, problem):
    md = tmp_path / "excluded_x.md"
    md.write_text(f"| number | passage | reason |\n|---|---|---|\n{line}\n", encoding="utf-8")
    exclusions, _ = read_exclusions(md, "ex.md")
    rows = [_row("x-001", "195家", "全年新增高企195家")]
    problems = source_problems("全年新增高企195家,出台人才新政五条。", rows, exclusions, "raw", "ex.md")
    assert any(p.file == "ex.md" and p.row == 3 and problem in p.message for p in problems), problems


def test_an_exclusion_row_without_a_reason_is_a_problem(tmp_path):
    md = tmp_path / "excluded_x.md"
    md.write_text(
        "| number | passage | reason |\n|---|---|---|\n| `五条` | `人才新政五条` |  |\n", encoding="utf-8"
    )
    exclusions, bad = read_exclusions(md, "ex.md")
    assert exclusions == [] and [(p.row, "reason" in p.message) for p in bad] == [(3, True)]


# --- the real data ---


def test_every_number_of_every_raw_text_is_recorded_or_excluded():
    problems = completeness_problems(DATA)
    assert problems == [], "\n".join(map(str, problems))
    assert main([str(DATA)]) == 0


def _recorded_numbers() -> list[tuple[str, tuple[str, ...]]]:
    """Each recorded number (source, quote, as_printed) with every row that records it."""
    _, rows = read_rows(DATA / "observations.csv")
    groups = collections.defaultdict(list)
    for row in rows:
        groups[(row["source"], row["quote"], row["as_printed"])].append(row["id"])
    return [(key[2], tuple(ids)) for key, ids in groups.items()]


NUMBERS = _recorded_numbers()


@pytest.fixture(scope="module")
def sources():
    _, rows = read_rows(DATA / "observations.csv")
    _, srcs = read_rows(DATA / "sources.csv")
    out = {}
    for s in srcs:
        label = f"data/extraction/excluded_{s['id']}.md"
        exclusions, _ = read_exclusions(DATA / "extraction" / f"excluded_{s['id']}.md", label)
        text = (DATA / "raw" / s["file"]).read_text(encoding="utf-8")
        out[s["id"]] = (text, [r for r in rows if r["source"] == s["id"]], exclusions, s["file"])
    return out


@pytest.mark.parametrize("printed, ids", NUMBERS, ids=[ids[0] for _, ids in NUMBERS])
def test_deleting_the_rows_of_any_recorded_number_fails_naming_it(sources, printed, ids):
    text, rows, exclusions, file = sources[ids[0].rsplit("-", 1)[0]]
    kept = [r for r in rows if r["id"] not in ids]
    problems = source_problems(text, kept, exclusions, f"data/raw/{file}", "excluded.md")
    quote = next(r["quote"] for r in rows if r["id"] == ids[0])
    line = text.count("\n", 0, text.index(quote) + quote.index(printed)) + 1
    assert any(p.row == line and "number '" in p.message for p in problems), problems
    assert problems and all(p.file == f"data/raw/{file}" for p in problems)


def test_a_deleted_row_fails_the_completeness_check_naming_file_line_and_passage(data_copy):
    columns, rows = read_rows(data_copy / "observations.csv")
    write_rows(data_copy / "observations.csv", columns, [r for r in rows if r["id"] != "zz2021-055"])
    problems = completeness_problems(data_copy)
    assert [(p.file, p.row) for p in problems] == [("data/raw/000_42b6281d3c66c3b9.txt", 49)]
    assert "'十条' in '株洲经开区出台北非产业人才聚集十条'" in problems[0].message


@pytest.mark.parametrize("added, number", [(",新增专利99件", "99件"), (",出台人才新政五条", "五条")])
def test_a_number_added_to_a_raw_text_fails_naming_file_line_and_passage(data_copy, added, number):
    raw = data_copy / "raw" / "001_b34eed99662ecf5c.txt"
    lines = raw.read_text(encoding="utf-8").split("\n")
    lines[36] = lines[36].rstrip("。") + added + "。"  # line 37: the transformation paragraph
    raw.write_text("\n".join(lines), encoding="utf-8")
    problems = completeness_problems(data_copy)
    assert [(p.file, p.row) for p in problems] == [("data/raw/001_b34eed99662ecf5c.txt", 37)]
    assert f"'{number}' in '{added.lstrip(',')}'" in problems[0].message


def test_a_source_without_its_list_of_excluded_numbers_is_a_problem(data_copy):
    (data_copy / "extraction" / "excluded_zz2025.md").unlink()
    problems = completeness_problems(data_copy)
    assert problems[0].file == "data/extraction/excluded_zz2025.md" and "missing" in problems[0].message
