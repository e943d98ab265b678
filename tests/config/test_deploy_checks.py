from types import SimpleNamespace

import pytest
from django.core.checks import run_checks

from config.checks import check_production_services

SQLITE = {"default": {"ENGINE": "django.db.backends.sqlite3"}}
POSTGRES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def errors(**overrides) -> set[str]:
    production = {
        "DEBUG": False,
        "PRODUCTION": True,
        "CELERY_TASK_ALWAYS_EAGER": False,
        "DATABASES": POSTGRES,
        "SECRET_KEY_IS_DEVELOPMENT_KEY": False,
        "CACHES": REDIS,
        "SITE_URL": "https://meetings.example.org",
    }
    return {
        error.id for error in check_production_services(SimpleNamespace(**production | overrides))
    }


def test_production_with_real_services_passes():
    assert errors() == set()


def test_production_refuses_eager_tasks():
    assert errors(CELERY_TASK_ALWAYS_EAGER=True) == {"config.E001"}


def test_production_refuses_sqlite():
    assert errors(DATABASES=SQLITE) == {"config.E002"}


def test_production_refuses_the_development_key():
    assert errors(SECRET_KEY_IS_DEVELOPMENT_KEY=True) == {"config.E003"}


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    ],
)
def test_production_refuses_a_cache_that_is_not_shared(backend):
    # allauth's and the API's rate limits live in the cache: each worker would count alone.
    assert errors(CACHES={"default": {"BACKEND": backend}}) == {"config.E004"}


@pytest.mark.parametrize(
    "site_url", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"]
)
def test_production_warns_when_site_url_names_this_machine(site_url):
    assert errors(SITE_URL=site_url) == {"config.W001"}


def test_development_allows_the_embedded_defaults():
    assert (
        errors(
            DEBUG=True,
            DATABASES=SQLITE,
            CELERY_TASK_ALWAYS_EAGER=True,
            SECRET_KEY_IS_DEVELOPMENT_KEY=True,
            CACHES=LOCMEM,
            SITE_URL="http://127.0.0.1:8000",
        )
        == set()
    )


@pytest.mark.parametrize("deploy", [True, False])
def test_the_check_runs_with_check_deploy_only(settings, deploy):
    settings.DEBUG, settings.PRODUCTION = False, True
    settings.CELERY_TASK_ALWAYS_EAGER = True

    found = {message.id for message in run_checks(include_deployment_checks=deploy)}

    assert ("config.E001" in found) is deploy
