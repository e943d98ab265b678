"""The gate page: for conference officers; it posts scans to the check-in API with the
officer's session and CSRF token."""

import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from badges import services
from badges.models import CheckIn
from registration import services as registration_services
from tests.factories import VIENNA, SessionFactory, register

pytestmark = pytest.mark.django_db
URL = "/sessions/gate-demo/gate/"


@pytest.fixture
def session(db):
    today = timezone.localdate(timezone=VIENNA)
    return SessionFactory(
        format="hybrid",
        slug="gate-demo",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
    )


def test_anonymous_visitors_are_sent_to_log_in(client, session):
    response = client.get(URL)

    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (
        302,
        True,
    )


def test_a_delegate_may_not_open_the_gate(delegate_client, session):
    assert delegate_client.get(URL).status_code == 403


def test_an_officer_gets_the_scanning_field(officer_client, session):
    response = officer_client.get(URL)

    assert response.status_code == 200
    assert re.search(r'<input id="gate-code"[^>]*name="code"', response.content.decode())


def test_the_page_tells_its_script_where_to_post_and_for_which_session(officer_client, session):
    page = officer_client.get(URL).content.decode()

    assert 'data-checkin-url="/api/v1/checkins/"' in page
    assert 'data-session="gate-demo"' in page
    assert "badges/gate.js" in page


def test_the_gate_of_an_unknown_session_is_not_found(officer_client, db):
    assert officer_client.get("/sessions/no-such-session/gate/").status_code == 404


def test_the_script_is_served_from_the_site_not_a_cdn():
    assert finders.find("badges/gate.js") is not None


def csrf_client(officer) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    return client


def issued_code(session) -> str:
    registration = registration_services.approve(register(session), None)
    return services.issue_badge(registration, None).code


def test_the_pages_csrf_token_lets_it_check_in_with_the_officers_session(officer, session):
    client = csrf_client(officer)
    page = client.get(URL).content.decode()
    token = re.search(r'data-csrf-token="([^"]+)"', page).group(1)

    response = client.post(
        "/api/v1/checkins/",
        {"code": issued_code(session), "session": "gate-demo"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert (response.status_code, CheckIn.objects.count()) == (201, 1)


def test_a_post_without_the_csrf_token_is_refused(officer, session):
    client = csrf_client(officer)
    client.get(URL)

    response = client.post(
        "/api/v1/checkins/", {"code": issued_code(session)}, content_type="application/json"
    )

    assert (response.status_code, CheckIn.objects.count()) == (403, 0)


def test_the_page_has_a_verdict_for_every_reason_the_api_gives(officer_client, session):
    from badges.api import BadScanSerializer, RefusalSerializer

    texts = officer_client.get(URL).context["gate_texts"]

    reasons = {
        *RefusalSerializer().fields["reason"].choices,
        *BadScanSerializer().fields["reason"].choices,
    }
    assert reasons - set(texts) == set()
    assert {"scanned_in_future", "nonce_reused"} <= reasons
