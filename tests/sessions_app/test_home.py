"""The home page leads with the sessions open for registration, then those to come, then
past ones, newest first."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


def open_for_registration(**fields):
    now, today = timezone.now(), timezone.localdate()
    dates = {"start_date": today + timedelta(days=20), "end_date": today + timedelta(days=24)}
    return SessionFactory(
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=10),
        **(dates | fields),
    )


@pytest.fixture
def sessions():
    today = timezone.localdate()
    day = timedelta(days=1)
    return {
        "old": SessionFactory(
            title="Old", start_date=today - 400 * day, end_date=today - 396 * day
        ),
        "recent": SessionFactory(
            title="Recent", start_date=today - 40 * day, end_date=today - 36 * day
        ),
        "later": SessionFactory(
            title="Later", start_date=today + 90 * day, end_date=today + 94 * day
        ),
        "soon": SessionFactory(
            title="Soon", start_date=today + 30 * day, end_date=today + 34 * day
        ),
        "open": open_for_registration(
            title="Open one", start_date=today + 60 * day, end_date=today + 64 * day
        ),
    }


def section(html: str, title: str) -> str:
    return re.search(rf'<h2 id="[\w-]+">{title}</h2>(.*?)</section>', html, re.S).group(1)


def titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def test_sessions_open_for_registration_come_first_with_a_call_to_register(client, sessions):
    html = client.get("/").text

    assert titles(html)[0] == "Open one"
    open_now = section(html, "Open for registration")
    assert 'href="/sessions/{}/register/"'.format(sessions["open"].slug) in open_now
    assert html.index("Open for registration") < html.index("Now and upcoming")


def test_upcoming_sessions_come_soonest_first(client, sessions):
    assert titles(section(client.get("/").text, "Now and upcoming")) == ["Soon", "Later"]


def test_past_sessions_come_last_newest_first(client, sessions):
    html = client.get("/").text

    assert titles(section(html, "Past sessions")) == ["Recent", "Old"]
    assert html.index("Past sessions") > html.index("Now and upcoming")


def test_a_session_open_for_registration_is_listed_once(client, sessions):
    assert titles(client.get("/").text).count("Open one") == 1


def test_a_session_whose_registration_closed_is_not_offered(client):
    today = timezone.localdate()
    now = timezone.now()
    SessionFactory(
        title="Closed",
        start_date=today + timedelta(days=5),
        end_date=today + timedelta(days=6),
        registration_opens=now - timedelta(days=10),
        registration_closes=now - timedelta(days=1),
    )

    html = client.get("/").text

    assert "Open for registration" not in html
    assert titles(section(html, "Now and upcoming")) == ["Closed"]


def test_several_bodies_are_named_on_their_sessions(client):
    open_for_registration(series=SeriesFactory(name="Expert group on reoffending"))
    SessionFactory(series=SeriesFactory(name="Commission on Crime Prevention"))

    html = client.get("/").text

    assert "Expert group on reoffending" in section(html, "Open for registration")
    assert "The bodies" in html


def test_home_query_count_does_not_grow_with_sessions(client, django_assert_num_queries):
    open_for_registration()
    SessionFactory()
    with django_assert_num_queries(2) as few:
        client.get("/")
    SessionFactory.create_batch(10)
    for _ in range(5):
        open_for_registration()

    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/")


def test_a_session_that_is_over_is_not_offered_for_registration(client):
    today = timezone.localdate()
    over = SessionFactory(
        title="Over",
        start_date=today - timedelta(days=10),
        end_date=today - timedelta(days=6),
        registration_opens=timezone.now() - timedelta(days=60),
        registration_closes=None,
    )

    response = client.get("/")

    assert over not in response.context["sessions"]["open"]
    assert over in response.context["sessions"]["past"]
