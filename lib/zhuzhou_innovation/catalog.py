"""The book's figures, by stable name: what each draws, so notebooks and the export agree.

A chapter shows `draw(ds, name)`; `python -m zhuzhou_innovation.export` writes every figure
listed here in both languages with the CSV of what it shows. Names are stable file names
(`<chapter>-<what>`), so slides can link to the exported files across rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure

from . import figures, series
from .load import Dataset


@dataclass(frozen=True)
class FigureSpec:
    name: str
    chapter: str
    draw: Callable[[Dataset, str], Figure]


def _compare(ids: list[str], title: dict[str, str], labels: dict[str, dict[str, str]]):
    def draw(ds: Dataset, lang: str) -> Figure:
        return figures.plot_compare(ds, ids, title[lang], {k: v[lang] for k, v in labels.items()}, lang)

    return draw


def _series(indicator: str, region: str = "zhuzhou"):
    return lambda ds, lang: figures.plot_series(ds, indicator, region, lang)


def _panels(
    panels: list[tuple[dict[str, str], list[str]]],
    title: dict[str, str],
    subtitle: dict[str, str],
    labels: dict[str, dict[str, str]] | None = None,
):
    """Small multiples (chapters 02 and 10): the title states the finding, with its numbers and
    words resolved from the data ({num}, {word}, {holds} as in the pages), so it cannot go stale."""

    def draw(ds: Dataset, lang: str) -> Figure:
        return figures.plot_panels(
            ds,
            [(name[lang], ids) for name, ids in panels],
            _render(title[lang], ds, lang),
            _render(subtitle[lang], ds, lang),
            {k: v[lang] for k, v in labels.items()} if labels else None,
            lang,
        )

    return draw


def _render(text: str, ds: Dataset, lang: str) -> str:
    """A title written with the book's roles ({num}, {word}, {holds}), resolved from the data;
    only the quantities the title names are worked out (figures.figure_facts)."""
    from .words import render

    return render(text, figures.figure_facts(ds), lang)


def _composition(
    parts: list[str],
    whole: str,
    title: dict[str, str],
    subtitle: dict[str, str],
    labels: dict[str, dict[str, str]],
    marks: tuple[str, ...] = (),
):
    def draw(ds: Dataset, lang: str) -> Figure:
        return figures.plot_composition(
            ds,
            parts,
            _render(title[lang], ds, lang),
            {k: v[lang] for k, v in labels.items()},
            lang,
            whole=whole,
            marks=marks,
            subtitle=subtitle[lang],
        )

    return draw


def _with_finding(draw: Callable[[Dataset, str], Figure], title: dict[str, str]):
    return lambda ds, lang: figures.state_finding(draw(ds, lang), _render(title[lang], ds, lang), lang)


# The key recurring indicators of the trends chapter, drawn on one time axis: the span of years
# any of them reports or targets, so a later report's year widens every panel alike.
TREND_INDICATORS = [
    "rd_intensity",
    "high_tech_enterprises",
    "tech_smes",
    "tech_contract_turnover",
    "invention_patents_per_10k",
]


def trend_years(ds: Dataset, indicators: list[str] = TREND_INDICATORS) -> tuple[int, int]:
    """First and last year with a reported value or a level target among `indicators`."""
    years = [
        y for i in indicators for kind in ("actual", "target") for y in series.series(ds, i, kind=kind).year
    ]
    return min(years), max(years)


def _headline(ds: Dataset, lang: str) -> Figure:
    return figures.plot_headline(ds, TREND_INDICATORS, lang=lang, years=trend_years(ds))


# --- chapters 05 and 06 (the 2022 review, the 2025 targets) ---------------------------------
# Titles state the finding with the book's roles, so each is worked out from the data in the
# figure's language; a {holds} guard stops the figure when the data no longer support it.


def _keys(draw, keys, title, subtitle, labels):
    return lambda ds, lang: draw(
        ds, keys, title[lang], subtitle[lang], {k: v[lang] for k, v in labels.items()}, lang=lang
    )


_LEVELS_2023 = [
    ("zz2022-002", "zz2022-053", "hte-2023-target-growth"),
    ("zz2022-024", "zz2022-054", "tech-smes-2023-target-growth"),
    ("zz2022-044", "zz2022-064", "commissioners-2023-target-growth"),
]
_PAIR_LABELS = {
    "zz2022-002": {"en": "2022", "zh": "2022年"},
    "zz2022-053": {"en": "2023 target", "zh": "2023年目标"},
    "zz2022-024": {"en": "2022", "zh": "2022年"},
    "zz2022-054": {"en": "2023 target", "zh": "2023年目标"},
    "zz2022-044": {"en": "2022", "zh": "2022年"},
    "zz2022-064": {"en": "2023, new", "zh": "2023年新选派"},
}
_PANELS = {
    "en": {
        "zz2022-002": "High-tech enterprises",
        "zz2022-024": "Tech SMEs registered",
        "zz2022-044": "S&T commissioners",
    },
    "zh": {"zz2022-002": "高新技术企业", "zz2022-024": "科技型中小企业入库", "zz2022-044": "科技特派员"},
}


def _levels_2023(ds: Dataset, lang: str) -> Figure:
    title = {
        "en": "The 2023 targets ask for at most {num}`tech-smes-2023-target-growth` more than the 2022 levels",
        "zh": "2023年目标比2022年水平最多高{num}`tech-smes-2023-target-growth`",
    }[lang]
    guard = (
        "{holds}`tech-smes-2023-target-growth >= hte-2023-target-growth and "
        "tech-smes-2023-target-growth >= commissioners-2023-target-growth and commissioners-2023-target-growth > 0`"
    )
    subtitle = {
        "en": "Levels reported for 2022 and the targets for 2023 in the same review; the box gives the growth "
        "each target asks for (≤: the 2022 level is printed as a floor)",
        "zh": "2022年实际与同一篇回眸中的2023年目标；方框内为目标要求的增幅（≤：2022年数字原文为下限）",
    }[lang]
    return figures.plot_level_target_pairs(
        ds,
        _LEVELS_2023,
        title + guard,
        subtitle,
        _PANELS[lang],
        {k: v[lang] for k, v in _PAIR_LABELS.items()},
        lang,
    )


ZZ2022_ZZ2025_FIGURES = [
    FigureSpec(
        "zz2022-knowledge-value-loans",
        "05-zhuzhou-2022-review",
        _keys(
            figures.plot_key_bars,
            ["zz2021-043", "reading-zz2022-017", "zz2022-057", "zz2025-005"],
            {
                "en": "Read with its decimal point, 2022's lending {word}`exceeds zz2021-043 reading-zz2022-017` "
                "its goal; the goals then climb to {num}`zz2025-005 plain` by 2025"
                "{holds}`zz2021-043 < zz2022-057 < zz2025-005`",
                "zh": "补回小数点后，2022年贷款额{word}`exceeds zz2021-043 reading-zz2022-017`当年目标；"
                "此后目标升至2025年的{num}`zz2025-005`{holds}`zz2021-043 < zz2022-057 < zz2025-005`",
            },
            {
                "en": "Knowledge-value credit loans: the goals of three reports and the amount reported for 2022, "
                "drawn as read with its decimal point (hatched)",
                "zh": "知识价值信用贷款：三份报告的目标与2022年实际（斜线：补回小数点后的读数）",
            },
            {
                "zz2021-043": {"en": "Goal for 2022 (2021 review)", "zh": "2022年目标（2021年综述）"},
                "reading-zz2022-017": {"en": "Lent in 2022 (2022 review)", "zh": "2022年实际（2022年回眸）"},
                "zz2022-057": {"en": "Goal for 2023 (2022 review)", "zh": "2023年目标（2022年回眸）"},
                "zz2025-005": {"en": "Goal for 2025 (bureau's reply)", "zh": "2025年目标（科技局答复）"},
            },
        ),
    ),
    FigureSpec("zz2022-levels-and-2023-targets", "05-zhuzhou-2022-review", _levels_2023),
    FigureSpec(
        "zz2025-goals-against-latest",
        "06-zhuzhou-2025-targets",
        _keys(
            lambda ds, keys, title, subtitle, labels, lang: figures.plot_percent_of(
                ds,
                keys,
                title,
                subtitle,
                labels,
                {"en": "latest result = 100%", "zh": "最近实际 = 100%"}[lang],
                lang,
            ),
            [
                "goal-2025-vs-latest-rd-intensity",
                "goal-2025-vs-latest-rd-spending",
                "goal-2025-vs-latest-high-tech-enterprises",
                "goal-2025-vs-latest-loans",
                "goal-2025-vs-latest-projects",
                "goal-2025-vs-latest-commissioners",
            ],
            {
                "en": "Against the latest results, {word}`count goals-2025-below-latest` of the 2025 goals "
                "{word}`plural goals-2025-below-latest sits sit` below and the loan goal is "
                "{num}`loans-2025-goal-to-2022-reading` the loans of 2022",
                "zh": "与最近的实际结果相比，{word}`count goals-2025-below-latest`项2025年目标低于实际，"
                "知识价值信用贷款目标为实际的{num}`loans-2025-goal-to-2022-reading`",
            },
            {
                "en": "Each 2025 goal as a percentage of the latest result for the same measure: R&D intensity of 2021, "
                "R&D spending as implied for 2021, the rest of 2022 (loans read with the decimal point; "
                "commissioners: newly dispatched against all dispatched). Hollow: against an implied or corrected result",
                "zh": "各项2025年目标相当于同一指标最近实际结果的百分比：研发投入强度对2021年，研发投入对推算的2021年数，"
                "其余对2022年（贷款补回小数点；特派员为新选派对全部选派）。空心：对推算或校正后的结果",
            },
            {
                "goal-2025-vs-latest-rd-intensity": {"en": "R&D intensity", "zh": "研发投入强度"},
                "goal-2025-vs-latest-rd-spending": {"en": "R&D spending", "zh": "研发投入"},
                "goal-2025-vs-latest-high-tech-enterprises": {"en": "High-tech firms", "zh": "高新技术企业"},
                "goal-2025-vs-latest-loans": {"en": "Loans", "zh": "知识价值信用贷款"},
                "goal-2025-vs-latest-projects": {"en": "Projects", "zh": "部省科技立项"},
                "goal-2025-vs-latest-commissioners": {"en": "Commissioners", "zh": "科技特派员"},
            },
        ),
    ),
]


FIGURES: dict[str, FigureSpec] = {
    spec.name: spec
    for spec in [
        # Chapters 03 and 04: one bar, a whole and its parts (the rest the page does not print is a
        # derived quantity, drawn hatched); titles state the finding, written from the data.
        FigureSpec(
            "zz2021-platforms-by-level",
            "03-zhuzhou-2021-review",
            _composition(
                ["zz2021-006", "zz2021-007", "platforms-below-provincial-2021"],
                whole="zz2021-005",
                title={
                    "en": "{num}`zz2021-platforms-national-provincial-share` of Zhuzhou's innovation platforms "
                    "are national or provincial",
                    "zh": "株洲市科技创新平台中，国家级和省级占{num}`zz2021-platforms-national-provincial-share`",
                },
                subtitle={
                    "en": "S&T innovation platforms by level, 2021",
                    "zh": "科技创新平台（按级别，2021年）",
                },
                labels={
                    "zz2021-006": {"en": "National", "zh": "国家级"},
                    "zz2021-007": {"en": "Provincial", "zh": "省级"},
                    "platforms-below-provincial-2021": {
                        "en": "City level or below (derived)",
                        "zh": "市级及以下（推算）",
                    },
                    "zz2021-005": {"en": "All levels", "zh": "各类"},
                },
            ),
        ),
        FigureSpec(
            "zz2021-tech-contract-turnover",
            "03-zhuzhou-2021-review",
            _with_finding(
                _series("tech_contract_turnover"),
                {
                    "en": "Technology-contract turnover: the 2022 target was {word}`met zz2021-042`",
                    "zh": "技术合同成交额：2022年目标{word}`met zz2021-042`",
                },
            ),
        ),
        FigureSpec(
            "zz2022q1-tech-smes-vs-target",
            "04-zhuzhou-2022q1",
            _composition(
                ["zz2022q1-006", "zz2022q1-tech-smes-rest-of-year"],
                whole="zz2022-024",
                marks=("zz2022q1-005",),
                title={
                    "en": "The first quarter brought {num}`zz2022q1-tech-smes-share-of-year` of 2022's "
                    "registrations; the year ended {word}`above zz2022q1-005 zz2022-024` its target",
                    "zh": "一季度入库数占2022年全年的{num}`zz2022q1-tech-smes-share-of-year`，"
                    "全年{word}`exceeds zz2022q1-005 zz2022-024`目标",
                },
                subtitle={
                    "en": "Technology-based SMEs registered in Zhuzhou, 2022 (number)",
                    "zh": "株洲市科技型中小企业入库数（2022年）",
                },
                labels={
                    "zz2022q1-006": {"en": "Q1 2022", "zh": "2022年一季度"},
                    "zz2022q1-tech-smes-rest-of-year": {
                        "en": "April to December (derived)",
                        "zh": "4—12月（推算）",
                    },
                    "zz2022-024": {"en": "All of 2022", "zh": "2022年全年"},
                    "zz2022q1-005": {"en": "Target", "zh": "目标"},
                },
            ),
        ),
        # Chapter 02: the article's two ratios and its cluster, each measure on its own scale; the
        # two-bar chart of high-tech enterprises became a sentence and a row of the pairs table.
        FigureSpec(
            "yf2020-ratios-2015-2020",
            "02-yanfeng-2020",
            _panels(
                [
                    (
                        {"en": "R&D intensity (% of GDP)", "zh": "研发投入强度（%）"},
                        ["yf2020-005", "yf2020-006"],
                    ),
                    (
                        {
                            "en": "High-tech industry value added (% of GDP)",
                            "zh": "高新技术产业增加值占地区生产总值比重（%）",
                        },
                        ["yf2020-007", "yf2020-008"],
                    ),
                ],
                {
                    "en": "Yanfeng's R&D intensity {word}`rose yf2020-005 yf2020-006` to {num}`yf2020-006`, "
                    "its high-tech share to {num}`yf2020-008`{holds}`yf2020-008 > yf2020-007`",
                    "zh": "雁峰区研发投入强度{word}`rose yf2020-005 yf2020-006`至{num}`yf2020-006`，"
                    "高新技术产业增加值占比升至{num}`yf2020-008`{holds}`yf2020-008 > yf2020-007`",
                },
                {
                    "en": "Two ratios, 2015 and 2020 (end year not printed), each on its own scale",
                    "zh": "两项比率，2015年与2020年（原文未写终点年份），各用各的刻度",
                },
                {
                    "yf2020-005": {"en": "2015", "zh": "2015年"},
                    "yf2020-006": {"en": "2020", "zh": "2020年"},
                    "yf2020-007": {"en": "2015", "zh": "2015年"},
                    "yf2020-008": {"en": "2020", "zh": "2020年"},
                },
            ),
        ),
        FigureSpec(
            "yf2020-power-cluster",
            "02-yanfeng-2020",
            _panels(
                [
                    ({"en": "Output", "zh": "产值"}, ["yf2020-032", "yf2020-033"]),
                    ({"en": "Profits and taxes", "zh": "利税"}, ["yf2020-035", "yf2020-036"]),
                ],
                {
                    "en": "Output {word}`grew yf2020-032 yf2020-033` by {num}`yf2020-034`, profits and taxes by only "
                    "{num}`yf2020-037`{holds}`yf2020-037 < yf2020-034 and yf-cluster-margin-fall-least > 0`",
                    "zh": "产值{word}`grew yf2020-032 yf2020-033`{num}`yf2020-034`，利税仅增长{num}`yf2020-037`"
                    "{holds}`yf2020-037 < yf2020-034 and yf-cluster-margin-fall-least > 0`",
                },
                {
                    "en": "Yanfeng's power transmission and transformation equipment cluster, 2015 and 2020",
                    "zh": "雁峰区输变电产业集群，2015年与2020年",
                },
                {
                    "yf2020-032": {"en": "2015", "zh": "2015年"},
                    "yf2020-033": {"en": "2020", "zh": "2020年"},
                    "yf2020-035": {"en": "2015", "zh": "2015年"},
                    "yf2020-036": {"en": "2020", "zh": "2020年"},
                },
            ),
        ),
        # Chapter 10: the three ratios both places report, each on its own scale.
        FigureSpec(
            "compare-rd-and-high-tech-shares",
            "10-zhuzhou-beside-yanfeng",
            _panels(
                [
                    (
                        {"en": "R&D intensity (% of GDP)", "zh": "研发投入强度（%）"},
                        ["yf2020-006", "zz2021-037"],
                    ),
                    (
                        {
                            "en": "High-tech industry value added (% of GDP)",
                            "zh": "高新技术产业增加值占地区生产总值比重（%）",
                        },
                        ["yf2020-008", "zz2022-005"],
                    ),
                ],
                {
                    "en": "Zhuzhou's R&D intensity is {word}`higher yf2020-006 zz2021-037`, "
                    "Yanfeng's high-tech share {word}`higher zz2022-005 yf2020-008`",
                    "zh": "研发投入强度株洲市{word}`higher yf2020-006 zz2021-037`，"
                    "高新技术产业增加值占比雁峰区{word}`higher zz2022-005 yf2020-008`",
                },
                {
                    "en": "Two ratios, in the nearest years each source gives",
                    "zh": "两项比率，取各来源最接近的年份",
                },
            ),
        ),
        FigureSpec(
            "compare-invention-patents-per-10k",
            "10-zhuzhou-beside-yanfeng",
            _panels(
                [
                    (
                        {"en": "Invention patents per 10,000 people", "zh": "每万人发明专利拥有量"},
                        ["yf2020-028", "zz2021-047", "zz2022-027"],
                    )
                ],
                {
                    "en": "Zhuzhou has {word}`times compare-patents-multiple` as many invention patents per head "
                    "as Yanfeng",
                    "zh": "株洲市每万人发明专利拥有量是雁峰区的{word}`times compare-patents-multiple`",
                },
                {"en": "A stock per head, defined nationally", "zh": "人均存量，全国统一口径"},
            ),
        ),
        *ZZ2022_ZZ2025_FIGURES,
        # The five key indicators as small multiples (they were five charts of one to five points each).
        FigureSpec("trends-headline-indicators", "07-trends", _headline),
        FigureSpec(
            "targets-outcome-vs-target",
            "08-targets-vs-outcomes",
            lambda ds, lang: figures.plot_targets(ds, lang=lang),
        ),
        # --- new figures above this line (edit under `flock /tmp/catalog.lock`) ---
    ]
}


def draw(ds: Dataset, name: str, lang: str = "en") -> Figure:
    """Draw the named figure of the book in English or Chinese."""
    return FIGURES[name].draw(ds, lang)
