"""What a Chinese page must keep of its English counterpart, read from the built HTML.

The tests on the two editions (tests/browser/test_editions.py) use these on every page:

- `english_left`: the paragraphs of a Chinese page that still hold English prose. A paragraph
  (heading, list item, table cell, caption) fails when its Latin letters, once names, units, codes
  and links to pages whose translation is pending are set aside, reach `THRESHOLD`: about two
  English words, fewer letters than any English sentence has.
- `numbers` and `glued_texts`: the numbers a page shows, so that both editions can be compared:
  each number role as its key and unrounded value (the `data-key` and `data-value` of its link),
  each glued text as printed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

THRESHOLD = 12  # Latin letters a paragraph may keep: "GDP", "CSV", "etc" pass, "the review" does not

# Names, units, formats and codes that a Chinese sentence writes in Latin letters, matched whole and
# ignoring case. Acronyms of up to five capitals (GDP, SVG, CRRC) and tokens with a digit (A4, UTF-8,
# zz2021-037) pass without being listed.
ALLOWED = frozenset(
    w.lower()
    for w in (
        "etc",
        "dpi",
        "Linux",
        "Windows",
        "macOS",
        "shell",
        "sed",
        "kB",
        "MB",
        "Excel",
        "PowerPoint",
        "README",
        "Frictionless",
        "Noto",
        "Sans",
        "CJK",
        "SC",
        "Chromium",
        "Creative",
        "Commons",
        "Python",
        "pandas",
        "Sphinx",
        "Jupyter",
        "Book",
        "pptx",
        "xlsx",
        "csv",
        "svg",
        "png",
        "pdf",
        "zip",
        "json",
        "html",
        "md",
        "py",
        "ipynb",
        "km",
        "x",
        "X",
    )
)

# Elements that are not prose: code, maths, tooltips (the quote and source of a number), row ids,
# heading anchors, figures, the link to the other edition, and text the page itself marks as English
# (`lang="en"`: the rows' notes on the every-number page, which the data give in English only).
NOT_PROSE = (
    "pre",
    "code",
    "kbd",
    "samp",
    "script",
    "style",
    "svg",
    "math",
    ".math",
    ".zz-tip",
    ".zz-id",
    ".headerlink",
    ".edition-switch",
    ".cell_input",
    "img",
    '[lang="en"]',
)
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "caption", "dt", "dd", "li")
# file names, addresses, row ids (zz2021-037), names of figures or quantities (gdp-2021-implied) and
# identifiers of the data and code (years_running, the columns of an exercise's table)
_CODE = re.compile(
    r"\S+\.(?:csv|svg|png|pdf|json|xlsx|pptx|zip|html|md|txt|ipynb|py)\b|https?://\S+|"
    r"\b[a-z]+\d{4}[a-z0-9]*-\d{3}\b|\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b|\b[a-z0-9]+(?:_[a-z0-9]+)+\b"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’&.-]*")


def article(html: str):
    """The article of a built page (BeautifulSoup), without what is not prose."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    main: Any = soup.select_one("article.bd-article") or soup.find("article") or soup.body or soup
    for tag in main.select(", ".join(NOT_PROSE)):
        tag.decompose()
    return main


def latin_words(text: str) -> list[str]:
    """The Latin words of a text that are not a name, unit, format or code (see ALLOWED)."""
    words = []
    for word in _WORD.findall(_CODE.sub(" ", text)):
        word = word.strip("'’.-&")
        if not word or any(c.isdigit() for c in word) or word.lower() in ALLOWED:
            continue
        if word.isupper() and len(word.replace("&", "")) <= 5:
            continue  # an acronym: GDP, CRRC, SVG
        words.append(word)
    return words


def english_left(html: str, skip_links_to: Iterable[str] = (), threshold: int = THRESHOLD) -> list[str]:
    """Each paragraph of the page whose Latin words reach `threshold` letters, with those words.

    `skip_links_to`: page addresses (as the page links them, e.g. `07-trends.html`) whose link
    text is set aside: the titles of pages whose translation is pending."""
    main = article(html)
    pending = tuple(skip_links_to)
    for link in main.find_all("a", href=True):
        if link["href"].split("#")[0].endswith(pending) and pending:
            link.decompose()
    found = []
    for block in main.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue  # a cell or item holding paragraphs: those are checked themselves
        text = " ".join(block.get_text(" ").split())
        words = latin_words(text)
        if sum(len(w) for w in words) >= threshold:
            found.append(f"{text[:120]!r}: {' '.join(words)}")
    return found


def numbers(html: str) -> Counter:
    """Every number role of the page: (key, unrounded value) of each number link, counted."""
    return Counter(re.findall(r'<a class="zz-num" [^>]*data-key="([^"]+)" data-value="([^"]+)"', html))


def glued_texts(html: str) -> Counter:
    """Every glued text of the page (myst-nb's `{glue:text}` and `{glue}`), as printed, counted."""
    main = article(html)  # the spans marking Chinese runs in English pages are no word breaks
    return Counter(" ".join(t.get_text().split()) for t in main.select(".pasted-text, .pasted-inline"))
