"""The one-page brief of the briefing pack: key indicators, two key figures, the sources.

`brief.html` is one self-contained file (inline CSS, figures as embedded SVG, the text set in a
subset of Noto Sans CJK SC embedded as a web font), so it opens offline anywhere and prints on one
A4 page. `brief.pdf` is that page printed by headless Chromium, where Chromium is installed.
Both are deterministic: Chromium stamps the PDF with its dates and numbers its accessibility tags
from the browser's DOM nodes, which shift between runs; `normalise_pdf` blanks the dates and
renumbers the tags in order, changing no length, so the PDF's byte offsets stay valid.
"""

from __future__ import annotations

import base64
import html
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import checks, series
from .load import Dataset
from .narrative import format_number, format_value

TEMPLATES = Path(__file__).with_name("templates")
CHROMIUM = Path(os.environ.get("ZHUZHOU_CHROMIUM", "/usr/bin/chromium"))
FONT_FAMILY = "Brief Noto Sans CJK SC"
N_FIGURES = 2  # two figures side by side keep the brief on one A4 page at a readable size


@dataclass(frozen=True)
class BriefFigure:
    """A figure as the brief shows it: its name, English SVG, titles and the rows it draws."""

    name: str
    svg: bytes
    title_en: str
    title_zh: str
    data: pd.DataFrame


def key_indicators(ds: Dataset, region: str = "zhuzhou") -> pd.DataFrame:
    """The latest reported value of each recurring indicator, with its year, source and row id,
    beside the target for the latest year any report sets (both from `series.series`).

    Recurring means the region's rows give the indicator for two or more periods
    (`series.recurring`); indicators only ever targeted, never reported, are left out.
    Rows come most-reported first, as `series.recurring` orders them.
    """
    names = ds.indicators.set_index("id")
    notes = ds.observations.set_index("id")["note"]
    rows = []
    for indicator in series.recurring(ds, region).indicator:
        actual = series.series(ds, indicator, region, "actual")
        if actual.empty:
            continue
        last = actual.iloc[-1]
        goals = series.series(ds, indicator, region, "target")
        goal = goals.iloc[-1] if not goals.empty else None
        rows.append(
            {
                "indicator": indicator,
                "name_en": names.loc[indicator, "name_en"],
                "name_zh": names.loc[indicator, "name_zh"],
                "year": int(last.year),
                "value": last.value,
                "unit": last.unit,
                "qualifier": last.qualifier,
                "source": last.source,
                "id": last.id,
                "flag": last.flag,
                "note": notes.loc[last.id] if last.flag else "",
                "target_year": None if goal is None else int(goal.year),
                "target": None if goal is None else goal.value,
                "target_qualifier": "" if goal is None else goal.qualifier,
                "target_id": "" if goal is None else goal.id,
                "target_flag": "" if goal is None else goal.flag,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "indicator",
            "name_en",
            "name_zh",
            "year",
            "value",
            "unit",
            "qualifier",
            "source",
            "id",
            "flag",
            "note",
            "target_year",
            "target",
            "target_qualifier",
            "target_id",
            "target_flag",
        ],
    )


def key_figures(
    tables: dict[str, pd.DataFrame], indicators: list[str], n: int = N_FIGURES, region: str = "zhuzhou"
) -> list[str]:
    """The figures to show: for the key indicators in order, the figure that draws that one
    indicator for the region alone, with no suspect value, and the most rows (then catalog order).

    `tables` maps each figure name, in catalog order, to the rows it draws. Where fewer than `n`
    such figures exist, the first other figures of the catalog fill the brief.
    """
    by_indicator: dict[str, str] = {}
    best_rows: dict[str, int] = {}
    for name, data in tables.items():
        if not {"indicator", "region", "flag"} <= set(data.columns) or data.empty:
            continue
        if data.indicator.nunique() != 1 or (data.region != region).any() or (data.flag == "suspect").any():
            continue
        indicator = data.indicator.iloc[0]
        if len(data) > best_rows.get(indicator, 0):
            by_indicator[indicator], best_rows[indicator] = name, len(data)
    chosen = [by_indicator[i] for i in indicators if i in by_indicator][:n]
    chosen += [name for name in tables if name not in chosen][: n - len(chosen)]
    return chosen


def _number(value, unit: str, qualifier: str) -> str:
    return format_value(value, unit, qualifier or "", "en")


def _bare(value, unit: str, qualifier: str) -> str:
    """A value without its unit ("over 1,100", "3.27"): the brief's table names the unit per row."""
    return format_value(value, unit if unit == "rank" else "count", qualifier or "", "en")


def _with_unit(name: str, unit_name: str, lang: str) -> str:
    """`name (unit)`, as the book's table headers read, unless the name already says its unit."""
    if not unit_name or unit_name.lower() in name.lower():
        return name
    return f"{name} ({unit_name})" if lang == "en" else f"{name}（{unit_name}）"


def _alt_text(fig: BriefFigure) -> str:
    """What the chart shows, in words, from the rows it draws: label (or series and year), value."""
    parts = []
    for row in fig.data.to_dict("records"):
        label = row.get("label") or " ".join(str(row[c]) for c in ("series", "year", "period") if c in row)
        value = row.get("value", row.get("pct_of_target"))
        if value is None or pd.isna(value):
            continue
        text = (
            _number(value, row["unit"], row.get("qualifier", "")) if "unit" in row else format_number(value)
        )
        parts.append(f"{label}: {text}")
    return f"Chart: {fig.title_en}. " + "; ".join(parts) + "."


def _sources(ds: Dataset) -> pd.DataFrame:
    """The sources in order of publication, numbered from 1 (the brief cites them as [n])."""
    src = ds.sources.sort_values(["published", "id"]).reset_index(drop=True)
    return src.assign(number=range(1, len(src) + 1))


def brief_context(ds: Dataset, figures: list[BriefFigure]) -> dict:
    """Everything the template shows, formatted for reading."""
    sources = _sources(ds)
    number = dict(zip(sources.id, sources.number, strict=False))
    units = ds.units.set_index("id")
    keys = key_indicators(ds)
    rows = []
    for r in keys.to_dict("records"):
        # a count needs no unit beside the name ("High-tech enterprises", not "... (count)")
        unit_en = "" if r["unit"] in ("count", "rank") else units.loc[r["unit"], "name_en"]
        unit_zh = "" if r["unit"] in ("count", "rank") else units.loc[r["unit"], "name_zh"]
        target = ""
        if r["target_id"]:
            target = f"{_bare(r['target'], r['unit'], r['target_qualifier'])} ({int(r['target_year'])})"
        rows.append(
            {
                "name_en": _with_unit(r["name_en"], unit_en, "en"),
                "name_zh": _with_unit(r["name_zh"], unit_zh, "zh"),
                "value": _bare(r["value"], r["unit"], r["qualifier"]),
                "year": int(r["year"]),
                "source_number": number[r["source"]],
                "id": r["id"],
                "suspect": r["flag"] == "suspect",
                "target": target,
                "target_suspect": r["target_flag"] == "suspect",
            }
        )
    flagged = [
        {"id": r.id, "name_en": r.name_en, "note": r.note} for r in keys.itertuples() if r.flag == "suspect"
    ]
    published = sources.published.str[:4].astype(int)
    return {
        "indicators": rows,
        "flagged": flagged,
        "n_suspects": len(checks.suspects(ds)),
        "n_observations": len(ds.observations),
        "first_year": int(published.min()),
        "last_year": int(published.max()),
        "figures": [
            {
                "name": f.name,
                "title_en": f.title_en,
                "title_zh": f.title_zh,
                "alt": _alt_text(f),
                "src": "data:image/svg+xml;base64," + base64.b64encode(f.svg).decode("ascii"),
            }
            for f in figures
        ],
        "sources": sources.to_dict("records"),
    }


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def subset_font(text: str) -> bytes:
    """A WOFF of Noto Sans CJK SC holding exactly the characters of `text` (deterministic bytes)."""
    from .fonts import subset_font

    chars = "".join(sorted({c for c in text if c.isprintable() and not c.isspace()} | {" "}))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.woff"
        subset_font(chars, path)
        return path.read_bytes()


def render_html(ds: Dataset, figures: list[BriefFigure]) -> str:
    """The brief as one HTML file; its font is subset to the characters the page shows."""
    template = _environment().get_template("brief.html.j2")
    context = brief_context(ds, figures)
    draft = template.render(context, font_css="")
    visible = re.sub(r"<[^>]*>", " ", re.sub(r"<style.*?</style>", " ", draft, flags=re.S))
    woff = subset_font(html.unescape(visible))
    font_css = (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: 400; '
        f"font-display: block; src: url(data:font/woff;base64,{base64.b64encode(woff).decode('ascii')})"
        ' format("woff"); }'
    )
    return template.render(context, font_css=font_css)


_PDF_DATES = re.compile(rb"/(?:CreationDate|ModDate) \(D:[^)]*\)")
_PDF_NODE_ID = re.compile(rb"\(node(\d{8})\)")


def normalise_pdf(pdf: bytes) -> bytes:
    """Make two prints of the same page byte-identical, without moving a byte (the offsets in the
    PDF's cross-reference table stay right):

    - the creation and modification dates are blanked out with spaces;
    - the ids of the tagged structure (`(node00000005)`, taken from Chromium's DOM node numbers,
      which shift from run to run) are renumbered 1, 2, 3... in their order, so the tags that make
      the PDF readable by screen readers stay, and stay sorted as the PDF's name tree requires.
    """
    pdf = _PDF_DATES.sub(lambda m: b" " * len(m.group(0)), pdf)
    ids = sorted(set(_PDF_NODE_ID.findall(pdf)), key=int)
    rank = {old: b"%08d" % number for number, old in enumerate(ids, start=1)}
    return _PDF_NODE_ID.sub(lambda m: b"(node" + rank[m.group(1)] + b")", pdf)


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF has (its page objects; `/Pages` is the tree, not a page)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def print_pdf(html_path: Path, pdf_path: Path, chromium: Path | None = None, timeout: int = 180) -> bool:
    """Print `html_path` to `pdf_path` with headless Chromium (A4, no header or footer).

    Returns False, writing nothing, where Chromium (`CHROMIUM` unless given) is not installed.
    The browser runs with a throwaway profile and no background networking: the page needs none.
    """
    chromium = CHROMIUM if chromium is None else chromium
    if not chromium.is_file():
        return False
    with tempfile.TemporaryDirectory() as profile:
        out = Path(profile) / "brief.pdf"
        cmd = [
            str(chromium),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            f"--user-data-dir={profile}/user",
            f"--print-to-pdf={out}",
            "--no-pdf-header-footer",
            html_path.resolve().as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0 or not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
            raise RuntimeError(
                f"{chromium} could not print {html_path} (exit {done.returncode}):\n{done.stderr[-2000:]}"
            )
        data = normalise_pdf(out.read_bytes())
    if not (pdf_path.is_file() and pdf_path.read_bytes() == data):
        pdf_path.write_bytes(data)
    return True
