from datetime import date

import pytest
from django.urls import reverse

from sessions_app import services
from sessions_app.models import Booking
from tests.factories import BookingFactory, SessionFactory, SittingFactory, vienna

DAY = date(2025, 1, 27)
pytestmark = pytest.mark.django_db


def booking_form(**overrides):
    data = {
        "day": DAY.isoformat(),
        "start_time": "10:00",
        "end_time": "13:00",
        "purpose": "Informal consultations",
        "status": "confirmed",
        "setup_minutes": 0,
        "cleardown_minutes": 0,
    }
    return data | overrides


def test_home_lists_the_series_and_its_sessions(client):
    session = SessionFactory(title="Second meeting of the expert group")

    response = client.get("/")

    assert session.series.name in response.text and session.title in response.text


def test_session_page_shows_the_programme_by_day_in_the_session_time_zone(client, room):
    session = SessionFactory(room=room, venue=room.venue)
    services.schedule_sitting(
        session, title="3rd plenary meeting", start=vienna(DAY, 10), end=vienna(DAY, 13), room=room
    )

    response = client.get(f"/sessions/{session.slug}/")

    assert "3rd plenary meeting" in response.text
    assert "10:00–13:00" in response.text
    assert "Monday 27 January 2025" in response.text


def test_session_page_query_count_does_not_grow_with_sittings(
    client, room, django_assert_num_queries
):
    few, many = SessionFactory(), SessionFactory()
    SittingFactory.create_batch(2, session=few, room=room)
    SittingFactory.create_batch(30, session=many, room=room)

    with django_assert_num_queries(2):
        client.get(f"/sessions/{few.slug}/")
    with django_assert_num_queries(2):
        client.get(f"/sessions/{many.slug}/")


def test_home_query_count_does_not_grow_with_sessions(client, django_assert_num_queries):
    SessionFactory.create_batch(2)
    with django_assert_num_queries(2) as few:
        client.get("/")
    SessionFactory.create_batch(20)

    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/")


def test_unknown_session_is_404(client):
    assert client.get("/sessions/no-such-session/").status_code == 404


def test_room_page_shows_bookings_by_day_without_purpose_to_the_public(client, room):
    BookingFactory(room=room, purpose="Confidential consultations")

    response = client.get(f"/rooms/{room.slug}/?from={DAY.isoformat()}")

    assert "Reserved" in response.text
    assert "Confidential consultations" not in response.text


def test_room_page_shows_purpose_to_officers(officer_client, room):
    BookingFactory(room=room, purpose="Confidential consultations")

    response = officer_client.get(f"/rooms/{room.slug}/?from={DAY.isoformat()}")

    assert "Confidential consultations" in response.text


def test_room_week_lists_seven_days(officer_client, room):
    BookingFactory(room=room, purpose="Bilateral meeting")

    response = officer_client.get(f"/rooms/{room.slug}/week/?week=2025-01-29")

    assert response.context["monday"] == DAY
    assert len(response.context["days"]) == 7
    assert "Bilateral meeting" in response.text


@pytest.mark.parametrize("path", ["/rooms/{slug}/week/", "/rooms/{slug}/book/"])
def test_officer_pages_send_anonymous_users_to_log_in(client, room, path):
    response = client.get(path.format(slug=room.slug))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("path", ["/rooms/{slug}/week/", "/rooms/{slug}/book/"])
def test_officer_pages_refuse_delegates(delegate_client, room, path):
    assert delegate_client.get(path.format(slug=room.slug)).status_code == 403


def test_delegate_cannot_book_by_posting_the_form(delegate_client, room):
    response = delegate_client.post(f"/rooms/{room.slug}/book/", booking_form())

    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_officer_books_a_room_through_the_page(officer_client, officer, room):
    response = officer_client.post(f"/rooms/{room.slug}/book/", booking_form())

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.start, booking.booked_by) == (vienna(DAY, 10), officer)


def test_booking_over_a_booking_through_the_page_is_refused_with_a_clear_message(
    officer_client, room
):
    BookingFactory(room=room, purpose="Informal consultations on the report")

    response = officer_client.post(
        f"/rooms/{room.slug}/book/", booking_form(start_time="12:00", end_time="14:00")
    )

    assert response.status_code == 200
    assert "already booked" in response.text
    assert "Informal consultations on the report" in response.text
    assert Booking.objects.count() == 1


def test_booking_form_refuses_end_before_start(officer_client, room):
    response = officer_client.post(
        f"/rooms/{room.slug}/book/", booking_form(start_time="13:00", end_time="10:00")
    )

    assert "must end after it starts" in response.text
    assert not Booking.objects.exists()


def test_officer_cancels_a_booking(officer_client, room):
    booking = BookingFactory(room=room)

    officer_client.post(f"/bookings/{booking.pk}/cancel/", {"confirmed": "1"})

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_delegate_cannot_cancel_a_booking(delegate_client, room):
    booking = BookingFactory(room=room)

    response = delegate_client.post(f"/bookings/{booking.pk}/cancel/", {"confirmed": "1"})

    booking.refresh_from_db()
    assert (response.status_code, booking.status) == (403, Booking.Status.CONFIRMED)


def test_cancel_needs_post(officer_client, room):
    booking = BookingFactory(room=room)

    assert officer_client.get(f"/bookings/{booking.pk}/cancel/").status_code == 405


def test_arabic_pages_are_right_to_left(client):
    client.cookies.load({"django_language": "ar"})

    response = client.get("/")

    assert 'dir="rtl"' in response.text and 'lang="ar"' in response.text


def test_english_pages_are_left_to_right(client):
    assert 'dir="ltr"' in client.get("/").text


def test_room_page_query_count_does_not_grow_with_bookings(client, room, django_assert_num_queries):
    BookingFactory(room=room)
    with django_assert_num_queries(2) as few:
        client.get(f"/rooms/{room.slug}/?from={DAY.isoformat()}")
    for hour in (14, 16, 18):
        BookingFactory(room=room, start=vienna(DAY, hour), end=vienna(DAY, hour + 1))

    with django_assert_num_queries(len(few.captured_queries)):
        client.get(f"/rooms/{room.slug}/?from={DAY.isoformat()}")
