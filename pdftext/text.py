"""Text as reportlab draws it: shaped, in visual order, cut into runs of one font, and
broken into lines.

reportlab neither shapes Arabic nor falls back from font to font. So each line is first
shaped (arabic_reshaper joins the letters, python-bidi puts them in visual order), then
cut into runs that one font can draw, and drawn run by run from left to right. Widths come
from pdfmetrics.stringWidth per run, at size 1: a width at any size is a multiplication.

bidi reorders within the line it is given, so a paragraph is broken into lines in logical
order first (`wrap`), and each line is shaped afterwards."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import arabic_reshaper
from bidi import get_display
from bidi.bidi import get_display_inner
from bidi.mirror import MIRRORED
from django.conf import settings
from django.utils import translation
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import fonts

LTR, RTL = "L", "R"  # base directions of a line, as python-bidi names them
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Run:
    text: str  # shaped and in visual order: drawn as is, left to right
    font: str
    width: float  # at size 1


@dataclass(frozen=True)
class Line:
    runs: tuple[Run, ...]

    @property
    def width(self) -> float:  # at size 1
        return sum(run.width for run in self.runs)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def is_rtl(language: str | None = None) -> bool:
    """Whether a document in this language (by default the active one) reads right to left,
    as Django decides for its pages: Arabic."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0] in settings.LANGUAGES_BIDI


def clean(text: str) -> str:
    """Composed characters (a name typed with combining accents is drawn with the accented
    letters, as reportlab does not position marks) and single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf")


def _needs_shaping(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def visual(text: str, base: str | None = None) -> str:
    """A line as drawn: Arabic letters joined (presentation forms) and right to left, mixed
    with left-to-right text in visual order, around a base direction (LTR, RTL, or None:
    that of the first letter), brackets in right-to-left text mirrored. A line without
    right-to-left letters is left as it is. One line at a time: bidi reorders within the
    line it is given."""
    if not _needs_shaping(text):
        return text
    shaped = arabic_reshaper.reshape(text)
    if any(char in MIRRORED for char in shaped):
        return _mirrored_display(shaped, base)
    return get_display(shaped, base_dir=base)


_LEVELS = re.compile(r"Level\(\s*(\d+)")


def _mirrored_display(text: str, base: str | None) -> str:
    """get_display with rule L4 of the bidi algorithm, which python-bidi's (Rust) algorithm
    leaves out: a bracket at a right-to-left level is drawn mirrored. That algorithm tells
    the levels only in its debug output (per byte of UTF-8); the line is reordered from them
    (rule L2). Should that output change, the line is displayed without mirroring."""
    info = get_display_inner(text, base, True)
    per_byte = [int(level) for level in _LEVELS.findall(info, info.find("levels:"))]
    if "levels:" not in info or len(per_byte) < len(text.encode()):
        return get_display(text, base_dir=base)
    levels, offset = [], 0
    for char in text:
        levels.append(per_byte[offset])
        offset += len(char.encode())
    order = list(range(len(text)))
    odd = [level for level in levels if level % 2]
    for level in range(max(levels), min(odd, default=max(levels) + 1) - 1, -1):
        start = 0
        while start < len(order):  # reverse each run at this level or higher
            if levels[order[start]] < level:
                start += 1
                continue
            end = start
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[start:end] = order[start:end][::-1]
            start = end
    return "".join(
        MIRRORED.get(text[index], text[index]) if levels[index] % 2 else text[index]
        for index in order
    )


def missing_chars(text: str) -> list[str]:
    """The characters of the text, as drawn, that none of our fonts has."""
    drawn = visual(clean(text))
    return list(
        dict.fromkeys(
            char for char in drawn if not _is_invisible(char) and fonts.script_font(char) is None
        )
    )


def describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()


def split_runs(drawn: str, bold: bool = False) -> tuple[Run, ...]:
    """Cut a line (already in visual order) into runs of one font each. Spaces, digits and
    punctuation stay in the run they are in when its font has them. Characters no font has
    are left out (`missing_chars` finds them beforehand): never an empty box."""
    pieces: list[tuple[str, list[str]]] = []
    for char in drawn:
        if pieces and fonts.is_neutral(char) and fonts.has_glyph(pieces[-1][0], char):
            pieces[-1][1].append(char)
            continue
        font = fonts.script_font(char, bold)
        if font is None:
            continue
        if pieces and pieces[-1][0] == font:
            pieces[-1][1].append(char)
        else:
            pieces.append((font, [char]))
    return tuple(
        Run("".join(chars), font, stringWidth("".join(chars), font, 1.0)) for font, chars in pieces
    )


def _shape(text: str, bold: bool, base: str | None) -> Line:
    return Line(split_runs(visual(text, base), bold))


@lru_cache(maxsize=8192)
def shaped_line(text: str, bold: bool = False, base: str | None = None) -> Line:
    """One line of (clean, logical) text, shaped and cut into runs."""
    fonts.registered()
    return _shape(text, bold, base)


def draw_line(canvas, line: Line, x: float, baseline: float, size: float) -> None:
    """A shaped line on a reportlab canvas, run by run from its left end at x."""
    for run in line.runs:
        canvas.setFont(run.font, size)
        canvas.drawString(x, baseline, run.text)
        x += run.width * size


def longest_prefix(
    text: str, max_width: float, bold: bool = False, suffix: str = "", base: str | None = None
) -> int:
    """How many characters of the text fit in max_width (at size 1), with the suffix."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if shaped_line(text[:middle].rstrip() + suffix, bold, base).width <= max_width:
            low = middle
        else:
            high = middle - 1
    return low


# Breaking lines

_CLOSING = ("Pe", "Pf", "Po", "Pd")  # punctuation that does not start a line


def _is_cjk_letter(char: str) -> bool:
    return fonts.script_of(char) == fonts.CJK_SCRIPT and unicodedata.category(char) == "Lo"


def _may_break(before: str, after: str) -> bool:
    """Whether a line may break between these two characters: after a space, and around a
    Chinese character, but neither after an opening bracket nor before a closing one or
    other punctuation (a line does not start with 。or ）)."""
    if before == " ":
        return True
    if after == " ":
        return False
    if _is_cjk_letter(after):
        return unicodedata.category(before) not in ("Ps", "Pi")
    return _is_cjk_letter(before) and unicodedata.category(after) not in _CLOSING


def pieces(text: str) -> list[str]:
    """Clean text cut where a line may break; a piece keeps the space that ends it."""
    cut, start = [], 0
    for index in range(1, len(text)):
        if _may_break(text[index - 1], text[index]):
            cut.append(text[start:index])
            start = index
    if text:
        cut.append(text[start:])
    return cut


def widest_piece(text: str, bold: bool = False, base: str | None = None) -> float:
    """The width (at size 1) of the longest piece no line breaks: a column's least width."""
    return max(
        (shaped_line(piece.rstrip(), bold, base).width for piece in pieces(clean(text))),
        default=0.0,
    )


@lru_cache(maxsize=4096)
def wrap(text: str, width: float, bold: bool = False, base: str | None = None) -> tuple[Line, ...]:
    """A paragraph of (clean, logical) text broken into lines no wider than `width` (at size
    1), each shaped: between words and around Chinese characters, and between characters
    in a piece wider than a line. Candidate lines are measured as drawn, and not cached."""
    if not text:
        return ()
    whole = shaped_line(text, bold, base)
    if whole.width <= width:
        return (whole,)
    fonts.registered()
    texts, current = [], ""
    for piece in pieces(text):
        if current and _shape((current + piece).rstrip(), bold, base).width > width:
            texts.append(current.rstrip())
            current = ""
        while not current and _shape(piece.rstrip(), bold, base).width > width:
            keep = max(1, longest_prefix(piece, width, bold, base=base))
            texts.append(piece[:keep].rstrip())
            piece = piece[keep:].lstrip()
        current += piece
    if current.strip():
        texts.append(current.rstrip())
    return tuple(shaped_line(line, bold, base) for line in texts)
