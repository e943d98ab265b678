"""A focal point inscribes their delegation on a list of speakers and withdraws it, with the
keyboard only, on a phone, in Arabic (right to left)."""

import pytest
from playwright.sync_api import expect

from proceedings import services
from proceedings.models import Inscription
from tests.e2e.pages import browser_context, in_language, restore_migration_data
from tests.factories import OfficerFactory, SessionFactory, SittingFactory, vienna
from tests.proceedings.conftest import AGENDA, DAY, make_member

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def austria():
    restore_migration_data()
    session = SessionFactory(slug="ieg-2-2025", format="hybrid", start_date=DAY, end_date=DAY)
    SittingFactory(
        session=session, start=vienna(DAY, 10), end=vienna(DAY, 13), agenda_items_en=AGENDA
    )
    officer = OfficerFactory()
    services.open_list(session, 3, officer)
    return make_member(session, officer, "Austria")


def test_a_focal_point_inscribes_and_withdraws_by_keyboard_on_a_phone_in_arabic(
    live_server, browser, austria
):
    context = browser_context(browser, live_server, austria.focal_point, viewport=PHONE)
    in_language(context, live_server, "ar")
    page = context.new_page()
    page.goto(f"{live_server.url}/sessions/ieg-2-2025/speakers/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    form = page.locator("#item-3 details.list-form")
    form.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the form
    expect(form.locator("select").first).to_be_visible()
    page.keyboard.press("Tab")  # the speaker: the delegation's only member, chosen already
    expect(page.locator("#id_item3-speaker")).to_be_focused()
    for _field in range(6):  # mode, level, group, group's name, language, kind
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Enter")

    withdraw = page.locator("#item-3 form[data-confirm] button")
    expect(withdraw).to_be_visible()
    inscription = Inscription.objects.get()
    assert (inscription.delegation, inscription.speaker) == (austria.delegation, austria.speaker)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    withdraw.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")  # refused: nothing changes
    expect(dialog).to_be_hidden()
    inscription.refresh_from_db()
    assert inscription.state == Inscription.State.WAITING

    expect(withdraw).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog.locator(".confirm-cancel")).to_be_focused()
    page.keyboard.press("Shift+Tab")  # the dialog's Withdraw
    page.keyboard.press("Enter")

    expect(page.locator("#item-3 form[data-confirm]")).to_have_count(0)
    inscription.refresh_from_db()
    assert inscription.state == Inscription.State.WITHDRAWN
    context.close()
