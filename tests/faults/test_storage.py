"""The storage failing on an upload (its bucket out of reach): a clear message, the
registration unchanged, and no file or row left behind."""

import pytest
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage

from core import mail
from core.files import StorageUnavailable, atomic_with_files, store_file
from registration import personal_data
from registration.models import Registration
from tests.factories import EntityFactory, register
from tests.registration.test_pages import form
from tests.registration.test_photos import image_file

pytestmark = pytest.mark.django_db

SAID = "The file could not be stored just now, so nothing was changed."


def test_registering_with_a_photo_while_the_bucket_is_down_says_so_and_saves_nothing(
    bucket, open_session, delegate_client
):
    bucket.stop()

    response = delegate_client.post(
        "/sessions/demo/register/", form(EntityFactory(), photo=image_file())
    )

    assert response.status_code == 200
    assert SAID in response.text
    assert not Registration.objects.exists()


def test_a_new_photo_while_the_bucket_is_down_leaves_the_old_one(bucket, open_session, officer):
    registration = register(open_session)
    personal_data.set_photo(registration, image_file(), officer, by_officer=True)
    before = Registration.objects.get().photo.name
    bucket.stop()

    with pytest.raises(StorageUnavailable):
        personal_data.set_photo(registration, image_file(), officer, by_officer=True)

    assert Registration.objects.get().photo.name == before


def test_a_file_stored_for_a_change_that_fails_is_deleted_again(bucket, open_session):
    registration = register(open_session)

    with pytest.raises(RuntimeError), atomic_with_files():
        store_file(registration.photo, "photo.jpg", ContentFile(b"\xff\xd8 a photo"))
        registration.save()
        raise RuntimeError("the database went away")

    assert bucket.keys() == []
    assert not Registration.objects.get().photo


def test_the_attachment_of_a_mail_written_for_a_change_that_fails_is_deleted_again(bucket):
    message = EmailMessage("Approved", "Welcome.", None, ["a@example.org"])
    message.attach("ieg.ics", "BEGIN:VCALENDAR", "text/calendar")

    with pytest.raises(RuntimeError), atomic_with_files():
        mail.queue(message)
        raise RuntimeError("the mail task failed after writing the mail")

    assert bucket.keys() == []
