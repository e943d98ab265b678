"""Personal calendar feeds: the sittings of every session a person is approved for, at a
secret URL that needs no login (calendar apps cannot log in), so the token is the only
secret: random, replaceable, and never written to the logs in full."""

from django.db.models import Q
from django.utils.translation import gettext as _

from sessions_app import calendars
from sessions_app.models import ParticipationMode, Sitting

from .models import Registration


def approved_registrations(user):
    return Registration.objects.filter(
        Q(participant=user) | Q(email__iexact=user.email), state=Registration.State.APPROVED
    )


def personal_sittings(user):
    return Sitting.objects.filter(
        session__registrations__in=approved_registrations(user)
    ).distinct()


def personal_calendar(user) -> bytes:
    """In person: the sittings with their rooms; online: shown as online."""
    online = set(
        approved_registrations(user)
        .filter(participation_mode=ParticipationMode.ONLINE)
        .values_list("session_id", flat=True)
    )
    return calendars.calendar(
        _("My UN meetings"),
        _("The sittings of the sessions you are approved for."),
        calendars.feed_sittings(personal_sittings(user)),
        online_sessions=online,
    )
