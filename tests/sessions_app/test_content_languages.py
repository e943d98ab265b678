"""Content (titles, agenda items, room names) in the reader's language, English where a
translation is missing, marked lang="en"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.demo import AGENDA
from config.demo_content import AGENDA_ITEMS, SESSION_TITLES, translate_content
from tests.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


@pytest.fixture
def second_meeting(room):
    """ieg-2-2025 as the demo has it: its title and agenda items in the six languages."""
    session = SessionFactory(
        slug="ieg-2-2025", title="Second meeting of the expert group", room=room, venue=room.venue
    )
    for items in (AGENDA[:2], AGENDA[2:3], AGENDA[3:]):
        SittingFactory(session=session, room=room, agenda_items="\n".join(items))
    translate_content(session.series, [session])
    return session


def page_in(client, language: str, slug: str = "ieg-2-2025") -> str:
    client.cookies.load({"django_language": language})
    return client.get(f"/sessions/{slug}/").text


@pytest.mark.parametrize(
    ("language", "column"), [("ar", "ar"), ("zh-hans", "zh_hans"), ("ru", "ru")]
)
def test_second_meeting_shows_its_title_in_the_readers_script(
    client, second_meeting, language, column
):
    text = page_in(client, language)

    assert f"<h1>{SESSION_TITLES['ieg-2-2025'][column]}</h1>" in text


@pytest.mark.parametrize(
    ("language", "column"), [("ar", "ar"), ("zh-hans", "zh_hans"), ("ru", "ru")]
)
def test_second_meeting_shows_its_agenda_items_in_the_readers_script(
    client, second_meeting, language, column
):
    text = page_in(client, language)

    assert all(f">{AGENDA_ITEMS[item][column]}</li>" in text for item in AGENDA)


def test_the_english_page_shows_the_english_agenda_unmarked(client, second_meeting):
    text = page_in(client, "en")

    assert all(f'<li dir="auto">{item}</li>' in text for item in AGENDA)


def test_a_missing_translation_shows_the_english_marked_as_english(client, room):
    SessionFactory(slug="untranslated", title="Meeting of the working group", room=room)

    text = page_in(client, "fr", "untranslated")

    assert '<h1><span lang="en" dir="ltr">Meeting of the working group</span></h1>' in text


def test_a_missing_agenda_translation_shows_the_english_items_marked_as_english(client, room):
    session = SessionFactory(slug="untranslated")
    SittingFactory(session=session, agenda_items="1. Opening of the meeting")

    text = page_in(client, "ru", "untranslated")

    assert '<li dir="auto"><span lang="en" dir="ltr">1. Opening of the meeting</span></li>' in text


def test_text_typed_in_another_language_only_shows_marked_with_that_language(client, room):
    session = SessionFactory(slug="typed-in-french")
    type(session).objects.filter(pk=session.pk).update(
        title_en="", title_fr="Réunion du groupe de travail"
    )

    text = page_in(client, "en", "typed-in-french")

    assert '<h1><span lang="fr" dir="ltr">Réunion du groupe de travail</span></h1>' in text


def test_a_room_name_without_translation_shows_in_english_on_its_page(client, room):
    client.cookies.load({"django_language": "es"})

    text = client.get(f"/rooms/{room.slug}/").text

    assert f'<h1><span lang="en" dir="ltr">{room.name}</span></h1>' in text


def test_a_translated_room_name_shows_in_the_readers_language(client, room):
    room.name_fr = "Salle de conférence D"
    room.save()
    client.cookies.load({"django_language": "fr"})

    assert "<h1>Salle de conférence D</h1>" in client.get(f"/rooms/{room.slug}/").text


def test_the_home_page_shows_the_series_and_session_titles_translated(client, second_meeting):
    client.cookies.load({"django_language": "zh-hans"})

    text = client.get("/").text

    assert SESSION_TITLES["ieg-2-2025"]["zh_hans"] in text and "减少再犯问题" in text


def queries_for(client, language: str, slug: str) -> int:
    client.cookies.load({"django_language": language})
    with CaptureQueriesContext(connection) as context:
        client.get(f"/sessions/{slug}/")
    return len(context.captured_queries)


def test_session_page_query_count_is_the_same_in_every_language_and_for_more_sittings(
    client, second_meeting, room
):
    many = SessionFactory(slug="many-sittings")
    SittingFactory.create_batch(20, session=many, room=room, agenda_items="\n".join(AGENDA))

    counts = {
        queries_for(client, language, slug)
        for language in LANGUAGES
        for slug in ("ieg-2-2025", "many-sittings")
    }

    assert len(counts) == 1


def test_the_list_of_rooms_marks_an_untranslated_room_name_as_english(client, room):
    client.cookies.load({"django_language": "ar"})

    text = client.get("/rooms/").text

    assert f'<span lang="en" dir="ltr">{room.name}</span>' in text
