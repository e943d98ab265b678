"""Every change of state of rooms, bookings and sittings. Views, the API, the admin and the
demo loader call these, so the no-double-booking rule is written once."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Booking, Room, Session, Sitting

MAX_BOOKING_LENGTH = timedelta(hours=16)


class BookingError(Exception):
    """A booking that cannot be made as asked; the message is for the user."""


class BookingConflict(BookingError):
    def __init__(self, conflicting: Booking):
        self.conflicting = conflicting
        super().__init__(
            _("%(room)s is already booked: %(booking)s (booking %(id)s).")
            % {"room": conflicting.room.name, "booking": conflicting, "id": conflicting.pk}
        )


def _blocked_range(start: datetime, end: datetime, setup: int, cleardown: int):
    return start - timedelta(minutes=setup), end + timedelta(minutes=cleardown)


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
    blocked_from, blocked_until = _blocked_range(start, end, setup_minutes, cleardown_minutes)
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
        raise BookingError(_("Give the start and end with their time zone."))
    if start >= end:
        raise BookingError(_("The booking must end after it starts."))
    if end - start > MAX_BOOKING_LENGTH:
        raise BookingError(_("A booking may last at most 16 hours."))
    if setup_minutes < 0 or cleardown_minutes < 0:
        raise BookingError(_("Set-up and clear-down minutes cannot be negative."))
    blocked_from, blocked_until = _blocked_range(start, end, setup_minutes, cleardown_minutes)
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
                "start": room.bookable_from.strftime("%H:%M"),
                "end": room.bookable_until.strftime("%H:%M"),
            }
        )


def _lock_room(room: Room) -> Room:
    # On PostgreSQL this serialises bookings of one room; SQLite ignores it and relies on
    # the IMMEDIATE transaction, which takes the write lock at BEGIN.
    return Room.objects.select_for_update().select_related("venue").get(pk=room.pk)


def check_booking(booking: Booking) -> None:
    """Raise BookingError (or BookingConflict, naming the booking in the way) if this new or
    changed booking cannot be saved. Writes nothing; forms call it to show the message."""
    if not (booking.purpose or "").strip():
        raise BookingError(_("Say what the room is booked for."))
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
        raise BookingError(_("A new booking is either held or confirmed."))
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


def confirm_booking(booking: Booking) -> Booking:
    if booking.status != Booking.Status.HELD:
        raise BookingError(_("Only a held booking can be confirmed."))
    booking.status = Booking.Status.CONFIRMED
    return save_booking(booking)


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
    """Add a sitting to a session; a sitting in a room books the room through book_room, in
    the same transaction, so a conflict leaves no sitting behind."""
    if start >= end:
        raise BookingError(_("The sitting must end after it starts."))
    with transaction.atomic():
        sitting = Sitting.objects.create(
            session=session,
            title=title,
            start=start,
            end=end,
            room=room,
            agenda_items=agenda_items,
            format=format or session.format,
        )
        if room is not None:
            book_room(
                room,
                start,
                end,
                purpose=f"{title}, {session.short_name}",
                sitting=sitting,
                booked_by=booked_by,
            )
    return sitting


def cancel_sitting(sitting: Sitting) -> Sitting:
    """Mark the sitting cancelled and free its room."""
    with transaction.atomic():
        sitting.status = Sitting.Status.CANCELLED
        sitting.save(update_fields=["status"])
        for booking in sitting.bookings.filter(status__in=Booking.LIVE_STATUSES):
            cancel_booking(booking)
    return sitting
