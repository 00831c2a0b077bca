"""Every number a page can name, by key: a printed row by its id, a derived quantity by its name.

The book's pages write {num}`zz2021-037` or {num}`gdp-2021-implied`; the Sphinx extension, the
brief and the slides all resolve keys here, so a number reads the same everywhere and in both
languages comes from the same value.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import quantities
from .load import Dataset
from .narrative import format_observation, format_value
from .quantities import Quantity


class UnknownKey(KeyError):
    """A page names a row id or quantity that is not in the data; the message says which."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Fact:
    """What a reader may want to know about one number on a page."""

    key: str
    kind: str  # "row" or "derived"
    value: float
    unit: str
    qualifier: str
    text_en: str
    text_zh: str
    row: pd.Series | None = None
    quantity: Quantity | None = None

    def text(self, lang: str = "en") -> str:
        return self.text_en if lang == "en" else self.text_zh


class Facts:
    """The rows and the derived quantities of one dataset, looked up by key."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self._rows = ds.observations.set_index("id")

    @cached_property
    def quantities(self) -> dict[str, Quantity]:
        return quantities.compute_all(self.ds)

    def __contains__(self, key: str) -> bool:
        return key in self._rows.index or key in self.quantities

    def get(self, key: str) -> Fact:
        if key in self._rows.index:
            r = self._rows.loc[key]
            row = r.to_dict() | {"id": key}
            return Fact(
                key,
                "row",
                float(r.value),
                r.unit,
                r.qualifier,
                format_observation(row, "en"),
                format_observation(row, "zh"),
                row=r,
            )
        if key in self.quantities:
            q = self.quantities[key]
            return Fact(
                key,
                "derived",
                q.shown_value,
                q.unit,
                q.qualifier,
                format_value(q.shown_value, q.unit, q.qualifier, "en"),
                format_value(q.shown_value, q.unit, q.qualifier, "zh"),
                quantity=q,
            )
        raise UnknownKey(
            f"{key!r} is neither a row id of data/observations.csv nor a derived quantity "
            "(lib/zhuzhou_innovation/derived/)"
        )

    def value(self, key: str) -> float:
        """The unrounded value behind a key (for comparisons and guards)."""
        fact = self.get(key)
        return fact.quantity.value if fact.quantity is not None else fact.value

    def source(self, key: str) -> pd.Series | None:
        """The source row (sources.csv) of a row key, None for a derived quantity."""
        fact = self.get(key)
        if fact.row is None:
            return None
        return self.ds.sources.set_index("id").loc[fact.row.source]
