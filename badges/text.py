"""Text on badges: runs by script, Arabic shaping, fitting in a box.

reportlab neither shapes Arabic nor falls back from font to font. So each line is first
shaped (arabic_reshaper joins the letters, python-bidi puts them in visual order), then
cut into runs that one font can draw, and drawn run by run from left to right. Widths come
from pdfmetrics.stringWidth per run, at size 1: a width at any size is a multiplication."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import fonts
from .layouts import Rect

ELLIPSIS = "…"
LEADING = 1.2  # line height, in font sizes
DESCENT = 0.25  # room below the baseline in a line, in font sizes
WRAP_GAIN = 1.25
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


@dataclass(frozen=True)
class FittedText:
    lines: tuple[Line, ...]
    size: float
    truncated: bool = False

    def widths(self) -> list[float]:
        return [line.width * self.size for line in self.lines]

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


@dataclass(frozen=True)
class PlacedLine:
    line: Line
    x: float
    baseline: float
    size: float

    @property
    def box(self) -> Rect:
        """The line's box: its width, and its line height around the baseline."""
        bottom = self.baseline - DESCENT * self.size
        return Rect(self.x, bottom, self.line.width * self.size, LEADING * self.size)


def clean(text: str) -> str:
    """Composed characters (a name typed with combining accents is drawn with the accented
    letters, as reportlab does not position marks) and single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf")


def _needs_shaping(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def visual(text: str) -> str:
    """A line as drawn: Arabic letters joined (presentation forms) and right to left, mixed
    with left-to-right text in visual order. One line at a time: bidi reorders within
    the line it is given."""
    if not _needs_shaping(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


def missing_chars(text: str) -> list[str]:
    """The characters of the text, as drawn, that no badge font has."""
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
    are left out (reported beforehand by `missing_chars`): never an empty box."""
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


@lru_cache(maxsize=8192)
def shaped_line(text: str, bold: bool = False) -> Line:
    """One line of (clean, logical) text, shaped and cut into runs."""
    fonts.registered()
    return Line(split_runs(visual(text), bold))


def _best_word_break(words: list[str], bold: bool) -> tuple[Line, Line]:
    """The break between words that makes the longer of the two lines shortest."""
    splits = (
        (shaped_line(" ".join(words[:i]), bold), shaped_line(" ".join(words[i:]), bold))
        for i in range(1, len(words))
    )
    return min(splits, key=lambda pair: max(pair[0].width, pair[1].width))


def _longest_prefix(text: str, max_width: float, bold: bool, suffix: str = "") -> int:
    """How many characters of the text fit in max_width (at size 1), with the suffix."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if shaped_line(text[:middle].rstrip() + suffix, bold).width <= max_width:
            low = middle
        else:
            high = middle - 1
    return low


def _truncated(text: str, max_width: float, bold: bool) -> Line:
    keep = _longest_prefix(text, max_width, bold, ELLIPSIS)
    return shaped_line(text[:keep].rstrip() + ELLIPSIS, bold)


@lru_cache(maxsize=4096)
def fit_text(
    text: str,
    width: float,
    height: float,
    size: float,
    min_size: float,
    bold: bool = False,
    max_lines: int = 2,
) -> FittedText:
    """Fit a text in a box: one line at the largest size from `size` down to `min_size`
    (unless two lines broken between words would be WRAP_GAIN times larger); failing that,
    two lines (broken between words, or between characters for a long word or Chinese) at
    the largest size that fits; failing that, two lines at the minimum size, the second cut
    short with an ellipsis. Never wider or taller than the box."""
    text = clean(text)
    if not text:
        return FittedText((), size)

    def largest(lines: tuple[Line, ...]) -> float:
        widest = max(line.width for line in lines)
        by_width = width / widest if widest else size
        return min(size, by_width, height / (len(lines) * LEADING))

    one = shaped_line(text, bold)
    words = text.split(" ")
    pair = _best_word_break(words, bold) if max_lines > 1 and len(words) > 1 else None
    if largest((one,)) >= min_size:
        # Shrunk to fit one line: two lines instead if they are much larger.
        if pair and largest(pair) >= WRAP_GAIN * largest((one,)):
            return FittedText(pair, largest(pair))
        return FittedText((one,), largest((one,)))
    room = width / min_size  # width at size 1 of a line at the minimum size
    if max_lines < 2:
        return FittedText((_truncated(text, room, bold),), min(min_size, height / LEADING), True)
    if pair and largest(pair) >= min_size:
        return FittedText(pair, largest(pair))
    # The first line as full as it can be at the minimum size, broken at a space if one is
    # in its second half, else between characters.
    keep = max(1, _longest_prefix(text, room, bold))
    space = text.rfind(" ", 0, keep + 1)
    if space > keep // 2:
        keep = space
    first, rest = text[:keep].rstrip(), text[keep:].lstrip()
    pair = (shaped_line(first, bold), shaped_line(rest, bold))
    if largest(pair) >= min_size:
        return FittedText(pair, largest(pair))
    pair = (pair[0], _truncated(rest, room, bold))
    return FittedText(pair, min(min_size, height / (2 * LEADING)), True)


def place(fitted: FittedText, box: Rect, align: str = "centre") -> list[PlacedLine]:
    """Where each line goes: the block of lines centred vertically in the box, each line
    aligned left, centred or right."""
    top = box.top - (box.h - fitted.height) / 2
    placed = []
    for index, line in enumerate(fitted.lines):
        line_width = line.width * fitted.size
        if align == "left":
            x = box.x
        elif align == "right":
            x = box.right - line_width
        else:
            x = box.x + (box.w - line_width) / 2
        line_bottom = top - (index + 1) * LEADING * fitted.size
        placed.append(PlacedLine(line, x, line_bottom + DESCENT * fitted.size, fitted.size))
    return placed
