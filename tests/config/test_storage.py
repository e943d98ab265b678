"""Kept files go through Django's storage API: the local disk by default, or a private
bucket on an S3-compatible server (STORAGE_URL, config.storage), here moto's server,
started for the run (tests/conftest.py)."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from config.storage import from_url
from registration import personal_data
from tests.config.test_settings import settings_with
from tests.factories import SessionFactory, UserFactory, register
from tests.registration.test_photos import image_file


def test_without_a_storage_url_files_stay_on_the_local_disk(tmp_path):
    found = settings_with(tmp_path, DEBUG="1")["storage"]

    assert found == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_storage_url_names_the_bucket_its_keys_and_its_server(tmp_path):
    url = "s3://AK%2F1:se%40cret@meetings/vienna?endpoint_url=http://10.0.0.5:9000&region_name=eu"

    found = settings_with(tmp_path, DEBUG="1", STORAGE_URL=url)["storage"]

    assert found == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "meetings",
            "location": "vienna",
            "file_overwrite": False,
            "default_acl": None,
            "endpoint_url": "http://10.0.0.5:9000",
            "region_name": "eu",
            "access_key": "AK/1",
            "secret_key": "se@cret",
        },
    }


@pytest.mark.parametrize(
    "url", ["/var/media", "https://meetings", "s3://", "s3://meetings?default_acl=public-read"]
)
def test_a_wrong_storage_url_is_refused_with_the_form_it_takes(url):
    with pytest.raises(ImproperlyConfigured, match=r"s3://\[KEY:SECRET@\]BUCKET"):
        from_url(url)


@pytest.fixture
def bucket(s3_server, settings, tmp_path):
    """The default storage is a prefix of the bucket, as with STORAGE_URL."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storage(tmp_path.name)}
    yield f"{tmp_path.name}/"
    assert not settings.MEDIA_ROOT.exists(), "a kept file was written to the local disk"


@pytest.mark.django_db
def test_a_photo_is_kept_in_the_bucket_and_read_through_the_view_that_checks_who_asks(
    s3_server, bucket, delegate, delegate_client, client
):
    registration = register(SessionFactory(format="hybrid"), email=delegate.email)
    personal_data.set_photo(registration, image_file(), delegate)

    assert s3_server.keys(bucket) == [bucket + registration.photo.name]
    response = delegate_client.get(f"/registrations/{registration.pk}/photo/")
    served = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(served)).format == "JPEG"
    client.force_login(UserFactory())
    assert client.get(f"/registrations/{registration.pk}/photo/").status_code == 403


@pytest.mark.django_db
def test_a_replaced_photo_leaves_the_bucket_once_the_change_is_committed(
    s3_server, bucket, delegate, django_capture_on_commit_callbacks
):
    registration = register(SessionFactory(format="hybrid"), email=delegate.email)
    personal_data.set_photo(registration, image_file(), delegate)
    first = registration.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        personal_data.set_photo(registration, image_file(size=(800, 1000)), delegate)

    assert registration.photo.name != first
    assert s3_server.keys(bucket) == [bucket + registration.photo.name]


def test_two_files_of_one_name_are_both_kept(s3_server, bucket):
    first = default_storage.save("statements/text.pdf", ContentFile(b"%PDF-1 first"))
    second = default_storage.save("statements/text.pdf", ContentFile(b"%PDF-1 second"))

    assert first != second
    assert len(s3_server.keys(bucket + "statements/")) == 2
    with default_storage.open(first) as kept:
        assert kept.read() == b"%PDF-1 first"
