"""Numbers read the way each language writes them: one convention, set in data/units.csv and here."""

import pandas as pd
import pytest
from zhuzhou_innovation.narrative import (
    format_date,
    format_number,
    format_observation,
    format_period,
    format_value,
    lower_first,
    readable_table,
    say_list,
    significant,
)


def test_float_noise_is_not_shown():
    assert format_number(3.2700000001) == "3.27"


def test_thousands_are_separated_and_whole_counts_have_no_decimals():
    assert format_number(1100.0) == "1,100"
    assert format_number(1016.11) == "1,016.11"


def test_money_reads_as_cny_billion_or_million_in_english():
    assert format_value(308, "100m_cny") == "CNY 30.8 billion"
    assert format_value(0.8572, "100m_cny") == "CNY 85.7 million"
    assert format_value(1016.11, "100m_cny") == "CNY 101.6 billion"  # one decimal where it keeps more
    assert format_value(0.0535, "100m_cny") == "CNY 5.35 million"  # three figures where they do
    assert format_value(0.0007, "100m_cny") == "CNY 70,000"


def test_money_keeps_yi_and_wan_in_chinese():
    assert format_value(308, "100m_cny", lang="zh") == "308亿元"
    assert format_value(0.8572, "100m_cny", lang="zh") == "8572万元"


def test_an_english_money_observation_carries_the_printed_chinese_beside_it():
    row = {"value": 308, "unit": "100m_cny", "qualifier": "", "as_printed": "308亿元"}
    assert format_observation(row) == "CNY 30.8 billion (308亿元)"
    assert format_observation(row, "zh") == "308亿元"


def test_bounds_read_as_over_and_under():
    assert format_value(1100, "count", "over") == "over 1,100"
    assert format_value(0.2, "100m_cny", "over") == "over CNY 20 million"
    assert format_value(1100, "count", "over", lang="zh") == "超过1100"


def test_ranks_read_as_ordinals_with_the_scope_the_source_printed():
    assert [format_value(n, "rank") for n in (1, 2, 3, 11, 22, 28)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "22nd",
        "28th",
    ]
    assert format_value(2, "rank", printed="全省第二") == "2nd in Hunan"
    assert format_value(2, "rank", printed="全省第二", lang="zh") == "全省第2"
    row = {
        "value": 2,
        "unit": "rank",
        "qualifier": "",
        "as_printed": "第二",
        "quote": "技术合同成交额居全省第二",
    }
    assert format_observation(row) == "2nd in Hunan" and format_observation(row, "zh") == "全省第二"


def test_a_rank_bound_reads_as_top_n():
    assert format_value(30, "rank", "under") == "top 30"
    assert format_value(30, "rank", "under", lang="zh") == "前30"


def test_a_printed_fraction_stays_a_fraction():
    assert format_value(66.67, "pct", printed="2/3") == "two thirds"
    assert format_value(50, "pct", "over", printed="过半") == "over half"


def test_other_units_take_their_scale_and_suffix_from_the_units_table():
    assert format_value(0.13, "pp") == "0.13 percentage points"
    assert format_value(12, "10k_sqm") == "120,000 m²"
    assert format_value(12, "10k_sqm", lang="zh") == "12万平方米"


def test_an_unknown_unit_is_refused_by_name():
    with pytest.raises(KeyError, match="furlong"):
        format_value(1, "furlong")


def test_periods_read_as_a_reader_writes_them():
    assert [format_period(p) for p in ("2021", "2016/2020", "2022Q1", "2022H1", "2022-04", "1999/2001")] == [
        "2021",
        "2016–20",
        "Q1 2022",
        "H1 2022",
        "April 2022",
        "1999–2001",
    ]
    assert format_period("2022Q1", "zh") == "2022年一季度"
    assert format_period("2016/2020", "zh") == "2016—2020年"


def test_dates_read_day_month_year():
    assert format_date("2023-03-02") == "2 March 2023"
    assert format_date("2023-03") == "March 2023"
    assert format_date("2023-03-02", "zh") == "2023年3月2日"


def test_significant_figures_never_round_away_whole_digits():
    assert significant(30.83) == 30.8
    assert significant(1016.11) == 1016


def test_lists_and_names_inside_sentences():
    assert say_list(["a", "b", "c"]) == "a, b and c"
    assert say_list(["甲", "乙", "丙"], "zh") == "甲、乙和丙"
    assert lower_first("High-tech enterprises") == "high-tech enterprises"
    assert lower_first("R&D intensity") == "R&D intensity"


def test_missing_value_is_a_dash_not_nan():
    assert format_number(float("nan")) == "–"


def test_readable_table_has_fixed_ids_and_renamed_headers():
    df = pd.DataFrame({"value": [1.5], "unit": ["pct"]})
    html1 = readable_table(df, {"value": "Value (%)"}, table_id="x")._repr_html_()
    html2 = readable_table(df, {"value": "Value (%)"}, table_id="x")._repr_html_()
    assert html1 == html2
    assert "Value (%)" in html1 and "T_x" in html1


def test_table_text_is_escaped_and_chinese_is_marked():
    df = pd.DataFrame({"id": ["<source>-NNN"], "zh": ["研发投入"]})
    html = readable_table(df, {"id": "Id", "zh": "指标"}, table_id="e")._repr_html_()
    assert "&lt;source&gt;-NNN" in html
    assert '<span lang="zh-Hans">研发投入</span>' in html and '<span lang="zh-Hans">指标</span>' in html


def test_readable_table_marks_the_cells_of_english_only_columns_as_english():
    df = pd.DataFrame({"zh": ["研发投入"], "definition": ["R&D spending as a share of GDP"]})
    html = readable_table(
        df, {"zh": "指标", "definition": "定义（英文）"}, table_id="d", english=("definition",)
    )._repr_html_()
    assert '<span lang="en">R&amp;D spending as a share of GDP</span>' in html
    assert '<span lang="en"><span lang="zh-Hans">研发投入' not in html  # the Chinese column is not marked
