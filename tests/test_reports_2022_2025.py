"""The 2022 review and 2025 targets chapters: their derived numbers, tables and figures read the
data the way the chapters say, and refuse data that no longer fits."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from datacopy import edit_row, reprint
from zhuzhou_innovation import catalog, figures, quantities, tables
from zhuzhou_innovation.derived import reports_2022_2025 as defs
from zhuzhou_innovation.load import load_dataset
from zhuzhou_innovation.quantities import Rows, Term
from zhuzhou_innovation.words import ClaimError, render


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_the_laboratory_count_rests_on_a_sentence_the_source_prints(ds):
    text = ds.texts["zz2022"]
    assert defs.NAMED_LABORATORIES_QUOTE in text
    assert all(f"“{name}”" in defs.NAMED_LABORATORIES_QUOTE for name in defs.NAMED_LABORATORIES_2022)
    share = ds.observations.set_index("id").loc["zz2022-029"]
    assert share.quote in defs.NAMED_LABORATORIES_QUOTE and share.as_printed == "2/3"


def test_a_printed_fraction_is_exact_so_the_implied_total_is_a_whole_count(ds):
    labs = quantities.quantity(ds, "hunan-enterprise-key-laboratories")
    assert (labs.value, labs.qualifier) == (pytest.approx(3), "")
    assert labs.arithmetic == "2 ÷ (2/3) = 3"


def test_a_reading_moves_the_decimal_point_the_note_names(data_copy):
    edit_row(data_copy / "observations.csv", "zz2022-017", note="Probably 30.6亿元 (lost decimal point).")
    reading = quantities.quantity(load_dataset(data_copy), "reading-zz2022-017")
    assert (reading.value, reading.qualifier, reading.arithmetic) == (
        pytest.approx(30.6),
        "",
        "306 ÷ 10 = 30.6",
    )


@pytest.mark.parametrize(
    "note", ["Probably 4亿元 (a slip).", "Probably 3.06% (lost decimal point).", "A slip."]
)
def test_a_note_whose_reading_is_not_the_print_with_a_moved_point_is_refused(data_copy, note):
    edit_row(data_copy / "observations.csv", "zz2022-017", note=note)
    with pytest.raises(ValueError, match="zz2022-017"):
        Rows(load_dataset(data_copy)).quantity("reading-zz2022-017")


def test_a_target_over_a_floor_asks_for_at_most_its_growth():
    floor = Term(1100, 1100, math.inf, ("stock",), "1,100")
    growth = defs.at_most((Term.of(1250) / floor - 1) * 100)
    assert growth.qualifier == "under" and growth.hi == pytest.approx(13.636, abs=1e-3)
    assert defs.floor_of(floor).qualifier == ""


def test_a_goal_the_data_come_to_settle_moves_from_one_count_to_the_other(ds, data_copy):
    names = ("zz2021-goals-for-2022-met", "zz2021-goals-for-2022-not-comparable")
    before = [quantities.quantity(ds, n).value for n in names]
    edit_row(
        data_copy / "observations.csv", "zz2022-017", flag=""
    )  # the 2022 loans no longer suspect: goal met
    after = [quantities.quantity(load_dataset(data_copy), n).value for n in names]
    assert after == [before[0] + 1, before[1] - 1]


def test_a_goal_below_the_latest_result_is_counted_and_one_above_is_not(ds):
    q = quantities.compute_all(ds)
    below = [n for n in defs.GOALS_VS_LATEST if q[n].value < 100]
    assert q["goals-2025-below-latest"].value == len(below)
    assert set(q["goals-2025-below-latest"].inputs) == set(below)


def test_plain_text_drops_the_chinese_beside_english_money(ds):
    from zhuzhou_innovation.figures import figure_facts

    facts = figure_facts(ds)
    assert render("{num}`zz2025-005 plain`", facts) == "CNY 3 billion"
    assert render("{num}`zz2025-005`", facts) == "CNY 3 billion (30亿元)"
    assert render("{num}`zz2025-005 plain`", facts, "zh") == "30亿元"


def test_commissioner_counts_are_read_by_their_most_specific_word():
    assert tables.commissioner_wording("新选派科技特派员400名") == "newly dispatched"
    assert tables.commissioner_wording("选派各级科技特派员331名") == "dispatched, of all levels"
    assert tables.commissioner_wording("选派379名科技特派员", "zh") == "选派"


def test_a_clause_that_sets_several_rates_or_a_stretch_goal_is_one_line():
    goals = pd.DataFrame(
        [
            {"id": "a", "indicator": "rd", "quote": "占比达到32%"},
            {"id": "b", "indicator": "rd", "quote": "占比达到32%、(奋斗目标3.4%)"},
            {"id": "c", "indicator": "net", "quote": "净增150家以上"},
            {"id": "d", "indicator": "total", "quote": "净增150家以上,总量达到1250家"},
            {"id": "e", "indicator": "trained", "quote": "培训率、上门率100%"},
            {"id": "f", "indicator": "visited", "quote": "培训率、上门率100%"},
        ]
    )
    assert [list(g.id) for g in tables._clauses(goals)] == [["a", "b"], ["d"], ["e", "f"]]


def test_every_table_of_the_chapters_has_both_editions(ds):
    for build_table in (
        tables.zz2022_summary,
        tables.zz2022_targets,
        tables.zz2022_answers,
        tables.zz2025_goals,
        tables.zz2025_commissioners,
    ):
        en, zh = build_table(ds, lang="en").frame, build_table(ds, lang="zh").frame
        assert en.shape == zh.shape and 0 < len(en) <= 15, build_table.__name__


def test_the_loan_figure_draws_the_suspect_amount_as_its_reading_and_says_what_was_printed(ds):
    fig = catalog.draw(ds, "zz2022-knowledge-value-loans")
    data = figures.figure_data(fig).set_index("id")
    assert data.loc["reading-zz2022-017", ["kind", "printed", "flag"]].tolist() == [
        "reading",
        "306亿元",
        "suspect",
    ]
    bars = list(fig.axes[1].patches)
    assert [p.get_hatch() for p in bars] == [None, "///", None, None]
    assert any("306亿元" in t.get_text() for t in fig.axes[1].texts)


def test_a_figure_title_the_data_no_longer_support_stops_the_figure(data_copy):
    # A 2023 loan goal above the 2025 goal breaks the title's "the goals then climb".
    reprint(data_copy, "zz2022-057", "突破知识价值信用贷款40亿元")
    with pytest.raises(ClaimError, match="zz2022-057"):
        catalog.draw(load_dataset(data_copy), "zz2022-knowledge-value-loans")


def test_a_link_to_a_source_on_the_every_number_page_resolves(tmp_path):
    """As in the book, MyST writes heading anchors of its own, which must not drop the sources'."""
    from sphinx.cmd.build import build_main
    from test_sphinx_numbers import PAGES

    src, out = tmp_path / "src", tmp_path / "out"
    chapter = "# Chapter\n\nSee [every number](numbers.md#source-zz2022).\n"
    for name, text in {**PAGES, "book/chapter.md": chapter}.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "zhuzhou_book.sphinx_numbers"]\n'
        'myst_heading_anchors = 3\nexclude_patterns = ["out"]\n',
        encoding="utf-8",
    )
    log = tmp_path / "warnings.txt"
    code = build_main(["-W", "-q", "-b", "html", "-w", str(log), str(src), str(out)])
    assert code == 0, log.read_text(encoding="utf-8")
    page = (out / "book" / "chapter.html").read_text(encoding="utf-8")
    assert 'href="numbers.html#source-zz2022"' in page
