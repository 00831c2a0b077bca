"""The source-check chapter's derived numbers: what the implied totals give in turn, the readings
of the lost decimal points, the ranges a check allows, and the results of the newer checks.
Each is explained in the section of the chapter its `explained_in` names."""

from __future__ import annotations

from .. import checks, plausibility, reconcile
from ..quantities import NotAvailable, Term, derived

_DATA_YEAR_EN = (
    "Rests on the R&D spending implied for 2021, whose intensity (3.27%, printed in March 2022) "
    "may be 2020's ratio."
)
_DATA_YEAR_ZH = "依据推算的2021年研发经费，其研发投入强度（3.27%，2022年3月刊发）可能是2020年的数据。"


def _count(n: int, ids, what: str) -> Term:
    """A count the library made, as an exact term resting on the rows it counted."""
    ids = tuple(dict.fromkeys(i for i in ids if i))
    return Term(float(n), float(n), float(n), ids, what)


def _inventory(r):
    """Every source check, made once for all the quantities that count them (it takes a second)."""
    if "_source_checks" not in r.__dict__:
        r.__dict__["_source_checks"] = checks.inventory(r.ds)
    return r.__dict__["_source_checks"]


def _read(r, row_id: str) -> Term:
    """A suspect row as its note reads it: the printed number with its decimal point put back."""
    try:
        places = plausibility.proposed_places(r.ds, row_id)
    except LookupError as exc:
        raise NotAvailable(str(exc)) from None
    return r[row_id] / 10**places


def _allowed(r, growth_id: str, end: str) -> Term:
    """One end of the range of growth rates two printed levels allow (see checks.recompute_growth)."""
    found = checks.recompute_growth(r.ds).set_index("id")
    if growth_id not in found.index or not found.level_id[growth_id] or not found.base_id[growth_id]:
        raise NotAvailable(f"no recomputed growth for {growth_id}")
    g = found.loc[growth_id]
    value = g.allowed_lo if end == "low" else g.allowed_hi
    working = g.allowed_working.split(" to ")[0 if end == "low" else 1].split(" = ")[0]
    return Term(value, value, value, (g.level_id, g.base_id), working.replace("/", "÷"))


# ---- the implied totals ---------------------------------------------------------------------


@derived(
    "high-tech-share-2021-implied",
    unit="pct",
    explained_in="sc-implied-gdp",
    en="High-tech value added as a share of GDP in 2021, implied",
    zh="推算的2021年高新技术产业增加值占地区生产总值比重",
    formula_en="high-tech value added in 2021 ÷ the GDP implied for 2021 × 100",
    formula_zh="2021年高新技术产业增加值 ÷ 推算的2021年地区生产总值 × 100",
)
def _ht_share(r):
    return r["zz2021-015"] / r.q("gdp-2021-implied") * 100


@derived(
    "gdp-growth-for-2022-high-tech-share",
    unit="pct",
    explained_in="sc-implied-gdp",
    en="GDP growth in 2022 that the printed high-tech share "
    "needs, had high-tech value added grown as planned",
    zh="若高新技术产业增加值按目标增长，2022年占比所需的地区生产总值增速",
    formula_en="(1 + high-tech growth goal) × implied 2021 share ÷ printed 2022 share − 1, in percent",
    formula_zh="（1 + 高新技术产业增加值增速目标）× 推算的2021年占比 ÷ 2022年占比 − 1，以百分比计",
)
def _gdp_growth_needed(r):
    return ((1 + r["zz2021-051"] / 100) * r.q("high-tech-share-2021-implied") / r["zz2022-005"] - 1) * 100


@derived(
    "gdp-2022-plan-rise",
    unit="pct",
    explained_in="sc-plan-gdp",
    en="How far the GDP the 2022 targets assume is above the GDP implied for 2021",
    zh="2022年目标隐含的地区生产总值高出推算的2021年地区生产总值的幅度",
    formula_en="(GDP the 2022 targets assume ÷ GDP implied for 2021 − 1) × 100",
    formula_zh="（2022年目标隐含地区生产总值 ÷ 推算的2021年地区生产总值 − 1）× 100",
)
def _gdp_2022_rise(r):
    return (r.q("gdp-2022-plan-implied") / r.q("gdp-2021-implied") - 1) * 100


@derived(
    "gdp-2025-plan-rise",
    unit="pct",
    explained_in="sc-plan-gdp",
    en="How far the GDP the 2025 targets assume is above the GDP implied for 2021",
    zh="2025年目标隐含的地区生产总值高出推算的2021年地区生产总值的幅度",
    formula_en="(GDP the 2025 targets assume ÷ GDP implied for 2021 − 1) × 100",
    formula_zh="（2025年目标隐含地区生产总值 ÷ 推算的2021年地区生产总值 − 1）× 100",
)
def _gdp_2025_rise(r):
    return (r.q("gdp-2025-plan-implied") / r.q("gdp-2021-implied") - 1) * 100


@derived(
    "rd-spending-2022-goal-rise",
    unit="pct",
    explained_in="sc-plan-gdp",
    en="The rise in R&D spending the 2022 goal asks for",
    zh="2022年研发经费目标要求的增幅",
    formula_en="(R&D spending goal for 2022 ÷ R&D spending implied for 2021 − 1) × 100",
    formula_zh="（2022年研发经费目标 ÷ 推算的2021年研发经费 − 1）× 100",
    caveat_en=_DATA_YEAR_EN,
    caveat_zh=_DATA_YEAR_ZH,
)
def _rd_rise(r):
    return (r["zz2021-039"] / r.q("rd-spending-2021-implied") - 1) * 100


@derived(
    "rd-intensity-2022-goal-rise",
    unit="pct",
    explained_in="sc-plan-gdp",
    en="The relative rise in R&D intensity the 2022 goal asks for",
    zh="2022年研发投入强度目标要求的相对增幅",
    formula_en="(intensity goal for 2022 ÷ intensity in 2021 − 1) × 100",
    formula_zh="（2022年研发投入强度目标 ÷ 2021年研发投入强度 − 1）× 100",
    caveat_en="The 3.27% was printed in March 2022, before 2021's R&D statistics were final: if it is "
    "2020's ratio, the rise to the 2022 goal spans two years, not one.",
    caveat_zh="3.27%于2022年3月刊发，彼时2021年研发统计尚未公布；若为2020年数据，则到2022年目标的增幅跨越两年而非一年。",
)
def _intensity_rise(r):
    return (r["zz2021-040"] / r["zz2021-037"] - 1) * 100


@derived(
    "tech-contract-2022-goal-rise",
    unit="pct",
    explained_in="sc-plan-gdp",
    en="The rise in technology-contract turnover the 2022 goal asks for",
    zh="2022年技术合同成交额目标要求的增幅",
    formula_en="(turnover goal for 2022 ÷ turnover in 2021 − 1) × 100",
    formula_zh="（2022年技术合同成交额目标 ÷ 2021年成交额 − 1）× 100",
)
def _contract_rise(r):
    return (r["zz2021-042"] / r["zz2021-044"] - 1) * 100


# ---- the lost decimal points ----------------------------------------------------------------


@derived(
    "suspect-count",
    unit="count",
    explained_in="sc-decimal-points",
    en="Numbers flagged as suspect",
    zh="标记为存疑的数字",
    formula_en="rows flagged suspect, counted",
    formula_zh="标记为存疑的行数",
)
def _suspects(r):
    ids = list(checks.suspects(r.ds).id)
    return _count(len(ids), ids, "suspect rows counted")


@derived(
    "hte-tax-relief-per-firm-read",
    unit="100m_cny",
    explained_in="sc-decimal-points",
    en="Income-tax relief per high-tech firm in 2022, with the decimal point the note restores",
    zh="按说明补回小数点后，2022年每家高企所得税减免额",
    formula_en="income-tax relief as the note reads it ÷ the firms granted it",
    formula_zh="按说明读出的所得税减免额 ÷ 获减免企业数",
)
def _relief_per_firm(r):
    return _read(r, "zz2022-014") / r["zz2022-013"]


@derived(
    "loans-2023-goal-share-of-2022-printed",
    unit="pct",
    explained_in="sc-decimal-points",
    en="The 2023 knowledge-value loan goal as a share of the 2022 loans as printed",
    zh="2023年知识价值信用贷款目标占原文2022年贷款额的比重",
    formula_en="loan goal for 2023 ÷ loans in 2022 as printed × 100",
    formula_zh="2023年贷款目标 ÷ 原文2022年贷款额 × 100",
)
def _loans_goal_share(r):
    return r["zz2022-057"] / r["zz2022-017"] * 100


@derived(
    "rd-spending-per-rd-person-2021",
    unit="100m_cny",
    explained_in="sc-decimal-points",
    en="R&D spending per R&D person in 2021, as printed",
    zh="按原文计算的2021年人均研发经费",
    formula_en="R&D spending implied for 2021 ÷ R&D personnel as printed",
    formula_zh="推算的2021年研发经费 ÷ 原文研发人员数",
    caveat_en=_DATA_YEAR_EN,
    caveat_zh=_DATA_YEAR_ZH,
)
def _per_person(r):
    return r.q("rd-spending-2021-implied") / r["zz2022q1-016"]


@derived(
    "rd-spending-per-rd-person-2021-read",
    unit="100m_cny",
    explained_in="sc-decimal-points",
    en="R&D spending per R&D person in 2021, with the decimal point the note restores",
    zh="按说明补回小数点后的2021年人均研发经费",
    formula_en="R&D spending implied for 2021 ÷ R&D personnel as the note reads them",
    formula_zh="推算的2021年研发经费 ÷ 按说明读出的研发人员数",
    caveat_en=_DATA_YEAR_EN,
    caveat_zh=_DATA_YEAR_ZH,
)
def _per_person_read(r):
    return r.q("rd-spending-2021-implied") / _read(r, "zz2022q1-016")


@derived(
    "rd-personnel-2020-implied",
    unit="count",
    explained_in="sc-decimal-points",
    en="R&D personnel in 2020 implied by the printed level and its growth",
    zh="由原文水平值与增速推算的2020年研发人员数",
    formula_en="R&D personnel in 2021 as printed ÷ (1 + growth)",
    formula_zh="原文2021年研发人员数 ÷（1 + 增速）",
)
def _personnel_base(r):
    return r["zz2022q1-016"] / (1 + r["zz2022q1-017"] / 100)


@derived(
    "rd-personnel-2020-implied-read",
    unit="count",
    explained_in="sc-decimal-points",
    en="R&D personnel in 2020 implied by the level as the note reads it and its growth",
    zh="按说明读出的水平值与增速推算的2020年研发人员数",
    formula_en="R&D personnel in 2021 as the note reads them ÷ (1 + growth)",
    formula_zh="按说明读出的2021年研发人员数 ÷（1 + 增速）",
)
def _personnel_base_read(r):
    return _read(r, "zz2022q1-016") / (1 + r["zz2022q1-017"] / 100)


# ---- the range a check allows -----------------------------------------------------------------


@derived(
    "yf-cluster-output-growth-allowed-low",
    unit="pct",
    explained_in="sc-growth",
    digits=4,
    en="The lowest growth rate the cluster's two printed outputs allow",
    zh="输变电产业集群两个原文产值所允许的最低增速",
    formula_en="(the lowest end level ÷ the highest base the prints stand for − 1) × 100",
    formula_zh="（原文数字所代表的最低期末值 ÷ 最高基期值 − 1）× 100",
)
def _yf_cluster_output_growth_allowed_low(r):
    return _allowed(r, "yf2020-034", "low")


@derived(
    "yf-cluster-output-growth-allowed-high",
    unit="pct",
    explained_in="sc-growth",
    digits=4,
    en="The highest growth rate the cluster's two printed outputs allow",
    zh="输变电产业集群两个原文产值所允许的最高增速",
    formula_en="(the highest end level ÷ the lowest base the prints stand for − 1) × 100",
    formula_zh="（原文数字所代表的最高期末值 ÷ 最低基期值 − 1）× 100",
)
def _yf_cluster_output_growth_allowed_high(r):
    return _allowed(r, "yf2020-034", "high")


@derived(
    "yf-cluster-output-growth-allowed-width",
    unit="pp",
    explained_in="sc-growth",
    en="How wide the range of growth rates the cluster's two printed outputs allow is",
    zh="输变电产业集群两个原文产值所允许的增速区间宽度",
    formula_en="highest allowed rate − lowest allowed rate",
    formula_zh="允许的最高增速 − 最低增速",
)
def _yf_cluster_output_growth_allowed_width(r):
    return r.q("yf-cluster-output-growth-allowed-high") - r.q("yf-cluster-output-growth-allowed-low")


@derived(
    "yf-profits-growth-allowed-low",
    unit="pct",
    explained_in="sc-growth",
    digits=4,
    en="The lowest growth rate the cluster's two printed profits and taxes allow",
    zh="两个原文利税值所允许的最低增速",
    formula_en="(the lowest end level ÷ the highest base the prints stand for − 1) × 100",
    formula_zh="（原文数字所代表的最低期末值 ÷ 最高基期值 − 1）× 100",
)
def _yf_profits_growth_allowed_low(r):
    return _allowed(r, "yf2020-037", "low")


@derived(
    "yf-profits-growth-allowed-high",
    unit="pct",
    explained_in="sc-growth",
    digits=4,
    en="The highest growth rate the cluster's two printed profits and taxes allow",
    zh="两个原文利税值所允许的最高增速",
    formula_en="(the highest end level ÷ the lowest base the prints stand for − 1) × 100",
    formula_zh="（原文数字所代表的最高期末值 ÷ 最低基期值 − 1）× 100",
)
def _yf_profits_growth_allowed_high(r):
    return _allowed(r, "yf2020-037", "high")


@derived(
    "yf-profits-growth-allowed-width",
    unit="pp",
    explained_in="sc-growth",
    en="How wide the range of growth rates the cluster's two printed profits and taxes allow is",
    zh="两个原文利税值所允许的增速区间宽度",
    formula_en="highest allowed rate − lowest allowed rate",
    formula_zh="允许的最高增速 − 最低增速",
)
def _yf_profits_growth_allowed_width(r):
    return r.q("yf-profits-growth-allowed-high") - r.q("yf-profits-growth-allowed-low")


@derived(
    "yf-profits-growth-recomputed",
    unit="pct",
    explained_in="sc-growth",
    en="Growth of the cluster's profits and taxes, recomputed from the printed levels",
    zh="由原文水平值重算的利税增长率",
    formula_en="(profits and taxes in 2020 ÷ in 2015 − 1) × 100",
    formula_zh="（2020年利税 ÷ 2015年利税 − 1）× 100",
)
def _profits_growth(r):
    return (r["yf2020-036"] / r["yf2020-035"] - 1) * 100


# ---- the newer checks -------------------------------------------------------------------------


@derived(
    "source-checks-count",
    unit="count",
    explained_in="ch-source-checks",
    en="Source checks the book makes",
    zh="本书所做的来源核对数",
    formula_en="checks of every kind, counted",
    formula_zh="各类核对计数",
)
def _n_checks(r):
    inv = _inventory(r)
    return _count(len(inv), ", ".join(inv.ids).split(", "), "checks counted")


def _outcome_count(r, outcome: str) -> Term:
    inv = _inventory(r)
    hit = inv[inv.outcome == outcome]
    rows = ", ".join(hit.ids if len(hit) else inv.ids).split(", ")  # none: it rests on every check
    return _count(len(hit), rows, f"checks with outcome '{outcome}'")


@derived(
    "source-checks-holds",
    unit="count",
    explained_in="ch-source-checks",
    en="Source checks that hold",
    zh="成立的来源核对数",
    formula_en="checks that hold, counted",
    formula_zh="成立的核对计数",
)
def _checks_holds(r):
    return _outcome_count(r, "holds")


@derived(
    "source-checks-fails",
    unit="count",
    explained_in="ch-source-checks",
    en="Source checks that fail",
    zh="不成立的来源核对数",
    formula_en="checks that fail, counted",
    formula_zh="不成立的核对计数",
)
def _checks_fails(r):
    return _outcome_count(r, "fails")


@derived(
    "source-checks-open",
    unit="count",
    explained_in="ch-source-checks",
    en="Source checks left open",
    zh="无法定论的来源核对数",
    formula_en="checks left open, counted",
    formula_zh="无法定论的核对计数",
)
def _checks_open(r):
    return _outcome_count(r, "open")


def _kind_fails(r, kind: str) -> Term:
    inv = _inventory(r)
    mine = inv[inv.kind == kind]
    if mine.empty:
        raise NotAvailable(f"no checks of kind {kind!r}")
    hit = mine[mine.outcome == "fails"]
    return _count(len(hit), ", ".join(mine.ids).split(", "), f"{kind} checks that fail")


# The kinds whose failures the chapter's prose counts ("all of them fit", "the only group that ...").


@derived(
    "source-checks-parts-and-wholes-fails",
    unit="count",
    explained_in="ch-source-checks",
    en="Checks of parts and wholes that fail",
    zh="部分与整体中不成立的核对数",
    formula_en="checks of parts and wholes that fail, counted",
    formula_zh="不成立的核对计数",
)
def _parts_and_wholes_fails(r):
    return _kind_fails(r, "parts and wholes")


@derived(
    "source-checks-counts-across-reports-fails",
    unit="count",
    explained_in="ch-source-checks",
    en="Checks of counts across reports that fail",
    zh="跨报告的计数中不成立的核对数",
    formula_en="checks of counts across reports that fail, counted",
    formula_zh="不成立的核对计数",
)
def _counts_across_reports_fails(r):
    return _kind_fails(r, "counts across reports")


@derived(
    "source-checks-pledges-in-one-text-fails",
    unit="count",
    explained_in="ch-source-checks",
    en="Checks of pledges in one text that fail",
    zh="同一文本中的两项承诺中不成立的核对数",
    formula_en="checks of pledges in one text that fail, counted",
    formula_zh="不成立的核对计数",
)
def _pledges_in_one_text_fails(r):
    return _kind_fails(r, "pledges in one text")


@derived(
    "source-checks-printed-twice-fails",
    unit="count",
    explained_in="ch-source-checks",
    en="Checks of printed twice that fail",
    zh="多次出现的数字中不成立的核对数",
    formula_en="checks of printed twice that fail, counted",
    formula_zh="不成立的核对计数",
)
def _printed_twice_fails(r):
    return _kind_fails(r, "printed twice")


@derived(
    "source-check-kinds",
    unit="count",
    explained_in="ch-source-checks",
    en="Kinds of source check",
    zh="来源核对的类别数",
    formula_en="kinds of check with at least one check, counted",
    formula_zh="至少有一项核对的类别数",
)
def _n_kinds(r):
    inv = _inventory(r)
    return _count(inv.kind.nunique(), ", ".join(inv.ids).split(", "), "kinds counted")


@derived(
    "screen-listed-count",
    unit="count",
    explained_in="sc-screen",
    en="Unflagged numbers the plausibility screen lists",
    zh="量级筛查列出的未标记数字",
    formula_en="numbers listed by the screen, counted",
    formula_zh="筛查列出的数字计数",
)
def _n_screen(r):
    found = plausibility.screen(r.ds)
    return _count(len(found), [*found.id, *found.other_id.replace("gdp", "")], "numbers listed")


@derived(
    "platforms-below-provincial-2021",
    unit="count",
    explained_in="sc-parts-wholes",
    en="The city's innovation platforms below provincial level in 2021",
    zh="2021年全市省级以下科技创新平台数",
    formula_en="all platforms − national − provincial",
    formula_zh="各类平台 − 国家级 − 省级",
)
def _below_provincial(r):
    return r["zz2021-005"] - r["zz2021-006"] - r["zz2021-007"]


@derived(
    "hte-2021-stock-floor",
    unit="count",
    explained_in="sc-counts",
    en="The fewest high-tech firms the 2021 stock can have held, given the 2022 stock and the new firms",
    zh="由2022年存量与新增推算的2021年高企存量下限",
    formula_en="high-tech firms in 2022 − new ones in 2022 (more if certificates lapsed)",
    formula_zh="2022年高企数 − 2022年新增（若有资格到期则更多）",
)
def _hte_floor(r):
    return r["zz2022-002"] - r["zz2022-025"]


@derived(
    "key-labs-approved-2022",
    unit="count",
    explained_in="sc-counts",
    en="Enterprise national key laboratories the 2022 review names as approved",
    zh="2022年回眸点名获批的企业全国重点实验室",
    formula_en="laboratories named in the sentence, counted",
    formula_zh="该句点名的实验室计数",
)
def _labs_approved(r):
    r.row("zz2022-029")  # the sentence that names them and prints their share of Hunan's
    return _count(reconcile.count_named("approved"), ["zz2022-029"], "laboratories named")


@derived(
    "hunan-enterprise-key-labs-implied",
    unit="count",
    digits=2,
    explained_in="sc-counts",
    en="Enterprise national key laboratories in Hunan, implied",
    zh="推算的全省企业全国重点实验室数",
    formula_en="the city's approved laboratories ÷ their share of Hunan's",
    formula_zh="全市获批实验室数 ÷ 其占全省比重",
)
def _hunan_labs(r):
    return r.q("key-labs-approved-2022") / (r["zz2022-029"] / 100)


@derived(
    "yf-rewards-share-of-input",
    unit="times",
    explained_in="sc-pledges",
    en="Yanfeng's yearly innovation rewards as a fraction of its pledged yearly innovation input",
    zh="雁峰区每年创新奖励资金占每年创新投入承诺的比例",
    formula_en="rewards a year ÷ innovation input pledged a year",
    formula_zh="每年奖励资金 ÷ 每年创新投入",
)
def _rewards_share(r):
    return r["yf2020-021"] / r["yf2020-002"]


@derived(
    "top-ten-rd-share-2021",
    unit="pct",
    explained_in="sc-concentration",
    en="The ten largest R&D spenders' share of the city's R&D spending in 2021, at least",
    zh="2021年研发经费投入十强企业占全市研发经费的比重（下限）",
    formula_en="10 × the least each spends ÷ R&D spending implied for 2021 × 100",
    formula_zh="10 × 每家至少投入 ÷ 推算的2021年研发经费 × 100",
    caveat_en=_DATA_YEAR_EN,
    caveat_zh=_DATA_YEAR_ZH,
)
def _top_ten_rd(r):
    return reconcile.TOP_TEN * r["zz2022q1-003"] / r.q("rd-spending-2021-implied") * 100


@derived(
    "top-ten-output-2021",
    unit="100m_cny",
    explained_in="sc-concentration",
    en="Gross output of the ten largest high-tech producers in 2021, at least",
    zh="2021年高新技术产业总产值十强企业的总产值（下限）",
    formula_en="10 × the least each produces",
    formula_zh="10 × 每家至少产值",
)
def _top_ten_output(r):
    return reconcile.TOP_TEN * r["zz2022q1-004"]


@derived(
    "new-platforms-named-share-2022",
    unit="pct",
    explained_in="sc-tallies",
    en="The provincial platforms the 2022 review names, as a share of the goal for 2022",
    zh="2022年回眸列出的省级平台占2022年目标的比重",
    formula_en="provincial engineering research centres approved ÷ new provincial platforms planned × 100",
    formula_zh="获批省工程技术研究中心数 ÷ 计划新增省级平台数 × 100",
)
def _named_share(r):
    return r["zz2022-030"] / r["zz2021-053"] * 100
