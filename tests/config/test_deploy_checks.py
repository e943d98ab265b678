from types import SimpleNamespace

import pytest
from django.core.checks import run_checks

from config.checks import check_production_services

SQLITE = {"default": {"ENGINE": "django.db.backends.sqlite3"}}
POSTGRES = {"default": {"ENGINE": "django.db.backends.postgresql"}}


def errors(**overrides) -> set[str]:
    production = {
        "DEBUG": False,
        "PRODUCTION": True,
        "CELERY_TASK_ALWAYS_EAGER": False,
        "DATABASES": POSTGRES,
        "SECRET_KEY_IS_DEVELOPMENT_KEY": False,
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


def test_development_allows_the_embedded_defaults():
    assert (
        errors(
            DEBUG=True,
            DATABASES=SQLITE,
            CELERY_TASK_ALWAYS_EAGER=True,
            SECRET_KEY_IS_DEVELOPMENT_KEY=True,
        )
        == set()
    )


@pytest.mark.parametrize("deploy", [True, False])
def test_the_check_runs_with_check_deploy_only(settings, deploy):
    settings.DEBUG, settings.PRODUCTION = False, True
    settings.CELERY_TASK_ALWAYS_EAGER = True

    found = {message.id for message in run_checks(include_deployment_checks=deploy)}

    assert ("config.E001" in found) is deploy
