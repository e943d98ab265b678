"""Personal calendar feed URLs carry their only secret in the path: logs keep just the
first characters of the token."""

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/calendar/feed/)([A-Za-z0-9_-]{6})[A-Za-z0-9_-]+")


def mask_feed_tokens(text: str) -> str:
    return TOKEN_IN_PATH.sub(r"\1\2…", text)


class MaskFeedTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_feed_tokens(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
