"""The extraction assistant: what it proposes for a text, and that what it proposes validates."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from datacopy import read_rows, record_checksum, write_rows
from zhuzhou_innovation.completeness import Exclusion, completeness_problems, source_problems
from zhuzhou_innovation.extract import SourceInfo, check_candidates, main, propose, source_info
from zhuzhou_innovation.load import load_dataset

FIXTURE = Path(__file__).parent / "fixtures" / "made_up_2023_review.txt"
NEW = SourceInfo("zz2023", "2023", "2024-03", "zhuzhou")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def proposals(ds):
    """Candidates and draft exclusions for each of the five texts."""
    out = {}
    for s in ds.sources.itertuples():
        info = source_info(ds, ds.data_dir / "raw" / s.file)
        out[s.id] = (info, *propose(ds.texts[s.id], ds, info))
    return out


def _found(text: str, row, candidates: list[dict[str, str]]) -> bool:
    """A candidate with the row's print, unit and value, its number inside a copy of the row's quote."""
    spans, at = [], text.find(row.quote)
    while at >= 0:
        spans.append((at, at + len(row.quote)))
        at = text.find(row.quote, at + 1)
    for c in candidates:
        number = text.find(c["quote"]) + c["quote"].find(c["as_printed"])
        if (
            (c["as_printed"], c["unit"]) == (row.as_printed, row.unit)
            and Decimal(c["value"]) == Decimal(repr(row.value))
            and any(a <= number < b for a, b in spans)
        ):
            return True
    return False


SOURCES = ["yf2020", "zz2021", "zz2022q1", "zz2022", "zz2025"]


@pytest.mark.parametrize("source", SOURCES)
def test_the_assistant_proposes_at_least_95_percent_of_the_recorded_rows(ds, proposals, source):
    _, candidates, _ = proposals[source]
    rows = list(ds.observations[ds.observations.source == source].itertuples())
    hits = sum(_found(ds.texts[source], r, candidates) for r in rows)
    print(
        f"{source}: {hits}/{len(rows)} recorded rows proposed with the same value, unit and "
        f"as_printed ({hits / len(rows):.0%}); {len(candidates)} candidates"
    )
    assert hits / len(rows) >= 0.95


@pytest.mark.parametrize("source", SOURCES)
def test_every_proposal_passes_the_row_checks(ds, proposals, source):
    info, candidates, _ = proposals[source]
    assert check_candidates(candidates, ds, ds.texts[source], info) == []


@pytest.mark.parametrize("source", SOURCES)
def test_proposals_and_draft_exclusions_account_for_every_number(ds, proposals, source):
    """Kept whole, the two files would pass the completeness check: nothing found is dropped."""
    _, candidates, drafts = proposals[source]
    exclusions = [Exclusion(d["number"], d["passage"], d["reason"], i) for i, d in enumerate(drafts)]
    assert source_problems(ds.texts[source], candidates, exclusions, "raw", "drafts") == []


def test_a_repeated_passage_is_proposed_once(proposals):
    _, candidates, _ = proposals["zz2021"]  # the 2022 targets are printed four times on the page
    assert [c["as_printed"] for c in candidates].count("140亿元") == 1


def test_guesses_come_from_the_words_around_the_number(ds):
    candidates, drafts = propose(FIXTURE.read_text(encoding="utf-8"), ds, NEW)
    got = {c["as_printed"]: c for c in candidates}
    assert (got["3.6%"]["kind"], got["3.6%"]["period"], got["3.6%"]["indicator"]) == (
        "target",
        "2024",
        "rd_intensity",
    )
    assert (got["12.5%"]["kind"], got["12.5%"]["indicator"]) == ("growth", "high_tech_enterprises")
    assert got["12.5%"]["quote"] == "全市高新技术企业总数达到1320家,同比增长12.5%"  # what grew, not only how
    assert (got["29.6%"]["kind"], got["29.6%"]["share_of"]) == ("share", "gdp")
    assert (got["第一"]["kind"], got["第一"]["unit"]) == ("rank", "rank")
    assert (got["8500万元"]["value"], got["8500万元"]["unit"]) == ("0.85", "100m_cny")
    assert (got["三十余名"]["value"], got["三十余名"]["qualifier"]) == ("30", "over")
    assert (got["20%以上"]["target_measure"], got["20%以上"]["qualifier"]) == ("growth", "over")
    assert {d["number"] for d in drafts} == {"5年", "2023年", "2024年"}


def test_one_number_printed_for_two_things_gives_two_rows(ds):
    text = "全市高新技术企业数量和科技型中小企业双双突破1300家。"
    candidates, _ = propose(text, ds, NEW)
    assert sorted(c["indicator"] for c in candidates) == ["high_tech_enterprises", "tech_smes"]


def test_adding_the_made_up_report_with_the_assistant(data_copy):
    """The README's walkthrough: text and source row in, propose, curate, validate, build."""
    raw = data_copy / "raw" / "999_made_up_2023_review.txt"
    raw.write_bytes(FIXTURE.read_bytes())
    columns, rows = read_rows(data_copy / "sources.csv")
    rows.append(
        dict(
            zip(
                [c for c in columns if c != "sha256"],
                [
                    "zz2023",
                    raw.name,
                    "株洲市2023年科技创新工作回顾(虚构)",
                    "A made-up 2023 review",
                    "Test fixture",
                    "2024-03",
                    "2023",
                    "review",
                    "Made-up review",
                    "虚构的回顾",
                ],
                strict=False,
            )
        )
    )
    write_rows(data_copy / "sources.csv", columns, rows)
    record_checksum(data_copy, "999_made_up_2023_review.txt")
    out = data_copy.parent / "zz2023.csv"
    assert main([str(raw), "--data", str(data_copy), "--out", str(out)]) == 0  # id, dates from sources.csv
    with out.open(encoding="utf-8") as fh:
        candidates = list(csv.DictReader(fh))
    columns, rows = read_rows(data_copy / "observations.csv")
    write_rows(
        data_copy / "observations.csv", columns, rows + [{k: c[k] for k in columns} for c in candidates]
    )
    drafts = out.with_suffix(".excluded.md").read_text(encoding="utf-8")
    (data_copy / "extraction" / "excluded_zz2023.md").write_text("# zz2023\n\n" + drafts, encoding="utf-8")
    ds = load_dataset(data_copy)
    assert len(ds.observations[ds.observations.source == "zz2023"]) == 14
    assert completeness_problems(data_copy) == []
