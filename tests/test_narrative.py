"""Numbers in prose and tables read as a person expects, with no float noise."""

import pandas as pd

from zhuzhou_innovation.narrative import format_number, format_value, readable_table


def test_float_noise_is_not_shown():
    assert format_number(3.2700000001) == "3.27"


def test_thousands_are_separated_and_whole_counts_have_no_decimals():
    assert format_number(1100.0) == "1,100"
    assert format_number(1016.11) == "1,016.11"


def test_units_and_qualifiers_read_in_english():
    assert format_value(1100, "count", "over") == "over 1,100"
    assert format_value(3.27, "pct") == "3.27%"
    assert format_value(120, "100m_cny") == "120 hundred million yuan"


def test_ranks_read_as_ordinals():
    assert [format_value(n, "rank") for n in (1, 2, 3, 11, 22, 28)] == [
        "1st", "2nd", "3rd", "11th", "22nd", "28th"]


def test_chinese_format_keeps_the_printed_unit():
    assert format_value(120, "100m_cny", lang="zh") == "120亿元"
    assert format_value(1, "rank", lang="zh") == "第1"


def test_missing_value_is_a_dash_not_nan():
    assert format_number(float("nan")) == "–"


def test_readable_table_has_fixed_ids_and_renamed_headers():
    df = pd.DataFrame({"value": [1.5], "unit": ["pct"]})
    html1 = readable_table(df, {"value": "Value (%)"}, table_id="x")._repr_html_()
    html2 = readable_table(df, {"value": "Value (%)"}, table_id="x")._repr_html_()
    assert html1 == html2
    assert "Value (%)" in html1 and "T_x" in html1


def test_a_rank_bound_reads_as_top_n():
    assert format_value(30, "rank", "under") == "top 30"
    assert format_value(30, "rank", "under", lang="zh") == "前30"


def test_table_text_is_escaped():
    df = pd.DataFrame({"id": ["<source>-NNN"]})
    html = readable_table(df, {"id": "Id"}, table_id="e")._repr_html_()
    assert "&lt;source&gt;-NNN" in html
