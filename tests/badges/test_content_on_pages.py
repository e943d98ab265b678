"""Every page that names a session, a sitting or a room shows it in the reader's language,
and where it has no translation shows the English marked lang="en" (screen readers then
switch voice); never blank."""

import pytest

from tests.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db

ENGLISH = "Second meeting of the expert group"
RUSSIAN = "Второе совещание группы экспертов"
OFFICERS_PAGES = [
    "/sessions/ieg-2/console/",
    "/sessions/ieg-2/badges/",
    "/sessions/ieg-2/gate/",
    "/sessions/ieg-2/console/attendance/",
    "/sessions/ieg-2/interpretation/",
    "/interpretation/",
]


@pytest.fixture
def session(room):
    session = SessionFactory(
        slug="ieg-2", format="hybrid", title=ENGLISH, room=room, venue=room.venue
    )
    SittingFactory(session=session, room=room, title="1st plenary meeting")
    return session


def page(client, path: str, language: str) -> str:
    client.cookies.load({"django_language": language})
    response = client.get(path)
    assert response.status_code == 200, path
    return response.text


@pytest.mark.parametrize("path", OFFICERS_PAGES)
def test_an_officers_page_marks_the_english_fallback(officer_client, session, path):
    text = page(officer_client, path, "ru")

    assert f'<span lang="en" dir="ltr">{ENGLISH}</span>' in text


@pytest.mark.parametrize("path", OFFICERS_PAGES)
def test_an_officers_page_shows_the_translation_unmarked(officer_client, session, path):
    session.title_ru = RUSSIAN
    session.save()

    text = page(officer_client, path, "ru")

    assert RUSSIAN in text and f'<span lang="en" dir="ltr">{ENGLISH}</span>' not in text


def test_the_interpretation_page_of_a_sitting_marks_its_english_title(officer_client, session):
    sitting = session.sittings.get()

    text = page(officer_client, f"/sessions/ieg-2/interpretation/sittings/{sitting.pk}/", "ar")

    assert '<h1><span lang="en" dir="ltr">1st plenary meeting</span></h1>' in text


def test_a_rooms_week_marks_its_english_name(officer_client, session):
    text = page(officer_client, "/rooms/boardroom-d/week/", "zh-hans")

    assert '<span lang="en" dir="ltr">Boardroom D</span>' in text
