"""Content in the six languages through the API. Content fields answer in the language of
Accept-Language (core.middleware), the English where a translation is missing. Conference
officers and their integrations also read every language at once, with
`?translations=1`: a `translations` object, {"title": {"en": "...", "ar": "...",
"zh-hans": "...", ...}, ...}; and change them with PATCH {"translations": {...}}, which
changes nothing else (sessions_app.content checks it, all or nothing)."""

from functools import cache

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.permissions import IsConferenceOfficer
from accounts.roles import is_conference_officer
from languages.translations import (
    InvalidTranslations,
    languages,
    translated_fields,
    translations_of,
)

from . import content

TRANSLATIONS_PARAMETER = OpenApiParameter(
    "translations",
    OpenApiTypes.BOOL,
    description=(
        "Conference officers: `1` adds `translations`, each content field in all six "
        "languages. Ignored for anyone else."
    ),
)
ACCEPT_LANGUAGE_PARAMETER = OpenApiParameter(
    "Accept-Language",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    description=(
        "The language of content fields (titles, names, agenda items): ar, zh-hans, en, fr, "
        "ru or es, in the header's order of preference; English for any other. A field not "
        "translated into it answers in English. The answer's Content-Language says which."
    ),
)


def translations_schema(model) -> dict:
    """The OpenAPI shape of a model's `translations` object."""
    by_language = {
        "type": "object",
        "properties": {language: {"type": "string"} for language in languages()},
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "description": (
            "Each content field in each language (" + ", ".join(languages()) + "); "
            '"" where not translated.'
        ),
        "properties": dict.fromkeys(translated_fields(model), by_language),
        "additionalProperties": False,
    }


class TranslationsField(serializers.Field):
    """Every language of the object's content fields; from the row, no query."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return translations_of(obj)

    def to_internal_value(self, data):
        return data  # checked by the service (sessions_app.content.save_translations)


@cache
def translations_field(model) -> type[TranslationsField]:
    """A TranslationsField whose schema names the model's content fields."""
    field = type(f"{model.__name__}TranslationsField", (TranslationsField,), {})
    return extend_schema_field(translations_schema(model))(field)


def wants_translations(request) -> bool:
    """An officer asking for every language (the role is read only when asked)."""
    if request is None:
        return False
    if not hasattr(request, "_wants_translations"):
        asked = request.query_params.get("translations", "").lower() in ("1", "true")
        request._wants_translations = asked and is_conference_officer(request.user)
    return request._wants_translations


class TranslationsMixin:
    """For a ModelSerializer of a model with content fields: `translations`, for officers
    who ask (documented always; optional in the schema)."""

    def get_fields(self):
        fields = super().get_fields()
        view = self.context.get("view")
        documenting = getattr(view, "swagger_fake_view", False)
        if (
            documenting
            or self.context.get("translations")
            or wants_translations(self.context.get("request"))
        ):
            # Not read-only: the schema marks read-only fields required.
            fields["translations"] = translations_field(self.Meta.model)(required=False)
        return fields


@cache
def translations_request(model) -> type[serializers.Serializer]:
    """The PATCH body's serializer: `translations` and nothing else."""
    return type(
        f"{model.__name__}TranslationsUpdateSerializer",
        (serializers.Serializer,),
        {"translations": translations_field(model)()},
    )


class TranslationsUpdateMixin:
    """PATCH for conference officers: the content fields in the six languages, only those,
    checked and saved by the service (content.save_translations)."""

    def get_permissions(self):
        if self.request is not None and self.request.method == "PATCH":
            return [IsConferenceOfficer()]
        return super().get_permissions()

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        data = request.data
        if not isinstance(data, dict) or "translations" not in data:
            raise ValidationError(
                {"translations": [_("Give the content to change in `translations`.")]}
            )
        others = sorted(str(key) for key in data if key != "translations")
        if others:
            raise ValidationError(
                {
                    key: [_("Only `translations` can be changed here; change the rest elsewhere.")]
                    for key in others
                }
            )
        try:
            obj = content.save_translations(obj, data["translations"])
        except InvalidTranslations as invalid:
            raise ValidationError({"translations": invalid.errors}) from invalid
        context = {**self.get_serializer_context(), "translations": True}
        return Response(self.get_serializer_class()(obj, context=context).data)


def document_content(*, patch: bool = False):
    """Decorate a content viewset's schema: Accept-Language and `?translations` on
    reading; the PATCH body and answer."""
    return lambda viewset: _documented(viewset, patch)


def _documented(viewset, patch: bool):
    reading = extend_schema(parameters=[ACCEPT_LANGUAGE_PARAMETER, TRANSLATIONS_PARAMETER])
    operations = {"list": reading, "retrieve": reading}
    if patch:
        operations["partial_update"] = extend_schema(
            parameters=[ACCEPT_LANGUAGE_PARAMETER],
            request=translations_request(viewset.serializer_class.Meta.model),
            responses={200: viewset.serializer_class},
            description=(
                "Conference officers: change content fields in the given languages (only "
                "those; other fields are refused). All or nothing: an unknown field or "
                "language, or a text its field refuses, answers 400 and changes nothing. "
                'An empty text ("") removes a translation; the English is required where '
                "the field is. The answer has `translations`."
            ),
        )
    return extend_schema_view(**operations)(viewset)
