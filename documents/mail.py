"""Mail to whoever submitted a written contribution, at each change: received, files
replaced, accepted, returned, declined. Sent after the transaction commits through a
Celery task (in process without a broker), in the submitter's language, not that of the
officer who acted (see registration.mail). Templates in templates/documents/mail/, their
first line the subject."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.languages import in_language_of

KINDS = {"submitted", "replaced", "accepted", "returned", "declined"}


def send(event, kind: str) -> None:
    """The mail of this kind about the event's contribution, to its submitter."""
    contribution = event.contribution
    submitter = contribution.submitted_by
    if kind not in KINDS or submitter is None or not submitter.email:
        return
    with in_language_of(submitter):
        text = render_to_string(
            f"documents/mail/{kind}.txt",
            {
                "contribution": contribution,
                "call": contribution.call,
                "event": event,
                "site_url": settings.SITE_URL,
                "page": settings.SITE_URL
                + reverse("documents:call", kwargs={"pk": contribution.call_id}),
            },
        )
        subject, _line, body = text.strip().partition("\n")
        EmailMessage(subject.strip(), body.strip() + "\n", None, [submitter.email]).send()
