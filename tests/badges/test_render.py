"""Print-ready badges, checked by reading the PDF back: page sizes, badges per sheet, the
font of each script, Arabic joined and right to left, every glyph in its font, long texts
kept in their boxes, the fallback to the Latin name, and a QR code that decodes."""

import io
import re
from functools import cache

import arabic_reshaper
import pytest
import qrcode
from bidi import get_display
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from badges.layouts import PRESETS, arrangement, crop_marks
from badges.render import DEFAULT_COLOURS, BadgeData, plan_badge, render_badges
from badges.text import LEADING
from pdftext import fonts
from registration.models import Entity
from tests.pdfs import drawn_texts, lines

LAYOUTS = ["a6", "cr80", "a4x4", "a4x10"]
ARABIC_NAME = "محمد عبد الله"
CHINESE_NAME = "王小明"
RUSSIAN_NAME = "Иван Петров"
LATIN_NAME = "Dvořák Łukasz Ñúñez"
MIXED_NAME = "Mr. محمد عبد الله Haddad"


# Making badges


def qr_modules(text: str) -> list[str]:
    """The rows of a QR code's modules, its quiet zone (border) stripped."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make()
    border = code.border
    rows = code.get_matrix()[border:-border]
    return ["".join("1" if dark else "0" for dark in row[border:-border]) for row in rows]


def photo_bytes(width=400, height=500, format="JPEG", mode="RGB") -> bytes:
    image = Image.new(mode, (width, height), "#8899aa")
    ImageDraw.Draw(image).ellipse((width // 4, height // 8, width * 3 // 4, height // 2), "#e0b090")
    out = io.BytesIO()
    image.save(out, format=format)
    return out.getvalue()


PHOTO = photo_bytes()


def badge(serial=101, **fields) -> BadgeData:
    """A badge of the second meeting at the VIC; any field can be given."""
    values = {
        "session_title": "Open-ended intergovernmental expert group on reducing reoffending, "
        "second meeting",
        "dates_label": "27–31 January 2025",
        "category": "member_state",
        "category_label": "Member State",
        "colour": DEFAULT_COLOURS["member_state"],
        "photo": PHOTO,
        "latin_name": "Ms. Amina Haddad",
        "own_script_name": "",
        "entity_name": "Egypt",
        "qr_modules": qr_modules(f"BADGE-{serial}"),
        "serial": serial,
        "valid_label": "27-31 January 2025",
    }
    values.update(fields)
    return BadgeData(**values)


# Reading the PDF back


def read(result) -> PdfReader:
    return PdfReader(io.BytesIO(result.pdf))


def serials(page) -> list[int]:
    return [int(number) for number in re.findall(r"No\. (\d+)", page.extract_text())]


def shaped(text: str) -> str:
    return get_display(arabic_reshaper.reshape(text))


# Layouts


EXACT_SIZES_MM = {
    "a6": (105, 148),
    "cr80": (85.60, 53.98),
    "a4x4": (210, 297),
    "a4x10": (210, 297),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_page_size_is_exact(layout):
    page = read(render_badges([badge()], layout)).pages[0]

    width, height = EXACT_SIZES_MM[layout]
    assert float(page.mediabox.width) == pytest.approx(width * mm, abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(height * mm, abs=0.01)


def test_an_a4_sheet_holds_four_a6_badges():
    pdf = read(render_badges([badge(serial) for serial in range(201, 207)], "a4x4"))

    assert [serials(page) for page in pdf.pages] == [[201, 202, 203, 204], [205, 206]]


def test_an_a4_sheet_holds_ten_inserts():
    pdf = read(render_badges([badge(serial) for serial in range(301, 313)], "a4x10"))

    assert [len(serials(page)) for page in pdf.pages] == [10, 2]


def test_sheet_badges_are_centred_and_of_their_size():
    inserts = PRESETS["a4x10"].boxes
    left, bottom = min(b.x for b in inserts), min(b.y for b in inserts)
    right, top = max(b.right for b in inserts), max(b.top for b in inserts)

    assert {(round(b.w / mm, 3), round(b.h / mm, 3)) for b in inserts} == {(90, 54)}
    assert (left, bottom) == pytest.approx((210 * mm - right, 297 * mm - top))


def test_crop_marks_cross_every_corner_of_an_a4x4_sheet():
    boxes = PRESETS["a4x4"].boxes
    marks = crop_marks(boxes)
    corners = {
        (round(x, 3), round(y, 3)) for b in boxes for x in (b.x, b.right) for y in (b.y, b.top)
    }

    crossed = {
        (round(x, 3), round(y, 3))
        for x, y in corners
        for x1, y1, x2, y2 in marks
        if x1 <= x <= x2 and y1 <= y <= y2
    }
    assert crossed == corners and len(corners) == 9


def test_crop_marks_are_drawn_on_a4x4_sheets_only():
    def strokes(layout):
        pdf = read(render_badges([badge()], layout))
        page = pdf.pages[0]
        operations = ContentStream(page.get_contents(), pdf).operations
        return sum(operator == b"S" for _operands, operator in operations)

    assert (strokes("a4x4"), strokes("a6")) == (2 * 4, 0)


def test_every_category_has_a_default_colour():
    assert set(DEFAULT_COLOURS) == set(Entity.Kind.values)


# Scripts and fonts


@pytest.mark.parametrize(
    ("own_name", "font"),
    [
        (ARABIC_NAME, "NotoSansArabic-Regular"),
        (CHINESE_NAME, "NotoSansSC-Regular"),
        (RUSSIAN_NAME, "NotoSans-Regular"),
        (LATIN_NAME, "NotoSans-Regular"),
    ],
)
def test_a_name_is_drawn_in_the_font_of_its_script(own_name, font):
    pdf = read(render_badges([badge(own_script_name=own_name)], "a6"))

    drawn = drawn_texts(pdf, pdf.pages[0])
    assert (font, shaped(own_name)) in {(item.font, item.text) for item in drawn}


def test_only_subsets_of_the_noto_fonts_are_embedded():
    names = [ARABIC_NAME, CHINESE_NAME, RUSSIAN_NAME, LATIN_NAME]
    badges = [badge(serial, own_script_name=name) for serial, name in enumerate(names, 1)]
    page = read(render_badges(badges, "a4x4")).pages[0]

    base_fonts = {
        str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()
    }
    assert {re.sub(r"^/[A-Z]{6}\+", "", name) for name in base_fonts} == {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSansArabic-Regular",
        "NotoSansSC-Regular",
    }


def test_arabic_is_drawn_joined_and_right_to_left():
    pdf = read(render_badges([badge(own_script_name=ARABIC_NAME)], "a6"))

    arabic = [item.text for item in drawn_texts(pdf, pdf.pages[0]) if "Arabic" in item.font]
    assert arabic == [shaped(ARABIC_NAME)]
    assert arabic[0] != ARABIC_NAME  # presentation forms, in visual order


def test_mixed_latin_and_arabic_is_one_line_in_visual_order():
    pdf = read(render_badges([badge(own_script_name=MIXED_NAME)], "a6"))

    drawn = drawn_texts(pdf, pdf.pages[0])
    assert shaped(MIXED_NAME) in lines(drawn)
    assert {"NotoSans-Regular", "NotoSansArabic-Regular"} <= {
        item.font for item in drawn if item.text.strip() and item.text in shaped(MIXED_NAME)
    }


@cache
def source_font(base: str) -> TTFont:
    for name in fonts.registered():
        face = pdfmetrics.getFont(name).face
        if face.name.decode() == base:
            return TTFont(face.filename, lazy=True)
    raise LookupError(base)


def _outline(font: TTFont, glyph_name: str) -> tuple:
    glyph = font["glyf"][glyph_name]
    return (
        glyph.numberOfContours != 0,
        *(getattr(glyph, k, 0) for k in ("xMin", "yMin", "xMax", "yMax")),
    )


def test_every_glyph_drawn_is_the_one_of_its_character():
    names = [ARABIC_NAME, CHINESE_NAME, RUSSIAN_NAME, LATIN_NAME, MIXED_NAME]
    badges = [
        badge(serial, own_script_name=name, entity_name=name)
        for serial, name in enumerate(names, 1)
    ]
    pdf = read(render_badges(badges, "a4x10"))
    page = pdf.pages[0]
    resources = page["/Resources"]["/Font"]

    embedded_fonts = {
        key: TTFont(io.BytesIO(font["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
        for key, font in ((key, value.get_object()) for key, value in resources.items())
    }
    checked = 0
    for item in drawn_texts(pdf, page):
        source = source_font(item.font)
        for (key, code), char in zip(item.codes, item.text, strict=True):
            embedded = embedded_fonts[key]
            glyph = embedded["cmap"].getcmap(1, 0).cmap[code]  # reportlab's subsets: Mac
            source_glyph = source.getBestCmap().get(ord(char))
            assert source_glyph is not None, f"{char!r} not in {item.font}"
            assert _outline(embedded, glyph) == _outline(source, source_glyph), char
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("char", ["ሀይሉ", "བཀྲ་ཤིས", "\ue000"], ids=["ethiopic", "tibetan", "private"])
def test_a_name_no_font_can_draw_falls_back_to_the_latin_name(char):
    result = render_badges([badge(7, latin_name="Mr. Haile Tesfaye", own_script_name=char)], "a6")

    drawn = drawn_texts(read(result), read(result).pages[0])
    assert [(serial, name) for serial, name, _reason in result.report] == [(7, "Mr. Haile Tesfaye")]
    assert f"U+{ord(char[0]):04X}" in result.report[0][2]
    assert "Mr. Haile Tesfaye" in lines(drawn)
    assert all("\0" not in item.text and not set(char) & set(item.text) for item in drawn)


def test_a_badge_drawn_in_full_is_not_reported():
    result = render_badges([badge(own_script_name=ARABIC_NAME)], "cr80")

    assert result.report == []


# Fitting


SIXTY = {
    "latin words": "Mr. Bartholomew Alexander Christophersen-Montgomery de la Ve",
    "one long word": "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaf",
    "chinese": "王小明" * 20,
    "arabic": ("محمد عبد الله بن عبد الرحمن " * 3)[:60],
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("text", list(SIXTY.values()), ids=list(SIXTY))
def test_sixty_characters_fit_their_box_clear_of_the_photo(layout, text):
    assert len(text) == 60
    box = PRESETS[layout].boxes[0]
    other = text[::-1]  # an own-script name equal to the Latin one is not repeated
    plan = plan_badge(badge(latin_name=text, own_script_name=other, entity_name=text), box.w, box.h)

    arranged = plan.arrangement
    for field in ("name", "own_name", "entity"):
        region, style = arranged.texts[field]
        placed = plan.lines[field]
        assert 1 <= len(placed) <= 2
        assert all(line.size >= style.min_size for line in placed)
        assert all(line.line.width * line.size <= region.w + 1e-6 for line in placed)
        assert all(region.contains(line.box) for line in placed)
        assert not any(line.box.overlaps(arranged.photo) for line in placed)
        assert not any(line.box.overlaps(arranged.qr) for line in placed)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_part_is_inside_the_badge_and_clear_of_the_photo(layout):
    box = PRESETS[layout].boxes[0]
    arranged = arrangement(box.w, box.h)
    badge_box = type(box)(0, 0, box.w, box.h)

    regions = [region for region, _style in arranged.texts.values()]
    assert all(badge_box.contains(region) for region in [*regions, arranged.photo, arranged.qr])
    assert not any(region.overlaps(arranged.photo) for region in [*regions, arranged.qr])
    # every region holds its lines at the minimum size
    assert all(
        style.max_lines * style.min_size * LEADING <= region.h
        for region, style in arranged.texts.values()
    )


# Photo and QR code


def _image_placements(pdf, page) -> list[tuple[float, float, float, float]]:
    """(x, y, width, height) of each image drawn, from the matrix set before `Do`."""
    placements, matrix = [], None
    for operands, operator in ContentStream(page.get_contents(), pdf).operations:
        if operator == b"cm":
            matrix = [float(value) for value in operands]
        elif operator == b"Do":
            placements.append((matrix[4], matrix[5], matrix[0], matrix[3]))
    return placements


@pytest.mark.parametrize(
    "photo",
    [photo_bytes(600, 400, "PNG", "RGBA"), photo_bytes(300, 600)],
    ids=["landscape png", "tall jpeg"],
)
def test_the_photo_keeps_its_aspect_ratio_inside_its_box(photo):
    pdf = read(render_badges([badge(photo=photo)], "a6"))
    image = Image.open(io.BytesIO(photo))

    [(x, y, width, height)] = _image_placements(pdf, pdf.pages[0])
    a6 = PRESETS["a6"].boxes[0]
    box = arrangement(a6.w, a6.h).photo
    assert width / height == pytest.approx(image.width / image.height, rel=1e-3)
    assert box.contains(type(box)(x, y, width, height), tolerance=0.001)


def test_the_same_photo_is_embedded_once():
    pdf = read(render_badges([badge(serial) for serial in range(1, 9)], "a4x4"))

    images = {
        id(xobject.get_object())
        for page in pdf.pages
        for xobject in page["/Resources"]["/XObject"].values()
    }
    assert len(images) == 1


def test_a_badge_without_a_photo_is_printed():
    result = render_badges([badge(photo=None)], "a6")

    assert result.report == [] and serials(read(result).pages[0]) == [101]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_qr_code_on_the_badge_decodes(layout):
    zxingcpp = pytest.importorskip("zxingcpp")
    pypdfium2 = pytest.importorskip("pypdfium2")
    text = "UNB1-7-1234-42-ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    result = render_badges([badge(qr_modules=qr_modules(text))], layout)

    document = pypdfium2.PdfDocument(result.pdf)
    try:
        image = document[0].render(scale=4).to_pil()
    finally:
        document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [text]


def test_progress_is_reported_after_each_badge():
    calls = []

    render_badges([badge(1), badge(2), badge(3)], "a4x10", on_progress=lambda *a: calls.append(a))

    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_an_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="a3"):
        render_badges([badge()], "a3")
