"""The bibliography: the sources as references, and how to cite the book, in English or Chinese.

References come from `data/sources.csv`; the book's own citation from `CITATION.cff`, the file
citation tools read, so the page and the tools cite the same title, authors and version.
"""

from __future__ import annotations

import re

import yaml
from IPython.display import Markdown

from .load import Dataset
from .narrative import format_date, format_period
from .paths import REPO
from .schema import package

KIND = {
    "en": {
        "review": "annual review",
        "plan": "plan",
        "reply": "official reply",
        "news": "news report",
        "peer": "peer-district article",
    },
    "zh": {
        "review": "年度综述",
        "plan": "规划",
        "reply": "官方答复",
        "news": "新闻报道",
        "peer": "同类地区文章",
    },
}


def escape(text: str) -> str:
    """Text safe inside Markdown (titles may hold brackets, stars or underscores)."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def sources_in_order(ds: Dataset):
    """The sources by date of publication."""
    return ds.sources.sort_values(["published", "id"]).reset_index(drop=True)


_CJK_PARENTHESIS = re.compile(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)")


def publisher_zh(publisher: str) -> str:
    """The publisher's Chinese name, the first parenthesis of Chinese in `sources.csv`'s English
    ('Zhuzhou Daily (株洲日报)' gives 株洲日报), so that a Chinese reference holds no English."""
    found = _CJK_PARENTHESIS.search(publisher)
    return found.group(1) if found else publisher


def book_names_zh() -> tuple[str, str]:
    """The book's Chinese title and authors, from the Chinese edition's settings in `_config.yml`
    (the ones its pages and PDF show); CITATION.cff holds the English only."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    zh = config["sphinx"]["config"]["nb_i18n_config"]["zh_CN"]
    return zh["html_title"], zh["author"]


def reference(source, lang: str = "en") -> str:
    """One source as a reference: publisher, date, title as printed (and in English), what it covers, file."""
    kind = KIND[lang].get(source.kind, source.kind)
    if lang == "zh":
        return (
            f"{escape(publisher_zh(source.publisher))}。{format_date(source.published, 'zh')}。"
            f"《{escape(source.title_zh)}》。{kind}，涵盖{format_period(source.covers, 'zh')}。"
            f"原文：`data/raw/{source.file}`（来源编号 `{source.id}`）。"
        )
    return (
        f"{escape(source.publisher)}. {format_date(source.published)}. *{escape(source.title_zh)}* "
        f"[{escape(source.title_en)}]. {kind.capitalize()}, covering {format_period(source.covers)}. "
        f"Raw text: `data/raw/{source.file}` (source id `{source.id}`)."
    )


def reference_list(ds: Dataset, lang: str = "en") -> Markdown:
    """Every source as a bulleted reference, in order of publication."""
    return Markdown("\n".join(f"- {reference(s, lang)}" for s in sources_in_order(ds).itertuples()))


def citation_file() -> dict:
    """CITATION.cff, parsed."""
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


def book_citation(ds: Dataset, lang: str = "en") -> Markdown:
    """How to cite the book and its dataset: a sentence and a BibTeX entry, from CITATION.cff."""
    cff = citation_file()
    authors = " and ".join(a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff["authors"])
    year, title, version, licence = cff["date-released"][:4], cff["title"], cff["version"], cff["license"]
    name = package(ds)["name"]
    lead = (
        f"{escape(authors)} ({year}). *{escape(title)}*, version {version}. Jupyter Book with the dataset "
        f"`{name}` ({licence})."
        if lang == "en"
        else f"{escape(book_names_zh()[1])}（{year}）。《{escape(book_names_zh()[0])}》，版本 {version}。"
        f"Jupyter Book，附数据集 `{name}`（{licence}）。"
    )
    bibtex = (
        "```bibtex\n@book{zhuzhou_innovation_book,\n"
        f"  title   = {{{title}}},\n  author  = {{{{{authors}}}}},\n  year    = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        f"  note    = {{Jupyter Book with the dataset {name} ({licence})}},\n}}\n```"
    )
    return Markdown(f"{lead}\n\n{bibtex}")
