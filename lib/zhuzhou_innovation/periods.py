"""Periods as the sources print them (2021, 2022Q1, 2022H1, 2022-04, 2016/2020), placed on a time axis."""

from __future__ import annotations

import re

import pandas as pd

PERIOD = re.compile(r"^(\d{4})(?:Q([1-4])|H([12])|-(\d{2})|/(\d{4}))?$")


def period_key(period: str) -> float:
    """A sortable position on the time axis: the middle of the period, in years."""
    m = PERIOD.match(period)
    if not m:
        raise ValueError(f"not a period: {period!r}")
    year = int(m.group(1))
    if m.group(2):
        return year + (int(m.group(2)) - 0.5) / 4
    if m.group(3):
        return year + (int(m.group(3)) - 0.5) / 2
    if m.group(4):
        return year + (int(m.group(4)) - 0.5) / 12
    if m.group(5):
        return (year + int(m.group(5))) / 2 + 0.5
    return year + 0.5


def is_year(period: pd.Series) -> pd.Series:
    """True where a period is a whole calendar year."""
    return period.str.fullmatch(r"\d{4}")


def prev_period(period: str) -> str | None:
    m = PERIOD.match(period)
    if not m or m.group(5) or m.group(4):
        return None
    if m.group(2):
        return f"{int(m.group(1)) - 1}Q{m.group(2)}"
    if m.group(3):
        return f"{int(m.group(1)) - 1}H{m.group(3)}"
    return str(int(m.group(1)) - 1)


def growth_periods(period: str) -> tuple[str | None, str]:
    """The periods of the base and the end level of a growth rate stated for `period`.

    A span such as 2016/2020 ("from 70 to 180 hundred million yuan, up 157%") runs from the end
    of the year before it starts (2015) to the end of its last year (2020); any other period
    grows on the same period a year earlier.
    """
    m = PERIOD.match(period)
    if m and m.group(5):
        return str(int(m.group(1)) - 1), m.group(5)
    return prev_period(period), period
