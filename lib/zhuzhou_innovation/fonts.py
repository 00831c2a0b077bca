"""A CJK font for matplotlib that comes with `pip install`: Noto Sans CJK SC (SIL OFL 1.1).

Why not a system font: a fresh machine (or CI) may have none, and fonts such as SimHei have a
doubtful licence. The pinned `noto-cjk-sans-otc` wheel carries the font collection; registering
it lets the style's font list fall back to it for every Chinese glyph.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CJK_FAMILY = "Noto Sans CJK SC"


@cache
def font_file() -> Path:
    """The Noto Sans CJK collection shipped in the `noto-cjk-sans-otc` wheel."""
    import noto_cjk_sans_otc

    path = Path(noto_cjk_sans_otc.__file__).parent / "NotoSansCJK-Regular.ttc"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the noto-cjk-sans-otc wheel has no font; reinstall requirements.txt")
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
