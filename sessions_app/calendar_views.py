"""Calendar feeds over HTTP: text/calendar with an ETag and Last-Modified on every feed; a
conditional request that matches gets a 304 without the calendar being built. A feed is in
one language (its ETag says which): a public feed in the `lang=` its subscribe link
carries, a person's (with their token) in the language they chose."""

import hashlib
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language, override

from accounts.feed_tokens import user_for
from accounts.languages import preferred_language
from accounts.roles import is_conference_officer
from languages.official import interface_language

from . import calendars
from .models import Booking, Room, Series, Session, Sitting

ROOM_FEED_PAST_DAYS = 90  # a room feed shows bookings from this many days ago on
CONTENT_TYPE = "text/calendar; charset=utf-8"
FEED_CACHE_SECONDS = 2 * 60 * settings.CALENDAR_REFRESH_MINUTES


def feed_response(request, build, etag: str, last_modified, filename: str = "") -> HttpResponse:
    """The feed `build()` makes, in the active language; a 304 where the request's
    validators match this version in this language. The same version in the same language
    is the same bytes (calendars), so the body is kept in the cache under its ETag: a
    calendar app polling without validators gets it without a build until the feed
    changes."""
    language = get_language()
    etag = quote_etag(f"{etag}-{language}")
    stamp = last_modified.timestamp() if last_modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=stamp)
    response = not_modified or HttpResponse(
        _body(request.path, etag, build), content_type=CONTENT_TYPE
    )
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(stamp)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = language
    return response


def feed_cache_key(path: str, etag: str) -> str:
    """Where a feed's body is kept: under its path too, since two feeds may have the same
    version (two sittings saved at the same instant); hashed, since a personal feed's path
    holds its token."""
    return "feed:" + hashlib.sha256(f"{path}|{etag}".encode()).hexdigest()


def _body(path: str, etag: str, build) -> bytes:
    key = feed_cache_key(path, etag)
    body = cache.get(key)
    if body is None:
        body = build()
        # Long enough for the next poll of a calendar app; a new version is a new key.
        cache.set(key, body, timeout=FEED_CACHE_SECONDS)
    return body


def requested_language(request) -> str | None:
    return interface_language(request.GET.get("lang"))


def in_requested_language(view):
    """A public feed in the language of its link (`?lang=`), else of the request."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with override(requested_language(request) or get_language()):
            return view(request, *args, **kwargs)

    return wrapper


def _session_salt(session: Session) -> tuple:
    # What of the session itself shows in the feed: a change to it is a new version.
    return (
        session.pk,
        session.slug,  # in the events' URLs
        session.title,
        session.short_name,
        session.start_date,
        session.end_date,
        session.time_zone,
        tuple(session.languages),
    )


@in_requested_language
def session_feed(request, slug: str):
    """A session's programme, one event per sitting; public."""
    session = get_object_or_404(Session, slug=slug)
    etag, changed = calendars.version(session.sittings.all(), *_session_salt(session))
    return feed_response(request, lambda: calendars.session_calendar(session), etag, changed)


@in_requested_language
def sitting_file(request, pk: int):
    """One sitting as an .ics file to add to a calendar."""
    sitting = get_object_or_404(calendars.feed_sittings(Sitting.objects.all()), pk=pk)
    etag, changed = calendars.version(
        Sitting.objects.filter(pk=pk), *_session_salt(sitting.session)
    )
    return feed_response(
        request,
        lambda: calendars.calendar(
            sitting.title, sitting.session.title, Sitting.objects.filter(pk=sitting.pk)
        ),
        etag,
        changed,
        filename=f"{sitting.session.slug}-sitting-{sitting.pk}.ics",
    )


@in_requested_language
def series_feed(request, slug: str):
    """Every session of the body, one all-day event each, and their sittings; public."""
    series = get_object_or_404(Series, slug=slug)
    sessions = list(series.sessions.order_by("start_date"))
    sittings = Sitting.objects.filter(session__series=series)
    etag, changed = calendars.version(
        sittings,
        series.name,
        series.short_name,
        *(_session_salt(session) for session in sessions),
    )
    return feed_response(
        request,
        lambda: calendars.series_calendar(series, sessions, sittings),
        etag,
        changed,
    )


def room_feed(request, slug: str):
    """A room's bookings with their purposes: for officers, signed in or with their
    calendar token (`?token=`), which calendar apps can send."""
    user = request.user if request.user.is_authenticated else user_for(request.GET.get("token"))
    if user is None or not is_conference_officer(user):
        raise PermissionDenied
    room = get_object_or_404(Room.objects.select_related("venue"), slug=slug)
    since = timezone.now() - timedelta(days=ROOM_FEED_PAST_DAYS)
    bookings = Booking.objects.filter(room=room, status__in=Booking.LIVE_STATUSES, end__gte=since)
    with override(requested_language(request) or preferred_language(user, get_language())):
        etag, changed = calendars.version(
            bookings, room.name, room.venue.name, room.venue.time_zone
        )
        return feed_response(
            request,
            lambda: calendars.room_calendar(
                room, bookings.select_related("room__venue").order_by("start")
            ),
            etag,
            changed,
        )
