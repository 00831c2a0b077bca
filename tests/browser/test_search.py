"""The search page finds Chinese terms: jieba, with the glossary as its user dictionary, segments them.

Both editions have their own index (the Chinese one at zh/searchindex.js). For each term and
edition the expected pages are computed from the built HTML (the pages of `_toc.yml` whose article
text contains the term); the edition's search must return each of them.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, ZH, toc_pages

DOMAIN_TERMS = ["研发", "高新技术企业"]


def _indicator_names() -> list[str]:
    with (REPO / "data" / "indicators.csv").open(encoding="utf-8", newline="") as f:
        return [row["name_zh"] for row in csv.DictReader(f)]


TERMS = list(dict.fromkeys(DOMAIN_TERMS + _indicator_names()))
EDITIONS = {"en": "", "zh": ZH}  # edition -> its folder on the site


@pytest.fixture(scope="module")
def article_texts(site: Path) -> dict[str, dict[str, str]]:
    """The article text of each page of the table of contents in each edition, as a reader sees it."""
    return {edition: _texts(site / folder) for edition, folder in EDITIONS.items()}


def _texts(site: Path) -> dict[str, str]:
    texts = {}
    for docname in toc_pages():
        soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article") or soup.body
        for span in article.select("span[lang]") if article else []:
            span.unwrap()  # a language-of-parts span is not a word break
        if article:
            article.smooth()  # join the strings the unwrapping left side by side
        texts[docname] = article.get_text(" ") if article else ""
    return texts


@pytest.fixture(scope="module")
def search_page(browser, server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    yield page
    context.close()


def _search(page, base: str, term: str) -> set[str]:
    """The docnames the search page at `base` (an edition's root) lists for `term`."""
    page.goto(f"{base}/search.html?q={quote(term)}", wait_until="load")
    page.wait_for_function(  # the summary in English, or as Sphinx's Chinese catalogue words it
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && /finished|did not match|搜索完成|没有匹配/.test(s.textContent); }",
        timeout=15_000,
    )
    root = urlsplit(f"{base}/").path
    found = set()
    for href in page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)"):
        path = urlsplit(urljoin(f"{base}/search.html", href)).path
        assert path.startswith(root), f"{href}: a result outside the edition searched"
        found.add(path.removeprefix(root).removesuffix(".html").removesuffix("/index"))
    return found


@pytest.mark.parametrize("edition", sorted(EDITIONS))
@pytest.mark.parametrize("term", TERMS)
def test_search_finds_every_page_that_uses_the_term(search_page, server, article_texts, edition, term):
    expected = {doc for doc, text in article_texts[edition].items() if term in text}
    if not expected:
        pytest.skip(f"{term} appears on no page of the {edition} edition yet")
    base = f"{server}/{EDITIONS[edition]}".rstrip("/")
    found = _search(search_page, base, term)
    assert expected <= found, (
        f"{edition} search for {term} missed {sorted(expected - found)}; found {sorted(found)}"
    )


def _index(path: Path) -> dict:
    """A search index as Sphinx writes it: `Search.setIndex({...})`."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_each_edition_has_its_own_search_index_with_its_own_titles(site):
    english, chinese = _index(site / "searchindex.js"), _index(site / ZH / "searchindex.js")
    assert english["docnames"] == chinese["docnames"]
    assert "让来源互相核对" in chinese["titles"] and "让来源互相核对" not in english["titles"]  # chapter 09
    assert "Checking the sources against themselves" in english["titles"]
