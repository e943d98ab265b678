"""Content fields in all six languages at once, for officers and integrators: read as
{"title": {"en": "...", "ar": "...", "zh-hans": "..."}}. The languages are the interface's
codes (settings.LANGUAGES), as in Accept-Language; the columns are
django-modeltranslation's (`title_zh_hans`)."""

from django.conf import settings
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


class InvalidTranslations(ValueError):
    """Content that cannot be set: `errors` says why, by field then language."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translated_fields(model) -> tuple[str, ...]:
    """The model's content fields kept in the six languages (registered in translation.py)."""
    return tuple(translator.get_options_for_model(model).fields)


def translations_of(obj) -> dict[str, dict[str, str]]:
    """Every content field of the object in every language; "" where not written."""
    return {
        field: {
            language: getattr(obj, build_localized_fieldname(field, language)) or ""
            for language in languages()
        }
        for field in translated_fields(type(obj))
    }
