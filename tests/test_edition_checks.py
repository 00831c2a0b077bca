"""The checks that compare a Chinese page with its English counterpart, on small pages made here."""

from __future__ import annotations

from zhuzhou_book.edition_checks import english_left, glued_texts, latin_words, numbers


def page(body: str) -> str:
    return f'<html lang="zh-Hans"><body><nav>Site navigation in English</nav><article class="bd-article">{body}</article></body></html>'


def test_an_english_sentence_left_in_a_chinese_page_is_reported_with_its_words():
    found = english_left(page("<p>研发投入强度达到3.27%。</p><p>The page prints no R&amp;D spending.</p>"))
    assert (
        len(found) == 1
        and "The page prints no" in found[0]
        and found[0].endswith("The page prints no spending")
    )


def test_names_units_codes_and_file_names_are_not_english_prose():
    body = (
        "<p>地区生产总值（GDP）约3425亿元，数据见 zz2022-knowledge-value-loans.csv 与 datapackage.json。</p>"
        "<p>文件：PDF，A4；PNG 300 dpi，45 kB；Excel 工作簿；行 zz2021-037；图 trends-rd-intensity；原文有“etc”。</p>"
    )
    assert english_left(page(body)) == []


def test_the_edition_link_tooltips_code_and_text_marked_english_are_set_aside():
    body = (
        '<p>见<a class="edition-switch" lang="en">English</a>。</p>'
        '<p><span class="zz-tip">Printed: a long English tooltip with words</span>数字</p>'
        "<pre>checks.suspects(ds).set_index('id')</pre><p><code>quantities.quantity(ds, 'loans')</code></p>"
        '<p>说明：<span lang="en">base year not printed; taken as 2015</span></p>'
    )
    assert english_left(page(body)) == []


def test_the_title_of_a_page_still_pending_translation_is_set_aside_where_it_is_linked():
    body = '<p>引用页面：<a href="03-zhuzhou-2021-review.html#x">Zhuzhou 2021: the review and the targets</a></p>'
    assert english_left(page(body), skip_links_to=["03-zhuzhou-2021-review.html"]) == []
    assert len(english_left(page(body))) == 1


def test_a_cell_holding_paragraphs_is_checked_through_its_paragraphs_once():
    body = "<table><tr><td><p>What it holds in English words</p></td><td>内容</td></tr></table>"
    assert len(english_left(page(body))) == 1


def test_acronyms_pass_and_short_english_words_count_towards_the_threshold():
    assert latin_words("CRRC 与 GDP 的 R&D") == []
    assert latin_words("the review") == ["the", "review"]
    assert english_left(page("<p>一句中文 the review</p>"), threshold=9) != []
    assert english_left(page("<p>一句中文 the review</p>")) == []  # 9 letters: under the threshold


def test_numbers_are_compared_by_key_and_unrounded_value_and_glued_text_as_printed():
    a = (
        '<a class="zz-num" href="numbers.html#zz2021-037" aria-describedby="zz-tip-1" data-key="zz2021-037" '
        'data-value="3.27">3.27%</a> <span class="pasted-text">191</span>'
    )
    b = a.replace("3.27%</a>", "3.27%</a> again " + a)
    assert numbers(page(a)) == {("zz2021-037", "3.27"): 1}
    assert numbers(page(b)) == {("zz2021-037", "3.27"): 2}
    assert glued_texts(page(b)) == {"191": 2}
    marked = '<span class="pasted-text">CNY 30.8 billion (308<span lang="zh-Hans">亿元</span>)</span>'
    assert glued_texts(page(marked)) == {"CNY 30.8 billion (308亿元)": 1}  # as the Chinese page prints it


def test_identifiers_of_the_data_are_code_but_english_words_beside_them_are_not():
    assert (
        english_left(page("<p>列 years_running 与 first_as_recorded；指标 yearly_innovation_input。</p>"))
        == []
    )
    found = english_left(page("<p>列 years_running: the number of years running</p>"))
    assert len(found) == 1 and found[0].endswith("the number of years running")
