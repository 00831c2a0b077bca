"""A Sphinx extension: Chinese search that also finds glossary terms nested in longer words.

Why: jieba's search segmentation adds only the two- and three-character words inside a long
token, so a page whose table says 科技专家服务团成员 is not found by a search for the glossary
term 科技专家服务团. Each token is indexed as jieba cuts it, plus every term of the book's user
dictionary (`html_search_options.dict`, built from data/indicators.csv) found inside it.
"""

from __future__ import annotations

import os

from sphinx.search import languages
from sphinx.search.zh import SearchChinese


class SearchChineseWithGlossary(SearchChinese):
    """Chinese search whose index also holds the glossary terms nested in longer tokens."""

    def init(self, options: dict) -> None:
        super().init(options)
        path = options.get("dict")
        self.glossary: set[str] = set()
        if path and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                self.glossary = {line.split()[0] for line in f if line.strip()}

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        nested = sorted({t for w in set(words) if len(w) > 3 for t in self.glossary if t != w and t in w})
        return words + nested


def setup(app):
    languages["zh"] = SearchChineseWithGlossary
    return {"parallel_read_safe": True, "parallel_write_safe": True}
