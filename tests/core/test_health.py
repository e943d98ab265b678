"""The health endpoints a load balancer asks (core.health), with each dependency up and
really down: a Redis cache, a broker and an S3 bucket on a port where nothing listens, and
a database that does not answer (in a fresh interpreter, as settings are read once)."""

import json

import pytest

from config.storage import from_url
from tests.config.test_settings import run_with
from tests.servers import LOCAL_REDIS as REDIS
from tests.servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def closed_port():
    """A local port where nothing listens."""
    return free_port()


def ready(client):
    response = client.get("/health/ready")
    return response.status_code, response.json()


def test_live_says_the_process_answers_without_asking_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/health/live")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-cache" in response["Cache-Control"]


def test_ready_checks_the_database_the_cache_and_the_storage(client):
    assert "no-cache" in client.get("/health/ready")["Cache-Control"]
    assert ready(client) == (
        200,
        {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}},
    )


def test_ready_checks_the_broker_where_tasks_go_to_workers(client, settings):
    settings.CELERY_BROKER_URL = REDIS

    assert ready(client)[1]["checks"]["broker"] == "ok"


def test_a_broker_down_makes_the_machine_not_ready(client, settings, closed_port):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port}/0"

    status, body = ready(client)

    assert status == 503 and body["status"] == "failing"
    assert body["checks"] == {"database": "ok", "cache": "ok", "storage": "ok", "broker": "failing"}


def test_a_cache_down_makes_the_machine_not_ready(client, settings, closed_port):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        }
    }

    assert ready(client) == (
        503,
        {"status": "failing", "checks": {"database": "ok", "cache": "failing", "storage": "ok"}},
    )


def test_a_bucket_down_makes_the_machine_not_ready(client, settings, s3_server, closed_port):
    down = s3_server.url().replace(s3_server.endpoint, f"http://127.0.0.1:{closed_port}")
    settings.STORAGES = {**settings.STORAGES, "default": from_url(down)}

    assert ready(client)[1]["checks"]["storage"] == "failing"


def test_the_bucket_up_is_ready(client, settings, s3_server):
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storage("health")}

    assert ready(client)[1]["checks"]["storage"] == "ok"


def test_a_database_down_makes_the_machine_not_ready_and_says_nothing_of_it(tmp_path, closed_port):
    request = (
        "import json, django; django.setup(); from django.test import Client; "
        "r = Client(HTTP_HOST='127.0.0.1').get('/health/ready'); "
        "print(json.dumps([r.status_code, r.content.decode()]))"
    )
    down = f"postgres://postgres@127.0.0.1:{closed_port}/none"

    result = run_with(tmp_path / "machine", request, DEBUG="1", DATABASE_URL=down)

    status, body = json.loads(result.stdout.splitlines()[-1])
    assert status == 503
    assert json.loads(body) == {
        "status": "failing",
        "checks": {"database": "failing", "cache": "ok", "storage": "ok"},
    }


def test_probes_over_plain_http_are_not_redirected_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/health/live").status_code == 200
    assert client.get("/").status_code == 301
