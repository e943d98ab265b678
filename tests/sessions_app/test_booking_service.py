from datetime import date, timedelta

import pytest

from sessions_app import services
from sessions_app.models import Booking, Sitting
from tests.factories import RoomFactory, SessionFactory, vienna

DAY = date(2025, 1, 27)
pytestmark = pytest.mark.django_db


def book(room, start_hour, end_hour, **kwargs):
    return services.book_room(
        room,
        vienna(DAY, start_hour),
        vienna(DAY, end_hour),
        purpose=kwargs.pop("purpose", "Side event"),
        **kwargs,
    )


def test_booking_a_free_room_saves_it(room):
    booking = book(room, 10, 13)

    assert Booking.objects.get().pk == booking.pk


def test_overlapping_booking_is_refused_and_names_the_booking_in_the_way(room):
    first = book(room, 10, 13, purpose="Informal consultations")

    with pytest.raises(services.BookingConflict) as refused:
        book(room, 12, 14)

    assert refused.value.conflicting == first
    assert "Informal consultations" in str(refused.value)


def test_refused_booking_writes_nothing(room):
    book(room, 10, 13)

    with pytest.raises(services.BookingConflict):
        book(room, 11, 12)

    assert Booking.objects.count() == 1


def test_back_to_back_bookings_do_not_overlap(room):
    book(room, 10, 13)

    book(room, 13, 15)

    assert Booking.objects.count() == 2


def test_clear_down_minutes_count_toward_the_overlap(room):
    book(room, 10, 13, cleardown_minutes=30)

    with pytest.raises(services.BookingConflict):
        book(room, 13, 15)


def test_set_up_minutes_count_toward_the_overlap(room):
    book(room, 10, 13)

    with pytest.raises(services.BookingConflict):
        book(room, 13, 15, setup_minutes=15)


def test_a_cancelled_booking_frees_the_room(room):
    services.cancel_booking(book(room, 10, 13))

    book(room, 10, 13)

    assert Booking.objects.filter(status=Booking.Status.CONFIRMED).count() == 1


def test_a_held_booking_blocks_the_room(room):
    book(room, 10, 13, status=Booking.Status.HELD)

    with pytest.raises(services.BookingConflict):
        book(room, 10, 13)


def test_another_room_is_not_affected(room):
    book(room, 10, 13)
    other = RoomFactory(venue=room.venue)

    book(other, 10, 13)

    assert Booking.objects.count() == 2


def test_booking_outside_bookable_hours_is_refused(room):
    with pytest.raises(services.BookingError, match="can be booked from 08:00 to 21:00"):
        book(room, 20, 22)


def test_set_up_before_opening_hours_is_refused(room):
    with pytest.raises(services.BookingError):
        book(room, 8, 10, setup_minutes=30)


def test_end_before_start_is_refused(room):
    with pytest.raises(services.BookingError, match="end after it starts"):
        book(room, 13, 10)


def test_booking_without_purpose_is_refused(room):
    with pytest.raises(services.BookingError):
        book(room, 10, 13, purpose="  ")


def test_reopening_a_cancelled_booking_over_a_new_one_is_refused(room):
    cancelled = services.cancel_booking(book(room, 10, 13))
    book(room, 10, 13)
    cancelled.status = Booking.Status.CONFIRMED

    with pytest.raises(services.BookingConflict):
        services.save_booking(cancelled)


def test_moving_a_booking_within_its_own_time_is_allowed(room):
    booking = book(room, 10, 13)
    booking.end = vienna(DAY, 12)

    services.save_booking(booking)

    booking.refresh_from_db()
    assert booking.blocked_until == vienna(DAY, 12)


def test_scheduling_a_sitting_books_its_room(room):
    session = SessionFactory()

    sitting = services.schedule_sitting(
        session, title="1st plenary meeting", start=vienna(DAY, 10), end=vienna(DAY, 13), room=room
    )

    assert sitting.bookings.get().room == room


def test_a_sitting_over_a_booked_room_is_refused_and_not_created(room):
    book(room, 10, 13)
    session = SessionFactory()

    with pytest.raises(services.BookingConflict):
        services.schedule_sitting(
            session,
            title="1st plenary meeting",
            start=vienna(DAY, 10),
            end=vienna(DAY, 13),
            room=room,
        )

    assert not session.sittings.exists()


def test_cancelling_a_sitting_frees_its_room(room):
    session = SessionFactory()
    sitting = services.schedule_sitting(
        session, title="1st plenary meeting", start=vienna(DAY, 10), end=vienna(DAY, 13), room=room
    )

    services.cancel_sitting(sitting)

    assert book(room, 10, 13).pk is not None


def test_blocked_range_includes_set_up_and_clear_down(room):
    booking = book(room, 10, 13, setup_minutes=15, cleardown_minutes=30)

    assert (booking.blocked_from, booking.blocked_until) == (
        vienna(DAY, 10) - timedelta(minutes=15),
        vienna(DAY, 13, 30),
    )


@pytest.fixture
def sitting(room):
    return services.schedule_sitting(
        SessionFactory(),
        title="1st plenary meeting",
        start=vienna(DAY, 10),
        end=vienna(DAY, 13),
        room=room,
    )


def test_moving_a_sitting_moves_its_booking_and_marks_it_changed(sitting):
    sitting.start, sitting.end = vienna(DAY, 15), vienna(DAY, 18)

    services.save_sitting(sitting)

    booking = sitting.bookings.get(status=Booking.Status.CONFIRMED)
    assert (booking.start, sitting.status) == (vienna(DAY, 15), Sitting.Status.CHANGED)


def test_moving_a_sitting_onto_a_booked_slot_is_refused_and_changes_nothing(sitting, room):
    book(room, 15, 18, purpose="Side event")
    sitting.start, sitting.end = vienna(DAY, 15), vienna(DAY, 18)

    with pytest.raises(services.BookingConflict, match="Side event"):
        services.save_sitting(sitting)

    sitting.refresh_from_db()
    assert (sitting.start, sitting.status) == (vienna(DAY, 10), Sitting.Status.SCHEDULED)


def test_moving_a_sitting_to_another_room_frees_the_first(sitting, room):
    other = RoomFactory(venue=room.venue)
    sitting.room = other

    services.save_sitting(sitting)

    live = Booking.objects.filter(status__in=Booking.LIVE_STATUSES)
    assert list(live.values_list("room", flat=True)) == [other.pk]


def test_a_sitting_taken_online_frees_its_room(sitting):
    sitting.room = None

    services.save_sitting(sitting)

    assert not Booking.objects.filter(status__in=Booking.LIVE_STATUSES).exists()


def test_renaming_a_sitting_keeps_it_scheduled(sitting):
    sitting.title = "1st plenary meeting (opening)"

    services.save_sitting(sitting)

    assert sitting.status == Sitting.Status.SCHEDULED


def test_moving_a_sitting_raises_its_revision(sitting):
    sitting.start, sitting.end = vienna(DAY, 15), vienna(DAY, 18)

    services.save_sitting(sitting)

    assert sitting.sequence == 1


def test_cancelling_a_sitting_raises_its_revision(sitting):
    services.cancel_sitting(sitting)

    assert Sitting.objects.get(pk=sitting.pk).sequence == 1


def test_a_new_title_keeps_the_revision(sitting):
    sitting.title = "1st plenary meeting (opening)"

    services.save_sitting(sitting)

    assert sitting.sequence == 0
