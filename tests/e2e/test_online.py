"""Joining online in a real browser: an approved online participant opens the personal link
from their reminder while a sitting runs and lands on the platform (a file of the
site standing in for it), never seeing the platform's link on
the site; the opening and their attendance are recorded once, and an officer sees them on the online
attendance page."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from online import reminders, services
from online.models import JoinOpening, MeetingLink, OnlineAttendance
from registration import services as registration
from tests.e2e.pages import browser_context, in_language, restore_migration_data
from tests.e2e.test_browser import logged_in
from tests.factories import (
    OfficerFactory,
    SessionFactory,
    SittingFactory,
    UserFactory,
    register,
)

pytestmark = pytest.mark.django_db(transaction=True)

# The platform: a file of the live server stands in for it (the field asks for https; the
# row is made without validation). Chromium resolves no other host here.
STAND_IN = "/static/favicon.svg?meeting=4242&pwd=secret"
PHONE = {"width": 390, "height": 844}

# Whether the first two times of day ("10:00", "13:00") in the element's text stand left to
# right on the screen, whatever the direction of the text around them.
FIRST_TIME_LEFT_OF_SECOND = """element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const lefts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const found of node.textContent.matchAll(/\\d\\d:\\d\\d/g)) {
      const range = document.createRange();
      range.setStart(node, found.index);
      range.setEnd(node, found.index + 5);
      lefts.push(range.getBoundingClientRect().left);
    }
  }
  return lefts[0] < lefts[1];
}"""

# The right edge of the element's text (its data-label, written before it, left out).
TEXT_RIGHT = """element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect().right;
}"""


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


def test_in_arabic_a_sitting_s_hours_read_left_to_right_on_the_guide(
    live_server, browser, participant
):
    own = browser_context(
        browser, live_server, UserFactory(email=participant.email), viewport=PHONE
    )
    in_language(own, live_server, "ar")
    page = own.new_page()
    page.goto(f"{live_server.url}/sessions/ieg-online/register/")

    session_time = page.locator("main table.stack tbody tr").first.locator("td").nth(1)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert session_time.evaluate(FIRST_TIME_LEFT_OF_SECOND)  # "10:00–13:00", not "13:00–10:00"
    own.close()


def test_outside_the_window_the_join_page_says_when_the_link_opens_in_the_reader_s_time(
    live_server, browser, participant
):
    sitting = participant.session.sittings.get()
    sitting.start += timedelta(days=1)  # tomorrow: the link is closed now
    sitting.end += timedelta(days=1)
    sitting.save()
    opens_at = services.window(sitting)[0].astimezone(ZoneInfo("America/New_York"))
    link = services.join_link(participant)

    page = browser.new_page(timezone_id="America/New_York")
    response = page.goto(f"{live_server.url}/join/{link.token}/")

    assert response.status == 200
    opens = page.locator("main dt", has_text="The link opens at").locator("+ dd")
    expect(opens).to_contain_text(opens_at.strftime("%I:%M %p"))  # as the reader's clock says
    assert not JoinOpening.objects.filter(outcome="joined").exists()


@pytest.fixture
def passed_on(participant, settings):
    """The participant's link opened from as many places as make it suspect."""
    settings.JOIN_MANY_PLACES = 2
    now = timezone.now()
    for prefix in ("198.51.x.x", "2001:db8:1234:5678::/64"):
        JoinOpening.objects.create(
            registration=participant,
            at=now,
            outcome=JoinOpening.Outcome.OUTSIDE,
            ip_prefix=prefix,
            user_agent="Mozilla/5.0 (Linux; Android 14) Chrome/120.0 Mobile Safari/537.36",
        )
    return participant


def test_in_arabic_on_a_phone_the_address_and_browser_stand_where_the_other_fields_do(
    live_server, browser, passed_on
):
    officer = browser_context(browser, live_server, OfficerFactory(), viewport=PHONE)
    in_language(officer, live_server, "ar")
    page = officer.new_page()
    page.goto(f"{live_server.url}/sessions/ieg-online/online-attendance/")

    card = page.locator("main #many-places ~ table").first.locator("tbody tr").first
    address, agent, opened = (card.locator("td").nth(i) for i in (0, 1, 2))
    expect(address).to_contain_text("198.51.x.x")
    edge = opened.evaluate(TEXT_RIGHT)  # flush with the right edge of the card, as Arabic reads
    assert abs(address.evaluate(TEXT_RIGHT) - edge) < 2
    assert abs(agent.evaluate(TEXT_RIGHT) - edge) < 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    officer.close()


def test_the_links_opened_from_many_places_are_a_keystroke_from_the_top(
    live_server, browser, passed_on
):
    officer = browser_context(browser, live_server, OfficerFactory(), viewport=PHONE)
    page = officer.new_page()
    page.goto(f"{live_server.url}/sessions/ieg-online/online-attendance/")
    heading = page.locator("#many-places")

    page.locator("main").get_by_role("link", name="Export (Excel)").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(heading).to_be_in_viewport()
    expect(page).to_have_url(re.compile("#many-places$"))
    officer.close()


def test_a_sitting_still_to_come_is_not_shown_as_joined_by_nobody(
    live_server, browser, participant
):
    officer = logged_in(browser, live_server, OfficerFactory())
    officer.goto(f"{live_server.url}/sessions/ieg-online/online-attendance/")
    sitting = officer.locator("main h2", has_text="Opening plenary").locator("+ p")

    expect(sitting).to_contain_text("Not held yet.")
    expect(sitting).not_to_contain_text("joined online")


def test_a_sitting_s_heading_on_the_attendance_page_is_its_title_alone(
    live_server, browser, participant
):
    """Its time apart: in Arabic a title ends in a number ("… 1") and the date begins with
    one ("29 …"): run together they read as one."""
    officer = logged_in(browser, live_server, OfficerFactory())
    officer.goto(f"{live_server.url}/sessions/ieg-online/online-attendance/")

    heading = officer.get_by_role("heading", name="Opening plenary", exact=True)
    expect(heading).to_be_visible()
    expect(heading.locator("+ p time")).to_be_visible()


def test_on_a_phone_the_personal_link_wraps_instead_of_pushing_the_guide_sideways(
    live_server, browser, participant, settings
):
    settings.SITE_URL = live_server.url
    while "-" in services.join_link(participant).token:  # a hyphen would give it a break
        services.replace_link(participant)
    own = browser_context(
        browser, live_server, UserFactory(email=participant.email), viewport=PHONE
    )
    in_language(own, live_server, "ar")
    page = own.new_page()
    page.goto(f"{live_server.url}/sessions/ieg-online/register/")

    expect(page.locator("main a.join-link")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    own.close()


def test_the_replace_button_is_the_next_stop_after_the_personal_link(
    live_server, browser, participant
):
    own = browser_context(
        browser, live_server, UserFactory(email=participant.email), viewport=PHONE
    )
    page = own.new_page()
    page.goto(f"{live_server.url}/sessions/ieg-online/register/")

    page.locator("main a.join-link").focus()
    page.keyboard.press("Tab")

    expect(page.get_by_role("button", name="Replace my link")).to_be_focused()
    own.close()


def test_the_attendance_page_says_in_which_zone_people_first_joined(
    live_server, browser, participant
):
    services.open_link(services.join_link(participant).token, ip="", user_agent="")  # joins
    officer = logged_in(browser, live_server, OfficerFactory())
    officer.goto(f"{live_server.url}/sessions/ieg-online/online-attendance/")

    zone = participant.session.time_zone
    expect(officer.locator("main th", has_text="First joined")).to_contain_text(zone)
