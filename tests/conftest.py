import pytest

from tests.factories import OfficerFactory, RoomFactory, UserFactory


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
def _media_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
