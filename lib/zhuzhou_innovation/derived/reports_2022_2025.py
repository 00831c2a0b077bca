"""Derived numbers of the chapters on the 2022 review (ch-zz2022) and the 2025 targets (ch-zz2025).

Each is worked out from printed rows and explained in the chapter named by `explained_in`:
per-firm averages and a rank the 2022 review implies, the readings of its four lost decimal
points (taken from each row's note, never typed here), the growth its 2023 targets ask for, and
the 2025 goals set against earlier goals and the latest results.
"""

from __future__ import annotations

import math
import re

from .. import checks, scorecard
from ..narrative import unit_style
from ..quantities import Rows, Term, derived

# The 2022 review names the laboratories behind its share of Hunan's enterprise-based national key
# laboratories, one per firm; it prints no count of them (data/extraction/excluded_zz2022.md):
#   时代电气、中车株机分别获批“功率半导体集成技术”、“重载快捷大功率电力机车”全国重点实验室,
#   占全省企业全国重点实验室总量的2/3                       (data/raw/001_b34eed99662ecf5c.txt)
# The dataset records the printed share (zz2022-029); the two names give the numerator.
NAMED_LABORATORIES_2022 = ("功率半导体集成技术", "重载快捷大功率电力机车")
NAMED_LABORATORIES_QUOTE = (
    "时代电气、中车株机分别获批“功率半导体集成技术”、“重载快捷大功率电力机车”"
    "全国重点实验室,占全省企业全国重点实验室总量的2/3"
)

_READING = re.compile(r"^(\d+(?:\.\d+)?)(.*)$")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")


# ---- how a term is read --------------------------------------------------------------------


def _once(r: Rows, name: str, compute):
    """A table several definitions read (the suspects, the scorecard), computed once per evaluation."""
    memo = r.__dict__.setdefault("_reports_2022_2025", {})
    if name not in memo:
        memo[name] = compute(r.ds)
    return memo[name]


def decimal_reading(r: Rows, row_id: str) -> Term:
    """A suspect row read as its note reads it (306亿元 as 3.06亿元): the printed digits with the
    decimal point moved, exact as the digits are. The reading comes from the note
    (`checks.suspects(...).probably`); it must be the printed value divided by a power of ten."""
    term = r[row_id]
    row = r.row(row_id)
    probable = _once(r, "suspects", checks.suspects).set_index("id").probably.get(row_id, "")
    m = _READING.match(probable)
    suffix = unit_style(row.unit)["suffix_zh"]
    if not m or m.group(2) != suffix:
        raise ValueError(f"{row_id}: the note's reading {probable!r} is not a number in {suffix!r}")
    reading = float(m.group(1))
    shift = round(math.log10(term.value / reading))
    if shift < 1 or not math.isclose(reading * 10**shift, term.value, rel_tol=1e-9):
        raise ValueError(f"{row_id}: {probable} is not {term.value:g} with its decimal point moved")
    divided = term / 10**shift
    return Term(divided.value, divided.value, divided.value, divided.inputs, divided.shown, divided.prec)


def printed_fraction(r: Rows, row_id: str) -> Term:
    """A share the source prints as a fraction, as that exact fraction: 2/3, not 66.665–66.675%."""
    m = _FRACTION.match(r.row(row_id).as_printed)
    if not m:
        raise ValueError(f"{row_id}: {r.row(row_id).as_printed!r} is not printed as a fraction")
    exact = int(m.group(1)) / int(m.group(2))
    return Term(exact, exact, exact, r[row_id].inputs, f"{m.group(1)}/{m.group(2)}", 2)


def at_most(term: Term) -> Term:
    """A result whose only firm side is its top: a target over a stock printed as 'over X' asks
    for at most this much growth (the stock may have been larger)."""
    return Term(term.value, -math.inf, term.hi, term.inputs, term.shown, term.prec)


def floor_of(term: Term) -> Term:
    """The number a bound names, as a number: the floor of 'over 120' is 120."""
    return Term(term.value, term.value, term.value, term.inputs, term.shown, term.prec)


def years_between(r: Rows, earlier: str, later: str) -> Term:
    """The years from one row's period to another's (2022 to 2025: 3), from the data, not typed."""
    return Term.of(int(r.row(later).period[:4]) - int(r.row(earlier).period[:4]))


def _count(names: tuple[str, ...], n: int, shown: str) -> Term:
    """A count as a term that names what it counted."""
    return Term(float(n), float(n), float(n), names, shown)


# ---- chapter ch-zz2022: the 2022 review and the plan for 2023 -------------------------------


@derived(
    "zz2022-suspects",
    unit="count",
    explained_in="ch-source-checks",
    en="Numbers of the 2022 review flagged as suspect",
    zh="2022年回眸中标为存疑的数字",
    formula_en="rows of the 2022 review flagged suspect, counted",
    formula_zh="2022年回眸中标为存疑的行数",
)
def _zz2022_suspects(r):
    obs = r.ds.observations
    ids = tuple(obs[(obs.source == "zz2022") & (obs.flag == "suspect")].id)
    return _count(ids, len(ids), "flagged rows of the 2022 review")


@derived(
    "innovative-city-rank-previous",
    unit="rank",
    explained_in="ch-zz2022",
    en="Zhuzhou's place in the previous national innovative-city ranking, implied",
    zh="推算的株洲在上一期全国创新型城市排名中的位次",
    formula_en="place in 2022 + places climbed",
    formula_zh="2022年位次 + 提升位数",
)
def _rank_before(r):
    return r["zz2022-008"] + r["zz2022-007"]


@derived(
    "subsidy-per-firm-2022",
    unit="100m_cny",
    explained_in="ch-zz2022",
    en="Provincial R&D subsidy per firm, 2022",
    zh="2022年每家企业平均获得的省研发奖补资金",
    formula_en="provincial R&D subsidies ÷ firms subsidised",
    formula_zh="省研发奖补资金 ÷ 获补企业数",
)
def _subsidy_2022(r):
    return r["zz2022-010"] / r["zz2022-009"]


@derived(
    "subsidy-per-firm-2021",
    unit="100m_cny",
    explained_in="ch-zz2022",
    en="Provincial R&D subsidy per firm, 2021",
    zh="2021年每家企业平均获得的省研发奖补资金",
    formula_en="provincial R&D subsidies ÷ firms subsidised",
    formula_zh="省研发奖补资金 ÷ 获补企业数",
    caveat_en="The 2021 review counts firms with provincial R&D reserve filings, the 2022 review "
    "technology SMEs: the two averages are over different sets of firms.",
    caveat_zh="2021年统计的是省研发准备金备案企业，2022年统计的是科技型中小企业，两个平均数的企业范围不同。",
)
def _subsidy_2021(r):
    return r["zz2021-018"] / r["zz2021-017"]


@derived(
    "deduction-per-firm-2022",
    unit="100m_cny",
    explained_in="ch-zz2022",
    en="R&D super-deduction tax benefit per firm, 2022",
    zh="2022年每家企业平均享受的研发费用加计扣除税收优惠",
    formula_en="tax benefit of the R&D super-deduction ÷ firms",
    formula_zh="研发费用加计扣除税收优惠 ÷ 企业数",
)
def _deduction(r):
    return r["zz2022-012"] / r["zz2022-011"]


@derived(
    "key-tech-project-funds-2022",
    unit="100m_cny",
    explained_in="ch-zz2022",
    en="Fiscal support to the provincial major technology-tackling projects, 2022, in all",
    zh="2022年省重大技术攻关项目获得的财政资金合计",
    formula_en="projects × support per project",
    formula_zh="项目数 × 每个项目的财政资金",
)
def _tackling(r):
    return r["zz2022-022"] * r["zz2022-023"]


@derived(
    "turnover-per-contract-2022",
    unit="100m_cny",
    explained_in="ch-zz2022",
    en="Technology-contract turnover per registered contract, 2022",
    zh="2022年每件登记技术合同的平均成交额",
    formula_en="technology-contract turnover ÷ registered contracts",
    formula_zh="技术合同交易额 ÷ 登记技术合同数",
)
def _per_contract(r):
    return r["zz2022-038"] / r["zz2022-037"]


@derived(
    "hunan-enterprise-key-laboratories",
    unit="count",
    explained_in="ch-zz2022",
    en="Enterprise-based national key laboratories in Hunan, implied",
    zh="推算的湖南省企业全国重点实验室总数",
    formula_en="the laboratories the review names ÷ their printed share of the province's total",
    formula_zh="回眸点名的实验室数 ÷ 其占全省总量的比重",
)
def _labs(r):
    return Term.of(len(NAMED_LABORATORIES_2022)) / printed_fraction(r, "zz2022-029")


@derived(
    "reading-zz2022-047",
    digits=4,
    unit="pct",
    explained_in="ch-source-checks",
    en="The 2023 base goal for R&D intensity, read with its decimal point",
    zh="2023年研发投入强度基本目标（补回小数点）",
    formula_en="the printed value with the decimal point the row's note restores",
    formula_zh="按该行说明补回小数点后的原文数值",
)
def _read_047(r):
    return decimal_reading(r, "zz2022-047")


@derived(
    "reading-zz2022-014",
    digits=4,
    unit="100m_cny",
    explained_in="ch-source-checks",
    en="Income-tax relief of high-tech enterprises, 2022, read with its decimal point",
    zh="2022年高新技术企业所得税减免（补回小数点）",
    formula_en="the printed value with the decimal point the row's note restores",
    formula_zh="按该行说明补回小数点后的原文数值",
)
def _read_014(r):
    return decimal_reading(r, "zz2022-014")


@derived(
    "reading-zz2022-017",
    digits=4,
    unit="100m_cny",
    explained_in="ch-source-checks",
    en="Knowledge-value credit loans, 2022, read with its decimal point",
    zh="2022年知识价值信用贷款（补回小数点）",
    formula_en="the printed value with the decimal point the row's note restores",
    formula_zh="按该行说明补回小数点后的原文数值",
)
def _read_017(r):
    return decimal_reading(r, "zz2022-017")


@derived(
    "reading-zz2022-036",
    digits=4,
    unit="100m_cny",
    explained_in="ch-source-checks",
    en="Investment leveraged by the transformation funds, 2022, read with its decimal point",
    zh="2022年科技成果转化基金带动投资（补回小数点）",
    formula_en="the printed value with the decimal point the row's note restores",
    formula_zh="按该行说明补回小数点后的原文数值",
)
def _read_036(r):
    return decimal_reading(r, "zz2022-036")


@derived(
    "relief-to-deduction-as-printed",
    unit="times",
    explained_in="ch-zz2022",
    en="Income-tax relief as printed, as a multiple of the R&D deduction beside it",
    zh="按原文的所得税减免相当于同句研发费用加计扣除的倍数",
    formula_en="income-tax relief as printed ÷ R&D super-deduction benefit",
    formula_zh="原文所得税减免 ÷ 研发费用加计扣除税收优惠",
)
def _relief_ratio(r):
    return r["zz2022-014"] / r["zz2022-012"]


@derived(
    "loans-to-goal-as-printed",
    unit="times",
    explained_in="ch-zz2022",
    en="Knowledge-value loans of 2022 as printed, as a multiple of the year's goal",
    zh="按原文的2022年知识价值信用贷款相当于当年目标的倍数",
    formula_en="loans of 2022 as printed ÷ goal for 2022",
    formula_zh="原文2022年贷款额 ÷ 2022年目标",
)
def _loans_ratio(r):
    return r["zz2022-017"] / r["zz2021-043"]


@derived(
    "loans-2023-goal-share-as-printed",
    unit="times",
    explained_in="ch-zz2022",
    en="The 2023 loan goal as a fraction of 2022's loans as printed",
    zh="2023年知识价值信用贷款目标相当于原文2022年贷款额的比例",
    formula_en="goal for 2023 ÷ loans of 2022 as printed",
    formula_zh="2023年目标 ÷ 原文2022年贷款额",
)
def _loans_2023_printed(r):
    return floor_of(r["zz2022-057"]) / r["zz2022-017"]


@derived(
    "loans-2022-reading-of-goal",
    unit="pct",
    explained_in="ch-zz2022",
    en="Knowledge-value loans of 2022, read with the decimal point, as a share of the goal",
    zh="补回小数点后的2022年知识价值信用贷款占当年目标的比重",
    formula_en="loans of 2022 (reading) ÷ goal for 2022 × 100",
    formula_zh="2022年贷款额（补回小数点）÷ 2022年目标 × 100",
)
def _loans_of_goal(r):
    return r.q("reading-zz2022-017") / r["zz2021-043"] * 100


@derived(
    "loans-2023-goal-to-2022-reading",
    unit="times",
    explained_in="ch-zz2022",
    en="The 2023 loan goal as a multiple of 2022's loans, read with the decimal point",
    zh="2023年知识价值信用贷款目标相当于2022年贷款额（补回小数点）的倍数",
    formula_en="goal for 2023 ÷ loans of 2022 (reading)",
    formula_zh="2023年目标 ÷ 2022年贷款额（补回小数点）",
)
def _loans_2023(r):
    return r["zz2022-057"] / r.q("reading-zz2022-017")


@derived(
    "hte-2023-target-growth",
    unit="pct",
    explained_in="ch-zz2022",
    en="Growth in high-tech enterprises the 2023 target asks for",
    zh="2023年高新技术企业目标要求的增幅",
    formula_en="(target for 2023 ÷ stock at the end of 2022 − 1) × 100",
    formula_zh="（2023年目标 ÷ 2022年末存量 − 1）× 100",
    caveat_en="The stock is printed as 'over 1,100', so the growth asked for is at most this much.",
    caveat_zh="2022年存量原文为“突破1100家”，故所需增幅至多为此数。",
)
def _hte_growth(r):
    return at_most((r["zz2022-053"] / r["zz2022-002"] - 1) * 100)


@derived(
    "tech-smes-2023-target-growth",
    unit="pct",
    explained_in="ch-zz2022",
    en="Growth in registered technology SMEs the 2023 target asks for",
    zh="2023年科技型中小企业入库目标要求的增幅",
    formula_en="(target for 2023 ÷ registered in 2022 − 1) × 100",
    formula_zh="（2023年目标 ÷ 2022年入库数 − 1）× 100",
)
def _sme_growth(r):
    return (r["zz2022-054"] / r["zz2022-024"] - 1) * 100


@derived(
    "commissioners-2023-target-growth",
    unit="pct",
    explained_in="ch-zz2022",
    en="Growth in S&T commissioners the 2023 target asks for",
    zh="2023年科技特派员目标相对2022年的增幅",
    formula_en="(newly dispatched, target for 2023 ÷ dispatched in 2022 − 1) × 100",
    formula_zh="（2023年新选派目标 ÷ 2022年选派数 − 1）× 100",
    caveat_en="The target counts newly dispatched commissioners (新选派), the 2022 figure those dispatched "
    "(选派): the comparison is loose (see ch-zz2025).",
    caveat_zh="目标计的是新选派的特派员，2022年数字计的是选派的特派员，二者口径未必一致。",
)
def _commissioner_growth(r):
    return (r["zz2022-064"] / r["zz2022-044"] - 1) * 100


@derived(
    "tech-contract-turnover-growth-2022",
    unit="pct",
    explained_in="ch-zz2022",
    en="Growth in technology-contract turnover, 2021 to 2022",
    zh="2021至2022年技术合同成交额增幅",
    formula_en="(turnover 2022 ÷ turnover 2021 − 1) × 100",
    formula_zh="（2022年成交额 ÷ 2021年成交额 − 1）× 100",
)
def _tc_growth(r):
    return (r["zz2022-038"] / r["zz2021-044"] - 1) * 100


@derived(
    "tech-contract-turnover-2023-target-implied",
    unit="100m_cny",
    explained_in="ch-zz2022",
    en="Technology-contract turnover the 2023 growth target implies",
    zh="2023年增长目标隐含的技术合同成交额",
    formula_en="turnover 2022 × (1 + growth target ÷ 100)",
    formula_zh="2022年成交额 ×（1 + 增长目标 ÷ 100）",
)
def _tc_2023(r):
    return r["zz2022-038"] * (1 + r["zz2022-050"] / 100)


@derived(
    "gdp-2022-if-va-target-met",
    unit="100m_cny",
    explained_in="ch-zz2022",
    en="The 2022 GDP implied if high-tech value added grew as targeted",
    zh="若高新技术产业增加值按目标增长，推算的2022年地区生产总值",
    formula_en="value added 2021 × (1 + growth target ÷ 100) ÷ its printed share of GDP in 2022",
    formula_zh="2021年增加值 ×（1 + 增长目标 ÷ 100）÷ 2022年占地区生产总值比重",
)
def _gdp_if_va(r):
    return r["zz2021-015"] * (1 + r["zz2021-051"] / 100) / (r["zz2022-005"] / 100)


def _goals_for_2022(r: Rows, status: str | None = None) -> Term:
    """The 2021 review's city goals for 2022, counted (by their scorecard status if given)."""
    card = _once(r, "scorecard", scorecard.scorecard)
    card = card[(card.set_by == "zz2021") & (card.period == "2022") & (card.region == "zhuzhou")]
    if status is not None:
        card = card[card.status == status]
    return _count(
        tuple(card.target_id),
        len(card),
        f"the 2021 review's goals for 2022{'' if status is None else ', ' + status}",
    )


@derived(
    "zz2021-goals-for-2022",
    unit="count",
    explained_in="ch-zz2022",
    en="Goals the 2021 review set the city for 2022",
    zh="2021年综述为全市设定的2022年目标数",
    formula_en="targets of the 2021 review for 2022, counted",
    formula_zh="2021年综述中2022年目标的个数",
)
def _goals_all(r):
    return _goals_for_2022(r)


@derived(
    "zz2021-goals-for-2022-met",
    unit="count",
    explained_in="ch-zz2022",
    en="Goals for 2022 the 2022 review shows met",
    zh="2022年回眸显示已完成的2022年目标数",
    formula_en="goals for 2022 whose scorecard status is met",
    formula_zh="目标对照表中状态为完成的2022年目标数",
)
def _goals_met(r):
    return _goals_for_2022(r, "met")


@derived(
    "zz2021-goals-for-2022-not-comparable",
    unit="count",
    explained_in="ch-zz2022",
    en="Goals for 2022 the 2022 review speaks to but cannot settle",
    zh="2022年回眸有所涉及但不可比的2022年目标数",
    formula_en="goals for 2022 whose scorecard status is not comparable",
    formula_zh="目标对照表中状态为不可比的2022年目标数",
)
def _goals_unjudged(r):
    return _goals_for_2022(r, "not comparable")


@derived(
    "zz2021-goals-for-2022-not-reported",
    unit="count",
    explained_in="ch-zz2022",
    en="Goals for 2022 no later report answers",
    zh="尚无后续报告回应的2022年目标数",
    formula_en="goals for 2022 whose scorecard status is not yet reported",
    formula_zh="目标对照表中状态为尚无结果的2022年目标数",
)
def _goals_open(r):
    return _goals_for_2022(r, "not yet reported")


# ---- chapter ch-zz2025: the bureau's goals for 2025 ----------------------------------------


def _zz2025_rows(r: Rows):
    obs = r.ds.observations
    return obs[obs.source == "zz2025"]


@derived(
    "zz2025-goals",
    unit="count",
    explained_in="ch-zz2025",
    en="Goals in the bureau's 2025 reply",
    zh="科技局2025年答复中的目标数",
    formula_en="rows of the 2025 reply, counted (all are goals)",
    formula_zh="2025年答复的行数（均为目标）",
)
def _zz2025_goals(r):
    rows = _zz2025_rows(r)
    return _count(tuple(rows.id), len(rows), "rows of the 2025 reply")


@derived(
    "zz2025-goals-dated",
    unit="count",
    explained_in="ch-zz2025",
    en="Goals of the 2025 reply that name the year in their own clause",
    zh="2025年答复中在本句写明年份的目标数",
    formula_en="goals whose quote prints the year",
    formula_zh="引文中写明年份的目标数",
)
def _zz2025_dated(r):
    rows = _zz2025_rows(r)
    dated = rows[[r_.period[:4] in r_.quote for r_ in rows.itertuples()]]
    return _count(tuple(dated.id), len(dated), "goals of the 2025 reply whose quote prints the year")


@derived(
    "rd-intensity-2025-goal-over-2021",
    unit="pp",
    explained_in="ch-zz2025",
    en="The 2025 R&D intensity goal against the 2021 level",
    zh="2025年研发投入强度目标与2021年水平之差",
    formula_en="goal for 2025 − reported for 2021",
    formula_zh="2025年目标 − 2021年实际",
    caveat_en="The 2021 level (3.27%) was printed in March 2022, before 2021's R&D statistics were final: "
    "it may be 2020's ratio (see the trends chapter).",
    caveat_zh="2021年水平（3.27%）于2022年3月刊发，彼时2021年研发统计尚未公布，可能是2020年的数据（见趋势一章）。",
)
def _rdi_gap(r):
    return r["zz2025-002"] - r["zz2021-037"]


@derived(
    "rd-intensity-goal-cut-2022-2025",
    unit="pp",
    explained_in="ch-zz2025",
    en="The 2025 R&D intensity goal against the 2022 goal",
    zh="2025年研发投入强度目标与2022年目标之差",
    formula_en="goal for 2022 − goal for 2025",
    formula_zh="2022年目标 − 2025年目标",
)
def _rdi_cut(r):
    return r["zz2021-040"] - r["zz2025-002"]


@derived(
    "rd-spending-goal-cut-2022-2025",
    unit="100m_cny",
    explained_in="ch-zz2025",
    en="The 2025 R&D spending floor against the 2022 goal",
    zh="2025年研发投入目标下限与2022年目标之差",
    formula_en="goal for 2022 − the floor of the goal for 2025",
    formula_zh="2022年目标 − 2025年目标下限",
)
def _rd_cut(r):
    return r["zz2021-039"] - floor_of(r["zz2025-001"])


@derived(
    "rd-spending-2025-floor-on-2021",
    unit="pct",
    explained_in="ch-zz2025",
    en="The 2025 R&D spending floor against the R&D spending implied for 2021",
    zh="2025年研发投入目标下限相对推算的2021年研发投入的增幅",
    formula_en="(floor of the goal for 2025 ÷ R&D spending implied for 2021 − 1) × 100",
    formula_zh="（2025年目标下限 ÷ 推算的2021年研发投入 − 1）× 100",
    caveat_en="The R&D spending implied for 2021 may mix a ratio for 2020 with a GDP for 2021 (see its entry).",
    caveat_zh="推算的2021年研发投入可能混合了2020年的比率与2021年的地区生产总值（见该条）。",
)
def _rd_floor_growth(r):
    return (floor_of(r["zz2025-001"]) / r.q("rd-spending-2021-implied") - 1) * 100


@derived(
    "hte-pace-2022-2025",
    unit="count",
    explained_in="ch-zz2025",
    en="High-tech enterprises to add each year, end of 2022 to the 2025 goal",
    zh="从2022年末到2025年目标每年需净增的高新技术企业数",
    formula_en="(goal for 2025 − stock at the end of 2022) ÷ years",
    formula_zh="（2025年目标 − 2022年末存量）÷ 年数",
)
def _hte_pace_2022(r):
    return (r["zz2025-004"] - r["zz2022-002"]) / years_between(r, "zz2022-002", "zz2025-004")


@derived(
    "hte-pace-2023-2025",
    unit="count",
    explained_in="ch-zz2025",
    en="High-tech enterprises to add each year, 2023 goal to 2025 goal",
    zh="从2023年目标到2025年目标每年需净增的高新技术企业数",
    formula_en="(goal for 2025 − goal for 2023) ÷ years",
    formula_zh="（2025年目标 − 2023年目标）÷ 年数",
)
def _hte_pace_2023(r):
    return (r["zz2025-004"] - r["zz2022-053"]) / years_between(r, "zz2022-053", "zz2025-004")


@derived(
    "loans-2025-goal-to-2022-reading",
    unit="times",
    explained_in="ch-zz2025",
    en="The 2025 loan goal as a multiple of 2022's loans, read with the decimal point",
    zh="2025年知识价值信用贷款目标相当于2022年贷款额（补回小数点）的倍数",
    formula_en="goal for 2025 ÷ loans of 2022 (reading)",
    formula_zh="2025年目标 ÷ 2022年贷款额（补回小数点）",
)
def _loans_2025(r):
    return r["zz2025-005"] / r.q("reading-zz2022-017")


@derived(
    "loans-growth-needed-2022-2025",
    unit="pct",
    explained_in="ch-zz2025",
    en="Yearly growth in knowledge-value loans the 2025 goal needs from 2022",
    zh="从2022年到2025年目标，知识价值信用贷款每年所需增幅",
    formula_en="((goal for 2025 ÷ loans of 2022, reading) ^ (1 ÷ years) − 1) × 100",
    formula_zh="（（2025年目标 ÷ 2022年贷款额，补回小数点）^（1 ÷ 年数）− 1）× 100",
)
def _loans_pace(r):
    years = years_between(r, "zz2022-017", "zz2025-005").value
    return (r.q("loans-2025-goal-to-2022-reading") ** (1 / years) - 1) * 100


@derived(
    "loans-2025-goal-to-2023-goal",
    unit="times",
    explained_in="ch-zz2025",
    en="The 2025 loan goal as a multiple of the 2023 goal's floor",
    zh="2025年知识价值信用贷款目标相当于2023年目标的倍数",
    formula_en="goal for 2025 ÷ the floor of the goal for 2023",
    formula_zh="2025年目标 ÷ 2023年目标下限",
)
def _loans_goals(r):
    return r["zz2025-005"] / floor_of(r["zz2022-057"])


@derived(
    "commissioners-2025-goal-to-2023-goal",
    unit="times",
    explained_in="ch-zz2025",
    en="The 2025 goal for new S&T commissioners as a fraction of the 2023 goal",
    zh="2025年新选派科技特派员目标相当于2023年目标的比例",
    formula_en="goal for 2025 ÷ goal for 2023",
    formula_zh="2025年目标 ÷ 2023年目标",
)
def _commissioners_goals(r):
    return r["zz2025-009"] / r["zz2022-064"]


# The 2025 goals against the latest result for the same measure, as a percentage of it.
# A goal worded as a floor ("over 100") is a floor here too; a result printed as a floor
# ("over 1,100") leaves the goal at most the percentage shown.


@derived(
    "goal-2025-vs-latest-rd-intensity",
    unit="pct",
    explained_in="ch-zz2025",
    en="The 2025 R&D intensity goal as a percentage of the 2021 level",
    zh="2025年研发投入强度目标相当于2021年水平的百分比",
    formula_en="goal for 2025 ÷ reported for 2021 × 100",
    formula_zh="2025年目标 ÷ 2021年实际 × 100",
    caveat_en="The 2021 level (3.27%) was printed in March 2022, before 2021's R&D statistics were final: "
    "it may be 2020's ratio (see the trends chapter).",
    caveat_zh="2021年水平（3.27%）于2022年3月刊发，彼时2021年研发统计尚未公布，可能是2020年的数据（见趋势一章）。",
)
def _vs_rdi(r):
    return r["zz2025-002"] / r["zz2021-037"] * 100


@derived(
    "goal-2025-vs-latest-rd-spending",
    unit="pct",
    explained_in="ch-zz2025",
    en="The 2025 R&D spending goal as a percentage of the spending implied for 2021",
    zh="2025年研发投入目标相当于推算的2021年研发投入的百分比",
    formula_en="goal for 2025 ÷ R&D spending implied for 2021 × 100",
    formula_zh="2025年目标 ÷ 推算的2021年研发投入 × 100",
    caveat_en="No source prints R&D spending; the 2021 level is implied (see its entry).",
    caveat_zh="各来源均未刊载研发投入金额，2021年水平为推算值（见该条）。",
)
def _vs_rd(r):
    return r["zz2025-001"] / r.q("rd-spending-2021-implied") * 100


@derived(
    "goal-2025-vs-latest-high-tech-enterprises",
    unit="pct",
    explained_in="ch-zz2025",
    en="The 2025 high-tech enterprise goal as a percentage of the end-2022 stock",
    zh="2025年高新技术企业目标相当于2022年末存量的百分比",
    formula_en="goal for 2025 ÷ stock at the end of 2022 × 100",
    formula_zh="2025年目标 ÷ 2022年末存量 × 100",
)
def _vs_hte(r):
    return at_most(r["zz2025-004"] / r["zz2022-002"] * 100)


@derived(
    "goal-2025-vs-latest-loans",
    unit="pct",
    explained_in="ch-zz2025",
    en="The 2025 loan goal as a percentage of 2022's loans, read with the decimal point",
    zh="2025年知识价值信用贷款目标相当于2022年贷款额（补回小数点）的百分比",
    formula_en="(goal for 2025 ÷ loans of 2022, reading) × 100",
    formula_zh="（2025年目标 ÷ 2022年贷款额，补回小数点）× 100",
)
def _vs_loans(r):
    return r.q("loans-2025-goal-to-2022-reading") * 100


@derived(
    "goal-2025-vs-latest-projects",
    unit="pct",
    explained_in="ch-zz2025",
    en="The 2025 goal for ministry and provincial projects as a percentage of 2022's",
    zh="2025年部省科技计划立项目标相当于2022年立项数的百分比",
    formula_en="goal for 2025 ÷ projects of 2022 × 100",
    formula_zh="2025年目标 ÷ 2022年立项数 × 100",
)
def _vs_projects(r):
    return r["zz2025-006"] / r["zz2022-015"] * 100


@derived(
    "goal-2025-vs-latest-commissioners",
    unit="pct",
    explained_in="ch-zz2025",
    en="The 2025 goal for new S&T commissioners as a percentage of those dispatched in 2022",
    zh="2025年新选派科技特派员目标相当于2022年选派数的百分比",
    formula_en="goal for 2025 ÷ dispatched in 2022 × 100",
    formula_zh="2025年目标 ÷ 2022年选派数 × 100",
    caveat_en="The goal counts newly dispatched commissioners, the 2022 figure all dispatched that year.",
    caveat_zh="目标计新选派的特派员，2022年数字计当年选派的全部特派员。",
)
def _vs_commissioners(r):
    return r["zz2025-009"] / r["zz2022-044"] * 100


GOALS_VS_LATEST = (
    "goal-2025-vs-latest-rd-intensity",
    "goal-2025-vs-latest-rd-spending",
    "goal-2025-vs-latest-high-tech-enterprises",
    "goal-2025-vs-latest-loans",
    "goal-2025-vs-latest-projects",
    "goal-2025-vs-latest-commissioners",
)


@derived(
    "goals-2025-below-latest",
    unit="count",
    explained_in="ch-zz2025",
    en="2025 goals set below the latest result",
    zh="低于最近一次实际结果的2025年目标数",
    formula_en="the goals above whose percentage of the latest result is under 100, counted",
    formula_zh="上述目标中相当于最近实际结果不足100%的个数",
)
def _below(r):
    below = tuple(name for name in GOALS_VS_LATEST if r.quantity(name).value < 100)
    return _count(below, len(below), "goals under 100% of the latest result")
