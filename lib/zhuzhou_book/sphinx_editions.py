"""A Sphinx extension: the two editions of the site, each page linked to its counterpart.

The English edition is built at the site's root and the Chinese one under `zh/`, from the same
sources (`python -m zhuzhou_book.editions`), so a page has the same page name in both and its
counterpart is found by path alone. Each page gets:

- `<html lang>` in BCP 47: `zh-Hans` (written Chinese, simplified script) rather than the `zh-CN`
  Sphinx derives from `language = "zh_CN"` (which it needs for its own catalogues);
- `<link rel="alternate" hreflang>` to itself and to its counterpart, for search engines;
- a visible link to its counterpart at the end of the article header (the template
  `edition-switch.html`, added to the theme's `article_header_end`).

`editions` in `_config.yml` names each edition's language, folder, `lang` and link text.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"
SWITCH = "edition-switch.html"

# language -> the edition's folder under the site's root, its `lang`, the link's text and title
DEFAULT_EDITIONS = {
    "en": {"prefix": "", "html_lang": "en", "label": "English", "title": "Read this page in English"},
    "zh_CN": {"prefix": "zh", "html_lang": "zh-Hans", "label": "中文", "title": "阅读本页中文版"},
}


def edition_of(language: str | None, editions: dict[str, dict]) -> str:
    """The key of `editions` a build's language belongs to (`en` when it has none)."""
    return language if language in editions else "en"


def counterpart_url(pagename: str, here: dict, there: dict) -> str:
    """The address of page `pagename` of edition `there`, relative to the same page in `here`."""
    depth = pagename.count("/") + (here["prefix"].count("/") + 1 if here["prefix"] else 0)
    folder = f"{there['prefix']}/" if there["prefix"] else ""
    return "../" * depth + f"{folder}{pagename}.html"


def counterparts(pagename: str, language: str, editions: dict[str, dict]) -> list[dict]:
    """Every edition of `pagename` (this one first), with its address relative to this page."""
    here = editions[language]
    ordered = [language] + [lang for lang in editions if lang != language]
    return [
        {
            "language": lang,
            "url": counterpart_url(pagename, here, editions[lang]),
            "hreflang": editions[lang]["html_lang"],
            "label": editions[lang]["label"],
            "title": editions[lang].get("title", ""),
            "current": lang == language,
        }
        for lang in ordered
    ]


def _on_config_inited(app: Sphinx, config: Config) -> None:
    """Put the switch template in the article header, before the theme's own buttons."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    options = dict(config.html_theme_options or {})
    end = options.get("article_header_end", ["article-header-buttons.html"])
    end = [end] if isinstance(end, str) else list(end)
    if SWITCH not in end:
        options["article_header_end"] = [SWITCH, *end]
    config.html_theme_options = options


def _on_html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    editions = app.config.editions
    language = edition_of(app.config.language, editions)
    links = counterparts(pagename, language, editions)
    context["language"] = editions[language]["html_lang"]  # <html lang="..."> in the theme's layout
    context["edition_counterparts"] = [x for x in links if not x["current"]]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{escape(x["hreflang"])}" href="{escape(x["url"])}" />'
        for x in links
    )


def setup(app: Sphinx) -> dict:
    app.add_config_value("editions", DEFAULT_EDITIONS, "html")
    app.connect("config-inited", _on_config_inited)
    app.connect("html-page-context", _on_html_page_context)
    app.add_css_file("editions.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
