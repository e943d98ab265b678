"""iCalendar files of a session's programme, in the session's own time zone. The calendar
feeds (issue 4) build on this; the approval mail attaches it."""

from django.conf import settings
from icalendar import Calendar, Event

from .models import Session, Sitting

PRODID = "-//UN Meetings//Meeting logistics//EN"


def sitting_uid(sitting: Sitting) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"sitting-{sitting.pk}@{host}"


def session_calendar(session: Session) -> bytes:
    """One event per sitting (cancelled ones marked), times with TZID and the VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", session.title)
    calendar.add("x-wr-timezone", session.time_zone)
    for sitting in session.sittings.select_related("room__venue").order_by("start"):
        event = Event()
        event.add("uid", sitting_uid(sitting))
        event.add("dtstamp", sitting.start)  # from the data, so the same data gives the same bytes
        event.add("dtstart", sitting.local_start)
        event.add("dtend", sitting.local_end)
        event.add("summary", f"{sitting.title}, {session.short_name}")
        if sitting.room:
            event.add("location", f"{sitting.room.name}, {sitting.room.venue.name}")
        if sitting.agenda_items:
            event.add("description", sitting.agenda_items)
        event.add(
            "status", "CANCELLED" if sitting.status == Sitting.Status.CANCELLED else "CONFIRMED"
        )
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
