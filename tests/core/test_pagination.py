import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import BookingFactory, SittingFactory, register

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"
LISTS = [
    "/api/v1/series/",
    "/api/v1/sessions/",
    "/api/v1/sittings/",
    "/api/v1/rooms/",
    "/api/v1/bookings/",
    "/api/v1/sessions/{session}/registrations/",
]


@pytest.fixture
def api(officer):
    _, token = AuthToken.objects.create(user=officer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("limit", [HUGE, "9" * 5000, "-1", "ten"])
def test_a_huge_or_malformed_limit_answers_the_first_page(api, room, url, limit):
    sitting = SittingFactory(room=room)
    BookingFactory(room=room)
    register(sitting.session)

    response = api.get(url.format(session=sitting.session.slug), {"limit": limit})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_a_limit_past_the_maximum_gets_the_maximum(api):
    SittingFactory.create_batch(3)

    response = api.get("/api/v1/sittings/", {"limit": HUGE})

    assert len(response.json()["results"]) == 3
    assert response.json()["next"] is None


@pytest.mark.parametrize("offset", [HUGE, "-1"])
def test_a_huge_or_malformed_offset_answers_a_page(api, offset):
    SittingFactory()

    response = api.get("/api/v1/sittings/", {"limit": HUGE, "offset": offset})

    assert response.status_code == 200
