"""Print-ready badges: one PDF for a list of badges on a stock preset (see layouts).

Pure rendering: everything comes in a BadgeData, nothing is read from the database. The
QR code is drawn as vectors from the modules made when the badge was issued. Photos are
embedded as they are when they are already plain JPEGs of a sensible size (no decoding),
else decoded and re-encoded once per distinct photo.

Memory and speed for batches of thousands: see lean_pdf (about 45 MB of rendering for
5,000 A6 badges with photos written to a file: bench/badges.py)."""

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import BinaryIO

from django.utils.translation import gettext as _
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.pdfgen.canvas import Canvas

from pdftext import fonts
from pdftext.text import clean, describe, draw_line, missing_chars

from . import lean_pdf
from .layouts import WHITE, Arrangement, Rect, arrangement, crop_marks, preset
from .text import PlacedLine, fit_text, place

# Band colour by category (the codes of registration.models.Entity.Kind); a session may
# override them (SessionBadging.colours).
DEFAULT_COLOURS = {
    "member_state": "#1f5fa8",
    "observer_state": "#5e3c99",
    "un_entity": "#0077b6",
    "igo": "#00796b",
    "ngo": "#2e7d32",
    "pni": "#8d6e00",
    "expert": "#c25e00",
    "media": "#c62828",
    "secretariat": "#37474f",
}
FALLBACK_COLOUR = "#555555"
DARK_TEXT = "#1a1a1a"
PHOTO_PLACEHOLDER = "#e6e6e6"
QUIET_ZONE = 4  # modules of white around the QR code


@dataclass
class BadgeData:
    session_title: str
    dates_label: str
    category: str  # e.g. "member_state"
    category_label: str
    colour: str  # "#rrggbb"
    photo: bytes | None  # JPEG or PNG
    latin_name: str
    own_script_name: str  # "" when none
    entity_name: str
    qr_modules: list[str]  # rows of "0" and "1", without the quiet zone
    serial: int
    valid_label: str  # e.g. "27-31 January 2025"
    preview: bool = False  # the person's own preview: no code, no serial, not valid


@dataclass
class RenderResult:
    pdf: bytes  # empty when the PDF was written to an output file
    # (serial, Latin name, reason) for each badge printed without its own-script name
    report: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class BadgePlan:
    """What goes where on one badge, relative to its box, before anything is drawn."""

    arrangement: Arrangement
    lines: dict[str, list[PlacedLine]]  # text field -> its placed lines
    colour: str
    band_text_colour: str
    problems: tuple[str, ...]  # reasons for the report, empty when all is printed


@cache
def band_colour(colour: str, category: str) -> str:
    """The badge's colour, or its category's when it is missing or not a colour."""
    default = DEFAULT_COLOURS.get(category, FALLBACK_COLOUR)
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour or ""):
        return default
    return colour


@cache
def band_text_colour(colour: str) -> str:
    """White on dark bands, dark on light ones (relative luminance, WCAG)."""

    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in HexColor(colour).rgb())
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return WHITE if luminance < 0.4 else DARK_TEXT


def _texts(badge: BadgeData) -> tuple[dict[str, str], list[str]]:
    """The text of each field, and the problems found: an own-script name with a character
    no font has is left out (the Latin name stands alone), never drawn as empty boxes."""
    problems = []
    own_name = clean(badge.own_script_name)
    missing = missing_chars(own_name)
    if missing:
        problems.append(
            _("No font has %(chars)s: the name in its own script is not printed.")
            % {"chars": ", ".join(describe(char) for char in missing)}
        )
        own_name = ""
    elif own_name.casefold() == clean(badge.latin_name).casefold():
        own_name = ""
    missing = missing_chars(badge.latin_name)
    if missing:
        problems.append(
            _("No font has %(chars)s: left out of the name.")
            % {"chars": ", ".join(describe(char) for char in missing)}
        )
    texts = {
        "session": badge.session_title,
        "dates": badge.dates_label,
        "category": badge.category_label,
        "name": badge.latin_name,
        "own_name": own_name,
        "entity": badge.entity_name,
        "serial": "" if badge.preview else _("No. %(serial)s") % {"serial": badge.serial},
        "validity": (
            _("Preview: not valid for entry")
            if badge.preview
            else _("Valid %(dates)s") % {"dates": badge.valid_label}
        ),
    }
    return texts, problems


def plan_badge(badge: BadgeData, width: float, height: float) -> BadgePlan:
    """Fit every text of a badge in its box (for a badge box of width x height points)."""
    arranged = arrangement(width, height)
    texts, problems = _texts(badge)
    lines = {}
    for name, (box, style) in arranged.texts.items():
        fitted = fit_text(
            texts[name], box.w, box.h, style.size, style.min_size, style.bold, style.max_lines
        )
        lines[name] = place(fitted, box, style.align)
    colour = band_colour(badge.colour, badge.category)
    return BadgePlan(arranged, lines, colour, band_text_colour(colour), tuple(problems))


_DARK = re.compile("1+")


def draw_qr(canvas: Canvas, modules: list[str], box: Rect) -> None:
    """The QR code as filled rectangles (a run of dark modules in a row is one rectangle),
    on white with its quiet zone, filling the square box. Written in module units under
    one transformation: whole numbers, which reportlab would otherwise format one by one."""
    if not modules:
        return
    module = box.w / (len(modules) + 2 * QUIET_ZONE)
    canvas.setFillColor(white)
    canvas.rect(box.x, box.y, box.w, box.h, stroke=0, fill=1)
    bottom_row = len(modules) - 1
    rectangles = [
        f"{run.start()} {bottom_row - row_index} {run.end() - run.start()} 1 re"
        for row_index, row in enumerate(modules)
        for run in _DARK.finditer(row)
    ]
    canvas.saveState()
    canvas.setFillColor(black)
    origin = QUIET_ZONE * module
    canvas.transform(module, 0, 0, module, box.x + origin, box.y + origin)
    canvas.addLiteral("\n".join([*rectangles, "f"]))
    canvas.restoreState()


@cache
def _colour(hex_colour: str) -> Color:
    return HexColor(hex_colour)


def _draw_lines(canvas: Canvas, lines: list[PlacedLine], colour: str, dx: float, dy: float):
    canvas.setFillColor(_colour(colour))
    for placed in lines:
        draw_line(canvas, placed.line, placed.x + dx, placed.baseline + dy, placed.size)


def draw_badge(
    canvas: Canvas, badge: BadgeData, plan: BadgePlan, box: Rect, photo: str | None
) -> None:
    """Draw a badge in its box; `photo` is a JPEG file or the name of an embedded one."""
    arranged, dx, dy = plan.arrangement, box.x, box.y
    band = arranged.band.moved(dx, dy)
    canvas.setFillColor(_colour(plan.colour))
    canvas.rect(band.x, band.y, band.w, band.h, stroke=0, fill=1)
    for name, (_box, style) in arranged.texts.items():
        colour = plan.band_text_colour if style.colour == WHITE else style.colour
        _draw_lines(canvas, plan.lines[name], colour, dx, dy)
    photo_box = arranged.photo.moved(dx, dy)
    if photo:
        canvas.drawImage(
            photo, photo_box.x, photo_box.y, photo_box.w, photo_box.h, preserveAspectRatio=True
        )
    else:
        canvas.setFillColor(_colour(PHOTO_PLACEHOLDER))
        canvas.rect(photo_box.x, photo_box.y, photo_box.w, photo_box.h, stroke=0, fill=1)
    draw_qr(canvas, badge.qr_modules, arranged.qr.moved(dx, dy))


def render_badges(
    badges: list[BadgeData],
    layout: str,
    on_progress: Callable[[int, int], None] | None = None,
    output: BinaryIO | None = None,
) -> RenderResult:
    """One PDF of these badges on the layout's stock ("a6", "cr80", "a4x4", "a4x10"), in
    order; on_progress(done, total) after each badge. The report lists the badges printed
    without their own-script name (or with characters left out of the name), and why.
    The PDF is in the result, or, given a binary file open for writing, written to it
    (and not held in memory: for large batches)."""
    stock = preset(layout)
    fonts.registered()
    with lean_pdf.binary_streams():
        if output is not None:
            return RenderResult(b"", _render(badges, stock, on_progress, output))
        # Through a file: the PDF is read into memory once reportlab's document is gone.
        with tempfile.TemporaryFile(prefix="badges-") as file:
            report = _render(badges, stock, on_progress, file)
            file.seek(0)
            return RenderResult(file.read(), report)


def _render(badges, stock, on_progress, output: BinaryIO) -> list:
    """Draw the badges and write the PDF to the output; the report."""
    canvas = Canvas(
        output,
        pagesize=(stock.page_width, stock.page_height),
        initialFontName=fonts.SANS,
        pageCompression=1,
    )
    canvas.setTitle(_("Badges"))
    canvas.setAuthor("United Nations")
    photos = lean_pdf.Photos(canvas)
    report: list[tuple[int, str, str]] = []
    on_page: list[Rect] = []
    for index, badge in enumerate(badges):
        slot = index % stock.per_page
        if slot == 0 and index:
            _finish_page(canvas, stock, on_page)
            on_page = []
        box = stock.boxes[slot]
        plan = plan_badge(badge, box.w, box.h)
        photo = photos.name(badge.photo) if badge.photo else None
        draw_badge(canvas, badge, plan, box, photo)
        on_page.append(box)
        report += [(badge.serial, badge.latin_name, reason) for reason in plan.problems]
        if badge.photo and photo is None:
            report.append((badge.serial, badge.latin_name, _("The photo could not be read.")))
        if on_progress:
            on_progress(index + 1, len(badges))
    _finish_page(canvas, stock, on_page)
    lean_pdf.save_written_through(canvas, output)
    return report


def _finish_page(canvas: Canvas, stock, boxes: list[Rect]) -> None:
    if stock.crop_marks and boxes:
        canvas.setStrokeColor(black)
        canvas.setLineWidth(0.25)
        for x1, y1, x2, y2 in crop_marks(boxes):
            canvas.line(x1, y1, x2, y2)
    canvas.showPage()
    lean_pdf.compress_last_page(canvas)
