"""The range a printed number stands for, and what two ranges allow: the arithmetic of the checks.

A printed 3.27 stands for 3.265 to 3.275, "over 900" for 900 and above; a check is passed when
the stated and the computed ranges meet, so rounding and bounds never count as contradictions.
"""

from __future__ import annotations

import numpy as np


def decimals(x: float) -> int:
    text = f"{x:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def interval(value: float, qualifier: str = "") -> tuple[float, float]:
    """The range a printed number stands for.

    An exact number stands for half a unit of its last printed digit either side (3.27 for
    3.265 to 3.275); "over X" for X and above, "under X" for X and below; "about X" for X give
    or take five percent (the sources' 左右 and 约 are loose).
    """
    if qualifier == "over":
        return value, np.inf
    if qualifier == "under":
        return -np.inf, value
    half = 0.5 * 10 ** -decimals(value)
    spread = 0.05 * abs(value) if qualifier == "about" else 0.0
    return value - half - spread, value + half + spread


def ratio_range(num: tuple[float, float], den: tuple[float, float]) -> tuple[float, float]:
    """The range of num / den for positive quantities in the given ranges."""
    (a1, a2), (b1, b2) = num, den
    a1, b1 = max(a1, 0.0), max(b1, 0.0)
    lo = 0.0 if b2 == np.inf else a1 / b2
    hi = np.inf if b1 == 0 or a2 == np.inf else a2 / b1
    return lo, hi


def growth_range(now: tuple[float, float], before: tuple[float, float]) -> tuple[float, float]:
    """The growth rates in percent that an end level and a base level in the given ranges allow.

    A check of a stated rate against two printed levels passes for every rate in this range, so
    its width says how much the check can tell: 70亿 to 180亿 allows 154.6% to 159.7%, a real
    test of a printed 157%; 3亿 to 5亿 allows 28.6% to 120%, which almost any rate passes.
    """
    lo, hi = ratio_range(now, before)
    return (lo - 1) * 100, (hi - 1) * 100 if hi != np.inf else np.inf


def verdict(stated: tuple[float, float], computed: tuple[float, float] | None) -> str:
    """`consistent` where the stated and the computed ranges meet, `cannot check` where nothing
    is computed or the computed range is unbounded both ways (two bounds settle nothing)."""
    if computed is None or (computed[0] <= 0 and computed[1] == np.inf):
        return "cannot check"
    return "consistent" if stated[0] <= computed[1] and computed[0] <= stated[1] else "inconsistent"


SIGN = {"over": "≥", "under": "≤", "about": "≈", "": ""}


def shown(value: float, qualifier: str = "") -> str:
    """A number in an arithmetic line, with its qualifier as a sign: ≥900 for "over 900"."""
    return f"{SIGN[qualifier or '']}{value:g}"


FLIP = {"over": "under", "under": "over", "about": "about", "": ""}


def bound_of_quotient(num_q: str, ratio_q: str) -> str | None:
    """The qualifier of numerator / share: over if the numerator is over or the share under;
    None where the two pull different ways and the quotient is not bounded."""
    a, b = num_q or "", FLIP[ratio_q or ""]
    if not a or not b:
        return a or b
    return a if a == b else None
