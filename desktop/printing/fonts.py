"""The CJK font every FieldRep PDF embeds.

Prints must read the same on every machine, including one with no Chinese font
installed, so the font ships inside the package and every PDF embeds the subset of
glyphs it uses. WenQuanYi Micro Hei is a TrueType-outline font (Apache-2.0, see the
licence files beside it) covering Latin and Chinese; reportlab cannot embed the
PostScript-outline Noto CJK collection, and the built-in CID font ``STSong-Light``
is never embedded (a reader without an Asian font pack shows blanks).

The font has one weight: headings use size and colour, not a synthetic bold.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "FieldRepSans"
FONT_FILE = Path(__file__).with_name("fonts") / "wqy-microhei.ttc"
_SUBFONT_INDEX = 0  # 0: WenQuanYi Micro Hei (proportional); 1 is its monospaced twin

_lock = threading.Lock()


def register_fonts() -> str:
    """Register the shipped font with reportlab once; returns its name. Thread-safe."""
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=_SUBFONT_INDEX))
            pdfmetrics.registerFontFamily(FONT_NAME, normal=FONT_NAME, bold=FONT_NAME,
                                          italic=FONT_NAME, boldItalic=FONT_NAME)
    return FONT_NAME
