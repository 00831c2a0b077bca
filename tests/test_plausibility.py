"""The plausibility screen lists numbers a power of ten out of line, and a suspect's digits give every
reading a lost decimal point allows, each with its yardsticks: all on small made-up data."""

from __future__ import annotations

import pytest
from minidata import dataset, row
from zhuzhou_innovation import plausibility


@pytest.mark.parametrize(
    "printed, readings",
    [
        ("5685亿元", ["568.5亿元", "56.85亿元", "5.685亿元"]),
        ("39万人", ["3.9万人"]),
        ("32%", ["3.2%"]),
        ("1016.11亿元", ["101.611亿元", "10.1611亿元", "1.01611亿元"]),
        ("三个", []),
        ("7", []),
    ],
)
def test_a_lost_decimal_point_gives_every_reading_the_digits_allow(printed, readings):
    assert [r for _, r in plausibility.decimal_readings(printed)] == readings


def test_the_screen_lists_an_unflagged_number_ten_times_another_for_the_same_measure_and_says_why():
    ds = dataset(
        [
            row("a2021-001", "loans", "2021", 4, "100m_cny", "4亿元", kind="target"),
            row("a2022-001", "loans", "2022", 40, "100m_cny", "40亿元", kind="target"),
            row("a2022-002", "loans", "2023", 12, "100m_cny", "12亿元", kind="target"),
        ]
    )
    found = plausibility.screen(ds)
    assert list(zip(found.id, found.other_id, strict=False)) == [
        ("a2022-001", "a2021-001")
    ]  # 12 is three times 4: not listed
    assert found.ratio.iloc[0] == pytest.approx(10)
    assert "10 times" in found.reason_en.iloc[0] and "倍" in found.reason_zh.iloc[0]
    assert not found.judged.iloc[0] and found.verdict_en.iloc[0] == "To be judged."


def test_the_screen_leaves_flagged_numbers_ranks_and_other_places_alone():
    ds = dataset(
        [
            row("a2021-001", "loans", "2021", 4, "100m_cny", "4亿元"),
            row("a2022-001", "loans", "2022", 40, "100m_cny", "40亿元", flag="suspect"),
            row("a2022-002", "loans", "2022", 400, "100m_cny", "400亿元", region="district"),
            row("a2021-002", "place", "2021", 1, "rank", "第一", kind="rank"),
            row("a2022-003", "place", "2022", 35, "rank", "第35名", kind="rank"),
        ]
    )
    assert plausibility.screen(ds).empty


def test_the_screen_lists_money_above_a_fifth_of_the_gdp_a_share_implies():
    ds = dataset(
        [
            row("a2021-001", "turnover", "2021", 20, "100m_cny", "20亿元"),
            row("a2021-002", "turnover", "2021", 2, "pct", "2%", kind="share", share_of="gdp"),
            row("a2021-003", "relief", "2021", 300, "100m_cny", "300亿元"),
        ],
        units={"gdp": "100m_cny"},
    )
    found = plausibility.screen(ds)  # GDP 20 / 2% = 1,000; 300 is 30% of it
    assert list(found.other_id) == ["gdp"] and list(found.id) == ["a2021-003"]
    assert "30%" in found.reason_en.iloc[0]


def test_a_verdict_is_attached_by_the_rows_it_judges(monkeypatch):
    ds = dataset(
        [
            row("a2021-001", "loans", "2021", 4, "100m_cny", "4亿元"),
            row("a2022-001", "loans", "2022", 40, "100m_cny", "40亿元"),
        ]
    )
    monkeypatch.setitem(
        plausibility.VERDICTS, frozenset({"a2021-001", "a2022-001"}), ("A real rise.", "确有增长。")
    )
    found = plausibility.screen(ds)
    assert found.judged.iloc[0] and found.verdict_en.iloc[0] == "A real rise."


def test_the_count_an_amount_is_spread_over_is_the_nearest_before_it_in_the_same_sentence():
    text = "全年支持10家企业获补助共1亿元,20家企业获得减免共900亿元。另有5家企业。"
    ds = dataset(
        [
            row("a2022-001", "firms_a", "2022", 10, "count", "10家", "全年支持10家企业获补助共1亿元"),
            row("a2022-002", "aid", "2022", 1, "100m_cny", "1亿元", "全年支持10家企业获补助共1亿元"),
            row("a2022-003", "firms_b", "2022", 20, "count", "20家", "20家企业获得减免共900亿元"),
            row("a2022-004", "relief", "2022", 900, "100m_cny", "900亿元", "20家企业获得减免共900亿元"),
            row("a2022-005", "firms_c", "2022", 5, "count", "5家", "另有5家企业"),
        ],
        texts={"a2022": text},
    )
    assert plausibility.counted_before(ds, "a2022-004").id == "a2022-003"
    assert plausibility.counted_before(ds, "a2022-001") is None  # nothing before it
    assert plausibility.counted_before(ds, "a2022-005") is None  # the sentence before does not count


def test_each_reading_of_a_suspect_comes_with_its_yardsticks_and_the_reading_its_note_proposes():
    ds = dataset(
        [
            row("a2021-001", "rate", "2021", 3.3, "pct", "3.3%"),
            row("a2021-002", "rate", "2022", 3.5, "pct", "3.5%", kind="target"),
            row(
                "a2022-001",
                "rate",
                "2023",
                34,
                "pct",
                "34%",
                kind="target",
                flag="suspect",
                note="Probably 3.4% (lost decimal point).",
            ),
            row("a2021-003", "sums", "2021", 5.12, "100m_cny", "5.12亿元"),
        ]
    )
    r = plausibility.readings(ds).set_index("reading")
    assert list(r.index) == ["34%", "3.4%"]
    assert r.peer_ratio["34%"] == pytest.approx(34 / 3.4)  # the median of 3.3 and 3.5
    assert r.proposed["3.4%"] and not r.proposed["34%"]
    assert plausibility.proposed_places(ds, "a2022-001") == 1


def test_a_reading_with_more_decimals_than_the_sources_ever_print_is_marked():
    ds = dataset(
        [
            row("a2021-001", "sums", "2021", 12.41, "100m_cny", "12.41亿元"),
            row("a2022-001", "invest", "2022", 5685, "100m_cny", "5685亿元", flag="suspect"),
        ]
    )
    r = plausibility.readings(ds).set_index("reading")
    assert r.too_many_decimals.to_dict() == {
        "5685亿元": False,
        "568.5亿元": False,
        "56.85亿元": False,
        "5.685亿元": True,
    }
    assert "more decimals" in plausibility.yardsticks(ds, r.reset_index().iloc[3])


def test_a_suspect_whose_note_proposes_no_reading_has_no_proposed_places():
    ds = dataset(
        [row("a2022-001", "invest", "2022", 5685, "100m_cny", "5685亿元", flag="suspect", note="Odd.")]
    )
    with pytest.raises(LookupError, match="proposes no reading"):
        plausibility.proposed_places(ds, "a2022-001")
