"""Content typed by the Secretariat (titles, agenda items, room names) in the reader's
language. Models register such fields with django-modeltranslation (one column per
language: `title_ar`, `title_zh_hans`...); where the reader's column is empty the English
shows instead (or, for text first typed in another language, that language), and says
which, so that a page marks it `lang="en"` and never shows blank."""

from django.conf import settings
from django.utils.html import conditional_escape, format_html
from modeltranslation.utils import build_localized_fieldname, get_language

from .official import direction

ENGLISH = "en"


def columns(*fields: str) -> list[str]:
    """Every language's column of these fields (`name` gives `name_en`, `name_ar`...): an
    admin's search looks in all of them, where `name` alone would be rewritten to the
    reader's column only."""
    return [
        build_localized_fieldname(path, code)
        for path in fields
        for code in settings.MODELTRANSLATION_LANGUAGES
    ]


def _text(value) -> str:
    return value if isinstance(value, str) and value.strip() else ""


def content_value(obj, field: str) -> tuple[str, str | None]:
    """The field's value in the reader's language and None; or, where that is missing, the
    first one found in the fallback languages (English first) and that language's code.
    A field that is not translatable comes back as it is, with None."""
    if not hasattr(obj, build_localized_fieldname(field, ENGLISH)):
        return getattr(obj, field), None
    language = get_language()
    own = _text(getattr(obj, build_localized_fieldname(field, language), None))
    if own:
        return own, None
    for fallback in settings.MODELTRANSLATION_FALLBACK_LANGUAGES:
        value = _text(getattr(obj, build_localized_fieldname(field, fallback), None))
        if value:
            return value, fallback
    return "", None


def marked(text: str, language: str | None):
    """The text as HTML, inside `<span lang=.. dir=..>` where it is in another language
    than the reader's (a fallback), so that screen readers switch voice."""
    if language:
        return format_html(
            '<span lang="{}" dir="{}">{}</span>', language, direction(language), text
        )
    return conditional_escape(text)


def marked_content(obj, field: str):
    """The field in the reader's language as HTML, a fallback marked (see `marked`)."""
    return marked(*content_value(obj, field))
