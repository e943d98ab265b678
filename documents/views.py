"""A session's documents as readers see them, and their files: both through
queries.readable, so a file is served to whoever its row is shown to, and to no one else."""

from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accounts.roles import is_conference_officer
from languages.official import OWN_NAMES, direction, interface_language, un_code
from sessions_app.models import Session

from . import queries
from .contribution_queries import session_calls
from .contributions import is_open
from .files import CONTENT_TYPES
from .models import Document, DocumentFile


@dataclass(frozen=True)
class VersionLink:
    """One language version's link on the page."""

    language: str
    label: str  # the language's own name: العربية, 中文…
    direction: str
    url: str
    content_type: str
    extension: str
    is_original: bool  # the only version, in the language it was written in


def version_links(document: Document, language: str, preview: bool) -> list[VersionLink]:
    """The links to the document's versions, once published (`preview`: officers' links
    before, to check the files)."""
    if not (document.is_listed_with_files or preview):
        return []
    return [
        VersionLink(
            language=version.language,
            label=OWN_NAMES[version.language],
            direction=direction(interface_language(version.language) or "en"),
            url=reverse("documents:file", args=[document.pk, version.language]),
            content_type=CONTENT_TYPES[version.extension],
            extension=version.extension.upper(),
            is_original=version.language == document.original_language,
        )
        for version in queries.versions_for_reader(document, language)
    ]


def session_documents(request, slug: str):
    """The documents this reader may see, in agenda order, then the written contributions
    grouped as the UN lists them; `?items=2,3` keeps those of these agenda items."""
    session = get_object_or_404(Session.objects.select_related("series"), slug=slug)
    items = queries.parse_items(request.GET.get("items"))
    documents = queries.of_items(
        queries.agenda_order(queries.readable(request.user, session)), items
    )
    language = un_code()
    preview = is_conference_officer(request.user)
    for document in documents:
        document.links = version_links(document, language, preview)
        document.item_numbers = queries.agenda_numbers(document)
    contributions = [d for d in documents if d.kind == Document.Kind.WRITTEN_CONTRIBUTION]
    return render(
        request,
        "documents/session_documents.html",
        {
            "session": session,
            "documents": [d for d in documents if d.kind != Document.Kind.WRITTEN_CONTRIBUTION],
            "contribution_groups": queries.contribution_groups(contributions),
            "items": items,
            "feed_url": reverse("documents:feed", args=[slug]),
            "open_calls": [call for call in session_calls(session) if is_open(call)],
        },
    )


def download(request, pk: int, language: str):
    """A language version's file, for whoever may read the document (else 404, as if it
    were not there), once published (officers before, to check it): with its own name
    (E_CN.15_2024_15_ar.pdf)."""
    document = get_object_or_404(Document.objects.select_related("session"), pk=pk)
    readable = queries.readable(request.user, document.session).filter(pk=pk).exists()
    preview = is_conference_officer(request.user)
    if not readable or not (document.is_listed_with_files or preview):
        raise Http404
    version = get_object_or_404(DocumentFile, document=document, language=language)
    version.document = document
    response = FileResponse(
        version.file.open("rb"),
        # A PDF opens in the browser's viewer; a Word document is saved.
        as_attachment=version.extension != "pdf",
        filename=version.file_name,
        content_type=CONTENT_TYPES[version.extension],
    )
    response["X-Content-Type-Options"] = "nosniff"
    if document.distribution != Document.Distribution.GENERAL:
        response["Cache-Control"] = "private, no-store"  # never kept by a shared cache
    return response
