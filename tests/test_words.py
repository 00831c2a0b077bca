"""Words beside numbers are chosen by the data, and guards stop a sentence the data no longer support."""

from types import SimpleNamespace

import pytest
from zhuzhou_innovation import words
from zhuzhou_innovation.words import ClaimError, check, holds, render, word


class FakeFacts:
    """Just enough of Facts: values and units by key."""

    def __init__(self, **values):
        self.values = {k.replace("_", "-"): v for k, v in values.items()}

    def value(self, key):
        if key not in self.values:
            raise KeyError(f"{key!r} is not in the data")
        v = self.values[key]
        return v[0] if isinstance(v, tuple) else v

    def get(self, key):
        v = self.values[key]
        unit = v[1] if isinstance(v, tuple) else "count"
        return SimpleNamespace(unit=unit, text=lambda lang="en": f"<{key}>")


def test_a_comparison_word_follows_the_values():
    facts = FakeFacts(a_001=3.27, b_001=3.4, c_001=3.27)
    assert word("rise a-001 b-001", facts) == "rise"
    assert word("rise b-001 a-001", facts) == "fall"
    assert word("rise a-001 c-001", facts) == "stay level"
    assert word("more a-001 b-001", facts, "zh") == "多"


def test_for_ranks_a_smaller_number_is_the_higher_place():
    facts = FakeFacts(r_001=(3, "rank"), r_002=(1, "rank"))
    assert word("rose r-001 r-002", facts) == "rose"


def test_one_key_words_read_numbers_as_words():
    facts = FakeFacts(x_001=2.0, y_001=0.1, z_001=0.036, n_001=3, k_001=2, p_001=1)
    assert word("times x-001", facts) == "twice"
    assert word("fraction y-001", facts) == "a tenth"
    assert word("fraction z-001", facts) == "about a thirtieth"
    assert word("fraction z-001", facts, "zh") == "约三十分之一"
    assert word("count n-001", facts) == "three"
    assert word("ordinal k-001", facts) == "second"
    assert word("plural p-001 target targets", facts) == "target"
    assert word("plural n-001 target targets", facts) == "targets"


def test_plural_writes_nothing_in_chinese_whose_words_do_not_inflect_for_number():
    facts = FakeFacts(p_001=1, n_001=3)
    assert word("plural p-001 names name", facts, "zh") == ""
    assert word("plural n-001 names name", facts, "zh") == ""


def test_an_unknown_form_or_key_is_an_error_that_says_which():
    facts = FakeFacts(a_001=1)
    with pytest.raises(ClaimError, match="no word form 'sideways'"):
        word("sideways a-001 a-001", facts)
    with pytest.raises(ClaimError, match="b-001"):
        word("rise a-001 b-001", facts)


def test_guards_evaluate_keys_arithmetic_and_comparisons():
    facts = FakeFacts(a_001=2, b_001=3, c_001=5)
    assert holds("a-001 + b-001 == c-001", facts)
    assert holds("c-001 - a-001 > 2 and a-001 < b-001 < c-001", facts)
    assert not holds("a-001 > b-001", facts)
    assert holds("abs(a-001 - b-001) == 1", facts)


def test_a_guard_that_fails_names_the_values():
    with pytest.raises(ClaimError, match=r"a-001 \(= 2\)"):
        check("a-001 > b-001", FakeFacts(a_001=2, b_001=3))


def test_a_guard_allows_no_other_code():
    with pytest.raises(ClaimError, match="not allowed"):
        holds("__import__('os')", FakeFacts())


def test_plain_text_rendering_resolves_every_role():
    facts = FakeFacts(a_001=1, b_001=2)
    text = "Up from {num}`a-001` to {num}`b-001`: it {word}`rose a-001 b-001`.{holds}`b-001 > a-001`"
    assert render(text, facts) == "Up from <a-001> to <b-001>: it rose."
    with pytest.raises(ClaimError):
        render("{holds}`a-001 > b-001`", facts)


def test_roles_are_found_in_text():
    assert words.roles_in("x {num}`a-001` y {word}`rise a-001 b-001`") == [
        ("num", "a-001"),
        ("word", "rise a-001 b-001"),
    ]
