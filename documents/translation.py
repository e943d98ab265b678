"""Content fields of documents and calls in the six languages (see sessions_app.translation).
A written contribution's title stays in the language it was written in."""

from modeltranslation.translator import TranslationOptions, register

from .models import Call, Document


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Call)
class CallTranslationOptions(TranslationOptions):
    fields = ("title", "themes")
