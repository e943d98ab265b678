"""The database dropping its connections (as in a restart): the next request reconnects,
and a request cut in the middle leaves nothing half-written. PostgreSQL only: SQLite is a
file in the process, with no connection to lose."""

import psycopg
import pytest
import requests
from django.db import connection
from rest_framework.test import APIClient

from registration import signals
from registration.models import Registration
from tests.factories import EntityFactory
from tests.faults.conftest import database_url, eventually
from tests.registration.test_api import URL, new
from tests.servers import BIN, free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server whose connections could drop")


def admin():
    return psycopg.connect(database_url())


def drop_connections(*, but: int) -> int:
    """What a restart of PostgreSQL does to the site: every connection to its database is
    closed by the server. Returns how many."""
    with admin() as server:
        return server.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
            [but],
        ).fetchone()[0]


def test_the_first_request_after_the_database_dropped_its_connections_is_answered(processes):
    port = free_port()
    processes([BIN / "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1", "config.wsgi"])
    url = f"http://127.0.0.1:{port}/"  # a page that reads the database

    def answers():
        try:
            return requests.get(url, timeout=5).status_code == 200
        except requests.ConnectionError:
            return False

    eventually(answers, 60)
    connection.ensure_connection()
    assert drop_connections(but=connection.connection.info.backend_pid) >= 1

    assert requests.get(url, timeout=10).status_code == 200


def test_a_request_cut_in_the_middle_leaves_nothing_written(open_session, delegate):
    def cut(**kwargs):  # after the registration's row is written, before the commit
        with psycopg.connect(database_url().replace("postgres://", "postgresql://")) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid]
            )

    signals.registration_changed.connect(cut)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(delegate)
    try:
        response = client.post(URL, new(EntityFactory()), format="json")
    finally:
        signals.registration_changed.disconnect(cut)
    connection.close()

    assert response.status_code == 500
    assert not Registration.objects.exists()
