from datetime import date

import pytest

from sessions_app.models import Booking
from tests.factories import BookingFactory, SessionFactory

DAY = date(2025, 1, 27)
pytestmark = pytest.mark.django_db


def admin_booking(room, **overrides):
    return {
        "room": room.pk,
        "start_0": DAY.isoformat(),
        "start_1": "10:00:00",
        "end_0": DAY.isoformat(),
        "end_1": "13:00:00",
        "setup_minutes": 0,
        "cleardown_minutes": 0,
        "purpose": "Side event",
        "status": "confirmed",
    } | overrides


def test_officer_books_a_room_in_the_admin(officer_client, officer, room):
    response = officer_client.post("/admin/sessions_app/booking/add/", admin_booking(room))

    assert response.status_code == 302
    assert Booking.objects.get().booked_by == officer


def test_booking_over_a_booking_in_the_admin_is_refused_with_a_clear_message(officer_client, room):
    BookingFactory(room=room, purpose="Informal consultations")

    response = officer_client.post(
        "/admin/sessions_app/booking/add/",
        admin_booking(room, start_1="12:00:00", end_1="14:00:00"),
    )

    assert response.status_code == 200
    assert "already booked" in response.text and "Informal consultations" in response.text
    assert Booking.objects.count() == 1


def test_changing_a_booking_onto_another_in_the_admin_is_refused(officer_client, room):
    BookingFactory(room=room, purpose="Informal consultations")
    later = BookingFactory(
        room=room,
        start=BookingFactory.end,
        end=BookingFactory.end.replace(hour=15),
        purpose="Side event",
    )

    response = officer_client.post(
        f"/admin/sessions_app/booking/{later.pk}/change/",
        admin_booking(room, start_1="12:00:00", end_1="15:00:00"),
    )

    later.refresh_from_db()
    assert "already booked" in response.text
    assert later.start == BookingFactory.end


@pytest.mark.parametrize("model", ["series", "venue", "room", "session", "sitting", "booking"])
def test_officer_can_open_every_admin_list(officer_client, model):
    assert officer_client.get(f"/admin/sessions_app/{model}/").status_code == 200


def test_officer_can_open_the_entities_admin(officer_client):
    assert officer_client.get("/admin/registration/entity/").status_code == 200


def test_delegate_cannot_open_the_admin(delegate_client):
    assert delegate_client.get("/admin/sessions_app/booking/").status_code == 302


def admin_sitting(session, room, **overrides):
    return {
        "session": session.pk,
        "title_en": "1st plenary meeting",
        "agenda_items_en": "",
        "start_0": DAY.isoformat(),
        "start_1": "10:00:00",
        "end_0": DAY.isoformat(),
        "end_1": "13:00:00",
        "room": room.pk,
        "format": "in_person",
        "status": "scheduled",
    } | overrides


def test_officer_schedules_a_sitting_in_the_admin_and_its_room_is_booked(officer_client, room):
    session = SessionFactory()

    response = officer_client.post("/admin/sessions_app/sitting/add/", admin_sitting(session, room))

    assert response.status_code == 302
    assert Booking.objects.get().sitting == session.sittings.get()


def test_sitting_over_a_booked_room_in_the_admin_is_refused(officer_client, room):
    BookingFactory(room=room, purpose="Informal consultations")
    session = SessionFactory()

    response = officer_client.post("/admin/sessions_app/sitting/add/", admin_sitting(session, room))

    assert "already booked" in response.text
    assert not session.sittings.exists()


@pytest.mark.parametrize(
    "model", ["entity", "delegation", "registration", "registrationevent", "delegationinvitation"]
)
def test_officer_can_open_every_registration_admin_list(officer_client, model):
    assert officer_client.get(f"/admin/registration/{model}/").status_code == 200


def test_officer_opens_a_registration_in_the_admin(officer_client):
    from tests.factories import register

    registration = register(SessionFactory(format="hybrid"))

    response = officer_client.get(f"/admin/registration/registration/{registration.pk}/change/")

    assert response.status_code == 200 and registration.family_name in response.text


def test_the_admin_offers_no_upload_that_skips_the_photo_checks(officer_client):
    from tests.factories import register

    registration = register(SessionFactory(format="hybrid"))

    response = officer_client.get(f"/admin/registration/registration/{registration.pk}/change/")

    assert 'type="file"' not in response.text


def test_a_sitting_title_on_two_lines_is_refused_in_the_admin(officer_client, room):
    session = SessionFactory()

    response = officer_client.post(
        "/admin/sessions_app/sitting/add/", admin_sitting(session, room, title_en="1st\nplenary")
    )

    assert "title_en" in response.context["adminform"].form.errors
    assert not session.sittings.exists()
