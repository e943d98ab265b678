"""The whole path in a real browser (Debian's Chromium, driven by Playwright): an officer
prints the badges of a running session from the badges page, reads a badge's QR code from
the PDF, and scans it at the gate page."""

import io
import os
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from registration import services as registration_services
from tests.factories import VIENNA, EntityFactory, OfficerFactory, SessionFactory, register

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-browser-test-password"


@pytest.fixture(scope="module", autouse=True)
def _end_live_server_connections(django_db_blocker):
    """The live server's request threads keep their database connections open after the
    browser is gone; on PostgreSQL they would stop the test database from being dropped
    at the end of the run."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox"]
        )
        yield browser
        browser.close()


@pytest.fixture
def running():
    today = timezone.localdate(timezone=VIENNA)
    session = SessionFactory(
        slug="running",
        format="hybrid",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
    )
    registration = register(
        session, EntityFactory(name="Egypt"), given_name="Ahmed", family_name="Hassan"
    )
    registration_services.approve(registration, actor=None)
    return session


def qr_codes(pdf: bytes) -> list[str]:
    codes = []
    for page in pypdfium2.PdfDocument(io.BytesIO(pdf)):
        image = page.render(scale=4).to_pil()
        codes += [found.text for found in zxingcpp.read_barcodes(image)]
    return codes


def test_an_officer_prints_a_badge_and_scans_it_at_the_gate(live_server, browser, running):
    officer = OfficerFactory()
    officer.set_password(PASSWORD)
    officer.save()
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", officer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")

    page.goto(f"{live_server.url}/sessions/running/badges/")
    page.click("text=Print badges")
    with page.expect_download() as download:
        page.click("a:text('Download')")
    (code,) = qr_codes(Path(download.value.path()).read_bytes())

    page.goto(f"{live_server.url}/sessions/running/gate/")
    result = page.locator("#gate-result")
    page.fill("#gate-code", code)
    page.press("#gate-code", "Enter")
    expect(result).to_have_class(re.compile("admitted"))
    expect(page.locator("#gate-participant")).to_contain_text("HASSAN")
    expect(page.locator("#gate-code")).to_have_value("")

    page.fill("#gate-code", code)
    page.press("#gate-code", "Enter")
    expect(result).to_have_class(re.compile("already"))

    forged = code[:-2] + ("AA" if code[-2:] != "AA" else "BB")
    page.fill("#gate-code", forged)
    page.press("#gate-code", "Enter")
    expect(result).to_have_class(re.compile("refused"))
