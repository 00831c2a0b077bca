"""The Chinese edition's message catalogues: extract the English, update the catalogues, check them.

    python -m zhuzhou_book.catalogues          # `make catalogues`: gettext, then sphinx-intl update
    python -m zhuzhou_book.catalogues --check  # list every problem by file and line (exit 1 if any)

The catalogues are `locales/zh_CN/LC_MESSAGES/<page>.po`, one per page of the book
(`gettext_compact: false`), each message a paragraph, heading, list item, caption or alt text of
the English. Sphinx shows the English wherever a message is untranslated, fuzzy (its English changed
since it was translated: `sphinx-intl update` keeps the old translation and marks it) or missing
(English edited without `make catalogues`), silently; `problems` finds all three, and translations
that drop or change a role of their English (`{num}`, `{word}`, `{holds}`, `{ref}`, glue, links),
each with the .po file and line and the page and line the English comes from.

Pages whose translation is pending (their English is being rewritten) are listed in
`locales/zh_CN/PENDING`: their untranslated messages are reported apart, and a page listed there
whose catalogue is complete is a problem (take it off the list).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from zhuzhou_innovation.paths import BUILD, REPO

from .editions import Edition, sphinx_build

LANGUAGE = "zh_CN"
LOCALES = REPO / "locales"
POT_DIR = BUILD / "gettext"
POT_DOCTREES = BUILD / ".doctrees-gettext"
# Sphinx's own interface words ("Link to this heading"), which its zh_CN catalogue leaves
# untranslated: Sphinx reads locales/<language>/LC_MESSAGES/sphinx.po before its own, so the
# project fills the gaps there. It belongs to no page, so `make catalogues` keeps it.
SPHINX_CATALOGUE = "sphinx"
PENDING = "PENDING"  # locales/<language>/PENDING: one docname a line, `#` comments

# Roles whose whole text must come back unchanged (a value, a word chosen by the data, a guard, glue),
# and roles whose target must (the link text of `{ref}`text <label>`` is translated).
VALUE_ROLES = ("num", "word", "holds", "glue", "glue:text", "glue:md", "glue:any", "glue:figure")
TARGET_ROLES = ("ref", "doc", "download", "numref", "eq", "term", "prf:ref", "external")
_ROLE = re.compile(r"\{([\w:+-]+)\}`([^`]*)`")
_TARGET = re.compile(r"^(?:.*?)<([^<>]+)>$", re.S)
_LINK = re.compile(r"\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Problem:
    """One message that would leave English, or a wrong value, on a Chinese page."""

    po_file: str
    po_line: int  # 0: the message is not in the catalogue at all
    source: str  # where the English is, e.g. book/05-zhuzhou-2022-review.ipynb cell 12, line 3
    kind: str
    msgid: str

    def __str__(self) -> str:
        where = f"{self.po_file}:{self.po_line}" if self.po_line else self.po_file
        return f"{where}: {self.kind} ({self.source}): {self.msgid[:80]!r}"


def roles(text: str) -> list[str]:
    """The roles and link targets of a message that a translation must keep, sorted.

    `{num}`zz2021-037`` counts whole; `{ref}`the trends chapter <ch-trends>`` counts as its target
    (`{ref}<ch-trends>`), since its text is translated; a markdown link counts as its address."""
    found = []
    for name, body in _ROLE.findall(text):
        if name in TARGET_ROLES:
            target = _TARGET.match(body.strip())
            found.append(f"{{{name}}}<{(target.group(1) if target else body).strip()}>")
        else:
            found.append(f"{{{name}}}`{body}`")
    found += [f"]({url})" for url in _LINK.findall(text)]
    return sorted(found)


def role_difference(english: str, chinese: str) -> str:
    """'' when the translation keeps every role of its English, else what it drops and adds."""
    en, zh = roles(english), roles(chinese)
    if en == zh:
        return ""
    dropped = [r for r in en if en.count(r) > zh.count(r)]
    added = [r for r in zh if zh.count(r) > en.count(r)]
    return "; ".join(
        p
        for p in (
            f"drops {', '.join(sorted(set(dropped)))}" if dropped else "",
            f"adds {', '.join(sorted(set(added)))}" if added else "",
        )
        if p
    )


def source_location(path: str, line: int | None) -> str:
    """Where a message's English is: a notebook's cell and line (myst-nb numbers lines cell × 10000 +
    line), or a markdown page's line."""
    path = Path(path).as_posix()
    while path.startswith("../"):
        path = path[3:]
    if line is None:
        return path
    if path.endswith(".ipynb") and line >= 10000:
        return f"{path} cell {line // 10000}, line {line % 10000}"
    return f"{path}:{line}"


def _read_po(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f)  # keeps fuzzy messages; each message's lineno is its line in the file


def _locations(message) -> str:
    return ", ".join(source_location(p, n) for p, n in message.locations) or "no location"


def translations(docname: str, root: Path = REPO, language: str = LANGUAGE) -> dict[str, str]:
    """The translated messages of one page's catalogue, English to Chinese (fuzzy ones left out, as
    Sphinx leaves them out)."""
    po = catalogue_path(docname, root, language)
    if not po.is_file():
        return {}
    return {m.id: m.string for m in _read_po(po) if m.id and m.string and not m.fuzzy}


def pending_pages(root: Path = REPO, language: str = LANGUAGE, locale_dir: str = "locales") -> list[str]:
    """The pages whose translation waits for their English to settle (locales/<language>/PENDING)."""
    path = root / locale_dir / language / PENDING
    if not path.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def catalogue_path(docname: str, root: Path = REPO, language: str = LANGUAGE) -> Path:
    return root / "locales" / language / "LC_MESSAGES" / f"{docname}.po"


def check_catalogue(po: Path, root: Path = REPO) -> list[Problem]:
    """The untranslated, fuzzy and role-changing messages of one .po file."""
    problems = []
    for message in _read_po(po):
        if not message.id:
            continue  # the header
        kind = None
        if message.fuzzy:
            kind = "fuzzy (its English changed since it was translated)"
        elif not message.string:
            kind = "untranslated"
        elif difference := role_difference(message.id, message.string):
            kind = f"roles differ: {difference}"
        if kind:
            problems.append(
                Problem(
                    po.relative_to(root).as_posix(), message.lineno, _locations(message), kind, message.id
                )
            )
    return problems


def check_against_templates(
    root: Path = REPO, pot_dir: Path = POT_DIR, language: str = LANGUAGE
) -> list[Problem]:
    """The messages of the current English (the .pot files of a gettext build) that the catalogues
    lack (English edited or added since `make catalogues`), and catalogues of pages that are gone."""
    problems = []
    pots = {p.relative_to(pot_dir).with_suffix("").as_posix(): p for p in sorted(pot_dir.rglob("*.pot"))}
    for docname, pot in pots.items():
        po = catalogue_path(docname, root, language)
        known = {m.id for m in _read_po(po) if m.id} if po.is_file() else set()
        for message in _read_po(pot):
            if message.id and message.id not in known:
                problems.append(
                    Problem(
                        po.relative_to(root).as_posix(),
                        0,
                        _locations(message),
                        "not in the catalogue (run `make catalogues`)",
                        message.id,
                    )
                )
    folder = root / "locales" / language / "LC_MESSAGES"
    for po in sorted(folder.rglob("*.po")):
        docname = po.relative_to(folder).with_suffix("").as_posix()
        if docname not in pots and docname != SPHINX_CATALOGUE:
            problems.append(
                Problem(
                    po.relative_to(root).as_posix(),
                    0,
                    docname,
                    "the page has no message any more (run `make catalogues`)",
                    "",
                )
            )
    return problems


def problems(
    root: Path = REPO, pot_dir: Path | None = POT_DIR, language: str = LANGUAGE
) -> tuple[list[Problem], list[Problem]]:
    """(problems, pending): every problem of the catalogues, and the untranslated messages of the
    pages listed as pending, which are not problems yet. A pending page whose catalogue is complete
    is a problem: the list would hide its next untranslated message."""
    folder = root / "locales" / language / "LC_MESSAGES"
    pending_docs = pending_pages(root, language)
    found, waiting = [], []
    for docname in pending_docs:
        if not catalogue_path(docname, root, language).is_file():
            found.append(
                Problem(
                    f"locales/{language}/{PENDING}",
                    0,
                    docname,
                    "a pending page without a catalogue (a typo, or a page that is gone)",
                    "",
                )
            )
    for po in sorted(folder.rglob("*.po")):
        docname = po.relative_to(folder).with_suffix("").as_posix()
        listed = check_catalogue(po, root)
        if docname in pending_docs:
            waiting += [p for p in listed if p.kind == "untranslated"]
            found += [p for p in listed if p.kind != "untranslated"]
            if not any(p.kind == "untranslated" for p in listed):
                found.append(
                    Problem(
                        f"locales/{language}/{PENDING}",
                        0,
                        docname,
                        "listed as pending but fully translated: take it off the list",
                        "",
                    )
                )
        else:
            found += listed
    if pot_dir is not None:
        found += check_against_templates(root, pot_dir, language)
    return found, waiting


def extract(root: Path = REPO, pot_dir: Path = POT_DIR, doctrees: Path = POT_DOCTREES) -> int:
    """The English messages of every page, as `.pot` files in `pot_dir` (Sphinx's gettext builder,
    incremental: its own doctrees). Pages without a message (the generated source texts) get no file.

    Warnings do not stop it (the HTML build is where they are errors): a fresh checkout without the
    files `make book` writes (the figures' CSVs the captions link) has the same messages."""
    status = sphinx_build(
        Edition("en", pot_dir.parent, pot_dir),
        root,
        builder="gettext",
        outdir=pot_dir,
        doctreedir=doctrees,
        strict=False,
    )
    if status != 0:
        return status
    for pot in pot_dir.rglob("*.pot"):
        if not any(m.id for m in _read_po(pot)):
            pot.unlink()
    return 0


def update(root: Path = REPO, pot_dir: Path = POT_DIR, language: str = LANGUAGE) -> int:
    """`sphinx-intl update`: new messages added untranslated, changed ones marked fuzzy with their old
    translation, removed ones dropped; then the catalogues of pages that are gone are deleted."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_intl",
            "update",
            "-p",
            str(pot_dir),
            "-d",
            str(root / "locales"),
            "-l",
            language,
            "-w",
            "0",
            "--no-obsolete",
            "-j",
            "1",
        ],
        cwd=root,
        check=False,
    )
    if done.returncode != 0:
        return done.returncode
    folder = root / "locales" / language / "LC_MESSAGES"
    for po in sorted(folder.rglob("*.po")):
        rel = po.relative_to(folder).with_suffix(".pot")
        if not (pot_dir / rel).is_file() and rel.stem != SPHINX_CATALOGUE:
            print(f"Delete: {po.relative_to(root)} (its page has no message any more)")
            po.unlink()
            po.with_suffix(".mo").unlink(missing_ok=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="only check the catalogues against a fresh extraction; exit 1 on a problem",
    )
    args = parser.parse_args(argv)
    status = extract()
    if status != 0:
        print("the gettext build failed; the warnings above say why", file=sys.stderr)
        return status
    if not args.check:
        status = update()
        if status != 0:
            return status
    found, waiting = problems()
    for p in found:
        print(p)
    count = sum(1 for po in (LOCALES / LANGUAGE / "LC_MESSAGES").rglob("*.po") for m in _read_po(po) if m.id)
    print(
        f"{count} messages; {len(found)} problems; {len(waiting)} untranslated messages on "
        f"{len(pending_pages())} pending pages (locales/{LANGUAGE}/{PENDING})",
        file=sys.stderr,
    )
    return 1 if args.check and found else 0


if __name__ == "__main__":
    sys.exit(main())
