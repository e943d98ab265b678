"""Content through the API in the six languages: Accept-Language chooses the language of
content fields (English where not translated) and Content-Language says it; conference
officers read every language at once (`?translations=1`) and change them with PATCH,
which takes `translations` and nothing else, all or nothing."""

from unittest.mock import patch

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from sessions_app.models import Session
from tests.factories import RoomFactory, SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]  # the UN's order, as the site's


@pytest.fixture
def api():
    return APIClient()


def bearer(user) -> APIClient:
    _, token = AuthToken.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def sitting(db):
    room = RoomFactory(
        slug="boardroom-d", name="Boardroom D", name_fr="Salle D", name_ar="القاعة د"
    )
    session = SessionFactory(
        slug="ieg",
        room=room,
        venue=room.venue,
        title="Expert group",
        title_fr="Groupe d'experts",
        title_ar="فريق الخبراء",
    )
    series = session.series
    series.name_fr, series.name_ar = "Série en français", "سلسلة"
    series.save()
    return SittingFactory(
        session=session,
        room=room,
        title="Opening",
        title_fr="Ouverture",
        title_ar="الافتتاح",
        agenda_items="Opening of the session\nElection of officers",
        agenda_items_fr="Ouverture de la session\nÉlection du bureau",
    )


def paths(sitting) -> dict[str, tuple[str, str]]:
    """Each content endpoint: its path and the content field to read."""
    return {
        "series": (f"/api/v1/series/{sitting.session.series.slug}/", "name"),
        "session": ("/api/v1/sessions/ieg/", "title"),
        "sitting": (f"/api/v1/sittings/{sitting.pk}/", "title"),
        "room": ("/api/v1/rooms/boardroom-d/", "name"),
    }


TRANSLATED = {
    "fr": {
        "series": "Série en français",
        "session": "Groupe d'experts",
        "sitting": "Ouverture",
        "room": "Salle D",
    },
    "ar": {"series": "سلسلة", "session": "فريق الخبراء", "sitting": "الافتتاح", "room": "القاعة د"},
}


@pytest.mark.parametrize("endpoint", ["series", "session", "sitting", "room"])
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_content_answers_in_the_language_of_accept_language(api, sitting, endpoint, language):
    path, field = paths(sitting)[endpoint]

    answer = api.get(path, HTTP_ACCEPT_LANGUAGE=language).json()

    assert answer[field] == TRANSLATED[language][endpoint]


@pytest.mark.parametrize("endpoint", ["series", "session", "sitting", "room"])
def test_content_not_translated_falls_back_to_english(api, sitting, endpoint):
    path, field = paths(sitting)[endpoint]

    answer = api.get(path, HTTP_ACCEPT_LANGUAGE="ru").json()

    assert answer[field] == api.get(path, HTTP_ACCEPT_LANGUAGE="en").json()[field] != ""


def test_lists_answer_in_the_language_too(api, sitting):
    answer = api.get("/api/v1/sittings/", HTTP_ACCEPT_LANGUAGE="fr").json()["results"][0]

    assert (answer["title"], answer["agenda_item_list"]) == (
        "Ouverture",
        ["Ouverture de la session", "Élection du bureau"],
    )


def test_a_sessions_venue_is_named_in_the_language(api, sitting):
    venue = sitting.session.venue
    venue.name_fr = "Centre international de Vienne"
    venue.save()

    answer = api.get("/api/v1/sessions/ieg/", HTTP_ACCEPT_LANGUAGE="fr").json()

    assert answer["venue"] == "Centre international de Vienne"


@pytest.mark.parametrize(("header", "expected"), [("fr", "fr"), ("ar", "ar"), ("de", "en")])
def test_the_answer_says_its_language(api, sitting, header, expected):
    response = api.get("/api/v1/sessions/ieg/", HTTP_ACCEPT_LANGUAGE=header)

    assert response["Content-Language"] == expected


def test_chinese_is_found_from_the_usual_headers(api, sitting):
    sitting.title_zh_hans = "开幕"
    sitting.save()

    answer = api.get(f"/api/v1/sittings/{sitting.pk}/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert answer.json()["title"] == "开幕"


def test_the_header_wins_over_the_language_cookie(api, sitting):
    api.cookies["django_language"] = "fr"

    answer = api.get("/api/v1/sessions/ieg/", HTTP_ACCEPT_LANGUAGE="ar").json()

    assert answer["title"] == "فريق الخبراء"


def test_a_header_without_a_language_of_the_site_answers_in_english(api, sitting):
    api.cookies["django_language"] = "fr"

    answer = api.get("/api/v1/sessions/ieg/", HTTP_ACCEPT_LANGUAGE="de-AT, de;q=0.8").json()

    assert answer["title"] == "Expert group"


# --- Every language at once, for officers ------------------------------------------------


def test_an_officer_reads_every_language_of_a_sitting(officer, sitting):
    answer = bearer(officer).get(f"/api/v1/sittings/{sitting.pk}/?translations=1").json()

    assert answer["translations"]["title"] == {
        "en": "Opening",
        "ar": "الافتتاح",
        "zh-hans": "",
        "fr": "Ouverture",
        "ru": "",
        "es": "",
    }


@pytest.mark.parametrize("endpoint", ["series", "session", "sitting", "room"])
def test_translations_name_every_content_field_in_every_language(officer, sitting, endpoint):
    path, field = paths(sitting)[endpoint]

    translations = bearer(officer).get(f"{path}?translations=1").json()["translations"]

    assert field in translations
    assert all(list(texts) == LANGUAGES for texts in translations.values())


def test_an_officer_who_does_not_ask_gets_no_translations(officer, sitting):
    assert "translations" not in bearer(officer).get("/api/v1/sessions/ieg/").json()


def test_a_delegate_who_asks_gets_no_translations(delegate, sitting):
    answer = bearer(delegate).get("/api/v1/sessions/ieg/?translations=1").json()

    assert "translations" not in answer


def test_anyone_else_who_asks_gets_no_translations(api, sitting):
    answer = api.get("/api/v1/sittings/?translations=1").json()["results"][0]

    assert "translations" not in answer


def rows(count: int) -> None:
    """Sittings, each of its own session and series, in a room of its own."""
    for _ in range(count):
        SittingFactory(room=RoomFactory())


@pytest.mark.parametrize("path", ["series", "sessions", "sittings", "rooms"])
def test_lists_with_translations_take_the_same_queries_for_more_rows(
    officer, path, django_assert_num_queries, django_assert_max_num_queries
):
    client = bearer(officer)
    rows(2)
    with django_assert_max_num_queries(6) as few:
        client.get(f"/api/v1/{path}/?translations=1")
    rows(20)

    with django_assert_num_queries(len(few.captured_queries)):
        answer = client.get(f"/api/v1/{path}/?translations=1")

    assert "translations" in answer.json()["results"][0]


# --- Changing them ----------------------------------------------------------------------


def test_an_officer_translates_a_session(officer, sitting):
    response = bearer(officer).patch(
        "/api/v1/sessions/ieg/",
        {"translations": {"title": {"ru": "Группа экспертов", "fr": "Groupe d'experts (2)"}}},
        format="json",
    )

    session = Session.objects.get(slug="ieg")
    assert response.status_code == 200
    assert (session.title_ru, session.title_fr, session.title_en) == (
        "Группа экспертов",
        "Groupe d'experts (2)",
        "Expert group",
    )
    assert response.json()["translations"]["title"]["ru"] == "Группа экспертов"


def test_an_empty_text_removes_a_translation(officer, sitting):
    bearer(officer).patch(
        f"/api/v1/sittings/{sitting.pk}/", {"translations": {"title": {"fr": ""}}}, format="json"
    )

    sitting.refresh_from_db()
    assert sitting.title_fr == ""


def test_a_sittings_agenda_keeps_its_lines(officer, sitting):
    bearer(officer).patch(
        f"/api/v1/sittings/{sitting.pk}/",
        {"translations": {"agenda_items": {"es": "Apertura del período\r\nElección de la Mesa  "}}},
        format="json",
    )

    sitting.refresh_from_db()
    assert sitting.agenda_items_es == "Apertura del período\nElección de la Mesa"


def test_a_translated_sitting_changes_its_calendar_feeds(
    officer, sitting, django_capture_on_commit_callbacks
):
    before = sitting.updated_at

    with (
        patch("sessions_app.tasks.warm_calendar_events.apply_async") as warm,
        django_capture_on_commit_callbacks(execute=True),
    ):
        bearer(officer).patch(
            f"/api/v1/sittings/{sitting.pk}/",
            {"translations": {"title": {"ru": "Открытие"}}},
            format="json",
        )

    sitting.refresh_from_db()
    assert sitting.updated_at > before
    assert warm.call_args.args[0] == ([sitting.pk],)


def test_a_translated_session_changes_its_sittings_feeds(officer, sitting):
    before = sitting.updated_at

    bearer(officer).patch(
        "/api/v1/sessions/ieg/", {"translations": {"short_name": {"fr": "GE"}}}, format="json"
    )

    sitting.refresh_from_db()
    assert sitting.updated_at > before


def test_a_translated_room_is_named_so(officer, sitting, api):
    bearer(officer).patch(
        "/api/v1/rooms/boardroom-d/", {"translations": {"name": {"es": "Sala D"}}}, format="json"
    )

    assert api.get("/api/v1/rooms/boardroom-d/", HTTP_ACCEPT_LANGUAGE="es").json()["name"] == (
        "Sala D"
    )


def test_a_translated_series_is_named_so(officer, sitting, api):
    slug = sitting.session.series.slug
    bearer(officer).patch(
        f"/api/v1/series/{slug}/", {"translations": {"name": {"ru": "Серия"}}}, format="json"
    )

    assert api.get(f"/api/v1/series/{slug}/", HTTP_ACCEPT_LANGUAGE="ru").json()["name"] == "Серия"


@pytest.mark.parametrize(
    ("translations", "where", "message"),
    [
        ({"title": {"de": "Eröffnung"}}, ["title", "de"], "No such language"),
        ({"status": {"fr": "cancelled"}}, ["status"], "No such content field"),
        ({"title": {"fr": "Deux\nlignes"}}, ["title", "fr"], "one line"),
        ({"title": {"fr": "x" * 201}}, ["title", "fr"], "at most 200"),
        ({"title": {"en": ""}}, ["title", "en"], "English text is required"),
        ({"title": {"fr": 3}}, ["title", "fr"], "as a string"),
        ({"title": "Ouverture"}, ["title"], "object of languages"),
        ({"agenda_items": {"fr": "Point\x00un\nDeux"}}, ["agenda_items", "fr"], "control"),
        ({"agenda_items": {"fr": "Un seul point"}}, ["agenda_items", "fr"], "has 2 lines"),
        ({"title": {"fr": "Ouverture 76/182"}, "title_fr": {}}, ["title_fr"], "No such content"),
    ],
)
def test_bad_content_is_refused_with_a_clear_message(
    officer, sitting, translations, where, message
):
    response = bearer(officer).patch(
        f"/api/v1/sittings/{sitting.pk}/", {"translations": translations}, format="json"
    )

    errors = response.json()["translations"]
    for key in where:
        errors = errors[key]
    assert response.status_code == 400
    assert message in " ".join(errors)


def test_one_bad_text_changes_nothing(officer, sitting):
    response = bearer(officer).patch(
        f"/api/v1/sittings/{sitting.pk}/",
        {"translations": {"title": {"ru": "Открытие", "xx": "?"}}},
        format="json",
    )

    sitting.refresh_from_db()
    assert response.status_code == 400
    assert not sitting.title_ru


@pytest.mark.parametrize("body", [{"title": "New"}, {"translations": {}, "end": "2030-01-01"}])
def test_patch_changes_translations_and_nothing_else(officer, sitting, body):
    before = (sitting.title_en, sitting.end)

    response = bearer(officer).patch(f"/api/v1/sittings/{sitting.pk}/", body, format="json")

    sitting.refresh_from_db()
    assert response.status_code == 400
    assert (sitting.title_en, sitting.end) == before


def test_the_anonymous_cannot_translate(api, sitting):
    response = api.patch(
        "/api/v1/sessions/ieg/", {"translations": {"title": {"fr": "X"}}}, format="json"
    )

    assert response.status_code == 401


@pytest.mark.parametrize("path", ["sessions/ieg", "series/{series}", "rooms/boardroom-d"])
def test_a_delegate_cannot_translate(delegate, sitting, path):
    path = path.format(series=sitting.session.series.slug)

    response = bearer(delegate).patch(
        f"/api/v1/{path}/", {"translations": {"name": {"fr": "X"}}}, format="json"
    )

    assert response.status_code == 403


def test_a_delegate_cannot_translate_a_sitting(delegate, sitting):
    response = bearer(delegate).patch(
        f"/api/v1/sittings/{sitting.pk}/", {"translations": {"title": {"fr": "X"}}}, format="json"
    )

    sitting.refresh_from_db()
    assert response.status_code == 403
    assert sitting.title_fr == "Ouverture"


def test_put_is_not_offered(officer, sitting):
    response = bearer(officer).put(
        f"/api/v1/sittings/{sitting.pk}/", {"translations": {}}, format="json"
    )

    assert response.status_code == 405
