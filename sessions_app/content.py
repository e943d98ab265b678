"""Changing the content of series, sessions, sittings and rooms in the six languages
through the API's PATCH ({field: {language: text}}): the request's shape is checked here,
the texts and their saving are the content page's and a translator's import's
(content_units.save_content)."""

from django.utils.translation import gettext as _

from languages.translations import InvalidTranslations, languages, translated_fields

from .content_units import ContentError, save_content, units_of
from .models import Room, Series, Session, Sitting


def _texts(obj, changes) -> tuple[dict[tuple[str, str], str], dict]:
    """The texts asked for, by (field, language); and what is wrong with the request's
    shape (unknown fields and languages, texts that are not strings)."""
    if not isinstance(changes, dict) or not changes:
        raise InvalidTranslations(
            [_("Give an object of content fields, each an object of languages and texts.")]
        )
    fields, known = translated_fields(type(obj)), languages()
    texts: dict[tuple[str, str], str] = {}
    errors: dict[str, object] = {}
    for field, by_language in changes.items():
        if field not in fields:
            errors[field] = [
                _("No such content field. The fields are: %(fields)s.")
                % {"fields": ", ".join(fields)}
            ]
        elif not isinstance(by_language, dict):
            errors[field] = [_('Give an object of languages and texts, such as {"fr": "..."}.')]
        else:
            for language, text in by_language.items():
                if language not in known:
                    message = _("No such language. The languages are: %(languages)s.") % {
                        "languages": ", ".join(known)
                    }
                elif not isinstance(text, str):
                    message = _("Give the text as a string.")
                else:
                    texts[field, language] = text
                    continue
                errors.setdefault(field, {})[str(language)] = [message]
    return texts, errors


def save_translations(obj: Series | Session | Sitting | Room, changes) -> object:
    """Check and save the content fields given, all or nothing, as the content page and a
    translator's import do (content_units.save_content: the same checks, only the columns
    changed written, the feeds that show them renewed). A text kept as it was is not
    checked again; "" removes a translation. InvalidTranslations says what is wrong, by
    field then language."""
    texts, errors = _texts(obj, changes)
    if errors:
        raise InvalidTranslations(errors)
    units = units_of(obj)
    by_field = {unit.field: unit for unit in units}
    try:
        save_content(
            units,
            {(by_field[field].id, language): text for (field, language), text in texts.items()},
        )
    except ContentError as error:
        for unit_id, language, message in error.problems:
            field = unit_id.rsplit(".", 1)[-1]
            errors.setdefault(field, {}).setdefault(language, []).append(message)
        raise InvalidTranslations(errors) from error
    obj.refresh_from_db()
    return obj
