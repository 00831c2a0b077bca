"""The book's tables, each in English or Chinese: what a chapter shows is built here, not in cells.

Every builder takes `lang` and returns a `narrative.Table` (fixed HTML ids, Chinese marked), so a
notebook shows both editions with `show.table(tables.<builder>, ds, ..., )`.
Keep chapter tables short: a reader scans a dozen rows; every row of a source is on the
every-number page.
"""

from __future__ import annotations

import pandas as pd

from .load import Dataset
from .narrative import Table, aside, format_observation, format_period, lower_first, readable_table
from .words import READING, STATUS, label

HEADERS = {
    "indicator": {"en": "Indicator", "zh": "指标"},
    "printed_name": {"en": "As named in the source", "zh": "原文名称"},
    "period": {"en": "Period", "zh": "时期"},
    "value": {"en": "Value", "zh": "数值"},
    "target": {"en": "Target", "zh": "目标"},
    "as_printed": {"en": "As printed", "zh": "原文"},
    "where": {"en": "Where", "zh": "地区"},
    "flag": {"en": "Flag", "zh": "标记"},
}
FLAG = {"en": {"suspect": "suspect", "": ""}, "zh": {"suspect": "存疑", "": ""}}


def indicator_names(ds: Dataset, ids: pd.Series, lang: str) -> pd.Series:
    """Indicator names in the language: English, or the Chinese as the glossary gives it."""
    names = ds.indicators.set_index("id")["name_en" if lang == "en" else "name_zh"]
    return ids.map(names)


def rows_table(
    ds: Dataset,
    rows: pd.DataFrame,
    lang: str = "en",
    columns: tuple[str, ...] = ("indicator", "period", "value", "as_printed"),
    caption: str | None = None,
    table_id: str = "rows",
) -> Table:
    """Observation rows for reading: indicator, period, the value in the book's style, the print."""
    regions = ds.regions.set_index("id")["name_en" if lang == "en" else "name_zh"]
    frame = pd.DataFrame(
        {
            "indicator": indicator_names(ds, rows.indicator, lang).values,
            "period": [format_period(p, lang) for p in rows.period],
            "value": [format_observation(r, lang) for r in rows.to_dict("records")],
            "target": [format_observation(r, lang) for r in rows.to_dict("records")],
            "as_printed": rows.as_printed.values,
            "where": rows.region.map(regions).values,
            "flag": rows.flag.map(FLAG[lang]).values,
        }
    )
    return readable_table(frame, {c: HEADERS[c][lang] for c in columns}, caption, table_id)


# ---- 09 Checking the sources against themselves (book/09-source-checks.ipynb) -------------------
# Short tables: at most a row per check, cells of a few words, the arithmetic with the printed
# numbers (money in 亿元, as printed). Each column wraps, so a table reads on a phone.

_SC_WORDS = {
    "en": {
        "reported": "reported",
        "target": "target",
        "not printed": "base not printed",
        "implies": "implies a base of",
        "allowed": "allows",
        "to": "to",
        "width": "{width} points wide",
        "money": "Money in 亿元 (CNY 100 million), as the sources print it.",
        "note": "the note's reading",
    },
    "zh": {
        "reported": "实际",
        "target": "目标",
        "not printed": "基期未载",
        "implies": "推算基期为",
        "allowed": "允许",
        "to": "至",
        "width": "区间宽{width}个百分点",
        "money": "金额单位：亿元（与原文一致）。",
        "note": "说明所采用的读法",
    },
}
_SC_VERDICT = {
    "en": {
        "consistent": "consistent",
        "inconsistent": "inconsistent",
        "cannot check": "cannot be checked",
        "implied total": "implies its whole",
    },
    "zh": {
        "consistent": "一致",
        "inconsistent": "不一致",
        "cannot check": "无法核对",
        "implied total": "可推算总量",
    },
}


def _wrapping(table: Table) -> Table:
    """Cells that wrap at word boundaries (and inside long Chinese runs), so no column forces the
    table wider than a phone's screen; headers stay on one line where they can."""
    table.styler.set_table_styles(
        [
            {
                "selector": "td",
                "props": "white-space: normal; overflow-wrap: break-word; vertical-align: top;",
            },
            {"selector": "th", "props": "white-space: normal; vertical-align: bottom;"},
        ],
        overwrite=False,
    )
    return table


def printed_name(ds: Dataset, row: pd.Series | dict, lang: str) -> str:
    """What a row measures, in the language: the glossary's English name, or in Chinese the term
    the row's source prints (`label_zh`) where it differs from the glossary's."""
    names = ds.indicators.set_index("id")
    if lang == "en":
        return names.name_en[row["indicator"]]
    label = row.get("label_zh", "") if hasattr(row, "get") else ""
    return label or names.name_zh[row["indicator"]]


def sc_overview(ds: Dataset, lang: str = "en") -> Table:
    """Every kind of source check with how many checks it makes and how they come out."""
    from .checks import KINDS, inventory_summary

    s = inventory_summary(ds)
    frame = s.assign(kind=[KINDS[k][0 if lang == "en" else 1] for k in s.kind])
    headers = {
        "en": {"kind": "Check", "checks": "Checks", "holds": "Hold", "fails": "Fail", "open": "Open"},
        "zh": {"kind": "核对", "checks": "项数", "holds": "成立", "fails": "不成立", "open": "无法定论"},
    }[lang]
    caption = {
        "en": "The source checks by kind: a check holds, fails, or stays open when a number it needs "
        "is not printed or the two sides measure different things",
        "zh": "各类来源核对：成立、不成立，或因缺少所需数字、口径不同而无法定论",
    }[lang]
    return _wrapping(readable_table(frame, headers, caption, f"sc-overview-{lang}"))


def sc_growth(ds: Dataset, lang: str = "en") -> Table:
    """Every stated growth rate: what the printed levels allow, or the base the rate implies."""
    from .checks import recompute_growth
    from .narrative import format_number, format_value

    w, obs = _SC_WORDS[lang], ds.observations.set_index("id")
    g = recompute_growth(ds)
    rows = []
    for r in g.itertuples():
        row = obs.loc[r.id]
        if r.base_id:
            lo = format_number(float(f"{r.allowed_lo:.4g}"))
            hi = format_number(float(f"{r.allowed_hi:.4g}"))
            width = w["width"].format(width=format_number(round(r.allowed_width, 1)))
            found = (
                f"{w['allowed']} {lo}% {w['to']} {hi}% ({width})"
                if lang == "en"
                else f"{w['allowed']}{lo}%{w['to']}{hi}%（{width}）"
            )
        elif r.level_id:
            unit = obs.unit[r.level_id]
            base = format_value(float(f"{r.implied_base:.3g}"), unit, r.level_qualifier, lang)
            found = (
                f"{w['not printed']}; {w['implies']} {base}"
                if lang == "en"
                else f"{w['not printed']}；{w['implies']}{base}"
            )
        else:
            found = w["not printed"]
        where = ds.regions.set_index("id")["name_en" if lang == "en" else "name_zh"][r.region]
        what = printed_name(ds, row.to_dict() | {"indicator": r.indicator}, lang)
        rows.append(
            {
                "what": f"{what}, {where}" if lang == "en" else f"{where}{what}",
                "printed": aside(row.as_printed, format_period(r.period, lang), lang=lang),
                "found": found,
                "verdict": _SC_VERDICT[lang][r.verdict],
            }
        )
    headers = {
        "en": {
            "what": "Growth of",
            "printed": "Printed",
            "found": "The printed levels",
            "verdict": "Verdict",
        },
        "zh": {"what": "指标", "printed": "原文", "found": "原文水平值", "verdict": "结论"},
    }[lang]
    caption = {
        "en": "Every stated growth rate against the levels it grows from: the range of rates the two printed "
        "levels allow, or, where the base is not printed, the base the rate implies",
        "zh": "各增速与其水平值：两个原文水平值所允许的增速区间；基期未载时，由增速推算的基期",
    }[lang]
    return _wrapping(readable_table(pd.DataFrame(rows), headers, caption, f"sc-growth-{lang}"))


def sc_implied_totals(ds: Dataset, lang: str = "en") -> Table:
    """Totals a part and its share imply, from reported numbers and from the targets for one year."""
    from .narrative import format_value
    from .totals import implied_totals

    t = implied_totals(ds)
    names = ds.indicators.set_index("id")["name_en" if lang == "en" else "name_zh"]
    units = ds.indicators.set_index("id").unit
    basis = {
        "en": {"reported": "reported", "target": "targets"},
        "zh": {"reported": "实际", "target": "目标"},
    }[lang]
    frame = pd.DataFrame(
        {
            "what": [
                aside(names[r.total], basis[r.basis], format_period(r.period, lang), lang=lang)
                for r in t.itertuples()
            ],
            "arithmetic": t.arithmetic.values,
            "implied": [
                format_value(float(f"{r.implied:.4g}"), units[r.total], r.implied_qualifier or "about", lang)
                for r in t.itertuples()
            ],
            "printed": [
                ds.observations.set_index("id").as_printed.get(r.printed_id, "")
                if r.printed_id
                else ("not printed" if lang == "en" else "未载")
                for r in t.itertuples()
            ],
        }
    )
    headers = {
        "en": {"what": "Total", "arithmetic": "Part ÷ share", "implied": "Implied", "printed": "Printed"},
        "zh": {"what": "总量", "arithmetic": "部分 ÷ 占比", "implied": "推算值", "printed": "原文"},
    }[lang]
    caption = {
        "en": "Totals the sources imply but do not print. " + _SC_WORDS["en"]["money"],
        "zh": "来源隐含但未载明的总量。" + _SC_WORDS["zh"]["money"],
    }[lang]
    return _wrapping(readable_table(frame, headers, caption, f"sc-implied-{lang}"))


def sc_readings(ds: Dataset, ids: list[str] | None = None, lang: str = "en") -> Table:
    """Each suspect as printed and every reading its digits allow, with the yardsticks."""
    from .plausibility import readings, yardsticks

    r = readings(ds, ids)
    w = _SC_WORDS[lang]
    first = ~r.id.duplicated()
    names = [
        printed_name(ds, row, lang)
        for row in ds.observations.set_index("id").loc[r.id].reset_index().to_dict("records")
    ]
    frame = pd.DataFrame(
        {
            "number": [
                (f"{n} ({format_period(p, lang)})" if lang == "en" else f"{n}（{format_period(p, lang)}）")
                if f
                else ""
                for n, p, f in zip(names, r.period, first, strict=True)
            ],
            "reading": [
                x.reading
                + ((f" ({w['note']})" if lang == "en" else f"（{w['note']}）") if x.proposed else "")
                for x in r.itertuples()
            ],
            "yardsticks": [
                yardsticks(ds, x, lang, name=f) for (_, x), f in zip(r.iterrows(), first, strict=True)
            ],
        }
    )
    headers = {
        "en": {"number": "Number", "reading": "As printed, then each reading", "yardsticks": "Yardsticks"},
        "zh": {"number": "数字", "reading": "原文及各种读法", "yardsticks": "参照"},
    }[lang]
    caption = {
        "en": "The suspect numbers: every reading the digits allow if a decimal point was lost, each against "
        "the yardsticks the data offer",
        "zh": "存疑数字：若丢失小数点，各位数字所允许的每种读法及其参照",
    }[lang]
    return _wrapping(readable_table(frame, headers, caption, f"sc-readings-{lang}"))


def sc_screen(ds: Dataset, lang: str = "en") -> Table:
    """The unflagged numbers the plausibility screen lists, why, and the book's verdict."""
    from .plausibility import screen

    s = screen(ds)
    frame = pd.DataFrame(
        {
            "what": [printed_name(ds, {"indicator": i}, lang) for i in s.indicator],
            "reason": s["reason_" + lang].values,
            "verdict": s["verdict_" + lang].values,
        }
    )
    headers = {
        "en": {"what": "Measure", "reason": "Why it is listed", "verdict": "Verdict"},
        "zh": {"what": "指标", "reason": "列出原因", "verdict": "结论"},
    }[lang]
    caption = {
        "en": "Unflagged numbers a factor of five or more away from the same measure elsewhere, or above a "
        "fifth of the GDP implied for their year",
        "zh": "与同一指标其他数字相差五倍以上、或超过当年推算地区生产总值五分之一的未标记数字",
    }[lang]
    return _wrapping(readable_table(frame, headers, caption, f"sc-screen-{lang}"))


def sc_reconcile(ds: Dataset, kind: str, reading: bool = True, lang: str = "en") -> Table:
    """One kind of the newer checks (parts and wholes, counts across reports, ...): what is checked,
    the arithmetic and the verdict, with the reading where it says more than the verdict."""
    from . import reconcile
    from .checks import KINDS
    from .narrative import lower_first

    x = reconcile.reconciliations(ds)
    x = x[x.kind == kind]
    verdict = [reconcile.VERDICTS[v][0 if lang == "en" else 1] for v in x.verdict]
    if reading:
        verdict = [
            f"{v}: {lower_first(t)}" if lang == "en" else f"{v}：{t}"
            for v, t in zip(verdict, x["reading_" + lang], strict=True)
        ]
    frame = pd.DataFrame(
        {"what": x["what_" + lang].values, "arithmetic": x["arithmetic_" + lang].values, "verdict": verdict}
    )
    headers = {
        "en": {"what": "Check", "arithmetic": "Arithmetic", "verdict": "Verdict"},
        "zh": {"what": "核对", "arithmetic": "算式", "verdict": "结论"},
    }[lang]
    if not frame.arithmetic.str.len().any():  # measures with similar names: the terms and the verdict
        headers = {"en": {"what": "Terms", "verdict": "Verdict"}, "zh": {"what": "名称", "verdict": "结论"}}[
            lang
        ]
    name = KINDS[kind][0 if lang == "en" else 1]
    units = ds.observations.set_index("id").unit
    money = frame.arithmetic.str.len().any() and any(
        units.get(i) == "100m_cny" for ids in x.ids for i in ids.split(", ") if ids
    )
    caption = name + (
        ""
        if not money
        else f". {_SC_WORDS['en']['money']}"
        if lang == "en"
        else f"。{_SC_WORDS['zh']['money']}"
    )
    return _wrapping(readable_table(frame, headers, caption, f"sc-{kind.replace(' ', '-')}-{lang}"))


def _first_row(obs: pd.DataFrame, group) -> dict:
    """The first row of a group of repeated numbers, with the group's indicator."""
    return obs.loc[group.ids.split(", ")[0]].to_dict() | {"indicator": group.indicator}


def sc_printed_twice(ds: Dataset, lang: str = "en") -> Table:
    """Numbers printed more than once for the same thing, and whether their prints can all hold."""
    from . import reconcile, repeats

    groups = pd.concat(
        [repeats.contradictions(ds), repeats.near_contradictions(ds), repeats.restatements(ds)]
    )
    obs = ds.observations.set_index("id")
    frame = pd.DataFrame(
        {
            "what": [
                aside(printed_name(ds, _first_row(obs, g), lang), format_period(g.period, lang), lang=lang)
                for g in groups.itertuples()
            ],
            "printed": [
                " · ".join(obs.as_printed[i] for i in g.ids.split(", ")) for g in groups.itertuples()
            ],
            "same": [
                ("one report" if lang == "en" else "同一报告")
                if s
                else ("two reports" if lang == "en" else "两份报告")
                for s in groups.same_report
            ],
            "verdict": [reconcile.VERDICTS[v][0 if lang == "en" else 1] for v in groups.verdict],
        }
    )
    headers = {
        "en": {"what": "Measure", "printed": "Printed", "same": "In", "verdict": "Verdict"},
        "zh": {"what": "指标", "printed": "原文", "same": "出处", "verdict": "结论"},
    }[lang]
    caption = {
        "en": "Numbers printed more than once for the same measure, place and period",
        "zh": "同一指标、地区、时期多次出现的数字",
    }[lang]
    return _wrapping(readable_table(frame, headers, caption, f"sc-printed-twice-{lang}"))


def sc_targets_below(ds: Dataset, lang: str = "en") -> Table:
    """Level targets set below a number an earlier year already had."""
    from .checks import targets_below_earlier

    b = targets_below_earlier(ds)
    obs = ds.observations.set_index("id")
    kind = {"en": {"target": "target", "actual": "reported"}, "zh": {"target": "目标", "actual": "实际"}}[
        lang
    ]
    flag = {"en": ", suspect", "zh": "，存疑"}[lang]
    frame = pd.DataFrame(
        {
            "what": [printed_name(ds, obs.loc[r.id].to_dict(), lang) for r in b.itertuples()],
            "target": [
                aside(obs.as_printed[r.id], format_period(r.period, lang), lang=lang) for r in b.itertuples()
            ],
            "earlier": [
                ("; " if lang == "en" else "；").join(
                    aside(
                        obs.as_printed[i],
                        format_period(obs.period[i], lang)
                        + (" " if lang == "en" else "")
                        + kind[obs.kind[i]]
                        + (flag if obs.flag[i] else ""),
                        lang=lang,
                    )
                    for i in r.earlier_ids.split(", ")
                )
                for r in b.itertuples()
            ],
        }
    )
    headers = {
        "en": {"what": "Measure", "target": "Target", "earlier": "Earlier numbers"},
        "zh": {"what": "指标", "target": "目标", "earlier": "此前的数字"},
    }[lang]
    caption = {
        "en": "Targets set below a number an earlier year already had, reported or targeted",
        "zh": "低于此前年份实际值或目标值的目标",
    }[lang]
    return _wrapping(readable_table(frame, headers, caption, f"sc-targets-below-{lang}"))


# --- chapters 05 and 06 (the 2022 review, the 2025 targets) ---------------------------------

_NONE = "–"
_KIND_WORDS = {"en": {"actual": "reported", "target": "goal"}, "zh": {"actual": "实际", "target": "目标"}}
_SUSPECT = {"en": "suspect", "zh": "存疑"}

# The 2022 review's headline measures for the city, in the order its look back gives them, each
# with the kind of number it prints: the summary a reader scans before the every-number page.
ZZ2022_SUMMARY = [
    ("rd_intensity", "rank"),
    ("high_tech_enterprises", "actual"),
    ("tech_smes", "actual"),
    ("high_tech_value_added", "share"),
    ("innovative_city_rank", "rank"),
    ("provincial_rd_subsidy_firms", "actual"),
    ("provincial_rd_subsidies", "actual"),
    ("rd_super_deduction", "actual"),
    ("ministerial_provincial_st_projects", "actual"),
    ("tech_contract_turnover", "actual"),
    ("invention_patents_per_10k", "actual"),
    ("st_commissioners", "actual"),
]


def _shown(row: pd.Series | dict | None, lang: str, period: bool = False) -> str:
    """A row's value for a table cell: the book's style without the bracketed Chinese, with its
    year if asked, suspects marked."""
    if row is None:
        return _NONE
    text = format_observation(row, lang)
    if lang == "en" and row["unit"] == "100m_cny":
        text = text.split(" (")[0]
    notes = ([format_period(row["period"], lang)] if period else []) + (
        [_SUSPECT[lang]] if row.get("flag") == "suspect" else []
    )
    if not notes:
        return text
    return f"{text} ({', '.join(notes)})" if lang == "en" else f"{text}（{'，'.join(notes)}）"


def _best(rows: pd.DataFrame) -> pd.Series | None:
    """The row a reader should see where a report prints one measure twice: unflagged, then exact."""
    if rows.empty:
        return None
    ranked = rows.assign(_clean=rows.flag == "", _exact=rows.qualifier == "").sort_values(
        ["_clean", "_exact", "id"]
    )
    return ranked.iloc[-1]


def _change(before: pd.Series | None, after: pd.Series | None, lang: str) -> str:
    """Up, down or unchanged, chosen by the values (a smaller rank is up); a dash for a bound."""
    from .words import COMPARISONS

    if before is None or after is None or before.qualifier or after.qualifier:
        return _NONE
    a, b = (-before.value, -after.value) if after.unit == "rank" else (before.value, after.value)
    return COMPARISONS["up"][lang][0 if b > a else 1 if b < a else 2]


def zz2022_summary(ds: Dataset, lang: str = "en") -> Table:
    """The 2022 review's headline numbers for the city beside the 2021 value of the same measure."""
    obs = ds.observations
    city = obs[(obs.region == "zhuzhou") & (obs.period.isin(["2021", "2022"]))]
    names = indicator_names(ds, pd.Series([i for i, _ in ZZ2022_SUMMARY]), lang)
    out = []
    for (indicator, kind), name in zip(ZZ2022_SUMMARY, names, strict=False):
        same = city[(city.indicator == indicator) & (city.kind == kind)]
        now = _best(same[(same.source == "zz2022") & (same.period == "2022")])
        # 2021 as the latest report to give it (the Q1 2022 page restates the 2021 R&D rank)
        earlier = (
            same[same.period == "2021"]
            .assign(published=lambda d: d.source.map(ds.sources.set_index("id").published))
            .sort_values("published")
        )
        before = _best(earlier[earlier.published == earlier.published.max()]) if len(earlier) else None
        out.append(
            {
                "indicator": name,
                "y2021": _shown(before, lang),
                "y2022": _shown(now, lang),
                "change": _change(before, now, lang),
            }
        )
    headers = {
        "en": {"indicator": "Indicator", "y2021": "2021", "y2022": "2022", "change": "Change"},
        "zh": {"indicator": "指标", "y2021": "2021年", "y2022": "2022年", "change": "变化"},
    }[lang]
    return readable_table(pd.DataFrame(out), headers, table_id="zz2022-summary")


def _clauses(goals: pd.DataFrame) -> list[pd.DataFrame]:
    """Goals grouped by the clause that prints them: one quote setting several rates is one line,
    as is a goal printed with its stretch goal (全社会研发投入占比达到32%、(奋斗目标3.4%)); a goal printed
    inside another indicator's clause (the net increase inside the total) is left to the prose."""
    rows = goals.to_dict("records")

    def inside(a: dict, b: dict) -> bool:
        return a["quote"] in b["quote"] and a["quote"] != b["quote"]

    groups: list[list[dict]] = []
    for r in rows:
        if any(inside(r, o) and o["indicator"] != r["indicator"] for o in rows):
            continue
        group = next(
            (
                g
                for g in groups
                for o in g
                if r["quote"] == o["quote"]
                or (r["indicator"] == o["indicator"] and (inside(r, o) or inside(o, r)))
            ),
            None,
        )
        if group is None:
            groups.append([r])
        else:
            group.append(r)
    return [pd.DataFrame(g) for g in groups]


def zz2022_targets(ds: Dataset, lang: str = "en") -> Table:
    """The city's goals for 2023 in the 2022 review, one line per printed clause, beside 2022's level."""
    obs = ds.observations
    goals = obs[
        (obs.source == "zz2022") & (obs.kind == "target") & (obs.region == "zhuzhou") & (obs.period == "2023")
    ]
    levels = obs[
        (obs.source == "zz2022") & (obs.kind == "actual") & (obs.period == "2022") & (obs.region == "zhuzhou")
    ]
    measure = {
        "en": {"growth": " (growth)", "share": " (share of firms)"},
        "zh": {"growth": "（增速）", "share": "（企业占比）"},
    }
    sep = "; " if lang == "en" else "；"
    out = []
    for group in _clauses(goals):
        first = group.iloc[0]
        names = list(dict.fromkeys(indicator_names(ds, group.indicator, lang)))
        values = list(dict.fromkeys(_shown(r, lang) for r in group.to_dict("records")))
        level = (
            _best(levels[levels.indicator == first.indicator]) if first.target_measure == "level" else None
        )
        out.append(
            {
                "indicator": sep.join(names) + measure[lang].get(first.target_measure, ""),
                "target": sep.join(values),
                "y2022": _shown(level, lang),
            }
        )
    headers = {
        "en": {"indicator": "Goal", "target": "For 2023", "y2022": "2022"},
        "zh": {"indicator": "目标", "target": "2023年", "y2022": "2022年"},
    }[lang]
    return readable_table(pd.DataFrame(out), headers, table_id="zz2022-targets")


def zz2022_answers(ds: Dataset, lang: str = "en") -> Table:
    """The 2021 review's city goals for 2022, grouped by what the scorecard finds."""
    from .narrative import lower_first, say_list
    from .scorecard import scorecard

    card = scorecard(ds)
    card = card[(card.set_by == "zz2021") & (card.period == "2022") & (card.region == "zhuzhou")]
    out = []
    for status in ("met", "missed", "not comparable", "not yet reported"):
        these = card[card.status == status]
        if these.empty:
            continue
        names = indicator_names(ds, these.indicator, lang)
        names = [lower_first(n) for n in names] if lang == "en" else list(names)
        which = say_list(names, lang)
        out.append(
            {
                "status": label(STATUS, status, lang, capital=True),
                "n": str(len(these)),
                "which": which[:1].upper() + which[1:] if lang == "en" else which,
            }
        )
    headers = {
        "en": {"status": "Scorecard", "n": "Goals", "which": "Which"},
        "zh": {"status": "评分", "n": "目标数", "which": "目标"},
    }[lang]
    return readable_table(pd.DataFrame(out), headers, table_id="zz2022-answers")


def zz2025_goals(ds: Dataset, lang: str = "en") -> Table:
    """Each goal of the 2025 reply beside the latest result and the goals earlier reports set."""
    from .series import series

    obs = ds.observations.set_index("id")
    sep = "; " if lang == "en" else "；"

    def dated(s: pd.DataFrame) -> str:
        return (
            sep.join(
                _shown(obs.loc[r.id].to_dict() | {"id": r.id}, lang, period=True) for r in s.itertuples()
            )
            or _NONE
        )

    out = []
    goals = ds.observations[ds.observations.source == "zz2025"]
    for g, name in zip(goals.itertuples(), indicator_names(ds, goals.indicator, lang), strict=False):
        latest = series(ds, g.indicator, kind="actual").tail(1)
        earlier = series(ds, g.indicator, kind="target")
        out.append(
            {
                "indicator": name,
                "goal": _shown(obs.loc[g.id].to_dict() | {"id": g.id}, lang),
                "latest": dated(latest),
                "earlier": dated(earlier[earlier.year < int(g.period)]),
            }
        )
    headers = {
        "en": {
            "indicator": "Indicator",
            "goal": "Goal for 2025",
            "latest": "Latest result",
            "earlier": "Earlier goals",
        },
        "zh": {"indicator": "指标", "goal": "2025年目标", "latest": "最近实际", "earlier": "此前目标"},
    }[lang]
    return readable_table(pd.DataFrame(out), headers, table_id="zz2025-goals")


# What each report counts as its S&T commissioners (科技特派员), read from the words of its quote,
# most specific first: 新选派 (newly dispatched, the goals of 2023 and 2025), 各级 (of all levels,
# the 2021 review's 选派各级科技特派员), else 选派 (dispatched, the 2022 review's 选派…科技特派员).
COMMISSIONER_WORDING = [
    ("新选派", {"en": "newly dispatched", "zh": "新选派"}),
    ("各级", {"en": "dispatched, of all levels", "zh": "选派（各级）"}),
    ("选派", {"en": "dispatched", "zh": "选派"}),
]


def commissioner_wording(quote: str, lang: str = "en") -> str:
    """What a quote about S&T commissioners counts, in words (see COMMISSIONER_WORDING)."""
    return next((words[lang] for key, words in COMMISSIONER_WORDING if key in quote), _NONE)


def zz2025_commissioners(ds: Dataset, lang: str = "en") -> Table:
    """Every count and goal of S&T commissioners for the city, with the words each report uses."""
    obs = ds.observations
    rows = obs[(obs.indicator == "st_commissioners") & (obs.region == "zhuzhou")].sort_values(
        ["period", "id"]
    )
    cite = ds.sources.set_index("id")["citation_en" if lang == "en" else "citation_zh"]
    frame = pd.DataFrame(
        {
            "source": rows.source.map(cite).values,
            "period": [format_period(p, lang) for p in rows.period],
            "kind": rows.kind.map(_KIND_WORDS[lang]).values,
            "value": [_shown(r, lang) for r in rows.to_dict("records")],
            "quote": rows.quote.values,
            "counts": [commissioner_wording(q, lang) for q in rows.quote],
        }
    )
    headers = {
        "en": {
            "source": "Report",
            "period": "Year",
            "kind": "Reported or goal",
            "value": "Number",
            "quote": "As printed",
            "counts": "Counts",
        },
        "zh": {
            "source": "报告",
            "period": "年份",
            "kind": "实际或目标",
            "value": "人数",
            "quote": "原文",
            "counts": "口径",
        },
    }[lang]
    return readable_table(frame, headers, table_id="zz2025-commissioners")


# ---- 01 The sources ---------------------------------------------------------------------------

SOURCE_HEADERS = {
    "document": {"en": "Document", "zh": "文件"},
    "title_zh": {"en": "Title, as printed", "zh": "标题"},
    "published": {"en": "Published", "zh": "发布时间"},
    "covers": {"en": "About", "zh": "所述时期"},
    "numbers": {"en": "Numbers", "zh": "数字"},
    "targets": {"en": "of which targets", "zh": "其中目标"},
    "suspect": {"en": "flagged suspect", "zh": "存疑"},
}


def sources_table(ds: Dataset, lang: str = "en") -> Table:
    """The documents in order of publication: the short reference, the title as printed, the
    date, the period, and how many of the dataset's numbers, targets and suspect values each gives."""
    from .narrative import format_date

    lang = "en" if lang == "en" else "zh"
    obs = ds.observations
    src = ds.sources.sort_values(["published", "id"]).reset_index(drop=True)
    by = lambda rows: src.id.map(rows.groupby("source").size()).fillna(0).astype(int)
    frame = src.assign(
        document=src.citation_en if lang == "en" else src.citation_zh,
        published=[format_date(p, lang) for p in src.published],
        covers=[format_period(p, lang) for p in src.covers],
        numbers=by(obs),
        targets=by(obs[obs.kind == "target"]),
        suspect=by(obs[obs.flag == "suspect"]),
    )
    caption = {
        "en": "The documents, in order of publication, and what each gives the dataset",
        "zh": "各文件（按发布先后）及其在数据集中的数字",
    }[lang]
    return readable_table(
        frame, {c: h[lang] for c, h in SOURCE_HEADERS.items()}, caption, table_id=f"sources-{lang}"
    )


# ---- Chapters 02 and 10: Yanfeng (ch-yf2020) and Zhuzhou beside Yanfeng (ch-compare) ----------


def _printed_name(ds: Dataset, row: dict, lang: str) -> str:
    """`printed_name`, and for a share what it is a share of (here always GDP)."""
    share = {"en": ", share of GDP", "zh": "（占地区生产总值比重）"}[lang] if row["kind"] == "share" else ""
    return printed_name(ds, row, lang) + share


def yf2020_pairs(ds: Dataset, lang: str = "en") -> Table:
    """Yanfeng's before-and-after pairs: 2015, 2020 (end year inferred) and the change, worked out once."""
    from .derived.yanfeng import PAIRS
    from .facts import Facts

    facts = Facts(ds)
    rows = ds.observations.set_index("id")
    frame = pd.DataFrame(
        [
            {
                "indicator": _printed_name(ds, rows.loc[after].to_dict() | {"id": after}, lang),
                "y2015": facts.get(before).text(lang),
                "y2020": facts.get(after).text(lang),
                "change": facts.get(change).text(lang),
            }
            for before, after, change in PAIRS
        ]
    )
    headers = {
        "en": ["Indicator", "2015", "2020 (year not printed)", "Change (worked out)"],
        "zh": ["指标（原文用语）", "2015年", "2020年（原文未写年份）", "变化（推算）"],
    }[lang]
    caption = {
        "en": "Yanfeng district, 2015 and 2020: the article's before-and-after pairs",
        "zh": "雁峰区2015年与2020年：文章中的前后对比",
    }[lang]
    return readable_table(frame, dict(zip(frame.columns, headers, strict=True)), caption, "yf2020-pairs")


_COMPARE_VERDICT = {
    "en": {
        "ratio": "comparable in kind (a ratio), different years",
        "size": "measures size: a district beside a city",
        "span": "not comparable: a multi-year total beside single years",
    },
    "zh": {
        "ratio": "性质可比（比率），年份不同",
        "size": "反映规模：区与市相比",
        "span": "不可比：多年累计与单年相比",
    },
}


def compare_shared(ds: Dataset, lang: str = "en") -> Table:
    """The measures both Yanfeng and Zhuzhou report, their numbers by period, and whether they compare."""
    from .facts import Facts
    from .peers import comparable

    facts = Facts(ds)
    rows = ds.observations.set_index("id")

    def values(ids) -> str:
        sep = "; " if lang == "en" else "；"
        colon = ": " if lang == "en" else "："
        return sep.join(f"{format_period(rows.period[i], lang)}{colon}{facts.get(i).text(lang)}" for i in ids)

    measures = comparable(ds, "yanfeng", "zhuzhou")
    frame = pd.DataFrame(
        {
            "indicator": [
                _printed_name(ds, {"indicator": m.indicator, "kind": m.kind}, lang)
                for m in measures.itertuples()
            ],
            "yanfeng": [values(m.ids_a) for m in measures.itertuples()],
            "zhuzhou": [values(m.ids_b) for m in measures.itertuples()],
            "verdict": measures.verdict.map(_COMPARE_VERDICT[lang]),
        }
    )
    headers = {
        "en": ["Indicator", "Yanfeng", "Zhuzhou", "Comparable?"],
        "zh": ["指标", "雁峰区", "株洲市", "能否比较"],
    }[lang]
    caption = {"en": "What both places report in the same measure", "zh": "两地以同一口径报告的指标"}[lang]
    return readable_table(frame, dict(zip(frame.columns, headers, strict=True)), caption, "compare-shared")


# ---- Appendices: glossary (ch-glossary), data dictionary (ch-data-dictionary), bibliography ----


def _count_text(n: int) -> str:
    return f"{n:,}"


def _keep_wide(table: Table, columns: list[int], width: str = "8em", breakable: int | None = None) -> Table:
    """Space the cells of a long reference table; give `columns` (Chinese terms, field names) a
    minimum width, so a long definition beside them cannot squeeze a name into one character per
    line; let the `breakable` column break inside long tokens (an id such as
    above_scale_industrial_enterprises) rather than widen the table past the page. The styles are
    scoped to the table's id."""
    wide = ", ".join(f"td.col{i}, th.col{i}" for i in columns)
    styles = [
        {"selector": "td, th", "props": "padding: 0.2em 0.5em; vertical-align: top;"},
        {"selector": wide, "props": f"min-width: {width};"},
    ]
    if breakable is not None:
        styles.append({"selector": f"td.col{breakable}", "props": "overflow-wrap: anywhere;"})
    table.styler.set_table_styles(styles, overwrite=False)
    return table


def glossary(ds: Dataset, theme: str, lang: str = "en") -> Table:
    """The indicators of one theme: names in English and Chinese, the terms the sources also print,
    the unit of a level, the definition, and how many numbers use the indicator."""
    from .glossary import printed_variants

    units = ds.units.set_index("id")
    n = ds.observations.groupby("indicator").size()
    rows = ds.indicators[ds.indicators.theme == theme].sort_values("name_en", key=lambda s: s.str.lower())
    frame = pd.DataFrame(
        {
            "name_en": rows.name_en.values,
            "name_zh": rows.name_zh.values,
            "variants": rows.id.map(printed_variants(ds)).values,
            "unit": [units.name_en[u] if lang == "en" else units.name_zh[u] for u in rows.unit],
            "definition": rows.definition.values,
            "n": [_count_text(int(n.get(i, 0))) for i in rows.id],
        }
    )
    order = ["name_en", "name_zh"] if lang == "en" else ["name_zh", "name_en"]
    headers = {
        "en": {
            "name_en": "Indicator",
            "name_zh": "指标",
            "variants": "Also printed as",
            "unit": "Unit",
            "definition": "Definition",
            "n": "Numbers",
        },
        "zh": {
            "name_zh": "指标",
            "name_en": "英文名称",
            "variants": "原文其他用语",
            "unit": "单位",
            "definition": "定义（英文）",
            "n": "数字个数",
        },
    }[lang]
    columns = {c: headers[c] for c in [*order, "variants", "unit", "definition", "n"]}
    chinese = [list(columns).index("name_zh"), list(columns).index("variants")]
    english = ("name_en", "definition") if lang != "en" else ()
    return _keep_wide(
        readable_table(frame, columns, None, f"glossary-{theme}", english),
        chinese,
        breakable=list(columns).index("definition"),
    )


def glossary_units(ds: Dataset, lang: str = "en") -> Table:
    """Every unit of the dataset, how it is written for a reader, and how many numbers use it."""
    n = ds.observations.groupby("unit").size()
    frame = ds.units.assign(n=[_count_text(int(n.get(u, 0))) for u in ds.units.id])
    headers = {
        "en": {
            "id": "Id in the data",
            "name_en": "Unit",
            "name_zh": "单位",
            "description": "Description",
            "style": "Written as",
            "n": "Numbers",
        },
        "zh": {
            "id": "数据中的编号",
            "name_zh": "单位",
            "name_en": "英文名称",
            "description": "说明（英文）",
            "style": "书写方式",
            "n": "数字个数",
        },
    }[lang]
    return readable_table(
        frame, headers, None, "glossary-units", ("name_en", "description") if lang != "en" else ()
    )


def glossary_places(ds: Dataset, lang: str = "en") -> Table:
    """Every place the numbers are about, the place it belongs to, and how many numbers it has."""
    n = ds.observations.groupby("region").size()
    names = ds.regions.set_index("id")["name_en" if lang == "en" else "name_zh"]
    frame = ds.regions.assign(
        parent_name=ds.regions.parent.map(names).fillna("–").replace("", "–"),
        n=[_count_text(int(n.get(r, 0))) for r in ds.regions.id],
    )
    headers = {
        "en": {"name_en": "Place", "name_zh": "地区", "parent_name": "Part of", "n": "Numbers"},
        "zh": {"name_zh": "地区", "name_en": "英文名称", "parent_name": "所属", "n": "数字个数"},
    }[lang]
    return readable_table(frame, headers, None, "glossary-places", ("name_en",) if lang != "en" else ())


def data_tables(ds: Dataset, lang: str = "en") -> Table:
    """The tables of the data package: file, description, rows, fields, primary key."""
    from .schema import package

    frame = pd.DataFrame(
        [
            {
                "name": r["name"],
                "path": f"data/{r['path']}",
                "description": r.get("description", "–"),
                "rows": _count_text(len(getattr(ds, r["name"]))),
                "fields": _count_text(len(r["schema"]["fields"])),
                "key": ", ".join(r["schema"].get("primaryKey", [])),
            }
            for r in package(ds)["resources"]
        ]
    )
    headers = {
        "en": ["Table", "File", "Description", "Rows", "Fields", "Primary key"],
        "zh": ["表", "文件", "说明（英文）", "行数", "字段数", "主键"],
    }[lang]
    caption = {"en": "The tables of the data package", "zh": "数据包中的表"}[lang]
    return readable_table(
        frame,
        dict(zip(frame.columns, headers, strict=True)),
        caption,
        "dd-tables",
        ("name", "description") if lang != "en" else (),
    )


def data_fields(ds: Dataset, name: str, lang: str = "en") -> Table:
    """Every field of one table: type, required, description, constraints, key."""
    from .schema import constraints, keys, resource

    res = resource(ds, name)
    key_of = keys(res, lang)
    yes_no = {"en": ("yes", "no"), "zh": ("是", "否")}[lang]
    frame = pd.DataFrame(
        [
            {
                "field": f["name"],
                "type": f.get("type", "any"),
                "required": yes_no[0] if f.get("constraints", {}).get("required") else yes_no[1],
                "description": f.get("description", "–"),
                "constraints": constraints(f, lang),
                "key": key_of.get(f["name"], ""),
            }
            for f in res["schema"]["fields"]
        ]
    )
    headers = {
        "en": ["Field", "Type", "Required", "Description", "Constraints", "Key"],
        "zh": ["字段", "类型", "必填", "说明（英文）", "约束", "键"],
    }[lang]
    rows = _count_text(len(getattr(ds, name)))
    caption = {
        "en": f"Table {name} (data/{res['path']}, {rows} rows)",
        "zh": f"表 data/{res['path']}（{rows} 行）",
    }[lang]  # the file names the table in Chinese
    columns = dict(zip(frame.columns, headers, strict=True))
    # field names, types, allowed values and keys are the schema's words, descriptions English only:
    # marked as English (the Chinese words among them keep their own lang="zh-Hans")
    table = readable_table(
        frame,
        columns,
        caption,
        f"dd-fields-{name}",
        ("field", "type", "description", "constraints", "key") if lang != "en" else (),
    )
    return _keep_wide(table, [0], "6em", breakable=4)  # field names whole; patterns may break


def bibliography_citations(ds: Dataset, lang: str = "en") -> Table:
    """The short citations figures carry, in English and Chinese, with each source's raw text."""
    from .references import sources_in_order

    headers = {
        "en": {
            "id": "Source id",
            "citation_en": "Short citation",
            "citation_zh": "简短引用",
            "file": "Raw text (data/raw/)",
        },
        "zh": {
            "id": "来源编号",
            "citation_zh": "简短引用",
            "citation_en": "英文简短引用",
            "file": "原文（data/raw/）",
        },
    }[lang]
    caption = {"en": "Short citations of the sources", "zh": "来源的简短引用"}[lang]
    return readable_table(
        sources_in_order(ds), headers, caption, "bib-short", ("citation_en",) if lang != "en" else ()
    )


# ---- Chapters 03 and 04: the 2021 review (ch-zz2021) and the first quarter of 2022 (ch-zz2022q1) ----

# What a growth, share or rank row measures, after the indicator's name (a value of 25% alone
# does not say it is a growth rate). `{of}` is the name of what a share is a share of.
_MEASURE = {
    "en": {"growth": " (growth)", "share": " (share of {of})", "rank": " (rank)"},
    "zh": {"growth": "（增幅）", "share": "（占{of}比重）", "rank": "（排名）"},
}
_DERIVED = {"en": " (derived)", "zh": "（推算）"}

# The headline numbers of the 2021 review, in the order the page leads with them. The rest of the
# page's numbers are on the every-number page.
ZZ2021_HEADLINE = [
    "zz2021-037",
    "zz2021-038",
    "zz2021-047",
    "zz2021-012",
    "zz2021-013",
    "zz2021-015",
    "zz2021-016",
    "zz2021-044",
    "zz2021-045",
    "zz2021-005",
    "zz2021-018",
    "zz2021-027",
]


def printed_names(ds: Dataset, rows: pd.DataFrame, lang: str) -> list[str]:
    """What each row measures: the English name, or in Chinese the term its source prints (label_zh)
    where the data give one, else the glossary's; a growth, share or rank says so."""
    ind = ds.indicators.set_index("id")
    out = []
    for r in rows.to_dict("records"):
        name = printed_name(ds, r, lang)
        measure = r["kind"] if r["kind"] != "target" else r.get("target_measure", "")
        of = r.get("share_of") or ""
        of = ind["name_en" if lang == "en" else "name_zh"].get(of, of)
        of = of[0].lower() + of[1:] if lang == "en" and of[1:2].islower() else of
        out.append(name + _MEASURE[lang].get(measure, "").format(of=of))
    return out


def _fact_text(facts, key: str, lang: str) -> str:
    """A row's value or a quantity's, as the pages write it; a quantity marked as derived."""
    fact = facts.get(key)
    return fact.text(lang) + (_DERIVED[lang] if fact.kind == "derived" else "")


def zz2021_headline(ds: Dataset, lang: str = "en") -> Table:
    """The 2021 review's headline numbers: what, the value, the print (a dozen rows)."""
    rows = ds.observations.set_index("id").loc[ZZ2021_HEADLINE].reset_index()
    frame = pd.DataFrame(
        {
            "indicator": printed_names(ds, rows, lang),
            "value": [format_observation(r, lang) for r in rows.to_dict("records")],
            "as_printed": rows.as_printed,
        }
    )
    caption = {"en": "Zhuzhou in 2021: the review's headline numbers", "zh": "2021年株洲：综述的主要数字"}[
        lang
    ]
    return readable_table(frame, {c: HEADERS[c][lang] for c in frame.columns}, caption, "zz2021-headline")


def zz2021_targets(ds: Dataset, lang: str = "en") -> Table:
    """Each target the 2021 review sets for 2022: the 2021 figure it steps from, the step, the verdict."""
    from .derived.reports_2021_2022q1 import STEPS_TO_2022
    from .facts import Facts
    from .words import word

    facts = Facts(ds)
    obs = ds.observations
    goals = obs[(obs.source == "zz2021") & (obs.kind == "target")]
    frame = pd.DataFrame(
        {
            "indicator": printed_names(ds, goals, lang),
            "target": [format_observation(r, lang) for r in goals.to_dict("records")],
            "base": [
                _fact_text(facts, STEPS_TO_2022[i][0], lang) if i in STEPS_TO_2022 else _NONE
                for i in goals.id
            ],
            "step": [
                facts.get(STEPS_TO_2022[i][1]).text(lang) if i in STEPS_TO_2022 else _NONE for i in goals.id
            ],
            "outcome": [word(f"met {i}", facts, lang) for i in goals.id],
        }
    )
    headers = {
        "en": ["Indicator", "Target for 2022", "2021", "Step to the target (derived)", "Outcome (scorecard)"],
        "zh": ["指标", "2022年目标", "2021年", "距目标（推算）", "结果（目标对照）"],
    }[lang]
    caption = {
        "en": "The 2021 review's targets for 2022, beside the 2021 figures they step from",
        "zh": "2021年综述提出的2022年目标及其2021年基数",
    }[lang]
    return readable_table(frame, dict(zip(frame.columns, headers, strict=True)), caption, "zz2021-targets")


def zz2022q1_subsidies(ds: Dataset, lang: str = "en") -> Table:
    """The certification subsidies per high-tech enterprise: city, county or district, together."""
    from .facts import Facts

    facts = Facts(ds)
    schedule = [
        (
            {"en": "First certification (首次认定)", "zh": "首次认定"},
            "zz2022q1-009",
            "zz2022q1-011",
            "hte-first-certification-subsidy-total",
        ),
        (
            {"en": "Re-certification (重新认定)", "zh": "重新认定"},
            "zz2022q1-010",
            "zz2022q1-012",
            "hte-recertification-subsidy-total",
        ),
    ]
    frame = pd.DataFrame(
        [
            {
                "which": which[lang],
                "city": facts.get(city).text(lang),
                "county": facts.get(county).text(lang),
                "together": facts.get(total).text(lang),
            }
            for which, city, county, total in schedule
        ]
    )
    headers = {
        "en": ["Certification", "City", "County or district", "Together (derived)"],
        "zh": ["认定类型", "市级", "县区", "合计（推算）"],
    }[lang]
    caption = {
        "en": "Subsidy per enterprise certified high-tech, at least (2022)",
        "zh": "高新技术企业认定补助（每家，不低于；2022年）",
    }[lang]
    columns = dict(zip(frame.columns, headers, strict=True))
    return readable_table(frame, columns, caption, "zz2022q1-subsidies")


def zz2022q1_statistics_2021(ds: Dataset, lang: str = "en") -> Table:
    """The three 2021 statistics the first-quarter page adds: 2021, the change, 2020 (printed or derived)."""
    from .facts import Facts

    facts = Facts(ds)
    lines = [
        ("zz2022q1-014", "zz2022q1-015", "rd-reporting-enterprises-2020-implied"),
        ("zz2022q1-016", "zz2022q1-017", "rd-personnel-2020-implied"),
        ("zz2022q1-018", "basic-research-multiple-2021", "zz2022q1-019"),
    ]
    rows = ds.observations.set_index("id").loc[[level for level, _, _ in lines]].reset_index()
    frame = pd.DataFrame(
        {
            "indicator": printed_names(ds, rows, lang),
            "y2021": [_fact_text(facts, level, lang) for level, _, _ in lines],
            "change": [_fact_text(facts, change, lang) for _, change, _ in lines],
            "y2020": [_fact_text(facts, base, lang) for _, _, base in lines],
            "flag": rows.flag.map(FLAG[lang]),
        }
    )
    headers = {
        "en": ["Indicator", "2021", "Change on 2020", "2020", "Flag"],
        "zh": ["指标", "2021年", "较2020年", "2020年", "标记"],
    }[lang]
    caption = {
        "en": "Three statistics for 2021 that the March review did not print",
        "zh": "3月综述未载的三项2021年统计",
    }[lang]
    columns = dict(zip(frame.columns, headers, strict=True))
    return readable_table(frame, columns, caption, "zz2022q1-statistics-2021")


# --- chapters 07 (trends) and 08 (the scorecard), and the full scorecard appendix -------------

RULE_NAMES = {
    "scored": ("scored", "直接判定"),
    "suspect read": ("suspect read", "存疑值推测读法"),
    "share implies growth": ("share implies growth", "由占比推算增长"),
    "later goal lower": ("later goal lower", "后续目标更低"),
    "none": ("–", "–"),
}
HEADERS_07_08 = {
    "reported": {"en": "Reported, by period", "zh": "各时期实际值"},
    "line": {"en": "Can it be followed as a line?", "zh": "能否逐年连线"},
    "report": {"en": "Report", "zh": "报告"},
    "printed": {"en": "Printed", "zh": "原文"},
    "running": {"en": "Years running", "zh": "连续年数"},
    "as_recorded": {"en": "Read as of the year reviewed", "zh": "按所述年份解读"},
    "lagged": {"en": "Read with the publication lag", "zh": "按发布滞后解读"},
    "status": {"en": "Status", "zh": "判定"},
    "reading": {"en": "Best reading", "zh": "最佳解读"},
    "promises": {"en": "Promises", "zh": "承诺数"},
    "year": {"en": "Year", "zh": "年份"},
    "target": {"en": "Target", "zh": "目标"},
    "outcome": {"en": "Outcome", "zh": "结果"},
    "why": {"en": "Why", "zh": "依据"},
    "rule": {"en": "Rule", "zh": "规则"},
    "says": {"en": "What the rule says", "zh": "规则内容"},
    "set_by": {"en": "Set by", "zh": "提出者"},
    "rows": {"en": "Rows", "zh": "数据行"},
    "where": {"en": "Where", "zh": "地区"},
}


def _h(*keys: str, lang: str) -> dict[str, str]:
    return {k: (HEADERS_07_08.get(k) or HEADERS[k])[lang] for k in keys}


def _w(words: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    return words[key][0 if lang == "en" else 1]


def _cited(ds: Dataset, source: str, lang: str) -> str:
    return ds.sources.set_index("id")[f"citation_{lang}"][source]


def _row_text(ds: Dataset, row_id: str, lang: str) -> str:
    """One row's value as a cell: the book's style, the measure a growth or share needs, the flag."""
    r = ds.observations.set_index("id").loc[row_id]
    text = format_observation(r.to_dict() | {"id": row_id}, lang)
    measure = r.kind if r.kind in ("growth", "share") else r.target_measure if r.kind == "target" else ""
    if measure == "growth":
        text = f"{text} growth" if lang == "en" else f"增长{text}"
    elif measure == "share" and r.share_of:
        whole = (
            ds.indicators.set_index("id")
            .reindex([r.share_of])["name_en" if lang == "en" else "name_zh"]
            .iloc[0]
        )
        whole = whole if isinstance(whole, str) else ("GDP" if r.share_of == "gdp" else r.share_of)
        if r.share_of != r.indicator:
            text = f"{text} of {lower_first(whole)}" if lang == "en" else f"占{whole}{text}"
    return text + (
        f" ({FLAG[lang]['suspect']})"
        if r.flag and lang == "en"
        else f"（{FLAG[lang]['suspect']}）"
        if r.flag
        else ""
    )


def trends_followable(ds: Dataset, region: str = "zhuzhou", lang: str = "en") -> Table:
    """The recurring indicators with outcomes for two or more periods: what each report printed,
    and whether the numbers can be joined as a line (and why not)."""
    from . import series
    from .periods import period_key

    rec = series.recurring(ds, region)
    rec = rec[rec.reported.map(len) >= 2]
    obs = ds.observations[(ds.observations.region == region) & (ds.observations.kind != "target")]
    why = {
        "line": ("yes", "可以"),
        "bounds": ("only as bounds (over)", "仅为下限（超过）"),
        "one year": ("no: a level for one year only", "不能：仅一年有数值"),
    }
    out = []
    for r in rec.itertuples():
        rows = obs[obs.indicator == r.indicator]
        rows = rows.assign(key=rows.period.map(period_key)).sort_values(["key", "id"])
        cells = dict.fromkeys(
            f"{format_period(x.period, lang)}: {_row_text(ds, x.id, lang)}"
            if lang == "en"
            else f"{format_period(x.period, lang)}：{_row_text(ds, x.id, lang)}"
            for x in rows.itertuples()
        )
        f = series.followable(ds, r.indicator, region)
        line = (
            (("no: " + f["reason_en"]) if lang == "en" else "不能：" + f["reason_zh"])
            if f["how"] == "break"
            else _w(why, f["how"], lang)
        )
        out.append(
            {
                "indicator": indicator_names(ds, pd.Series([r.indicator]), lang).iloc[0],
                "reported": "; ".join(cells),
                "line": line,
            }
        )
    caption = (
        "Zhuzhou: the indicators reported for two or more periods"
        if lang == "en"
        else "株洲：有两个及以上时期实际值的指标"
    )
    return _wrapping(
        readable_table(
            pd.DataFrame(out, columns=["indicator", "reported", "line"]),
            _h("indicator", "reported", "line", lang=lang),
            caption,
            f"trends-followable-{lang}",
        )
    )


def streak_readings(ds: Dataset, indicator: str = "rd_intensity", lang: str = "en") -> Table:
    """Each report's run of first places, with the years it covers under each reading of its year."""
    from . import series

    st = series.rank_streaks(ds, indicator)
    quotes = ds.observations.set_index("id")["quote"]
    span = lambda a, b: format_period(f"{a}/{b}", lang)
    frame = pd.DataFrame(
        {
            "report": [_cited(ds, s, lang) for s in st.source],
            "printed": [quotes[i] for i in st.id],
            "running": st.years_running.astype(str),
            "as_recorded": [
                span(a, b) for a, b in zip(st.first_as_recorded, st.last_as_recorded, strict=False)
            ],
            "lagged": [span(a, b) for a, b in zip(st.first_lagged, st.last_lagged, strict=False)],
        }
    )
    caption = (
        "First in Hunan for R&D intensity: each report's run, read two ways"
        if lang == "en"
        else "研发投入强度全省第一：各报告所述连续年份的两种解读"
    )
    return _wrapping(
        readable_table(
            frame,
            _h("report", "printed", "running", "as_recorded", "lagged", lang=lang),
            caption,
            f"trends-streak-{lang}",
        )
    )


def promise_counts(ds: Dataset, lang: str = "en") -> Table:
    """Zhuzhou's promises counted by formal status and by the book's best reading, with the total."""
    from .scorecard import READINGS, STATUSES, promises

    p = promises(ds)
    counts = p.groupby(["status", "reading"]).size().reset_index(name="n")
    counts = counts.assign(s=counts.status.map(STATUSES.index), r=counts.reading.map(READINGS.index))
    counts = counts.sort_values(["s", "r"])
    frame = pd.DataFrame(
        {
            "status": [label(STATUS, s, lang) for s in counts.status],
            "reading": [label(READING, r, lang) for r in counts.reading],
            "promises": counts.n.astype(str),
        }
    )
    total = pd.DataFrame(
        [{"status": "All promises" if lang == "en" else "全部承诺", "reading": "", "promises": str(len(p))}]
    )
    caption = (
        "Zhuzhou's promises by status and best reading" if lang == "en" else "株洲各项承诺：判定与最佳解读"
    )
    return readable_table(
        pd.concat([frame, total]),
        _h("status", "reading", "promises", lang=lang),
        caption,
        f"targets-counts-{lang}",
    )


def _promise_frame(ds: Dataset, p: pd.DataFrame, lang: str) -> pd.DataFrame:
    regions = ds.regions.set_index("id")["name_en" if lang == "en" else "name_zh"]
    twice = " (set by {n} reports)" if lang == "en" else "（{n}份报告提出）"
    rows = ds.observations.set_index("id")
    return pd.DataFrame(
        {
            "indicator": [
                printed_name(ds, rows.loc[t].to_dict() | {"indicator": i}, lang)
                for t, i in zip(p.promise, p.indicator, strict=False)
            ],
            "where": p.region.map(regions).values,
            "year": [format_period(x, lang) for x in p.period],
            "target": [
                _row_text(ds, t, lang) + (twice.format(n=n) if n > 1 else "")
                for t, n in zip(p.promise, p.n_rows, strict=False)
            ],
            "outcome": [_row_text(ds, a, lang) if a else "–" for a in p.actual_id],
            "status": [label(STATUS, s, lang) for s in p.status],
            "reading": [label(READING, r, lang) for r in p.reading],
            "why": [
                (e if lang == "en" else z) or "–" for e, z in zip(p.reading_en, p.reading_zh, strict=False)
            ],
            "rule": [_w(RULE_NAMES, r, lang) for r in p.rule],
            "set_by": [
                ", ".join(_cited(ds, s, lang) for s in x.split(", "))
                if lang == "en"
                else "；".join(_cited(ds, s, lang) for s in x.split(", "))
                for x in p.set_by_all
            ],
            "rows": p.target_ids.values,
        }
    )


def key_promises(ds: Dataset, lang: str = "en") -> Table:
    """The promises that matter: those a later report speaks to, or that the book can read."""
    from .scorecard import promises

    p = promises(ds)
    p = p[(p.actual_id != "") | (p.reading != "open")]
    caption = (
        "Zhuzhou's promises with an outcome or a reading" if lang == "en" else "有结果或可解读的株洲承诺"
    )
    return _wrapping(
        readable_table(
            _promise_frame(ds, p, lang),
            _h("indicator", "year", "target", "outcome", "status", "reading", "why", lang=lang),
            caption,
            f"targets-key-{lang}",
        )
    )


def reading_rules(ds: Dataset, lang: str = "en") -> Table:
    """The rules behind the best readings (from `scorecard.RULES`), with how many promises each reads."""
    from .scorecard import RULES, promises

    used = promises(ds).rule.value_counts()
    frame = pd.DataFrame(
        {
            "rule": [
                _w(RULE_NAMES, r, lang) if r != "none" else ("no reading" if lang == "en" else "无解读")
                for r in RULES
            ],
            "says": [RULES[r][lang] for r in RULES],
            "promises": [str(int(used.get(r, 0))) for r in RULES],
        }
    )
    caption = "How the book reads a promise" if lang == "en" else "本书如何解读承诺"
    return _wrapping(
        readable_table(frame, _h("rule", "says", "promises", lang=lang), caption, f"targets-rules-{lang}")
    )


def scorecard_full(ds: Dataset, peers: bool = False, lang: str = "en") -> Table:
    """Every promise (or, with `peers`, the peer district's targets), with its rows, for the appendix."""
    from .scorecard import promises

    p = promises(ds, peers=True)
    p = p[p.peer == peers]
    order = p.status.map({"met": 0, "missed": 1, "not comparable": 2, "not yet reported": 3})
    p = p.assign(order=order).sort_values(["order", "period", "indicator", "promise"])
    caption = (
        ("Every promise of Zhuzhou's reports" if not peers else "Targets of the peer district's article")
        if lang == "en"
        else ("株洲各报告的全部承诺" if not peers else "同类地区文章中的目标")
    )
    frame = _promise_frame(ds, p, lang)
    # the place beside the indicator where it is not the city itself (a zone, a peer district)
    frame["indicator"] = [
        i if r == "zhuzhou" else (f"{i} ({w})" if lang == "en" else f"{i}（{w}）")
        for i, r, w in zip(frame.indicator, p.region, frame["where"], strict=False)
    ]
    return _wrapping(
        readable_table(
            frame,
            _h("indicator", "year", "target", "outcome", "status", "reading", "rows", lang=lang),
            caption,
            f"scorecard-{'peer' if peers else 'all'}-{lang}",
        )
    )
