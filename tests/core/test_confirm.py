"""Destructive actions ask first: a POST without confirmed=1 shows the confirmation page and
changes nothing; with confirmed=1 the action is done."""

from datetime import date

import pytest

from registration import services
from registration.models import Registration
from tests.factories import EntityFactory, register

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def own(open_session, delegate):
    return register(
        open_session,
        participant=delegate,
        email=delegate.email,
        identity_document_type="passport",
        identity_document_number="P1234567",
        identity_document_expiry=date(2030, 1, 31),
    )


@pytest.fixture
def member(open_session, delegate):
    delegation = services.delegation_for(open_session, EntityFactory(name="Austria"))
    delegation.focal_points.add(delegate)
    return register(open_session, delegation.entity, given_name="Karl", family_name="Huber")


def test_withdrawing_unconfirmed_shows_the_question_and_changes_nothing(delegate_client, own):
    response = delegate_client.post("/sessions/demo/register/withdraw/")

    own.refresh_from_db()
    assert (response.status_code, own.state) == (200, State.SUBMITTED)
    assert "Withdraw your registration?" in response.text
    assert 'name="confirmed" value="1"' in response.text
    assert 'href="/sessions/demo/register/"' in response.text  # Cancel goes back


def test_withdrawing_confirmed_withdraws(delegate_client, own):
    response = delegate_client.post("/sessions/demo/register/withdraw/", {"confirmed": "1"})

    own.refresh_from_db()
    assert (response.status_code, own.state) == (302, State.WITHDRAWN)


def test_the_confirmation_page_sends_the_same_fields_again(delegate_client, own):
    response = delegate_client.post("/sessions/demo/register/mode/", {"mode": "online"})

    own.refresh_from_db()
    assert own.participation_mode == "in_person"
    assert "You give up your seat in the room" in response.text
    assert '<input type="hidden" name="mode" value="online">' in response.text
    assert 'action="/sessions/demo/register/mode/"' in response.text


def test_moving_online_from_the_waiting_list_says_it_gives_up_the_place_in_the_queue(
    delegate_client, own
):
    Registration.objects.filter(pk=own.pk).update(state=State.WAITLISTED)

    page = delegate_client.get("/sessions/demo/register/")
    asked = delegate_client.post("/sessions/demo/register/mode/", {"mode": "online"})

    for response in (page, asked):
        assert "You leave the waiting list for a seat in the room" in response.text
        assert "You give up your seat in the room" not in response.text


def test_moving_online_confirmed_moves(delegate_client, own):
    delegate_client.post("/sessions/demo/register/mode/", {"mode": "online", "confirmed": "1"})

    own.refresh_from_db()
    assert own.participation_mode == "online"


def test_moving_in_person_gives_up_nothing_and_is_not_asked(delegate_client, own):
    services.change_mode(own, "online", actor=None)

    response = delegate_client.post("/sessions/demo/register/mode/", {"mode": "in_person"})

    assert response.status_code == 302


def test_a_focal_points_withdrawal_unconfirmed_names_the_member_and_changes_nothing(
    delegate_client, member
):
    url = f"/delegations/{member.delegation_id}/members/{member.pk}/withdraw/"

    response = delegate_client.post(url)

    member.refresh_from_db()
    assert member.state == State.SUBMITTED
    assert "Withdraw the registration of Karl HUBER?" in response.text


def test_a_focal_points_withdrawal_confirmed_withdraws(delegate_client, member):
    url = f"/delegations/{member.delegation_id}/members/{member.pk}/withdraw/"

    delegate_client.post(url, {"confirmed": "1"})

    member.refresh_from_db()
    assert member.state == State.WITHDRAWN


def test_a_stranger_gets_no_confirmation_page_for_anothers_member(client, member):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.post(f"/delegations/{member.delegation_id}/members/{member.pk}/withdraw/")

    assert response.status_code == 403
    assert "Karl" not in response.text


def test_the_forms_ask_in_the_page_with_the_same_question(delegate_client, own):
    response = delegate_client.get("/sessions/demo/register/")

    assert 'data-confirm="Withdraw your registration?' in response.text
    assert 'data-confirm="Take part online instead?' in response.text


def test_cancelling_a_booking_unconfirmed_asks_and_changes_nothing(officer_client, room):
    from sessions_app.models import Booking
    from tests.factories import BookingFactory

    booking = BookingFactory(room=room)

    response = officer_client.post(f"/bookings/{booking.pk}/cancel/")

    booking.refresh_from_db()
    assert (response.status_code, booking.status) == (200, Booking.Status.CONFIRMED)
    assert "Cancel this booking?" in response.text


def test_replacing_a_calendar_link_unconfirmed_keeps_the_old_one(client, delegate_client, delegate):
    from accounts import feed_tokens

    old = feed_tokens.replace_token(delegate)

    response = delegate_client.post("/profile/calendar/replace/")

    assert "Replace your calendar link?" in response.text
    assert client.get(f"/calendar/feed/{old}.ics").status_code == 200


def test_making_the_first_calendar_link_is_not_asked(delegate_client):
    response = delegate_client.post("/profile/calendar/replace/")

    assert "Please confirm" not in response.text
    assert "/calendar/feed/" in response.text
