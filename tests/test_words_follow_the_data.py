"""Change the data under the book and its words follow, or the build stops: never a sentence that
contradicts its own numbers.

Each change below is applied in memory to a copy of the dataset (the loader would refuse a value
its print and quote do not state, so a real edit changes what was printed too). Then every page's
markdown, and the landing page's key findings, is rendered against the changed data with the
numbers masked, leaving only the words the data choose ({word}) and the guards ({holds}). Every
page renders or stops on a failed guard (nothing else goes wrong), and the sentences named for
each change, whose words it contradicts, read differently or stop the build. A word or guard that
still holds on the changed data may read the same: that is not a contradiction. tests/test_prose.py
covers the rest: no comparative word is typed by hand beside a number without a word role or a guard.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from test_prose import pages
from zhuzhou_innovation.facts import Facts
from zhuzhou_innovation.findings import read_findings
from zhuzhou_innovation.load import load_dataset
from zhuzhou_innovation.words import ClaimError, render

_NUM = re.compile(r"\{num\}`[^`]*`")
_CHOSEN = re.compile(r"\{(word|holds)\}`([^`]*)`")
_KEY = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")


def _swap(a: str, b: str):
    return lambda v: {a: v[b], b: v[a]}


# name: (the rows changed and how, from today's values; pages whose words the change contradicts)
CHANGES = {
    "swap the 2021 R&D intensity and its goal for 2022": (
        _swap("zz2021-037", "zz2021-040"),
        [
            "03-zhuzhou-2021-review.ipynb cell 8",
            "07-trends.ipynb cell 10",
            "findings.yml 6 en",
            "findings.yml 6 zh",
        ],
    ),
    "halve the high-tech enterprises of 2022": (
        lambda v: {"zz2022-002": v["zz2022-002"] / 2},
        ["findings.yml 2 en", "findings.yml 2 zh"],
    ),
    "move the 2021 R&D rank from first to fifth": (lambda v: {"zz2021-038": 5}, ["07-trends.ipynb cell 0"]),
    "swap technology-contract turnover of 2021 and 2022": (
        _swap("zz2021-044", "zz2022-038"),
        ["findings.yml 2 en", "findings.yml 2 zh"],
    ),
}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _texts() -> list[tuple[str, str]]:
    findings = [
        (f"findings.yml {n} {lang}", f[lang])
        for n, f in enumerate(read_findings(), 1)
        for lang in ("en", "zh")
    ]
    return pages() + findings


def _rows_under(facts: Facts, key: str, seen: set[str] | None = None) -> set[str]:
    """The printed rows a key rests on: itself, or a quantity's inputs followed down to rows."""
    seen = set() if seen is None else seen
    if key in seen:
        return set()
    seen.add(key)
    try:
        fact = facts.get(key)
    except Exception:  # a word, a number or an operator of a guard, not a key
        return set()
    if fact.quantity is None:
        return {key}
    return set().union(*(_rows_under(facts, k, seen) for k in fact.quantity.inputs))


def _chosen_rows(facts: Facts, text: str) -> set[str]:
    return set().union(
        *(_rows_under(facts, k) for _, spec in _CHOSEN.findall(text) for k in _KEY.findall(spec))
    )


def _words(text: str, facts: Facts, where: str) -> str:
    return render(_NUM.sub("#", text), facts, "zh" if where.endswith(" zh") else "en")


@pytest.mark.parametrize("change", CHANGES)
def test_the_words_a_change_contradicts_turn_or_the_page_stops(ds, change):
    how, contradicted = CHANGES[change]
    base = Facts(ds)
    new_values = how(ds.observations.set_index("id").value)
    obs = ds.observations.copy()
    for row_id, value in new_values.items():
        obs.loc[obs.id == row_id, "value"] = value
    changed = Facts(replace(ds, observations=obs))
    texts = dict(_texts())
    assert set(contradicted) <= set(texts), sorted(set(contradicted) - set(texts))
    outcome = {}
    for where, text in texts.items():
        if not _chosen_rows(base, text) & set(new_values):
            continue
        before = _words(text, base, where)
        try:
            outcome[where] = "turned" if _words(text, changed, where) != before else "same"
        except ClaimError:
            outcome[where] = "stopped"
    read_the_same = [w for w in contradicted if outcome.get(w, "same") == "same"]
    assert read_the_same == [], f"{change}: these sentences still read as before: {read_the_same}"
