"""The gate page: officers scan badges with a USB or keyboard-wedge scanner, or with the
camera of a phone; the page posts each code to the check-in API and shows the answer. And
the attendance summary, which counts those checked in."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie

from accounts.decorators import officer_required
from registration.queries import attendance_summary
from sessions_app.models import Session

from . import hooks, queries
from .checkin import CheckInRefused


def _texts() -> dict[str, str]:
    """What the page's script shows, in the officer's language."""
    return {
        "checking": _("Checking…"),
        "admitted": _("Admitted"),
        "already_checked_in": _("Already checked in today"),
        "refused": _("Refused"),
        **{reason: str(label) for reason, label in CheckInRefused.LABELS.items()},
        "signed_out": _("You are signed out, or not a conference officer: sign in again."),
        "network": _("No answer from the server: check the connection and scan again."),
        "use_camera": _("Use the camera"),
        "stop_camera": _("Stop the camera"),
        "camera_error": _("The camera could not be started."),
        "photo": _("Photo of the participant"),
    }


@officer_required
def attendance(request, slug: str):
    """The attendance summary for the meeting report: approved registrations and the people
    checked in at the gate."""
    session = get_object_or_404(Session, slug=slug)
    summary = attendance_summary(session) | queries.checked_in(session)
    return render(
        request,
        "badges/attendance.html",
        {"session": session, "summary": summary, "parts": hooks.attendance_parts(session)},
    )


@officer_required
@ensure_csrf_cookie
def gate(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    return render(
        request,
        "badges/gate.html",
        {"session": session, "checkin_url": reverse("checkins"), "gate_texts": _texts()},
    )
