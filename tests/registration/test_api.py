import pytest
from rest_framework.test import APIClient

from registration import services
from registration.models import Registration
from tests.factories import EntityFactory, UserFactory, register

State = Registration.State
pytestmark = pytest.mark.django_db
URL = "/api/v1/sessions/demo/registrations/"


@pytest.fixture
def session(open_session):
    return open_session


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


IDENTITY = {
    "identity_document_type": "passport",
    "identity_document_number": "E12345678",
    "identity_document_expiry": "2031-05-01",
}


def new(entity, **overrides):
    return {
        "entity": entity.pk,
        "participation_mode": "in_person",
        "salutation": "Mr.",
        "given_name": "Wei",
        "family_name": "Zhang",
        **IDENTITY,
    } | overrides


def test_delegate_creates_their_own_registration(delegate, session):
    response = api(delegate).post(URL, new(EntityFactory()), format="json")

    assert response.status_code == 201
    assert response.json()["state"] == "submitted"
    assert Registration.objects.get().participant == delegate


def test_registering_oneself_in_person_needs_the_identity_document(delegate, session):
    without = dict.fromkeys(IDENTITY, "") | {"identity_document_expiry": None}

    response = api(delegate).post(URL, new(EntityFactory(), **without), format="json")

    assert (response.status_code, response.json()["code"]) == (409, "identity_document_required")
    assert not Registration.objects.exists()


def test_the_identity_document_is_given_but_never_shown(delegate, session):
    response = api(delegate).post(URL, new(EntityFactory()), format="json")

    assert "identity_document_number" not in response.json()
    assert Registration.objects.get().identity_document_number == "E12345678"


def test_a_focal_point_registers_a_member_in_person_without_their_document(delegate, session):
    entity = EntityFactory()
    services.delegation_for(session, entity).focal_points.add(delegate)
    member = new(entity, email="member@example.org", identity_document_type="")

    response = api(delegate).post(URL, member, format="json")

    assert response.status_code == 201


def test_the_person_cannot_remove_their_identity_document(delegate, session):
    own = api(delegate).post(URL, new(EntityFactory()), format="json").json()["id"]

    response = api(delegate).patch(
        f"/api/v1/registrations/{own}/", {"identity_document_number": ""}, format="json"
    )

    assert response.status_code == 409
    assert Registration.objects.get().identity_document_number == "E12345678"


def test_a_focal_point_may_not_set_a_members_identity_document(delegate, session):
    entity = EntityFactory()
    services.delegation_for(session, entity).focal_points.add(delegate)
    member = register(session, entity, email="member@example.org")

    response = api(delegate).patch(
        f"/api/v1/registrations/{member.pk}/", {"identity_document_number": "X1"}, format="json"
    )

    assert response.status_code == 403
    member.refresh_from_db()
    assert member.identity_document_number == ""


def test_over_capacity_the_answer_says_waitlisted_with_the_place(delegate, session):
    register(session)

    response = api(delegate).post(URL, new(EntityFactory()), format="json")

    assert (response.json()["state"], response.json()["waitlist_position"]) == ("waitlisted", 1)


def test_a_second_live_registration_is_refused_with_409(delegate, session):
    api(delegate).post(URL, new(EntityFactory()), format="json")

    response = api(delegate).post(URL, new(EntityFactory()), format="json")

    assert response.status_code == 409
    assert Registration.objects.count() == 1


def test_registering_through_the_api_is_rate_limited_but_reading_is_not(
    delegate, session, settings
):
    settings.REGISTRATION_RATE = "2/m"
    client = api(delegate)
    own = client.post(URL, new(EntityFactory()), format="json").json()["id"]
    client.post(URL, {}, format="json")

    assert client.post(URL, {}, format="json").status_code == 429
    assert client.patch(f"/api/v1/registrations/{own}/", {}, format="json").status_code == 429
    assert client.get(URL).status_code == 200


def test_delegate_lists_only_their_own(delegate, session):
    register(session, email="someone@example.org")
    mine = register(session, email=delegate.email)

    response = api(delegate).get(URL)

    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_delegate_cannot_read_or_change_another_registration(delegate, session):
    other = register(session, email="someone@example.org")
    client = api(delegate)

    assert client.get(f"/api/v1/registrations/{other.pk}/").status_code == 404
    assert (
        client.patch(
            f"/api/v1/registrations/{other.pk}/", {"function_title": "X"}, format="json"
        ).status_code
        == 404
    )
    assert client.post(f"/api/v1/registrations/{other.pk}/withdraw/").status_code == 404
    other.refresh_from_db()
    assert (other.state, other.function_title) == (State.SUBMITTED, "")


def test_delegate_cannot_register_someone_else(delegate, session):
    response = api(delegate).post(
        URL, new(EntityFactory(), email="other@example.org"), format="json"
    )

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_focal_point_registers_and_sees_their_delegation_only(delegate, session):
    entity = EntityFactory()
    services.delegation_for(session, entity).focal_points.add(delegate)
    register(session, email="stranger@example.org")

    created = api(delegate).post(URL, new(entity, email="member@example.org"), format="json")
    listed = api(delegate).get(URL).json()["results"]

    assert created.status_code == 201
    assert [row["email"] for row in listed] == ["member@example.org"]


def test_focal_point_cannot_register_for_another_entity(delegate, session):
    services.delegation_for(session, EntityFactory()).focal_points.add(delegate)

    response = api(delegate).post(
        URL, new(EntityFactory(), email="member@example.org"), format="json"
    )

    assert response.status_code == 403


def test_only_officers_approve(delegate, officer, session):
    registration = register(session, email=delegate.email)

    refused = api(delegate).post(f"/api/v1/registrations/{registration.pk}/approve/")
    approved = api(officer).post(f"/api/v1/registrations/{registration.pk}/approve/")

    assert (refused.status_code, approved.json()["state"]) == (403, "approved")


def test_reject_needs_a_reason(officer, session):
    registration = register(session)

    response = api(officer).post(f"/api/v1/registrations/{registration.pk}/reject/", {})

    assert response.status_code == 409
    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_delegate_patches_details_until_approval(delegate, officer, session):
    registration = register(session, email=delegate.email, **IDENTITY)
    url = f"/api/v1/registrations/{registration.pk}/"
    api(delegate).patch(url, {"function_title": "Judge"}, format="json")
    services.approve(registration, officer)

    response = api(delegate).patch(url, {"function_title": "Minister"}, format="json")

    registration.refresh_from_db()
    assert (response.status_code, registration.function_title) == (409, "Judge")
    assert response.json()["code"] == "not_editable"


def test_state_cannot_be_patched(delegate, session):
    registration = register(session, email=delegate.email)

    api(delegate).patch(
        f"/api/v1/registrations/{registration.pk}/", {"state": "approved"}, format="json"
    )

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_anonymous_gets_nothing(session):
    register(session)

    assert APIClient().get(URL).status_code in (401, 403)


def test_officer_list_query_count_is_fixed(officer, session, django_assert_num_queries):
    for _ in range(3):
        register(session)
    client = api(officer)
    client.get(URL)  # the officer's role is looked up once per user object
    with django_assert_num_queries(2) as few:
        client.get(URL)
    for _ in range(20):
        register(session)

    with django_assert_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_another_user_sees_an_empty_list(session):
    register(session)

    assert api(UserFactory()).get(URL).json()["results"] == []


def test_registering_outside_the_window_is_refused(delegate, session):
    session.registration_closes = session.registration_opens
    session.save()

    response = api(delegate).post(URL, new(EntityFactory()), format="json")

    assert response.status_code == 409 and "not open" in response.json()["detail"]
    assert not Registration.objects.exists()


def test_officers_register_outside_the_window(officer, session):
    session.registration_closes = session.registration_opens
    session.save()

    response = api(officer).post(URL, new(EntityFactory(), email="late@example.org"), format="json")

    assert response.status_code == 201


def test_the_place_in_the_queue_is_counted_as_the_registration_joins(delegate, session):
    register(session), register(session), register(session)

    response = api(delegate).post(URL, new(EntityFactory()), format="json")

    joined = Registration.objects.get(pk=response.json()["id"])
    assert response.json()["waitlist_position"] == services.waitlist_position(joined) == 3


def test_registering_a_member_takes_a_fixed_number_of_queries(
    delegate, session, django_assert_num_queries, django_capture_on_commit_callbacks
):
    entity = EntityFactory()
    services.delegation_for(session, entity).focal_points.add(delegate)
    client = api(delegate)
    client.post(URL, new(entity, email="first@example.org"), format="json")
    client.force_authenticate(type(delegate).objects.get(pk=delegate.pk))  # as a new request

    # entity, session, delegation, role, focal point; savepoint, session lock, seat count,
    # registration, audit line, the mail's outbox row (marked handed over), release; the
    # mail is one task after the commit. A new registration is not yet approved, so online's
    # receiver has no link to make and asks nothing.
    with django_capture_on_commit_callbacks() as mails, django_assert_num_queries(12):
        created = client.post(URL, new(entity, email="second@example.org"), format="json")

    assert created.status_code == 201
    assert len(mails) == 1


def test_the_list_gives_each_waitlisted_registration_its_place(officer, session):
    register(session)
    first, second = register(session), register(session)
    services.withdraw(first, actor=None)

    rows = {row["id"]: row for row in api(officer).get(URL).json()["results"]}

    assert rows[second.pk]["waitlist_position"] == 1 == services.waitlist_position(second)
    assert rows[first.pk]["waitlist_position"] is None
