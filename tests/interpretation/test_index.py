"""Interpretation coordinators reach their work from the header: the interpretation plans of
the sessions, those not yet over first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_has_the_interpretation_link_in_the_header(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/")

    assert 'href="/interpretation/"' in response.text


def test_a_delegate_has_no_interpretation_link(delegate_client):
    assert 'href="/interpretation/"' not in delegate_client.get("/").text


def test_the_page_lists_the_plans_upcoming_first(client, coordinator):
    today = timezone.localdate()
    SessionFactory(
        slug="past", start_date=today - timedelta(days=40), end_date=today - timedelta(days=38)
    )
    SessionFactory(
        slug="next", start_date=today + timedelta(days=3), end_date=today + timedelta(days=5)
    )
    client.force_login(coordinator)

    page = client.get("/interpretation/").text

    assert page.index("/sessions/next/interpretation/") < page.index(
        "/sessions/past/interpretation/"
    )


def test_a_delegate_may_not_open_it(delegate_client):
    assert delegate_client.get("/interpretation/").status_code == 403
