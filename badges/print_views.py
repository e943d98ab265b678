"""The badge printing page of a session, for conference officers: the layout, whom to
print, and the print jobs with their progress and PDFs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import officer_required
from accounts.roles import is_conference_officer
from core.errors import DomainError
from registration.models import Entity, Registration
from sessions_app.models import ParticipationMode, Session

from . import printing, services
from .models import Badge, Layout, PrintJob


@officer_required
def badges(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    live = Badge.objects.filter(registration=OuterRef("pk"), revoked_at__isnull=True)
    registrations = (
        printing.printable(session)
        .select_related("entity")
        .annotate(
            serial=Subquery(live.values("serial")[:1]),
            printed_at=Subquery(live.values("printed_at")[:1]),
        )
        .order_by("entity__name_en", "family_name", "given_name")
    )
    return render(
        request,
        "badges/print.html",
        {
            "session": session,
            "badging": services.badging_for(session),
            "layouts": Layout.choices,
            "registrations": registrations,
            "delegations": session.delegations.select_related("entity").order_by("entity__name_en"),
            "categories": Entity.Kind.choices,
            "jobs": session.print_jobs.select_related("requested_by")[:10],
        },
    )


@officer_required
@require_POST
def start_print(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    kind = request.POST.get("kind", "")
    try:
        job = printing.start(
            session,
            request.user,
            kind=kind,
            layout=request.POST.get("layout", ""),
            value=request.POST.get(kind, ""),
            chosen=request.POST.getlist("registration"),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("badges:print", slug=slug)
    messages.success(request, _("Printing %(count)d badge(s).") % {"count": job.total})
    return redirect(f"{reverse('badges:print', args=[slug])}#job-{job.pk}")


@officer_required
@require_POST
def set_layout(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    try:
        printing.set_layout(session, request.POST.get("layout", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Layout saved."))
    return redirect("badges:print", slug=slug)


def _job(slug: str, pk: int) -> PrintJob:
    return get_object_or_404(PrintJob, pk=pk, session__slug=slug)


@officer_required
@require_POST
def retry_print(request, slug: str, pk: int):
    """Print a failed batch again."""
    try:
        job = printing.retry(_job(slug, pk))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("badges:print", slug=slug)
    messages.success(request, _("Printing %(count)d badge(s).") % {"count": job.total})
    return redirect(f"{reverse('badges:print', args=[slug])}#job-{job.pk}")


@officer_required
def job_status(request, slug: str, pk: int):
    job = _job(slug, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.status_label,
            "done": job.done,
            "total": job.total,
            "pdf": reverse("badges:job-pdf", args=[slug, pk]) if job.pdf else None,
            "report": job.report,
        }
    )


@officer_required
def job_pdf(request, slug: str, pk: int):
    """The batch's PDF: photos and names are personal data, so only through this view."""
    job = _job(slug, pk)
    if not job.pdf:
        raise Http404
    return FileResponse(
        job.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{slug}-badges-{job.pk}.pdf",
    )


@login_required
def badge_preview(request, pk: int):
    """The person's own badge as it will print, for them (and officers) to check: no code,
    no serial, marked not valid, so it admits nobody."""
    registration = get_object_or_404(
        Registration.objects.select_related("session", "entity"), pk=pk
    )
    if not (registration.is_owned_by(request.user) or is_conference_officer(request.user)):
        raise Http404
    if not registration.is_live or registration.participation_mode != ParticipationMode.IN_PERSON:
        raise Http404
    return HttpResponse(
        printing.preview(registration),
        content_type="application/pdf",
        headers={"Content-Disposition": 'inline; filename="badge-preview.pdf"'},
    )
