import logging
import re
from datetime import date

import icalendar
import pytest
import vobject
from django.conf import settings

from accounts import feed_tokens
from config.log_filters import MaskFeedTokens
from registration import services
from sessions_app import services as sessions
from tests.factories import SessionFactory, UserFactory, register, session_of_a_day, vienna

pytestmark = pytest.mark.django_db
DAY = date(2025, 1, 27)


@pytest.fixture
def session(room):
    session = SessionFactory(format="hybrid", room=room, venue=room.venue)
    sessions.schedule_sitting(
        session, title="1st plenary meeting", room=room, start=vienna(DAY, 10), end=vienna(DAY, 13)
    )
    return session


def approved(session, user, officer, mode="in_person"):
    return services.approve(register(session, email=user.email, mode=mode), officer)


def events(client, user):
    response = client.get(f"/calendar/feed/{feed_tokens.replace_token(user)}.ics")
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_an_approved_in_person_participant_gets_the_sittings_with_rooms(
    client, session, delegate, officer
):
    approved(session, delegate, officer)

    (event,) = events(client, delegate)

    assert "Boardroom D" in str(event["LOCATION"])


def test_an_online_participant_sees_them_online(client, session, delegate, officer):
    approved(session, delegate, officer, mode="online")

    (event,) = events(client, delegate)

    assert str(event["LOCATION"]) == "Online" and "GEO" not in event


def test_pending_registrations_are_not_in_the_feed(client, session, delegate):
    register(session, email=delegate.email)

    assert events(client, delegate) == []


def test_the_feed_shows_nothing_of_anyone_else(client, session, delegate, officer, room):
    other_session = SessionFactory(format="hybrid")
    sessions.schedule_sitting(
        other_session, title="Not mine", room=room, start=vienna(DAY, 15), end=vienna(DAY, 18)
    )
    approved(other_session, UserFactory(), officer)
    approved(session, delegate, officer)

    titles = [str(event["SUMMARY"]) for event in events(client, delegate)]

    assert titles == [f"1st plenary meeting, {session.short_name}"]


def test_the_token_has_at_least_128_bits():
    user = UserFactory()

    assert len(feed_tokens.replace_token(user)) >= 43  # 32 random bytes, URL-safe base64


def test_a_replaced_token_is_refused_at_once(client, delegate_client, delegate):
    old = feed_tokens.replace_token(delegate)

    page = delegate_client.post("/profile/calendar/replace/", {"confirmed": "1"}).text

    assert client.get(f"/calendar/feed/{old}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{shown_token(page)}.ics").status_code == 200


def test_an_unknown_token_is_404(client):
    assert client.get("/calendar/feed/not-a-token.ics").status_code == 404


def test_the_second_parser_reads_the_feed(client, session, delegate, officer):
    approved(session, delegate, officer)

    body = client.get(f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics").content.decode()

    assert vobject.readOne(body).vevent.dtstart.value.hour == 10


def test_conditional_request_gets_304(
    client, session, delegate, officer, django_assert_num_queries
):
    approved(session, delegate, officer)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    etag = client.get(url)["ETag"]

    # the token, and one aggregate
    with django_assert_num_queries(2):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_a_feed_polled_again_unchanged_is_not_built_again(
    client, session, delegate, officer, django_assert_num_queries
):
    approved(session, delegate, officer)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    first = client.get(url).content

    # the token, and one aggregate: the body is the one kept under its ETag
    with django_assert_num_queries(2):
        again = client.get(url)

    assert again.status_code == 200 and again.content == first


def test_the_next_poll_shows_a_change_without_validators(client, session, delegate, officer):
    approved(session, delegate, officer)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    client.get(url)
    sitting = session.sittings.get()

    sitting.title = "2nd plenary meeting"
    sessions.save_sitting(sitting)

    assert b"2nd plenary meeting" in client.get(url).content


def test_a_kept_feed_is_no_one_else_s(client, session, delegate, officer):
    other = UserFactory()
    approved(session, delegate, officer)
    approved(session, other, officer, mode="online")
    client.get(f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics")

    (event,) = events(client, other)

    assert str(event["LOCATION"]) == "Online"


def test_two_people_approved_at_the_same_instant_each_get_their_own_events(
    client, session, delegate, officer
):
    from online.models import JoinLink
    from registration.models import Registration

    other = UserFactory()
    mine = approved(session, delegate, officer, mode="online")
    theirs = approved(session, other, officer, mode="online")
    both = [mine.pk, theirs.pk]
    Registration.objects.filter(pk__in=both).update(updated_at=mine.updated_at)
    instant = JoinLink.objects.get(registration=mine).created_at
    assert JoinLink.objects.filter(registration__in=both).update(created_at=instant) == 2

    (event,) = events(client, delegate)
    (their_event,) = events(client, other)

    assert "/join/" in str(event["URL"]) and "/join/" in str(their_event["URL"])
    assert event["URL"] != their_event["URL"]


def test_after_one_session_changes_only_its_events_are_made_again(
    client, session, delegate, officer, room, monkeypatch
):
    from registration import feeds

    later = session_of_a_day(room, date(2025, 2, 3), "Later")
    approved(session, delegate, officer)
    approved(later, delegate, officer)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    client.get(url)
    noted = []
    made = feeds.personal_notes
    monkeypatch.setattr(
        feeds,
        "personal_notes",
        lambda registrations: noted.append(registrations) or made(registrations),
    )
    sitting = later.sittings.get()
    sitting.title = "Later, moved"
    sessions.save_sitting(sitting)

    titles = [str(event["SUMMARY"]) for event in events(client, delegate)]

    assert titles == [
        f"1st plenary meeting, {session.short_name}",
        f"Later, moved, {later.short_name}",
    ]
    assert [[registration.session_id for registration in batch] for batch in noted] == [[later.pk]]


def test_a_change_while_the_feed_is_built_shows_at_the_next_poll(
    client, session, delegate, officer, monkeypatch
):
    from registration import feeds

    approved(session, delegate, officer)
    made = feeds.personal_notes

    def notes_then_a_change(registrations):
        notes = made(registrations)
        if session.slug != "renamed":  # another request, meanwhile
            session.slug = "renamed"
            session.save()
        return notes

    monkeypatch.setattr(feeds, "personal_notes", notes_then_a_change)
    events(client, delegate)

    (event,) = events(client, delegate)

    assert "/sessions/renamed/register/" in str(event["DESCRIPTION"])


def test_a_registration_withdrawn_while_the_feed_is_built_is_no_error(
    client, session, delegate, officer, monkeypatch
):
    from registration import feeds

    mine = approved(session, delegate, officer)
    made = feeds.personal_notes

    def notes_then_withdrawn(registrations):
        notes = made(registrations)
        services.withdraw(mine, delegate)  # another request, meanwhile
        return notes

    monkeypatch.setattr(feeds, "personal_notes", notes_then_withdrawn)
    client.raise_request_exception = True
    events(client, delegate)  # a 200 (events asserts it), as it was when listed

    assert events(client, delegate) == []


def test_a_registration_withdrawn_just_before_its_part_is_read_leaves_the_feed(
    client, session, delegate, officer, monkeypatch
):
    from registration import feeds

    mine = approved(session, delegate, officer)
    read, calls = feeds.approved_registrations, []

    def withdrawn_before_the_third(user):
        # The version's, the sittings' (both before `theirs` is read), then the person's
        # part of the blocks to build: another request withdraws just before that one.
        calls.append(user)
        if len(calls) == 3:
            services.withdraw(mine, delegate)
        return read(user)

    monkeypatch.setattr(feeds, "approved_registrations", withdrawn_before_the_third)

    assert events(client, delegate) == []


def test_a_sitting_added_while_the_feed_is_built_then_deleted_leaves_the_feed(
    client, session, delegate, officer, room, monkeypatch
):
    from registration import feeds

    approved(session, delegate, officer)
    made, added = feeds.personal_notes, []

    def notes_then_a_sitting(registrations):
        notes = made(registrations)
        if not added:  # an officer, meanwhile
            added.append(
                sessions.schedule_sitting(
                    session,
                    title="Added by mistake",
                    room=room,
                    start=vienna(DAY, 19),
                    end=vienna(DAY, 20),
                )
            )
        return notes

    monkeypatch.setattr(feeds, "personal_notes", notes_then_a_sitting)
    events(client, delegate)
    added[0].delete()

    titles = [str(event["SUMMARY"]) for event in events(client, delegate)]

    assert titles == [f"1st plenary meeting, {session.short_name}"]


def test_query_count_is_fixed_whatever_the_number_of_sessions(
    client, room, delegate, officer, django_assert_num_queries
):
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    for index in range(4):
        session = session_of_a_day(room, date(2025, 2, 3 + index))
        approved(session, delegate, officer)
        if index == 0:
            # the token, the aggregate, the blocks' keys (the sittings listed, their
            # sessions' fields, the person's part of each), the registrations, the guides
            # (4: online's asks who joins online), the sittings' rows and the events not in
            # the cache (the sittings, their sessions, rooms and venues)
            with django_assert_num_queries(15) as first:
                client.get(url)

    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_the_calendar_page_needs_a_login(client):
    assert client.get("/profile/calendar/").status_code == 302


def shown_token(page: str) -> str:
    return re.search(r"webcal://testserver/calendar/feed/([A-Za-z0-9_-]+)\.ics", page)[1]


def test_the_calendar_page_offers_to_make_the_link(delegate_client):
    text = delegate_client.get("/profile/calendar/").text

    assert "/calendar/feed/" not in text
    assert 'action="/profile/calendar/replace/"' in text


def test_the_link_is_shown_when_it_is_made_and_opens_the_feed(client, delegate_client):
    page = delegate_client.post("/profile/calendar/replace/").text

    assert client.get(f"/calendar/feed/{shown_token(page)}.ics").status_code == 200


def test_the_calendar_page_does_not_show_a_link_made_before(delegate_client, delegate):
    token = feed_tokens.replace_token(delegate)

    text = delegate_client.get("/profile/calendar/").text

    assert token not in text and "/calendar/feed/" not in text
    assert 'action="/profile/calendar/replace/"' in text


def test_an_officer_gets_the_room_feeds_with_the_new_link(client, officer_client, room):
    page = officer_client.post("/profile/calendar/replace/").text

    token = shown_token(page)
    assert f"/calendar/rooms/{room.slug}.ics?token={token}" in page
    assert client.get(f"/calendar/rooms/{room.slug}.ics?token={token}").status_code == 200


def test_a_delegate_gets_no_room_feeds(delegate_client, room):
    assert "/calendar/rooms/" not in delegate_client.post("/profile/calendar/replace/").text


def test_logs_keep_only_the_start_of_a_feed_token():
    token = "AbCdEf" + "x" * 37
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /calendar/feed/{token}.ics HTTP/1.1", 200, 512),
        None,
    )

    MaskFeedTokens().filter(record)

    assert token not in record.getMessage() and "/calendar/feed/AbCdEf…" in record.getMessage()


def test_every_log_handler_masks_feed_tokens():
    from config import gunicorn

    for config in (settings.LOGGING, gunicorn.logconfig_dict):
        for handler in config["handlers"].values():
            assert "mask_feed_tokens" in handler["filters"]


def test_an_approval_changes_the_etag(client, session, delegate, officer):
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    etag = client.get(url)["ETag"]

    approved(session, delegate, officer)

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_change_to_online_changes_the_feed(client, session, delegate, officer):
    registration = approved(session, delegate, officer)
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    etag = client.get(url)["ETag"]

    services.switch_to_online(registration, delegate)

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and b"LOCATION:Online" in response.content


@pytest.mark.parametrize("name", ["django.request", "django.server", "registration"])
def test_every_handler_a_request_log_reaches_masks_feed_tokens(name):
    logger = logging.getLogger(name)
    handlers = []
    while logger:
        # pytest's own capturing handlers aside
        handlers += [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]
        logger = logger.parent if logger.propagate else None

    assert handlers
    assert all(any(isinstance(f, MaskFeedTokens) for f in handler.filters) for handler in handlers)
