"""A Sphinx extension: the downloads page's tables, generated from the listing of the built files.

    ```{downloads-table} dataset
    ```
    ```{figure-downloads}
    ```

`downloads-table GROUP` lists the files of one group (book, dataset, briefing) with their format,
size and contents; `figure-downloads` lists every figure of the briefing pack with its chapter and
links to its SVG and PNG in English and Chinese and its CSV, each with its size. Both read
`_build/generated/downloads.json` (written by `python -m zhuzhou_book.downloads` before Sphinx,
and again by `python -m zhuzhou_book.pdf` once the book's PDF exists) and record it as a dependency
of the page, so the page is rebuilt exactly when a file changed.

The tables are written in the edition's language (`LABELS`, and each file's Chinese format and
description from the listing); their words come from here and the data, not from the page's
markdown, so they hold no message to translate. The files are served once, from the site's
`downloads/` folder: the Chinese edition (under `zh/`) links up to it.
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from zhuzhou_innovation.paths import REPO

from .downloads import GROUPS, LISTING, human_size
from .toc import reading_order

ZH = "language-zh-Hans"  # docutils writes a `language-*` class as the element's lang attribute

LABELS = {
    "en": {
        "file": "File",
        "format": "Format",
        "size": "Size",
        "holds": "What it holds",
        "figure": "Figure",
        "chapter": "Chapter",
        "english": "English",
        "chinese": "中文",
        "data": "Data",
        "none": "No file of this group was built.",
        "licence": "Licence of the tables: {}",
        "no-pack": "The briefing pack was not built, so no figure is listed.",
        "figures": "Every figure as SVG (vector) and {}, in English and Chinese, and the CSV of what it draws",
        "png": "PNG at {} dpi",
        "or": " or ",
    },
    "zh": {
        "file": "文件",
        "format": "格式",
        "size": "大小",
        "holds": "内容",
        "figure": "图表",
        "chapter": "章节",
        "english": "英文版",
        "chinese": "中文版",
        "data": "数据",
        "none": "本组文件均未生成。",
        "licence": "数据表的许可协议：{}",
        "no-pack": "简报资料包未生成，故此处不列图表。",
        "figures": "本书每幅图表的 SVG（矢量）与 {}，中英文各一份，另附所绘数据的 CSV",
        "png": "{} dpi 的 PNG",
        "or": "或",
    },
}


def _lang(env) -> str:
    return "zh" if (env.config.language or "en").startswith("zh") else "en"


def _site_prefix(env) -> str:
    """The way up from this edition's root to the site's root, where the downloads are served."""
    editions = getattr(env.config, "editions", {}) or {}
    prefix = (editions.get(env.config.language) or {}).get("prefix", "")
    return "../" * (prefix.count("/") + 1) if prefix else ""


def _listing() -> dict:
    if not LISTING.is_file():
        return {"files": [], "missing": [], "figures": []}
    return json.loads(LISTING.read_text(encoding="utf-8"))


def _table(
    header: list[str | nodes.Node], rows: list[list[nodes.Node]], widths: list[int], caption: str = ""
) -> nodes.table:
    table = nodes.table(classes=["downloads-table"])
    if caption:
        table += nodes.title(text=caption, translatable=False)  # from the data: no message
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += nodes.row(
        "", *(nodes.entry("", nodes.paragraph(text=h) if isinstance(h, str) else h) for h in header)
    )
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += nodes.row(
            "", *(nodes.entry("", *c) if isinstance(c, list) else nodes.entry("", c) for c in cells)
        )
    return table


class _DownloadsDirective(SphinxDirective):
    def setup_listing(self) -> dict:
        self.env.note_dependency(str(LISTING))
        return _listing()

    @property
    def labels(self) -> dict[str, str]:
        return LABELS[_lang(self.env)]

    def words(self, entry: dict, key: str) -> str:
        """An entry's format, description or reason in the edition's language."""
        return entry.get(f"{key}_zh", entry[key]) if _lang(self.env) == "zh" else entry[key]

    def link(self, entry: dict, text: str) -> nodes.reference:
        """A link from this page to a file of the site (its address relative to this page)."""
        here = self.env.app.builder.get_target_uri(self.env.docname)
        uri = relative_uri(here, entry["path"])
        return nodes.reference(text, text, refuri=_site_prefix(self.env) + uri, internal=False)


class DownloadsTable(_DownloadsDirective):
    """The files of one group, with format, size and what each holds."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        group = self.arguments[0]
        if group not in GROUPS:
            raise self.error(f"unknown downloads group {group!r}: one of {', '.join(GROUPS)}")
        data = self.setup_listing()
        labels, rows = self.labels, []
        for entry in (e for e in data["files"] if e["group"] == group):
            name = entry["path"].rsplit("/", 1)[-1]
            rows.append(
                [
                    nodes.paragraph("", "", self.link(entry, name)),
                    nodes.paragraph(text=self.words(entry, "format")),
                    nodes.paragraph(text=human_size(entry["bytes"])),
                    nodes.paragraph(text=self.words(entry, "description")),
                ]
            )
        for entry in (e for e in data["missing"] if e["group"] == group):
            rows.append(
                [
                    nodes.paragraph(text=entry["path"].rsplit("/", 1)[-1]),
                    nodes.paragraph(text=self.words(entry, "format")),
                    nodes.paragraph(text=self.words(entry, "why")),
                    nodes.paragraph(text=self.words(entry, "description")),
                ]
            )
        if not rows:
            return [nodes.paragraph(text=labels["none"])]
        # the Chinese caption names the licence only; the page's text says what it covers
        licence = data.get("licence_names") if _lang(self.env) == "zh" else data.get("licence")
        caption = labels["licence"].format(licence) if group == "dataset" and licence else ""
        return [
            _table(
                [labels["file"], labels["format"], labels["size"], labels["holds"]],
                rows,
                [22, 18, 8, 52],
                caption,
            )
        ]


class FigureDownloads(_DownloadsDirective):
    """Every figure: its title, the chapter that shows it, its files in both languages."""

    def links(self, files: dict[str, dict], *keys: str) -> list[nodes.paragraph]:
        """One line per file (`svg-en`, `csv`...): its format and size, as the link's text."""
        return [
            nodes.paragraph(
                "", "", self.link(files[k], f"{k.split('-')[0].upper()}, {human_size(files[k]['bytes'])}")
            )
            for k in keys
            if k in files
        ]

    def run(self) -> list[nodes.Node]:
        data = self.setup_listing()
        labels, zh = self.labels, _lang(self.env) == "zh"
        order = {page.docname: i for i, page in enumerate(reading_order())}
        self.env.note_dependency(str(REPO / "_toc.yml"))
        rows = []
        for fig in sorted(data["figures"], key=lambda f: order.get(f"book/{f['chapter']}", len(order))):
            files = fig["files"]
            if zh and fig["titles"].get("zh"):  # the Chinese edition names each figure in Chinese only
                title = nodes.paragraph(text=fig["titles"]["zh"])
            else:
                title = nodes.paragraph(text=fig["titles"].get("en") or fig["name"])
                if fig["titles"].get("zh"):
                    title += nodes.Text(" ")
                    title += nodes.inline(text=fig["titles"]["zh"], classes=[ZH])
            chapter = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="doc",
                reftarget=f"/book/{fig['chapter']}",
                refexplicit=False,
                refwarn=True,
            )
            chapter += nodes.inline(text=fig["chapter"])
            rows.append(
                [
                    title,
                    nodes.paragraph("", "", chapter),
                    self.links(files, "svg-en", "png-en"),
                    self.links(files, "svg-zh", "png-zh"),
                    self.links(files, "csv"),
                ]
            )
        if not rows:
            return [nodes.paragraph(text=labels["no-pack"])]
        dpis = sorted(
            {
                f["dpi"]
                for fig in data["figures"]
                for k, f in fig["files"].items()
                if k.startswith("png") and f.get("dpi")
            }
        )
        png = labels["png"].format(labels["or"].join(map(str, dpis))) if dpis else "PNG"
        chinese = (
            labels["chinese"]
            if zh
            else nodes.paragraph("", "", nodes.inline(text=labels["chinese"], classes=[ZH]))
        )
        return [
            _table(
                [labels["figure"], labels["chapter"], labels["english"], chinese, labels["data"]],
                rows,
                [34, 24, 16, 16, 10],
                labels["figures"].format(png),
            )
        ]


def setup(app):
    app.add_directive("downloads-table", DownloadsTable)
    app.add_directive("figure-downloads", FigureDownloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
