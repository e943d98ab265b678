"""Documents (platypus) in every script: paragraphs and tables drawn through our text layer,
and laid out right to left when the document's language is.

A paragraph is broken into lines in logical order, then each line is shaped and drawn run
by run (see text). In a right-to-left document lines start at the right (and an indent
is on the right), Arabic lines are reordered around a right-to-left base, a table's first
column is at the right, and the PDF asks viewers to page from right to left."""

import io
from dataclasses import dataclass, replace

from django.utils import translation
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle

from . import fonts
from .text import LTR, RTL, Line, clean, draw_line, is_rtl, shaped_line, widest_piece, wrap

MARGIN = 20 * mm
CELL_PADDING = 4
HEADER_BACKGROUND = colors.HexColor("#dbe7f3")
DESCENT = 0.25  # room below the baseline in a line, in font sizes


@dataclass(frozen=True)
class Style:
    size: float = 10.5
    leading: float = 15
    space_before: float = 0
    space_after: float = 0
    indent: float = 0  # on the side where lines start: left, or right in a right-to-left text


TITLE = Style(size=15, leading=19, space_after=4 * mm)
HEADING = Style(size=12.5, leading=16, space_before=5 * mm, space_after=2 * mm)
BODY = Style(space_after=3 * mm)
CELL = Style(size=8, leading=10)


class Paragraph(Flowable):
    """A paragraph in any of our scripts, aligned where lines start in the document's
    direction (that of the active language unless given)."""

    def __init__(
        self,
        text: str,
        style: Style = BODY,
        rtl: bool | None = None,
        lines: tuple[Line, ...] | None = None,
    ):
        super().__init__()
        self.text = clean(text)
        self.style = style
        self.rtl = is_rtl() if rtl is None else rtl
        self.lines = lines  # given for the parts of a paragraph split across pages
        self._fixed = lines is not None

    @property
    def base(self) -> str:
        return RTL if self.rtl else LTR

    def natural_width(self) -> float:
        """The width of the paragraph on one line."""
        line = shaped_line(self.text, base=self.base)
        return line.width * self.style.size + self.style.indent

    def least_width(self) -> float:
        """The width of its longest piece that no line breaks."""
        piece = widest_piece(self.text, base=self.base)
        return piece * self.style.size + self.style.indent

    def wrap(self, available_width, available_height):
        style = self.style
        if not self._fixed:
            room = max(available_width - style.indent, 0) / style.size
            self.lines = wrap(self.text, room, base=self.base)
        self.width = available_width
        self.height = len(self.lines) * style.leading
        return self.width, self.height

    def getSpaceBefore(self):
        return self.style.space_before

    def getSpaceAfter(self):
        return self.style.space_after

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fits = int(available_height // self.style.leading)
        if fits >= len(self.lines):
            return [self]
        if fits == 0:
            return []
        first = Paragraph(
            self.text, replace(self.style, space_after=0), self.rtl, self.lines[:fits]
        )
        rest = Paragraph(
            self.text, replace(self.style, space_before=0), self.rtl, self.lines[fits:]
        )
        return [first, rest]

    def draw(self):
        style = self.style
        for index, line in enumerate(self.lines):
            width = line.width * style.size
            x = self.width - style.indent - width if self.rtl else style.indent
            bottom = self.height - (index + 1) * style.leading
            baseline = bottom + (style.leading - style.size) / 2 + DESCENT * style.size
            draw_line(self.canv, line, x, baseline, style.size)


def _column_widths(cells: list[list[Paragraph]], width: float) -> list[float]:
    """Columns as wide as their texts on one line when that fits, else each at least as wide
    as its longest unbreakable piece and the rest shared by what each would still take; the
    whole as wide as `width`."""
    padding = 2 * CELL_PADDING
    columns = list(zip(*cells, strict=True))
    natural = [max(cell.natural_width() for cell in column) + padding for column in columns]
    least = [max(cell.least_width() for cell in column) + padding for column in columns]
    if sum(natural) <= width:
        return [value * width / sum(natural) for value in natural]
    room = width - sum(least)
    if room < 0:
        return [value * width / sum(least) for value in least]
    wanted = [most - fewest for most, fewest in zip(natural, least, strict=True)]
    return [fewest + room * more / sum(wanted) for fewest, more in zip(least, wanted, strict=True)]


def table(
    rows: list[list[str]],
    width: float,
    style: Style = CELL,
    header_rows: int = 1,
    rtl: bool | None = None,
) -> Table:
    """A table of texts `width` wide, its header rows shaded and repeated on every page; in
    a right-to-left document its columns run from right to left."""
    rtl = is_rtl() if rtl is None else rtl
    cells = [[Paragraph(str(value), style, rtl) for value in row] for row in rows]
    widths = _column_widths(cells, width)
    if rtl:
        cells, widths = [row[::-1] for row in cells], widths[::-1]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),  # else reportlab names Helvetica
        *(
            (padding, (0, 0), (-1, -1), CELL_PADDING)
            for padding in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
        ),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BACKGROUND))
    drawn = Table(cells, colWidths=widths, repeatRows=header_rows)
    drawn.setStyle(TableStyle(commands))
    return drawn


def frame_width(pagesize=A4) -> float:
    """The width inside the margins of a page: what a paragraph or a table may fill."""
    return pagesize[0] - 2 * MARGIN


def build(story: list[Flowable], title: str, pagesize=A4) -> bytes:
    """A PDF document of flowables with 20 mm margins, in the active language: its title and
    language in the PDF's information, right to left for Arabic."""
    fonts.registered()
    width, height = pagesize
    frame = Frame(
        MARGIN,
        MARGIN,
        width - 2 * MARGIN,
        height - 2 * MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    out = io.BytesIO()
    BaseDocTemplate(
        out,
        pagesize=pagesize,
        pageTemplates=[PageTemplate(frames=[frame])],
        title=title,
        author="United Nations",
        lang=translation.get_language(),
        direction="R2L" if is_rtl() else "L2R",
        initialFontName=fonts.SANS,
    ).build(story)
    return out.getvalue()
