"""A sitting's VEVENT is written line by line (sessions_app.calendars.sitting_event) for
speed: its lines are the lines icalendar's own Event writes for the same sitting, and its
folding keeps every line within 75 octets without cutting a character or an escape."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.conf import settings

from sessions_app import calendars
from sessions_app.calendars import feed_sittings
from sessions_app.models import Sitting
from tests.factories import SessionFactory, SittingFactory, vienna

pytestmark = pytest.mark.django_db


def icalendar_event(sitting, online=False, note="", url="") -> bytes:
    """The reference: the same event through icalendar's Event."""
    event = icalendar.Event()
    event.add("uid", calendars.sitting_uid(sitting))
    event.add("sequence", sitting.sequence)
    event.add("dtstamp", sitting.updated_at)
    event.add("last-modified", sitting.updated_at)
    event.add("dtstart", sitting.local_start)
    event.add("dtend", sitting.local_end)
    event.add("summary", f"{sitting.title}, {sitting.session.short_name}")
    event.add("location", "Online" if online else calendars._location(sitting))
    venue = sitting.room.venue if sitting.room and not online else None
    if venue and venue.latitude is not None:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    description = "\n\n".join(filter(None, [calendars._description(sitting), note]))
    event.add("description", description)
    event.add("url", url or f"{settings.SITE_URL}{sitting.session.get_absolute_url()}")
    cancelled = sitting.status == Sitting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event.to_ical()


def unfolded(body: bytes) -> list[str]:
    return body.decode().replace("\r\n ", "").split("\r\n")


@pytest.fixture
def sittings(room):
    room.venue.latitude, room.venue.longitude = 48.2344, 16.417
    room.venue.address = "Wagramer Strasse 5, 1220 Vienna; Austria"
    room.venue.save()
    vienna_session = SessionFactory(short_name="IEG-2", room=room, venue=room.venue)
    utc_session = SessionFactory(short_name="UTC; online", time_zone="UTC")
    made = [
        SittingFactory(session=vienna_session, room=room, agenda_items="1. Opening"),
        SittingFactory(
            session=vienna_session,
            room=room,
            title="الجلسة العامة الأولى, 開幕 \\ back\\slash; semi, comma\r\nnew line",
            agenda_items="\n".join(f"{n}. Item with an é and 中文 {'x' * n}" for n in range(9)),
            status=Sitting.Status.CANCELLED,
        ),
        SittingFactory(
            session=utc_session,
            start=datetime(2025, 1, 27, 10, tzinfo=ZoneInfo("UTC")),
            end=datetime(2025, 1, 27, 13, tzinfo=ZoneInfo("UTC")),
        ),
    ]
    return list(feed_sittings(Sitting.objects.filter(pk__in=[s.pk for s in made])))


@pytest.mark.parametrize(
    "online, note, url",
    [
        (False, "", ""),
        (True, "Listen in Arabic, channel 2; " + "é\\" * 60, "https://example.org/j/abc,def"),
    ],
)
def test_the_event_is_the_one_icalendar_writes(sittings, online, note, url):
    for sitting in sittings:
        ours = calendars.sitting_event(sitting, online, note, url)

        assert unfolded(ours) == unfolded(icalendar_event(sitting, online, note, url))


def test_long_lines_fold_within_75_octets_on_whole_characters_and_escapes(sittings):
    body = calendars.sitting_event(sittings[1], False, "é\\;" * 80 + "中" * 40)
    lines = body.split(b"\r\n")

    assert max(len(line) for line in lines) == 75
    for line in lines:
        line.decode()  # never a character cut in two
        trailing = len(line) - len(line.rstrip(b"\\"))
        assert trailing % 2 == 0  # never an escape cut from its backslash


def test_a_second_parser_reads_the_fields_back(sittings):
    sitting = sittings[1]
    calendar = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
    calendar += calendars.sitting_event(sitting) + b"END:VCALENDAR\r\n"

    event = vobject.readOne(calendar.decode()).vevent
    assert event.summary.value == f"{sitting.title}, {sitting.session.short_name}".replace(
        "\r\n", "\n"
    )
    assert event.dtstart.value == vienna(sitting.session.start_date, 10)
    assert event.dtend.value - event.dtstart.value == timedelta(hours=3)
    assert event.status.value == "CANCELLED"
