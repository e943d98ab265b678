"""The API of online attendance (conference officers only), and the registration API's
join link: the person's and officers', never a focal point's nor anyone else's."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from online import services
from online.models import JoinLink
from registration import services as registration
from tests.factories import (
    EntityFactory,
    UserFactory,
    register,
    vienna,
)
from tests.online.common import DAY, ZOOM

pytestmark = pytest.mark.django_db

URL = "/api/v1/sessions/ieg-2-2025/online-attendance/"


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def online(session, officer, person):
    """An approved online participant of Austria, with an account."""
    return registration.approve(
        register(
            session,
            EntityFactory(name="Austria"),
            mode="online",
            given_name="Eva",
            family_name="Berger",
            email=person.email,
            participant=person,
        ),
        officer,
    )


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def join(participant, hour, minute=0):
    token = services.join_link(participant).token
    return services.open_link(token, now=vienna(DAY, hour, minute))


def test_officers_read_who_joined_each_sitting_and_when(officer, online):
    join(online, 10, 5)

    response = api(officer).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert (body["session"], body["joined_online"]) == ("ieg-2-2025", 1)
    assert body["by_day"] == [{"day": "2025-01-27", "people": 1}]
    first, second = body["sittings"]
    assert (first["title"], first["joined"], second["joined"]) == ("1st plenary", 1, 0)
    [attendee] = first["participants"]
    assert attendee == {
        "registration": online.pk,
        "name": "Eva BERGER",
        "entity": "Austria",
        "entity_kind": "member_state",
        "first_joined_at": "2025-01-27T10:05:00+01:00",
    }
    assert ZOOM not in response.content.decode()


def test_anonymous_callers_are_refused_with_401(online):
    assert api().get(URL).status_code == 401


@pytest.mark.parametrize("who", ["delegate", "participant", "focal point"])
def test_others_than_officers_are_refused_with_403(online, person, who):
    user = {"delegate": UserFactory, "participant": lambda: person}.get(who, UserFactory)()
    if who == "focal point":
        online.delegation.focal_points.add(user)

    response = api(user).get(URL)

    assert response.status_code == 403
    assert "Berger" not in response.content.decode()


# --- The registration API's join link ---------------------------------------------------


def test_the_person_sees_their_own_join_link(online, person):
    url = api(person).get(f"/api/v1/registrations/{online.pk}/").json()["join_url"]
    listed = api(person).get("/api/v1/sessions/ieg-2-2025/registrations/").json()

    assert url == services.join_url(online)
    assert url.endswith(f"/join/{online.join_link.token}/")
    assert [row["join_url"] for row in listed["results"]] == [url]


def test_officers_do_not_see_a_participants_join_link(online, officer):
    """Opening it would count as the person's attendance: officers replace it from the
    console without seeing it."""
    detail = api(officer).get(f"/api/v1/registrations/{online.pk}/")

    assert detail.json()["join_url"] is None
    assert services.join_link(online).token not in detail.content.decode()
    assert ZOOM not in detail.content.decode()


def test_a_focal_point_of_the_delegation_never_sees_a_members_join_link(online):
    focal_point = UserFactory()
    online.delegation.focal_points.add(focal_point)

    detail = api(focal_point).get(f"/api/v1/registrations/{online.pk}/")
    listed = api(focal_point).get("/api/v1/sessions/ieg-2-2025/registrations/").json()

    assert detail.status_code == 200
    assert detail.json()["join_url"] is None
    assert [row["join_url"] for row in listed["results"]] == [None]
    assert services.join_link(online).token not in detail.content.decode()


def test_an_in_person_participant_has_no_join_link(session, officer, person):
    in_person = registration.approve(
        register(
            session,
            mode="in_person",
            email=person.email,
            participant=person,
            identity_document_type="passport",
            identity_document_number="E12345678",
            identity_document_expiry=date(2031, 5, 1),
        ),
        officer,
    )

    assert api(person).get(f"/api/v1/registrations/{in_person.pk}/").json()["join_url"] is None


def test_approving_online_through_the_api_makes_the_link_for_the_person_only(
    session, officer, person
):
    submitted = register(session, mode="online", email=person.email, participant=person)

    response = api(officer).post(
        f"/api/v1/registrations/{submitted.pk}/approve/", {"reason": ""}, format="json"
    )

    assert response.json()["join_url"] is None
    own = api(person).get(f"/api/v1/registrations/{submitted.pk}/").json()["join_url"]
    assert own.endswith(f"/join/{JoinLink.objects.get().token}/")


def test_the_list_keeps_a_fixed_number_of_queries_with_join_links(
    session, officer, django_assert_num_queries
):
    people = [registration.approve(register(session, mode="online"), officer) for _ in range(3)]
    for participant in people:
        services.join_link(participant)
    client = api(officer)
    client.get("/api/v1/sessions/ieg-2-2025/registrations/")  # the officer's roles, cached

    with django_assert_num_queries(2) as few:
        client.get("/api/v1/sessions/ieg-2-2025/registrations/")
    for _ in range(5):
        services.join_link(registration.approve(register(session, mode="online"), officer))
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get("/api/v1/sessions/ieg-2-2025/registrations/").json()

    assert [row["join_url"] for row in body["results"]] == [None] * 8
