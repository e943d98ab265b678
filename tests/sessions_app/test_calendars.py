"""Feeds parsed by icalendar and by a second, independent parser (vobject)."""

from datetime import date, datetime, timedelta

import icalendar
import pytest
import vobject
from django.utils import timezone

from sessions_app import calendars, services
from sessions_app.models import Session, Sitting
from tests.factories import SessionFactory, vienna

pytestmark = pytest.mark.django_db
DAY = date(2025, 1, 27)


@pytest.fixture
def session(room):
    session = SessionFactory(
        slug="ieg-2-2025",
        short_name="IEG-2",
        room=room,
        venue=room.venue,
        languages=["ar", "zh", "en", "fr", "ru", "es"],
    )
    for hour in (10, 15):
        services.schedule_sitting(
            session,
            title=f"Sitting at {hour}",
            room=room,
            start=vienna(DAY, hour),
            end=vienna(DAY, hour + 3),
            agenda_items="1. Opening of the meeting",
        )
    return session


def feed(client, slug="ieg-2-2025", **headers):
    return client.get(f"/calendar/sessions/{slug}.ics", **headers)


def events(body: bytes) -> list:
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


def test_the_feed_is_text_calendar_with_etag_and_last_modified(client, session):
    response = feed(client)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["ETag"] and response["Last-Modified"]


def test_both_parsers_read_the_local_times_in_vienna(client, session):
    body = feed(client).content

    first = events(body)[0]
    parsed = vobject.readOne(body.decode())
    assert first["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert first.decoded("DTSTART").replace(tzinfo=None) == datetime(2025, 1, 27, 10)
    assert parsed.vevent.dtstart.value.hour == 10
    assert parsed.vevent.dtstart.value.utcoffset().total_seconds() == 3600


def test_every_tzid_used_has_its_vtimezone(client, session):
    calendar = icalendar.Calendar.from_ical(feed(client).content)

    used = {event["DTSTART"].params["TZID"] for event in calendar.walk("VEVENT")}
    assert used == {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}


def test_the_calendar_says_how_often_to_refresh(client, session):
    body = feed(client).content.decode()

    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in body and "X-PUBLISHED-TTL:PT1H" in body
    assert "X-WR-CALNAME:IEG-2" in body


def test_uids_and_bytes_are_stable_across_runs(client, session):
    assert feed(client).content == feed(client).content


def test_a_change_of_time_raises_the_sequence_and_keeps_the_uid(client, session):
    before = {e["UID"]: int(e["SEQUENCE"]) for e in events(feed(client).content)}
    sitting = session.sittings.order_by("start").first()
    sitting.start, sitting.end = vienna(DAY, 9), vienna(DAY, 12)
    services.save_sitting(sitting)

    after = {e["UID"]: int(e["SEQUENCE"]) for e in events(feed(client).content)}

    assert set(before) == set(after)
    assert sorted(after.values()) == [0, 1]


def test_a_cancelled_sitting_stays_in_the_feed_marked_cancelled(client, session):
    services.cancel_sitting(session.sittings.order_by("start").first())

    statuses = sorted(str(e["STATUS"]) for e in events(feed(client).content))

    assert statuses == ["CANCELLED", "CONFIRMED"]


def test_events_carry_location_geo_agenda_and_languages(client, session):
    venue = session.venue
    venue.latitude, venue.longitude, venue.address = 48.2344, 16.417, "Wagramer Strasse 5"
    venue.save()

    event = events(feed(client).content)[0]

    assert "Boardroom D" in str(event["LOCATION"]) and "Wagramer" in str(event["LOCATION"])
    assert event.decoded("GEO") is not None
    assert "Opening of the meeting" in str(event["DESCRIPTION"])
    assert "Arabic" in str(event["DESCRIPTION"])


def test_a_matching_etag_gets_304_without_building(client, session, django_assert_num_queries):
    etag = feed(client)["ETag"]

    with django_assert_num_queries(2):  # the session, and one aggregate
        response = feed(client, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and not response.content


def test_a_change_gives_a_new_etag(client, session):
    etag = feed(client)["ETag"]
    services.cancel_sitting(session.sittings.first())

    response = feed(client, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200 and response["ETag"] != etag


def test_query_count_is_fixed_whatever_the_number_of_sittings(
    client, room, django_assert_num_queries
):
    few = SessionFactory(slug="few", room=room, venue=room.venue)
    many = SessionFactory(
        slug="many",
        room=room,
        venue=room.venue,
        start_date=date(2025, 3, 3),
        end_date=date(2025, 3, 14),
    )
    services.schedule_sitting(
        few, title="Only", room=room, start=vienna(DAY, 10), end=vienna(DAY, 13)
    )
    for day in range(3, 15):
        services.schedule_sitting(
            many,
            title=f"Day {day}",
            room=room,
            start=vienna(date(2025, 3, day), 10),
            end=vienna(date(2025, 3, day), 13),
        )
    # the session, the version, the sittings listed and their sessions' fields (the blocks'
    # keys), the rows of the blocks to build, the sittings whose events are not cached yet
    # with their sessions, rooms and venues (each fetched once for all the sittings)
    with django_assert_num_queries(9):
        feed(client, "few")

    with django_assert_num_queries(9):
        feed(client, "many")


def test_daylight_saving_keeps_local_times(client, room):
    """A session over the last Sunday of March 2024 (clocks forward on 31 March)."""
    session = SessionFactory(
        slug="spring",
        room=room,
        venue=room.venue,
        start_date=date(2024, 3, 29),
        end_date=date(2024, 4, 2),
    )
    for day in (date(2024, 3, 29), date(2024, 4, 2)):
        services.schedule_sitting(
            session, title=str(day), room=room, start=vienna(day, 10), end=vienna(day, 13)
        )

    parsed = vobject.readOne(feed(client, "spring").content.decode())
    starts = sorted(event.dtstart.value for event in parsed.vevent_list)

    assert [start.hour for start in starts] == [10, 10]
    assert [start.utcoffset().total_seconds() / 3600 for start in starts] == [1, 2]


def test_a_single_sitting_downloads_as_one_event(client, session):
    sitting = session.sittings.first()

    response = client.get(f"/calendar/sittings/{sitting.pk}.ics")

    assert "attachment" in response["Content-Disposition"]
    assert len(events(response.content)) == 1


def test_the_session_page_offers_webcal_google_and_download(client, session):
    text = client.get("/sessions/ieg-2-2025/").text

    assert "webcal://testserver/calendar/sessions/ieg-2-2025.ics" in text
    assert "calendar.google.com/calendar/r?cid=http%3A%2F%2Ftestserver" in text


def test_the_series_feed_has_one_all_day_event_per_session_and_the_sittings(client, session):
    calendar = icalendar.Calendar.from_ical(
        client.get(f"/calendar/series/{session.series.slug}.ics").content
    )

    spans = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("session-")]
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in spans] == [
        (session.start_date, date(2025, 2, 1))
    ]
    assert len(calendar.walk("VEVENT")) == 3


class TestRoomFeed:
    @pytest.fixture
    def booking(self, room):
        soon = timezone.localdate() + timedelta(days=7)  # the feed shows recent bookings on
        return services.book_room(
            room, vienna(soon, 8), vienna(soon, 9, 30), purpose="Informal consultations"
        )

    def test_officers_get_the_bookings_with_their_purpose(self, officer_client, room, booking):
        body = officer_client.get(f"/calendar/rooms/{room.slug}.ics").content

        summaries = {str(e["SUMMARY"]) for e in events(body)}
        assert "Informal consultations" in summaries
        assert vobject.readOne(body.decode()).vevent.dtstart.value.tzinfo is not None

    def test_a_calendar_app_uses_the_officers_token(self, client, officer, room, booking):
        from accounts.feed_tokens import replace_token

        response = client.get(f"/calendar/rooms/{room.slug}.ics?token={replace_token(officer)}")

        assert response.status_code == 200

    def test_anonymous_is_refused(self, client, room, booking):
        assert client.get(f"/calendar/rooms/{room.slug}.ics").status_code == 403

    def test_a_delegates_token_is_refused(self, client, delegate, room, booking):
        from accounts.feed_tokens import replace_token

        response = client.get(f"/calendar/rooms/{room.slug}.ics?token={replace_token(delegate)}")

        assert response.status_code == 403

    def test_a_moved_booking_gets_a_higher_sequence(self, officer_client, room, booking):
        before = int(
            events(officer_client.get(f"/calendar/rooms/{room.slug}.ics").content)[0]["SEQUENCE"]
        )
        booking.created_at = booking.created_at.replace(year=2024)
        booking.save(update_fields=["created_at"])
        booking.end = booking.end + timedelta(minutes=15)
        services.save_booking(booking)

        found = events(officer_client.get(f"/calendar/rooms/{room.slug}.ics").content)

        booking_event = next(e for e in found if str(e["UID"]).startswith("booking-"))
        assert int(booking_event["SEQUENCE"]) > before


def test_officers_are_offered_to_make_their_calendar_link_on_the_room_page(
    officer_client, officer, room
):
    from accounts.feed_tokens import replace_token

    token = replace_token(officer)

    text = officer_client.get(f"/rooms/{room.slug}/").text

    assert token not in text and "/calendar/rooms/" not in text
    assert 'action="/profile/calendar/replace/"' in text


def test_the_public_room_page_has_no_room_feed(client, room):
    assert "/calendar/rooms/" not in client.get(f"/rooms/{room.slug}/").text


def test_each_sitting_has_a_google_calendar_link_in_local_time(client, session):
    text = client.get("/sessions/ieg-2-2025/").text

    assert "action=TEMPLATE" in text
    assert "dates=20250127T100000%2F20250127T130000&amp;ctz=Europe%2FVienna" in text


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_a_changed_sitting_s_events_are_built_before_anyone_asks(
    client, room, language, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django.conf import settings

    session = SessionFactory(slug="warm", room=room, venue=room.venue)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_sitting(
            session,
            title="1st plenary meeting",
            room=room,
            start=vienna(date(2025, 3, 3), 10),
            end=vienna(date(2025, 3, 3), 13),
        )
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: language})

    # the session, the version, the sittings listed and their session's fields: no block
    # left to build
    with django_assert_num_queries(4):
        response = feed(client, "warm")

    assert response.content.count(b"BEGIN:VEVENT") == 1


def test_a_title_with_a_line_break_gives_a_readable_feed(client, session):
    sitting = session.sittings.first()
    session.sittings.filter(pk=sitting.pk).update(title="Opening\nof the meeting")

    response = client.get(f"/calendar/sittings/{sitting.pk}.ics")

    assert response.status_code == 200
    assert events(response.content)[0]["SUMMARY"].startswith("Opening")


def test_the_feeds_text_keeps_a_line_break_as_written(client, session):
    session.sittings.update(title="Opening\nof the meeting")
    sitting = session.sittings.first()

    body = client.get(f"/calendar/sittings/{sitting.pk}.ics").content

    assert b"X-WR-CALNAME:Opening\\nof the meeting\r\n" in body


def test_two_sittings_saved_at_the_same_instant_each_download_as_themselves(client, session):
    first, second = session.sittings.order_by("start")
    # One content import marks every sitting of the session updated at the same instant.
    services.shown_changed(sessions=[session.pk])

    files = [client.get(f"/calendar/sittings/{s.pk}.ics").content for s in (first, second)]

    assert [str(events(body)[0]["SUMMARY"]) for body in files] == [
        "Sitting at 10, IEG-2",
        "Sitting at 15, IEG-2",
    ]


def test_a_sitting_s_file_is_not_its_session_s_block_when_sittings_run_in_parallel(client, room):
    session = SessionFactory(slug="par", short_name="PAR", room=room, venue=room.venue)
    services.schedule_sitting(
        session, title="Plenary", room=room, start=vienna(DAY, 10), end=vienna(DAY, 13)
    )
    informal = services.schedule_sitting(
        session, title="Informal", room=None, start=vienna(DAY, 10), end=vienna(DAY, 13)
    )
    feed(client, "par")

    alone = client.get(f"/calendar/sittings/{informal.pk}.ics").content

    assert [str(event["SUMMARY"]) for event in events(alone)] == ["Informal, PAR"]


def test_a_sitting_saved_with_an_earlier_stamp_than_another_s_still_shows(client, session):
    """Two sittings saved at once: the one that took its `updated_at` first commits last
    (or its server's clock is a little behind). A feed built in between must not keep it
    as it was."""
    from unittest import mock

    first, second = session.sittings.order_by("start")
    began = timezone.now()
    second.title = "Second, renamed"
    services.save_sitting(second)
    feed(client)  # a poll in between
    with mock.patch("django.utils.timezone.now", return_value=began):
        first.title = "First, renamed"
        services.save_sitting(first)
    calendars.warm(Sitting.objects.filter(pk=first.pk))  # the task after its commit

    body = calendars.session_calendar(Session.objects.get(pk=session.pk))

    assert [str(event["SUMMARY"]) for event in events(body)] == [
        "First, renamed, IEG-2",
        "Second, renamed, IEG-2",
    ]


def test_a_save_stamped_before_another_s_but_committed_after_it_moves_the_etag(client, session):
    from unittest import mock

    first, second = session.sittings.order_by("start")
    began = timezone.now()
    second.title = "Second, renamed"
    services.save_sitting(second)
    etag = feed(client)["ETag"]
    with mock.patch("django.utils.timezone.now", return_value=began):
        first.title = "First, renamed"
        services.save_sitting(first)

    polled = feed(client, HTTP_IF_NONE_MATCH=etag)

    assert polled.status_code == 200
    assert [str(event["SUMMARY"]) for event in events(polled.content)] == [
        "First, renamed, IEG-2",
        "Second, renamed, IEG-2",
    ]


def test_a_session_s_short_name_in_french_shows_once_given(client, session):
    def summaries():
        body = client.get("/calendar/sessions/ieg-2-2025.ics?lang=fr").content
        return [str(event["SUMMARY"]) for event in events(body)]

    assert summaries() == ["Sitting at 10, IEG-2", "Sitting at 15, IEG-2"]  # the English

    session.short_name_fr = "GIE-2"
    session.save()

    assert summaries() == ["Sitting at 10, GIE-2", "Sitting at 15, GIE-2"]


def test_a_feed_s_stamps_are_exact_to_the_microsecond(session):
    from datetime import UTC

    from django.db.models import Sum

    sittings = session.sittings.all()
    first = sittings.order_by("start").first()
    before = calendars.version(sittings)[0]
    Sitting.objects.filter(pk=first.pk).update(
        updated_at=first.updated_at + timedelta(microseconds=1)
    )

    found = sittings.aggregate(
        seconds=Sum(calendars.Seconds("updated_at")), micros=Sum(calendars.SubSecond("updated_at"))
    )

    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    exact = sum((s.updated_at - epoch) // timedelta(microseconds=1) for s in sittings)
    assert int(found["seconds"]) * 1_000_000 + int(found["micros"]) == exact
    assert calendars.version(sittings)[0] != before


def test_a_feed_of_many_thousand_sittings_has_a_version(session):
    first = session.sittings.first()
    Sitting.objects.bulk_create(
        Sitting(
            session=session, title=f"{n}", start=first.start, end=first.end, format=first.format
        )
        for n in range(6000)
    )

    etag, changed = calendars.version(session.sittings.all())

    assert etag and changed


def test_a_session_s_slug_changed_without_its_updated_at_shows_in_its_series_feed(client, session):
    url = f"/calendar/series/{session.series.slug}.ics"
    before = client.get(url)

    Session.objects.filter(pk=session.pk).update(slug="ieg-3-2025")

    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    urls = [str(e["URL"]) for e in events(after.content) if str(e["UID"]).startswith("sitting")]
    assert len(urls) == 2 and all("/sessions/ieg-3-2025/" in url for url in urls)


def test_a_session_renamed_shows_in_its_feed_and_its_series_feed(client, session):
    series_url = f"/calendar/series/{session.series.slug}.ics"
    feed(client), client.get(series_url)

    session.short_name = "IEG-3"
    session.save()

    for body in (feed(client).content, client.get(series_url).content):
        summaries = [
            str(event["SUMMARY"]) for event in events(body) if "Sitting" in str(event["SUMMARY"])
        ]
        assert summaries == ["Sitting at 10, IEG-3", "Sitting at 15, IEG-3"]


def saved_in_the_admin(officer_client, obj, **changes) -> None:
    """Post the object's admin change form as it stands (with its inlines), with these
    changes."""
    url = f"/admin/sessions_app/{obj._meta.model_name}/{obj.pk}/change/"
    page = officer_client.get(url).context
    data = {k: v for k, v in page["adminform"].form.initial.items() if v is not None}
    for inline in page["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data |= {management.add_prefix(k): v for k, v in management.initial.items()}
        for form in formset.forms:
            data |= {form.add_prefix(k): v for k, v in form.initial.items() if v is not None}
            data |= {
                form.add_prefix("id"): form.instance.pk,
                form.add_prefix(formset.fk.name): obj.pk,
            }
    response = officer_client.post(url, data | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_a_room_renamed_in_the_admin_shows_at_the_next_poll(client, officer_client, session):
    etag = feed(client)["ETag"]

    saved_in_the_admin(officer_client, session.room, name_en="Boardroom E")

    polled = feed(client)
    assert polled["ETag"] != etag
    assert all("Boardroom E" in str(event["LOCATION"]) for event in events(polled.content))
    assert feed(client, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_venue_saved_in_the_admin_moves_its_sittings_feeds(client, officer_client, session):
    etag = feed(client)["ETag"]

    saved_in_the_admin(
        officer_client, session.room.venue, address="Wagramer Strasse 5, 1400 Vienna, Austria"
    )

    polled = feed(client)
    assert polled["ETag"] != etag
    assert all("Wagramer Strasse 5" in str(event["LOCATION"]) for event in events(polled.content))


def test_a_series_renamed_in_the_admin_shows_at_the_next_poll(client, officer_client, session):
    url = f"/calendar/series/{session.series.slug}.ics"
    etag = client.get(url)["ETag"]

    saved_in_the_admin(officer_client, session.series, short_name_en="CCPCJ")

    polled = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert polled.status_code == 200
    assert str(icalendar.Calendar.from_ical(polled.content)["X-WR-CALNAME"]).startswith("CCPCJ")
