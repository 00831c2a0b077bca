"""The landing page's findings follow rules on the data: which indicators are headline, what a
cell shows, how a verdict is worded, which targets are one promise, how recent the data are, and
key findings that refuse to print when the data stop supporting them.

The rules are tried on a small made-up dataset (four documents, a peer district), changed one
fact at a time, not on today's numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from madeup import COLUMNS as OBSERVATION_COLUMNS
from zhuzhou_innovation import findings, quantities, words
from zhuzhou_innovation.load import Dataset, load_dataset

BOOK = Path(__file__).resolve().parents[1] / "book"
COLUMNS = [c for c in OBSERVATION_COLUMNS if c != "label_zh"]  # the rows below give no label_zh


def row(
    id,
    indicator,
    period,
    kind,
    value,
    unit="count",
    printed=None,
    flag="",
    measure="",
    qualifier="",
    region="zhuzhou",
    share_of="",
):
    printed = printed or f"{value:g}"
    return {
        "id": id,
        "source": id.rsplit("-", 1)[0],
        "region": region,
        "indicator": indicator,
        "period": period,
        "kind": kind,
        "value": float(value),
        "unit": unit,
        "as_printed": printed,
        "quote": f"……{printed}……",
        "flag": flag,
        "note": "",
        "share_of": share_of,
        "target_measure": measure,
        "qualifier": qualifier,
    }


@cache
def _real() -> Dataset:
    return load_dataset()


def tiny(extra: list[dict] = (), drop: tuple[str, ...] = ()) -> Dataset:
    """Three city documents and a peer district's article, a dozen rows."""
    real = _real()
    sources = pd.DataFrame(
        [
            {
                "id": "pa",
                "published": "2020-05",
                "covers": "2019",
                "kind": "peer",
                "title_zh": "甲",
                "title_en": "A",
                "publisher": "P",
                "file": "",
                "citation_en": "Peer article",
                "citation_zh": "外地文章",
            },
            {
                "id": "ra",
                "published": "2021-03",
                "covers": "2020",
                "kind": "review",
                "title_zh": "乙",
                "title_en": "B",
                "publisher": "P",
                "file": "",
                "citation_en": "Review A",
                "citation_zh": "综述甲",
            },
            {
                "id": "rb",
                "published": "2022-03",
                "covers": "2021",
                "kind": "review",
                "title_zh": "丙",
                "title_en": "C",
                "publisher": "P",
                "file": "",
                "citation_en": "Review B",
                "citation_zh": "综述乙",
            },
            {
                "id": "rc",
                "published": "2023",
                "covers": "2023",
                "kind": "reply",
                "title_zh": "丁",
                "title_en": "D",
                "publisher": "P",
                "file": "",
                "citation_en": "Reply C",
                "citation_zh": "答复丙",
            },
        ]
    )
    indicators = pd.DataFrame(
        [
            {"id": "firms", "name_zh": "企业", "name_en": "Firms", "unit": "count"},
            {"id": "loans", "name_zh": "贷款", "name_en": "Loans", "unit": "100m_cny"},
            {"id": "rate", "name_zh": "强度", "name_en": "Intensity", "unit": "pct"},
            {"id": "lonely", "name_zh": "孤", "name_en": "Lonely", "unit": "count"},
            {"id": "goal_only", "name_zh": "只有目标", "name_en": "Goal only", "unit": "count"},
        ]
    ).assign(definition="", numerator="", denominator="")
    regions = pd.DataFrame(
        [
            {"id": "zhuzhou", "name_zh": "株洲市", "name_en": "Zhuzhou city", "parent": ""},
            {"id": "zone", "name_zh": "园区", "name_en": "The zone", "parent": "zhuzhou"},
            {"id": "peer", "name_zh": "外区", "name_en": "Peer district", "parent": ""},
        ]
    )
    rows = [
        row("ra-001", "firms", "2020", "actual", 100, printed="超过100家", qualifier="over"),
        row("ra-002", "firms", "2021", "target", 150, measure="level"),
        row("rb-001", "firms", "2021", "actual", 160),
        row("rb-002", "firms", "2022", "target", 200, measure="level"),
        row("rc-001", "firms", "2022", "target", 200, measure="level"),  # restates rb-002
        row("ra-003", "loans", "2021", "target", 4, unit="100m_cny", printed="4亿元", measure="level"),
        row("rb-003", "loans", "2021", "actual", 306, unit="100m_cny", printed="306亿元", flag="suspect"),
        row(
            "rb-004",
            "loans",
            "2022",
            "target",
            10,
            unit="100m_cny",
            printed="10亿元",
            measure="level",
            qualifier="over",
        ),
        row("rc-002", "loans", "2023", "target", 30, unit="100m_cny", printed="30亿元", measure="level"),
        row("ra-004", "rate", "2021", "target", 3.4, unit="pct", printed="3.4%", measure="level"),
        row("rb-005", "rate", "2021", "rank", 1, unit="rank", printed="第一"),
        row("rb-006", "rate", "2020", "actual", 3.2, unit="pct", printed="3.2%"),
        row("rb-007", "lonely", "2021", "actual", 5),
        row("rb-008", "goal_only", "2022", "target", 9, measure="level"),
        row("rc-003", "goal_only", "2023", "target", 9, measure="level"),
        row("rb-009", "firms", "2022", "target", 20, measure="level", region="zone"),
        row("pa-001", "firms", "2019", "actual", 7, region="peer"),
        row("pa-002", "firms", "2021", "target", 9, measure="level", region="peer"),
    ]
    obs = pd.DataFrame([r for r in rows if r["id"] not in drop] + list(extra), columns=COLUMNS)
    return replace(real, sources=sources, indicators=indicators, regions=regions, observations=obs, texts={})


# ---- the headline table ----------------------------------------------------------------------


def test_headline_rows_are_the_indicators_most_documents_give_most_first():
    assert findings.headline_indicators(tiny()) == ["firms", "loans", "rate"]


def test_an_indicator_in_one_document_only_joins_when_a_second_document_gives_it():
    assert "lonely" not in findings.headline_indicators(tiny())
    later = row("rc-009", "lonely", "2023", "target", 8, measure="level")
    assert "lonely" in findings.headline_indicators(tiny([later]))


def test_an_indicator_never_reported_as_a_level_is_not_a_headline_row():
    assert "goal_only" not in findings.headline_indicators(tiny())


def test_the_headline_rows_are_capped_at_a_dozen(monkeypatch):
    monkeypatch.setattr(findings, "HEADLINE_ROWS", 2)
    assert findings.headline_indicators(tiny()) == ["firms", "loans"]


def test_columns_are_the_reported_periods_then_every_year_targeted():
    cols = findings.headline_columns(tiny(), ["firms", "loans", "rate"])
    assert [(c.kind, c.period) for c in cols] == [
        ("reported", "2020"),
        ("reported", "2021"),
        ("target", "2021"),
        ("target", "2022"),
        ("target", "2023"),
    ]
    assert cols[0].header("en") == "Reported, 2020" and cols[2].header("zh") == "2021年目标"


def test_a_cell_shows_a_gap_as_a_gap_a_suspect_marked_and_a_bound_as_over():
    t = findings.headline_table(tiny(), "en")
    cells = {
        (ind, c.kind, c.period): cell
        for ind, line in zip(t.indicators, t.cells, strict=True)
        for c, cell in zip(t.columns, line, strict=True)
    }
    assert cells[("loans", "reported", "2020")].key == "" and cells[("loans", "reported", "2020")].text == "–"
    suspect = cells[("loans", "reported", "2021")]
    assert suspect.key == "rb-003" and suspect.flag == "suspect" and suspect.text.endswith("(suspect)")
    assert cells[("firms", "reported", "2020")].text == "over 100"
    bound = cells[("loans", "target", "2022")]
    assert bound.markup == "{num}`rb-004 plain`" and bound.text == "over CNY 1 billion"


def test_a_level_not_printed_but_ranked_shows_the_rank_as_only_a_rank():
    t = findings.headline_table(tiny(), "en")
    line = t.cells[t.indicators.index("rate")]
    rank = line[[(c.kind, c.period) for c in t.columns].index(("reported", "2021"))]
    assert rank.key == "rb-005" and rank.text.startswith("only a rank:")


def test_a_restated_target_shows_once_and_a_second_suspect_print_is_shown_beside_the_first():
    flagged = row(
        "rc-004",
        "loans",
        "2022",
        "target",
        100,
        unit="100m_cny",
        printed="100亿元",
        measure="level",
        flag="suspect",
    )
    t = findings.headline_table(tiny([flagged]), "en")
    line = t.cells[t.indicators.index("loans")]
    cell = line[[(c.kind, c.period) for c in t.columns].index(("target", "2022"))]
    assert cell.key == "rb-004" and cell.also == ("rc-004",) and "also printed" in cell.text


def test_the_chinese_table_has_chinese_headers_and_prints_numbers_as_printed():
    t = findings.headline_table(tiny(), "zh")
    assert next(iter(t.frame.columns)) == "指标" and "306亿元（存疑）" in t.frame.to_string()


# ---- verdicts and promises -------------------------------------------------------------------


@pytest.mark.parametrize(
    "status,en,zh",
    [
        ("met", "Met", "完成"),
        ("missed", "Missed", "未完成"),
        ("not comparable", "Not comparable", "不可比"),
        ("not yet reported", "Not yet reported", "尚无结果"),
    ],
)
def test_a_verdict_is_worded_for_every_status_in_both_languages(status, en, zh):
    record = {"status": status, "reason": "the outcome is flagged suspect", "period": "2023", "due": False}
    assert findings.verdict(record, "en").startswith(en)
    assert findings.verdict(record, "zh").startswith(zh)


def test_a_verdict_says_why_a_target_cannot_be_judged_or_has_no_answer():
    suspect = {"status": "not comparable", "reason": "the outcome is flagged suspect"}
    assert findings.verdict(suspect) == "Not comparable: the reported figure is probably a misprint"
    assert (
        findings.verdict({"status": "not yet reported", "period": "2023", "due": False})
        == "Not yet reported: no document reports on 2023 yet"
    )
    assert (
        findings.verdict({"status": "not yet reported", "period": "2021", "due": True})
        == "Not yet reported: no later report gives it"
    )
    rank = {
        "status": "not comparable",
        "reason": "a later report gives only a rank, not a level",
        "actual_kind": "rank",
        "measure": "level",
    }
    assert findings.verdict(rank, "zh") == "不可比：后续报告只给出排名，没有水平值"


def test_a_verdict_takes_a_best_reading_when_the_scorecard_gives_one():
    record = {
        "status": "not comparable",
        "reason": "the outcome is flagged suspect",
        "reading": "probably missed: 3.06亿元 if the lost decimal point is restored",
    }
    assert findings.verdict(record).endswith(
        "; probably missed: 3.06亿元 if the lost decimal point is restored"
    )
    assert findings.verdict(record, in_sentence=True).startswith("is not comparable: ")


def test_a_verdict_refuses_a_status_the_scorecard_does_not_have():
    with pytest.raises(ValueError, match="not a scorecard status"):
        findings.verdict({"status": "probably"})


def test_a_target_restated_by_a_later_document_is_one_promise_with_both_rows():
    p = findings.promises(tiny())
    firms_2022 = p[(p.indicator == "firms") & (p.period == "2022") & (p.region == "zhuzhou")]
    assert len(firms_2022) == 1 and firms_2022.iloc[0].target_ids == ("rb-002", "rc-001")


def test_a_peer_districts_targets_are_not_the_citys_but_its_own_zones_are():
    p = findings.promises(tiny())
    assert "peer" not in set(p.region) and "zone" in set(p.region)


def test_verdicts_tell_the_due_targets_from_the_open_ones():
    v = findings.verdicts(tiny(), "en")
    by_target = {ids[0]: line for ids, line in zip(v.target_ids, v.itertuples(), strict=True)}
    assert by_target["ra-002"].status == "met" and by_target["ra-002"].due
    assert by_target["ra-003"].verdict.startswith("Not comparable")
    assert not by_target["rc-002"].due and by_target["rc-002"].status == "not yet reported"


def test_the_open_targets_are_those_for_years_no_document_reports_on_and_follow_the_data():
    q = quantities.quantity(tiny(), "promises-open")
    # targets for 2022 and 2023 are open: the latest outcome is for 2021 (the zone's and the
    # restated one count once each, the peer district's not at all)
    assert q.value == 6 and set(q.inputs) == {"rb-002", "rb-004", "rb-008", "rb-009", "rc-002", "rc-003"}
    later = row("rc-005", "firms", "2022", "actual", 250)
    assert quantities.quantity(tiny([later]), "promises-open").value == 2  # only the targets for 2023


def test_a_count_of_none_rests_on_the_rows_it_examined():
    q = quantities.quantity(tiny(), "printed-rd-spending-levels")
    assert q.value == 0 and q.inputs == ()
    goal = row(
        "rb-010", "rd_spending", "2022", "target", 140, unit="100m_cny", printed="140亿元", measure="level"
    )
    q = quantities.quantity(tiny([goal]), "printed-rd-spending-levels")
    assert q.value == 0 and q.inputs == ("rb-010",)


# ---- vintage and time line -------------------------------------------------------------------


def test_the_vintage_is_the_latest_outcome_and_the_latest_target_of_the_city():
    v = findings.vintage(tiny())
    assert (v.outcomes, v.targets, v.published) == ("2021", "2023", "2023")


def test_a_later_outcome_moves_the_vintage_and_a_peers_does_not():
    later = row("rc-005", "firms", "2023", "actual", 250)
    assert findings.vintage(tiny([later])).outcomes == "2023"
    peer = row("pa-003", "firms", "2024", "actual", 9, region="peer")
    assert findings.vintage(tiny([peer])).outcomes == "2021"


def test_the_time_line_lists_documents_in_order_of_publication_with_their_counts():
    t = findings.timeline(tiny(), "en")
    assert list(t.source) == ["pa", "ra", "rb", "rc"]
    assert (
        t.set_index("source").loc["rc", "targets"] == 3 and t.set_index("source").loc["ra", "about"] == "2020"
    )


# ---- key findings ----------------------------------------------------------------------------


def _yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "findings.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_key_finding_resolves_numbers_words_guards_and_the_vintage(tmp_path):
    path = _yaml(
        tmp_path,
        """
- chapter: ch-x
  link_en: the chapter
  link_zh: 该章
  en: >-
    Firms {word}`grew ra-001 rb-001` to {num}`rb-001` by {vintage}`outcomes`,
    {holds}`rb-001 > ra-002`beating the target; loans of {num}`ra-003 plain`.
  zh: 企业{word}`grew ra-001 rb-001`至{num}`rb-001`。
""",
    )
    (en,) = findings.key_findings(tiny(), "en", path)
    assert en.text == "Firms grew to 160 by 2021, beating the target; loans of CNY 400 million."
    assert en.chapter == "ch-x" and en.link == "the chapter" and "{num}`rb-001`" in en.markup
    (zh,) = findings.key_findings(tiny(), "zh", path)
    assert zh.text == "企业增长至160。" and zh.lang == "zh"


def test_a_key_finding_changes_its_word_when_the_data_turn(tmp_path):
    path = _yaml(
        tmp_path,
        '- {chapter: ch-x, link_en: x, link_zh: x, en: "Firms {word}`grew ra-001 rb-001`.", zh: 甲}\n',
    )
    fewer = row("rb-001", "firms", "2021", "actual", 90)
    assert findings.key_findings(tiny([fewer], drop=("rb-001",)), "en", path)[0].text == "Firms shrank."


def findings_facts(ds):
    from zhuzhou_innovation.facts import Facts

    return Facts(ds)


def test_a_key_finding_the_data_no_longer_support_is_refused(tmp_path):
    path = _yaml(
        tmp_path,
        """
- {chapter: ch-x, link_en: x, link_zh: x, en: "{holds}`rb-001 > ra-002`Beat it.", zh: "超过。"}
""",
    )
    assert findings.key_findings(tiny(), "en", path)[0].text == "Beat it."
    lower = row("rb-001", "firms", "2021", "actual", 140)
    with pytest.raises(words.ClaimError, match="no longer support"):
        findings.key_findings(tiny([lower], drop=("rb-001",)), "en", path)


def test_a_key_finding_without_its_chapter_is_refused(tmp_path):
    path = _yaml(tmp_path, "- {en: A., zh: 甲。, link_en: x, link_zh: x}\n")
    with pytest.raises(ValueError, match="lacks chapter"):
        findings.read_findings(path)


def test_the_books_key_findings_are_four_to_six_each_linked_to_a_chapter_of_the_book():
    labels = set()
    for path in [*BOOK.glob("*.md"), *BOOK.glob("*.ipynb")]:
        labels |= set(re.findall(r"\((ch-[\w-]+)\)=", path.read_text(encoding="utf-8")))
    ds = load_dataset()
    for lang in ("en", "zh"):
        found = findings.key_findings(ds, lang)
        assert 4 <= len(found) <= 6
        for f in found:
            assert f.chapter in labels, f"{f.chapter} is not a chapter label of the book"
            assert "`" not in f.text and "{" not in f.text, f"role left unresolved: {f.text}"
    assert all(re.search(r"[\u4e00-\u9fff]", f.text) for f in findings.key_findings(ds, "zh"))


def test_the_verdict_word_reads_the_scorecard_inside_a_sentence():
    facts = findings_facts(tiny())
    assert words.word("verdict ra-002", facts) == "was met"
    assert words.word("verdict ra-003", facts, "zh") == "不可比：报告数字疑有笔误"
    with pytest.raises(words.ClaimError):
        words.word("verdict rb-001", facts)
