"""The online half of a meeting: who may join, their personal link (made, replaced,
revoked), and opening it: every opening recorded, attendance once per person per sitting,
and the way on to the platform only during a sitting's window."""

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from registration.models import Registration
from sessions_app.models import Sitting

from . import links
from .models import JoinLink, JoinOpening, MeetingLink, OnlineAttendance

Outcome = JoinOpening.Outcome


class NoJoinLink(DomainError):
    code = "no_join_link"


def joining(registrations) -> set[int]:
    """The ids of the registrations whose people may join online, by the one rule
    (Registration.objects.joins_online), in one query whatever their number."""
    pks = [registration.pk for registration in registrations]
    if not pks:
        return set()
    return set(Registration.objects.joins_online().filter(pk__in=pks).values_list("pk", flat=True))


def may_join(registration: Registration) -> bool:
    return bool(joining([registration]))


def join_link(registration: Registration) -> JoinLink | None:
    """The participant's link; None for anyone who may not join (in person, not approved,
    their account deactivated)."""
    return _link_of(registration) if may_join(registration) else None


def _link_of(registration: Registration) -> JoinLink:
    """The registration's link, made the first time it is asked for, and bound anew to a
    registration's new holder (another account or address: the old holder's link is
    dead; binding the same salt again, two requests at once agree)."""
    try:
        link = registration.join_link
    except JoinLink.DoesNotExist:
        link = JoinLink(registration=registration)
        link.renew()
        link, _created = JoinLink.objects.get_or_create(
            registration=registration, defaults={"salt": link.salt, "digest": link.digest}
        )
        registration.join_link = link
    if not link.is_its_holders:
        link.bind()
        link.save(update_fields=["digest", "created_at"])
    return link


def join_url(registration: Registration) -> str | None:
    link = join_link(registration)
    return links.url(link.token) if link else None


def join_urls(registrations) -> dict[int, str]:
    """The personal link of each registration that may join, by its id: two queries
    whatever their number (who may join, their links), none for registrations asked
    about before (a page or feed asks twice: for its guides and its events' links; each
    registration keeps its answer for the request). A link missing (approved before
    links were made) is made here."""
    new = [registration for registration in registrations if not hasattr(registration, "_join_url")]
    may = joining(new)
    prefetch_related_objects([r for r in new if r.pk in may], "join_link")
    for registration in new:
        registration._join_url = (
            links.url(_link_of(registration).token) if registration.pk in may else None
        )
    return {r.pk: r._join_url for r in registrations if r._join_url}


def replace_link(registration: Registration) -> JoinLink:
    """A new link for the participant; the old one stops working at once."""
    link = join_link(registration)
    if link is None:
        raise NoJoinLink(_("Only an approved online participant has a personal link."))
    link.renew()
    link.save(update_fields=["salt", "digest", "created_at"])
    return link


def revoke(registration: Registration) -> int:
    """The participant's link dies (withdrawn, rejected, cancelled, moved to in person);
    a later approval online gives a new one. Returns how many links died."""
    deleted, _ = JoinLink.objects.filter(registration=registration).delete()
    return deleted


# --- Opening a link --------------------------------------------------------------------


def window(sitting: Sitting) -> tuple[datetime, datetime]:
    """From a set number of minutes before the sitting's start to its end."""
    return sitting.start - timedelta(minutes=settings.JOIN_OPENS_MINUTES_BEFORE), sitting.end


def _in_window(sitting: Sitting, now) -> bool:
    opens, closes = window(sitting)
    return opens <= now <= closes


@dataclass(frozen=True)
class Opened:
    """What opening a link comes to: the platform's link to go on to (joined), or the page
    to show (outside the windows: the next sitting, if any; refused)."""

    outcome: str
    registration: Registration | None = None
    sitting: Sitting | None = None
    meeting_url: str = ""
    next_sitting: Sitting | None = None


def open_link(token: str, *, ip: str = "", user_agent: str = "", now=None) -> Opened:
    """Open a personal link: unknown tokens come to nothing; every opening of a known one
    is recorded; during a sitting's window an approved online participant's attendance is
    recorded (once per sitting) and they go on to the platform. Where two windows are open
    at once (a sitting soon after another), the one running wins (unless it has no
    platform's link yet and the other has), and the attendance counts for each of them
    held at the same platform's link."""
    now = now or timezone.now()
    joins = Registration.objects.joins_online().filter(pk=OuterRef("registration"))
    found = (
        JoinLink.objects.select_related("registration__session")
        .annotate(may_join=Exists(joins))
        .filter(digest=links.digest(token or ""))
        .first()
    )
    if found is None:
        return Opened(Outcome.REFUSED)
    registration = found.registration
    if not found.may_join or not hmac.compare_digest(found.token, token):
        _record(registration, None, Outcome.REFUSED, now, ip, user_agent)
        return Opened(Outcome.REFUSED, registration)
    sittings = list(
        Sitting.objects.held()
        .filter(session=registration.session_id, end__gte=now)
        .order_by("start", "pk")
    )
    for sitting in sittings:  # the session is at hand already
        sitting.session = registration.session
    open_now = sorted(
        (s for s in sittings if _in_window(s, now)),
        key=lambda s: (s.start > now, s.start, s.pk),  # the running one first
    )
    if not open_now:
        _record(registration, None, Outcome.OUTSIDE, now, ip, user_agent)
        return Opened(Outcome.OUTSIDE, registration, next_sitting=next(iter(sittings), None))
    meetings = meeting_links(open_now)
    current = next((s for s in open_now if meetings[s.pk]), open_now[0])
    meeting = meetings[current.pk]
    with transaction.atomic():
        _record(registration, current, Outcome.JOINED, now, ip, user_agent)
        if meeting:  # attending is going on to the platform: not without its link
            held_there = [s for s in open_now if getattr(meetings[s.pk], "url", "") == meeting.url]
            _attend(registration, held_there, now)
    return Opened(Outcome.JOINED, registration, current, meeting.url if meeting else "")


def meeting_links(sittings: list[Sitting]) -> dict[int, MeetingLink | None]:
    """Each sitting's own link, else its session's, by sitting id (one query)."""
    found = MeetingLink.objects.filter(session__in={s.session_id for s in sittings}).filter(
        Q(sitting__in=sittings) | Q(sitting__isnull=True)
    )
    own, of_session = {}, {}
    for link in found:
        if link.sitting_id:
            own[link.sitting_id] = link
        else:
            of_session[link.session_id] = link
    return {s.pk: own.get(s.pk, of_session.get(s.session_id)) for s in sittings}


def _record(registration, sitting, outcome, now, ip: str, user_agent: str) -> None:
    JoinOpening.objects.create(
        registration=registration,
        sitting=sitting,
        at=now,
        outcome=outcome,
        ip_prefix=ip_prefix(ip),
        user_agent=user_agent[:300],
    )


def _attend(registration, sittings: list[Sitting], now) -> None:
    # One statement: the constraint keeps the first (two devices at once, a second opening).
    OnlineAttendance.objects.bulk_create(
        [
            OnlineAttendance(
                registration=registration,
                sitting=sitting,
                day=sitting.local_start.date(),
                first_joined_at=now,
            )
            for sitting in sittings
        ],
        ignore_conflicts=True,
    )


def ip_prefix(ip: str) -> str:
    """The first part of an address, enough to tell places apart, not to find a person:
    two bytes of IPv4 (203.0.x.x), three groups of IPv6."""
    if ":" in ip:
        return ":".join(ip.split(":")[:3]) + ":…"
    parts = ip.split(".")
    return ".".join(parts[:2]) + ".x.x" if len(parts) == 4 else ""
