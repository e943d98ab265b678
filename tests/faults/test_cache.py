"""The shared cache down: pages, feeds and the API answer from the database; the rate
limits it counts refuse, saying why, and change nothing."""

import icalendar
import pytest
from django.core.cache import cache
from django.urls import reverse

from config.checks import check_services_answer
from registration.models import Registration
from tests.factories import EntityFactory, SittingFactory
from tests.registration.test_api import URL, api, new
from tests.second_factor import PASSWORD

pytestmark = pytest.mark.django_db

UNAVAILABLE = "the limit cannot be checked just now"


def test_a_calendar_feed_answers_from_the_database_while_the_cache_is_down(cache_server, client):
    sitting = SittingFactory(title="Opening")
    slug = sitting.session.slug
    client.get(f"/calendar/sessions/{slug}.ics")  # its events kept in the cache
    cache_server.stop()

    response = client.get(f"/calendar/sessions/{slug}.ics")

    assert response.status_code == 200
    titles = [
        str(event["SUMMARY"])
        for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert any("Opening" in title for title in titles)


def test_the_cache_is_used_again_once_it_is_back(cache_server):
    cache_server.stop()
    cache.set("probe", 1)
    cache_server.start()

    cache.set("probe", 2)

    assert cache.get("probe") == 2


def test_registering_through_the_api_while_the_cache_is_down_is_refused_saying_why(
    cache_server, open_session, delegate
):
    cache_server.stop()

    response = api(delegate).post(URL, new(EntityFactory()), format="json")

    assert response.status_code == 503
    assert response.json()["code"] == "rate_limit_unavailable"
    assert not Registration.objects.exists()


def test_the_registration_page_while_the_cache_is_down_refuses_saying_why(
    cache_server, open_session, delegate_client
):
    cache_server.stop()

    response = delegate_client.post("/sessions/demo/register/", {})

    assert response.status_code == 503
    assert UNAVAILABLE in response.text
    assert not Registration.objects.exists()


def test_signing_in_while_the_cache_is_down_is_refused_saying_why(cache_server, client, delegate):
    cache_server.stop()

    response = client.post(
        reverse("account_login"), {"login": delegate.email, "password": PASSWORD}
    )

    assert UNAVAILABLE in response.text
    assert "_auth_user_id" not in client.session


def test_signing_in_works_again_once_the_cache_is_back(cache_server, client, delegate):
    cache_server.stop()
    client.post(reverse("account_login"), {"login": delegate.email, "password": PASSWORD})
    cache_server.start()

    client.post(reverse("account_login"), {"login": delegate.email, "password": PASSWORD})

    assert "_auth_user_id" in client.session


def test_the_deploy_check_and_the_health_check_say_the_cache_is_down(cache_server, client):
    cache_server.stop()

    warnings = {message.id for message in check_services_answer()}
    ready = client.get("/health/ready")

    assert "config.W002" in warnings
    assert (ready.status_code, ready.json()["checks"]["cache"]) == (503, "failing")


def test_the_deploy_check_is_quiet_while_the_cache_answers(cache_server):
    assert "config.W002" not in {message.id for message in check_services_answer()}
