"""Propose observation rows for a new source text, for a person to curate.

`python -m zhuzhou_innovation.extract data/raw/<file>.txt` (or `make extract SOURCE=...`) reads the
text with the same finder the loader and the completeness test use (`printed`), and writes

- `_build/extract/<file>.csv`: one candidate row per number that may be in scope, in the columns
  of observations.csv (then `line` and `why`, to delete when curating): the shortest clause around
  the number as its quote (verbatim), as_printed, the value converted to a unit of units.csv, the
  qualifier, and guesses of indicator, region, period, kind, share_of and label_zh, each
  explained in `why`;
- `_build/extract/<file>.excluded.md`: the numbers that look out of scope (dates outside the
  candidates' quotes, section numbering, ordinals, technical units, names in quotation marks) as
  draft rows of the source's exclusion table, each with a guessed reason.

The guesses come from the data: indicators by their Chinese names, the labels earlier rows print
(label_zh) and the words before the number in earlier rows' quotes; kind and period from the
words around the number (力争, 目标 for targets; 增长, 同比 for growth; 占, 比重 for shares; 第N, 居全省
for ranks; a year printed in the sentence). Repeated passages are proposed once. Every candidate
passes the loader's row checks, so what a person keeps validates; what it cannot know (is the
number in scope, is the guess right, the note) is theirs to decide.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

from .load import Dataset, RowContext, columns, load_dataset, row_problems
from .paths import BUILD
from .printed import Number, clause, find_numbers, value_in

COLUMNS = columns("observations")  # a candidate row has every column of observations.csv
EXTRA = ["line", "why"]

_UNIT_OF_MEASURE = {
    "money": "100m_cny",
    "pct": "pct",
    "fraction": "pct",
    "pp": "pp",
    "times": "times",
    "rank": "rank",
    "sq_km": "sq_km",
    "sqm": "10k_sqm",
    "count": "count",
    "": "count",
}
_TARGET_WORDS = ("力争", "争取", "奋斗目标", "目标", "确保", "将")
_GROWTH_WORDS = ("增长率", "增长", "增速", "增幅", "同比", "提高", "提升", "增加")
_SHARE_WORDS = ("占比", "比重", "比值", "占", "完成年度任务的")
_SENTENCE_END = "。！？!?\n"
# Words that say how a number is measured, not what: no evidence of an indicator.
_GENERIC = re.compile(
    r"同比|增长率|增长|增速|增幅|提高|提升|达到|实现|全年|全市|总量|总数|力争|突破|超过|其中|比重|占比|占|共|约|达"
)
_QUOTES = {"“": "”", "‘": "’", "《": "》"}


@dataclass
class Indicator:
    """What the guesser knows of one indicator: its unit, names, printed labels and earlier phrases."""

    id: str
    unit: str
    names: list[str]
    labels: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    rows: int = 0


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if not re.search(r"[\d\s,，。、]", text[i : i + 2])}


def _names(name_zh: str) -> list[str]:
    """A Chinese name and its parts: 创新创业基地（双创基地） -> the whole, 创新创业基地, 双创基地."""
    parts = [p for p in re.split(r"[（）()、/“”：:]", name_zh) if len(p) >= 2]
    return list(dict.fromkeys([name_zh, *parts]))


def indicator_index(ds: Dataset) -> dict[str, Indicator]:
    """Every indicator with the names, labels and quote words the earlier rows give it."""
    index = {r.id: Indicator(r.id, r.unit, _names(r.name_zh)) for r in ds.indicators.itertuples()}
    for r in ds.observations.itertuples():
        ind = index[r.indicator]
        ind.rows += 1
        if r.label_zh and r.label_zh not in ind.labels:
            ind.labels.append(r.label_zh)
        at = r.quote.find(r.as_printed)
        a, _ = clause(r.quote, at, at + len(r.as_printed)) if at >= 0 else (0, 0)
        before = _GENERIC.sub("", re.sub(r"[\d.]+[%万亿元家个项名人件]*", "", r.quote[a:at]))[-14:]
        if len(before) >= 3 and before not in ind.phrases:
            ind.phrases.append(before)
    return index


def _common(a: str, b: str) -> int:
    """Length of the longest piece of `a` that `b` prints too (two characters at least, else 0)."""
    if not _bigrams(a) & _bigrams(b):
        return 0
    for size in range(len(a), 1, -1):
        if any(a[i : i + size] in b for i in range(len(a) - size + 1)):
            return size
    return 0


def _score(ind: Indicator, near: str, wide: str) -> tuple[float, str]:
    """How well an indicator's words fit the words beside a number (`near`) and its sentence (`wide`).

    The longest piece of a name, printed label or earlier quote phrase found beside the number
    counts most; a name found only elsewhere in the sentence counts less.
    """
    best, why = 0.0, ""
    for name in ind.names + ind.labels:
        size = _common(name, near)
        s = 3.0 * size + (1 if size == len(name) else 0) if size >= 2 else 0.0
        if not s and name in wide:
            s = 1.5 * len(name)
        if s > best:
            best, why = s, name
    for phrase in ind.phrases:
        size = _common(phrase, near)
        if size >= 3 and 2.5 * size > best:
            best, why = 2.5 * size, phrase[-size:] if phrase.endswith(phrase[-size:]) else phrase
    return best + 0.01 * min(ind.rows, 10), why


@dataclass(frozen=True)
class SourceInfo:
    """What the guesser needs of a source; `plan`: a text that sets goals only (a reply, a plan)."""

    id: str
    covers: str
    published: str
    region: str
    plan: bool = False


def _decimal(value: Fraction) -> str:
    """An exact decimal for a terminating fraction (0.0007, not 7e-04), else two decimals (66.67)."""
    den = value.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den != 1:
        return f"{float(value):.2f}"
    with localcontext() as ctx:
        ctx.prec = 40
        text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and text[a - 1] not in _SENTENCE_END:
        a -= 1
    b = end
    while b < len(text) and text[b] not in _SENTENCE_END:
        b += 1
    return a, b


def _inside_quotation(text: str, start: int, end: int) -> bool:
    """Whether a number sits inside “…”, ‘…’ or 《…》 on its line (a name rather than a measure)."""
    line_start = text.rfind("\n", 0, start) + 1
    for open_, close in _QUOTES.items():
        o = text.rfind(open_, line_start, start)
        if (
            o >= 0
            and text.rfind(close, o, start) < 0
            and text.find(close, end) >= 0
            and "\n" not in text[end : text.find(close, end)]
        ):
            return True
    return False


def out_of_scope(text: str, n: Number) -> str:
    """Why a number is probably out of scope (a draft reason), or '' if it may be a measure."""
    line_start = text.rfind("\n", 0, n.start) + 1
    line = text[line_start : text.find("\n", n.end) if "\n" in text[n.end :] else len(text)]
    before, after = text[max(0, n.start - 3) : n.start], text[n.end : n.end + 2]
    if n.is_date:
        return "date"
    if n.measure == "ordinal":
        return "ordinal of an event, issue or document"
    if n.measure == "other":
        return "technical unit, model or page number"
    if re.search(r"【[^】]*$", before) and after.startswith("】"):
        return "section numbering of the page layout"
    if line.lstrip().startswith("#") and n.measure == "":
        return "section heading"
    if re.search(r"[A-Za-z]", before[-1:] + after[:1]) or re.search(r"[-〔〕]", before[-1:] + after[:1]):
        return "name, model, serial or document number (metadata)"
    if n.measure == "rank" and n.text.startswith("第") and after[:1] in "生资动代方":
        return "第一 as part of a word or slogan (第一生产力, 第一代, 第三方), not a rank"
    if n.classifier == "年":
        return "a span of years: the period of a row, or a goal's duration"
    if n.classifier == "期":
        return "a construction phase"
    if n.classifier == "大":
        return "N大 names a list or a congress (十大, 二十大): a label?"
    if "+" in before[-1:] + after[:1] or ">" in after[:1]:
        return "part of a formula or a name (7+3, 1+1>2)"
    if _inside_quotation(text, n.start, n.end) and n.measure in ("count", ""):
        return "inside quotation marks: part of a name (a programme, slogan or label)?"
    return ""


def _guess_region(
    sentence_before: str, near: str, default: str, regions: list[tuple[str, str]]
) -> tuple[str, str]:
    """A district or zone named as the sentence's subject or just before the number, else the default."""
    for rid, name in regions:
        for form in dict.fromkeys([name, re.sub(r"(市|区|县)$", "", name)]):
            if (
                len(form) >= 2
                and form != "株洲"
                and (form in sentence_before[: len(form) + 6] or form in near)
            ):
                return rid, f"region by '{form}'"
    return default, f"region {default} (the source's)"


def _guess_period(text: str, n: Number, info: SourceInfo, kind: str, dates: list[Number]) -> tuple[str, str]:
    s, _ = _sentence(text, n.start, n.end)
    year = None
    for d in dates:
        if s <= d.start < n.start:
            m = re.match(r"((?:19|20)\d{2})年", text[d.start : d.end])
            if m:
                year = m.group(1)
            elif "季度" in d.text and info.covers[:4].isdigit():
                q = "一二三四".find(d.text[0]) + 1
                if q:
                    return f"{info.covers[:4]}Q{q}", f"period by '{d.text}'"
    if year:
        return year, f"period by '{year}年'"
    cover_year, pub_year = info.covers[:4], info.published[:4]
    if kind == "target":
        year = pub_year if pub_year > cover_year else cover_year
        return year, f"period {year}: a goal in a text published {info.published}"
    return info.covers, f"period {info.covers} (what the source covers)"


def _kind(text: str, n: Number, unit: str, ind: Indicator, info: SourceInfo) -> tuple[str, str, str]:
    """kind, target_measure and the words that decided them."""
    a, _ = clause(text, n.start, n.end)
    before = text[a : n.start].replace("增加值", "")  # 增加值 (value added) is not 增加 (a rise)
    s, e = _sentence(text, n.start, n.end)
    measure, why = "level", ""
    growth = max(((before.rfind(w), w) for w in _GROWTH_WORDS if w in before), default=(-1, ""))
    share = max(((before.rfind(w), w) for w in _SHARE_WORDS if w in before), default=(-1, ""))
    if unit == "rank":
        measure, why = "rank", f"rank by '{n.text}'"
    elif unit == ind.unit or (unit == "per_10k_people" and ind.unit == unit):
        measure, why = "level", f"a level in {ind.id}'s unit"
    elif unit in ("pct", "pp", "count") and growth[0] > share[0]:
        measure, why = "growth", f"growth by '{growth[1]}'"
    elif unit == "pct" and (n.measure == "fraction" or share[0] >= 0):
        measure, why = "share", f"share by '{n.text if n.measure == 'fraction' else share[1]}'"
    elif unit == "pp":
        measure, why = "growth", "a change in percentage points"
    target = next((w for w in _TARGET_WORDS if w in text[s:e]), None)
    if not target and info.plan and measure != "rank":
        target = "a plan: every figure is a goal"
    if target:
        return "target", measure, f"target by '{target}'" + (f", {why}" if why else "")
    kind = {"level": "actual", "rank": "rank", "growth": "growth", "share": "share"}[measure]
    return kind, "", why


def _share_of(text: str, n: Number, own: str, index: dict[str, Indicator]) -> tuple[str, str]:
    _a, b = clause(text, n.start, n.end)
    s, _ = _sentence(text, n.start, n.end)
    wide = text[s:b]
    for word, ind in (
        ("GDP", "gdp"),
        ("地方财政支出", "fiscal_expenditure"),
        ("规模以上工业企业", "above_scale_industrial_enterprises"),
        ("规上工业企业", "above_scale_industrial_enterprises"),
        ("年度任务", own),
        ("目标任务", own),
    ):
        if word in wide and ind in index:
            return ind, f"share_of by '{word}'"
    return "gdp", "share_of not printed near the number: gdp is a placeholder to check"


def _fits(ind: Indicator, kind: str, measure: str, unit: str) -> bool:
    """Whether a row of this indicator may carry this unit (the loader's rule)."""
    if kind == "target":
        return measure != "level" or ind.unit == unit
    return kind != "actual" or ind.unit == unit


def _named_in(before: str, index: dict[str, Indicator]) -> list[Indicator]:
    """Indicators whose name or label is printed in `before`, in the order printed (one each)."""
    found = []
    for ind in index.values():
        spots = [before.rfind(w) for w in ind.names + ind.labels if len(w) >= 3 and w in before]
        if spots:
            found.append((max(spots), ind))
    found.sort(key=lambda t: t[0])
    out, seen_at = [], set()
    for at, ind in found:
        if at not in seen_at:
            seen_at.add(at)
            out.append(ind)
    return out


def propose(text: str, ds: Dataset, info: SourceInfo) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Candidate rows for the numbers of `text`, and draft exclusions for the others."""
    index = indicator_index(ds)
    regions = sorted(
        ((r, n) for r, n in zip(ds.regions.id, ds.regions.name_zh, strict=False) if r != "hunan"),
        key=lambda r: -len(r[1]),
    )
    numbers = find_numbers(text)
    dates = [n for n in numbers if n.is_date]
    candidates: list = []
    drafts: list = []
    seen: set = set()
    seen_drafts: set = set()
    for n in numbers:
        reason = out_of_scope(text, n)
        if reason:
            if not n.is_date:  # dates are listed at the end, if no candidate's quote holds them
                _draft(text, n, reason, drafts, seen_drafts)
            continue
        unit = _UNIT_OF_MEASURE.get(n.measure, "count")
        if n.measure == "" and n.multiplied and "亿" in n.text:
            unit = "100m_cny"  # 10亿级: a bare amount in 亿 is money
        a, b = clause(text, n.start, n.end)
        s, _ = _sentence(text, n.start, n.end)
        # the words beside the number in its clause: before it, or after it when it opens the clause
        before_words = text[max(a, n.start - 16) : n.start].strip()
        near = (
            before_words
            if len(re.sub(r"[^\u4e00-\u9fff]", "", before_words)) >= 2
            else before_words + text[n.end : min(b, n.end + 16)]
        )
        extend = len(re.sub(r"[^\u4e00-\u9fff]", "", _GENERIC.sub("", near))) < 2 and s < a
        if extend:  # 增幅25%: the clause says how, not what; the one before says what
            near = text[max(s, a - 17) : n.start]
        wide = text[s:b]
        if unit == "count" and "万人" in text[max(s, n.start - 20) : n.start]:
            unit = "per_10k_people"
        ranked = sorted(((*_score(ind, near, wide), ind) for ind in index.values()), key=lambda t: -t[0])
        kind, measure, kind_why = _kind(text, n, unit, ranked[0][2], info)
        if kind == "actual" and unit == "pp":
            kind = "growth"
        ranked = [t for t in ranked if _fits(t[2], kind, measure, unit)]
        if not ranked:
            _draft(text, n, f"no indicator has unit '{unit}'", drafts, seen_drafts)
            continue
        best_score, matched, ind = ranked[0]
        quote_a = a
        if (extend or best_score < 4) and s < a:  # the clause alone does not say what it is
            quote_a, _ = clause(text, a - 1, a - 1)
        # a verbatim piece: the page's markup (**, #, 【重点5】) trimmed from its ends
        earlier = text.rfind(n.text, quote_a, n.start)
        if earlier >= 0:  # the same print earlier in the clause: start after it, so as_printed is this one
            quote_a = earlier + len(n.text)
        later = text.find(n.text, n.end, b)
        quote_b = later if later >= 0 else b  # and end before it comes again
        quote = re.sub(
            r"(\*\*|\s)+$", "", re.sub(r"^(\*\*|#+|\s|【[^】]*】|[,，、;；])+", "", text[quote_a:quote_b])
        )
        key = (n.text, quote)
        if key in seen:
            continue  # a repeated passage, proposed once
        seen.add(key)
        region, region_why = _guess_region(text[s : n.start], near, info.region, regions)
        period, period_why = _guess_period(text, n, info, kind, dates)
        value = value_in(n, unit)
        base = dict.fromkeys(COLUMNS, "") | {
            "source": info.id,
            "region": region,
            "period": period,
            "kind": kind,
            "value": _decimal(value),
            "unit": unit,
            "as_printed": n.text,
            "quote": quote,
            "target_measure": measure if kind == "target" else "",
            "qualifier": n.qualifier,
            "line": str(text.count("\n", 0, n.start) + 1),
        }
        # one number for several things: 双双突破1100家, 分别达到1100家, “企业培训率、企业上门率、业务上手率”100%
        before = text[a : n.start]
        several = [i for i in _named_in(before, index) if _fits(i, kind, measure, unit)]
        if not (len(several) >= 2 and re.search(r"双双|分别|、|和", before)):
            several = [ind]
        for one in several[:4]:
            hit = matched if one is ind else next(w for w in one.names + one.labels if w in before)
            share_of, share_why = ("", "")
            if kind == "share" or measure == "share":
                share_of, share_why = _share_of(text, n, one.id, index)
            label = hit if hit in one.labels and hit in quote else ""
            candidates.append(
                base
                | {
                    "indicator": one.id,
                    "share_of": share_of,
                    "label_zh": label,
                    "why": "; ".join(
                        w
                        for w in (
                            f"indicator by '{hit}'"
                            if hit and best_score >= 2
                            else "indicator: no words matched, a guess",
                            f"next: {', '.join(i.id for _, _, i in ranked[1:3])}"
                            if one is ind
                            else f"one of {len(several)} things this number is printed for",
                            kind_why,
                            period_why,
                            region_why,
                            share_why,
                        )
                        if w
                    ),
                }
            )
    for i, row in enumerate(candidates, start=1):
        row["id"] = f"{info.id}-{i:03d}"
    quoted = [(text.find(c["quote"]), text.find(c["quote"]) + len(c["quote"])) for c in candidates]
    for d in dates:
        if not any(a <= d.start and d.end <= b for a, b in quoted):
            _draft(text, d, "date", drafts, seen_drafts)
    return candidates, drafts


def _draft(text: str, n: Number, reason: str, drafts: list[dict[str, str]], seen: set) -> None:
    a, b = clause(text, n.start, n.end)
    line_a, line_b = text.rfind("\n", 0, n.start) + 1, text.find("\n", n.end) % (len(text) + 1)
    if b - a < len(n.text) + 4:  # 2023年, alone in its clause: take some words after it too
        a, b = max(line_a, n.start - 6), min(line_b, n.end + 8)
    a, b = max(a, n.start - 12), min(b, n.end + 8)
    passage = text[a:b].strip()
    if (n.text, passage) in seen or "|" in passage or "`" in passage:
        return
    seen.add((n.text, passage))
    drafts.append(
        {
            "number": n.text,
            "passage": passage,
            "reason": reason,
            "line": str(text.count("\n", 0, n.start) + 1),
        }
    )


def check_candidates(
    candidates: list[dict[str, str]], ds: Dataset, text: str, info: SourceInfo, label: str = "candidates"
) -> list:
    """The loader's row checks on every candidate (with the new text as its source's text)."""
    ctx = RowContext.of(ds.indicators, {**ds.texts, info.id: text})
    problems = []
    for line, row in enumerate(candidates, start=2):
        problems += row_problems(row, line, label, ctx)
    return problems


def source_info(
    ds: Dataset,
    path: Path,
    source: str | None = None,
    covers: str | None = None,
    published: str | None = None,
    region: str | None = None,
) -> SourceInfo:
    """What the guesser needs of a source: from sources.csv when the file is listed, else the options."""
    listed = ds.sources[ds.sources.file == path.name]
    if len(listed):
        row = listed.iloc[0]
        mine = ds.observations[ds.observations.source == row.id].region
        default = Counter(mine).most_common(1)[0][0] if len(mine) else "zhuzhou"
        return SourceInfo(
            source or row.id,
            covers or row.covers,
            published or row.published,
            region or default,
            plan=row.kind in ("plan", "reply"),
        )
    if not source:
        raise SystemExit(f"{path.name} is not in sources.csv: add its row there first, or pass --source ID")
    text = path.read_text(encoding="utf-8")
    years = Counter(re.findall(r"((?:19|20)\d{2})年", text))
    guess = years.most_common(1)[0][0] if years else "2024"
    return SourceInfo(source, covers or guess, published or str(int(guess) + 1), region or "zhuzhou")


def write(candidates: list[dict[str, str]], drafts: list[dict[str, str]], out: Path) -> Path:
    """The candidate CSV, and the draft exclusion table beside it (<name>.excluded.md)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS + EXTRA, lineterminator="\n")
        writer.writeheader()
        writer.writerows(candidates)
    md = out.with_suffix(".excluded.md")
    lines = ["| number | passage | reason |", "|---|---|---|"]
    lines += [f"| `{d['number']}` | `{d['passage']}` | {d['reason']} (line {d['line']}) |" for d in drafts]
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return md


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", type=Path, help="the raw text, e.g. data/raw/<file>.txt")
    parser.add_argument("--source", help="source id (default: from sources.csv)")
    parser.add_argument("--covers", help="period the text reports on (default: from sources.csv)")
    parser.add_argument("--published", help="publication date (default: from sources.csv)")
    parser.add_argument("--region", help="default region (default: the source's usual one, or zhuzhou)")
    parser.add_argument("--out", type=Path, help="candidate CSV (default: _build/extract/<file>.csv)")
    parser.add_argument("--data", type=Path, help="the data folder (default: $ZHUZHOU_DATA or data/)")
    args = parser.parse_args(argv)
    ds = load_dataset(args.data)
    info = source_info(ds, args.text, args.source, args.covers, args.published, args.region)
    text = args.text.read_text(encoding="utf-8")
    candidates, drafts = propose(text, ds, info)
    problems = check_candidates(candidates, ds, text, info)
    out = args.out or BUILD / "extract" / f"{args.text.stem}.csv"
    md = write(candidates, drafts, out)
    print(f"{len(candidates)} candidate rows -> {out}")
    print(f"{len(drafts)} numbers that look out of scope -> {md}")
    for p in problems:
        print(f"  does not validate: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
