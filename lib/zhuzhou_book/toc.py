"""The book's reading order, from `_toc.yml` (read by sphinx-external-toc's own parser)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhuzhou_innovation.paths import REPO

SUFFIXES = (".md", ".ipynb")  # the source formats of the book's pages


@dataclass(frozen=True)
class Page:
    """One page of the book: its docname (`book/07-trends`) and the part it sits in ('' for the root)."""

    docname: str
    part: str


def _globbed(root: Path, pattern: str) -> list[str]:
    """The docnames a toctree glob matches, sorted as Sphinx sorts them (pages written at build
    time, such as book/sources/*, exist only once Sphinx has run)."""
    found = {
        p.relative_to(root).with_suffix("").as_posix()
        for suffix in SUFFIXES
        for p in root.glob(pattern + suffix)
        if p.is_file()
    }
    return sorted(found)


def reading_order(toc: Path = REPO / "_toc.yml") -> list[Page]:
    """Every page of `_toc.yml`, depth first, in the order a reader meets them."""
    from sphinx_external_toc.api import GlobItem
    from sphinx_external_toc.parsing import parse_toc_yaml

    site_map = parse_toc_yaml(toc)
    root = toc.parent
    pages: list[Page] = []

    def walk(docname: str, part: str) -> None:
        pages.append(Page(docname, part))
        for tree in site_map[docname].subtrees if docname in site_map else []:
            for item in tree.items:
                if isinstance(item, GlobItem):
                    for found in _globbed(root, str(item)):
                        walk(found, tree.caption or part)
                elif isinstance(item, str) and item in site_map:  # a docname, not a URL
                    walk(item, tree.caption or part)

    walk(site_map.root.docname, "")
    return pages
