"""The book's reading order, from `_toc.yml` (read by sphinx-external-toc's own parser)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhuzhou_innovation.paths import REPO


@dataclass(frozen=True)
class Page:
    """One page of the book: its docname (`book/07-trends`) and the part it sits in ('' for the root)."""

    docname: str
    part: str


def reading_order(toc: Path = REPO / "_toc.yml") -> list[Page]:
    """Every page of `_toc.yml`, depth first, in the order a reader meets them."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    site_map = parse_toc_yaml(toc)
    pages: list[Page] = []

    def walk(docname: str, part: str) -> None:
        pages.append(Page(docname, part))
        for tree in site_map[docname].subtrees:
            for item in tree.items:
                if isinstance(item, str) and item in site_map:  # a docname, not a URL or a glob
                    walk(item, tree.caption or part)

    walk(site_map.root.docname, "")
    return pages
