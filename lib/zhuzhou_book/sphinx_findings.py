"""The landing page's findings as a Sphinx extension: the headline table, the verdicts, the key
findings and the documents' time line, built from the data when a page is read.

    ```{headline-table}
    ```
    ```{target-verdicts}
    :open:
    ```
    ```{key-findings}
    ```
    ```{document-timeline}
    ```
    The latest outcome is for {vintage}`outcomes`; targets run to {vintage}`targets`.

Each directive asks `zhuzhou_innovation.findings` for its content, in the edition's language,
and writes it as MyST with the book's number roles, so every number is a link to its row (quote
on hover) exactly as in a chapter, and the page is read again whenever the data, the library
(both through `zhuzhou_book.sphinx_numbers`) or `book/findings.yml` change. What the directives
write is data, not prose to translate: it is kept out of the gettext catalogues.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole
from zhuzhou_innovation import findings
from zhuzhou_innovation.paths import FINDINGS

from .sphinx_numbers import NUMBERS_DOC, _facts, _lang

SEE = {"en": "see {link}", "zh": "详见{link}"}
TEXT = {"en": "text", "zh": "原文"}
TEXT_HEADER = {"en": "Source text", "zh": "原文"}


def _cell(text: str) -> str:
    """Text safe inside a list-table cell (one line)."""
    return " ".join(str(text).split()) or "–"


def list_table(header: list[str], rows: list[list[str]], caption: str = "", classes: str = "") -> list[str]:
    """MyST lines of a list-table: a header row, the first column as row headers."""
    lines = [f":::{{list-table}} {caption}".rstrip(), ":header-rows: 1", ":stub-columns: 1"]
    if classes:
        lines.append(f":class: {classes}")
    lines.append("")
    for row in [header, *rows]:
        lines += [f"* - {_cell(row[0])}"] + [f"  - {_cell(c)}" for c in row[1:]]
    return [*lines, ":::"]


class _Generated(Directive):
    """A directive that writes MyST and parses it in place, kept out of the translations."""

    has_content = False

    def markdown(self) -> list[str]:
        raise NotImplementedError

    @property
    def app(self) -> Sphinx:
        return self.state.document.settings.env.app

    @property
    def lang(self) -> str:
        return _lang(self.app)

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        env.note_dependency(str(FINDINGS))
        container = nodes.container(classes=["zz-findings"])
        self.state.nested_parse(
            StringList(self.markdown(), source=env.docname), self.content_offset, container
        )
        for node in container.findall(nodes.TextElement):
            node["translatable"] = False
        return [container]

    def uri(self, target: str, anchor: str = "") -> str:
        """A link from the page being read to `target` (a docname) and an id in it: the number
        pages' anchors are in generated HTML, which MyST's own links cannot check."""
        env = self.state.document.settings.env
        return self.app.builder.get_relative_uri(env.docname, target) + (f"#{anchor}" if anchor else "")


class HeadlineTable(_Generated):
    """The headline indicators by period (`findings.headline_table`), every number a link."""

    def markdown(self) -> list[str]:
        table = findings.headline_table(_facts(self.app).ds, self.lang)
        header = [findings.WORDS[self.lang]["indicator"]] + [c.header(self.lang) for c in table.columns]
        rows = [
            [label, *(cell.markup for cell in line)]
            for label, line in zip(table.labels, table.cells, strict=True)
        ]
        return list_table(header, rows, table.caption, "zz-headline")


class TargetVerdicts(_Generated):
    """A verdict per target (`findings.verdicts`): the targets due, or with `:open:` the later ones."""

    option_spec: ClassVar[dict] = {"open": directives.flag}

    def markdown(self) -> list[str]:
        ds, lang = _facts(self.app).ds, self.lang
        w = findings.WORDS[lang]
        v = findings.verdicts(ds, lang)
        v = v[v.due != ("open" in self.options)]
        rows = []
        for line in v.itertuples():
            target = ds.observations.set_index("id").loc[line.target_ids[0]].to_dict()
            promised = findings.measure_template(ds, target, lang, reported=False).format(
                v=f"{{num}}`{line.target_ids[0]} plain`"
            )
            if line.restated > 1:
                promised += w["mark"].format(w["restated"].format(n=line.restated))
            reported = f"{{num}}`{line.actual_id} plain`" if line.actual_id else w["gap"]
            rows.append([line.what, promised, reported, line.verdict])
        header = [w["target_col"], w["promised"], w["outcome"], w["verdict"]]
        return list_table(header, rows, classes="zz-verdicts")


class KeyFindings(_Generated):
    """The key findings of book/findings.yml, numbers as links, each linked to its chapter."""

    def markdown(self) -> list[str]:
        lang = self.lang
        lines = []
        for entry in findings.read_findings():
            body = " ".join(str(entry[lang]).split()) if lang == "en" else str(entry[lang]).strip()
            end = "." if lang == "en" else "。"
            body = body.rstrip(".。")
            see = SEE[lang].format(link=f"{{ref}}`{entry[f'link_{lang}']} <{entry['chapter']}>`")
            lines.append(f"- {body} ({see}){end}" if lang == "en" else f"- {body}（{see}）{end}")
        return [":::{container} zz-key-findings", "", *lines, ":::"]


class DocumentTimeline(_Generated):
    """The documents in order of publication (`findings.timeline`), each linked to its chapter
    (where the book has one), its numbers and its text."""

    def markdown(self) -> list[str]:
        ds, lang = _facts(self.app).ds, self.lang
        w = findings.WORDS[lang]
        rows = []
        for line in findings.timeline(ds, lang).itertuples():
            # the chapter a source has by the book's naming (ch-<source id>); a source without one
            # (a report just added) keeps its name unlinked (see `optional_reference`)
            document = f"{{ref}}`{line.document} <ch-{line.source}>`"
            numbers = f'<a href="{self.uri(NUMBERS_DOC, "source-" + line.source)}">{line.numbers}</a>'
            text = f"{{ref}}`{TEXT[lang]} <source-text-{line.source}>`"
            rows.append([line.published, document, line.about, line.kind, numbers, str(line.targets), text])
        header = [w[k] for k in ("published", "document", "about", "kind", "numbers", "targets")] + [
            TEXT_HEADER[lang]
        ]
        return list_table(header, rows, w["timeline_caption"], "zz-timeline")

    def run(self) -> list[nodes.Node]:
        out = super().run()
        for ref in out[0].findall(addnodes.pending_xref):
            if str(ref.get("reftarget", "")).startswith("ch-"):
                ref["zz_optional"] = True
        return out


def optional_reference(app: Sphinx, env, node: addnodes.pending_xref, contnode: nodes.Element):
    """A chapter link the time line guessed but the book does not have: plain text, no warning."""
    if node.get("zz_optional"):
        return contnode
    return None


class VintageRole(SphinxRole):
    """{vintage}`outcomes` (the latest year any document reports on), `targets`, `published`."""

    def run(self):
        try:
            text = findings.vintage_text(_facts(self.env.app).ds, self.text.strip(), _lang(self.env.app))
        except ValueError as exc:
            msg = self.inliner.reporter.error(str(exc), line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        self.env.note_dependency(str(FINDINGS))
        return [nodes.Text(text)], []


def setup(app: Sphinx) -> dict:
    app.setup_extension("zhuzhou_book.sphinx_numbers")
    app.add_directive("headline-table", HeadlineTable)
    app.add_directive("target-verdicts", TargetVerdicts)
    app.add_directive("key-findings", KeyFindings)
    app.add_directive("document-timeline", DocumentTimeline)
    app.add_role("vintage", VintageRole())
    app.connect("missing-reference", optional_reference)
    app.add_css_file("findings.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
