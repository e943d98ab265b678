"""Calendar feeds over HTTP: text/calendar with an ETag and Last-Modified on every feed; a
conditional request that matches gets a 304 without the calendar being built."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from . import calendars
from .models import Session, Sitting

CONTENT_TYPE = "text/calendar; charset=utf-8"


def feed_response(request, build, etag: str, last_modified, filename: str = "") -> HttpResponse:
    etag = quote_etag(etag)
    stamp = last_modified.timestamp() if last_modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=stamp)
    response = not_modified or HttpResponse(build(), content_type=CONTENT_TYPE)
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(stamp)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _session_salt(session: Session) -> tuple:
    # What of the session itself shows in the feed: a change to it is a new version.
    return (
        session.pk,
        session.title,
        session.short_name,
        session.start_date,
        session.end_date,
        session.time_zone,
        tuple(session.languages),
    )


def session_feed(request, slug: str):
    """A session's programme, one event per sitting; public."""
    session = get_object_or_404(Session, slug=slug)
    etag, changed = calendars.version(session.sittings.all(), *_session_salt(session))
    return feed_response(request, lambda: calendars.session_calendar(session), etag, changed)


def sitting_file(request, pk: int):
    """One sitting as an .ics file to add to a calendar."""
    sitting = get_object_or_404(calendars.feed_sittings(Sitting.objects.all()), pk=pk)
    etag, changed = calendars.version(
        Sitting.objects.filter(pk=pk), *_session_salt(sitting.session)
    )
    return feed_response(
        request,
        lambda: calendars.calendar(sitting.title, sitting.session.title, [sitting]),
        etag,
        changed,
        filename=f"{sitting.session.slug}-sitting-{sitting.pk}.ics",
    )
