"""Destructive actions ask first in a real <dialog>: refusing (Cancel or Esc) changes
nothing, accepting acts; without JavaScript a confirmation page asks instead."""

from datetime import date

import pytest
from playwright.sync_api import expect

from registration.models import Registration
from tests.e2e.pages import browser_context
from tests.factories import EntityFactory, UserFactory, register

pytestmark = pytest.mark.django_db(transaction=True)
State = Registration.State
QUESTION = "Withdraw your registration?"


@pytest.fixture
def registered(open_session):
    person = UserFactory()
    registration = register(
        open_session,
        EntityFactory(name="Egypt"),
        participant=person,
        email=person.email,
        identity_document_type="passport",
        identity_document_number="A1234567",
        identity_document_expiry=date(2031, 5, 31),
    )
    return person, registration


def test_refusing_the_dialog_changes_nothing_and_accepting_withdraws(
    live_server, browser, registered
):
    person, registration = registered
    page = browser_context(browser, live_server, person).new_page()
    page.goto(f"{live_server.url}/sessions/demo/register/")
    withdraw = page.get_by_role("button", name="Withdraw my registration")
    dialog = page.get_by_role("dialog", name=QUESTION, exact=False)

    withdraw.click()
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    withdraw.click()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED

    withdraw.click()
    dialog.get_by_role("button", name="Withdraw my registration").click()  # named as pressed
    expect(page.locator(".messages")).to_contain_text("Your registration is withdrawn.")
    registration.refresh_from_db()
    assert registration.state == State.WITHDRAWN


def test_asking_again_before_the_last_refusal_is_told_still_acts_when_accepted(
    live_server, browser, registered
):
    """The dialog's close event comes after it closed: pressing the button again at once
    (a fast keyboard, a loaded machine) must not let that late event cancel the new
    asking."""
    person, registration = registered
    page = browser_context(browser, live_server, person).new_page()
    page.goto(f"{live_server.url}/sessions/demo/register/")
    withdraw = page.locator("#main").get_by_role("button", name="Withdraw my registration")
    dialog = page.get_by_role("dialog", name=QUESTION, exact=False)
    withdraw.click()
    expect(dialog).to_be_visible()

    # Refused, then asked again in the same task: the first close event is still queued.
    withdraw.evaluate(
        """(button) => {
            document.getElementById("confirm-dialog").close("cancel");
            button.form.requestSubmit(button);
        }"""
    )
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Withdraw my registration").click()

    expect(page.locator(".messages")).to_contain_text("Your registration is withdrawn.")
    registration.refresh_from_db()
    assert registration.state == State.WITHDRAWN


def test_without_javascript_a_confirmation_page_asks(live_server, browser, registered):
    person, registration = registered
    context = browser_context(browser, live_server, person, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sessions/demo/register/")

    page.get_by_role("button", name="Withdraw my registration").click()
    expect(page.locator("main")).to_contain_text(QUESTION)
    page.get_by_role("link", name="Cancel").click()
    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED

    page.get_by_role("button", name="Withdraw my registration").click()
    page.get_by_role("button", name="Withdraw my registration").click()  # the page's Confirm
    expect(page.locator(".messages")).to_contain_text("Your registration is withdrawn.")
    registration.refresh_from_db()
    assert registration.state == State.WITHDRAWN
