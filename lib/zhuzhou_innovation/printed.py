"""Read numbers the way the Chinese sources print them, and find every number in a text.

One parser serves the loader (a row's `value` must be what its `as_printed` says), the
completeness test (every number in a raw text is recorded or excluded) and the extraction
assistant (which proposes rows for a new text). It reads Arabic digits (with thousands
separators, decimals, full-width forms), Chinese numerals (三, 十, 两, 二十, 二〇三五, 千亿),
the multipliers 万 and 亿 (1.2万, 3千), money (元, 万元, 亿元), 个百分点 %, 倍, fractions (2/3,
三分之二, 百分之三十), ordinals and ranks (第二, 第46位, 30强, 百强, 前三), dates (2022年4月26日,
一季度), and the qualifier words of the extraction rules (超过, 突破, 以上, 余, 多 -> over; 约, 近,
左右 -> about; 不足, 不到, 以内 -> under).

Everything here is pure: the same text gives the same numbers, spans and values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

__all__ = [
    "Number",
    "PrintError",
    "as_printed",
    "check_print",
    "chinese_numeral",
    "clause",
    "find_numbers",
    "value_in",
]


class PrintError(ValueError):
    """A printed text is not one number, or does not convert to the unit asked for."""


@dataclass(frozen=True)
class Number:
    """One number as printed: its text and span in the text searched, and what it says.

    `amount` is the number itself with 万/亿 applied (2000万元 -> 20000000); `measure` says
    what the print makes of it: 'money' (元), 'pct', 'fraction', 'pp', 'times', 'rank',
    'ordinal' (第 with another noun: 第十三次), 'count' (with a classifier such as 家, 个, 项),
    'sq_km', 'sqm', 'date', 'other' (a technical unit: 550kW) or '' (a bare number).
    """

    text: str
    start: int
    end: int
    amount: Fraction
    measure: str
    qualifier: str = ""
    classifier: str = ""
    multiplied: bool = False
    inherited: bool = False  # qualifier taken from the first item of a list (不低于7万元、3万元)

    @property
    def is_date(self) -> bool:
        return self.measure == "date"


# Full-width digits and signs read as their ASCII forms; one character for one, so spans hold.
_WIDE = str.maketrans("０１２３４５６７８９．％／：－", "0123456789.%/:-")

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10**4, "亿": 10**8}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_LARGE)

# Qualifier words, longest first so that 超过 wins over 超. The extraction rules (EXTRACTION_SPEC.md)
# map 超过/突破/以上/逾/多/超 to over, 约/近/左右 to about, 不到/以内/不足 to under; the others follow.
_PREFIX_QUALIFIERS = {
    "不低于": "over",
    "不少于": "over",
    "高于": "over",
    "多于": "over",
    "大于": "over",
    "超过": "over",
    "突破": "over",
    "逾": "over",
    "超": "over",
    "不超过": "under",
    "不到": "under",
    "不足": "under",
    "低于": "under",
    "少于": "under",
    "小于": "under",
    "接近": "about",
    "将近": "about",
    "大约": "about",
    "约": "about",
    "近": "about",
}
_SUFFIX_QUALIFIERS = {
    "及以上": "over",
    "以上": "over",
    "以下": "under",
    "以内": "under",
    "左右": "about",
    "上下": "about",
}
# Words a qualifier verb may govern before the number: 超过年度计划的130%, 突破知识价值信用贷款10亿元.
_LONG_REACH = ("超过", "突破")
# One-character qualifiers that are the end of another word here: 签约27个 is signed, not about 27.
_NOT_QUALIFIER = {"约": "签合节条制预公契邀履违特", "近": "附最临靠亲贴", "超": "赶", "逾": ""}
_REACH = 10

# Classifiers after which a number counts things; 大/强/佳 name lists (十大, 30强, 十佳).
_CLASSIFIERS = "家个项名人件条位只所次台套种类支座届篇款块户辆列季期年号大强佳番"
_OTHER_UNITS = ("平方公里", "平方米", "公里", "兆瓦", "千瓦", "万千瓦", "吨", "℃", "米", "版")
_ASCII_UNIT = re.compile(r"[A-Za-z]+")

_ARABIC = re.compile(r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?")
_MULT = re.compile(r"[千百万亿]+")
_CN_RUN = re.compile(f"[{_CN_CHARS}]+")
_DATE = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})"
    r"|(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)"
    r"|(?P<ymd>(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?)"
    r"|(?P<md>\d{1,2}月(?:\s*\d{1,2}日)?)"
    r"|(?P<d>\d{1,2}日)"
)
_CN_DATE = re.compile("([〇零一二三四五六七八九]{4})年|([一二三四五六七八九十]{1,3})(?:月|季度)")


def chinese_numeral(run: str) -> int:
    """The integer a Chinese numeral spells (二十 -> 20, 两万三千 -> 23000, 二〇三五 -> 2035)."""
    if not run or any(c not in _CN_CHARS for c in run):
        raise PrintError(f"'{run}' is not a Chinese numeral")
    if all(c in _CN_DIGITS for c in run):
        # digit by digit only where a zero shows it is positional (二〇三五); 三一 is a name
        if len(run) == 1 or any(c in "〇零" for c in run):
            return int("".join(str(_CN_DIGITS[c]) for c in run))
        raise PrintError(f"'{run}' is not a Chinese numeral (digits without units)")
    total, section, digit, last = 0, 0, None, None
    for c in run:
        if c in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[c] != 0:
                raise PrintError(f"'{run}' is not a Chinese numeral (two digits in a row)")
            digit, last = _CN_DIGITS[c], c
        elif c in _CN_SMALL:
            if last in _CN_SMALL and _CN_SMALL[last] <= _CN_SMALL[c]:
                raise PrintError(f"'{run}' is not a Chinese numeral ({c} after {last})")
            section += (1 if digit is None else digit) * _CN_SMALL[c]
            digit, last = None, c
        else:
            unit = _CN_LARGE[c]
            if last in _CN_LARGE and not section and digit is None:
                total *= unit  # 万亿: the units multiply
            else:
                part = section + (digit or 0)
                total = (total + (part or 1)) * unit if total and total < unit else total + (part or 1) * unit
            section, digit, last = 0, None, c
    if digit:
        prev = run[-2] if len(run) > 1 else ""
        if prev in ("百", "千"):
            section += digit * _CN_SMALL[prev] // 10  # 三百五: 350
        elif prev in _CN_LARGE:
            section += digit * _CN_LARGE[prev] // 10  # 一万五: 15000
        else:
            section += digit
    return total + section


def _arabic_amount(digits: str) -> Fraction:
    return Fraction(Decimal(digits.replace(",", "").replace("，", "")))


def _multiplier(chars: str) -> int:
    out = 1
    for c in chars:
        out *= {**_CN_SMALL, **_CN_LARGE}[c]
    return out


def _qualifier_before(text: str, start: int) -> tuple[int, str]:
    """A qualifier word right before `start` (or 超过/突破 a few words before): new start, value."""
    for word, value in sorted(_PREFIX_QUALIFIERS.items(), key=lambda kv: -len(kv[0])):
        if text.endswith(word, 0, start):
            at = start - len(word)
            if len(word) == 1 and at > 0 and text[at - 1] in _NOT_QUALIFIER.get(word, ""):
                break
            return at, value
    window = text[max(0, start - len(_LONG_REACH[0]) - _REACH) : start]
    for word in _LONG_REACH:
        at = window.rfind(word)
        if at < 0:
            continue
        between = window[at + len(word) :]
        # only words between the verb and the number: no punctuation, digits or numerals
        if (
            between
            and re.fullmatch(r"[\u4e00-\u9fff ]+", between)
            and not re.search(f"[{_CN_CHARS}]|[以左]", between)
            and (between.endswith(("的", " ")) or len(between) <= 8)
        ):
            return start - len(window) + at, value_of(word)
    return start, ""


def value_of(word: str) -> str:
    return _PREFIX_QUALIFIERS.get(word) or _SUFFIX_QUALIFIERS.get(word, "")


def _suffix(text: str, end: int) -> tuple[int, str]:
    for word, value in _SUFFIX_QUALIFIERS.items():
        if text.startswith(word, end):
            return end + len(word), value
    return end, ""


def _measure_after(text: str, end: int) -> tuple[int, str, str]:
    """The unit or classifier right after a number: new end, measure, classifier."""
    for word, measure in (
        ("个百分点", "pp"),
        ("百分点", "pp"),
        ("%", "pct"),
        ("倍", "times"),
        ("平方公里", "sq_km"),
        ("平方米", "sqm"),
        ("元", "money"),
    ):
        if text.startswith(word, end):
            return end + len(word), measure, ""
    for word in _OTHER_UNITS:
        if text.startswith(word, end):
            return end + len(word), "other", ""
    m = _ASCII_UNIT.match(text, end)
    if m:
        return m.end(), "other", ""
    if end < len(text) and text[end] in _CLASSIFIERS:
        c = text[end]
        return end + 1, ("rank" if c in "强佳" else "count"), c
    return end, "", ""


def _build(
    text: str,
    start: int,
    end: int,
    amount: Fraction,
    *,
    measure: str = "",
    qualifier: str = "",
    classifier: str = "",
    multiplied: bool = False,
) -> Number:
    return Number(text[start:end], start, end, amount, measure, qualifier, classifier, multiplied)


def _number_at(text: str, norm: str, start: int, end: int, amount: Fraction, multiplied: bool) -> Number:
    """Extend a bare number at [start, end) to its ordinal, qualifier, unit and suffix words."""
    qualifier, classifier, measure = "", "", ""
    # 余/多 right after the digits: 10余个, 340多个, 二十余
    if end < len(norm) and norm[end] in "余多" and not norm.startswith("多元", end):
        end, qualifier = end + 1, "over"
    if norm.startswith("级", end):  # 10亿级: a size class
        end, qualifier = end + 1, qualifier or "about"
    before_measure = end
    end, measure, classifier = _measure_after(norm, end)
    if classifier == "大" and multiplied:
        end, measure, classifier = before_measure, "", ""  # 千亿大关: an amount, not a list of ten
    if not qualifier and end < len(norm) and norm[end] in "余多" and measure in ("count", "money"):
        end, qualifier = end + 1, "over"  # 1个多, 百元多 are rare; kept for symmetry
    ordinal = start > 0 and norm[start - 1] == "第"
    top = start > 0 and norm[start - 1] == "前" and not ordinal
    if ordinal:
        start -= 1
        if classifier in ("", "位", "名"):
            measure = "rank"
        else:
            measure = "ordinal"
    elif top and classifier in ("", "位", "名", "强"):
        start -= 1
        measure, qualifier = "rank", "under"
    if measure == "rank" and classifier in ("强", "佳"):
        qualifier = "under"  # 30强: somewhere in the top 30
    end, suffix = _suffix(norm, end)
    qualifier = qualifier or suffix
    if not ordinal and not top:
        new_start, prefix = _qualifier_before(norm, start)
        if prefix and not (prefix == "about" and classifier == "年" and norm[new_start] == "近"):
            start, qualifier = new_start, qualifier or prefix
    return _build(
        text,
        start,
        end,
        amount,
        measure=measure,
        qualifier=qualifier,
        classifier=classifier,
        multiplied=multiplied,
    )


def _cn_number_ok(norm: str, start: int, end: int, run: str) -> bool:
    """A Chinese numeral counts as a number only where it counts or ranks something."""
    if all(c in _CN_LARGE for c in run) or all(c in "〇零" for c in run):
        return False  # 万人 (per ten thousand people), 万钢 (a name), 破零倍增 (a slogan)
    before = norm[start - 1] if start else ""
    after = norm[end : end + 4]
    if before and before in "第前":
        return True
    if run[0] not in _CN_LARGE and run[-1] in _CN_LARGE:
        return True  # 千亿 (大关), 两万: a numeral with its multiplier is an amount wherever it stands
    if after.startswith(("分之", "个百分点", "倍", "成")):
        return True
    if after[:1] == "余" and not re.match(r"[\u4e00-\u9fff]", after[1:2]):
        return True  # 二十余, at the end of a clause
    rest = after[1:] if after[:1] and after[0] in "余多" else after
    return bool(rest) and rest[0] in _CLASSIFIERS + "%"


def find_numbers(text: str) -> list[Number]:
    """Every number printed in `text`, in order, with its span, qualifier and unit words."""
    norm = text.translate(_WIDE)
    taken = [False] * len(norm)
    found: list[Number] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(n: Number) -> None:
        for i in range(n.start, n.end):
            taken[i] = True
        found.append(n)

    for m in _DATE.finditer(norm):
        # a date is not the tail of a longer number (1016.11) nor a count of years (3年)
        if m.start() and (norm[m.start() - 1].isdigit() or norm[m.start() - 1] == "."):
            continue
        take(_build(text, m.start(), m.end(), Fraction(0), measure="date"))
    for m in _CN_DATE.finditer(norm):
        if free(m.start(), m.end()) and (m.start() == 0 or norm[m.start() - 1] not in _CN_CHARS + "第"):
            take(_build(text, m.start(), m.end(), Fraction(0), measure="date"))
    # fractions before plain numbers: 2/3, 三分之二, 百分之三十
    for m in re.finditer(r"(\d+)/(\d+)(?![\d/])", norm):
        if free(m.start(), m.end()) and int(m.group(2)):
            end, suffix = _suffix(norm, m.end())
            take(
                _build(
                    text,
                    m.start(),
                    end,
                    Fraction(int(m.group(1)), int(m.group(2))),
                    measure="fraction",
                    qualifier=suffix,
                )
            )
    for m in re.finditer(f"([{_CN_CHARS}]+)分之([{_CN_CHARS}]+)", norm):
        if not free(m.start(), m.end()):
            continue
        try:
            den, num = chinese_numeral(m.group(1)), chinese_numeral(m.group(2))
        except PrintError:
            continue
        if m.group(1) == "百":  # 百分之三十: thirty percent
            take(_build(text, m.start(), m.end(), Fraction(num), measure="pct"))
        elif den:
            take(_build(text, m.start(), m.end(), Fraction(num, den), measure="fraction"))
    for m in _ARABIC.finditer(norm):
        if not free(m.start(), m.end()):
            continue
        try:
            amount = _arabic_amount(m.group())
        except InvalidOperation:
            continue
        end, multiplied = m.end(), False
        mult = _MULT.match(norm, end)
        if mult and not norm.startswith(("千瓦", "万千瓦", "百强", "百分"), end):
            amount *= _multiplier(mult.group())
            end, multiplied = mult.end(), mult.group()[-1] in "万亿"
        n = _number_at(text, norm, m.start(), end, amount, multiplied)
        if free(n.start, n.end):
            take(n)
    for m in _CN_RUN.finditer(norm):
        start, run = m.start(), m.group()
        # a run may hold a numeral and a multiplier of money: 千亿, 两万
        if not free(start, m.end()):
            continue
        if not _cn_number_ok(norm, start, m.end(), run):
            # a bare 亿元/万元 with a qualifier (超过亿元, 亿元以上) is one of that unit
            if run in ("亿", "万") and norm.startswith("元", m.end()):
                before, q = _qualifier_before(norm, start)
                after, suffix = _suffix(norm, m.end() + 1)
                if q or suffix:
                    take(
                        _build(
                            text,
                            before if q else start,
                            after if suffix else m.end() + 1,
                            Fraction(_CN_LARGE[run]),
                            measure="money",
                            qualifier=q or suffix,
                            multiplied=True,
                        )
                    )
            continue
        try:
            amount = Fraction(chinese_numeral(run))
        except PrintError:
            continue
        n = _number_at(text, norm, start, m.end(), Fraction(amount), run[-1] in _CN_LARGE)
        if free(n.start, n.end):
            take(n)
    for m in re.finditer(r"过半|一半|半数", norm):  # 过半: over half; 不到一半: under half
        if free(m.start(), m.end()):
            start, qualifier = (
                (m.start(), "over") if m.group() == "过半" else _qualifier_before(norm, m.start())
            )
            take(_build(text, start, m.end(), Fraction(50), measure="pct", qualifier=qualifier))
    found.sort(key=lambda n: n.start)
    return _distribute(norm, found)


def _distribute(norm: str, found: list[Number]) -> list[Number]:
    """In a list 不低于7万元、3万元 the first item's qualifier applies to the items after it."""
    out = list(found)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if (
            not cur.qualifier
            and prev.qualifier
            and cur.measure == prev.measure
            and norm[prev.end : cur.start] == "、"
            and not prev.is_date
        ):
            out[i] = Number(
                cur.text,
                cur.start,
                cur.end,
                cur.amount,
                cur.measure,
                prev.qualifier,
                cur.classifier,
                cur.multiplied,
                inherited=True,
            )
    return out


def as_printed(text: str) -> Number:
    """The one number a printed text such as '超过900家', '2000万元以上' or '全省第一' states."""
    numbers = [n for n in find_numbers(text) if not n.is_date]
    if len(numbers) != 1:
        shown = ", ".join(f"'{n.text}'" for n in numbers) or "none"
        raise PrintError(f"'{text}' should print one number (found {shown})")
    return numbers[0]


def value_in(number: Number, unit: str) -> Fraction:
    """The value a printed number has in a unit of data/units.csv (money in 亿元: 1万元 = 0.0001)."""
    m = number.measure
    if unit == "100m_cny" and (m == "money" or (m == "" and number.multiplied)):
        return number.amount / 10**8
    if unit == "pct" and m in ("pct", "fraction"):
        return number.amount * (100 if m == "fraction" else 1)
    if unit == "pp" and m == "pp":
        return number.amount
    if unit == "times" and m == "times":
        return number.amount
    if unit == "rank" and m == "rank":
        return number.amount
    if unit in ("count", "per_10k_people") and m in ("count", ""):
        return number.amount
    if unit == "sq_km" and m in ("sq_km", ""):
        return number.amount
    if unit == "10k_sqm" and m == "sqm":
        return number.amount / 10**4
    said = {
        "money": "an amount of money",
        "pct": "a percentage",
        "fraction": "a fraction",
        "pp": "percentage points",
        "times": "a multiple",
        "rank": "a rank",
        "ordinal": "an ordinal",
        "count": f"a count ({number.classifier})",
        "sq_km": "an area in 平方公里",
        "sqm": "an area in 平方米",
        "other": "a technical unit",
        "": "a bare number",
        "date": "a date",
    }[m]
    raise PrintError(f"'{number.text}' is {said}, which does not convert to unit '{unit}'")


def _decimals(value: str) -> int:
    return len(value.split(".")[1]) if "." in value else 0


def _agrees(implied: Fraction, value: str) -> bool:
    """Exact decimals must match exactly; 2/3 may be stored rounded to two or more decimals."""
    try:
        stored = Fraction(Decimal(value))
    except (InvalidOperation, ValueError):
        return True  # not a number: the schema reports it
    den = implied.denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den == 1:
        return stored == implied
    places = _decimals(value.strip())
    return places >= 2 and abs(stored - implied) <= Fraction(1, 2 * 10**places)


def _show(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.10g}"


def check_print(
    as_printed_text: str, quote: str, unit: str, value: str, qualifier: str
) -> list[tuple[str, str]]:
    """Problems (field, message) where a row's value or qualifier is not what its print says.

    The print is read in its quote, so that a qualifier before a list (不低于7万元、3万元)
    reaches every item of it.
    """
    try:
        number = as_printed(as_printed_text)
    except PrintError as exc:
        return [("as_printed", str(exc))]
    at = quote.find(as_printed_text)
    if at >= 0 and not number.qualifier:
        for n in find_numbers(quote):
            if n.start <= at + number.start < n.end and n.inherited:
                number = Number(
                    number.text,
                    number.start,
                    number.end,
                    number.amount,
                    number.measure,
                    n.qualifier,
                    number.classifier,
                    number.multiplied,
                    inherited=True,
                )
    try:
        implied = value_in(number, unit)
    except PrintError as exc:
        return [("value", f"printed '{as_printed_text}': {exc}")]
    problems = []
    if not _agrees(implied, value):
        problems.append(
            ("value", f"printed '{as_printed_text}' implies {_show(implied)} {unit}, the row says {value}")
        )
    if (qualifier or "") != number.qualifier:
        said = number.qualifier or "exact (no qualifier)"
        problems.append(
            ("qualifier", f"printed '{as_printed_text}' reads {said}, the row says '{qualifier or ''}'")
        )
    return problems


# Clause boundaries: a quote is cut at these (、 is kept, it joins the items of one list).
_CLAUSE_END = set(",，;；。！？!?:：\n")


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the shortest clause of `text` around [start, end): between commas, stops, lines."""
    a = start
    while a > 0 and text[a - 1] not in _CLAUSE_END:
        a -= 1
    b = end
    while b < len(text) and text[b] not in _CLAUSE_END:
        b += 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
