"""Changing the content of series, sessions, sittings and rooms in the six languages
through the API's PATCH ({field: {language: text}}). Each text is checked as on the
officers' content page and on a translator's import (content_units: one line where the
field is, the English required, what a translation must carry over). Calendar events show
sittings', sessions' and rooms' content, so their sittings' feeds change with it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from languages.translations import InvalidTranslations, languages, translated_fields

from . import calendars, services
from .content_units import ENGLISH, Unit, carried_over_problems, normalized, value_problems
from .models import Room, Series, Session, Sitting


def _texts(obj, changes) -> tuple[dict[tuple[str, str], str], dict]:
    """The texts asked for, normalized, by (field, language); and what is wrong with the
    request's shape (unknown fields and languages, texts that are not strings)."""
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
                    texts[field, language] = normalized(text, Unit(obj, field).multiline)
                    continue
                errors.setdefault(field, {})[str(language)] = [message]
    return texts, errors


def set_translations(obj, changes) -> list[str]:
    """Set the content fields given ({field: {language: text}}) on the object without
    saving it; returns the columns changed. Everything is checked first: if anything is
    wrong, InvalidTranslations (messages by field, then language) and nothing is set. A
    text kept as it was is not checked again; "" removes a translation."""
    texts, errors = _texts(obj, changes)
    changed = {}
    for (field, language), text in texts.items():
        unit = Unit(obj, field)
        if text == unit.value(language):
            continue
        problems = value_problems(unit, language, text)
        if language != ENGLISH:
            source = texts.get((field, ENGLISH), unit.source)
            problems += carried_over_problems(unit, source, text)
        if problems:
            errors.setdefault(field, {})[language] = problems
        changed[build_localized_fieldname(field, language)] = text
    if errors:
        raise InvalidTranslations(errors)
    for column, text in changed.items():
        setattr(obj, column, text)
    return list(changed)


def save_translations(obj: Series | Session | Sitting | Room, changes) -> object:
    """Set the content fields given and save, all or nothing (see set_translations). A
    sitting is saved through services.save_sitting, so its revision, room booking and
    feeds follow; a session's or room's sittings are marked updated, so that their feeds
    change too."""
    columns = set_translations(obj, changes)
    if isinstance(obj, Sitting):
        return services.save_sitting(obj)
    # Only these columns: a change made meanwhile to the rest is kept.
    if any(field.name == "updated_at" for field in obj._meta.concrete_fields):
        columns.append("updated_at")
    with transaction.atomic():
        obj.save(update_fields=columns)
        if isinstance(obj, Session | Room):
            shown_in = Sitting.objects.filter(**{type(obj).__name__.lower(): obj})
            ids = list(shown_in.values_list("pk", flat=True))
            if ids:
                Sitting.objects.filter(pk__in=ids).update(updated_at=timezone.now())
                calendars.warm_after_commit(ids)
    return obj
