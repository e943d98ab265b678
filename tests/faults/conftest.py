"""Real faults: a broker, a cache and a mail server of the tests' own, stopped and started
again in the middle of the scenarios."""

import os
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.db import connection
from kombu import pools

from config.celery import app
from tests.servers import RedisServer, S3Server, SmtpSink, app_environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def smtp(settings):
    """Mail delivered by SMTP to a sink of the test's own."""
    sink = SmtpSink()
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()


@pytest.fixture
def broker():
    """Celery with a broker (not eager): a Redis server of the test's own."""
    redis = RedisServer()
    changed = {"broker_url": redis.url(0), "task_always_eager": False}
    saved = {key: app.conf[key] for key in changed}
    app.conf.update(changed)
    _forget_connections()
    yield redis
    redis.stop()
    app.conf.update(saved)
    _forget_connections()


def _forget_connections():
    """Celery's and kombu's pools of connections to the broker that was."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    pools.reset()


@pytest.fixture
def worker(broker, transactional_db):
    """A real Celery worker, in a thread of this process, on the test's broker."""
    from celery.contrib.testing.worker import start_worker

    app.loader.import_default_modules()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def idle(broker) -> bool:
    """Nothing waits in the broker, nor runs unacknowledged (tasks are acknowledged late)."""
    client = redis.Redis.from_url(broker.url(0))
    return client.llen("celery") == 0 and client.hlen("unacked") == 0


def eventually(condition, seconds: float = 20):
    """Wait until condition() holds (what a worker does takes its time)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("not done in time")
        time.sleep(0.05)


@pytest.fixture
def cache_server(settings):
    """The shared cache on a Redis server of the test's own, as the settings make it from
    REDIS_URL."""
    redis = RedisServer()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": redis.url(0),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    yield redis
    redis.stop()


@pytest.fixture
def bucket(settings):
    """Kept files in a bucket on an S3 server of the test's own."""
    server = S3Server()
    settings.STORAGES = {**settings.STORAGES, "default": server.storage("faults")}
    yield server
    if server.process.poll() is None:
        server.stop()


def database_url() -> str:
    """The test database, for a process of its own."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    return (
        f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
        f"/{config['NAME']}"
    )


@pytest.fixture
def processes(tmp_path, settings, request):
    """Start processes of the app (a worker, a web server) on the test's database and
    storage, each with its own var/ and log; killed at the end."""
    var = tmp_path / "process-var"
    var.mkdir()
    # The fonts this machine made at install, not made again (36 s for the Chinese one).
    if (settings.VAR_DIR / "fonts").is_dir():
        (var / "fonts").symlink_to(settings.VAR_DIR / "fonts")
    env = app_environment(DEBUG="1", DATABASE_URL=database_url(), VAR_DIR=str(var))
    if os.environ.get("TEST_STORAGE") == "s3":
        env["STORAGE_URL"] = request.getfixturevalue("s3_server").url(tmp_path.name)
    else:
        env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    started = []

    def start(command: list, **more) -> subprocess.Popen:
        log = open(tmp_path / f"process-{len(started)}.log", "wb")  # noqa: SIM115 (the process's)
        process = subprocess.Popen(
            command, env=env | more, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
