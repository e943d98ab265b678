"""Changing the content of series, sessions, sittings and rooms in the six languages
(the API's PATCH; languages.translations checks it). Calendar events show sittings',
sessions' and rooms' content, so their sittings' feeds change with it."""

from django.db import transaction
from django.utils import timezone

from languages.translations import set_translations

from . import calendars, services
from .models import Room, Series, Session, Sitting


def save_translations(obj: Series | Session | Sitting | Room, changes) -> object:
    """Set the content fields given ({field: {language: text}}) and save, all or nothing
    (languages.translations.InvalidTranslations if any is refused). A sitting is saved
    through services.save_sitting, so its revision, room booking and feeds follow; a
    session's or room's sittings are marked updated, so that their feeds change too."""
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
