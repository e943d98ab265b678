"""The documents API: what each caller may read, officers registering and changing a
document with its files through the service, refusals with their codes, and a fixed
number of queries whatever the number of documents and versions."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from documents.models import Document, DocumentFile
from registration.models import Delegation
from tests.documents.common import document, docx_bytes, pdf_bytes, upload
from tests.factories import EntityFactory, OfficerFactory, SessionFactory, UserFactory, register

pytestmark = pytest.mark.django_db
GENERAL, LIMITED = Document.Distribution.GENERAL, Document.Distribution.LIMITED
# Whatever the download view's address is once merged: the document and the language.
FILE_URL = re.compile(r"^http://testserver/.*documents/(?P<pk>\d+)/(?P<language>[a-z]{2})/$")


def bearer(user) -> APIClient:
    _, token = AuthToken.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def session():
    return SessionFactory(slug="ieg-2-2025", format="hybrid")


@pytest.fixture
def documents(session):
    agenda = document(
        session,
        "UNODC/CCPCJ/EG.10/2025/1",
        languages=("en", "ar"),
        kind=Document.Kind.PROVISIONAL_AGENDA,
        title_en="Provisional agenda",
        title_fr="Ordre du jour provisoire",
        agenda_items=[2],
    )
    limited = document(
        session, "UNODC/CCPCJ/EG.10/2025/L.1", distribution=LIMITED, title_en="Draft report"
    )
    return agenda, limited


def listed(client, session, **params) -> list[dict]:
    answer = client.get(f"/api/v1/sessions/{session.slug}/documents/", params)
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]


def officer_api():
    return bearer(OfficerFactory())


# --- Reading ---------------------------------------------------------------------------


def test_a_document_is_listed_with_its_fields_and_each_language_versions_url(session, documents):
    agenda, _limited = documents

    (listed_agenda,) = listed(APIClient(), session)

    assert {key: value for key, value in listed_agenda.items() if key != "versions"} == {
        "id": agenda.pk,
        "symbol": "UNODC/CCPCJ/EG.10/2025/1",
        "kind": "provisional_agenda",
        "title": "Provisional agenda",
        "issued_on": agenda.issued_on.isoformat(),
        "distribution": "general",
        "status": "published",
        "agenda_items": [2],
        "revises": None,
        "revised_by": [],
        "entity": None,
        "entity_name": None,
        "original_language": "",
    }
    versions = listed_agenda["versions"]
    assert [(v["language"], v["type"]) for v in versions] == [("ar", "pdf"), ("en", "pdf")]
    assert all(v["size"] == len(pdf_bytes()) for v in versions)
    for version in versions:
        match = FILE_URL.match(version["url"])
        assert match, version["url"]
        assert (int(match["pk"]), match["language"]) == (agenda.pk, version["language"])


def test_the_title_is_in_the_readers_language(session, documents):
    (agenda,) = listed(APIClient(HTTP_ACCEPT_LANGUAGE="fr"), session)

    assert agenda["title"] == "Ordre du jour provisoire"
    assert "translations" not in agenda


def test_officers_read_every_language_of_the_title(session, documents):
    agenda = listed(officer_api(), session, translations=1)[0]

    assert agenda["translations"]["title"]["en"] == "Provisional agenda"
    assert agenda["translations"]["title"]["fr"] == "Ordre du jour provisoire"
    assert agenda["translations"]["title"]["ar"] == ""


def test_someone_else_asking_for_every_language_gets_the_readers_title(session, documents):
    (agenda,) = listed(bearer(UserFactory()), session, translations=1)

    assert "translations" not in agenda


@pytest.mark.parametrize(
    ("who", "sees_limited"),
    [
        ("anonymous", False),
        ("delegate of another session", False),
        ("registered participant", True),
        ("focal point", True),
        ("officer", True),
    ],
)
def test_limited_documents_are_for_the_sessions_participants(session, documents, who, sees_limited):
    user = None
    if who == "officer":
        user = OfficerFactory()
    elif who != "anonymous":
        user = UserFactory()
        entity = EntityFactory()
        if who == "delegate of another session":
            registration = register(
                SessionFactory(format="hybrid"),
                entity,
                mode="online",
                email=user.email,
                participant=user,
            )
            _approve(registration)
        elif who == "registered participant":
            _approve(register(session, entity, mode="online", email=user.email, participant=user))
        else:
            delegation, _ = Delegation.objects.get_or_create(session=session, entity=entity)
            delegation.focal_points.add(user)
    client = bearer(user) if user else APIClient()

    symbols = [each["symbol"] for each in listed(client, session)]

    expected = ["UNODC/CCPCJ/EG.10/2025/1"]
    if sees_limited:
        expected.append("UNODC/CCPCJ/EG.10/2025/L.1")
    assert sorted(symbols) == sorted(expected)


def _approve(registration):
    from registration import services

    return services.approve(registration, None)


def test_the_files_of_a_forthcoming_document_are_for_officers_only(session):
    document(session, "UNODC/CCPCJ/EG.10/2025/2", status=Document.Status.FORTHCOMING)

    (anonymous,) = listed(APIClient(), session)
    (officers,) = listed(officer_api(), session)

    assert (anonymous["status"], anonymous["versions"]) == ("forthcoming", [])
    assert [version["language"] for version in officers["versions"]] == ["en"]


def test_a_session_that_is_not_there_is_404():
    assert APIClient().get("/api/v1/sessions/nowhere/documents/").status_code == 404


def test_a_revision_and_what_it_revises_name_each_other(session):
    original = document(session, "UNODC/CCPCJ/EG.10/2025/2")
    document(session, "UNODC/CCPCJ/EG.10/2025/2/Rev.1")

    by_symbol = {each["symbol"]: each for each in listed(APIClient(), session)}

    assert by_symbol["UNODC/CCPCJ/EG.10/2025/2"]["status"] == "superseded"
    assert by_symbol["UNODC/CCPCJ/EG.10/2025/2"]["revised_by"] == ["UNODC/CCPCJ/EG.10/2025/2/Rev.1"]
    assert by_symbol["UNODC/CCPCJ/EG.10/2025/2/Rev.1"]["revises"] == original.symbol


@pytest.mark.parametrize(("who", "versions_each"), [("officer", 6), ("anonymous", 1)])
def test_the_list_takes_the_same_queries_for_10_and_500_documents(
    session, django_assert_num_queries, who, versions_each
):
    client = officer_api() if who == "officer" else APIClient()
    share = 1 if who == "officer" else 2  # every other one is limited
    url = f"/api/v1/sessions/{session.slug}/documents/"
    params = {"limit": 1000, "translations": 1}
    _bulk_documents(session, 10, versions_each)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url, params).json()["results"]) == 10 // share
    _bulk_documents(session, 490, versions_each)

    with django_assert_num_queries(len(few)):
        assert len(client.get(url, params).json()["results"]) == 500 // share


def _bulk_documents(session, count: int, versions_each: int) -> None:
    start = Document.objects.count()
    made = Document.objects.bulk_create(
        [
            Document(
                session=session,
                symbol=f"UNODC/CCPCJ/EG.10/2025/CRP.{start + n + 1}",
                kind=Document.Kind.CONFERENCE_ROOM_PAPER,
                title_en=f"Paper {start + n + 1}",
                status=Document.Status.PUBLISHED,
                distribution=LIMITED if n % 2 else GENERAL,
            )
            for n in range(count)
        ]
    )
    DocumentFile.objects.bulk_create(
        [
            DocumentFile(
                document=each,
                language=language,
                file=f"documents/{session.pk}/{each.pk}{language}.pdf",
                extension="pdf",
                size=1000,
            )
            for each in made
            for language in ("ar", "zh", "en", "fr", "ru", "es")[:versions_each]
        ]
    )


# --- Writing ---------------------------------------------------------------------------


def new_document(**fields) -> dict:
    return {
        "symbol": "UNODC/CCPCJ/EG.10/2025/3",
        "kind": "working_paper",
        "title": "Working paper",
        "status": "published",
        "agenda_items": [3],
        "file_en": upload("en.pdf"),
        "file_fr": upload("fr.docx", docx_bytes()),
        **fields,
    }


def test_an_officer_registers_a_document_with_a_file_per_language(session):
    answer = officer_api().post(
        f"/api/v1/sessions/{session.slug}/documents/",
        new_document(translations=json.dumps({"title": {"fr": "Document de travail"}})),
        format="multipart",
    )

    assert answer.status_code == 201, answer.content
    saved = Document.objects.get(symbol="UNODC/CCPCJ/EG.10/2025/3")
    assert (saved.session, saved.title_en, saved.title_fr) == (
        session,
        "Working paper",
        "Document de travail",
    )
    assert saved.agenda_items == [3]
    assert sorted(saved.versions.values_list("language", "extension")) == [
        ("en", "pdf"),
        ("fr", "docx"),
    ]
    body = answer.json()
    assert body["translations"]["title"]["fr"] == "Document de travail"
    assert [v["language"] for v in body["versions"]] == ["en", "fr"]


def test_a_set_with_one_bad_file_is_refused_whole_with_each_files_reason(session):
    answer = officer_api().post(
        f"/api/v1/sessions/{session.slug}/documents/",
        new_document(file_ar=upload("ar.pdf", b"GIF89a"), file_ru=upload("ru.pdf", b"%PDF-1.7")),
        format="multipart",
    )

    assert answer.status_code == 409
    body = answer.json()
    assert body["code"] == "files_refused"
    assert body["files"] == [
        {"file": "ar.pdf", "reason": "The file is neither a PDF nor a Word document (DOCX)."},
        {"file": "ru.pdf", "reason": "The file is not a readable PDF."},
    ]
    assert not Document.objects.exists()


def test_a_symbol_already_in_the_register_is_refused_with_the_services_code(session, documents):
    answer = officer_api().post(
        f"/api/v1/sessions/{session.slug}/documents/",
        new_document(symbol="UNODC/CCPCJ/EG.10/2025/1"),
        format="multipart",
    )

    assert answer.status_code == 409
    assert answer.json()["code"] == "invalid"
    assert "one symbol, one document" in answer.json()["detail"]


def test_a_symbol_against_the_rules_is_refused_with_its_message(session):
    answer = officer_api().post(
        f"/api/v1/sessions/{session.slug}/documents/",
        new_document(symbol="unodc 2025 1"),
        format="multipart",
    )

    assert answer.status_code == 409
    assert answer.json()["code"] == "symbol"


def test_a_revision_of_what_is_not_registered_is_refused(session):
    answer = officer_api().post(
        f"/api/v1/sessions/{session.slug}/documents/",
        new_document(symbol="UNODC/CCPCJ/EG.10/2025/9/Rev.1"),
        format="multipart",
    )

    assert (answer.status_code, answer.json()["code"]) == (409, "revises_missing")


def test_a_document_needs_a_title(session):
    fields = new_document()
    del fields["title"]

    answer = officer_api().post(
        f"/api/v1/sessions/{session.slug}/documents/", fields, format="multipart"
    )

    assert answer.status_code == 409
    assert answer.json()["code"] == "title_missing"


def test_a_document_needs_its_english_title(session):
    answer = officer_api().post(
        f"/api/v1/sessions/{session.slug}/documents/",
        new_document(title="Document de travail"),
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert answer.status_code == 409
    assert answer.json()["code"] == "title_missing"
    assert not Document.objects.exists()


def test_an_officer_writes_the_title_in_the_readers_language_and_others_at_once(session, documents):
    agenda, _ = documents

    answer = officer_api().patch(
        f"/api/v1/documents/{agenda.pk}/",
        {"title": "Повестка дня", "translations": {"title": {"zh-hans": "临时议程"}}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    assert answer.status_code == 200, answer.content
    agenda.refresh_from_db()
    assert (agenda.title_ru, agenda.title_zh_hans, agenda.title_en) == (
        "Повестка дня",
        "临时议程",
        "Provisional agenda",
    )
    assert answer.json()["title"] == "Повестка дня"


def test_an_officer_publishes_a_revision_which_supersedes_the_original(session):
    original = document(session, "UNODC/CCPCJ/EG.10/2025/2")
    revision = document(
        session, "UNODC/CCPCJ/EG.10/2025/2/Rev.1", status=Document.Status.FORTHCOMING
    )

    answer = officer_api().patch(
        f"/api/v1/documents/{revision.pk}/", {"status": "published"}, format="json"
    )

    assert answer.status_code == 200, answer.content
    original.refresh_from_db()
    assert original.status == Document.Status.SUPERSEDED
    assert answer.json()["revises"] == original.symbol


def test_an_officer_replaces_one_language_version_and_changes_fields(session, documents):
    agenda, _ = documents
    old_arabic = agenda.versions.get(language="ar").file.name

    answer = officer_api().patch(
        f"/api/v1/documents/{agenda.pk}/",
        {
            "file_ar": upload("ar.docx", docx_bytes()),
            "distribution": "limited",
            "agenda_items": [1, 2],
        },
        format="multipart",
    )

    assert answer.status_code == 200, answer.content
    agenda.refresh_from_db()
    assert (agenda.distribution, agenda.agenda_items) == ("limited", [1, 2])
    arabic = agenda.versions.get(language="ar")
    assert (arabic.extension, arabic.file.name != old_arabic) == ("docx", True)
    assert agenda.versions.count() == 2


def test_a_bad_file_in_a_change_changes_nothing(session, documents):
    agenda, _ = documents

    answer = officer_api().patch(
        f"/api/v1/documents/{agenda.pk}/",
        {"file_ar": upload("ar.pdf", b"nothing"), "title": "Changed"},
        format="multipart",
    )

    assert answer.status_code == 409
    assert answer.json()["files"][0]["file"] == "ar.pdf"
    agenda.refresh_from_db()
    assert agenda.title_en == "Provisional agenda"


def test_translations_with_an_unknown_language_are_refused(session, documents):
    agenda, _ = documents

    answer = officer_api().patch(
        f"/api/v1/documents/{agenda.pk}/",
        {"translations": {"title": {"de": "Vorläufige Tagesordnung"}}},
        format="json",
    )

    assert answer.status_code == 400
    assert "translations" in answer.json()


@pytest.mark.parametrize(("who", "code"), [("anonymous", 401), ("delegate", 403)])
def test_only_officers_write(session, documents, who, code):
    agenda, _ = documents
    client = APIClient() if who == "anonymous" else bearer(UserFactory())

    created = client.post(
        f"/api/v1/sessions/{session.slug}/documents/", new_document(), format="multipart"
    )
    changed = client.patch(
        f"/api/v1/documents/{agenda.pk}/", {"status": "withdrawn"}, format="json"
    )

    assert (created.status_code, changed.status_code) == (code, code)
    agenda.refresh_from_db()
    assert agenda.status == Document.Status.PUBLISHED
    assert Document.objects.count() == 2


def test_a_focal_point_does_not_write_either(session, documents):
    user = UserFactory()
    delegation = Delegation.objects.create(session=session, entity=EntityFactory())
    delegation.focal_points.add(user)

    answer = bearer(user).post(
        f"/api/v1/sessions/{session.slug}/documents/", new_document(), format="multipart"
    )

    assert answer.status_code == 403
