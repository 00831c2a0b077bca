"""The whole book as one PDF, printed from the built HTML by Debian's Chromium.

    python -m zhuzhou_book.pdf              # run by `make book`, after Sphinx: both editions
    python -m zhuzhou_book.pdf --lang zh_CN # the Chinese edition's PDF only

Why not jupyter-book's PDF builder: it downloads a browser of its own at build time, which cannot
work offline. Here the Chromium the browser tests use prints the pages Sphinx has just written:

1. `print_page`: the article of every page of `_toc.yml` (the downloads page aside: it lists files,
   not text), in reading order, in one HTML page with a title page and a contents page in front.
   Each page's ids get a prefix, so the same heading in two chapters stays two targets; links
   between pages become links inside the PDF, links to files or other site pages become plain text;
   images and stylesheets load from `_build/html`, so figures stay SVG (vector) and Chinese text is
   set in the book's own web font.
2. `build`: Playwright drives Chromium's `page.pdf`: A4, a page number at the foot of every page,
   tagged (headings, tables and figures readable by screen readers). The page each chapter starts
   on is read from the PDF's named destinations (Chromium writes one per link target, and the
   contents links to each chapter), written into the contents, and the page is printed again;
   pypdf then adds bookmarks (parts and chapters), the title and the author.
3. `brief.normalise_pdf` blanks Chromium's date stamps and renumbers its tag ids, so two prints of
   the same pages are byte-identical.

Each edition has its own PDF, printed from its own pages (`EDITIONS`): the English book
`downloads/zhuzhou-innovation-book.pdf` from `_build/html`, the Chinese one
`downloads/zhuzhou-innovation-book.zh.pdf` from `_build/html/zh`, with its title page, contents
and bookmarks in Chinese (the part captions from the root page's catalogue, as the site shows them).

Skipped when a stamp of the pages, their images and styles, this module and Chromium is
unchanged. Where Chromium is missing the HTML book still builds (one line says the PDF was
skipped); under CI (CI=true) that is an error.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import posixpath
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from zhuzhou_innovation.paths import BUILD, REPO

from . import downloads
from .toc import Page, reading_order

SITE = downloads.SITE
PRINT_DIR = BUILD / "print"  # the assembled print page; not published
PDF = downloads.OUT / downloads.BOOK_PDF
STAMP = BUILD / "generated" / "book-pdf.stamp"


@dataclass(frozen=True)
class PdfEdition:
    """One edition's PDF: the pages it is printed from, the file, its stamp and print page."""

    language: str
    site: Path
    out: Path
    stamp_path: Path
    work: Path


EDITIONS = {
    "en": PdfEdition("en", SITE, PDF, STAMP, PRINT_DIR),
    "zh_CN": PdfEdition(
        "zh_CN",
        SITE / "zh",
        downloads.OUT / downloads.BOOK_PDF_ZH,
        BUILD / "generated" / "book-pdf.zh.stamp",
        PRINT_DIR / "zh",
    ),
}
# The words the PDF adds to the pages, and its `lang`, per language.
LABELS = {"en": {"contents": "Contents", "lang": "en"}, "zh_CN": {"contents": "目录", "lang": "zh-Hans"}}
LEFT_OUT = {"book/downloads"}  # pages that list files for the site, not part of the text

# A4 with the margins the print CSS uses (book/_static/print.css); the footer sits in the bottom one.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_MM = {"top": 16, "right": 14, "bottom": 18, "left": 14}
CSS_PX_PER_MM = 96 / 25.4
CONTENT_WIDTH_PX = int((PAGE_WIDTH_MM - MARGIN_MM["left"] - MARGIN_MM["right"]) * CSS_PX_PER_MM)

# Rules for the assembled book only (the site's own print rules are in book/_static/print.css).
PAGE_RULE = "@page {{ size: A4; margin: {top}mm {right}mm {bottom}mm {left}mm; }}".format(**MARGIN_MM)
BOOK_CSS = (
    PAGE_RULE
    + """
body.print-book { margin: 0; background: white; }
.print-book .title-page { break-after: page; padding-top: 30vh; text-align: center; }
.print-book .title-page h1 { font-size: 2.2rem; margin-bottom: 1.2em; }
.print-book .title-page p { font-size: 1.05rem; margin: 0.3em 0; }
.print-book nav.book-contents { break-after: page; }
.print-book nav.book-contents ol { list-style: none; padding: 0; margin: 0; }
.print-book nav.book-contents li.part { font-weight: bold; margin-top: 0.9em; }
.print-book nav.book-contents li.chapter a { display: flex; gap: 0.5em; align-items: baseline;
  padding: 0.15em 0 0.15em 1.2em; color: inherit; text-decoration: none; }
.print-book nav.book-contents .leader { flex: 1; border-bottom: 1px dotted #888; }
.print-book nav.book-contents .page { min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
.print-book article.chapter { break-before: page; }
.print-book article.chapter > section > h1:first-of-type { margin-top: 0; }
"""
)

FOOTER = (
    '<div style="width:100%;font-size:8pt;text-align:center;color:#444;'
    'font-family:\'DejaVu Sans\',sans-serif"><span class="pageNumber"></span></div>'
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ID_ATTRS = (
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "for",
    "headers",
    "popovertarget",
    "list",
)


@dataclass
class Chapter:
    """One page of the book as the PDF holds it: where it starts, its title, its part."""

    docname: str
    anchor: str
    title: str
    part: str
    page_number: int | None = None


def anchor(docname: str) -> str:
    """The id of a page inside the print page (`book/07-trends` -> `p-book-07-trends`)."""
    return "p-" + re.sub(r"[^A-Za-z0-9_-]", "-", docname)


def _file_uri(path: Path) -> str:
    return path.resolve().as_uri()


def _site_target(page_html: str, url: str) -> tuple[str, str] | None:
    """An internal link as (site path, fragment), resolved from page `page_html`; None if external."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("javascript:"):
        return None
    path = (
        posixpath.normpath(posixpath.join(posixpath.dirname(page_html), unquote(parts.path)))
        if parts.path
        else page_html
    )
    return path, unquote(parts.fragment)


def _article(soup, docname: str, pages: dict[str, str], site: Path):
    """The article of one built page, rewritten to live inside the print page."""
    page_html = f"{docname}.html"
    article = soup.select_one("article.bd-article")
    if article is None:
        raise RuntimeError(f"{site / page_html}: no <article class='bd-article'> (has the theme changed?)")
    for tag in article.select("a.headerlink, script, button, .copybtn, .toggle-button"):
        tag.decompose()
    prefix = anchor(docname)
    ids = {}
    for tag in article.find_all(id=True):
        ids[tag["id"]] = f"{prefix}--{tag['id']}"
        tag["id"] = ids[tag["id"]]
    for attr in ID_ATTRS:
        for tag in article.find_all(attrs={attr: True}):
            tag[attr] = " ".join(ids.get(token, token) for token in str(tag[attr]).split())
    for style in article.find_all("style"):  # pandas Styler rules name the table by id
        if style.string:
            style.string = re.sub(
                r"#([A-Za-z_][\w-]*)", lambda m: "#" + ids.get(m.group(1), m.group(1)), style.string
            )
    for link in article.find_all("a", href=True):
        target = _site_target(page_html, link["href"])
        if target is None:
            continue  # a link off the site: kept as it is
        path, fragment = target
        if path in pages:
            page_anchor = pages[path]
            link["href"] = f"#{page_anchor}--{fragment}" if fragment else f"#{page_anchor}"
        else:
            link.unwrap()  # a file, the index or a page the PDF leaves out: plain text on paper
    for tag in article.find_all(src=True):
        target = _site_target(page_html, tag["src"])
        if target is not None:
            tag["src"] = _file_uri(site / target[0])
    heading = article.find("h1")
    title = (
        " ".join(heading.get_text().split()) if heading else docname
    )  # spans (lang="zh-Hans") join as printed
    return article, title


def _stylesheets(soup, page_html: str, site: Path) -> list[Path]:
    """The stylesheets a built page links, in order (their cache-busting queries dropped)."""
    sheets = []
    for link in soup.find_all("link", rel="stylesheet"):
        target = _site_target(page_html, link["href"])
        if target is not None:
            sheets.append(site / target[0])
    return sheets


def book_pages(root: Path = REPO) -> list[Page]:
    """The pages the PDF holds: every page of `root/_toc.yml` but those in LEFT_OUT, in reading order."""
    return [p for p in reading_order(root / "_toc.yml") if p.docname not in LEFT_OUT]


def print_page(
    site: Path = SITE, root: Path = REPO, numbers: dict[str, int] | None = None, language: str = "en"
) -> tuple[str, list[Chapter]]:
    """The book built in `site` from the sources in `root`, as one HTML page, and its chapters.

    `numbers` maps each chapter's anchor to the page it starts on (blank in the first print);
    `language` is the edition's (its part captions, title page and contents heading).
    """
    from bs4 import BeautifulSoup

    pages = book_pages(root)
    by_path = {f"{p.docname}.html": anchor(p.docname) for p in pages}
    chapters: list = []
    articles: list = []
    sheets: list = []
    for page in pages:
        source = site / f"{page.docname}.html"
        soup = BeautifulSoup(source.read_text(encoding="utf-8"), "html.parser")
        if not sheets:
            sheets = _stylesheets(soup, f"{page.docname}.html", site)
        article, title = _article(soup, page.docname, by_path, site)
        chapter = Chapter(page.docname, anchor(page.docname), title, _caption(page.part, root, language))
        chapter.page_number = (numbers or {}).get(chapter.anchor)
        article["class"] = ["bd-article", "chapter"]
        article["id"] = chapter.anchor
        chapters.append(chapter)
        articles.append(str(article))
    config = _config(root, language)
    book_title = str(config.get("title", ""))
    head = "\n".join(f'<link rel="stylesheet" href="{_file_uri(p)}">' for p in sheets)
    text = f"""<!DOCTYPE html>
<html lang="{LABELS[language]["lang"]}" data-theme="light" data-mode="light">
<head>
<meta charset="utf-8">
<title>{html.escape(book_title)}</title>
{head}
<style>{BOOK_CSS}</style>
</head>
<body class="print-book">
{_title_page(config)}
{_contents(chapters, LABELS[language]["contents"])}
{"".join(articles)}
</body>
</html>
"""
    return text, chapters


def _config(root: Path = REPO, language: str = "en") -> dict:
    """The book's title, author and copyright from `_config.yml`, in `language` (its
    `nb_i18n_config` gives the Chinese edition's `html_title` and `author`)."""
    import yaml

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    sphinx = (config.get("sphinx") or {}).get("config") or {}
    local = (sphinx.get("nb_i18n_config") or {}).get(language) or {}
    if language != "en":
        config = {
            **config,
            "title": local.get("html_title", config.get("title", "")),
            "author": local.get("author", config.get("author", "")),
        }
    return config


def _caption(caption: str, root: Path, language: str) -> str:
    """A part caption of `_toc.yml` in `language`: its translation in the root page's catalogue,
    where Sphinx finds it for the site's navigation (zhuzhou_book.sphinx_i18n)."""
    if language == "en" or not caption:
        return caption
    from .catalogues import translations

    return translations(reading_order(root / "_toc.yml")[0].docname, root, language).get(caption, caption)


def _title_page(config: dict) -> str:
    lines = "".join(f"<p>{html.escape(str(config[k]))}</p>" for k in ("author", "copyright") if config.get(k))
    return (
        f'<section class="title-page"><h1>{html.escape(str(config.get("title", "")))}</h1>{lines}</section>'
    )


def _contents(chapters: list[Chapter], heading: str = "Contents") -> str:
    """The contents: part captions, and each chapter's title with the page it starts on."""
    items, part = [], ""
    for c in chapters:
        if c.part and c.part != part:
            items.append(f'<li class="part">{html.escape(c.part)}</li>')
            part = c.part
        number = "" if c.page_number is None else str(c.page_number)
        items.append(
            f'<li class="chapter"><a href="#{c.anchor}"><span class="title">{html.escape(c.title)}'
            f'</span><span class="leader"></span><span class="page">{number}</span></a></li>'
        )
    return (
        f'<nav class="book-contents" aria-label="{html.escape(heading)}"><h2>{html.escape(heading)}</h2>'
        f"<ol>{''.join(items)}</ol></nav>"
    )


def stamp(site: Path, root: Path, chromium: Path, language: str = "en") -> str:
    """A hash of what the PDF is printed from: the built pages, every image and style of the site,
    the book's configuration and table of contents, this module, and the browser printing it.

    Cheap on purpose (no parsing), so a no-change `make book` decides in a fraction of a second."""
    h = hashlib.sha256(Path(__file__).read_bytes() + language.encode())
    names = ["_config.yml", "_toc.yml"]
    if language != "en":  # the part captions' translations
        names.append(f"locales/{language}/LC_MESSAGES/{reading_order(root / '_toc.yml')[0].docname}.po")
    for name in names:
        h.update((root / name).read_bytes() if (root / name).is_file() else b"missing")
    files = [site / f"{p.docname}.html" for p in book_pages(root)]
    files += sorted(p for d in ("_static", "_images") for p in (site / d).rglob("*") if p.is_file())
    for path in files:
        h.update(path.relative_to(site).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    info = chromium.stat()
    h.update(f"{chromium}:{info.st_size}:{info.st_mtime_ns}".encode())
    return h.hexdigest()


def _check_web_font(page) -> None:
    """Fail unless the book's CJK web font has loaded: without it Chromium would draw the Chinese
    text with whatever system font it finds (or none), not the book's own."""
    from .webfont import FAMILY

    status = page.evaluate(
        """family => [...document.fonts]
        .filter(f => f.family.replace(/["']/g, '') === family).map(f => f.status)""",
        FAMILY,
    )
    if "loaded" not in status:
        raise RuntimeError(
            f"the web font {FAMILY!r} did not load in the print page (status {status}); "
            "is book/_static/generated/cjk-webfont.css in the built site?"
        )


def _print(browser, html_path: Path) -> bytes:
    """One print of the page by Chromium: A4, page numbers at the foot, tagged."""
    page = browser.new_page()
    try:
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        _check_web_font(page)
        return page.pdf(
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER,
            margin={k: f"{v}mm" for k, v in MARGIN_MM.items()},
            outline=False,
            tagged=True,
        )
    finally:
        page.close()


def chapter_pages(pdf: bytes, anchors: list[str]) -> dict[str, int]:
    """The page (from 1) each chapter starts on, from the PDF's named destinations."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    dests = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    found = {}
    for name in anchors:
        page = reader.get_destination_page_number(dests[name]) if name in dests else None
        if page is not None:
            found[name] = page + 1
    missing = [a for a in anchors if a not in found]
    if missing:
        raise RuntimeError(
            f"the printed book has no destination for {', '.join(missing)}: "
            "Chromium wrote no named destination for these chapters"
        )
    return found


def with_outline(pdf: bytes, chapters: list[Chapter], config: dict) -> bytes:
    """The PDF with bookmarks: each part, and under it each chapter at the page it starts on.

    Why not Chromium's own (`page.pdf(outline=True)`): it names a bookmark after the heading's
    lines, dropping the space where a heading wraps and sometimes repeating it.
    """
    import io

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    parents: dict[str, Any] = {}
    for c in chapters:
        if c.page_number is None:
            continue
        parent = None
        if c.part:
            if c.part not in parents:
                parents[c.part] = writer.add_outline_item(title=c.part, page_number=c.page_number - 1)
            parent = parents[c.part]
        writer.add_outline_item(title=c.title, page_number=c.page_number - 1, parent=parent)
    # the document information: title and author from _config.yml; no dates (the clock's time
    # would make two prints differ, and pypdf writes them escaped, out of normalise_pdf's reach)
    info = {k: v for k, v in (writer.metadata or {}).items() if k not in ("/CreationDate", "/ModDate")}
    writer.metadata = info | {
        "/Title": str(config.get("title", "")),
        "/Author": str(config.get("author", "")),
    }
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}  # none yet, or from an older version of this module: print


def print_book(
    browser, site: Path, root: Path, work: Path, language: str = "en"
) -> tuple[bytes, list[Chapter]]:
    """Print the book with `browser` (a Playwright Chromium) until the contents' page numbers
    agree with the pages the chapters start on (the second print, as the numbers take no room)."""
    work.mkdir(parents=True, exist_ok=True)
    page = work / "book.html"
    anchors = [anchor(p.docname) for p in book_pages(root)]
    numbers: dict[str, int] = {}
    for _ in range(3):
        text, chapters = print_page(site, root, numbers=numbers or None, language=language)
        page.write_text(text, encoding="utf-8")
        pdf = _print(browser, page)
        found = chapter_pages(pdf, anchors)
        if found == numbers:
            return pdf, chapters
        numbers = found
    raise RuntimeError(f"the contents' page numbers did not settle: {numbers}")


def build(
    site: Path = SITE,
    out: Path = PDF,
    root: Path = REPO,
    chromium: Path | None = None,
    force: bool = False,
    stamp_path: Path = STAMP,
    work: Path = PRINT_DIR,
    browser=None,
    language: str = "en",
) -> tuple[bool, int]:
    """Print the book built in `site` (from the sources in `root`) to `out` unless it is up to
    date; returns (printed, pages). The print page is written to `work`; `language` is the
    edition's (`en` or `zh_CN`).

    `browser`: a running Playwright Chromium to print with (the tests share theirs; Playwright's
    sync API cannot start twice in one process); else Chromium is launched here and closed after.
    """
    chromium = chromium or downloads.CHROMIUM
    now = stamp(site, root, chromium, language)
    stored = _read_stamp(stamp_path)
    if not force and out.is_file() and stored.get("stamp") == now:
        return False, stored["pages"]
    from zhuzhou_innovation.brief import normalise_pdf, pdf_pages  # pandas: only when printing

    if browser is not None:
        pdf, chapters = print_book(browser, site, root, work, language)
    else:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
            )
            try:
                pdf, chapters = print_book(browser, site, root, work, language)
            finally:
                browser.close()
    data = normalise_pdf(with_outline(pdf, chapters, _config(root, language)))
    out.parent.mkdir(parents=True, exist_ok=True)
    if not (out.is_file() and out.read_bytes() == data):
        out.write_bytes(data)
    stamp_path.parent.mkdir(parents=True, exist_ok=True)
    pages = pdf_pages(data)
    stamp_path.write_text(json.dumps({"stamp": now, "pages": pages}))
    return True, pages


def build_editions(languages: list[str], force: bool = False) -> list[tuple[PdfEdition, bool, int, float]]:
    """Print the PDF of each edition (with one Chromium), each unless up to date; returns, per
    edition, whether it was printed, its pages and the seconds it took."""
    from playwright.sync_api import sync_playwright

    done = []
    with sync_playwright() as playwright:
        browser = None
        try:
            for language in languages:
                edition = EDITIONS[language]
                start = time.perf_counter()
                if (
                    not force
                    and edition.out.is_file()
                    and _read_stamp(edition.stamp_path).get("stamp")
                    == stamp(edition.site, REPO, downloads.CHROMIUM, language)
                ):
                    done.append((edition, False, _read_stamp(edition.stamp_path)["pages"], 0.0))
                    continue
                browser = browser or playwright.chromium.launch(
                    executable_path=str(downloads.CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
                printed, pages = build(
                    edition.site,
                    edition.out,
                    force=force,
                    stamp_path=edition.stamp_path,
                    work=edition.work,
                    browser=browser,
                    language=language,
                )
                done.append((edition, printed, pages, time.perf_counter() - start))
        finally:
            if browser is not None:
                browser.close()
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="print even if up to date")
    parser.add_argument(
        "--lang",
        choices=sorted(EDITIONS),
        action="append",
        help="the edition(s) to print (default: every edition whose pages are built)",
    )
    args = parser.parse_args(argv)
    languages = args.lang or [lang for lang, e in EDITIONS.items() if (e.site / "index.html").is_file()]
    if not downloads.chromium_available():
        status = downloads.missing_chromium("the book's PDF")
        for edition in EDITIONS.values():
            edition.out.unlink(missing_ok=True)  # never publish the PDF of an older book
        downloads.write_listing()
        downloads.unpublish_missing()
        return status
    done = build_editions(languages, force=args.force)
    listed = downloads.write_listing()
    for edition, printed, pages, seconds in done:
        size = downloads.human_size(edition.out.stat().st_size)
        state = f"printed in {seconds:.0f} s" if printed else "up to date"
        print(
            f"book PDF ({edition.language}) {state}: {edition.out.relative_to(REPO)} ({pages} pages, {size})"
        )
    if listed:
        print("the downloads listing changed: the downloads pages are rebuilt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
