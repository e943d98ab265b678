"""Fonts for every PDF, from packages (no downloads), registered with reportlab once per
process: Noto Sans (Latin with every diacritic, Greek, Cyrillic), Noto Sans Arabic and
Noto Sans SC (Chinese).

The packages ship variable fonts, which reportlab draws at their default instance. That is
the regular weight for Noto Sans and Noto Sans Arabic, but hairline (100) for Noto Sans SC,
and there is no bold. The static instances we need are made once with fontTools' instancer
(about 12 s for Noto Sans SC) and kept under VAR_DIR/fonts for every later process.

reportlab has no per-glyph fallback, so text is drawn in runs, one font each: see
`script_font`."""

import logging
import os
import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg_noto_sans
import fontpkg_noto_sans_arabic
import justmytype_intl_cjk
from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Names registered with reportlab (the PDF names the fonts after their files: NotoSans-Bold,
# NotoSansSC-Regular...).
SANS = "Text-NotoSans"
SANS_BOLD = "Text-NotoSans-Bold"
ARABIC = "Text-NotoSansArabic"
CJK = "Text-NotoSansSC"

SANS_SOURCE = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
ARABIC_SOURCE = fontpkg_noto_sans_arabic.ROOT / "files" / "NotoSansArabic[wdth,wght].ttf"
CJK_SOURCE = (
    Path(justmytype_intl_cjk.__file__).parent
    / "fonts"
    / "ofl"
    / "notosanssc"
    / "NotoSansSC[wght].ttf"
)


@dataclass(frozen=True)
class StaticInstance:
    source: Path
    file_name: str
    location: tuple[tuple[str, float], ...]  # axis tag and value, every axis pinned


SANS_BOLD_INSTANCE = StaticInstance(
    SANS_SOURCE, "NotoSans-Bold.ttf", (("wght", 700.0), ("wdth", 100.0))
)
CJK_REGULAR_INSTANCE = StaticInstance(CJK_SOURCE, "NotoSansSC-Regular.ttf", (("wght", 400.0),))


# Made by `manage.py prepare_fonts` at install and start-up, so no request waits for them.
STATIC_INSTANCES = (SANS_BOLD_INSTANCE, CJK_REGULAR_INSTANCE)

logger = logging.getLogger(__name__)

LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH")


def font_dir() -> Path:
    return Path(settings.VAR_DIR) / "fonts"


def static_instance(instance: StaticInstance) -> Path:
    """The file of a static instance of a variable font, made on the first call ever and
    reused afterwards (from disk: it survives restarts and is shared by workers)."""
    path = font_dir() / instance.file_name
    if path.exists():
        return path
    from fontTools.ttLib import TTFont as FontToolsFont
    from fontTools.varLib import instancer

    logger.info("Making the font %s once (seconds; `manage.py prepare_fonts` does it ahead)", path)
    started = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    variable = FontToolsFont(instance.source)
    for table in LAYOUT_TABLES:  # reportlab draws from cmap, glyf and hmtx only
        if table in variable:
            del variable[table]
    quiet = logging.getLogger("fontTools")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # the instancer tells every step at INFO
    try:
        static = instancer.instantiateVariableFont(
            variable, dict(instance.location), updateFontNames=True
        )
    finally:
        quiet.setLevel(level)
    # Write aside and rename: another worker may be making the same file at the same time,
    # and a reader must never see half a font.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    static.save(partial)
    os.replace(partial, path)
    logger.info("Font %s made in %.1f s", path, time.monotonic() - started)
    return path


def prepare_static_instances() -> list[tuple[Path, bool]]:
    """Make every static instance not yet on disk: (its file, whether it was made now)."""
    prepared = []
    for instance in STATIC_INSTANCES:
        existed = (font_dir() / instance.file_name).exists()
        prepared.append((static_instance(instance), not existed))
    return prepared


@cache
def registered() -> tuple[str, ...]:
    """Register the fonts with reportlab (once per process); their names."""
    files = {
        SANS: SANS_SOURCE,  # default instance: regular
        SANS_BOLD: static_instance(SANS_BOLD_INSTANCE),
        ARABIC: ARABIC_SOURCE,  # default instance: regular
        CJK: static_instance(CJK_REGULAR_INSTANCE),
    }
    for name, path in files.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return tuple(files)


@cache
def _cmap(font_name: str) -> frozenset[int]:
    registered()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def has_glyph(font_name: str, char: str) -> bool:
    """Whether the font maps this character to a glyph (its cmap)."""
    return ord(char) in _cmap(font_name)


ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),  # presentation forms A, as arabic_reshaper writes them
    (0xFE70, 0xFEFF),  # presentation forms B
)
CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x31C0, 0x31EF),  # strokes
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3134F),  # extensions B to G
)
ARABIC_SCRIPT, CJK_SCRIPT, OTHER_SCRIPT = "arabic", "cjk", "other"


def script_of(char: str) -> str:
    """The script of a character: "arabic", "cjk" or "other"."""
    code = ord(char)
    if any(low <= code <= high for low, high in ARABIC_RANGES):
        return ARABIC_SCRIPT
    if any(low <= code <= high for low, high in CJK_RANGES):
        return CJK_SCRIPT
    return OTHER_SCRIPT


def is_neutral(char: str) -> bool:
    """Spaces, punctuation and digits: they may stay in the run around them."""
    return unicodedata.category(char)[0] in "ZPN" or char in "+-"


@cache
def script_font(char: str, bold: bool = False) -> str | None:
    """The registered font to draw this character with, or None if none has it: the
    font of its script first, then any other that has the glyph."""
    script = script_of(char)
    sans = SANS_BOLD if bold else SANS
    if script == ARABIC_SCRIPT:
        order = (ARABIC, sans, CJK)
    elif script == CJK_SCRIPT:
        order = (CJK, sans, ARABIC)
    else:
        order = (sans, SANS, ARABIC, CJK)
    return next((font for font in order if has_glyph(font, char)), None)
