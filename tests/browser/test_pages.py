"""Each page of the table of contents, opened in Chromium from a local server, works offline.

A page is loaded once (then every check below reads the same visit): no script error, no request
to another host, every figure drawn at a visible size, Chinese drawn with a CJK font (the book's
web font on a machine without one), no serious accessibility violation. A full-page screenshot
is kept in `_build/screenshots/<page>.png` for a reviewer to look at.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import AXE, SCREENSHOTS
from zhuzhou_book.webfont import FAMILY
from zhuzhou_innovation.fonts import CJK_BLOCKS

# Families that hold CJK glyphs, for a reader whose system has one (the web font's is first).
_CJK_FAMILY = re.compile(
    r"CJK|Source Han|WenQuanYi|Droid Sans Fallback|PingFang|Hiragino|YaHei|SimSun|SimHei|"
    r"Heiti|Songti|Kaiti|AR PL|Noto Sans (SC|TC|HK|JP|KR)\b",
    re.I,
)
_CJK_CLASS = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in CJK_BLOCKS)

# Marks each rendered element whose own text holds Chinese, and counts those characters.
_MARK_CJK = """(cls) => {
  const cjk = new RegExp('[' + cls + ']', 'g');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const counts = new Map();
  while (walker.nextNode()) {
    const text = walker.currentNode, el = text.parentElement;
    const n = (text.data.match(cjk) || []).length;
    if (!n || !el || el.closest('script, style, template, noscript')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    // a closed dropdown's text keeps its boxes in Chromium but is not drawn, so it has no font yet
    if (el.closest('details:not([open])')) continue;
    counts.set(el, (counts.get(el) || 0) + n);
  }
  const out = [];
  for (const [el, n] of counts) {
    el.setAttribute('data-cjk-probe', String(out.length));
    out.push({count: n, text: el.textContent.trim().slice(0, 40)});
  }
  return out;
}"""

# Content figures: images and top-level SVGs in the article, not the theme's icons and buttons.
_FIGURES = """() => {
  const skip = 'button, .headerlink, .svg-inline--fa, svg svg, .copybtn';
  return [...document.querySelectorAll('article img, article svg')]
    .filter(el => !(el.matches(skip) || el.closest('button, .headerlink')))
    .map(el => {
      const r = el.getBoundingClientRect();
      const closed = el.closest('details:not([open])') !== null;
      return {tag: el.tagName.toLowerCase(), src: el.getAttribute('src') || el.id || '',
              width: r.width, height: r.height, closed,
              loaded: el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0)};
    });
}"""

_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                     nodes: v.nodes.map(n => n.target.join(' ') + '  ' + n.html.slice(0, 120))}));
}"""


def _cjk_fonts(context, page) -> list[dict]:
    """For each element with Chinese text: its CJK character count and the fonts that drew it."""
    probes = page.evaluate(_MARK_CJK, _CJK_CLASS)
    if not probes:
        return []
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-cjk-probe]"})["nodeIds"]:
        attrs = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
        probe = probes[int(attrs[attrs.index("data-cjk-probe") + 1])]
        probe["fonts"] = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return probes


def _visit(context, base: str, docname: str) -> dict:
    """Open one page and gather everything the checks below look at."""
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    local = urlsplit(base).netloc

    def route(r):
        url = urlsplit(r.request.url)
        if url.scheme in ("data", "blob", "about") or url.netloc == local:
            r.continue_()
        else:  # recorded, and refused so an offline machine does not wait for it
            foreign.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: errors.append(f"uncaught {e}"))
    page.goto(f"{base}/{docname}.html", wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    visit = {
        "errors": errors,
        "foreign": foreign,
        "figures": page.evaluate(_FIGURES),
        "cjk": _cjk_fonts(context, page),
    }
    shot = SCREENSHOTS / f"{docname}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    if AXE.is_file():
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        visit["axe"] = page.evaluate(_AXE_RUN)
    page.close()
    return visit


@pytest.fixture(scope="module")
def visit(browser, server):
    """Visit a page once per session; later checks of the same page reuse the visit."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    visits: dict[str, dict] = {}

    def get(docname: str) -> dict:
        if docname not in visits:
            visits[docname] = _visit(context, server, docname)
        return visits[docname]

    yield get
    context.close()


def test_page_loads_without_script_errors(visit, docname):
    errors = visit(docname)["errors"]
    assert not errors, "\n".join(errors)


def test_page_requests_nothing_from_other_hosts(visit, docname):
    foreign = visit(docname)["foreign"]
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)


def test_every_figure_is_drawn_at_a_visible_size(visit, docname):
    figures = visit(docname)["figures"]
    broken = [
        f for f in figures if not f["loaded"] or (not f["closed"] and (f["width"] <= 0 or f["height"] <= 0))
    ]
    assert not broken, f"figures not drawn (zero size or not loaded): {broken}"


def _draws_cjk(font: dict) -> bool:
    return font["familyName"] == FAMILY or bool(
        _CJK_FAMILY.search(font["familyName"]) or _CJK_FAMILY.search(font.get("postScriptName", ""))
    )


def test_chinese_text_is_drawn_with_a_cjk_font(visit, docname):
    """Every Chinese character is drawn by the web font or a CJK font, never by a Latin fallback."""
    bad = []
    for probe in visit(docname)["cjk"]:
        cjk_glyphs = sum(f["glyphCount"] for f in probe.get("fonts", []) if _draws_cjk(f))
        if cjk_glyphs < probe["count"]:
            bad.append(
                {
                    "text": probe["text"],
                    "chinese_characters": probe["count"],
                    "fonts": [(f["familyName"], f["glyphCount"]) for f in probe.get("fonts", [])],
                }
            )
    assert not bad, f"Chinese text drawn without a CJK font: {bad}"


# Violations that the theme's templates cause and _config.yml or CSS cannot fix, each with why.
# Keyed on (rule, a class in the node's HTML); anything else fails the test.
KNOWN_VIOLATIONS = {
    (
        "label-content-name-mismatch",
        "theme-switch-button",
    ): "sphinx-book-theme's colour-mode button is named 'Color mode' while its visible icon's "
    "<title> says 'Light'/'Dark'/'System Settings'; fixing it needs a template change upstream",
}


def _unexplained(violation: dict) -> dict | None:
    nodes = [
        n
        for n in violation["nodes"]
        if not any(rule == violation["id"] and marker in n for rule, marker in KNOWN_VIOLATIONS)
    ]
    return dict(violation, nodes=nodes) if nodes else None


def test_page_has_no_serious_or_critical_accessibility_violation(visit, docname, axe_source):
    serious = [v for v in visit(docname)["axe"] if v["impact"] in ("serious", "critical")]
    violations = [v for v in map(_unexplained, serious) if v]
    assert not violations, "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in violations
    )
