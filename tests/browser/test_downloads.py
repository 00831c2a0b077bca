"""What a reader downloads from the built site: the downloads page, the files it links, the book's PDF,
and the book's pages as they print.

The files are the ones `make book` wrote into `_build/html/downloads/` (the `site` fixture builds
the book when it is stale); nothing is rebuilt here but the dataset files, in memory, to show
that a fresh build gives the same bytes as the served ones. The downloads page and the book's PDF
are checked in both editions (the Chinese PDF is printed from the Chinese pages, under `zh/`).
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import unicodedata
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import REPO, ZH, toc_pages
from pypdf import PdfReader
from zhuzhou_book import dataset_files, downloads, pdf

DATA = REPO / "data"
PAGE = "book/downloads"


def _tables() -> dict[str, int]:
    """Every table of data/datapackage.json with its number of rows, read from data/."""
    return dataset_files.table_rows(DATA)


def _norm(text: str) -> str:
    """Text as compared across HTML and PDF: ligatures undone (NFKC), whitespace collapsed, none
    after a hyphen and none beside Chinese (the PDF's text layer puts spaces around a run of Chinese characters)."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    text = re.sub(r"(\w)- (\w)", r"\1-\2", text)  # a line broken after a hyphen ("Five-|Year")
    return re.sub(r" ?([\u3000-\u9fff\uff00-\uffef]+) ?", r"\1", text)


def _page_title(site: Path, docname: str) -> str:
    """A page's title as Sphinx wrote it in <title>, without the book's name after the dash."""
    head = (site / f"{docname}.html").read_text(encoding="utf-8")
    title = html.unescape(re.search(r"<title>(.*?)</title>", head, re.DOTALL).group(1))
    return title.rsplit(" \u2014 ", 1)[0].strip()


EDITIONS = {"en": "", "zh": ZH}  # edition -> its folder on the site


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def downloads_page(request, browser, server):
    """The downloads page of each edition as the browser shows it: every link in the article, with its text."""
    page = browser.new_page()
    folder = EDITIONS[request.param]
    page.goto(f"{server}/{folder + '/' if folder else ''}{PAGE}.html")
    links = page.eval_on_selector_all(
        "article a[href]", "els => els.map(a => ({href: a.href, text: a.textContent.trim()}))"
    )
    rows = page.eval_on_selector_all(
        "article table.downloads-table tbody tr",
        "trs => trs.map(tr => [...tr.cells].map(td => ({text: td.innerText.trim(), "
        "hrefs: [...td.querySelectorAll('a[href]')].map(a => a.href)})))",
    )
    page.close()
    return {"links": links, "rows": rows}


@dataclass(frozen=True)
class PdfEdition:
    pages: Path  # the edition's pages, which the PDF is printed from
    path: Path  # the PDF
    contents: str  # the heading of its contents page
    chinese: tuple[str, ...]  # Chinese text it must hold


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def pdf_edition(request, site) -> PdfEdition:
    if request.param == "en":
        return PdfEdition(
            site, site / downloads.SITE_DIR / downloads.BOOK_PDF, "Contents", ("指标术语表", "株洲")
        )
    return PdfEdition(
        site / ZH,
        site / downloads.SITE_DIR / downloads.BOOK_PDF_ZH,
        "目录",
        ("株洲科技创新报告逐年读", "让来源互相核对", "株洲"),
    )


@pytest.fixture(scope="module")
def book_pdf(pdf_edition) -> PdfReader:
    path = pdf_edition.path
    assert path.is_file(), f"{path} was not built (is Chromium installed?)"
    return PdfReader(io.BytesIO(path.read_bytes()))


PDFTOTEXT = Path("/usr/bin/pdftotext")


@pytest.fixture(scope="module")
def pdf_raw_text(book_pdf, pdf_edition) -> list[str]:
    """The text of each page of the book's PDF, by poppler's pdftotext in drawing order (`-raw`):
    a second, independent reader of the PDF, and fast (pypdf takes seconds a page on the figures)."""
    if not PDFTOTEXT.is_file():
        message = f"{PDFTOTEXT} is missing: apt-get install poppler-utils (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    path = pdf_edition.path
    done = subprocess.run(
        [str(PDFTOTEXT), "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    pages = done.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends the last page with a form feed too
    assert len(pages) == len(book_pdf.pages)
    return pages


@pytest.fixture(scope="module")
def pdf_text(pdf_raw_text) -> list[str]:
    return [_norm(page) for page in pdf_raw_text]


# --- the downloads page ----------------------------------------------------------------------


def test_every_link_on_the_downloads_page_resolves_to_a_non_empty_file(downloads_page, server):
    files = [link for link in downloads_page["links"] if f"/{downloads.SITE_DIR}/" in link["href"]]
    assert files, "the downloads page links no file"
    for link in files:
        with urllib.request.urlopen(link["href"]) as response:
            assert response.status == 200, link
            assert len(response.read()) > 0, link


def test_downloads_page_links_every_file_the_build_wrote_for_download(downloads_page):
    written = {p.relative_to(downloads.EXTRA).as_posix() for p in downloads.OUT.rglob("*") if p.is_file()}
    linked = {re.sub(r"^https?://[^/]+/", "", link["href"]) for link in downloads_page["links"]}
    assert written and written - linked == set()


def test_downloads_page_gives_each_file_its_format_and_true_size(downloads_page, site):
    for cells in downloads_page["rows"]:
        for cell in cells:
            for href in cell["hrefs"]:
                if f"/{downloads.SITE_DIR}/" not in href:
                    continue
                path = site / re.sub(r"^https?://[^/]+/", "", href)
                size = downloads.human_size(path.stat().st_size)
                row_text = " ".join(c["text"] for c in cells)
                assert size in row_text, (href, size, row_text)


def test_figure_table_links_each_figure_as_svg_and_png_in_both_languages_and_its_csv(downloads_page):
    from zhuzhou_innovation import catalog

    hrefs = {link["href"].rsplit("/", 1)[-1] for link in downloads_page["links"]}
    for name in catalog.FIGURES:
        expected = {f"{name}.csv"} | {
            f"{name}.{lang}.{fmt}" for lang in ("en", "zh") for fmt in ("svg", "png")
        }
        assert expected <= hrefs, name


def test_the_book_pdf_the_dataset_and_the_brief_are_all_on_the_page(downloads_page):
    names = {link["href"].rsplit("/", 1)[-1] for link in downloads_page["links"]}
    assert {
        downloads.BOOK_PDF,
        downloads.BOOK_PDF_ZH,
        downloads.DATA_ZIP,
        downloads.DATA_XLSX,
        "brief.html",
        "brief.pdf",
        "MANIFEST.csv",
    } <= names


def test_intro_links_the_downloads_page(site):
    intro = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'href="downloads.html' in intro.split("<article", 1)[1].split("</article>", 1)[0]


# --- the dataset ------------------------------------------------------------------------------


def test_served_zip_holds_every_table_with_as_many_rows_as_data(site):
    archive = zipfile.ZipFile(site / downloads.SITE_DIR / downloads.DATA_ZIP)
    package = dataset_files.datapackage(DATA)
    for resource in package["resources"]:
        with archive.open(f"{dataset_files.ZIP_ROOT}/{resource['path']}") as f:
            rows = len(pd.read_csv(f, dtype=str, keep_default_na=False))
        assert rows == _tables()[resource["name"]], resource["name"]


def test_served_workbook_holds_every_table_with_as_many_rows_as_data(site):
    path = site / downloads.SITE_DIR / downloads.DATA_XLSX
    sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    for name, rows in _tables().items():
        assert len(sheets[name]) == rows, name
    assert openpyxl.load_workbook(path).sheetnames[0] == dataset_files.README_SHEET


def test_served_zip_and_workbook_are_the_bytes_a_fresh_build_gives(site):
    served = site / downloads.SITE_DIR
    assert (served / downloads.DATA_ZIP).read_bytes() == dataset_files.zip_bytes(DATA)
    assert (served / downloads.DATA_XLSX).read_bytes() == dataset_files.workbook_bytes(DATA)


# --- the book's PDF ---------------------------------------------------------------------------


def _chapters() -> list[str]:
    return [d for d in toc_pages() if d not in pdf.LEFT_OUT]


def test_book_pdf_holds_every_chapter_of_the_toc_in_reading_order(pdf_edition, book_pdf, pdf_text):
    chapters = _chapters()
    assert len(book_pdf.pages) > len(chapters) + 2  # a title page, the contents, a page or more each
    starts = []
    for docname in chapters:
        title = _norm(_page_title(pdf_edition.pages, docname))
        pages = [i for i, text in enumerate(pdf_text) if text.startswith(title)]  # a chapter opens a page
        assert pages, f"{docname}: no page of the PDF opens with its title {title!r}"
        starts.append(pages[0])
    assert starts == sorted(starts), "the chapters are not in the order of _toc.yml"


def test_book_pdf_contents_gives_the_page_each_chapter_starts_on(pdf_edition, book_pdf, pdf_text):
    contents = next(text for text in pdf_text[:4] if text.startswith(pdf_edition.contents))
    for docname in _chapters():
        title = _norm(_page_title(pdf_edition.pages, docname))
        # the text layer puts a space between a Latin title and its page number, none after Chinese
        found = re.search(re.escape(title) + r"\s*(\d+)", contents)
        assert found, f"{title!r} is not in the contents"
        number = int(found.group(1))
        assert pdf_text[number - 1].startswith(title), f"{title!r}: the contents says page {number}"


def test_book_pdf_is_a4_with_a_page_number_on_every_page(book_pdf, pdf_raw_text):
    for number, (page, text) in enumerate(zip(book_pdf.pages, pdf_raw_text, strict=False), start=1):
        assert (
            abs(float(page.mediabox.width) - 595.3) < 1.5 and abs(float(page.mediabox.height) - 841.9) < 1.5
        )
        assert text.split()[-1] == str(number), f"page {number} shows no number at its foot"


def test_book_pdf_draws_its_figures_as_vectors(pdf_edition, book_pdf):
    rasters_in_pages = 0
    for docname in _chapters():
        article = (pdf_edition.pages / f"{docname}.html").read_text(encoding="utf-8").split("<article", 1)[1]
        rasters_in_pages += len(re.findall(r'<img[^>]+src="[^"]+\.(?:png|jpe?g|gif|webp)"', article))
    images = 0
    for page in book_pdf.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        images += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    assert images == rasters_in_pages  # every SVG figure stayed vector; no shadow became a bitmap


def test_book_pdf_holds_the_chinese_text_of_the_pages(pdf_edition, pdf_text):
    text = " ".join(pdf_text)
    for chinese in pdf_edition.chinese:
        assert chinese in text


def test_book_pdf_has_a_bookmark_for_every_chapter(pdf_edition, book_pdf):
    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [_norm(item["/Title"])]

    marks = set(titles(book_pdf.outline))
    for docname in _chapters():
        assert _norm(_page_title(pdf_edition.pages, docname)) in marks, docname


# --- the pages as they print ------------------------------------------------------------------

# Every table that reaches past the page, or sits in a box that clips it.
_WIDE_TABLES = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect();
    if (!r.width) continue;
    let clipped = null;
    for (let a = t.parentElement; a && !clipped; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible' && a.scrollWidth > a.clientWidth + 1) clipped = a.className;
    }
    if (r.left < -0.5 || r.right > width + 0.5 || clipped)
      out.push({table: t.id || (t.caption ? t.caption.textContent.trim().slice(0, 60) : ''),
                left: Math.round(r.left), right: Math.round(r.right), width, clipped});
  }
  return out;
}"""


def _print_view(browser, url: str):
    page = browser.new_page(viewport={"width": pdf.CONTENT_WIDTH_PX, "height": 1100})
    page.emulate_media(media="print")
    page.goto(url)
    return page


def test_no_table_is_wider_than_the_page_in_print(browser, server, docname):
    page = _print_view(browser, f"{server}/{docname}.html")
    try:
        wide = page.evaluate(_WIDE_TABLES)
        hidden = page.evaluate(
            "() => getComputedStyle(document.querySelector('.bd-sidebar-primary')).display"
        )
    finally:
        page.close()
    assert wide == [], f"{docname}: tables wider than an A4 page in print: {wide}"
    assert hidden == "none"  # the navigation does not print


@pytest.mark.parametrize("language", sorted(pdf.EDITIONS))
def test_no_table_is_wider_than_the_page_in_the_printed_book(browser, site, language):
    book = pdf.EDITIONS[language].work / "book.html"
    assert book.is_file(), f"the print page of the {language} book was not written"
    page = _print_view(browser, book.as_uri())
    try:
        wide = page.evaluate(_WIDE_TABLES)
        tables = page.evaluate("() => document.querySelectorAll('table').length")
    finally:
        page.close()
    assert tables > 0
    assert wide == [], f"tables wider than an A4 page in the printed book: {wide}"


def test_the_table_check_catches_a_table_wider_than_the_page(browser):
    page = _print_view(browser, "about:blank")
    try:
        page.set_content(
            '<div style="overflow-x:auto"><table id="wide" style="width:2000px"><tr><td>x</td>'
            '</tr></table></div><table id="ok"><tr><td>y</td></tr></table>'
        )
        wide = page.evaluate(_WIDE_TABLES)
    finally:
        page.close()
    assert [w["table"] for w in wide] == ["wide"]
