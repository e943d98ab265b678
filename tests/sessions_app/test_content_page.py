"""Officers edit a session's texts in the six languages side by side, the missing ones marked
and counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from config.demo_content import AGENDA_ITEMS
from sessions_app import content_units, services
from sessions_app.content_units import missing_counts, session_units
from sessions_app.models import Series, Session, Sitting
from tests.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db

AGENDA = "1. Opening of the meeting\n2. Adoption of the agenda"


@pytest.fixture
def session(room):
    session = SessionFactory(slug="ieg-2-2025", title="Second meeting", room=room, venue=room.venue)
    SittingFactory(session=session, room=room, title="1st plenary meeting", agenda_items=AGENDA)
    return session


def page(client, session, query=""):
    return client.get(f"/sessions/{session.slug}/content/{query}")


def test_an_anonymous_visitor_is_sent_to_log_in(client, session):
    response = page(client, session)

    assert response.status_code == 302 and "/login/" in response.url


def test_a_delegate_may_not_see_the_page(delegate_client, session):
    assert page(delegate_client, session).status_code == 403


def test_a_delegate_may_not_save(delegate_client, session):
    delegate_client.post(
        f"/sessions/{session.slug}/content/", {f"session.{session.pk}.title|fr": "X"}
    )

    assert Session.objects.get().title_fr is None


def test_an_officer_sees_the_six_languages_english_first(officer_client, session):
    text = page(officer_client, session).text

    columns = [f'name="session.{session.pk}.title|{code}"' for code in LANGUAGES]
    positions = [text.index(column) for column in columns]
    assert positions == sorted(positions)


LANGUAGES = ["en", "ar", "zh-hans", "fr", "ru", "es"]


def test_arabic_fields_are_written_right_to_left(officer_client, session):
    text = page(officer_client, session).text

    assert f'name="session.{session.pk}.title|ar" value="" lang="ar" dir="rtl"' in text


def test_a_missing_translation_is_marked_in_words(officer_client, session):
    text = page(officer_client, session, "?language=fr").text

    assert f'id="c-session-{session.pk}-title-fr-missing">Missing</span>' in text


def test_a_present_translation_is_not_marked(officer_client, session):
    Session.objects.update(title_fr="Deuxième réunion")

    text = page(officer_client, session, "?language=fr").text

    assert f'id="c-session-{session.pk}-title-fr-missing"' not in text


def test_the_language_filter_shows_english_beside_the_chosen_language(officer_client, session):
    text = page(officer_client, session, "?language=fr").text

    assert "title|fr" in text and "title|ru" not in text and "title|en" in text


def test_the_missing_count_counts_pairs_with_english_and_no_translation(session):
    units = session_units(session)
    with_english = sum(bool(unit.source) for unit in units)
    Sitting.objects.update(title_fr="1re séance plénière")

    counts = missing_counts(session_units(session))

    assert counts["fr"] == with_english - 1 and counts["ar"] == with_english


def test_the_units_are_the_session_its_series_sittings_venue_and_room(session, room):
    sitting = session.sittings.get()

    ids = {unit.id for unit in session_units(session)}

    assert {
        f"session.{session.pk}.title",
        f"session.{session.pk}.joining_details",
        f"series.{session.series_id}.name",
        f"sitting.{sitting.pk}.agenda_items",
        f"venue.{room.venue_id}.name",
        f"room.{room.pk}.name",
    } <= ids


def test_the_session_page_shows_officers_the_missing_count(officer_client, session):
    total = sum(missing_counts(session_units(session)).values())

    text = officer_client.get(f"/sessions/{session.slug}/").text

    assert f"Content in six languages ({total} missing)" in text


def test_the_session_page_shows_delegates_no_content_link(delegate_client, session):
    text = delegate_client.get(f"/sessions/{session.slug}/").text

    assert "/content/" not in text


def _count_queries(client, session) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert page(client, session).status_code == 200
    return len(queries)


def test_the_page_takes_as_many_queries_for_many_sittings_as_for_one(officer_client, session, room):
    _count_queries(officer_client, session)  # warm the session and permission caches
    one = _count_queries(officer_client, session)
    for hour in range(5):
        other_room = room.__class__.objects.create(
            venue=room.venue, name=f"Room {hour}", slug=f"r-{hour}", capacity=10
        )
        SittingFactory(session=session, room=other_room, agenda_items=AGENDA)

    assert _count_queries(officer_client, session) == one


def test_the_missing_count_takes_as_many_queries_for_many_sittings(session, room):
    with CaptureQueriesContext(connection) as one:
        missing_counts(session_units(session))
    SittingFactory.create_batch(5, session=session, room=room, agenda_items=AGENDA)

    with CaptureQueriesContext(connection) as six:
        missing_counts(session_units(session))

    assert len(six) == len(one)


def _post(client, session, data, query=""):
    return client.post(f"/sessions/{session.slug}/content/{query}", data)


def test_an_officer_saves_translations_in_several_languages(officer_client, session):
    response = _post(
        officer_client,
        session,
        {
            f"session.{session.pk}.title|fr": "Deuxième réunion",
            f"session.{session.pk}.title|ar": "الاجتماع الثاني",
        },
    )

    saved = Session.objects.get()
    assert response.status_code == 302
    assert (saved.title_fr, saved.title_ar) == ("Deuxième réunion", "الاجتماع الثاني")


def test_a_saved_translation_shows_on_the_session_page(officer_client, client, session):
    _post(officer_client, session, {f"session.{session.pk}.title|fr": "Deuxième réunion"})
    client.cookies.load({"django_language": "fr"})

    assert "<h1>Deuxième réunion</h1>" in client.get(f"/sessions/{session.slug}/").text


def test_a_title_on_two_lines_is_refused_and_nothing_is_saved(officer_client, session):
    response = _post(
        officer_client,
        session,
        {
            f"session.{session.pk}.title|fr": "Deuxième\nréunion",
            f"series.{session.series_id}.name|fr": "Groupe d'experts",
        },
    )

    assert response.status_code == 400
    assert "Write this on one line" in response.text
    assert Series.objects.get().name_fr is None


@pytest.mark.parametrize("language", ["en", "fr"])
def test_joining_details_with_a_web_link_are_refused_in_every_language(
    officer_client, session, language
):
    """They are mailed to every online participant and cannot be taken back: the
    platform's link is reached through each person's own join link only."""
    response = _post(
        officer_client,
        session,
        {f"session.{session.pk}.joining_details|{language}": "Zoom: https://zoom.us/j/1?pwd=x"},
    )

    assert response.status_code == 400
    assert "Put no web link here" in response.text
    assert not Session.objects.get().joining_details


def test_agenda_items_must_keep_one_item_per_line(officer_client, session):
    sitting = session.sittings.get()

    response = _post(
        officer_client,
        session,
        {f"sitting.{sitting.pk}.agenda_items|fr": "1. Ouverture de la réunion"},
    )

    assert "The English has 2 lines; this has 1." in response.text
    assert Sitting.objects.get().agenda_items_fr is None


def test_agenda_items_with_one_item_per_line_are_saved(officer_client, session):
    sitting = session.sittings.get()

    _post(
        officer_client,
        session,
        {f"sitting.{sitting.pk}.agenda_items|fr": "1. Ouverture\r\n2. Adoption de l'ordre du jour"},
    )

    assert Sitting.objects.get().agenda_items_fr == "1. Ouverture\n2. Adoption de l'ordre du jour"


def test_the_english_title_may_not_be_emptied(officer_client, session):
    response = _post(officer_client, session, {f"session.{session.pk}.title|en": " "})

    assert "The English text is required." in response.text
    assert Session.objects.get().title_en == "Second meeting"


def test_saving_a_sitting_title_moves_its_updated_time(officer_client, session):
    sitting = session.sittings.get()

    _post(officer_client, session, {f"sitting.{sitting.pk}.title|fr": "1re séance"})

    assert Sitting.objects.get().updated_at > sitting.updated_at


def test_the_columns_of_the_language_filter_are_english_and_the_chosen_language(
    officer_client, session
):
    text = page(officer_client, session, "?language=fr").text

    head = text[text.index('<thead><tr><th scope="col">Field</th>') :]
    head = head[: head.index("</thead>")]
    assert head.count('scope="col"') == 3 and "English" in head and "French" in head


def test_a_sittings_table_names_its_time(officer_client, session):
    text = page(officer_client, session).text

    assert (
        "<caption>Sitting: <bdi>1st plenary meeting</bdi>, <bdi>27 Jan 2025, 10:00</bdi></caption>"
        in text
    )


def test_an_upper_app_adds_its_texts_through_a_provider(session, monkeypatch):
    other = SessionFactory(title="A document's session")
    monkeypatch.setattr(content_units, "_providers", [])
    content_units.add_content_provider(lambda session: [other])

    ids = {unit.id for unit in session_units(session)}

    assert f"session.{other.pk}.title" in ids


def test_the_demo_translations_pass_the_checks():
    """The checks refuse what is lost, not what a careful translation does."""
    unit = content_units.Unit(SittingFactory.build(), "agenda_items")
    source = "\n".join(AGENDA_ITEMS)

    for column in ("ar", "zh_hans", "fr", "ru", "es"):
        target = "\n".join(item[column] for item in AGENDA_ITEMS.values())
        assert content_units.carried_over_problems(unit, source, target) == []


def test_saving_nothing_new_says_so(officer_client, session):
    response = _post(officer_client, session, {f"session.{session.pk}.title|en": session.title})

    assert "Nothing to save: no text was changed." in officer_client.get(response.url).text


def test_the_error_summary_names_the_text_as_the_reader_sees_it(officer_client, session):
    sitting = session.sittings.get()

    text = _post(officer_client, session, {f"sitting.{sitting.pk}.title|fr": "1re\nséance"}).text

    assert "Sitting: <bdi>1st plenary meeting</bdi>, <bdi>" in text
    assert ", Title, French: Write this on one line" in text


def test_a_save_writes_only_the_columns_it_changed(session, room):
    """Two officers at once: one saves a sitting's French agenda; the other, whose page
    was loaded before, saves its French title and another sitting's agenda. Neither
    undoes the other."""
    first = session.sittings.get()
    second = SittingFactory(session=session, room=room, agenda_items=AGENDA)
    stale = session_units(session)
    Sitting.objects.filter(pk=first.pk).update(agenda_items_fr="1. Ouverture\n2. Adoption")

    content_units.save_content(
        stale,
        {
            (f"sitting.{first.pk}.title", "fr"): "1re séance plénière",
            (f"sitting.{second.pk}.agenda_items", "fr"): "1. Ouverture\n2. Adoption",
        },
    )

    first.refresh_from_db()
    assert (first.title_fr, first.agenda_items_fr) == (
        "1re séance plénière",
        "1. Ouverture\n2. Adoption",
    )


@pytest.mark.parametrize("unit", ["room", "venue", "series"])
def test_translating_what_a_feed_shows_gives_the_feed_a_new_version(client, session, room, unit):
    """A room's, venue's or series' name has no updated time of its own: the sittings
    that show it move theirs, so subscribed calendars fetch the new name."""
    obj = {"room": room, "venue": room.venue, "series": session.series}[unit]
    feed = f"/calendar/sessions/{session.slug}.ics?lang=fr"
    before = client.get(feed)

    content_units.save_content(session_units(session), {(f"{unit}.{obj.pk}.name", "fr"): "Nom"})

    assert client.get(feed, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_a_booking_keeps_its_purpose_in_english_whatever_the_savers_language(session):
    """Saving a sitting from a French page, then changing its English title on the
    content page: the room's booking reads the English title each time."""
    sitting = session.sittings.get()
    sitting.title_fr = "1re séance plénière"
    with translation.override("fr"):
        services.save_sitting(sitting)
    content_units.save_content(
        session_units(session), {(f"sitting.{sitting.pk}.title", "en"): "Opening meeting"}
    )

    (booking,) = sitting.bookings.all()
    assert booking.purpose == f"Opening meeting, {session.short_name}"


def test_a_title_typed_on_two_lines_shows_its_line_break_with_the_error(officer_client, session):
    text = _post(
        officer_client, session, {f"session.{session.pk}.title|fr": "Deuxième\nréunion"}
    ).text

    assert f'name="session.{session.pk}.title|fr" lang="fr" dir="ltr"' in text
    assert ">Deuxième\nréunion</textarea>" in text
