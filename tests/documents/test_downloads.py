"""A language version's file: served to whoever sees its row on the page (the same rule),
with its own name, its type and nosniff; refused (404) to anyone else, and for
forthcoming and withdrawn documents."""

import pytest
from django.urls import reverse

from documents import services
from tests.documents.common import document as make_document
from tests.documents.common import docx_bytes, upload
from tests.documents.conftest import SEES_ALL, General, Limited, Restricted

pytestmark = pytest.mark.django_db


def download(client, document, language="en", user=None):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("documents:file", args=[document.pk, language]))


@pytest.mark.parametrize("role", list(SEES_ALL))
@pytest.mark.parametrize("distribution", [General, Limited, Restricted])
def test_each_reader_gets_the_files_their_role_allows(
    client, documents, readers, role, distribution
):
    response = download(client, documents[distribution], user=readers[role])

    allowed = distribution == General or SEES_ALL[role]
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_pdf_opens_inline_with_its_own_name_type_and_nosniff(client, documents):
    response = download(client, documents[General], "ar")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="UNODC_CCPCJ_EG.10_2025_1_ar.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_word_document_is_an_attachment(client, session):
    document = make_document(session, "E/CN.15/2024/15", languages=())
    services.save_versions(
        document, services.checked_versions({"fr": upload("x.docx", docx_bytes())})
    )

    response = download(client, document, "fr")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == 'attachment; filename="E_CN.15_2024_15_fr.docx"'


def test_a_limited_file_is_not_kept_by_shared_caches(client, documents, readers):
    response = download(client, documents[Limited], user=readers["participant"])

    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["anonymous", "participant", "focal point"])
def test_forthcoming_and_withdrawn_files_are_not_served(client, session, readers, role):
    forthcoming = make_document(session, "UNODC/CCPCJ/EG.10/2025/4", status="forthcoming")
    withdrawn = services.withdraw(make_document(session, "UNODC/CCPCJ/EG.10/2025/5"))

    for document in (forthcoming, withdrawn):
        assert download(client, document, user=readers[role]).status_code == 404


def test_an_officer_checks_the_files_of_a_forthcoming_document(client, session, readers):
    forthcoming = make_document(session, "UNODC/CCPCJ/EG.10/2025/4", status="forthcoming")

    assert download(client, forthcoming, user=readers["officer"]).status_code == 200
    page = client.get(f"/sessions/{session.slug}/documents/").text
    assert f"/documents/{forthcoming.pk}/en/" in page


def test_a_superseded_documents_files_stay_available(client, session):
    original = make_document(session, "UNODC/CCPCJ/EG.10/2025/6")
    make_document(session, "UNODC/CCPCJ/EG.10/2025/6/Rev.1")

    assert download(client, original).status_code == 200


def test_a_missing_language_or_document_is_not_found(client, documents):
    assert download(client, documents[General], "fr").status_code == 404
    assert download(client, documents[General], "xx").status_code == 404
    assert client.get(reverse("documents:file", args=[10**6, "en"])).status_code == 404


def test_the_file_comes_from_storage_not_a_path(client, session):
    """The stored name is random: the reader's name is made when served."""
    document = make_document(session, "UNODC/CCPCJ/EG.10/2025/8")
    version = document.versions.get()

    assert "UNODC" not in version.file.name
    assert b"".join(download(client, document).streaming_content) == version.file.read()
