"""A Sphinx extension: Sphinx's gettext translation of MyST-NB notebooks, and per-language outputs.

Why: the Chinese edition is built from the English notebooks (`-D language=zh_CN`), so only
prose is translated and glued numbers, tables and figures come from the same stored outputs.
Two things stand in the way on myst-nb 1.4.0 (upstream executablebooks/MyST-NB#587):

1. Sphinx's Locale transform re-parses every translated message with the document's own parser.
   myst-nb 1.2+ (PR #600) no longer reads the message as notebook JSON (the NotJSONError of #587):
   it falls back to plain MyST for sources ending in `<translated>`. But that fallback document has
   no notebook attached, so every `{glue:text}`, `{glue}` or `{glue:md}` role inside a translated
   message fails ("No key 'x' found in glue data for this document") and the value is dropped.
   `NotebookI18nParser` keeps the notebook's element renderer (which holds its glue data) for the
   document being read, and hands it to the translated messages of that same document.

2. One code cell has one set of outputs. A notebook that wants a Chinese figure or table stores
   both: glue keys `fig-x` and `fig-x.zh`, and display outputs tagged `metadata={"lang": "zh"}`.
   `select_language_outputs` (run on `source-read`, before myst-nb parses the notebook) lets the
   build's language win: in a zh build `fig-x.zh` is glued as `fig-x` (so `{glue:figure} fig-x`
   and `{glue:text}`x`` need no change in the markdown or the catalogue), and outputs tagged with
   another language are dropped.
"""

from __future__ import annotations

import json
from os import path
from pathlib import Path
from typing import Any

from docutils import nodes
from myst_nb.sphinx_ import Parser as MystNbParser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

logger = logging.getLogger(__name__)

_RENDERER_KEY = "nb_renderer"  # where myst-nb's glue roles look for the notebook (ext/glue/utils.py)


class _RememberRenderer(dict):
    """Document attributes that remember the notebook renderer myst-nb removes when its parse ends."""

    renderer: Any = None

    def pop(self, key, *default):
        if key == _RENDERER_KEY and key in self:
            self.renderer = self[key]
        return super().pop(key, *default)


class NotebookI18nParser(MystNbParser):
    """myst-nb's notebook parser, whose translated messages can paste the notebook's glue data."""

    # (docname, renderer) of the notebook being read: Sphinx translates a document's messages
    # right after parsing it, in the same process, so one slot is enough (jupyter-book reads
    # serially anyway, as sphinx_multitoc_numbering is not parallel-safe; a parallel read runs
    # each process's documents one after another, so it would hold too).
    _last: tuple[str, Any] | None = None

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        if document.current_source.endswith("<translated>"):
            last = NotebookI18nParser._last
            if last is not None and last[0] == env.docname:
                document[_RENDERER_KEY] = last[1]
            try:
                MystParser.parse(self, inputstring, document)
            finally:
                document.attributes.pop(_RENDERER_KEY, None)
            return
        attributes = document.attributes = _RememberRenderer(document.attributes)
        try:
            super().parse(inputstring, document)
        finally:
            document.attributes = dict(attributes)  # a plain dict again, as docutils pickles it
        if attributes.renderer is not None:
            NotebookI18nParser._last = (env.docname, attributes.renderer)


def edition_language(language: str | None) -> str:
    """The language suffix of glue keys and output tags: 'zh' for zh_CN, 'en' for en or None."""
    return (language or "en").replace("-", "_").split("_")[0].lower()


def select_language_outputs(notebook: dict, lang: str, required_mimes: tuple[str, ...] = ()) -> list[str]:
    """Keep the outputs of `lang`: glue `key.<lang>` as `key`, drop outputs tagged another language.

    Returns the glue keys that have an output of a `required_mimes` type (a figure) but no
    `.<lang>` variant, so that the build can warn about an English figure on a Chinese page.
    """
    suffix = f".{lang}"
    missing: list[str] = []
    cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    variants = {
        name[: -len(suffix)]
        for c in cells
        for o in c.get("outputs", [])
        if (name := _glue_name(o)) and name.endswith(suffix)
    }
    for cell in cells:
        kept = []
        for output in cell.get("outputs", []):
            name = _glue_name(output)
            tag = output.get("metadata", {}).get("lang")
            if tag is not None and tag != lang:
                continue  # a display output for another edition
            if name is not None and name.endswith(suffix):
                output["metadata"]["scrapbook"]["name"] = name[: -len(suffix)]
            elif name is not None and name in variants:
                continue  # replaced by its variant for this language
            elif (
                name is not None
                and lang != "en"
                and "." not in name
                and any(m.endswith(mime) for m in output.get("data", {}) for mime in required_mimes)
            ):
                missing.append(name)
            kept.append(output)
        cell["outputs"] = kept
    return missing


def _glue_name(output: dict) -> str | None:
    """The glue key of a notebook output, or None for an ordinary output."""
    return output.get("metadata", {}).get("scrapbook", {}).get("name")


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Rewrite a notebook's outputs for the build's language before myst-nb reads it."""
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    notebook = json.loads(source[0])
    missing = select_language_outputs(
        notebook, edition_language(app.config.language), tuple(app.config.nb_i18n_required_variants)
    )
    # A page whose translation is pending (its chapter is being rewritten) is English on purpose.
    log = logger.info if docname in _pending(app) else logger.warning
    for key in missing:
        log(
            "glue key %r has no %r variant: the %s edition would show the English output",
            key,
            f"{key}.{edition_language(app.config.language)}",
            app.config.language,
            location=docname,
            type="nb_i18n",
            subtype="variant",
        )
    source[0] = json.dumps(notebook)


def _pending(app: Sphinx) -> set[str]:
    """The pages of this build's language whose translation is pending (locales/<lang>/PENDING)."""
    if not hasattr(app, "nb_i18n_pending"):
        from .catalogues import pending_pages

        app.nb_i18n_pending = {  # type: ignore[attr-defined]
            doc
            for d in app.config.locale_dirs
            for doc in pending_pages(Path(app.srcdir), app.config.language or "en", d)
        }
    return app.nb_i18n_pending  # type: ignore[attr-defined]


class TranslateTocCaptions(SphinxTransform):
    """Translate the part captions of `_toc.yml`, which Sphinx's Locale transform never sees.

    sphinx-external-toc inserts the toctrees (priority 100) after Locale has run (priority 20),
    while the gettext builder does extract their captions into the root page's catalogue.
    """

    default_priority = 150  # after InsertToctrees, before the toctree collector (doctree-read)

    def apply(self, **kwargs: Any) -> None:
        toctrees = list(self.document.findall(addnodes.toctree))
        if not toctrees or not self.config.language:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [path.join(self.env.srcdir, d) for d in self.config.locale_dirs]
        catalog, has_catalog = init_locale(dirs, self.config.language, domain)
        if not has_catalog:
            return
        for toctree in toctrees:  # captions, and the explicit `title:` of entries
            if toctree.get("caption"):
                toctree["caption"] = catalog.gettext(toctree["caption"])
            toctree["entries"] = [
                (title and catalog.gettext(title), doc) for title, doc in toctree["entries"]
            ]


def merged(value: Any, update: Any) -> Any:
    """`update` laid over `value`: dictionaries key by key (recursively), anything else replaced."""
    if isinstance(value, dict) and isinstance(update, dict):
        return {**value, **{k: merged(value.get(k), v) for k, v in update.items()}}
    return update


def _on_config_inited(app: Sphinx, config) -> None:
    """Apply the per-language settings (html_title, theme options...) of `nb_i18n_config`.

    A dictionary setting is merged key by key, so `html_theme_options: {search_bar_text: ...}`
    changes one option and keeps the others jupyter-book set."""
    for name, value in config.nb_i18n_config.get(config.language, {}).items():
        config[name] = merged(config[name] if name in config else None, value)  # noqa: SIM401 (a Config has no .get)


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")
    app.add_source_parser(NotebookI18nParser, override=True)
    app.add_config_value("nb_i18n_required_variants", ["image/svg+xml", "image/png"], "env")
    app.add_config_value("nb_i18n_config", {}, "env")
    app.connect("config-inited", _on_config_inited, priority=400)
    app.connect("source-read", _on_source_read)
    app.add_transform(TranslateTocCaptions)
    # Locale has run by doctree-read: release the notebook (and its doctree) kept for it.
    app.connect("doctree-read", lambda app, doctree: setattr(NotebookI18nParser, "_last", None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
