"""Filters of every log line (LOGGING).

Some URLs carry their only secret: calendar feeds, in the path of a personal feed and in
the `token=` of a room feed (the same token opens the officer's personal feed and every
room's), focal-point invitations and personal join links in their path. Logs keep just the
first characters of the token (MaskFeedTokens). Each line names its request (RequestId)."""

import logging
import re

from django_guid.context import guid

TOKEN_IN_URL = re.compile(
    r"(/calendar/feed/|/invitations/|/join/|[?&;]token=|[?&;]token%3D)"
    r"([A-Za-z0-9_-]{6})[A-Za-z0-9_-]+",
    re.IGNORECASE,
)


def mask_feed_tokens(text: str) -> str:
    return TOKEN_IN_URL.sub(r"\1\2…", text)


class MaskFeedTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_feed_tokens(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class RequestId(logging.Filter):
    """The id of the request a line belongs to (django-guid's, as X-Request-ID returns it
    and the request's Celery tasks carry it), "-" outside any."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = guid.get() or "-"
        return True
