"""Every number of every raw text is recorded in a row or excluded with a reason.

The finder of `printed` gives each number a source text prints (Arabic digits and Chinese
numerals alike). A number counts as recorded when a row of that source quotes the passage and
its `as_printed` is that number; a date inside a recorded quote counts too (the row's period
says what it is). Everything else must be listed, with a reason, in the source's
`extraction/excluded_<source>.md`, in a table of this form (read by `read_exclusions`):

    | number | passage | reason |
    |---|---|---|
    | `2021-02-04` | `2021-02-04 09:17:30` | publication timestamp (page metadata) |
    | `*` | `银企签约27个重大项目` | unrelated news item on the page: the bank meeting |

`number` is the number as the finder prints it (or `*` for every number in the passage) and
`passage` a verbatim piece of the raw text around it; an exclusion covers every occurrence of its
passage, so a repeated paragraph is listed once. An exclusion that matches nothing, or that covers
a recorded number, is itself a problem: the list stays true to the text.

`python -m zhuzhou_innovation.completeness [DATA_DIR]` prints what is neither recorded nor excluded.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .load import Problem
from .paths import data_dir
from .printed import Number, clause, find_numbers

_HEADER = re.compile(r"^\|\s*number\s*\|\s*passage\s*\|\s*reason\s*\|\s*$")


@dataclass(frozen=True)
class Exclusion:
    """One row of an excluded_<source>.md table; `line` is its line in that file."""

    number: str
    passage: str
    reason: str
    line: int


def _cells(line: str) -> list[str]:
    """The cells of a markdown table row; `\\|` is a literal bar."""
    body = line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:]
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", body)]


def _code(cell: str) -> str | None:
    return cell[1:-1] if len(cell) >= 2 and cell[0] == cell[-1] == "`" else None


def read_exclusions(path: Path, label: str) -> tuple[list[Exclusion], list[Problem]]:
    """The exclusion table of one excluded_<source>.md, and the problems of its rows."""
    exclusions, problems, in_table = [], [], False
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _HEADER.match(line):
            in_table = True
            continue
        if not in_table:
            continue
        if not line.startswith("|"):
            in_table = False
            continue
        cells = _cells(line)
        if set("".join(cells)) <= set("-: "):
            continue  # the |---| rule
        number, passage = (_code(c) for c in cells[:2]) if len(cells) >= 2 else (None, None)
        if len(cells) != 3 or number is None or passage is None or not cells[2]:
            problems.append(
                Problem(label, line_no, None, "an exclusion row is | `number` | `passage` | reason |")
            )
            continue
        exclusions.append(Exclusion(number, passage, cells[2], line_no))
    return exclusions, problems


def _occurrences(text: str, part: str) -> list[int]:
    out, at = [], text.find(part)
    while part and at >= 0:
        out.append(at)
        at = text.find(part, at + 1)
    return out


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def source_problems(
    text: str, rows: list[dict[str, str]], exclusions: list[Exclusion], raw_label: str, excluded_label: str
) -> list[Problem]:
    """What makes one source incomplete: numbers neither recorded nor excluded, stale exclusions."""
    numbers = find_numbers(text)
    recorded: dict[int, str] = {}  # index of a number in `numbers` -> a row id recording it
    quoted: set[int] = set()  # dates inside a recorded quote
    for row in rows:
        offset = row["quote"].find(row["as_printed"])
        for at in _occurrences(text, row["quote"]):
            start, end = at + max(offset, 0), at + max(offset, 0) + len(row["as_printed"])
            for i, n in enumerate(numbers):
                if offset >= 0 and n.start < end and start < n.end and not n.is_date:
                    recorded.setdefault(i, row["id"])
                if n.is_date and at <= n.start and n.end <= at + len(row["quote"]):
                    quoted.add(i)
    problems: list[Problem] = []
    excluded: set[int] = set()
    for ex in exclusions:
        spots = _occurrences(text, ex.passage)
        if not spots:
            problems.append(
                Problem(
                    excluded_label, ex.line, "passage", f"'{ex.passage}' is not found verbatim in {raw_label}"
                )
            )
            continue
        hits = [
            i
            for i, n in enumerate(numbers)
            if (ex.number == "*" or n.text == ex.number)
            and any(at <= n.start and n.end <= at + len(ex.passage) for at in spots)
        ]
        if not hits:
            inside = sorted(
                {
                    n.text
                    for n in numbers
                    if any(at <= n.start and n.end <= at + len(ex.passage) for at in spots)
                }
            )
            problems.append(
                Problem(
                    excluded_label,
                    ex.line,
                    "number",
                    f"no number '{ex.number}' in '{ex.passage}' as the finder reads it "
                    f"(it finds {', '.join(inside) or 'none'})",
                )
            )
        for i in hits:
            if i in recorded:
                problems.append(
                    Problem(
                        excluded_label,
                        ex.line,
                        "number",
                        f"'{numbers[i].text}' in '{ex.passage}' is recorded "
                        f"(row {recorded[i]}), so it cannot be excluded",
                    )
                )
        excluded.update(hits)
    for i, n in enumerate(numbers):
        if i in recorded or i in quoted or i in excluded:
            continue
        problems.append(
            Problem(
                raw_label,
                _line(text, n.start),
                None,
                f"number '{n.text}' in '{_passage(text, n)}' is neither recorded "
                f"(as a row's as_printed in its quote) nor listed in {excluded_label}",
            )
        )
    return problems


def _passage(text: str, n: Number) -> str:
    a, b = clause(text, n.start, n.end)
    return text[a:b] if b - a <= 80 else text[max(a, n.start - 30) : min(b, n.end + 30)]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def completeness_problems(base: str | Path | None = None) -> list[Problem]:
    """Every number of every source text that is neither recorded nor excluded, and every stale exclusion."""
    base = Path(base).resolve() if base else data_dir()
    rows = _read_csv(base / "observations.csv")
    problems = []
    for source in _read_csv(base / "sources.csv"):
        raw = base / "raw" / source["file"]
        raw_label = f"{base.name}/raw/{source['file']}"
        path = base / "extraction" / f"excluded_{source['id']}.md"
        excluded_label = f"{base.name}/extraction/{path.name}"
        if not path.is_file():
            problems.append(
                Problem(
                    excluded_label,
                    None,
                    None,
                    f"missing: every source needs its list of excluded numbers (source '{source['id']}')",
                )
            )
            exclusions: list[Exclusion] = []
        else:
            exclusions, bad = read_exclusions(path, excluded_label)
            problems += bad
        text = raw.read_text(encoding="utf-8")
        mine = [r for r in rows if r["source"] == source["id"]]
        problems += source_problems(text, mine, exclusions, raw_label, excluded_label)
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    problems = completeness_problems(args[0] if args else None)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)" if problems else "every number is recorded or excluded")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
