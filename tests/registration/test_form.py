"""The registration form as a person meets it: sections, required fields marked, prompts
in the selects, the privacy notice, the in-person section, the photo kept across errors,
the error summary, and the waiting list explained after submitting."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from registration import kept_photos
from registration.models import Registration
from tests.factories import EntityFactory, UserFactory, register
from tests.registration.test_pages import form

pytestmark = pytest.mark.django_db
URL = "/sessions/demo/register/"


@pytest.fixture
def session(open_session):
    return open_session


def portrait(name="anna.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (400, 500), "lightgrey").save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def legends(html: str) -> list[str]:
    return re.findall(r"<legend>(.*?)</legend>", html)


def kept_files() -> list[str]:
    try:
        return default_storage.listdir(kept_photos.FOLDER)[1]
    except FileNotFoundError:
        return []


def test_the_form_is_in_sections_in_order(delegate_client, session):
    html = delegate_client.get(URL).text

    assert legends(html) == [
        "Who you represent",
        "Your names",
        "Participation",
        "Interpretation and accessibility",
        "For in-person participants only",
        "Consents",
    ]


def test_each_field_is_in_its_section(delegate_client, session):
    html = delegate_client.get(URL).text
    in_person = re.search(r'id="section-in_person".*?</fieldset>', html, re.S).group(0)

    for name in ("identity_document_number", "photo", "needs_visa_letter"):
        assert f'name="{name}"' in in_person
    assert 'name="given_name"' not in in_person


def test_required_fields_are_marked_in_words_and_for_assistive_technology(delegate_client, session):
    html = delegate_client.get(URL).text

    given = re.search(r'<label for="id_given_name">(.*?)</label>', html, re.S).group(1)
    own_script = re.search(r'<label for="id_name_in_own_script">(.*?)</label>', html, re.S)
    assert "(required)" in given
    assert "(required)" not in own_script.group(1)
    assert re.search(r'<input[^>]*name="given_name"[^>]*required', html)
    assert re.search(r'<select[^>]*name="identity_document_type"[^>]*aria-required="true"', html)


def test_selects_show_a_prompt_not_dashes(delegate_client, session):
    html = delegate_client.get(URL).text

    assert "---------" not in html
    assert '<option value="" selected>Choose…</option>' in html


def test_a_session_with_one_mode_needs_no_choice_of_mode(delegate_client, session):
    session.format = "online"
    session.save()

    html = delegate_client.get(URL).text

    mode = re.search(r'<select name="participation_mode".*?</select>', html, re.S).group(0)
    assert "Choose" not in mode
    assert 'id="section-in_person"' not in html  # online only: nothing to ask in person


def test_the_privacy_notice_is_a_link_to_a_page_that_exists(delegate_client, session, client):
    html = delegate_client.get(URL).text

    link = re.search(r'<a href="([^"]+)"[^>]*>Read the privacy notice', html).group(1)
    notice = client.get(link)
    assert notice.status_code == 200
    assert "Privacy notice" in notice.text and "security service" in notice.text


def test_the_privacy_notice_is_translated(client):
    response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert '<html lang="fr"' in response.text


def test_online_participation_needs_no_identity_document(delegate_client, session):
    response = delegate_client.post(
        URL,
        form(
            EntityFactory(),
            participation_mode="online",
            identity_document_type="",
            identity_document_number="",
            identity_document_expiry="",
        ),
    )

    assert response.status_code == 302
    assert Registration.objects.get().participation_mode == "online"


def test_online_participation_ignores_what_the_in_person_section_holds(delegate_client, session):
    delegate_client.post(
        URL,
        form(
            EntityFactory(),
            participation_mode="online",
            identity_document_expiry="not a date",
            needs_visa_letter="on",
            photo=portrait(),
        ),
    )

    registration = Registration.objects.get()
    assert (
        registration.identity_document_number,
        registration.identity_document_expiry,
        registration.needs_visa_letter,
        bool(registration.photo),
    ) == ("", None, False, False)


def test_in_person_participation_still_needs_the_identity_document(delegate_client, session):
    response = delegate_client.post(URL, form(EntityFactory(), identity_document_number=""))

    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_the_mode_must_be_chosen_where_there_is_a_choice(delegate_client, session):
    response = delegate_client.post(URL, form(EntityFactory(), participation_mode=""))

    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_errors_are_summarised_at_the_top_with_links_to_the_fields(delegate_client, session):
    response = delegate_client.post(URL, form(EntityFactory(), given_name="", salutation=""))

    html = response.text
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', html, re.S).group(0)
    assert html.index("error-summary") < html.index("<fieldset")
    assert 'href="#id_given_name"' in summary and 'href="#id_salutation"' in summary
    assert re.search(r'<h2 id="error-summary-title" tabindex="-1" data-focus-on-load>', summary)
    assert "There are 2 problems" in summary


def test_a_field_with_an_error_points_to_its_message(delegate_client, session):
    html = delegate_client.post(URL, form(EntityFactory(), given_name="")).text

    field = re.search(r'<input[^>]*name="given_name"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_given_name_error"' in field
    assert 'id="id_given_name_error"' in html


def test_no_summary_without_errors(delegate_client, session):
    assert "error-summary" not in delegate_client.get(URL).text


def test_the_photo_is_kept_across_errors(delegate_client, session):
    entity = EntityFactory()

    first = delegate_client.post(URL, form(entity, given_name="", photo=portrait("anna.jpg")))

    assert first.status_code == 200
    assert "Photo kept: anna.jpg" in first.text
    token = re.search(r'name="kept_photo" value="([^"]+)"', first.text).group(1)
    assert len(kept_files()) == 1

    second = delegate_client.post(URL, form(entity, kept_photo=token))

    assert second.status_code == 302
    registration = Registration.objects.get()
    assert registration.photo
    assert kept_files() == []  # used, so deleted


def test_the_kept_photo_survives_a_second_error(delegate_client, session):
    entity = EntityFactory()
    first = delegate_client.post(URL, form(entity, given_name="", photo=portrait()))
    token = re.search(r'name="kept_photo" value="([^"]+)"', first.text).group(1)

    second = delegate_client.post(URL, form(entity, family_name="", kept_photo=token))

    assert "Photo kept: anna.jpg" in second.text
    assert f'value="{token}"' in second.text


def test_a_new_photo_replaces_the_kept_one(delegate_client, session):
    entity = EntityFactory()
    first = delegate_client.post(URL, form(entity, given_name="", photo=portrait("old.jpg")))
    token = re.search(r'name="kept_photo" value="([^"]+)"', first.text).group(1)

    second = delegate_client.post(
        URL, form(entity, family_name="", kept_photo=token, photo=portrait("new.jpg"))
    )

    assert "Photo kept: new.jpg" in second.text
    assert len(kept_files()) == 1


def test_a_kept_photo_is_only_for_the_person_who_chose_it(delegate_client, session, client):
    entity = EntityFactory()
    first = delegate_client.post(URL, form(entity, given_name="", photo=portrait()))
    token = re.search(r'name="kept_photo" value="([^"]+)"', first.text).group(1)
    other = UserFactory()
    client.force_login(other)

    client.post(URL, form(entity, kept_photo=token))

    assert not Registration.objects.get(participant=other).photo
    assert len(kept_files()) == 1  # the owner's copy is still there for them


def test_a_person_keeps_one_photo_however_many_forms_they_leave(delegate, session):
    from django.core.files.base import ContentFile

    someone_else = kept_photos.keep(ContentFile(b"z", name="z.jpg"), "z.jpg", UserFactory())
    for _attempt in range(3):
        last = kept_photos.keep(ContentFile(b"x", name="a.jpg"), "a.jpg", delegate)

    assert sorted(kept_files()) == sorted(
        name.split("/")[-1] for name in (someone_else.stored_name, last.stored_name)
    )


def test_a_forged_token_is_ignored(delegate_client, session):
    response = delegate_client.post(URL, form(EntityFactory(), kept_photo="forged:token"))

    assert response.status_code == 302
    assert not Registration.objects.get().photo


def test_the_photo_is_kept_across_errors_when_changing_details(delegate_client, delegate, session):
    register(
        session,
        participant=delegate,
        email=delegate.email,
        identity_document_type="passport",
        identity_document_number="P1",
        identity_document_expiry="2031-01-01",
    )
    edit = "/sessions/demo/register/edit/"
    details = {
        "salutation": "Ms.",
        "given_name": "",
        "family_name": "Haddad",
        "identity_document_type": "passport",
        "identity_document_number": "P1",
        "identity_document_expiry": "2031-01-01",
    }

    first = delegate_client.post(edit, details | {"photo": portrait()})
    token = re.search(r'name="kept_photo" value="([^"]+)"', first.text).group(1)
    delegate_client.post(edit, details | {"given_name": "Amina", "kept_photo": token})

    assert Registration.objects.get().photo


def test_changing_an_online_registration_asks_nothing_for_in_person(
    delegate_client, delegate, session
):
    register(session, mode="online", participant=delegate, email=delegate.email)

    html = delegate_client.get("/sessions/demo/register/edit/").text

    assert 'id="section-in_person"' not in html
    assert 'name="identity_document_number"' not in html


def test_the_waiting_list_is_explained(delegate_client, delegate, session):
    register(session)  # holds the only seat
    register(session, email=delegate.email)

    html = delegate_client.get(URL).text

    assert "What the waiting list means" in html
    assert "You are number 1 in the queue" in html
    assert "told by e-mail" in html
    assert "switch to online participation" in html


def test_no_waiting_list_text_for_a_submitted_registration(delegate_client, delegate, session):
    register(session, email=delegate.email)

    assert "What the waiting list means" not in delegate_client.get(URL).text


def a_day_later(monkeypatch):
    """The clock a day and an hour on (the storage's own times cannot be moved back)."""
    later = timezone.now() + timedelta(hours=25)
    monkeypatch.setattr(timezone, "now", lambda: later)


def test_kept_photos_of_forms_left_are_deleted_after_a_day(delegate, monkeypatch):
    from django.core.files.base import ContentFile

    kept = kept_photos.keep(ContentFile(b"x", name="a.jpg"), "a.jpg", delegate)

    kept_photos.delete_stale()
    assert kept_files() == [kept.stored_name.split("/")[-1]]
    a_day_later(monkeypatch)
    kept_photos.delete_stale()
    assert kept_files() == []


def test_the_daily_purge_deletes_kept_photos_of_forms_left(delegate, monkeypatch):
    from django.core.files.base import ContentFile

    from registration import personal_data

    kept_photos.keep(ContentFile(b"x", name="a.jpg"), "a.jpg", delegate)
    a_day_later(monkeypatch)

    personal_data.purge_personal_data()

    assert kept_files() == []
