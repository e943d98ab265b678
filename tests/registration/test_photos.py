import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from registration import personal_data, services
from registration.photos import PhotoError, prepare_photo
from tests.factories import SessionFactory, UserFactory, register


def image_file(size=(600, 800), fmt="JPEG", mode="RGB", exif=True, name="photo.jpg"):
    image = Image.new(mode, size, "white" if mode != "1" else 1)
    out = io.BytesIO()
    if exif and fmt == "JPEG":
        info = Image.Exif()
        info[0x010F] = "Camera maker"  # Make
        info[0x8825] = {2: (48.0, 14.0, 0.0)}  # GPS
        image.save(out, format=fmt, exif=info.tobytes())
    else:
        image.save(out, format=fmt)
    return SimpleUploadedFile(name, out.getvalue())


def test_a_good_photo_is_reencoded_as_jpeg_without_metadata():
    prepared = prepare_photo(image_file())

    stored = Image.open(io.BytesIO(prepared.read()))
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info


def test_a_png_with_transparency_becomes_a_jpeg():
    prepared = prepare_photo(image_file(fmt="PNG", mode="RGBA", name="photo.png"))

    assert Image.open(io.BytesIO(prepared.read())).mode == "RGB"


def test_a_large_photo_is_scaled_down():
    prepared = prepare_photo(image_file(size=(2400, 3000)))

    assert max(Image.open(io.BytesIO(prepared.read())).size) == 1200


def test_a_small_photo_is_refused_with_its_size():
    with pytest.raises(PhotoError, match="300 by 400"):
        prepare_photo(image_file(size=(300, 400)))


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(PhotoError, match="not an image"):
        prepare_photo(SimpleUploadedFile("photo.jpg", b"%PDF-1.7 this is a document"))


def test_a_gif_is_refused():
    with pytest.raises(PhotoError, match="JPEG or PNG"):
        prepare_photo(image_file(fmt="GIF", exif=False, name="photo.gif"))


def test_a_decompression_bomb_is_refused():
    with pytest.raises(PhotoError, match="too large"):
        prepare_photo(image_file(size=(9000, 9000), fmt="PNG", mode="1", name="bomb.png"))


def test_a_file_over_five_megabytes_is_refused(settings):
    settings.PHOTO_MAX_BYTES = 1000

    with pytest.raises(PhotoError, match="larger than"):
        prepare_photo(image_file())


@pytest.mark.django_db
class TestPhotoAccess:
    @pytest.fixture
    def registration(self, delegate):
        session = SessionFactory(format="hybrid")
        registration = register(session, email=delegate.email)
        return personal_data.set_photo(registration, image_file(), delegate)

    def test_the_person_sees_their_photo(self, delegate_client, registration):
        response = delegate_client.get(f"/registrations/{registration.pk}/photo/")

        assert response["Content-Type"] == "image/jpeg"

    def test_officers_see_the_photo(self, officer_client, registration):
        assert officer_client.get(f"/registrations/{registration.pk}/photo/").status_code == 200

    def test_a_focal_point_does_not_see_it(self, client, registration):
        focal_point = UserFactory()
        registration.delegation.focal_points.add(focal_point)
        client.force_login(focal_point)

        assert client.get(f"/registrations/{registration.pk}/photo/").status_code == 403

    def test_anonymous_does_not_see_it(self, client, registration):
        assert client.get(f"/registrations/{registration.pk}/photo/").status_code == 302

    def test_a_bad_photo_changes_nothing(self, delegate, registration):
        before = registration.photo.name

        with pytest.raises(services.RegistrationError):
            personal_data.set_photo(registration, image_file(size=(10, 10)), delegate)

        registration.refresh_from_db()
        assert registration.photo.name == before


@pytest.mark.django_db
def test_a_new_photo_replaces_the_old_file(delegate, django_capture_on_commit_callbacks):
    registration = register(SessionFactory(format="hybrid"), email=delegate.email)
    personal_data.set_photo(registration, image_file(), delegate)
    old = registration.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        personal_data.set_photo(registration, image_file(size=(800, 1000)), delegate)

    storage = registration.photo.storage
    assert not storage.exists(old) and storage.exists(registration.photo.name)
