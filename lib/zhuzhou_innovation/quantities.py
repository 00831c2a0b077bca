"""Named quantities: every number the book derives, computed once, with its formula and input rows.

A definition is a short function of the printed rows, written as ordinary arithmetic:

    @derived("gdp-2021-example", unit="100m_cny",
             en="Zhuzhou's GDP in 2021, implied", zh="推算的2021年株洲市地区生产总值",
             formula_en="technology-contract turnover ÷ its share of GDP",
             formula_zh="技术合同成交额 ÷ 其占地区生产总值比重")
    def _(r):
        return r["zz2021-044"] / r["zz2021-045"] * 100

`r[...]` hands back a `Term`: the row's value with the range its print stands for (3.27 for 3.265
to 3.275; a count exactly; "over 900" for 900 and up), the row ids it rests on and the arithmetic
written out with the printed numbers. Arithmetic on terms carries all three along, so a quantity
knows its inputs, shows its working ("206.2 ÷ 6.02 × 100 = 3,425.2") and knows whether it is
exact, approximate ("about") or a bound ("over"), without anyone restating them. `r.q("name")`
reads another quantity. The book's pages write {num}`gdp-2021-implied`; the page of derived
numbers lists every quantity with its formula, its inputs (linked to their rows) and its value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .load import Dataset
from .ranges import interval

# Operator precedence for writing out arithmetic with only the brackets it needs.
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "atom": 9}
_SYMBOL = {"+": " + ", "-": " − ", "*": " × ", "/": " ÷ "}


class NotAvailable(LookupError):
    """A quantity's inputs are not in the data (a row was removed, a report not yet added)."""


@dataclass(frozen=True)
class Term:
    """A number in a derivation: value, the range it stands for, its inputs, its written arithmetic."""

    value: float
    lo: float
    hi: float
    inputs: tuple[str, ...] = ()
    shown: str = ""
    prec: int = _PREC["atom"]

    @staticmethod
    def of(x: float | Term) -> Term:
        """A plain number (a constant such as 100, or a count) as an exact term."""
        if isinstance(x, Term):
            return x
        return Term(float(x), float(x), float(x), (), _plain(float(x)))

    def _wrap(self, prec: int, right: bool = False) -> str:
        return f"({self.shown})" if self.prec < prec or (right and self.prec == prec) else self.shown

    def _op(self, other: float | Term, op: str, swap: bool = False) -> Term:
        a, b = (Term.of(other), self) if swap else (self, Term.of(other))
        value = {
            "+": a.value + b.value,
            "-": a.value - b.value,
            "*": a.value * b.value,
            "/": a.value / b.value if b.value else math.nan,
        }[op]
        lo, hi = _interval_op(op, (a.lo, a.hi), (b.lo, b.hi))
        prec = _PREC[op]
        shown = f"{a._wrap(prec)}{_SYMBOL[op]}{b._wrap(prec, right=op in '-/')}"
        return Term(value, lo, hi, tuple(dict.fromkeys(a.inputs + b.inputs)), shown, prec)

    def __add__(self, o):
        return self._op(o, "+")

    def __radd__(self, o):
        return self._op(o, "+", swap=True)

    def __sub__(self, o):
        return self._op(o, "-")

    def __rsub__(self, o):
        return self._op(o, "-", swap=True)

    def __mul__(self, o):
        return self._op(o, "*")

    def __rmul__(self, o):
        return self._op(o, "*", swap=True)

    def __truediv__(self, o):
        return self._op(o, "/")

    def __rtruediv__(self, o):
        return self._op(o, "/", swap=True)

    def __pow__(self, exponent: float) -> Term:
        """A power with a constant exponent (compound growth over n years)."""
        ends = sorted(x**exponent if x != math.inf else math.inf for x in (max(self.lo, 0), self.hi))
        return Term(
            self.value**exponent,
            ends[0],
            ends[1],
            self.inputs,
            f"{self._wrap(_PREC['atom'])}^{_plain(exponent, 4)}",
            _PREC["atom"],
        )

    @property
    def exact(self) -> bool:
        return self.lo == self.hi

    @property
    def qualifier(self) -> str:
        """'' when exact, 'over' or 'under' when one side is unbounded, else 'about'."""
        if self.exact:
            return ""
        if self.hi == math.inf:
            return "over"
        if self.lo == -math.inf:
            return "under"
        return "about"


def _plain(x: float, digits: int = 2) -> str:
    """A number inside written-out arithmetic: separators, at most `digits` decimals, but a number
    under one keeps three significant figures (0.7 ÷ 412 = 0.0017, never 0)."""
    if 0 < abs(x) < 1:
        digits = max(digits, 2 - math.floor(math.log10(abs(x))))
    text = f"{round(x, digits):,.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _shown_value(term: Term) -> str:
    """A working's result: a year (a whole number its label calls one) without a separator, 2019
    and not 2,019; any other number as `_plain` writes it."""
    if "year" in term.shown and float(term.value).is_integer():
        return f"{term.value:.0f}"
    return _plain(term.value)


def _interval_op(op: str, a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The range of a op b for a, b in the given ranges (inf-safe)."""
    if op == "+":
        return a[0] + b[0], a[1] + b[1]
    if op == "-":
        return a[0] - b[1], a[1] - b[0]
    if op == "/":
        if b[0] <= 0 <= b[1]:
            return -math.inf, math.inf
        b = (1 / b[1] if b[1] != math.inf else 0.0, 1 / b[0])
    with np.errstate(invalid="ignore"):
        products = [x * y for x in a for y in b]
    products = [0.0 if math.isnan(p) else p for p in products]  # 0 × inf: a zero bound stays zero
    return min(products), max(products)


@dataclass(frozen=True)
class Quantity:
    """A derived number as the book shows it: value, unit, qualifier, formula, inputs, working."""

    name: str
    value: float
    unit: str
    qualifier: str
    inputs: tuple[str, ...]
    arithmetic: str
    en: str
    zh: str
    formula_en: str
    formula_zh: str
    explained_in: str = ""
    caveat_en: str = ""
    caveat_zh: str = ""
    lo: float = math.nan
    hi: float = math.nan
    digits: int = 3

    @property
    def shown_value(self) -> float:
        """The value as a reader is shown it: an exact whole count whole, else `digits` significant
        figures (an average of counts, such as staff per firm, is exact but not whole)."""
        if self.qualifier == "" and self.unit in ("count", "rank") and float(self.value).is_integer():
            return self.value
        return _significant(self.value, self.digits)


@dataclass(frozen=True)
class Definition:
    name: str
    compute: Callable[[Rows], Term | float]
    unit: str
    en: str
    zh: str
    formula_en: str
    formula_zh: str
    explained_in: str = ""
    caveat_en: str = ""
    caveat_zh: str = ""
    digits: int = 3  # significant figures a reader is shown (an exact count is shown whole)


REGISTRY: dict[str, Definition] = {}


def derived(
    name: str,
    *,
    unit: str,
    en: str,
    zh: str,
    formula_en: str,
    formula_zh: str,
    explained_in: str = "",
    caveat_en: str = "",
    caveat_zh: str = "",
    digits: int = 3,
):
    """Register the function below as the one definition of quantity `name`."""

    def register(fn: Callable[[Rows], Term | float]):
        if name in REGISTRY:
            raise ValueError(
                f"quantity {name!r} is defined twice ({REGISTRY[name].compute.__module__} "
                f"and {fn.__module__}): a derived number is computed once"
            )
        REGISTRY[name] = Definition(
            name, fn, unit, en, zh, formula_en, formula_zh, explained_in, caveat_en, caveat_zh, digits
        )
        return fn

    return register


@dataclass
class Rows:
    """What a definition reads: rows by id (as terms), other quantities, the dataset itself."""

    ds: Dataset
    _by_id: pd.DataFrame = field(init=False, repr=False)
    _done: dict[str, Quantity] = field(default_factory=dict, repr=False)
    _busy: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._by_id = self.ds.observations.set_index("id")

    def __getitem__(self, row_id: str) -> Term:
        if row_id not in self._by_id.index:
            raise NotAvailable(f"row {row_id!r} is not in the data")
        r = self._by_id.loc[row_id]
        lo, hi = (
            (r.value, r.value)
            if r.unit in ("count", "rank") and not r.qualifier
            else interval(r.value, r.qualifier)
        )
        return Term(float(r.value), float(lo), float(hi), (row_id,), _plain(float(r.value), 4))

    def row(self, row_id: str) -> pd.Series:
        """The whole row (for its period, flag or note), not a term."""
        if row_id not in self._by_id.index:
            raise NotAvailable(f"row {row_id!r} is not in the data")
        return self._by_id.loc[row_id]

    def q(self, name: str) -> Term:
        """Another quantity as a term of this one (its inputs become this one's inputs)."""
        got = self.quantity(name)
        return Term(got.value, got.lo, got.hi, (name,), _plain(got.value), _PREC["atom"])

    def quantity(self, name: str) -> Quantity:
        if name in self._done:
            return self._done[name]
        if name not in REGISTRY:
            raise NotAvailable(f"no quantity named {name!r}")
        if name in self._busy:
            raise ValueError(
                f"quantities refer to each other in a circle: {' -> '.join([*self._busy, name])}"
            )
        self._busy.append(name)
        try:
            d = REGISTRY[name]
            term = Term.of(d.compute(self))
        finally:
            self._busy.pop()
        done = Quantity(
            name,
            term.value,
            d.unit,
            term.qualifier,
            term.inputs,
            f"{term.shown} = {_shown_value(term)}" if term.inputs else _shown_value(term),
            d.en,
            d.zh,
            d.formula_en,
            d.formula_zh,
            d.explained_in,
            d.caveat_en,
            d.caveat_zh,
            term.lo,
            term.hi,
            d.digits,
        )
        self._done[name] = done
        return done


def _significant(x: float, digits: int) -> float:
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def compute_all(ds: Dataset) -> dict[str, Quantity]:
    """Every registered quantity whose inputs are in the data, by name."""
    from . import derived as _definitions  # noqa: F401  (importing registers the definitions)

    rows = Rows(ds)
    out = {}
    for name in REGISTRY:
        try:
            out[name] = rows.quantity(name)
        except NotAvailable:
            continue
    return out


def quantity(ds: Dataset, name: str) -> Quantity:
    """One quantity by name (raises NotAvailable where its inputs are missing)."""
    from . import derived as _definitions  # noqa: F401

    return Rows(ds).quantity(name)


def table(quantities: dict[str, Quantity]) -> pd.DataFrame:
    """The quantities as a table: name, value, unit, qualifier, inputs, arithmetic, formula."""
    cols = ["name", "value", "unit", "qualifier", "inputs", "arithmetic", "en", "formula_en", "explained_in"]
    return pd.DataFrame(
        [
            {c: (", ".join(q.inputs) if c == "inputs" else getattr(q, c)) for c in cols}
            for q in quantities.values()
        ],
        columns=cols,
    )
