"""Every target against the outcome a later report gave: met, missed, not comparable, not yet reported.

`scorecard` judges each target row; `promises` counts each promise once (a target restated by a
later report is one promise with all its rows) and adds the book's best reading where the
evidence allows one, by the rules of `RULES` (a restored decimal point, growth a share implies,
a later goal set lower). Peer districts' targets are not Zhuzhou's promises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import plausibility, totals
from .load import Dataset
from .narrative import format_value
from .periods import period_key
from .quantities import NotAvailable, Rows, Term
from .rows import with_sources

_MATCH_KIND = {"level": "actual", "growth": "growth", "share": "share", "rank": "rank"}


_MEASURE_WORDS = {"actual": "a level", "growth": "a growth rate", "share": "a share", "rank": "a rank"}


def _judge(kind: str, target: float, actual: float, qualifier: str) -> str:
    """Met or missed, or `not comparable` where a bound on the outcome cannot settle it.

    An outcome printed as "over X" is only known to exceed X, one printed "under X" only to fall
    below it; "about X" is taken as X. A rank is better when smaller.
    """
    if kind == "rank":
        if qualifier == "over":  # ranked below X: missed if X is already at or below the target
            return "missed" if actual >= target else "not comparable"
        return "met" if actual <= target else ("missed" if qualifier != "under" else "not comparable")
    if qualifier == "over":
        return "met" if actual >= target else "not comparable"
    if qualifier == "under":
        return "missed" if actual <= target else "not comparable"
    return "met" if actual >= target else "missed"


def scorecard(ds: Dataset) -> pd.DataFrame:
    """Every target beside the outcome a later report gave for the same year and measure.

    Status: `met`, `missed`, `not yet reported` (no later report speaks of that year), or
    `not comparable`, with the `reason`: the target or the outcome is flagged suspect, a later
    report gives the year only in another measure (a share where a growth rate was targeted),
    only an earlier report gives it, or the outcome is a bound ("over X") that cannot settle it.
    A rank target is met by a rank at least as high (a smaller number).
    """
    obs = with_sources(ds, ds.observations)
    targets = obs[obs.kind == "target"]
    names = ds.indicators.set_index("id")["name_en"].to_dict()
    out = []
    for t in targets.itertuples():
        kind = _MATCH_KIND[t.target_measure]
        same = obs[
            (obs.indicator == t.indicator)
            & (obs.region == t.region)
            & (obs.period == t.period)
            & (obs.kind != "target")
        ]
        cands = same[same.kind == kind]
        if kind == "share":
            cands = cands[cands.share_of == t.share_of]
        later = cands[cands.published > t.published].sort_values(["published", "id"])
        other = same[(same.published > t.published) & ~same.id.isin(cands.id)].sort_values(
            ["published", "id"]
        )
        record = {
            "target_id": t.id,
            "indicator": t.indicator,
            "region": t.region,
            "period": t.period,
            "measure": t.target_measure,
            "target": t.value,
            "target_qualifier": t.qualifier,
            "target_flag": t.flag,
            "unit": t.unit,
            "set_by": t.source,
            "actual_id": "",
            "actual": np.nan,
            "actual_qualifier": "",
            "actual_kind": "",
            "actual_unit": "",
            "reported_by": "",
            "reason": "",
        }
        shown = later if not later.empty else other
        if not shown.empty:
            a = shown.iloc[-1]
            record.update(
                actual_id=a.id,
                actual=a.value,
                actual_qualifier=a.qualifier,
                actual_kind=a.kind,
                actual_unit=a.unit,
                reported_by=a.source,
            )
        if later.empty and not other.empty:
            a = other.iloc[-1]
            what = _MEASURE_WORDS[a.kind]
            if a.kind == "share":
                what += " of " + names.get(a.share_of, a.share_of)
            record.update(
                status="not comparable",
                reason=f"a later report gives only {what}, not {_MEASURE_WORDS[kind]}",
            )
        elif later.empty and not cands.empty:
            record.update(
                status="not comparable", reason="only the same or an earlier report gives this year"
            )
        elif later.empty:
            record["status"] = "not yet reported"
        elif a.flag == "suspect" or t.flag == "suspect":
            which = "outcome" if a.flag == "suspect" else "target"
            record.update(status="not comparable", reason=f"the {which} is flagged suspect")
        elif a.unit != t.unit:
            record.update(status="not comparable", reason=f"units differ ({t.unit}, {a.unit})")
        else:
            record["status"] = _judge(kind, t.value, a.value, a.qualifier)
            if record["status"] == "not comparable":
                record["reason"] = (
                    f"the outcome is printed as {a.qualifier} {a.value:g}, a bound that does not settle it"
                )
        out.append(record)
    return pd.DataFrame(
        out,
        columns=[
            "target_id",
            "indicator",
            "region",
            "period",
            "measure",
            "target",
            "target_qualifier",
            "target_flag",
            "unit",
            "set_by",
            "actual_id",
            "actual",
            "actual_qualifier",
            "actual_kind",
            "actual_unit",
            "reported_by",
            "status",
            "reason",
        ],
    )


# --- promises: each target once, with the book's best reading ---------------------------------

STATUSES = ("met", "missed", "not comparable", "not yet reported")
READINGS = ("met", "probably met", "missed", "probably missed", "possibly missed", "open")

# The rules behind a best reading, in the order they are tried. Each is a function below.
RULES: dict[str, dict[str, str]] = {
    "scored": {
        "en": "A later report gives the outcome in the measure targeted: the reading is the status.",
        "zh": "后续报告给出了与目标同一口径的结果：按判定结果解读。",
    },
    "suspect read": {
        "en": "The outcome is flagged suspect and its note proposes where the decimal point belongs: "
        "the target is judged on that reading, as probable only.",
        "zh": "结果被标记为存疑，其说明指出了小数点应在的位置：按该读法判断，且只判为“很可能”。",
    },
    "share implies growth": {
        "en": "A growth target answered only by a share of GDP: the share, applied to the largest GDP any "
        "source gives or assumes for that year, gives the most the level can have grown; if even "
        "that falls short of the target, it was probably missed.",
        "zh": "增长目标只有占地区生产总值比重可对照：以各来源给出或隐含的当年最大地区生产总值乘以该比重，得到增长的上限；"
        "若上限仍低于目标，则很可能未完成。",
    },
    "later goal lower": {
        "en": "No outcome, but a later report sets a lower goal for a later year for the same amount or "
        "ratio: possibly missed (counts, such as people dispatched in a year, are left open: a "
        "smaller goal may count something else).",
        "zh": "没有结果，但后续报告为更晚年份设定了更低的同类金额或比率目标：可能未完成"
        "（人数、个数等计数不作此推断，目标变小可能是统计口径不同）。",
    },
    "none": {"en": "The evidence allows no reading.", "zh": "现有证据无法解读。"},
}
# Amounts and ratios: the units for which a later, lower goal says something about an earlier one.
_RAISED_UNITS = ("100m_cny", "pct")
_STATUS_ORDER = {"met": 0, "missed": 0, "not comparable": 1, "not yet reported": 2}


def _pct(measure: str, target: float, actual: float) -> float:
    """The outcome as a percentage of the target; for a rank, target over outcome (100 or more is met)."""
    return (target / actual if measure == "rank" else actual / target) * 100


@dataclass(frozen=True)
class Reading:
    """The book's best reading of one promise: the word, the rule, and what it rests on."""

    reading: str
    rule: str
    en: str
    zh: str
    pct: float = math.nan  # the outcome as % of target under the reading
    value: float = math.nan  # the outcome as read (a restored decimal point), else NaN
    inputs: tuple[str, ...] = ()  # rows the reading rests on beyond the target and outcome


def read_scored(p: pd.Series, ev: Evidence) -> Reading | None:
    """Rule `scored`: a met or missed status stands; the percentage of target goes with it."""
    if p.status not in ("met", "missed"):
        return None
    pct = _pct(p.measure, p.target, p.actual)
    bound = p.actual_qualifier == "over" and p.measure != "rank"
    en = f"{'at least ' if bound else ''}{pct:.0f}% of the target"
    zh = f"{'至少' if bound else ''}达到目标的{pct:.0f}%"
    return Reading(p.status, "scored", en, zh, pct)


@dataclass
class Evidence:
    """What the reading rules consult, worked out once per dataset: its rows as terms, the
    totals the sources imply, the level goals."""

    ds: Dataset

    def __post_init__(self) -> None:
        self.rows = Rows(self.ds)
        self.totals = totals.implied_totals(self.ds)
        obs = with_sources(self.ds, self.ds.observations)
        self.goals = obs[(obs.kind == "target") & (obs.target_measure == "level")]


def _suspect_reading(rows: Rows, actual_id: str) -> tuple[Term, bool] | None:
    """A suspect row read as its note proposes, as a term on that row (306 ÷ 100: the decimal
    point put back where `plausibility.proposed_places` finds the note puts it), or None."""
    if rows.row(actual_id).flag != "suspect":
        return None
    try:
        places = plausibility.proposed_places(rows.ds, actual_id)
    except LookupError:
        return None
    return rows[actual_id] / Term.of(10**places), places > 0


def suspect_reading_term(rows: Rows, actual_id: str) -> Term:
    """A suspect row read as its note proposes, as a term (for the named quantities)."""
    got = _suspect_reading(rows, actual_id)
    if got is None:
        raise NotAvailable(f"row {actual_id!r} is not a suspect with a proposed reading")
    return got[0]


def read_suspect(p: pd.Series, ev: Evidence) -> Reading | None:
    """Rule `suspect read`: judge the target on the reading a suspect outcome's note proposes."""
    if (
        p.status != "not comparable"
        or not p.actual_id
        or p.target_flag == "suspect"
        or p.actual_unit != p.unit
    ):
        return None
    ds = ev.ds
    got = _suspect_reading(ev.rows, p.actual_id)
    if got is None:
        return None
    term, decimal = got
    status = _judge(_MATCH_KIND[p.measure], p.target, term.value, p.actual_qualifier)
    if status == "not comparable":
        return None
    pct = _pct(p.measure, p.target, term.value)
    printed = ds.observations.set_index("id").as_printed[p.actual_id]
    read = format_value(term.value, p.actual_unit, "", "zh")
    en = f"about {pct:.0f}% of the target if {printed} is read as {read}" + (
        " (a lost decimal point)" if decimal else ""
    )
    zh = f"若将{printed}读作{read}" + ("（丢失小数点）" if decimal else "") + f"，约为目标的{pct:.0f}%"
    return Reading(f"probably {status}", "suspect read", en, zh, pct, term.value)


def _share_growth(
    rows: Rows, p, implied: pd.DataFrame | None = None
) -> tuple[Term, pd.Series, pd.Series] | None:
    """The most a level can have grown, from its share of the largest GDP any source gives or
    assumes for the year (a term on the rows), with the share row and the GDP row used."""
    ds = rows.ds
    obs = ds.observations
    if p.measure != "growth" or p.actual_kind != "share" or not p.actual_id:
        return None
    share = rows.row(p.actual_id)
    if share.share_of != "gdp" or share.flag:
        return None
    base = obs[
        (obs.indicator == p.indicator)
        & (obs.region == p.region)
        & (obs.period == str(int(p.period) - 1))
        & (obs.kind == "actual")
        & (obs.flag == "")
        & (obs.qualifier == "")
    ]
    gdp = totals.implied_totals(ds) if implied is None else implied
    gdp = gdp[
        (gdp.total == "gdp")
        & (gdp.region == p.region)
        & (gdp.period == p.period)
        & gdp.implied_qualifier.isin(["", "over"])
    ]
    if base.empty or gdp.empty:
        return None
    largest = gdp.sort_values(["implied", "id"]).iloc[-1]
    implied_gdp = rows[largest.numerator_id] / rows[largest.id] * 100
    most = rows[p.actual_id] / 100 * implied_gdp / rows[base.id.iloc[0]] * 100 - 100
    return most, share, largest


def share_growth_term(rows: Rows, target_id: str) -> Term:
    """The most the level a growth target names can have grown, by rule `share implies growth`."""
    card = scorecard(rows.ds).set_index("target_id")
    got = _share_growth(rows, card.loc[target_id]) if target_id in card.index else None
    if got is None:
        raise NotAvailable(f"target {target_id!r} is not a growth target answered by a share of GDP")
    return got[0]


def read_share_growth(p: pd.Series, ev: Evidence) -> Reading | None:
    """Rule `share implies growth`: a growth target answered by a share of GDP, judged on the most
    the level can have grown (the share of the largest GDP any source gives or assumes)."""
    if p.target_flag == "suspect":
        return None
    got = _share_growth(ev.rows, p, ev.totals)
    if got is None or got[0].value >= p.target:
        return None  # no share of GDP to go on, or one that could fit the target: no reading
    most, share, _gdp = got
    en = (
        f"even on the largest GDP the sources give or assume for {p.period}, a share of "
        f"{format_value(share.value, 'pct')} means growth of at most {most.value:.1f}%, against "
        f"{format_value(p.target, 'pct', p.target_qualifier)} targeted"
    )
    zh = (
        f"即使按各来源给出或隐含的{p.period}年最大地区生产总值计算，{format_value(share.value, 'pct', '', 'zh')}"
        f"的比重意味着增长至多{most.value:.1f}%，目标为{format_value(p.target, 'pct', p.target_qualifier, 'zh')}"
    )
    return Reading("probably missed", "share implies growth", en, zh, value=most.value, inputs=most.inputs)


def read_later_goal(p: pd.Series, ev: Evidence) -> Reading | None:
    """Rule `later goal lower`: no outcome settles an amount or ratio, and a later report aims
    lower for a later year."""
    goals = ev.goals
    if (
        p.status in ("met", "missed")
        or p.measure != "level"
        or p.target_flag == "suspect"
        or p.unit not in _RAISED_UNITS
    ):
        return None
    later = goals[
        (goals.indicator == p.indicator)
        & (goals.region == p.region)
        & (goals.flag == "")
        & (goals.period.map(period_key) > period_key(p.period))
        & (goals.published > p.published)
        & (goals.value < p.target)
    ]
    if later.empty:
        return None
    lower = later.sort_values(["published", "id"]).iloc[-1]
    en = f"a later report aims lower, at {format_value(lower.value, lower.unit, lower.qualifier)} for {lower.period}"
    zh = f"后续报告将{lower.period}年目标降至{format_value(lower.value, lower.unit, lower.qualifier, 'zh')}"
    return Reading("possibly missed", "later goal lower", en, zh, inputs=(lower.id,))


def best_reading(p: pd.Series, ev: Evidence | Dataset) -> Reading:
    """The first rule of `RULES` that gives a reading of promise `p` (a row of `promises`)."""
    ev = ev if isinstance(ev, Evidence) else Evidence(ev)
    for rule in (read_scored, read_suspect, read_share_growth, read_later_goal):
        got = rule(p, ev)
        if got is not None:
            return got
    return Reading("open", "none", "", "")


_LAST: list = []  # (dataset, its promises with peers): the last worked out, as a chapter asks many times


def promises(ds: Dataset, card: pd.DataFrame | None = None, peers: bool = False) -> pd.DataFrame:
    """Each promise once: the targets of `scorecard` that set the same goal (indicator, place,
    year, measure, total and number) grouped, with all their rows, the formal status and the
    book's best reading (`reading`, `rule`, `reading_en`/`reading_zh`, `reading_pct`).

    A restated target is one promise; its outcome and status are those of its best-answered row
    (met or missed before not comparable before not yet reported; then the earliest set).
    Targets set by a peer's document (a source of kind `peer`, the Yanfeng district) are not
    Zhuzhou's promises and are left out unless `peers`.
    """
    if card is None and _LAST and _LAST[0] is ds:
        frame = _LAST[1]
    else:
        frame = _promises(ds, scorecard(ds) if card is None else card)
        if card is None:
            _LAST[:] = [ds, frame]
    return frame.copy() if peers else frame[~frame.peer].reset_index(drop=True)


def _promises(ds: Dataset, card: pd.DataFrame) -> pd.DataFrame:
    obs = with_sources(ds, ds.observations)
    published = ds.sources.set_index("id")["published"]
    peer_sources = set(ds.sources[ds.sources.kind == "peer"].id)
    share_of = obs.set_index("id")["share_of"]
    card = card.assign(
        share_of=card.target_id.map(share_of).fillna(""),
        published=card.set_by.map(published),
        order=card.status.map(_STATUS_ORDER),
    )
    ev = Evidence(ds)
    keys = ["indicator", "region", "period", "measure", "share_of", "target"]
    out = []
    for _, group in card.groupby(keys, sort=False):
        group = group.sort_values(["order", "published", "target_id"])
        best = group.iloc[0].copy()
        rows = group.sort_values(["published", "target_id"])
        best["promise"] = rows.target_id.iloc[0]
        best["target_ids"] = ", ".join(rows.target_id)
        best["set_by_all"] = ", ".join(dict.fromkeys(rows.set_by))
        best["n_rows"] = len(rows)
        best["target_flag"] = "suspect" if (rows.target_flag == "suspect").all() else ""
        best["peer"] = best.set_by in peer_sources
        r = best_reading(best, ev)
        best["reading"], best["rule"] = r.reading, r.rule
        best["reading_en"], best["reading_zh"] = r.en, r.zh
        best["reading_pct"], best["reading_value"] = r.pct, r.value
        best["reading_inputs"] = ", ".join(r.inputs)
        out.append(best)
    cols = [
        "promise",
        "target_ids",
        "n_rows",
        "indicator",
        "region",
        "period",
        "measure",
        "share_of",
        "target",
        "target_qualifier",
        "target_flag",
        "unit",
        "set_by",
        "set_by_all",
        "published",
        "peer",
        "actual_id",
        "actual",
        "actual_qualifier",
        "actual_kind",
        "actual_unit",
        "reported_by",
        "status",
        "reason",
        "reading",
        "rule",
        "reading_en",
        "reading_zh",
        "reading_pct",
        "reading_value",
        "reading_inputs",
    ]
    return pd.DataFrame(out, columns=cols).sort_values(["published", "promise"], ignore_index=True)
