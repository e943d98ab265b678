"""A person's preferred language: set from the interface's at sign-up, changed on their
profile, refused when it is not one the site offers."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.languages import preferred_language, set_preferred_language
from accounts.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def sign_up(client, language: str, email: str = "new.delegate@example.org"):
    client.cookies.load({"django_language": language})
    return client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "ru", "es", "en"])
def test_signing_up_keeps_the_interface_language(client, language):
    sign_up(client, language)

    assert Profile.objects.get(user__email="new.delegate@example.org").language == language


def test_the_confirmation_mail_of_a_russian_sign_up_is_in_russian(client):
    sign_up(client, "ru")

    assert "подтвердите" in mail.outbox[0].subject


def test_allauth_mails_follow_the_preferred_language_not_the_page(client):
    """A password reset asked from an English page, by a person who reads French."""
    person = UserFactory()
    set_preferred_language(person, "fr")
    client.cookies.load({"django_language": "en"})

    client.post(reverse("account_reset_password"), {"email": person.email})

    assert mail.outbox[0].to == [person.email]
    assert "mot de passe" in mail.outbox[0].subject.lower()


def test_a_person_without_a_profile_reads_the_default_or_the_given_language():
    user = UserFactory()

    assert preferred_language(user) == "en"
    assert preferred_language(user, default="fr") == "fr"
    assert preferred_language(None, default="ar") == "ar"


def test_the_profile_shows_and_changes_the_language(client, delegate):
    client.force_login(delegate)
    set_preferred_language(delegate, "fr")

    page = client.get(reverse("accounts:profile")).text
    response = client.post(reverse("accounts:profile"), {"language": "ar"})

    assert 'value="fr" aria-describedby="language-help" checked' in page
    assert response.status_code == 302
    assert Profile.objects.get(user=delegate).language == "ar"


def test_every_language_is_offered_in_its_own_name_and_script(client, delegate):
    client.force_login(delegate)

    page = client.get(reverse("accounts:profile")).text

    assert '<label for="id_language_0" lang="ar">العربيّة</label>' in page
    assert 'lang="zh-hans">简体中文</label>' in page and 'lang="ru">Русский</label>' in page


@pytest.mark.parametrize("language", ["de", "", "zh-hant"])
def test_a_language_the_site_does_not_offer_is_refused_and_nothing_changes(
    client, delegate, language
):
    client.force_login(delegate)
    set_preferred_language(delegate, "fr")

    response = client.post(reverse("accounts:profile"), {"language": language})

    assert response.status_code == 400 and 'class="error-summary"' in response.text
    assert Profile.objects.get(user=delegate).language == "fr"


def test_the_profile_needs_a_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_header_links_to_the_profile(client, delegate):
    client.force_login(delegate)

    page = client.get("/").text

    assert f'<a href="{reverse("accounts:profile")}">{delegate.email}</a>' in page
