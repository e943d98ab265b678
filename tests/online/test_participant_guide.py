"""What the approved online participant reads: their personal join link on their page, in
the approval mail and as the URL of their own feed's events; the sittings in the session's
time zone and their own; a button to replace the link. Nobody else sees the link, public
feeds never carry it, and the platform's own link reaches no one."""

from datetime import date, timedelta

import icalendar
import pytest
from django.core import mail

from accounts import feed_tokens
from online import services
from online.models import JoinLink
from registration import services as registration
from tests.factories import (
    SittingFactory,
    UserFactory,
    register,
    vienna,
)
from tests.online.common import DAY, ZOOM

pytestmark = pytest.mark.django_db

IDENTITY = {
    "identity_document_type": "passport",
    "identity_document_number": "X1234567",
    "identity_document_expiry": date(2030, 1, 1),
}


@pytest.fixture
def participant():
    return UserFactory(email="amina@example.org")


def pending(session, user, mode="online"):
    return register(session, mode=mode, participant=user, email=user.email, **IDENTITY)


def approve(session, officer, user, mode="online"):
    return registration.approve(pending(session, user, mode), officer)


@pytest.fixture
def online(session, officer, participant):
    return approve(session, officer, participant)


def url_of(online) -> str:
    return services.join_url(online)


def page(client, session, user) -> str:
    client.force_login(user)
    return client.get(f"/sessions/{session.slug}/register/").text


def feed_events(client, user):
    response = client.get(f"/calendar/feed/{feed_tokens.replace_token(user)}.ics")
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


# --- The page ------------------------------------------------------------------------


def test_the_participant_s_page_shows_their_link_and_the_sittings_in_both_time_zones(
    client, session, online, participant
):
    text = page(client, session, participant)

    assert url_of(online) in text
    # 10:00 in Vienna (winter) is 09:00 UTC, the browser's time zone shown by site.js
    assert '<time datetime="2025-01-27T10:00:00+01:00">' in text
    assert 'datetime="2025-01-27T09:00:00+00:00" data-local-time' in text
    assert "Europe/Vienna" in text
    assert "meetings@localhost" in text  # the Secretariat (DEFAULT_FROM_EMAIL)
    assert "Replace my link" in text
    assert "<script>" not in text  # the CSP forbids inline scripts
    assert ZOOM not in text


def test_the_page_shows_the_link_to_nobody_else(client, session, officer, online):
    token = online.join_link.token
    other = UserFactory()
    approve(session, officer, other)  # another online delegate
    focal_point = UserFactory()  # of the participant's own delegation
    online.delegation.focal_points.add(focal_point)

    assert token not in page(client, session, other)
    assert token not in page(client, session, focal_point)
    client.logout()
    anonymous = client.get(f"/sessions/{session.slug}/register/")
    assert anonymous.status_code == 302 and token not in anonymous.text


def test_an_in_person_participant_s_page_has_no_join_link(client, session, officer, participant):
    approve(session, officer, participant, mode="in_person")

    text = page(client, session, participant)

    assert "/join/" not in text and "Replace my link" not in text
    assert not JoinLink.objects.exists()


def test_the_page_s_query_count_does_not_grow_with_the_sittings(
    client, session, online, participant, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(participant)
    url = f"/sessions/{session.slug}/register/"
    client.get(url)
    with django_assert_max_num_queries(100) as counted:
        client.get(url)
    for hour in (8, 19):
        SittingFactory(
            session=session,
            start=vienna(DAY + timedelta(days=1), hour),
            end=vienna(DAY + timedelta(days=1), hour + 1),
        )

    with django_assert_num_queries(len(counted.captured_queries)):
        client.get(url)


# --- The approval mail ----------------------------------------------------------------


def test_the_approval_mail_carries_the_link_and_the_times_in_vienna_and_utc(
    session, officer, participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approved = registration.approve(pending(session, participant), officer)

    body = mail.outbox[-1].body
    assert url_of(approved) in body
    assert "10:00" in body and "09:00" in body and "UTC" in body
    assert ZOOM not in body


def test_an_in_person_approval_mail_has_no_join_link(
    session, officer, participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration.approve(pending(session, participant, "in_person"), officer)

    assert "/join/" not in mail.outbox[-1].body


# --- The feeds -------------------------------------------------------------------------


def test_the_personal_feed_s_events_lead_to_the_join_link(client, online, participant):
    events = feed_events(client, participant)

    assert len(events) == 2
    assert {str(event["URL"]) for event in events} == {url_of(online)}
    assert all(url_of(online) in str(event["DESCRIPTION"]) for event in events)
    assert all(ZOOM not in event.to_ical().decode() for event in events)


def test_each_event_s_description_is_short_the_link_its_window_and_where_the_rest_is(
    client, session, online, participant, settings
):
    settings.JOIN_OPENS_MINUTES_BEFORE = 20

    events = feed_events(client, participant)

    first = next(event for event in events if "1st plenary" in str(event["SUMMARY"]))
    description = str(first["DESCRIPTION"])
    assert f"Your personal link: {url_of(online)}" in description
    assert "from 20 minutes before each sitting until its end" in description
    assert f"{settings.SITE_URL}/sessions/{session.slug}/register/" in description
    # the rest stays on the page: the other sittings, how to take the floor, whom to ask
    assert "2nd plenary" not in description
    assert "If you take the floor" not in description and "wired internet" not in description
    assert "meetings@localhost" not in description
    assert ZOOM not in first.to_ical().decode()


def test_an_in_person_participant_s_feed_has_no_join_link(client, session, officer, participant):
    approve(session, officer, participant, mode="in_person")

    events = feed_events(client, participant)

    assert events and all("/join/" not in event.to_ical().decode() for event in events)


def test_the_public_feed_never_carries_a_join_link(client, session, online, participant):
    feed_events(client, participant)  # the personal events in the cache first

    public = client.get(f"/calendar/sessions/{session.slug}.ics").content.decode()

    assert "BEGIN:VEVENT" in public and "/join/" not in public


def test_replacing_the_link_changes_the_feed_s_version(client, online, participant):
    url = f"/calendar/feed/{feed_tokens.replace_token(participant)}.ics"
    etag = client.get(url)["ETag"]

    services.replace_link(online)

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert {str(event["URL"]) for event in events} == {url_of(online)}


# --- Replacing the link ----------------------------------------------------------------


def replace(client, user, online):
    client.force_login(user)
    return client.post(f"/registrations/{online.pk}/join-link/replace/", {"confirmed": "1"})


def test_the_participant_replaces_their_link_and_the_old_one_dies(client, online, participant):
    old = online.join_link.token

    response = replace(client, participant, online)

    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{online.session.slug}/register/"
    new = JoinLink.objects.get(registration=online).token
    assert new != old
    assert services.open_link(old, now=vienna(DAY, 10, 30)).outcome == "refused"
    assert services.open_link(new, now=vienna(DAY, 10, 30)).outcome == "joined"


def test_without_confirmation_the_link_stays(client, online, participant):
    old = online.join_link.salt
    client.force_login(participant)

    response = client.post(f"/registrations/{online.pk}/join-link/replace/")

    assert response.status_code == 200 and "Replace the link" in response.text
    assert JoinLink.objects.get().salt == old


def test_an_officer_may_replace_the_link(client, online, officer):
    old = online.join_link.salt

    response = replace(client, officer, online)

    assert response.status_code == 302 and "/console/" in response["Location"]
    assert JoinLink.objects.get().salt != old


@pytest.mark.parametrize("who", ["other delegate", "focal point"])
def test_nobody_else_may_replace_the_link(client, session, officer, online, who):
    old = online.join_link.salt
    user = UserFactory()
    if who == "focal point":  # of the participant's own delegation
        online.delegation.focal_points.add(user)
    else:
        approve(session, officer, user)

    assert replace(client, user, online).status_code == 404
    assert JoinLink.objects.get(registration=online).salt == old


def test_an_anonymous_visitor_may_not_replace_the_link(client, online):
    old = online.join_link.salt

    response = client.post(f"/registrations/{online.pk}/join-link/replace/", {"confirmed": "1"})

    assert response.status_code == 302 and "login" in response["Location"]
    assert JoinLink.objects.get().salt == old


def test_replacing_needs_a_post(client, online, participant):
    client.force_login(participant)

    assert client.get(f"/registrations/{online.pk}/join-link/replace/").status_code == 405


def test_an_in_person_participant_has_no_link_to_replace(client, session, officer, participant):
    in_person = approve(session, officer, participant, mode="in_person")

    response = replace(client, participant, in_person)

    assert response.status_code == 302
    assert not JoinLink.objects.exists()
