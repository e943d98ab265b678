"""Joining online in a real browser: an approved online participant opens the personal link
from their reminder while a sitting runs and lands on the platform (a file of the
site standing in for it), never seeing the platform's link on
the site; the opening and their attendance are recorded once, and an officer sees them on the online
attendance page."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from online import reminders
from online.models import JoinOpening, MeetingLink, OnlineAttendance
from registration import services as registration
from tests.e2e.pages import restore_migration_data
from tests.e2e.test_browser import logged_in
from tests.factories import OfficerFactory, SessionFactory, SittingFactory, register

pytestmark = pytest.mark.django_db(transaction=True)

# The platform: a file of the live server stands in for it (the field asks for https; the
# row is made without validation). Chromium resolves no other host here.
STAND_IN = "/static/favicon.svg?meeting=4242&pwd=secret"


@pytest.fixture
def participant(live_server):
    restore_migration_data()  # the roles and languages, emptied after each live-server test
    now = timezone.now()
    session = SessionFactory(
        slug="ieg-online", format="hybrid", start_date=now.date(), end_date=now.date()
    )
    SittingFactory(
        session=session,
        title="Opening plenary",
        format="hybrid",
        start=now + timedelta(minutes=10),  # within the window that opens before the start
        end=now + timedelta(hours=2),
    )
    MeetingLink.objects.create(session=session, platform="zoom", url=live_server.url + STAND_IN)
    return registration.approve(register(session, mode="online"), OfficerFactory())


def test_a_participant_joins_from_the_reminder_and_lands_on_the_platform(
    live_server, browser, participant, settings
):
    settings.SITE_URL = live_server.url
    platform = live_server.url + STAND_IN
    mail.outbox.clear()
    reminders.send_due()  # the hour before the day's first sitting
    (reminder,) = mail.outbox
    link = re.search(rf"{re.escape(live_server.url)}/join/\S+", reminder.body).group()
    assert "meeting=4242" not in reminder.body

    page = browser.new_page()
    response = page.goto(link)

    expect(page).to_have_url(platform)
    assert response.ok and response.request.redirected_from.url == link
    opening = JoinOpening.objects.get()
    assert (opening.outcome, opening.registration) == ("joined", participant)
    attended = OnlineAttendance.objects.get()
    assert (attended.registration, attended.sitting.title) == (participant, "Opening plenary")

    page.goto(link)  # a second opening: recorded, attendance still once
    expect(page).to_have_url(platform)
    assert (JoinOpening.objects.count(), OnlineAttendance.objects.count()) == (2, 1)

    # An officer sees them on the online attendance page, under the sitting, once.
    officer = logged_in(browser, live_server, OfficerFactory())
    officer.goto(f"{live_server.url}/sessions/ieg-online/online-attendance/")
    name = f"{participant.given_name} {participant.family_name}"
    rows = officer.locator("main table.stack tbody tr", has_text=name)
    expect(rows.first).to_be_visible()
    expect(officer.locator("main")).to_contain_text("Opening plenary")
    assert "meeting=4242" not in officer.content()  # never the platform's link
