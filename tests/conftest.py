import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError

from config.storage import from_url
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


class S3Server:
    """moto's S3 server on a free local port, with the bucket `meetings`."""

    BUCKET = "meetings"

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [Path(sys.executable).parent / "moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                self.client().create_bucket(Bucket=self.BUCKET)
                return
            except EndpointConnectionError:
                time.sleep(0.1)
        self.process.kill()
        raise RuntimeError(f"moto_server did not start on port {self.port}")

    def url(self, prefix: str = "") -> str:
        """The STORAGE_URL of the bucket, its files under `prefix`."""
        return f"s3://test:test@{self.BUCKET}/{prefix}?endpoint_url={self.endpoint}&region_name=us-east-1"

    def storage(self, prefix: str = "") -> dict:
        return from_url(self.url(prefix))

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        )

    def keys(self, prefix: str = "") -> list[str]:
        listed = self.client().list_objects_v2(Bucket=self.BUCKET, Prefix=prefix)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


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
