"""The arithmetic of the 2021 review (ch-zz2021) and the first-quarter page of 2022 (ch-zz2022q1).

Each number these two chapters work out from the printed ones, and no other chapter defines, is
here once: the share of national and provincial platforms, the steps from 2021 to the 2022 targets,
the first quarter's tech SMEs against the year, the certification subsidies, the 2020 base of the
R&D statistics, R&D personnel per enterprise, basic research against R&D spending. The GDP and R&D
spending the sources imply are in `common`; the rises the 2022 R&D goals ask for, the platforms
below provincial level and the readings of the suspect R&D personnel in `source_checks`; the
scorecard counts of the 2021 goals and the subsidy per firm in `reports_2022_2025`.
"""

from __future__ import annotations

from ..plausibility import proposed_places
from ..quantities import NotAvailable, derived

# A year has four quarters: the pace of the first quarter of 2022 kept up all year.
QUARTERS = 4


# ---- The 2021 review (ch-zz2021) ---------------------------------------------------------------


@derived(
    "zz2021-platforms-national-provincial-share",
    unit="pct",
    explained_in="ch-zz2021",
    en="National and provincial platforms as a share of all, 2021",
    zh="国家级和省级平台占各类平台的比重（2021年）",
    formula_en="(national + provincial platforms) ÷ platforms of all levels × 100",
    formula_zh="（国家级 + 省级平台数）÷ 各类平台数 × 100",
)
def _platforms_share(r):
    return (r["zz2021-006"] + r["zz2021-007"]) / r["zz2021-005"] * 100


@derived(
    "zz2021-rd-intensity-step-2022",
    unit="pp",
    explained_in="ch-zz2021",
    en="Rise in R&D intensity the 2022 target asks for",
    zh="2022年目标要求的研发投入强度提高幅度",
    formula_en="R&D intensity target for 2022 − R&D intensity in 2021",
    formula_zh="2022年研发投入强度目标 − 2021年研发投入强度",
    caveat_en="The 3.27% was printed in March 2022, before 2021's R&D statistics were final: if it is "
    "2020's ratio, this step spans two years, not one.",
    caveat_zh="3.27%于2022年3月刊发，彼时2021年研发统计尚未公布；若为2020年数据，则此增幅跨越两年而非一年。",
)
def _rdi_step(r):
    return r["zz2021-040"] - r["zz2021-037"]


@derived(
    "zz2021-high-tech-enterprises-step-2022",
    unit="count",
    explained_in="ch-zz2021",
    en="High-tech enterprises to add for the 2022 target",
    zh="实现2022年目标需新增的高新技术企业数",
    formula_en="high-tech enterprises targeted for 2022 − high-tech enterprises in 2021",
    formula_zh="2022年高新技术企业目标数 − 2021年高新技术企业数",
    caveat_en="The 2021 count is printed as a bound (超过900家, over 900), so the step is one too: "
    "at most this many.",
    caveat_zh="2021年数字为下限（超过900家），故所需增量为上限。",
)
def _hte_step(r):
    return r["zz2021-049"] - r["zz2021-012"]


@derived(
    "zz2021-high-tech-va-growth-step-2022",
    unit="pp",
    explained_in="ch-zz2021",
    en="How much faster high-tech value added is to grow in 2022 than in 2021",
    zh="2022年高新技术产业增加值目标增速高于2021年增速的幅度",
    formula_en="growth target for 2022 − growth in 2021",
    formula_zh="2022年目标增速 − 2021年增速",
)
def _htva_step(r):
    return r["zz2021-051"] - r["zz2021-016"]


# Targets of the 2021 review with a 2021 figure to step from: target row -> (base, step).
# Read by `tables.zz2021_targets`; the steps are the quantities above or, where the source checks
# (derived/source_checks.py) already define them, theirs.
STEPS_TO_2022 = {
    "zz2021-039": ("rd-spending-2021-implied", "rd-spending-2022-goal-rise"),
    "zz2021-040": ("zz2021-037", "zz2021-rd-intensity-step-2022"),
    "zz2021-042": ("zz2021-044", "tech-contract-2022-goal-rise"),
    "zz2021-049": ("zz2021-012", "zz2021-high-tech-enterprises-step-2022"),
    "zz2021-051": ("zz2021-016", "zz2021-high-tech-va-growth-step-2022"),
}


# ---- The first quarter of 2022 (ch-zz2022q1) ---------------------------------------------------


@derived(
    "zz2022q1-tech-smes-share-recomputed",
    unit="pct",
    explained_in="ch-zz2022q1",
    en="Technology SMEs registered in Q1 2022 as a share of the year's target, recomputed",
    zh="2022年一季度科技型中小企业入库数占全年目标的比重（复算）",
    formula_en="registered in Q1 2022 ÷ target for 2022 × 100",
    formula_zh="一季度入库数 ÷ 2022年目标 × 100",
)
def _q1_share(r):
    return r["zz2022q1-006"] / r["zz2022q1-005"] * 100


@derived(
    "zz2022q1-tech-smes-to-go",
    unit="count",
    explained_in="ch-zz2022q1",
    en="Technology SMEs still to register after Q1 2022 for the year's target",
    zh="一季度后完成2022年目标尚需入库的科技型中小企业数",
    formula_en="target for 2022 − registered in Q1 2022",
    formula_zh="2022年目标 − 一季度入库数",
)
def _q1_to_go(r):
    return r["zz2022q1-005"] - r["zz2022q1-006"]


@derived(
    "zz2022q1-tech-smes-rest-of-year",
    unit="count",
    explained_in="ch-zz2022q1",
    en="Technology SMEs registered from April to December 2022",
    zh="2022年4月至12月入库的科技型中小企业数",
    formula_en="registered in all of 2022 − registered in Q1 2022",
    formula_zh="2022年全年入库数 − 一季度入库数",
    caveat_en="Two reports: the year's count is the 2022 review's, the quarter's the April page's.",
    caveat_zh="全年数取自2022年回眸，一季度数取自4月的报道。",
)
def _rest_of_year(r):
    return r["zz2022-024"] - r["zz2022q1-006"]


@derived(
    "zz2022q1-tech-smes-share-of-year",
    unit="pct",
    explained_in="ch-zz2022q1",
    en="Q1 2022's share of the year's technology SME registrations",
    zh="一季度入库数占2022年全年入库数的比重",
    formula_en="registered in Q1 2022 ÷ registered in all of 2022 × 100",
    formula_zh="一季度入库数 ÷ 2022年全年入库数 × 100",
)
def _share_of_year(r):
    return r["zz2022q1-006"] / r["zz2022-024"] * 100


@derived(
    "zz2022q1-tech-smes-year-vs-target",
    unit="pct",
    explained_in="ch-zz2022q1",
    en="Technology SMEs registered in 2022 as a percentage of the year's target",
    zh="2022年科技型中小企业入库数占全年目标的百分比",
    formula_en="registered in all of 2022 ÷ target for 2022 × 100",
    formula_zh="2022年全年入库数 ÷ 2022年目标 × 100",
)
def _year_vs_target(r):
    return r["zz2022-024"] / r["zz2022q1-005"] * 100


@derived(
    "zz2022q1-tech-smes-at-q1-pace",
    unit="count",
    explained_in="ch-zz2022q1",
    en="Technology SMEs 2022 would have registered at the pace of its first quarter",
    zh="按一季度速度推算的2022年全年科技型中小企业入库数",
    formula_en="registered in Q1 2022 × four quarters",
    formula_zh="一季度入库数 × 4个季度",
)
def _at_q1_pace(r):
    return r["zz2022q1-006"] * QUARTERS


@derived(
    "hte-first-certification-subsidy-total",
    unit="100m_cny",
    explained_in="ch-zz2022q1",
    en="Subsidy per enterprise certified high-tech for the first time, city and county together (at least)",
    zh="首次认定的高新技术企业每家获得的市县两级补助合计（下限）",
    formula_en="city subsidy + county or district subsidy, first certification",
    formula_zh="市级补助 + 县区补助（首次认定）",
)
def _first_total(r):
    return r["zz2022q1-009"] + r["zz2022q1-011"]


@derived(
    "hte-recertification-subsidy-total",
    unit="100m_cny",
    explained_in="ch-zz2022q1",
    en="Subsidy per enterprise re-certified high-tech, city and county together (at least)",
    zh="重新认定的高新技术企业每家获得的市县两级补助合计（下限）",
    formula_en="city subsidy + county or district subsidy, re-certification",
    formula_zh="市级补助 + 县区补助（重新认定）",
)
def _re_total(r):
    return r["zz2022q1-010"] + r["zz2022q1-012"]


@derived(
    "hte-subsidy-floor-2022",
    unit="100m_cny",
    explained_in="ch-zz2022q1",
    en="Certification subsidies owed for 2022's new high-tech enterprises, at least",
    zh="2022年新增高新技术企业应得认定补助（下限）",
    formula_en="new high-tech enterprises in 2022 × first-certification subsidy (city and county)",
    formula_zh="2022年新增高新技术企业数 × 首次认定补助（市县合计）",
    caveat_en="A lower bound, and an estimate: it assumes every new enterprise was certified for the first "
    "time; no report prints what was paid.",
    caveat_zh="为下限估算：假定新增企业均为首次认定；各报道均未载实际支付额。",
)
def _subsidy_floor(r):
    return r["zz2022-025"] * r.q("hte-first-certification-subsidy-total")


@derived(
    "zz2022q1-risk-fund-share-of-loan-target",
    unit="pct",
    explained_in="ch-zz2022q1",
    en="The high-tech zone's loan risk fund as a share of the city's 2022 lending target",
    zh="高新区知识价值信用贷款风险补偿基金占全市2022年贷款目标的比重",
    formula_en="risk-compensation fund ÷ knowledge-value lending target for 2022 × 100",
    formula_zh="风险补偿基金规模 ÷ 2022年知识价值信用贷款目标 × 100",
)
def _fund_share(r):
    return r["zz2022q1-013"] / r["zz2021-043"] * 100


@derived(
    "rd-reporting-enterprises-2020-implied",
    unit="count",
    explained_in="ch-zz2022q1",
    en="Enterprises in the R&D statistics in 2020, implied",
    zh="推算的2020年研发投入统入企业数",
    formula_en="enterprises in 2021 ÷ (1 + their growth ÷ 100)",
    formula_zh="2021年企业数 ÷（1 + 增幅 ÷ 100）",
)
def _firms_2020(r):
    return r["zz2022q1-014"] / (1 + r["zz2022q1-015"] / 100)


@derived(
    "rd-personnel-per-firm-2021",
    unit="count",
    explained_in="ch-zz2022q1",
    en="R&D personnel per enterprise in the R&D statistics, 2021, as printed",
    zh="按原文计算的每家研发投入统入企业的研发人员数（2021年）",
    formula_en="R&D personnel as printed ÷ enterprises in the R&D statistics",
    formula_zh="原文研发人员总量 ÷ 研发投入统入企业数",
    caveat_en="An upper bound on the enterprises' own staff: universities and institutes employ some of the "
    "personnel.",
    caveat_zh="为企业研发人员的上限：部分研发人员在高校和科研院所。",
)
def _per_firm(r):
    return r["zz2022q1-016"] / r["zz2022q1-014"]


@derived(
    "rd-personnel-2021-read",
    unit="count",
    explained_in="ch-zz2022q1",
    en="R&D personnel in 2021, read with the lost decimal place restored (3.9万)",
    zh="补回小数点后的2021年研发人员总量（3.9万）",
    formula_en="R&D personnel as printed, with the decimal point the row's note restores",
    formula_zh="按该行说明补回小数点的原文研发人员总量",
    caveat_en="A reading of a suspect print, not a printed number.",
    caveat_zh="为对存疑数字的解读，非原文数字。",
)
def _personnel_read(r):
    # the places the row's note moves the decimal point (39万 read as 3.9万), as the source checks read it
    try:
        places = proposed_places(r.ds, "zz2022q1-016")
    except LookupError as exc:
        raise NotAvailable(str(exc)) from None
    return r["zz2022q1-016"] / 10**places


@derived(
    "rd-personnel-per-firm-2021-read",
    unit="count",
    explained_in="ch-zz2022q1",
    en="R&D personnel per enterprise in the R&D statistics, 2021, read as 3.9万",
    zh="按3.9万计算的每家研发投入统入企业的研发人员数（2021年）",
    formula_en="R&D personnel read as 3.9万 ÷ enterprises in the R&D statistics",
    formula_zh="按3.9万计的研发人员总量 ÷ 研发投入统入企业数",
)
def _per_firm_read(r):
    return r.q("rd-personnel-2021-read") / r["zz2022q1-014"]


@derived(
    "basic-research-multiple-2021",
    unit="times",
    explained_in="ch-zz2022q1",
    en="Basic research declared for 2021 as a multiple of that certified for 2020",
    zh="2021年基础研究申报数相当于2020年认定额的倍数",
    formula_en="declared for 2021 ÷ certified for 2020",
    formula_zh="2021年申报数 ÷ 2020年认定额",
    caveat_en="Not a growth rate: a declared amount (申报数) against a certified one (认定额).",
    caveat_zh="并非增长率：申报数与认定额口径不同。",
)
def _basic_multiple(r):
    return r["zz2022q1-018"] / r["zz2022q1-019"]


@derived(
    "basic-research-share-2021-implied",
    unit="pct",
    explained_in="ch-zz2022q1",
    en="Declared basic research as a share of the R&D spending implied for 2021",
    zh="基础研究申报数占推算的2021年研发经费的比重",
    formula_en="basic research declared for 2021 ÷ R&D spending implied for 2021 × 100",
    formula_zh="2021年基础研究申报数 ÷ 推算的2021年研发经费 × 100",
    caveat_en="A declared amount against a derived statistic, whose intensity may be 2020's: an order of "
    "magnitude, not a share to quote.",
    caveat_zh="申报数与推算统计值相比，且强度可能为2020年数据：仅示量级，不宜作为比重引用。",
)
def _basic_share(r):
    return r["zz2022q1-018"] / r.q("rd-spending-2021-implied") * 100
