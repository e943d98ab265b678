"""Officers' pages: a document with a file per language, a set of files by name (refused
whole, each file with its reason), publishing and withdrawing; nobody else may."""

import pytest
from django.urls import reverse

from documents.models import Document, DocumentFile
from tests.documents.common import document, docx_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def fields(**changes):
    return {
        "symbol": "UNODC/CCPCJ/EG.10/2025/1",
        "kind": "working_paper",
        "title_en": "Working paper on reducing reoffending",
        "issued_on": "2025-01-10",
        "distribution": "general",
        "status": "published",
        "agenda_items": "2, 3",
        "original_language": "",
        "entity": "",
    } | changes


# --- Who may -----------------------------------------------------------------------------


def officer_urls(session):
    doc = document(session, "UNODC/CCPCJ/EG.10/2025/9", status="forthcoming")
    return [
        ("get", reverse("documents:new", args=[session.slug])),
        ("get", reverse("documents:upload-set", args=[session.slug])),
        ("get", reverse("documents:edit", args=[doc.pk])),
        ("post", reverse("documents:publish", args=[doc.pk])),
        ("post", reverse("documents:withdraw", args=[doc.pk])),
    ]


@pytest.mark.parametrize("role", ["delegate of another session", "participant", "focal point"])
def test_other_signed_in_users_are_refused(client, session, readers, role):
    client.force_login(readers[role])
    for method, url in officer_urls(session):
        assert getattr(client, method)(url).status_code == 403, url
    assert Document.objects.get(symbol="UNODC/CCPCJ/EG.10/2025/9").status == "forthcoming"


def test_anonymous_readers_are_sent_to_log_in(client, session):
    for method, url in officer_urls(session):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


# --- One document ------------------------------------------------------------------------


def test_an_officer_adds_a_document_with_its_language_versions(officer_client, session):
    response = officer_client.post(
        reverse("documents:new", args=[session.slug]),
        fields(file_en=upload("en.pdf"), file_ar=upload("ar.docx", docx_bytes())),
    )

    saved = Document.objects.get(symbol="UNODC/CCPCJ/EG.10/2025/1")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/documents/#document-{saved.pk}")
    assert saved.agenda_items == [2, 3]
    assert saved.session == session
    assert sorted(saved.versions.values_list("language", "extension")) == [
        ("ar", "docx"),
        ("en", "pdf"),
    ]


def test_a_bad_file_is_shown_at_its_field_and_nothing_is_saved(officer_client, session):
    response = officer_client.post(
        reverse("documents:new", args=[session.slug]),
        fields(file_en=upload("en.pdf"), file_fr=upload("fr.pdf", b"GIF89a")),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_file_fr"' in html
    assert "The file is neither a PDF nor a Word document (DOCX)." in html
    assert not Document.objects.exists() and not DocumentFile.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"symbol": "not a symbol"}, "symbol", ""),
        ({"agenda_items": "two"}, "agenda_items", "Give the numbers of the agenda items"),
        ({"title_en": ""}, "title_en", "This field is required."),
        (
            {"symbol": "UNODC/CCPCJ/EG.10/2025/1/Rev.1"},
            "symbol",
            "UNODC/CCPCJ/EG.10/2025/1 is not in the register",
        ),
    ],
)
def test_invalid_fields_are_shown_per_field(officer_client, session, changes, field, message):
    response = officer_client.post(reverse("documents:new", args=[session.slug]), fields(**changes))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{field}" data-error-link>' in html
    assert message in html
    assert not Document.objects.exists()


def test_a_symbol_already_registered_is_refused(officer_client, session):
    document(session, "UNODC/CCPCJ/EG.10/2025/1")

    response = officer_client.post(reverse("documents:new", args=[session.slug]), fields())

    assert "one symbol, one document" in response.content.decode()
    assert Document.objects.count() == 1


def test_an_officer_edits_a_document_and_replaces_a_version(officer_client, session):
    doc = document(session, "UNODC/CCPCJ/EG.10/2025/1", agenda_items=[4])
    page = officer_client.get(reverse("documents:edit", args=[doc.pk])).content.decode()
    assert 'value="4"' in page

    officer_client.post(
        reverse("documents:edit", args=[doc.pk]),
        fields(title_en="New title", file_en=upload("en.pdf", pdf_bytes("second"))),
    )

    doc.refresh_from_db()
    assert doc.title_en == "New title"
    assert doc.versions.count() == 1


# --- A set -------------------------------------------------------------------------------


def test_the_set_page_shows_the_file_name_pattern(officer_client, session):
    html = officer_client.get(reverse("documents:upload-set", args=[session.slug])).content

    assert b"E_CN.15_2024_15_ar.pdf" in html
    assert b'type="file" name="files"' in html and b"multiple" in html


def test_an_officer_uploads_a_set_with_defaults(officer_client, session):
    response = officer_client.post(
        reverse("documents:upload-set", args=[session.slug]),
        {
            "files": [
                upload("UNODC_CCPCJ_EG.10_2025_1_en.pdf"),
                upload("UNODC_CCPCJ_EG.10_2025_1_ar.pdf"),
                upload("UNODC_CCPCJ_EG.10_2025_CRP.1_fr.docx", docx_bytes()),
            ],
            "kind": "conference_room_paper",
            "status": "forthcoming",
            "distribution": "limited",
        },
    )

    assert response.status_code == 302
    saved = Document.objects.order_by("symbol")
    assert [d.symbol for d in saved] == ["UNODC/CCPCJ/EG.10/2025/1", "UNODC/CCPCJ/EG.10/2025/CRP.1"]
    assert {(d.kind, d.status, d.distribution) for d in saved} == {
        ("conference_room_paper", "forthcoming", "limited")
    }
    assert DocumentFile.objects.count() == 3


def test_a_set_with_bad_files_is_refused_whole_with_a_summary(officer_client, session):
    response = officer_client.post(
        reverse("documents:upload-set", args=[session.slug]),
        {
            "files": [
                upload("UNODC_CCPCJ_EG.10_2025_1_en.pdf"),
                upload("report.pdf"),
                upload("UNODC_CCPCJ_EG.10_2025_2_fr.pdf", b"GIF89a"),
            ],
            "kind": "other",
            "status": "published",
            "distribution": "general",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 files have problems: nothing was saved." in html
    assert 'tabindex="-1" data-focus-on-load' in html
    assert "report.pdf" in html and "Name each file by its symbol and language" in html
    assert "UNODC_CCPCJ_EG.10_2025_2_fr.pdf" in html
    assert not Document.objects.exists() and not DocumentFile.objects.exists()


def test_a_set_without_files_is_a_field_error(officer_client, session):
    response = officer_client.post(
        reverse("documents:upload-set", args=[session.slug]),
        {"kind": "other", "status": "published", "distribution": "general"},
    )

    assert 'href="#id_files"' in response.content.decode()


# --- Publish and withdraw ----------------------------------------------------------------


def test_an_officer_publishes_and_withdraws(officer_client, session):
    doc = document(session, "UNODC/CCPCJ/EG.10/2025/1", status="forthcoming")

    officer_client.post(reverse("documents:publish", args=[doc.pk]))
    doc.refresh_from_db()
    assert doc.status == "published"

    officer_client.post(reverse("documents:withdraw", args=[doc.pk]), {"confirmed": "1"})
    doc.refresh_from_db()
    assert doc.status == "withdrawn"


def test_withdrawing_asks_first_without_javascript(officer_client, session):
    doc = document(session, "UNODC/CCPCJ/EG.10/2025/1")

    response = officer_client.post(reverse("documents:withdraw", args=[doc.pk]))

    assert response.status_code == 200
    doc.refresh_from_db()
    assert doc.status == "published"


def test_publish_and_withdraw_take_post_only(officer_client, session):
    doc = document(session, "UNODC/CCPCJ/EG.10/2025/1", status="forthcoming")

    assert officer_client.get(reverse("documents:publish", args=[doc.pk])).status_code == 405
