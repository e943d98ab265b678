"""The 403, 404 and 500 pages are the site's own, in the reader's language (their strings
are marked for translation; tests/config/test_translations.py checks the catalogues are
complete); /favicon.ico answers."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_missing_page_answers_with_the_sites_404_in_french(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 404
    assert '<html lang="fr"' in response.text
    assert 'class="site-header"' in response.text
    assert "<h1>Not Found</h1>" not in response.text  # not Django's bare English page


def test_a_missing_page_answers_with_the_sites_404_in_arabic_right_to_left(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in response.text
    assert 'class="site-header"' in response.text


def test_a_page_one_may_not_open_answers_with_the_sites_403_in_french(client):
    client.force_login(UserFactory())

    response = client.get("/sessions/any/console/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 403
    assert '<html lang="fr"' in response.text
    assert 'class="site-header"' in response.text
    assert "<h1>403 Forbidden</h1>" not in response.text  # not Django's bare English page


def test_a_page_one_may_not_open_answers_with_the_sites_403_in_arabic(client):
    client.force_login(UserFactory())

    response = client.get("/sessions/any/console/", HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 403
    assert '<html lang="ar" dir="rtl">' in response.text


def test_the_404_in_english_says_what_happened(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")

    assert "Page not found" in response.text
    assert 'href="/"' in response.text


def test_the_500_page_renders_without_a_request_in_the_readers_language():
    with translation.override("ar"):
        page = render_to_string("500.html")

    assert '<html lang="ar" dir="rtl">' in page
    assert "css/site.css" in page


def test_the_server_error_handler_answers_with_the_500_page():
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert b'class="site-header"' in response.content


def test_favicon_ico_answers(client):
    response = client.get("/favicon.ico", follow=True)

    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")


def test_pages_name_their_icon(client):
    response = client.get("/")

    assert 'rel="icon"' in response.text
