"""What an approved participant is told about listening in their language (approval mail,
own page, own feed), and that none of it reaches anyone else."""

from datetime import date

import icalendar
import pytest
from django.core import mail

from accounts import feed_tokens
from interpretation.models import LanguageChannel, SessionInterpretation
from languages.models import Language
from registration import services
from sessions_app import services as sessions
from tests.factories import SessionFactory, UserFactory, register, session_of_a_day, vienna

pytestmark = pytest.mark.django_db
DAY = date(2025, 1, 27)
JOINING = "https://example.org/join 123"


def interpreted(session, joining=JOINING):
    """French on channel 3 in the room and "Français (FR)" on Interprefy."""
    session.joining_details = joining
    session.save()
    SessionInterpretation.objects.create(
        session=session, rsi_platform="Interprefy", floor_channel=0
    )
    LanguageChannel.objects.create(
        session=session,
        language=Language.objects.get(code="fr"),
        room_channel=3,
        online_channel="Français (FR)",
    )
    return session


@pytest.fixture
def session(room):
    session = interpreted(SessionFactory(format="hybrid", room=room, venue=room.venue))
    sessions.schedule_sitting(
        session, title="1st plenary meeting", room=room, start=vienna(DAY, 10), end=vienna(DAY, 13)
    )
    return session


def approved(session, officer, mode, email=None):
    fields = {"email": email} if email else {}
    registration = register(session, mode=mode, listening_language="fr", **fields)
    return services.approve(registration, officer)


def approval_mail(session, officer, mode, captured) -> str:
    registration = register(session, mode=mode, listening_language="fr")
    with captured(execute=True):
        services.approve(registration, officer)
    return mail.outbox[-1].body


def own_page(client, session, user) -> str:
    client.force_login(user)
    return client.get(f"/sessions/{session.slug}/register/").text


def personal_descriptions(client, user) -> str:
    response = client.get(f"/calendar/feed/{feed_tokens.replace_token(user)}.ics")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return "\n".join(str(event["DESCRIPTION"]) for event in events)


def test_the_online_approval_mail_has_the_platform_channel_and_joining_details(
    session, officer, django_capture_on_commit_callbacks
):
    body = approval_mail(session, officer, "online", django_capture_on_commit_callbacks)

    assert "Interprefy" in body and "Français (FR)" in body and JOINING in body


def test_the_online_approval_mail_has_the_speaker_requirements(
    session, officer, django_capture_on_commit_callbacks
):
    body = approval_mail(session, officer, "online", django_capture_on_commit_callbacks)

    assert "Use a wired internet connection, not Wi-Fi or mobile data." in body


def test_the_in_person_approval_mail_has_the_room_channels_and_no_joining_details(
    session, officer, django_capture_on_commit_callbacks
):
    body = approval_mail(session, officer, "in_person", django_capture_on_commit_callbacks)

    assert "French: channel 3 on the room's receivers" in body
    assert "Floor (the speaker's own voice): channel 0" in body
    assert JOINING not in body and "wired internet" not in body


def test_other_mails_have_no_joining_details(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(session, mode="online", listening_language="fr")

    assert mail.outbox and all(JOINING not in message.body for message in mail.outbox)


def test_the_online_participant_s_page_shows_how_to_listen_and_join(
    client, session, delegate, officer
):
    approved(session, officer, "online", email=delegate.email)

    text = own_page(client, session, delegate)

    assert "Interprefy" in text and "Français (FR)" in text
    assert '<a href="https://example.org/join"' in text
    assert "Use a wired internet connection" in text


def test_the_in_person_participant_s_page_shows_the_room_channels(
    client, session, delegate, officer
):
    approved(session, officer, "in_person", email=delegate.email)

    text = own_page(client, session, delegate)

    assert "Channel 3 on the room's receivers" in text
    assert "https://example.org/join" not in text


def test_a_registration_not_yet_approved_shows_no_joining_details(client, session, delegate):
    register(session, mode="online", listening_language="fr", email=delegate.email)

    text = own_page(client, session, delegate)

    assert "My registration" in text and "https://example.org/join" not in text


def test_someone_else_never_sees_a_participant_s_guide(client, session, delegate, officer):
    approved(session, officer, "online", email=delegate.email)

    text = own_page(client, session, UserFactory())

    assert "My registration" not in text and "https://example.org/join" not in text


def test_the_personal_feed_gives_an_online_participant_their_channel_the_rest_on_their_page(
    client, session, delegate, officer, settings
):
    approved(session, officer, "online", email=delegate.email)

    description = personal_descriptions(client, delegate)

    assert "Interprefy" in description and "Français (FR)" in description
    assert JOINING not in description and "wired internet" not in description
    page = f"{settings.SITE_URL}/sessions/{session.slug}/register/"
    assert f"Everything else is on your registration page: {page}" in description


def test_the_personal_feed_gives_an_in_person_participant_the_room_channels(
    client, session, delegate, officer
):
    approved(session, officer, "in_person", email=delegate.email)

    description = personal_descriptions(client, delegate)

    assert "French: channel 3 on the room's receivers" in description
    assert JOINING not in description


def test_the_public_feed_shows_no_guide_even_after_a_personal_feed_was_built(
    client, session, delegate, officer
):
    approved(session, officer, "online", email=delegate.email)
    personal_descriptions(client, delegate)  # its events are now in the cache

    body = client.get(f"/calendar/sessions/{session.slug}.ics").content.decode()

    assert "join" not in body and "Interprefy" not in body and "channel 3" not in body


def test_a_personal_feed_shows_no_guide_of_another_s_session(client, session, delegate, officer):
    approved(session, officer, "online")  # someone else
    other = SessionFactory(format="hybrid")
    sessions.schedule_sitting(other, title="Mine", start=vienna(DAY, 15), end=vienna(DAY, 18))
    approved(other, officer, "online", email=delegate.email)

    description = personal_descriptions(client, delegate)

    assert JOINING not in description and "Interprefy" not in description


def test_a_change_of_channel_changes_the_etag(client, session, delegate, officer):
    approved(session, officer, "online", email=delegate.email)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    etag = client.get(url)["ETag"]

    channel = LanguageChannel.objects.get(session=session)
    channel.online_channel = "French (2)"
    channel.save()

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "French (2)" in personal_descriptions(client, delegate)


def test_a_new_listening_language_changes_the_etag(client, session, delegate, officer):
    registration = approved(session, officer, "online", email=delegate.email)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    etag = client.get(url)["ETag"]

    services.update_registration(registration, officer, by_officer=True, listening_language="en")

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_new_platform_changes_the_etag(client, session, delegate, officer):
    approved(session, officer, "online", email=delegate.email)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    etag = client.get(url)["ETag"]

    setup = SessionInterpretation.objects.get(session=session)
    setup.rsi_platform = "Another platform"
    setup.save()

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert "Another platform" in personal_descriptions(client, delegate)


def test_another_participant_s_change_keeps_the_etag(client, session, delegate, officer):
    approved(session, officer, "online", email=delegate.email)
    other = approved(session, officer, "online")
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    etag = client.get(url)["ETag"]

    services.update_registration(other, officer, by_officer=True, listening_language="en")

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_new_joining_details_change_the_etag(client, session, delegate, officer):
    approved(session, officer, "online", email=delegate.email)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    etag = client.get(url)["ETag"]

    session.joining_details = "https://example.org/join 456"
    session.save()

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_guide_keeps_the_feed_s_query_count_fixed(
    client, room, delegate, officer, django_assert_num_queries
):
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    for index in range(4):
        session = interpreted(
            SessionFactory(
                format="hybrid",
                start_date=date(2025, 2, 3 + index),
                end_date=date(2025, 2, 3 + index),
            )
        )
        for hour in (10, 15):
            sessions.schedule_sitting(
                session,
                title="Sitting",
                room=room,
                start=vienna(session.start_date, hour),
                end=vienna(session.start_date, hour + 2),
            )
        approved(session, officer, "online" if index % 2 else "in_person", email=delegate.email)
        if index == 1:  # one in person, one online
            # the token, the aggregate, the blocks' keys (the sittings listed, their
            # sessions' fields, the person's part of each), the registrations, the guides
            # (4; online's 3: who joins online, the join links and the sittings of the
            # online sessions), the sittings' rows and the events not in the cache (the
            # sittings, their sessions, rooms and venues)
            with django_assert_num_queries(17) as first:
                client.get(url)

    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url)
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    # two online sessions of two sittings each
    assert sum("Français (FR)" in str(event["DESCRIPTION"]) for event in events) == 4


def test_a_channel_saved_with_an_earlier_stamp_than_another_session_s_shows(
    client, room, delegate, officer
):
    """Two officers save channels of two sessions at once: the one that took its time first
    commits last. The person's feed, polled in between, must not answer 304 after."""
    from unittest import mock

    from django.utils import timezone

    first, second = (
        session_of_a_day(room, day, "Plenary") for day in (date(2025, 1, 27), date(2025, 2, 3))
    )
    french = Language.objects.get(code="fr")
    for session in (first, second):
        services.approve(register(session, email=delegate.email, listening_language="fr"), officer)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    began = timezone.now()
    LanguageChannel.objects.create(session=second, language=french, room_channel=4)
    etag = client.get(url)["ETag"]
    with mock.patch("django.utils.timezone.now", return_value=began):
        LanguageChannel.objects.create(session=first, language=french, room_channel=3)

    polled = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert polled.status_code == 200
    descriptions = [
        str(event["DESCRIPTION"])
        for event in icalendar.Calendar.from_ical(polled.content).walk("VEVENT")
    ]
    assert any("channel 3" in text for text in descriptions)
    assert any("channel 4" in text for text in descriptions)
