"""Calendar feeds in the subscriber's language: public feeds in the language their
subscribe links carry, a person's feed in the language they chose; the ETag says which
language, so a cached copy in one language never answers for another."""

from datetime import date

import icalendar
import pytest
import vobject

from accounts import feed_tokens
from accounts.languages import set_preferred_language
from registration import services
from sessions_app import services as sessions
from tests.factories import SessionFactory, register, vienna

pytestmark = pytest.mark.django_db
DAY = date(2025, 1, 27)


@pytest.fixture
def session(room):
    session = SessionFactory(
        slug="ieg-2",
        title="Second meeting",
        short_name="IEG-2",
        format="hybrid",
        room=room,
        venue=room.venue,
    )
    session.short_name_ru = "МГЭ-2"
    session.save()
    sessions.schedule_sitting(
        session, title="1st plenary meeting", room=room, start=vienna(DAY, 10), end=vienna(DAY, 13)
    )
    sitting = session.sittings.get()
    sitting.title_ru = "1-е пленарное заседание"
    sitting.save()
    room.name_ru = "Зал заседаний D"
    room.save()
    return session


def summary_and_location(content: bytes) -> tuple[str, str]:
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    return str(event["SUMMARY"]), str(event["LOCATION"])


def test_the_subscribe_links_carry_the_pages_language(client, session):
    client.cookies.load({"django_language": "ru"})

    page = client.get("/sessions/ieg-2/").text

    assert "webcal://testserver/calendar/sessions/ieg-2.ics?lang=ru" in page
    assert "/calendar/sittings/" in page and ".ics?lang=ru" in page


def test_a_public_feed_is_in_the_language_of_its_link(client, session):
    response = client.get("/calendar/sessions/ieg-2.ics?lang=ru")

    summary, location = summary_and_location(response.content)
    assert summary == "1-е пленарное заседание, МГЭ-2"
    assert location.startswith("Зал заседаний D")
    assert response["Content-Language"] == "ru"
    # A second parser reads the same.
    (event,) = vobject.readOne(response.content.decode()).vevent_list
    assert event.summary.value == summary


def test_a_missing_translation_falls_back_to_english(client, session):
    summary, location = summary_and_location(
        client.get("/calendar/sessions/ieg-2.ics?lang=fr").content
    )

    assert summary == "1st plenary meeting, IEG-2"
    assert location.startswith("Boardroom D")


def test_an_unknown_language_is_the_requests(client, session):
    client.cookies.load({"django_language": "ru"})

    response = client.get("/calendar/sessions/ieg-2.ics?lang=xx")

    assert response["Content-Language"] == "ru"


def test_each_language_has_its_own_etag_and_a_304_only_for_its_own(client, session):
    russian = client.get("/calendar/sessions/ieg-2.ics?lang=ru")
    english = client.get("/calendar/sessions/ieg-2.ics?lang=en")

    assert russian["ETag"] != english["ETag"]
    again = client.get("/calendar/sessions/ieg-2.ics?lang=ru", HTTP_IF_NONE_MATCH=russian["ETag"])
    other = client.get("/calendar/sessions/ieg-2.ics?lang=en", HTTP_IF_NONE_MATCH=russian["ETag"])
    assert again.status_code == 304
    assert other.status_code == 200 and b"1st plenary meeting" in other.content


def test_the_cached_events_of_one_language_never_answer_for_another(client, session):
    """Events are kept in the cache once built: the Russian ones must not be served to
    an English subscriber (nor the other way round)."""
    client.get("/calendar/sessions/ieg-2.ics?lang=ru")

    summary, _location = summary_and_location(
        client.get("/calendar/sessions/ieg-2.ics?lang=en").content
    )

    assert summary == "1st plenary meeting, IEG-2"


def test_a_personal_feed_is_in_the_persons_chosen_language(client, session, delegate, officer):
    services.approve(register(session, email=delegate.email, mode="online"), officer)
    set_preferred_language(delegate, "ru")
    url = f"/calendar/feed/{feed_tokens.replace_token(delegate)}.ics"
    client.cookies.load({"django_language": "en"})

    russian = client.get(url)
    set_preferred_language(delegate, "en")
    english = client.get(url, HTTP_IF_NONE_MATCH=russian["ETag"])

    assert summary_and_location(russian.content)[0] == "1-е пленарное заседание, МГЭ-2"
    assert english.status_code == 200
    assert summary_and_location(english.content)[0] == "1st plenary meeting, IEG-2"


def test_the_personal_calendar_page_says_the_feeds_language(client, delegate):
    set_preferred_language(delegate, "ru")
    client.force_login(delegate)

    page = client.get("/profile/calendar/").text

    assert "Your calendar shows titles and rooms in Russian." in page
    assert 'href="/profile/"' in page


def test_a_rooms_feed_is_in_its_officers_language(client, session, officer):
    set_preferred_language(officer, "ru")
    token = feed_tokens.replace_token(officer)

    response = client.get(f"/calendar/rooms/boardroom-d.ics?token={token}")

    assert response["Content-Language"] == "ru"
    assert "Зал заседаний D" in icalendar.Calendar.from_ical(response.content)["X-WR-CALNAME"]
