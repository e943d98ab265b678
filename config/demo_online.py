"""The online half of the demo sessions: the platform's meeting link (kept on the server),
each approved online participant's personal link, and for the sittings already over the
openings of those links and the attendance they recorded: most joined, some twice (a second
device), a few not at all. Seeding again adds nothing twice; sittings over since the last
seeding get theirs."""

from datetime import timedelta

from django.utils import timezone

from online import services
from online.models import JoinOpening, MeetingLink, OnlineAttendance, Platform
from registration.models import Registration
from sessions_app.models import MeetingFormat, ParticipationMode, Session, Sitting

# A demonstration value: no platform answers it.
MEETING_URL = "https://meet.example.org/unodc-ieg/{slug}?pwd=demonstration"
BROWSER = "Mozilla/5.0 (demonstration)"


def seed_online(session, *, now=None, log=print) -> int:
    """Links and attendance for the session's approved online participants; returns how
    many attendances were added."""
    if ParticipationMode.ONLINE not in session.participation_modes:
        return 0
    now = now or timezone.now()
    participants = list(Registration.objects.joins_online().filter(session=session).order_by("pk"))
    for registration in participants:
        services.join_link(registration)
    past = (
        Sitting.objects.held()
        .filter(session=session, end__lt=now)
        .select_related("session")
        .exclude(online_attendance__isnull=False)
        .order_by("start", "pk")
    )
    added = 0
    for index, sitting in enumerate(past):
        day = sitting.local_start.date()
        openings, attendance = [], []
        for number, registration in enumerate(participants):
            if (number + index) % 5 == 4:  # one in five missed this sitting
                continue
            joined = sitting.start - timedelta(minutes=12) + timedelta(minutes=(number * 7) % 25)
            again = [joined, joined + timedelta(minutes=40)] if number % 6 == 1 else [joined]
            openings += [
                JoinOpening(
                    registration=registration,
                    sitting=sitting,
                    at=at,
                    outcome=JoinOpening.Outcome.JOINED,
                    ip_prefix=f"203.{number % 200}.x.x",
                    user_agent=BROWSER,
                )
                for at in again
            ]
            attendance.append(
                OnlineAttendance(
                    registration=registration, sitting=sitting, day=day, first_joined_at=joined
                )
            )
        JoinOpening.objects.bulk_create(openings)
        OnlineAttendance.objects.bulk_create(attendance, ignore_conflicts=True)
        added += len(attendance)
    if added:
        log(f"  {session.slug}: {added} demo online attendances")
    return added


def seed_meeting_link(session: Session) -> None:
    """The platform's link of a session held online or hybrid, where none is set yet (one
    set by hand is kept)."""
    if session.format == MeetingFormat.IN_PERSON:
        MeetingLink.objects.filter(session=session, sitting__isnull=True).delete()
        return
    MeetingLink.objects.get_or_create(
        session=session,
        sitting=None,
        defaults={"platform": Platform.ZOOM, "url": MEETING_URL.format(slug=session.slug)},
    )
