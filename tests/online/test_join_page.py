"""The join page: a redirect to the platform during a sitting, a page that says when the
next sitting opens, and a clear page (never the meeting link) for anyone else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from online import services
from online.models import MeetingLink
from registration import services as registration
from tests.factories import OfficerFactory, SessionFactory, SittingFactory, register
from tests.online.common import ZOOM

pytestmark = pytest.mark.django_db


def session_with_sitting(start, hours=3):
    session = SessionFactory(format="hybrid")
    SittingFactory(
        session=session, title="1st plenary", start=start, end=start + timedelta(hours=hours)
    )
    MeetingLink.objects.create(session=session, platform="zoom", url=ZOOM)
    return session


def join_path(participant) -> str:
    return f"/join/{services.join_link(participant).token}/"


def approved(session, mode="online"):
    return registration.approve(register(session, mode=mode), OfficerFactory())


def test_during_a_sitting_the_link_redirects_to_the_platform_without_a_referer(client):
    participant = approved(session_with_sitting(timezone.now() - timedelta(hours=1)))

    response = client.get(join_path(participant))

    assert (response.status_code, response["Location"]) == (302, ZOOM)
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_before_the_sitting_the_page_says_when_it_opens_and_not_where(client):
    participant = approved(session_with_sitting(timezone.now() + timedelta(days=1)))

    response = client.get(join_path(participant))

    assert response.status_code == 200
    assert "1st plenary" in response.text and "The link opens at" in response.text
    assert "zoom.example.org" not in response.text


def test_an_in_person_participant_gets_a_clear_page_and_no_link(client):
    session = session_with_sitting(timezone.now() - timedelta(hours=1))
    participant = approved(session)
    path = join_path(participant)
    registration.change_mode(participant, "in_person", OfficerFactory())

    response = client.get(path)

    assert response.status_code == 404
    assert "does not lead to a meeting" in response.text
    assert "zoom.example.org" not in response.text


def test_a_made_up_link_gets_the_same_clear_page(client):
    session_with_sitting(timezone.now() - timedelta(hours=1))

    response = client.get("/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")

    assert response.status_code == 404
    assert "does not lead to a meeting" in response.text


@pytest.mark.parametrize(
    ("proxies", "recorded"), [(0, "10.0.x.x"), (1, "198.51.x.x")], ids=["direct", "behind a proxy"]
)
def test_the_opening_records_the_clients_address_and_trusts_only_our_proxies(
    client, settings, proxies, recorded
):
    """TRUSTED_PROXY_COUNT sets allauth's count: behind our proxy the client's address is
    the last one it added to X-Forwarded-For; without one, a forged header is ignored."""
    from online.models import JoinOpening

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    participant = approved(session_with_sitting(timezone.now() - timedelta(hours=1)))

    client.get(
        join_path(participant),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
    )

    assert JoinOpening.objects.get().ip_prefix == recorded
