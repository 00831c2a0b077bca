"""The book's Sphinx extension: numbers link to their row and quote, guards stop the build,
the every-number, derived-numbers and source-text pages are generated from the data.

Each test builds a tiny project (two or three pages) with the real dataset, in a few seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.cmd.build import build_main

PAGES = {
    "index.md": "# Tiny book\n\n```{toctree}\n:glob:\nbook/chapter\nbook/numbers\nbook/derived\nbook/sources/*\n```\n",
    "book/numbers.md": "# Every number\n\n```{every-number}\n```\n",
    "book/derived.md": "# Derived\n\n```{derived-numbers}\n```\n",
}


def build(tmp_path: Path, chapter: str, language: str = "en") -> tuple[int, Path, str]:
    src, out = tmp_path / "src", tmp_path / "out"
    for name, text in {**PAGES, "book/chapter.md": chapter}.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "zhuzhou_book.sphinx_numbers"]\n'
        f'language = "{language}"\nexclude_patterns = ["out"]\n',
        encoding="utf-8",
    )
    log = tmp_path / "warnings.txt"
    code = build_main(["-W", "-q", "-b", "html", "-w", str(log), str(src), str(out)])
    return code, out, log.read_text(encoding="utf-8") if log.is_file() else ""


def test_a_number_is_a_link_to_its_row_with_its_quote_on_hover(tmp_path):
    code, out, log = build(tmp_path, "# Chapter\n\nR&D intensity reached {num}`zz2021-037`.\n")
    assert code == 0, log
    page = (out / "book" / "chapter.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="zz-num" href="([^"]+)" aria-describedby="([^"]+)"[^>]*>([^<]+)</a>', page)
    assert link and link.group(1) == "numbers.html#zz2021-037" and link.group(3) == "3.27%"
    tip = re.search(rf'<span class="zz-tip" role="tooltip" id="{link.group(2)}">(.*?)</span></span>', page)
    assert tip and "全社会研发投入强度" in tip.group(1) and 'lang="zh-Hans"' in tip.group(1)


def test_the_every_number_page_links_back_to_the_pages_that_use_a_row_and_on_to_the_source(tmp_path):
    code, out, log = build(tmp_path, "# Chapter\n\nR&D intensity reached {num}`zz2021-037`.\n")
    assert code == 0, log
    numbers = (out / "book" / "numbers.html").read_text(encoding="utf-8")
    entry = re.search(r'<div class="zz-row" id="zz2021-037">(.*?)</div>', numbers, re.S).group(1)
    assert 'href="chapter.html"' in entry
    assert 'href="sources/zz2021.html#zz2021-037"' in entry
    assert numbers.count('class="zz-row"') > 100  # every row, used or not


def test_a_link_to_one_source_section_of_the_every_number_page_resolves(tmp_path):
    chapter = "# Chapter\n\nSee [every number of the review](numbers.md#source-zz2021).\n"
    code, out, log = build(tmp_path, chapter)
    assert code == 0, log
    page = (out / "book" / "chapter.html").read_text(encoding="utf-8")
    assert 'href="numbers.html#source-zz2021"' in page
    assert 'id="source-zz2021"' in (out / "book" / "numbers.html").read_text(encoding="utf-8")


def test_a_link_to_a_source_section_that_does_not_exist_stops_the_build(tmp_path):
    code, _, log = build(tmp_path, "# Chapter\n\nSee [nothing](numbers.md#source-zz2099).\n")
    assert code != 0 and "source-zz2099" in log


def test_the_source_text_page_marks_each_recorded_quote_with_its_row(tmp_path):
    code, out, log = build(tmp_path, "# Chapter\n\nText.\n")
    assert code == 0, log
    source = (out / "book" / "sources" / "zz2021.html").read_text(encoding="utf-8")
    assert '<span class="zz-anchor" id="zz2021-037"></span>' in source
    assert re.search(r'<mark class="zz-quote" data-rows="[^"]*zz2021-037[^"]*"', source)


def test_a_derived_number_links_to_its_formula_and_inputs(tmp_path):
    code, out, log = build(tmp_path, "# Chapter\n\nGDP was {num}`gdp-2021-implied`.\n")
    assert code == 0, log
    page = (out / "book" / "chapter.html").read_text(encoding="utf-8")
    assert 'href="derived.html#gdp-2021-implied"' in page and "about CNY 342.5 billion" in page
    derived = (out / "book" / "derived.html").read_text(encoding="utf-8")
    entry = re.search(r'<div class="zz-row" id="gdp-2021-implied">(.*?)</div>', derived, re.S).group(1)
    assert "numbers.html#zz2021-044" in entry and "206.2 ÷ 6.02 × 100" in entry


def test_a_guard_the_data_do_not_support_stops_the_build(tmp_path):
    code, _, log = build(tmp_path, "# Chapter\n\n{holds}`zz2021-037 > zz2021-040`It rose.\n")
    assert code != 0 and "no longer support" in log


def test_an_unknown_key_stops_the_build_and_names_it(tmp_path):
    code, _, log = build(tmp_path, "# Chapter\n\nA number {num}`zz2021-999`.\n")
    assert code != 0 and "zz2021-999" in log


def test_words_follow_the_data(tmp_path):
    code, out, log = build(tmp_path, "# Chapter\n\nIt is to {word}`rise zz2021-037 zz2021-040`.\n")
    assert code == 0, log
    assert "It is to rise." in (out / "book" / "chapter.html").read_text(encoding="utf-8")


def test_chinese_in_english_prose_is_marked_as_chinese(tmp_path):
    code, out, log = build(tmp_path, "# Chapter\n\nThe page calls it 高新技术企业 (high-tech enterprises).\n")
    assert code == 0, log
    assert '<span lang="zh-Hans">高新技术企业</span>' in (out / "book" / "chapter.html").read_text(
        encoding="utf-8"
    )


def test_the_chinese_edition_writes_numbers_as_printed(tmp_path):
    code, out, log = build(tmp_path, "# Chapter\n\n{num}`zz2021-044` and {num}`gdp-2021-implied`.\n", "zh_CN")
    assert code == 0, log
    page = (out / "book" / "chapter.html").read_text(encoding="utf-8")
    assert ">206.2亿元</a>" in page and ">约3425亿元</a>" in page


def test_a_chinese_tooltip_reads_in_chinese_with_chinese_colons(tmp_path):
    """A count's working is in English words ("the 2021 review's goals for 2022 = 11"): the Chinese
    tooltip leaves it out and the Chinese derived-numbers page marks it English; labels end in ：."""
    text = "# Chapter\n\n{num}`zz2021-goals-for-2022`与{num}`zz2021-044`。\n"
    code, out, log = build(tmp_path, text, "zh_CN")
    assert code == 0, log
    page = (out / "book" / "chapter.html").read_text(encoding="utf-8")
    tips = [
        part.split("</p>")[0].split('<span class="zz-numwrap"')[0]
        for part in page.split('role="tooltip"')[1:]
    ]
    assert len(tips) == 2
    for tip in tips:
        words = re.sub(r"<[^>]+>", "", tip.split(">", 1)[1]).rstrip("与。")
        assert not re.search(r"[A-Za-z]", words), words
        assert "：" in words and ": " not in words, words
    derived = (out / "book" / "derived.html").read_text(encoding="utf-8")
    assert '算式：<code lang="en">the 2021 review&#x27;s goals for 2022 = 11</code>' in derived


def test_a_working_writes_a_year_without_a_separator():
    from zhuzhou_innovation.load import load_dataset
    from zhuzhou_innovation.quantities import quantity

    q = quantity(load_dataset(), "last-outcome-year")
    assert q.arithmetic.endswith(f"= {q.value:.0f}") and "," not in q.arithmetic
