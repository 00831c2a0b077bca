"""Source checks beyond rates and shares: parts against wholes, counts across reports, tallies
against targets, two pledges in one text, concentration, and measures with similar names.

Each check states its arithmetic with the printed numbers (a bound keeps its sign: ≥900 for
"over 900") and a verdict: `consistent` where the printed ranges allow what the check asks,
`inconsistent` where they cannot, `cannot check` where a number the check needs is not printed,
`not comparable` where the two sides measure different things; measures with similar names get
`same measure`, `different measures` or `cannot tell`.

Most of these checks rest on what the words of a source say about its numbers: that 国家级52家,
省级297家 are part of the 619 before them (其中, "of which"), that a list names two laboratories.
That knowledge is written below once, with the words it rests on (each quote is found in its
source text by a test), and the arithmetic is done on the rows as they are, so a changed number
changes the verdict. A declared check whose rows are not in the data is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .load import Dataset
from .narrative import format_number, lower_first
from .ranges import interval, shown

COLUMNS = [
    "kind",
    "ids",
    "what_en",
    "what_zh",
    "arithmetic_en",
    "arithmetic_zh",
    "verdict",
    "reading_en",
    "reading_zh",
]

VERDICTS = {
    "consistent": ("consistent", "一致"),
    "inconsistent": ("inconsistent", "不一致"),
    "cannot check": ("cannot be checked", "无法核对"),
    "not comparable": ("not comparable", "不可比"),
    "same measure": ("same measure", "同一口径"),
    "different measures": ("different measures", "不同口径"),
    "cannot tell": ("cannot tell", "无法判断"),
    "can all hold": ("can all hold", "可同时成立"),
    "cannot all hold": ("cannot all hold", "不能同时成立"),
    "implied total": ("implied total", "推算总量"),
}
# What each verdict means for the overview: the check holds, fails, or stays open.
OUTCOME = {
    "consistent": "holds",
    "same measure": "holds",
    "can all hold": "holds",
    "implied total": "holds",
    "inconsistent": "fails",
    "cannot all hold": "fails",
}


def _rows(ds: Dataset) -> pd.DataFrame:
    return ds.observations.set_index("id")


def _have(ds: Dataset, ids: Iterable[str]) -> bool:
    return set(ids) <= set(ds.observations.id)


def _range(r) -> tuple[float, float]:
    """The range a row stands for; an exact count is exact (52 platforms are 52, not 51.5 to 52.5)."""
    if r.unit in ("count", "rank") and not r.qualifier:
        return float(r.value), float(r.value)
    return interval(r.value, r.qualifier)


def _num(r) -> str:
    return shown(r.value, r.qualifier)


def _pct(x: float) -> str:
    return f"{format_number(round(x, 1))}%" if np.isfinite(x) else "∞"


def _record(
    kind: str,
    ids: Iterable[str],
    what: tuple[str, str],
    arithmetic: str | tuple[str, str],
    verdict: str,
    reading: tuple[str, str],
) -> dict:
    """One check; `arithmetic` is one string where it is only numbers and signs, else (en, zh)."""
    en, zh = (arithmetic, arithmetic) if isinstance(arithmetic, str) else arithmetic
    return {
        "kind": kind,
        "ids": ", ".join(ids),
        "what_en": what[0],
        "what_zh": what[1],
        "arithmetic_en": en,
        "arithmetic_zh": zh,
        "verdict": verdict,
        "reading_en": reading[0],
        "reading_zh": reading[1],
    }


# ---- parts against wholes -------------------------------------------------------------------


@dataclass(frozen=True)
class PartOf:
    """Rows the words of a source make parts of a whole, and those words."""

    parts: tuple[str, ...]
    whole: str
    words: str
    en: str
    zh: str


PARTS = (
    PartOf(
        ("zz2021-006", "zz2021-007"),
        "zz2021-005",
        "全市各类科技创新平台达619家,其中国家级52家,省级297家",
        "The city's national and provincial platforms, of all its platforms",
        "全市国家级、省级平台与各类平台总数",
    ),
    PartOf(
        ("zz2021-009", "zz2021-010"),
        "zz2021-008",
        "共建有市级以上创新平台达到52个,其中国家级6个,省级24个",
        "The development zone's national and provincial platforms, of all its platforms",
        "经开区国家级、省级平台与其市级以上平台总数",
    ),
    PartOf(
        ("zz2021-032", "zz2021-033"),
        "zz2021-028",
        "茶陵县引进博士14人,研究生17人充实到科技专家服务团",
        "Chaling's recruits who joined the S&T expert service corps, of the corps",
        "茶陵县充实到科技专家服务团的博士、研究生与服务团人数",
    ),
    PartOf(
        ("zz2022-013",),
        "zz2022-002",
        "182家高新技术企业获得所得税减免",
        "High-tech firms granted income-tax relief, of all high-tech firms",
        "获所得税减免的高企与高企总数",
    ),
    PartOf(
        ("zz2022-025",),
        "zz2022-002",
        "新增高新技术企业195家",
        "Newly certified high-tech firms, of all high-tech firms",
        "新增高企与高企总数",
    ),
    PartOf(
        ("zz2022-009",),
        "zz2022-024",
        "全年支持412家科技型中小企业获省研发奖补资金",
        "Technology-based SMEs granted provincial R&D subsidies, of all registered",
        "获省研发奖补的科技型中小企业与入库总数",
    ),
)


def _part_check(ds: Dataset, parts: list, whole, what: tuple[str, str]) -> dict:
    lo = sum(_range(p)[0] for p in parts)
    hi = sum(_range(p)[1] for p in parts)
    w_lo, w_hi = _range(whole)
    exact = all(_range(p)[0] == _range(p)[1] for p in parts)
    total = " + ".join(_num(p) for p in parts)
    if len(parts) > 1:
        total += f" = {shown(lo, '' if exact else parts[0].qualifier)}"
    share_hi = hi / w_lo * 100 if w_lo > 0 else np.inf
    share_lo = lo / w_hi * 100 if w_hi != np.inf else 0.0
    ok = lo <= w_hi
    arithmetic = [f"{total} ≤ {_num(whole)}"] * 2
    if ok and exact and w_lo == w_hi:
        arithmetic[0] += f"; {_pct(share_lo)} of the whole, {shown(w_lo - lo)} left"
        arithmetic[1] += f"；占整体{_pct(share_lo)}，其余{shown(w_lo - lo)}"
        reading = (
            "The parts fit inside the whole; the rest are of other kinds or levels.",
            "部分小于整体；其余为其他类别或层级。",
        )
    elif ok:
        if np.isfinite(share_hi):
            arithmetic[0] += f"; at most {_pct(share_hi)} of the whole"
            arithmetic[1] += f"；至多占整体{_pct(share_hi)}"
        reading = (
            "The parts fit inside the whole, which is printed as a bound.",
            "部分小于整体（整体以下限表述）。",
        )
    else:
        reading = ("The parts are larger than the whole they belong to.", "部分大于其所属的整体。")
    ids = [p.name for p in parts] + [whole.name]
    return _record(
        "parts and wholes",
        ids,
        what,
        (arithmetic[0], arithmetic[1]),
        "consistent" if ok else "inconsistent",
        reading,
    )


def parts_and_wholes(ds: Dataset) -> pd.DataFrame:
    """Figures of a district, county or zone against the city's figure for the same thing, and the
    parts a source's words name (其中 ...) against their whole: a part never exceeds its whole."""
    rows = _rows(ds)
    regions = ds.regions.set_index("id")
    out = []
    actual = ds.observations[ds.observations.kind == "actual"]
    for r in actual.itertuples():
        parent = regions.parent.get(r.region, "")
        if not parent:
            continue
        whole = actual[
            (actual.region == parent)
            & (actual.indicator == r.indicator)
            & (actual.period == r.period)
            & (actual.unit == r.unit)
        ]
        for w in whole.itertuples():
            name_en, name_zh = regions.name_en[r.region], regions.name_zh[r.region]
            indicator = ds.indicators.set_index("id").loc[r.indicator]
            out.append(
                _part_check(
                    ds,
                    [rows.loc[r.id]],
                    rows.loc[w.id],
                    (
                        f"{name_en}: {lower_first(indicator.name_en)}, of the city's",
                        f"{name_zh}{indicator.name_zh}与全市",
                    ),
                )
            )
    for p in PARTS:
        if _have(ds, (*p.parts, p.whole)):
            out.append(_part_check(ds, [rows.loc[i] for i in p.parts], rows.loc[p.whole], (p.en, p.zh)))
    return pd.DataFrame(out, columns=COLUMNS)


# ---- counts across reports: the key laboratories ----------------------------------------------


@dataclass(frozen=True)
class Named:
    """Things a source names in a list (so its count is the number of names), with the words."""

    source: str
    what: str  # accepted, candidates, approved, sought, listed
    names: tuple[str, ...]
    words: str


# The key laboratories as each source names them. The 2021 review counts three accepted labs
# without naming them; the national restructuring of 2022 (国家重点实验室优化重组) made 国家重点实验室
# into 全国重点实验室, under new names.
LABS = (
    Named(
        "zz2022q1",
        "candidates",
        ("新型功率半导体器件", "硬质合金"),
        "我市将新型功率半导体器件国家重点实验室、硬质合金国家重点实验室作为国资委标杆候选实验室推介至科技部",
    ),
    Named(
        "zz2022",
        "approved",
        ("功率半导体集成技术", "重载快捷大功率电力机车"),
        "时代电气、中车株机分别获批“功率半导体集成技术”、“重载快捷大功率电力机车”全国重点实验室",
    ),
    Named("zz2022", "sought", ("硬合金",), "大力争取硬合金全国重点实验室重组获批"),
    Named(
        "zz2025",
        "listed",
        ("重载快捷大功率电力机车", "功率半导体集成技术", "直升机动力学"),
        "推动重载快捷大功率电力机车、功率半导体集成技术、直升机动力学全国重点实验室建设",
    ),
)


def named(what: str, labs: tuple[Named, ...] = LABS) -> Named:
    return next(n for n in labs if n.what == what)


def count_named(what: str) -> int:
    """How many laboratories a source names under `what` (approved, candidates, sought, listed)."""
    return len(named(what).names)


def counts_across_reports(ds: Dataset) -> pd.DataFrame:
    """Counts of the same things in different reports, reconciled: the key laboratories accepted,
    recommended, approved, sought and listed, and the stock of high-tech firms with the year's
    new ones."""
    rows = _rows(ds)
    out = []
    approved, sought, listed = named("approved"), named("sought"), named("listed")
    if _have(ds, ["zz2021-003"]):
        accepted = rows.loc["zz2021-003"]
        n = len(approved.names) + len(sought.names)
        ok = n == accepted.value
        out.append(
            _record(
                "counts across reports",
                ["zz2021-003"],
                (
                    "Key laboratories: accepted in 2021, approved in the 2022 restructuring and still sought",
                    "国家重点实验室：2021年通过验收、2022年重组获批与仍在争取的",
                ),
                (
                    f"{len(approved.names)} approved + {len(sought.names)} sought = {n} {'=' if ok else '≠'} "
                    f"{_num(accepted)} accepted",
                    f"获批{len(approved.names)} + 争取{len(sought.names)} "
                    f"= {n} {'=' if ok else '≠'} 通过验收{_num(accepted)}",
                ),
                "consistent" if ok else "inconsistent",
                (
                    "The same laboratories can be meant: two approved "
                    "under new names, the cemented-carbide one "
                    "(硬质合金) recommended in April 2022 and still sought in the 2023 plan."
                    if ok
                    else "The laboratories approved and sought do not add up to those accepted.",
                    "可为同一批实验室：两家以新名称获批，硬质合金实验室2022年4月被推介，2023年计划仍在争取。"
                    if ok
                    else "获批与争取的实验室数与通过验收的不符。",
                ),
            )
        )
    if _have(ds, ["zz2022-029"]):
        share = rows.loc["zz2022-029"]
        total = len(approved.names) / (share.value / 100)
        whole = abs(total - round(total)) < 0.01
        out.append(
            _record(
                "counts across reports",
                ["zz2022-029"],
                (
                    "Enterprise national key laboratories: the city's approved two as a share of Hunan's",
                    "企业全国重点实验室：全市获批两家占全省的比重",
                ),
                f"{len(approved.names)} ÷ {share.as_printed} = {format_number(round(total, 2))}",
                "consistent" if whole else "inconsistent",
                (
                    "A whole number of laboratories in Hunan's enterprises, as a count must be.",
                    "推算的全省企业实验室数为整数，符合计数。",
                )
                if whole
                else (
                    "Not a whole number: the share and the count do not fit.",
                    "推算值不是整数：占比与数量不符。",
                ),
            )
        )
    kept = [n for n in listed.names if n in approved.names]
    new = [n for n in listed.names if n not in approved.names]
    out.append(
        _record(
            "counts across reports",
            [],
            (
                "Key laboratories: listed in 2025 against those approved in 2022",
                "全国重点实验室：2025年所列与2022年获批",
            ),
            (
                f"{len(listed.names)} listed = {len(kept)} approved + {len(new)} new",
                f"列出{len(listed.names)} = 获批{len(kept)} + 新增{len(new)}",
            ),
            "consistent" if len(kept) + len(new) == len(listed.names) else "inconsistent",
            (
                "The 2025 reply keeps the two approved, adds "
                "helicopter dynamics (直升机动力学) and no longer names "
                "the cemented-carbide laboratory.",
                "2025年答复保留两家获批实验室，新增直升机动力学，不再提及硬质合金实验室。",
            ),
        )
    )
    if _have(ds, ["zz2021-012", "zz2022-025", "zz2022-002"]):
        before, new_firms, after = rows.loc["zz2021-012"], rows.loc["zz2022-025"], rows.loc["zz2022-002"]
        reach = _range(before)[0] + _range(new_firms)[0]
        ok = _range(before)[1] + _range(new_firms)[1] >= _range(after)[0]
        out.append(
            _record(
                "counts across reports",
                ["zz2021-012", "zz2022-025", "zz2022-002"],
                (
                    "High-tech firms: the 2021 stock and the 2022 new ones against the 2022 stock",
                    "高企：2021年存量加2022年新增与2022年存量",
                ),
                (
                    f"{_num(before)} + {_num(new_firms)} = {shown(reach, 'over')} against {_num(after)}",
                    f"{_num(before)} + {_num(new_firms)} = {shown(reach, 'over')}，对比{_num(after)}",
                ),
                "consistent" if ok else "inconsistent",
                (
                    "The 2021 stock was printed as a bound, and must "
                    "have been above the 2022 stock less the new "
                    "firms (more, if some firms' certificates lapsed)."
                    if ok
                    else "The 2021 stock and the new firms cannot reach the 2022 stock.",
                    "2021年存量以下限表述，须高于2022年存量减去新增（若有企业资格到期则更高）。"
                    if ok
                    else "2021年存量加新增达不到2022年存量。",
                ),
            )
        )
    return pd.DataFrame(out, columns=COLUMNS)


# ---- tallies against the targets they serve ---------------------------------------------------


def tallies(ds: Dataset) -> pd.DataFrame:
    """Items a report counts against the target they serve: the sum is the target, short of it,
    or no total is printed to judge it by."""
    rows = _rows(ds)
    out = []
    if _have(ds, ["zz2022-053", "zz2022-002", "zz2022-052"]):
        target, base, net = rows.loc["zz2022-053"], rows.loc["zz2022-002"], rows.loc["zz2022-052"]
        total = base.value + net.value
        ok = total == target.value
        out.append(
            _record(
                "tallies against targets",
                ["zz2022-002", "zz2022-052", "zz2022-053"],
                (
                    "High-tech firms in 2023: the 2022 stock plus the "
                    "planned net increase, against the total planned",
                    "2023年高企：2022年存量加计划净增与计划总量",
                ),
                (
                    f"{_num(base)} + {_num(net)} = {shown(total, 'over')} against {_num(target)}",
                    f"{_num(base)} + {_num(net)} = {shown(total, 'over')}，对比{_num(target)}",
                ),
                "consistent" if ok else "inconsistent",
                (
                    "The total planned is the printed stock plus "
                    "the planned net increase: the plan counts the "
                    "stock's bound as the stock."
                    if ok
                    else "The total planned is not the stock plus the net increase.",
                    "计划总量等于2022年存量加计划净增：计划把存量的下限当作存量。"
                    if ok
                    else "计划总量不等于存量加净增。",
                ),
            )
        )
    if _have(ds, ["zz2021-053", "zz2022-030"]):
        target, items = rows.loc["zz2021-053"], rows.loc["zz2022-030"]
        out.append(
            _record(
                "tallies against targets",
                ["zz2021-053", "zz2022-030"],
                (
                    "New provincial platforms in 2022: the items the 2022 review names, against the goal",
                    "2022年新增省级平台：2022年回眸列出的项目与目标",
                ),
                (
                    f"{_num(items)} of {_num(target)}: at most {_pct(items.value / target.value * 100)}",
                    f"{_num(items)} / {_num(target)}：至多{_pct(items.value / target.value * 100)}",
                ),
                "cannot check",
                (
                    "The review names only provincial engineering "
                    "research centres and prints no total of new "
                    "provincial platforms, so the goal cannot be judged.",
                    "综述只列出省工程技术研究中心，未给出新增省级平台总数，目标无法判断。",
                ),
            )
        )
    if _have(ds, ["zz2021-004"]):
        target = rows.loc["zz2021-004"]
        n = count_named("candidates")
        out.append(
            _record(
                "tallies against targets",
                ["zz2021-004"],
                (
                    "Benchmark laboratories in 2022: candidates recommended in April 2022, against the goal",
                    "2022年标杆实验室：2022年4月推介的候选与目标",
                ),
                (f"{n} candidates for {_num(target)}", f"候选{n}家，目标{_num(target)}"),
                "cannot check",
                (
                    "Enough candidates to meet the goal, but no later "
                    "report says whether either became a benchmark.",
                    "候选数足以完成目标，但此后的报告未说明是否成为标杆。",
                ),
            )
        )
    return pd.DataFrame(out, columns=COLUMNS)


# ---- two pledges in one text ------------------------------------------------------------------


def pledge_ratios(ds: Dataset) -> pd.DataFrame:
    """Two pledges in one text set against each other: a stretch goal against its target, a reward
    fund against the innovation input it belongs to, the subsidies of first and renewed certification
    (the Q1 2022 page prints the amounts, 万元 a firm from the city and the county; the 2022 review
    names them only by the shorthand 高新企业“7+3”“3+2”补助政策, which the check looks for)."""
    rows = _rows(ds)
    out = []
    if _have(ds, ["zz2022-047", "zz2022-048"]):
        goal, stretch = rows.loc["zz2022-047"], rows.loc["zz2022-048"]
        ok = stretch.value >= goal.value
        out.append(
            _record(
                "pledges in one text",
                ["zz2022-047", "zz2022-048"],
                (
                    "R&D intensity in 2023: the target against the stretch goal (奋斗目标) beside it",
                    "2023年研发投入占比：目标与其后的奋斗目标",
                ),
                f"{_num(goal)}% {'≤' if ok else '>'} {_num(stretch)}%",
                "consistent" if ok else "inconsistent",
                (
                    "A stretch goal should be above its target; as "
                    "printed the target is far above it, which the "
                    "note's reading (a lost decimal point) would mend."
                    if not ok
                    else "The stretch goal is above the target.",
                    "奋斗目标应高于目标；按原文目标远高于奋斗目标，若按说明读作丢失小数点即可成立。"
                    if not ok
                    else "奋斗目标高于目标。",
                ),
            )
        )
    if _have(ds, ["yf2020-002", "yf2020-021"]):
        total, part = rows.loc["yf2020-002"], rows.loc["yf2020-021"]
        ratio = part.value / total.value
        out.append(
            _record(
                "pledges in one text",
                ["yf2020-021", "yf2020-002"],
                (
                    "Yanfeng's yearly rewards for enterprise innovation against its yearly innovation input",
                    "雁峰区每年奖励企业创新资金与每年创新投入",
                ),
                f"{_num(part)} ÷ {_num(total)} = "
                f"{'≤' if total.qualifier == 'over' else ''}{format_number(round(ratio, 3))}",
                "consistent" if ratio <= 1 else "inconsistent",
                (
                    "The rewards can be part of the input pledged."
                    if ratio <= 1
                    else "The rewards exceed the input.",
                    "奖励资金可以是创新投入的一部分。" if ratio <= 1 else "奖励资金超过创新投入。",
                ),
            )
        )
    ids = ["zz2022q1-009", "zz2022q1-011", "zz2022q1-010", "zz2022q1-012"]
    if _have(ds, ids):
        city1, county1, city2, county2 = (rows.loc[i] for i in ids)
        first, renew = city1.value + county1.value, city2.value + county2.value
        wan = [format_number(round(r.value * 1e4, 2)) for r in (city1, county1, city2, county2)]
        shorthand = f"“{wan[0]}+{wan[1]}”“{wan[2]}+{wan[3]}”"  # as the 2022 review writes it
        restated = f"高新企业{shorthand}补助政策" in ds.texts.get("zz2022", "")
        ok = first >= renew and restated
        out.append(
            _record(
                "pledges in one text",
                ids,
                (
                    "High-tech certification subsidies (万元 a firm): "
                    "first certification against re-certification, "
                    "and the 2022 review's shorthand",
                    "高企认定补助（万元/家）：首次认定与重新认定，及2022年回眸的简称",
                ),
                f"{wan[0]} + {wan[1]} = {format_number(round(first * 1e4, 2))} ≥ {wan[2]} + {wan[3]} = "
                f"{format_number(round(renew * 1e4, 2))}; 2022: {shorthand}",  # numbers and the print only
                "consistent" if ok else "inconsistent",
                (
                    "A first certification earns more than a renewal; "
                    "the 2022 review's shorthand restates the same "
                    "four amounts."
                    if ok
                    else "The amounts do not fit each other or the 2022 review's shorthand.",
                    "首次认定补助高于重新认定；2022年回眸的简称与这四个数额一致。"
                    if ok
                    else "数额彼此不符或与2022年回眸的简称不符。",
                ),
            )
        )
    return pd.DataFrame(out, columns=COLUMNS)


# ---- concentration: a top list against the total it belongs to --------------------------------

TOP_TEN = 10  # 研发经费投入十强企业名单, 高新技术产业总产值十强企业名单 (zz2022q1): lists of ten firms
TOP_FIVE = 5  # 4家企业进入全省“百强高企”的前5名 (zz2022): the first five places of the provincial list


def concentration(ds: Dataset) -> pd.DataFrame:
    """Top lists against the totals they belong to: the ten largest R&D spenders against the city's
    R&D spending (the implied figure, `rd-spending-2021-implied`), the ten largest high-tech
    producers against high-tech value added, the city's firms in the province's top five, its
    share of the province's enterprise key laboratories."""
    from .quantities import NotAvailable, quantity

    rows = _rows(ds)
    out = []
    try:
        rd_spending = quantity(ds, "rd-spending-2021-implied").value
    except NotAvailable:
        rd_spending = None
    if _have(ds, ["zz2022q1-003"]) and rd_spending:
        each = rows.loc["zz2022q1-003"]
        floor = TOP_TEN * each.value
        out.append(
            _record(
                "concentration",
                ["zz2022q1-003"],
                (
                    "The ten largest R&D spenders of 2021 against the city's R&D spending implied for 2021",
                    "2021年研发经费投入十强企业与推算的全市研发经费",
                ),
                f"{TOP_TEN} × {_num(each)} = ≥{format_number(floor)}; ≥{format_number(floor)} ÷ "
                f"{format_number(round(rd_spending, 1))} = ≥{_pct(floor / rd_spending * 100)}",
                "consistent" if floor <= rd_spending else "inconsistent",
                (
                    "The ten spend at least the share computed; the "
                    "total they belong to is a derived figure whose "
                    "intensity may be 2020's.",
                    "十强企业至少占上述比重；全市总量为推算值，其强度可能是2020年的。",
                ),
            )
        )
    if _have(ds, ["zz2022q1-004", "zz2021-015"]):
        each, value_added = rows.loc["zz2022q1-004"], rows.loc["zz2021-015"]
        floor = TOP_TEN * each.value
        out.append(
            _record(
                "concentration",
                ["zz2022q1-004", "zz2021-015"],
                (
                    "The ten largest high-tech producers of 2021 against the city's high-tech value added",
                    "2021年高新技术产业总产值十强企业与全市高新技术产业增加值",
                ),
                (
                    f"{TOP_TEN} × {_num(each)} = ≥{format_number(floor)} against {_num(value_added)}",
                    f"{TOP_TEN} × {_num(each)} = ≥{format_number(floor)}，对比{_num(value_added)}",
                ),
                "not comparable",
                (
                    "Gross output (总产值) is not value added (增加值): "
                    "output counts the inputs firms buy, so the "
                    "ten's share of the city's value added cannot be read from it.",
                    "总产值不是增加值：产值含中间投入，无法据此算出十强企业占全市增加值的比重。",
                ),
            )
        )
    if _have(ds, ["zz2022-004"]):
        firms = rows.loc["zz2022-004"]
        out.append(
            _record(
                "concentration",
                ["zz2022-004"],
                (
                    "The city's firms among the first five of Hunan's top 100 high-tech enterprises",
                    "全市进入全省“百强高企”前5名的企业",
                ),
                f"{_num(firms)} / {TOP_FIVE} = {_pct(firms.value / TOP_FIVE * 100)}",
                "consistent" if firms.value <= TOP_FIVE else "inconsistent",
                (
                    "The city's firms take most of the first five places."
                    if firms.value > TOP_FIVE / 2
                    else "The city's firms fit within the first five.",
                    "全省前五名中多数为株洲企业。"
                    if firms.value > TOP_FIVE / 2
                    else "全市企业数不超过前五名。",
                ),
            )
        )
    if _have(ds, ["zz2022-029"]):
        share = rows.loc["zz2022-029"]
        n = count_named("approved")
        out.append(
            _record(
                "concentration",
                ["zz2022-029"],
                (
                    "The city's enterprise national key laboratories, of Hunan's",
                    "全市企业全国重点实验室占全省的比重",
                ),
                (
                    f"{n} named = {share.as_printed} of the province's",
                    f"点名{n}家 = 全省的{share.as_printed}",
                ),
                "consistent",
                (
                    "The two laboratories the review names are the two "
                    "thirds it prints (see the counts across reports).",
                    "综述点名的两家即其所称的三分之二（见跨报告核对）。",
                ),
            )
        )
    return pd.DataFrame(out, columns=COLUMNS)


# ---- measures with similar names ----------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """Two terms the sources print for numbers that look alike, and whether they measure the same."""

    rows_a: tuple[str, ...]
    term_a: str
    rows_b: tuple[str, ...]
    term_b: str
    verdict: str  # same measure, different measures, cannot tell
    en: str
    zh: str


SIMILAR = (
    Names(
        ("zz2021-015",),
        "高新技术产业增加值",
        ("zz2022q1-004",),
        "高新技术产业总产值",
        "different measures",
        "Value added against gross output: output also counts the inputs firms buy.",
        "增加值与总产值：总产值还包含企业购入的中间投入。",
    ),
    Names(
        ("zz2022-025",),
        "新增高新技术企业",
        ("zz2022-052",),
        "净增国家高新技术企业",
        "different measures",
        "New certifications against the net change: the net subtracts firms whose certificates lapsed.",
        "新增与净增：净增扣除了资格到期的企业。",
    ),
    Names(
        ("zz2022q1-018",),
        "基础研究申报数",
        ("zz2022q1-019",),
        "认定额",
        "different measures",
        "A sum declared (申报) against a sum certified (认定): the several-fold growth compares the two.",
        "申报数与认定额：“数倍增长”是拿两者相比。",
    ),
    Names(
        ("zz2021-027",),
        "各级科技特派员",
        ("zz2022-064", "zz2025-009"),
        "新选派科技特派员",
        "different measures",
        "Commissioners of all levels against newly selected ones (the 2025 chapter explains).",
        "各级科技特派员与新选派科技特派员（见2025年一章）。",
    ),
    Names(
        ("zz2021-025", "zz2021-052"),
        "双聘精英人才",
        ("zz2022-062", "zz2025-007"),
        "双创精英人才",
        "cannot tell",
        "One character apart (聘 appointed, 创 innovation): a renamed programme or a slip of the copy.",
        "一字之差（聘与创）：可能是计划更名，也可能是转录笔误。",
    ),
    Names(
        ("zz2021-044",),
        "技术合同登记额",
        ("zz2021-042", "zz2022-038"),
        "技术合同交易额",
        "same measure",
        "The value of registered technology contracts "
        "under two names; Yanfeng's 技术合同交易登记总额 joins them.",
        "登记的技术合同金额的两种叫法；雁峰区的“技术合同交易登记总额”兼用二者。",
    ),
    Names(
        ("zz2021-037",),
        "研发投入强度",
        ("zz2022-001", "zz2022-047"),
        "全社会研发投入占比",
        "same measure",
        "R&D spending as a share of GDP under two names.",
        "研发经费占地区生产总值比重的两种叫法。",
    ),
    Names(
        ("zz2021-047",),
        "万人发明专利拥有量",
        ("zz2022-027",),
        "每万人有效发明专利拥有量",
        "same measure",
        "Invention patents held per 10,000 people: the patents held are those in force (有效).",
        "每万人发明专利拥有量：拥有量即有效专利。",
    ),
)


def similar_names(ds: Dataset) -> pd.DataFrame:
    """Measures with similar names: whether the two terms count the same thing, and why."""
    out = []
    for n in SIMILAR:
        if not _have(ds, (*n.rows_a, *n.rows_b)):
            continue
        out.append(
            _record(
                "similar names",
                (*n.rows_a, *n.rows_b),
                (f"{n.term_a} and {n.term_b}", f"{n.term_a}与{n.term_b}"),
                "",
                n.verdict,
                (n.en, n.zh),
            )
        )
    return pd.DataFrame(out, columns=COLUMNS)


def reconciliations(ds: Dataset) -> pd.DataFrame:
    """Every check of this module, one row each."""
    frames = [
        parts_and_wholes(ds),
        counts_across_reports(ds),
        tallies(ds),
        pledge_ratios(ds),
        concentration(ds),
        similar_names(ds),
    ]
    return pd.concat([f for f in frames if not f.empty], ignore_index=True)
