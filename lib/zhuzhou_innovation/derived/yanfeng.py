"""The Yanfeng chapter's arithmetic (ch-yf2020) and the comparison of Zhuzhou with Yanfeng (ch-compare).

The article prints before-and-after pairs (2015 and, the dataset infers, 2020), plan-period totals
and a few rates; it prints no GDP, no R&D spending and no population, so everything worked out
here uses only its own numbers, or sets them beside Zhuzhou's. Year spans are read from the rows'
periods (2015 to 2020 is five years; the plan period 2016/2020 is five years), never typed.
"""

from __future__ import annotations

from typing import Any

from .. import peers
from ..periods import PERIOD
from ..quantities import NotAvailable, Term, derived

YF = "ch-yf2020"
CMP = "ch-compare"

# The article's before-and-after pairs: (2015 row, 2020 row, the quantity of the change). A change
# of a percentage is a difference in points; of a count or an amount, a multiple.
PAIRS = (
    ("yf2020-003", "yf2020-004", "yf-high-tech-enterprises-multiple"),
    ("yf2020-005", "yf2020-006", "yf-rd-intensity-rise"),
    ("yf2020-007", "yf2020-008", "yf-high-tech-share-rise"),
    ("yf2020-032", "yf2020-033", "yf-cluster-output-multiple"),
    ("yf2020-035", "yf2020-036", "yf-cluster-profits-multiple"),
)
_END_YEAR_EN = "The article prints no year for the end point; the dataset reads it as 2020."
_END_YEAR_ZH = "原文未写终点年份，数据集按2020年处理。"
_MULTIPLE: dict[str, Any] = {
    "formula_en": "2020 level ÷ 2015 level",
    "formula_zh": "2020年水平 ÷ 2015年水平",
    "caveat_en": _END_YEAR_EN,
    "caveat_zh": _END_YEAR_ZH,
}
_RISE: dict[str, Any] = {"formula_en": "2020 level − 2015 level", "formula_zh": "2020年水平 − 2015年水平"}


def _years(period: str) -> tuple[int, int]:
    """First and last calendar year of a period ('2015' gives 2015, 2015; '2016/2020' 2016, 2020)."""
    m = PERIOD.match(period)
    if not m or m.group(2) or m.group(3) or m.group(4):
        raise NotAvailable(f"period {period!r} is not a year or a span of years")
    return int(m.group(1)), int(m.group(5) or m.group(1))


def years_between(r, before: str, after: str) -> int:
    """Whole years from one row's year to another's (2015 to 2020: 5)."""
    return _years(r.row(after).period)[1] - _years(r.row(before).period)[1]


def span_years(r, row_id: str) -> int:
    """How many calendar years a row's period covers (2016/2020: 5)."""
    first, last = _years(r.row(row_id).period)
    return last - first + 1


def _count(ids, what: str) -> Term:
    """A count whose inputs are the rows counted (listed on the derived-numbers page)."""
    ids = tuple(dict.fromkeys(ids))
    return Term(float(len(ids)), float(len(ids)), float(len(ids)), ids, f"count of {what}")


def _yanfeng_rows(r):
    obs = r.ds.observations
    rows = obs[obs.source == "yf2020"]
    if rows.empty:
        raise NotAvailable("no rows of source 'yf2020'")
    return rows


# ---- ch-yf2020: the article's pairs and totals ----------------------------------------------


@derived(
    "yf-high-tech-enterprises-multiple",
    unit="times",
    explained_in=YF,
    **_MULTIPLE,
    en="High-tech enterprises in Yanfeng, 2020 as a multiple of 2015",
    zh="雁峰区高新技术企业数，2020年为2015年的倍数",
)
def _hte_multiple(r):
    return r["yf2020-004"] / r["yf2020-003"]


@derived(
    "yf-rd-intensity-rise",
    unit="pp",
    explained_in=YF,
    **_RISE,
    en="Rise of Yanfeng's R&D intensity, 2015 to 2020",
    zh="雁峰区研发投入强度的提高（2015—2020年）",
    caveat_en="The 2015 intensity is printed as under 1% (不足1%), so the rise is a lower bound.",
    caveat_zh="2015年强度原文为“不足1%”，因此提高幅度只是下限。",
)
def _rd_rise(r):
    return r["yf2020-006"] - r["yf2020-005"]


@derived(
    "yf-high-tech-share-rise",
    unit="pp",
    explained_in=YF,
    **_RISE,
    caveat_en=_END_YEAR_EN,
    caveat_zh=_END_YEAR_ZH,
    en="Rise of Yanfeng's high-tech share of GDP, 2015 to 2020",
    zh="雁峰区高新技术产业增加值占地区生产总值比重的提高（2015—2020年）",
)
def _ht_rise(r):
    return r["yf2020-008"] - r["yf2020-007"]


@derived(
    "yf-cluster-output-multiple",
    unit="times",
    digits=2,
    explained_in=YF,
    **_MULTIPLE,
    en="Output of Yanfeng's power equipment cluster, 2020 as a multiple of 2015",
    zh="雁峰区输变电产业集群产值，2020年为2015年的倍数",
)
def _output_multiple(r):
    return r["yf2020-033"] / r["yf2020-032"]


@derived(
    "yf-cluster-profits-multiple",
    unit="times",
    digits=2,
    explained_in=YF,
    **_MULTIPLE,
    en="Profits and taxes of the cluster, 2020 as a multiple of 2015",
    zh="输变电产业集群利税，2020年为2015年的倍数",
)
def _profits_multiple(r):
    return r["yf2020-036"] / r["yf2020-035"]


@derived(
    "yf-high-tech-enterprises-yearly-growth",
    unit="pct",
    explained_in=YF,
    en="Average yearly growth of Yanfeng's high-tech enterprises, 2015 to 2020",
    zh="雁峰区高新技术企业数年均增长率（2015—2020年）",
    formula_en="(2020 count ÷ 2015 count) to the power 1 ÷ years − 1, × 100",
    formula_zh="（2020年数 ÷ 2015年数）的（1 ÷ 年数）次方 − 1，× 100",
)
def _hte_yearly(r):
    return (
        (r["yf2020-004"] / r["yf2020-003"]) ** (1 / years_between(r, "yf2020-003", "yf2020-004")) - 1
    ) * 100


@derived(
    "yf-cluster-output-yearly-growth",
    unit="pct",
    explained_in=YF,
    en="Average yearly growth of the power equipment cluster's output, 2015 to 2020",
    zh="输变电产业集群产值年均增长率（2015—2020年）",
    formula_en="(2020 output ÷ 2015 output) to the power 1 ÷ years − 1, × 100",
    formula_zh="（2020年产值 ÷ 2015年产值）的（1 ÷ 年数）次方 − 1，× 100",
)
def _output_yearly(r):
    return (
        (r["yf2020-033"] / r["yf2020-032"]) ** (1 / years_between(r, "yf2020-032", "yf2020-033")) - 1
    ) * 100


@derived(
    "yf-cluster-margin-2015",
    unit="pct",
    digits=2,
    explained_in=YF,
    en="The cluster's profits and taxes per yuan of output, 2015",
    zh="输变电产业集群利税占产值比重（2015年）",
    formula_en="profits and taxes ÷ output × 100",
    formula_zh="利税 ÷ 产值 × 100",
)
def _margin_2015(r):
    return r["yf2020-035"] / r["yf2020-032"] * 100


@derived(
    "yf-cluster-margin-2020",
    unit="pct",
    digits=2,
    explained_in=YF,
    en="The cluster's profits and taxes per yuan of output, 2020",
    zh="输变电产业集群利税占产值比重（2020年）",
    formula_en="profits and taxes ÷ output × 100",
    formula_zh="利税 ÷ 产值 × 100",
)
def _margin_2020(r):
    return r["yf2020-036"] / r["yf2020-033"] * 100


@derived(
    "yf-cluster-margin-fall-least",
    unit="pp",
    digits=2,
    explained_in=YF,
    en="The least fall of the cluster's profits and taxes per yuan of output that the printed levels allow",
    zh="按原文水平值的取整范围，利税占产值比重至少下降的幅度",
    formula_en="the lower end of (2015 share − 2020 share), each level taken anywhere in the range its "
    "rounded print stands for (3亿 for 2.5亿 to 3.5亿)",
    formula_zh="（2015年比重 − 2020年比重）的下限，"
    "各水平值取其取整原文所代表范围内的任意值（3亿元即2.5亿至3.5亿元）",
)
def _margin_fall(r):
    fall = r.q("yf-cluster-margin-2015") - r.q("yf-cluster-margin-2020")
    # The range, not the point: the rounded levels (3亿, 5亿) allow a wide spread, and the claim
    # that the margin fell must survive its least favourable end.
    least = fall.lo
    return Term(least, least, float("inf"), fall.inputs, f"lower end of {fall.shown}")


@derived(
    "yf-tech-contract-turnover-per-year",
    unit="100m_cny",
    explained_in=YF,
    en="Yanfeng's technology-contract turnover per year of the plan period, on average",
    zh="雁峰区“十三五”期间技术合同交易登记额年均值",
    formula_en="the plan-period total ÷ the years the period covers",
    formula_zh="“十三五”期间累计额 ÷ 期间年数",
    caveat_en="The article prints the total as cumulative (累计) without its years; the dataset reads "
    "them as the plan period 2016–20.",
    caveat_zh="原文称“累计”而未写起止年份，数据集按“十三五”（2016—2020年）处理。",
)
def _tc_per_year(r):
    return r["yf2020-017"] / span_years(r, "yf2020-017")


@derived(
    "yf-invention-patents-2019-implied",
    unit="count",
    explained_in=YF,
    en="New invention patents in Yanfeng in 2019, implied",
    zh="推算的雁峰区2019年新增发明专利数",
    formula_en="new invention patents in 2020 ÷ (1 + their growth ÷ 100)",
    formula_zh="2020年新增发明专利 ÷（1 + 同比增幅 ÷ 100）",
)
def _patents_2019(r):
    return r["yf2020-026"] / (1 + r["yf2020-027"] / 100)


@derived(
    "yf-rows",
    unit="count",
    explained_in=YF,
    en="Numbers the Yanfeng article prints that the dataset records",
    zh="数据集记录的雁峰区文章数字个数",
    formula_en="count of the article's rows",
    formula_zh="该文的数字行个数",
)
def _rows(r):
    return _count(_yanfeng_rows(r).id, "the article's rows")


@derived(
    "yf-rows-plan-period",
    unit="count",
    explained_in=YF,
    en="Numbers in the Yanfeng article read as totals over the plan period",
    zh="雁峰区文章中按“十三五”期间累计处理的数字个数",
    formula_en="count of the article's rows whose period is the span the article covers (2016/2020)",
    formula_zh="时期为该文所涵盖期间（2016/2020）的数字行个数",
)
def _rows_span(r):
    rows = _yanfeng_rows(r)
    covers = r.ds.sources.set_index("id").covers["yf2020"]
    return _count(rows[rows.period == covers].id, "the article's rows over the plan period")


@derived(
    "yf-rows-year-printed",
    unit="count",
    explained_in=YF,
    en="Numbers in the Yanfeng article whose year the passage prints",
    zh="雁峰区文章中引文写明年份的数字个数",
    formula_en="count of the article's rows whose quote contains the year of their period",
    formula_zh="引文含有其时期年份的数字行个数",
)
def _rows_dated(r):
    rows = _yanfeng_rows(r)
    dated = [i for i, p, q in zip(rows.id, rows.period, rows.quote, strict=False) if p[:4] in q]
    return _count(dated, "the article's rows whose quote prints their year")


# ---- ch-compare: Zhuzhou beside Yanfeng ----------------------------------------------------


def _measures(r):
    return peers.comparable(r.ds, "yanfeng", "zhuzhou")


@derived(
    "compare-indicators-both",
    unit="count",
    explained_in=CMP,
    en="Indicators the data record for both Yanfeng and Zhuzhou",
    zh="雁峰区与株洲市均有记录的指标数",
    formula_en="count of the indicators with a row for each place, of any kind",
    formula_zh="两地各有至少一行（任何类型）的指标个数",
)
def _both(r):
    ids = peers.shared_indicators(r.ds, "yanfeng", "zhuzhou")
    rows = r.ds.observations[
        r.ds.observations.indicator.isin(ids) & r.ds.observations.region.isin(["yanfeng", "zhuzhou"])
    ]
    return Term(float(len(ids)), float(len(ids)), float(len(ids)), tuple(rows.id), "count of the indicators")


@derived(
    "compare-measures-shared",
    unit="count",
    explained_in=CMP,
    en="Measures reported for both places (not targets; same kind, unit and denominator)",
    zh="两地均有报告的同一口径指标数（不含目标；类型、单位、分母相同）",
    formula_en="count of the measures both places report",
    formula_zh="两地均有报告的口径个数",
)
def _shared(r):
    m = _measures(r)
    ids = [i for t in (*m.ids_a, *m.ids_b) for i in t]
    return Term(float(len(m)), float(len(m)), float(len(m)), tuple(ids), "count of the measures")


@derived(
    "compare-ratios",
    unit="count",
    explained_in=CMP,
    en="Shared measures that are ratios (they do not grow with the size of a place)",
    zh="共有口径中属于比率的个数（不随地区规模变化）",
    formula_en="count of the shared measures in percent or per head",
    formula_zh="以百分比或人均计的共有口径个数",
)
def _ratios(r):
    m = _measures(r)
    m = m[m.verdict == "ratio"]
    ids = [i for t in (*m.ids_a, *m.ids_b) for i in t]
    return Term(float(len(m)), float(len(m)), float(len(m)), tuple(ids), "count of the ratios")


@derived(
    "compare-rd-intensity-gap",
    unit="pp",
    explained_in=CMP,
    en="Zhuzhou's R&D intensity (2021) less Yanfeng's (2020)",
    zh="株洲市（2021年）与雁峰区（2020年）研发投入强度之差",
    formula_en="Zhuzhou 2021 − Yanfeng 2020",
    formula_zh="株洲市2021年 − 雁峰区2020年",
    caveat_en="One year apart, and Zhuzhou's 2021 figure may be 2020's ratio (see the trends chapter).",
    caveat_zh="两者相差一年，且株洲2021年的数字可能是2020年的比率（见趋势一章）。",
)
def _rd_gap(r):
    return r["zz2021-037"] - r["yf2020-006"]


@derived(
    "compare-high-tech-share-gap",
    unit="pp",
    explained_in=CMP,
    en="Yanfeng's high-tech share of GDP (2020) less Zhuzhou's (2022)",
    zh="雁峰区（2020年）与株洲市（2022年）高新技术产业增加值占地区生产总值比重之差",
    formula_en="Yanfeng 2020 − Zhuzhou 2022",
    formula_zh="雁峰区2020年 − 株洲市2022年",
)
def _ht_gap(r):
    return r["yf2020-008"] - r["zz2022-005"]


@derived(
    "compare-patents-multiple",
    unit="times",
    digits=2,
    explained_in=CMP,
    en="Zhuzhou's invention patents per head (2021) as a multiple of Yanfeng's (2020)",
    zh="株洲市（2021年）每万人发明专利拥有量为雁峰区（2020年）的倍数",
    formula_en="Zhuzhou 2021 ÷ Yanfeng 2020",
    formula_zh="株洲市2021年 ÷ 雁峰区2020年",
)
def _patents_multiple(r):
    return r["zz2021-047"] / r["yf2020-028"]


@derived(
    "zz-high-tech-enterprises-2020-implied",
    unit="count",
    explained_in=CMP,
    en="Zhuzhou's high-tech enterprises in 2020, implied",
    zh="推算的株洲市2020年高新技术企业数",
    formula_en="the 2021 count ÷ (1 + its growth ÷ 100)",
    formula_zh="2021年数 ÷（1 + 增幅 ÷ 100）",
    caveat_en="The 2021 count is printed as a bound (超过), so the 2020 count is one too.",
    caveat_zh="2021年数原文为“超过”，因此推算的2020年数也是下限。",
)
def _zz_hte_2020(r):
    return r["zz2021-012"] / (1 + r["zz2021-013"] / 100)


@derived(
    "compare-high-tech-enterprises-ratio",
    unit="times",
    digits=2,
    explained_in=CMP,
    en="Yanfeng's high-tech enterprises as a fraction of Zhuzhou's, 2020",
    zh="2020年雁峰区高新技术企业数占株洲市的比例",
    formula_en="Yanfeng's 2020 count ÷ Zhuzhou's 2020 count implied",
    formula_zh="雁峰区2020年数 ÷ 推算的株洲市2020年数",
    caveat_en="An upper bound: Zhuzhou's count is a lower bound. A district beside a whole city: a "
    "statement of size, not of performance.",
    caveat_zh="上限：株洲市的数字是下限。区与整个城市相比，只说明规模，不说明表现。",
)
def _hte_ratio(r):
    return r["yf2020-004"] / r.q("zz-high-tech-enterprises-2020-implied")


@derived(
    "compare-tech-contract-share",
    unit="pct",
    digits=2,
    explained_in=CMP,
    en="Yanfeng's plan-period technology-contract turnover as a share of Zhuzhou's in 2021 alone",
    zh="雁峰区“十三五”累计技术合同额占株洲市2021年一年的比重",
    formula_en="Yanfeng's five-year total ÷ Zhuzhou's 2021 turnover × 100",
    formula_zh="雁峰区五年累计 ÷ 株洲市2021年成交额 × 100",
)
def _tc_share(r):
    return r["yf2020-017"] / r["zz2021-044"] * 100
