"""Numbers on the page that lead to their source: the book's roles, the every-number page, the
derived-numbers page and the source texts, as a Sphinx extension.

In a page, `{num}`zz2021-037`` prints the row's value the way the edition's language writes it
(3.27%; money as "CNY 30.8 billion (308亿元)"), as a link. Hovering or focusing it shows the Chinese
quote, the number as printed, the source and any flag; following it leads to the row's entry on
the every-number page, which links back to every page that uses the row and on to the source
text, published as a page with the quote highlighted. `{num}`gdp-2021-implied`` does the same
for a derived quantity, whose entry shows its formula, inputs and working. `{word}` and `{holds}`
choose words by the data and guard claims (see `zhuzhou_innovation.words`): a guard that fails,
or a key that is not in the data, stops the build.

Numbers are resolved when Sphinx reads a page, from the data as it is then, in the language of
the build: both editions show the same values, and a page can never show a stale number. When the
data or the library change, every page that names a number is read again.
Chinese runs in the pages are marked lang="zh-Hans" (screen readers switch voice, browsers pick
simplified glyph forms).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
import types
from collections import defaultdict
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from zhuzhou_innovation import words
from zhuzhou_innovation.facts import Facts, UnknownKey
from zhuzhou_innovation.fonts import is_cjk
from zhuzhou_innovation.load import load_dataset
from zhuzhou_innovation.narrative import format_date, format_money_both, format_period
from zhuzhou_innovation.paths import REPO, data_dir

logger = logging.getLogger(__name__)

NUMBERS_DOC = "book/numbers"
DERIVED_DOC = "book/derived"
SOURCES_DIR = "book/sources"  # one generated page per source text (not committed)

LABELS: dict[str, dict[str, Any]] = {
    "en": {
        "colon": ": ",
        "printed": "Printed",
        "suspect": "Flagged suspect",
        "derived": "Derived, not printed",
        "source": "Source",
        "used": "Used on",
        "read": "Read it in the source text",
        "note": "Note",
        "inputs": "Inputs",
        "working": "Working",
        "formula": "Formula",
        "explained": "Explained in",
        "caveat": "Caveat",
        "nowhere": "no page yet",
        "kind": {
            "actual": "reported",
            "target": "target",
            "growth": "growth",
            "share": "share",
            "rank": "rank",
        },
        "attribution": "The text as the project received it (never edited; typos and slips are "
        "kept). Recorded quotes are highlighted; a link to a number marks its quote.",
        "published": "Published",
    },
    "zh": {
        "colon": "：",
        "printed": "原文",
        "suspect": "存疑",
        "derived": "推算值，原文未载",
        "source": "来源",
        "used": "引用页面",
        "read": "查看原文",
        "note": "说明",
        "inputs": "输入",
        "working": "算式",
        "formula": "公式",
        "explained": "详见",
        "caveat": "注意",
        "nowhere": "暂无",
        "kind": {"actual": "实际", "target": "目标", "growth": "增长", "share": "占比", "rank": "排名"},
        "attribution": "项目收到的原文（未经编辑，错字与笔误照录）。已记录的引文以底色标出；"
        "点击数字链接可定位其引文。",
        "published": "发布",
    },
}


def _lang(app: Sphinx) -> str:
    return "zh" if (app.config.language or "en").startswith("zh") else "en"


def _facts(app: Sphinx) -> Facts:
    # on the app, not the environment: never pickled with it
    return app.zz_facts  # type: ignore[attr-defined]


def mark_chinese(text: str) -> str:
    """HTML-escaped text with runs of Chinese wrapped in <span lang="zh-Hans">."""
    out, run = [], []
    for char in text:
        if is_cjk(char):
            run.append(char)
            continue
        if run:
            out.append(f'<span lang="zh-Hans">{html.escape("".join(run))}</span>')
            run = []
        out.append(html.escape(char))
    if run:
        out.append(f'<span lang="zh-Hans">{html.escape("".join(run))}</span>')
    return "".join(out)


# ---- the number node: a link with its tooltip ----------------------------------------------


class zz_number(nodes.Inline, nodes.TextElement):
    """A number from the data: its text, and (attributes) its key and the page it links to."""


def _tooltip(app: Sphinx, key: str) -> str:
    """The tooltip's inner HTML: quote, print, source, flag; or formula and working."""
    facts, lang = _facts(app), _lang(app)
    labels = LABELS[lang]
    fact = facts.get(key)
    if fact.row is not None:
        r = fact.row
        source = facts.source(key)
        assert source is not None  # a row always has its source
        cite = source.citation_en if lang == "en" else source.citation_zh
        parts = [
            f'<span class="zz-q" lang="zh-Hans">「{html.escape(r.quote)}」</span>',
            f'<span class="zz-meta">{labels["printed"]}{labels["colon"]}<span lang="zh-Hans">'
            f"{html.escape(r.as_printed)}</span> · {mark_chinese(cite)}</span>",
        ]
        if r.flag:
            parts.append(f'<span class="zz-flag">{labels["suspect"]}</span>')
        return "".join(parts)
    q = fact.quantity
    assert q is not None
    title = q.en if lang == "en" else q.zh
    formula = q.formula_en if lang == "en" else q.formula_zh
    return (
        f'<span class="zz-meta">{mark_chinese(title)}</span>'
        f'<span class="zz-meta">{labels["derived"]}{labels["colon"]}{mark_chinese(formula)}</span>'
        + _working(q.arithmetic, lang, "span", 'class="zz-meta"')
    )


def _working(arithmetic: str, lang: str, tag: str, attrs: str = "") -> str:
    """A quantity's working as HTML. Counts are worked out in English words ("the 2021 review's
    goals for 2022 = 11"): on a Chinese page such a working is marked English, and a tooltip, which
    must read in the page's language, leaves it out (the formula above it says the same)."""
    worded = lang != "en" and re.search(r"[A-Za-z]", arithmetic)
    if worded and tag == "span":
        return ""
    attrs = " ".join(filter(None, [attrs, 'lang="en"' if worded else ""]))
    return f"<{tag}{' ' + attrs if attrs else ''}>{html.escape(arithmetic)}</{tag}>"


class zz_numwrap(nodes.Inline, nodes.Element):
    """A number and its tooltip, side by side (the tooltip shows on hover and focus)."""


def visit_numwrap(self, node: zz_numwrap) -> None:
    self.body.append('<span class="zz-numwrap">')


def depart_numwrap(self, node: zz_numwrap) -> None:
    self.body.append("</span>")


def visit_number(self, node: zz_number) -> None:
    key = node["key"]
    target = NUMBERS_DOC if node["kind"] == "row" else DERIVED_DOC
    href = self.builder.get_relative_uri(self.builder.current_docname, target) + "#" + key
    self.body.append(
        f'<a class="zz-num" href="{href}" aria-describedby="zz-tip-{node["serial"]}" '
        f'data-key="{key}" data-value="{node["value"]!r}">'
    )


def depart_number(self, node: zz_number) -> None:
    self.body.append("</a>")


class NumberRole(SphinxRole):
    """{num}`key`: a row or a derived quantity, written for the edition's language, as a link.
    `{num}`key plain`` leaves out the Chinese that English money carries in brackets."""

    def run(self):
        key, _, option = self.text.strip().partition(" ")
        facts, lang = _facts(self.env.app), _lang(self.env.app)
        try:
            fact = facts.get(key)
        except UnknownKey as exc:
            msg = self.inliner.reporter.error(f"{{num}}`{self.text}`: {exc}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        text = fact.text(lang)
        if option == "plain" and lang == "en" and fact.unit == "100m_cny":
            text = text.split(" (")[0]
        elif fact.kind == "derived" and fact.unit == "100m_cny" and lang == "en" and option != "plain":
            text = format_money_both(fact.value, fact.qualifier)
        serials = self.env.temp_data.setdefault("zz_serial", [0])
        serials[0] += 1
        node = zz_number(self.rawtext, text, key=key, kind=fact.kind, value=fact.value, serial=serials[0])
        # The tooltip is a node of the page, not markup added on writing, so the site search
        # indexes the quote and the number as printed: a reader can search for 3.27% or 研发.
        tip = nodes.raw(
            "",
            f'<span class="zz-tip" role="tooltip" id="zz-tip-{serials[0]}">'
            f"{_tooltip(self.env.app, key)}</span>",
            format="html",
        )
        _record_use(self.env, key)
        return [zz_numwrap("", node, tip)], []


class WordRole(SphinxRole):
    """{word}`form a b`: a word chosen by comparing the data (see zhuzhou_innovation.words)."""

    def run(self):
        try:
            text = words.word(self.text, _facts(self.env.app), _lang(self.env.app))
        except (words.ClaimError, UnknownKey) as exc:
            msg = self.inliner.reporter.error(str(exc), line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        for key in words._KEY.findall(self.text):
            _record_use(self.env, key, shown=False)
        return [nodes.Text(text)], []


class HoldsRole(SphinxRole):
    """{holds}`expression`: prints nothing; the build stops if the data no longer support it."""

    def run(self):
        try:
            words.check(self.text, _facts(self.env.app))
        except (words.ClaimError, UnknownKey) as exc:
            msg = self.inliner.reporter.error(str(exc), line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        for key in words._KEY.findall(self.text):
            _record_use(self.env, key, shown=False)
        return [], []


def _record_use(env: BuildEnvironment, key: str, shown: bool = True) -> None:
    if not hasattr(env, "zz_uses"):
        env.zz_uses = defaultdict(set)  # type: ignore[attr-defined]
    if shown:
        env.zz_uses[key].add(env.docname)  # type: ignore[attr-defined]
    env.zz_role_docs = getattr(env, "zz_role_docs", set()) | {env.docname}  # type: ignore[attr-defined]


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for docs in getattr(env, "zz_uses", {}).values():
        docs.discard(docname)
    getattr(env, "zz_role_docs", set()).discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: list[str], other: BuildEnvironment) -> None:
    if not hasattr(env, "zz_uses"):
        env.zz_uses = defaultdict(set)  # type: ignore[attr-defined]
    for key, docs in getattr(other, "zz_uses", {}).items():
        env.zz_uses[key] |= docs  # type: ignore[attr-defined]
    env.zz_role_docs = getattr(env, "zz_role_docs", set()) | getattr(other, "zz_role_docs", set())  # type: ignore[attr-defined]


# ---- generated pages -------------------------------------------------------------------------


class zz_generated(nodes.General, nodes.Element):
    """Placeholder a directive leaves; filled in once every page has been read."""


class _Placeholder(Directive):
    what = ""
    has_content = False
    optional_arguments = 1

    def run(self):
        node = zz_generated(what=self.what, arg=(self.arguments or [""])[0])
        env = self.state.document.settings.env
        env.zz_generated_docs = getattr(env, "zz_generated_docs", set()) | {env.docname}
        return [node]


class EveryNumber(_Placeholder):
    """The every-number page: one entry per row, grouped by source."""

    what = "every-number"


def add_source_slugs(app: Sphinx, doctree: nodes.document) -> None:
    """Make each source's section of the every-number page a link target, `numbers.md#source-zz2022`:
    MyST resolves such links from the page's slugs, which it writes after parsing, so they are
    added here, once the page is read."""
    if not any(n["what"] == "every-number" for n in doctree.findall(zz_generated)):
        return
    env = app.env
    slugs = env.metadata[env.docname].setdefault("myst_slugs", {})
    for src in _facts(app).ds.sources.itertuples():
        slugs[f"source-{src.id}"] = (
            2,
            f"source-{src.id}",
            src.citation_en if _lang(app) == "en" else src.citation_zh,
        )


class DerivedNumbers(_Placeholder):
    """The derived-numbers page: one entry per quantity, with formula, inputs and working."""

    what = "derived-numbers"


class SourceText(_Placeholder):
    """A source text, whole, with every recorded quote highlighted and anchored by row id, under
    the source's citation as the page's title.

    The title comes from the data in the build's language, not from the page's markdown, so the
    generated pages are the same files for both editions and hold no message to translate."""

    what = "source-text"
    required_arguments = 1
    optional_arguments = 0

    def run(self):
        env = self.state.document.settings.env
        sources = _facts(env.app).ds.sources.set_index("id")
        source_id = self.arguments[0]
        if source_id not in sources.index:
            raise self.error(f"unknown source {source_id!r}: not an id of data/sources.csv")
        src = sources.loc[source_id]
        title = src.citation_en if _lang(env.app) == "en" else src.citation_zh
        section = nodes.section()
        section["names"].append(nodes.fully_normalize_name(title))
        section += nodes.title(title, title, translatable=False)  # no message: the data give both titles
        self.state.document.note_implicit_target(section, section)
        section += super().run()
        return [section]


def _uri(app: Sphinx, fromdoc: str, todoc: str, anchor: str = "") -> str:
    return app.builder.get_relative_uri(fromdoc, todoc) + (f"#{anchor}" if anchor else "")


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def _every_number(app: Sphinx, docname: str) -> str:
    facts, lang = _facts(app), _lang(app)
    labels, ds = LABELS[lang], facts.ds
    uses = getattr(app.env, "zz_uses", {})
    ind = ds.indicators.set_index("id")
    regions = ds.regions.set_index("id")
    out = []
    for src in ds.sources.sort_values(["published", "id"]).itertuples():
        cite = src.citation_en if lang == "en" else src.citation_zh
        page = f"{SOURCES_DIR}/{src.id}"
        out.append(
            f'<section class="zz-source" id="source-{src.id}"><h2>{mark_chinese(cite)}'
            f'<a class="headerlink" href="#source-{src.id}" title="{_("Link to this heading")}">#</a></h2>'
            f'<p><a href="{_uri(app, docname, page)}">{labels["read"]}</a> · '
            f"{labels['published']} {format_date(src.published, lang)}</p>"
        )
        rows = ds.observations[ds.observations.source == src.id]
        for r in rows.itertuples():
            fact = facts.get(r.id)
            name = ind.name_en[r.indicator] if lang == "en" else ind.name_zh[r.indicator]
            where = regions.name_en[r.region] if lang == "en" else regions.name_zh[r.region]
            used = sorted(uses.get(r.id, ()))
            used_html = (
                ", ".join(
                    f'<a href="{_uri(app, docname, d)}">{mark_chinese(_title(app.env, d))}</a>' for d in used
                )
                or labels["nowhere"]
            )
            flag = f' <span class="zz-flag">{labels["suspect"]}</span>' if r.flag else ""
            # the notes are English in the data: the Chinese edition marks them so (language of parts)
            note_text = (
                mark_chinese(r.note) if lang == "en" else f'<span lang="en">{mark_chinese(r.note)}</span>'
            )
            note = f'<p class="zz-note">{labels["note"]}{labels["colon"]}{note_text}</p>' if r.note else ""
            out.append(
                f'<div class="zz-row" id="{r.id}"><p><strong>{mark_chinese(fact.text(lang))}</strong> · '
                f"{mark_chinese(name)} · {mark_chinese(where)} · {format_period(r.period, lang)} · "
                f'{labels["kind"][r.kind]}{flag} <span class="zz-id">{r.id}</span></p>'
                f'<blockquote lang="zh-Hans"><a href="{_uri(app, docname, page, r.id)}">'
                f"{html.escape(r.quote)}</a></blockquote>"
                f'<p>{labels["printed"]}{labels["colon"]}<span lang="zh-Hans">{html.escape(r.as_printed)}</span> · '
                f"{labels['used']}{labels['colon']}{used_html}</p>{note}</div>"
            )
        out.append("</section>")
    return "\n".join(out)


def _derived_numbers(app: Sphinx, docname: str) -> str:
    facts, lang = _facts(app), _lang(app)
    labels = LABELS[lang]
    std: Any = app.env.get_domain("std")  # the StandardDomain, whose labels the checker does not see
    out = []
    for name, q in sorted(facts.quantities.items()):
        fact = facts.get(name)
        inputs = []
        for key in q.inputs:
            target = NUMBERS_DOC if key in facts.ds.observations.id.values else DERIVED_DOC
            inputs.append(
                f'<a href="{_uri(app, docname, target, key)}">{mark_chinese(facts.get(key).text(lang))}'
                f' <span class="zz-id">{key}</span></a>'
            )
        explained = ""
        if q.explained_in and q.explained_in in std.labels:
            doc, anchor, _ = std.labels[q.explained_in]
            explained = (
                f'<p>{labels["explained"]}{labels["colon"]}<a href="{_uri(app, docname, doc, anchor)}">'
                f"{mark_chinese(_title(app.env, doc))}</a></p>"
            )
        caveat = q.caveat_en if lang == "en" else q.caveat_zh
        caveat = (
            f'<p class="zz-note">{labels["caveat"]}{labels["colon"]}{mark_chinese(caveat)}</p>'
            if caveat
            else ""
        )
        out.append(
            f'<div class="zz-row" id="{name}"><p><strong>{mark_chinese(fact.text(lang))}</strong> · '
            f'{mark_chinese(q.en if lang == "en" else q.zh)} <span class="zz-id">{name}</span></p>'
            f"<p>{labels['formula']}{labels['colon']}{mark_chinese(q.formula_en if lang == 'en' else q.formula_zh)}</p>"
            f"<p>{labels['working']}{labels['colon']}{_working(q.arithmetic, lang, 'code')}</p>"
            f"<p>{labels['inputs']}{labels['colon']}{'; '.join(inputs)}</p>{explained}{caveat}</div>"
        )
    return "\n".join(out)


def quote_spans(text: str, quotes: dict[str, str]) -> list[tuple[str, list[str]]]:
    """The text cut into segments, each with the row ids whose quote (first occurrence) covers it."""
    spans = {}
    for row_id, quote in quotes.items():
        start = text.find(quote)
        if start >= 0:
            spans[row_id] = (start, start + len(quote))
    cuts = sorted({0, len(text)} | {p for s in spans.values() for p in s})
    out = []
    for a, b in itertools.pairwise(cuts):
        out.append((text[a:b], [rid for rid, (s, e) in spans.items() if s <= a and b <= e]))
    return out


def _source_text(app: Sphinx, docname: str, source_id: str) -> str:
    facts, lang = _facts(app), _lang(app)
    ds = facts.ds
    src = ds.sources.set_index("id").loc[source_id]
    rows = ds.observations[ds.observations.source == source_id]
    segments = quote_spans(ds.texts[source_id], dict(zip(rows.id, rows.quote, strict=False)))
    first_seen: set[str] = set()
    parts = []
    for text, ids in segments:
        anchors = "".join(f'<span class="zz-anchor" id="{i}"></span>' for i in ids if i not in first_seen)
        first_seen |= set(ids)
        body = html.escape(text).replace("\n", "<br>\n")
        if ids:
            numbers = ", ".join(_uri(app, docname, NUMBERS_DOC, i) for i in ids)
            parts.append(
                f'{anchors}<mark class="zz-quote" data-rows="{" ".join(ids)}" '
                f'data-numbers="{numbers}">{body}</mark>'
            )
        else:
            parts.append(body)
    title = f"{mark_chinese(src.title_zh)}"
    # the publisher is described in English in the data; the Chinese title (citation_zh) names it
    publisher = f"{mark_chinese(src.publisher)} · " if lang == "en" else ""
    meta = (
        f"<p>{publisher}{LABELS[lang]['published']} {format_date(src.published, lang)} · "
        f'<a href="{_uri(app, docname, NUMBERS_DOC, "source-" + source_id)}">'
        f"{'Every number of this source' if lang == 'en' else '本来源的全部数字'}</a></p>"
        f'<p class="zz-note">{LABELS[lang]["attribution"]}</p>'
    )
    return (
        f'<p class="zz-source-title" lang="zh-Hans">{title}</p>{meta}'
        f'<div class="zz-source-text" lang="zh-Hans">{"".join(parts)}</div>'
    )


def fill_generated(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in doctree.findall(zz_generated):
        if node["what"] == "every-number":
            html_text = _every_number(app, docname)
        elif node["what"] == "derived-numbers":
            html_text = _derived_numbers(app, docname)
        else:
            html_text = _source_text(app, docname, node["arg"])
        node.replace_self(nodes.raw("", html_text, format="html"))


def always_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The generated pages list backlinks from every page: write them again on every build."""
    return sorted(getattr(env, "zz_generated_docs", set()))


# ---- keeping pages in step with the data -----------------------------------------------------


def _data_stamp() -> str:
    """A hash of the data folder and the analysis library: what the roles' output depends on."""
    h = hashlib.sha256()
    lib = REPO / "lib" / "zhuzhou_innovation"
    for base in (data_dir(), lib):
        for path in sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(path.relative_to(base).as_posix().encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def outdated_by_data(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    stamp = app.zz_stamp  # type: ignore[attr-defined]
    if getattr(env, "zz_stamp", None) == stamp:
        return []
    env.zz_stamp = stamp  # type: ignore[attr-defined]
    return sorted(
        (getattr(env, "zz_role_docs", set()) | getattr(env, "zz_generated_docs", set())) & set(env.found_docs)
    )


def write_source_pages(app: Sphinx, ds) -> None:
    """One page per source text under book/sources/, written only when its words change."""
    folder = Path(app.srcdir) / SOURCES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for src in ds.sources.itertuples():
        # the same file in both editions: the directive writes the title in the build's language
        text = f"(source-text-{src.id})=\n```{{source-text}} {src.id}\n```\n"
        path = folder / f"{src.id}.md"
        wanted.add(path)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for stale in set(folder.glob("*.md")) - wanted:
        stale.unlink()


def on_builder_inited(app: Sphinx) -> None:
    ds = load_dataset()
    app.zz_facts = Facts(ds)  # type: ignore[attr-defined]
    app.zz_stamp = _data_stamp()  # type: ignore[attr-defined]
    write_source_pages(app, ds)
    if app.builder.format == "html":
        _mark_chinese_in_translator(app)


# ---- language of parts: Chinese runs in English pages ----------------------------------------


class _ChineseTextMixin:
    """Wraps runs of Chinese in text nodes in <span lang="zh-Hans">."""

    def visit_Text(self, node: nodes.Text) -> None:
        start = len(self.body)  # type: ignore[attr-defined]
        super().visit_Text(node)  # type: ignore[misc]
        text = node.astext()
        if any(is_cjk(c) for c in text) and not isinstance(node.parent, nodes.raw):
            joined = "".join(self.body[start:])  # type: ignore[attr-defined]
            self.body[start:] = [_wrap_cjk_html(joined)]  # type: ignore[attr-defined]


def _wrap_cjk_html(fragment: str) -> str:
    """Wrap CJK runs of already-escaped text (no tags inside text nodes but entities and <br>)."""
    out: list = []
    run: list = []
    i = 0
    while i < len(fragment):
        char = fragment[i]
        if char in "<&":  # a tag or an entity: copy it whole
            end = fragment.find(">" if char == "<" else ";", i)
            end = len(fragment) - 1 if end < 0 else end
            if run:
                out.append(f'<span lang="zh-Hans">{"".join(run)}</span>')
                run = []
            out.append(fragment[i : end + 1])
            i = end + 1
            continue
        if is_cjk(char):
            run.append(char)
        else:
            if run:
                out.append(f'<span lang="zh-Hans">{"".join(run)}</span>')
                run = []
            out.append(char)
        i += 1
    if run:
        out.append(f'<span lang="zh-Hans">{"".join(run)}</span>')
    return "".join(out)


def _mark_chinese_in_translator(app: Sphinx) -> None:
    if _lang(app) == "zh":
        return  # the whole page is Chinese: <html lang="zh-Hans">
    base = app.registry.translators.get(app.builder.name) or app.builder.default_translator_class
    if issubclass(base, _ChineseTextMixin):
        return
    app.set_translator(
        app.builder.name, types.new_class("ZhuzhouTranslator", (_ChineseTextMixin, base), {}), override=True
    )


def source_sections_as_anchors(app: Sphinx, doctree: nodes.document) -> None:
    """Let a page link one source's section of the every-number page (`numbers.md#source-zz2021`):
    the sections are generated HTML, unknown to MyST, so their ids are added to the page's anchors."""
    if app.env.docname != NUMBERS_DOC:
        return
    slugs = app.env.metadata[app.env.docname].setdefault("myst_slugs", {})
    for src in _facts(app).ds.sources.itertuples():
        slugs[f"source-{src.id}"] = (
            2,
            f"source-{src.id}",
            src.citation_en if _lang(app) == "en" else src.citation_zh,
        )


def setup(app: Sphinx) -> dict:
    app.add_node(zz_number, html=(visit_number, depart_number))
    app.add_node(zz_numwrap, html=(visit_numwrap, depart_numwrap))
    app.add_node(zz_generated)
    app.add_role("num", NumberRole())
    app.add_role("word", WordRole())
    app.add_role("holds", HoldsRole())
    app.add_directive("every-number", EveryNumber)
    app.add_directive("derived-numbers", DerivedNumbers)
    app.add_directive("source-text", SourceText)
    app.connect("builder-inited", on_builder_inited, priority=900)  # after the theme's translator
    app.connect("env-get-outdated", outdated_by_data)
    app.connect("env-get-updated", always_rewrite)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("doctree-read", add_source_slugs)
    app.connect("doctree-resolved", fill_generated)
    app.connect("doctree-read", source_sections_as_anchors)
    app.add_css_file("numbers.css")
    app.add_js_file("numbers.js")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
