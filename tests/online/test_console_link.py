"""The officer's page of a registration in the console: for an approved online participant,
the state of their personal link (made when, opened how often and when last) and a button
to replace it; nothing of the kind for anyone else, never the platform's link, and the
page closed to participants."""

import re

import pytest
from django.urls import reverse

from online import services
from online.models import JoinLink
from registration import services as registration
from tests.factories import UserFactory, register, vienna
from tests.online.common import DAY, ZOOM

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(session, officer):
    return registration.approve(register(session, mode="online"), officer)


def detail(registration) -> str:
    return reverse(
        "registration:console-detail",
        kwargs={"slug": registration.session.slug, "pk": registration.pk},
    )


def replace_url(registration) -> str:
    return reverse("online:replace-link", args=[registration.pk])


def token_of(registration) -> str:
    return JoinLink.objects.get(registration=registration).token


def test_the_page_shows_the_link_s_state_and_a_button_to_replace_it(officer_client, online):
    text = officer_client.get(detail(online)).text

    assert "Personal join link" in text and "Not yet" in text
    assert f'action="{replace_url(online)}"' in text
    assert 'data-confirm="Replace this participant&#x27;s personal link?' in text


def test_the_page_counts_the_openings_of_the_link(officer_client, online):
    token = token_of(online)
    for address in ("203.0.113.7", "198.51.100.9"):
        services.open_link(token, ip=address)

    text = officer_client.get(detail(online)).text

    assert "2 times, last on" in text


def test_the_page_shows_neither_the_personal_link_nor_the_platform_s(officer_client, online):
    text = officer_client.get(detail(online)).text

    assert token_of(online) not in text and "/join/" not in text
    assert ZOOM not in text and "zoom.example.org" not in text


@pytest.mark.parametrize("mode, approved", [("in_person", True), ("online", False)])
def test_no_button_for_a_participant_in_person_or_not_approved(
    officer_client, session, officer, mode, approved
):
    made = register(session, mode=mode)
    if approved:
        registration.approve(made, officer)

    text = officer_client.get(detail(made)).text

    assert "Replace link" not in text and "join-link/replace" not in text


def test_the_button_replaces_the_link_and_the_old_one_dies(officer_client, online):
    old = token_of(online)
    page = officer_client.get(detail(online)).text
    action = re.search(r'action="([^"]*join-link/replace/)"', page)

    response = officer_client.post(action[1], {"confirmed": "1"})

    assert response.status_code == 302 and response["Location"] == detail(online)
    assert services.open_link(old, now=vienna(DAY, 10, 30)).outcome == "refused"
    assert services.open_link(token_of(online), now=vienna(DAY, 10, 30)).outcome == "joined"


def test_without_confirmation_the_officer_is_asked_and_the_link_stays(officer_client, online):
    old = token_of(online)

    response = officer_client.post(replace_url(online))

    assert response.status_code == 200
    assert "Replace this participant&#x27;s personal link?" in response.text
    assert token_of(online) == old


def test_a_participant_may_not_open_the_console_page(client, session, officer):
    user = UserFactory()
    own = registration.approve(register(session, mode="online", participant=user), officer)
    client.force_login(user)

    response = client.get(detail(own))

    assert response.status_code == 403 and "Replace link" not in response.text


def test_a_stranger_may_not_replace_the_link_from_the_console_s_button(client, online):
    old = token_of(online)
    client.force_login(UserFactory())

    response = client.post(replace_url(online), {"confirmed": "1"})

    assert response.status_code == 404 and token_of(online) == old


def test_the_page_s_query_count_does_not_grow_with_the_openings(
    officer_client, online, django_assert_num_queries, django_assert_max_num_queries
):
    officer_client.get(detail(online))
    with django_assert_max_num_queries(100) as counted:
        officer_client.get(detail(online))
    token = token_of(online)
    for _ in range(5):
        services.open_link(token, ip="203.0.113.7")

    with django_assert_num_queries(len(counted.captured_queries)):
        officer_client.get(detail(online))
