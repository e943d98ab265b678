"""Document titles and calls for contributions are content in six languages, translated on
the session's content page like its other texts; a written contribution keeps the language
it was written in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from documents.models import Call, Document
from sessions_app import content_units
from tests.documents.common import document
from tests.factories import EntityFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(slug="ieg-2-2025")


def unit_ids(session) -> list[str]:
    return [unit.id for unit in content_units.session_units(session)]


def test_a_documents_title_and_a_calls_texts_are_units_of_the_session(session):
    paper = document(session, title_en="Working paper prepared by the Secretariat")
    now = timezone.now()
    call = Call.objects.create(
        session=session, title="Call for contributions", opens_at=now, deadline=now + timedelta(1)
    )

    ids = unit_ids(session)

    assert f"document.{paper.pk}.title" in ids
    assert [f"call.{call.pk}.title", f"call.{call.pk}.themes"] == ids[-2:]


def test_a_written_contribution_is_not_given_to_translators(session):
    document(
        session,
        symbol="",
        kind=Document.Kind.WRITTEN_CONTRIBUTION,
        entity=EntityFactory(),
        title_en="",
        title_es="Contribución de España",
        original_language="es",
    )

    assert not any(unit.startswith("document.") for unit in unit_ids(session))


def test_a_title_translated_on_the_content_page_shows_in_that_language(officer_client, session):
    paper = document(session, title_en="Information note for participants")

    officer_client.post(
        f"/sessions/{session.slug}/content/",
        {f"document.{paper.pk}.title|fr": "Note d’information à l’intention des participants"},
    )

    paper.refresh_from_db()
    assert paper.title_fr == "Note d’information à l’intention des participants"


def test_documents_of_another_session_are_not_its_content(session):
    document(SessionFactory(), title_en="Elsewhere")

    assert not any(unit.startswith("document.") for unit in unit_ids(session))
