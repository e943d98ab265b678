"""Mail to the interpreters and interpretation coordinators when a statement arrives for
one of the next speakers of a list (proceedings.statements). Sent after the transaction
commits through a Celery task (in process without a broker), to each in their own
language, not that of whoever uploaded (see registration.mail). The template's first line
is the subject."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.languages import in_language_of
from accounts.roles import INTERPRETATION_COORDINATORS, INTERPRETERS

from . import booth


def recipients():
    """Active interpreters and interpretation coordinators with an address."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, groups__name__in=(INTERPRETERS, INTERPRETATION_COORDINATORS)
        )
        .exclude(email="")
        .select_related("profile")
        .distinct()
    )


def statement_arrived(statement, place: int) -> None:
    inscription = statement.inscription
    session = inscription.speakers_list.session
    context = {
        "statement": statement,
        "inscription": inscription,
        "session": session,
        "place": place,
        "file_url": settings.SITE_URL
        + reverse("proceedings:statement-file", kwargs={"pk": statement.pk}),
        "booth_urls": [
            settings.SITE_URL
            + reverse("proceedings:booth", kwargs={"slug": session.slug, "pk": sitting.pk})
            for sitting in booth.sittings_with_item(session, inscription.speakers_list.item_number)
        ],
    }
    for user in recipients():
        with in_language_of(user):
            text = render_to_string("proceedings/mail/statement_arrived.txt", context)
        subject, _line, body = text.strip().partition("\n")
        EmailMessage(subject.strip(), body.strip() + "\n", None, [user.email]).send()
