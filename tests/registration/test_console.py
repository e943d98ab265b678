import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registration.models import Registration
from tests.factories import EntityFactory, SessionFactory, bulk_registrations, register

State = Registration.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(format="hybrid", in_person_capacity=2, slug="ieg-2-2025")


def test_officer_sees_every_registration_and_the_waiting_list_in_order(officer_client, session):
    register(session, family_name="First"), register(session, family_name="Second")
    register(session, family_name="Queued-One"), register(session, family_name="Queued-Two")

    response = officer_client.get("/sessions/ieg-2-2025/console/")

    assert [r.family_name for r in response.context["waitlist"]] == ["Queued-One", "Queued-Two"]
    assert all(name.upper() in response.text for name in ("First", "Second"))


def test_console_filters_by_state_and_searches(officer_client, session):
    register(session, family_name="Haddad"), register(session, family_name="Ivanova")
    register(session, family_name="Waiting")

    waiting = officer_client.get("/sessions/ieg-2-2025/console/?state=waitlisted")
    found = officer_client.get("/sessions/ieg-2-2025/console/?q=ivan")

    assert [r.family_name for r in waiting.context["registrations"]] == ["Waiting"]
    assert [r.family_name for r in found.context["registrations"]] == ["Ivanova"]


def test_console_filters_by_regional_group(officer_client, session):
    register(session, EntityFactory(regional_group="AFRICA"), family_name="Kenyan")
    register(session, EntityFactory(regional_group="EASTERN_EUROPE"), family_name="Polish")

    response = officer_client.get("/sessions/ieg-2-2025/console/?regional_group=AFRICA")

    assert [r.family_name for r in response.context["registrations"]] == ["Kenyan"]


@pytest.mark.parametrize(
    "path",
    [
        "console/",
        "console/export.csv",
        "console/export.xlsx",
        "console/participants.pdf",
        "console/attendance/",
    ],
)
def test_console_and_exports_query_counts_do_not_grow_with_registrations(
    officer_client, path, django_assert_num_queries
):
    """The same number of queries with 10 registrations as with 1,000."""
    few, many = SessionFactory(format="hybrid"), SessionFactory(format="hybrid")
    bulk_registrations(few, 10, state="approved")
    bulk_registrations(many, 1000, state="approved")
    officer_client.get(f"/sessions/{few.slug}/{path}")  # the officer's role, looked up once
    with CaptureQueriesContext(connection) as counted:
        officer_client.get(f"/sessions/{few.slug}/{path}")

    with django_assert_num_queries(len(counted.captured_queries)):
        officer_client.get(f"/sessions/{many.slug}/{path}")


def test_bulk_approve(officer_client, session):
    first, second = register(session), register(session)

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "approve", "registration": [first.pk, second.pk]},
    )

    assert set(Registration.objects.values_list("state", flat=True)) == {State.APPROVED}


def test_bulk_reject_needs_a_reason(officer_client, session):
    registration = register(session)

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "reject", "registration": [registration.pk]},
    )

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_bulk_reject_with_a_reason_frees_seats_for_the_queue(officer_client, session):
    first = register(session)
    register(session)
    waiting = register(session)

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "reject", "reason": "Not nominated", "registration": [first.pk]},
    )

    waiting.refresh_from_db()
    assert waiting.state == State.SUBMITTED


def test_bulk_only_touches_this_session(officer_client, session):
    elsewhere = register(SessionFactory(format="hybrid"))

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/", {"action": "approve", "registration": [elsewhere.pk]}
    )

    elsewhere.refresh_from_db()
    assert elsewhere.state == State.SUBMITTED


def test_delegate_cannot_open_the_console_or_approve(delegate_client, session):
    registration = register(session)

    assert delegate_client.get("/sessions/ieg-2-2025/console/").status_code == 403
    response = delegate_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "approve", "registration": [registration.pk]},
    )

    registration.refresh_from_db()
    assert (response.status_code, registration.state) == (403, State.SUBMITTED)


def test_anonymous_is_sent_to_log_in(client, session):
    response = client.get("/sessions/ieg-2-2025/console/")

    assert response.url.startswith(reverse("account_login"))


def test_console_finds_in_person_registrations_without_a_photo(officer_client, session):
    from registration import personal_data
    from tests.registration.test_photos import image_file

    with_photo = register(session, family_name="Pictured")
    personal_data.set_photo(with_photo, image_file(), None, by_officer=True)
    register(session, family_name="Faceless")
    register(session, mode="online", family_name="Remote")

    response = officer_client.get("/sessions/ieg-2-2025/console/?missing=photo")

    assert [r.family_name for r in response.context["registrations"]] == ["Faceless"]


def test_console_finds_delegations_without_a_note_verbale(officer_client, session):
    register(session, family_name="Undocumented")

    response = officer_client.get("/sessions/ieg-2-2025/console/?missing=document")

    assert [r.family_name for r in response.context["registrations"]] == ["Undocumented"]


def test_bulk_return_to_submitted_lets_the_delegate_edit_again(officer_client, officer, session):
    from registration import services

    registration = services.approve(register(session), officer)

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {
            "action": "return",
            "reason": "Check the passport number",
            "registration": [registration.pk],
        },
    )

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_a_larger_capacity_saved_by_an_officer_promotes_the_queue(
    session, django_capture_on_commit_callbacks
):
    register(session), register(session)
    waiting = register(session)

    with django_capture_on_commit_callbacks(execute=True):
        session.in_person_capacity = 3
        session.save()

    waiting.refresh_from_db()
    assert waiting.state == State.SUBMITTED
