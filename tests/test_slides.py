"""The briefing decks: one in English, one in Chinese, with the slides a briefing needs, the key
figures as pictures, the scorecard as a native table, the same bytes on every run.

`make slides` runs here twice (in subprocesses with different hash seeds, as two runs would);
the other checks open the first run's decks with python-pptx.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from zhuzhou_innovation import export, figures, scorecard, slides
from zhuzhou_innovation.fonts import CJK_FAMILY, is_cjk
from zhuzhou_innovation.load import load_dataset
from zhuzhou_innovation.narrative import format_date
from zhuzhou_innovation.paths import REPO


def _make_slides(out: Path, seed: str) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "zhuzhou_innovation.slides", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("slides")
    _make_slides(out, "1")
    return out


@pytest.fixture(scope="module")
def key_figures(ds) -> list[str]:
    return slides.key_figure_names(ds)


@pytest.fixture(scope="module")
def rendered(ds, key_figures) -> dict[str, export.RenderedFigure]:
    """Each key figure drawn once, as the decks draw it."""
    return {name: export.render_figure(ds, name) for name in key_figures}


def _open(decks: Path, lang: str):
    return Presentation(str(decks / f"briefing.{lang}.pptx"))


def _titles(prs) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def _pictures(slide) -> list:
    return [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_make_slides_writes_one_deck_per_language(decks):
    assert sorted(p.name for p in decks.iterdir()) == ["briefing.en.pptx", "briefing.zh.pptx"]


@pytest.mark.parametrize("lang", figures.LANGS)
def test_a_deck_has_title_findings_one_slide_per_key_figure_scorecard_and_sources(decks, key_figures, lang):
    prs = _open(decks, lang)
    assert len(key_figures) == slides.N_FIGURES
    assert len(prs.slides) == 1 + 1 + len(key_figures) + 1 + 1
    titles = _titles(prs)
    assert titles[0] == slides.WORDS[lang]["title"]
    assert titles[1] == slides.WORDS[lang]["findings"]
    assert titles[-1] == slides.WORDS[lang]["sources"]
    assert all(titles), titles


@pytest.mark.parametrize("lang", figures.LANGS)
def test_each_figure_slide_has_one_picture_titled_as_the_figure_with_its_source_line(
    decks, ds, key_figures, rendered, lang
):
    prs = _open(decks, lang)
    figure_slides = list(prs.slides)[2 : 2 + len(key_figures)]
    for slide, name in zip(figure_slides, key_figures, strict=False):
        pictures = _pictures(slide)
        assert len(pictures) == 1, name
        picture = pictures[0]
        assert picture.image.content_type == "image/png"
        assert picture.image.dpi == (300, 300), name
        assert picture.name == f"{name}.{lang}.png"
        assert picture._element.nvPicPr.cNvPr.get("descr", "").startswith(slides.WORDS[lang]["chart"][:3])
        fig = rendered[name]
        assert slide.shapes.title.text == fig.titles[lang]
        assert picture.image.blob == fig.files[(lang, "png")], "the PNG is the export's, unchanged"
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        source = figures.source_line(ds, fig.data[lang].source, lang)
        assert source in texts, texts
    others = [s for i, s in enumerate(prs.slides) if not 2 <= i < 2 + len(key_figures)]
    assert not any(_pictures(s) for s in others), "only figure slides carry pictures"


def test_the_zh_deck_titles_are_chinese_and_the_en_deck_titles_english(decks):
    for title in _titles(_open(decks, "zh")):
        assert any(is_cjk(c) for c in title), title
    for title in _titles(_open(decks, "en")):
        assert not any(is_cjk(c) for c in title), title


def _table(slide):
    tables = [sh.table for sh in slide.shapes if sh.has_table]
    assert len(tables) == 1
    return [[cell.text for cell in row.cells] for row in tables[0].rows]


@pytest.mark.parametrize("lang", figures.LANGS)
def test_the_scorecard_slide_counts_each_of_zhuzhous_promises_once_by_status(decks, ds, lang):
    """The deck counts as the book does: a restated target once, the peer district's not at all."""
    slide = list(_open(decks, lang).slides)[-2]
    rows = _table(slide)
    promises = scorecard.promises(ds)
    assert len(promises) < len(scorecard.scorecard(ds))  # today's data restate targets and hold a peer's
    counts = promises.status.value_counts()
    shown = {r[0]: int(r[1]) for r in rows[1:]}
    for status in slides.STATUSES:
        assert shown[slides.STATUS_WORDS[lang][status][0]] == counts.get(status, 0), status
    assert shown[slides.WORDS[lang]["total"]] == len(promises)
    assert str(len(promises)) in slide.shapes.title.text
    assert not _pictures(slide)


@pytest.mark.parametrize("lang", figures.LANGS)
def test_the_sources_slide_lists_each_source_in_both_languages_with_publisher_and_date(decks, ds, lang):
    rows = _table(list(_open(decks, lang).slides)[-1])
    assert rows[0] == list(slides.WORDS[lang]["source_cols"])
    body = sorted(map(tuple, rows[1:]))
    expected = sorted(
        (r.title_en, r.title_zh, r.publisher, format_date(r.published, lang)) for r in ds.sources.itertuples()
    )
    assert body == expected


@pytest.mark.parametrize("lang", figures.LANGS)
def test_the_findings_slide_shows_the_key_points(decks, ds, lang):
    slide = list(_open(decks, lang).slides)[1]
    text = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    points = slides.key_points(ds, lang)
    assert points and all(p in text for p in points)


@pytest.mark.parametrize("lang", figures.LANGS)
def test_every_run_of_text_is_set_in_noto_sans_cjk_sc_with_its_language(decks, lang):
    prs = _open(decks, lang)
    runs = [r for s in prs.slides for sh in s.shapes for r in _runs(sh)]
    assert len(runs) > 20
    for run in runs:
        rpr = run._r.find(qn("a:rPr"))
        assert run.font.name == CJK_FAMILY, run.text
        assert rpr.find(qn("a:ea")).get("typeface") == CJK_FAMILY, run.text
        if any(is_cjk(c) for c in run.text):
            assert rpr.get("lang") == "zh-CN", run.text


def _runs(shape):
    frames = [shape.text_frame] if shape.has_text_frame else []
    if shape.has_table:
        frames += [c.text_frame for row in shape.table.rows for c in row.cells]
    return [r for f in frames for p in f.paragraphs for r in p.runs]


@pytest.mark.parametrize("lang", figures.LANGS)
def test_the_key_points_are_the_landing_pages_findings_with_each_number_written_as_the_book_does(ds, lang):
    """The deck and the book's first page say the same things: each bullet is a key finding, and
    each number its markup names appears as the book writes it (in Chinese as printed)."""
    import re

    from zhuzhou_innovation.facts import Facts
    from zhuzhou_innovation.findings import key_findings, number_text

    points, found = slides.key_points(ds, lang), key_findings(ds, lang)
    assert 0 < len(points) == min(len(found), slides.N_POINTS)
    facts = Facts(ds)
    for point, finding in zip(points, found, strict=False):
        assert point == finding.text
        for spec in re.findall(r"\{num\}`([^`]+)`", finding.markup):
            assert number_text(facts, spec, lang) in point, (spec, point)


def test_two_runs_are_byte_identical_and_carry_no_clock_time(decks, tmp_path):
    _make_slides(tmp_path, "2")
    for lang in figures.LANGS:
        name = f"briefing.{lang}.pptx"
        first, second = (decks / name).read_bytes(), (tmp_path / name).read_bytes()
        assert first == second, name
        with zipfile.ZipFile(io.BytesIO(first)) as z:
            infos = z.infolist()
            assert {i.date_time for i in infos} == {slides.ZIP_TIME}
            assert infos[0].filename == "[Content_Types].xml"
            assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
        props = Presentation(io.BytesIO(first)).core_properties
        fixed = slides.FIXED_TIME.replace(tzinfo=None)
        assert props.created == props.modified == props.last_printed == fixed
        assert props.created < dt.datetime(2001, 1, 1)


def test_repack_fixes_entry_dates_and_order_without_changing_contents():
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as z:
        z.writestr(zipfile.ZipInfo("b.xml", date_time=(2024, 5, 6, 7, 8, 10)), b"<b/>")
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=(2023, 1, 1, 0, 0, 0)), b"<t/>")
        z.writestr(zipfile.ZipInfo("a.xml", date_time=(2025, 1, 1, 0, 0, 0)), b"<a/>")
    packed = slides.repack(raw.getvalue())
    with zipfile.ZipFile(io.BytesIO(packed)) as z:
        assert z.namelist() == ["[Content_Types].xml", "a.xml", "b.xml"]
        assert {i.date_time for i in z.infolist()} == {slides.ZIP_TIME}
        assert z.read("a.xml") == b"<a/>" and z.read("b.xml") == b"<b/>"
    assert slides.repack(packed) == packed


def test_write_decks_leaves_unchanged_decks_alone(ds, rendered, tmp_path, monkeypatch):
    """The downloads build may call write_decks on every `make book`: no change, no rewrite."""
    fig = next(iter(rendered.values()))
    monkeypatch.setattr(slides, "key_figure_names", lambda ds: [fig.name])
    monkeypatch.setattr(export, "render_figure", lambda ds, name: fig)
    paths = slides.write_decks(ds, tmp_path)
    assert [p.name for p in paths] == ["briefing.en.pptx", "briefing.zh.pptx"]
    times = [p.stat().st_mtime_ns for p in paths]
    assert slides.write_decks(ds, tmp_path) == paths
    assert [p.stat().st_mtime_ns for p in paths] == times
    assert len(Presentation(str(paths[0])).slides) == 1 + 1 + 1 + 1 + 1
