from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from registration import delegations, personal_data, queries, services
from registration.models import Registration
from tests.factories import SessionFactory, register
from tests.registration.test_delegations import pdf_bytes
from tests.registration.test_photos import image_file

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def full_registration(session, officer):
    registration = register(
        session,
        identity_document_type="passport",
        identity_document_number="P1234567",
        identity_document_expiry=date(2030, 1, 1),
        gender="female",
    )
    personal_data.set_photo(registration, image_file(), officer, by_officer=True)
    delegations.upload_nomination(
        registration.delegation, SimpleUploadedFile("nv.pdf", pdf_bytes()), officer
    )
    return services.approve(registration, officer)


def test_purge_removes_identity_photos_and_documents_of_old_sessions(
    officer, django_capture_on_commit_callbacks
):
    old = SessionFactory(format="hybrid", end_date=TODAY - timedelta(days=91))
    registration = full_registration(old, officer)
    photo = registration.photo.name
    assert default_storage.exists(photo)

    with django_capture_on_commit_callbacks(execute=True):
        personal_data.purge_personal_data(TODAY, days=90)

    registration.refresh_from_db()
    registration.delegation.refresh_from_db()
    assert (
        registration.identity_document_number,
        registration.identity_document_type,
        registration.identity_document_expiry,
    ) == ("", "", None)
    assert not registration.photo and not registration.delegation.nomination_document

    assert not default_storage.exists(photo)


def test_purge_keeps_what_the_attendance_summary_needs(officer):
    old = SessionFactory(format="hybrid", end_date=TODAY - timedelta(days=91))
    full_registration(old, officer)
    before = queries.attendance_summary(old)

    personal_data.purge_personal_data(TODAY, days=90)

    assert queries.attendance_summary(old) == before
    assert Registration.objects.get().family_name.startswith("Example")


def test_purge_leaves_recent_sessions_alone(officer):
    recent = SessionFactory(format="hybrid", end_date=TODAY - timedelta(days=30))
    registration = full_registration(recent, officer)

    personal_data.purge_personal_data(TODAY, days=90)

    registration.refresh_from_db()
    assert registration.identity_document_number == "P1234567" and registration.photo


def test_the_command_reports_what_it_removed(officer):
    old = SessionFactory(format="hybrid", start_date=date(2020, 1, 1), end_date=date(2020, 1, 2))
    full_registration(old, officer)
    out = StringIO()

    call_command("purge_personal_data", "--days", "90", stdout=out)

    assert "1 identity documents, 1 photos, 1 documents, 0 badge PDFs, 0 mails removed." in (
        out.getvalue()
    )


def test_purge_removes_printed_badge_pdfs_which_hold_the_photos(
    officer, django_capture_on_commit_callbacks
):
    from badges import printing
    from badges.models import PrintJob

    old = SessionFactory(format="hybrid", end_date=TODAY - timedelta(days=91))
    full_registration(old, officer)
    with django_capture_on_commit_callbacks(execute=True):
        printing.start(old, officer, kind="unprinted", layout="a6")
    pdf = PrintJob.objects.get().pdf.name
    assert default_storage.exists(pdf)

    with django_capture_on_commit_callbacks(execute=True):
        removed = personal_data.purge_personal_data(TODAY, days=90)

    assert removed["badge PDFs"] == 1
    assert not PrintJob.objects.get().pdf and not default_storage.exists(pdf)


def test_purge_removes_the_mails_kept_longer_than_the_retention(
    session_for_mail, django_capture_on_commit_callbacks
):
    from post_office.models import Email

    with django_capture_on_commit_callbacks(execute=True):
        old, recent = register(session_for_mail), register(session_for_mail)
    Email.objects.filter(registration_mail__registration=old).update(
        created=timezone.make_aware(datetime.combine(TODAY - timedelta(days=91), time()))
    )

    personal_data.purge_personal_data(TODAY, days=90)

    assert not old.mails.exists()
    assert recent.mails.count() == 1


@pytest.fixture
def session_for_mail():
    return SessionFactory(format="hybrid")
