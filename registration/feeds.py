"""Personal calendar feeds: the sittings of every session a person is approved for, at a
secret URL that needs no login (calendar apps cannot log in), so the token is the only
secret: random, replaceable, and never written to the logs in full."""

from django.db.models import FilteredRelation, Max, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from interpretation.queries import ListeningGuide, listening_guides
from sessions_app import calendars
from sessions_app.models import Sitting

from .models import Registration


def approved_registrations(user):
    return Registration.objects.filter(
        Q(participant=user) | Q(email__iexact=user.email), state=Registration.State.APPROVED
    )


def personal_sittings(user):
    # A subquery, not a join: no duplicate rows, so no DISTINCT over every column.
    return Sitting.objects.filter(session_id__in=approved_registrations(user).values("session_id"))


def personal_guides(user) -> dict[int, ListeningGuide]:
    """The listening guide of each session the user is approved for, by session id (four
    queries whatever their number)."""
    registrations = list(approved_registrations(user).select_related("session"))
    guides = listening_guides(registrations)
    return {registration.session_id: guides[registration.pk] for registration in registrations}


def version(user, token: str) -> tuple[str, object]:
    """The feed's ETag and Last-Modified in one query: the person's sittings (their last
    change and count, see calendars.version), and what else the feed shows: their approved
    registration of each session (mode, language), the session (joining details; saving a
    channel touches it) and its interpretation set-up. Each join is one row per sitting."""
    mine = Q(session__registrations__state=Registration.State.APPROVED) & (
        Q(session__registrations__participant=user)
        | Q(session__registrations__email__iexact=user.email)
    )
    rows = personal_sittings(user).alias(
        mine=FilteredRelation("session__registrations", condition=mine)
    )
    return calendars.version(
        rows,
        token,
        registrations=Max("mine__updated_at"),
        sessions=Max("session__updated_at"),
        setups=Max("session__interpretation__updated_at"),
    )


def guide_notes(guides: dict[int, ListeningGuide]) -> dict[int, str]:
    """The guides as the text that ends the description of their sessions' sittings."""
    return {
        session_id: render_to_string(
            "interpretation/_listening_guide.txt", {"guide": guide}
        ).strip()
        for session_id, guide in guides.items()
    }


def personal_calendar(user) -> bytes:
    """In person: the sittings with their rooms and the channels of the person's language;
    online: shown as online, with how to join and listen."""
    guides = personal_guides(user)
    return calendars.calendar(
        _("My UN meetings"),
        _("The sittings of the sessions you are approved for."),
        calendars.feed_sittings(personal_sittings(user)),
        online_sessions={session_id for session_id, guide in guides.items() if guide.online},
        notes=guide_notes(guides),
    )
