"""Organisations' names in the six languages (django-modeltranslation: `name_en`,
`name_ar`, `name_zh_hans`...), like sessions' content. States are named from their ISO
code instead (registration.names); their `name_en` is the UN's English short name.

TRAP: filter()/order_by() on `name` use the reader's column; lookups say `name_en`."""

from modeltranslation.translator import TranslationOptions, register

from .models import Entity


@register(Entity)
class EntityTranslationOptions(TranslationOptions):
    fields = ("name",)
    # A missing name is NULL, not "": the names are unique, and many organisations have
    # no name in some language.
    empty_values = None
