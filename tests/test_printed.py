"""The number parser: what a printed Chinese number says, and every number a text prints."""

from __future__ import annotations

from fractions import Fraction

import pytest
from zhuzhou_innovation.printed import (
    PrintError,
    as_printed,
    check_print,
    chinese_numeral,
    find_numbers,
    value_in,
)


@pytest.mark.parametrize(
    "run, value",
    [
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("两百", 200),
        ("一百零五", 105),
        ("三百五", 350),
        ("两万三千", 23000),
        ("一万五", 15000),
        ("三亿两千万", 320_000_000),
        ("一万亿", 10**12),
        ("二〇三五", 2035),
        ("千亿", 10**11),
    ],
)
def test_chinese_numerals_read_as_integers(run, value):
    assert chinese_numeral(run) == value


@pytest.mark.parametrize("run", ["十四五", "三一", "五五", "十百"])
def test_words_that_only_look_like_numerals_are_refused(run):
    with pytest.raises(PrintError):
        chinese_numeral(run)


@pytest.mark.parametrize(
    "printed, unit, value, qualifier",
    [
        ("3.27%", "pct", "3.27", ""),
        ("1016.11亿元", "100m_cny", "1016.11", ""),
        ("8572万元", "100m_cny", "0.8572", ""),
        ("200万元", "100m_cny", "0.02", ""),
        ("5000元", "100m_cny", "0.00005", ""),
        ("2000万元以上", "100m_cny", "0.2", "over"),
        ("超过亿元", "100m_cny", "1", "over"),
        ("10亿级", "100m_cny", "10", "about"),
        ("39万人", "count", "390000", ""),
        ("1.2万", "count", "12000", ""),
        ("3千", "count", "3000", ""),
        ("1,100家", "count", "1100", ""),
        ("１２３４件", "count", "1234", ""),
        ("超过900家", "count", "900", "over"),
        ("突破120亿元", "100m_cny", "120", "over"),
        ("超30亿元", "100m_cny", "30", "over"),
        ("逾50%", "pct", "50", "over"),
        ("不低于7万元", "100m_cny", "0.0007", "over"),
        ("10余个", "count", "10", "over"),
        ("340多个", "count", "340", "over"),
        ("二十余", "count", "20", "over"),
        ("500件左右", "count", "500", "about"),
        ("约3亿元", "100m_cny", "3", "about"),
        ("近50%", "pct", "50", "about"),
        ("不足1%", "pct", "1", "under"),
        ("不到10个", "count", "10", "under"),
        ("5个以内", "count", "5", "under"),
        ("三个", "count", "3", ""),
        ("两个百分点", "pp", "2", ""),
        ("0.5个百分点", "pp", "0.5", ""),
        ("2倍", "times", "2", ""),
        ("十条", "count", "10", ""),
        ("一家以上", "count", "1", "over"),
        ("第二", "rank", "2", ""),
        ("第46位", "rank", "46", ""),
        ("全省第一", "rank", "1", ""),
        ("居全省第3位", "rank", "3", ""),
        ("第35名", "rank", "35", ""),
        ("30强", "rank", "30", "under"),
        ("百强", "rank", "100", "under"),
        ("前三", "rank", "3", "under"),
        ("前5名", "rank", "5", "under"),
        ("2/3", "pct", "66.67", ""),
        ("三分之二", "pct", "66.667", ""),
        ("百分之三十", "pct", "30", ""),
        ("过半", "pct", "50", "over"),
        ("不到一半", "pct", "50", "under"),
        ("137.81平方公里", "sq_km", "137.81", ""),
        ("5万平方米", "10k_sqm", "5", ""),
        ("超过年度计划的130%", "pct", "130", "over"),
        ("突破知识价值信用贷款10亿元", "100m_cny", "10", "over"),
    ],
)
def test_a_print_states_its_value_in_the_unit_and_its_qualifier(printed, unit, value, qualifier):
    number = as_printed(printed)
    assert check_print(printed, printed, unit, value, qualifier) == []
    assert number.qualifier == qualifier


def test_money_converts_to_hundred_million_yuan_exactly():
    assert value_in(as_printed("1万元"), "100m_cny") == Fraction(1, 10**4)
    assert value_in(as_printed("7000万元"), "100m_cny") == Fraction(7, 10)


@pytest.mark.parametrize(
    "printed, unit",
    [
        ("3.27%", "count"),
        ("第二", "count"),
        ("300家", "100m_cny"),
        ("2倍", "pct"),
        ("“7+3”", "100m_cny"),
    ],
)
def test_a_print_that_does_not_state_the_unit_is_refused(printed, unit):
    assert check_print(printed, printed, unit, "1", "")


def test_a_changed_value_is_refused_with_what_was_printed_and_what_it_implies():
    problems = check_print("3.27%", "全社会研发投入强度 3.27%", "pct", "3.72", "")
    assert problems == [("value", "printed '3.27%' implies 3.27 pct, the row says 3.72")]


def test_a_qualifier_the_print_does_not_say_is_refused():
    assert check_print("900家", "900家", "count", "900", "over")[0][0] == "qualifier"
    assert check_print("超过900家", "超过900家", "count", "900", "")[0][0] == "qualifier"


def test_a_fraction_may_be_stored_rounded_but_not_wrongly():
    assert check_print("2/3", "2/3", "pct", "66.67", "") == []
    assert check_print("2/3", "2/3", "pct", "66.667", "") == []
    assert check_print("2/3", "2/3", "pct", "66.68", "")
    assert check_print("2/3", "2/3", "pct", "66.7", "")  # fewer than two decimals: too coarse


def test_a_qualifier_before_a_list_reaches_every_item():
    quote = "由市级分别给予每家不低于7万元、3万元的补助"
    assert check_print("3万元", quote, "100m_cny", "0.0003", "over") == []
    assert check_print("3万元", "给予每家3万元的补助", "100m_cny", "0.0003", "over")


def test_a_print_of_two_numbers_is_refused():
    with pytest.raises(PrintError, match="one number"):
        as_printed("340多个第一")


def test_the_finder_gives_every_number_with_its_span():
    text = "全年有效高企数超过900家,增幅25%,7家单位入选;研发投入强度居全省第二位。"
    found = find_numbers(text)
    assert [n.text for n in found] == ["超过900家", "25%", "7家", "第二位"]
    assert all(text[n.start : n.end] == n.text for n in found)


def test_the_finder_sees_chinese_numerals_that_count_things():
    text = "株洲经开区出台北非产业人才聚集十条,三个项目入选,一家以上打造成为标杆"
    assert [n.text for n in find_numbers(text)] == ["十条", "三个", "一家以上"]


@pytest.mark.parametrize(
    "text",
    [
        "一批答辩评审",
        "一流的创新团队",
        "三高四新",
        "一体两翼",
        "“十四五”规划",
        "万人发明专利",
        "全国政协副主席万钢",
        "进一步夯实",
        "三一石油装备产业园",
        "知识产权“破零倍增”",
        "唯一",
    ],
)
def test_words_with_numeral_characters_are_not_numbers(text):
    assert find_numbers(text) == []


def test_dates_are_found_and_marked_as_dates():
    found = find_numbers("2020年9月16日至18日,4月26日发布;一季度,2021-02-04 09:17:30")
    assert [n.text for n in found] == ["2020年9月16日", "18日", "4月26日", "一季度", "2021-02-04", "09:17:30"]
    assert all(n.is_date for n in found)
    assert not as_printed("3年").is_date and not as_printed("2025").is_date


def test_signed_is_not_about():
    assert [n.qualifier for n in find_numbers("银企签约27个重大项目,约3亿元")] == ["", "about"]


def test_recent_years_are_not_about_years():
    assert as_printed("近三年").qualifier == ""


def test_parsing_is_pure_and_deterministic():
    text = "力争2022年全社会研发经费达到140亿元,研发投入强度达到3.4%,不低于7万元、3万元"
    assert find_numbers(text) == find_numbers(text)
    assert find_numbers(text) == find_numbers(str(text))
