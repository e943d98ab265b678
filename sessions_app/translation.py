"""Content fields typed by the Secretariat, in the six languages (django-modeltranslation:
one column per language, `title_ar`, `title_zh_hans`...). Only fields never used for
lookups are registered: its manager rewrites `filter(title=...)` to the reader's column.
Slugs and codes stay single-language for lookups."""

from modeltranslation.translator import TranslationOptions, register

from .models import Room, Series, Session, Sitting, Venue


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "mandates", "description")


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "short_name", "description", "joining_details")


@register(Sitting)
class SittingTranslationOptions(TranslationOptions):
    fields = ("title", "agenda_items")


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Room)
class RoomTranslationOptions(TranslationOptions):
    fields = ("name",)
