"""Quantities several chapters use: what the sources imply about GDP and R&D spending, which they
never print. Each is explained once, in the chapter named by `explained_in`."""

from __future__ import annotations

from ..quantities import derived


@derived(
    "gdp-2021-implied",
    unit="100m_cny",
    digits=4,
    explained_in="sc-implied-gdp",
    en="Zhuzhou's GDP in 2021, implied",
    zh="推算的株洲市2021年地区生产总值",
    formula_en="technology-contract turnover in 2021 ÷ its share of GDP",
    formula_zh="2021年技术合同成交额 ÷ 其占地区生产总值比重",
)
def _gdp_2021(r):
    return r["zz2021-044"] / r["zz2021-045"] * 100


@derived(
    "rd-spending-2021-implied",
    unit="100m_cny",
    explained_in="sc-implied-rd",
    en="Zhuzhou's R&D spending in 2021, implied",
    zh="推算的株洲市2021年研发经费投入",
    formula_en="R&D intensity in 2021 × the GDP implied for 2021",
    formula_zh="2021年研发投入强度 × 推算的2021年地区生产总值",
    caveat_en="The 2021 review prints R&D intensity in March 2022, before the year's statistics "
    "were final: the 3.27% may be 2020's ratio, and the product mixes two years.",
    caveat_zh="2021年综述于2022年3月刊发，彼时全年统计尚未公布：3.27%可能是2020年的数据，二者相乘混合了两个年份。",
)
def _rd_2021(r):
    return r["zz2021-037"] / 100 * r.q("gdp-2021-implied")


@derived(
    "gdp-2022-plan-implied",
    unit="100m_cny",
    explained_in="sc-plan-gdp",
    en="The GDP the 2022 targets assume",
    zh="2022年目标隐含的地区生产总值",
    formula_en="R&D spending target for 2022 ÷ R&D intensity target for 2022",
    formula_zh="2022年研发投入目标 ÷ 2022年研发投入强度目标",
)
def _gdp_2022_plan(r):
    return r["zz2021-039"] / r["zz2021-040"] * 100


@derived(
    "gdp-2025-plan-implied",
    unit="100m_cny",
    explained_in="sc-plan-gdp",
    en="The GDP the 2025 targets assume",
    zh="2025年目标隐含的地区生产总值",
    formula_en="R&D spending target for 2025 ÷ R&D intensity target for 2025",
    formula_zh="2025年研发投入目标 ÷ 2025年研发投入强度目标",
)
def _gdp_2025_plan(r):
    return r["zz2025-001"] / r["zz2025-002"] * 100
