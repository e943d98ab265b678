"""The demo's placeholder portraits, and the demo people who get them."""

import io

import pytest
from PIL import Image

from config.demo import seed
from config.demo_portraits import initials, portrait
from registration.models import Registration
from registration.photos import MIN_HEIGHT, MIN_WIDTH
from sessions_app.models import ParticipationMode
from tests.config.conftest import TODAY, quiet

pytestmark = pytest.mark.django_db


def in_person_approved():
    return Registration.objects.filter(
        state=Registration.State.APPROVED, participation_mode=ParticipationMode.IN_PERSON
    )


def test_a_portrait_is_a_jpeg_large_enough_for_the_photo_rules():
    image = Image.open(io.BytesIO(portrait("Élodie", "Lefèvre")))

    assert image.format == "JPEG"
    assert image.width >= MIN_WIDTH and image.height >= MIN_HEIGHT


def test_a_person_always_gets_the_same_portrait():
    assert portrait("Ahmed", "Hassan") == portrait("Ahmed", "Hassan")


def test_people_get_different_portraits():
    portraits = {portrait(given, family) for given, family in [("Wei", "Zhang"), ("Li", "Wang")]}

    assert len(portraits) == 2


def test_a_variant_of_the_same_name_is_a_different_portrait():
    assert portrait("Wei", "Zhang", "1") != portrait("Wei", "Zhang", "2")


def test_initials_keep_their_accents():
    assert initials("Élodie", "Lefèvre") == "ÉL"


def test_every_approved_in_person_demo_registration_has_a_photo(demo):
    registrations = in_person_approved()

    assert registrations.count() >= 10
    assert not registrations.filter(photo="").exists()


def test_demo_photos_are_stored_as_uploaded_photos_are(demo):
    registration = in_person_approved().first()

    with registration.photo.open("rb") as file:
        image = Image.open(file)
        assert (image.format, image.size) == ("JPEG", (400, 500))
    assert registration.photo.name.startswith(f"photos/{registration.session_id}/")


def test_online_demo_registrations_have_no_photo(demo):
    online = Registration.objects.filter(participation_mode=ParticipationMode.ONLINE)

    assert online.exists()
    assert not online.exclude(photo="").exists()


def test_seeding_again_keeps_the_photos_as_they_are(demo):
    before = dict(in_person_approved().values_list("pk", "photo"))

    seed(today=TODAY, log=quiet)

    assert dict(in_person_approved().values_list("pk", "photo")) == before


def test_a_demo_seeded_before_portraits_gets_them_on_the_next_seeding(demo):
    in_person_approved().update(photo="")

    seed(today=TODAY, log=quiet)

    assert not in_person_approved().filter(photo="").exists()


@pytest.mark.parametrize(
    "script, first, last",
    [("Arabic", 0x0600, 0x06FF), ("Chinese", 0x4E00, 0x9FFF), ("Cyrillic", 0x0400, 0x04FF)],
)
def test_demo_names_include_names_in_their_own_script(demo, script, first, last):
    names = Registration.objects.values_list("name_in_own_script", flat=True)

    assert any(first <= ord(char) <= last for name in names for char in name), script


def test_demo_names_include_latin_names_with_diacritics(demo):
    names = Registration.objects.values_list("family_name", flat=True)

    assert {"Lefèvre", "Hernández", "Núñez"} <= set(names)
