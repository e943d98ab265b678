"""The fonts of every PDF: the static instances made once and kept, the font of each
script, and text cut into runs of one font, shaped."""

import arabic_reshaper
import pytest
from bidi import get_display
from django.conf import settings
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from reportlab.pdfbase import pdfmetrics

from pdftext import fonts
from pdftext.text import missing_chars, shaped_line, split_runs, visual


@pytest.fixture
def instancer_calls(monkeypatch):
    """Every call to fontTools' instancer from now on."""
    calls = []
    real = instancer.instantiateVariableFont

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(instancer, "instantiateVariableFont", spy)
    return calls


def test_the_chinese_instance_is_made_once_and_reused(instancer_calls):
    first = fonts.static_instance(fonts.CJK_REGULAR_INSTANCE)  # made here if never made
    made = len(instancer_calls)
    modified = first.stat().st_mtime_ns

    second = fonts.static_instance(fonts.CJK_REGULAR_INSTANCE)

    assert made <= 1 and len(instancer_calls) == made
    assert second == first == settings.VAR_DIR / "fonts" / "NotoSansSC-Regular.ttf"
    assert second.stat().st_mtime_ns == modified


def test_the_chinese_instance_is_regular_not_hairline():
    font = TTFont(fonts.static_instance(fonts.CJK_REGULAR_INSTANCE), lazy=True)

    assert font["OS/2"].usWeightClass == 400
    assert "fvar" not in font and "gvar" not in font


def test_the_bold_instance_is_bold():
    font = TTFont(fonts.static_instance(fonts.SANS_BOLD_INSTANCE), lazy=True)

    assert font["OS/2"].usWeightClass == 700


def test_fonts_are_registered_once_per_process(monkeypatch):
    names = fonts.registered()
    registrations = []
    monkeypatch.setattr(pdfmetrics, "registerFont", registrations.append)

    assert fonts.registered() == names
    assert registrations == []
    assert {pdfmetrics.getFont(name).face.name.decode() for name in names} == {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSansArabic-Regular",
        "NotoSansSC-Regular",
    }


@pytest.mark.parametrize(
    ("char", "font"),
    [
        ("Ł", fonts.SANS),
        ("ř", fonts.SANS),
        ("Ж", fonts.SANS),
        ("Ω", fonts.SANS),
        ("م", fonts.ARABIC),
        ("ﷲ", fonts.ARABIC),
        ("王", fonts.CJK),
        ("ሀ", None),
        ("\ue000", None),
    ],
)
def test_each_character_gets_the_font_of_its_script(char, font):
    assert fonts.script_font(char) == font


def test_a_font_tells_which_characters_it_has():
    assert fonts.has_glyph(fonts.CJK, "明") and not fonts.has_glyph(fonts.SANS, "明")


def test_mixed_text_is_cut_into_runs_of_one_font():
    runs = split_runs(visual("Mr. محمد 王 Haddad"))

    # spaces stay in the run before them when its font has them
    assert [(run.font, run.text) for run in runs] == [
        (fonts.SANS, "Mr. "),
        (fonts.ARABIC, "ﺪﻤﺤﻣ "),
        (fonts.CJK, "王 "),
        (fonts.SANS, "Haddad"),
    ]
    assert "".join(run.text for run in runs) == get_display(
        arabic_reshaper.reshape("Mr. محمد 王 Haddad")
    )


def test_bold_latin_keeps_arabic_in_its_own_font():
    runs = split_runs(visual("Ms. ليلى"), bold=True)

    assert [run.font for run in runs] == [fonts.SANS_BOLD, fonts.ARABIC]


def test_characters_no_font_has_are_found():
    assert missing_chars("Haile ሀይሉ") == ["ሀ", "ይ", "ሉ"]
    assert missing_chars("محمد 王小明 Łukasz") == []


def test_widths_are_measured_run_by_run():
    line = shaped_line("Ivan 王")

    assert line.width == pytest.approx(
        pdfmetrics.stringWidth("Ivan ", fonts.SANS, 1) + pdfmetrics.stringWidth("王", fonts.CJK, 1)
    )
