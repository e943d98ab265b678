"""The API's schema says what the API answers: the facts that schemathesis found wrong
(tests/config/test_api_conformance.py runs it over every operation)."""

import re

import pytest
from rest_framework.test import APIClient

from tests.factories import BookingFactory, SessionFactory, SittingFactory
from tests.sessions_app.test_api import bearer, new_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def openapi() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def component(name: str) -> dict:
    """A component's properties, with the enums they refer to in place."""
    schemas = openapi()["components"]["schemas"]

    def resolved(described: dict) -> dict:
        for ref in [described, *described.get("allOf", [])]:
            if "$ref" in ref:
                return described | schemas[ref["$ref"].rsplit("/", 1)[1]]
        return described

    return {field: resolved(described) for field, described in schemas[name]["properties"].items()}


@pytest.mark.parametrize("url", ["/api/v1/sessions/", "/api/v1/sittings/"])
def test_sessions_and_sittings_filter_by_meeting_format(api, url):
    online = SittingFactory(format="online", session=SessionFactory(format="online"))
    SittingFactory(format="in_person")

    response = api.get(url, {"meeting_format": "online"})

    slugs = [row.get("slug", row.get("id")) for row in response.json()["results"]]
    assert slugs == [online.session.slug if "sessions" in url else online.pk]


def test_a_session_and_a_sitting_without_a_place_are_described_as_such(api):
    sitting = SittingFactory(room=None)

    session = api.get(f"/api/v1/sessions/{sitting.session.slug}/").json()
    answered = api.get(f"/api/v1/sittings/{sitting.pk}/").json()

    assert session["venue"] is session["room"] is answered["room"] is None
    assert component("Session")["venue"]["nullable"] is True
    assert component("Session")["room"]["nullable"] is True
    assert component("Sitting")["room"]["nullable"] is True


def test_room_hours_are_described_as_the_local_times_they_are(api, room):
    answered = api.get(f"/api/v1/rooms/{room.slug}/").json()["bookable_from"]
    described = component("Room")["bookable_from"]

    assert answered == "08:00:00"
    assert described.get("format") != "time"  # JSON Schema's time has an offset
    assert re.fullmatch(described["pattern"], answered)


def test_a_booking_is_made_confirmed_or_held_and_may_be_answered_cancelled(officer, room):
    refused = bearer(officer).post(
        "/api/v1/bookings/", new_booking(room, status="cancelled"), format="json"
    )

    assert refused.status_code == 400
    assert "cancelled" in component("Booking")["status"]["enum"]


def test_bookings_filtered_by_a_time_with_an_offset_postgresql_lacks_are_found(officer, room):
    booking = BookingFactory(room=room)  # 27 January 2025, 10:00 in Vienna (09:00 UTC)

    response = bearer(officer).get(
        "/api/v1/bookings/",
        {"starts_after": "2025-01-27T03:56:00+18:57"},  # 09:59 the day before
    )

    assert [row["id"] for row in response.json()["results"]] == [booking.pk]


def test_bookings_filtered_by_a_time_before_the_calendar_in_utc_are_refused(officer):
    response = bearer(officer).get(
        "/api/v1/bookings/", {"starts_after": "0001-01-01T00:00:00+14:00"}
    )

    assert response.status_code == 400
    assert "starts_after" in response.json()
