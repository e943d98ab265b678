"""The Secretariat's console for one session: registrations with filters and search, bulk
approval and rejection, the waiting list in order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import officer_required
from accounts.roles import is_conference_officer
from core.errors import DomainError
from sessions_app.models import Session

from . import exports, personal_data, services
from .filters import RegistrationFilter
from .models import Registration

BULK_ACTIONS = {"approve", "reject", "return"}


@officer_required
def console(request, slug: str):
    session = get_object_or_404(Session.objects.select_related("room"), slug=slug)
    waitlist = _all(session).filter(state=Registration.State.WAITLISTED)
    filtered = RegistrationFilter(request.GET or None, queryset=_all(session))
    return render(
        request,
        "registration/console.html",
        {
            "session": session,
            "filter": filtered,
            "registrations": filtered.qs,
            "columns": exports.COLUMNS,
            "default_columns": exports.DEFAULT_COLUMNS,
            "waitlist": waitlist.order_by("participation_mode", "waitlisted_at", "pk"),
            "seats_taken": services.seats_taken(session, "in_person")["total"],
            "seats": session.seats_in_person,
            "delegations": session.delegations.select_related("entity")
            .annotate(members=Count("registrations"))
            .order_by("entity__kind", "entity__name"),
        },
    )


@officer_required
@require_POST
def bulk(request, slug: str):
    """Approve or reject the ticked registrations, each through the workflow service; those
    the rules refuse are named, the others go through."""
    session = get_object_or_404(Session, slug=slug)
    action, reason = request.POST.get("action"), request.POST.get("reason", "").strip()
    ids = request.POST.getlist("registration")
    if action not in BULK_ACTIONS or not ids:
        messages.error(request, _("Tick registrations and choose what to do with them."))
        return redirect("registration:console", slug=slug)
    if action in {"reject", "return"} and not reason:
        messages.error(request, _("Give the reason."))
        return redirect("registration:console", slug=slug)
    change = {
        "approve": services.approve,
        "reject": services.reject,
        "return": services.return_to_submitted,
    }[action]
    done = 0
    for registration in Registration.objects.filter(session=session, pk__in=ids):
        try:
            change(registration, request.user, reason)
            done += 1
        except DomainError as error:
            messages.warning(request, f"{registration.full_name}: {error}")
    messages.success(request, _("%(count)d registrations changed.") % {"count": done})
    return redirect("registration:console", slug=slug)


def _all(session):
    return (
        Registration.objects.filter(session=session)
        .select_related("entity", "nationality", "delegation")
        .order_by("entity__kind", "entity__name", "family_name", "given_name")
    )


def _filtered(request, session):
    return RegistrationFilter(request.GET or None, queryset=_all(session)).qs


@officer_required
def export(request, slug: str, fmt: str):
    """The console's registrations (its filters apply) with the columns chosen."""
    session = get_object_or_404(Session, slug=slug)
    columns = exports.chosen_columns(request.GET.getlist("column"))
    registrations = _filtered(request, session)
    if fmt == "xlsx":
        response = HttpResponse(
            exports.registrations_xlsx(registrations, columns),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            exports.registrations_csv(registrations, columns),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{session.slug}-registrations.{fmt}"'
    return response


@officer_required
def participants_list(request, slug: str):
    session = get_object_or_404(Session.objects.select_related("venue"), slug=slug)
    registrations = (
        Registration.objects.approved()
        .filter(session=session, consents_to_list=True)
        .select_related("entity", "delegation")
    )
    response = HttpResponse(
        exports.participants_list_pdf(session, registrations), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{session.slug}-participants.pdf"'
    return response


@login_required
def visa_letter(request, pk: int):
    """POST (officers): sign off the letter. GET: the signed letter, for officers and the
    person."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__venue", "entity", "visa_letter_signed_by"),
        pk=pk,
    )
    officer = is_conference_officer(request.user)
    if request.method == "POST":
        if not officer:
            raise PermissionDenied
        try:
            personal_data.sign_visa_letter(registration, request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The visa support letter is signed off."))
        return redirect("registration:console", slug=registration.session.slug)
    if not (officer or registration.is_owned_by(request.user)):
        raise PermissionDenied
    if not registration.visa_letter_signed_at:
        raise Http404
    response = HttpResponse(exports.visa_letter_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="visa-letter-{registration.pk}.pdf"'
    return response
