"""Words chosen by the data, and guards on claims, so prose cannot contradict its own numbers.

Glue keeps numbers in step with the data; these keep the words beside them in step too. In a page:

    R&D intensity is to {word}`rise zz2021-037 zz2021-040` to {num}`zz2021-040`.
    The city counted {word}`more zz2021-012 zz2022-002` high-tech enterprises than a year before.
    {holds}`zz2022-002 + zz2022-052 == zz2022-053`The sum is exactly the target the page names.

`{word}`FORM A B`` compares B with A and writes FORM's word for "B is larger", "smaller" or
"equal" in the page's language (for ranks, a smaller number is the higher place, so "rose" means
climbed). Other words take one key: `met` (a target's status in the scorecard), `verdict` (the same
in words, with the reason where it is not comparable: "not comparable: ..."), `reading` (the
best reading of the promise the target belongs to: "probably missed"), `times` (2 reads
"twice"), `fraction` (0.1 reads "a tenth"), `ordinal` (a rank of 2 reads "second"), `count`
(3 reads "three"), `plural` (`{word}`plural KEY target targets``). `{holds}`EXPR`` prints nothing
and stops the build when EXPR (keys, numbers, + − × ÷, comparisons, and/or) is false.
`render` does the same for plain text (the brief, the slides, the findings).
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable

from .facts import Facts
from .narrative import ordinal, ordinal_word

# FORM: (B larger, B smaller, equal) in English and in Chinese.
COMPARISONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "rise": {"en": ("rise", "fall", "stay level"), "zh": ("提高", "下降", "持平")},
    "rises": {"en": ("rises", "falls", "stays level"), "zh": ("提高", "下降", "持平")},
    "rose": {"en": ("rose", "fell", "held level"), "zh": ("上升", "下降", "持平")},
    "grew": {"en": ("grew", "shrank", "held level"), "zh": ("增长", "减少", "持平")},
    "up": {"en": ("up", "down", "unchanged"), "zh": ("增加", "减少", "不变")},
    "increase": {"en": ("an increase", "a decrease", "no change"), "zh": ("增加", "减少", "不变")},
    "more": {"en": ("more", "fewer", "as many"), "zh": ("多", "少", "一样多")},
    "higher": {"en": ("higher", "lower", "the same"), "zh": ("高", "低", "相同")},
    "above": {"en": ("above", "below", "level with"), "zh": ("高于", "低于", "等于")},
    "larger": {"en": ("larger", "smaller", "the same size"), "zh": ("大", "小", "相同")},
    "exceeds": {"en": ("exceeds", "falls short of", "equals"), "zh": ("超过", "低于", "等于")},
    "raises": {"en": ("raises", "lowers", "keeps"), "zh": ("提高", "降低", "保持")},
}
# The book's one vocabulary for a target's formal status and a promise's best reading, (English,
# Chinese): every table, verdict, slide and sentence that names a status reads it from here.
STATUS = {
    "met": ("met", "完成"),
    "missed": ("missed", "未完成"),
    "not comparable": ("not comparable", "不可比"),
    "not yet reported": ("not yet reported", "尚无结果"),
}
READING = {
    "met": ("met", "完成"),
    "probably met": ("probably met", "很可能完成"),
    "missed": ("missed", "未完成"),
    "probably missed": ("probably missed", "很可能未完成"),
    "possibly missed": ("possibly missed", "可能未完成"),
    "open": ("open", "尚无定论"),
}


def label(vocabulary: dict[str, tuple[str, str]], key: str, lang: str, capital: bool = False) -> str:
    """`key`'s word in `vocabulary` (STATUS or READING) in `lang`; `capital` for a table cell."""
    word = vocabulary[key][0 if lang == "en" else 1]
    return word[:1].upper() + word[1:] if capital else word


_COUNT_EN = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_COUNT_ZH = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"]
_TIMES_EN = {
    2: "twice",
    3: "three times",
    4: "four times",
    5: "five times",
    6: "six times",
    7: "seven times",
    8: "eight times",
    9: "nine times",
    10: "ten times",
}
_FRACTION_EN = {2: "half", 3: "a third", 4: "a quarter", 5: "a fifth", 10: "a tenth", 100: "a hundredth"}
_ZH_NUM = "零一二三四五六七八九"
_DENOMINATORS = (2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100)


class ClaimError(ValueError):
    """A word or a guard the data no longer supports, or one written wrongly; says which and why."""


def _zh_number(n: int) -> str:
    """A whole number up to 99 in Chinese numerals (for 三十分之一)."""
    if n < 10:
        return _ZH_NUM[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _ZH_NUM[tens]) + "十" + ("" if units == 0 else _ZH_NUM[units])


def _fraction(x: float, lang: str) -> str:
    """A ratio as the nearest simple fraction in words: 0.1 'a tenth', 0.033 'about a thirtieth'."""
    if not 0 < x <= 1:
        raise ClaimError(f"a fraction needs a ratio between 0 and 1, got {x:g}")
    if abs(x - 2 / 3) < 0.01:
        return "two thirds" if lang == "en" else "三分之二"
    if abs(x - 3 / 4) < 0.01:
        return "three quarters" if lang == "en" else "四分之三"
    # the nearest fraction a reader says: a half, a third ... a tenth, a twentieth ... a hundredth
    n = min(_DENOMINATORS, key=lambda d: abs(math.log(x * d)))
    about = abs(1 / n - x) / x > 0.02
    if lang == "zh":
        return ("约" if about else "") + f"{_zh_number(n) if n < 100 else '百'}分之一"
    word = _FRACTION_EN.get(n) or f"a {ordinal_word(n) if n <= 10 else _ordinal_en(n)}"
    return ("about " if about else "") + word


def _ordinal_en(n: int) -> str:
    tens = {
        20: "twentieth",
        25: "twenty-fifth",
        30: "thirtieth",
        40: "fortieth",
        50: "fiftieth",
        60: "sixtieth",
        70: "seventieth",
        80: "eightieth",
        90: "ninetieth",
    }
    return tens.get(n, ordinal(n))


def _times(x: float, lang: str) -> str:
    n = round(x)
    exact = n and abs(x - n) / n < 0.05
    if lang == "zh":
        return f"{n}倍" if exact else f"{x:.1f}倍"
    if exact:
        return _TIMES_EN.get(n, f"{n} times") if n != 1 else "as much as"
    return f"{x:.1f} times"


def compare(facts: Facts, a: str, b: str) -> int:
    """0 if b is larger than a, 1 if smaller, 2 if equal; for two ranks a smaller number is larger."""
    va, vb = facts.value(a), facts.value(b)
    if facts.get(a).unit == "rank" and facts.get(b).unit == "rank":
        va, vb = -va, -vb
    return 0 if vb > va else 1 if vb < va else 2


def word(spec: str, facts: Facts, lang: str = "en") -> str:
    """The word that `spec` ('rise zz2021-037 zz2021-040', 'met zz2021-049', ...) stands for."""
    parts = spec.split()
    if not parts:
        raise ClaimError("an empty {word} role")
    form, args = parts[0], parts[1:]
    try:
        if form in COMPARISONS:
            if len(args) != 2:
                raise ClaimError(f"{{word}}`{spec}`: '{form}' compares two keys")
            return COMPARISONS[form]["en" if lang == "en" else "zh"][compare(facts, *args)]
        if form == "met":
            from .scorecard import scorecard

            card = scorecard(facts.ds).set_index("target_id")
            if args[0] not in card.index:
                raise ClaimError(f"{{word}}`{spec}`: {args[0]} is not a target")
            return label(STATUS, card.status[args[0]], lang)
        if form == "verdict":  # the scorecard's verdict worded by findings.verdict, in a sentence
            from .findings import verdict_of

            return verdict_of(facts.ds, args[0], lang, in_sentence=True)
        if form == "reading":
            from .scorecard import promises

            found = promises(facts.ds, peers=True)
            found = found[found.target_ids.str.split(", ").map(lambda ids: args[0] in ids)]
            if found.empty:
                raise ClaimError(f"{{word}}`{spec}`: {args[0]} is not a target")
            return label(READING, found.reading.iloc[0], lang)
        value = facts.value(args[0]) if args else math.nan
        if form == "times":
            return _times(value, lang)
        if form == "fraction":
            return _fraction(value, lang)
        if form == "ordinal":
            return ordinal_word(int(value)) if lang == "en" else f"第{_zh_number(int(value))}"
        if form == "count":
            n = int(value)
            if n != value or n < 0:
                raise ClaimError(f"{{word}}`{spec}`: {value:g} is not a count")
            table = _COUNT_EN if lang == "en" else _COUNT_ZH
            return table[n] if n < len(table) else f"{n:,}" if lang == "en" else str(n)
        if form == "plural":
            if len(args) != 3:
                raise ClaimError(f"{{word}}`{spec}`: plural takes a key, the singular and the plural")
            if lang != "en":
                return ""  # Chinese nouns and verbs do not inflect for number: the word is left out
            return args[1] if value == 1 else args[2]
    except KeyError as exc:
        raise ClaimError(f"{{word}}`{spec}`: {exc}") from None
    raise ClaimError(
        f"{{word}}`{spec}`: no word form '{form}' (forms: {', '.join(sorted(COMPARISONS))}, "
        "met, verdict, reading, times, fraction, ordinal, count, plural)"
    )


_OPS: dict[type, Callable] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12),
    ast.NotEq: operator.ne,
    ast.USub: operator.neg,
}
_KEY = re.compile(r"(?<![\w.])([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?![\w-])")


def holds(expr: str, facts: Facts) -> bool:
    """Evaluate a guard: keys (row ids, quantity names), numbers, + - * /, comparisons, and/or, abs."""
    names: dict[str, float] = {}

    def to_name(m: re.Match) -> str:
        key = m.group(1)
        names[f"_k{len(names)}"] = facts.value(key)
        return f"_k{len(names) - 1}"

    try:
        tree = ast.parse(_KEY.sub(to_name, expr), mode="eval")
    except SyntaxError as exc:
        raise ClaimError(f"{{holds}}`{expr}`: not an expression ({exc.msg})") from None
    except KeyError as exc:
        raise ClaimError(f"{{holds}}`{expr}`: {exc}") from None

    def ev(node: ast.AST):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return node.value
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.operand))
        if isinstance(node, ast.BoolOp):
            values = [ev(v) for v in node.values]
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.Compare):
            left = ev(node.left)
            for op, right_node in zip(node.ops, node.comparators, strict=False):
                right = ev(right_node)
                if not _OPS[type(op)](left, right):
                    return False
                left = right
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "abs":
            return abs(ev(node.args[0]))
        raise ClaimError(f"{{holds}}`{expr}`: '{ast.unparse(node)}' is not allowed in a guard")

    return bool(ev(tree))


def check(expr: str, facts: Facts) -> None:
    """Raise ClaimError when the guard `expr` does not hold."""
    if not holds(expr, facts):
        shown = _KEY.sub(lambda m: f"{m.group(1)} (= {facts.value(m.group(1)):g})", expr)
        raise ClaimError(f"the data no longer support a sentence: {{holds}}`{expr}` is false: {shown}")


_ROLE = re.compile(r"\{(num|word|holds)\}`([^`]+)`")


def render(text: str, facts: Facts, lang: str = "en") -> str:
    """Resolve {num}, {word} and {holds} roles in plain text (for the brief, slides, findings)."""

    def one(m: re.Match) -> str:
        role, body = m.groups()
        if role == "num":  # `{num}`key plain`` drops the Chinese that English money carries in brackets
            key, _, option = body.strip().partition(" ")
            fact = facts.get(key)
            text = fact.text(lang)
            return (
                text.split(" (")[0]
                if option == "plain" and lang == "en" and fact.unit == "100m_cny"
                else text
            )
        if role == "word":
            return word(body, facts, lang)
        check(body, facts)
        return ""

    return _ROLE.sub(one, text)


def roles_in(text: str) -> list[tuple[str, str]]:
    """Every (role, body) of {num}, {word} and {holds} in `text`, in order."""
    return _ROLE.findall(text)
