"""The Secretariat's console for one session: registrations with filters and search, bulk
approval and rejection, the waiting list in order."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import officer_required
from sessions_app.models import Session

from . import services
from .filters import RegistrationFilter
from .models import Registration

BULK_ACTIONS = {"approve", "reject"}


@officer_required
def console(request, slug: str):
    session = get_object_or_404(Session.objects.select_related("room"), slug=slug)
    registrations = (
        Registration.objects.filter(session=session)
        .select_related("entity", "nationality")
        .order_by("entity__kind", "entity__name", "family_name", "given_name")
    )
    filtered = RegistrationFilter(request.GET or None, queryset=registrations)
    waitlist = list(
        registrations.filter(state=Registration.State.WAITLISTED).order_by(
            "participation_mode", "waitlisted_at", "pk"
        )
    )
    return render(
        request,
        "registration/console.html",
        {
            "session": session,
            "filter": filtered,
            "registrations": filtered.qs,
            "waitlist": waitlist,
            "seats_taken": services.seats_taken(session, "in_person")["total"],
            "seats": session.seats_in_person,
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
    if action == "reject" and not reason:
        messages.error(request, _("Give the reason for the rejection."))
        return redirect("registration:console", slug=slug)
    done = 0
    for registration in Registration.objects.filter(session=session, pk__in=ids):
        try:
            if action == "approve":
                services.approve(registration, request.user, reason)
            else:
                services.reject(registration, request.user, reason)
            done += 1
        except services.RegistrationError as error:
            messages.warning(request, f"{registration.full_name}: {error}")
    messages.success(request, _("%(count)d registrations changed.") % {"count": done})
    return redirect("registration:console", slug=slug)
