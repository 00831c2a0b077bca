"""The landing page, read in Chromium as a reader sees it: the headline table and the key findings
come first, every number in them is a link that shows its quote on focus and leads to its row,
and no row id shows in the text."""

from __future__ import annotations

import re

import pytest

LANDING = "book/intro.html"
ROW_ID = re.compile(r"\b(?:zz|yf)\d{4}(?:q\d)?-\d{3}\b")

_HEADLINE = """() => {
  const table = document.querySelector('table.zz-headline');
  if (!table) return null;
  const head = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
  const rows = [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(td => ({
    text: td.innerText.trim(), links: td.querySelectorAll('a.zz-num').length})));
  return {head, rows, caption: (table.querySelector('caption') || {}).innerText || ''};
}"""

_FINDINGS = """() => [...document.querySelectorAll('.zz-key-findings li')].map(li => ({
  text: li.innerText.trim(),
  numbers: li.querySelectorAll('a.zz-num').length,
  chapters: [...li.querySelectorAll('a.reference.internal')].map(a => a.getAttribute('href'))}))"""


@pytest.fixture(scope="module")
def landing(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.goto(f"{server}/{LANDING}", wait_until="load")
    yield page
    context.close()


def test_the_landing_page_opens_with_the_key_findings_then_the_headline_table(landing):
    order = landing.evaluate("""() => {
      const sel = 'article .zz-key-findings, article table.zz-headline, article h2';
      const all = [...document.querySelectorAll(sel)];
      return all.map(el => el.matches('h2') ? 'h2:' + el.innerText.replace(/#$/, '').trim()
                                             : el.matches('table') ? 'headline' : 'findings');
    }""")
    assert order.index("findings") < order.index("headline")
    assert order.index("findings") < 2, f"the findings come after other sections: {order}"


def test_the_headline_table_reads_year_by_year_with_every_number_a_link(landing):
    table = landing.evaluate(_HEADLINE)
    assert table, "no headline table on the landing page"
    head = table["head"]
    assert any(h.startswith("Reported") for h in head) and any(h.startswith("Target") for h in head)
    assert len(table["rows"]) >= 4
    for row in table["rows"]:
        assert len(row) == len(head)
        for cell in row[1:]:
            if cell["text"] != "–":
                assert cell["links"] >= 1, f"a number without its link: {row[0]['text']}: {cell['text']}"
    assert any(c["text"] == "–" for row in table["rows"] for c in row[1:]), "gaps are shown as gaps"


def test_the_key_findings_are_sentences_with_linked_numbers_and_a_chapter_each(landing):
    items = landing.evaluate(_FINDINGS)
    assert 4 <= len(items) <= 6
    for item in items:
        assert item["numbers"] >= 1, f"a finding without a linked number: {item['text']}"
        chapters = [h for h in item["chapters"] if "numbers.html" not in h and "derived.html" not in h]
        assert chapters, f"a finding that links no chapter: {item['text']}"
        assert not ROW_ID.search(item["text"])


def test_focusing_a_number_of_a_finding_shows_its_quote_and_escape_hides_it(landing):
    link = landing.locator(".zz-key-findings a.zz-num[href*='numbers.html']").first  # a printed row
    tip = landing.locator(f"#{link.get_attribute('aria-describedby')}")
    link.focus()
    assert tip.is_visible() and re.search(r"[\u4e00-\u9fff]", tip.inner_text())
    landing.keyboard.press("Escape")
    assert not tip.is_visible()
    landing.locator("h1").first.focus()


def test_following_a_number_of_the_headline_table_reaches_its_row(landing, server):
    link = landing.locator("table.zz-headline a.zz-num").first
    key = link.get_attribute("data-key")
    page = landing.context.new_page()
    page.goto(f"{server}/book/{link.get_attribute('href')}", wait_until="load")
    assert page.url.endswith(f"numbers.html#{key}")
    assert page.locator(f"[id='{key}']").count() == 1
    page.close()


def test_no_row_id_shows_in_the_landing_pages_text(landing):
    text = landing.evaluate("() => document.querySelector('article').innerText")
    assert not ROW_ID.findall(text)
