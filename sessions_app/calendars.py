"""iCalendar feeds of sittings, in the session's own time zone (TZID with its VTIMEZONE,
nothing floating). Stable UIDs; SEQUENCE is the sitting's revision; DTSTAMP and
LAST-MODIFIED come from the data, so the same data gives the same bytes and an ETag gives
cheap 304s."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache as cache_result
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import BigIntegerField, Count, Func, Max, QuerySet, Sum
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration, vText

from core import outbox
from languages.models import OFFICIAL_LANGUAGES, language_names

from . import hooks
from .models import Booking, MeetingFormat, Room, Series, Session, Sitting

PRODID = "-//UN Meetings//Meeting logistics//EN"
EVENT_CACHE_SECONDS = 7 * 24 * 3600
TZ_FIRST_YEAR, TZ_LAST_YEAR = 2020, 2035
OFFICIAL_CODES = {code for code, _name in OFFICIAL_LANGUAGES}


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def sitting_uid(sitting: Sitting) -> str:
    return f"sitting-{sitting.pk}@{_host()}"


def feed_sittings(sittings: QuerySet) -> QuerySet:
    # The many sittings of a feed share a few sessions and rooms: fetched apart, each is one
    # instance shared by its sittings, not one joined copy per sitting.
    return (
        sittings.select_related("interpretation")
        .prefetch_related("session", "room__venue")
        .order_by("start", "pk")
    )


class TimePart(Func):
    """A part of a time column, as an integer, in the SQL of each database (`templates`)."""

    output_field = BigIntegerField()
    templates: dict[str, str] = {}

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=self.templates["postgresql"])

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=self.templates["sqlite"])


class Seconds(TimePart):
    """A time column's whole seconds since 1970."""

    templates = {
        "postgresql": "floor(EXTRACT(EPOCH FROM %(expressions)s))::bigint",
        "sqlite": "CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)",
    }


class SubSecond(TimePart):
    """A time column's microseconds within its second (SQLite keeps "YYYY-MM-DD
    HH:MM:SS[.ffffff]", or ".fff": the digits after the point, as six)."""

    templates = {
        "postgresql": "mod(EXTRACT(MICROSECONDS FROM %(expressions)s)::bigint, 1000000)",
        "sqlite": "CAST(substr(%(expressions)s || '000000', 21, 6) AS INTEGER)",
    }


def stamps(path: str) -> dict:
    """The aggregates over a feed's rows that move whenever the time at `path` (a row's
    `updated_at`, or a related row's) moves in any of them: the latest alone misses a save
    stamped before another's but committed after it, the sums (exact, of seconds and of
    microseconds apart, so that thousands of rows fit in SQLite's integers) do not."""
    return {
        f"{path}_max": Max(path),
        f"{path}_seconds": Sum(Seconds(path)),
        f"{path}_micros": Sum(SubSecond(path)),
    }


def version(rows: QuerySet, *salt, **more_aggregates) -> tuple[str, object]:
    """An ETag and the Last-Modified time of a feed of these sittings or bookings, from one
    aggregate query: enough to answer a conditional request without building the calendar.
    Every change saves the row, so its `updated_at` moves (stamps); one leaving the feed
    lowers the count."""
    found = rows.aggregate(
        **({"count": Count("pk", distinct=True)} | stamps("updated_at") | more_aggregates)
    )
    key = "|".join(str(part) for part in (*found.values(), *salt))
    return hashlib.sha256(key.encode()).hexdigest()[:32], found["updated_at_max"]


def _location(sitting: Sitting) -> str:
    room = sitting.room
    if room is None:
        return _("Online")
    venue = room.venue
    return _place(get_language(), room.name, room.building, room.floor, venue.name, venue.address)


# A feed repeats the same few rooms, formats and sets of languages over its sittings: their
# text is kept per language and content (a renamed room is a new key), which saves most
# of the translation lookups of a feed built from nothing.
@lru_cache(maxsize=1024)
def _place(language, name, building, floor, venue, address) -> str:
    parts = [name]
    if building:
        parts.append(
            _("Building %(building)s, floor %(floor)s") % {"building": building, "floor": floor}
        )
    parts.append(venue)
    if address:
        parts.append(address)
    return ", ".join(parts)


@lru_cache(maxsize=1024)
def _setting(language, sitting_format: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    lines = [_("Format: %(format)s") % {"format": MeetingFormat(sitting_format).label}]
    names = language_names(languages)
    if names:
        lines.append(_("Interpretation: %(languages)s") % {"languages": ", ".join(names)})
    return tuple(lines)


def _description(sitting: Sitting) -> str:
    lines = list(sitting.agenda_item_list)
    languages = tuple(sitting.languages)
    if set(languages) <= OFFICIAL_CODES:  # an officer's own language may be renamed
        lines += _setting(get_language(), sitting.format, languages)
    else:
        lines += _setting.__wrapped__(get_language(), sitting.format, languages)
    # What upper apps link (the documents of its agenda items); see hooks for why a link
    # may depend on nothing the cache key of the event does not hold.
    lines += [
        f"{link.label}: {settings.SITE_URL}{link.path}" for link in hooks.sitting_links(sitting)
    ]
    return "\n".join(lines)


def sitting_event(sitting: Sitting, online: bool = False, note: str = "", url: str = "") -> bytes:
    """The sitting as a VEVENT block; `online` for a person taking part online (no room);
    `note` ends the description (a person's listening guide, in their own feed only); `url`
    takes the place of the session's page (a person's join link, in their own feed only).

    Written line by line rather than through icalendar's Event, whose property objects and
    per-character folding made 1,000 events cost most of a second: the lines are those
    icalendar writes, in its order (tests compare the two), and a feed's calendar, time
    zones and parsing stay icalendar's."""
    session = sitting.session
    venue = sitting.room.venue if sitting.room and not online else None
    status = "CANCELLED" if sitting.status == Sitting.Status.CANCELLED else "CONFIRMED"
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _text(f"{sitting.title}, {session.short_name}"),
        "DTSTART" + _local_time(sitting.local_start),
        "DTEND" + _local_time(sitting.local_end),
        "DTSTAMP:" + _utc_time(sitting.updated_at),
        "UID:" + _text(sitting_uid(sitting)),
        f"SEQUENCE:{sitting.sequence}",
        "DESCRIPTION:" + _text("\n\n".join(filter(None, [_description(sitting), note]))),
    ]
    if venue and venue.latitude is not None and venue.longitude is not None:
        lines.append(f"GEO:{float(venue.latitude)};{float(venue.longitude)}")
    lines += [
        "LAST-MODIFIED:" + _utc_time(sitting.updated_at),
        "LOCATION:" + _text(_("Online") if online else _location(sitting)),
        "STATUS:" + status,
        "URL:" + (url or settings.SITE_URL + _session_page(get_script_prefix(), session.slug)),
        "END:VEVENT",
    ]
    return b"".join(_folded(line) for line in lines)


@lru_cache(maxsize=1024)
def _session_page(prefix: str, slug: str) -> str:
    return reverse("sessions_app:session", args=[slug])


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (and icalendar) escape it."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _local_time(moment: datetime) -> str:
    """ ";TZID=zone:local time" (":...Z" in UTC), after the property's name."""
    if moment.utcoffset() == timedelta(0) and str(moment.tzinfo) in UTC_NAMES:
        return ":" + _utc_time(moment)
    return f";TZID={moment.tzinfo}:{moment:%Y%m%dT%H%M%S}"


def _utc_time(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


UTC_NAMES = {"UTC", "Etc/UTC", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"}
LINE_OCTETS = 75


def _folded(line: str) -> bytes:
    """The content line ended by CRLF, folded so that no line holds more than 75 octets:
    never inside a character's bytes, nor between a backslash and what it escapes."""
    data = line.encode()
    if len(data) <= LINE_OCTETS:  # most lines
        return data + b"\r\n"
    parts, start, room = [], 0, LINE_OCTETS
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            cut -= 1
        backslashes = len(data[start:cut]) - len(data[start:cut].rstrip(b"\\"))
        cut -= backslashes % 2  # an odd run ends with an escape's start: keep it whole
        parts.append(data[start:cut])
        start, room = cut, LINE_OCTETS - 1  # a continuation line starts with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def session_event(session: Session) -> Event:
    """The whole session as one all-day event spanning its days."""
    event = Event()
    event.add("uid", f"session-{session.pk}@{_host()}")
    event.add("dtstamp", datetime.combine(session.start_date, time(0), UTC))
    event.add("dtstart", session.start_date)
    event.add("dtend", session.end_date + timedelta(days=1))
    event.add("summary", session.title)
    event.add("url", f"{settings.SITE_URL}{session.get_absolute_url()}")
    event.add("transp", "TRANSPARENT")
    return event


def booking_event(booking: Booking) -> Event:
    tzinfo = booking.room.venue.tzinfo
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{_host()}")
    # Every save raises it: seconds between creation and the last change.
    event.add("sequence", int((booking.updated_at - booking.created_at).total_seconds()))
    event.add("dtstamp", booking.updated_at)
    event.add("last-modified", booking.updated_at)
    event.add("dtstart", booking.start.astimezone(tzinfo))
    event.add("dtend", booking.end.astimezone(tzinfo))
    event.add("summary", booking.purpose)
    event.add("location", f"{booking.room.name}, {booking.room.venue.name}")
    if booking.setup_minutes or booking.cleardown_minutes:
        event.add(
            "description",
            _("Set-up %(setup)d min, clear-down %(cleardown)d min.")
            % {"setup": booking.setup_minutes, "cleardown": booking.cleardown_minutes},
        )
    event.add("status", "TENTATIVE" if booking.status == Booking.Status.HELD else "CONFIRMED")
    return event


def calendar(
    name: str,
    description: str,
    sittings,
    extra_events=(),
    time_zones=(),
    personal=None,
    shown=None,
) -> bytes:
    """A calendar of these sittings (cancelled ones stay, marked CANCELLED). In a person's
    own feed, `personal(session_ids)` gives, for those sessions, a `Personal`, and `shown`
    names the aggregates over the sittings (as `version`'s) that move when what it gives
    moves. `extra_events` (sessions, bookings) go along, with the `time_zones` (tzid, date)
    they use."""
    feed = Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    # icalendar escapes the text of the properties it knows (SUMMARY, DESCRIPTION...) but
    # writes an X- property as given: a line break in a title would break the feed.
    feed.add("x-wr-calname", vText(name))
    feed.add("x-wr-caldesc", vText(description))
    refresh = timedelta(minutes=settings.CALENDAR_REFRESH_MINUTES)
    # icalendar's setter does not add VALUE=DURATION, which clients need.
    feed.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", vDuration(refresh))  # Outlook's name for the same
    spans, events = session_blocks(sittings, personal, shown or {})
    for event in extra_events:
        feed.add_component(event)
    used = [
        (zone, moment.date()) for zone, first, last in spans for moment in (first, last)
    ] + list(time_zones)
    for tzid in sorted({tzid for tzid, _day in used}):
        dates = [day for zone, day in used if zone == tzid]
        # Always at least the same span of years: every feed then carries the same
        # VTIMEZONE, which parsers that keep the first one they see per TZID need.
        feed.add_component(
            vtimezone(tzid, min(min(dates).year, TZ_FIRST_YEAR), max(max(dates).year, TZ_LAST_YEAR))
        )
    body = feed.to_ical()
    end = body.rindex(b"END:VCALENDAR")
    return body[:end] + events + body[end:]


@dataclass(frozen=True)
class Personal:
    """What a person's own feed shows of theirs, by session id: the sessions shown as
    online, the notes that end their sittings' descriptions and the URLs that replace the
    session's page."""

    sessions: frozenset = frozenset()  # those still theirs when this was read
    online: frozenset = frozenset()
    notes: dict = field(default_factory=dict)
    urls: dict = field(default_factory=dict)


# What a session's block of events is kept under, read without joins: each of its sittings
# with the time of its last change (every change to what its event shows moves it, rooms'
# and venues' too: services.shown_changed), and the session's own fields.
LISTED = ("session_id", "pk", "updated_at", "start")
SESSION_SHOWN = ("pk", "updated_at", "slug", "title", "short_name", "time_zone", "languages")
SESSION_ZONE = SESSION_SHOWN.index("time_zone")


def session_blocks(sittings, personal, shown: dict) -> tuple[list[tuple], bytes]:
    """The sittings' events, one block per session, each kept in the cache under a key made
    of its sittings (LISTED), its session's fields, the language and, in a person's feed,
    the aggregates `shown` of their part (one grouped query): a feed whose version moved
    builds again only the blocks of the sessions that changed, and reads (`personal`) only
    theirs. A block holds the sittings its key lists and no other, read after its key, so
    that a change in between makes a new key rather than a kept block older than its key.

    Returns each session's time zone with its first and last start, and the events: the
    sessions in the order of their first sitting, each session's by start."""
    listed = defaultdict(list)
    for session_id, pk, changed, start in sittings.values_list(*LISTED).order_by("start", "pk"):
        listed[session_id].append((pk, changed, start))
    own = {row[0]: row for row in Session.objects.filter(pk__in=listed).values_list(*SESSION_SHOWN)}
    theirs = {}
    if personal and not shown:
        raise ValueError("A person's feed names what it shows of theirs (`shown`).")
    if shown:
        groups = sittings.order_by().values("session_id").annotate(**shown)
        theirs = {group.pop("session_id"): sorted(group.items()) for group in groups}
        # A session that is no longer theirs since it was listed is not in their feed.
        listed = {session_id: its for session_id, its in listed.items() if session_id in theirs}
    language = get_language() or ""
    keys = {
        session_id: "ical-block:"
        + hashlib.sha256(
            repr(
                (
                    [(pk, changed) for pk, changed, _start in its],
                    own.get(session_id),
                    theirs.get(session_id),
                    language,
                )
            ).encode()
        ).hexdigest()
        for session_id, its in listed.items()
    }
    found = cache.get_many(keys.values())
    missing = [session_id for session_id, key in keys.items() if key not in found]
    if missing:
        mine = personal(missing) if personal else Personal()
        if personal:  # no longer theirs since `theirs` was read: not in their feed
            gone = set(missing) - mine.sessions
            missing = [session_id for session_id in missing if session_id not in gone]
            listed = {s: its for s, its in listed.items() if s not in gone}
        wanted = [pk for session_id in missing for pk, _changed, _start in listed[session_id]]
        rows = list(Sitting.objects.filter(pk__in=wanted).values_list(*SHOWN))
        events = sitting_events(rows, own, mine.online, mine.notes, mine.urls)
        built = {
            keys[session_id]: b"".join(
                events.get(pk, b"") for pk, _changed, _start in listed[session_id]
            )
            for session_id in missing
        }
        cache.set_many(built, timeout=EVENT_CACHE_SECONDS)
        found |= built
    # A session deleted meanwhile took its sittings with it.
    order = sorted(
        (session_id for session_id in listed if session_id in own),
        key=lambda session_id: (listed[session_id][0][2], session_id),
    )
    spans = [
        (own[session_id][SESSION_ZONE], listed[session_id][0][2], listed[session_id][-1][2])
        for session_id in order
    ]
    return spans, b"".join(found[keys[session_id]] for session_id in order)


# What a sitting's event shows of its own, its room's and its interpretation's (and so its
# cache key, with its session's fields: SESSION_SHOWN): a change to any of these, or to
# the language, makes a new key. Read as plain rows: no model instances unless missing.
SHOWN = (
    "pk",
    "session_id",
    "start",
    "sequence",
    "updated_at",
    "interpretation__languages",
    "room__name",
    "room__building",
    "room__floor",
    "room__venue__name",
    "room__venue__address",
    "room__venue__latitude",
    "room__venue__longitude",
)
PK, SESSION = 0, 1


def sitting_events(
    rows: list[tuple], sessions: dict, online_sessions, notes: dict, urls: dict
) -> dict[int, bytes]:
    """The sittings' VEVENT blocks, by sitting id. Serialising an event is most of a feed's
    cost, so each is kept in the cache under a key made of everything it shows: its row,
    its session's fields in the feed's language (`sessions`: SESSION_SHOWN rows by id, read
    with the translations' fallbacks), and with a note and a URL, those too, so a public
    feed (neither) never gets an event made for one person."""
    language = get_language() or ""
    keys = {
        row[PK]: "ical:"
        + hashlib.sha256(
            repr(
                (
                    row,
                    sessions.get(row[SESSION]),
                    row[SESSION] in online_sessions,
                    language,
                    notes.get(row[SESSION], ""),
                    urls.get(row[SESSION], ""),
                )
            ).encode()
        ).hexdigest()
        for row in rows
    }
    found = cache.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        built = {
            keys[sitting.pk]: sitting_event(
                sitting,
                sitting.session_id in online_sessions,
                notes.get(sitting.session_id, ""),
                urls.get(sitting.session_id, ""),
            )
            for sitting in feed_sittings(Sitting.objects.filter(pk__in=missing))
        }
        cache.set_many(built, timeout=EVENT_CACHE_SECONDS)
        found |= built
    # A sitting deleted since its row was read has no event.
    return {pk: found[key] for pk, key in keys.items() if key in found}


def warm(sittings) -> int:
    """Build and keep the public events of the sessions of these sittings, as their blocks
    (session_blocks), in every language of the site, so that no feed request has to (run by
    a task after a sitting changes). Returns how many sessions."""
    sessions = set(sittings.values_list("session_id", flat=True))
    whole = Sitting.objects.filter(session_id__in=sessions)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            session_blocks(whole, None, {})
    return len(sessions)


def warm_after_commit(sitting_ids: list[int]) -> None:
    from .tasks import warm_calendar_events

    # Best effort: with the broker down the warm-up is skipped (logged), and the first
    # request of each feed builds the events instead.
    transaction.on_commit(lambda: outbox.publish(warm_calendar_events, sitting_ids), robust=True)


@cache_result
def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of the years the events fall in, one component per transition with
    its own DTSTART. (icalendar's own groups the transitions of many years as RDATE lists,
    which some parsers, vobject among them, read as no transition at all.)"""
    zone = Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(first_year, 12, 31)
    )
    for year in range(first_year + 1, last_year + 1):
        later = Timezone.from_tzid(tzid, first_date=date(year, 1, 1), last_date=date(year, 12, 31))
        for observance in later.subcomponents[1:]:  # [0] is the 1 January observance
            zone.add_component(observance)
    zone.pop("COMMENT", None)
    return zone


def session_calendar(session: Session) -> bytes:
    return calendar(
        f"{session.short_name}: {session.title}",
        _("Programme of the %(title)s, %(start)s to %(end)s.")
        % {
            "title": session.title,
            "start": session.start_date.isoformat(),
            "end": session.end_date.isoformat(),
        },
        session.sittings.all(),
    )


def room_calendar(room: Room, bookings) -> bytes:
    bookings = list(bookings)
    return calendar(
        f"{room.name}, {room.venue.name}",
        _("Bookings of %(room)s.") % {"room": room.name},
        Sitting.objects.none(),
        extra_events=[booking_event(booking) for booking in bookings],
        time_zones=[(room.venue.time_zone, booking.start.date()) for booking in bookings],
    )


def series_calendar(series: Series, sessions, sittings) -> bytes:
    return calendar(
        series.short_name,
        series.name,
        sittings,
        extra_events=[session_event(session) for session in sessions],
    )


def google_event_link(sitting: Sitting) -> str:
    """Google Calendar's "add this event" link, in the session's time zone."""

    def local(moment) -> str:
        return moment.strftime("%Y%m%dT%H%M%S")

    return "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": f"{sitting.title}, {sitting.session.short_name}",
            "dates": f"{local(sitting.local_start)}/{local(sitting.local_end)}",
            "ctz": sitting.session.time_zone,
            "location": _location(sitting),
            "details": f"{settings.SITE_URL}{sitting.session.get_absolute_url()}",
        }
    )
