"""Badge stock and where things go on a badge, in PDF points (origin at the bottom left).

A preset is a page size and the badge boxes on one page; an arrangement places the parts
of one badge (band, photo, names, QR code...) in a box of a given size: a tall one for A6
badges, a small one for cards and inserts."""

from dataclasses import dataclass
from functools import cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def moved(self, dx: float, dy: float) -> "Rect":
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def contains(self, other: "Rect", tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.top <= self.top + tolerance
        )

    def overlaps(self, other: "Rect") -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.top
            and other.y < self.top
        )


@dataclass(frozen=True)
class Preset:
    key: str
    page_width: float
    page_height: float
    boxes: tuple[Rect, ...]  # in reading order: left to right, top to bottom
    crop_marks: bool = False

    @property
    def per_page(self) -> int:
        return len(self.boxes)


def _grid(columns: int, rows: int, width: float, height: float) -> tuple[Rect, ...]:
    """Boxes of width x height, touching, centred on an A4 page."""
    page_width, page_height = A4
    left = (page_width - columns * width) / 2
    bottom = (page_height - rows * height) / 2
    return tuple(
        Rect(left + column * width, bottom + (rows - 1 - row) * height, width, height)
        for row in range(rows)
        for column in range(columns)
    )


A6_SIZE = (105 * mm, 148 * mm)
CR80_SIZE = (85.60 * mm, 53.98 * mm)  # landscape
INSERT_SIZE = (90 * mm, 54 * mm)

PRESETS = {
    "a6": Preset("a6", *A6_SIZE, boxes=(Rect(0, 0, *A6_SIZE),)),
    "cr80": Preset("cr80", *CR80_SIZE, boxes=(Rect(0, 0, *CR80_SIZE),)),
    "a4x4": Preset("a4x4", *A4, boxes=_grid(2, 2, *A6_SIZE), crop_marks=True),
    "a4x10": Preset("a4x10", *A4, boxes=_grid(2, 5, *INSERT_SIZE)),
}


def preset(key: str) -> Preset:
    try:
        return PRESETS[key]
    except KeyError:
        raise ValueError(f"Unknown badge layout {key!r}; choose one of {sorted(PRESETS)}") from None


CROP_MARK_LENGTH = 4 * mm


def crop_marks(boxes) -> list[tuple[float, float, float, float]]:
    """Lines (x1, y1, x2, y2) marking the corners of these boxes: a short cross on the cut
    lines at every corner. The boxes touch (A6 on A4 leaves no gutter), so the marks lie on
    the cuts and stay inside the badges' outer margin, where nothing is printed."""
    corners = {
        (round(x, 3), round(y, 3)) for b in boxes for x in (b.x, b.right) for y in (b.y, b.top)
    }
    half = CROP_MARK_LENGTH / 2
    lines = []
    for x, y in sorted(corners):
        lines.append((x - half, y, x + half, y))
        lines.append((x, y - half, x, y + half))
    return lines


@dataclass(frozen=True)
class TextStyle:
    size: float  # the size to start at
    min_size: float  # shrink no further; wrap instead
    bold: bool = False
    max_lines: int = 2
    align: str = "centre"  # "left", "centre" or "right"
    colour: str = "#1a1a1a"


@dataclass(frozen=True)
class Arrangement:
    """Where each part of a badge goes, relative to the badge box's lower left corner."""

    width: float
    height: float
    band: Rect
    photo: Rect
    qr: Rect  # a square, quiet zone included
    texts: dict  # field name -> (Rect, TextStyle), for the fields of TEXT_FIELDS
    margin: float


TEXT_FIELDS = ("session", "dates", "category", "name", "own_name", "entity", "serial", "validity")
WHITE = "#ffffff"


def _tall(w: float, h: float) -> Arrangement:
    """A6 portrait: header, colour band, photo and QR code side by side, then the names."""
    m = 6 * mm
    inner = w - 2 * m
    top = h - m
    session = Rect(m, top - 26, inner, 26)
    dates = Rect(m, session.y - 14, inner, 12)
    band = Rect(0, dates.y - 36, w, 32)
    category = Rect(m, band.y + 2, inner, band.h - 4)
    photo = Rect(m, band.y - 10 - 45 * mm, 35 * mm, 45 * mm)
    qr_side = 36 * mm
    qr = Rect(w - m - qr_side, photo.y + (photo.h - qr_side) / 2, qr_side, qr_side)
    name = Rect(m, photo.y - 8 - 54, inner, 54)
    own_name = Rect(m, name.y - 4 - 42, inner, 42)
    entity = Rect(m, own_name.y - 4 - 32, inner, 32)
    footer = Rect(m, m, inner, 12)
    serial = Rect(footer.x, footer.y, inner * 0.4, footer.h)
    validity = Rect(footer.x + inner * 0.4, footer.y, inner * 0.6, footer.h)
    return Arrangement(
        width=w,
        height=h,
        band=band,
        photo=photo,
        qr=qr,
        margin=m,
        texts={
            "session": (session, TextStyle(10, 7)),
            "dates": (dates, TextStyle(9, 6.5, max_lines=1)),
            "category": (category, TextStyle(15, 8, bold=True, colour=WHITE)),
            "name": (name, TextStyle(22, 13, bold=True)),
            "own_name": (own_name, TextStyle(18, 10)),
            "entity": (entity, TextStyle(13, 8)),
            "serial": (serial, TextStyle(9, 6, max_lines=1, align="left")),
            "validity": (validity, TextStyle(9, 6, max_lines=1, align="right")),
        },
    )


def _small(w: float, h: float) -> Arrangement:
    """CR80 card or 90 x 54 mm insert, landscape: a band with the category and the dates,
    the session below; photo on the left, names beside it, the QR code bottom right."""
    m = 3.5 * mm
    band = Rect(0, h - 20, w, 20)
    category = Rect(m, band.y + 1.5, (w - 2 * m) * 0.55, band.h - 3)
    dates = Rect(category.right + 4, band.y + 1.5, w - m - category.right - 4, band.h - 3)
    session = Rect(m, band.y - 3 - 16, w - 2 * m, 16)
    content_top = session.y - 3
    photo = Rect(m, content_top - 25 * mm, 20 * mm, 25 * mm)
    column = photo.right + 2.5 * mm
    qr_side = min(content_top - 6 - m - 22, 27 * mm)
    qr = Rect(w - m - qr_side, m, qr_side, qr_side)
    name = Rect(column, content_top - 24, w - m - column, 24)
    narrow = qr.x - 3 - column
    own_name = Rect(column, name.y - 2 - 20, narrow, 20)
    entity = Rect(column, own_name.y - 2 - 16, narrow, 16)
    footer_height = photo.y - 2 - m  # serial under the photo, validity beside it
    serial = Rect(m, m, photo.w, footer_height)
    validity = Rect(column, m, narrow, footer_height)
    return Arrangement(
        width=w,
        height=h,
        band=band,
        photo=photo,
        qr=qr,
        margin=m,
        texts={
            "session": (session, TextStyle(6.5, 5, align="left")),
            "dates": (dates, TextStyle(7.5, 5, align="right", colour=WHITE)),
            "category": (category, TextStyle(9, 5.5, bold=True, align="left", colour=WHITE)),
            "name": (name, TextStyle(12, 6.5, bold=True, align="left")),
            "own_name": (own_name, TextStyle(10, 5.5, align="left")),
            "entity": (entity, TextStyle(7.5, 5, align="left")),
            "serial": (serial, TextStyle(7, 5, max_lines=1, align="left")),
            "validity": (validity, TextStyle(6.5, 5, align="left")),
        },
    )


@cache
def arrangement(width: float, height: float) -> Arrangement:
    """The arrangement for a badge box of this size: tall when portrait, small otherwise."""
    return _tall(width, height) if height > width else _small(width, height)
