"""Personal calendar feeds: the sittings of every session a person is approved for, at a
secret URL that needs no login (calendar apps cannot log in), so the token is the only
secret: random, replaceable, and never written to the logs in full."""

from django.conf import settings
from django.db.models import FilteredRelation, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sessions_app import calendars
from sessions_app.models import ParticipationMode, Sitting

from . import hooks
from .models import Registration, owner_q


def approved_registrations(user):
    return Registration.objects.owned_by(user).approved()


def personal_sittings(user):
    # A subquery, not a join: no duplicate rows, so no DISTINCT over every column.
    return Sitting.objects.filter(session_id__in=approved_registrations(user).values("session_id"))


def _page(registration: Registration) -> str:
    return reverse("registration:register", args=[registration.session.slug])


def personal_notes(registrations: list[Registration]) -> dict[int, str]:
    """What the upper apps tell the person about each session they are approved for, in
    short (their join link, their channel...: hooks.Guide.note), and where the rest is
    (their registration page), as the text that ends the description of its sittings, by
    session id."""
    guides = hooks.guides(registrations)
    return {
        registration.session_id: "\n\n".join(
            filter(
                None,
                [
                    *(guide.note() for guide in guides[registration.pk]),
                    _("Everything else is on your registration page: %(url)s")
                    % {"url": settings.SITE_URL + _page(registration)},
                ],
            )
        )
        for registration in registrations
    }


def _with_mine(user):
    """The person's sittings, with `mine` reaching their own approved registration of each
    sitting's session (one row per sitting)."""
    mine = Q(session__registrations__state=Registration.State.APPROVED) & owner_q(
        user, "session__registrations__"
    )
    return personal_sittings(user).alias(
        mine=FilteredRelation("session__registrations", condition=mine)
    )


def _shown() -> dict:
    """What the feed shows of the person's own, as aggregates over their sittings: their
    approved registration of the session (mode, language) and what the guides of the upper
    apps show (hooks.feed_stamps)."""
    aggregates = {"registration": Max("mine__pk")}
    for path in ("mine__updated_at", *hooks.feed_stamps()):
        aggregates |= calendars.stamps(path)
    return aggregates


def version(user, token: str) -> tuple[str, object]:
    """The feed's ETag and Last-Modified in one query: the person's sittings (their last
    change and count, see calendars.version), their sessions (joining details) and what
    else the feed shows of their own (_shown)."""
    return calendars.version(
        _with_mine(user), token, **(calendars.stamps("session__updated_at") | _shown())
    )


def personal_calendar(user) -> bytes:
    """In person: the sittings with their rooms and the channels of the person's language;
    online: shown as online, with how to join and listen, their URL the person's own join
    link (hooks.event_urls). Only the sessions whose block of events changed (calendars.
    session_blocks) have their registrations read and their notes and links made."""

    def personal(session_ids) -> calendars.Personal:
        registrations = list(
            approved_registrations(user)
            .filter(session_id__in=session_ids)
            .select_related("session")
        )
        notes = personal_notes(registrations)
        # After the notes: a provider may use what the guides' providers fetched.
        urls = hooks.event_urls(registrations)
        return calendars.Personal(
            sessions=frozenset(registration.session_id for registration in registrations),
            online=frozenset(
                registration.session_id
                for registration in registrations
                if registration.participation_mode == ParticipationMode.ONLINE
            ),
            notes=notes,
            urls={r.session_id: urls[r.pk] for r in registrations if r.pk in urls},
        )

    return calendars.calendar(
        _("My UN meetings"),
        _("The sittings of the sessions you are approved for."),
        _with_mine(user),
        personal=personal,
        shown=_shown(),
    )
