"""Parts against wholes, counts across reports, tallies against targets, two pledges in one text,
concentration and similar names: each check states its arithmetic and follows the printed numbers."""

from __future__ import annotations

import pytest
from datacopy import reprint
from minidata import dataset, row
from zhuzhou_innovation import reconcile
from zhuzhou_innovation.load import load_dataset


def _verdicts(frame) -> dict[str, str]:
    return dict(zip(frame.ids, frame.verdict, strict=True))


def test_a_district_figure_is_checked_against_the_city_figure_it_is_part_of():
    ds = dataset(
        [
            row("a2021-001", "firms", "2021", 900, "count", "超过900家", qualifier="over"),
            row("a2021-002", "firms", "2021", 42, "count", "42家", region="county"),
            row("a2021-003", "labs", "2021", 5, "count", "5家"),
            row("a2021-004", "labs", "2021", 6, "count", "6家", region="county"),
        ],
        parents={"county": "city"},
    )
    found = _verdicts(reconcile.parts_and_wholes(ds))
    assert found == {"a2021-002, a2021-001": "consistent", "a2021-004, a2021-003": "inconsistent"}


def test_a_part_within_an_exact_whole_says_its_share_and_what_is_left():
    ds = dataset(
        [
            row("a2021-001", "all", "2021", 619, "count", "619家"),
            row("a2021-002", "national", "2021", 52, "count", "52家"),
            row("a2021-003", "provincial", "2021", 297, "count", "297家"),
        ]
    )
    rows = ds.observations.set_index("id")
    check = reconcile._part_check(
        ds, [rows.loc["a2021-002"], rows.loc["a2021-003"]], rows.loc["a2021-001"], ("x", "x")
    )
    assert check["arithmetic_en"] == "52 + 297 = 349 ≤ 619; 56.4% of the whole, 270 left"
    assert check["arithmetic_zh"] == "52 + 297 = 349 ≤ 619；占整体56.4%，其余270"
    assert check["verdict"] == "consistent"


def test_parts_larger_than_their_bounded_whole_are_inconsistent_only_when_the_bound_cannot_hold():
    ds = dataset(
        [
            row("a2021-001", "all", "2021", 50, "count", "不到50家", qualifier="under"),
            row("a2021-002", "some", "2021", 60, "count", "60家"),
        ]
    )
    rows = ds.observations.set_index("id")
    check = reconcile._part_check(ds, [rows.loc["a2021-002"]], rows.loc["a2021-001"], ("x", "x"))
    assert check["verdict"] == "inconsistent"


def test_what_the_checks_declare_rests_on_words_found_in_the_sources():
    ds = load_dataset()
    ids = set(ds.observations.id)
    for p in reconcile.PARTS:
        assert {*p.parts, p.whole} <= ids, p
        source = ds.observations.set_index("id").source[p.whole]
        assert p.words in ds.texts[source], p.words
    for n in reconcile.LABS:
        assert n.words in ds.texts[n.source], n.words
        assert all(name in n.words for name in n.names), n
    for n in reconcile.SIMILAR:
        obs = ds.observations.set_index("id")
        for rows, term in ((n.rows_a, n.term_a), (n.rows_b, n.term_b)):
            assert set(rows) <= ids, n
            assert all(term in ds.texts[obs.source[r]] for r in rows), term


def test_the_laboratories_named_are_counted_from_the_names():
    assert reconcile.count_named("approved") == len(reconcile.named("approved").names)
    assert reconcile.count_named("candidates") == 2


@pytest.mark.parametrize(
    "row_id, printed, kind, verdict",
    [
        (
            "zz2021-003",
            "4家",
            "counts across reports",
            "inconsistent",
        ),  # two approved and one sought are not four
        (
            "zz2022-053",
            "1300家",
            "tallies against targets",
            "inconsistent",
        ),  # the stock plus the net increase
        ("zz2022-047", "3.2%", "pledges in one text", "consistent"),  # the stretch goal is then above it
        ("zz2022q1-003", "超过20亿元", "concentration", "inconsistent"),  # ten firms above the implied total
    ],
)
def test_a_changed_print_changes_the_verdict(data_copy, row_id, printed, kind, verdict):
    before = reconcile.reconciliations(load_dataset())
    after = reconcile.reconciliations(load_dataset(_reprinted(data_copy, row_id, printed)))
    pick = lambda f: f[(f.kind == kind) & f.ids.str.contains(row_id)].verdict.tolist()
    assert pick(after) == [verdict] and pick(before) != [verdict]


def _reprinted(data, row_id, printed):
    reprint(data, row_id, printed)
    return data


def test_gross_output_is_never_compared_with_value_added():
    found = reconcile.concentration(load_dataset())
    assert found[found.ids.str.contains("zz2022q1-004")].verdict.tolist() == ["not comparable"]


def test_a_declared_check_whose_rows_are_gone_is_left_out():
    ds = dataset([row("a2021-001", "x", "2021", 1, "count", "1家")])
    assert (
        reconcile.similar_names(ds).empty
        and reconcile.tallies(ds).empty
        and reconcile.pledge_ratios(ds).empty
    )
