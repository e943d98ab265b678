"""Read-side helpers: querysets with their joins, and grouping by local day."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import Booking, Room, Session, Sitting


def home_sessions(today: date | None = None) -> dict[str, list[Session]]:
    """The sessions of the home page in one query: those open for registration (closing
    soonest first), then the others now on or to come (soonest first), then the past ones
    (newest first)."""
    today = today or timezone.localdate()
    sessions = list(
        Session.objects.select_related("series", "venue", "room")
        .annotate(
            sitting_count=Count("sittings", filter=~Q(sittings__status=Sitting.Status.CANCELLED))
        )
        .order_by("start_date", "title")
    )
    # A session that is over is not offered, even if its registration was never closed.
    open_now = [s for s in sessions if s.registration_is_open and s.end_date >= today]
    open_now.sort(key=lambda session: (session.registration_closes is None, session.end_date))
    others = [session for session in sessions if session not in open_now]
    return {
        "open": open_now,
        "upcoming": [session for session in others if session.end_date >= today],
        "past": [session for session in reversed(others) if session.end_date < today],
    }


def session_detail() -> QuerySet[Session]:
    return Session.objects.select_related("series", "venue", "room__venue")


def programme(session: Session) -> QuerySet[Sitting]:
    return session.sittings.select_related("room__venue").order_by("start")


def by_local_day(items, tzinfo, attribute: str = "start") -> list[tuple[date, list]]:
    """[(day, [items])] for items ordered by `attribute`, days in the given time zone."""

    def local_day(item):
        return timezone.localtime(getattr(item, attribute), tzinfo).date()

    return [(day, list(group)) for day, group in groupby(items, key=local_day)]


def rooms() -> QuerySet[Room]:
    return Room.objects.select_related("venue")


def room_bookings(room: Room, first_day: date, last_day: date) -> QuerySet[Booking]:
    """Live bookings of the room that touch these local days, with their sittings."""
    tzinfo = room.venue.tzinfo
    start = datetime.combine(first_day, time.min, tzinfo)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo)
    return (
        Booking.objects.filter(
            room=room,
            status__in=Booking.LIVE_STATUSES,
            blocked_until__gt=start,
            blocked_from__lt=end,
        )
        .select_related("room__venue", "sitting__session", "booked_by")
        .order_by("start")
    )


def week_of_bookings(room: Room, monday: date) -> list[tuple[date, list[Booking]]]:
    """The seven days from `monday`, each with its bookings (empty days included)."""
    days = [monday + timedelta(days=offset) for offset in range(7)]
    grouped = defaultdict(list)
    for booking in room_bookings(room, days[0], days[-1]):
        grouped[timezone.localtime(booking.start, room.venue.tzinfo).date()].append(booking)
    return [(day, grouped[day]) for day in days]
