"""Getting started in a real browser: a new person signs up from the header on their way to
*Register*, confirms their address and lands back on *Register*; the registration form
hides its in-person section while Online is chosen; a form sent with errors shows the
error summary, which takes the focus."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.test_browser import PASSWORD, logged_in
from tests.factories import EntityFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_person_signs_up_from_the_header_and_lands_back_on_register(
    live_server, browser, open_session
):
    page = browser.new_page()
    page.goto(f"{live_server.url}/sessions/demo/")
    page.click("main a:text-is('Register')")
    expect(page).to_have_url(re.compile("/accounts/login/"))  # an account is needed first

    page.click("header a:text-is('Sign up')")
    page.fill("input[name=email]", "new.delegate@example.org")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Verify Your Email Address")

    (message,) = [m for m in mail.outbox if "new.delegate@example.org" in m.to]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(link)
    page.click("main button[type=submit]")  # Confirm

    expect(page).to_have_url(f"{live_server.url}/sessions/demo/register/")
    expect(page.locator("h1")).to_have_text("Register")
    expect(page.locator("main .lead")).to_contain_text("new.delegate@example.org")


def test_the_in_person_section_shows_only_for_in_person(live_server, browser, open_session):
    EntityFactory(name="Austria")
    page = logged_in(browser, live_server, UserFactory())
    page.goto(f"{live_server.url}/sessions/demo/register/")
    in_person = page.locator("#section-in_person")
    identity = page.locator("select[name=identity_document_type]")

    page.select_option("select[name=participation_mode]", "online")
    expect(in_person).to_be_hidden()
    expect(identity).to_be_hidden()

    page.select_option("select[name=participation_mode]", "in_person")
    expect(in_person).to_be_visible()
    expect(identity).to_be_visible()


def test_errors_are_summarised_and_the_summary_takes_the_focus(live_server, browser, open_session):
    EntityFactory(name="Austria")
    page = logged_in(browser, live_server, UserFactory())
    page.goto(f"{live_server.url}/sessions/demo/register/")
    page.select_option("select[name=participation_mode]", "online")

    page.click("main form button[type=submit]")

    summary = page.locator("[role=alert].error-summary")
    expect(summary).to_be_visible()
    expect(page.locator("#error-summary-title")).to_be_focused()
    expect(page.locator("#section-in_person")).to_be_hidden()  # still Online after the error
    summary.locator("a[href='#id_given_name']").click()
    expect(page.locator("#id_given_name")).to_be_focused()
