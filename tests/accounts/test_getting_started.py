"""Getting started: *Sign up* in the header, allauth's pages in the site's layout, and the
page a person started from kept through sign-up and e-mail verification."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
REGISTER = "/sessions/demo/register/"


def header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


def sign_up_link(html: str) -> str:
    return re.search(r'<a href="([^"]*)">Sign up</a>', header(html)).group(1).replace("&amp;", "&")


def confirmation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)


def sign_up(client, next_url=REGISTER, email="new.delegate@example.org"):
    return client.post(
        f"{reverse('account_signup')}?next={next_url}",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "next": next_url},
    )


def test_the_header_offers_sign_up_next_to_log_in(client, open_session):
    nav = header(client.get("/").text)

    assert nav.index("Log in") < nav.index("Sign up")


def test_no_sign_up_in_the_header_once_logged_in(delegate_client):
    assert "Sign up" not in header(delegate_client.get("/").text)


def test_sign_up_from_a_page_comes_back_to_it(client, open_session):
    assert sign_up_link(client.get("/sessions/demo/").text) == (
        f"{reverse('account_signup')}?next=%2Fsessions%2Fdemo%2F"
    )


def test_sign_up_from_the_login_page_keeps_where_the_login_leads(client, open_session):
    login = client.get(REGISTER, follow=True)

    assert (
        sign_up_link(login.text)
        == f"{reverse('account_signup')}?next=%2Fsessions%2Fdemo%2Fregister%2F"
    )


def test_sign_up_ignores_a_next_to_another_site(client):
    link = sign_up_link(client.get(f"{reverse('account_login')}?next=https://evil.example/").text)

    assert link == reverse("account_signup")


def test_the_verification_link_carries_next(client, open_session):
    sign_up(client)

    assert "next=%2Fsessions%2Fdemo%2Fregister%2F" in confirmation_link(mail.outbox[0])


def test_signed_up_and_verified_in_the_same_browser_lands_on_register(client, open_session):
    sign_up(client)
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)
    assert 'name="next" value="/sessions/demo/register/"' in page.text
    response = client.post(link.split("?")[0], {"next": REGISTER})

    assert response.status_code == 302 and response.url == REGISTER
    assert client.get(REGISTER).status_code == 200  # logged in: the form, not the login page


def test_verified_in_another_browser_logs_in_and_lands_on_register(client, open_session):
    sign_up(client)
    link = confirmation_link(mail.outbox[0])
    other = Client()

    confirmed = other.post(link.split("?")[0], {"next": REGISTER})
    assert confirmed.url == REGISTER
    to_login = other.get(REGISTER)
    assert to_login.url == f"{reverse('account_login')}?next={REGISTER}"
    logged_in = other.post(
        to_login.url, {"login": "new.delegate@example.org", "password": PASSWORD}
    )

    assert logged_in.url == REGISTER


def test_signing_up_without_next_still_works(client):
    client.post(
        reverse("account_signup"),
        {"email": "plain@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert "next=" not in confirmation_link(mail.outbox[0])


def test_people_are_shown_by_their_email_address(client, open_session):
    sign_up(client)
    page = client.get(confirmation_link(mail.outbox[0]))

    assert "for user new.delegate@example.org" in page.text


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_account_pages_are_in_the_site_layout(client, name):
    html = client.get(reverse(name)).text

    assert '<header class="site-header">' in html
    if name != "account_email_verification_sent":
        assert 'class="stacked account-form"' in html
        assert re.search(r'<button\s+class="button', html)


def test_account_management_pages_are_in_the_site_layout(delegate_client):
    for name in ("account_email", "mfa_index", "account_change_password"):
        html = delegate_client.get(reverse(name)).text
        assert '<header class="site-header">' in html, name


def test_a_login_link_back_to_the_page_is_there_for_the_header(rf):
    from django.contrib.auth.models import AnonymousUser

    from accounts.context_processors import entrance

    request = rf.get("/sessions/demo/")
    request.user = AnonymousUser()

    assert entrance(request)["header_login_url"] == (
        f"{reverse('account_login')}?next=%2Fsessions%2Fdemo%2F"
    )
