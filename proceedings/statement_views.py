"""Pages of the statements sent for the interpreters: an inscription's statement page (the
upload form for a focal point of the delegation or an officer before delivery; publishing
for an officer after), the statement's file for those who read statements, and the booth
view of a sitting. Thin: the rules are in proceedings.statements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import officer_required, statement_reader_required
from accounts.roles import is_conference_officer
from documents.files import CONTENT_TYPES
from sessions_app.models import Sitting

from . import booth, queries, statements
from .models import Inscription, Statement
from .statement_forms import StatementForm


@login_required
def statement(request, slug: str, pk: int):
    """An inscription's statement: whether one was sent (and, for those who read
    statements, its file); the form to send or replace it before delivery, for a focal
    point of the delegation or an officer; publishing after delivery, for an officer.
    Others: 403."""
    inscription = get_object_or_404(
        Inscription.objects.select_related(
            "speakers_list__session", "delegation__entity", "speaker"
        ),
        speakers_list__session__slug=slug,
        pk=pk,
    )
    uploads = statements.may_upload(request.user, inscription)
    reads = statements.may_read(request.user)
    if not (uploads or reads):
        raise PermissionDenied
    sent = Statement.objects.filter(inscription=inscription).select_related("document").first()
    before = inscription.state in statements.BEFORE_DELIVERY
    form = None
    if uploads and before:
        initial = {"consent_to_publish": sent.consent_to_publish} if sent else None
        form = StatementForm(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                statements.upload(
                    inscription,
                    request.user,
                    form.cleaned_data["file"],
                    form.cleaned_data["consent_to_publish"],
                )
            except statements.StatementError as error:
                form.add_error("file" if error.code == "file_refused" else None, error.message)
            else:
                messages.success(request, _("The statement is sent to the interpreters."))
                return redirect("proceedings:statement", slug, pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "proceedings/statement.html",
        {
            "session": inscription.speakers_list.session,
            "inscription": inscription,
            "item": queries.agenda_item(inscription.speakers_list),
            "sent": sent,
            "reads": reads,
            "form": form,
            "publishable": (
                is_conference_officer(request.user)
                and sent is not None
                and sent.document_id is None
                and sent.consent_to_publish
                and inscription.state == Inscription.State.SPOKE
            ),
        },
    )


@statement_reader_required
def statement_file(request, pk: int):
    """The statement's file, for interpreters, interpretation coordinators and officers
    only (403 for anyone else, even the delegation's focal points); always an attachment,
    never kept by a shared cache."""
    sent = get_object_or_404(Statement, pk=pk)
    response = FileResponse(
        sent.file.open("rb"),
        as_attachment=True,
        filename=f"statement-{sent.inscription_id}.{sent.extension}",
        content_type=CONTENT_TYPES[sent.extension],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@officer_required
@require_POST
def publish(request, pk: int):
    sent = get_object_or_404(
        Statement.objects.select_related("inscription__speakers_list__session"), pk=pk
    )
    inscription = sent.inscription
    try:
        statements.publish(sent, request.user)
    except statements.StatementError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The statement is published with the session's documents."))
    return redirect("proceedings:statement", inscription.speakers_list.session.slug, inscription.pk)


@statement_reader_required
def booth_view(request, slug: str, pk: int, template="proceedings/statement_booth.html"):
    """The booth view of a sitting: the upcoming speakers of its items' lists, in order,
    with their language of delivery, how they speak, and their statements; for officers,
    the delivered statements they may publish."""
    sitting = get_object_or_404(
        Sitting.objects.select_related("session"), session__slug=slug, pk=pk
    )
    return render(
        request,
        template,
        {
            "session": sitting.session,
            "sitting": sitting,
            "lists": booth.booth(sitting, timezone.now()),
            "to_publish": (
                booth.to_publish(sitting) if is_conference_officer(request.user) else None
            ),
        },
    )
