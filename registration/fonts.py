"""Fonts for PDFs, from packages (no downloads): Noto Sans covers Latin with every
diacritic, Greek and Cyrillic. Registered with reportlab once per process."""

from functools import cache

import fontpkg_noto_sans
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "NotoSans"


@cache
def sans() -> str:
    """The name of the registered Noto Sans font (its variable file's default instance,
    regular weight)."""
    pdfmetrics.registerFont(
        TTFont(SANS, fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf")
    )
    return SANS
