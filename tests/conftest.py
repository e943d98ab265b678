import os

import pytest

from tests.factories import OfficerFactory, RoomFactory, UserFactory
from tests.servers import S3Server

# The cluster of tests/cluster starts its own machines: `make test-cluster` (.ci/run).
collect_ignore = [] if os.environ.get("TEST_CLUSTER") else ["cluster"]


@pytest.fixture
def room(db):
    return RoomFactory(name="Boardroom D", slug="boardroom-d")


@pytest.fixture
def officer(db):
    return OfficerFactory()


@pytest.fixture
def delegate(db):
    return UserFactory()


@pytest.fixture
def coordinator(db):
    from tests.factories import CoordinatorFactory

    return CoordinatorFactory()


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def delegate_client(client, delegate):
    client.force_login(delegate)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """allauth keeps rate limits in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """A request in another language leaves it active in the thread (LocaleMiddleware sets
    it per request): each test starts in the site's default language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Tests make many accounts: hashing each password with the real hasher (PBKDF2, a
    third of a second here) was half of the suite's time. Logging in still checks them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _mail_delivered_to_outbox(settings):
    """Django's test runner sends `EmailMessage.send()` to `mail.outbox`; the mail kept by
    core.mail (the registrations' own) is delivered there too."""
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _media_in_tmp(request, settings, tmp_path):
    """Uploaded files of a test go to its own folder, not var/media. With TEST_STORAGE=s3
    (.ci/run), to its own prefix of a bucket on a local S3 server instead, and a file
    written to the disk fails the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if os.environ.get("TEST_STORAGE") != "s3":
        yield
        return
    server = request.getfixturevalue("s3_server")
    settings.STORAGES = {**settings.STORAGES, "default": server.storage(tmp_path.name)}
    yield
    assert not settings.MEDIA_ROOT.exists(), "a kept file was written to the local disk"


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-protocol server for the run (moto, installed with the dev dependencies),
    stopped at its end."""
    server = S3Server()
    yield server
    server.stop()


@pytest.fixture
def open_session(db):
    """A hybrid session `demo` with registration open and one in-person seat."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import SessionFactory

    now = timezone.now()
    return SessionFactory(
        format="hybrid",
        in_person_capacity=1,
        slug="demo",
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=1),
    )
