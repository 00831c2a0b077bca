"""The landing page's directives: the headline table, the verdicts, the key findings and the time
line are built from the data when the page is read, every number a link to its row.

Each test builds a tiny project (an intro page, the number pages, chapter labels) with the real
dataset; the key findings come from a small findings file written by the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main
from zhuzhou_innovation import findings
from zhuzhou_innovation.load import load_dataset

CHAPTERS = "".join(
    f"({label})=\n## {label}\n\n"
    for label in ("ch-targets", "ch-trends", "ch-source-checks", "ch-zz2025", "ch-x")
)
PAGES = {
    "index.md": "# Tiny book\n\n```{toctree}\n:glob:\n"
    "book/intro\nbook/chapters\nbook/numbers\nbook/sources/*\n```\n",
    "book/numbers.md": "# Every number\n\n```{every-number}\n```\n",
    "book/chapters.md": "# Chapters\n\n" + CHAPTERS,
}
FINDING = """- chapter: ch-x
  link_en: the chapter
  link_zh: 该章
  en: "Turnover {word}`rose zz2021-044 zz2022-038` to {num}`zz2022-038`{guard}."
  zh: "技术合同成交额{word}`rose zz2021-044 zz2022-038`至{num}`zz2022-038`。"
"""


def build(tmp_path: Path, intro: str, language: str = "en") -> tuple[int, Path, str]:
    src, out = tmp_path / "src", tmp_path / "out"
    for name, text in {**PAGES, "book/intro.md": intro}.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "zhuzhou_book.sphinx_findings"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        f'language = "{language}"\nexclude_patterns = ["out"]\nnitpicky = True\n',
        encoding="utf-8",
    )
    log = tmp_path / "warnings.txt"
    code = build_main(["-W", "-q", "-b", "html", "-w", str(log), str(src), str(out)])
    return code, out, log.read_text(encoding="utf-8") if log.is_file() else ""


@pytest.fixture
def findings_file(tmp_path, monkeypatch):
    def write(guard: str = "") -> Path:
        path = tmp_path / "findings.yml"
        path.write_text(FINDING.replace("{guard}", guard), encoding="utf-8")
        monkeypatch.setattr(findings, "FINDINGS", path)
        return path

    return write


def _page(out: Path) -> str:
    return (out / "book" / "intro.html").read_text(encoding="utf-8")


def test_every_number_of_the_headline_table_is_a_link_to_its_row(tmp_path):
    code, out, log = build(tmp_path, "# Intro\n\n```{headline-table}\n```\n")
    assert code == 0, log
    table = re.search(r'<table class="[^"]*zz-headline.*?</table>', _page(out), re.S).group(0)
    links = re.findall(r'<a class="zz-num" href="numbers.html#([\w-]+)"', table)
    expected = {
        key
        for line in findings.headline_table(load_dataset(), "en").cells
        for c in line
        for key in (c.key, *c.also)
        if key
    }
    assert links and set(links) == expected
    assert "<th" in table and "Reported, 2021" in table


def test_the_chinese_edition_builds_the_same_table_in_chinese(tmp_path):
    code, out, log = build(tmp_path, "# Intro\n\n```{headline-table}\n```\n", "zh_CN")
    assert code == 0, log
    assert "2021年实际" in _page(out) and "指标" in _page(out)


def test_a_key_finding_shows_its_numbers_as_links_and_links_its_chapter(tmp_path, findings_file):
    findings_file()
    code, out, log = build(tmp_path, "# Intro\n\n```{key-findings}\n```\n")
    assert code == 0, log
    item = re.search(r'<div class="[^"]*zz-key-findings.*?<li>(.*?)</li>', _page(out), re.S).group(1)
    assert "Turnover rose to" in item and 'href="numbers.html#zz2022-038"' in item
    assert re.search(r'href="chapters.html#ch-x"[^>]*>.*?the chapter', item, re.S)


def test_a_key_finding_the_data_no_longer_support_stops_the_build(tmp_path, findings_file):
    findings_file(guard="{holds}`zz2022-038 < zz2021-044`")
    code, _, log = build(tmp_path, "# Intro\n\n```{key-findings}\n```\n")
    assert code != 0 and "no longer support" in log


def test_the_verdicts_say_met_or_why_not_and_link_the_numbers(tmp_path):
    code, out, log = build(
        tmp_path, "# Intro\n\n```{target-verdicts}\n```\n\n```{target-verdicts}\n:open:\n```\n"
    )
    assert code == 0, log
    page = _page(out)
    assert len(re.findall(r'<table class="[^"]*zz-verdicts', page)) == 2
    assert "Met" in page and "Not yet reported" in page and 'href="numbers.html#' in page


def test_the_time_line_links_each_document_to_its_text_and_its_numbers(tmp_path):
    code, out, log = build(tmp_path, "# Intro\n\n```{document-timeline}\n```\n")
    assert code == 0, log  # the chapters ch-zz2021 ... are missing here: their names stay plain text
    page = _page(out)
    for source in load_dataset().sources.id:
        assert f'href="sources/{source}.html' in page
        assert f'href="numbers.html#source-{source}"' in page


def test_the_vintage_role_prints_the_latest_years(tmp_path):
    code, out, log = build(
        tmp_path, "# Intro\n\nOutcomes to {vintage}`outcomes`, targets to {vintage}`targets`.\n"
    )
    assert code == 0, log
    v = findings.vintage(load_dataset())
    assert f"Outcomes to {v.outcomes}, targets to {v.targets}." in _page(out)


def test_a_vintage_the_role_does_not_know_stops_the_build(tmp_path):
    code, _, log = build(tmp_path, "# Intro\n\n{vintage}`soon`\n")
    assert code != 0 and "outcomes, targets or published" in log
