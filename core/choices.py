"""The label of a model field's choice in the active language, worked out once per
language and value: get_FOO_display() rebuilds the field's choices and translates them at
every call, which was most of the time of an export or a badge batch of thousands."""

from functools import lru_cache

from django.utils.translation import get_language


def label(instance, field: str) -> str:
    """What get_<field>_display() gives, from the cache."""
    return _label(get_language(), type(instance), field, getattr(instance, field))


@lru_cache(maxsize=4096)
def _label(language: str, model, field: str, value) -> str:
    return str(dict(model._meta.get_field(field).flatchoices).get(value, value))
