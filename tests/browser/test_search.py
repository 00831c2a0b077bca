"""The search page finds Chinese terms: jieba, with the glossary as its user dictionary, segments them.

For each term the expected pages are computed from the built HTML (the pages of `_toc.yml`
whose article text contains the term); the search must return each of them.
"""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, toc_pages

DOMAIN_TERMS = ["研发", "高新技术企业"]


def _indicator_names() -> list[str]:
    with (REPO / "data" / "indicators.csv").open(encoding="utf-8", newline="") as f:
        return [row["name_zh"] for row in csv.DictReader(f)]


TERMS = list(dict.fromkeys(DOMAIN_TERMS + _indicator_names()))


@pytest.fixture(scope="module")
def article_texts(site: Path) -> dict[str, str]:
    """The article text of each page of the table of contents, as a reader sees it."""
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
    """The docnames the book's search page lists for `term`."""
    page.goto(f"{base}/search.html?q={quote(term)}", wait_until="load")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && /finished|did not match/.test(s.textContent); }", timeout=15_000)
    found = set()
    for href in page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)"):
        path = urlsplit(urljoin(f"{base}/search.html", href)).path.lstrip("/")
        found.add(path.removesuffix(".html").removesuffix("/index"))
    return found


@pytest.mark.parametrize("term", TERMS)
def test_search_finds_every_page_that_uses_the_term(search_page, server, article_texts, term):
    expected = {doc for doc, text in article_texts.items() if term in text}
    if not expected:
        pytest.skip(f"{term} appears on no page of the book yet")
    found = _search(search_page, server, term)
    assert expected <= found, f"search for {term} missed {sorted(expected - found)}; found {sorted(found)}"
