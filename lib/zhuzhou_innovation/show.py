"""What a notebook cell shows, for both editions of the book at once.

A chapter is one notebook for the English and the Chinese edition. `figure` glues a catalog
figure in English under its key and in Chinese under `<key>.zh`; `table` displays a table once per
language, each output tagged with its language. The book's i18n extension
(`zhuzhou_book.sphinx_i18n`) keeps, in each edition, only that edition's outputs, so the markdown
names one key and the pages never mix languages.

    from zhuzhou_innovation import show
    show.figure(ds, "zz2021-platforms-by-level")          # then {glue:figure} zz2021-platforms-by-level
    show.table(tables.targets, ds, "zz2021")               # tables.targets(ds, "zz2021", lang=...)
"""

from __future__ import annotations

from collections.abc import Callable

from . import catalog, figures
from .load import Dataset
from .narrative import LANGS


def figure(ds: Dataset, name: str, key: str | None = None) -> None:
    """Glue figure `name` of the catalog, drawn in each language (`key`, default the figure's name)."""
    from myst_nb import glue

    key = key or name
    for lang in LANGS:
        glue(
            key if lang == "en" else f"{key}.{lang}",
            figures.show(catalog.draw(ds, name, lang)),
            display=False,
        )


def table(build: Callable, *args, **kwargs) -> None:
    """Display `build(*args, lang=..., **kwargs)` for each language, tagged with it."""
    from IPython.display import display

    for lang in LANGS:
        display(build(*args, lang=lang, **kwargs), metadata={"lang": lang})
