"""Text through the layer: the direction of a document's language, lines in visual order
around a base direction, and paragraphs broken into lines in logical order."""

import re

import arabic_reshaper
import pytest
from bidi import get_display
from bidi.mirror import MIRRORED
from django.utils import translation

from pdftext.text import LTR, RTL, is_rtl, pieces, shaped_line, visual, widest_piece, wrap
from tests.pdfs import logical


@pytest.mark.parametrize(
    ("language", "rtl"),
    [("ar", True), ("zh-hans", False), ("en", False), ("fr", False), ("ru", False), ("es", False)],
)
def test_a_document_reads_right_to_left_when_its_language_is_arabic(language, rtl):
    with translation.override(language):
        assert is_rtl() is rtl
    assert is_rtl(language) is rtl


def test_a_latin_title_at_the_start_of_an_arabic_line_goes_to_its_right():
    line = visual("IEG-2: خطة الترجمة", RTL)

    assert line.endswith(":IEG-2")
    assert logical(line[: -len(":IEG-2")]).strip() == "خطة الترجمة"


def test_the_same_line_left_to_right_keeps_the_title_at_its_left():
    line = visual("IEG-2: خطة الترجمة", LTR)

    assert line.startswith("IEG-2: ")
    assert logical(line[len("IEG-2: ") :]) == "خطة الترجمة"


def test_a_line_without_arabic_is_drawn_as_written_in_a_right_to_left_document():
    assert visual("Ms. Amina HADDAD, Counsellor.", RTL) == "Ms. Amina HADDAD, Counsellor."


def test_brackets_in_right_to_left_text_are_mirrored():
    line = visual("المستمعون (حضورياً) IEG (2)", RTL)

    # from the right: the word, the bracket opening (drawn ")"), the word, the bracket
    # closing (drawn "("), then the Latin words as written
    assert re.fullmatch(r"IEG \(2\) \([^ ()]+\) [^ ()]+", line)


@pytest.mark.parametrize(
    "text",
    [
        "تعقد Venezuela (Bolivarian Republic of)، في 2025",
        "abc (def) محمد [x] «y» {z}",
        "(محمد) 12 (ab [عبد] cd)",
    ],
)
@pytest.mark.parametrize("base", [None, LTR, RTL])
def test_mirroring_keeps_the_order_of_the_bidi_algorithm(text, base):
    shaped = arabic_reshaper.reshape(text)
    expected = get_display(shaped, base_dir=base)

    line = visual(text, base)

    pairs = zip(line, expected, strict=True)
    assert all(ours in (theirs, MIRRORED.get(theirs)) for ours, theirs in pairs)


def test_latin_lines_break_between_words_within_the_width():
    text = "The United Nations Office on Drugs and Crime confirms that the person is registered"

    lines = wrap(text, 20.0)

    assert len(lines) > 1 and all(line.width <= 20.0 for line in lines)
    assert " ".join(line.text for line in lines) == text


def test_chinese_lines_break_between_characters_but_not_before_punctuation():
    text = "维也纳国际中心会议室，口译员会议人次。现场收听人数与线上收听人数。"

    lines = wrap(text, 5.0)

    assert len(lines) > 2 and all(line.width <= 5.0 for line in lines)
    assert "".join(line.text for line in lines) == text
    assert not any(line.text[0] in "，。" for line in lines)


def test_arabic_lines_are_broken_in_reading_order_then_each_shaped():
    text = "يؤكد مكتب الأمم المتحدة المعني بالمخدرات والجريمة أن المشارك مسجل لحضور الاجتماع"

    lines = wrap(text, 8.0, base=RTL)

    assert len(lines) > 1 and all(line.width <= 8.0 for line in lines)
    assert " ".join(logical(line.text) for line in lines) == text
    assert logical(lines[0].text).startswith("يؤكد مكتب")


def test_a_word_longer_than_a_line_is_broken_between_characters():
    lines = wrap("Wolfeschlegelsteinhausenbergerdorff", 5.0)

    assert len(lines) > 1 and all(line.width <= 5.0 for line in lines)
    assert "".join(line.text for line in lines) == "Wolfeschlegelsteinhausenbergerdorff"


def test_a_paragraph_that_fits_is_one_line():
    assert wrap("Egypt", 100.0) == (shaped_line("Egypt"),)


def test_pieces_end_after_spaces_and_around_chinese_characters():
    assert pieces("Ms. 王小明（中国）。") == ["Ms. ", "王", "小", "明", "（中", "国）。"]


def test_the_widest_piece_is_the_least_width_of_a_column():
    assert widest_piece("a Counsellor b") == shaped_line("Counsellor").width
