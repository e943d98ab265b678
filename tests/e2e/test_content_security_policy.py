"""The main pages of each role in a real browser under the production Content-Security-Policy
(the one settings.py sets, in development too) and the production second factor: no page
reports a violation or a script error, and the scripts still work (the gate answers a typed
code; the TOTP set-up page shows its QR code). The gate's camera cannot run headless."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from registration import services as registration_services
from tests.factories import (
    VIENNA,
    EntityFactory,
    OfficerFactory,
    SessionFactory,
    SittingFactory,
    UserFactory,
    register,
)
from tests.second_factor import PASSWORD, add_totp, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def production(settings):
    settings.MFA_REQUIRED_FOR_OFFICERS = True


@pytest.fixture
def running(room):
    """A hybrid session under way, open for registration, with a sitting and one approved
    in-person participant."""
    today = timezone.localdate(timezone=VIENNA)
    now = timezone.now()
    session = SessionFactory(
        slug="running",
        format="hybrid",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=1),
        in_person_capacity=10,
    )
    SittingFactory(session=session, format="hybrid", room=room)
    registration_services.approve(register(session, EntityFactory(name="Egypt")), actor=None)
    return session


class Watched:
    """A browser page that keeps what the console says about the policy, and script
    errors; each page it opens must carry the policy header."""

    def __init__(self, browser, live_server):
        self.page = browser.new_page()
        self.base = live_server.url
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.problems.append(message.text)

    def open(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.ok, (path, response.status)
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        return self.page

    def log_in(self, user, secret: str | None = None):
        page = self.open("/accounts/login/")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        expect(page).not_to_have_url(re.compile("/accounts/login/"))
        if secret:
            expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
            page.fill("input[name=code]", totp_code(secret))
            page.click("main button[type=submit]")
            expect(page).not_to_have_url(re.compile("/accounts/"))
        return page


def test_the_public_pages_pass_the_policy(live_server, browser, running):
    visitor = Watched(browser, live_server)

    for path in ("/", "/sessions/running/", "/rooms/", "/accounts/login/", "/api/docs/"):
        visitor.open(path)
    expect(visitor.page.locator(".swagger-ui .info .title")).to_be_visible()

    assert visitor.problems == []


def test_a_delegates_pages_pass_the_policy(live_server, browser, running):
    delegate = UserFactory()
    delegation = registration_services.delegation_for(running, EntityFactory(name="Austria"))
    delegation.focal_points.add(delegate)
    visitor = Watched(browser, live_server)
    page = visitor.log_in(delegate)

    visitor.open("/sessions/running/register/")
    expect(page.locator("select[name=participation_mode]")).to_be_visible()
    visitor.open(f"/delegations/{delegation.pk}/")
    visitor.open("/profile/calendar/")
    page.click("main form button[type=submit]")
    expect(page.locator("#feed-url")).to_have_value(re.compile("/calendar/feed/"))

    assert visitor.problems == []


def test_an_officers_pages_pass_the_policy_and_the_gate_answers(
    live_server, browser, running, room, production
):
    officer = OfficerFactory()
    secret = add_totp(officer)
    visitor = Watched(browser, live_server)
    page = visitor.log_in(officer, secret)

    for path in (
        "/sessions/running/console/",
        "/sessions/running/interpretation/",
        "/sessions/running/badges/",
        f"/rooms/{room.slug}/",
        "/admin/",
    ):
        visitor.open(path)
    visitor.open("/sessions/running/gate/")
    page.fill("#gate-code", "NOT-A-BADGE")
    page.press("#gate-code", "Enter")
    expect(page.locator("#gate-result")).to_have_class(re.compile("refused"))
    expect(page.locator("#gate-code")).to_have_value("")

    assert visitor.problems == []


def test_the_totp_set_up_page_shows_its_qr_code(live_server, browser, production):
    visitor = Watched(browser, live_server)
    page = visitor.log_in(OfficerFactory())  # no TOTP yet: sent to set one up

    expect(page).to_have_url(re.compile("/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "reauthenticate" in page.url:  # allauth asks for the password again first
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
    qr_code = page.locator("main img[src^='data:']")
    expect(qr_code).to_be_visible()

    assert qr_code.evaluate("image => image.naturalWidth") > 0
    assert visitor.problems == []
