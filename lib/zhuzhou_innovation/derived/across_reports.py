"""Quantities of the chapters across reports: trends (07) and the scorecard (08).

Counts come from the library functions that make the chapters' tables (`series.recurring`,
`series.followable`, `scorecard.promises`), so a sentence that says "three promises" counts
what the table lists. Growth rates recomputed from two printed levels, and what a target
implies, are written as arithmetic on the rows, so the derived-numbers page shows the working.
"""

from __future__ import annotations

from .. import scorecard, series
from ..quantities import Term, derived
from .reports_2022_2025 import at_most

# --- counting rows: the count, with what it counted (or, for none, what it counted among) ----


def _count(counted: list[str], among: list[str]) -> Term:
    """A count as a term: its inputs are the rows counted (or, for a count of none, the rows
    looked at), its working "3 of 39"."""
    n = float(len(counted))
    return Term(n, n, n, tuple(dict.fromkeys(counted or among)), f"{len(counted)} of {len(among)}")


_CACHE: dict[str, tuple[object, object]] = {}


def _promises(r, peers: bool = False):
    """`scorecard.promises` of the quantities' dataset, worked out once per dataset."""
    key = f"promises-{peers}"
    if key not in _CACHE or _CACHE[key][0] is not r.ds:
        _CACHE[key] = (r.ds, scorecard.promises(r.ds, peers=peers))
    return _CACHE[key][1]


def _promises_where(r, **where) -> Term:
    """A count of promises with the rows it rests on: every target row of each promise counted,
    the outcome that decided its status and the rows its reading rests on."""
    p = _promises(r)
    chosen = p
    for column, value in where.items():
        chosen = chosen[chosen[column] == value]
    rows = [
        i
        for c in chosen.itertuples()
        for i in (*c.target_ids.split(", "), c.actual_id, *c.reading_inputs.split(", "))
        if i
    ]
    n = float(len(chosen))
    return Term(n, n, n, tuple(dict.fromkeys(rows or list(p.promise))), f"{len(chosen)} of {len(p)}")


def _recurring_ids(r) -> dict[str, str]:
    """Each recurring indicator of the city with one row that shows it recurs (its first)."""
    obs = r.ds.observations
    rec = series.recurring(r.ds)
    city = obs[obs.region == "zhuzhou"].sort_values("id")
    return {i: city[city.indicator == i].id.iloc[0] for i in rec.indicator}


def _followable_count(r, how: str) -> Term:
    ids = _recurring_ids(r)
    counted = [row for i, row in ids.items() if series.followable(r.ds, i)["how"] == how]
    return _count(counted, list(ids.values()))


# --- chapter 07: trends --------------------------------------------------------------------


@derived(
    "trends-recurring-indicators",
    unit="count",
    explained_in="ch-trends",
    en="Indicators the city's rows give for two or more periods",
    zh="株洲市数据中出现于两个及以上时期的指标数",
    formula_en="count of indicators with rows (any kind) for two or more periods",
    formula_zh="有两个及以上时期数据（任何类型）的指标个数",
)
def _recurring(r):
    ids = _recurring_ids(r)
    return _count(list(ids.values()), list(ids.values()))


@derived(
    "trends-targets-only",
    unit="count",
    explained_in="ch-trends",
    en="Recurring indicators that are only ever targets",
    zh="只以目标形式出现的重复指标数",
    formula_en="recurring indicators with no outcome in any period",
    formula_zh="没有任何时期实际值的重复指标个数",
)
def _targets_only(r):
    rec = series.recurring(r.ds)
    ids = _recurring_ids(r)
    return _count([ids[i] for i in rec[rec.reported.map(len) == 0].indicator], list(ids.values()))


@derived(
    "trends-followable-lines",
    unit="count",
    explained_in="ch-trends",
    en="Recurring indicators that can be followed as a line",
    zh="可连成一条线的重复指标数",
    formula_en="recurring indicators with two comparable exact yearly levels",
    formula_zh="有两个可比的确切年度数值的重复指标个数",
)
def _lines(r):
    return _followable_count(r, "line")


@derived(
    "trends-breaks",
    unit="count",
    explained_in="ch-trends",
    en="Recurring indicators whose two levels count different things",
    zh="两年数值统计口径不同的重复指标数",
    formula_en="recurring indicators whose yearly levels are not comparable (a change of definition or a suspect value)",
    formula_zh="年度数值不可比（口径变化或数值存疑）的重复指标个数",
)
def _breaks(r):
    return _followable_count(r, "break")


@derived(
    "patents-per-10k-growth-2022",
    unit="pct",
    explained_in="ch-trends",
    en="Growth of invention patents per 10,000 people in 2022, recomputed",
    zh="2022年每万人发明专利拥有量增幅（推算）",
    formula_en="the 2022 level ÷ the 2021 level − 1, in percent",
    formula_zh="2022年数值 ÷ 2021年数值 − 1（百分比）",
)
def _patents_growth(r):
    return (r["zz2022-027"] / r["zz2021-047"] - 1) * 100


@derived(
    "hte-2025-annual-growth",
    unit="pct",
    explained_in="ch-trends",
    en="Yearly growth the 2025 high-tech enterprise target asks for, at most",
    zh="2025年高新技术企业目标要求的年均增速（上限）",
    formula_en="(target for 2025 ÷ the 2022 count) to the power 1/3, − 1, in percent",
    formula_zh="（2025年目标 ÷ 2022年数量）的1/3次方 − 1（百分比）",
)
def _hte_2025(r):
    return at_most(((r["zz2025-004"] / r["zz2022-002"]) ** (1 / 3) - 1) * 100)


@derived(
    "provincial-rd-subsidies-fall-2022",
    unit="pct",
    explained_in="ch-trends",
    en="Fall in provincial R&D subsidy funds received, 2021 to 2022",
    zh="2021至2022年省研发奖补资金降幅",
    formula_en="1 − the 2022 amount ÷ the 2021 amount, in percent",
    formula_zh="1 − 2022年金额 ÷ 2021年金额（百分比）",
)
def _subsidies(r):
    return (1 - r["zz2022-010"] / r["zz2021-018"]) * 100


@derived(
    "provincial-rd-subsidy-firms-fall-2022",
    unit="pct",
    explained_in="ch-trends",
    en="Fall in the number of firms receiving provincial R&D subsidies, 2021 to 2022",
    zh="2021至2022年获省研发奖补资金企业数降幅",
    formula_en="1 − the 2022 count ÷ the 2021 count, in percent",
    formula_zh="1 − 2022年企业数 ÷ 2021年企业数（百分比）",
)
def _subsidy_firms(r):
    return (1 - r["zz2022-009"] / r["zz2021-017"]) * 100


@derived(
    "kvc-goal-2025-vs-2022",
    unit="times",
    explained_in="ch-trends",
    en="The 2025 goal for knowledge-value credit loans as a multiple of the 2022 goal",
    zh="2025年知识价值信用贷款目标相当于2022年目标的倍数",
    formula_en="goal for 2025 ÷ goal for 2022",
    formula_zh="2025年目标 ÷ 2022年目标",
)
def _kvc(r):
    return r["zz2025-005"] / r["zz2021-043"]


@derived(
    "rd-streak-readings-consistent",
    unit="count",
    explained_in="ch-trends",
    en="Readings of the R&D rank runs under which every report's run starts in the same year",
    zh="各报告研发强度连续第一起始年份一致的解读方式个数",
    formula_en="of the two readings (the year reviewed, the publication lag), those giving one first year",
    formula_zh="两种解读（所述年份、发布滞后）中起始年份唯一的个数",
)
def _streak_consistent(r):
    st = series.rank_streaks(r.ds)
    n = float(sum(len(series.streak_starts(st, reading)) == 1 for reading in series.READINGS))
    return Term(n, n, n, tuple(st.id), "readings with one first year")


@derived(
    "rd-streak-first-year-as-recorded",
    unit="count",
    explained_in="ch-trends",
    en="First year of the R&D rank run, each report read as of the year it reviews",
    zh="按各报告所述年份解读的研发强度连续第一起始年",
    formula_en="last year − years running + 1 (the earliest over the reports)",
    formula_zh="末年 − 连续年数 + 1（取最早）",
)
def _first_recorded(r):
    st = series.rank_streaks(r.ds)
    y = float(min(st.first_as_recorded))
    return Term(y, y, y, tuple(st.id), "earliest first year")


@derived(
    "rd-streak-first-year-lagged",
    unit="count",
    explained_in="ch-trends",
    en="First year of the R&D rank run, read with the publication lag",
    zh="按发布滞后解读的研发强度连续第一起始年",
    formula_en="as above, a year earlier for runs printed before the year's statistics were final",
    formula_zh="同上，统计数据公布前刊发者提前一年",
)
def _first_lagged(r):
    st = series.rank_streaks(r.ds)
    y = float(min(st.first_lagged))
    return Term(y, y, y, tuple(st.id), "earliest first year")


# --- chapter 08: the scorecard -----------------------------------------------------------------


@derived(
    "scorecard-target-rows",
    unit="count",
    explained_in="ch-targets",
    en="Target rows in the sources",
    zh="各来源中的目标数据行数",
    formula_en="count of rows of kind target, every place",
    formula_zh="类型为目标的数据行数（所有地区）",
)
def _target_rows(r):
    obs = r.ds.observations
    ids = list(obs[obs.kind == "target"].id)
    return _count(ids, ids)


@derived(
    "promises-zhuzhou",
    unit="count",
    explained_in="ch-targets",
    en="Zhuzhou's promises: targets counted once",
    zh="株洲的承诺数（重复目标只计一次）",
    formula_en="target rows grouped by indicator, place, year, measure and number; peer districts left out",
    formula_zh="按指标、地区、年份、口径和数值合并目标行，不含同类地区",
)
def _promises_n(r):
    ids = list(_promises(r).promise)
    return _count(ids, ids)


@derived(
    "promises-restated",
    unit="count",
    explained_in="ch-targets",
    en="Promises set by more than one report",
    zh="由多份报告重复提出的承诺数",
    formula_en="promises with two or more target rows",
    formula_zh="含两个及以上目标行的承诺个数",
)
def _restated(r):
    p = _promises(r)
    return _count(list(p[p.n_rows > 1].promise), list(p.promise))


@derived(
    "promises-peer",
    unit="count",
    explained_in="ch-targets",
    en="Targets set by the peer district's article",
    zh="同类地区文章设定的目标数",
    formula_en="promises set by a source of kind peer",
    formula_zh="来源类型为同类地区的承诺个数",
)
def _peer(r):
    p = _promises(r, peers=True)
    return _count(list(p[p.peer].promise), list(p.promise))


@derived(
    "promises-met",
    unit="count",
    explained_in="ch-targets",
    en="Zhuzhou's promises with the status met",
    zh="判定为“完成”的株洲承诺数",
    formula_en="promises whose formal status is met",
    formula_zh="判定结果为“完成”的承诺个数",
)
def _status_met(r):
    return _promises_where(r, status="met")


@derived(
    "promises-missed",
    unit="count",
    explained_in="ch-targets",
    en="Zhuzhou's promises with the status missed",
    zh="判定为“未完成”的株洲承诺数",
    formula_en="promises whose formal status is missed",
    formula_zh="判定结果为“未完成”的承诺个数",
)
def _status_missed(r):
    return _promises_where(r, status="missed")


@derived(
    "promises-read-probably-missed",
    unit="count",
    explained_in="ch-targets",
    en="Zhuzhou's promises whose best reading is probably missed",
    zh="最佳解读为“很可能未完成”的株洲承诺数",
    formula_en="promises the reading rules read as probably missed",
    formula_zh="按解读规则判为“很可能未完成”的承诺个数",
)
def _read_probably_missed(r):
    return _promises_where(r, reading="probably missed")


@derived(
    "promises-read-possibly-missed",
    unit="count",
    explained_in="ch-targets",
    en="Zhuzhou's promises whose best reading is possibly missed",
    zh="最佳解读为“可能未完成”的株洲承诺数",
    formula_en="promises the reading rules read as possibly missed",
    formula_zh="按解读规则判为“可能未完成”的承诺个数",
)
def _read_possibly_missed(r):
    return _promises_where(r, reading="possibly missed")


@derived(
    "promises-read-open",
    unit="count",
    explained_in="ch-targets",
    en="Zhuzhou's promises whose best reading is open",
    zh="最佳解读为“尚无定论”的株洲承诺数",
    formula_en="promises the reading rules read as open",
    formula_zh="按解读规则判为“尚无定论”的承诺个数",
)
def _read_open(r):
    return _promises_where(r, reading="open")


@derived(
    "last-outcome-year",
    unit="count",
    explained_in="ch-targets",
    en="The last year any source reports an outcome for",
    zh="各来源报告实际结果的最后年份",
    formula_en="the latest whole year with a row that is not a target",
    formula_zh="非目标数据行的最晚整年",
)
def _last_year(r):
    obs = r.ds.observations
    done = obs[(obs.kind != "target") & series.is_year(obs.period)]
    year = float(done.period.astype(int).max())
    ids = list(done[done.period.astype(int) == year].id)
    return Term(year, year, year, tuple(ids), "latest year")


@derived(
    "htva-growth-2022-at-most",
    unit="pct",
    explained_in="ch-targets",
    en="Growth of high-tech value added in 2022 at most, on the 2022 plan's GDP",
    zh="按2022年目标隐含地区生产总值计算的2022年高新技术产业增加值增速上限",
    formula_en="the 2022 share of GDP × the GDP the 2022 targets assume ÷ the 2021 level − 1, in percent",
    formula_zh="2022年占地区生产总值比重 × 2022年目标隐含地区生产总值 ÷ 2021年数值 − 1（百分比）",
)
def _htva_most(r):
    return scorecard.share_growth_term(r, "zz2021-051")


@derived(
    "htva-share-2022-needed",
    unit="pct",
    explained_in="ch-targets",
    en="The share of GDP high-tech value added needed in 2022 for the growth target, on the plan's GDP",
    zh="按2022年目标隐含地区生产总值，实现增长目标所需的2022年高新技术产业增加值占比",
    formula_en="the 2021 level × (1 + the growth targeted) ÷ the GDP the 2022 targets assume, in percent",
    formula_zh="2021年数值 × （1 + 增长目标） ÷ 2022年目标隐含地区生产总值（百分比）",
)
def _htva_needed(r):
    return r["zz2021-015"] * (1 + r["zz2021-051"] / 100) / r.q("gdp-2022-plan-implied") * 100
