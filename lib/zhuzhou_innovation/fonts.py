"""A CJK font that comes with `pip install`: Noto Sans CJK SC (SIL OFL 1.1), for figures and pages.

Why not a system font: a fresh machine (or CI) may have none, and fonts such as SimHei have a
doubtful licence. The pinned `noto-cjk-sans-otc` wheel carries the font collection: matplotlib
falls back to it for every Chinese glyph, and `subset_font` cuts the web font of the book's pages
and the brief's embedded font from it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CJK_FAMILY = "Noto Sans CJK SC"  # the face of the collection, chosen by name, not by index

# The blocks that count as Chinese text (and that the web font is declared for, as a CSS
# unicode-range); characters outside stay with the reader's Latin font.
CJK_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。《》「」)
    (0x31C0, 0x31EF),  # CJK strokes
    (0x3200, 0x33FF),  # enclosed CJK letters, CJK compatibility
    (0x3400, 0x4DBF),  # CJK unified ideographs extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms (，：（）％)
)


def is_cjk(char: str) -> bool:
    """True when `char` lies in one of the CJK blocks."""
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in CJK_BLOCKS)


@cache
def font_file() -> Path:
    """The Noto Sans CJK collection shipped in the `noto-cjk-sans-otc` wheel."""
    import noto_cjk_sans_otc

    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: the noto-cjk-sans-otc wheel has no font; reinstall requirements.txt"
        )
    return path


@cache
def register_cjk_font() -> str:
    """Make the CJK family known to matplotlib (once per process); return its name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_file()))
    names = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FAMILY not in names:
        raise RuntimeError(f"{font_file()} did not provide the face {CJK_FAMILY!r}")
    return CJK_FAMILY


def _sc_index(collection: Path) -> int:
    from fontTools.ttLib import TTCollection

    fonts = TTCollection(str(collection), lazy=True).fonts
    for index, font in enumerate(fonts):
        if font["name"].getDebugName(1) == CJK_FAMILY:
            return index
    raise LookupError(f"{collection}: no face named {CJK_FAMILY!r} in the collection")


def subset_font(chars: str, out: Path, font: Path | None = None) -> None:
    """Write the WOFF (zlib) subset of the SC face holding `chars`, byte-for-byte reproducible."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = font or font_file()
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]  # keep locl/vert/fwid etc.: CJK punctuation depends on them
    options.name_IDs = ["*"]  # keep the license and copyright records
    options.notdef_outline = True
    ttfont = TTFont(str(font), fontNumber=_sc_index(font), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(ttfont)
    ttfont.flavor = "woff"
    ttfont.save(str(out), reorderTables=True)
