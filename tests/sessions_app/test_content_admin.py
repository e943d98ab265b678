"""Officers edit content in the six languages side by side in the admin."""

import pytest

from sessions_app.models import Session
from tests.factories import RoomFactory, SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db

COLUMNS = ["en", "ar", "zh_hans", "fr", "ru", "es"]


def test_the_session_change_page_has_the_title_in_the_six_languages(officer_client):
    session = SessionFactory()

    text = officer_client.get(f"/admin/sessions_app/session/{session.pk}/change/").text

    assert all(f'name="title_{column}"' in text for column in COLUMNS)


def test_the_session_change_page_loads_nothing_from_another_site(officer_client):
    session = SessionFactory()

    text = officer_client.get(f"/admin/sessions_app/session/{session.pk}/change/").text

    assert "//ajax.googleapis.com" not in text and "<script>" not in text


def test_an_officer_saves_a_session_title_in_russian(officer_client):
    session = SessionFactory(title="Second meeting of the expert group")
    form = (
        officer_client.get(f"/admin/sessions_app/session/{session.pk}/change/")
        .context["adminform"]
        .form
    )
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "title_ru": "Второе совещание группы экспертов",
        "sittings-TOTAL_FORMS": 0,
        "sittings-INITIAL_FORMS": 0,
        "start_date": "2025-01-27",
        "end_date": "2025-01-31",
    }
    data.pop("languages", None)

    response = officer_client.post(f"/admin/sessions_app/session/{session.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Session.objects.get().title_ru == "Второе совещание группы экспертов"


def test_the_room_change_page_has_the_name_in_the_six_languages(officer_client):
    room = RoomFactory()

    text = officer_client.get(f"/admin/sessions_app/room/{room.pk}/change/").text

    assert all(f'name="name_{column}"' in text for column in COLUMNS)


def test_the_sitting_change_page_has_title_and_agenda_items_in_the_six_languages(officer_client):
    sitting = SittingFactory()

    text = officer_client.get(f"/admin/sessions_app/sitting/{sitting.pk}/change/").text

    assert all(
        f'name="title_{column}"' in text and f'name="agenda_items_{column}"' in text
        for column in COLUMNS
    )


def test_the_session_change_page_has_description_and_joining_details_in_six_languages(
    officer_client,
):
    session = SessionFactory()

    text = officer_client.get(f"/admin/sessions_app/session/{session.pk}/change/").text

    assert all(
        f'name="description_{column}"' in text and f'name="joining_details_{column}"' in text
        for column in COLUMNS
    )


def test_the_series_change_page_has_the_short_name_in_the_six_languages(officer_client):
    session = SessionFactory()

    text = officer_client.get(f"/admin/sessions_app/series/{session.series_id}/change/").text

    assert all(f'name="short_name_{column}"' in text for column in COLUMNS)
