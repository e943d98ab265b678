import pytest

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
