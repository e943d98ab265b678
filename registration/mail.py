"""Mail to participants and focal points, written by a Celery task (in process when no
broker is configured) recorded in the outbox of the change that calls for it (core.outbox),
then kept and sent by core.mail, each mail about a registration in its log
(RegistrationMail). Templates are translatable: one per
kind in templates/registration/mail/, whose first line is the subject. Each mail is written
in its recipient's language (accounts.languages), not that of whoever caused it: the task
has no request, and an officer approving in English writes to an Arabic reader."""

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS

from accounts.languages import preferred_language
from core import mail as outgoing
from core import outbox
from core.validators import key_number
from languages.official import interface_language
from sessions_app.calendars import session_calendar

from . import hooks, queries
from .models import RegistrationMail

# Kinds that have a template; a change of state without one sends nothing.
KINDS = {
    "submitted": _("Registration received"),
    "waitlisted": _("On the waiting list"),
    "promoted": _("Offered a seat from the waiting list"),
    "approved": _("Approval"),
    "rejected": _("Rejection"),
    "cancelled": _("Cancellation"),
    "new_member": _("New member, to the focal points"),
}


def _message(template: str, context: dict, to: list[str]) -> EmailMessage:
    """The mail of a template whose first line is the subject."""
    text = render_to_string(template, context | {"site_url": settings.SITE_URL})
    subject, _, body = text.strip().partition("\n")
    return EmailMessage(subject.strip(), body.strip() + "\n", None, to)


def participant_language(registration) -> str:
    """The language of mail to the participant: their account's choice; for one without
    an account (registered by their focal point), the language they read documents in."""
    return preferred_language(
        registration.participant, default=interface_language(registration.documentation_language)
    )


def send(registration, kind: str) -> None:
    """The mail of this kind about the registration: to the participant, or for
    "new_member" to the delegation's focal points, each group in its own language."""
    if kind == "new_member":
        recipients = focal_points_to_tell(registration)
    else:
        recipients = [(participant_language(registration), registration.email)]
    for language, group in groupby(sorted(recipients), key=lambda pair: pair[0]):
        with translation.override(language):
            message = _registration_message(registration, kind, [email for _l, email in group])
            RegistrationMail.objects.create(
                registration=registration, email=outgoing.queue(message), kind=kind
            )


def _registration_message(registration, kind: str, to: list[str]) -> EmailMessage:
    context = {"registration": registration, "session": registration.session}
    if kind == "approved" and registration.state == registration.State.APPROVED:
        # What the upper apps tell an approved participant (how to listen in their
        # language, joining details online). Only while approved: a registration withdrawn
        # before the task ran gets none.
        context["guides"] = hooks.guides_of(registration)
    message = _message(f"registration/mail/{kind}.txt", context, to)
    if kind == "approved":  # the programme, for the participant's calendar
        message.attach(
            f"{registration.session.slug}.ics",
            session_calendar(registration.session),
            "text/calendar",
        )
    return message


def on_commit_send(registration, *kinds: str) -> None:
    """Send these kinds of mail about the registration once the transaction commits, in
    one task. "new_member" tells the delegation's focal points (not the one who
    registered the member)."""
    from .tasks import send_registration_mail

    kinds = [kind for kind in kinds if kind in KINDS]
    if kinds:
        outbox.enqueue(send_registration_mail, registration.pk, kinds)


def focal_points_to_tell(registration) -> list[tuple[str, str]]:
    """(language, e-mail) of the delegation's focal points but the one who registered."""
    return [
        (preferred_language(user), user.email)
        for user in registration.delegation.focal_points.select_related("profile")
        if user.email and user != registration.registered_by
    ]


def resend(registration, mail_id) -> RegistrationMail:
    """Send a mail about the registration again, as it was written (it failed, or the
    participant lost it); the copy has its own line in the log."""
    from .services import RegistrationError

    sent = (
        RegistrationMail.objects.select_related("email")
        .filter(registration=registration, pk=key_number(mail_id))
        .first()
    )
    if sent is None:
        raise RegistrationError(gettext("This mail is not about this registration."))
    return RegistrationMail.objects.create(
        registration=registration, email=outgoing.resend(sent.email), kind=sent.kind
    )


@dataclass
class LogLine:
    """A mail about a registration as the officers' log shows it."""

    pk: int
    kind: str
    to: str
    state: str  # sent, waiting or failed
    state_label: str
    at: datetime  # when it was sent, or last tried, or queued
    answer: str  # the server's last refusal
    next_attempt: datetime | None


def log(registration) -> list[LogLine]:
    """The registration's mail log, newest first."""
    lines = []
    for sent in queries.mail_log(registration):
        email, logs = sent.email, list(sent.email.logs.all())
        refusals = [entry for entry in logs if entry.status == STATUS.failed]
        if email.status == STATUS.sent:
            state, label = "sent", gettext("Sent")
        elif email.status == STATUS.failed:
            state, label = "failed", gettext("Failed")
        else:
            state, label = "waiting", gettext("Waiting to be sent")
        lines.append(
            LogLine(
                pk=sent.pk,
                kind=str(KINDS.get(sent.kind, sent.kind)),
                to=", ".join(email.to),
                state=state,
                state_label=label,
                at=logs[0].date if logs else email.created,
                answer=refusals[0].message if refusals else "",
                next_attempt=email.scheduled_time if state == "waiting" else None,
            )
        )
    return lines


def send_invitation(invitation, token: str) -> None:
    """The invitation's link: its token is kept only as a hash, so it is given here. In
    the language of the invitee's account if they have one, else of whoever invited."""
    invitee = (
        get_user_model()
        .objects.select_related("profile")
        .filter(email__iexact=invitation.email, is_active=True)
        .first()
    )
    with translation.override(preferred_language(invitee or invitation.invited_by)):
        _message(
            "registration/mail/invitation.txt",
            {"invitation": invitation, "delegation": invitation.delegation, "token": token},
            [invitation.email],
        ).send()
