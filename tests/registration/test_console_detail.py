"""The officer's page of one registration, reached from the console: what it shows, who may
open it, and the actions it posts."""

import pytest
from django.urls import reverse

from registration import personal_data, services
from registration.models import Registration
from tests.factories import EntityFactory, SessionFactory, UserFactory, register
from tests.registration.test_photos import image_file

State = Registration.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(format="hybrid", in_person_capacity=5, slug="ieg-2-2025")


@pytest.fixture
def registration(session):
    return register(
        session,
        EntityFactory(name="Austria"),
        family_name="Gruber",
        identity_document_type="passport",
        identity_document_number="P1234567",
        accessibility_needs="Step-free access to the rostrum",
        needs_hearing_assistance=True,
        listening_language="fr",
    )


def detail(registration, query=""):
    url = reverse(
        "registration:console-detail",
        kwargs={"slug": registration.session.slug, "pk": registration.pk},
    )
    return f"{url}?{query}" if query else url


def act(registration):
    return reverse(
        "registration:console-act",
        kwargs={"slug": registration.session.slug, "pk": registration.pk},
    )


def test_the_console_links_each_name_to_its_page(officer_client, registration):
    response = officer_client.get("/sessions/ieg-2-2025/console/?state=submitted")

    assert f'href="{detail(registration, "state=submitted")}"' in response.text


def test_the_page_shows_the_identity_document_needs_and_delegation(officer_client, registration):
    response = officer_client.get(detail(registration))

    for shown in ("P1234567", "Passport", "Step-free access to the rostrum", "Austria"):
        assert shown in response.text


def test_the_page_shows_the_photo_through_the_photo_view(officer_client, registration):
    personal_data.set_photo(registration, image_file(), None, by_officer=True)

    response = officer_client.get(detail(registration))

    assert reverse("registration:photo", args=[registration.pk]) in response.text


def test_the_page_shows_the_history_with_who_and_why(officer_client, officer, registration):
    services.reject(registration, officer, "Not on the note verbale")

    response = officer_client.get(detail(registration))

    assert [event.to_state for event in response.context["events"]] == [
        State.SUBMITTED,
        State.REJECTED,
    ]
    assert "Not on the note verbale" in response.text


def test_the_page_links_the_note_verbale_of_the_delegation(officer_client, registration):
    from django.core.files.base import ContentFile

    registration.delegation.nomination_document.save("nv.pdf", ContentFile(b"%PDF-1.4"))

    response = officer_client.get(detail(registration))

    assert reverse("registration:nomination", args=[registration.delegation.pk]) in response.text


def test_the_page_offers_only_the_actions_the_state_allows(officer_client, officer, session):
    submitted, approved = register(session), services.approve(register(session), officer)

    assert officer_client.get(detail(submitted)).context["actions"] == {"approve", "reject"}
    assert officer_client.get(detail(approved)).context["actions"] == {"return"}


def test_the_reject_form_asks_for_confirmation(officer_client, registration):
    response = officer_client.get(detail(registration))

    assert "data-confirm=" in response.text


def test_without_javascript_rejecting_asks_on_a_page_first_and_changes_nothing(
    officer_client, registration
):
    response = officer_client.post(
        act(registration), {"action": "reject", "reason": "Not nominated", "query": "q=gru"}
    )

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED
    assert response.templates[0].name == "confirm.html"
    assert 'name="reason" value="Not nominated"' in response.text
    assert detail(registration, "q=gru") in response.text  # Cancel goes back to the page


def test_approving_from_the_page_returns_to_it_with_the_filters(officer_client, registration):
    response = officer_client.post(
        act(registration), {"action": "approve", "query": "state=submitted&q=gru"}
    )

    registration.refresh_from_db()
    assert registration.state == State.APPROVED
    assert response.url == detail(registration, "q=gru&state=submitted")


def test_approve_and_back_returns_to_the_console_with_the_filters(officer_client, registration):
    response = officer_client.post(
        act(registration), {"action": "approve", "then": "console", "query": "state=submitted"}
    )

    assert response.url == "/sessions/ieg-2-2025/console/?state=submitted"


def test_rejecting_from_the_page_needs_a_reason(officer_client, registration):
    officer_client.post(act(registration), {"action": "reject"})

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_rejecting_from_the_page_with_a_reason_keeps_it_in_the_history(
    officer_client, registration
):
    officer_client.post(
        act(registration), {"action": "reject", "reason": "Not nominated", "confirmed": "1"}
    )

    assert registration.events.last().reason == "Not nominated"


def test_returning_from_the_page(officer_client, officer, registration):
    services.approve(registration, officer)

    officer_client.post(act(registration), {"action": "return", "reason": "Check the number"})

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_a_refused_action_says_why_and_changes_nothing(officer_client, officer, registration):
    services.approve(registration, officer)

    response = officer_client.post(act(registration), {"action": "approve"}, follow=True)

    assert "Only a submitted registration can be approved." in response.text


def test_a_carried_query_cannot_send_the_officer_elsewhere(officer_client, registration):
    response = officer_client.post(
        act(registration), {"action": "approve", "query": "next=https://evil.example/"}
    )

    assert response.url == detail(registration)


def test_anonymous_is_sent_to_log_in(client, registration):
    assert client.get(detail(registration)).url.startswith(reverse("account_login"))
    assert client.post(act(registration), {"action": "approve"}).url.startswith(
        reverse("account_login")
    )


def test_the_participant_may_not_open_the_officer_page(client, registration):
    participant = UserFactory(email=registration.email)
    client.force_login(participant)

    assert client.get(detail(registration)).status_code == 403


def test_a_non_officer_may_not_act(delegate_client, registration):
    response = delegate_client.post(act(registration), {"action": "approve"})

    registration.refresh_from_db()
    assert (response.status_code, registration.state) == (403, State.SUBMITTED)


def test_a_registration_of_another_session_is_not_found(officer_client, registration):
    other = SessionFactory(format="hybrid", slug="other-session")
    url = reverse("registration:console-detail", kwargs={"slug": other.slug, "pk": registration.pk})

    assert officer_client.get(url).status_code == 404
    assert officer_client.post(url + "act/", {"action": "approve"}).status_code == 404
    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_the_page_costs_the_same_queries_with_a_long_history(
    officer_client, officer, session, django_assert_max_num_queries
):
    short = register(session)
    long = register(session)
    for _ in range(5):
        services.approve(long, officer)
        services.return_to_submitted(long, officer, "Again")
    officer_client.get(detail(short))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as counted:
        officer_client.get(detail(short))

    with django_assert_max_num_queries(len(counted.captured_queries)):
        officer_client.get(detail(long))


def test_the_page_links_its_neighbours_in_the_filtered_list(officer_client, session):
    austria, belgium = EntityFactory(name="Austria"), EntityFactory(name="Belgium")
    first = register(session, austria, family_name="Alpha")
    register(session, austria, family_name="Beta", submit=False)  # a draft: filtered out
    last = register(session, belgium, family_name="Gamma")

    response = officer_client.get(detail(first, "state=submitted"))

    assert response.context["previous_url"] is None
    assert response.context["next_url"] == detail(last, "state=submitted")


def test_approve_and_open_the_next_of_the_filtered_list(officer_client, session):
    austria = EntityFactory(name="Austria")
    first = register(session, austria, family_name="Alpha")
    second = register(session, austria, family_name="Beta")

    response = officer_client.post(
        act(first), {"action": "approve", "then": "next", "query": "state=submitted"}
    )

    first.refresh_from_db()
    assert first.state == State.APPROVED
    assert response.url == detail(second, "state=submitted")


def test_approve_and_open_the_next_at_the_end_returns_to_the_console(officer_client, registration):
    response = officer_client.post(
        act(registration), {"action": "approve", "then": "next", "query": "state=submitted"}
    )

    assert response.url == "/sessions/ieg-2-2025/console/?state=submitted"


def test_signing_off_a_visa_letter_from_the_page_returns_to_it(officer_client, officer, session):
    asked = services.approve(
        register(session, needs_visa_letter=True, identity_document_number="P7654321"), officer
    )

    response = officer_client.post(
        f"/registrations/{asked.pk}/visa-letter/", {"then": "detail", "query": "state=approved"}
    )

    asked.refresh_from_db()
    assert asked.visa_letter_signed_at is not None
    assert response.url == detail(asked, "state=approved")


def test_the_buttons_offered_are_the_decisions_the_services_allow(officer, registration):
    assert services.decisions_for(registration) == {"approve", "reject"}
    with pytest.raises(services.RegistrationError):  # not offered, and refused
        services.return_to_submitted(registration, officer, "Why")
