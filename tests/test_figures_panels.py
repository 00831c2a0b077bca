"""Small multiples give each measure its own scale and draw a printed bound as a bound."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from madeup import observation
from zhuzhou_innovation import catalog, figures
from zhuzhou_innovation.load import load_dataset


def _row(id_, value, unit="pct", qualifier="", region="zhuzhou", period="2021"):
    return observation(
        id_,
        source="zz2021",
        region=region,
        indicator="rd_intensity",
        period=period,
        value=value,
        unit=unit,
        qualifier=qualifier,
    )


@pytest.fixture
def ds():
    """Made-up rows of very different size: a ratio of a few percent, one of tens, money."""
    real = load_dataset()
    rows = [
        _row("zz2021-901", 1, qualifier="under", region="yanfeng", period="2015"),
        _row("zz2021-902", 3),
        _row("zz2021-903", 20),
        _row("zz2021-904", 40),
        _row("zz2021-905", 70, unit="100m_cny"),
    ]
    return replace(real, observations=pd.DataFrame(rows))


def test_each_panel_has_its_own_scale_and_the_rows_it_draws(ds):
    fig = figures.plot_panels(
        ds,
        [("small", ["zz2021-901", "zz2021-902"]), ("large", ["zz2021-903", "zz2021-904"])],
        "A finding",
        "The measures",
    )
    small, large = fig.axes
    assert small.get_xlim()[1] < 10 < large.get_xlim()[1]
    assert list(figures.figure_data(fig).id) == ["zz2021-901", "zz2021-902", "zz2021-903", "zz2021-904"]
    assert fig._suptitle.get_text() == "A finding"


def test_a_number_printed_as_a_bound_is_hatched_and_carries_an_arrow(ds):
    fig = figures.plot_panels(ds, [("ratio", ["zz2021-901", "zz2021-902"])], "t")
    bound, exact = fig.axes[0].patches
    assert bound.get_hatch() == "//" and not exact.get_hatch()
    assert any(getattr(a, "arrow_patch", None) for a in fig.axes[0].texts)


def test_money_is_drawn_in_its_stored_unit_and_labelled_in_the_books_style(ds):
    en = figures.plot_panels(ds, [("money", ["zz2021-905"])], "t", lang="en").axes[0]
    zh = figures.plot_panels(ds, [("money", ["zz2021-905"])], "t", lang="zh").axes[0]
    assert en.patches[0].get_width() == pytest.approx(70) == zh.patches[0].get_width()
    assert "CNY 7 billion" in [t.get_text() for t in en.texts]
    assert "70亿元" in [t.get_text() for t in zh.texts]


def test_a_panel_mixing_units_is_refused(ds):
    with pytest.raises(ValueError, match="mix units"):
        figures.plot_panels(ds, [("mixed", ["zz2021-902", "zz2021-905"])], "t")


def test_the_chapter_figures_state_their_finding_from_the_data():
    """A title's words follow the data: swap the two places' R&D intensity and 'higher' reads 'lower'."""
    real = load_dataset()
    title = catalog.draw(real, "compare-rd-and-high-tech-shares")._suptitle.get_text()
    obs = real.observations.copy()
    obs.loc[obs.id == "yf2020-006", "value"] = 9.0
    swapped = catalog.draw(
        replace(real, observations=obs), "compare-rd-and-high-tech-shares"
    )._suptitle.get_text()
    assert "R&D intensity is higher" in title and "R&D intensity is lower" in swapped
