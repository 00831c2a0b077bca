"""Write the jieba user dictionary that Sphinx's Chinese search uses to segment the book.

Why: jieba's general dictionary splits domain terms (高新技术企业 becomes 高新/技术/企业), so a
search for the indicator's name would miss its pages. The dictionary is generated from the
glossary (`data/indicators.csv`, column name_zh), never retyped, plus a few domain terms that are
not indicators. `_config.yml` points `html_search_options.dict` at the output (relative to the
folder `jupyter-book build` runs in, the repository root).

    python -m zhuzhou_book.search_dict        # writes _build/generated/jieba-userdict.txt
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from zhuzhou_innovation.paths import BUILD, REPO

INDICATORS = REPO / "data" / "indicators.csv"
OUT = BUILD / "generated" / "jieba-userdict.txt"

# Terms the reports use that are not indicator names; 高企 is the reports' short form of 高新技术企业.
DOMAIN_TERMS: tuple[str, ...] = ("研发", "高新技术企业", "高企", "科技创新", "株洲", "长株潭")
# A frequency well above jieba's common words, so each term stays one token (cut_for_search
# still adds the shorter words inside it, e.g. 研发 and 投入 from 研发投入).
FREQUENCY = 100_000


def indicator_names(path: Path = INDICATORS) -> list[str]:
    """The Chinese names of the indicators, in file order."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = []
    for line, row in enumerate(rows, start=2):
        name = (row.get("name_zh") or "").strip()
        if not name:
            raise ValueError(f"{path}, row {line}: field name_zh is empty; expected a Chinese name")
        names.append(name)
    return names


# What Sphinx's search box does to a query before looking it up (searchtools.js `splitQuery`):
# it splits on every run of characters that are not letters, digits or underscores, so a name
# such as 财政科技支出（创新投入） is looked up as 财政科技支出 and 创新投入. Each piece must
# therefore be one token of the index, that is, a word of this dictionary.
_QUERY_SPLIT = re.compile(r"[^\w]+")


def query_pieces(term: str) -> list[str]:
    """The pieces the search box looks up for `term` (single characters are not indexed)."""
    return [p for p in _QUERY_SPLIT.split(term) if len(p) > 1]


def user_dictionary(path: Path = INDICATORS) -> str:
    """The dictionary text: one `word frequency` line per term, sorted, without duplicates.

    Each name is there whole, and so is each piece a search for it is split into.
    """
    names = set(indicator_names(path)) | set(DOMAIN_TERMS)
    terms = sorted(names | {p for n in names for p in query_pieces(n)})
    return "".join(f"{term} {FREQUENCY}\n" for term in terms if " " not in term)


def write(out: Path = OUT, indicators: Path = INDICATORS) -> bool:
    """Write the dictionary to `out`; return False (and leave the file untouched) if unchanged."""
    text = user_dictionary(indicators)
    if out.is_file() and out.read_text(encoding="utf-8") == text:
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="the book's repository root")
    parser.add_argument("--out", type=Path, help="output file (default: REPO/_build/generated/...)")
    args = parser.parse_args(argv)
    out = args.out or args.repo / OUT.relative_to(REPO)
    state = "written" if write(out, args.repo / INDICATORS.relative_to(REPO)) else "up to date"
    print(f"search dictionary {state}: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
