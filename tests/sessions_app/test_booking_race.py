"""Twenty officers book overlapping slots of one room at the same instant: exactly one
booking is made. Runs on SQLite (a file database, IMMEDIATE transactions) and on
PostgreSQL (row lock plus the exclusion constraint)."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from sessions_app import services
from sessions_app.models import Booking
from tests.concurrency import at_once
from tests.factories import BookingFactory, vienna

DAY = date(2025, 1, 27)
THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_overlapping_bookings_make_exactly_one(room):
    def attempt(index: int):
        # Every slot overlaps every other: they all contain 11:00-12:00.
        start, end = vienna(DAY, 10, index % 60), vienna(DAY, 12, index % 60)
        return services.book_room(room, start, end, purpose=f"Attempt {index}")

    outcomes = at_once(THREADS, attempt, expected=services.BookingConflict)

    refused = [o for o in outcomes if isinstance(o, services.BookingConflict)]
    assert (THREADS - len(refused), len(refused)) == (1, THREADS - 1)
    assert Booking.objects.filter(room=room).count() == 1


@pytest.mark.django_db
def test_database_refuses_an_overlap_written_past_the_service(room):
    """On PostgreSQL the exclusion constraint holds the rule even for a write that skips
    the service; SQLite has no such constraint, so there the service is the only guard."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "exclusion constraints exist on PostgreSQL only; the SQLite run is "
            "covered by the service tests and the race test"
        )
    BookingFactory(room=room)

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(room=room, start=vienna(DAY, 12), end=vienna(DAY, 14))


@pytest.mark.django_db
def test_database_allows_an_overlap_with_a_cancelled_booking(room):
    BookingFactory(room=room, status=Booking.Status.CANCELLED)

    BookingFactory(room=room)

    assert Booking.objects.count() == 2
