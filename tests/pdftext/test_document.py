"""Documents through the layer, read back with pypdf: every script printed with its glyphs,
Arabic joined, right-to-left documents laid out from the right, tables with their first
column at the right, paragraphs split across pages."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from reportlab.lib.pagesizes import A4

from pdftext.document import BODY, CELL, MARGIN, TITLE, Paragraph, Style, build, table
from pdftext.document import frame_width as width_of
from tests.pdfs import (
    ARABIC_LETTERS,
    LANGUAGES,
    all_lines,
    drawn_texts,
    glyphless,
    logical,
    page_lines,
    read,
    shows,
)

RIGHT = A4[0] - MARGIN


def sample(language: str) -> tuple[bytes, list[str]]:
    """A document in the language: a title, a paragraph, a table; the texts it shows."""
    with translation.override(language):
        texts = [
            gettext("List of participants"),
            gettext("To the Embassy or Consulate of Austria"),
            gettext("Sitting"),
            gettext("Listeners in person"),
            gettext("Interpreter-sittings"),
        ]
        story = [
            Paragraph(texts[0], TITLE),
            Paragraph(texts[1], BODY),
            table([texts[2:], ["10th plenary meeting", "12", "140"]], width_of()),
        ]
        return build(story, texts[0]), texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_is_printed_with_its_glyphs(language):
    pdf, texts = sample(language)

    drawn = all_lines(pdf)
    assert [text for text in texts if not shows(drawn, text)] == []
    assert glyphless(pdf) == []
    assert not [line for line in drawn if ARABIC_LETTERS.search(line)]  # joined


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_noto_fonts_are_embedded(language):
    pdf, _texts = sample(language)

    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in read(pdf).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts <= {"NotoSans-Regular", "NotoSansArabic-Regular", "NotoSansSC-Regular"}


def test_an_arabic_document_is_laid_out_from_the_right():
    pdf, _texts = sample("ar")

    reader = read(pdf)
    rows = page_lines(drawn_texts(reader, reader.pages[0]))
    title, paragraph, header = rows[0], rows[1], rows[2]
    assert title[-1].right == pytest.approx(RIGHT, abs=0.1)
    assert paragraph[-1].right == pytest.approx(RIGHT, abs=0.1)
    with translation.override("ar"):
        first, second, last = (
            gettext("Sitting"),
            gettext("Listeners in person"),
            gettext("Interpreter-sittings"),
        )

    def cell(text):
        [item] = [item for item in header if text.split()[0] in logical(item.text)]
        return item

    # the first column at the right, inside its padding
    assert cell(first).x > cell(second).x > cell(last).x
    assert cell(first).right == pytest.approx(RIGHT - 4, abs=0.1)


def test_an_arabic_document_asks_viewers_for_right_to_left():
    pdf, _texts = sample("ar")

    catalog = read(pdf).trailer["/Root"]
    assert catalog["/Lang"] == "ar"
    assert catalog["/ViewerPreferences"]["/Direction"] == "/R2L"


def test_a_chinese_document_is_laid_out_from_the_left():
    pdf, _texts = sample("zh-hans")

    reader = read(pdf)
    rows = page_lines(drawn_texts(reader, reader.pages[0]))
    assert rows[0][0].x == pytest.approx(MARGIN, abs=0.1)
    assert rows[1][0].x == pytest.approx(MARGIN, abs=0.1)
    assert [item.text for item in rows[2]] == ["会议", "现场收听人数", "口译员会议人次"]
    assert read(pdf).trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/L2R"


def test_an_indent_is_on_the_side_where_lines_start():
    indented = Style(indent=20)

    def first_item(language):
        with translation.override(language):
            pdf = build([Paragraph("Ms. Amina HADDAD", indented)], "x")
        reader = read(pdf)
        return drawn_texts(reader, reader.pages[0])[0]

    assert first_item("en").x == pytest.approx(MARGIN + 20, abs=0.1)
    assert first_item("ar").right == pytest.approx(RIGHT - 20, abs=0.1)


def test_mixed_text_is_in_visual_order_in_an_arabic_document():
    with translation.override("ar"):
        pdf = build([Paragraph("تعقد Second meeting في 2025", BODY)], "x")

    [line] = all_lines(pdf)
    left, right = line.split("Second meeting")
    # from the right: the Arabic verb, the Latin title, the preposition, the year
    assert logical(right).strip() == "تعقد"
    assert left.startswith("2025 ") and logical(left[5:]).strip() == "في"


def test_a_long_paragraph_goes_on_over_pages_without_losing_a_word():
    words = [f"word{number}" for number in range(1500)]

    pdf = build([Paragraph(" ".join(words), BODY)], "x")

    reader = read(pdf)
    assert len(reader.pages) > 1
    printed = " ".join(all_lines(pdf)).split()
    assert printed == words


def test_a_character_no_font_has_is_left_out_never_a_box():
    pdf = build([Paragraph("Haile ሀይሉ Tesfaye", BODY)], "x")

    assert all_lines(pdf) == ["Haile  Tesfaye"]
    assert glyphless(pdf) == []


def test_table_columns_fit_the_frame_and_long_cells_wrap_inside_them():
    long = "Booths in the room and remote simultaneous interpretation for online participants"
    rows = [["Sitting", "Mode", "Interpreters"], ["10th plenary meeting", long * 3, "14"]]

    pdf = build([table(rows, width_of(), CELL)], "x")

    reader = read(pdf)
    drawn = [item for item in drawn_texts(reader, reader.pages[0]) if item.text.strip()]
    assert min(item.x for item in drawn) >= MARGIN
    assert max(item.right for item in drawn) <= RIGHT
    assert len(page_lines(drawn)) > 3  # the long cell on several lines
