"""Reminders to approved online participants, with their personal link and in their
language: the day before the session and an hour before the first sitting of each day.
`send_due(now)` sends those due and not yet sent; a Reminder row keeps each to once,
however often it runs (Celery beat: online.tasks.send_reminders; without a broker, cron:
`manage.py send_reminders`). The platform's meeting link is never in the mail."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation

from registration.mail import _message, participant_language
from registration.models import Registration
from sessions_app.models import Sitting

from . import services
from .models import Reminder

Kind = Reminder.Kind
HOUR_BEFORE = timedelta(hours=1)

logger = logging.getLogger(__name__)


def due(now: datetime) -> list[tuple[str, Sitting]]:
    """(kind, the day's first sitting) of each reminder due now: on the day before the
    session's first day of sittings (in its time zone), and in the hour before the first
    sitting of each day."""
    live = Sitting.objects.held()
    coming = live.filter(start__gt=now, start__lte=now + timedelta(days=2)).values("session")
    sittings = (
        live.filter(session__in=coming).select_related("session").order_by("session", "start", "pk")
    )
    firsts: dict[tuple[int, object], Sitting] = {}  # (session, local day) -> first sitting
    for sitting in sittings:
        day = sitting.local_start.date()
        firsts.setdefault((sitting.session_id, day), sitting)
    found, seen_sessions = [], set()
    for (session_id, day), sitting in firsts.items():
        today = timezone.localtime(now, sitting.session.tzinfo).date()
        if session_id not in seen_sessions:  # the session's first day of sittings
            seen_sessions.add(session_id)
            if day == today + timedelta(days=1):
                found.append((Kind.DAY_BEFORE, sitting))
        if sitting.start - HOUR_BEFORE <= now < sitting.start:
            found.append((Kind.HOUR_BEFORE, sitting))
    return found


def send_due(now: datetime | None = None) -> int:
    """Send every reminder due now that was not sent yet; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for kind, sitting in due(now):
        day = sitting.local_start.date()
        participants = (
            Registration.objects.joins_online()
            .filter(session=sitting.session_id)
            .exclude(
                Exists(Reminder.objects.filter(registration=OuterRef("pk"), kind=kind, day=day))
            )
            .select_related("session", "participant__profile", "join_link")
            .order_by("pk")
        )
        for registration in participants:
            sent += _send(registration, kind, sitting, day, now)
    return sent


def _send(registration, kind: str, sitting: Sitting, day, now) -> int:
    """Claim the reminder (its row, committed: a second run at once sends nothing), then
    send it outside any transaction. A mail that fails gives the claim back for the next
    run, and the others are still sent."""
    try:
        with transaction.atomic():
            claim = Reminder.objects.create(
                registration=registration, kind=kind, day=day, sent_at=now
            )
    except IntegrityError:
        return 0
    try:
        message(registration, kind, sitting).send()
    except Exception:  # the mail server refused or is down: try again next time
        logger.exception("Reminder to registration %s not sent", registration.pk)
        claim.delete()
        return 0
    return 1


def message(registration, kind: str, sitting: Sitting):
    """The reminder, in the participant's language, with their personal link."""
    session = registration.session
    context = {
        "registration": registration,
        "session": session,
        "sitting": sitting,
        "start": sitting.local_start,
        "join_url": services.join_url(registration),
        "window_minutes": settings.JOIN_OPENS_MINUTES_BEFORE,
    }
    with translation.override(participant_language(registration)):
        return _message(f"online/mail/{kind}.txt", context, [registration.email])
