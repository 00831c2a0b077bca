"""The landing page's counts: the city's targets for years no document reports on yet, the rows
that would print GDP or R&D spending (there are none).
Targets are counted by the library (`findings.promises`: a target restated by several documents
once). The counts of the goals for 2022 by verdict are the 2022 chapter's (`zz2021-goals-for-2022`
and its parts, derived/reports_2022_2025.py): the landing page reads those."""

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
