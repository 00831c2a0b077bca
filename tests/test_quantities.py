"""Derived numbers are computed once, with their inputs, working and range; the registry refuses twins."""

import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from zhuzhou_innovation import quantities
from zhuzhou_innovation.load import load_dataset
from zhuzhou_innovation.quantities import NotAvailable, Rows, Term, derived

LIB = Path(quantities.__file__).parent


def test_arithmetic_on_terms_carries_inputs_working_and_range():
    a = Term(206.2, 206.15, 206.25, ("a",), "206.2")
    b = Term(6.02, 6.015, 6.025, ("b",), "6.02")
    gdp = a / b * 100
    assert gdp.value == pytest.approx(3425.249, abs=1e-3)
    assert gdp.inputs == ("a", "b")
    assert gdp.shown == "206.2 ÷ 6.02 × 100"
    assert gdp.lo == pytest.approx(206.15 / 6.025 * 100) and gdp.hi == pytest.approx(206.25 / 6.015 * 100)
    assert gdp.qualifier == "about"


def test_brackets_are_written_only_where_needed():
    a, b, c = (Term(x, x, x, (n,), str(x)) for n, x in (("a", 1.0), ("b", 2.0), ("c", 3.0)))
    assert (a - b - c).shown == "1.0 − 2.0 − 3.0"
    assert (a - (b - c)).shown == "1.0 − (2.0 − 3.0)"
    assert ((a + b) * c).shown == "(1.0 + 2.0) × 3.0"
    assert (a / (b * c)).shown == "1.0 ÷ (2.0 × 3.0)"


def test_a_bound_makes_the_result_a_bound_and_exact_counts_stay_exact():
    over = Term(120, 120, math.inf, ("t",), "120")
    assert (over / 3.3).qualifier == "over"
    assert (Term.of(5) + Term.of(7)).qualifier == ""


def test_a_quantity_reads_rows_and_other_quantities_from_the_data(data_copy):
    ds = load_dataset(data_copy)
    gdp = quantities.quantity(ds, "gdp-2021-implied")
    rd = quantities.quantity(ds, "rd-spending-2021-implied")
    assert rd.inputs == ("zz2021-037", "gdp-2021-implied")
    assert rd.value == pytest.approx(ds.observations.set_index("id").value["zz2021-037"] / 100 * gdp.value)
    assert "=" in rd.arithmetic and rd.qualifier == "about"


def test_a_changed_row_changes_every_quantity_built_on_it():
    ds = load_dataset()
    before = quantities.quantity(ds, "rd-spending-2021-implied").value
    obs = ds.observations.copy()
    obs.loc[obs.id == "zz2021-044", "value"] *= 2  # in memory: the loader would refuse a value its print contradicts
    after = quantities.compute_all(replace(ds, observations=obs))["rd-spending-2021-implied"].value
    assert after == pytest.approx(before * 2, rel=1e-9)


def test_a_quantity_whose_row_is_gone_is_not_available(data_copy):
    rows = Rows(load_dataset(data_copy))
    with pytest.raises(NotAvailable, match="zz2099-001"):
        rows["zz2099-001"]


def test_a_name_defined_twice_is_refused():
    name = next(iter(quantities.REGISTRY))
    with pytest.raises(ValueError, match="defined twice"):
        derived(name, unit="count", en="x", zh="x", formula_en="x", formula_zh="x")(lambda r: 1)


def test_each_derived_name_is_defined_exactly_once_in_the_library():
    """A derived number is computed in one place: its name appears in one @derived line only."""
    quantities.compute_all(load_dataset())  # imports every definition module
    text = "\n".join(p.read_text(encoding="utf-8") for p in LIB.rglob("*.py"))
    for name in quantities.REGISTRY:
        defined = re.findall(rf'@derived\(\s*"{re.escape(name)}"', text)
        assert len(defined) == 1, f"{name} is defined {len(defined)} times"


def test_every_quantity_has_a_formula_and_names_in_both_languages():
    for q in quantities.compute_all(load_dataset()).values():
        assert q.en and q.zh and q.formula_en and q.formula_zh, q.name
        assert q.inputs, f"{q.name} rests on no printed number"


def test_no_number_is_derived_twice_under_two_names():
    """Two names for one computation (same inputs, unit and value) would let them drift apart."""
    seen: dict[tuple, str] = {}
    for q in quantities.compute_all(load_dataset()).values():
        key = (q.unit, tuple(sorted(q.inputs)), round(q.value, 9))
        assert key not in seen, f"{q.name} and {seen[key]} compute the same number: keep one"
        seen[key] = q.name
