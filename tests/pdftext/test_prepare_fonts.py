"""`manage.py prepare_fonts` makes the static font instances ahead of the first print, once."""

import io

import pytest
from django.core.management import call_command
from fontTools.varLib import instancer

from pdftext import fonts


@pytest.fixture
def fresh_font_dir(settings, tmp_path, monkeypatch):
    """An empty place for fonts, and only the quick (Latin bold) instance to make."""
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(fonts, "STATIC_INSTANCES", (fonts.SANS_BOLD_INSTANCE,))
    return tmp_path / "fonts"


def prepare() -> str:
    out = io.StringIO()
    call_command("prepare_fonts", stdout=out)
    return out.getvalue()


def test_the_command_makes_the_missing_instance(fresh_font_dir):
    output = prepare()

    assert (fresh_font_dir / "NotoSans-Bold.ttf").stat().st_size > 0
    assert output.startswith("Made: ")


def test_a_second_run_makes_nothing(fresh_font_dir, monkeypatch):
    prepare()
    made = (fresh_font_dir / "NotoSans-Bold.ttf").stat().st_mtime_ns
    calls = []
    monkeypatch.setattr(instancer, "instantiateVariableFont", lambda *a, **k: calls.append(a))

    output = prepare()

    assert calls == []
    assert output.startswith("Ready: ")
    assert (fresh_font_dir / "NotoSans-Bold.ttf").stat().st_mtime_ns == made


def test_every_instance_a_pdf_needs_is_prepared():
    assert set(fonts.STATIC_INSTANCES) == {fonts.SANS_BOLD_INSTANCE, fonts.CJK_REGULAR_INSTANCE}
