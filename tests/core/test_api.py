import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/registrations/0.5/",
        "/api/v1/bookings/0.5/cancel/",
        "/api/v1/sessions/%C3%A2/registrations/",
        "/api/v1/nothing-here/",
    ],
)
def test_a_path_the_api_does_not_have_answers_404_in_json(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_page_not_found_outside_the_api_is_still_a_page(client):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("resource", ["series", "sessions", "rooms"])
def test_a_slug_in_a_path_with_a_nul_character_names_nothing(client, resource):
    # PostgreSQL cannot compare text with a NUL: the lookup must not reach it.
    response = client.get(f"/api/v1/{resource}/a%00b/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "path, body",
    [
        ("bookings/", {"room": "a\x00b", "start": "2025-01-27T10:00:00Z", "purpose": "Talks"}),
        ("checkins/", {"code": "ABC", "session": "a\x00b"}),
    ],
)
def test_a_slug_in_a_body_with_a_nul_character_names_nothing(officer, path, body):
    client = APIClient()
    client.force_authenticate(officer)

    response = client.post(f"/api/v1/{path}", body, format="json")

    assert response.status_code == 400
