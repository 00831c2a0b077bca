"""Everything a reader downloads from the site, and the listing the downloads page shows.

    python -m zhuzhou_book.downloads [--jobs N]     # run by `make book`, before Sphinx

Writes the files into `_build/extra/downloads/`, which Sphinx copies to `_build/html/downloads/`
(`html_extra_path`), so every file has a stable address on the site:

    downloads/zhuzhou-innovation-data.zip    the tables, datapackage.json, the sources' attribution
    downloads/zhuzhou-innovation-data.xlsx   the same tables for spreadsheet users, a README sheet first
    downloads/briefing/...                   the briefing pack (zhuzhou_innovation.export): brief.html,
                                             brief.pdf, MANIFEST.csv, figures/<name>.<en|zh>.<svg|png>, .csv
    downloads/zhuzhou-innovation-book.pdf    the whole book, printed after Sphinx by zhuzhou_book.pdf

and `_build/generated/downloads.json`, every file with its format, size and checksum, which the
directives of `zhuzhou_book.sphinx_downloads` turn into the page's tables.

Why stamps: the briefing pack takes about half a minute to draw (84 figure files), and a
no-change `make book` must take seconds. Each group is rebuilt only when a hash of what it is made
from (data folder, library, pins, Chromium's presence) differs from the one stored beside it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import struct
import sys
from pathlib import Path

from zhuzhou_innovation.paths import BUILD, REPO, REQUIREMENTS, data_dir

SITE = BUILD / "html"  # the built site
EXTRA = BUILD / "extra"  # html_extra_path in _config.yml: its contents land at the site's root
SITE_DIR = "downloads"  # the folder on the site
OUT = EXTRA / SITE_DIR
LISTING = BUILD / "generated" / "downloads.json"
STAMPS = BUILD / "generated"  # outside EXTRA, so the stamps are never published
BRIEFING = "briefing"
SLIDES = "slides"
BOOK_PDF = "zhuzhou-innovation-book.pdf"
DATA_ZIP = "zhuzhou-innovation-data.zip"
DATA_XLSX = "zhuzhou-innovation-data.xlsx"
CHROMIUM = Path(os.environ.get("ZHUZHOU_CHROMIUM", "/usr/bin/chromium"))

BOOK_PDF_ZH = "zhuzhou-innovation-book.zh.pdf"

# What each file holds, in the words of the downloads page in each language (the figures get their
# own table): group, then (format, description) in English and in Chinese.
DESCRIPTIONS = {
    BOOK_PDF: (
        "book",
        (
            "PDF, A4",
            (
                "The whole book in English: every chapter in reading order, a contents page, page numbers, "
                "vector figures"
            ),
        ),
        ("PDF，A4", "全书英文版：按阅读顺序收录各章，附目录、页码与矢量图"),
    ),
    BOOK_PDF_ZH: (
        "book",
        (
            "PDF, A4",
            (
                "The whole book in Chinese (全书中文版), printed from the Chinese pages: every chapter in "
                "reading order, a contents page, page numbers, the Chinese figures"
            ),
        ),
        ("PDF，A4", "全书中文版：由中文页面打印，按阅读顺序收录各章，附目录、页码与中文图表"),
    ),
    DATA_ZIP: (
        "dataset",
        (
            "ZIP of CSV (UTF-8) and JSON",
            (
                "Every table as CSV, their schema and descriptions (datapackage.json, Frictionless), the "
                "attribution of the source texts and the record of corrections (CHANGES.md)"
            ),
        ),
        (
            "ZIP 压缩包：CSV（UTF-8）与 JSON",
            (
                "全部数据表（CSV），表结构与字段说明（datapackage.json，Frictionless 格式），原文出处说明，"
                "以及数据更正记录（CHANGES.md）"
            ),
        ),
    ),
    DATA_XLSX: (
        "dataset",
        (
            "Excel workbook (.xlsx)",
            ("Every table on its own sheet, with a README sheet describing each table and field"),
        ),
        ("Excel 工作簿（.xlsx）", "每张数据表各占一个工作表，首个工作表 README 说明各表与各字段"),
    ),
    f"{BRIEFING}/brief.html": (
        "briefing",
        (
            "HTML, self-contained",
            (
                "The one-page brief: key indicators, two key figures, the sources; opens offline and prints on "
                "one A4 page"
            ),
        ),
        ("HTML，单文件", "一页简报：主要指标、两幅主要图表与来源；可离线打开，打印为一页 A4"),
    ),
    f"{BRIEFING}/brief.pdf": (
        "briefing",
        ("PDF, A4", "The one-page brief, printed"),
        ("PDF，A4", "一页简报的打印版"),
    ),
    f"{BRIEFING}/MANIFEST.csv": (
        "briefing",
        (
            "CSV (UTF-8)",
            ("Every file of the briefing pack with its figure, chapter, language, format and title"),
        ),
        ("CSV（UTF-8）", "简报资料包的文件清单：每个文件的图表、章节、语言、格式与标题"),
    ),
    f"{SLIDES}/briefing.en.pptx": (
        "briefing",
        (
            "PowerPoint (.pptx)",
            ("Briefing slides in English: the key findings, the key figures, the scorecard, the sources"),
        ),
        ("PowerPoint（.pptx）", "英文简报幻灯片：主要发现、主要图表、目标完成情况与来源"),
    ),
    f"{SLIDES}/briefing.zh.pptx": (
        "briefing",
        (
            "PowerPoint (.pptx)",
            ("Briefing slides in Chinese (简报幻灯片，中文): the same slides, Chinese figures and text"),
        ),
        ("PowerPoint（.pptx）", "中文简报幻灯片：内容同英文版，图表与文字均为中文"),
    ),
}
GROUPS = ("book", "dataset", "briefing")
NEEDS_CHROMIUM = {BOOK_PDF, BOOK_PDF_ZH, f"{BRIEFING}/brief.pdf"}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_hash(base: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        h.update(path.relative_to(base).as_posix().encode() + b"\0" + _sha256(path.read_bytes()).encode())
    return h.hexdigest()


def chromium_available(chromium: Path | None = None) -> bool:
    """Whether Chromium (`CHROMIUM` unless given) is installed and runs."""
    chromium = chromium or CHROMIUM
    return chromium.is_file() and os.access(chromium, os.X_OK)


def missing_chromium(what: str) -> int:
    """Say in one line that `what` needs Chromium; fail under CI (CI=true), where it must be built."""
    where = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set ZHUZHOU_CHROMIUM)"
    if os.environ.get("CI"):
        print(f"error: {what} cannot be made: {where}; CI must publish it", file=sys.stderr)
        return 1
    print(f"{what} skipped: {where}; the HTML builds without it", file=sys.stderr)
    return 0


def _up_to_date(name: str, stamp: str, outputs: list[Path]) -> bool:
    path = STAMPS / f"downloads-{name}.stamp"
    return path.is_file() and path.read_text() == stamp and all(p.is_file() for p in outputs)


def _record(name: str, stamp: str) -> None:
    STAMPS.mkdir(parents=True, exist_ok=True)
    (STAMPS / f"downloads-{name}.stamp").write_text(stamp)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def dataset_stamp() -> str:
    """What the zip and the workbook are made from: the data, their writer, the pins."""
    h = hashlib.sha256(_tree_hash(data_dir()).encode())
    h.update((Path(__file__).parent / "dataset_files.py").read_bytes())
    h.update(REQUIREMENTS.read_bytes())
    return h.hexdigest()


def briefing_stamp(pdf: bool) -> str:
    """What the briefing pack is made from: the data, the analysis library, the pins, and whether
    brief.pdf can be printed (Chromium installed)."""
    from .execute import lib_fingerprint

    h = hashlib.sha256(_tree_hash(data_dir()).encode())
    h.update(lib_fingerprint().encode())
    h.update(REQUIREMENTS.read_bytes())
    h.update(b"pdf" if pdf else b"no-pdf")
    return h.hexdigest()


def write_dataset(out: Path = OUT) -> bool:
    """The zip and the workbook of the whole dataset; False when they were up to date."""
    outputs = [out / DATA_ZIP, out / DATA_XLSX]
    stamp = dataset_stamp()
    if _up_to_date("dataset", stamp, outputs):
        return False
    from . import dataset_files  # pandas and openpyxl: only when the files are written

    _write_if_changed(outputs[0], dataset_files.zip_bytes())
    _write_if_changed(outputs[1], dataset_files.workbook_bytes())
    _record("dataset", stamp)
    return True


def write_briefing(out: Path = OUT, jobs: int = 1) -> bool:
    """The briefing pack (zhuzhou_innovation.export.write_pack); False when it was up to date."""
    pdf = chromium_available()
    stamp = briefing_stamp(pdf)
    pack = out / BRIEFING
    outputs = [pack / "brief.html", pack / "MANIFEST.csv"] + ([pack / "brief.pdf"] if pdf else [])
    if _up_to_date("briefing", stamp, outputs):
        return False
    from zhuzhou_innovation import export
    from zhuzhou_innovation.load import load_dataset

    export.write_pack(load_dataset(), pack, pdf=True, jobs=jobs)  # it says why where it cannot print
    _record("briefing", stamp)
    return True


def write_slides(out: Path = OUT) -> bool:
    """The briefing decks in English and Chinese (zhuzhou_innovation.slides); False when up to date."""
    stamp = briefing_stamp(False)
    outputs = [out / SLIDES / f"briefing.{lang}.pptx" for lang in ("en", "zh")]
    if _up_to_date("slides", stamp, outputs):
        return False
    from zhuzhou_innovation import slides
    from zhuzhou_innovation.load import load_dataset

    slides.write_decks(load_dataset(), out / SLIDES)
    _record("slides", stamp)
    return True


def _figures(out: Path) -> list[dict]:
    """The briefing pack's figures from its MANIFEST.csv: name, chapter, titles, and each file."""
    manifest = out / BRIEFING / "MANIFEST.csv"
    if not manifest.is_file():
        return []
    figures: dict[str, dict] = {}
    with manifest.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if not row["figure"]:
                continue
            fig = figures.setdefault(
                row["figure"], {"name": row["figure"], "chapter": row["chapter"], "titles": {}, "files": {}}
            )
            key = row["format"] if row["language"] == "en+zh" else f"{row['format']}-{row['language']}"
            if row["language"] != "en+zh":
                fig["titles"][row["language"]] = row["title"]
            fig["files"][key] = _entry(out, f"{BRIEFING}/{row['file']}")
    return list(figures.values())


def png_dpi(data: bytes) -> int | None:
    """The resolution a PNG declares (its pHYs chunk, in pixels per metre), in dots per inch."""
    at = data.find(b"pHYs")
    if not data.startswith(b"\x89PNG") or at < 0:
        return None
    x, _, unit = struct.unpack(">IIB", data[at + 4 : at + 13])
    return round(x * 0.0254) if unit == 1 else None


def _entry(out: Path, rel: str) -> dict:
    data = (out / rel).read_bytes()
    entry = {"path": f"{SITE_DIR}/{rel}", "bytes": len(data), "sha256": _sha256(data)}
    if rel.endswith(".png"):
        entry["dpi"] = png_dpi(data)
    return entry


def licence() -> str:
    """The dataset's licence as its datapackage.json names it."""
    package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    return "; ".join(f"{x.get('name', '')} ({x.get('title', '')})" for x in package.get("licenses", []))


def listing(out: Path = OUT) -> dict:
    """Every download with its group, format, size and checksum, and the files that are missing."""
    files, missing = [], []
    for rel, (group, (fmt, what), (fmt_zh, what_zh)) in DESCRIPTIONS.items():
        words = {
            "group": group,
            "format": fmt,
            "description": what,
            "format_zh": fmt_zh,
            "description_zh": what_zh,
        }
        if (out / rel).is_file():
            files.append({**_entry(out, rel), **words})
        else:
            chromium = rel in NEEDS_CHROMIUM
            missing.append(
                {
                    "path": f"{SITE_DIR}/{rel}",
                    **words,
                    "why": f"not built: no Chromium at {CHROMIUM}" if chromium else "not built",
                    "why_zh": f"未生成：{CHROMIUM} 处没有 Chromium" if chromium else "未生成",
                }
            )
    package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    names = "; ".join(x.get("name", "") for x in package.get("licenses", []))
    return {
        "files": files,
        "missing": missing,
        "figures": _figures(out),
        "licence": licence(),
        "licence_names": names,
    }


def unpublish_missing(out: Path = OUT, site: Path = SITE) -> None:
    """Take off the site a file that is no longer built (a PDF where Chromium went missing): Sphinx
    copies the files over, but never removes one."""
    for rel in DESCRIPTIONS:
        if not (out / rel).is_file():
            (site / SITE_DIR / rel).unlink(missing_ok=True)


def write_listing(out: Path = OUT, path: Path = LISTING) -> bool:
    """Write the listing the downloads page reads; only when it changed (Sphinx re-reads the page then)."""
    text = json.dumps(listing(out), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return _write_if_changed(path, text.encode("utf-8"))


def human_size(n: int) -> str:
    """A file size as the page prints it: 812 B, 45 kB, 1.2 MB (powers of 1000, as browsers show)."""
    if n < 1000:
        text = f"{n} B"
    elif n < 1_000_000:
        text = f"{n / 1000:.0f} kB"
    else:
        text = f"{n / 1_000_000:.1f} MB"
    return text.replace(" ", "\u00a0")  # a size never wraps between number and unit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes drawing figures")
    args = parser.parse_args(argv)
    if not chromium_available() and os.environ.get("CI"):
        return missing_chromium("brief.pdf")  # elsewhere the pack says itself that it skipped brief.pdf
    dataset = write_dataset()
    briefing = write_briefing(jobs=args.jobs)
    slides = write_slides()
    write_listing()
    unpublish_missing()
    state = {True: "written", False: "up to date"}
    print(
        f"downloads: dataset {state[dataset]}, briefing pack {state[briefing]}, slides {state[slides]} "
        f"in {OUT.relative_to(REPO)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
