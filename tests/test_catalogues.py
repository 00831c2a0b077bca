"""The Chinese edition's catalogues stay honest: every message of the current English is in its
page's catalogue, translated, not fuzzy, and keeps every role of its English; the checker itself
on small catalogues made here.

The book-wide test extracts the English with Sphinx's gettext builder (incremental, in
_build/gettext, as `make catalogues` does), so it also catches English edited without
`make catalogues`. Pages listed in locales/zh_CN/PENDING wait for their rewrite to land.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from zhuzhou_book import catalogues
from zhuzhou_book.catalogues import check_against_templates, check_catalogue, problems, role_difference, roles

REPO = Path(__file__).resolve().parents[1]

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: ../../book/a.ipynb:10002
msgid "Done."
msgstr "完成。"

#: ../../book/a.ipynb:20002
msgid "Not yet."
msgstr ""

#: ../../book/a.ipynb:30002
#, fuzzy
msgid "New English."
msgstr "旧译文。"

#: ../../book/a.ipynb:40002
msgid "Total {num}`zz2021-037` and {word}`rose zz2021-037 zz2021-040`{holds}`zz2021-037 < zz2021-040`."
msgstr "合计{num}`zz2021-037`。"

#: ../../book/b.md:7
msgid "See {ref}`the trends <ch-trends>` and [every number](numbers.md#source-zz2022)."
msgstr "见{ref}`趋势一章 <ch-trends>`和[全部数字](numbers.md#source-zz2022)。"
"""


@pytest.fixture(scope="module")
def book_problems() -> tuple[list, list]:
    assert catalogues.extract() == 0, "the gettext build of the book failed"
    return problems()


def test_every_message_of_the_book_is_in_its_catalogue_translated_not_fuzzy_and_keeps_its_roles(
    book_problems,
):
    found, _ = book_problems
    assert not found, "\n" + "\n".join(map(str, found)) + "\n(`make catalogues`, then translate: README)"


def test_only_the_pages_listed_as_pending_have_untranslated_messages(book_problems):
    _, waiting = book_problems
    folder = REPO / "locales" / "zh_CN" / "LC_MESSAGES"
    pending = catalogues.pending_pages()
    assert {
        Path(p.po_file).relative_to(folder.relative_to(REPO)).with_suffix("").as_posix() for p in waiting
    } <= set(pending)


def test_the_generated_pages_give_no_message_to_translate_but_those_of_their_markdown(book_problems):
    pots = {
        p.relative_to(catalogues.POT_DIR).with_suffix("").as_posix()
        for p in catalogues.POT_DIR.rglob("*.pot")
    }
    assert not [
        p for p in pots if p.startswith("book/sources/")
    ]  # titles come from the data, in each language
    for docname in ("book/numbers", "book/derived", "book/downloads"):
        source = " ".join((REPO / f"{docname}.md").read_text(encoding="utf-8").split())
        for message in catalogues._read_po(catalogues.POT_DIR / f"{docname}.pot"):
            if message.id:
                assert message.id[:40] in source, f"{docname}: {message.id!r} is not from the page's markdown"


def test_the_checker_names_file_and_line_of_untranslated_fuzzy_and_role_changing_messages(tmp_path):
    po = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES" / "book" / "a.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    found = [(p.po_line, p.kind.split(" (")[0], p.source) for p in check_catalogue(po, tmp_path)]
    assert found == [
        (10, "untranslated", "book/a.ipynb cell 2, line 2"),
        (15, "fuzzy", "book/a.ipynb cell 3, line 2"),
        (
            19,
            "roles differ: drops {holds}`zz2021-037 < zz2021-040`, {word}`rose zz2021-037 zz2021-040`",
            "book/a.ipynb cell 4, line 2",
        ),
    ]
    assert str(check_catalogue(po, tmp_path)[0]).startswith(
        "locales/zh_CN/LC_MESSAGES/book/a.po:10: untranslated (book/a.ipynb cell 2, line 2)"
    )


def test_a_message_of_the_current_english_missing_from_the_catalogue_is_reported(tmp_path):
    po = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES" / "book" / "a.po"
    pot = tmp_path / "gettext" / "book" / "a.pot"
    for path in (po, pot):
        path.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    pot.write_text(PO.replace('"Done."', '"Done, and edited."'), encoding="utf-8")
    (po.parent / "gone.po").write_text(PO, encoding="utf-8")
    found = [
        (p.po_file, p.source, p.kind, p.msgid)
        for p in check_against_templates(tmp_path, tmp_path / "gettext")
    ]
    assert found == [
        (
            "locales/zh_CN/LC_MESSAGES/book/a.po",
            "book/a.ipynb cell 1, line 2",
            "not in the catalogue (run `make catalogues`)",
            "Done, and edited.",
        ),
        (
            "locales/zh_CN/LC_MESSAGES/book/gone.po",
            "book/gone",
            "the page has no message any more (run `make catalogues`)",
            "",
        ),
    ]


def test_a_pending_page_waits_until_translated_and_then_must_leave_the_list(tmp_path):
    folder = tmp_path / "locales" / "zh_CN"
    (folder / "LC_MESSAGES" / "book").mkdir(parents=True)
    (folder / "LC_MESSAGES" / "book" / "a.po").write_text(PO, encoding="utf-8")
    (folder / "PENDING").write_text("# waiting for its rewrite\nbook/a\n", encoding="utf-8")
    found, waiting = problems(tmp_path, pot_dir=None)
    assert [p.kind for p in waiting] == ["untranslated"]
    assert [p.kind.split(" (")[0] for p in found] == [
        "fuzzy",
        "roles differ: drops {holds}`zz2021-037 < zz2021-040`, {word}`rose zz2021-037 zz2021-040`",
    ]
    done = PO.replace('msgid "Not yet."\nmsgstr ""', 'msgid "Not yet."\nmsgstr "还没有。"')
    (folder / "LC_MESSAGES" / "book" / "a.po").write_text(done, encoding="utf-8")
    found, waiting = problems(tmp_path, pot_dir=None)
    assert waiting == [] and "listed as pending but fully translated" in " ".join(p.kind for p in found)


def test_a_reference_keeps_its_target_while_its_text_is_translated():
    english = "See {ref}`the trends <ch-trends>`, {ref}`ch-derived` and [the page](numbers.md#x)."
    assert roles(english) == ["](numbers.md#x)", "{ref}<ch-derived>", "{ref}<ch-trends>"]
    assert (
        role_difference(english, "见{ref}`趋势 <ch-trends>`、{ref}`ch-derived`和[该页](numbers.md#x)。") == ""
    )
    assert (
        role_difference(english, "见{ref}`趋势 <ch-targets>`、{ref}`ch-derived`和[该页](numbers.md#x)。")
        == "drops {ref}<ch-trends>; adds {ref}<ch-targets>"
    )
    assert "drops ](numbers.md#x)" in role_difference(
        english, "见{ref}`趋势 <ch-trends>`、{ref}`ch-derived`。"
    )
