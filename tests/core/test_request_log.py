"""A log line per request, and the request's id (core.middleware.RequestLog, django-guid):
in the X-Request-ID header, on every line, as JSON with LOG_FORMAT=json."""

import json
import logging
import re

import pytest

from tests.config.test_settings import run_with

pytestmark = pytest.mark.django_db
AN_ID = "0f8fad5bd9cb469fa16570867728950e"


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "meetings.requests"]


def test_each_answer_names_its_request_and_keeps_a_callers_valid_id(client):
    made = client.get("/health/live")["X-Request-ID"]
    kept = client.get("/health/live", HTTP_X_REQUEST_ID=AN_ID)["X-Request-ID"]
    replaced = client.get("/health/live", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", made) and re.fullmatch(r"[0-9a-f]{32}", replaced)
    assert kept == AN_ID and replaced != "<script>"


def test_one_line_per_request_with_the_view_status_time_and_user_id_only(client, delegate, caplog):
    client.force_login(delegate)
    token_path = "/calendar/feed/abcdefghijklmnopqrstuvwxyz0123456789.ics"

    with caplog.at_level(logging.INFO, logger="meetings.requests"):
        client.get("/")
        client.get(token_path)

    (page, feed) = request_lines(caplog)
    assert (page.view, page.status, page.user_id, page.method) == (
        "sessions_app:home",
        200,
        delegate.pk,
        "GET",
    )
    assert page.ms > 0
    for line in (page, feed):
        assert "abcdefghijklmn" not in line.getMessage()
        assert delegate.email not in line.getMessage()
    assert feed.status == 404


def test_a_request_that_does_not_ask_who_is_signed_in_is_not_made_to(
    client, delegate, caplog, django_assert_num_queries
):
    client.force_login(delegate)

    with django_assert_num_queries(0), caplog.at_level(logging.INFO):
        client.get("/health/live")

    (line,) = request_lines(caplog)
    assert line.user_id is None


def test_with_log_format_json_each_line_is_an_object_with_the_requests_id(tmp_path):
    request = (
        "import django; django.setup(); from django.test import Client; "
        f"Client(HTTP_HOST='127.0.0.1').get('/health/live', HTTP_X_REQUEST_ID='{AN_ID}')"
    )

    result = run_with(tmp_path / "machine", request, DEBUG="1", LOG_FORMAT="json")

    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    (line,) = [line for line in lines if line["logger"] == "meetings.requests"]
    assert line["request_id"] == AN_ID
    assert (line["view"], line["status"], line["user_id"]) == ("health-live", 200, None)
    assert {"time", "level", "message", "ms"} <= set(line)
