"""Registering documents: files checked by content, one symbol one document, a revision
superseding what it revises, and a set of files by name refused whole for one bad file."""

import pytest
from django.core.files.storage import default_storage

from documents import services
from documents.models import Document, DocumentFile
from tests.documents.common import document, docx_bytes, pdf_bytes, upload
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(slug="ieg-2-2025")


def test_a_pdf_and_a_word_document_are_kept_with_their_type():
    versions = services.checked_versions(
        {"en": upload("a.pdf"), "fr": upload("b.docx", docx_bytes())}
    )

    assert [(v.language, v.checked.extension) for v in versions] == [("en", "pdf"), ("fr", "docx")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7 not really", "The file is not a readable PDF."),
        (b"GIF89a", "The file is neither a PDF nor a Word document (DOCX)."),
        (
            docx_bytes(main="application/vnd.ms-word.document.macroEnabled.main+xml"),
            "The file is not a Word document (DOCX).",
        ),
        (b"PK\x03\x04broken", "The file is not a Word document (DOCX)."),
    ],
)
def test_a_file_is_checked_by_its_content_not_its_name(content, reason):
    with pytest.raises(services.FileErrors) as refused:
        services.checked_versions({"en": upload("report.pdf", content)})

    assert refused.value.errors == [("report.pdf", reason)]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 100

    with pytest.raises(services.FileErrors) as refused:
        services.checked_versions({"en": upload("big.pdf")})

    assert "larger than 100" in refused.value.errors[0][1]


def test_files_are_stored_under_a_random_name_and_served_by_symbol(session):
    saved = document(session, symbol="E/CN.15/2024/15", languages=("ar", "en"))
    arabic = saved.versions.get(language="ar")

    assert "E_CN" not in arabic.file.name and arabic.file.name.startswith("documents/")
    assert default_storage.exists(arabic.file.name)
    assert arabic.file_name == "E_CN.15_2024_15_ar.pdf"


def test_one_symbol_is_one_document(session):
    document(session, symbol="E/CN.15/2024/15")

    with pytest.raises(services.DocumentError, match="symbol already exists"):
        document(SessionFactory(), symbol="E/CN.15/2024/15")


def test_an_invalid_symbol_is_refused_with_its_reason(session):
    with pytest.raises(services.DocumentError, match="ends with the document's number"):
        document(session, symbol="UNODC/CCPCJ/EG.10")


def test_publishing_a_revision_supersedes_the_original_and_both_stay_listed(session):
    original = document(session, symbol="UNODC/CCPCJ/EG.10/2025/CRP.1")
    revision = document(
        session, symbol="UNODC/CCPCJ/EG.10/2025/CRP.1/Rev.1", status=Document.Status.FORTHCOMING
    )
    original.refresh_from_db()
    assert revision.revises == original
    assert original.status == Document.Status.PUBLISHED

    services.publish(revision)

    original.refresh_from_db()
    assert original.status == Document.Status.SUPERSEDED
    assert set(session.documents.values_list("symbol", flat=True)) == {
        "UNODC/CCPCJ/EG.10/2025/CRP.1",
        "UNODC/CCPCJ/EG.10/2025/CRP.1/Rev.1",
    }


def test_a_corrigendum_leaves_the_original_current(session):
    original = document(session, symbol="E/CN.15/2024/15")
    document(session, symbol="E/CN.15/2024/15/Corr.1", languages=("fr",))

    original.refresh_from_db()
    assert original.status == Document.Status.PUBLISHED


def test_a_revision_of_a_symbol_not_in_the_register_is_refused(session):
    with pytest.raises(services.DocumentError, match=r"E/CN\.15/2024/15 is not in the register"):
        document(session, symbol="E/CN.15/2024/15/Rev.1")


def test_a_new_language_version_replaces_the_old_file(session):
    saved = document(session, symbol="E/CN.15/2024/15")
    old = saved.versions.get().file.name

    services.save_versions(
        saved, services.checked_versions({"en": upload("new.docx", docx_bytes())})
    )

    version = saved.versions.get()
    assert version.extension == "docx" and version.file.name != old


def test_a_set_registers_documents_by_file_name_with_titles_from_the_files(session):
    files = [
        upload("E_CN.15_2024_15_en.pdf", pdf_bytes(title="Report of the expert group")),
        upload("E_CN.15_2024_15_ar.pdf", pdf_bytes(title="تقرير فريق الخبراء")),
        upload("UNODC_CCPCJ_EG.10_2025_CRP.1_fr.docx", docx_bytes(title="Document de séance")),
    ]

    saved = services.upload_set(session, files)

    report = Document.objects.get(symbol="E/CN.15/2024/15")
    assert len(saved) == 2
    assert (report.title_en, report.title_ar) == (
        "Report of the expert group",
        "تقرير فريق الخبراء",
    )
    assert sorted(report.versions.values_list("language", flat=True)) == ["ar", "en"]
    paper = Document.objects.get(symbol="UNODC/CCPCJ/EG.10/2025/CRP.1")
    assert (paper.title_en, paper.title_fr) == (
        "UNODC/CCPCJ/EG.10/2025/CRP.1",
        "Document de séance",
    )


def test_a_set_with_one_bad_file_is_refused_whole_with_a_reason_per_file(session):
    files = [
        upload("E_CN.15_2024_15_en.pdf"),
        upload("E_CN.15_2024_15_ar.pdf", b"%PDF-1.7 broken"),
        upload("report-final.pdf"),
        upload("e_cn.15_2024_15_fr.pdf"),
    ]

    with pytest.raises(services.FileErrors) as refused:
        services.upload_set(session, files)

    reasons = dict(refused.value.errors)
    assert list(reasons) == ["report-final.pdf", "e_cn.15_2024_15_fr.pdf", "E_CN.15_2024_15_ar.pdf"]
    assert reasons["E_CN.15_2024_15_ar.pdf"] == "The file is not a readable PDF."
    assert "Name each file by its symbol and language" in reasons["report-final.pdf"]
    assert "starts with the organ or body" in reasons["e_cn.15_2024_15_fr.pdf"]
    assert not Document.objects.exists() and not DocumentFile.objects.exists()


def test_a_set_may_not_add_to_another_sessions_document(session):
    document(SessionFactory(), symbol="E/CN.15/2024/15")

    with pytest.raises(services.FileErrors) as refused:
        services.upload_set(session, [upload("E_CN.15_2024_15_ru.pdf")])

    assert refused.value.errors == [
        ("E_CN.15_2024_15_ru.pdf", "E/CN.15/2024/15 is a document of another session.")
    ]


def test_a_second_revision_supersedes_the_first(session):
    original = document(session, symbol="E/CN.15/2024/15")
    first = document(session, symbol="E/CN.15/2024/15/Rev.1")
    second = document(session, symbol="E/CN.15/2024/15/Rev.2")

    statuses = dict(session.documents.values_list("symbol", "status"))
    assert second.revises == first and first.revises == original
    assert statuses == {
        "E/CN.15/2024/15": "superseded",
        "E/CN.15/2024/15/Rev.1": "superseded",
        "E/CN.15/2024/15/Rev.2": "published",
    }


def test_withdrawing_a_revision_makes_what_it_revised_current_again(session):
    original = document(session, symbol="E/CN.15/2024/15")
    revision = document(session, symbol="E/CN.15/2024/15/Rev.1")

    services.withdraw(revision)

    original.refresh_from_db()
    assert original.status == Document.Status.PUBLISHED


def test_an_original_published_again_while_its_revision_stands_is_superseded(session):
    original = document(session, symbol="E/CN.15/2024/15")
    document(session, symbol="E/CN.15/2024/15/Rev.1")
    original.refresh_from_db()
    services.withdraw(original)

    services.publish(original)

    original.refresh_from_db()
    assert original.status == Document.Status.SUPERSEDED


def test_a_set_of_too_many_files_is_refused_unread(session, settings):
    settings.DOCUMENT_SET_MAX_FILES = 2
    files = [upload(f"E_CN.15_2024_15_{code}.pdf") for code in ("ar", "en", "fr")]

    with pytest.raises(services.DocumentError, match="At most 2 files at a time"):
        services.upload_set(session, files)

    assert not Document.objects.exists()


def test_a_set_larger_than_the_limit_is_refused_unread(session, settings):
    settings.DOCUMENT_SET_MAX_BYTES = 1000
    files = [upload(f"E_CN.15_2024_15_{code}.pdf") for code in ("ar", "en")]

    with pytest.raises(services.DocumentError, match="upload it in parts"):
        services.upload_set(session, files)


def test_a_set_that_fails_while_saving_leaves_no_file_behind(session):
    """The second document's title (from its file) is refused after the first one's files
    were stored: the rows roll back, and so do the stored files."""
    files = [
        upload("E_CN.15_2024_15_en.pdf", pdf_bytes(title="Report")),
        upload("E_CN.15_2024_16_en.pdf", pdf_bytes(title="A title with a bell \x07 in it")),
    ]

    with pytest.raises(services.DocumentError):
        services.upload_set(session, files)

    assert not Document.objects.exists()
    folder = f"documents/{session.pk}"
    assert not default_storage.exists(folder) or default_storage.listdir(folder) == ([], [])
