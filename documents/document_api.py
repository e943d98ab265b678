"""REST API for a session's documents: what the caller may read, with each language
version's download address; officers register a document with its files and change it,
through the same services as the pages (documents.services)."""

import json

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response

from accounts.permissions import IsConferenceOfficer
from accounts.roles import is_conference_officer
from languages.official import OFFICIAL_LANGUAGE_CODES, OFFICIAL_LANGUAGES
from languages.translations import languages, translated_fields
from registration.models import Entity
from sessions_app.content_api import (
    ACCEPT_LANGUAGE_PARAMETER,
    TRANSLATIONS_PARAMETER,
    TranslationsMixin,
)
from sessions_app.models import Session

from . import queries, services
from .models import Document, DocumentFile

FILE_FIELDS = {f"file_{language}": language for language in OFFICIAL_LANGUAGE_CODES}


def file_path(version: DocumentFile) -> str:
    """Where a language version is downloaded (the download view checks the reader)."""
    return reverse("documents:file", args=[version.document_id, version.language])


class VersionSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="extension", help_text="pdf or docx")
    size = serializers.IntegerField(help_text="In bytes.")
    url = serializers.SerializerMethodField(help_text="Where to download it.")

    class Meta:
        model = DocumentFile
        fields = ["language", "type", "size", "url"]

    def get_url(self, version) -> str:
        request = self.context.get("request")
        path = file_path(version)
        return request.build_absolute_uri(path) if request else path


class DocumentSerializer(TranslationsMixin, serializers.ModelSerializer):
    """A document as a reader sees it (its title in the reader's language)."""

    revises = serializers.CharField(
        source="revises.symbol", default=None, allow_null=True, read_only=True
    )
    revised_by = serializers.SerializerMethodField(
        help_text="The symbols of its revisions, corrigenda and addenda."
    )
    entity = serializers.IntegerField(source="entity_id", allow_null=True, read_only=True)
    entity_name = serializers.CharField(
        source="entity.display_name", default=None, allow_null=True, read_only=True
    )
    original_language = serializers.ChoiceField(
        choices=OFFICIAL_LANGUAGES,
        allow_blank=True,
        read_only=True,
        help_text="For a document that exists only in the language it was written in.",
    )
    versions = serializers.SerializerMethodField(
        help_text="Its language versions: of a forthcoming or withdrawn document, for "
        "conference officers only."
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "symbol",
            "kind",
            "title",
            "issued_on",
            "distribution",
            "status",
            "agenda_items",
            "revises",
            "revised_by",
            "entity",
            "entity_name",
            "original_language",
            "versions",
        ]
        read_only_fields = fields

    @extend_schema_field(VersionSerializer(many=True))
    def get_versions(self, document) -> list[dict]:
        if not (document.is_listed_with_files or self._officer()):
            return []
        return VersionSerializer(document.versions.all(), many=True, context=self.context).data

    def _officer(self) -> bool:
        if "officer" not in self.context:  # once per answer, not per document
            request = self.context.get("request")
            self.context["officer"] = bool(request) and is_conference_officer(request.user)
        return self.context["officer"]

    def get_revised_by(self, document) -> list[str]:
        return [revision.symbol for revision in document.revisions.all()]


class TranslationsInput(serializers.JSONField):
    """{"title": {"en": "...", "ar": "..."}}: an object, or that object written as JSON
    in a multipart form's field."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                _("Give an object of content fields, each an object of languages and texts.")
            )
        fields, known = translated_fields(Document), languages()
        for field, by_language in data.items():
            if field not in fields or not isinstance(by_language, dict):
                raise serializers.ValidationError(
                    _("Give the titles as {“title”: {“en”: “…”, “fr”: “…”}}.")
                )
            for language, text in by_language.items():
                if language not in known or not isinstance(text, str):
                    raise serializers.ValidationError(
                        _("No such language. The languages are: %(languages)s.")
                        % {"languages": ", ".join(known)}
                    )
        return data


def version_field(language: str) -> serializers.FileField:
    return serializers.FileField(
        required=False, write_only=True, help_text=f"The {language} version: PDF or DOCX."
    )


class DocumentWriteSerializer(serializers.ModelSerializer):
    """What an officer gives: the document's fields, and a file per language (PDF or DOCX;
    each replaces the version of its language)."""

    # The symbol's rules and one symbol one document are the service's (409 with its code).
    symbol = serializers.CharField(required=False, allow_blank=True, max_length=80)
    title = serializers.CharField(
        required=False,
        max_length=500,
        help_text="In the language of Accept-Language; or give `translations`.",
    )
    translations = TranslationsInput(
        required=False,
        help_text='The title in several languages: {"title": {"en": "...", "ar": "..."}}; '
        "in a multipart form, that object as JSON.",
    )
    agenda_items = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=999), required=False
    )
    entity = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(), required=False, allow_null=True
    )
    file_ar = version_field("Arabic")
    file_zh = version_field("Chinese")
    file_en = version_field("English")
    file_fr = version_field("French")
    file_ru = version_field("Russian")
    file_es = version_field("Spanish")

    class Meta:
        model = Document
        fields = [
            "symbol",
            "kind",
            "title",
            "translations",
            "issued_on",
            "distribution",
            "status",
            "agenda_items",
            "entity",
            "original_language",
            *FILE_FIELDS,
        ]
        validators = []  # the service checks the document whole

    def save_document(self, document: Document, actor) -> Document:
        """The fields set on the document, its files checked, then saved by the service
        (DocumentError and FileErrors as it raises them)."""
        data = dict(self.validated_data)
        files = {FILE_FIELDS[name]: data.pop(name) for name in FILE_FIELDS if name in data}
        translations = data.pop("translations", {})
        for name, value in data.items():
            setattr(document, name, value)
        for field, by_language in translations.items():
            for language, text in by_language.items():
                setattr(document, build_localized_fieldname(field, language), text)
        versions = services.checked_versions(files) if files else []
        return services.save_document(document, versions, actor)


class RefusedFileSerializer(serializers.Serializer):
    file = serializers.CharField(help_text="The file's name as uploaded.")
    reason = serializers.CharField()


class FilesRefusedSerializer(serializers.Serializer):
    """A change that the rules refuse; for files refused, each with its reason. Nothing
    was written."""

    detail = serializers.CharField()
    code = serializers.CharField()
    files = RefusedFileSerializer(
        many=True, required=False, help_text="Each refused file (code `files_refused`)."
    )


REFUSED = OpenApiResponse(
    FilesRefusedSerializer,
    "Refused by the rules (`code`); for refused files (`files_refused`) each file's reason.",
)
WRITE_DESCRIPTION = (
    "Conference officers. A multipart form (or JSON without files): the fields, and "
    "`file_ar`, `file_zh`, `file_en`, `file_fr`, `file_ru`, `file_es` for the language "
    "versions (PDF or DOCX; each replaces the version of its language). Every file is "
    "checked first: one bad file refuses the whole request (409, `files` gives each "
    "reason). Publishing a revision (`/Rev.1`) marks what it revises superseded."
)


class OfficersWriteMixin:
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_permissions(self):
        if self.request is not None and self.request.method not in SAFE_METHODS:
            return [IsConferenceOfficer()]
        return [AllowAny()]

    def answer(self, document: Document, code=status.HTTP_200_OK) -> Response:
        document = queries.readable(self.request.user, document.session).get(pk=document.pk)
        context = {**self.get_serializer_context(), "translations": True}
        return Response(DocumentSerializer(document, context=context).data, status=code)


class SessionDocumentsView(OfficersWriteMixin, generics.ListCreateAPIView):
    """A session's documents that the caller may read: general ones for everyone, limited
    and restricted ones for the session's registered participants, focal points and
    officers. Officers register a document."""

    def get_serializer_class(self):
        if self.request is not None and self.request.method == "POST":
            return DocumentWriteSerializer
        return DocumentSerializer

    def get_session(self) -> Session:
        return get_object_or_404(Session, slug=self.kwargs["session_slug"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, without a session
            return Document.objects.none()
        return queries.readable(self.request.user, self.get_session()).order_by("symbol", "pk")

    @extend_schema(parameters=[ACCEPT_LANGUAGE_PARAMETER, TRANSLATIONS_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=DocumentWriteSerializer,
        responses={201: DocumentSerializer, 409: REFUSED},
        description=WRITE_DESCRIPTION,
    )
    def post(self, request, *args, **kwargs):
        session = self.get_session()
        serializer = DocumentWriteSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        document = serializer.save_document(Document(session=session), request.user)
        return self.answer(document, status.HTTP_201_CREATED)


class DocumentView(OfficersWriteMixin, generics.GenericAPIView):
    """One document, changed by an officer: its fields, its status, its files."""

    serializer_class = DocumentWriteSerializer
    queryset = Document.objects.select_related("session")
    http_method_names = ["patch", "options"]

    @extend_schema(
        parameters=[ACCEPT_LANGUAGE_PARAMETER],
        request=DocumentWriteSerializer,
        responses={200: DocumentSerializer, 409: REFUSED},
        description=WRITE_DESCRIPTION,
    )
    def patch(self, request, *args, **kwargs):
        document = self.get_object()
        serializer = DocumentWriteSerializer(
            document, data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        document = serializer.save_document(document, request.user)
        return self.answer(document)
