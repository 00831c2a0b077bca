"""What the reports say, for the landing page, the one-page brief and the slides: the headline
indicators year by year, a verdict per target, the key findings, the documents on a time line.

Everything here is chosen by rules on the data, not by hand: the headline indicators are the
ones the city's documents give most often (`headline_indicators`), the table's columns are the
periods they report and the years they target, a verdict is worded from the scorecard by one
function (`verdict`), and the key findings are sentences in `book/findings.yml` whose numbers and
data-dependent words are roles, resolved here for plain text (`key_findings`) and by the book's
Sphinx extension as links (`zhuzhou_book.sphinx_findings`).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .load import Dataset
from .narrative import Table, format_date, format_observation, format_period, lower_first, readable_table
from .paths import FINDINGS
from .periods import is_year, period_key
from .rows import with_sources
from .scorecard import promises as scorecard_promises
from .scorecard import scorecard
from .words import READING, STATUS, label

CITY = "zhuzhou"
# A headline indicator is one a reader can follow from document to document: at least this many
# of the city's documents give it (reported, targeted or ranked) ...
MIN_DOCUMENTS = 2
# ... at least one of them as a reported level, and the table holds at least this many of its numbers.
MIN_CELLS = 2
HEADLINE_ROWS = 12  # a reader scans about a dozen rows; the every-number page holds the rest
REPORTED_PERIODS = 3  # the latest periods with a reported level: the table stays narrow enough to read

WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "mark": " ({})",
        "comma": ", ",
        "semicolon": "; ",
        "indicator": "Indicator",
        "reported": "Reported, {period}",
        "target": "Target, {period}",
        "suspect": "suspect",
        "gap": "–",
        "growth": "growth of {v}",
        "share": "{v} of {of}",
        "only_rank": "only a rank: {v}",
        "only_share": "only a share: {v} of {of}",
        "only_growth": "only a growth rate: {v}",
        "also": "also printed: {v}",
        "caption": "The headline indicators: what the reports give for Zhuzhou, year by year",
        "published": "Published",
        "document": "Document",
        "about": "About",
        "kind": "Kind",
        "numbers": "Numbers",
        "targets": "Targets",
        "target_col": "Target",
        "promised": "Promised",
        "outcome": "Reported",
        "verdict": "Verdict",
        "for": "{name}, {period}",
        "restated": "set in {n} documents",
        "timeline_caption": "The documents, in order of publication",
        "kinds": {
            "review": "yearly review",
            "news": "news page",
            "reply": "official reply",
            "peer": "peer district",
        },
    },
    "zh": {
        "mark": "（{}）",
        "comma": "、",
        "semicolon": "；",
        "indicator": "指标",
        "reported": "{period}实际",
        "target": "{period}目标",
        "suspect": "存疑",
        "gap": "–",
        "growth": "增长{v}",
        "share": "占{of}{v}",
        "only_rank": "仅有排名：{v}",
        "only_share": "仅有占比：占{of}{v}",
        "only_growth": "仅有增速：{v}",
        "also": "另载：{v}",
        "caption": "主要指标：各报告所载株洲数字，逐年列出",
        "published": "发布",
        "document": "文件",
        "about": "所述时期",
        "kind": "类型",
        "numbers": "数字",
        "targets": "目标",
        "target_col": "目标",
        "promised": "目标值",
        "outcome": "实际",
        "verdict": "结论",
        "for": "{name}（{period}）",
        "restated": "{n}份文件提出",
        "timeline_caption": "各文件，按发布先后",
        "kinds": {"review": "年度综述", "news": "新闻版面", "reply": "正式答复", "peer": "外市区县"},
    },
}


def _w(lang: str) -> dict[str, Any]:
    return WORDS["en" if lang == "en" else "zh"]


_MEMO: dict[tuple[int, str], tuple[weakref.ref, object]] = {}


def _memo(ds: Dataset, name: str, compute):
    """`compute()` once per dataset object: the scorecard behind the verdicts and counts takes
    about half a second, and a page asks for it many times. A dataset is never changed in place
    (a changed copy is a new object), so its identity is a safe key while it lives."""
    key = (id(ds), name)
    hit = _MEMO.get(key)
    if hit is not None and hit[0]() is ds:
        return hit[1]
    value = compute()
    for dead in [k for k, (ref, _) in _MEMO.items() if ref() is None]:
        del _MEMO[dead]
    _MEMO[key] = (weakref.ref(ds), value)
    return value


def city_regions(ds: Dataset, city: str = CITY) -> set[str]:
    """The city and the districts, counties and zones inside it (a peer district is not among them)."""
    regions = ds.regions
    return {city} | set(regions.loc[regions.parent == city, "id"])


# ---- the headline table ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One cell of the headline table: the row it shows (`key`, '' for a gap), its text in plain
    words and as role markup (`{num}` for the number), its flag, and suspect rows printed beside it."""

    key: str
    text: str
    markup: str
    flag: str = ""
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """A column: reported levels for a period, or targets for a year."""

    kind: str  # "reported" or "target"
    period: str

    def header(self, lang: str) -> str:
        return _w(lang)[self.kind].format(period=format_period(self.period, lang))


class HeadlineTable(Table):
    """The headline table as text (`frame`, HTML via the Table base) and cell by cell (`cells`)."""

    def __init__(
        self,
        styler,
        frame: pd.DataFrame,
        indicators: list[str],
        labels: list[str],
        columns: list[Column],
        cells: list[list[Cell]],
        caption: str,
    ):
        super().__init__(styler, frame)
        self.indicators, self.labels, self.columns, self.cells, self.caption = (
            indicators,
            labels,
            columns,
            cells,
            caption,
        )


def _city_rows(ds: Dataset, city: str = CITY) -> pd.DataFrame:
    return with_sources(ds, ds.observations[ds.observations.region == city])


def _candidates(rows: pd.DataFrame) -> list[str]:
    """Indicators given by MIN_DOCUMENTS or more documents, at least once as a reported level."""
    documents = rows.groupby("indicator").source.nunique()
    with_level = set(rows.loc[rows.kind == "actual", "indicator"])
    return [i for i, n in documents.items() if n >= MIN_DOCUMENTS and i in with_level]


def headline_columns(ds: Dataset, indicators: list[str] | None = None, city: str = CITY) -> list[Column]:
    """The latest REPORTED_PERIODS periods with a reported level of the indicators, then every
    year they are targeted from the first of those periods on."""
    rows = _city_rows(ds, city)
    rows = rows[rows.indicator.isin(indicators if indicators is not None else _candidates(rows))]
    reported = sorted(set(rows.loc[rows.kind == "actual", "period"]), key=period_key)[-REPORTED_PERIODS:]
    if not reported:
        return []
    first = int(reported[0][:4])
    targets = rows[(rows.kind == "target") & is_year(rows.period)]
    years = sorted({p for p in targets.period if int(p) >= first}, key=int)
    return [Column("reported", p) for p in reported] + [Column("target", y) for y in years]


def _pick(rows: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame]:
    """The row a cell shows, and the others: a level before other measures, an unflagged row
    before a suspect one (a summary shows the number the book trusts, the suspect beside it),
    then the later report, an exact number before a bound (as `series.series`)."""
    ranked = rows.assign(
        level=lambda d: d.kind.isin(["actual"]) | (d.target_measure == "level"),
        clean=lambda d: d.flag == "",
        exact=lambda d: d.qualifier == "",
    )
    ranked = ranked.sort_values(["level", "clean", "published", "exact", "id"])
    return ranked.iloc[-1], ranked.iloc[:-1]


def _share_of(ds: Dataset, indicator: str, lang: str) -> str:
    names = ds.indicators.set_index("id")["name_en" if lang == "en" else "name_zh"]
    return names.get(indicator, indicator)


def measure_template(ds: Dataset, row: Mapping, lang: str, reported: bool) -> str:
    """How a number reads in its measure: '{v}' for a level, 'growth of {v}', 'only a rank: {v}'."""
    w = _w(lang)
    measure = row["kind"] if reported else row["target_measure"]
    of = _share_of(ds, row["share_of"], lang) if row.get("share_of") else ""
    of = lower_first(of) if lang == "en" else of
    if reported and measure != "actual":
        key = {"rank": "only_rank", "share": "only_share", "growth": "only_growth"}[measure]
    elif not reported and measure in ("growth", "share"):
        key = measure
    else:
        return "{v}"
    return w[key].replace("{of}", of)


def _plain(row: Mapping, lang: str) -> str:
    """A row's number as `{num}`id plain`` prints it: English money without the Chinese beside it."""
    text = format_observation(row, lang)
    return text.split(" (")[0] if lang == "en" and row["unit"] == "100m_cny" else text


def target_text(ds: Dataset, row: Mapping, lang: str = "en") -> str:
    """A target as a reader reads it: '1,100', 'growth of 30%', '7.1% of local fiscal expenditure'."""
    return measure_template(ds, row, lang, reported=False).format(v=format_observation(row, lang))


def _pool(rows: pd.DataFrame, column: Column) -> pd.DataFrame:
    """The rows a cell may show: outcomes (levels or other measures) or targets of its period."""
    same = rows[rows.period == column.period]
    return same[(same.kind == "target") == (column.kind == "target")]


def _cell(ds: Dataset, rows: pd.DataFrame, column: Column, lang: str) -> Cell:
    w = _w(lang)
    pool = _pool(rows, column)
    if pool.empty:
        return Cell("", w["gap"], w["gap"])
    row, others = _pick(pool)
    template = measure_template(ds, row.to_dict(), lang, reported=column.kind == "reported")
    # money without the printed Chinese beside it: the cells stay narrow, the link's tooltip prints it
    text = template.format(v=_plain(row, lang))
    markup = template.format(v=f"{{num}}`{row.id} plain`")
    mark = w["mark"].format(w["suspect"])
    if row.flag:
        text, markup = text + mark, markup + mark
    suspects = others[(others.flag != "") & (others.value != row.value)]
    if not suspects.empty:
        also_text = w["comma"].join(_plain(r, lang) + mark for _, r in suspects.iterrows())
        also_markup = w["comma"].join(f"{{num}}`{i} plain`{mark}" for i in suspects.id)
        text += w["semicolon"] + w["also"].format(v=also_text)
        markup += w["semicolon"] + w["also"].format(v=also_markup)
    return Cell(row.id, text, markup, row.flag, tuple(suspects.id))


def headline_indicators(ds: Dataset, city: str = CITY) -> list[str]:
    """The headline indicators, most documents first, then most numbers in the table.

    The rule: the city's own rows give the indicator in MIN_DOCUMENTS or more documents (as a
    level, a target, a growth rate, a share or a rank), at least once as a reported level, and
    the table's columns hold at least MIN_CELLS of its numbers; at most HEADLINE_ROWS of them.
    """
    rows = _city_rows(ds, city)
    candidates = _candidates(rows)
    columns = headline_columns(ds, candidates, city)
    documents = rows.groupby("indicator").source.nunique()
    scored = []
    for indicator in candidates:
        mine = rows[rows.indicator == indicator]
        filled = sum(not _pool(mine, c).empty for c in columns)
        if filled >= MIN_CELLS:
            scored.append((-documents[indicator], -filled, indicator))
    return [i for _, _, i in sorted(scored)][:HEADLINE_ROWS]


def headline_table(ds: Dataset, lang: str = "en", city: str = CITY) -> HeadlineTable:
    """The headline indicators by period: reported levels, then targets; gaps as gaps, suspect
    values marked, bounds as bounds ("over 1,100"), another measure where no level is printed."""
    w = _w(lang)
    indicators = headline_indicators(ds, city)
    columns = headline_columns(ds, indicators, city)
    rows = _city_rows(ds, city)
    names = ds.indicators.set_index("id")["name_en" if lang == "en" else "name_zh"]
    labels = [names[i] for i in indicators]
    cells = [[_cell(ds, rows[rows.indicator == i], c, lang) for c in columns] for i in indicators]
    headers = {"indicator": w["indicator"]} | {f"c{n}": c.header(lang) for n, c in enumerate(columns)}
    frame = pd.DataFrame(
        [
            {"indicator": label} | {f"c{n}": cell.text for n, cell in enumerate(line)}
            for label, line in zip(labels, cells, strict=True)
        ],
        columns=list(headers),
    )
    table = readable_table(frame, headers, w["caption"], table_id=f"headline-{lang}")
    return HeadlineTable(table.styler, table.frame, indicators, labels, columns, cells, w["caption"])


# ---- verdicts --------------------------------------------------------------------------------

_VERDICT = {lang: {s: label(STATUS, s, lang, capital=True) for s in STATUS} for lang in ("en", "zh")}
_PHRASE = {  # the same verdicts inside a sentence: "the target of 3.4% for 2022 is not comparable"
    "en": {
        "met": "was met",
        "missed": "was missed",
        "not comparable": "is not comparable",
        "not yet reported": "is not yet reported on",
    },
    "zh": _VERDICT["zh"],
}
_MEASURE_ZH = {"actual": "水平值", "level": "水平值", "growth": "增速", "share": "占比", "rank": "排名"}


def _why(record: Mapping, lang: str) -> str:
    """Why a target is not comparable, or why it has no verdict yet, in plain words."""
    status, reason = record.get("status", ""), record.get("reason", "") or ""
    period = format_period(str(record.get("period", "")), lang) if record.get("period") else ""
    if status == "not yet reported":
        if record.get("due", True):  # its year is reported on, but not this target
            return "no later report gives it" if lang == "en" else "后续报告未再提及"
        return f"no document reports on {period} yet" if lang == "en" else f"尚无文件报告{period}的情况"
    if status != "not comparable":
        return ""
    if "flagged suspect" in reason:
        which = "outcome" if "outcome" in reason else "target"
        if lang == "en":
            return f"the {'reported figure' if which == 'outcome' else 'target'} is probably a misprint"
        return "报告数字疑有笔误" if which == "outcome" else "目标数字疑有笔误"
    if "gives only" in reason:
        if lang == "en":
            return reason
        got = _MEASURE_ZH.get(str(record.get("actual_kind", "")), "其他口径")
        wanted = _MEASURE_ZH.get(str(record.get("measure", "")), "目标口径")
        return f"后续报告只给出{got}，没有{wanted}"
    if "earlier report" in reason:
        return reason if lang == "en" else "只有提出目标的报告或更早的报告给出该年数字"
    if "bound" in reason:
        return reason if lang == "en" else "实际值只印作界限，不足以判断"
    if "units differ" in reason:
        return reason if lang == "en" else "单位不同"
    return reason if lang == "en" else ""


def verdict(record: Mapping, lang: str = "en", in_sentence: bool = False) -> str:
    """A scorecard row's verdict in plain words: 'Met', 'Not comparable: the reported figure is
    probably a misprint', 'Not yet reported: no document reports on 2023'.

    The one place the book words a verdict (tables, key findings, slides). `in_sentence` gives the
    form that follows a subject ("the target ... was met"). A best reading, where the scorecard
    gives one (a `reading` column), follows the formal verdict.
    """
    lang = "en" if lang == "en" else "zh"
    status = str(record.get("status", ""))
    if status not in _VERDICT[lang]:
        raise ValueError(f"not a scorecard status: {status!r}")
    head = (_PHRASE if in_sentence else _VERDICT)[lang][status]
    colon, semicolon = (": ", "; ") if lang == "en" else ("：", "；")
    why = _why(record, lang)
    text = f"{head}{colon}{why}" if why else head
    reading = record.get("reading") or ""
    if reading:
        text += f"{semicolon}{reading}"
    return text


def verdict_of(ds: Dataset, target_id: str, lang: str = "en", in_sentence: bool = False) -> str:
    """The verdict on the target row `target_id` (for the {word}`verdict ...` role)."""
    card = _memo(ds, "scorecard", lambda: scorecard(ds)).set_index("target_id")
    if target_id not in card.index:
        raise KeyError(f"{target_id} is not a target of the scorecard")
    record = card.loc[target_id].to_dict() | {"target_id": target_id}
    return verdict(record | {"due": is_due(ds, str(record["period"]))}, lang, in_sentence)


def promises(ds: Dataset, city: str = CITY) -> pd.DataFrame:
    """The city's promises as the scorecard counts them (`scorecard.promises`: a target restated
    by several documents once, a peer district's left out), its districts' included; `target_ids`
    and `set_by_all` as tuples, sorted by year."""
    return _memo(ds, f"promises-{city}", lambda: _promises(ds, city)).copy()


def _promises(ds: Dataset, city: str) -> pd.DataFrame:
    frame = scorecard_promises(ds)
    frame = frame[frame.region.isin(city_regions(ds, city))]
    if frame.empty:
        return frame.reset_index(drop=True)
    frame = frame.assign(
        target_ids=frame.target_ids.str.split(", ").map(tuple),
        set_by_all=frame.set_by_all.str.split(", ").map(tuple),
        target_id=frame.promise,
    )
    return frame.sort_values(
        ["period", "published", "promise"],
        key=lambda s: s.map(period_key) if s.name == "period" else s,
        ignore_index=True,
    )


def is_due(ds: Dataset, period: str) -> bool:
    """True where a target's year is no later than the latest year any document reports on."""
    return period_key(period) <= period_key(vintage(ds).outcomes)


def best_reading_text(promise: Mapping, lang: str = "en") -> str:
    """The scorecard's best reading of a promise in words ("probably missed: about 76% of the
    target if ..."), or nothing where the formal status says it all (scored, or no rule applies)."""
    if promise.get("rule") in (None, "", "none", "scored"):
        return ""
    word = label(READING, str(promise["reading"]), lang)
    detail = str(promise.get("reading_en" if lang == "en" else "reading_zh") or "")
    return f"{word}: {detail}" if lang == "en" and detail else f"{word}：{detail}" if detail else word


def verdicts(ds: Dataset, lang: str = "en", city: str = CITY) -> pd.DataFrame:
    """One line per promise: what, the target's and outcome's row ids, texts, the verdict, and
    whether it is due (its year has passed in the documents) or still open."""
    w = _w(lang)
    names = ds.indicators.set_index("id")["name_en" if lang == "en" else "name_zh"]
    rows = ds.observations.set_index("id")
    out = []
    for p in promises(ds, city).itertuples(index=False):
        record = p._asdict()
        target = rows.loc[p.target_ids[0]].to_dict()
        outcome = rows.loc[p.actual_id].to_dict() if p.actual_id else None
        name = names[p.indicator]
        if p.region != city:
            region = ds.regions.set_index("id")["name_en" if lang == "en" else "name_zh"][p.region]
            name = f"{name} ({region})" if lang == "en" else f"{region}{name}"
        record["due"] = is_due(ds, p.period)
        record["reading"] = best_reading_text(record, lang)
        out.append(
            {
                "what": w["for"].format(name=name, period=format_period(p.period, lang)),
                "period": p.period,
                "target_ids": p.target_ids,
                "actual_id": p.actual_id or "",
                "target_text": target_text(ds, target, lang),
                "actual_text": format_observation(outcome, lang) if outcome else "",
                "restated": len(p.set_by_all),
                "status": p.status,
                "verdict": verdict(record, lang),
                "due": record["due"],
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "what",
            "period",
            "target_ids",
            "actual_id",
            "target_text",
            "actual_text",
            "restated",
            "status",
            "verdict",
            "due",
        ],
    )


def verdict_table(ds: Dataset, lang: str = "en", due: bool = True) -> Table:
    """The verdicts as a table to read (due targets, or the open ones with `due=False`)."""
    w = _w(lang)
    v = verdicts(ds, lang)
    v = v[v.due == due]
    frame = v.assign(actual_text=v.actual_text.replace("", w["gap"]))
    return readable_table(
        frame,
        {
            "what": w["target_col"],
            "target_text": w["promised"],
            "actual_text": w["outcome"],
            "verdict": w["verdict"],
        },
        table_id=f"verdicts-{'due' if due else 'open'}-{lang}",
    )


# ---- the documents and the data's vintage ----------------------------------------------------


@dataclass(frozen=True)
class Vintage:
    """How recent the data are: the latest period any document reports an outcome for, the
    latest year any target is set for, the latest publication."""

    outcomes: str
    targets: str
    published: str


def vintage(ds: Dataset, city: str = CITY) -> Vintage:
    """The data's vintage, from the city's rows (a peer district's are left out)."""
    return _memo(ds, f"vintage-{city}", lambda: _vintage(ds, city))


def _vintage(ds: Dataset, city: str) -> Vintage:
    obs = ds.observations[ds.observations.region.isin(city_regions(ds, city))]
    reported = obs[obs.kind != "target"].period
    targets = obs[obs.kind == "target"].period
    latest = lambda ps: max(ps, key=period_key) if len(ps) else ""
    # a span such as 2019/2021 ends in its last year; a target names its year first
    outcome = latest([p.split("/")[-1] for p in reported])
    sources = ds.sources[ds.sources.id.isin(obs.source)]
    return Vintage(outcome, latest([p[:4] for p in targets]), max(sources.published) if len(sources) else "")


def timeline(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """The documents in order of publication: when, which, about which period, what kind, how
    many numbers and targets the dataset takes from each."""
    w = _w(lang)
    obs = ds.observations
    out = []
    for s in ds.sources.sort_values(["published", "id"]).itertuples():
        mine = obs[obs.source == s.id]
        out.append(
            {
                "source": s.id,
                "published": format_date(s.published, lang),
                "document": s.citation_en if lang == "en" else s.citation_zh,
                "about": format_period(s.covers, lang),
                "kind": w["kinds"].get(s.kind, s.kind),
                "numbers": len(mine),
                "targets": int((mine.kind == "target").sum()),
            }
        )
    return pd.DataFrame(
        out, columns=["source", "published", "document", "about", "kind", "numbers", "targets"]
    )


def timeline_table(ds: Dataset, lang: str = "en") -> Table:
    """The time line as a table to read."""
    w = _w(lang)
    return readable_table(
        timeline(ds, lang),
        {k: w[k] for k in ("published", "document", "about", "kind", "numbers", "targets")},
        w["timeline_caption"],
        table_id=f"timeline-{lang}",
    )


def vintage_text(ds: Dataset, which: str, lang: str = "en") -> str:
    """One side of the vintage for prose: 'outcomes' and 'targets' as periods, 'published' as a date."""
    if which not in ("outcomes", "targets", "published"):
        raise ValueError(f"{{vintage}}`{which}`: say outcomes, targets or published")
    value = getattr(vintage(ds), which)
    return format_date(value, lang) if which == "published" else format_period(value, lang)


# ---- key findings ----------------------------------------------------------------------------

_VINTAGE = re.compile(r"\{vintage\}`([^`]+)`")
_NUM = re.compile(r"\{num\}`([^`]+)`")


def number_text(facts, spec: str, lang: str = "en") -> str:
    """A {num} role as plain text, as the book's pages print it ('key' or 'key plain')."""
    from .narrative import format_money_both

    key, _, option = spec.strip().partition(" ")
    fact = facts.get(key)
    text = fact.text(lang)
    if option == "plain" and lang == "en" and fact.unit == "100m_cny":
        return text.split(" (")[0]
    if fact.kind == "derived" and fact.unit == "100m_cny" and lang == "en" and option != "plain":
        return format_money_both(fact.value, fact.qualifier)
    return text


def render(markup: str, ds: Dataset, lang: str = "en", facts=None) -> str:
    """A finding's markup as plain text: {vintage}, {num} (with `plain`), {word} and {holds} resolved."""
    from . import words
    from .facts import Facts

    facts = facts or Facts(ds)
    text = _VINTAGE.sub(lambda m: vintage_text(ds, m.group(1).strip(), lang), markup)
    text = _NUM.sub(lambda m: number_text(facts, m.group(1), lang), text)
    return re.sub(r"\s+", " ", words.render(text, facts, lang)).strip()


@dataclass(frozen=True)
class Finding:
    """One key finding: its sentence as plain text (numbers and words resolved for `lang`), the
    same sentence with its roles (`markup`), the chapter that argues it and a short link text."""

    text: str
    markup: str
    chapter: str
    link: str
    lang: str


def read_findings(path: Path | None = None) -> list[dict]:
    """The key findings as written in book/findings.yml (each: chapter, en, zh, link_en, link_zh)."""
    path = path or FINDINGS
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for n, entry in enumerate(entries, start=1):
        missing = {"chapter", "en", "zh", "link_en", "link_zh"} - set(entry)
        if missing:
            raise ValueError(f"{path}: finding {n} lacks {', '.join(sorted(missing))}")
    return entries


def key_findings(ds: Dataset, lang: str = "en", path: Path | None = None) -> list[Finding]:
    """The key findings in `lang`, numbers formatted and words chosen by the data.

    A guard ({holds}) that fails raises `words.ClaimError`: a finding the data no longer support
    is never printed.
    """
    from .facts import Facts

    lang = "en" if lang == "en" else "zh"
    facts = Facts(ds)
    out = []
    for entry in read_findings(path):
        markup = re.sub(r"\s+", " ", str(entry[lang])).strip()
        out.append(
            Finding(render(markup, ds, lang, facts), markup, entry["chapter"], entry[f"link_{lang}"], lang)
        )
    return out
