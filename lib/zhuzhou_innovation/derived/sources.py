"""The sources chapter's counts: the numbers of the 2025 reply that are not targets, and the
repeats in the 2021 review's text. Each is counted from the data, with the rows counted as its
inputs. The chapter reads the counts other chapters define (suspect-count, zz2022-suspects,
zz2025-goals) rather than counting them again."""

from __future__ import annotations

from ..quantities import NotAvailable, Term, derived


def _count(ids) -> Term:
    """A count whose inputs are the rows counted (listed on the derived-numbers page)."""
    ids = tuple(dict.fromkeys(ids))
    n = float(len(ids))
    return Term(n, n, n, ids, "count of the rows listed")


def _rows(r, source: str | None = None, **where: str):
    obs = r.ds.observations
    if source is not None:
        if source not in set(r.ds.sources.id):
            raise NotAvailable(f"source {source!r} is not in the data")
        obs = obs[obs.source == source]
    for column, value in where.items():
        obs = obs[obs[column] == value]
    return obs


@derived(
    "zz2025-non-targets",
    unit="count",
    explained_in="ch-sources",
    en="Numbers of the 2025 reply that are not targets",
    zh="2025年答复中不属于目标的数字个数",
    formula_en="count of the 2025 reply's rows that report rather than promise",
    formula_zh="2025年答复中属于实际（而非目标）的数字行个数",
)
def _zz2025_non_targets(r):
    rows = _rows(r, "zz2025")
    reported = rows[rows.kind != "target"]
    if reported.empty:  # none: the count rests on the rows examined
        n = 0.0
        return Term(n, n, n, tuple(rows.id), "none of the rows listed")
    return _count(reported.id)


def _repeats(r):
    """How often each quote of the 2021 review occurs in its text (the page repeats paragraphs)."""
    rows = _rows(r, "zz2021")
    if "zz2021" not in r.ds.texts:
        raise NotAvailable("the text of source 'zz2021' is not loaded")
    text = r.ds.texts["zz2021"]
    return {row_id: text.count(quote) for row_id, quote in zip(rows.id, rows.quote, strict=True)}


@derived(
    "zz2021-repeated-quotes",
    unit="count",
    explained_in="ch-sources",
    en="Quotes the 2021 review's text prints more than once",
    zh="2021年综述原文中重复出现的引文数",
    formula_en="count of the 2021 review's rows whose quote occurs more than once in its text",
    formula_zh="2021年综述中引文在原文出现不止一次的数字行个数",
)
def _repeated(r):
    return _count(i for i, n in _repeats(r).items() if n > 1)


@derived(
    "zz2021-most-repeats",
    unit="count",
    explained_in="ch-sources",
    en="Most times one quote occurs in the 2021 review's text",
    zh="2021年综述原文中同一引文的最多出现次数",
    formula_en="the largest number of times a quote of the 2021 review occurs in its text",
    formula_zh="2021年综述各引文在原文中出现次数的最大值",
)
def _most(r):
    counts = _repeats(r)
    top = max(counts, key=counts.get)
    n = float(counts[top])
    return Term(n, n, n, (top,), "occurrences of the quote of the row listed")
