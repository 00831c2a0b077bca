"""The landing page's counts: the city's targets for the years the documents report on, by
verdict, and the rows that would print GDP or R&D spending (there are none). Counted by the
library (`findings.promises`, a target restated by several documents counted once), explained in
the scorecard chapter and the source checks."""

from __future__ import annotations

from ..findings import CITY, is_due, promises
from ..quantities import NotAvailable, Term, derived


def _count(ids, examined=()) -> Term:
    """A count as a term whose inputs are the rows counted, or where none is, the rows examined
    (so the derived-numbers page shows what a zero rests on)."""
    ids = tuple(dict.fromkeys(ids))
    n = float(len(ids))
    if ids:
        return Term(n, n, n, ids, "count of the rows listed")
    return Term(n, n, n, tuple(dict.fromkeys(examined)), "none of the rows listed")


def _due(r, status: str | list[str] | None = None) -> Term:
    p = promises(r.ds)
    if p.empty:
        raise NotAvailable("the data hold no targets of the city")
    p = p[p.period.map(lambda period: is_due(r.ds, period))]
    examined = [ids[0] for ids in p.target_ids]
    if status is not None:
        p = p[p.status.isin([status] if isinstance(status, str) else status)]
    return _count((ids[0] for ids in p.target_ids), examined)


_DUE_EN = (
    "the city's targets for years up to the latest one any document reports on, "
    "a target restated by several documents counted once"
)
_DUE_ZH = "株洲为已有报告年份设定的目标（多份文件重复提出的目标只计一次）"


@derived(
    "promises-due",
    unit="count",
    explained_in="ch-targets",
    en="Targets for the years the documents report on",
    zh="已有报告年份的目标数",
    formula_en=f"count of {_DUE_EN}",
    formula_zh=f"{_DUE_ZH}的个数",
)
def _promises_due(r):
    return _due(r)


@derived(
    "promises-due-met",
    unit="count",
    explained_in="ch-targets",
    en="Of those, targets met",
    zh="其中已完成的目标数",
    formula_en=f"count of {_DUE_EN}, that a later report shows met",
    formula_zh=f"{_DUE_ZH}中，后续报告表明已完成的个数",
)
def _promises_met(r):
    return _due(r, "met")


@derived(
    "promises-due-missed",
    unit="count",
    explained_in="ch-targets",
    en="Of those, targets missed",
    zh="其中未完成的目标数",
    formula_en=f"count of {_DUE_EN}, that a later report shows missed",
    formula_zh=f"{_DUE_ZH}中，后续报告表明未完成的个数",
)
def _promises_missed(r):
    return _due(r, "missed")


@derived(
    "promises-due-judged",
    unit="count",
    explained_in="ch-targets",
    en="Of those, targets a later report lets us judge",
    zh="其中可据后续报告判断的目标数",
    formula_en=f"count of {_DUE_EN}, met or missed",
    formula_zh=f"{_DUE_ZH}中，已完成或未完成的个数",
)
def _promises_judged(r):
    return _due(r, ["met", "missed"])


@derived(
    "promises-due-unjudged",
    unit="count",
    explained_in="ch-targets",
    en="Of those, targets that cannot be judged",
    zh="其中无法判断的目标数",
    formula_en=f"count of {_DUE_EN}, with a later number that cannot settle them",
    formula_zh=f"{_DUE_ZH}中，后续数字不足以判断的个数",
)
def _promises_unjudged(r):
    return _due(r, "not comparable")


@derived(
    "promises-due-unreported",
    unit="count",
    explained_in="ch-targets",
    en="Of those, targets no later report mentions",
    zh="其中后续报告未再提及的目标数",
    formula_en=f"count of {_DUE_EN}, that no later report gives",
    formula_zh=f"{_DUE_ZH}中，后续报告未再提及的个数",
)
def _promises_unreported(r):
    return _due(r, "not yet reported")


@derived(
    "promises-open",
    unit="count",
    explained_in="ch-targets",
    en="Targets for years no document reports on yet",
    zh="尚无报告年份的目标数",
    formula_en="count of the city's targets for years after the latest one any document reports on, "
    "a restated target counted once",
    formula_zh="株洲为尚无报告的年份设定的目标（重复提出的只计一次）的个数",
)
def _promises_open(r):
    p = promises(r.ds)
    if p.empty:
        raise NotAvailable("the data hold no targets of the city")
    return _count(
        (ids[0] for ids, period in zip(p.target_ids, p.period, strict=True) if not is_due(r.ds, period)),
        [ids[0] for ids in p.target_ids],
    )


def _printed_levels(r, indicator: str) -> Term:
    """The city's rows that report the indicator as a level; examined: every row that speaks of
    it (a target, a rank, a share of it)."""
    obs = r.ds.observations
    city = obs[obs.region == CITY]
    about = city[(city.indicator == indicator) | (city.share_of == indicator)]
    return _count(about[(about.indicator == indicator) & (about.kind == "actual")].id, about.id)


@derived(
    "printed-gdp-levels",
    unit="count",
    explained_in="ch-source-checks",
    en="Rows that print Zhuzhou's GDP",
    zh="载有株洲市地区生产总值的数字行",
    formula_en="count of the rows that report the city's GDP as a level",
    formula_zh="以水平值报告株洲市地区生产总值的数字行个数",
)
def _printed_gdp(r):
    return _printed_levels(r, "gdp")


@derived(
    "printed-rd-spending-levels",
    unit="count",
    explained_in="ch-source-checks",
    en="Rows that print Zhuzhou's R&D spending",
    zh="载有株洲市研发经费投入的数字行",
    formula_en="count of the rows that report the city's R&D spending as a level",
    formula_zh="以水平值报告株洲市研发经费投入的数字行个数",
)
def _printed_rd(r):
    return _printed_levels(r, "rd_spending")


@derived(
    "suspects-zz2022",
    unit="count",
    explained_in="ch-source-checks",
    en="Suspect numbers in the 2022 review",
    zh="2022年综述中的存疑数字个数",
    formula_en="count of the 2022 review's rows flagged suspect",
    formula_zh="2022年综述中标为存疑的数字行个数",
)
def _suspects_zz2022(r):
    obs = r.ds.observations
    if "zz2022" not in set(r.ds.sources.id):
        raise NotAvailable("source 'zz2022' is not in the data")
    mine = obs[obs.source == "zz2022"]
    return _count(mine[mine.flag == "suspect"].id, mine.id)
