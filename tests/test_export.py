"""The briefing pack: every figure in both languages and formats beside the data it draws, a
one-page brief that needs no network, a manifest, and the same bytes on every run.

Two exports of the whole catalog run here (in subprocesses with different hash seeds, as two
runs of `make briefing` would); the other checks read the first one.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.image
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from zhuzhou_innovation import brief, catalog, export, figures
from zhuzhou_innovation.load import REPO, load_dataset

NAMES = list(catalog.FIGURES)


def _export(out: Path, seed: str) -> None:
    env = os.environ | {"PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "zhuzhou_innovation.export", "--out", str(out), "--jobs", "2"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("briefing")
    _export(out, "1")
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- the figures -------------------------------------------------------------------------------


def test_every_catalog_figure_is_in_the_pack_in_both_languages_and_formats(pack):
    for name in NAMES:
        assert (pack / "figures" / f"{name}.csv").is_file(), name
        for lang in figures.LANGS:
            svg = (pack / "figures" / f"{name}.{lang}.svg").read_bytes()
            png = (pack / "figures" / f"{name}.{lang}.png").read_bytes()
            assert svg.startswith(b"<?xml") and b"<svg" in svg, (name, lang)
            assert png.startswith(b"\x89PNG\r\n\x1a\n"), (name, lang)


def _png_chunks(data: bytes) -> dict[bytes, bytes]:
    chunks, i = {}, 8
    while i < len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        chunks.setdefault(data[i + 4 : i + 8], data[i + 8 : i + 8 + length])
        i += 12 + length
    return chunks


@pytest.mark.parametrize("name", NAMES)
def test_png_is_300_dpi_at_the_figure_size_and_not_blank(pack, ds, name):
    fig = catalog.draw(ds, name)
    width_in, height_in = fig.get_size_inches()
    figures.plt.close(fig)
    for lang in figures.LANGS:
        data = (pack / "figures" / f"{name}.{lang}.png").read_bytes()
        chunks = _png_chunks(data)
        x_ppm, y_ppm, unit = struct.unpack(">IIB", chunks[b"pHYs"])
        assert unit == 1 and x_ppm == y_ppm == round(300 / 0.0254), (lang, x_ppm, y_ppm)
        width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
        assert (width, height) == (round(width_in * 300), round(height_in * 300)), lang
        pixels = matplotlib.image.imread(io.BytesIO(data), format="png")[..., :3]
        assert pixels.std() > 0.05, f"{name}.{lang}.png looks blank"
        ink = (pixels.min(axis=2) < 0.9).mean()  # share of pixels that are not (near) white
        assert 0.01 < ink < 0.6, (lang, ink)
        assert b"tEXt" not in chunks or b"Software" not in chunks[b"tEXt"], "no software or date stamp"


def _drawn_numbers(fig) -> list[float]:
    """The numbers a figure draws as geometry: bar lengths and the points of data lines."""
    out = []
    for ax in fig.axes:
        for patch in ax.patches:
            if isinstance(patch, Rectangle) and patch.get_width() and patch.get_height():
                out.append((patch.get_width(), patch.get_height()))  # one of the two is the value
        for line in ax.lines:
            if line.get_transform() is ax.transData:  # not reference lines such as axvline(100)
                out += [(y,) for y in np.asarray(line.get_ydata(), float) if np.isfinite(y)]
    return out


def _texts(fig) -> list[str]:
    texts = [t.get_text() for t in fig.findobj(Text)]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    return [t for t in texts if t]


_LEADING_NUMBER = re.compile(r"^[<>≈~]?(\d[\d,]*(?:\.\d+)?)")


@pytest.mark.parametrize("name", NAMES)
def test_csv_beside_a_figure_holds_the_numbers_and_labels_it_draws(pack, ds, name):
    csv = pd.read_csv(pack / "figures" / f"{name}.csv", dtype=str, keep_default_na=False)
    drawn = {}
    for lang in figures.LANGS:
        fig = catalog.draw(ds, name, lang)
        labels = [t.get_text() for ax in fig.axes for t in ax.texts]  # the value labels
        drawn[lang] = (figures.figure_data(fig), _drawn_numbers(fig), _texts(fig), labels)
        figures.plt.close(fig)
    data_en, numbers, texts_en, labels_en = drawn["en"]
    data_zh, _, texts_zh, _ = drawn["zh"]

    # The CSV is figure_data of the English figure, cell for cell, with the Chinese wording beside.
    assert set(data_en.columns) <= set(csv.columns)
    assert len(csv) == len(data_en)
    for column in data_en.columns:
        expected = data_en[column]
        if pd.api.types.is_numeric_dtype(expected) and not pd.api.types.is_bool_dtype(expected):
            got = pd.to_numeric(csv[column].replace("", np.nan))
            assert np.allclose(got, expected.astype(float), rtol=1e-9, equal_nan=True), column
        else:
            assert csv[column].tolist() == expected.fillna("").astype(str).tolist(), column
        if f"{column}_zh" in csv:
            assert csv[f"{column}_zh"].tolist() == data_zh[column].astype(str).tolist(), column
    for column in (c for c in csv.columns if c.endswith("_zh")):
        assert set(csv[column]) <= set(texts_zh), f"{column}: not all drawn in the Chinese figure"
        assert set(csv[column.removesuffix("_zh")]) <= set(texts_en), column

    # Every bar and point drawn is a number of the CSV, and every value of the CSV is drawn.
    values = pd.to_numeric(csv.stack().replace("", np.nan), errors="coerce").dropna().to_numpy()
    for candidates in numbers:
        assert any(np.isclose(values, c, rtol=1e-6).any() for c in candidates), (name, candidates)
    shown = "value" if "value" in csv else "pct_of_target"
    flat = [c for cs in numbers for c in cs]
    for v in pd.to_numeric(csv[shown].replace("", np.nan)).dropna():
        assert np.isclose(flat, v, rtol=1e-6).any(), (name, v)

    # Every value label printed on the chart is a number of the CSV, as rounded for print.
    for text in labels_en:
        m = _LEADING_NUMBER.match(text)
        if not m:  # a label in words ("not comparable")
            continue
        printed = m.group(1).replace(",", "")
        decimals = len(printed.split(".")[1]) if "." in printed else 0
        assert (np.abs(values - float(printed)) <= 0.5 * 10**-decimals + 1e-9).any(), (name, text)


# --- the same bytes every run ---------------------------------------------------------------


def test_two_exports_in_a_row_are_byte_identical(pack, tmp_path):
    _export(tmp_path / "again", "2")
    first, second = _files(pack), _files(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [f for f in first if first[f] != second[f]] == []


def test_pdf_dates_are_blanked_and_tag_ids_renumbered_without_moving_a_byte():
    def pdf(a: int, b: int) -> bytes:
        return (
            b"%%PDF-1.4\n1 0 obj\n<</CreationDate (D:20261127105320+00'00')\n/ModDate (D:20261127105320"
            b"+00'00')>>\n2 0 obj\n<</ID (node%08d)>>\n3 0 obj\n<</Names [(node%08d) 2 0 R (node%08d) 4 0 R]>>\n"
            % (a, a, b)
        )

    first, second = brief.normalise_pdf(pdf(5, 9)), brief.normalise_pdf(pdf(4, 8))
    assert first == second and len(first) == len(pdf(5, 9))
    assert b"Date" not in first and b"(node00000001) 2 0 R (node00000002)" in first


# --- the manifest --------------------------------------------------------------------------


def test_manifest_lists_every_file_with_its_figure_language_and_format(pack):
    manifest = pd.read_csv(pack / "MANIFEST.csv", dtype=str, keep_default_na=False)
    assert list(manifest.columns) == export.MANIFEST_COLUMNS
    assert sorted(manifest.file) == sorted(f for f in _files(pack) if f != "MANIFEST.csv")
    rows = manifest.set_index("file")
    for name in NAMES:
        for lang in figures.LANGS:
            for fmt in export.FORMATS:
                row = rows.loc[f"figures/{name}.{lang}.{fmt}"]
                assert (row.figure, row.language, row.format) == (name, lang, fmt)
                assert row.chapter == catalog.FIGURES[name].chapter
        assert rows.loc[f"figures/{name}.csv", "format"] == "csv"
    assert rows.loc["brief.html", "format"] == "html"


# --- the brief -----------------------------------------------------------------------------


class _Refs(HTMLParser):
    """Every URL the page could load or link: src, href, srcset, and url(...) in styles."""

    def __init__(self):
        super().__init__()
        self.urls, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for key, value in attrs:
            if key in ("src", "href", "srcset", "data", "poster", "action") and value:
                self.urls.append(value)


def _brief(pack: Path) -> str:
    return (pack / "brief.html").read_text(encoding="utf-8")


def _brief_text(pack: Path) -> str:
    """The brief with its HTML entities decoded (R&amp;D reads R&D)."""
    return html.unescape(_brief(pack))


def test_brief_shows_each_key_indicator_in_english_and_chinese_with_its_source_row(pack, ds):
    page = _brief_text(pack)
    keys = brief.key_indicators(ds)
    assert len(keys) >= 5
    assert "rd_intensity" in set(keys.indicator)
    for row in keys.itertuples():
        assert row.name_en in page, row.name_en
        assert row.name_zh in page, row.name_zh
        assert row.id in page, row.id


def test_key_indicators_are_the_latest_reported_values(ds):
    keys = brief.key_indicators(ds).set_index("indicator")
    rd = keys.loc["rd_intensity"]
    assert (rd.year, rd.value, rd.source, rd.id) == (2021, 3.27, "zz2021", "zz2021-037")
    assert (keys.loc["tech_contract_turnover", "year"], keys.loc["tech_contract_turnover", "value"]) == (
        2022,
        308.0,
    )
    assert "rd_spending" not in keys.index  # only ever targeted, never reported


def test_brief_makes_no_network_request_and_needs_no_other_file(pack):
    page = _brief(pack)
    refs = _Refs()
    refs.feed(page)
    assert "http://" not in page and "https://" not in page
    assert not [u for u in refs.urls if re.match(r"^(https?:)?//", u, re.I)]
    assert all(u.startswith("data:") for u in refs.urls), refs.urls  # figures embedded, no links
    assert "script" not in refs.tags and "link" not in refs.tags and "iframe" not in refs.tags
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert "@import" not in css
    assert all(u.startswith("data:") for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css))


def test_brief_font_holds_every_character_the_page_shows(pack):
    from fontTools.ttLib import TTFont

    page = _brief(pack)
    woff = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", page)
    assert woff, "the CJK font is embedded"
    cmap = TTFont(io.BytesIO(base64.b64decode(woff.group(1)))).getBestCmap()
    body = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    shown = html.unescape(re.sub(r"<[^>]*>", " ", body))
    missing = sorted({c for c in shown if not c.isspace() and ord(c) not in cmap})
    assert missing == []
    assert "株" in shown and ord("株") in cmap


def test_brief_has_two_key_figures_with_alt_text_and_the_data_file_beside_each(pack):
    page = _brief(pack)
    imgs = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', page)
    assert len(imgs) == min(brief.N_FIGURES, len(NAMES))
    assert all(alt.startswith("Chart: ") and len(alt) > 20 for alt in imgs)
    for name in re.findall(r"<code>figures/([^<]+)\.csv</code>", page):
        assert name in catalog.FIGURES and (pack / "figures" / f"{name}.csv").is_file()


def test_brief_says_suspect_values_are_flagged_and_marks_them(pack, ds):
    page = _brief_text(pack)
    assert "Suspect values are flagged" in page
    keys = brief.key_indicators(ds)
    for row in keys[keys.flag == "suspect"].itertuples():
        assert re.search(rf"{re.escape(brief.format_number(row.value))} †", page), row.id
        assert row.id in page and row.note in page


def test_brief_lists_every_source(pack, ds):
    page = _brief_text(pack)
    for src in ds.sources.itertuples():
        assert src.citation_en in page and src.title_zh in page


@pytest.mark.skipif(
    not brief.CHROMIUM.is_file(), reason=f"no Chromium at {brief.CHROMIUM}: brief.pdf is not made"
)
def test_brief_pdf_is_one_a4_page_with_the_embedded_font(pack):
    pdf = (pack / "brief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert brief.pdf_pages(pdf) == 1
    box = [float(x) for x in re.search(rb"/MediaBox \[([\d.\s]+)\]", pdf).group(1).split()]
    assert abs(box[2] - 595.3) < 1 and abs(box[3] - 841.9) < 1  # A4 in points
    assert b"NotoSansCJKsc" in pdf
    assert b"CreationDate" not in pdf and b"file://" not in pdf and str(pack).encode() not in pdf


def test_without_chromium_the_pdf_is_skipped_with_a_message(tmp_path, ds, monkeypatch, capsys):
    """A one-figure catalog also shows the pack copes with any number of figures."""
    name = NAMES[0]
    monkeypatch.setattr(catalog, "FIGURES", {name: catalog.FIGURES[name]})
    monkeypatch.setattr(brief, "CHROMIUM", tmp_path / "no-chromium")
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "renamed-figure.en.svg").write_text("<svg/>")
    (tmp_path / "brief.pdf").write_bytes(b"%PDF old")
    export.write_pack(ds, tmp_path)
    assert "brief.pdf skipped" in capsys.readouterr().err
    assert sorted(_files(tmp_path)) == sorted(
        ["MANIFEST.csv", "brief.html", f"figures/{name}.csv"]
        + [f"figures/{name}.{lang}.{fmt}" for lang in figures.LANGS for fmt in export.FORMATS]
    )
    assert _brief(tmp_path).count("<img ") == 1


# --- the parts -----------------------------------------------------------------------------


def test_bilingual_table_puts_the_chinese_wording_beside_the_column_it_translates():
    en = pd.DataFrame({"label": ["National", "Provincial"], "id": ["a-1", "a-2"], "value": [52.0, 297.0]})
    zh = en.assign(label=["国家级", "省级"])
    out = export.bilingual_table(en, zh)
    assert list(out.columns) == ["label", "label_zh", "id", "value"]
    assert out.label_zh.tolist() == ["国家级", "省级"]
    assert list(export.bilingual_table(en, en.copy()).columns) == ["label", "id", "value"]


def test_key_figures_prefer_one_indicator_of_the_region_without_suspect_values():
    def rows(indicator, region="zhuzhou", flag="", n=2):
        return pd.DataFrame({"indicator": [indicator] * n, "region": [region] * n, "flag": [flag] * n})

    tables = {
        "mixed": pd.concat([rows("a"), rows("b")]),
        "b-suspect": rows("b", flag="suspect"),
        "b-short": rows("b", n=2),
        "b-long": rows("b", n=3),
        "a-elsewhere": rows("a", region="yanfeng"),
        "untitled-scorecard": pd.DataFrame({"target_id": ["t"]}),
    }
    assert brief.key_figures(tables, ["b", "a"], n=2) == ["b-long", "mixed"]
    assert brief.key_figures(tables, ["c"], n=2) == ["mixed", "b-suspect"]
    assert brief.key_figures({"only": rows("a")}, ["a"], n=3) == ["only"]


def test_figure_data_is_rewritten_only_when_its_inputs_change(tmp_path, data_copy, monkeypatch, capsys):
    """`make book` stays quick with nothing changed, and a data change still reaches the CSVs."""
    from datacopy import reprint
    from zhuzhou_book import figure_data

    monkeypatch.setenv("ZHUZHOU_DATA", str(data_copy))
    out = tmp_path / "figure-data"
    assert figure_data.main(["--out", str(out)]) == 0
    assert figure_data.main(["--out", str(out)]) == 0
    assert "up to date" in capsys.readouterr().out.splitlines()[-1]
    reprint(data_copy, "zz2021-005", "620家")
    assert figure_data.main(["--out", str(out)]) == 0
    assert "up to date" not in capsys.readouterr().out
    assert "620" in (out / "zz2021-platforms-by-level.csv").read_text(encoding="utf-8")
