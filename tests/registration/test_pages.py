from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import Registration
from tests.factories import EntityFactory, UserFactory, register

State = Registration.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def session(open_session):
    return open_session


def form(entity, **overrides):
    return {
        "entity": entity.pk,
        "participation_mode": "in_person",
        "salutation": "Ms.",
        "given_name": "Amina",
        "family_name": "Haddad",
        "name_in_own_script": "أمينة حداد",
        "listening_language": "ar",
        "privacy_acknowledged": "on",
        "identity_document_type": "passport",
        "identity_document_number": "P1234567",
        "identity_document_expiry": "2030-01-31",
    } | overrides


def test_anonymous_is_sent_to_log_in(client, session):
    response = client.get("/sessions/demo/register/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_delegate_registers_in_person(delegate_client, delegate, session):
    entity = EntityFactory()

    response = delegate_client.post("/sessions/demo/register/", form(entity))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert (registration.email, registration.participant, registration.state) == (
        delegate.email,
        delegate,
        State.SUBMITTED,
    )
    assert registration.privacy_acknowledged_at is not None


def test_privacy_notice_must_be_acknowledged(delegate_client, session):
    response = delegate_client.post(
        "/sessions/demo/register/", form(EntityFactory(), privacy_acknowledged="")
    )

    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_language_outside_the_session_languages_is_refused(delegate_client, session):
    session.languages = ["en", "fr"]
    session.save()

    delegate_client.post("/sessions/demo/register/", form(EntityFactory()))

    assert not Registration.objects.exists()


def test_a_sign_language_need_is_taken_though_the_session_does_not_offer_it(
    delegate_client, session
):
    from languages.models import Language

    Language.objects.create(code="ils", name="International Sign", is_signed=True)
    session.languages = ["en", "fr"]
    session.save()

    delegate_client.post(
        "/sessions/demo/register/", form(EntityFactory(), listening_language="ils")
    )

    assert Registration.objects.get().listening_language == "ils"


def test_the_page_shows_the_place_in_the_waiting_list(delegate_client, session):
    register(session)
    delegate_client.post("/sessions/demo/register/", form(EntityFactory()))

    response = delegate_client.get("/sessions/demo/register/")

    assert "Waitlisted" in response.text
    assert "Your place in the waiting list: 1" in response.text


def test_one_click_switch_to_online(delegate_client, session):
    register(session)
    delegate_client.post("/sessions/demo/register/", form(EntityFactory()))

    delegate_client.post("/sessions/demo/register/mode/", {"mode": "online", "confirmed": "1"})

    registration = Registration.objects.get(family_name="Haddad")
    assert (registration.participation_mode, registration.state) == ("online", State.SUBMITTED)


def test_switching_to_in_person_needs_the_identity_document(delegate_client, session):
    online = form(EntityFactory(), participation_mode="online", identity_document_number="")
    delegate_client.post("/sessions/demo/register/", online)

    response = delegate_client.post(
        "/sessions/demo/register/mode/", {"mode": "in_person"}, follow=True
    )

    registration = Registration.objects.get(family_name="Haddad")
    assert registration.participation_mode == "online"
    assert "needs the identity document" in response.text


def test_delegate_withdraws(delegate_client, session):
    delegate_client.post("/sessions/demo/register/", form(EntityFactory()))

    delegate_client.post("/sessions/demo/register/withdraw/", {"confirmed": "1"})

    assert Registration.objects.get().state == State.WITHDRAWN


def test_delegate_edits_until_approval(delegate_client, session, officer):
    from registration import services

    delegate_client.post("/sessions/demo/register/", form(EntityFactory()))
    delegate_client.post(
        "/sessions/demo/register/edit/", form(EntityFactory(), function_title="Judge")
    )
    registration = Registration.objects.get()
    assert registration.function_title == "Judge"
    services.approve(registration, officer)

    delegate_client.post(
        "/sessions/demo/register/edit/", form(EntityFactory(), function_title="Minister")
    )

    registration.refresh_from_db()
    assert registration.function_title == "Judge"


def test_registration_closed_shows_no_form(delegate_client, session):
    session.registration_closes = timezone.now() - timedelta(minutes=1)
    session.save()

    response = delegate_client.post("/sessions/demo/register/", form(EntityFactory()))

    assert "Registration is closed" in response.text
    assert not Registration.objects.exists()


def test_with_no_closing_date_registration_closes_when_the_session_is_over(
    delegate_client, session
):
    session.registration_closes = None
    session.start_date = timezone.localdate() - timedelta(days=6)
    session.end_date = timezone.localdate() - timedelta(days=2)
    session.save()

    response = delegate_client.post("/sessions/demo/register/", form(EntityFactory()))

    assert "Registration is closed" in response.text
    assert not Registration.objects.exists()


def test_a_delegate_sees_only_their_own_registration(client, session):
    other = register(session, family_name="Someone-Else", email="someone@example.org")
    client.force_login(UserFactory())

    response = client.get("/sessions/demo/register/")

    assert other.family_name not in response.text
    assert "Register" in response.text


def test_a_delegate_cannot_withdraw_another_registration(client, session):
    other = register(session, email="someone@example.org")
    client.force_login(UserFactory())

    client.post("/sessions/demo/register/withdraw/", {"confirmed": "1"})

    other.refresh_from_db()
    assert other.state == State.SUBMITTED


def test_registration_posts_are_rate_limited(delegate_client, session, settings):
    settings.REGISTRATION_RATE = "3/m"

    codes = [delegate_client.post("/sessions/demo/register/", {}).status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


def test_in_person_needs_the_identity_document(delegate_client, session):
    response = delegate_client.post(
        "/sessions/demo/register/", form(EntityFactory(), identity_document_number="")
    )

    assert "security service" in response.text
    assert not Registration.objects.exists()


def test_online_needs_no_identity_document(delegate_client, session):
    delegate_client.post(
        "/sessions/demo/register/",
        form(
            EntityFactory(),
            participation_mode="online",
            identity_document_type="",
            identity_document_number="",
            identity_document_expiry="",
        ),
    )

    assert Registration.objects.get().participation_mode == "online"
