"""The metrics endpoint (core.metrics): who may read it, and what it counts."""

import ipaddress
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.celery import app
from tests.factories import SessionFactory, UserFactory, register

pytestmark = pytest.mark.django_db
TOKEN = "s3cret-metrics-token"


@pytest.fixture(autouse=True)
def _token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_NETWORKS = []


def current(**fields):
    """A session sitting this week: the domain metrics count it."""
    today = timezone.localdate()
    return SessionFactory(start_date=today, end_date=today + timedelta(days=4), **fields)


def scrape(client, **headers):
    return client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", **headers)


def sample(text: str, name: str, **labels) -> float | None:
    """The value of one sample in the exposition text."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        if not line.startswith("#") and line.split(" ")[0] == f"{name}{{{wanted}}}":
            return float(line.rsplit(" ", 1)[1])
    return None


@pytest.mark.parametrize(
    "authorization", ["", "Bearer wrong", f"Token {TOKEN}", f"Bearer {TOKEN}x", TOKEN]
)
def test_without_the_token_nobody_reads_the_metrics(client, authorization):
    response = client.get("/metrics", HTTP_AUTHORIZATION=authorization)

    assert response.status_code == 403 and response.content == b""


def test_an_officer_signed_in_is_no_monitoring_system(officer_client):
    assert officer_client.get("/metrics").status_code == 403


def test_with_no_token_and_no_network_set_nobody_reads_them(client, settings):
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_the_monitoring_network_reads_them_without_a_token(client, settings):
    settings.METRICS_NETWORKS = [ipaddress.ip_network("10.1.0.0/16")]

    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.2.0.1").status_code == 403


def test_behind_a_proxy_the_network_is_the_clients_not_the_proxys(client, settings):
    settings.METRICS_NETWORKS = [ipaddress.ip_network("10.1.0.0/16")]
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    outside = client.get("/metrics", REMOTE_ADDR="10.1.0.9", HTTP_X_FORWARDED_FOR="203.0.113.5")
    inside = client.get("/metrics", REMOTE_ADDR="10.1.0.9", HTTP_X_FORWARDED_FOR="10.1.4.4")

    assert (outside.status_code, inside.status_code) == (403, 200)


def test_requests_are_counted_by_view_and_status(client):
    client.get("/health/live")
    client.get("/metrics")  # refused

    text = scrape(client).content.decode()

    assert sample(
        text,
        "django_http_responses_total_by_status_view_method_total",
        method="GET",
        status="403",
        view="metrics",
    )
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text
    assert sample(text, "django_db_execute_total", alias="default", vendor="sqlite") or sample(
        text, "django_db_execute_total", alias="default", vendor="postgresql"
    )


def test_registrations_check_ins_and_printed_badges_are_counted_by_session(client, officer):
    from badges.models import Badge, CheckIn
    from badges.services import issue_badge
    from tests.badges.common import approved

    session = current(slug="ccpcj-35", format="hybrid")
    register(session)
    badges = [issue_badge(approved(session), officer) for _ in range(2)]
    Badge.objects.filter(pk=badges[0].pk).update(printed_at=timezone.now())
    CheckIn.objects.create(
        session=session,
        registration=badges[0].registration,
        badge=badges[0],
        day=session.start_date,
        at=timezone.now(),
    )
    ended = SessionFactory(slug="long-ago", start_date=date(2001, 4, 2), end_date=date(2001, 4, 3))
    register(ended)

    text = scrape(client).content.decode()

    assert sample(text, "meetings_registrations", session="ccpcj-35", state="submitted") == 1
    assert sample(text, "meetings_registrations", session="ccpcj-35", state="approved") == 2
    assert sample(text, "meetings_registrations", session="long-ago", state="submitted") is None
    assert sample(text, "meetings_checkins_total", session="ccpcj-35") == 1
    assert sample(text, "meetings_badges_printed_total", session="ccpcj-35") == 1


def test_reading_them_costs_the_same_queries_however_many_sessions_and_registrations(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert scrape(client).status_code == 200
        return len(captured)

    register(current())
    few = queries()
    for _ in range(3):
        session = current()
        for _ in range(3):
            register(session, email=UserFactory().email)

    assert queries() == few


def test_celery_tasks_are_counted_by_outcome_in_the_shared_cache(client):
    app.loader.import_default_modules()
    purge = app.tasks["registration.tasks.purge_personal_data"]
    badges = app.tasks["badges.tasks.run_print_job"]

    purge.apply()
    purge.apply()
    badges.apply(args=(0,), throw=False)  # no such print job

    text = scrape(client).content.decode()
    purged = {"task": "registration.tasks.purge_personal_data"}
    assert sample(text, "meetings_celery_tasks_total", outcome="succeeded", **purged) == 2
    assert sample(text, "meetings_celery_tasks_total", outcome="failed", **purged) == 0
    printed = {"task": "badges.tasks.run_print_job"}
    assert sample(text, "meetings_celery_tasks_total", outcome="failed", **printed) == 1


def test_a_cache_down_loses_the_task_counts_not_the_metrics_nor_the_task(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    app.loader.import_default_modules()

    assert app.tasks["registration.tasks.purge_personal_data"].apply().successful()
    response = scrape(client)

    assert response.status_code == 200
    assert "meetings_registrations" in response.content.decode()
    assert "meetings_celery_tasks" not in response.content.decode()
