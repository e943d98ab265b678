"""The officer's console in a real browser: a registration opened from its row, seen
(photo, identity document) and approved from its page; select-all on the page and "all
matching"; the action bar stays in reach while the table scrolls."""

import pytest
from playwright.sync_api import expect

from registration import personal_data
from registration.models import Registration
from tests.e2e.test_browser import logged_in
from tests.factories import EntityFactory, OfficerFactory, SessionFactory, register
from tests.registration.test_photos import image_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def session():
    return SessionFactory(format="hybrid", in_person_capacity=100, slug="ccpcj")


def test_an_officer_opens_a_registration_from_its_row_and_approves_it(
    live_server, browser, session
):
    registration = register(
        session,
        EntityFactory(name="Austria"),
        given_name="Anna",
        family_name="Gruber",
        identity_document_type="passport",
        identity_document_number="P1234567",
    )
    personal_data.set_photo(registration, image_file(), None, by_officer=True)
    register(session, given_name="Other", family_name="Person")
    page = logged_in(browser, live_server, OfficerFactory())

    page.goto(f"{live_server.url}/sessions/ccpcj/console/?state=submitted")
    page.get_by_role("link", name="Ms. Anna GRUBER").focus()
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Ms. Anna GRUBER")
    photo = page.get_by_role("img", name="Badge photo of Anna GRUBER")
    expect(photo).to_be_visible()
    page.wait_for_function(
        "() => document.querySelector('.console-photo').complete"
        " && document.querySelector('.console-photo').naturalWidth > 0"
    )
    expect(page.locator("main")).to_contain_text("P1234567")
    page.get_by_role("button", name="Approve", exact=True).click()

    expect(page.locator(".lead .state")).to_have_text("Approved")
    expect(page.locator(".lead .state")).to_have_class("state state-approved")
    page.get_by_role("link", name="Back to the registrations").click()
    assert page.url.endswith("/sessions/ccpcj/console/?state=submitted")
    registration.refresh_from_db()
    assert registration.state == Registration.State.APPROVED


def test_select_all_on_the_page_then_all_matching(live_server, browser, session):
    from tests.factories import bulk_registrations

    bulk_registrations(session, 60)
    page = logged_in(browser, live_server, OfficerFactory())
    page.goto(f"{live_server.url}/sessions/ccpcj/console/")

    page.check("#console-select-page")
    expect(page.locator("input[name=registration]:checked")).to_have_count(50)
    page.get_by_role("button", name="Select all 60 matching registrations").click()
    expect(page.locator("#console-all-matching")).to_be_checked()

    # The action bar stays in view when the table has scrolled far below it.
    page.mouse.wheel(0, 3000)
    expect(page.locator(".console-actions")).to_be_in_viewport()
    page.locator("main button[name=action][value=approve]").click()

    expect(page.locator("main")).to_contain_text("60 registrations approved.")
    assert set(Registration.objects.values_list("state", flat=True)) == {"approved"}
