"""Content fields in all six languages at once, for officers and integrators: read as
{"title": {"en": "...", "ar": "...", "zh-hans": "..."}} and changed all or nothing. The
languages are the interface's codes (settings.LANGUAGES), as in Accept-Language; the
columns are django-modeltranslation's (`title_zh_hans`)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core.validators import validate_single_line

ENGLISH = "en"
# Control characters other than line breaks and tabs: a database cannot keep a NUL, and
# none of them belongs in text that people read.
TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


def _check(column: models.Field, value, language: str, required: bool, obj) -> object:
    """The value to store, or ValidationError with the reason."""
    if not isinstance(value, str):
        raise ValidationError(_("Give the text as a string."), code="invalid")
    value = value.strip()
    if not value:
        if required and language == ENGLISH:
            raise ValidationError(
                _("The English text is required: the other languages fall back to it."),
                code="required",
            )
        return column.empty_value
    if isinstance(column, models.TextField):
        if TEXT_CONTROLS.search(value):
            raise ValidationError(
                _("Remove the control characters from the text."), code="control_character"
            )
    else:
        validate_single_line(value)
    return column.clean(value, obj)


def set_translations(obj, changes) -> list[str]:
    """Set the given content fields of the object in the given languages ({field:
    {language: text}}), without saving it; returns the columns set. Checks everything
    first: an unknown field or language, or a text that its field refuses, raises
    InvalidTranslations (messages by field, then language) and sets nothing."""
    if not isinstance(changes, dict) or not changes:
        raise InvalidTranslations(
            [_("Give an object of content fields, each an object of languages and texts.")]
        )
    fields = translated_fields(type(obj))
    known = languages()
    errors: dict[str, object] = {}
    values: dict[str, object] = {}
    for field, texts in changes.items():
        if field not in fields:
            errors[field] = [
                _("No such content field. The fields are: %(fields)s.")
                % {"fields": ", ".join(fields)}
            ]
            continue
        if not isinstance(texts, dict):
            errors[field] = [_('Give an object of languages and texts, such as {"fr": "..."}.')]
            continue
        required = not obj._meta.get_field(field).blank
        for language, text in texts.items():
            if language not in known:
                errors.setdefault(field, {})[str(language)] = [
                    _("No such language. The languages are: %(languages)s.")
                    % {"languages": ", ".join(known)}
                ]
                continue
            column = obj._meta.get_field(build_localized_fieldname(field, language))
            try:
                values[column.attname] = _check(column, text, language, required, obj)
            except ValidationError as error:
                errors.setdefault(field, {})[language] = error.messages
    if errors:
        raise InvalidTranslations(errors)
    for attname, value in values.items():
        setattr(obj, attname, value)
    return list(values)
