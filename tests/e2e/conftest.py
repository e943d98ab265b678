"""The browser of the browser tests: Debian's Chromium, driven by Playwright."""

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _end_live_server_connections(django_db_setup, django_db_blocker):
    """The live server's request threads keep their database connections open after the
    browser is gone; on PostgreSQL they would stop the test database from being dropped
    at the end of the run. Ended once, at the end (the live server serves every module),
    before the test database is dropped."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox"]
        )
        yield browser
        browser.close()


class AsgiLiveServer:
    """The site over ASGI, served by Daphne in a process of its own, forked from the test's
    (the test database and settings as they are): for the pages that keep a socket open.
    `restart()` stops it and serves again on the same port, as when a connection drops.

    Ask for `browser` before this fixture: a server forked after Playwright's driver holds
    the driver's pipe, and the driver, closing first, would wait for it for ever; asked
    after, the server is stopped before the browser closes."""

    def __init__(self):
        self.port = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> None:
        from functools import partial

        from channels.testing.live import make_application
        from daphne.testing import DaphneProcess
        from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
        from django.db import connections

        connections.close_all()  # the child opens its own
        application = partial(make_application, static_wrapper=ASGIStaticFilesHandler)
        self.process = DaphneProcess("localhost", application, port=self.port)
        self.process.start()
        if not self.process.ready.wait(timeout=30):
            raise RuntimeError("Daphne did not start")
        self.port = self.process.port.value

    def stop(self) -> None:
        self.process.terminate()
        self.process.join()

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def asgi_live_server(transactional_db):
    server = AsgiLiveServer()
    yield server
    server.stop()
