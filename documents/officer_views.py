"""Officers' pages: a document with its language versions, a set of files by name, and
publishing or withdrawing. Every change goes through documents.services."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import officer_required
from core.confirm import confirm_first
from core.errors import DomainError
from sessions_app.models import Session

from . import services
from .forms import DocumentForm, SetForm, file_field_name
from .models import Document

SYMBOL_ERRORS = ("symbol", "revises_missing")


def _row_url(document: Document) -> str:
    page = reverse("documents:session-documents", args=[document.session.slug])
    return f"{page}#document-{document.pk}"


@officer_required
def new_document(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    return _document_page(request, session, Document(session=session))


@officer_required
def edit_document(request, pk: int):
    document = get_object_or_404(Document.objects.select_related("session"), pk=pk)
    return _document_page(request, document.session, document)


def _document_page(request, session: Session, document: Document):
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document)
    if request.method == "POST" and form.is_valid():
        versions = []
        # One language at a time, so that each refusal shows at its own field.
        for language, uploaded in form.language_files().items():
            try:
                versions += services.checked_versions({language: uploaded})
            except services.FileErrors as refused:
                for _name, reason in refused.errors:
                    form.add_error(file_field_name(language), reason)
        if not form.errors:
            try:
                document = services.save_document(form.instance, versions, actor=request.user)
            except DomainError as error:
                form.add_error("symbol" if error.code in SYMBOL_ERRORS else None, str(error))
            else:
                messages.success(request, _("Saved: %(document)s.") % {"document": document})
                return redirect(_row_url(document))
    return render(
        request,
        "documents/document_form.html",
        {"session": session, "document": document, "form": form},
    )


@officer_required
def upload_set(request, slug: str):
    """Several files at once, each named by its symbol and language; a set with any bad
    file is refused whole, with each file's reason."""
    session = get_object_or_404(Session, slug=slug)
    form = SetForm(request.POST or None, request.FILES or None)
    file_errors = None
    if request.method == "POST" and form.is_valid():
        defaults = services.SetDefaults(
            kind=form.cleaned_data["kind"],
            status=form.cleaned_data["status"],
            distribution=form.cleaned_data["distribution"],
        )
        try:
            saved = services.upload_set(
                session, form.cleaned_data["files"], actor=request.user, defaults=defaults
            )
        except services.FileErrors as refused:
            file_errors = refused.errors
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Saved %(count)d documents: %(symbols)s.")
                % {"count": len(saved), "symbols": ", ".join(doc.symbol for doc in saved)},
            )
            return redirect("documents:session-documents", slug=session.slug)
    return render(
        request,
        "documents/upload_set.html",
        {
            "session": session,
            "form": form,
            "file_errors": file_errors,
            "example": "E_CN.15_2024_15_ar.pdf",
        },
    )


@officer_required
@require_POST
def publish(request, pk: int):
    document = get_object_or_404(Document.objects.select_related("session"), pk=pk)
    try:
        services.publish(document)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Published: %(document)s.") % {"document": document})
    return redirect(_row_url(document))


@officer_required
@require_POST
@confirm_first(
    lambda request, pk: _("Withdraw this document? Its files will no longer be offered."),
    cancel_url=lambda request, pk: _row_url(get_object_or_404(Document, pk=pk)),
    confirm_label=lambda request, pk: _("Withdraw"),
)
def withdraw(request, pk: int):
    document = get_object_or_404(Document.objects.select_related("session"), pk=pk)
    try:
        services.withdraw(document)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Withdrawn: %(document)s.") % {"document": document})
    return redirect(_row_url(document))
