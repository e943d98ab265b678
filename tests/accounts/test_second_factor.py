"""The officer's second factor on every door: the admin's login goes through allauth's
(its rate limits and second factor), and an officer's session counts only once it has
passed the second factor, on pages and on the API alike."""

import pytest
from allauth.account.authentication import get_authentication_records
from django.urls import reverse
from knox.models import AuthToken

from tests.second_factor import PASSWORD, add_totp, log_in_with_totp, totp_code

pytestmark = pytest.mark.django_db

# The console, the identity-document export, the gate, the scanner bundle and the admin.
OFFICER_PAGES = [
    "/sessions/demo/console/",
    "/sessions/demo/console/export.csv?column=identity_document_number",
    "/sessions/demo/gate/",
    "/api/v1/sessions/demo/scanner-bundle/",
    "/admin/",
]


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_FOR_OFFICERS = True


@pytest.fixture
def secret(officer):
    return add_totp(officer)


def test_the_admin_login_checks_no_password(client, officer, secret, required):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": officer.username, "password": PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("path", OFFICER_PAGES)
def test_a_password_posted_to_the_admin_login_opens_no_officer_page(
    client, officer, secret, required, open_session, path
):
    client.post("/admin/login/", {"username": officer.username, "password": PASSWORD})

    response = client.get(path)

    assert response.status_code in (302, 401, 403)
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_at_the_admin_login_count_toward_the_limits(client, officer):
    login = client.get("/admin/login/?next=/admin/").url
    for _ in range(6):
        client.post(login, {"login": officer.email, "password": "wrong"})

    response = client.post(login, {"login": officer.email, "password": PASSWORD})

    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_the_admin_opens_after_the_password_and_the_code(client, officer, secret, required):
    login = client.get("/admin/login/?next=/admin/").url
    response = client.post(login, {"login": officer.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, follow=True)

    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200


@pytest.mark.parametrize("path", OFFICER_PAGES)
def test_an_officer_session_opened_with_the_password_alone_is_sent_to_log_in_again(
    client, officer, secret, required, open_session, path
):
    client.login(username=officer.username, password=PASSWORD)  # no allauth, no code

    response = client.get(path)

    assert response.status_code == (403 if path.startswith("/api/") else 302)
    assert "_auth_user_id" not in client.session


def test_the_officer_is_sent_to_the_login_page_and_back(officer_client, secret, required):
    response = officer_client.get("/sessions/demo/console/")

    assert response.url == f"{reverse('account_login')}?next=/sessions/demo/console/"


def test_the_api_answers_a_session_without_the_second_factor_in_json(
    officer_client, secret, required, open_session
):
    response = officer_client.get("/api/v1/sessions/demo/scanner-bundle/")

    assert response.status_code == 403
    assert "second factor" in response.json()["detail"]


@pytest.mark.parametrize("path", OFFICER_PAGES)
def test_an_officer_who_passed_the_second_factor_opens_officer_pages(
    client, officer, secret, required, open_session, path
):
    log_in_with_totp(client, officer, secret)

    assert client.get(path).status_code == 200


def test_the_login_records_the_second_factor_in_the_session(rf, client, officer, secret):
    log_in_with_totp(client, officer, secret)
    request = rf.get("/")
    request.session = client.session

    assert "mfa" in {record["method"] for record in get_authentication_records(request, officer)}


def test_an_api_token_is_not_a_session_and_passes(client, officer, secret, required, open_session):
    _instance, token = AuthToken.objects.create(officer)

    response = client.get(
        "/api/v1/sessions/demo/scanner-bundle/", HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert response.status_code == 200


@pytest.mark.parametrize("path", OFFICER_PAGES)
def test_force_login_opens_officer_pages_when_the_second_factor_is_not_required(
    officer_client, secret, open_session, path, settings
):
    settings.MFA_REQUIRED_FOR_OFFICERS = False

    assert officer_client.get(path).status_code == 200


def test_delegates_with_a_totp_are_not_sent_to_log_in_again(delegate_client, delegate, required):
    add_totp(delegate)

    assert delegate_client.get("/rooms/").status_code == 200


def test_an_officer_who_sets_up_the_totp_then_logs_in_again_with_it(client, officer, required):
    client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD})
    assert client.get("/rooms/").url == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert client.get("/rooms/").url.startswith(reverse("account_login"))

    log_in_with_totp(client, officer, secret, next_url="/rooms/")

    assert client.get("/rooms/").status_code == 200
