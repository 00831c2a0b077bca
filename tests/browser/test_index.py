"""The book's general index (genindex, which every page links as rel="index") is not empty: every
indicator and every place is an entry, and following one lands under its heading in the glossary."""

from __future__ import annotations

from zhuzhou_innovation.load import load_dataset

_ENTRIES = """() => [...document.querySelectorAll('table.indextable a')]
    .map(a => ({text: a.textContent.trim(), href: a.getAttribute('href')}))"""

# The heading of the glossary section an anchor sits in (the closest preceding h2).
_SECTION = """(id) => {
  const target = document.getElementById(id);
  if (!target) return null;
  const headings = [...document.querySelectorAll('article h2')];
  const before = headings.filter(h => h.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
  return before.length ? before[before.length - 1].textContent.replace('#', '').trim() : null;
}"""


def test_every_page_links_an_index_that_lists_every_indicator_and_place(browser, server):
    ds = load_dataset()
    page = browser.new_page()
    page.goto(f"{server}/book/intro.html")
    index = page.eval_on_selector('link[rel="index"]', "l => l.href")
    page.goto(index)
    entries = page.evaluate(_ENTRIES)
    page.close()
    texts = {e["text"] for e in entries}
    expected = {f"{r.name_en} ({r.name_zh})" for r in ds.indicators.itertuples()} | {
        f"{r.name_en} ({r.name_zh})" for r in ds.regions.itertuples()
    }
    assert expected <= texts, f"missing from the index: {sorted(expected - texts)[:10]}"
    assert all(e["href"].startswith("book/appendix-glossary.html#") for e in entries if e["text"] in expected)


def test_an_index_entry_leads_to_its_theme_in_the_glossary(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/genindex.html")
    entry = next(e for e in page.evaluate(_ENTRIES) if e["text"].startswith("R&D intensity ("))
    page.goto(f"{server}/{entry['href']}")
    section = page.evaluate(_SECTION, entry["href"].split("#")[1])
    page.goto(f"{server}/genindex.html")
    yanfeng = next(e for e in page.evaluate(_ENTRIES) if e["text"].startswith("Yanfeng district"))
    page.goto(f"{server}/{yanfeng['href']}")
    place_section = page.evaluate(_SECTION, yanfeng["href"].split("#")[1])
    page.close()
    assert section and section.startswith("R&D effort"), section
    assert place_section and place_section.startswith("Places"), place_section
