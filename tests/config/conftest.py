from datetime import date

import pytest
from django.db import transaction
from django.test.utils import override_settings

from config.demo import seed

TODAY = date(2026, 11, 27)


def quiet(*args):
    pass


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, demo_media):
    """Here every test sees the files of the module's demo."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo meeting, seeded once per module (about 2 s) inside a transaction that is
    rolled back after the module; each test runs in a savepoint within it, so a test that
    changes the demo leaves it as it was for the next one."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seed(today=TODAY, log=quiet)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
