"""A slide deck for a briefing, one in English and one in Chinese (PowerPoint, via python-pptx).

    python -m zhuzhou_innovation.slides              # _build/slides/briefing.en.pptx, briefing.zh.pptx
    python -m zhuzhou_innovation.slides --out DIR    # elsewhere (the site's downloads folder, say)

Each deck holds a title slide, the key findings, one slide per key figure (the brief's choice of
figures, `brief.key_figures`, extended to `N_FIGURES`; the 300-dpi PNG of the export, its title as
the slide's one-line message and its source line under it), the scorecard's counts by status as
a native table, and the sources. Every run of text is set in Noto Sans CJK SC (a machine without
it falls back to its own CJK font), with its language marked, so PowerPoint picks the right font.

Deterministic: python-pptx stamps docProps/core.xml with the time of saving and each zip entry
with the time of writing. The core properties get fixed dates here, and the zip is packed again
with one fixed date, fixed attributes and its entries in sorted order, so two runs on the same
data are byte-identical (tests/test_slides.py runs it twice).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from . import brief, catalog, export, figures, scorecard
from .fonts import CJK_FAMILY, is_cjk
from .load import Dataset, load_dataset
from .narrative import format_date, format_number, format_observation
from .paths import SLIDES as SLIDES_DIR
from .words import STATUS, label

N_FIGURES = 4  # key figures, one slide each: the brief's two first, then the next two by the same rule
N_POINTS = 6  # bullets on the key-findings slide: more would not be read from the back of a room
LANGS = figures.LANGS
FIXED_TIME = dt.datetime(2000, 1, 1)  # core.xml's created/modified/last printed: no run's clock
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
SLIDE_WIDTH, SLIDE_HEIGHT = 12192000, 6858000  # 16:9, 13.33 × 7.5 inches, in EMU

STATUSES = ("met", "missed", "not comparable", "not yet reported")

# Every word a slide shows besides the data's own names and titles.
WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Zhuzhou's innovation reports, year by year",
        "subtitle": "A briefing: {n_sources} reports, {first}–{last}; {n_obs} numbers, each with the sentence that printed it",
        "made": "Made from the book's dataset: every number comes with the sentence that printed it "
        "(the book's every-number page and the data download).",
        "findings": "Key findings",
        "scorecard": "Zhuzhou's targets against outcomes: {n} promises, each counted once",
        "status": "Status",
        "count": "Targets",
        "meaning": "What it means",
        "total": "All targets",
        "sources": "Sources",
        "source_cols": ("Title", "Title (Chinese)", "Publisher", "Published"),
        "actual": "reported",
        "target_word": "target",
        "chart": "Chart: {title}. ",
    },
    "zh": {
        "title": "株洲科技创新报告逐年解读",
        "subtitle": "简报：{n_sources}篇报告（{first}—{last}年）；{n_obs}个数字，每个数字都附有原文语句",
        "made": "根据本书数据集生成：每个数字都附有刊载它的原句（见本书“全部数字”页与数据下载）。",
        "findings": "主要发现",
        "scorecard": "株洲目标与实际对照：共{n}项承诺（重复提出的只计一次）",
        "status": "状态",
        "count": "目标数",
        "meaning": "含义",
        "total": "全部目标",
        "sources": "资料来源",
        "source_cols": ("英文标题", "标题", "发布者", "发布日期"),
        "actual": "实际",
        "target_word": "目标",
        "chart": "图表：{title}。",
    },
}
_STATUS_MEANS = {
    "en": {
        "met": "a later report gives an outcome at or past the target",
        "missed": "a later report gives an outcome short of the target",
        "not comparable": "the outcome is suspect, in another measure, or a bound that cannot settle it",
        "not yet reported": "no later report gives that year yet",
    },
    "zh": {
        "met": "后续报告的实际值达到或超过目标",
        "missed": "后续报告的实际值低于目标",
        "not comparable": "实际值存疑、口径不同，或只是一个无法判断的界限",
        "not yet reported": "尚无后续报告给出该年份的数字",
    },
}
# The scorecard slide's rows: each status as the book names it (words.STATUS), and what it means.
STATUS_WORDS = {
    lang: {s: (label(STATUS, s, lang, capital=True), means) for s, means in _STATUS_MEANS[lang].items()}
    for lang in _STATUS_MEANS
}


def _observation(ds: Dataset, row_id: str, lang: str) -> str:
    """A row's value as the book writes it: in Chinese as printed, in English the book's style."""
    return format_observation(ds.observations.set_index("id").loc[row_id].to_dict(), lang)


def key_points(ds: Dataset, lang: str) -> list[str]:
    """The key-findings slide's bullets: the landing page's key findings (`findings.key_findings`),
    the same sentences, numbers and words as the book's first page, as plain text."""
    from .findings import key_findings

    return [f.text for f in key_findings(ds, lang)][:N_POINTS]


def key_figure_names(ds: Dataset, n: int = N_FIGURES) -> list[str]:
    """The figures the decks show: the brief's rule (`brief.key_figures`) for `n` figures."""
    tables = {}
    for name in catalog.FIGURES:
        fig = catalog.draw(ds, name, "en")
        tables[name] = figures.figure_data(fig)
        figures.plt.close(fig)
    return brief.key_figures(tables, list(brief.key_indicators(ds).indicator), n=n)


def alt_text(ds: Dataset, fig: export.RenderedFigure, lang: str) -> str:
    """What the chart shows, in words: each bar or point with its value, for screen readers."""
    obs = ds.observations.set_index("id")
    data = fig.data[lang]
    parts = []
    for row in data.to_dict("records"):
        if "label" in row:
            label = row["label"]
        else:
            kind = WORDS[lang]["target_word" if row.get("series") == "target" else "actual"]
            label = f"{row.get('year', '')} {kind}".strip()
        row_id = row.get("id") or row.get("target_id")
        if row_id in obs.index and "value" in row:
            parts.append(f"{label}: {_observation(ds, row_id, lang)}")
        elif "pct_of_target" in row and pd.notna(row["pct_of_target"]):
            parts.append(f"{label}: {format_number(row['pct_of_target'], 0)}%")
    sep = "; " if lang == "en" else "；"
    return WORDS[lang]["chart"].format(title=fig.titles[lang] or fig.name) + sep.join(parts)


# --- building a deck --------------------------------------------------------------------------


def _style_run(run, lang: str, size: int, bold: bool = False, colour: str | None = None) -> None:
    """One run of text in Noto Sans CJK SC, for both its Latin and its East Asian characters."""
    from lxml import etree
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    run.font.name = CJK_FAMILY  # <a:latin>
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    rpr = run._r.get_or_add_rPr()
    chinese = lang == "zh" or any(is_cjk(c) for c in run.text)
    rpr.set("lang", "zh-CN" if chinese else "en-GB")
    if chinese:
        rpr.set("altLang", "en-GB")
    latin = rpr.find(qn("a:latin"))
    for tag in ("a:ea", "a:cs"):  # after <a:latin>, as the schema orders them
        el = rpr.find(qn(tag))
        if el is None:
            el = etree.Element(qn(tag))
            latin.addnext(el)
            latin = el
        el.set("typeface", CJK_FAMILY)


def _set_text(
    frame,
    lines: list[str],
    lang: str,
    size: int,
    bold: bool = False,
    colour: str | None = None,
    bullets: bool = False,
) -> None:
    frame.clear()
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = ("• " if bullets else "") + line
        _style_run(run, lang, size, bold, colour)
        if bullets:
            from pptx.util import Pt

            para.space_after = Pt(10)


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


MARGIN = 457200  # half an inch
TITLE_TOP, TITLE_HEIGHT = 228600, 914400


def _slide(prs, title: str, lang: str, size: int = 30):
    """A slide with its title in the title placeholder (screen readers and the outline use it)."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    _place(slide.shapes.title, MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
    _set_text(slide.shapes.title.text_frame, [title], lang, size, bold=True)
    return slide


def _textbox(slide, lines: list[str], lang: str, top: int, height: int, size: int, **kw):
    box = slide.shapes.add_textbox(MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height)
    _set_text(box.text_frame, lines, lang, size, **kw)
    return box


def _table(
    slide, header: list[str], rows: list[list[str]], lang: str, top: int, widths: list[float], size: int = 14
) -> None:
    """A native table (editable in PowerPoint, read by screen readers), column widths in parts."""
    height = (len(rows) + 1) * 370840
    shape = slide.shapes.add_table(len(rows) + 1, len(header), MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height)
    table = shape.table
    total = sum(widths)
    for i, part in enumerate(widths):
        table.columns[i].width = int((SLIDE_WIDTH - 2 * MARGIN) * part / total)
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            _set_text(table.cell(r, c).text_frame, [value], lang, size, bold=r == 0)


def _title_slide(prs, ds: Dataset, lang: str) -> None:
    words = WORDS[lang]
    slide = prs.slides.add_slide(prs.slide_layouts[0])  # "Title Slide"
    _place(slide.shapes.title, MARGIN, 1828800, SLIDE_WIDTH - 2 * MARGIN, 1371600)
    _set_text(slide.shapes.title.text_frame, [words["title"]], lang, 40, bold=True)
    published = ds.sources.published.str[:4].astype(int)
    subtitle = slide.placeholders[1]
    _place(subtitle, MARGIN, 3429000, SLIDE_WIDTH - 2 * MARGIN, 1600200)
    _set_text(
        subtitle.text_frame,
        [
            words["subtitle"].format(
                n_sources=len(ds.sources),
                first=published.min(),
                last=published.max(),
                n_obs=len(ds.observations),
            ),
            words["made"],
        ],
        lang,
        20,
        colour="444444",
    )


def _findings_slide(prs, ds: Dataset, lang: str) -> None:
    slide = _slide(prs, WORDS[lang]["findings"], lang)
    _textbox(
        slide,
        key_points(ds, lang),
        lang,
        TITLE_TOP + TITLE_HEIGHT + 91440,
        SLIDE_HEIGHT - TITLE_TOP - TITLE_HEIGHT - 2 * MARGIN,
        20,
        bullets=True,
    )


def _figure_slide(prs, ds: Dataset, fig: export.RenderedFigure, lang: str) -> None:
    from PIL import Image

    slide = _slide(prs, fig.titles[lang] or fig.name, lang)
    png = fig.files[(lang, "png")]
    width_px, height_px = Image.open(io.BytesIO(png)).size
    source_height = 548640
    top = TITLE_TOP + TITLE_HEIGHT
    box_w, box_h = SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - top - source_height - MARGIN // 2
    scale = min(box_w / width_px, box_h / height_px)  # fit, keeping the aspect ratio
    w, h = int(width_px * scale), int(height_px * scale)
    pic = slide.shapes.add_picture(io.BytesIO(png), (SLIDE_WIDTH - w) // 2, top, w, h)
    pic._element.nvPicPr.cNvPr.set("descr", alt_text(ds, fig, lang))
    pic.name = f"{fig.name}.{lang}.png"
    data = fig.data[lang]
    cited = [s for col in ("source", "reported_by") if col in data for s in data[col] if s]
    source = figures.source_line(ds, cited, lang)
    _textbox(
        slide, [source], lang, SLIDE_HEIGHT - source_height - MARGIN // 4, source_height, 12, colour="444444"
    )


def scorecard_counts(ds: Dataset) -> pd.Series:
    """How many of Zhuzhou's promises have each status (every status listed, zeros included), in a
    fixed order: each promise once however many reports restate it, the peer district's left out,
    as the book's scorecard counts them (`scorecard.promises`)."""
    counts = scorecard.promises(ds).status.value_counts()
    return pd.Series({s: int(counts.get(s, 0)) for s in STATUSES}, name="targets")


def _scorecard_slide(prs, ds: Dataset, lang: str) -> None:
    words = WORDS[lang]
    counts = scorecard_counts(ds)
    slide = _slide(prs, words["scorecard"].format(n=int(counts.sum())), lang)
    rows = [[STATUS_WORDS[lang][s][0], str(n), STATUS_WORDS[lang][s][1]] for s, n in counts.items()]
    rows.append([words["total"], str(int(counts.sum())), ""])
    _table(
        slide,
        [words["status"], words["count"], words["meaning"]],
        rows,
        lang,
        TITLE_TOP + TITLE_HEIGHT + 182880,
        [2.2, 1.2, 6.6],
        size=16,
    )


def _sources_slide(prs, ds: Dataset, lang: str) -> None:
    words = WORDS[lang]
    slide = _slide(prs, words["sources"], lang)
    src = ds.sources.sort_values(["published", "id"])
    rows = [[r.title_en, r.title_zh, r.publisher, format_date(r.published, lang)] for r in src.itertuples()]
    _table(slide, list(words["source_cols"]), rows, lang, TITLE_TOP + TITLE_HEIGHT, [4, 4, 3, 1.1], size=11)


def build_deck(ds: Dataset, rendered: list[export.RenderedFigure], lang: str):
    """The deck in one language, as a python-pptx Presentation (not yet saved)."""
    from pptx import Presentation
    from pptx.util import Emu

    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
    _title_slide(prs, ds, lang)
    _findings_slide(prs, ds, lang)
    for fig in rendered:
        _figure_slide(prs, ds, fig, lang)
    _scorecard_slide(prs, ds, lang)
    _sources_slide(prs, ds, lang)
    props = prs.core_properties
    props.title = WORDS[lang]["title"]
    props.author = props.last_modified_by = "zhuzhou_innovation.slides"
    props.language = "zh-CN" if lang == "zh" else "en-GB"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    return prs


def repack(data: bytes) -> bytes:
    """The same zip with every entry dated `ZIP_TIME`, fixed attributes, in sorted order
    ([Content_Types].xml first, where Office looks for it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever it runs
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()


def deck_bytes(ds: Dataset, rendered: list[export.RenderedFigure], lang: str) -> bytes:
    """The deck in one language as the bytes of a .pptx file, the same on every run."""
    buf = io.BytesIO()
    build_deck(ds, rendered, lang).save(buf)
    return repack(buf.getvalue())


def write_decks(ds: Dataset, out_dir: Path = SLIDES_DIR) -> list[Path]:
    """Write `briefing.en.pptx` and `briefing.zh.pptx` to `out_dir` (each key figure drawn once,
    in both languages, for both decks); unchanged files are left alone."""
    rendered = [export.render_figure(ds, name) for name in key_figure_names(ds)]
    paths = []
    for lang in LANGS:
        path = Path(out_dir) / f"briefing.{lang}.pptx"
        export._write_if_changed(path, deck_bytes(ds, rendered, lang))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SLIDES_DIR, help="output folder")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = write_decks(load_dataset(), args.out)
    sizes = ", ".join(f"{p.name} ({p.stat().st_size / 1e6:.1f} MB)" for p in paths)
    print(f"slides: {sizes} in {args.out} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
