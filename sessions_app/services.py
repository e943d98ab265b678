"""Every change of state of rooms, bookings and sittings. Views, the API, the admin and the
demo loader call these, so the no-double-booking rule is written once."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from core.errors import DomainError

from . import calendars
from .models import Booking, Room, Session, Sitting

MAX_BOOKING_LENGTH = timedelta(hours=16)


class BookingError(DomainError):
    """A booking (or a sitting's hold on its room) that the rules refuse."""


class BookingConflict(BookingError):
    code = "room_taken"

    def __init__(self, conflicting: Booking):
        self.conflicting = conflicting
        super().__init__(
            _("%(room)s is already booked: %(booking)s (booking %(id)s).")
            % {"room": conflicting.room.name, "booking": conflicting, "id": conflicting.pk}
        )


def find_conflict(
    room: Room,
    start: datetime,
    end: datetime,
    *,
    setup_minutes: int = 0,
    cleardown_minutes: int = 0,
    exclude: Booking | None = None,
) -> Booking | None:
    """The first live booking of the room whose blocked range overlaps this one."""
    blocked_from, blocked_until = Booking.blocked_range(
        start, end, setup_minutes, cleardown_minutes
    )
    bookings = Booking.objects.select_related("room__venue").filter(
        room=room,
        status__in=Booking.LIVE_STATUSES,
        blocked_from__lt=blocked_until,
        blocked_until__gt=blocked_from,
    )
    if exclude is not None:
        bookings = bookings.exclude(pk=exclude.pk)
    return bookings.order_by("blocked_from").first()


def validate_booking_time(
    room: Room, start: datetime, end: datetime, setup_minutes: int, cleardown_minutes: int
) -> None:
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise BookingError(
            _("Give the start and end with their time zone."), code="time_zone_needed"
        )
    if start >= end:
        raise BookingError(_("The booking must end after it starts."), code="ends_before_start")
    if end - start > MAX_BOOKING_LENGTH:
        raise BookingError(_("A booking may last at most 16 hours."), code="too_long")
    if setup_minutes < 0 or cleardown_minutes < 0:
        raise BookingError(
            _("Set-up and clear-down minutes cannot be negative."), code="negative_margin"
        )
    blocked_from, blocked_until = Booking.blocked_range(
        start, end, setup_minutes, cleardown_minutes
    )
    local_from = timezone.localtime(blocked_from, room.venue.tzinfo)
    local_until = timezone.localtime(blocked_until, room.venue.tzinfo)
    if (
        local_from.date() != local_until.date()
        or local_from.time() < room.bookable_from
        or local_until.time() > room.bookable_until
    ):
        raise BookingError(
            _(
                "%(room)s can be booked from %(start)s to %(end)s local time, set-up and "
                "clear-down included."
            )
            % {
                "room": room.name,
                "start": time_format(room.bookable_from),
                "end": time_format(room.bookable_until),
            },
            code="outside_bookable_hours",
        )


def _lock_room(room: Room) -> Room:
    # On PostgreSQL this serialises bookings of one room; SQLite ignores it and relies on
    # the IMMEDIATE transaction, which takes the write lock at BEGIN.
    return Room.objects.select_for_update(of=("self",)).select_related("venue").get(pk=room.pk)


def check_booking(booking: Booking) -> None:
    """Raise BookingError (or BookingConflict, naming the booking in the way) if this new or
    changed booking cannot be saved. Writes nothing; forms call it to show the message."""
    if not (booking.purpose or "").strip():
        raise BookingError(_("Say what the room is booked for."), code="purpose_needed")
    validate_booking_time(
        booking.room, booking.start, booking.end, booking.setup_minutes, booking.cleardown_minutes
    )
    if booking.is_live:
        conflict = find_conflict(
            booking.room,
            booking.start,
            booking.end,
            setup_minutes=booking.setup_minutes,
            cleardown_minutes=booking.cleardown_minutes,
            exclude=booking if booking.pk else None,
        )
        if conflict is not None:
            raise BookingConflict(conflict)


def save_booking(booking: Booking) -> Booking:
    """Save a new or changed booking if no live booking of its room overlaps it; otherwise
    raise and write nothing. The check and the write happen under one lock."""
    try:
        with transaction.atomic():
            booking.room = _lock_room(booking.room)
            check_booking(booking)
            booking.purpose = booking.purpose.strip()
            booking.save()
            return booking
    except IntegrityError:
        # The exclusion constraint caught a race that the lock did not (for example a
        # booking written outside this service): report it the same way.
        check_booking(booking)
        raise


def book_room(
    room: Room,
    start: datetime,
    end: datetime,
    *,
    purpose: str,
    sitting: Sitting | None = None,
    status: str = Booking.Status.CONFIRMED,
    setup_minutes: int = 0,
    cleardown_minutes: int = 0,
    booked_by=None,
) -> Booking:
    """Book a room, or raise BookingConflict naming the booking in the way (nothing is
    written) or BookingError for a booking that makes no sense."""
    if status not in Booking.LIVE_STATUSES:
        raise BookingError(_("A new booking is either held or confirmed."), code="not_live")
    return save_booking(
        Booking(
            room=room,
            start=start,
            end=end,
            purpose=purpose,
            sitting=sitting,
            status=status,
            setup_minutes=setup_minutes,
            cleardown_minutes=cleardown_minutes,
            booked_by=booked_by,
        )
    )


def cancel_booking(booking: Booking) -> Booking:
    if booking.status != Booking.Status.CANCELLED:
        booking.status = Booking.Status.CANCELLED
        booking.save(update_fields=["status", "updated_at"])
    return booking


def _room_booking_for(sitting: Sitting) -> Booking | None:
    """The booking that would hold the sitting's room as the sitting now stands: its live
    booking moved to the new time and room, or a new one; None for a sitting with no room."""
    if sitting.room is None or sitting.status == Sitting.Status.CANCELLED:
        return None
    booking = (
        sitting.bookings.filter(status__in=Booking.LIVE_STATUSES).first() if (sitting.pk) else None
    )
    booking = booking or Booking(sitting=sitting, status=Booking.Status.CONFIRMED)
    booking.room, booking.start, booking.end = sitting.room, sitting.start, sitting.end
    booking.purpose = booking_purpose(sitting)
    return booking


def booking_purpose(sitting: Sitting) -> str:
    """What a sitting's booking is for, kept as text: in English, the content's source,
    whatever the language of the request that saved the sitting."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{sitting.title}, {sitting.session.short_name}"


def shown_changed(*, now=None, sittings=(), sessions=(), rooms=(), venues=(), series=()) -> None:
    """After these rows changed (by their ids), mark updated the sittings that show them (a
    sitting shows its own fields, its session's, its room's, its venue's and its series'),
    so that the calendar feeds' versions move; their bookings and events follow
    (content_changed)."""
    shown = Sitting.objects.filter(
        Q(pk__in=sittings)
        | Q(session__in=sessions)
        | Q(room__in=rooms)
        | Q(room__venue__in=venues)
        | Q(session__series__in=series)
    )
    sitting_ids = list(shown.values_list("pk", flat=True))
    Sitting.objects.filter(pk__in=sitting_ids).update(updated_at=now or timezone.now())
    content_changed(sitting_ids)


def content_changed(sitting_ids: list[int]) -> None:
    """After the content these sittings show changed (their titles, their session's, their
    room's names...): their bookings' purposes follow the English, and their calendar
    events are built again (their `updated_at` has moved: see content_units)."""
    bookings = Booking.objects.filter(
        sitting_id__in=sitting_ids, status__in=Booking.LIVE_STATUSES
    ).select_related("sitting__session")
    for booking in bookings:
        purpose = booking_purpose(booking.sitting)
        if booking.purpose != purpose:
            Booking.objects.filter(pk=booking.pk).update(purpose=purpose, updated_at=timezone.now())
    calendars.warm_after_commit(list(sitting_ids))


def check_sitting(sitting: Sitting) -> None:
    """Raise BookingError if this new or changed sitting cannot hold its room. Writes
    nothing; forms call it to show the message."""
    if sitting.start >= sitting.end:
        raise BookingError(_("The sitting must end after it starts."), code="ends_before_start")
    booking = _room_booking_for(sitting)
    if booking is not None:
        check_booking(booking)


def save_sitting(sitting: Sitting, *, booked_by=None) -> Sitting:
    """Save a new or changed sitting and keep its room booking in step, in one transaction:
    a sitting in a room books it through save_booking, so a conflict leaves nothing
    written. A scheduled sitting whose time or room changes is marked changed; any change
    of time, room or status raises its revision (the calendar SEQUENCE)."""
    check_sitting(sitting)
    with transaction.atomic():
        if sitting.pk:
            before = Sitting.objects.get(pk=sitting.pk)
            moved = (before.start, before.end, before.room_id) != (
                sitting.start,
                sitting.end,
                sitting.room_id,
            )
            if moved and sitting.status == Sitting.Status.SCHEDULED:
                sitting.status = Sitting.Status.CHANGED
            if moved or before.status != sitting.status:
                sitting.sequence = before.sequence + 1
        sitting.save()
        booking = _room_booking_for(sitting)
        for stale in sitting.bookings.filter(status__in=Booking.LIVE_STATUSES):
            if booking is None or stale.pk != booking.pk:
                cancel_booking(stale)
        if booking is not None:
            booking.booked_by = booking.booked_by or booked_by
            save_booking(booking)
        calendars.warm_after_commit([sitting.pk])
    return sitting


def schedule_sitting(
    session: Session,
    *,
    title: str,
    start: datetime,
    end: datetime,
    room: Room | None = None,
    agenda_items: str = "",
    format: str | None = None,
    booked_by=None,
) -> Sitting:
    """Add a sitting to a session, booking its room (see save_sitting)."""
    sitting = Sitting(
        session=session,
        title=title,
        start=start,
        end=end,
        room=room,
        agenda_items=agenda_items,
        format=format or session.format,
    )
    return save_sitting(sitting, booked_by=booked_by)


def cancel_sitting(sitting: Sitting) -> Sitting:
    """Mark the sitting cancelled (it stays in the programme) and free its room."""
    sitting.status = Sitting.Status.CANCELLED
    return save_sitting(sitting)
