"""Calendar tokens never reach the logs in full: not in the path of a personal feed, not in
the `token=` of a room feed, in Django's loggers and in gunicorn's access log alike."""

import contextlib
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from config.log_filters import MaskFeedTokens, mask_feed_tokens
from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "AbCdEf" + "x" * 37


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        (f"GET /calendar/feed/{TOKEN}.ics HTTP/1.1", "GET /calendar/feed/AbCdEf….ics HTTP/1.1"),
        (
            f"GET /calendar/rooms/boardroom-d.ics?token={TOKEN} HTTP/1.1",
            "GET /calendar/rooms/boardroom-d.ics?token=AbCdEf… HTTP/1.1",
        ),
        (
            f"GET /calendar/rooms/boardroom-d.ics?x=1&token={TOKEN}&y=2 HTTP/1.1",
            "GET /calendar/rooms/boardroom-d.ics?x=1&token=AbCdEf…&y=2 HTTP/1.1",
        ),
        (
            f"GET /calendar/rooms/boardroom-d.ics?TOKEN%3D{TOKEN}",
            "GET /calendar/rooms/boardroom-d.ics?TOKEN%3DAbCdEf…",
        ),
        (f"GET /invitations/{TOKEN}/ HTTP/1.1", "GET /invitations/AbCdEf…/ HTTP/1.1"),
        (f"GET /join/{TOKEN}/ HTTP/1.1", "GET /join/AbCdEf…/ HTTP/1.1"),
    ],
)
def test_a_token_keeps_only_its_start(line, masked):
    assert mask_feed_tokens(line) == masked


def test_a_room_feed_request_line_of_runserver_is_masked():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /calendar/rooms/boardroom-d.ics?token={TOKEN} HTTP/1.1", 200, 512),
        None,
    )

    MaskFeedTokens().filter(record)

    assert TOKEN not in record.getMessage()


def _get(url: str) -> None:
    with contextlib.suppress(urllib.error.HTTPError):  # an error answer is logged too
        urllib.request.urlopen(url, timeout=10)  # noqa: S310 (the local test server)


def test_gunicorns_access_log_masks_calendar_tokens(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "CELERY_BROKER_URL"}
    } | {
        "DEBUG": "1",
        "VAR_DIR": str(tmp_path),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while "Booting worker" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        _get(f"http://127.0.0.1:{port}/calendar/rooms/boardroom-d.ics?token={TOKEN}")
        _get(f"http://127.0.0.1:{port}/calendar/feed/{TOKEN}.ics")
    finally:
        server.terminate()
        server.wait(timeout=30)

    text = log.read_text()
    assert '"GET /calendar/rooms/boardroom-d.ics?token=AbCdEf… HTTP/1.1"' in text
    assert '"GET /calendar/feed/AbCdEf….ics HTTP/1.1"' in text
    assert TOKEN not in text
