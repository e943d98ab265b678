"""The admin obeys the documents service: a refused document shows its reason on the form,
with what was typed, and nothing is saved; contributions keep their audit trail."""

import pytest

from documents.models import Contribution, Document
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def fields(session, **changes) -> dict:
    return {
        "session": session.pk,
        "symbol": "E/CN.15/2024/15/Rev.1",
        "kind": "report",
        "title_en": "Report on the meeting",
        "distribution": "general",
        "status": "published",
        "agenda_items": "[]",
        "original_language": "",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        **changes,
    }


def test_a_revision_of_a_symbol_not_in_the_register_is_refused_on_the_form(officer_client):
    session = SessionFactory()

    response = officer_client.post("/admin/documents/document/add/", fields(session))

    assert response.status_code == 200
    assert "E/CN.15/2024/15 is not in the register" in response.text
    assert 'value="Report on the meeting"' in response.text
    assert not Document.objects.exists()


def test_a_valid_document_is_saved_through_the_service(officer_client):
    session = SessionFactory()

    response = officer_client.post(
        "/admin/documents/document/add/", fields(session, symbol="E/CN.15/2024/15")
    )

    assert response.status_code == 302
    assert Document.objects.get().issued_on is not None  # the service dates a publication


def test_a_contribution_cannot_be_deleted_in_the_admin(officer_client):
    from tests.documents.contribution_common import focal_point, open_call, submit

    session = SessionFactory()
    user, entity = focal_point(session)
    contribution = submit(open_call(session), entity, user)

    officer_client.post(f"/admin/documents/contribution/{contribution.pk}/delete/", {"post": "yes"})

    assert Contribution.objects.filter(pk=contribution.pk).exists()
