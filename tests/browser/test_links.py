"""No internal link or anchor in the built book is broken (external links are not followed)."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "object": "data",
}


class _Page(HTMLParser):
    """The links and the anchor targets (id, a name) of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attrs_d = dict(attrs)
        if attrs_d.get("id"):
            self.anchors.add(attrs_d["id"])
        if tag == "a" and attrs_d.get("name"):
            self.anchors.add(attrs_d["name"])
        url = attrs_d.get(_LINK_ATTRS.get(tag, ""))
        if url is not None:
            self.links.append((self.getpos()[0], url))


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(root: Path) -> list[str]:
    """Every internal link under `root` whose file or #anchor does not exist, as 'file:line: url'."""
    broken = []
    pages = sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)
    for source in pages:
        for line, url in _parse(source).links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#!", "javascript:")) or not url:
                continue  # external, or not a link to a file
            target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
            if target.is_dir():
                target = target / "index.html"
            where = f"{source.relative_to(root)}:{line}: {url}"
            if not target.is_file():
                broken.append(f"{where} (no such file)")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _parse(target).anchors
            ):
                broken.append(f"{where} (no such anchor)")
    return broken


def test_no_internal_link_or_anchor_is_broken(site):
    broken = broken_links(site)
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_the_checker_reports_a_missing_file_and_a_missing_anchor(tmp_path):
    (tmp_path / "a.html").write_text(
        '<p id="here"></p><a href="b.html">b</a><a href="#gone">x</a>'
        '<a href="#here">ok</a><a href="https://example.org/">ext</a>'
    )
    _parse.cache_clear()
    assert broken_links(tmp_path) == ["a.html:1: b.html (no such file)", "a.html:1: #gone (no such anchor)"]
