from datetime import date, timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from sessions_app.models import Booking
from tests.factories import BookingFactory, SessionFactory, SittingFactory, vienna

DAY = date(2025, 1, 27)
pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def bearer(user, **kwargs) -> APIClient:
    _, token = AuthToken.objects.create(user=user, **kwargs)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def new_booking(room, **overrides):
    return {
        "room": room.slug,
        "start": vienna(DAY, 10).isoformat(),
        "end": vienna(DAY, 13).isoformat(),
        "purpose": "Side event",
    } | overrides


def test_sessions_are_public_and_found_by_slug(api):
    session = SessionFactory(slug="ieg-2-2025")

    response = api.get("/api/v1/sessions/ieg-2-2025/")

    assert response.json()["title"] == session.title


def test_sittings_filter_by_session_and_give_local_times(api, room):
    sitting = SittingFactory(room=room)
    SittingFactory()

    response = api.get(f"/api/v1/sittings/?session={sitting.session.slug}")

    results = response.json()["results"]
    assert [row["id"] for row in results] == [sitting.pk]
    assert results[0]["start"] == "2025-01-27T10:00:00+01:00"


def test_rooms_are_public(api, room):
    assert api.get(f"/api/v1/rooms/{room.slug}/").json()["capacity"] == room.capacity


def test_sittings_list_query_count_is_fixed(api, room, django_assert_num_queries):
    SittingFactory.create_batch(3, room=room)
    with django_assert_num_queries(2) as few:
        api.get("/api/v1/sittings/")
    SittingFactory.create_batch(30, room=room)

    with django_assert_num_queries(len(few.captured_queries)):
        api.get("/api/v1/sittings/")


def test_officer_books_a_room_with_a_bearer_token(officer, room):
    response = bearer(officer).post("/api/v1/bookings/", new_booking(room), format="json")

    assert response.status_code == 201
    assert Booking.objects.get().booked_by == officer


def test_overlapping_booking_gets_409_naming_the_booking_in_the_way(officer, room):
    existing = BookingFactory(room=room, purpose="Informal consultations")

    response = bearer(officer).post(
        "/api/v1/bookings/",
        new_booking(room, start=vienna(DAY, 12).isoformat(), end=vienna(DAY, 14).isoformat()),
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["conflicting_booking"]["id"] == existing.pk
    assert "Informal consultations" in response.json()["detail"]
    assert Booking.objects.count() == 1


def test_booking_outside_bookable_hours_is_refused_with_409(officer, room):
    response = bearer(officer).post(
        "/api/v1/bookings/", new_booking(room, end=vienna(DAY, 23).isoformat()), format="json"
    )

    assert (response.status_code, response.json()["code"]) == (409, "outside_bookable_hours")
    assert not Booking.objects.exists()


def test_officer_cancels_a_booking_through_the_api(officer, room):
    booking = BookingFactory(room=room)

    response = bearer(officer).post(f"/api/v1/bookings/{booking.pk}/cancel/")

    assert response.json()["status"] == "cancelled"


def test_delegate_cannot_list_or_make_bookings(delegate, room):
    BookingFactory(room=room)
    client = bearer(delegate)

    assert client.get("/api/v1/bookings/").status_code == 403
    assert client.post("/api/v1/bookings/", new_booking(room), format="json").status_code == 403
    assert Booking.objects.count() == 1


def test_anonymous_cannot_list_bookings(api, room):
    BookingFactory(room=room)

    assert api.get("/api/v1/bookings/").status_code in (401, 403)


def test_anonymous_cannot_write_read_only_endpoints(api):
    session = SessionFactory()

    assert api.delete(f"/api/v1/sessions/{session.slug}/").status_code in (401, 403, 405)


def test_wrong_token_is_refused(api, room):
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")

    assert api.get("/api/v1/bookings/").status_code == 401


def test_expired_token_is_refused(officer):
    client = bearer(officer, expiry=timedelta(seconds=-1))

    assert client.get("/api/v1/bookings/").status_code == 401


def test_revoked_token_is_refused(officer):
    client = bearer(officer)
    AuthToken.objects.filter(user=officer).delete()

    assert client.get("/api/v1/bookings/").status_code == 401


def test_tokens_are_stored_hashed(officer):
    instance, token = AuthToken.objects.create(user=officer)

    assert token not in (instance.digest, instance.token_key)
    assert instance.expiry > timezone.now()


def test_schema_and_docs_are_served_locally(api):
    assert api.get("/api/schema/").status_code == 200
    docs = api.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()


def test_the_schema_describes_every_endpoint_without_warnings():
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=err)

    assert "bearer" in out.getvalue().lower()  # the token scheme, with its prefix
    assert "/api/v1/checkins/" in out.getvalue()


def test_a_booking_purpose_with_a_direction_control_is_refused(officer, room):
    response = bearer(officer).post(
        "/api/v1/bookings/", new_booking(room, purpose="\u202eSide event"), format="json"
    )

    assert response.status_code == 400 and "purpose" in response.json()
    assert not Booking.objects.exists()
