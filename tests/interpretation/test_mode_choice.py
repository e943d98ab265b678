"""The interpretation mode's empty choice says what it means, never "---------"."""

import pytest

from tests.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(slug="ieg")


def test_the_plan_names_the_mode_taken_from_the_session_format(client, coordinator, session):
    client.force_login(coordinator)

    text = client.get("/sessions/ieg/interpretation/").text

    assert '<option value="" selected>From the session&#x27;s format</option>' in text
    assert "---------" not in text


def test_a_sitting_names_the_mode_taken_from_its_session(client, coordinator, session):
    sitting = SittingFactory(session=session)
    client.force_login(coordinator)

    text = client.get(f"/sessions/ieg/interpretation/sittings/{sitting.pk}/").text

    assert "The session&#x27;s</option>" in text
    assert "---------" not in text


@pytest.mark.parametrize("model", ["sessioninterpretation", "sittinginterpretation"])
def test_the_admin_names_the_empty_mode(officer_client, model):
    text = officer_client.get(f"/admin/interpretation/{model}/add/").text

    assert '<option value="" selected>' in text
    assert '<option value="" selected>---------' not in text.split('name="mode"')[1][:200]
