import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.roles import CONFERENCE_OFFICERS, INTERPRETATION_COORDINATORS

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def test_roles_exist_as_groups():
    names = set(Group.objects.values_list("name", flat=True))

    assert {CONFERENCE_OFFICERS, INTERPRETATION_COORDINATORS} <= names


def test_conference_officers_may_change_bookings_in_the_admin():
    group = Group.objects.get(name=CONFERENCE_OFFICERS)

    assert group.permissions.filter(codename="change_booking").exists()


def test_conference_officers_may_add_languages_in_the_admin():
    group = Group.objects.get(name=CONFERENCE_OFFICERS)

    assert group.permissions.filter(codename="add_language").exists()


def test_signup_by_email_sends_a_verification_mail_and_does_not_log_in(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new.delegate@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert "new.delegate@example.org" in mail.outbox[0].to
    assert "_auth_user_id" not in client.session


def test_unverified_user_cannot_log_in(client):
    user = get_user_model().objects.create_user(
        "unverified@example.org", "unverified@example.org", PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_verified_user_logs_in_by_email(client, delegate):
    client.post(reverse("account_login"), {"login": delegate.email, "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(delegate.pk)


def test_rate_limits_use_a_real_cache():
    assert "Dummy" not in settings.CACHES["default"]["BACKEND"]
    assert settings.ACCOUNT_RATE_LIMITS is not False


def test_repeated_failed_logins_are_rate_limited(client, delegate):
    for _ in range(6):
        response = client.post(
            reverse("account_login"), {"login": delegate.email, "password": "wrong"}
        )
    response = client.post(
        reverse("account_login"), {"login": delegate.email, "password": PASSWORD}
    )

    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_mail(client, delegate):
    client.post(reverse("account_reset_password"), {"email": delegate.email})

    assert delegate.email in mail.outbox[0].to


def test_officer_without_totp_is_sent_to_set_it_up_when_required(officer_client, settings):
    settings.MFA_REQUIRED_FOR_OFFICERS = True

    response = officer_client.get("/rooms/")

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_officer_without_totp_passes_when_not_required(officer_client, settings):
    settings.MFA_REQUIRED_FOR_OFFICERS = False

    assert officer_client.get("/rooms/").status_code == 200


def test_delegates_are_not_asked_for_totp(delegate_client, settings):
    settings.MFA_REQUIRED_FOR_OFFICERS = True

    assert delegate_client.get("/rooms/").status_code == 200


def test_officer_sent_to_set_up_totp_gets_the_page(officer_client, settings):
    settings.MFA_REQUIRED_FOR_OFFICERS = True

    response = officer_client.get("/rooms/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/accounts/")


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_use_the_site_layout(client, name):
    response = client.get(reverse(name))

    assert 'class="site-header"' in response.text and "language-switcher" in response.text
