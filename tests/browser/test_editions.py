"""The two editions of the site: every English page has its Chinese counterpart, the two link each
other, the Chinese pages carry no English prose (but on pages whose translation is pending) and
show exactly the numbers of their English counterparts.

The pages are read from the built site (the `site` fixture builds it when stale); one check clicks
the edition link in the shared browser.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from conftest import REPO, ZH, toc_pages
from zhuzhou_book.catalogues import pending_pages
from zhuzhou_book.edition_checks import english_left, glued_texts, numbers

PENDING = set(pending_pages())


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _english_pages(site: Path) -> list[str]:
    """Every page of the English edition (the Chinese edition's folder and static files aside)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0]
        not in (ZH, "_static", "_images", "_downloads", "downloads", "_sources")
    )


def test_every_page_of_the_english_edition_has_a_chinese_counterpart(site):
    pages = _english_pages(site)
    assert len(pages) > len(toc_pages())  # the chapters, the source texts, search and index pages
    missing = [p for p in pages if not (site / ZH / p).is_file()]
    assert not missing, f"no Chinese counterpart for {missing}"


def test_the_chinese_edition_has_no_page_the_english_one_lacks(site):
    pages = set(_english_pages(site))
    extra = [
        p.relative_to(site / ZH).as_posix()
        for p in (site / ZH).rglob("*.html")
        if p.relative_to(site / ZH).parts[0] not in ("_static", "_images", "_downloads", "_sources")
        and p.relative_to(site / ZH).as_posix() not in pages
    ]
    assert not extra, f"Chinese pages without an English counterpart (a removed page not cleared?): {extra}"


@pytest.mark.parametrize(
    "path", ["book/intro.html", "book/05-zhuzhou-2022-review.html", "book/sources/zz2021.html", "search.html"]
)
def test_each_page_names_its_language_and_links_its_counterpart(site, path):
    english, chinese = _html(site, path), _html(site / ZH, path)
    up = "../" * path.count("/")
    assert re.search(r'<html lang="en"', english) and re.search(r'<html lang="zh-Hans"', chinese)
    assert f'<link rel="alternate" hreflang="zh-Hans" href="{up}zh/{path}" />' in english
    assert f'<link rel="alternate" hreflang="en" href="../{up}{path}" />' in chinese
    to_chinese = re.search(r'class="btn btn-sm edition-switch" href="([^"]+)" hreflang="zh-Hans"', english)
    to_english = re.search(r'class="btn btn-sm edition-switch" href="([^"]+)" hreflang="en"', chinese)
    assert (
        to_chinese
        and (site / posixpath.normpath(posixpath.join(posixpath.dirname(path), to_chinese[1])))
        == site / ZH / path
    )
    assert (
        to_english and posixpath.normpath(posixpath.join(ZH, posixpath.dirname(path), to_english[1])) == path
    )


def test_the_chinese_edition_has_a_chinese_title_and_part_captions(site):
    page = _html(site / ZH, "book/05-zhuzhou-2022-review.html")
    assert "<title>株洲2022年：工作回顾与2023年计划 &#8212; 株洲科技创新报告逐年读</title>" in page
    captions = re.findall(
        r'<p aria-level="2" class="caption" role="heading"><span class="caption-text">([^<]+)', page
    )
    assert captions == ["来源", "逐年报告", "跨报告分析", "同类城区", "给学生", "附录", "原文"]


def test_clicking_the_edition_link_opens_the_same_page_in_the_other_edition(browser, server):
    page = browser.new_page()
    try:
        page.goto(f"{server}/book/09-source-checks.html")
        page.click("a.edition-switch")
        page.wait_for_load_state("load")
        assert page.url == f"{server}/zh/book/09-source-checks.html"
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        page.click("a.edition-switch")
        page.wait_for_load_state("load")
        assert page.url == f"{server}/book/09-source-checks.html"
    finally:
        page.close()


@pytest.mark.parametrize("path", ["book/intro.html", "zh/book/intro.html"])
def test_the_edition_link_sits_in_the_article_header_beside_its_buttons(browser, server, path):
    """Not on a line of its own above them, half under the page's header (as it was)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(f"{server}/{path}")
        box = page.evaluate(
            """() => {
              const r = e => document.querySelector(e).getBoundingClientRect();
              const link = r('a.edition-switch'), bar = r('.bd-header-article'),
                    header = r('header.bd-header'), button = r('.article-header-buttons');
              return {top: link.top, bottom: link.bottom, barTop: bar.top, barBottom: bar.bottom,
                      headerBottom: header.bottom, buttonTop: button.top, buttonBottom: button.bottom};
            }"""
        )
        assert box["top"] >= box["headerBottom"] and box["top"] >= box["barTop"], box
        assert box["bottom"] <= box["barBottom"], box
        assert box["top"] < box["buttonBottom"] and box["bottom"] > box["buttonTop"], box
    finally:
        page.close()


def _translated() -> list[str]:
    """The pages of the table of contents whose translation is done (not in locales/zh_CN/PENDING)."""
    return [d for d in toc_pages() if d not in PENDING]


@pytest.mark.parametrize("chapter", _translated())
def test_no_english_sentence_is_left_in_the_prose_of_a_translated_chinese_page(site, chapter):
    # Titles of pages still pending are English on the Chinese site; where a page links them, set aside.
    here = posixpath.dirname(chapter)
    pending_links = [posixpath.relpath(f"{p}.html", here) for p in PENDING]
    left = english_left(_html(site / ZH, f"{chapter}.html"), skip_links_to=pending_links)
    assert not left, f"zh/{chapter}: English left in the prose:\n" + "\n".join(left)


def test_the_source_text_pages_are_chinese_but_their_quotes_as_printed(site):
    for page in sorted((site / ZH / "book" / "sources").glob("*.html")):
        assert not english_left(page.read_text(encoding="utf-8")), page.name


@pytest.mark.parametrize("chapter", toc_pages())
def test_every_number_on_a_chinese_page_equals_the_same_number_on_its_english_counterpart(site, chapter):
    english, chinese = _html(site, f"{chapter}.html"), _html(site / ZH, f"{chapter}.html")
    assert numbers(chinese) == numbers(english), f"zh/{chapter}: numbers differ from the English page"
    assert glued_texts(chinese) == glued_texts(english), (
        f"zh/{chapter}: glued values differ from the English page"
    )


def test_the_number_comparison_would_see_a_changed_value(site):
    english = _html(site, "book/05-zhuzhou-2022-review.html")
    assert numbers(english)  # the chapter is made of number roles
    key, value = next(iter(numbers(english)))
    changed = english.replace(
        f'data-key="{key}" data-value="{value}"', f'data-key="{key}" data-value="0.0"', 1
    )
    assert numbers(changed) != numbers(english)


def test_the_chinese_pages_show_the_chinese_figures_with_chinese_alt_text(site):
    en, zh = (_html(site / folder, "book/05-zhuzhou-2022-review.html") for folder in ("", ZH))
    images = [re.findall(r'<img alt="([^"]*)" src="\.\./(_images/[^"]+\.svg)"', page) for page in (en, zh)]
    assert len(images[0]) == len(images[1]) > 0
    for (_, en_image), (alt, zh_image) in zip(*images, strict=False):
        assert (site / en_image).read_bytes() != (site / ZH / zh_image).read_bytes()
        assert re.search(r"[\u4e00-\u9fff]", alt), f"an English alt text on the Chinese page: {alt!r}"


def test_the_pending_list_names_pages_of_the_book(site):
    assert set(toc_pages()) >= PENDING, f"not pages of _toc.yml: {sorted(PENDING - set(toc_pages()))}"
    assert (REPO / "locales" / "zh_CN" / "PENDING").is_file()


def test_the_chinese_pages_permalinks_are_titled_in_chinese(site):
    """Sphinx's zh_CN catalogue leaves them English; locales/zh_CN/LC_MESSAGES/sphinx.po fills it."""
    pages = sorted((site / ZH / "book").glob("*.html"))
    assert pages
    english = [p.name for p in pages if 'title="Link to this' in p.read_text(encoding="utf-8")]
    assert not english, english
    assert 'title="链接到本节标题"' in (site / ZH / "book" / "intro.html").read_text(encoding="utf-8")
