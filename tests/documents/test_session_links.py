"""The session page links the documents page, each sitting the documents of its agenda
items, and so do the sitting's calendar events (through sessions_app.hooks)."""

import icalendar
import pytest
from django.urls import reverse

from tests.factories import SittingFactory

pytestmark = pytest.mark.django_db

AGENDA = "1. Opening of the meeting\n2. Promising practices\nAdoption of the report"


@pytest.fixture
def sitting(session):
    return SittingFactory(session=session, title="First plenary", agenda_items=AGENDA)


def test_the_session_page_links_its_documents_and_those_of_each_sitting(client, sitting):
    html = client.get(reverse("sessions_app:session", args=[sitting.session.slug])).content

    assert b'href="/sessions/ieg-2-2025/documents/"' in html
    assert b'href="/sessions/ieg-2-2025/documents/?items=1,2"' in html


def test_a_sitting_without_numbered_items_links_no_documents(client, session):
    SittingFactory(session=session, agenda_items="Informal consultations")

    html = client.get(reverse("sessions_app:session", args=[session.slug])).content

    assert b"documents/?items=" not in html


def events(client, url):
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    return list(calendar.walk("VEVENT"))


def test_a_sittings_calendar_event_links_the_documents_of_its_items(client, settings, sitting):
    settings.SITE_URL = "https://meetings.example.org"

    for url in (
        reverse("sessions_app:sitting-file", args=[sitting.pk]),
        reverse("sessions_app:session-feed", args=[sitting.session.slug]),
    ):
        [event] = events(client, url)
        assert (
            "Documents: https://meetings.example.org/sessions/ieg-2-2025/documents/?items=1,2"
            in str(event["DESCRIPTION"]).splitlines()
        ), url


def test_a_changed_agenda_changes_the_cached_events_link(client, sitting):
    url = reverse("sessions_app:session-feed", args=[sitting.session.slug])
    events(client, url)  # cached

    sitting.agenda_items = "3. Other matters"
    sitting.save()

    [event] = events(client, url)
    assert "/documents/?items=3" in str(event["DESCRIPTION"])
