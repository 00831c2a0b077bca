"""Figures: real CJK glyphs in both languages, deterministic SVG, and data that matches the drawing."""

from __future__ import annotations

import warnings

import pytest

from zhuzhou_innovation import catalog, figures
from zhuzhou_innovation.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _render_svg_catching(fig):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = figures.to_svg(fig)
    return svg, [str(w.message) for w in caught]


@pytest.mark.parametrize("name", list(catalog.FIGURES))
@pytest.mark.parametrize("lang", figures.LANGS)
def test_every_figure_renders_without_missing_glyphs(ds, name, lang):
    svg, messages = _render_svg_catching(catalog.draw(ds, name, lang))
    assert not [m for m in messages if "missing from font" in m], messages
    assert svg.startswith("<?xml")


def test_missing_glyph_check_can_fail():
    """Without the CJK font in the family list, Chinese text does warn: the check above is live."""
    fig = figures.plt.figure()
    fig.text(0.5, 0.5, "研发投入", family="DejaVu Sans")
    _, messages = _render_svg_catching(fig)
    assert any("missing from font" in m for m in messages)


def test_chinese_figure_uses_chinese_names(ds):
    fig = catalog.draw(ds, "zz2021-tech-contract-turnover", "zh")
    texts = [t.get_text() for t in fig.findobj(figures.plt.Text)]
    assert "技术合同成交额" in texts
    assert any(t.startswith("来源：") for t in texts)


@pytest.mark.parametrize("name", list(catalog.FIGURES))
def test_chinese_svg_is_deterministic(ds, name):
    """Drawn twice, the same bytes (the English figures are compared by nbval, as stored in the
    notebooks, against a fresh run in another process)."""
    first = figures.to_svg(catalog.draw(ds, name, "zh"))
    second = figures.to_svg(catalog.draw(ds, name, "zh"))
    assert first == second
    assert "<dc:date>" not in first


def test_figure_data_holds_the_numbers_drawn(ds):
    fig = catalog.draw(ds, "zz2021-platforms-by-level")
    data = figures.figure_data(fig)
    bars = [p.get_width() for p in fig.axes[0].patches if p.get_fill()]
    frames = [p.get_width() for p in fig.axes[0].patches if not p.get_fill()]
    assert sorted(bars) == sorted(data.value[data.role == "part"].tolist())
    assert frames == data.value[data.role == "whole"].tolist()
    assert list(data.id) == ["zz2021-006", "zz2021-007", "platforms-below-provincial-2021", "zz2021-005"]
    assert list(data.kind) == ["actual", "actual", "derived", "actual"]


def test_a_composition_whose_parts_do_not_add_up_to_the_whole_is_refused(ds):
    with pytest.raises(ValueError, match="add up to"):
        figures.plot_composition(ds, ["zz2021-006", "zz2021-007"], "t", {}, whole="zz2021-005")


def test_a_composition_draws_a_derived_part_hatched_and_a_target_as_a_dashed_box_of_its_size(ds):
    fig = figures.plot_composition(ds, ["zz2022q1-006", "zz2022q1-tech-smes-rest-of-year"], "t", {},
                                   whole="zz2022-024", marks=("zz2022q1-005",))
    printed, derived = fig.axes[0].patches[:2]
    assert printed.get_hatch() is None and derived.get_hatch() == "//"
    dashed = [p for p in fig.axes[0].patches if not p.get_fill() and p.get_linestyle() == "--"]
    assert [p.get_width() for p in dashed] == [1100]


def test_series_draws_a_gap_for_a_missing_year(ds, data_copy):
    """A year with no number is a break in the line, not a straight line across it."""
    import csv

    path = data_copy / "observations.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    tc = next(r for r in rows if r["id"] == "zz2022-038")
    tc.update(period="2023")
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    fig = figures.plot_series(load_dataset(data_copy), "tech_contract_turnover")
    line = fig.axes[0].lines[0]
    assert list(line.get_xdata()) == [2021, 2022, 2023]
    ys = line.get_ydata()
    assert ys[0] == 206.2 and ys[1] != ys[1] and ys[2] == 308.0  # NaN in the middle


def test_unknown_language_is_refused(ds):
    with pytest.raises(ValueError, match="lang"):
        figures.plot_series(ds, "tech_contract_turnover", lang="fr")


def test_series_on_a_shared_axis_shows_every_year_of_the_span(ds):
    fig = figures.plot_series(ds, "invention_patents_per_10k", years=(2020, 2025))
    assert [int(t) for t in fig.axes[0].get_xticks()] == list(range(2020, 2026))
    assert fig.axes[0].get_xlim() == (2019.5, 2025.5)


# --- the targets figure reads the scorecard (moved from test_compute.py) ---

def test_targets_figure_draws_no_bar_for_a_target_that_is_not_comparable(ds):
    fig = figures.plot_targets(ds)
    data = figures.figure_data(fig)
    widths = [p.get_width() for p in fig.axes[0].patches]
    off = data.status == "not comparable"
    assert off.any() and all(w == 0 for w, o in zip(widths, off) if o)
    assert fig.axes[0].get_xlim()[1] < 200            # the suspect 306 against 4 does not set the scale
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(set(labels)) == len(labels)            # two reports set the same 2022 SME target


def test_targets_figure_names_the_reports_that_answered(ds):
    fig = figures.plot_targets(ds)
    texts = [t.get_text() for t in fig.findobj(figures.plt.Text)]
    source = next(t for t in texts if t.startswith("Source:"))
    assert "2022 review" in source.replace("\n", " ")
