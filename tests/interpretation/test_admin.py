"""The admin changes interpretation through the same services as the pages: the same
checks, and sittings' calendars follow."""

import pytest

from interpretation import services
from interpretation.models import SessionInterpretation, SittingInterpretation
from tests.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = SessionFactory(slug="ieg")
    services.save_session_setup(
        session, mode="both", rsi_platform="", floor_channel=0, channels={"en": (1, "")}
    )
    return session


def test_a_floor_channel_taken_by_a_language_is_refused_in_the_admin(officer_client, session):
    setup = SessionInterpretation.objects.get(session=session)

    response = officer_client.post(
        f"/admin/interpretation/sessioninterpretation/{setup.pk}/change/",
        {"session": session.pk, "mode": "both", "rsi_platform": "", "floor_channel": 1},
    )

    assert response.status_code == 200
    assert "own channel" in response.text
    setup.refresh_from_db()
    assert setup.floor_channel == 0


def test_a_sitting_changed_in_the_admin_takes_a_new_calendar_revision(officer_client, session):
    sitting = SittingFactory(session=session)
    before = sitting.updated_at

    response = officer_client.post(
        "/admin/interpretation/sittinginterpretation/add/",
        {"sitting": sitting.pk, "languages": '["en", "fr"]', "mode": ""},
    )

    assert response.status_code == 302
    assert SittingInterpretation.objects.get().languages == ["en", "fr"]
    sitting.refresh_from_db()
    assert sitting.updated_at > before


def test_unknown_languages_are_refused_in_the_admin(officer_client, session):
    sitting = SittingFactory(session=session)

    response = officer_client.post(
        "/admin/interpretation/sittinginterpretation/add/",
        {"sitting": sitting.pk, "languages": '["en", "xx"]', "mode": ""},
    )

    assert response.status_code == 200
    assert not SittingInterpretation.objects.exists()
