"""The book's PDF tool on a two-chapter site made here: what it keeps, links, numbers and skips.

The checks on the real book's PDF (every chapter there, tables within the page) are in
test_downloads.py; these run the same code on pages small enough to print in seconds, with the
session's browser (conftest.py).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from zhuzhou_book import downloads, pdf
from zhuzhou_book.webfont import CSS_FILE, FONT_FILE

REPO = Path(__file__).resolve().parents[2]
WEBFONT = REPO / "book" / "_static" / "generated"

TOC = """\
format: jb-book
root: book/intro
parts:
  - caption: Part one
    chapters:
      - file: book/long
      - file: book/downloads
"""
CONFIG = 'title: "A small book"\nauthor: "Someone"\ncopyright: "2026"\n'
HEAD = (
    '<head><meta charset="utf-8"><link rel="stylesheet" href="../_static/generated/cjk-webfont.css?v=1">'
    '<link rel="stylesheet" href="../_static/theme.css"><link rel="stylesheet" href="../_static/print.css">'
    "</head>"
)
THEME = (
    "html { --pst-font-family-base-system: sans-serif; }\n"
    "body { font-family: var(--pst-font-family-base); }"
)  # as the book's theme sets it
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">'
    '<rect x="10" y="10" width="380" height="180" fill="#3a7"/><path d="M10 190 L390 10" stroke="#000"/></svg>'
)


def _page(body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en">{HEAD}<body><nav>site navigation</nav>'
        f'<article class="bd-article">{body}</article></body></html>'
    )


def _site(tmp: Path) -> tuple[Path, Path]:
    root, site = tmp / "src", tmp / "html"
    root.mkdir()
    (root / "_toc.yml").write_text(TOC)
    (root / "_config.yml").write_text(CONFIG)
    (site / "book").mkdir(parents=True)
    (site / "_static" / "generated").mkdir(parents=True)
    (site / "_images").mkdir()
    for name in (CSS_FILE, FONT_FILE):
        shutil.copy(WEBFONT / name, site / "_static" / "generated" / name)
    shutil.copy(REPO / "book" / "_static" / "print.css", site / "_static" / "print.css")
    (site / "_static" / "theme.css").write_text(THEME)
    (site / "_images" / "chart.svg").write_text(SVG)
    (site / "book" / "intro.html").write_text(
        _page(
            '<section id="intro"><h1>The introduction<a class="headerlink" href="#intro">#</a></h1>'
            '<p>Read <a href="long.html#detail">the detail</a>, the <a href="../_downloads/abc/data.csv">data</a>, '
            'the <a href="downloads.html">downloads</a> and <a href="https://example.org/">elsewhere</a>. '
            "株洲市科技创新</p></section>"
        )
    )
    filler = "".join(
        f"<p>Paragraph {i} of the long chapter, which runs over more than one page "
        "so that the contents must count pages. " * 3 + "</p>"
        for i in range(40)
    )
    (site / "book" / "long.html").write_text(
        _page(
            '<section id="long"><h1>The long chapter</h1>'
            + filler
            + '<section id="detail"><h2>The detail</h2><figure><img alt="chart" src="../_images/chart.svg"></figure>'
            "<table><thead><tr><th>Row</th><th>Quote</th></tr></thead>"
            "<tbody><tr><td>zz2021-001</td><td>研发投入强度达到3.27%</td></tr></tbody></table></section></section>"
        )
    )
    (site / "book" / "downloads.html").write_text(_page('<section id="dl"><h1>Downloads page</h1></section>'))
    return root, site


@pytest.fixture(scope="module")
def small_book(tmp_path_factory, browser):
    tmp = tmp_path_factory.mktemp("pdf")
    root, site = _site(tmp)
    out = tmp / "book.pdf"
    printed, pages = pdf.build(
        site, out, root=root, stamp_path=tmp / "stamp", work=tmp / "print", browser=browser
    )
    assert printed
    return {
        "tmp": tmp,
        "root": root,
        "site": site,
        "out": out,
        "pages": pages,
        "reader": PdfReader(io.BytesIO(out.read_bytes())),
        "browser": browser,
    }


def _text(reader: PdfReader) -> list[str]:
    return [p.extract_text() for p in reader.pages]


def test_every_page_of_the_toc_is_printed_but_the_downloads_page(small_book):
    text = "\n".join(_text(small_book["reader"]))
    assert "The introduction" in text and "The long chapter" in text and "The detail" in text
    assert "Downloads page" not in text
    assert "site navigation" not in text  # only the articles, not the theme around them
    assert "株洲市科技创新" in text


def test_pages_are_a4_and_numbered_at_the_foot(small_book):
    reader = small_book["reader"]
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        # A4 is 595.3 x 841.9 points; Chromium rounds the page to whole CSS pixels
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, (width, height)
        assert page.extract_text().rstrip().endswith(str(number))


def test_contents_gives_the_page_each_chapter_starts_on(small_book):
    reader = small_book["reader"]
    pages = _text(reader)
    contents = next(t for t in pages if t.lstrip().startswith("Contents"))
    for title in ("The introduction", "The long chapter"):
        line = next(line for line in contents.splitlines() if line.startswith(title))
        number = int(line.split()[-1])
        assert title in pages[number - 1].splitlines()[0], (title, number)
    assert "Part one" in contents


def test_bookmarks_hold_each_part_and_chapter_at_its_page(small_book):
    reader = small_book["reader"]
    outline = reader.outline
    titles = [item["/Title"] for item in outline if not isinstance(item, list)]
    assert titles == ["The introduction", "Part one"]
    nested = next(item for item in outline if isinstance(item, list))
    assert [item["/Title"] for item in nested] == ["The long chapter"]
    page = reader.get_destination_page_number(nested[0])
    assert "The long chapter" in reader.pages[page].extract_text()


def test_links_between_pages_stay_in_the_pdf_and_links_to_files_become_text(small_book):
    raw = small_book["out"].read_bytes()
    uris, dests = [], []
    for page in small_book["reader"].pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if "/A" in annot and "/URI" in annot["/A"]:
                uris.append(annot["/A"]["/URI"])
            if "/Dest" in annot:
                dests.append(annot["/Dest"])
    assert uris == ["https://example.org/"]
    assert "/p-book-long--detail" in dests  # "the detail", a link to another page's section
    assert b"file:" not in raw and b"_downloads" not in raw


def test_svg_figures_stay_vector(small_book):
    for page in small_book["reader"].pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
        assert images == []


def test_printing_again_elsewhere_gives_the_same_bytes_and_an_unchanged_site_is_not_printed(small_book):
    tmp, root, site = small_book["tmp"], small_book["root"], small_book["site"]
    other = tmp / "a" / "longer" / "path"  # the print page loads files by path: none may leak in
    shutil.copytree(root, other / "src")
    shutil.copytree(site, other / "html")
    again = other / "again.pdf"
    printed, _ = pdf.build(
        other / "html",
        again,
        root=other / "src",
        stamp_path=other / "stamp",
        work=other / "print",
        browser=small_book["browser"],
    )
    assert printed and again.read_bytes() == small_book["out"].read_bytes()
    printed, pages = pdf.build(
        site,
        small_book["out"],
        root=root,
        stamp_path=tmp / "stamp",
        work=tmp / "print",
        browser=small_book["browser"],
    )
    assert not printed and pages == small_book["pages"]


def test_without_chromium_the_build_goes_on_and_ci_fails(monkeypatch, capsys):
    monkeypatch.setattr(downloads, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("CI", raising=False)
    assert not downloads.chromium_available()
    assert downloads.missing_chromium("the book's PDF") == 0
    assert "skipped" in capsys.readouterr().err
    monkeypatch.setenv("CI", "true")
    assert downloads.missing_chromium("the book's PDF") == 1
    assert "error" in capsys.readouterr().err


def test_ids_get_the_page_as_prefix_so_two_chapters_may_share_a_heading():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        '<article class="bd-article"><section id="what-to-watch">'
        '<style>#T_x td {color: red}</style><table id="T_x"></table>'
        '<a href="#what-to-watch">here</a><label for="T_x">t</label></section></article>',
        "html.parser",
    )
    article, _ = pdf._article(soup, "book/a", {"book/a.html": "p-book-a"}, Path("/site"))
    assert article.find("section")["id"] == "p-book-a--what-to-watch"
    assert article.find("a")["href"] == "#p-book-a--what-to-watch"
    assert article.find("label")["for"] == "p-book-a--T_x"
    assert "#p-book-a--T_x td" in article.find("style").string


def test_the_site_print_css_and_the_pdf_use_the_same_page_margins():
    css = (REPO / "book" / "_static" / "print.css").read_text()
    margins = pdf.MARGIN_MM
    assert f"margin: {margins['top']}mm {margins['right']}mm {margins['bottom']}mm {margins['left']}mm" in css
