"""Whole paths in a real browser (Debian's Chromium, driven by Playwright): a delegate
registers in person with a photo, is waitlisted, moves online in one click, and an officer
approves the registration from the console; an officer prints the badges of a running
session from the badges page, reads a badge's QR code from the PDF, and scans it at the
gate page."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from registration import services as registration_services
from registration.models import Registration
from tests.factories import (
    VIENNA,
    EntityFactory,
    OfficerFactory,
    SessionFactory,
    UserFactory,
    register,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-browser-test-password"


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


def logged_in(browser, live_server, user):
    """A page of a browser context of its own, logged in as the user."""
    user.set_password(PASSWORD)
    user.save()
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).not_to_have_url(re.compile("/accounts/login/"))
    return page


def portrait() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 500), "lightgrey").save(out, format="JPEG")
    return out.getvalue()


def test_a_delegate_waits_moves_online_and_an_officer_approves(live_server, browser, open_session):
    register(open_session)  # holds the only seat in the room
    EntityFactory(name="Austria")
    delegate = UserFactory()
    page = logged_in(browser, live_server, delegate)

    page.goto(f"{live_server.url}/sessions/demo/register/")
    page.select_option("select[name=entity]", label="Austria")
    page.select_option("select[name=participation_mode]", "in_person")
    page.select_option("select[name=salutation]", "Ms.")
    page.fill("input[name=given_name]", "Anna")
    page.fill("input[name=family_name]", "Gruber")
    page.select_option("select[name=identity_document_type]", "passport")
    page.fill("input[name=identity_document_number]", "P1234567")
    page.fill("input[name=identity_document_expiry]", "2031-05-01")
    page.set_input_files(
        "input[name=photo]",
        files=[{"name": "anna.jpg", "mimeType": "image/jpeg", "buffer": portrait()}],
    )
    page.check("input[name=privacy_acknowledged]")
    page.click("main form button[type=submit]")
    facts = page.locator("dl.facts").first  # once approved, the listening guide has one too
    expect(facts).to_contain_text("Your place in the waiting list: 1")
    expect(page.locator("img[alt='Your badge photo']")).to_be_visible()

    page.click("button:has-text('Take part online instead')")
    page.click("#confirm-dialog button[value=confirm]")  # it gives up the seat: asked first
    expect(facts).to_contain_text("Online")
    expect(facts).to_contain_text("Submitted")

    console = logged_in(browser, live_server, OfficerFactory())
    console.goto(f"{live_server.url}/sessions/demo/console/")
    console.check("input[aria-label='Anna GRUBER']")
    console.click("main button[name=action][value=approve]")
    expect(console.locator("main")).to_contain_text("1 registration approved.")

    page.reload()
    expect(facts).to_contain_text("Approved")
    assert Registration.objects.get(participant=delegate).state == Registration.State.APPROVED


def test_an_officer_prints_a_badge_and_scans_it_at_the_gate(live_server, browser, running):
    page = logged_in(browser, live_server, OfficerFactory())

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
