"""Mail to participants and focal points, sent after the transaction commits, through a
Celery task (in process when no broker is configured). Templates are translatable: one per
kind in templates/registration/mail/, whose first line is the subject."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from sessions_app.calendars import session_calendar

from . import hooks

# Kinds that have a template; a change of state without one sends nothing.
KINDS = {"submitted", "waitlisted", "promoted", "approved", "rejected", "cancelled", "new_member"}


def _message(template: str, context: dict, to: list[str]) -> EmailMessage:
    """The mail of a template whose first line is the subject."""
    text = render_to_string(template, context | {"site_url": settings.SITE_URL})
    subject, _, body = text.strip().partition("\n")
    return EmailMessage(subject.strip(), body.strip() + "\n", None, to)


def send(registration, kind: str, to: list[str] | None = None) -> None:
    context = {"registration": registration, "session": registration.session}
    if kind == "approved" and registration.state == registration.State.APPROVED:
        # What the upper apps tell an approved participant (how to listen in their
        # language, joining details online). Only while approved: a registration withdrawn
        # before the task ran gets none.
        context["guides"] = hooks.guides_of(registration)
    message = _message(f"registration/mail/{kind}.txt", context, to or [registration.email])
    if kind == "approved":  # the programme, for the participant's calendar
        message.attach(
            f"{registration.session.slug}.ics",
            session_calendar(registration.session),
            "text/calendar",
        )
    message.send()


def on_commit_send(registration, *kinds: str) -> None:
    """Send these kinds of mail about the registration once the transaction commits, in
    one task. "new_member" tells the delegation's focal points (not the one who
    registered the member)."""
    kinds = [kind for kind in kinds if kind in KINDS]
    if kinds:
        _queue(registration.pk, kinds)


def focal_points_to_tell(registration) -> list[str]:
    return [
        user.email
        for user in registration.delegation.focal_points.all()
        if user.email and user != registration.registered_by
    ]


def _queue(registration_id: int, kinds: list[str]) -> None:
    from .tasks import send_registration_mail

    transaction.on_commit(lambda: send_registration_mail.delay(registration_id, kinds))


def send_invitation(invitation, token: str) -> None:
    """The invitation's link: its token is kept only as a hash, so it is given here."""
    _message(
        "registration/mail/invitation.txt",
        {"invitation": invitation, "delegation": invitation.delegation, "token": token},
        [invitation.email],
    ).send()
