"""Deploy checks (`manage.py check --deploy`): a site that claims production must not run
on the embedded defaults that exist for development and the demo. gunicorn runs no checks:
the same messages are logged when the web server starts (config/wsgi.py)."""

import logging
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

# Caches that each process keeps for itself (or none): the rate limits of logins and of the
# API would count per worker.
UNSHARED_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}
THIS_MACHINE = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}  # noqa: S104 (names, not a bind)
logger = logging.getLogger(__name__)


@register(Tags.security, deploy=True)
def production_services(app_configs, **kwargs) -> list[CheckMessage]:
    return check_production_services(django_settings)


@register(Tags.caches, deploy=True)
def services_answer(app_configs, **kwargs) -> list[CheckMessage]:
    return check_services_answer()


def log_production_services() -> None:
    """At the start of the web server (gunicorn runs no checks)."""
    for message in check_production_services(django_settings) + check_services_answer():
        logger.log(logging.ERROR if message.is_serious() else logging.WARNING, "%s", message)


def check_services_answer() -> list[CheckMessage]:
    """The shared cache and the broker, asked now: down, the site goes on (pages from the
    database, work kept in the outbox), but say so."""
    from django.core.cache import cache
    from kombu import Connection

    from core.cache import failing

    warnings = []
    if django_settings.CACHES["default"]["BACKEND"] not in UNSHARED_CACHES:
        cache.get("config.checks.probe")
        if failing():
            warnings.append(
                Warning(
                    "The cache does not answer: pages answer from the database, but logins "
                    "and registrations are refused until it is back.",
                    hint="Start the Redis server of REDIS_URL, or correct REDIS_URL.",
                    id="config.W002",
                )
            )
    if django_settings.CELERY_BROKER_URL:
        try:
            with Connection(django_settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
                broker.ensure_connection(max_retries=1)
        except Exception:  # kombu raises what its transport raises
            warnings.append(
                Warning(
                    "The broker does not answer: work after a change waits in the outbox "
                    "and mail is not sent until it is back.",
                    hint="Start the broker of CELERY_BROKER_URL, or correct it.",
                    id="config.W003",
                )
            )
    return warnings


def check_production_services(settings) -> list[CheckMessage]:
    if settings.DEBUG or not settings.PRODUCTION:
        return []
    errors = []
    if settings.CELERY_TASK_ALWAYS_EAGER:
        errors.append(
            Error(
                "Celery tasks run eagerly in the web process.",
                hint="Set CELERY_BROKER_URL to a Redis or RabbitMQ broker and run workers.",
                id="config.E001",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith(".sqlite3"):
        errors.append(
            Error(
                "The database is SQLite.",
                hint="Set DATABASE_URL to a PostgreSQL database.",
                id="config.E002",
            )
        )
    if settings.SECRET_KEY_IS_DEVELOPMENT_KEY:
        errors.append(
            Error(
                "SECRET_KEY is the generated development key.",
                hint="Set SECRET_KEY in the environment.",
                id="config.E003",
            )
        )
    if settings.CACHES["default"]["BACKEND"] in UNSHARED_CACHES:
        errors.append(
            Error(
                "The cache is not shared by the web processes: each one counts the rate "
                "limits of logins and of the API for itself.",
                hint="Set REDIS_URL (or CACHE_URL) to a Redis server that every web process "
                "reaches.",
                id="config.E004",
            )
        )
    if urlsplit(settings.SITE_URL).hostname in THIS_MACHINE:
        errors.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL}: links in mails and calendar apps point "
                "to this machine, not to the site.",
                hint="Set SITE_URL to the site's public address, e.g. "
                "https://meetings.example.org.",
                id="config.W001",
            )
        )
    return errors
