"""Text on badges: fitting in a box, and placing the lines. The text itself (runs by
script, Arabic shaping, widths at size 1) is drawn through the PDF text layer, pdftext."""

from dataclasses import dataclass
from functools import lru_cache

from pdftext.text import Line, clean, longest_prefix, shaped_line

from .layouts import Rect

ELLIPSIS = "…"
LEADING = 1.2  # line height, in font sizes
DESCENT = 0.25  # room below the baseline in a line, in font sizes
WRAP_GAIN = 1.25


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


def _best_word_break(words: list[str], bold: bool) -> tuple[Line, Line]:
    """The break between words that makes the longer of the two lines shortest."""
    splits = (
        (shaped_line(" ".join(words[:i]), bold), shaped_line(" ".join(words[i:]), bold))
        for i in range(1, len(words))
    )
    return min(splits, key=lambda pair: max(pair[0].width, pair[1].width))


def _truncated(text: str, max_width: float, bold: bool) -> Line:
    keep = longest_prefix(text, max_width, bold, ELLIPSIS)
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
    keep = max(1, longest_prefix(text, room, bold))
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
