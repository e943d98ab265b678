"""The demonstration meeting: the UNODC expert group on reducing reoffending, its four real
sessions and one made-up session around today, loaded through the services so that every
rule (no double booking) holds for the demo as for real data. Idempotent."""

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from accounts.roles import CONFERENCE_OFFICERS, INTERPRETATION_COORDINATORS
from config import demo_commission
from config.demo_content import translate_content
from config.demo_contributions import seed_contributions
from config.demo_documents import seed_documents
from config.demo_interpretation import seed_interpretation
from config.demo_online import seed_meeting_link, seed_online
from config.demo_proceedings import seed_proceedings
from config.demo_registrations import seed_registrations
from languages.official import OFFICIAL_LANGUAGE_CODES
from registration.services import load_states
from sessions_app import services
from sessions_app.models import (
    Booking,
    MeetingFormat,
    Room,
    Series,
    Session,
    Sitting,
    Venue,
)

VIENNA = "Europe/Vienna"
SITTING_HOURS = ((time(10), time(13)), (time(15), time(18)))
# The past sessions whose lists of speakers the demo shows (the demo session has its own).
SPEAKERS_AT = {"ieg-1-2023", "ieg-1-resumed-2024"}
DEMO_VALUES = "Capacity, booths and floor are demonstration values, not the VIC's figures."

ROOMS = [
    # slug, name, building, floor, seats, booths
    ("boardroom-d", "Boardroom D", "C", "4", 80, 6),
    ("boardroom-b", "Boardroom B", "C", "4", 60, 6),
    ("conference-room-m3", "Conference Room M3", "M", "1", 250, 7),
    ("conference-room-c3", "Conference Room C3", "C", "2", 150, 6),
]

AGENDA = [
    "1. Opening of the meeting",
    "2. Adoption of the agenda and organization of work",
    "3. Promising practices and model strategies on reducing reoffending",
    "4. Other matters",
    "5. Adoption of the report",
]


@dataclass(frozen=True)
class SessionSpec:
    slug: str
    title: str
    short_name: str
    start: date
    end: date
    format: str
    room_slug: str | None
    demonstration: bool = False
    in_person_capacity: int | None = None
    delegation_quota: int | None = None
    # How many of the demo people register (None: all of them, config.demo_registrations).
    people: int | None = None


def session_specs(today: date) -> list[SessionSpec]:
    return [
        SessionSpec(
            "egm-2022",
            "Expert group meeting on reducing reoffending",
            "EGM 2022",
            date(2022, 4, 6),
            date(2022, 4, 8),
            MeetingFormat.ONLINE,
            None,
            people=27,  # "attended by 27 experts from all regions"
        ),
        SessionSpec(
            "ieg-1-2023",
            "First meeting of the expert group, initial part",
            "IEG-1 (2023)",
            date(2023, 9, 4),
            date(2023, 9, 5),
            MeetingFormat.ONLINE,
            None,
        ),
        SessionSpec(
            "ieg-1-resumed-2024",
            "First meeting of the expert group, reconvened part",
            "IEG-1 resumed (2024)",
            date(2024, 3, 25),
            date(2024, 3, 28),
            MeetingFormat.HYBRID,
            "boardroom-d",
        ),
        SessionSpec(
            "ieg-2-2025",
            "Second meeting of the expert group",
            "IEG-2 (2025)",
            date(2025, 1, 27),
            date(2025, 1, 31),
            MeetingFormat.IN_PERSON,
            "boardroom-d",
            delegation_quota=2,
        ),
        SessionSpec(
            "demo",
            "Demonstration session (not a real meeting)",
            "Demo",
            today - timedelta(days=1),
            today + timedelta(days=3),
            MeetingFormat.HYBRID,
            "boardroom-d",
            demonstration=True,
            in_person_capacity=20,
            delegation_quota=2,
        ),
    ]


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def planned_sittings(spec: SessionSpec) -> list[tuple[str, datetime, datetime, str]]:
    """(title, start, end, agenda items) for 10:00-13:00 and 15:00-18:00 on each day."""
    tzinfo = ZoneInfo(VIENNA)
    slots = []
    day = spec.start
    while day <= spec.end:
        for start, end in SITTING_HOURS:
            slots.append((datetime.combine(day, start, tzinfo), datetime.combine(day, end, tzinfo)))
        day += timedelta(days=1)
    planned = []
    for number, (start, end) in enumerate(slots, start=1):
        if number == 1:
            items = AGENDA[:2]
        elif number == len(slots):
            items = AGENDA[3:]
        else:
            items = AGENDA[2:3]
        planned.append((f"{ordinal(number)} plenary meeting", start, end, "\n".join(items)))
    return planned


def seed(today: date | None = None, log=print, participants: int = 0) -> dict:
    """The demo; with `participants`, also a session of that many at the size of a
    Commission (config.demo_commission)."""
    # The demo is typed in English, and `title=` writes the active language's column: seed
    # it with English active whatever the caller's language, then translate_content fills
    # the other columns.
    with translation.override("en"):
        return _seed(today or timezone.localdate(), log, participants)


def _seed(today: date, log, participants: int) -> dict:
    load_states()
    with transaction.atomic():
        series, _ = Series.objects.update_or_create(
            slug="reducing-reoffending",
            defaults={
                "name": "Open-ended intergovernmental expert group on reducing reoffending",
                "short_name": "Expert group on reducing reoffending",
                "mandates": "General Assembly resolution 76/182\nGeneral Assembly resolution "
                "77/232\nGeneral Assembly resolution 78/224\nEconomic and Social "
                "Council resolution 2024/10",
                "description": "Convened by UNODC to develop model strategies on reducing "
                "reoffending through rehabilitation and reintegration.",
            },
        )
        venue, _ = Venue.objects.update_or_create(
            slug="vic",
            defaults={
                "name": "Vienna International Centre",
                "time_zone": VIENNA,
                "address": "Wagramer Strasse 5, 1220 Vienna, Austria",
                "latitude": Decimal("48.234400"),
                "longitude": Decimal("16.417000"),
            },
        )
        rooms = {}
        for slug, name, building, floor, seats, booths in ROOMS:
            rooms[slug], _ = Room.objects.update_or_create(
                slug=slug,
                defaults={
                    "venue": venue,
                    "name": name,
                    "building": building,
                    "floor": floor,
                    "capacity": seats,
                    "interpretation_booths": booths,
                    "notes": DEMO_VALUES,
                    "equipment": "Simultaneous interpretation, microphones at every seat, "
                    "screens, hybrid meeting platform",
                },
            )
    specs = session_specs(today) + ([demo_commission.spec(today)] if participants else [])
    sessions = [_seed_session(series, venue, rooms, spec, log) for spec in specs]
    for session in sessions:
        seed_interpretation(session)
        seed_meeting_link(session)
    translate_content(series, sessions, venue, rooms.values())
    _seed_documentation(sessions)
    users = _seed_users(log)
    # The demo people have invented addresses: their mail goes nowhere, not to the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        # As if it were `today` at this hour: the sittings before are over.
        now = timezone.now() + (today - timezone.localdate())
        for spec, session in zip(specs, sessions, strict=True):
            if spec.slug == demo_commission.SLUG:
                officer = get_user_model().objects.get(username=DEMO_USERS[0][0])
                demo_commission.seed_commission(session, participants, officer, now, log=log)
                seed_online(session, now=now, log=log)
                continue
            seed_registrations(session, people=spec.people, log=log)
            seed_online(session, now=now, log=log)
            if session.is_demonstration:
                seed_contributions(session, log=log)
            if session.is_demonstration or spec.slug in SPEAKERS_AT:
                seed_proceedings(session, now=now, log=log)
    return {"series": series, "users": users}


def _seed_documentation(sessions: list[Session]) -> None:
    """Each session's documents in the six languages (config.demo_documents); what the
    Secretariat receives and publishes between and at meetings belongs here too."""
    for session in sessions:
        seed_documents(session, AGENDA)


def _seed_session(series, venue, rooms, spec: SessionSpec, log) -> Session:
    room = rooms.get(spec.room_slug)
    opens = datetime.combine(spec.start - timedelta(days=60), time(9), UTC)
    closes = (
        datetime.combine(spec.end, time(18), UTC)
        if spec.demonstration
        else datetime.combine(spec.start - timedelta(days=7), time(18), UTC)
    )
    with transaction.atomic():
        session, _ = Session.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "series": series,
                "title": spec.title,
                "short_name": spec.short_name,
                "start_date": spec.start,
                "end_date": spec.end,
                "time_zone": VIENNA,
                "format": spec.format,
                "venue": venue if room else None,
                "room": room,
                "registration_opens": opens,
                "registration_closes": closes,
                "languages": list(OFFICIAL_LANGUAGE_CODES),
                "is_demonstration": spec.demonstration,
                "in_person_capacity": spec.in_person_capacity,
                "delegation_in_person_quota": spec.delegation_quota,
            },
        )
        planned = planned_sittings(spec)
        existing = list(
            session.sittings.order_by("start").values_list("title_en", "start", "end", "room__slug")
        )
        if existing == [(title, start, end, spec.room_slug) for title, start, end, _ in planned]:
            return session
        Booking.objects.filter(sitting__session=session).delete()
        Sitting.objects.filter(session=session).delete()
        for title, start, end, items in planned:
            try:
                services.schedule_sitting(
                    session, title=title, start=start, end=end, room=room, agenda_items=items
                )
            except services.BookingConflict as conflict:
                log(f"  {spec.slug}: {title} scheduled without a room: {conflict}")
                services.schedule_sitting(
                    session, title=title, start=start, end=end, agenda_items=items
                )
    return session


DEMO_USERS = [
    # e-mail, name, groups, staff
    ("officer@demo.example.org", "Demo Conference Officer", [CONFERENCE_OFFICERS], True),
    (
        "interpretation@demo.example.org",
        "Demo Interpretation Coordinator",
        [INTERPRETATION_COORDINATORS],
        False,
    ),
    ("delegate@demo.example.org", "Demo Delegate", [], False),
]


def _seed_users(log) -> list[tuple[str, str]]:
    """The demo logins, with one random password kept in var/ (never committed)."""
    password_file = settings.VAR_DIR / "demo-password"
    if not password_file.exists():
        password_file.write_text(secrets.token_urlsafe(12))
        password_file.chmod(0o600)
    password = password_file.read_text().strip()
    User = get_user_model()
    logins = []
    for email, name, groups, staff in DEMO_USERS:
        first, _, last = name.rpartition(" ")
        user, _ = User.objects.update_or_create(
            username=email,
            defaults={
                "email": email,
                "first_name": first,
                "last_name": last,
                "is_staff": staff,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        logins.append((email, password))
    return logins
