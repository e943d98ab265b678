"""The Chair's console and the live display in two browsers at once: the Chair gives the
floor to the next speaker and the display, in Arabic, shows the new speaker and the timer
without a reload; when the connection drops, the display says so, reconnects and shows the
floor as it then is."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from proceedings import services
from registration import services as registration
from tests.e2e.pages import browser_context, in_language, restore_migration_data
from tests.factories import (
    EntityFactory,
    OfficerFactory,
    SessionFactory,
    SittingFactory,
    UserFactory,
    register,
)

pytestmark = pytest.mark.django_db(transaction=True)


def delegation_of(session, officer, name: str, name_ar: str):
    entity = EntityFactory(name=name, name_ar=name_ar)
    delegation = registration.delegation_for(session, entity)
    focal_point = UserFactory()
    delegation.focal_points.add(focal_point)
    speaker = registration.approve(register(session, entity), officer)
    return delegation, focal_point, speaker


@pytest.fixture
def sitting_with_a_list():
    restore_migration_data()
    now = timezone.now()
    session = SessionFactory(slug="ieg-live", start_date=now.date(), end_date=now.date())
    sitting = SittingFactory(
        session=session,
        start=now - timedelta(hours=1),
        end=now + timedelta(hours=2),
        agenda_items_en="3. Promising practices in reducing reoffending.",
    )
    officer = OfficerFactory()
    speakers_list = services.open_list(session, 3, officer)
    people = {}
    for name, name_ar in (("Austria", "النمسا"), ("Brazil", "البرازيل"), ("Chile", "شيلي")):
        delegation, focal_point, speaker = delegation_of(session, officer, name, name_ar)
        services.inscribe(speakers_list, focal_point, delegation, speaker, language="ar")
        people[name] = focal_point
    services.give_floor(speakers_list, officer)
    return {"session": session, "sitting": sitting, "officer": officer, "list": speakers_list} | {
        "participant": people["Chile"]
    }


def test_the_chair_gives_the_floor_and_the_display_follows_without_a_reload(
    browser, asgi_live_server, sitting_with_a_list
):
    server, floor = asgi_live_server, sitting_with_a_list
    session, sitting = floor["session"], floor["sitting"]

    display_context = browser_context(browser, server, floor["participant"])
    in_language(display_context, server, "ar")
    display = display_context.new_page()
    display.goto(f"{server.url}/sessions/{session.slug}/speakers/live/")
    expect(display.locator("html")).to_have_attribute("dir", "rtl")
    expect(display.locator("[data-live]")).to_have_attribute("data-connected", "true")
    expect(display.locator(".floor-speaker")).to_have_text("النمسا")
    display.evaluate("window.notReloaded = true")

    console = browser_context(browser, server, floor["officer"]).new_page()
    console.goto(f"{server.url}/sessions/{session.slug}/sittings/{sitting.pk}/console/")
    expect(console.locator(".floor-speaker")).to_have_text("Austria")
    console.get_by_role("button", name="Give the floor to the next speaker").click()

    expect(display.locator(".floor-speaker")).to_have_text("البرازيل")
    # The timer runs in the page: from 0:00 up, five minutes (a national statement) down.
    expect(display.locator("[data-elapsed]")).to_have_text(re.compile(r"^0:0[1-9]$"))
    expect(display.locator("[data-left]")).to_have_text(re.compile(r"^4:5[0-8]$"))
    expect(display.locator(".floor-next li")).to_have_count(1)
    expect(display.locator(".floor-next li")).to_have_text("شيلي")
    assert display.evaluate("window.notReloaded") is True
    expect(console.locator(".floor-speaker")).to_have_text("Brazil")

    # The connection drops; meanwhile the Chair gives the floor again.
    server.stop()
    expect(display.locator("[data-live-status]")).to_be_visible()
    services.give_floor(floor["list"], floor["officer"])
    server.restart()
    expect(display.locator(".floor-speaker")).to_have_text("شيلي", timeout=15000)
    expect(display.locator("[data-live-status]")).to_be_hidden()
    assert display.evaluate("window.notReloaded") is True
    with translation.override("ar"):
        expect(display.locator(".floor-next")).to_contain_text(
            str(translation.gettext("No one else is inscribed."))
        )
